"""Dates to pixels and back, and the ticks of the time axis at each zoom level.

Quarters follow the UK financial year (1 April to 31 March): January to March 2017 is
"Q4 2016/17". The quarter view shows calendar years above the financial quarters so both
readings are at hand.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum


class Zoom(Enum):
    """(label, pixels per day, tick captions top and bottom)."""

    WEEKS = ("Weeks", 9.0, "Month", "Week commencing")
    MONTHS = ("Months", 2.6, "Quarter (financial year)", "Month")
    QUARTERS = ("Quarters", 1.0, "Calendar year", "Quarter (financial year)")

    def __init__(self, label: str, px_per_day: float, top_caption: str, bottom_caption: str):
        self.label = label
        self.px_per_day = px_per_day
        self.top_caption = top_caption
        self.bottom_caption = bottom_caption

    @property
    def margin_days(self) -> int:
        """Free time either side of the plan's dates, so end markers are not on the edge."""
        return {Zoom.WEEKS: 14, Zoom.MONTHS: 31, Zoom.QUARTERS: 62}[self]


@dataclass(frozen=True)
class Tick:
    """One labelled span of the axis, ``start`` inclusive, ``end`` exclusive."""

    start: date
    end: date
    label: str
    short: str


def financial_year(day: date) -> str:
    """'2016/17' for any day from 1 April 2016 to 31 March 2017."""
    first = day.year if day.month >= 4 else day.year - 1
    return f"{first}/{(first + 1) % 100:02d}"


def financial_quarter(day: date) -> int:
    return (day.month - 4) % 12 // 3 + 1


def quarter_label(day: date) -> str:
    return f"Q{financial_quarter(day)} {financial_year(day)}"


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def month_start(day: date) -> date:
    return day.replace(day=1)


def quarter_start(day: date) -> date:
    return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def year_start(day: date) -> date:
    return date(day.year, 1, 1)


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _spans(first: date, last: date, snap: Callable[[date], date], step: Callable[[date], date],
           label: Callable[[date], tuple[str, str]]) -> Iterator[Tick]:
    start = snap(first)
    while start <= last:
        end = step(start)
        yield Tick(start, end, *label(start))
        start = end


def _weeks(first: date, last: date) -> Iterator[Tick]:
    return _spans(first, last, week_start, lambda d: d + timedelta(days=7),
                  lambda d: (f"{d.day} {d:%b}", f"{d.day}"))


def _months(first: date, last: date) -> Iterator[Tick]:
    return _spans(first, last, month_start, lambda d: add_months(d, 1), lambda d: (f"{d:%b %Y}", f"{d:%b}"))


def _long_months(first: date, last: date) -> Iterator[Tick]:
    return _spans(first, last, month_start, lambda d: add_months(d, 1), lambda d: (f"{d:%B %Y}", f"{d:%b %Y}"))


def _quarters(first: date, last: date) -> Iterator[Tick]:
    return _spans(first, last, quarter_start, lambda d: add_months(d, 3),
                  lambda d: (quarter_label(d), f"Q{financial_quarter(d)}"))


def _years(first: date, last: date) -> Iterator[Tick]:
    return _spans(first, last, year_start, lambda d: date(d.year + 1, 1, 1), lambda d: (str(d.year), str(d.year)))


_TIERS = {
    Zoom.WEEKS: (_long_months, _weeks),
    Zoom.MONTHS: (_quarters, _months),
    Zoom.QUARTERS: (_years, _quarters),
}
_SNAP = {Zoom.WEEKS: week_start, Zoom.MONTHS: month_start, Zoom.QUARTERS: quarter_start}


@dataclass(frozen=True)
class TimeScale:
    """A linear map from dates to scene x: ``origin`` at x = 0, each day ``zoom.px_per_day`` wide."""

    origin: date
    zoom: Zoom

    @classmethod
    def covering(cls, first: date, last: date, zoom: Zoom) -> tuple[TimeScale, float]:
        """The scale starting at a tick boundary before ``first``, and the width to just past ``last``."""
        origin = _SNAP[zoom](first - timedelta(days=zoom.margin_days))
        scale = cls(origin, zoom)
        return scale, scale.x(last + timedelta(days=zoom.margin_days + 1))

    @property
    def px_per_day(self) -> float:
        return self.zoom.px_per_day

    def x(self, day: date) -> float:
        """Left edge of ``day``."""
        return (day - self.origin).days * self.zoom.px_per_day

    def centre(self, day: date) -> float:
        """Middle of ``day``: where markers and date lines go."""
        return self.x(day) + self.zoom.px_per_day / 2

    def day_at(self, x: float) -> date:
        return self.origin + timedelta(days=int(x // self.zoom.px_per_day))

    def tiers(self, x_from: float, x_to: float) -> tuple[list[Tick], list[Tick]]:
        """Top and bottom tier ticks overlapping scene x from ``x_from`` to ``x_to``."""
        first, last = self.day_at(max(x_from, 0.0)), self.day_at(max(x_to, 0.0))
        top, bottom = _TIERS[self.zoom]
        return list(top(first, last)), list(bottom(first, last))
