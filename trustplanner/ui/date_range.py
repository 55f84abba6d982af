"""Date editors offer only the dates a plan accepts (trustplanner.domain.dates), so the app
cannot pick one the services would refuse."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit

from trustplanner.domain.dates import EARLIEST_DATE, LATEST_DATE

EARLIEST = QDate(EARLIEST_DATE.year, EARLIEST_DATE.month, EARLIEST_DATE.day)
LATEST = QDate(LATEST_DATE.year, LATEST_DATE.month, LATEST_DATE.day)
#: a clearable editor's "(none)": the day before the earliest date, shown as the special value
NO_DATE = EARLIEST.addDays(-1)


def plan_dates(editor: QDateEdit, *, clearable: bool = False) -> QDateEdit:
    """Limit ``editor`` to the plan's dates (a clearable one also to :data:`NO_DATE`)."""
    editor.setDateRange(NO_DATE if clearable else EARLIEST, LATEST)
    return editor
