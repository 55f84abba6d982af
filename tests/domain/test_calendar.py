from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trustplanner.domain.calendar import (
    add_working_days,
    financial_year,
    is_working_day,
    monitoring_period,
    monitoring_period_label,
    previous_working_day,
    working_days_between,
)

dates = st.dates(min_value=date(2010, 1, 1), max_value=date(2035, 12, 31))


def test_easter_monday_is_not_a_working_day_in_england():
    assert not is_working_day(date(2017, 4, 17))  # Easter Monday 2017
    assert not is_working_day(date(2017, 4, 14))  # Good Friday


def test_weekends_and_christmas_are_not_working_days():
    assert not is_working_day(date(2017, 4, 1))  # Saturday
    assert not is_working_day(date(2016, 12, 26))
    assert not is_working_day(date(2016, 12, 27))  # substitute day for Christmas on a Sunday
    assert is_working_day(date(2016, 12, 28))


def test_working_days_across_easter():
    # Thu 13 Apr 2017 -> Tue 18 Apr 2017: Good Friday and Easter Monday are skipped.
    assert working_days_between(date(2017, 4, 13), date(2017, 4, 18)) == 1
    assert add_working_days(date(2017, 4, 13), 1) == date(2017, 4, 18)


def test_working_days_between_is_signed():
    assert working_days_between(date(2017, 1, 16), date(2017, 1, 20)) == 4
    assert working_days_between(date(2017, 1, 20), date(2017, 1, 16)) == -4
    assert working_days_between(date(2017, 1, 16), date(2017, 1, 16)) == 0


@given(dates, st.integers(min_value=-400, max_value=400))
def test_adding_working_days_is_undone_by_counting_them(start, count):
    assert working_days_between(start, add_working_days(start, count)) == count


@given(dates, st.integers(min_value=1, max_value=400))
def test_adding_working_days_lands_on_a_working_day(start, count):
    assert is_working_day(add_working_days(start, count))
    assert is_working_day(add_working_days(start, -count))


@given(dates, dates)
def test_working_days_forward_match_a_day_by_day_count(start, end):
    if abs((end - start).days) > 800:
        end = start + timedelta(days=(end - start).days % 800)
    low, high = sorted((start, end))
    slow = sum(1 for n in range(1, (high - low).days + 1) if is_working_day(low + timedelta(days=n)))
    assert working_days_between(low, high) == slow


def test_previous_working_day():
    assert previous_working_day(date(2017, 4, 1)) == date(2017, 3, 31)
    assert previous_working_day(date(2017, 3, 31)) == date(2017, 3, 31)


@pytest.mark.parametrize(
    ("day", "year", "period"),
    [
        (date(2017, 4, 1), "2017/18", 1),
        (date(2018, 3, 31), "2017/18", 12),
        (date(2017, 3, 31), "2016/17", 12),
        (date(2016, 9, 15), "2016/17", 6),
        (date(2017, 1, 16), "2016/17", 10),
        (date(1999, 12, 1), "1999/00", 9),
    ],
)
def test_financial_year_and_monitoring_period(day, year, period):
    assert financial_year(day) == year
    assert monitoring_period(day) == period
    assert monitoring_period_label(day) == f"P{period} {year}"


@given(dates)
def test_monitoring_period_is_one_to_twelve_and_april_is_p1(day):
    assert 1 <= monitoring_period(day) <= 12
    assert (monitoring_period(day) == 1) == (day.month == 4)
