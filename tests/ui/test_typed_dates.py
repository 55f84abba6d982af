"""Dates typed into the app's cells and fields are stored exactly as typed, or refused in the editor
with the reason; never replaced by another date."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTableView

from trustplanner.services.snapshot import load_snapshot
from trustplanner.ui.date_field import DateField
from trustplanner.ui.models.milestone_table import Column
from trustplanner.ui.pages.milestones import MilestonesPage


@pytest.fixture
def page(qtbot, demo_document, answer_dialogs):
    answer_dialogs(lambda dialog: (dialog.accept(), True)[1])  # a slip into amber: saved, commentary as it was
    page = MilestonesPage()
    qtbot.addWidget(page)
    page.set_document(demo_document)
    page.resize(1300, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def open_cell_editor(page, ref: str, column: Column, how: str = "F2") -> DateField:
    index = page.proxy.mapFromSource(page.model.index(page.model.row_of(ref), column))
    page.table.setCurrentIndex(index)
    page.table.setFocus()
    if how == "F2":
        QTest.keyClick(page.table, Qt.Key.Key_F2)
    else:
        rect = page.table.visualRect(index)
        QTest.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        QTest.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = QApplication.focusWidget()
    assert isinstance(editor, DateField)
    return editor


def type_over(editor: DateField, text: str, key: Qt.Key = Qt.Key.Key_Return) -> None:
    QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(editor, text)
    QTest.keyClick(editor, key)
    QApplication.processEvents()  # the view commits a cell's editor after its key press


def stored(document, ref: str):
    return load_snapshot(document.plan).milestone(ref)


@pytest.mark.parametrize(("typed", "expected", "how", "key"), [
    ("30/09/2017", date(2017, 9, 30), "F2", Qt.Key.Key_Return),   # a QDateEdit gave 03/09/2017 here
    ("26/10/2017", date(2017, 10, 26), "double-click", Qt.Key.Key_Tab),
    ("2017-11-01", date(2017, 11, 1), "F2", Qt.Key.Key_Enter),
    ("1 December 2017", date(2017, 12, 1), "F2", Qt.Key.Key_Return),
])
def test_a_forecast_typed_into_its_cell_is_stored_as_typed(page, demo_document, typed, expected, how, key):
    editor = open_cell_editor(page, "CON-05", Column.FORECAST, how)
    assert editor.text() == "29/09/2017"
    assert editor.width() >= editor.fontMetrics().horizontalAdvance("29/09/2017")
    type_over(editor, typed, key)
    assert stored(demo_document, "CON-05").forecast == expected


def test_an_empty_actual_cell_takes_a_typed_date_and_t_for_today(page, demo_document):
    editor = open_cell_editor(page, "CON-04", Column.ACTUAL)
    assert editor.text() == ""
    assert editor.calendar_start() == date(2017, 2, 28)  # the forecast, not January 1900
    type_over(editor, "27/02/2017")
    assert stored(demo_document, "CON-04").actual == date(2017, 2, 27)

    editor = open_cell_editor(page, "CON-05", Column.ACTUAL)
    type_over(editor, "t")
    assert stored(demo_document, "CON-05").actual == date.today()


def test_clearing_an_actual_cell_clears_the_actual(page, demo_document):
    assert stored(demo_document, "CON-01").actual == date(2016, 6, 22)
    editor = open_cell_editor(page, "CON-01", Column.ACTUAL)
    type_over(editor, "\b")
    assert stored(demo_document, "CON-01").actual is None


@pytest.mark.parametrize(("typed", "reason"), [
    ("29/01/1900", "outside the dates TrustPlanner accepts"),
    ("31/02/2017", "not a real date"),
    ("next week", "not a date"),
    ("30/03/17", "write the year in full"),
])
def test_a_date_the_plan_cannot_take_keeps_the_editor_open_with_the_reason(page, demo_document, typed, reason):
    before = stored(demo_document, "CON-04")
    entries = demo_document.undo_stack.count()
    editor = open_cell_editor(page, "CON-04", Column.ACTUAL)
    type_over(editor, typed)
    assert QApplication.focusWidget() is editor and editor.isVisible()
    assert editor.text() == typed
    assert reason in editor.property("refused")
    QTest.keyClick(editor, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is editor
    assert stored(demo_document, "CON-04") == before
    assert demo_document.undo_stack.count() == entries


def test_a_refused_date_left_by_clicking_elsewhere_is_not_saved_and_says_why(page, demo_document):
    before = stored(demo_document, "CON-04").forecast
    editor = open_cell_editor(page, "CON-04", Column.FORECAST)
    QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(editor, "32/01/2017")
    page.search.setFocus()
    assert stored(demo_document, "CON-04").forecast == before
    assert "32/01/2017" in page.messages.label.text() and "not saved" in page.messages.label.text().lower()


def test_a_date_picked_from_the_cells_calendar_is_stored(page, demo_document):
    editor = open_cell_editor(page, "CON-04", Column.ACTUAL)
    editor.show_calendar()
    calendar = editor._popup.calendar
    assert calendar.selectedDate().toPython() == date(2017, 2, 28)
    days = calendar.findChild(QTableView)
    QTest.keyClick(days, Qt.Key.Key_Left)  # 27 February
    QTest.keyClick(days, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert stored(demo_document, "CON-04").actual == date(2017, 2, 27)


def type_into_field(field: DateField, text: str) -> None:
    field.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(field, text)
    QTest.keyClick(field, Qt.Key.Key_Tab)


def test_dates_typed_into_the_edit_and_re_baseline_dialogs_are_stored_as_typed(page, demo_document,
                                                                               answer_dialogs):
    from trustplanner.ui.dialogs.milestone_dialogs import MilestoneDialog, RebaselineDialog

    def fill(dialog):
        dialog.show()
        if isinstance(dialog, MilestoneDialog):
            type_into_field(dialog.forecast, "30/09/2017")
        else:
            assert isinstance(dialog, RebaselineDialog)
            type_into_field(dialog.baseline, "26/10/2017")
            QTest.keyClicks(dialog.reason, "Review moved by the board")
            QTest.keyClicks(dialog.decision, "Programme board 10/01/2017")
        dialog.accept()
        return dialog.result() == dialog.DialogCode.Accepted

    answer_dialogs(fill)
    page.select_milestone("CON-05")
    page.edit_milestone()
    assert stored(demo_document, "CON-05").forecast == date(2017, 9, 30)
    page.rebaseline_milestone()
    assert stored(demo_document, "CON-05").baseline == date(2017, 10, 26)


def test_a_dialog_with_a_refused_date_stays_open_and_changes_nothing(page, demo_document, answer_dialogs):
    results = []

    def fill(dialog):
        dialog.show()
        type_into_field(dialog.forecast, "29/01/1900")
        dialog.accept()
        results.append((dialog.result(), dialog.messages.label.text(), dialog.forecast.text()))
        return False

    answer_dialogs(fill)
    before = stored(demo_document, "CON-05")
    page.select_milestone("CON-05")
    page.edit_milestone()
    result, message, text = results[0]
    assert result != 1 and "Forecast: '29/01/1900' is outside the dates" in message and text == "29/01/1900"
    assert stored(demo_document, "CON-05") == before
