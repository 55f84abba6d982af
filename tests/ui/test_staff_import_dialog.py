import csv
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QTableView

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

import trustplanner.ui.dialogs as dialogs
import trustplanner.ui.import_dialog as import_dialog
from trustplanner.services.demo import DEMO_STATUS_DATE, create_demo_plan
from trustplanner.services.staff import import_staff, latest_extract_date, load_staff, staff_state
from trustplanner.ui.document import PlanDocument
from trustplanner.ui.import_dialog import ImportPreviewDialog, run_import
from trustplanner.ui.main_window import MainWindow
from trustplanner.ui.text_table import HIDDEN

HEADER = ["ref", "name", "service", "team", "role", "grade", "employment", "fte", "annual_cost", "tupe", "pension",
          "caseload", "transfer_date", "eli_sent", "consultation"]
CSC, EH = "Children's social care", "Early help"
EARLIER = [
    ["A1", "Alice Able", CSC, "Assessment", "Social worker", "PO3", "permanent", "1", "40000", "yes", "lgps", "18",
     "", "", ""],
    ["A2", "Bob Brown", CSC, "Assessment", "Social worker", "PO3", "agency", "1", "70000", "no", "none", "20",
     "", "", ""],
    ["L1", "Dan Dent", EH, "Locality", "Family worker", "Scale 5", "fixed_term", "1", "30000", "yes", "lgps", "",
     "", "", ""],
]
LATER = [
    ["A1", "Alice Able-Smith", CSC, "Assessment", "Social worker", "PO3", "permanent", "1", "£41,000.00", "yes",
     "lgps", "18", "", "", ""],
    ["A2", "Bob Brown", CSC, "Assessment", "Social worker", "PO3", "permanent", "1", "42,000", "yes", "lgps", "20",
     "", "", "informed"],
    ["J1", "Eve Eagle", EH, "Locality", "Family worker", "Scale 5", "permanent", "0.8", "28000", "yes", "lgps", "",
     "2017-10-01", "", ""],
]
EARLIER_DATE = date(2016, 10, 3)


def write(path, rows, header=HEADER) -> str:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    return str(path)


@pytest.fixture
def document(tmp_path, qapp):
    plan = create_demo_plan(tmp_path / "staff.tplan", with_staff=False)  # these tests bring their own staff
    import_staff(plan, write(tmp_path / "earlier.csv", EARLIER), extract_date=EARLIER_DATE)
    document = PlanDocument(plan, None)
    yield document
    document.close()


@pytest.fixture
def later_csv(tmp_path):
    return write(tmp_path / "later.csv", LATER)


def dialog_for(qtbot, document, path, **options) -> ImportPreviewDialog:
    dialog = ImportPreviewDialog(document, "staff", path, **options)
    qtbot.addWidget(dialog)
    return dialog


def view(dialog, name: str) -> QTableView:
    return dialog.findChild(QTableView, name)


def rows(table: QTableView) -> list[list[str]]:
    model = table.model()
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_preview_lists_joiners_leavers_and_changes_field_by_field(qtbot, document, later_csv):
    before = staff_state(document.plan)
    dialog = dialog_for(qtbot, document, later_csv)
    assert dialog.chosen_date() == DEMO_STATUS_DATE
    assert "<b>1</b> joiner · <b>1</b> leaver · <b>2</b> changes · <b>0</b> unchanged" in dialog.summary.text()
    assert "staff as at 16/01/2017" in dialog.summary.text()
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == \
        ["Joiners (1)", "Changed (2)", "Leavers (1)", "Notes (1)"]
    assert rows(view(dialog, "added")) == [["J1", HIDDEN, EH, "Locality", "Family worker", "Permanent", "0.8"]]
    assert rows(view(dialog, "removed"))[0][:2] == ["L1", HIDDEN]
    assert rows(view(dialog, "changed")) == [
        ["A1", "Name", HIDDEN, HIDDEN], ["", "Annual cost", HIDDEN, HIDDEN],
        ["A2", "Employment", "Agency", "Permanent"], ["", "Annual cost", HIDDEN, HIDDEN],
        ["", "In TUPE scope", "no", "yes"], ["", "Pension", "None", "LGPS"],
        ["", "Consultation", "Not started", "Informed"]]
    assert view(dialog, "changed").model().index(0, 2).data(Qt.ItemDataRole.AccessibleTextRole) == "hidden"
    assert dialog.show_personal.text() == "&Show names and salaries" and not dialog.show_personal.isChecked()
    assert "Names and salaries are hidden" in dialog.personal_note.text()
    assert dialog.import_button.isEnabled()
    for name in ("added", "removed", "changed"):
        QAbstractItemModelTester(view(dialog, name).model(), QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert staff_state(document.plan) == before  # a preview changes nothing


def test_preview_shows_names_and_salaries_only_when_the_user_shows_them(qtbot, document, later_csv):
    dialog = dialog_for(qtbot, document, later_csv)
    dialog.tabs.setCurrentIndex(1)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # the box's Alt key
    qtbot.waitUntil(dialog.show_personal.isChecked)
    assert rows(view(dialog, "changed"))[:2] == [["A1", "Name", "Alice Able", "Alice Able-Smith"],
                                                 ["", "Annual cost", "£40,000", "£41,000"]]
    assert rows(view(dialog, "added"))[0][1] == "Eve Eagle"
    assert dialog.personal_note.isHidden()
    assert dialog.tabs.currentIndex() == 1  # still on the tab the user was reading
    shown = dialog_for(qtbot, document, later_csv, show_personal=True)  # as the Staff page shows them
    assert rows(view(shown, "removed"))[0][1] == "Dan Dent"


def test_every_problem_is_listed_and_nothing_can_be_imported(qtbot, document, tmp_path):
    before = staff_state(document.plan)
    path = write(tmp_path / "bad.csv", [
        ["B1", "", CSC, "", "", "", "permanent", "1.5", "40000", "yes", "lgps", "", "", "", ""],
        ["B2", "", "Nowhere", "", "", "", "contractor", "x", "-5", "yes", "", "", "", "", ""],
        ["B3", "", CSC, "", "", "", "agency", "1", "£70,000", "yes", "", "", "", "", ""],
        ["B1", "", CSC, "", "", "", "vacancy", "0", "40000", "no", "", "", "", "", ""],
    ])
    dialog = dialog_for(qtbot, document, path)
    problems = view(dialog, "problems")
    problem_list = dialog.preview_result.problems
    assert problems is not None and dialog.tabs.tabText(0) == f"Problems ({len(problem_list)})"
    model = problems.model()
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == ["File:row", "Column", "Problem"]
    listed = {(r[0], r[1]) for r in rows(problems)}
    assert {("bad.csv:2", "fte"), ("bad.csv:3", "service"), ("bad.csv:3", "employment"), ("bad.csv:3", "fte"),
            ("bad.csv:3", "annual_cost"), ("bad.csv:4", "tupe"), ("bad.csv:5", "ref"), ("bad.csv:5", "fte")} <= listed
    assert len(rows(problems)) == len(problem_list) >= 8
    assert not dialog.show_personal.isVisible()
    assert not dialog.import_button.isEnabled()
    dialog.accept()  # refused: nothing to import
    assert staff_state(document.plan) == before


def test_an_extract_dated_before_the_latest_is_refused_until_the_date_is_changed(qtbot, document, later_csv):
    dialog = dialog_for(qtbot, document, later_csv)
    dialog.set_date(date(2016, 9, 1))
    assert rows(view(dialog, "problems"))[0][0] == "later.csv" and "in date order" in rows(view(dialog, "problems"))[0][2]
    assert not dialog.import_button.isEnabled()
    dialog.set_date(date(2016, 12, 1))
    assert view(dialog, "problems") is None and dialog.import_button.isEnabled()
    assert dialog.preview_result.as_of == date(2016, 12, 1)


def test_the_extract_date_typed_in_is_the_date_the_staff_are_stored_as_at(qtbot, document, later_csv):
    dialog = dialog_for(qtbot, document, later_csv)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    caption = next(label for label in dialog.findChildren(QLabel) if label.buddy() is dialog.date_edit)
    assert caption.text() == "Staff as at (extract &date)"
    QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.date_edit.hasFocus)
    QTest.keyClicks(dialog.date_edit, "01122016")
    assert dialog.chosen_date() == date(2016, 12, 1)
    qtbot.waitUntil(lambda: dialog.preview_result is not None and dialog.preview_result.as_of == date(2016, 12, 1))
    assert "staff as at 01/12/2016" in dialog.summary.text()
    QTest.keyClick(dialog.import_button, Qt.Key.Key_Space)
    assert dialog.result() == dialog.DialogCode.Accepted
    with document.plan.reading() as session:
        assert latest_extract_date(session) == date(2016, 12, 1)
    assert {r.ref for r in load_staff(document.plan, date(2016, 12, 1))} == {"A1", "A2", "J1"}


def test_a_file_that_matches_the_plan_has_nothing_to_import(qtbot, document, tmp_path):
    dialog = dialog_for(qtbot, document, write(tmp_path / "same.csv", EARLIER))
    assert not dialog.import_button.isEnabled() and "nothing to import" in dialog.messages.label.text()


def test_confirming_imports_and_undo_restores_the_staff_exactly(qtbot, document, later_csv):
    before = staff_state(document.plan)
    dialog = dialog_for(qtbot, document, later_csv)
    dialog.accept()
    assert dialog.import_result.applied and dialog.result() == dialog.DialogCode.Accepted
    after = staff_state(document.plan)
    assert {r.ref for r in load_staff(document.plan)} == {"A1", "A2", "J1"}
    assert document.undo_stack.undoText() == "Import staff as at 16/01/2017 from later.csv"
    document.undo_stack.undo()
    assert staff_state(document.plan) == before
    assert any(m.ref.startswith("TUPE-ELI-") for m in document.snapshot.milestones)  # derived ones back in step
    document.undo_stack.redo()
    assert staff_state(document.plan) == after


def test_run_import_chooses_previews_and_reports(qtbot, document, later_csv, settings, monkeypatch):
    monkeypatch.setattr(import_dialog, "choose_import_file", lambda parent, kind, folder: "")
    assert run_import(None, document, "staff", settings) is False  # cancelled
    monkeypatch.setattr(import_dialog, "choose_import_file", lambda parent, kind, folder: later_csv)
    monkeypatch.setattr(dialogs, "run_dialog", lambda dialog: False)
    assert run_import(None, document, "staff", settings) is False  # preview closed
    heard = []

    def confirm(dialog):
        dialog.accept()
        return True

    monkeypatch.setattr(dialogs, "run_dialog", confirm)
    assert run_import(None, document, "staff", settings, on_imported=lambda *a: heard.append(a)) is True
    assert [(kind.name, as_of, result.joiners) for kind, as_of, result in heard] == [("staff", DEMO_STATUS_DATE,
                                                                                      ["J1"])]
    assert settings.last_folder() == str(Path(later_csv).parent)


def test_file_import_staff_menu_reaches_the_staff_import(qtbot, settings, demo_path, later_csv, monkeypatch):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_plan(demo_path)
    action = window.import_actions["staff"]
    assert action.isEnabled() and action in window.edit_plan_actions
    seen = []
    monkeypatch.setattr(import_dialog, "choose_import_file", lambda parent, kind, folder: seen.append(parent) or "")
    action.trigger()
    assert seen == [window]
    assert window.page_titled("Staff") is not None


def test_file_import_staff_shows_names_when_the_staff_page_does(qtbot, settings, demo_path, later_csv, monkeypatch):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_plan(demo_path)
    window.page_titled("Staff").set_show_names(True)
    monkeypatch.setattr(import_dialog, "choose_import_file", lambda parent, kind, folder: later_csv)
    opened = []
    monkeypatch.setattr(dialogs, "run_dialog", lambda dialog: opened.append(dialog.show_personal.isChecked()))
    window.import_table("staff")
    assert opened == [True]
