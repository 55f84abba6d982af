"""Finance figures (trustplanner/services/finance.py), every one worked by hand, then property
tests that totals are always the sum of their parts, then the demo against its generator.

The hand-worked plan: go-live 1 April 2017; Early help goes live on 1 October 2017 (six of
2017/18's twelve periods with the trust); the Adoption agency is retained. Money in pence.

2016/17 (year 2016), reported at P9 and P10:

    line    service   budget      P9 forecast  P10 forecast  transfers
    SC110   CSC       5,000,000   5,900,000    6,200,000     yes
    SC105   CSC         800,000   1,000,000    1,100,000     yes
    EH301   EH        2,000,000   1,900,000    1,850,000     yes
    AD601   Adoption  1,000,000   1,000,000    1,000,000     no

2017/18 (year 2017), SC110 reported at P1 and P2:

    line    service   budget          forecast         transfers
    SC110   CSC       6,000,000.00    7,000,000.00     yes   (P1 6,800,000; P2 7,000,000)
    EH301   EH        1,800,000.07    1,900,000.01     yes   (six months with the trust)
    EH399   EH          300,000.00      300,000.00     no
    AD601   Adoption  1,000,000.00    1,050,000.00     no
"""

from __future__ import annotations

import importlib.util
import sys
from datetime import date, timedelta
from fractions import Fraction
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
from trustplanner.services import finance as f
from trustplanner.services.budget import FinanceSnapshot
from trustplanner.services.finance import (
    BudgetFigures,
    ContractSum,
    ControlSplit,
    SavingsFigures,
)
from trustplanner.services.snapshot import PlanSnapshot

ROOT = Path(__file__).resolve().parents[2]
CSC, EH, ADOPT = "Children's social care", "Early help", "Adoption agency"
RED, AMBER, GREEN = Deliverability.RED, Deliverability.AMBER, Deliverability.GREEN
POUND = 100


def pounds(amount: float) -> int:
    return round(amount * POUND)


def plan_snapshot(eh_go_live: date | None = date(2017, 10, 1)) -> PlanSnapshot:
    programme = Programme("Sunderland City Council", "Together for Children Sunderland",
                          DeliveryModel.COUNCIL_OWNED_COMPANY, go_live=date(2017, 4, 1))
    return PlanSnapshot(programme, (Service(CSC), Service(EH, go_live=eh_go_live), Service(ADOPT, retained=True)), ())


SC110_16 = BudgetLine(CSC, 2016, "SC110", "External residential", pounds(5_000_000), pounds(6_200_000), True)
SC105_16 = BudgetLine(CSC, 2016, "SC105", "Agency social workers", pounds(800_000), pounds(1_100_000), True)
EH301_16 = BudgetLine(EH, 2016, "EH301", "Locality hubs", pounds(2_000_000), pounds(1_850_000), True)
AD601_16 = BudgetLine(ADOPT, 2016, "AD601", "Adoption agency", pounds(1_000_000), pounds(1_000_000), False)
SC110_17 = BudgetLine(CSC, 2017, "SC110", "External residential", pounds(6_000_000), pounds(7_000_000), True)
EH301_17 = BudgetLine(EH, 2017, "EH301", "Locality hubs", 180_000_007, 190_000_001, True)
EH399_17 = BudgetLine(EH, 2017, "EH399", "Stays with the council", pounds(300_000), pounds(300_000), False)
AD601_17 = BudgetLine(ADOPT, 2017, "AD601", "Adoption agency", pounds(1_000_000), pounds(1_050_000), False)
LINES = (SC105_16, SC110_16, AD601_16, EH301_16, SC110_17, EH301_17, EH399_17, AD601_17)
HISTORY = {
    (2016, "SC110"): {9: pounds(5_900_000), 10: pounds(6_200_000)},
    (2016, "SC105"): {9: pounds(1_000_000), 10: pounds(1_100_000)},
    (2016, "EH301"): {9: pounds(1_900_000), 10: pounds(1_850_000)},
    (2016, "AD601"): {9: pounds(1_000_000), 10: pounds(1_000_000)},
    (2017, "SC110"): {1: pounds(6_800_000), 2: pounds(7_000_000)},
}
SAVINGS = (
    SavingsPlan("S1", CSC, 2016, "Step-down", pounds(1_000_000), pounds(400_000), RED, "Panel weekly"),
    SavingsPlan("S2", CSC, 2017, "Agency", pounds(800_000), pounds(350_000), AMBER, "Academy"),
    SavingsPlan("S3", EH, 2017, "Hubs", pounds(500_000), pounds(500_000), GREEN),
    SavingsPlan("S4", EH, 2017, "Centres", pounds(300_000), pounds(350_000), GREEN),  # delivers £50,000 more
    SavingsPlan("S5", ADOPT, 2017, "Fees", pounds(200_000), pounds(250_000), AMBER, "Fees uncertain"),  # and £50,000
)
FUNDING = (
    FundingChange(2016, "Improvement investment", pounds(6_000_000), FundingKind.IMPROVEMENT_INVESTMENT),
    FundingChange(2016, "Contingency", pounds(300_000), FundingKind.CONTINGENCY_SET_ASIDE),
    FundingChange(2016, "Released at P9", pounds(100_000), FundingKind.CONTINGENCY_RELEASED),
    FundingChange(2017, "CR01", pounds(200_000), FundingKind.CHANGE_REQUEST_ACCEPTED),
    FundingChange(2017, "CR02", pounds(50_000), FundingKind.CHANGE_REQUEST_REFUSED),
    FundingChange(2017, "Top-up", pounds(400_000), FundingKind.COUNCIL_TOP_UP),
    FundingChange(2017, "Transition contingency", pounds(50_000), FundingKind.CONTINGENCY_SET_ASIDE),
)


def finance_snapshot(contract_sums: dict[int, int] | None = None) -> FinanceSnapshot:
    return FinanceSnapshot(LINES, HISTORY, SAVINGS, FUNDING, contract_sums if contract_sums is not None else {})


# Figures of one group -------------------------------------------------------------------------

def test_budget_figures_variance_and_percent():
    overspend = BudgetFigures("CSC", pounds(5_800_000), pounds(7_300_000))
    assert overspend.variance == pounds(1_500_000)  # 7,300,000 - 5,800,000: an overspend is positive
    assert overspend.variance_percent == Fraction(15, 58)  # 1.5 / 5.8 = 25.86%
    underspend = BudgetFigures("EH", pounds(2_000_000), pounds(1_850_000))
    assert (underspend.variance, underspend.variance_percent) == (pounds(-150_000), Fraction(-3, 40))  # -7.5%
    assert BudgetFigures("None", 0, pounds(10)).variance_percent is None  # no budget: no percentage
    assert BudgetFigures("Net income", pounds(-100), pounds(-80)).variance_percent == Fraction(-1, 5)


def test_control_split_contract_sum_and_savings_figures():
    assert ControlSplit(2017, 220_000_003, 690_000_004).total == 910_000_007
    agreed = ContractSum(2017, derived=710_000_004, explicit=712_500_000, trust_forecast=795_000_001)
    assert (agreed.amount, agreed.reconciliation, agreed.gap) == (712_500_000, 2_499_996, 82_500_001)
    derived = ContractSum(2017, derived=710_000_004, explicit=None, trust_forecast=700_000_000)
    assert (derived.amount, derived.reconciliation, derived.gap) == (710_000_004, None, -10_000_004)
    assert SavingsFigures(None, 2, pounds(800_000), pounds(850_000)).shortfall == pounds(-50_000)


# Forecasts as of a period ---------------------------------------------------------------------

def test_forecast_at():
    finance = finance_snapshot()
    assert f.forecast_at(SC110_16, finance, 2016, 10) == pounds(6_200_000)
    assert f.forecast_at(SC110_16, finance, 2016, 9) == pounds(5_900_000)
    assert f.forecast_at(SC110_16, finance, 2016, 12) == pounds(6_200_000)  # the last report on or before P12
    assert f.forecast_at(SC110_16, finance, 2016, 8) == pounds(6_200_000)  # before any report: the latest known
    assert f.forecast_at(SC110_16, finance, 2017, 1) == pounds(6_200_000)  # another year's period: the latest
    assert f.forecast_at(SC110_17, finance, 2017, 1) == pounds(6_800_000)
    assert f.forecast_at(EH301_17, finance, 2017, 1) == 190_000_001  # no history: the line's forecast


def test_budget_by_service_and_year_at_p10_and_p9():
    finance = finance_snapshot()
    # 2016/17 at P10: CSC 5,000,000 + 800,000 = 5,800,000 budget; 6,200,000 + 1,100,000 = 7,300,000 forecast
    assert f.year_budget(finance, 2016, 10) == [
        BudgetFigures(ADOPT, pounds(1_000_000), pounds(1_000_000)),
        BudgetFigures(CSC, pounds(5_800_000), pounds(7_300_000)),
        BudgetFigures(EH, pounds(2_000_000), pounds(1_850_000)),
    ]
    # at P9: CSC 5,900,000 + 1,000,000 = 6,900,000 (variance 1,100,000); EH 1,900,000
    assert [(g.group, g.forecast, g.variance) for g in f.year_budget(finance, 2016, 9)] == [
        (ADOPT, pounds(1_000_000), 0), (CSC, pounds(6_900_000), pounds(1_100_000)),
        (EH, pounds(1_900_000), pounds(-100_000))]
    by_line = f.year_budget(finance, 2016, 10, key=lambda line: line.cost_centre)
    assert [g.group for g in by_line] == ["AD601", "EH301", "SC105", "SC110"]
    # every year at once, by year: 2016 budget 8,800,000; 2017 6,000,000 + 1,800,000.07 + 300,000 + 1,000,000
    assert f.budget_by(finance, lambda line: str(line.year), 2017, 2) == [
        BudgetFigures("2016", pounds(8_800_000), pounds(10_150_000)),
        BudgetFigures("2017", 910_000_007, pounds(7_000_000) + 190_000_001 + pounds(1_350_000)),
    ]


def test_programme_total_variance_and_percent():
    finance = finance_snapshot()
    p10 = f.total(f.year_budget(finance, 2016, 10))
    # 8,800,000 budget; 1,000,000 + 7,300,000 + 1,850,000 = 10,150,000 forecast; variance 1,350,000
    assert p10 == BudgetFigures("Total", pounds(8_800_000), pounds(10_150_000))
    assert p10.variance_percent == Fraction(27, 176)  # 1.35 / 8.8 = 15.34%
    p9 = f.total(f.year_budget(finance, 2016, 9), "All services")
    assert (p9.group, p9.forecast, p9.variance) == ("All services", pounds(9_800_000), pounds(1_000_000))  # 11.36%
    assert f.total([]) == BudgetFigures("Total", 0, 0)


def test_movement_since_the_last_period():
    finance = finance_snapshot()
    # P9 to P10: SC110 +300,000, SC105 +100,000, EH301 -50,000; AD601 did not move
    assert [(line.cost_centre, before, now) for line, before, now in f.movement(finance, 2016, 10)] == [
        ("SC110", pounds(5_900_000), pounds(6_200_000)),
        ("SC105", pounds(1_000_000), pounds(1_100_000)),
        ("EH301", pounds(1_900_000), pounds(1_850_000)),
    ]
    assert f.movement(finance, 2016, 9) == []  # the first report: nothing to move from
    assert f.movement(finance, 2016, 11) == []  # nothing reported at P11: the P10 figures stand
    ((line, before, now),) = f.movement(finance, 2017, 2)
    assert (line, before, now) == (SC110_17, pounds(6_800_000), pounds(7_000_000))


def test_largest_variances_explain_the_year():
    finance = finance_snapshot()
    # P10: SC110 6,200,000 - 5,000,000 = +1,200,000; SC105 +300,000; EH301 -150,000; AD601 0 (left out)
    assert [(line.cost_centre, v) for line, v in f.largest_variances(finance, 2016, 10)] == [
        ("SC110", pounds(1_200_000)), ("SC105", pounds(300_000)), ("EH301", pounds(-150_000))]
    assert [line.cost_centre for line, _ in f.largest_variances(finance, 2016, 10, count=2)] == ["SC110", "SC105"]
    assert [v for _, v in f.largest_variances(finance, 2016, 9)] == [pounds(900_000), pounds(200_000),
                                                                     pounds(-100_000)]
    # 2017/18: SC110 +1,000,000; EH301 1,900,000.01 - 1,800,000.07 = 99,999.94; AD601 +50,000
    assert [(line.cost_centre, v) for line, v in f.largest_variances(finance, 2017, 2)] == [
        ("SC110", pounds(1_000_000)), ("EH301", 9_999_994), ("AD601", pounds(50_000))]


# The handover schedule and the contract sum ----------------------------------------------------

def test_control_split_before_go_live_everything_is_the_councils():
    assert f.control_split(plan_snapshot(), finance_snapshot(), 2016) == ControlSplit(2016, pounds(8_800_000), 0)


def test_control_split_with_a_1_october_go_live_is_six_twelfths():
    split = f.control_split(plan_snapshot(), finance_snapshot(), 2017)
    # trust: SC110 6,000,000.00 (all 12 months) + EH301 1,800,000.07 x 6/12 = 900,000.035 -> 900,000.04 (half a
    # penny rounds away from zero) = 6,900,000.04; EH399 (transfers no) and AD601 (retained) stay
    # council: 910,000,007 - 690,000,004 = 2,200,000.03 (EH301's other half, 900,000.03, EH399 and AD601)
    assert split == ControlSplit(2017, council=220_000_003, trust=690_000_004)
    assert split.total == 910_000_007


def test_control_split_with_a_1_april_go_live_is_the_whole_year():
    split = f.control_split(plan_snapshot(eh_go_live=None), finance_snapshot(), 2017)
    # trust: 6,000,000 + 1,800,000.07 = 7,800,000.07; council: 300,000 + 1,000,000 = 1,300,000
    assert split == ControlSplit(2017, council=pounds(1_300_000), trust=780_000_007)


def test_control_split_with_a_go_live_after_the_1st_leaves_the_part_month_with_the_council():
    # 2 October 2017: October stays with the council, five periods (November to March) with the trust
    split = f.control_split(plan_snapshot(eh_go_live=date(2017, 10, 2)), finance_snapshot(), 2017)
    # 1,800,000.07 x 5/12 = 750,000.029 -> 750,000.03; trust 6,750,000.03
    assert split.trust == 675_000_003


def test_contract_sum_derived_explicit_reconciliation_and_gap():
    snapshot = plan_snapshot()
    (derived,) = f.contract_sums(snapshot, finance_snapshot(), 2, 2017)
    # derived = moving budget 6,900,000.04 + accepted change request CR01 200,000 = 7,100,000.04
    # (CR02 was refused and the council top-up is not a change request: neither counts)
    # trust forecast at P2 2017/18: SC110 7,000,000 + EH301 1,900,000.01 x 6/12 = 950,000.005 -> 950,000.01
    assert derived == ContractSum(2017, derived=710_000_004, explicit=None, trust_forecast=795_000_001)
    assert (derived.amount, derived.reconciliation, derived.gap) == (710_000_004, None, 84_999_997)
    (agreed, later) = f.contract_sums(snapshot, finance_snapshot({2017: 712_500_000, 2018: 0}), 1, 2017)
    # reconciliation = explicit - derived = 7,125,000.00 - 7,100,000.04 = 24,999.96
    # trust forecast at P1: SC110 6,800,000 + 950,000.01 = 7,750,000.01; gap = 7,750,000.01 - 7,125,000 = 625,000.01
    assert (agreed.amount, agreed.reconciliation, agreed.trust_forecast, agreed.gap) == (
        712_500_000, 2_499_996, 775_000_001, 62_500_001)
    assert later == ContractSum(2018, 0, 0, 0)  # a year with only an explicit sum is listed
    # 2016/17 (before go-live, nothing accepted, nothing set) has no contract sum


# Savings and contingency ----------------------------------------------------------------------

def test_savings_by_rag_all_years():
    # red: S1 1,000,000 / 400,000; amber: S2 800,000 / 350,000 and S5 200,000 / 250,000;
    # green: S3 500,000 / 500,000 and S4 300,000 / 350,000
    assert f.savings_by_rag(finance_snapshot()) == [
        SavingsFigures(RED, 1, pounds(1_000_000), pounds(400_000)),
        SavingsFigures(AMBER, 2, pounds(1_000_000), pounds(600_000)),
        SavingsFigures(GREEN, 2, pounds(800_000), pounds(850_000)),
        SavingsFigures(None, 5, pounds(2_800_000), pounds(1_850_000)),
    ]
    shortfalls = [row.shortfall for row in f.savings_by_rag(finance_snapshot())]
    # 600,000; 400,000; -50,000 (green over-delivers: the net figure); total 950,000
    assert shortfalls == [pounds(600_000), pounds(400_000), pounds(-50_000), pounds(950_000)]
    # one plan's shortfall is never negative: S4 delivers more than its target
    assert [s.shortfall for s in SAVINGS] == [pounds(600_000), pounds(450_000), 0, 0, 0]


def test_savings_by_rag_for_one_year():
    assert f.savings_by_rag(finance_snapshot(), 2017) == [
        SavingsFigures(RED, 0, 0, 0),
        SavingsFigures(AMBER, 2, pounds(1_000_000), pounds(600_000)),
        SavingsFigures(GREEN, 2, pounds(800_000), pounds(850_000)),
        SavingsFigures(None, 4, pounds(1_800_000), pounds(1_450_000)),  # shortfall 350,000
    ]


def test_savings_at_risk():
    finance = finance_snapshot()
    # red and amber plans short of their target: S1 600,000 + S2 450,000 = 1,050,000
    # (S5 is amber but forecast above target: nothing of it at risk; green plans are never at risk)
    assert f.at_risk(finance) == pounds(1_050_000)
    assert f.at_risk(finance, 2016) == pounds(600_000)
    assert f.at_risk(finance, 2017) == pounds(450_000)
    assert f.at_risk(finance, 2018) == 0


def test_contingency_set_aside_released_and_held():
    finance = finance_snapshot()
    assert f.contingency(finance) == (pounds(350_000), pounds(100_000), pounds(250_000))  # 300k + 50k; 100k; 250k
    assert f.contingency(finance, 2016) == (pounds(300_000), pounds(100_000), pounds(200_000))
    assert f.contingency(finance, 2017) == (pounds(50_000), 0, pounds(50_000))


# Totals are the sum of their parts ------------------------------------------------------------

SERVICES = (CSC, EH, ADOPT)
amounts = st.integers(min_value=-(10**11), max_value=10**11)


@st.composite
def finances(draw) -> FinanceSnapshot:
    count = draw(st.integers(min_value=0, max_value=12))
    lines, history = [], {}
    for number in range(count):
        year = draw(st.sampled_from((2016, 2017, 2018)))
        line = BudgetLine(draw(st.sampled_from(SERVICES)), year, f"CC{number}", "", draw(amounts), draw(amounts),
                          draw(st.booleans()))
        lines.append(line)
        periods = draw(st.lists(st.integers(min_value=1, max_value=12), max_size=4, unique=True))
        if periods:
            history[line.key] = {p: draw(amounts) for p in periods}
    savings = tuple(SavingsPlan(f"S{n}", draw(st.sampled_from(SERVICES)), draw(st.sampled_from((2016, 2017))), "",
                                draw(st.integers(0, 10**10)), draw(st.integers(0, 10**10)),
                                draw(st.sampled_from(list(Deliverability))), "m")
                    for n in range(draw(st.integers(0, 8))))
    funding = tuple(FundingChange(draw(st.sampled_from((2016, 2017))), "x", draw(st.integers(1, 10**10)),
                                  draw(st.sampled_from(list(FundingKind))))
                    for _ in range(draw(st.integers(0, 6))))
    return FinanceSnapshot(tuple(lines), history, savings, funding, {})


go_lives = st.dates(min_value=date(2016, 3, 1), max_value=date(2019, 5, 1))
periods = st.integers(min_value=1, max_value=12)
years = st.sampled_from((2016, 2017, 2018))


@settings(max_examples=200, deadline=None)
@given(finances(), years, periods)
def test_groups_add_up_to_the_programme_total(finance, year, period):
    for key in (lambda line: line.service, lambda line: str(line.year), lambda line: line.cost_centre):
        groups = f.budget_by(finance, key, year, period)
        whole = f.total(groups)
        assert whole.budget == sum(line.budget for line in finance.lines)
        assert whole.forecast == sum(f.forecast_at(line, finance, year, period) for line in finance.lines)
        assert whole.variance == sum(g.variance for g in groups)
    in_year = f.year_budget(finance, year, period)
    assert f.total(in_year).budget == sum(line.budget for line in finance.lines if line.year == year)
    assert sum(g.variance for g in in_year) == sum(v for _, v in f.largest_variances(finance, year, period, 10**6))


@settings(max_examples=200, deadline=None)
@given(finances(), years, go_lives, go_lives)
def test_council_and_trust_add_up_to_the_years_budget(finance, year, go_live, eh_go_live):
    programme = Programme("C", "T", DeliveryModel.INDEPENDENT_TRUST, go_live=go_live)
    snapshot = PlanSnapshot(programme, (Service(CSC), Service(EH, go_live=eh_go_live), Service(ADOPT, retained=True)),
                            ())
    split = f.control_split(snapshot, finance, year)
    assert split.council + split.trust == sum(line.budget for line in finance.lines if line.year == year)
    if all(line.service == ADOPT or not line.transfers for line in finance.lines if line.year == year):
        assert split.trust == 0
    accepted = sum(c.amount for c in finance.funding
                   if c.year == year and c.kind is FundingKind.CHANGE_REQUEST_ACCEPTED)
    derived = {s.year: s.derived for s in f.contract_sums(snapshot, finance, 12, year)}
    assert derived.get(year, 0) == split.trust + accepted


@settings(max_examples=200, deadline=None)
@given(finances(), st.sampled_from((None, 2016, 2017)))
def test_savings_rows_add_up_to_their_total(finance, year):
    *by_rag, whole = f.savings_by_rag(finance, year)
    assert [row.rag for row in by_rag] == [RED, AMBER, GREEN]
    for field in ("count", "target", "forecast", "shortfall"):
        assert getattr(whole, field) == sum(getattr(row, field) for row in by_rag), field
    assert 0 <= f.at_risk(finance, year) <= by_rag[0].target + by_rag[1].target
    set_aside, released, held = f.contingency(finance, year)
    assert held == set_aside - released


@given(st.dates(min_value=date(2016, 4, 1), max_value=date(2018, 3, 31)))
def test_a_later_go_live_never_gives_the_trust_more(go_live):
    finance = finance_snapshot()
    earlier = PlanSnapshot(Programme("C", "T", DeliveryModel.MUTUAL, go_live=go_live), (Service(CSC),), ())
    later = PlanSnapshot(Programme("C", "T", DeliveryModel.MUTUAL, go_live=go_live + timedelta(days=1)),
                         (Service(CSC),), ())
    only_csc = FinanceSnapshot(tuple(line for line in finance.lines if line.service == CSC), {}, (), (), {})
    assert f.control_split(later, only_csc, 2017).trust <= f.control_split(earlier, only_csc, 2017).trust


# The demo plan against its generator's own arithmetic ----------------------------------------

def _generator():
    spec = importlib.util.spec_from_file_location("make_demo_finance", ROOT / "scripts" / "make_demo_finance.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_demo_finance"] = module  # dataclasses look their module up
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules["make_demo_finance"]
    return module


@pytest.fixture(scope="module")
def generator():
    return _generator()


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from trustplanner.services.budget import load_finance
    from trustplanner.services.demo import create_demo_plan
    from trustplanner.services.snapshot import load_snapshot

    with create_demo_plan(tmp_path_factory.mktemp("demo") / "demo.tplan") as plan:
        return load_snapshot(plan), load_finance(plan)


def test_committed_demo_files_are_what_the_script_writes(generator):
    assert generator.problems() == []
    for path, text in generator.texts().items():
        assert path.read_text(encoding="utf-8") == text, path.name


def test_demo_figures_match_the_generator(generator, demo):
    snapshot, finance = demo
    expected = {name: pounds(value) for name, value in generator.headline().items()}
    for period in (9, 10):
        year = f.total(f.year_budget(finance, 2016, period))
        assert (year.budget, year.forecast, year.variance) == (
            expected["budget 2016/17"], expected[f"forecast P{period} 2016/17"],
            expected[f"variance P{period} 2016/17"])
    year = f.total(f.year_budget(finance, 2017, 10))
    assert (year.budget, year.variance) == (expected["budget 2017/18"], expected["variance 2017/18"])
    assert f.control_split(snapshot, finance, 2016) == ControlSplit(2016, expected["budget 2016/17"], 0)
    assert f.control_split(snapshot, finance, 2017) == ControlSplit(
        2017, expected["council budget 2017/18"], expected["transferring budget 2017/18"])
    (contract,) = f.contract_sums(snapshot, finance, 10, 2016)
    assert contract == ContractSum(2017, expected["contract sum derived 2017/18"],
                                   expected["contract sum explicit 2017/18"], expected["trust forecast 2017/18"])
    assert contract.reconciliation == pounds(generator.PENSION_DIFFERENCE) == pounds(212_000)
    assert contract.gap == expected["gap 2017/18"]
    whole = f.savings_by_rag(finance)[-1]
    assert (whole.count, whole.target, whole.forecast) == (len(generator.SAVINGS_PLANS), expected["savings target"],
                                                           expected["savings forecast"])
    assert f.at_risk(finance) == expected["savings at risk"]
    set_aside, released, _ = f.contingency(finance)
    assert (set_aside, released) == (expected["contingency set aside"], expected["contingency released"])


def test_demo_funding_is_the_generators(generator, demo):
    from trustplanner.domain.budget import parse_financial_year

    _, finance = demo
    assert [(c.year, c.description, c.amount, c.kind.value) for c in finance.funding] == [
        (parse_financial_year(year), text, pounds(amount), kind) for year, text, amount, kind in generator.FUNDING]
    kinds = {c.kind for c in finance.funding}
    assert {FundingKind.CHANGE_REQUEST_ACCEPTED, FundingKind.CHANGE_REQUEST_REFUSED,
            FundingKind.IMPROVEMENT_INVESTMENT} <= kinds
    assert sum(c.amount for c in finance.funding if c.kind is FundingKind.IMPROVEMENT_INVESTMENT) == pounds(16_000_000)


def test_demo_tells_its_story(demo):
    _, finance = demo
    p9, p10 = (f.total(f.year_budget(finance, 2016, p)) for p in (9, 10))
    assert 3_000_000 * POUND <= p9.variance < p10.variance <= 6_000_000 * POUND  # the overspend grows
    assert 60_000_000 * POUND <= p10.budget <= 70_000_000 * POUND
    moves = f.movement(finance, 2016, 10)
    assert moves[0][0].cost_centre == "SC110"  # external residential placements moved most since P9
    assert [line.cost_centre for line, _ in f.largest_variances(finance, 2016, 10, count=2)] == ["SC110", "SC105"]
    _, released, held = f.contingency(finance, 2016)
    assert released > 0 and held > 0  # set aside and partly released
    lines_per_year = [sum(1 for line in finance.lines if line.year == year) for year in (2016, 2017)]
    assert all(40 <= n <= 60 for n in lines_per_year)
    assert all(not line.transfers for line in finance.lines
               if line.service in ("Independent reviewing officers", "Adoption agency"))
    assert 12 <= len(finance.savings) <= 20
    assert all(s.mitigation for s in finance.savings if s.rag is not GREEN)
