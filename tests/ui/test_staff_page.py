import csv
from datetime import date

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QAbstractItemModelTester

import trustplanner.ui.dialogs as dialogs
import trustplanner.ui.import_dialog as import_dialog
from trustplanner.domain.staff import Employment
from trustplanner.services.demo import DEMO_STATUS_DATE, create_demo_plan
from trustplanner.services.staff import import_staff, load_staff, staff_state
from trustplanner.services.workforce import figures_for, grouped, transfer_waves
from trustplanner.store.plan_file import open_plan_file
from trustplanner.ui.document import PlanDocument
from trustplanner.ui.pages.staff import StaffPage
from trustplanner.ui.staff.charts import FteByServiceChart, TransferWavesChart, TupeProgressChart
from trustplanner.ui.staff.summary import headline
from trustplanner.ui.staff.table import HIDDEN, Column, StaffFilter, StaffTableModel

HEADER = ["ref", "name", "service", "team", "role", "grade", "employment", "fte", "annual_cost", "tupe", "pension",
          "caseload", "transfer_date", "eli_sent", "consultation"]
CSC, EDU, EH, IRO = "Children's social care", "Education services", "Early help", "Independent reviewing officers"
OCTOBER = [
    ["A1", "Alice Able", CSC, "Assessment", "Social worker", "PO3", "permanent", "1", "£40,000", "yes", "lgps", "18",
     "", "", ""],
    ["A2", "Bob Brown", CSC, "Assessment", "Social worker", "PO3", "agency", "1", "£70,000", "no", "none", "20",
     "", "", ""],
    ["A3", "", CSC, "Assessment", "Social worker", "PO3", "vacancy", "1", "£38,000", "no", "none", "", "", "", ""],
    ["E1", "Carol Clay", EDU, "SEND", "Adviser", "SO2", "permanent", "0.5", "£25,000", "yes", "tps", "", "", "", ""],
    ["L1", "Dan Dent", EH, "Locality", "Family worker", "Scale 5", "fixed_term", "1", "£30,000", "yes", "lgps", "",
     "", "", ""],
]
JANUARY = [
    OCTOBER[0],
    ["A2", "Bob Brown", CSC, "Assessment", "Social worker", "PO3", "permanent", "1", "£42,000", "yes", "lgps", "20",
     "", "", ""],
    OCTOBER[2],
    ["E1", "Carol Clay", EDU, "SEND", "Adviser", "SO2", "permanent", "0.5", "£25,000", "yes", "tps", "",
     "", "2017-01-09", "informed"],
    ["J1", "Eve Eagle", EH, "Locality", "Family worker", "Scale 5", "permanent", "0.8", "£28,000", "yes", "lgps", "",
     "2017-10-01", "", ""],
    ["R1", "Fay Fox", IRO, "IRO service", "Reviewing officer", "PO5", "secondee", "1", "£50,000", "no", "lgps", "",
     "", "", ""],
]
OCTOBER_DATE = date(2016, 10, 3)


def write(path, rows) -> str:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    return str(path)


def plan_with_staff(tmp_path, *extracts, name: str = "staff"):
    """The demo plan with its own staff (if any) cleared, then ``extracts`` ((rows, date), ...) imported."""
    plan = create_demo_plan(tmp_path / f"{name}.tplan", with_staff=False)
    for n, (rows, day) in enumerate(extracts):
        import_staff(plan, write(tmp_path / f"{name}-extract{n}.csv", rows), extract_date=day)
    return plan


@pytest.fixture
def document(tmp_path, qapp):
    document = PlanDocument(plan_with_staff(tmp_path, (OCTOBER, OCTOBER_DATE), (JANUARY, DEMO_STATUS_DATE)), None)
    yield document
    document.close()


@pytest.fixture
def page(qtbot, document, settings):
    page = StaffPage()
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.set_document(document)
    page.restore_state(settings)
    return page


def cell(page: StaffPage, ref: str, column: Column, role=Qt.ItemDataRole.DisplayRole):
    return page.model.index(page.model.row_of(ref), column).data(role)


def shown_refs(page: StaffPage) -> list[str]:
    return [page.proxy.index(row, Column.REF).data() for row in range(page.proxy.rowCount())]


def test_models_pass_the_item_model_tester(qtbot, document):
    model = StaffTableModel()
    proxy = StaffFilter()
    proxy.setSourceModel(model)
    testers = [QAbstractItemModelTester(m, QAbstractItemModelTester.FailureReportingMode.Fatal) for m in (model, proxy)]
    records, snapshot = load_staff(document.plan), document.snapshot
    model.set_rows(records, snapshot)
    model.sort(Column.COST, Qt.SortOrder.DescendingOrder)
    model.set_show_names(True)
    model.sort(Column.NAME)
    proxy.set_filters(service=CSC, text="social")
    model.set_rows(records[:2], snapshot)
    model.set_rows(records, snapshot)
    proxy.set_filters()
    assert proxy.rowCount() == len(records) and testers


def test_names_and_salaries_are_hidden_until_the_user_shows_them(page):
    box = page.show_names_box
    assert box.accessibleName() == "Show names and salaries" and not box.isChecked()
    assert cell(page, "A1", Column.NAME) == HIDDEN and cell(page, "A1", Column.COST) == HIDDEN
    assert cell(page, "A1", Column.NAME, Qt.ItemDataRole.AccessibleTextRole) == "hidden"
    box.setChecked(True)
    assert cell(page, "A1", Column.NAME) == "Alice Able" and cell(page, "A1", Column.COST) == "£40,000"
    assert cell(page, "A2", Column.COST) == "£42,000"
    box.setChecked(False)
    assert cell(page, "A1", Column.NAME) == HIDDEN


def test_hidden_names_and_salaries_cannot_be_found_by_search_or_sort(page):
    page.search.setText("alice")
    assert shown_refs(page) == []
    page.search.clear()
    page.table.sortByColumn(Column.COST, Qt.SortOrder.DescendingOrder)  # hidden: the order must not reveal them
    assert shown_refs(page) == sorted(shown_refs(page), reverse=True)  # by ref only
    page.set_show_names(True)
    costs = [cell(page, ref, Column.COST) for ref in shown_refs(page)]
    assert costs[0] == "£50,000" and costs[-1] == "£25,000"
    page.search.setText("alice")
    assert shown_refs(page) == ["A1"]
    assert "name" in page.search.placeholderText()


def test_names_are_hidden_again_whenever_a_plan_is_opened(page, tmp_path):
    page.set_show_names(True)
    other = PlanDocument(plan_with_staff(tmp_path, (JANUARY, DEMO_STATUS_DATE), name="other"), None)
    try:
        page.set_document(other)
        assert not page.show_names_box.isChecked() and not page.model.show_names
        assert cell(page, "A1", Column.NAME) == HIDDEN
    finally:
        other.close()


def test_filters_by_service_team_employment_transfers_and_text(page):
    assert page.count.text() == "6 of 6"
    page.service_filter.setCurrentIndex(page.service_filter.findData(CSC))
    assert shown_refs(page) == ["A1", "A2", "A3"]
    assert [page.team_filter.itemText(i) for i in range(page.team_filter.count())] == ["All", "Assessment"]
    page.employment_filter.setCurrentIndex(page.employment_filter.findData(Employment.VACANCY))
    assert shown_refs(page) == ["A3"]
    page.service_filter.setCurrentIndex(0)
    page.employment_filter.setCurrentIndex(0)
    page.transfers_filter.setCurrentIndex(page.transfers_filter.findData(False))
    assert shown_refs(page) == ["A3", "R1"]  # a vacancy, and a secondee not marked in scope
    page.transfers_filter.setCurrentIndex(page.transfers_filter.findData(True))
    assert shown_refs(page) == ["A1", "A2", "E1", "J1"]
    page.team_filter.setCurrentIndex(page.team_filter.findData("Locality"))
    assert shown_refs(page) == ["J1"]
    page.team_filter.setCurrentIndex(0)
    page.search.setText("adviser")
    assert shown_refs(page) == ["E1"] and page.count.text() == "1 of 6"


def test_columns_show_transfers_and_the_defaulted_transfer_date_in_grey(page):
    assert cell(page, "A1", Column.TUPE) == "Yes" and cell(page, "R1", Column.TUPE) == "No"
    assert "secondee" in cell(page, "R1", Column.TUPE, Qt.ItemDataRole.ToolTipRole)
    assert cell(page, "A1", Column.TRANSFER_DATE) == "01/04/2017"  # the go-live
    assert cell(page, "A1", Column.TRANSFER_DATE, Qt.ItemDataRole.ForegroundRole).color() == QColor("#7a8391")
    assert cell(page, "J1", Column.TRANSFER_DATE) == "01/10/2017"
    assert cell(page, "J1", Column.TRANSFER_DATE, Qt.ItemDataRole.ForegroundRole) is None
    assert [cell(page, "E1", c) for c in (Column.FTE, Column.PENSION, Column.ELI_SENT, Column.CONSULTATION)] == \
        ["0.5", "TPS", "09/01/2017", "Informed"]
    assert cell(page, "A1", Column.CASELOAD) == "18" and cell(page, "A3", Column.CASELOAD) == ""


def test_as_at_date_defaults_to_the_status_date_and_shows_an_older_extract(page):
    assert page.as_at == DEMO_STATUS_DATE and page.as_at_edit.date().toPython() == DEMO_STATUS_DATE
    page.set_as_at(date(2016, 11, 1))
    assert sorted(shown_refs(page)) == ["A1", "A2", "A3", "E1", "L1"]
    assert cell(page, "A2", Column.EMPLOYMENT) == "Agency" and cell(page, "A2", Column.TUPE) == "No"
    assert page.summary.figures == figures_for("Programme", load_staff(page.document.plan, on=date(2016, 11, 1)))
    assert page.status_date_button.isVisibleTo(page)
    page.set_as_at(date(2016, 9, 1))  # before any extract
    assert page.model.rowCount() == 0 and page.stack.currentIndex() == 1
    assert "No staff on record as at 01/09/2016" in page.messages.label.text()
    page.follow_status_date()
    assert page.as_at == DEMO_STATUS_DATE and page.model.row_of("J1") >= 0


def test_summary_figures_and_charts_match_the_workforce_service(page, document, qtbot):
    records = load_staff(document.plan, on=DEMO_STATUS_DATE)
    figures = figures_for("Programme", records)
    summary = page.summary
    assert summary.figures == figures
    for title, (value, caption, _) in headline(figures).items():
        assert summary.tiles[title].value.text() == value and summary.tiles[title].caption.text() == caption
    assert summary.tiles["Headcount"].value.text() == "5"  # a vacancy is a post, not a person
    assert summary.tiles["Agency rate"].value.text() == "0.0%"
    assert summary.tiles["Vacancy rate"].value.text() == f"{100 / 5.3:.1f}%"  # 1 vacant of 4.3 in post + 1
    assert summary.tiles["Caseload"].value.text() == "19.0"
    assert {f.group for f in summary.fte_chart.figures} == {f.group for f in grouped(records, lambda r: r.service)}
    waves = transfer_waves(document.snapshot, records)
    assert summary.waves_chart.waves == waves == summary.progress_chart.waves
    assert [(w.day, w.headcount, w.eli_sent) for w in waves] == [(date(2017, 4, 1), 3, 1), (date(2017, 10, 1), 1, 0)]
    assert summary.eli_due[date(2017, 4, 1)] == date(2017, 3, 3)  # 28 days before, a working day
    for chart in (summary.fte_chart, summary.waves_chart, summary.progress_chart):
        for size in (QSize(420, 220), QSize(160, 60)):
            chart.resize(size)
            assert not chart.grab().isNull()
        assert chart.tips and chart.accessibleDescription()
    assert "01/04/2017: 3 people" in summary.waves_chart.accessibleDescription()


def test_charts_paint_an_empty_message_without_staff(qtbot):
    for chart in (FteByServiceChart(), TransferWavesChart(), TupeProgressChart()):
        qtbot.addWidget(chart)
        chart.resize(300, 120)
        assert not chart.grab().isNull() and chart.tips == []


def test_an_empty_plan_offers_an_import(qtbot, tmp_path, settings):
    document = PlanDocument(plan_with_staff(tmp_path), None)
    page = StaffPage()
    qtbot.addWidget(page)
    try:
        page.set_document(document)
        assert page.stack.currentIndex() == 0 and page.empty_import_button.isEnabled()
    finally:
        document.close()


def test_read_only_plans_cannot_import(qtbot, tmp_path, monkeypatch):
    plan_with_staff(tmp_path, (JANUARY, DEMO_STATUS_DATE)).close()
    document = PlanDocument(open_plan_file(tmp_path / "staff.tplan", read_only=True), None)
    asked = []
    monkeypatch.setattr(import_dialog, "choose_import_file", lambda *a: asked.append(a) or "")
    page = StaffPage()
    qtbot.addWidget(page)
    try:
        page.set_document(document)
        assert not page.import_button.isEnabled() and not page.empty_import_button.isEnabled()
        assert page.model.rowCount() == 6  # the staff are still shown
        assert page.import_staff() is False and asked == []
    finally:
        document.close()


def test_the_import_button_imports_and_shows_the_new_extract_undoably(page, document, tmp_path, monkeypatch):
    before = staff_state(document.plan)
    later = [*JANUARY, ["N1", "Gus Grey", CSC, "Assessment", "Social worker", "PO3", "permanent", "1", "40000", "yes",
                        "lgps", "12", "", "", ""]]
    path = write(tmp_path / "feb.csv", later)
    monkeypatch.setattr(import_dialog, "choose_import_file", lambda *a: path)

    def confirm(dialog):
        assert dialog.kind.name == "staff"
        dialog.set_date(date(2017, 2, 1))
        dialog.accept()
        return True

    monkeypatch.setattr(dialogs, "run_dialog", confirm)
    assert page.import_staff()
    assert page.as_at == date(2017, 2, 1) and page.model.row_of("N1") >= 0
    assert page.summary.figures.total_headcount == 6
    document.undo_stack.undo()
    assert staff_state(document.plan) == before
    assert page.model.row_of("N1") < 0


def test_page_state_keeps_the_layout_but_never_the_names_choice(page, document, settings, qtbot):
    page.set_show_names(True)
    page.save_state(settings)
    again = StaffPage()
    qtbot.addWidget(again)
    again.set_document(document)
    again.restore_state(settings)
    assert not again.show_names and cell(again, "A1", Column.NAME) == HIDDEN
