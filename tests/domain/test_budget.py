"""Budget domain rules (trustplanner/domain/budget.py), worked by hand, and the properties the
finance tables rely on: pro-rata shares to the penny, rounded parts that add up to the rounded
total, and money that reads back without losing a penny."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trustplanner.domain.budget import (
    BudgetLine,
    Deliverability,
    FundingKind,
    SavingsPlan,
    YearError,
    parse_financial_year,
    round_to_total,
    share_of,
    trust_share_months,
    year_label,
)
from trustplanner.domain.dates import EARLIEST_YEAR, LATEST_YEAR
from trustplanner.domain.money import LARGEST_PENCE, format_plain, format_pounds, parse_money

TENTH_OF_A_MILLION = 10_000_000  # £0.1m in pence: the briefing's £m tables
THOUSAND = 100_000  # £1,000 in pence: its £000 tables


@pytest.mark.parametrize(("text", "year"), [
    ("2017/18", 2017), ("2017-18", 2017), ("2017/2018", 2017), (" 2016/17 ", 2016), ("FY2017/18", 2017),
    ("fy 2017-18", 2017), ("2017 / 18", 2017), ("1999/00", 1999), ("2099/2100", 2099),
])
def test_financial_years_accepted(text, year):
    assert parse_financial_year(text) == year


@pytest.mark.parametrize(("text", "message"), [
    ("2020-2022", "'2020-2022' is not a financial year (it must run from one April to the next); write it like "
                  "2020/21"),
    ("2017/17", "write it like 2017/18"),
    ("2017/16", "write it like 2017/18"),
    ("2017/19", "'2017/19' is not a financial year (it must run from one April to the next)"),
    ("2017", "'2017' is not a financial year; write it like 2017/18"),
    ("17/18", "'17/18' is not a financial year; write it like 2017/18"),
    ("2017/18/19", "is not a financial year"),
    ("April 2017", "is not a financial year"),
    ("", "is not a financial year"),
])
def test_financial_years_refused_with_the_form_to_use(text, message):
    with pytest.raises(YearError) as caught:
        parse_financial_year(text)
    assert message in str(caught.value)


def test_year_label():
    assert [year_label(y) for y in (2016, 2017, 1999)] == ["2016/17", "2017/18", "1999/00"]


@given(st.integers(min_value=EARLIEST_YEAR, max_value=LATEST_YEAR))
def test_year_labels_read_back(year):
    assert parse_financial_year(year_label(year)) == year


@pytest.mark.parametrize(("year", "go_live", "months"), [
    (2017, date(2017, 4, 1), 12),  # go-live on the first day of the year: all of it
    (2017, date(2016, 9, 1), 12),  # already live
    (2016, date(2017, 4, 1), 0),  # 2016/17 ends the day before go-live
    (2017, date(2017, 10, 1), 6),  # October to March
    (2017, date(2017, 10, 2), 5),  # October is a part month: it stays with the council
    (2017, date(2017, 4, 2), 11),
    (2017, date(2018, 1, 1), 3),  # January to March
    (2017, date(2018, 3, 1), 1),
    (2017, date(2018, 3, 31), 0),
    (2017, date(2018, 4, 1), 0),
])
def test_trust_share_months(year, go_live, months):
    assert trust_share_months(year, go_live) == months


@pytest.mark.parametrize(("amount", "months", "share"), [
    (120_000, 12, 120_000),
    (120_000, 6, 60_000),
    (120_000, 0, 0),
    (100_000, 1, 8_333),  # 8,333.33
    (100_000, 7, 58_333),  # 58,333.33
    (100_001, 6, 50_001),  # 50,000.5: half a penny rounds away from zero
    (-100_001, 6, -50_001),
    (180_000_007, 6, 90_000_004),  # 90,000,003.5
    (180_000_007, 5, 75_000_003),  # 75,000,002.92
    (7, 1, 1),  # 0.58
    (5, 1, 0),  # 0.42
])
def test_share_of_rounds_to_the_penny(amount, months, share):
    assert share_of(amount, months) == share


@given(st.integers(min_value=-(10**13), max_value=10**13), st.integers(min_value=0, max_value=12))
def test_share_of_is_within_half_a_penny(amount, months):
    exact = Fraction(amount * months, 12)
    share = share_of(amount, months)
    assert abs(share - exact) <= Fraction(1, 2)
    if abs(share - exact) == Fraction(1, 2):
        assert abs(share) > abs(exact)  # a half rounds away from zero


@pytest.mark.parametrize(("values", "unit", "rounded"), [
    # £0.35m three times: £1.05m rounds to £1.1m; rounding each (0.4 x 3 = 1.2) would not add up.
    # Floors 0.3 x 3 = 0.9, two more tenths go to the largest remainders (equal: the first ones).
    ([35_000_000] * 3, TENTH_OF_A_MILLION, [40_000_000, 40_000_000, 30_000_000]),
    # £1.26m, £2.34m, £0.45m = £4.05m -> £4.1m; floors 1.2 + 2.3 + 0.4 = 3.9; remainders 0.06, 0.04, 0.05:
    # +0.1 to £1.26m and to £0.45m
    ([126_000_000, 234_000_000, 45_000_000], TENTH_OF_A_MILLION, [130_000_000, 230_000_000, 50_000_000]),
    # -£0.15m and £0.35m = £0.2m; floors -0.2 + 0.3 = 0.1; remainders 0.05 and 0.05: +0.1 to the first
    ([-15_000_000, 35_000_000], TENTH_OF_A_MILLION, [-10_000_000, 30_000_000]),
    # £000: £1,499.99 + £1,500.01 = £3,000.00 -> 3 thousands; floors 1 + 1; remainders 499.99 and 500.01
    ([149_999, 150_001], THOUSAND, [100_000, 200_000]),
    ([-149_999, -150_001], THOUSAND, [-100_000, -200_000]),  # -£3,000: floors -2 and -2, one back up
    ([0, 0], THOUSAND, [0, 0]),
    ([], THOUSAND, []),
])
def test_round_to_total(values, unit, rounded):
    assert round_to_total(values, unit) == rounded


def _round_half_away(value: int, unit: int) -> int:
    return int((Decimal(value) / unit).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * unit  # away from zero


@given(st.lists(st.integers(min_value=-(10**12), max_value=10**12), max_size=40),
       st.sampled_from([1, 100, THOUSAND, TENTH_OF_A_MILLION, 100_000_000, 7]))
def test_rounded_parts_add_up_to_the_rounded_total_each_within_one_unit(values, unit):
    parts = round_to_total(values, unit)
    assert len(parts) == len(values)
    assert sum(parts) == _round_half_away(sum(values), unit)
    for part, value in zip(parts, values, strict=True):
        assert part % unit == 0
        assert abs(part - value) < unit


def test_records():
    line = BudgetLine("Children's social care", 2016, "SC110", "Placements", 500_000_000, 620_000_000, True)
    assert (line.key, line.variance) == ((2016, "SC110"), 120_000_000)  # 6.2m - 5.0m: overspend positive
    under = BudgetLine("Early help", 2016, "EH301", "", 200_000_000, 185_000_000, True)
    assert under.variance == -15_000_000
    short = SavingsPlan("S1", "Early help", 2017, "", 100_000_000, 40_000_000, Deliverability.RED, "Panel")
    assert short.shortfall == 60_000_000
    over = SavingsPlan("S2", "Early help", 2017, "", 100_000_000, 120_000_000, Deliverability.GREEN)
    assert over.shortfall == 0  # delivering more than the target leaves no shortfall


def test_deliverability_and_funding_kinds():
    assert [(d.label, d.letter) for d in Deliverability] == [("Green", "G"), ("Amber", "A"), ("Red", "R")]
    assert [k.label for k in FundingKind] == [
        "Improvement investment", "Council top-up", "Change request accepted", "Change request refused",
        "Contingency set aside", "Contingency released"]
    assert {k for k in FundingKind if k.adds_to_contract_sum} == {
        FundingKind.IMPROVEMENT_INVESTMENT, FundingKind.COUNCIL_TOP_UP, FundingKind.CHANGE_REQUEST_ACCEPTED}


# Money never loses a penny --------------------------------------------------------------------

amounts = st.integers(min_value=-LARGEST_PENCE, max_value=LARGEST_PENCE)  # the largest a plan takes


@given(amounts)
def test_plain_and_pounds_forms_read_back_to_the_penny(pence):
    assert parse_money(format_plain(pence)) == pence  # the export form
    assert parse_money(format_pounds(pence)) == pence  # £1,234,567.89
    assert parse_money(format_pounds(pence, symbol=False)) == pence  # 1,234,567.89
    if pence < 0:
        assert parse_money(f"({format_pounds(-pence)})") == pence  # (£1,200.00)
        assert parse_money(f"({format_plain(-pence)})") == pence


@given(amounts)
def test_whole_pound_forms_read_back_exactly_when_there_are_no_pence(pence):
    whole = pence - pence % 100 if pence >= 0 else -((-pence) - (-pence) % 100)
    assert parse_money(format_pounds(whole, decimals=False)) == whole
