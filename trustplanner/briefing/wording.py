"""How a briefing writes dates, counts and statuses, so every section says them the same way."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from trustplanner.domain.enums import Rag

NO_VALUE = "—"

def uk_date(day: date | None) -> str:
    """``01/04/2017``: the date style of tables, headers and footers (the long form does not fit
    a table's date column on one line); prose uses :func:`long_date`."""
    if day is None:
        return NO_VALUE
    return day.strftime("%d/%m/%Y")


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def long_date(day: date | None) -> str:
    """``1 April 2017``: a date in running prose (the council style); tables keep :func:`uk_date`.
    Month names are spelt here, not by the locale, so a briefing reads the same on every machine."""
    if day is None:
        return NO_VALUE
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def next_meeting_words(day: date, assumed: bool) -> str:
    """"the next meeting on 27 February 2017", or, when the report does not give it, "the next
    meeting (taken as 27 February 2017, six weeks on)"."""
    if assumed:
        return f"the next meeting (taken as {long_date(day)}, six weeks on)"
    return f"the next meeting on {long_date(day)}"


def count(n: int, singular: str, plural: str | None = None) -> str:
    """``1 milestone``, ``3 milestones``, ``no milestones``."""
    noun = singular if n == 1 else (plural or singular + "s")
    return f"{'no' if n == 0 else n} {noun}"


def rag_word(rag: Rag | None) -> str:
    """The status as a word, readable without colour: ``AMBER``."""
    return NO_VALUE if rag is None else rag.label.upper()


def rag_phrase(rag: Rag) -> str:
    """The status with its letter, as a table or sentence shows it: ``AMBER (A)``."""
    return f"{rag_word(rag)} ({rag.letter})"


def refs(items: Sequence[str], limit: int = 6) -> str:
    """``GOV-01, HR-04 and PEN-02``; long lists end ``and 7 more``."""
    items = list(items)
    if len(items) > limit:
        shown = items[: limit - 1]
        return f"{', '.join(shown)} and {len(items) - len(shown)} more"
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def working_days(n: int) -> str:
    return count(n, "working day")
