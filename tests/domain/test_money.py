"""Money as integer pence: what people type in spreadsheets is read exactly, or refused with a reason."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trustplanner.domain.money import MoneyError, format_plain, format_pounds, parse_money


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


amounts = st.integers(min_value=-(10**15), max_value=10**15)


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


@given(st.integers(min_value=0, max_value=10**15),
       st.sampled_from(["{p}.{f:02d}", "{p}", "{p:,}.{f:02d}", "{p:,}", "£{p:,}.{f:02d}", "£{p}", "£{p:,}"]))
def test_the_fast_path_for_common_forms_agrees_with_the_full_reading(pence, form):
    # " 41236.48" (a leading space) always takes the full path; "41236.48" the fast one
    pounds, rest = divmod(pence, 100)
    text = form.format(p=pounds, f=rest)
    assert parse_money(text) == parse_money(f" {text}") == (pence if "{f" in form else pounds * 100)
