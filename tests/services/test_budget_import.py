"""The budget service: importing budgets and savings, monthly forecast history, funding changes,
contract sums and putting everything back (undo).

The sample plan (tests/conftest.py): Children's social care, Early help, the retained Adoption
agency; status date 16/01/2017 (P10 of 2016/17), go-live 01/04/2017.
"""

from __future__ import annotations

import csv
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trustplanner.domain.budget import (
    BudgetLine,
    Deliverability,
    FundingChange,
    FundingKind,
    SavingsPlan,
)
from trustplanner.domain.enums import DeliveryModel
from trustplanner.domain.model import Programme, Service
from trustplanner.domain.money import LARGEST_PENCE, format_plain, format_pounds
from trustplanner.domain.problems import ValidationFailed
from trustplanner.services import history
from trustplanner.services.budget import (
    FinanceImportResult,
    add_funding_change,
    finance_state,
    import_budget,
    import_savings,
    load_finance,
    remove_funding_change,
    reporting_period,
    set_contract_sum,
)
from trustplanner.io.formats.budget import BUDGET_COLUMNS, SAVINGS_COLUMNS
from trustplanner.services.snapshot import PlanSnapshot
from trustplanner.store.plan_file import open_plan_file

CSC, EH, ADOPT = "Children's social care", "Early help", "Adoption agency"
P9, P10, P11 = date(2016, 12, 12), date(2017, 1, 16), date(2017, 2, 13)


def budget_file(write_csv, *rows, name="budget.csv"):
    return write_csv(name, [BUDGET_COLUMNS, *rows])


def row(cost_centre, budget="1000000", forecast="1100000", *, service=CSC, year="2016/17", transfers="yes",
        description="Placements"):
    return [service, year, cost_centre, description, budget, forecast, transfers]


def savings_file(write_csv, *rows, name="savings.csv"):
    return write_csv(name, [SAVINGS_COLUMNS, *rows])


def plan_row(ref, target="100000", forecast="100000", rag="green", mitigation="", *, service=CSC, year="2017/18"):
    return [ref, service, year, f"Saving {ref}", target, forecast, rag, mitigation]


@pytest.fixture
def plan(sample_plan):
    with open_plan_file(sample_plan) as opened:
        yield opened


@pytest.mark.parametrize(("on", "expected"), [
    (date(2017, 1, 16), (2016, 10)), (date(2017, 3, 31), (2016, 12)), (date(2017, 4, 1), (2017, 1)),
    (date(2016, 4, 30), (2016, 1)), (date(2016, 12, 1), (2016, 9)),
])
def test_reporting_period(on, expected):
    assert reporting_period(on) == expected


def test_import_reads_lines_and_records_forecasts_for_the_status_dates_period(plan, write_csv):
    path = budget_file(write_csv, row("SC2", "2,000,000", "(1,500)"), row("SC1"),
                       row("EH1", service=EH, year="2017/18", transfers="no"),
                       row("AD1", service=ADOPT, year="2017/18", transfers="no"))
    result = import_budget(plan, path)
    assert result.applied
    assert result.summary() == "budget: 4 added, 0 changed, 0 unchanged; forecasts recorded for P10 2016/17"
    assert result.added == ["SC2 2016/17", "SC1 2016/17", "EH1 2017/18", "AD1 2017/18"]  # in the file's order
    finance = load_finance(plan)
    assert finance.lines == (  # by year, then cost centre
        BudgetLine(CSC, 2016, "SC1", "Placements", 100_000_000, 110_000_000, True),
        BudgetLine(CSC, 2016, "SC2", "Placements", 200_000_000, -150_000, True),
        BudgetLine(ADOPT, 2017, "AD1", "Placements", 100_000_000, 110_000_000, False),
        BudgetLine(EH, 2017, "EH1", "Placements", 100_000_000, 110_000_000, False),
    )
    # only the lines of the reporting year (2016/17) get a P10 forecast; 2017/18 has no history yet
    assert finance.history == {(2016, "SC1"): {10: 110_000_000}, (2016, "SC2"): {10: -150_000}}
    assert finance.years == [2016, 2017]


def test_transfers_column_is_optional_and_blank_means_no(plan, write_csv):
    path = write_csv("b.csv", [["service", "year", "cost_centre", "budget", "forecast"], [CSC, "2016/17", "A", "1", "1"]])
    import_budget(plan, path)
    blank = budget_file(write_csv, row("B", transfers=""), name="blank.csv")
    import_budget(plan, blank)
    assert [(line.cost_centre, line.transfers, line.description) for line in load_finance(plan).lines] == [
        ("A", False, ""), ("B", False, "Placements")]


def test_each_period_keeps_its_own_forecast_and_a_repeat_replaces_it(plan, write_csv):
    import_budget(plan, budget_file(write_csv, row("SC1", forecast="1,100,000"), row("SC2")), as_of=P9)
    import_budget(plan, budget_file(write_csv, row("SC1", forecast="1,150,000"), row("SC2"), name="p10.csv"), as_of=P10)
    result = import_budget(plan, budget_file(write_csv, row("SC1", forecast="1,175,000"), name="p10b.csv"), as_of=P10)
    assert result.summary() == "budget: 0 added, 1 changed, 0 unchanged; forecasts recorded for P10 2016/17"
    finance = load_finance(plan)
    assert finance.history == {(2016, "SC1"): {9: 110_000_000, 10: 117_500_000},
                               (2016, "SC2"): {9: 110_000_000, 10: 110_000_000}}  # SC2 kept its P10 figure
    assert [line.forecast for line in finance.lines] == [117_500_000, 110_000_000]


def test_a_change_of_service_description_budget_or_transfer_is_a_change(plan, write_csv):
    import_budget(plan, budget_file(write_csv, row("A"), row("B"), row("C"), row("D"), row("E")))
    later = budget_file(write_csv, row("A", service=EH), row("B", description="Other"), row("C", budget="1"),
                        row("D", transfers="no"), row("E"), name="later.csv")
    result = import_budget(plan, later, as_of=P11)
    assert (result.changed, result.unchanged) == (["A 2016/17", "B 2016/17", "C 2016/17", "D 2016/17"], 1)
    assert load_finance(plan).history[(2016, "E")] == {10: 110_000_000, 11: 110_000_000}


def test_preview_counts_and_changes_nothing(sample_plan, plan, write_csv, plan_dump):
    import_budget(plan, budget_file(write_csv, row("SC1")))
    before = plan_dump(sample_plan)
    result = import_budget(plan, budget_file(write_csv, row("SC1", forecast="2"), row("SC2"), name="b2.csv"),
                           as_of=P11, preview=True)
    assert (result.added, result.changed, result.unchanged, result.applied) == (["SC2 2016/17"], ["SC1 2016/17"], 0,
                                                                               False)
    assert result.period == "P11 2016/17"
    savings = import_savings(plan, savings_file(write_csv, plan_row("S1")), preview=True)
    assert (savings.added, savings.applied) == (["S1"], False)
    assert plan_dump(sample_plan) == before


def test_a_refused_file_changes_nothing(sample_plan, plan, write_csv, plan_dump):
    import_budget(plan, budget_file(write_csv, row("SC1")))
    before = plan_dump(sample_plan)
    with pytest.raises(ValidationFailed) as caught:
        import_budget(plan, budget_file(write_csv, row("SC2"), row("SC3", budget="lots"), name="bad.csv"), as_of=P11)
    assert [str(p).split(": ", 1)[1] for p in caught.value.problems] == ["budget: 'lots' is not an amount of money"]
    assert plan_dump(sample_plan) == before


def test_importing_the_same_file_again_writes_nothing(sample_plan, plan, write_csv, plan_dump):
    path = budget_file(write_csv, row("SC1"), row("SC2", year="2017/18"))
    import_budget(plan, path, as_of=P9)
    import_budget(plan, path)
    before = plan_dump(sample_plan)
    result = import_budget(plan, path)
    assert (result.added, result.changed, result.unchanged) == ([], [], 2)
    assert plan_dump(sample_plan) == before


def test_lines_missing_from_a_later_file_are_kept(plan, write_csv):
    import_budget(plan, budget_file(write_csv, row("SC1"), row("SC2")), as_of=P9)
    import_budget(plan, budget_file(write_csv, row("SC1"), name="p10.csv"))
    finance = load_finance(plan)
    assert [line.cost_centre for line in finance.lines] == ["SC1", "SC2"]
    assert finance.history[(2016, "SC2")] == {9: 110_000_000}


def test_savings_import(plan, write_csv):
    first = savings_file(write_csv, plan_row("S2", "£250,000", "100,000", "amber", "Agency cap from April"),
                         plan_row("S1"), plan_row("S3", rag="r", mitigation="Escalated", service=EH, year="2016/17"))
    result = import_savings(plan, first)
    assert result.summary() == "savings: 3 added, 0 changed, 0 unchanged"
    assert load_finance(plan).savings == (
        SavingsPlan("S1", CSC, 2017, "Saving S1", 10_000_000, 10_000_000, Deliverability.GREEN, ""),
        SavingsPlan("S2", CSC, 2017, "Saving S2", 25_000_000, 10_000_000, Deliverability.AMBER, "Agency cap from April"),
        SavingsPlan("S3", EH, 2016, "Saving S3", 10_000_000, 10_000_000, Deliverability.RED, "Escalated"),
    )
    later = savings_file(write_csv, plan_row("S1", forecast="50,000", rag="amber", mitigation="Late start"),
                         plan_row("S4"), name="later.csv")
    result = import_savings(plan, later)
    assert (result.added, result.changed, result.unchanged) == (["S4"], ["S1"], 0)
    assert [s.ref for s in load_finance(plan).savings] == ["S1", "S2", "S3", "S4"]  # S2 and S3 are kept


def test_funding_changes_are_added_and_removed(plan):
    accepted = FundingChange(2017, "CR01 accepted", 38_500_000, FundingKind.CHANGE_REQUEST_ACCEPTED)
    add_funding_change(plan, FundingChange(2016, "  Investment  ", 600_000_000, FundingKind.IMPROVEMENT_INVESTMENT))
    add_funding_change(plan, accepted)
    add_funding_change(plan, accepted)  # the same change twice: two rows
    assert load_finance(plan).funding == (
        FundingChange(2016, "Investment", 600_000_000, FundingKind.IMPROVEMENT_INVESTMENT), accepted, accepted)
    remove_funding_change(plan, accepted)
    assert load_finance(plan).funding[1:] == (accepted,)
    remove_funding_change(plan, FundingChange(2017, "Not there", 1, FundingKind.COUNCIL_TOP_UP))  # nothing to remove
    assert len(load_finance(plan).funding) == 2


@pytest.mark.parametrize(("change", "problems"), [
    (FundingChange(2017, " ", 100, FundingKind.COUNCIL_TOP_UP), ["funding change: description: a description is "
                                                                 "required"]),
    (FundingChange(2017, "Top-up", 0, FundingKind.COUNCIL_TOP_UP),
     ["funding change: amount: the amount must be more than £0; the kind says which way the money moves"]),
    (FundingChange(2017, "", -5, FundingKind.CONTINGENCY_RELEASED),
     ["funding change: amount: the amount must be more than £0; the kind says which way the money moves",
      "funding change: description: a description is required"]),
])
def test_a_bad_funding_change_is_refused(sample_plan, plan, plan_dump, change, problems):
    before = plan_dump(sample_plan)
    with pytest.raises(ValidationFailed) as caught:
        add_funding_change(plan, change)
    assert [str(p) for p in caught.value.problems] == problems
    assert plan_dump(sample_plan) == before


def test_contract_sum_set_changed_and_cleared(sample_plan, plan, plan_dump):
    assert set_contract_sum(plan, 2017, 6_606_340_000) is None
    assert set_contract_sum(plan, 2017, 6_600_000_000) == 6_606_340_000
    assert set_contract_sum(plan, 2018, 0) is None  # zero is a sum
    assert load_finance(plan).contract_sums == {2017: 6_600_000_000, 2018: 0}
    assert set_contract_sum(plan, 2017, None) == 6_600_000_000
    assert set_contract_sum(plan, 2017, None) is None
    assert load_finance(plan).contract_sums == {2018: 0}
    before = plan_dump(sample_plan)
    with pytest.raises(ValidationFailed, match="a contract sum cannot be negative"):
        set_contract_sum(plan, 2018, -1)
    assert plan_dump(sample_plan) == before


def test_finance_state_puts_everything_back(sample_plan, plan, write_csv, plan_dump):
    import_budget(plan, budget_file(write_csv, row("SC1"), row("SC2", year="2017/18")), as_of=P9)
    import_savings(plan, savings_file(write_csv, plan_row("S1")))
    add_funding_change(plan, FundingChange(2017, "CR", 100, FundingKind.CHANGE_REQUEST_REFUSED))
    set_contract_sum(plan, 2017, 500)
    state, before = finance_state(plan), plan_dump(sample_plan)
    import_budget(plan, budget_file(write_csv, row("SC1", forecast="1"), row("SC3"), name="p10.csv"))
    import_savings(plan, savings_file(write_csv, plan_row("S1", target="1"), plan_row("S2"), name="s2.csv"))
    add_funding_change(plan, FundingChange(2017, "Top-up", 400_000_000, FundingKind.COUNCIL_TOP_UP))
    set_contract_sum(plan, 2017, None)
    assert plan_dump(sample_plan) != before
    for _ in range(4):
        history.undo(plan)
    assert finance_state(plan) == state


def test_import_result_summary_without_a_period():
    assert FinanceImportResult("savings", added=["A"], changed=["B", "C"], unchanged=4).summary() == \
        "savings: 1 added, 2 changed, 4 unchanged"


# Money through the importer -------------------------------------------------------------------

FORMS = (
    lambda p: format_plain(p),  # the export's own form
    lambda p: format_pounds(p),  # £1,234,567.89 (-£1,200.00)
    lambda p: format_pounds(p, symbol=False),  # 1,234,567.89
    lambda p: f"({format_pounds(-p)})" if p < 0 else format_pounds(p),  # (£1,200.00)
    lambda p: f"({format_plain(-p)})" if p < 0 else format_plain(p),  # (1200.00)
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(min_value=-LARGEST_PENCE, max_value=LARGEST_PENCE), st.integers(0, len(FORMS) - 1),
                          st.integers(0, len(FORMS) - 1)), min_size=1, max_size=20))
def test_money_in_any_accepted_form_is_read_to_the_penny(rows):
    from trustplanner.io.formats.budget import parse_budget

    snapshot = PlanSnapshot(Programme("C", "T", DeliveryModel.INDEPENDENT_TRUST, go_live=date(2017, 4, 1)),
                            (Service(CSC),), ())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "budget.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerows([BUDGET_COLUMNS, *(
                row(f"CC{n}", FORMS[a](pence), FORMS[b](-pence)) for n, (pence, a, b) in enumerate(rows))])
        _, lines = parse_budget(path, snapshot)
    assert [(line.budget, line.forecast) for line in lines] == [(pence, -pence) for pence, _, _ in rows]
