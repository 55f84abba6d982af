"""The Budget page: figures as of a monitoring period (the same as services.finance), totals that add
up to the penny, undoable funding changes, contract sums and imports with a preview, read-only plans."""

import csv
from datetime import date

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QTableView
from PySide6.QtTest import QAbstractItemModelTester, QTest

from trustplanner.domain.budget import FundingChange, FundingKind
from trustplanner.resources import resource_path
from trustplanner.services import finance
from trustplanner.services.budget import (
    add_funding_change,
    finance_state,
    import_budget,
    import_savings,
    load_finance,
    set_contract_sum,
)
from trustplanner.services.imports import import_file
from trustplanner.services.plans import new_plan
from trustplanner.services.snapshot import load_snapshot
from trustplanner.store.plan_file import open_plan_file
from trustplanner.ui import dialogs
from trustplanner.ui import import_dialog
from trustplanner.ui.budget.dialogs import ContractSumDialog, FundingChangeDialog
from trustplanner.ui.import_dialog import ImportPreviewDialog
from trustplanner.ui.budget.models import (
    SORT_ROLE,
    TOTAL_ROLE,
    millions,
    percent,
    pounds,
    signed_pounds,
)
from trustplanner.services.history import starting_point
from trustplanner.ui.document import PlanDocument
from trustplanner.ui.main_window import MainWindow
from trustplanner.ui.pages.budget import BudgetPage

CSC, EDU, IRO = "Children's social care", "Education services", "Independent reviewing officers"
STATUS = date(2017, 1, 16)  # P10 of 2016/17
P9_DAY = date(2016, 12, 12)
BUDGET_HEADER = ["service", "year", "cost_centre", "description", "budget", "forecast", "transfers"]
P9 = [
    [CSC, "2016/17", "CS1", "Placements", "£1,000,000.00", "£1,100,000.50", "yes"],
    [CSC, "2016/17", "CS2", "Social work teams", "500,000.10", "480,000", "yes"],
    [EDU, "2016/17", "ED1", "SEND", "300,000.33", "300,000.33", "yes"],
    [IRO, "2016/17", "IR1", "Reviewing officers", "100,000.01", "99,000", "no"],
]
P10 = [
    [CSC, "2016/17", "CS1", "Placements", "£1,000,000.00", "£1,150,000.25", "yes"],
    [CSC, "2016/17", "CS2", "Social work teams", "500,000.10", "490,000", "yes"],
    [EDU, "2016/17", "ED1", "SEND", "300,000.33", "310,000", "yes"],
    [IRO, "2016/17", "IR1", "Reviewing officers", "100,000.01", "99,500", "no"],
    [CSC, "2017/18", "CS1", "Placements", "1,050,000", "1,050,000", "yes"],
    [EDU, "2017/18", "ED1", "SEND", "320,000", "330,000", "yes"],
    [IRO, "2017/18", "IR1", "Reviewing officers", "105,000", "105,000", "no"],
]
SAVINGS = [
    ["ref", "service", "year", "description", "target", "forecast", "rag", "mitigation"],
    ["S1", CSC, "2016/17", "Agency spend", "100,000", "40,000", "red", "Recruit permanent staff"],
    ["S2", EDU, "2016/17", "Transport", "50,000.50", "50,000.50", "green", ""],
    ["S3", CSC, "2017/18", "Edge of care", "80,000", "60,000", "amber", "Business case in March"],
]


def rows(dialog, name: str) -> list[list[str]]:
    model = dialog.findChild(QTableView, name).model()
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def changes(dialog) -> dict[str, list[tuple[str, str, str]]]:
    return {record.key: [(c.label, c.before, c.after) for c in record.fields]
            for record in dialog.preview_result.changed}


def write(path, rows, header=BUDGET_HEADER) -> str:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows] if header else rows)
    return str(path)


def make_plan(tmp_path, *, with_finance: bool = True, name: str = "budget"):
    path = tmp_path / f"{name}.tplan"
    plan = new_plan(path, council="Sunderland City Council", trust="Together for Children Sunderland",
                    go_live=date(2017, 4, 1), shadow_start=date(2016, 9, 1), status_date=STATUS)
    import_file(plan, "services", resource_path("demo", "services.csv"))
    if with_finance:
        import_budget(plan, write(tmp_path / "p9.csv", P9), as_of=P9_DAY)
        import_budget(plan, write(tmp_path / "p10.csv", P10), as_of=STATUS)
        import_savings(plan, write(tmp_path / "savings.csv", SAVINGS, header=None))
        add_funding_change(plan, FundingChange(2016, "Contingency for placements", 20_000_000,
                                               FundingKind.CONTINGENCY_SET_ASIDE))
        add_funding_change(plan, FundingChange(2016, "Released at P9", 5_000_001, FundingKind.CONTINGENCY_RELEASED))
        add_funding_change(plan, FundingChange(2017, "CR01 leaving care", 3_000_000,
                                               FundingKind.CHANGE_REQUEST_ACCEPTED))
    return plan


@pytest.fixture
def document(tmp_path, qapp):
    plan = make_plan(tmp_path)
    starting_point(plan, "The test plan is ready")  # the stack starts empty, as for a plan received from others
    document = PlanDocument(plan, None)
    yield document
    document.close()


@pytest.fixture
def page(qtbot, document, settings):
    page = BudgetPage()
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.restore_state(settings)
    page.set_document(document)
    return page


def column_values(model, column):
    """(values of the rows, value of the total row) in ``column``, as raw pence."""
    rows = [model.index(r, column).data(SORT_ROLE) for r in range(model.rowCount())
            if not model.index(r, column).data(TOTAL_ROLE)]
    total_row = model.rowCount() - 1
    assert model.index(total_row, 0).data(TOTAL_ROLE)
    assert model.index(total_row, 0).data() == "Total" or model.index(total_row, 0).data()
    return rows, model.index(total_row, column).data(SORT_ROLE)


def money_columns(model):
    return [n for n, c in enumerate(model.columns) if c.kind in ("money", "variance", "signed")]


def all_models(page):
    return [page.budget_tab.model, page.budget_tab.line_model, page.savings_tab.model, page.savings_tab.rag_model,
            page.contract_tab.model, page.contract_tab.funding_model]


# figures ----------------------------------------------------------------------------------------
def test_every_model_passes_the_model_tester_through_refreshes_sorting_and_filters(page):
    testers = [QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
               for model in all_models(page)]
    page.set_period(2016, 9)
    page.follow_status_date()
    for model in all_models(page):
        for column in range(model.columnCount()):
            model.sort(column, Qt.SortOrder.DescendingOrder)
        model.sort(-1)
    page.budget_tab.service_filter.setCurrentIndex(page.budget_tab.service_filter.findData(CSC))
    page.budget_tab.search.setText("placements")
    page.budget_tab.search.clear()
    assert len(testers) == 6


def test_totals_rows_are_the_sum_of_their_rows_to_the_penny(page):
    for model in all_models(page):
        assert model.rowCount() > 1, model.columns[0].header
        if model is page.contract_tab.funding_model:
            continue  # only what is paid to the trust adds up there (the next test)
        for column in money_columns(model):
            rows, total = column_values(model, column)
            present = [v for v in rows if v is not None]
            assert total == (sum(present) if present else None), (model.columns[column].header, rows, total)
    # and the figures are services.finance's own, so the briefing shows the same
    f = load_finance(page.document.plan)
    expected = finance.total(finance.year_budget(f, 2016, 10))
    _, budget = column_values(page.budget_tab.model, 1)
    _, forecast = column_values(page.budget_tab.model, 2)
    assert (budget, forecast) == (expected.budget, expected.forecast) == (190_000_044, 204_950_025)


def test_the_total_row_stays_last_when_sorted(page):
    model = page.budget_tab.model
    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert model.index(model.rowCount() - 1, 0).data() == "Total"
    budgets = [model.index(r, 1).data(SORT_ROLE) for r in range(model.rowCount() - 1)]
    assert budgets == sorted(budgets)
    model.sort(-1)
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [CSC, EDU, IRO, "Total"]


def test_a_selected_row_stays_selected_when_the_table_is_sorted(page):
    table = page.contract_tab.funding
    table.selectRow(0)
    chosen = table.selected_record()
    table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    assert table.selected_record() is chosen
    assert table.model().index(table.selectionModel().selectedRows()[0].row(), 2).data() == chosen.description


def test_money_is_shown_in_whole_pounds_and_exactly_in_the_tooltip(page):
    model = page.budget_tab.model
    csc = model.index(0, 2)
    assert csc.data() == "£1,640,000"  # £1,150,000.25 + £490,000
    assert csc.data(Qt.ItemDataRole.ToolTipRole) == "£1,640,000.25"
    variance = model.index(0, 3)
    assert variance.data() == "+£140,000" and variance.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b71c1c"
    assert model.index(model.rowCount() - 1, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert millions(6_506_300_000) == "£65.1m" and millions(-15_000_000) == "-£0.2m"
    assert millions(4_999_999) == "£0.0m" and millions(5_000_000) == "£0.1m"
    assert pounds(123_456_789) == "£1,234,568" and signed_pounds(-5_000_000) == "-£50,000"
    from fractions import Fraction
    assert percent(Fraction(1, 2000)) == "+0.1%" and percent(Fraction(-29, 1000)) == "-2.9%"


def test_the_period_selector_shows_the_forecasts_reported_at_that_period(page):
    model = page.budget_tab.model
    assert (page.year, page.period) == (2016, 10)
    assert page.period_combo.currentText() == "P10 (January)"
    assert model.index(0, 2).data(SORT_ROLE) == 164_000_025  # P10: 1,150,000.25 + 490,000
    assert model.index(0, 5).data(SORT_ROLE) == 5_999_975  # moved since P9: 49,999.75 + 10,000
    assert model.headerData(5, Qt.Orientation.Horizontal) == "Since P9"
    assert not page.status_button.isVisible()

    page.period_combo.setCurrentIndex(8)
    page.period_combo.activated.emit(8)
    assert (page.year, page.period) == (2016, 9)
    assert model.index(0, 2).data(SORT_ROLE) == 158_000_050  # P9: 1,100,000.50 + 480,000
    assert model.index(0, 5).data(SORT_ROLE) is None  # nothing reported before P9
    assert page.status_button.text() == "Back to the status date (P10 2016/17)"
    assert page.summary.tiles["Forecast outturn"].value.text() == "£2.0m"  # £1,979,000.83
    f = load_finance(page.document.plan)
    assert [(s.service, s.budget, s.forecast) for s in page.view.services] == \
        [(g.group, g.budget, g.forecast) for g in sorted(finance.year_budget(f, 2016, 9),
                                                          key=lambda g: [CSC, EDU, IRO].index(g.group))]

    page.follow_status_date()
    assert model.index(0, 2).data(SORT_ROLE) == 164_000_025


def test_other_years_and_the_lines_filter(page):
    page.set_period(2017, 10)
    assert [r.service for r in page.view.services] == [CSC, EDU, IRO]
    assert page.summary.tiles["Budget"].title.text() == "Budget 2017/18"
    page.set_period(2016, 10)
    tab = page.budget_tab
    assert tab.line_model.rowCount() == 5  # four lines and the total
    tab.table.clicked.emit(tab.model.index(0, 0))  # a click on a service lists its lines
    assert tab.service_filter.currentData() == CSC
    assert [tab.line_model.index(r, 0).data() for r in range(tab.line_model.rowCount())] == ["CS1", "CS2", "Total"]
    assert tab.count.text() == "2 of 4 lines"
    tab.transfers_filter.setCurrentIndex(tab.transfers_filter.findData(False))
    assert tab.line_model.rowCount() == 0 and tab.count.text() == "0 of 4 lines"


def test_savings_contract_sums_contingency_and_charts_use_the_finance_figures(page):
    f = load_finance(page.document.plan)
    snapshot = load_snapshot(page.document.plan)
    assert page.view.at_risk == finance.at_risk(f, 2016) == 6_000_000
    assert page.summary.tiles["Savings at risk"].value.text() == "£0.1m"
    rag = page.savings_tab.rag_model
    assert [rag.index(r, 1).data() for r in range(rag.rowCount())] == ["1", "0", "1", "2"]
    assert page.savings_tab.model.rowCount() == 3  # the two 2016/17 plans and the total
    page.savings_tab.years.setCurrentIndex(1)  # all years
    assert page.savings_tab.model.rowCount() == 4
    sums = finance.contract_sums(snapshot, f, 10, 2016)
    assert page.view.contract_sums == sums and sums[0].derived == 137_000_000 + 3_000_000
    assert page.summary.tiles["Contingency held"].value.text() == "£0.1m"  # £149,999.99
    assert "<b>£150,000 held</b>" in page.contract_tab.contingency.text()
    assert [(s.council, s.trust) for s in page.view.splits] == \
        [(finance.control_split(snapshot, f, y).council, finance.control_split(snapshot, f, y).trust) for y in (2016, 2017)]
    for size in (QSize(1180, 760), QSize(900, 640)):
        page.resize(size)
        assert not page.grab().isNull()
    assert "Children's social care: budget £1,500,000" in page.summary.budget_chart.accessibleDescription()
    assert "At risk £60,000" in page.summary.savings_chart.accessibleDescription()


# editing ----------------------------------------------------------------------------------------
def answer(monkeypatch, fill):
    monkeypatch.setattr(dialogs, "run_dialog", fill)


def test_adding_a_funding_change_is_undoable_and_redoable(page, document, monkeypatch):
    def fill(dialog):
        assert isinstance(dialog, FundingChangeDialog)
        assert not dialog.ok.isEnabled()
        dialog.year.setCurrentIndex(dialog.year.findData(2017))
        dialog.kind.setCurrentIndex(dialog.kind.findData(FundingKind.COUNCIL_TOP_UP.value))
        dialog.description.setText("  Top-up for the shortfall ")
        dialog.amount.setText("1,2")
        assert not dialog.ok.isEnabled() and "ambiguous" in dialog.problem.text()
        dialog.amount.setText("£4,000,000.00")
        assert dialog.ok.isEnabled()
        dialog.accept()
        return True

    answer(monkeypatch, fill)
    before = load_finance(document.plan).funding
    assert page.add_funding_change()
    added = FundingChange(2017, "Top-up for the shortfall", 400_000_000, FundingKind.COUNCIL_TOP_UP)
    assert load_finance(document.plan).funding == before + (added,)
    assert page.contract_tab.funding_model.rowCount() == len(before) + 2
    document.undo_stack.undo()
    assert load_finance(document.plan).funding == before
    assert page.contract_tab.funding_model.rowCount() == len(before) + 1
    document.undo_stack.redo()
    assert load_finance(document.plan).funding == before + (added,)


def test_removing_a_funding_change_and_undo_puts_it_back_in_place(page, document):
    before = finance_state(document.plan)
    table = page.contract_tab.funding
    assert not page.contract_tab.remove_button.isEnabled()
    table.selectRow(0)
    assert page.contract_tab.remove_button.isEnabled()
    assert page.remove_funding_change()
    assert len(load_finance(document.plan).funding) == 2
    document.undo_stack.undo()
    assert finance_state(document.plan) == before


def test_setting_and_clearing_the_contract_sum_are_undoable(page, document, monkeypatch):
    def fill(dialog):
        assert isinstance(dialog, ContractSumDialog)
        assert dialog.chosen_year() == 2017  # the first year with a contract sum
        assert "£1,400,000" in dialog.derived.text()
        dialog.amount.setText("1,500,000.50")
        assert "+£100,001" in dialog.problem.text()  # reconciliation, as typed
        dialog.accept()
        return True

    answer(monkeypatch, fill)
    assert page.set_contract_sum()
    assert load_finance(document.plan).contract_sums == {2017: 150_000_050}
    row = page.contract_tab.model.rowCount() - 2
    assert page.contract_tab.model.index(row, 4).data(SORT_ROLE) == 150_000_050 - 140_000_000
    page.contract_tab.table.selectRow(row)
    assert page.contract_tab.clear_button.isEnabled()
    assert page.clear_contract_sum()
    assert load_finance(document.plan).contract_sums == {}
    document.undo_stack.undo()
    assert load_finance(document.plan).contract_sums == {2017: 150_000_050}
    document.undo_stack.undo()
    assert load_finance(document.plan).contract_sums == {}
    document.undo_stack.redo()
    assert load_finance(document.plan).contract_sums == {2017: 150_000_050}


def test_a_refused_edit_shows_the_problem_and_changes_nothing(page, document, monkeypatch):
    from trustplanner.ui.budget.commands import AddFundingChange

    before = finance_state(document.plan)
    assert not page._push(AddFundingChange(document, FundingChange(2016, " ", 100, FundingKind.COUNCIL_TOP_UP)))
    assert "a description is required" in page.messages.label.text()
    assert finance_state(document.plan) == before and document.undo_stack.count() == 0


# importing --------------------------------------------------------------------------------------
def test_import_preview_lists_every_problem_and_import_is_disabled(page, document, tmp_path, monkeypatch, settings):
    bad = write(tmp_path / "bad.csv", [
        ["Unknown service", "2016/17", "X1", "", "1,000", "1,000", "yes"],
        [CSC, "2020-2022", "X2", "", "1,000", "1,000", "yes"],
        [CSC, "2016/17", "X3", "", "12.345", "twelve", "yes"],
    ])
    before = finance_state(document.plan)
    seen = {}

    def fill(dialog):
        assert isinstance(dialog, ImportPreviewDialog)
        seen["problems"] = [(p.row, p.column) for p in dialog.preview_result.problems]
        seen["enabled"] = dialog.import_button.isEnabled()
        table = dialog.tabs.widget(0)
        seen["headers"] = [table.model().headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
        seen["rows"] = table.model().rowCount()
        return False

    monkeypatch.setattr(import_dialog, "choose_import_file", lambda parent, kind, folder: bad)
    answer(monkeypatch, fill)
    page.restore_state(settings)
    assert page.import_finance("budget") is False
    assert seen["problems"] == [(2, "service"), (3, "year"), (4, "budget"), (4, "forecast")]
    assert seen["enabled"] is False and seen["headers"] == ["File:row", "Column", "Problem"] and seen["rows"] == 4
    assert finance_state(document.plan) == before and document.undo_stack.count() == 0


def test_confirmed_import_is_one_undoable_edit_that_restores_finance_exactly(page, document, tmp_path, monkeypatch,
                                                                            settings, qtbot):
    p11 = write(tmp_path / "p11.csv", [
        [CSC, "2016/17", "CS1", "Placements", "£1,000,000.00", "£1,175,000.00", "yes"],
        [EDU, "2016/17", "ED2", "School improvement", "80,000", "75,000", "yes"],
    ])
    before = finance_state(document.plan)

    def fill(dialog):
        assert dialog.chosen_date() == STATUS
        assert "forecasts recorded for P10 2016/17" in dialog.summary.text()
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        dialog.date_edit.setFocus(Qt.FocusReason.TabFocusReason)
        QTest.keyClicks(dialog.date_edit, "14022017")  # P11
        qtbot.waitUntil(lambda: dialog.preview_result.as_of == date(2017, 2, 14))
        assert dialog.preview_result.outcome.period == "P11 2016/17"
        assert "forecasts recorded for P11 2016/17" in dialog.summary.text()
        assert rows(dialog, "added")[0][2] == "ED2"
        assert changes(dialog) == {"CS1 2016/17": [("Forecast", "£1,150,000", "£1,175,000")]}
        assert dialog.import_button.isEnabled()
        dialog.accept()
        return True

    monkeypatch.setattr(import_dialog, "choose_import_file", lambda parent, kind, folder: p11)
    answer(monkeypatch, fill)
    page.restore_state(settings)
    assert page.import_finance("budget")
    after = finance_state(document.plan)
    assert after != before
    assert (page.year, page.period) == (2016, 11)  # the page shows the period just reported
    assert load_finance(document.plan).history[(2016, "CS1")][11] == 117_500_000  # stored for the date typed
    assert page.budget_tab.model.index(0, 2).data(SORT_ROLE) == 117_500_000 + 49_000_000
    document.undo_stack.undo()
    assert finance_state(document.plan) == before
    document.undo_stack.redo()
    assert finance_state(document.plan) == after


def test_importing_savings_again_changes_a_plan(page, document, tmp_path, monkeypatch, settings):
    changed = [row[:] for row in SAVINGS]
    changed[1][5], changed[1][6] = "70,000", "amber"
    path = write(tmp_path / "savings2.csv", changed, header=None)
    before = finance_state(document.plan)

    def fill(dialog):
        assert dialog.date_edit.isHidden() and dialog.chosen_date() is None  # savings are not reported by period
        assert changes(dialog) == {"S1": [("Forecast", "£40,000", "£70,000"), ("RAG", "Red", "Amber")]}
        dialog.accept()
        return True

    monkeypatch.setattr(import_dialog, "choose_import_file", lambda parent, kind, folder: path)
    answer(monkeypatch, fill)
    page.restore_state(settings)
    assert page.import_finance("savings")
    assert page.view.at_risk == 3_000_000
    document.undo_stack.undo()
    assert finance_state(document.plan) == before


def test_the_file_menu_imports_budget_and_savings(qtbot, settings, tmp_path, monkeypatch):
    make_plan(tmp_path).close()
    window = MainWindow(settings)
    qtbot.addWidget(window)
    called = []
    monkeypatch.setattr(import_dialog, "choose_import_file",
                        lambda parent, kind, folder: called.append(kind.name) or "")
    assert window.open_plan(tmp_path / "budget.tplan")
    assert "Budget" in [page.title for page in window.pages]
    window.import_actions["budget"].trigger()
    window.import_actions["savings"].trigger()
    assert called == ["budget", "savings"]
    window.close_plan()


def test_a_budget_import_from_the_file_menu_shows_the_period_reported(qtbot, settings, tmp_path, monkeypatch):
    make_plan(tmp_path).close()
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_plan(tmp_path / "budget.tplan")
    path = write(tmp_path / "p11.csv", [[CSC, "2016/17", "CS1", "Placements", "£1,000,000.00", "£1,175,000.00", "yes"]])
    monkeypatch.setattr(import_dialog, "choose_import_file", lambda parent, kind, folder: path)

    def confirm(dialog):
        dialog.set_date(date(2017, 2, 14))
        dialog.accept()
        return True

    answer(monkeypatch, confirm)
    window.import_table("budget")
    page = window.page_titled("Budget")
    assert (page.year, page.period) == (2016, 11)
    assert "forecasts recorded for P11 2016/17" in window.statusBar().currentMessage()
    window.close_plan()


# read-only and empty plans ----------------------------------------------------------------------
def test_read_only_plans_show_figures_but_cannot_be_edited(qtbot, tmp_path, monkeypatch):
    make_plan(tmp_path).close()
    document = PlanDocument(open_plan_file(tmp_path / "budget.tplan", read_only=True), None)
    asked = []
    answer(monkeypatch, lambda dialog: asked.append(dialog) or True)
    monkeypatch.setattr(import_dialog, "choose_import_file", lambda *a: asked.append(a) or "")
    page = BudgetPage()
    qtbot.addWidget(page)
    try:
        page.set_document(document)
        assert page.budget_tab.model.rowCount() == 4  # the figures are still shown
        for button in (page.import_budget_button, page.import_savings_button, page.savings_tab.import_button,
                       page.contract_tab.add_button, page.contract_tab.set_button, page.empty_budget_button):
            assert not button.isEnabled()
        page.contract_tab.funding.selectRow(0)
        assert not page.contract_tab.remove_button.isEnabled()
        assert not page.add_funding_change() and not page.set_contract_sum() and not page.remove_funding_change()
        assert not page.import_finance("budget") and asked == []
    finally:
        document.close()


def test_a_plan_without_a_budget_shows_how_to_import_one(qtbot, tmp_path, monkeypatch, settings):
    document = PlanDocument(make_plan(tmp_path, with_finance=False), None)
    page = BudgetPage()
    qtbot.addWidget(page)
    page.resize(1000, 700)
    try:
        page.restore_state(settings)
        page.set_document(document)
        page.show()
        assert page.stack.currentIndex() == 0
        assert page.empty_budget_button.isEnabled() and page.empty_savings_button.isEnabled()
        assert not page.import_budget_button.isVisible() and not page.year_combo.isVisible()
        chosen = []
        monkeypatch.setattr(import_dialog, "choose_import_file", lambda parent, kind, folder: chosen.append(kind.name) or "")
        page.empty_savings_button.click()
        assert chosen == ["savings"]
        set_contract_sum(document.plan, 2017, 100)
        document.reload()
        assert page.stack.currentIndex() == 1
    finally:
        document.close()


# editing in place -------------------------------------------------------------------------------
def line_index(page, cost_centre, header):
    model = page.budget_tab.line_model
    column = [c.header for c in model.columns].index(header)
    row = next(r for r in range(len(model.rows)) if model.rows[r].cost_centre == cost_centre)
    return model.index(row, column)


def savings_index(page, ref, header):
    model = page.savings_tab.model
    column = [c.header for c in model.columns].index(header)
    row = next(r for r in range(len(model.rows)) if model.rows[r].ref == ref)
    return model.index(row, column)


def test_editing_a_forecast_changes_figures_and_totals_and_is_undoable(page, document):
    before = finance_state(document.plan)
    index = line_index(page, "CS1", "Forecast outturn")
    assert index.flags() & Qt.ItemFlag.ItemIsEditable
    assert index.data(Qt.ItemDataRole.EditRole) == "£1,150,000.25"
    assert page.budget_tab.line_model.setData(index, "£1,200,000.75")
    assert document.undo_stack.undoText() == "Edit CS1 2016/17"
    assert line_index(page, "CS1", "Forecast outturn").data(SORT_ROLE) == 120_000_075
    assert page.budget_tab.model.index(0, 2).data(SORT_ROLE) == 169_000_075  # CSC: 1,200,000.75 + 490,000
    rows, total = column_values(page.budget_tab.line_model, 4)
    assert total == sum(rows) == 120_000_075 + 49_000_000 + 31_000_000 + 9_950_000
    assert load_finance(document.plan).history[(2016, "CS1")] == {9: 110_000_050, 10: 120_000_075}
    after = finance_state(document.plan)
    document.undo_stack.undo()
    assert finance_state(document.plan) == before
    assert page.budget_tab.model.index(0, 2).data(SORT_ROLE) == 164_000_025
    document.undo_stack.redo()
    assert finance_state(document.plan) == after
    assert line_index(page, "CS1", "Forecast outturn").data(SORT_ROLE) == 120_000_075


def test_description_budget_and_transfers_are_edited_in_place(page, document):
    model = page.budget_tab.line_model
    assert model.setData(line_index(page, "CS2", "Description"), "  Social work teams (north) ")
    assert model.setData(line_index(page, "CS2", "Budget"), "(1,200)")
    assert model.setData(line_index(page, "CS2", "Transfers"), "No")
    line = next(l for l in load_finance(document.plan).lines if l.key == (2016, "CS2"))
    assert (line.description, line.budget, line.transfers) == ("Social work teams (north)", -120_000, False)
    assert document.undo_stack.count() == 3
    assert not model.setData(line_index(page, "CS2", "Budget"), "-£1,200.00")  # the same amount: no edit
    assert not line_index(page, "CS2", "Variance").flags() & Qt.ItemFlag.ItemIsEditable
    assert not model.index(model.rowCount() - 1, 3).flags() & Qt.ItemFlag.ItemIsEditable  # the total row


def test_bad_money_is_refused_with_the_message_and_nothing_changes(page, document):
    before = finance_state(document.plan)
    for text in ("twelve pounds", "1,200.005", ""):
        assert not page.budget_tab.line_model.setData(line_index(page, "CS1", "Budget"), text)
        assert page.messages.isVisibleTo(page) and page.messages.label.text().startswith("CS1 2016/17 not changed: ")
    assert not page.savings_tab.model.setData(savings_index(page, "S1", "Target"), "£1.2.3")
    assert page.messages.label.text().startswith("S1 not changed: target: ")
    assert finance_state(document.plan) == before and document.undo_stack.count() == 0


def test_a_retained_service_cannot_be_set_to_transfer(page, document):
    before = finance_state(document.plan)
    assert page.budget_tab.line_model.setData(line_index(page, "IR1", "Transfers"), "Yes")  # asked; refused
    assert "retained by the council" in page.messages.label.text()
    assert page.messages.label.text().startswith("IR1 2016/17 not changed: ")
    assert finance_state(document.plan) == before and document.undo_stack.count() == 0


def test_savings_plans_are_edited_in_place_and_amber_needs_a_mitigation(page, document):
    model = page.savings_tab.model
    assert savings_index(page, "S2", "RAG").data(Qt.ItemDataRole.EditRole) == "Green"
    before = finance_state(document.plan)
    model.setData(savings_index(page, "S2", "RAG"), "Amber")
    assert "an amber savings plan needs a mitigation" in page.messages.label.text()
    assert finance_state(document.plan) == before and document.undo_stack.count() == 0
    assert model.setData(savings_index(page, "S2", "Mitigation"), "Shared routes")
    assert model.setData(savings_index(page, "S2", "RAG"), "Amber")
    assert model.setData(savings_index(page, "S2", "Forecast"), "£20,000")
    assert document.undo_stack.undoText() == "Edit S2"
    plan = next(s for s in load_finance(document.plan).savings if s.ref == "S2")
    assert (plan.rag.value, plan.mitigation, plan.forecast) == ("amber", "Shared routes", 2_000_000)
    rows, total = column_values(model, 6)  # shortfall
    assert total == sum(rows) == 6_000_000 + 3_000_050
    assert page.savings_tab.at_risk.text().startswith("<b>At risk: £90,001</b>")
    for _ in range(3):
        document.undo_stack.undo()
    assert finance_state(document.plan) == before


def test_forecasts_of_an_earlier_period_are_not_edited(page):
    page.set_period(2016, 9)
    assert not line_index(page, "CS1", "Forecast outturn").flags() & Qt.ItemFlag.ItemIsEditable
    assert line_index(page, "CS1", "Budget").flags() & Qt.ItemFlag.ItemIsEditable
    page.follow_status_date()
    assert line_index(page, "CS1", "Forecast outturn").flags() & Qt.ItemFlag.ItemIsEditable


def test_read_only_plans_cannot_be_edited_in_place(qtbot, tmp_path):
    make_plan(tmp_path).close()
    document = PlanDocument(open_plan_file(tmp_path / "budget.tplan", read_only=True), None)
    page = BudgetPage()
    qtbot.addWidget(page)
    try:
        page.set_document(document)
        page.apply_read_only(True)
        for model in (page.budget_tab.line_model, page.savings_tab.model):
            assert not any(model.index(r, c).flags() & Qt.ItemFlag.ItemIsEditable
                           for r in range(model.rowCount()) for c in range(model.columnCount()))
            assert not model.setData(model.index(0, 1), "changed")
        record = page.budget_tab.line_model.rows[0]
        assert not page.edit_line(record, "budget", 1)
        assert not page.edit_savings_plan(page.savings_tab.model.rows[0], "target", 1)
    finally:
        document.close()


def test_a_variance_that_rounds_to_nothing_is_not_coloured_as_an_overspend(page):
    """The colour follows the figure as shown: +£0.30 shows '+£0', +£30,000 shows '+£0.0m' on the tile."""
    model = page.budget_tab.line_model
    assert model.setData(line_index(page, "CS1", "Forecast outturn"), "£1,000,000.30")
    cell = line_index(page, "CS1", "Variance")
    assert cell.data() in ("+£0", "£0")
    assert cell.data(Qt.ItemDataRole.ForegroundRole) is None
    # the other lines net -£510.44, so this leaves the year's total variance at +£30,000.00
    assert model.setData(line_index(page, "CS1", "Forecast outturn"), "£1,030,510.44")
    tile = page.summary.tiles["Variance"]
    assert tile.value.text() == "£0.0m"
    assert "on budget" in tile.caption.text()
    assert "#b71c1c" not in tile.value.styleSheet()
    assert model.setData(line_index(page, "CS1", "Forecast outturn"), "£1,060,510.44")  # +£60,000: +£0.1m
    assert page.summary.tiles["Variance"].value.text() == "+£0.1m"
    assert "#b71c1c" in page.summary.tiles["Variance"].value.styleSheet()


def test_the_funding_total_is_what_is_paid_to_the_trust_with_refused_and_contingency_apart(page, document):
    """Contingency set aside (£200,000), released (£50,000.01) and a refused request are not funding."""
    add_funding_change(document.plan, FundingChange(2017, "CR02 refused", 7_000_000,
                                                    FundingKind.CHANGE_REQUEST_REFUSED))
    document.reload()
    page.refresh()
    model = page.contract_tab.funding_model
    total_row = model.rowCount() - 1
    amount = [c.header for c in model.columns].index("Amount")
    description = [c.header for c in model.columns].index("Description")
    assert model.index(total_row, amount).data(SORT_ROLE) == 3_000_000  # CR01 accepted only
    words = model.index(total_row, description).data()
    assert words.startswith("Paid to the trust")
    assert "refused requests £70,000" in words and "contingency set aside £200,000" in words
