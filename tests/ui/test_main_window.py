import json
import os
import socket
from datetime import date, datetime

import pytest
from PySide6.QtCore import QDate

import trustplanner.ui.opening as opening
from trustplanner.services.snapshot import load_snapshot
from trustplanner.store.lock import lock_path, read_owner
from trustplanner.ui.main_window import MainWindow
from trustplanner.ui.models.milestone_table import Column


@pytest.fixture
def window(qtbot, settings):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    return window


@pytest.fixture
def errors(monkeypatch):
    shown = []
    monkeypatch.setattr(opening, "show_error", lambda parent, title, error: shown.append(str(error)))
    return shown


def test_opening_a_plan_names_it_in_the_title_and_takes_the_lock(window, demo_path):
    assert window.open_plan(demo_path)
    assert window.windowTitle() == "Together for Children Sunderland — demo.tplan — TrustPlanner"
    assert read_owner(demo_path) is not None
    assert window.settings.recent_files()[0] == str(demo_path.resolve())
    window.close_plan()
    assert not lock_path(demo_path).exists()
    assert window.windowTitle() == "TrustPlanner"


def test_plan_open_elsewhere_offers_read_only_and_disables_editing(window, demo_path, monkeypatch):
    lock_path(demo_path).write_text(json.dumps({
        "user": "jbloggs", "host": "COUNCIL-PC-12", "pid": 4242,
        "since": datetime(2017, 1, 16, 9, 30).isoformat(), "heartbeat": datetime.now().isoformat()}))
    offers = []
    monkeypatch.setattr(opening, "ask_read_only", lambda parent, locked: offers.append(str(locked)) or True)
    assert window.open_plan(demo_path)
    assert offers == ["demo.tplan is open for editing by jbloggs on COUNCIL-PC-12 since 16/01/2017 09:30"]
    assert window.document.read_only
    assert "[read-only]" in window.windowTitle()
    assert window.banner.isVisibleTo(window) and "jbloggs" in window.banner.label.text()
    milestones = next(p for p in window.pages if p.title == "Milestones")
    assert not milestones.add_action.isEnabled()
    assert not window.status_date.isEnabled()
    assert read_owner(demo_path).user == "jbloggs"  # their lock is untouched
    window.close_plan()
    assert read_owner(demo_path).user == "jbloggs"


def test_declining_read_only_opens_nothing(window, demo_path, monkeypatch):
    lock_path(demo_path).write_text(json.dumps({
        "user": "jbloggs", "host": "COUNCIL-PC-12", "pid": 4242,
        "since": datetime.now().isoformat(), "heartbeat": datetime.now().isoformat()}))
    monkeypatch.setattr(opening, "ask_read_only", lambda parent, locked: False)
    assert not window.open_plan(demo_path)
    assert window.document is None


def test_stale_lock_from_a_crash_is_cleared_once_the_user_agrees(window, demo_path, monkeypatch):
    lock_path(demo_path).write_text(json.dumps({
        "user": "asmith", "name": "Alex Smith", "host": socket.gethostname(), "pid": 2**22 + 777,
        "since": datetime(2027, 1, 4, 9, 15).isoformat(), "heartbeat": datetime(2027, 1, 4, 9, 20).isoformat()}))
    asked = []
    monkeypatch.setattr(opening, "ask_read_only", lambda *a: pytest.fail("nobody holds it: no read-only offer"))
    monkeypatch.setattr(opening, "ask_clear_stale",
                        lambda parent, path, owner: asked.append((owner.describe(), owner.heartbeat_text())) or "edit")
    assert window.open_plan(demo_path)
    assert asked == [(f"Alex Smith (asmith) on {socket.gethostname()} since 04/01/2027 09:15", "04/01/2027 09:20")]
    assert not window.document.read_only
    assert read_owner(demo_path).pid == os.getpid()


@pytest.mark.parametrize("answer", ["read-only", None])
def test_a_stale_lock_is_kept_when_the_user_says_no(window, demo_path, monkeypatch, answer):
    lock_path(demo_path).write_text(json.dumps({
        "user": "asmith", "host": "LAPTOP-7", "pid": 4242,
        "since": datetime(2027, 1, 4, 9, 15).isoformat(), "heartbeat": datetime(2027, 1, 4, 9, 20).isoformat()}))
    monkeypatch.setattr(opening, "ask_clear_stale", lambda parent, path, owner: answer)
    assert window.open_plan(demo_path) is (answer == "read-only")
    if answer:
        assert window.document.read_only and "[read-only]" in window.windowTitle()
    assert read_owner(demo_path).host == "LAPTOP-7"  # their lock is untouched


def test_not_a_plan_gives_the_cli_message_and_no_crash(window, tmp_path, errors):
    text_file = tmp_path / "notes.tplan"
    text_file.write_text("hello")
    assert not window.open_plan(text_file)
    assert errors == [f"{text_file}: is not a TrustPlanner plan file"]
    assert window.document is None


def test_status_date_from_the_toolbar_is_undoable(window, demo_path):
    window.open_plan(demo_path)
    window.status_date.setDate(QDate(2017, 2, 1))
    window._status_date_edited()
    assert window.document.snapshot.status_date == date(2017, 2, 1)
    assert window.undo_action.text().replace("&", "") == "Undo Set status date to 01/02/2017"
    window.undo_action.trigger()
    assert load_snapshot(window.document.plan).status_date == date(2017, 1, 16)
    assert window.status_date.date() == QDate(2017, 1, 16)


def test_undo_and_redo_actions_follow_the_open_plan(window, demo_path):
    window.open_plan(demo_path)
    assert not window.undo_action.isEnabled()
    milestones = next(p for p in window.pages if p.title == "Milestones")
    milestones.ensure_fresh()  # pages off screen refresh when shown
    model = milestones.model
    model.setData(model.index(model.row_of("GOV-12"), Column.OWNER), "Managing Director (TfC)")
    assert window.undo_action.isEnabled() and window.undo_action.text().replace("&", "") == "Undo Edit GOV-12"
    window.undo_action.trigger()
    assert window.redo_action.text().replace("&", "") == "Redo Edit GOV-12"


def test_last_plan_and_geometry_persist(qtbot, settings, demo_path):
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.show()
    first.open_plan(demo_path)
    first.resize(first.width(), 560)  # within the 800 x 800 offscreen screen
    qtbot.waitUntil(lambda: first.height() == 560)
    size = first.size()
    first.close()
    assert settings.last_plan() == str(demo_path.resolve())
    assert settings.state("window/geometry") is not None
    second = MainWindow(settings)
    qtbot.addWidget(second)
    second.show()
    assert second.height() == size.height()  # width is clamped to the 800 px offscreen screen


def test_overview_tile_lists_its_milestones_in_the_milestones_page(window, demo_path):
    window.open_plan(demo_path)
    overview = window.page_titled("Overview")
    overview.ensure_fresh()
    overview.show_in_milestones("overdue")
    milestones = window.page_titled("Milestones")
    assert window.stack.currentWidget().widget().page is milestones  # in the page's scroll area
    assert {milestones.proxy.index(r, 0).data() for r in range(milestones.proxy.rowCount())} == {"ICT-02", "CON-02"}
    assert milestones.count.text() == "2 overdue milestones"
    milestones.clear_filters()
    assert milestones.proxy.rowCount() == 55  # 50 and 5 derived TUPE deadlines


def test_the_window_opens_within_the_screen_so_its_status_bar_shows(qtbot, settings):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    available = window.screen().availableGeometry()  # the offscreen screen: 800 x 800
    assert window.frameGeometry().height() <= available.height()
    assert window.frameGeometry().width() <= available.width()
    assert available.contains(window.frameGeometry().topLeft())


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_plan_that_cannot_be_written_opens_read_only_with_a_banner_naming_why(window, demo_path, make_read_only,
                                                                                 monkeypatch, what):
    monkeypatch.setattr(opening, "ask_read_only", lambda *a: pytest.fail("nobody else has it: no offer to make"))
    make_read_only(demo_path if what == "file" else demo_path.parent)
    assert window.open_plan(demo_path)
    assert window.document.read_only
    assert "[read-only]" in window.windowTitle()
    cause = "file permissions" if what == "file" else f"the folder {demo_path.parent} is read-only"
    assert window.banner.isVisibleTo(window)
    assert window.banner.label.text() == f"Read-only: demo.tplan cannot be changed here ({cause})."
    assert not window.status_date.isEnabled()
    assert not lock_path(demo_path).exists()
    window.close_plan()
