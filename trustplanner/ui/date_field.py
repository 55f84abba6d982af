"""A date typed as text: taken exactly as typed (UK day-first, ISO, "1 April 2027", ``t`` for today),
or refused in the field with the reason, never replaced by another date.

A QDateEdit overwrites one section at a time, so "30/03/2027" typed over "23/02/2027" became
03/02/2027; this field reads the whole text instead, and offers a calendar beside it that opens on
the field's date, or on a fallback (the forecast, the status date), or today.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QPoint, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QLineEdit,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from trustplanner.domain.dates import date_problem
from trustplanner.io.values import DATE_FORMS, CellError, read_typed_date
from trustplanner.ui.date_range import EARLIEST, LATEST
from trustplanner.ui.icons import icon

FORMS = DATE_FORMS
_REFUSED = "QLineEdit { border: 2px solid #b3261e; }"


def read_date(text: str, today: date | None = None) -> date:
    """The date ``text`` means, or :class:`CellError` saying why it is not one a plan takes."""
    day = read_typed_date(text, today)
    if problem := date_problem(day):
        raise CellError(problem)
    return day


def refused_dates(fields: dict[str, DateField]) -> list[str]:
    """What is wrong with each field (label: field) whose text is not a date; each is marked in place."""
    return [f"{label}: {field.problem()}" for label, field in fields.items() if not field.check()]


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class _CalendarPopup(QWidget):
    """The calendar, as a pop-up child of its field (so a table's editor stays open while it shows)."""

    def __init__(self, field: DateField):
        super().__init__(field, Qt.WindowType.Popup)
        self.calendar = QCalendarWidget(self)
        self.calendar.setDateRange(EARLIEST, LATEST)
        self.calendar.setGridVisible(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.calendar)


class DateField(QLineEdit):
    """A line edit for one date. ``clearable``: blank means no date (e.g. an actual not yet reached)."""

    #: a date the user finished typing (Enter, Tab, leaving the field) or picked; None: cleared
    date_entered = Signal(object)
    #: QDateEdit's signal, for forms that follow another field (emitted for each readable date)
    dateChanged = Signal(QDate)
    #: a date chosen from the calendar
    picked = Signal(object)

    def __init__(self, value: date | None = None, parent: QWidget | None = None, *, clearable: bool = False,
                 fallback=None):
        super().__init__(parent)
        self.clearable = clearable
        self.fallback = fallback  # a date, or a callable giving one: where the calendar opens on a blank field
        self._entered: date | None = value
        self.setPlaceholderText("blank: none" if clearable else "DD/MM/YYYY")
        self.setToolTip(f"Type a date: {FORMS}" + (", or leave blank" if clearable else ""))
        self.calendar_action = self.addAction(icon("calendar.svg"), QLineEdit.ActionPosition.TrailingPosition)
        self.calendar_action.setToolTip("Choose from a calendar (F4)")
        self.calendar_action.triggered.connect(self.show_calendar)
        self._popup: _CalendarPopup | None = None
        width = self.fontMetrics().horizontalAdvance("30/09/2027") + self.fontMetrics().height() + 34
        self.setMinimumWidth(width)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)  # a date, not a line of text
        self.textEdited.connect(self._text_edited)
        self.editingFinished.connect(self._finished)
        self.set_value(value)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(self.minimumWidth() + 12, hint.height())

    # value -----------------------------------------------------------------------------------
    def problem(self) -> str | None:
        """Why the text is not a date the plan takes (None: it is, or it is a blank clearable)."""
        try:
            self.value()
        except CellError as error:
            return str(error)
        return None

    def value(self) -> date | None:
        """The typed date (None: blank and clearable); :class:`CellError` when it cannot be read."""
        if self.clearable and not self.text().strip():
            return None
        day = read_date(self.text())
        window = self._plan_window()
        if window is not None and (problem := window.problem(day)):
            raise CellError(problem)
        return day

    def _plan_window(self):  # noqa: ANN202
        """The plan window (trustplanner.domain.plan_window) of the plan this field edits, found from
        the window it is in (a plan window's ``plan_date_window``); None outside a plan (the wizard)."""
        widget = self.parentWidget()
        while widget is not None:
            finder = getattr(widget, "plan_date_window", None)
            if callable(finder):
                return finder()
            widget = widget.parentWidget()
        return None

    def set_value(self, value: date | None) -> None:
        self._entered = value
        self.setText(f"{value:%d/%m/%Y}" if value else "")
        self._mark(None)

    # QDateEdit's names, for forms written against it ----------------------------------------
    def date(self) -> QDate:
        """The typed date as a QDate (while the text cannot be read, the last date it held; call
        :meth:`check` before using it); an invalid QDate when blank."""
        try:
            day = self.value()
        except CellError:
            day = self._entered
        return _qdate(day) if day else QDate()

    def setDate(self, value: QDate) -> None:
        """Show ``value``; like QDateEdit's, emits dateChanged when the date shown changes."""
        before = self.date()
        self.set_value(value.toPython() if value.isValid() else None)
        if value.isValid() and value != before:
            self.dateChanged.emit(value)

    # feedback ----------------------------------------------------------------------------------
    def check(self) -> bool:
        """Show why the text is refused, in the field; True when it is acceptable."""
        problem = self.problem()
        self._mark(problem)
        return problem is None

    def _mark(self, problem: str | None) -> None:
        self.setStyleSheet(_REFUSED if problem else "")
        self.setAccessibleDescription(problem or "")
        self.setProperty("refused", problem or "")
        if problem:
            self.setToolTip(problem)
            QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())), problem, self)
        else:
            self.setToolTip(f"Type a date: {FORMS}" + (", or leave blank" if self.clearable else ""))

    def _text_edited(self, _text: str) -> None:
        if self.property("refused"):
            self._mark(None)  # typing again: the old reason no longer applies
        try:
            day = self.value()
        except CellError:
            return
        if day:
            self.dateChanged.emit(_qdate(day))

    def _finished(self) -> None:
        if not self.check():
            return
        day = self.value()
        if day is not None:
            self.setText(f"{day:%d/%m/%Y}")  # "t" and "1 April 2027" show as the date they mean
        if day != self._entered:
            self._entered = day
            self.date_entered.emit(day)

    def focusInEvent(self, event) -> None:  # noqa: ANN001
        super().focusInEvent(event)
        if event.reason() != Qt.FocusReason.MouseFocusReason and not self.isModified():
            self.selectAll()  # a date shown, not yet typed over: typing replaces it whole

    # calendar ----------------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:  # noqa: ANN001
        if event.key() == Qt.Key.Key_F4 or (event.key() == Qt.Key.Key_Down
                                            and event.modifiers() & Qt.KeyboardModifier.AltModifier):
            self.show_calendar()
            return
        super().keyPressEvent(event)

    def calendar_start(self) -> date:
        """Where the calendar opens: the typed date, else the fallback, else today."""
        try:
            if day := self.value():
                return day
        except CellError:
            pass
        fallback = self.fallback() if callable(self.fallback) else self.fallback
        return fallback or date.today()

    def show_calendar(self) -> None:
        if self.isReadOnly() or not self.isEnabled():
            return
        if self._popup is None:
            self._popup = _CalendarPopup(self)
            self._popup.calendar.clicked.connect(self._picked)
            self._popup.calendar.activated.connect(self._picked)
        self._popup.calendar.setSelectedDate(_qdate(self.calendar_start()))
        self._popup.adjustSize()
        self._popup.move(self.mapToGlobal(QPoint(0, self.height())))
        self._popup.show()
        self._popup.calendar.setFocus()

    def _picked(self, value: QDate) -> None:
        if self._popup is not None:
            self._popup.hide()
        self.setText(value.toString("dd/MM/yyyy"))
        self.setFocus()
        self._mark(None)
        self.dateChanged.emit(value)
        self._finished()
        self.picked.emit(value.toPython())
