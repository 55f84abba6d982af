"""The reporting windows, in calendar days, named once for the briefing, the Overview and check.

The cabinet briefing lists milestones due in the next 90 days and, on a plan's first briefing
(no earlier position to count from), those completed in the last 30; the Overview's tile counts
milestones due in the next 30 days. Every heading and sentence that names a window takes its
number from here, so changing one changes the words too.
"""

from __future__ import annotations

from datetime import date, timedelta

#: the briefing's "Due in the next 90 days" table: open milestones forecast up to this many days ahead
BRIEFING_DUE_DAYS = 90
#: the first briefing's "Completed in the last 30 days" table (later ones count from the last briefing)
FIRST_BRIEFING_COMPLETED_DAYS = 30
#: the next meeting is taken to be this many days after this one (a six-weekly cabinet cycle): the
#: briefing's body lists what is due and needed before it
MEETING_CYCLE_DAYS = 42
#: the Overview's "Due in 30 days" tile
OVERVIEW_DUE_DAYS = 30


def next_meeting(meeting: date, given: date | None) -> tuple[date, bool]:
    """The next meeting's date and whether it is assumed: ``given`` when the report says it, else
    :data:`MEETING_CYCLE_DAYS` after ``meeting``. "Before the next meeting" runs up to it, inclusive."""
    if given is not None and given > meeting:
        return given, False
    return window_end(meeting, MEETING_CYCLE_DAYS), True


def window_end(as_of: date, days: int) -> date:
    """The last day (inclusive) of a window of ``days`` calendar days after ``as_of``."""
    return as_of + timedelta(days=days)


def window_start(as_of: date, days: int) -> date:
    """The day before a window of ``days`` calendar days up to ``as_of`` (exclusive start)."""
    return as_of - timedelta(days=days)
