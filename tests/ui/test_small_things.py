"""Small things a user hit in the app (issue 10 §6 and §1's plan window), done as a person would."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

import trustplanner.ui.main_window as main_window_module
from trustplanner.services.snapshot import load_snapshot
from trustplanner.ui.date_field import FORMS, DateField
from trustplanner.ui.models.milestone_table import Column


def milestones_page(window):  # noqa: ANN001, ANN201
    page = window.page_titled("Milestones")
    window.show_page_titled("Milestones")
    page.ensure_fresh()
    return page


def test_a_cell_date_far_from_the_plan_is_refused_in_the_editor_with_the_reason(window, demo_path, qtbot):
    window.open_plan(demo_path)
    window.resize(1300, 760)
    page = milestones_page(window)
    qtbot.waitExposed(page.table)
    before = load_snapshot(window.document.plan).milestone("GOV-12").forecast
    index = page.proxy.mapFromSource(page.model.index(page.model.row_of("GOV-12"), Column.FORECAST))
    page.table.setCurrentIndex(index)
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, DateField)
    QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(editor, "01/04/2071")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert editor.text() == "01/04/2071"  # kept to correct, never replaced
    assert "01/04/2071 is outside this plan's dates (01/01/2011 to 01/04/2027" in editor.property("refused")
    assert load_snapshot(window.document.plan).milestone("GOV-12").forecast == before


def test_the_status_date_far_from_the_plan_is_refused_with_the_reason(window, demo_path):
    window.open_plan(demo_path)
    field = window.status_date
    field.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(field, "16/01/2005")
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert "16/01/2005 is outside this plan's dates" in window.banner.label.text()
    assert load_snapshot(window.document.plan).status_date == date(2017, 1, 16)
    assert FORMS in window.status_date.toolTip() or window.status_date.property("refused")


def test_a_status_bar_message_about_one_plan_is_cleared_when_another_opens(window, demo_path, tmp_path):
    other = tmp_path / "other.tplan"
    shutil.copyfile(demo_path, other)
    window.open_plan(demo_path)
    window.statusBar().showMessage("Exported milestones.csv to /tmp/demo-export", 60_000)
    assert window.open_plan(other)
    assert "demo-export" not in window.statusBar().currentMessage()


def test_a_new_plan_opens_on_its_overview(window, demo_path, tmp_path, monkeypatch):
    import trustplanner.ui.dialogs.new_plan_wizard as wizard

    window.open_plan(demo_path)
    window.show_page_titled("Budget")
    fresh = tmp_path / "new.tplan"
    shutil.copyfile(demo_path, fresh)
    monkeypatch.setattr(wizard, "run_new_plan_wizard", lambda parent, settings: fresh)
    window.new_plan()
    assert window.document.path.name == "new.tplan"
    assert window.pages[window.nav.currentRow()].title == "Overview"
    assert window.current_page().title == "Overview"


def _help_action(window, words: str):  # noqa: ANN001, ANN202
    for action in window.menuBar().actions():
        for item in action.menu().actions():
            if words in item.text().replace("&", ""):
                return item
    raise AssertionError(words)


@pytest.mark.parametrize("missing", [False, True])
def test_open_the_log_folder_says_when_it_cannot(window, tmp_path, monkeypatch, missing):
    folder = tmp_path / "logs-here"
    if not missing:
        folder.mkdir()
    monkeypatch.setenv("TRUSTPLANNER_LOG_DIR", str(folder))
    opened, warned = [], []
    monkeypatch.setattr(main_window_module.QDesktopServices, "openUrl", lambda url: opened.append(url) or False)
    monkeypatch.setattr(main_window_module.QMessageBox, "warning",
                        lambda parent, title, text: warned.append(text) or QMessageBox.StandardButton.Ok)
    _help_action(window, "Open the log folder").trigger()
    assert warned and str(folder) in warned[0]
    assert ("does not exist" if missing else "could not be opened") in warned[0]
    assert str(folder) in window.statusBar().currentMessage()


def test_deleting_a_milestone_says_which_depend_on_it_in_agreement(window, demo_path, monkeypatch):
    import trustplanner.ui.pages.milestones as milestones_module

    window.open_plan(demo_path)
    page = milestones_page(window)
    asked = []
    monkeypatch.setattr(milestones_module.QMessageBox, "question",
                        lambda parent, title, text: asked.append(text) or QMessageBox.StandardButton.No)
    snapshot = window.document.snapshot
    dependants = {m.ref: [d.ref for d in snapshot.milestones if m.ref in d.depends_on] for m in snapshot.milestones}
    one = next(ref for ref, refs in dependants.items() if len(refs) == 1)
    many = next(ref for ref, refs in dependants.items() if len(refs) > 1)
    for ref in (one, many):
        page.select_milestone(ref)
        page.delete_milestone()
    assert f"{dependants[one][0]} depends on it and will lose that link." in asked[0]
    assert " depend on it and will lose those links." in asked[1] and " and " in asked[1]
