"""Money as integer pence: what people type in spreadsheets is read exactly, or refused with a reason."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trustplanner.domain.money import (
    LARGEST_PENCE,
    POUND,
    TENTH_OF_A_MILLION,
    THOUSAND,
    MoneyError,
    format_compact,
    format_millions,
    format_plain,
    format_pounds,
    format_thousands,
    millions_digits,
    parse_money,
    round_half_up,
    thousands_digits,
)


@pytest.mark.parametrize(("text", "pence"), [
    ("41000", 4_100_000),
    ("41,000", 4_100_000),
    ("£41,000", 4_100_000),
    ("£41,000.00", 4_100_000),
    ("£41000.5", 4_100_050),
    ("41,236.48", 4_123_648),
    ("  £ 41,000  ", 4_100_000),
    ("0", 0),
    ("0.01", 1),
    ("1,234,567.89", 123_456_789),
    ("41,000.000", 4_100_000),  # trailing zeros are not a fraction of a penny
    ("-1,200", -120_000),
    ("(1,200)", -120_000),
    ("-£1,200.00", -120_000),
    ("£-1,200", -120_000),
])
def test_accepted_forms(text, pence):
    assert parse_money(text) == pence


@pytest.mark.parametrize(("text", "message"), [
    ("forty thousand", "'forty thousand' is not an amount of money"),
    ("forty", "'forty' is not an amount of money"),
    ("41 thousand", "'41 thousand' is not an amount of money"),
    ("41k", "'41k' is not an amount of money"),
    ("41,000 42,000", "'41,000 42,000' has more than one number in it"),
    ("£41,000 £42,000", "has more than one number in it"),
    ("41,000.005", "'41,000.005' has a fraction of a penny"),
    ("0.001", "has a fraction of a penny"),
    ("1,20", "'1,20' is ambiguous; write it like 1,200,000.00 or 1200000"),
    ("1.200,00", "'1.200,00' is ambiguous"),
    ("41,0000", "is ambiguous"),
    ("", "an amount is required"),
    ("   ", "an amount is required"),
    ("£", "'£' is not an amount of money"),
    ("$41,000", "is not an amount of money"),
    ("-(5)", "is not an amount of money"),
    ("\u0664\u0661\u0660\u0660\u0660", "is not an amount of money"),  # Arabic-Indic digits: not in a UK payroll
])
def test_refused_forms_say_why(text, message):
    with pytest.raises(MoneyError) as caught:
        parse_money(text)
    assert message in str(caught.value)


def test_negative_is_parsed_for_callers_to_refuse():
    # parse_money reads "-5"; the staff importer refuses a negative annual cost (tests/cli/test_cli_staff.py).
    assert parse_money("-5") == -500


@pytest.mark.parametrize(("pence", "pounds", "whole", "plain"), [
    (4_100_000, "£41,000.00", "£41,000", "41000.00"),
    (4_123_648, "£41,236.48", "£41,236", "41236.48"),
    (4_123_650, "£41,236.50", "£41,237", "41236.50"),  # half a pound rounds away from zero
    (5, "£0.05", "£0", "0.05"),
    (0, "£0.00", "£0", "0.00"),
    (-120_050, "-£1,200.50", "-£1,201", "-1200.50"),
])
def test_formats(pence, pounds, whole, plain):
    assert format_pounds(pence) == pounds
    assert format_pounds(pence, decimals=False) == whole
    assert format_pounds(pence, symbol=False) == pounds.replace("£", "")
    assert format_plain(pence) == plain


amounts = st.integers(min_value=-LARGEST_PENCE, max_value=LARGEST_PENCE)


@given(amounts)
def test_every_written_form_reads_back_to_the_penny(pence):
    assert parse_money(format_plain(pence)) == pence
    assert parse_money(format_pounds(pence)) == pence
    assert parse_money(format_pounds(pence, symbol=False)) == pence
    assert parse_money(f"({format_pounds(abs(pence))})") == -abs(pence)


@given(st.integers(min_value=0, max_value=10**12))
def test_whole_pounds_round_half_away_from_zero(pence):
    shown = int(format_pounds(pence, symbol=False, decimals=False).replace(",", ""))
    assert abs(shown * 100 - pence) <= 50
    assert shown * 100 - pence != -50  # exactly half a pound goes up, never down


@given(st.text(max_size=12))
def test_any_text_is_read_or_refused_with_a_reason(text):
    try:
        pence = parse_money(text)
    except MoneyError as exc:
        assert str(exc)
    else:
        assert isinstance(pence, int)


@given(st.integers(min_value=0, max_value=LARGEST_PENCE),
       st.sampled_from(["{p}.{f:02d}", "{p}", "{p:,}.{f:02d}", "{p:,}", "£{p:,}.{f:02d}", "£{p}", "£{p:,}"]))
def test_the_fast_path_for_common_forms_agrees_with_the_full_reading(pence, form):
    # " 41236.48" (a leading space) always takes the full path; "41236.48" the fast one
    pounds, rest = divmod(pence, 100)
    text = form.format(p=pounds, f=rest)
    assert parse_money(text) == parse_money(f" {text}") == (pence if "{f" in form else pounds * 100)


# One formatter for every printed form, worked by hand: half up means half away from zero ------

@pytest.mark.parametrize(("pence", "unit", "rounded"), [
    (2_500_00, THOUSAND, 3_000_00),  # exactly half: up
    (2_499_99, THOUSAND, 2_000_00),
    (2_449_00, THOUSAND, 2_000_00),
    (-2_500_00, THOUSAND, -3_000_00),  # away from zero, not towards +infinity
    (5_000_000, TENTH_OF_A_MILLION, 10_000_000),  # £50,000 is £0.05m: £0.1m
    (4_999_999, TENTH_OF_A_MILLION, 0),
    (125_000_000, TENTH_OF_A_MILLION, 130_000_000),  # £1.25m: banker's rounding would say £1.2m
    (250, POUND, 300),
    (10**20 + 50, POUND, 10**20 + 100),  # no precision lost on huge amounts
])
def test_rounding_is_exact_and_half_up(pence, unit, rounded):
    assert round_half_up(pence, unit) == rounded


@pytest.mark.parametrize(("pence", "thousands", "millions_", "in_thousands", "in_millions", "compact"), [
    (2_500_00, "3", "0.0", "£3,000", "£0.0m", "£3,000"),
    (2_449_00, "2", "0.0", "£2,000", "£0.0m", "£2,000"),
    (50_000_00, "50", "0.1", "£50,000", "£0.1m", "£50,000"),
    (115_000_000, "1,150", "1.2", "£1,150,000", "£1.2m", "£1.2m"),  # 1.15 as a float prints 1.1
    (124_999_999, "1,250", "1.2", "£1,250,000", "£1.2m", "£1.2m"),
    (99_949_999, "999", "1.0", "£999,000", "£1.0m", "£999,000"),
    (99_950_000, "1,000", "1.0", "£1,000,000", "£1.0m", "£1.0m"),  # a million to the nearest £1,000
    (-15_000_000, "150", "0.2", "-£150,000", "-£0.2m", "-£150,000"),
    (0, "0", "0.0", "£0", "£0.0m", "£0"),
])
def test_printed_forms(pence, thousands, millions_, in_thousands, in_millions, compact):
    assert thousands_digits(pence) == thousands
    assert millions_digits(pence) == millions_
    assert format_thousands(pence) == in_thousands
    assert format_millions(pence) == in_millions
    assert format_compact(pence) == compact


def test_signed_forms_mark_a_positive_change():
    assert format_pounds(12_000_000, decimals=False, signed=True) == "+£120,000"
    assert format_pounds(-5_000_000, decimals=False, signed=True) == "-£50,000"
    assert format_pounds(0, decimals=False, signed=True) == "£0"
    assert format_millions(4_999_999, signed=True) == "£0.0m"  # rounds to nothing: no sign
    assert format_millions(5_000_000, signed=True) == "+£0.1m"


@pytest.mark.parametrize("text", ["10000000000.01", "-10000000000.01", "99999999999999999999", "(£10,000,000,001)"])
def test_an_amount_past_ten_billion_pounds_is_refused(text):
    with pytest.raises(MoneyError, match="is more than £10,000,000,000"):
        parse_money(text)
    assert parse_money("10,000,000,000.00") == LARGEST_PENCE
