"""The dates a plan may hold: 1 January 1990 to 31 December 2100, wherever a date comes from.

A date outside these is a typing slip (0001-01-01, 2917-04-01) and would break the schedule and
the briefing later (date arithmetic past year 1 or 9999 overflows), so a file, an edit or the
command line that carries one is refused with the same words. Financial years must lie inside
the range too: 1990/91 to 2099/00.
"""

from __future__ import annotations

from datetime import date

from trustplanner.domain.problems import Problem, ValidationFailed

EARLIEST_DATE = date(1990, 1, 1)
LATEST_DATE = date(2100, 12, 31)
#: financial years (held as the calendar year they start in) that lie wholly inside the range
EARLIEST_YEAR = EARLIEST_DATE.year
LATEST_YEAR = LATEST_DATE.year - 1


def _day(value: date) -> str:
    # not strftime: it does not pad years before 1000 on every platform
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


RANGE = f"{_day(EARLIEST_DATE)} to {_day(LATEST_DATE)}"


def in_range(value: date) -> bool:
    return EARLIEST_DATE <= value <= LATEST_DATE


def year_in_range(year: int) -> bool:
    """Whether ``year`` is a calendar year the range covers."""
    return EARLIEST_DATE.year <= year <= LATEST_DATE.year


def outside_range(shown: str) -> str:
    """The words for a date outside the range; ``shown`` is the date as the user gave it."""
    return f"{shown} is outside the dates TrustPlanner accepts ({RANGE})"


def date_problem(value: date | None) -> str | None:
    """What is wrong with ``value`` as a date in a plan (None: nothing; a blank date is not this rule's)."""
    if value is None or in_range(value):
        return None
    return outside_range(_day(value))


def financial_year_problem(start: int, shown: str | None = None) -> str | None:
    """What is wrong with the financial year starting in ``start`` (``shown``: as the user wrote it)."""
    if EARLIEST_YEAR <= start <= LATEST_YEAR:
        return None
    text = shown if shown is not None else f"{start:04d}/{(start + 1) % 100:02d}"
    return (f"'{text}' is outside the financial years TrustPlanner accepts "
            f"({EARLIEST_YEAR}/{(EARLIEST_YEAR + 1) % 100:02d} to {LATEST_YEAR}/{(LATEST_YEAR + 1) % 100:02d})")


def refuse_out_of_range(source: str, dates: dict[str, date | None]) -> None:
    """Raise :class:`ValidationFailed` for each of ``dates`` (label: date) outside the range.

    For services that take a date from the app or the command line rather than from a file.
    """
    problems = [Problem(source, None, label, message) for label, value in dates.items()
                if (message := date_problem(value))]
    if problems:
        raise ValidationFailed(problems)


def refuse_year_out_of_range(source: str, year: int) -> None:
    """Raise :class:`ValidationFailed` when the financial year starting in ``year`` is outside the range."""
    if message := financial_year_problem(year):
        raise ValidationFailed([Problem(source, None, "year", message)])
