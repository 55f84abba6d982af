"""The app's date fields take a date exactly as typed, or refuse it in place with the reason."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest

from trustplanner.ui.date_field import DateField, read_date


@pytest.mark.parametrize(("text", "expected"), [
    ("30/03/2027", date(2027, 3, 30)), ("2027-03-30", date(2027, 3, 30)), ("30 March 2027", date(2027, 3, 30)),
    ("1.4.2027", date(2027, 4, 1)), (" 01/04/2027 ", date(2027, 4, 1)), ("T", date(2017, 1, 16)),
    ("30032027", date(2027, 3, 30)),
])
def test_the_forms_a_date_may_be_typed_in(text, expected):
    assert read_date(text, today=date(2017, 1, 16)) == expected


@pytest.mark.parametrize(("text", "reason"), [
    ("29/01/1900", "outside the dates TrustPlanner accepts"), ("31/12/9999", "outside"),
    ("31/02/2027", "not a real date"), ("03/30/2027", "not a real date"), ("", "Type a date"),
])
def test_text_that_is_not_a_plan_date_is_refused_with_the_reason(text, reason):
    with pytest.raises(ValueError, match=reason):
        read_date(text)


def test_typing_over_a_field_gives_exactly_the_typed_date(qtbot):
    field = DateField(date(2027, 2, 23))
    qtbot.addWidget(field)
    entered = []
    field.date_entered.connect(entered.append)
    field.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(field, "30/03/2027")
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert entered == [date(2027, 3, 30)] and field.date() == QDate(2027, 3, 30)


def test_a_refused_field_keeps_its_text_and_says_why(qtbot):
    field = DateField(date(2027, 2, 23))
    qtbot.addWidget(field)
    entered = []
    field.date_entered.connect(entered.append)
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(field, "29/01/1900")
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert entered == [] and field.text() == "29/01/1900"
    assert "outside the dates TrustPlanner accepts" in field.property("refused")
    QTest.keyClicks(field, "\b\b\b\b2027")
    assert not field.property("refused")  # typing again clears the old reason


def test_a_blank_field_opens_its_calendar_on_the_fallback_not_1900(qtbot):
    field = DateField(None, clearable=True, fallback=lambda: date(2017, 2, 28))
    qtbot.addWidget(field)
    field.show_calendar()
    assert field._popup.calendar.selectedDate() == QDate(2017, 2, 28)
    assert field._popup.calendar.minimumDate() == QDate(1990, 1, 1)
    assert field.value() is None
