"""Editing one budget line or savings plan in place (the Budget page's edits): the checks are the
import's, a forecast change is recorded in the history for the reporting period, and restoring the
finance state captured before puts the plan back exactly (undo).

The sample plan (tests/conftest.py): Children's social care, Early help, the retained Adoption
agency; status date 16/01/2017 (P10 of 2016/17).
"""

from __future__ import annotations

from datetime import date

import pytest

from trustplanner.domain.budget import BudgetLine, Deliverability
from trustplanner.domain.problems import ValidationFailed
from trustplanner.services import history
from trustplanner.services.budget import (
    finance_state,
    import_budget,
    import_savings,
    load_finance,
    update_budget_line,
    update_savings_plan,
)
from trustplanner.io.formats.budget import BUDGET_COLUMNS, SAVINGS_COLUMNS
from trustplanner.store.plan_file import open_plan_file

CSC, ADOPT = "Children's social care", "Adoption agency"
P9, P11 = date(2016, 12, 12), date(2017, 2, 13)


@pytest.fixture
def plan(sample_plan, write_csv):
    with open_plan_file(sample_plan) as opened:
        import_budget(opened, write_csv("p9.csv", [BUDGET_COLUMNS,
                                                   [CSC, "2016/17", "SC1", "Placements", "1,000,000", "1,100,000", "yes"],
                                                   [ADOPT, "2016/17", "AD1", "Adoption", "50,000", "50,000", "no"],
                                                   [CSC, "2017/18", "SC1", "Placements", "1,050,000", "1,050,000",
                                                    "yes"]]), as_of=P9)
        import_budget(opened, write_csv("p10.csv", [BUDGET_COLUMNS,
                                                    [CSC, "2016/17", "SC1", "Placements", "1,000,000", "1,120,000",
                                                     "yes"]]))
        import_savings(opened, write_csv("savings.csv", [SAVINGS_COLUMNS,
                                                         ["S1", CSC, "2016/17", "Agency", "100,000", "40,000", "red",
                                                          "Recruit"],
                                                         ["S2", CSC, "2016/17", "Transport", "50,000", "50,000",
                                                          "green", ""]]))
        yield opened


def line(plan, year, cost_centre) -> BudgetLine:
    return next(l for l in load_finance(plan).lines if l.key == (year, cost_centre))


def test_a_forecast_edit_changes_the_line_records_the_period_and_undo_restores_exactly(plan):
    before = finance_state(plan)
    old = update_budget_line(plan, 2016, "SC1", forecast=115_000_050)
    assert old == BudgetLine(CSC, 2016, "SC1", "Placements", 100_000_000, 112_000_000, True)
    finance = load_finance(plan)
    assert line(plan, 2016, "SC1").forecast == 115_000_050
    assert finance.history[(2016, "SC1")] == {9: 110_000_000, 10: 115_000_050}  # P10 replaced, P9 kept
    history.undo(plan)
    assert finance_state(plan) == before


def test_a_forecast_edit_as_of_another_period_or_for_another_year(plan):
    update_budget_line(plan, 2016, "SC1", forecast=118_000_000, as_of=P11)
    assert load_finance(plan).history[(2016, "SC1")] == {9: 110_000_000, 10: 112_000_000, 11: 118_000_000}
    update_budget_line(plan, 2017, "SC1", forecast=106_000_000)  # 2017/18 is not reported at P10 of 2016/17
    assert (2017, "SC1") not in load_finance(plan).history
    assert line(plan, 2017, "SC1").forecast == 106_000_000


def test_description_budget_and_transfers_edits_leave_the_history_alone(plan):
    history = load_finance(plan).history
    update_budget_line(plan, 2016, "SC1", description="  Placements (external) ", budget=99_000_000, transfers=False)
    assert line(plan, 2016, "SC1") == BudgetLine(CSC, 2016, "SC1", "Placements (external)", 99_000_000, 112_000_000,
                                                 False)
    assert load_finance(plan).history == history


def test_a_retained_service_cannot_transfer_and_nothing_changes(plan):
    before = finance_state(plan)
    with pytest.raises(ValidationFailed) as caught:
        update_budget_line(plan, 2016, "AD1", transfers=True, forecast=1)
    assert [(p.source, p.column) for p in caught.value.problems] == [("AD1 2016/17", "transfers")]
    assert "retained by the council" in caught.value.problems[0].message
    assert finance_state(plan) == before


def test_an_unknown_line_or_plan_is_refused(plan):
    with pytest.raises(ValidationFailed):
        update_budget_line(plan, 2016, "XX9", budget=1)
    with pytest.raises(ValidationFailed):
        update_savings_plan(plan, "S9", target=1)


def test_savings_plan_edits_and_their_checks(plan):
    old = update_savings_plan(plan, "S2", forecast=2_000_000, rag=Deliverability.AMBER, mitigation=" Re-tender ")
    assert old.forecast == 5_000_000 and old.rag == Deliverability.GREEN
    s2 = next(s for s in load_finance(plan).savings if s.ref == "S2")
    assert (s2.forecast, s2.rag, s2.mitigation) == (2_000_000, Deliverability.AMBER, "Re-tender")
    before = finance_state(plan)
    for changes, column in (({"rag": Deliverability.AMBER, "mitigation": ""}, "mitigation"),
                            ({"mitigation": "  "}, "mitigation"),  # S2 is amber now
                            ({"target": -1}, "target"), ({"forecast": -100}, "forecast")):
        with pytest.raises(ValidationFailed) as caught:
            update_savings_plan(plan, "S2", **changes)
        assert [(p.source, p.row, p.column) for p in caught.value.problems] == [("S2", None, column)]
    assert finance_state(plan) == before
    update_savings_plan(plan, "S1", rag=Deliverability.GREEN, mitigation="")  # green needs none
    assert next(s for s in load_finance(plan).savings if s.ref == "S1").rag == Deliverability.GREEN
