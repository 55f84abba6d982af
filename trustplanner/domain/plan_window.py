"""The dates that make sense in one plan: from the decision date's year minus 5 to go-live plus 10 years.

Inside the absolute range of :mod:`trustplanner.domain.dates`, a date typed into a plan far from its
programme (2071 for 2017, 1997 for a 2025 go-live) is a slip of the keyboard; editors refuse it with
the reason. Imports only flag such dates: a file is not rejected for them (decision record 0003).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from trustplanner.domain.dates import EARLIEST_DATE, LATEST_DATE
from trustplanner.domain.model import Programme

YEARS_BEFORE_DECISION = 5
YEARS_AFTER_GO_LIVE = 10


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class PlanWindow:
    earliest: date
    latest: date

    def problem(self, value: date | None) -> str | None:
        """Why ``value`` is not a sensible date for this plan (None: it is, or it is blank)."""
        if value is None or self.earliest <= value <= self.latest:
            return None
        shown = f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
        return (f"{shown} is outside this plan's dates ({self.earliest:%d/%m/%Y} to {self.latest:%d/%m/%Y}: "
                f"from {YEARS_BEFORE_DECISION} years before the decision year to {YEARS_AFTER_GO_LIVE} years "
                "after go-live)")


def plan_window(programme: Programme) -> PlanWindow:
    """The window for ``programme``; without a decision date, go-live's year stands in for it."""
    start = (programme.decision_date or programme.go_live).year - YEARS_BEFORE_DECISION
    earliest = max(date(start, 1, 1), EARLIEST_DATE)
    latest = min(_years_later(programme.go_live, YEARS_AFTER_GO_LIVE), LATEST_DATE)
    return PlanWindow(earliest, latest)
