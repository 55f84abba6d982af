import csv
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QTableView

import trustplanner.ui.dialogs as dialogs
import trustplanner.ui.staff.import_dialog as import_dialog
from trustplanner.services.demo import DEMO_STATUS_DATE, create_demo_plan
from trustplanner.services.staff import import_staff, load_staff, staff_state
from trustplanner.ui.document import PlanDocument
from trustplanner.ui.main_window import MainWindow
from trustplanner.ui.staff.import_dialog import StaffImportDialog, run_staff_import
from trustplanner.ui.staff.table import HIDDEN

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


def dialog_for(qtbot, document, path, **options) -> StaffImportDialog:
    dialog = StaffImportDialog(document, path, **options)
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
    assert [r.ref for r in dialog.joiners] == ["J1"] and [r.ref for r in dialog.leavers] == ["L1"]
    assert rows(view(dialog, "joiners")) == [["J1", HIDDEN, EH, "Locality", "Family worker", "Permanent", "0.8"]]
    assert rows(view(dialog, "leavers"))[0][:2] == ["L1", HIDDEN]
    assert dialog.changes == {
        "A1": [("Name", HIDDEN, HIDDEN), ("Annual cost", HIDDEN, HIDDEN)],
        "A2": [("Employment", "Agency", "Permanent"), ("Annual cost", HIDDEN, HIDDEN), ("In TUPE scope", "no", "yes"),
               ("Pension", "None", "LGPS"), ("Consultation", "Not started", "Informed")],
    }
    assert rows(view(dialog, "changes"))[2] == ["A2", "Employment", "Agency", "Permanent"]
    assert "Names and salaries are hidden" in dialog.note.text()
    assert dialog.import_button.isEnabled()
    for name in ("joiners", "leavers", "changes"):
        QAbstractItemModelTester(view(dialog, name).model(), QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert staff_state(document.plan) == before  # a preview changes nothing


def test_preview_shows_names_and_salaries_only_when_the_user_shows_them(qtbot, document, later_csv):
    dialog = dialog_for(qtbot, document, later_csv, show_names=True)
    assert dialog.changes["A1"] == [("Name", "Alice Able", "Alice Able-Smith"), ("Annual cost", "£40,000", "£41,000")]
    assert rows(view(dialog, "joiners"))[0][1] == "Eve Eagle"
    assert "hidden" not in dialog.note.text()


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
    assert problems is not None and dialog.tabs.tabText(0) == f"Problems ({len(dialog.problems)})"
    model = problems.model()
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == ["Row", "Column", "Problem"]
    listed = {(r[0], r[1]) for r in rows(problems)}
    assert {("2", "fte"), ("3", "service"), ("3", "employment"), ("3", "fte"), ("3", "annual_cost"), ("4", "tupe"),
            ("5", "ref"), ("5", "fte")} <= listed
    assert len(rows(problems)) == len(dialog.problems) >= 8
    assert not dialog.import_button.isEnabled()
    dialog.accept()  # refused: nothing to import
    assert staff_state(document.plan) == before


def test_an_extract_dated_before_the_latest_is_refused_until_the_date_is_changed(qtbot, document, later_csv):
    dialog = dialog_for(qtbot, document, later_csv)
    dialog.set_extract_date(date(2016, 9, 1))
    assert rows(view(dialog, "problems"))[0][0] == "—" and "in date order" in rows(view(dialog, "problems"))[0][2]
    assert not dialog.import_button.isEnabled()
    dialog.set_extract_date(date(2016, 12, 1))
    assert view(dialog, "problems") is None and dialog.import_button.isEnabled()
    assert dialog.preview_result.extract_date == date(2016, 12, 1)


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


def test_run_staff_import_chooses_previews_and_reports(qtbot, document, later_csv, settings, monkeypatch):
    monkeypatch.setattr(import_dialog, "choose_staff_file", lambda parent, folder: "")
    assert run_staff_import(None, document, settings) is False  # cancelled
    monkeypatch.setattr(import_dialog, "choose_staff_file", lambda parent, folder: later_csv)
    monkeypatch.setattr(dialogs, "run_dialog", lambda dialog: False)
    assert run_staff_import(None, document, settings) is False  # preview closed
    heard = []

    def confirm(dialog):
        dialog.accept()
        return True

    monkeypatch.setattr(dialogs, "run_dialog", confirm)
    assert run_staff_import(None, document, settings, on_imported=heard.append) is True
    assert [r.joiners for r in heard] == [["J1"]]
    assert settings.last_folder() == str(Path(later_csv).parent)


def test_file_import_staff_menu_reaches_the_staff_import(qtbot, settings, demo_path, later_csv, monkeypatch):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_plan(demo_path)
    action = next(a for a in window.edit_plan_actions if a.text() == "S&taff…")
    assert action.isEnabled()
    seen = []
    monkeypatch.setattr(import_dialog, "choose_staff_file", lambda parent, folder: seen.append(parent) or "")
    action.trigger()
    assert seen == [window]
    assert window.page_titled("Staff") is not None
