"""The app's date editors offer only the dates a plan accepts (1990 to 2100)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from trustplanner.ui.delegates import DateDelegate
from trustplanner.ui.dialogs.milestone_dialogs import date_edit
from trustplanner.ui.import_dialog import DateField

EARLIEST, LATEST = QDate(1990, 1, 1), QDate(2100, 12, 31)


def test_the_editors_range_is_the_plans(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    editors = [date_edit(None, parent), DateField(date(2017, 1, 16), parent),
               DateDelegate().createEditor(parent, None, QModelIndex())]
    for editor in editors:
        assert (editor.minimumDate(), editor.maximumDate()) == (EARLIEST, LATEST)
    clearable = DateDelegate(clearable=True).createEditor(parent, None, QModelIndex())
    assert (clearable.minimumDate(), clearable.maximumDate()) == (EARLIEST.addDays(-1), LATEST)
    assert clearable.specialValueText() == "(none)"


def test_typing_a_year_past_the_range_cannot_give_a_date_past_it(qtbot):
    field = DateField(date(2017, 1, 16))
    qtbot.addWidget(field)
    field.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClicks(field, "31129999")
    field.interpretText()
    assert EARLIEST <= field.date() <= LATEST
