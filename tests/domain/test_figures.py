"""Percentages and one-decimal figures: exact, half up, one helper for every page and section."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trustplanner.domain.figures import decimal_text, percent_text, round_fraction, share


@pytest.mark.parametrize(("value", "text"), [
    (Fraction(1, 8), "12.5%"),
    (Fraction(1, 400), "0.3%"),  # 0.25%: half a tenth goes up
    (Fraction(1, 2000), "0.1%"),  # 0.05%
    (Fraction(1, 2001), "0.0%"),
    (Fraction(-29, 1000), "-2.9%"),
    (Fraction(-1, 400), "-0.3%"),  # away from zero
    (Fraction(-1, 4000), "0.0%"),  # rounds to nothing: no sign
    (Fraction(125, 10), "1,250.0%"),
    (Fraction(7, 3), "233.3%"),
])
def test_percent_to_one_decimal_place(value, text):
    assert percent_text(value) == text


def test_percent_forms():
    assert percent_text(None) == "—"
    assert percent_text(None, missing="n/a") == "n/a"
    assert percent_text(Fraction(1, 2000), signed=True) == "+0.1%"
    assert percent_text(Fraction(-3, 200), brackets=True) == "(1.5%)"
    assert percent_text(Fraction(1, 200), places=0) == "1%"  # 0.5% to a whole percent
    assert percent_text(Fraction(2, 3), places=0) == "67%"


def test_share_is_exact_and_none_without_a_base():
    assert share(1, 3) == Fraction(1, 3)
    assert share(5, 0) is None


@pytest.mark.parametrize(("value", "text"), [
    (Fraction(1, 4), "0.3"),  # a quarter FTE; a float would print 0.2
    (Fraction(35, 2), "17.5"),
    (Fraction(68, 3), "22.7"),
    (Fraction(-1, 20), "-0.1"),
    (Fraction(0), "0.0"),
    (Fraction(123456, 10), "12,345.6"),
])
def test_one_decimal_place(value, text):
    assert decimal_text(value, 1) == text


@given(st.fractions(min_value=-10**6, max_value=10**6), st.integers(0, 3))
def test_rounding_is_within_half_a_place_and_halves_go_away_from_zero(value, places):
    rounded = round_fraction(value, places)
    step = Fraction(1, 10**places)
    assert (rounded / step).denominator == 1
    assert abs(rounded - value) <= step / 2
    if abs(rounded - value) == step / 2:
        assert abs(rounded) > abs(value)
