"""The edit lock as the window lives with it: taken over after a sleep, opened read-only by choice,
refreshed while another copy edits, and taken over when nobody holds it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

import trustplanner.ui.opening as opening
from trustplanner.services import history
from trustplanner.services.snapshot import load_snapshot
from trustplanner.store.lock import lock_path, read_owner
from trustplanner.store.plan_file import open_plan_file
from trustplanner.ui.main_window import MainWindow
from trustplanner.ui.models.milestone_table import Column


@pytest.fixture
def window(qtbot, settings):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    return window


def type_owner(window, qtbot, ref: str, text: str) -> None:
    """Select the milestone's Owner cell, press F2 and type over it, then Tab: as a user does."""
    window.show_page_titled("Milestones")
    page = window.page_titled("Milestones")
    page.ensure_fresh()
    source = page.model.index(page.model.row_of(ref), Column.OWNER)
    index = page.proxy.mapFromSource(source)
    page.table.setFocus()
    page.table.setCurrentIndex(index)
    QTest.keyClick(page.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not page.table, "F2 opened no editor"
    editor.selectAll()
    QTest.keyClicks(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Tab)  # leaves the cell, as Excel users do


def stored_owner(path, ref: str) -> str:
    with open_plan_file(path, read_only=True) as plan:
        return load_snapshot(plan).milestone(ref).owner


def dump(path):
    with open_plan_file(path, read_only=True) as plan:
        return history.canonical_dump(plan)


def another_copy_takes_the_lock(path, host="LAPTOP-7", at=datetime(2027, 3, 1, 10, 42)) -> None:
    """What a second copy does after this laptop slept: clear the stale lock and write its own."""
    lock_path(path).write_text(json.dumps({
        "user": "jbloggs", "name": "Jo Bloggs", "host": host, "pid": 4242,
        "since": at.isoformat(), "heartbeat": datetime.now().isoformat()}))


def test_a_window_whose_lock_was_taken_over_refuses_to_write_and_says_so(window, demo_path, qtbot):
    assert window.open_plan(demo_path)
    type_owner(window, qtbot, "GOV-12", "Chief Executive (council)")
    assert stored_owner(demo_path, "GOV-12") == "Chief Executive (council)"
    saved_at = window.document.last_saved
    another_copy_takes_the_lock(demo_path)
    before = dump(demo_path)

    type_owner(window, qtbot, "GOV-12", "Someone else")

    assert dump(demo_path) == before  # the later edit changed nothing
    assert window.document.read_only and "[read-only]" in window.windowTitle()
    text = window.banner.label.text()
    assert window.banner.isVisibleTo(window)
    assert text.startswith("Read-only: Another copy of TrustPlanner on LAPTOP-7 (Jo Bloggs (jbloggs)) took over "
                           f"editing at 01/03/2027 10:42; your last change was saved at {saved_at:%H:%M}.")
    assert not window.take_over_action.isEnabled() and not window.banner.button.isVisible()
    assert not window.page_titled("Milestones").add_action.isEnabled()
    assert window.document.lock is None  # no lock left to write with
    window.close_plan()
    assert read_owner(demo_path).host == "LAPTOP-7"  # the new holder's lock is untouched
    assert dump(demo_path) == before


def test_a_heartbeat_that_finds_the_lock_taken_switches_to_read_only_without_writing(window, demo_path):
    assert window.open_plan(demo_path)
    another_copy_takes_the_lock(demo_path, at=datetime.now().replace(second=0, microsecond=0))
    window.document._heartbeat.timeout.emit()  # the minute's heartbeat comes round
    assert window.document.read_only
    assert read_owner(demo_path).host == "LAPTOP-7"  # not written over: no flipping between the two
    assert window.banner.label.text().startswith(
        f"Read-only: Another copy of TrustPlanner on LAPTOP-7 (Jo Bloggs (jbloggs)) took over editing at "
        f"{datetime.now():%H:%M}; no change was saved from this window.")


def test_open_read_only_while_nobody_holds_the_lock_then_take_over_editing(window, demo_path, qtbot, monkeypatch):
    monkeypatch.setattr("trustplanner.ui.main_window.QFileDialog.getOpenFileName",
                        lambda *a, **k: (str(demo_path), ""))
    file_menu = window.menuBar().actions()[0].menu()
    action = next(a for a in file_menu.actions() if a.text().replace("&", "") == "Open read-only…")
    action.trigger()

    assert window.document.read_only and "[read-only]" in window.windowTitle()
    assert not lock_path(demo_path).exists()
    assert window.banner.isVisibleTo(window) and "Read-only" in window.banner.label.text()
    assert window.banner.button.isVisibleTo(window) and window.banner.button.text() == "Take over editing"
    assert window.take_over_action.isEnabled()

    QTest.mouseClick(window.banner.button, Qt.MouseButton.LeftButton)

    assert not window.document.read_only and "[read-only]" not in window.windowTitle()
    assert read_owner(demo_path).pid == os.getpid()
    assert not window.banner.isVisibleTo(window)
    type_owner(window, qtbot, "GOV-12", "Managing Director (TfC)")
    assert stored_owner(demo_path, "GOV-12") == "Managing Director (TfC)"
    assert window.undo_action.text().replace("&", "") == "Undo Edit GOV-12"


def test_take_over_is_offered_only_once_the_editor_has_closed(window, demo_path, qtbot, monkeypatch):
    another_copy_takes_the_lock(demo_path)  # someone is editing it now
    monkeypatch.setattr(opening, "ask_read_only", lambda parent, locked: True)
    assert window.open_plan(demo_path)
    assert "Jo Bloggs (jbloggs) on LAPTOP-7" in window.banner.label.text()
    assert not window.banner.button.isVisibleTo(window) and not window.take_over_action.isEnabled()
    window.take_over_editing()  # the menu action is disabled; asked anyway, it refuses
    assert window.document.read_only and read_owner(demo_path).host == "LAPTOP-7"

    lock_path(demo_path).unlink()  # they close the plan
    qtbot.waitUntil(lambda: window.banner.button.isVisibleTo(window), timeout=6000)
    assert window.take_over_action.isEnabled()
    assert "nobody is editing this plan now" in window.banner.label.text()


def test_taking_over_a_stale_lock_asks_first_naming_who_held_it(window, demo_path, monkeypatch):
    assert window.open_plan(demo_path, read_only=True)
    lock_path(demo_path).write_text(json.dumps({  # a copy that went to sleep an hour ago
        "user": "jbloggs", "host": "LAPTOP-7", "pid": 4242, "since": datetime(2027, 3, 1, 9, 0).isoformat(),
        "heartbeat": datetime(2027, 3, 1, 9, 30).isoformat()}))
    window.document.check_for_changes()
    assert window.take_over_action.isEnabled()  # a stale lock is nobody's
    asked = []
    monkeypatch.setattr(opening, "ask_clear_stale", lambda parent, path, owner: asked.append(owner.describe()))
    window.take_over_action.trigger()
    assert asked == ["jbloggs on LAPTOP-7 since 01/03/2027 09:00"]
    assert window.document.read_only and read_owner(demo_path).host == "LAPTOP-7"  # declined: kept
    monkeypatch.setattr(opening, "ask_clear_stale", lambda parent, path, owner: "edit")
    window.take_over_action.trigger()
    assert not window.document.read_only and read_owner(demo_path).pid == os.getpid()


def test_a_read_only_window_shows_an_editors_change_within_seconds(window, demo_path, qtbot):
    assert window.open_plan(demo_path, read_only=True)
    window.show_page_titled("Milestones")
    page = window.page_titled("Milestones")
    page.ensure_fresh()
    editor = subprocess.run([sys.executable, "-m", "trustplanner", "set", str(demo_path), "--trust", "Sunderland Trust"],
                            capture_output=True, text=True, timeout=120)
    assert editor.returncode == 0, editor.stderr
    qtbot.waitUntil(lambda: window.windowTitle().startswith("Sunderland Trust — demo.tplan [read-only]"),
                    timeout=6000)
    assert "Updated: " in window.statusBar().currentMessage()
    assert window.document.read_only and not lock_path(demo_path).exists()


def test_undo_in_a_window_whose_lock_was_taken_over_changes_nothing(window, demo_path, qtbot):
    assert window.open_plan(demo_path)
    type_owner(window, qtbot, "GOV-12", "Chief Executive (council)")
    another_copy_takes_the_lock(demo_path)
    before = dump(demo_path)
    window.undo_action.trigger()  # Edit → Undo, run from inside the undo stack
    qtbot.waitUntil(lambda: not window.undo_action.isEnabled(), timeout=3000)  # nothing left to undo here
    assert dump(demo_path) == before
    assert window.document.read_only and "took over editing" in window.banner.label.text()
    assert stored_owner(demo_path, "GOV-12") == "Chief Executive (council)"


def _revision_0001_plan(path):
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(
        "plan_file_tests", Path(__file__).resolve().parents[1] / "store" / "test_plan_file.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.make_revision_0001_plan(path)
    return path


@pytest.mark.parametrize("agree", [False, True])
def test_opening_read_only_a_plan_that_needs_an_upgrade_asks_before_clearing_a_stale_lock(
        window, tmp_path, monkeypatch, agree):
    path = _revision_0001_plan(tmp_path / "old.tplan")
    lock_path(path).write_text(json.dumps({  # a copy that went to sleep
        "user": "jbloggs", "host": "LAPTOP-7", "pid": 4242, "since": datetime(2027, 3, 1, 9, 0).isoformat(),
        "heartbeat": datetime(2027, 3, 1, 9, 30).isoformat()}))
    before = path.read_bytes()
    asked = []
    monkeypatch.setattr(opening, "ask_clear_stale_to_upgrade",
                        lambda parent, where, owner: asked.append(owner.describe()) or agree)
    monkeypatch.setattr(opening, "show_error", lambda *args: pytest.fail(f"error shown: {args}"))
    opened = window.open_plan(path, read_only=True)
    assert asked == ["jbloggs on LAPTOP-7 since 01/03/2027 09:00"]
    if agree:
        assert opened and window.document.read_only
        assert read_owner(path) is None  # cleared, the upgrade done, and the lock given back
    else:
        assert not opened and window.document is None
        assert read_owner(path).host == "LAPTOP-7" and path.read_bytes() == before  # nothing changed
