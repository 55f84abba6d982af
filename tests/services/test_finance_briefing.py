"""The briefing's finance figures: against hand-worked examples, against the finance functions
the Budget page uses, and printed totals that always add up."""

from __future__ import annotations

import csv
import re
from dataclasses import replace
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trustplanner.briefing.finance_data import MILLIONS, THOUSANDS, percent
from trustplanner.domain.budget import (
    BudgetLine,
    Deliverability,
    FundingChange,
    FundingKind,
    SavingsPlan,
)
from trustplanner.domain.enums import DeliveryModel, Rag
from trustplanner.domain.model import Programme, Service
from trustplanner.domain.problems import ValidationFailed
from trustplanner.services import finance
from trustplanner.services.briefings import prepare_briefing
from trustplanner.services.budget import (
    FinanceSnapshot,
    add_funding_change,
    import_budget,
    import_savings,
    load_finance,
    set_contract_sum,
)
from trustplanner.services.finance_briefing import column, finance_rag, prepare_finance
from trustplanner.services.imports import import_file
from trustplanner.services.plans import new_plan
from trustplanner.services.snapshot import PlanSnapshot, load_snapshot

AS_OF = date(2017, 1, 16)  # P10 2016/17
SC, EH, QA, AD = "Children's social care", "Early help", "Quality assurance & performance", "Adoption agency"
BUDGET_HEADER = ["service", "year", "cost_centre", "description", "budget", "forecast", "transfers"]
SAVINGS_HEADER = ["ref", "service", "year", "description", "target", "forecast", "rag", "mitigation"]


def write(path: Path, rows) -> Path:
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        csv.writer(handle).writerows(rows)
    return path


def build_plan(folder: Path) -> Path:
    """The hand-worked plan, built through the services (see the figures in each test).

    2016/17 (P9 then P10 forecasts): SC1 Placements 1,000,000 (1,100,000 then 1,150,000), SC2
    Staffing 2,000,000 (2,000,000 then 1,960,000), EH1 500,000 (520,000), AD1 300,000 (290,000,
    does not transfer). 2017/18: SC1 1,050,000, SC2 2,100,000 (forecast 2,150,000), EH1 520,000,
    QA1 240,000 (QA goes live 02/10/2017), AD1 310,000 (does not transfer).
    """
    path = folder / "finance.tplan"
    with new_plan(path, council="Sunderland City Council", trust="Together for Children Sunderland",
                  go_live=date(2017, 4, 1), shadow_start=date(2016, 9, 1), status_date=AS_OF) as plan:
        import_file(plan, "services", write(folder / "services.csv", [
            ["name", "shadow", "go_live", "retained"], [SC, "", "", "no"], [EH, "", "", "no"],
            [QA, "", "2017-10-02", "no"], [AD, "", "", "yes"]]))
        p9 = [BUDGET_HEADER,
              [SC, "2016/17", "SC1", "Placements", "1,000,000", "1,100,000", "yes"],
              [SC, "2016/17", "SC2", "Staffing", "2,000,000", "2,000,000", "yes"],
              [EH, "2016/17", "EH1", "Family support", "500,000", "520,000", "yes"],
              [AD, "2016/17", "AD1", "Adoption allowances", "300,000", "290,000", "no"]]
        import_budget(plan, write(folder / "p9.csv", p9), as_of=date(2016, 12, 15))
        p10 = [BUDGET_HEADER,
               [SC, "2016/17", "SC1", "Placements", "1,000,000", "1,150,000", "yes"],
               [SC, "2016/17", "SC2", "Staffing", "2,000,000", "1,960,000", "yes"],
               [EH, "2016/17", "EH1", "Family support", "500,000", "520,000", "yes"],
               [AD, "2016/17", "AD1", "Adoption allowances", "300,000", "290,000", "no"],
               [SC, "2017/18", "SC1", "Placements", "1,050,000", "1,050,000", "yes"],
               [SC, "2017/18", "SC2", "Staffing", "2,100,000", "2,150,000", "yes"],
               [EH, "2017/18", "EH1", "Family support", "520,000", "520,000", "yes"],
               [QA, "2017/18", "QA1", "Performance team", "240,000", "240,000", "yes"],
               [AD, "2017/18", "AD1", "Adoption allowances", "310,000", "310,000", "no"]]
        import_budget(plan, write(folder / "p10.csv", p10), as_of=AS_OF)
        import_savings(plan, write(folder / "savings.csv", [
            SAVINGS_HEADER,
            ["S1", SC, "2016/17", "Fewer external placements", "400,000", "100,000", "red", "Placement panel"],
            ["S2", EH, "2017/18", "Single front door", "250,000", "200,000", "amber", "Phased start"],
            ["S3", SC, "2017/18", "Regional adoption", "350,000", "350,000", "green", ""],
            ["S4", AD, "2016/17", "Allowances review", "100,000", "120,000", "green", ""]]))
        for year, text, pounds, kind in [
            (2017, "Improvement investment", 1_600_000, FundingKind.IMPROVEMENT_INVESTMENT),
            (2017, "Contingency for placements", 200_000, FundingKind.CONTINGENCY_SET_ASIDE),
            (2017, "More social workers (CR-1)", 125_000, FundingKind.CHANGE_REQUEST_ACCEPTED),
            (2017, "Legal support (CR-2)", 38_000, FundingKind.CHANGE_REQUEST_REFUSED),
            (2017, "Placements released", 65_000, FundingKind.CONTINGENCY_RELEASED),
        ]:
            add_funding_change(plan, FundingChange(year, text, pounds * 100, kind))
        set_contract_sum(plan, 2017, 4_000_000 * 100)
    return path


@pytest.fixture(scope="module")
def plan_data(tmp_path_factory) -> tuple[PlanSnapshot, FinanceSnapshot]:
    from trustplanner.store.plan_file import open_plan_file

    path = build_plan(tmp_path_factory.mktemp("finance"))
    plan = open_plan_file(path)
    try:
        return load_snapshot(plan), load_finance(plan)
    finally:
        plan.close()


@pytest.fixture(scope="module")
def k(plan_data):
    return prepare_finance(*plan_data, AS_OF, "k")


@pytest.fixture(scope="module")
def m(plan_data):
    return prepare_finance(*plan_data, AS_OF, "m")


def texts(rows, *fields) -> list[tuple]:
    return [tuple(getattr(row, f).text if hasattr(getattr(row, f), "text") else getattr(row, f) for f in fields)
            for row in rows]


# Hand-worked figures -------------------------------------------------------------------------

def test_the_period_is_the_position_dates(k):
    assert (k.year, k.period, k.period_label, k.year_label) == (2016, 10, "P10 2016/17", "2016/17")
    assert k.units is THOUSANDS and k.units.heading == "£000"


def test_budget_by_service_in_thousands(k):
    rows = texts(k.services, "group", "budget", "forecast", "variance", "percent")
    assert rows == [  # in the plan's order of services, as every section lists them
        (SC, "3,000", "3,110", "110", "3.7%"),  # 110/3000 = 3.67%
        (EH, "500", "520", "20", "4.0%"),
        (AD, "300", "290", "(10)", "(3.3%)"),
    ]
    assert texts([k.total], "budget", "forecast", "variance", "percent") == [("3,800", "3,920", "120", "3.2%")]
    assert [row.retained for row in k.services] == [False, False, True]


def test_budget_by_service_in_millions_adds_up_by_largest_remainder(m):
    # forecasts 3.11, 0.52, 0.29 (total 3.92 -> 3.9): floors 3.1 + 0.5 + 0.2 = 3.8, and adoption has the
    # largest remainder (0.09), so it is the one rounded up. Variances 0.11, 0.02, -0.01 (total 0.12 -> 0.1):
    # floors 0.1 + 0.0 - 0.1, and again adoption's remainder (0.09) is largest.
    rows = texts(m.services, "budget", "forecast", "variance")
    assert rows == [("3.0", "3.1", "0.1"), ("0.5", "0.5", "0.0"), ("0.3", "0.3", "0.0")]  # SC, EH, AD
    assert texts([m.total], "budget", "forecast", "variance") == [("3.8", "3.9", "0.1")]
    assert m.total.variance.words == "£0.1m"


def test_variance_explained_by_the_largest_lines(k):
    assert [(v.cost_centre, v.variance.text) for v in k.variances] == [
        ("SC1", "150"), ("SC2", "(40)"), ("EH1", "20"), ("AD1", "(10)")]
    assert k.variance_total.text == "120"


def test_variance_explained_puts_the_rest_in_one_line(plan_data):
    snapshot, fin = plan_data
    extra = tuple(BudgetLine(EH, 2016, f"X{n}", f"Line {n}", 1000_00, 1000_00 + n * 100_00, True) for n in range(1, 5))
    data = prepare_finance(snapshot, replace(fin, lines=fin.lines + extra), AS_OF, "k")
    # the five largest: SC1 150k, SC2 -40k, EH1 20k, AD1 -10k, X4 0.4k; then X1..X3 (0.1 + 0.2 + 0.3 = 0.6k)
    assert [v.cost_centre for v in data.variances] == ["SC1", "SC2", "EH1", "AD1", "X4", ""]
    assert data.variances[-1].description == "All other lines (3 with a variance)"
    assert data.variances[-1].variance.exact == 600_00
    assert sum(v.variance.shown for v in data.variances) == data.variance_total.shown == data.total.variance.shown


def test_movement_since_the_previous_period(k):
    assert k.previous_period == "P9 2016/17"
    assert [(line.cost_centre, line.before.text, line.now.text, line.movement.text) for line in k.movement] == [
        ("SC1", "1,100", "1,150", "50"), ("SC2", "2,000", "1,960", "(40)")]
    assert k.movement_total.exact == 10_000_00


def test_savings_by_deliverability(k, m):
    assert [(r.label, r.count, r.target.text, r.forecast.text, r.shortfall.text, r.share.text)
            for r in k.savings_by_rag] == [
        ("Red", 1, "400", "100", "300", "36.4%"),
        ("Amber", 1, "250", "200", "50", "22.7%"),
        ("Green", 2, "450", "470", "(20)", "40.9%"),  # S4 delivers more than its target
    ]
    t = k.savings_total
    assert (t.count, t.target.text, t.forecast.text, t.shortfall.text) == (4, "1,100", "770", "330")
    # in £m the targets 0.4, 0.25, 0.45 (total 1.1) tie on remainder: the first of the tied (amber) goes up
    assert [r.target.text for r in m.savings_by_rag] == ["0.4", "0.3", "0.4"]
    assert m.savings_total.target.text == "1.1"


def test_savings_by_year_and_at_risk(k):
    assert [(r.label, r.count, r.target.text, r.forecast.text, r.shortfall.text, r.at_risk.text)
            for r in k.savings_by_year] == [
        ("2016/17", 2, "500", "220", "280", "300"),
        ("2017/18", 2, "600", "550", "50", "50"),
    ]
    assert k.at_risk.exact == 350_000_00 and k.at_risk.words == "£350,000"
    assert k.at_risk_share.text == "31.8%"


def test_red_and_amber_plans_are_listed_with_mitigation(k):
    assert [(p.ref, p.rag, p.shortfall.text, p.mitigation) for p in k.savings_at_risk] == [
        ("S1", Deliverability.RED, "300", "Placement panel"), ("S2", Deliverability.AMBER, "50", "Phased start")]
    total = k.savings_at_risk_total
    assert (total.target.text, total.forecast.text, total.shortfall.text) == ("650", "300", "350")
    assert total.shortfall.shown == k.at_risk.shown


def test_contract_sum_derived_set_and_gap(k, m):
    (line,) = k.contract_sums
    # derived: 1,050 + 2,100 + 520 + QA 240 x 5/12 (P8 to P12) = 3,770, plus the accepted change request 125
    assert (line.year, line.derived.text, line.explicit.text, line.reconciliation.text, line.amount.text,
            line.trust_forecast.text, line.gap.text) == ("2017/18", "3,895", "4,000", "105", "4,000", "3,820", "(180)")
    (line,) = m.contract_sums
    assert (line.derived.text, line.reconciliation.text, line.amount.text, line.trust_forecast.text,
            line.gap.text) == ("3.9", "0.1", "4.0", "3.8", "(0.2)")
    assert line.reconciliation.exact == 105_000_00 and line.gap.exact == -180_000_00


def test_funding_changes_in_year_and_kind_order(k):
    assert [(f.year, f.kind, f.amount.text, f.adds_to_contract_sum) for f in k.funding] == [
        ("2017/18", "Improvement investment", "1,600", True),
        ("2017/18", "Change request accepted", "125", True),
        ("2017/18", "Change request refused", "38", False),
        ("2017/18", "Contingency set aside", "200", False),
        ("2017/18", "Contingency released", "65", False),
    ]
    (line,) = k.contingency
    assert (line.year, line.set_aside.text, line.released.text, line.held.text) == ("2017/18", "200", "65", "135")


def test_handover_schedule_and_stage(k):
    assert [(h.year, h.council.text, h.trust.text, h.total.text, h.trust_share.text, h.stage, h.current)
            for h in k.handover] == [
        ("2016/17", "3,800", "0", "3,800", "0.0%", "Council; shadow from 01/09/2016", True),
        # QA's 240 is 5/12 the trust's (100) and 7/12 the council's (140); adoption's 310 stays
        ("2017/18", "450", "3,770", "4,220", "89.3%",
         ("Children's social care, Early help: trust all year; Quality assurance & performance: trust from P8 "
          "(go-live 02/10/2017)"), False),
    ]


def test_status_red_with_its_reasons(k):
    assert k.rag is Rag.RED  # 3.2% overspend, and 31.8% of savings at risk
    assert k.rag_commentary.startswith("2016/17 forecast at P10: £120,000 over budget (3.2%); savings at risk "
                                       "£350,000 of £1,100,000 (31.8%).")


def test_no_finance_data_means_no_finance_part():
    snapshot = PlanSnapshot(PROGRAMME, (Service(SC),), ())
    assert prepare_finance(snapshot, None, AS_OF) is None
    assert prepare_finance(snapshot, FinanceSnapshot((), {}, (), (), {}), AS_OF) is None
    data = prepare_briefing(snapshot, as_of=AS_OF, finance=FinanceSnapshot((), {}, (), (), {}))
    assert data.finance is None and [row.area for row in data.status] == ["Overall", "Milestones"]


def test_briefing_gets_a_finance_status_row(plan_data):
    data = prepare_briefing(plan_data[0], as_of=AS_OF, finance=plan_data[1], units="k")
    row = data.status[-1]
    assert (row.area, row.this_period, row.last_period) == ("Finance", Rag.RED, None)
    assert data.finance.units is THOUSANDS


def test_units_other_than_m_or_k_are_refused(plan_data):
    with pytest.raises(ValidationFailed, match="units must be 'm'"):
        prepare_briefing(plan_data[0], as_of=AS_OF, finance=plan_data[1], units="bn")


# The status rule at its edges ----------------------------------------------------------------

PROGRAMME = Programme(
    council="Sunderland City Council", trust="Together for Children Sunderland",
    delivery_model=DeliveryModel.COUNCIL_OWNED_COMPANY, go_live=date(2017, 4, 1), shadow_start=date(2016, 9, 1),
    status_date=AS_OF,
)


def status(budget: int, forecast: int, target: int = 0, delivered: int = 0,
           rag: Deliverability = Deliverability.RED) -> Rag:
    lines = (BudgetLine(SC, 2016, "C1", "Line", budget, forecast, True),)
    savings = (SavingsPlan("S", SC, 2016, "Plan", target, delivered, rag, "Plan B"),) if target else ()
    data = prepare_finance(PlanSnapshot(PROGRAMME, (Service(SC),), ()), FinanceSnapshot(lines, {}, savings, (), {}),
                           AS_OF)
    assert finance_rag(data)[0] is data.rag
    return data.rag


@pytest.mark.parametrize(("forecast", "expected"), [
    (100_000_00, Rag.GREEN),  # on budget
    (90_000_00, Rag.GREEN),  # an underspend is not a problem
    (100_000_01, Rag.AMBER),  # a penny over
    (102_000_00, Rag.AMBER),  # exactly 2%
    (102_000_01, Rag.RED),  # more than 2%
])
def test_overspend_rule(forecast, expected):
    assert status(100_000_00, forecast) is expected


@pytest.mark.parametrize(("delivered", "rag", "expected"), [
    (100_000_00, Deliverability.RED, Rag.GREEN),  # red but forecast to deliver in full: nothing at risk
    (75_000_00, Deliverability.AMBER, Rag.AMBER),  # exactly 25% at risk
    (74_999_99, Deliverability.AMBER, Rag.RED),  # more than 25%
    (10_000_00, Deliverability.GREEN, Rag.GREEN),  # a green plan's shortfall is not "at risk"
])
def test_savings_rule(delivered, rag, expected):
    assert status(100_000_00, 100_000_00, 100_000_00, delivered, rag) is expected


# The same figures as the Budget page ---------------------------------------------------------

def test_figures_are_the_finance_functions(plan_data, m):
    snapshot, fin = plan_data
    year, period = 2016, 10
    page = finance.year_budget(fin, year, period)
    assert sorted((r.group, r.budget.exact, r.forecast.exact, r.variance.exact, r.percent.value) for r in m.services) \
        == sorted((f.group, f.budget, f.forecast, f.variance, f.variance_percent) for f in page)
    whole = finance.total(page)
    assert (m.total.budget.exact, m.total.forecast.exact, m.total.variance.exact) == (
        whole.budget, whole.forecast, whole.variance)
    largest = finance.largest_variances(fin, year, period, count=5)
    assert [(v.cost_centre, v.variance.exact) for v in m.variances] == [(l.cost_centre, v) for l, v in largest]
    moves = finance.movement(fin, year, period)
    assert [(x.cost_centre, x.before.exact, x.now.exact) for x in m.movement] == [
        (l.cost_centre, b, n) for l, b, n in moves]
    rag_rows = finance.savings_by_rag(fin)
    assert [(r.count, r.target.exact, r.forecast.exact, r.shortfall.exact) for r in m.savings_by_rag] == [
        (r.count, r.target, r.forecast, r.shortfall) for r in rag_rows[:-1]]
    assert m.savings_total.target.exact == rag_rows[-1].target
    for row, y in zip(m.savings_by_year, (2016, 2017), strict=True):
        total = finance.savings_by_rag(fin, y)[-1]
        assert (row.target.exact, row.forecast.exact, row.at_risk.exact) == (total.target, total.forecast,
                                                                            finance.at_risk(fin, y))
    assert m.at_risk.exact == finance.at_risk(fin)
    sums = finance.contract_sums(snapshot, fin, period, year)
    assert [(c.derived.exact, c.explicit.exact, c.amount.exact, c.trust_forecast.exact, c.gap.exact,
             c.reconciliation.exact) for c in m.contract_sums] == [
        (s.derived, s.explicit, s.amount, s.trust_forecast, s.gap, s.reconciliation) for s in sums]
    for line, y in zip(m.handover, (2016, 2017), strict=True):
        split = finance.control_split(snapshot, fin, y)
        assert (line.council.exact, line.trust.exact, line.total.exact) == (split.council, split.trust, split.total)
    assert [(c.set_aside.exact, c.released.exact, c.held.exact) for c in m.contingency] == [
        finance.contingency(fin, 2017)]


def test_an_earlier_position_uses_that_periods_forecasts(plan_data):
    data = prepare_finance(*plan_data, date(2016, 12, 15), "k")  # P9: no earlier forecast this year
    assert data.period_label == "P9 2016/17"
    assert data.total.forecast.text == "3,910"  # 1,100 + 2,000 + 520 + 290
    assert data.previous_period == "" and data.movement == ()


# Printed totals always add up ------------------------------------------------------------------

def printed_value(text: str, units) -> int:
    """Pence from a printed table figure, e.g. "(1,234.5)" in £m."""
    negative = text.startswith("(")
    digits = re.sub(r"[(),]", "", text)
    if units is MILLIONS:
        whole, tenth = digits.split(".")
        value = (int(whole) * 10 + int(tenth)) * units.step
    else:
        value = int(digits) * units.step
    return -value if negative else value


@settings(max_examples=300, deadline=None)
@given(values=st.lists(st.integers(min_value=-10**12, max_value=10**12), min_size=1, max_size=40),
       units=st.sampled_from([MILLIONS, THOUSANDS]))
def test_printed_parts_always_add_up_to_the_printed_total(values, units):
    parts, total = column(values, units)
    assert sum(printed_value(p.text, units) for p in parts) == printed_value(total.text, units)
    assert [printed_value(p.text, units) for p in parts] == [p.shown for p in parts]
    assert total.exact == sum(values)
    # the total is the exact total to the nearest unit, and every part is within one unit of its value
    assert abs(total.shown - sum(values)) * 2 <= units.step
    assert all(abs(p.shown - p.exact) < units.step for p in parts)
    assert all(p.shown == 0 for p in parts if p.exact == 0)


@settings(max_examples=100, deadline=None)
@given(budgets=st.lists(st.integers(min_value=0, max_value=5 * 10**10), min_size=1, max_size=12),
       deltas=st.lists(st.integers(min_value=-10**9, max_value=10**9), min_size=12, max_size=12),
       code=st.sampled_from(["m", "k"]))
def test_every_briefing_table_adds_up(budgets, deltas, code):
    services = tuple(Service(f"Service {n:02d}") for n in range(len(budgets)))
    lines = tuple(BudgetLine(s.name, 2016, f"C{n:02d}", "Line", b, max(b + d, 0), n % 2 == 0)
                  for n, (s, b, d) in enumerate(zip(services, budgets, deltas, strict=False)))
    savings = tuple(SavingsPlan(f"S{n}", s.name, 2016 + n % 2, "Plan", b // 10, max(b // 10 + d // 10, 0),
                                list(Deliverability)[n % 3], "Mitigation")
                    for n, (s, b, d) in enumerate(zip(services, budgets, deltas, strict=False)))
    data = prepare_finance(PlanSnapshot(PROGRAMME, services, ()), FinanceSnapshot(lines, {}, savings, (), {}),
                           AS_OF, code)
    for field in ("budget", "forecast", "variance"):
        assert sum(getattr(r, field).shown for r in data.services) == getattr(data.total, field).shown
    assert sum(v.variance.shown for v in data.variances) == data.variance_total.shown == data.total.variance.shown
    for field in ("target", "forecast", "shortfall"):
        assert sum(getattr(r, field).shown for r in data.savings_by_rag) == getattr(data.savings_total, field).shown
        assert sum(getattr(r, field).shown for r in data.savings_by_year) == getattr(data.savings_total, field).shown
    assert sum(r.at_risk.shown for r in data.savings_by_year) == data.at_risk.shown
    if data.savings_at_risk_total:
        assert data.savings_at_risk_total.shortfall.shown == data.at_risk.shown
    for line in data.handover:
        assert line.council.shown + line.trust.shown == line.total.shown


def test_percent_rounds_half_away_from_zero():
    assert percent(Fraction(1, 800)).text == "0.1%"  # 0.125% -> 0.1%
    assert percent(Fraction(3, 2000)).text == "0.2%"  # 0.15% -> 0.2%
    assert percent(Fraction(-3, 2000)).text == "(0.2%)"
    assert percent(Fraction(-1, 10**6)).text == "0.0%"  # no brackets round nothing
    assert percent(None).text == "n/a"
