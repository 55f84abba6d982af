import csv
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QMainWindow, QTableView

import trustplanner.ui.import_dialog as import_dialog
from trustplanner.domain.schedule import knock_on
from trustplanner.resources import resource_path
from trustplanner.domain.problems import PlanFileError
from trustplanner.services.kinds import KINDS, kind_named
from trustplanner.services.snapshot import load_snapshot
from trustplanner.ui.import_dialog import ImportPreviewDialog, run_import
from trustplanner.ui.main_window import MainWindow


def demo_rows(kind: str) -> list[list[str]]:
    with resource_path("demo", f"{kind}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def write(path, rows) -> str:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return str(path)


@pytest.fixture
def update_csv(tmp_path):
    """The demo milestones with CON-02's owner and CON-03's forecast changed, one new milestone and a notes column."""
    rows = demo_rows("milestones")
    header = rows[0]
    col = {name: i for i, name in enumerate(header)}
    for row in rows[1:]:
        if row[0] == "CON-02":
            row[col["owner"]] = "Commissioning Manager"
        if row[0] == "CON-03":
            row[col["forecast"]] = "2017-03-24"
    rows.append(["ICT-09", "Case management system cut-over rehearsal", "ICT & data", "Children's social care",
                 "shadow", "Head of ICT", "2017-03-03", "2017-03-03", "", "", "", ""])
    return write(tmp_path / "update.csv", [header + ["notes"]] + [row + [""] for row in rows[1:]])


@pytest.fixture
def bad_csv(tmp_path):
    header = demo_rows("milestones")[0]
    return write(tmp_path / "bad.csv", [
        header,
        ["X-1", "", "Governance", "", "shadow", "", "2017-02-30", "", "", "", "", ""],
        ["X-2", "Thing", "Governance", "Youth justice", "limbo", "", "2017-03-01", "", "", "", "", ""],
        ["X-1", "Again", "Governance", "", "shadow", "", "2017-03-01", "", "", "", "", ""],
    ])


def tab(dialog: ImportPreviewDialog, name: str) -> QTableView | None:
    return dialog.findChild(QTableView, name)


def rows(view: QTableView) -> list[list[str]]:
    model = view.model()
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def changes(dialog: ImportPreviewDialog) -> dict[str, list[tuple[str, str, str]]]:
    return {record.key: [(c.label, c.before, c.after) for c in record.fields]
            for record in dialog.preview_result.changed}


def tab_texts(dialog: ImportPreviewDialog) -> list[str]:
    return [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]


def test_preview_lists_added_changed_unchanged_and_the_field_changes(qtbot, demo_document, update_csv):
    dialog = ImportPreviewDialog(demo_document, "milestones", update_csv)
    qtbot.addWidget(dialog)
    total = sum(1 for m in demo_document.snapshot.milestones if not m.derived)  # derived ones are not in the file
    assert f"<b>1</b> new milestone · <b>2</b> changed milestones · <b>{total - 2}</b> unchanged" \
        in dialog.summary.text()
    assert not dialog.date_edit.isVisible() and dialog.chosen_date() is None  # milestones take no date
    assert rows(tab(dialog, "added"))[0][:2] == ["ICT-09", "Case management system cut-over rehearsal"]
    assert changes(dialog) == {
        "CON-02": [("Owner", "Head of Commissioning (council)", "Commissioning Manager")],
        "CON-03": [("Forecast", "10/03/2017", "24/03/2017")],
    }
    changed = tab(dialog, "changed")
    con03 = next(row for row in rows(changed) if row[0].startswith("CON-03"))
    assert con03[1:] == ["Forecast", "10/03/2017", "24/03/2017"]
    model = changed.model()
    assert model.index(0, 3).data(Qt.ItemDataRole.FontRole).bold()  # what the import changes, in bold
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == \
        ["Milestone", "Field", "Now", "After import"]
    assert tab_texts(dialog) == ["New (1)", "Changed (2)", f"Notes ({len(dialog.preview_result.notes)})"]
    assert any("notes" in row[0] for row in rows(tab(dialog, "notes")))  # the ignored column
    assert dialog.import_button.isEnabled()
    assert not dialog.show_personal.isVisible()  # no personal data in milestones
    for name in ("added", "changed", "notes"):
        QAbstractItemModelTester(tab(dialog, name).model(), QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert load_snapshot(demo_document.plan) == demo_document.snapshot  # a preview changes nothing


def test_preview_shows_the_knock_ons_the_import_would_cause(qtbot, demo_document, update_csv):
    dialog = ImportPreviewDialog(demo_document, "milestones", update_csv)
    qtbot.addWidget(dialog)
    fresh = [k for k in dialog.preview_result.outcome.knock_ons if k not in
             set(knock_on(demo_document.snapshot.milestones))]
    assert f"<b>{len(fresh)}</b> new knock-ons" in dialog.summary.text() and len(fresh) >= 1
    notes = [row[0] for row in rows(tab(dialog, "notes"))]
    com01 = next(n for n in notes if n.startswith("COM-01"))  # COM-01 (17/03) depends on CON-03, now 24/03
    assert "forecast 17/03/2017 falls before CON-03; it would be pushed to 24/03/2017" in com01
    assert com01.endswith("New with this import.")
    knock_ons = dialog.preview_result.outcome.knock_ons
    assert sum(1 for n in notes if n.endswith(("New with this import.", "Already so in the plan."))) == len(knock_ons)
    assert com01 in notes[1:1 + len(fresh)]  # the new ones first


def test_a_file_with_errors_lists_every_error_and_cannot_be_imported(qtbot, demo_document, bad_csv):
    before = load_snapshot(demo_document.plan)
    dialog = ImportPreviewDialog(demo_document, "milestones", bad_csv)
    qtbot.addWidget(dialog)
    table = tab(dialog, "problems")
    found = rows(table)
    assert [(row, column) for row, column, _ in found] == [
        ("bad.csv:2", "baseline"), ("bad.csv:2", "title"), ("bad.csv:3", "service"), ("bad.csv:3", "stage"),
        ("bad.csv:4", "ref")]
    assert found[0][2] == "'2017-02-30' is not a real date"
    assert [table.model().headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == \
        ["File:row", "Column", "Problem"]
    assert "5 problems in bad.csv" in dialog.summary.text()
    assert tab_texts(dialog) == ["Problems (5)"]
    assert not dialog.import_button.isEnabled()
    dialog.accept()
    assert load_snapshot(demo_document.plan) == before
    assert demo_document.undo_stack.count() == 0


def test_a_file_that_matches_the_plan_has_nothing_to_import(qtbot, demo_document):
    dialog = ImportPreviewDialog(demo_document, "services", str(resource_path("demo", "services.csv")))
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()
    assert "nothing to import" in dialog.messages.label.text()
    assert dialog.tabs.count() == 0 and dialog.tabs.isHidden()


def test_a_preview_that_fails_says_so_and_cannot_be_imported(qtbot, demo_document, update_csv):
    def broken(plan, path, *, as_of=None, blank="keep"):
        raise PlanFileError("the plan file cannot be read")

    kind = replace(kind_named("milestones"), preview_file=broken)
    dialog = ImportPreviewDialog(demo_document, kind, update_csv)
    qtbot.addWidget(dialog)
    assert "cannot be imported" in dialog.summary.text()
    assert dialog.messages.label.text() == "the plan file cannot be read"
    assert not dialog.import_button.isEnabled() and dialog.tabs.count() == 0


def test_service_preview_shows_the_changed_dates(qtbot, demo_document, tmp_path):
    rows_ = demo_rows("services")
    rows_[3][1] = "01/10/2016"  # Early help moves into shadow a month later
    rows_.append(["Youth offending service", "", "", "yes"])
    dialog = ImportPreviewDialog(demo_document, "services", write(tmp_path / "services.csv", rows_))
    qtbot.addWidget(dialog)
    assert changes(dialog) == {"Early help": [("Shadow from", "(blank)", "01/10/2016")]}
    assert rows(tab(dialog, "added")) == [["Youth offending service", "", "", "yes"]]


def test_confirming_imports_as_one_undoable_edit(qtbot, demo_document, update_csv, settings, monkeypatch, tmp_path):
    before = load_snapshot(demo_document.plan)
    window = QMainWindow()
    qtbot.addWidget(window)
    monkeypatch.setattr(import_dialog, "choose_import_file", lambda parent, kind, folder: update_csv)
    shown = []

    def confirm(dialog):
        shown.append(dialog)
        dialog.import_button.click()
        return dialog.result() == dialog.DialogCode.Accepted

    monkeypatch.setattr(import_dialog.dialogs, "run_dialog", confirm)
    assert run_import(window, demo_document, "milestones", settings)
    assert len(shown) == 1
    after = load_snapshot(demo_document.plan)
    assert after.milestone("CON-02").owner == "Commissioning Manager"
    assert after.milestone("ICT-09").title == "Case management system cut-over rehearsal"
    assert demo_document.snapshot == after
    assert settings.last_folder() == str(tmp_path)
    assert "Imported milestones: 1 added, 2 changed" in window.statusBar().currentMessage()
    assert "from update.csv" in window.statusBar().currentMessage()

    demo_document.undo_stack.undo()
    assert load_snapshot(demo_document.plan) == before
    demo_document.undo_stack.redo()
    assert load_snapshot(demo_document.plan) == after


def test_cancelling_the_file_chooser_or_the_preview_changes_nothing(qtbot, demo_document, update_csv, settings,
                                                                    monkeypatch):
    before = load_snapshot(demo_document.plan)
    monkeypatch.setattr(import_dialog, "choose_import_file", lambda parent, kind, folder: "")
    opened = []
    monkeypatch.setattr(import_dialog.dialogs, "run_dialog", lambda dialog: opened.append(dialog) or False)
    assert not run_import(None, demo_document, "milestones", settings)
    assert opened == []
    monkeypatch.setattr(import_dialog, "choose_import_file", lambda parent, kind, folder: update_csv)
    assert not run_import(None, demo_document, "milestones", settings)
    assert len(opened) == 1
    assert load_snapshot(demo_document.plan) == before
    assert demo_document.undo_stack.count() == 0


def test_an_import_refused_at_the_last_moment_keeps_the_dialog_open(qtbot, demo_document, update_csv, tmp_path):
    dialog = ImportPreviewDialog(demo_document, "milestones", update_csv)
    qtbot.addWidget(dialog)
    (tmp_path / "update.csv").write_text("ref,title\n", encoding="utf-8")  # the file changed after the preview
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.messages.label.text().startswith("Nothing was imported.")
    assert demo_document.undo_stack.count() == 0


def test_file_import_has_one_action_per_kind_and_each_opens_the_preview(qtbot, settings, demo_path, monkeypatch):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_plan(demo_path)
    assert [a.text().replace("&", "") for a in window.import_actions.values()] == [f"{k.label}…" for k in KINDS]
    keys = [a.text()[a.text().index("&") + 1].lower() for a in window.import_actions.values()]
    assert len(set(keys)) == len(keys)  # each has an Alt key of its own
    asked = []
    monkeypatch.setattr(import_dialog, "choose_import_file", lambda parent, kind, folder: asked.append((parent, kind))
                        or "")
    for action in window.import_actions.values():
        assert action.isEnabled()
        action.trigger()
    assert asked == [(window, kind) for kind in KINDS]
