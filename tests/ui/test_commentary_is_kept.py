"""A commentary typed in the Milestones detail pane is saved when the user leaves it, picks another
row, presses Ctrl+S or closes the plan: one undoable entry, still there when the plan is reopened."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from trustplanner.services.snapshot import load_snapshot
from trustplanner.ui.main_window import MainWindow
from trustplanner.ui.pages.milestones import MilestonesPage

ADDED = " Payroll agreed the figures on 12 January."


@pytest.fixture
def window(qtbot, settings, demo_path):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_plan(demo_path)
    window.show_page_titled("Milestones")
    return window


def milestones(window) -> MilestonesPage:
    return next(page for page in window.pages if isinstance(page, MilestonesPage))


def click_row(page: MilestonesPage, ref: str) -> None:
    index = page.proxy.mapFromSource(page.model.index(page.model.row_of(ref), 2))
    page.table.scrollTo(index)
    QTest.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=page.table.visualRect(index).center())


def type_commentary(page: MilestonesPage, text: str) -> None:
    QTest.mouseClick(page.commentary.viewport(), Qt.MouseButton.LeftButton)
    QTest.keyClick(page.commentary, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(page.commentary, text)


def test_a_commentary_left_by_clicking_another_row_is_kept_undoable_and_reopened(window, demo_path):
    page = milestones(window)
    click_row(page, "HR-02")
    before = page.commentary.toPlainText()
    entries = window.document.undo_stack.count()
    type_commentary(page, ADDED)
    click_row(page, "HR-05")

    assert page.current_ref() == "HR-05"
    assert load_snapshot(window.document.plan).milestone("HR-02").commentary == before + ADDED
    stack = window.document.undo_stack
    assert stack.count() == entries + 1 and stack.undoText() == "Edit commentary of HR-02"

    window.close_plan()
    assert window.open_plan(demo_path)
    window.show_page_titled("Milestones")
    page = milestones(window)
    click_row(page, "HR-02")
    assert page.commentary.toPlainText() == before + ADDED
    window.document.undo_stack.undo()  # one step takes the whole commentary back
    assert load_snapshot(window.document.plan).milestone("HR-02").commentary == before
    click_row(page, "HR-02")
    assert page.commentary.toPlainText() == before


def test_a_commentary_is_saved_by_ctrl_s_and_typing_carries_on_there(window):
    page = milestones(window)
    click_row(page, "HR-06")
    type_commentary(page, "Handbook drafted.")
    QTest.keyClick(page.commentary, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert load_snapshot(window.document.plan).milestone("HR-06").commentary == "Handbook drafted."
    assert QApplication.focusWidget() is page.commentary


def test_a_commentary_being_typed_when_the_plan_is_closed_is_saved(window, demo_path):
    page = milestones(window)
    click_row(page, "HR-06")
    type_commentary(page, "Handbook drafted.")
    window.close_plan()
    assert window.open_plan(demo_path)
    assert window.document.snapshot.milestone("HR-06").commentary == "Handbook drafted."


def test_the_status_date_typed_in_the_toolbar_is_stored_as_typed(window):
    field = window.status_date
    field.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClicks(field, "15/01/2017")  # over the selected 16/01/2017
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert load_snapshot(window.document.plan).status_date == date(2017, 1, 15)
    assert window.document.undo_stack.undoText()


def test_a_status_date_typed_after_home_is_refused_not_altered(window):
    field = window.status_date
    field.setFocus(Qt.FocusReason.MouseFocusReason)
    QTest.keyClick(field, Qt.Key.Key_Home)
    QTest.keyClicks(field, "15/01/2017")
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert field.text() == "15/01/201716/01/2017"
    assert "not a date" in field.property("refused")
    assert "Status date not changed" in window.banner.label.text()
    assert load_snapshot(window.document.plan).status_date == date(2017, 1, 16)
