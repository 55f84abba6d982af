import csv

import pytest
from PySide6.QtWidgets import QMainWindow, QTableWidget, QTreeWidget

import trustplanner.ui.dialogs.import_dialog as import_dialog
from trustplanner.resources import resource_path
from trustplanner.services.snapshot import load_snapshot
from trustplanner.ui.dialogs.import_dialog import ImportPreviewDialog, run_import


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


def tab(dialog: ImportPreviewDialog, name: str):
    return dialog.findChild(QTableWidget if name == "problems" else QTreeWidget, name)


def test_preview_lists_added_changed_unchanged_and_the_field_changes(qtbot, demo_document, update_csv):
    dialog = ImportPreviewDialog(demo_document, "milestones", update_csv)
    qtbot.addWidget(dialog)
    total = sum(1 for m in demo_document.snapshot.milestones if not m.derived)  # derived ones are not in the file
    assert f"<b>1</b> new milestone · <b>2</b> changed milestones · <b>{total - 2}</b> unchanged" \
        in dialog.summary.text()
    added = tab(dialog, "added")
    assert added.topLevelItemCount() == 1 and added.topLevelItem(0).text(0) == "ICT-09"
    assert dialog.changes == {
        "CON-02": [("Owner", "Head of Commissioning (council)", "Commissioning Manager")],
        "CON-03": [("Forecast", "10/03/2017", "24/03/2017")],
    }
    changed = tab(dialog, "changed")
    con03 = next(changed.topLevelItem(i) for i in range(2) if changed.topLevelItem(i).text(0).startswith("CON-03"))
    assert [con03.child(0).text(c) for c in range(3)] == ["Forecast", "10/03/2017", "24/03/2017"]
    assert "notes" in dialog.ignored.text()
    assert dialog.import_button.isEnabled()
    assert load_snapshot(demo_document.plan) == demo_document.snapshot  # a preview changes nothing


def test_preview_shows_the_knock_ons_the_import_would_cause(qtbot, demo_document, update_csv):
    dialog = ImportPreviewDialog(demo_document, "milestones", update_csv)
    qtbot.addWidget(dialog)
    fresh = {(k.ref, k.caused_by) for k in dialog.new_knock_ons}
    assert ("COM-01", "CON-03") in fresh  # COM-01 (17/03) depends on CON-03, now 24/03
    knock_ons = tab(dialog, "knock_ons")
    rows = {knock_ons.topLevelItem(i).text(0): knock_ons.topLevelItem(i) for i in range(knock_ons.topLevelItemCount())}
    assert [rows["COM-01"].text(c) for c in (2, 3, 5, 6)] == ["17/03/2017", "24/03/2017", "CON-03", "new"]
    assert len(rows) == len(dialog.import_result.knock_ons)


def test_a_file_with_errors_lists_every_error_and_cannot_be_imported(qtbot, demo_document, bad_csv):
    before = load_snapshot(demo_document.plan)
    dialog = ImportPreviewDialog(demo_document, "milestones", bad_csv)
    qtbot.addWidget(dialog)
    table = tab(dialog, "problems")
    rows = [tuple(table.item(r, c).text() for c in range(3)) for r in range(table.rowCount())]
    assert [(row, column) for row, column, _ in rows] == [
        ("2", "baseline"), ("2", "title"), ("3", "service"), ("3", "stage"), ("4", "ref")]
    assert rows[0][2] == "'2017-02-30' is not a real date"
    assert "5 problems in bad.csv" in dialog.summary.text()
    assert dialog.tabs.tabText(0) == "Problems in bad.csv (5)"
    assert not dialog.import_button.isEnabled()
    dialog.accept()
    assert load_snapshot(demo_document.plan) == before
    assert demo_document.undo_stack.count() == 0


def test_a_file_that_matches_the_plan_has_nothing_to_import(qtbot, demo_document):
    dialog = ImportPreviewDialog(demo_document, "services", str(resource_path("demo", "services.csv")))
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()
    assert "nothing to import" in dialog.messages.label.text()


def test_service_preview_shows_the_changed_dates(qtbot, demo_document, tmp_path):
    rows = demo_rows("services")
    rows[3][1] = "01/10/2016"  # Early help moves into shadow a month later
    rows.append(["Youth offending service", "", "", "yes"])
    dialog = ImportPreviewDialog(demo_document, "services", write(tmp_path / "services.csv", rows))
    qtbot.addWidget(dialog)
    assert dialog.changes == {"Early help": [("Shadow from", "(blank)", "01/10/2016")]}
    added = tab(dialog, "added")
    assert [added.topLevelItem(0).text(c) for c in range(4)] == ["Youth offending service", "", "", "yes"]


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
    assert "Imported milestones from update.csv: 1 added, 2 changed" in window.statusBar().currentMessage()

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
