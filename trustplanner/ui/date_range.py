"""The dates a plan accepts (trustplanner.domain.dates) as QDates, for the calendars of date fields."""

from __future__ import annotations

from PySide6.QtCore import QDate

from trustplanner.domain.dates import EARLIEST_DATE, LATEST_DATE

EARLIEST = QDate(EARLIEST_DATE.year, EARLIEST_DATE.month, EARLIEST_DATE.day)
LATEST = QDate(LATEST_DATE.year, LATEST_DATE.month, LATEST_DATE.day)
