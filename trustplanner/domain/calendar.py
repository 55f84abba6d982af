"""Working days and the UK public-sector financial calendar.

Working days exclude weekends and England-and-Wales bank holidays. The ``holidays`` package
with subdivision ENG is used because the UK default omits Easter Monday.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _bank_holidays_for(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_bank_holiday(day: date) -> bool:
    return day in _bank_holidays_for(day.year)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and not is_bank_holiday(day)


def add_working_days(start: date, count: int) -> date:
    """The date ``count`` working days after ``start`` (before it when negative).

    ``add_working_days(d, 0)`` is ``d`` itself, working day or not.
    """
    step = 1 if count >= 0 else -1
    remaining = abs(count)
    day = start
    while remaining:
        day += timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Signed count of working days in ``(start, end]``, or minus those in ``[end, start)``.

    So ``working_days_between(d, add_working_days(d, n)) == n`` for any ``n``.
    """
    if end == start:
        return 0
    if end < start:
        one_day = timedelta(days=1)
        return -working_days_between(end - one_day, start - one_day)
    whole_weeks, rest = divmod((end - start).days, 7)
    count = whole_weeks * 5
    day = start + timedelta(days=whole_weeks * 7)
    for _ in range(rest):
        day += timedelta(days=1)
        if day.weekday() < 5:
            count += 1
    for year in range(start.year, end.year + 1):
        count -= sum(1 for h in _bank_holidays_for(year) if start < h <= end and h.weekday() < 5)
    return count


def previous_working_day(day: date) -> date:
    """``day`` itself if it is a working day, else the working day before it."""
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def financial_year_start(day: date) -> int:
    """The calendar year in which ``day``'s financial year began (1 April)."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year(day: date) -> str:
    """UK financial year label of ``day``: 1 April 2017 – 31 March 2018 is ``2017/18``."""
    return format_financial_year(financial_year_start(day))


def format_financial_year(start_year: int) -> str:
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def monitoring_period(day: date) -> int:
    """Monthly monitoring period: P1 is April, P12 is March."""
    return (day.month - 4) % 12 + 1


def monitoring_period_label(day: date) -> str:
    return f"P{monitoring_period(day)} {financial_year(day)}"
