"""The window's undo stack is a view of the plan's history, and changes made elsewhere show up."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime

from PySide6.QtCore import QDate

import trustplanner.ui.opening as opening
from trustplanner.services import history
from trustplanner.services.milestones import update_milestone
from trustplanner.services.plans import update_programme
from trustplanner.services.snapshot import load_snapshot
from trustplanner.store.lock import lock_path
from trustplanner.store.plan_file import open_plan_file


def _someone_else_has_it(path) -> None:
    lock_path(path).write_text(json.dumps({
        "user": "jbloggs", "host": "COUNCIL-PC-12", "pid": 4242,
        "since": datetime(2017, 1, 16, 9, 30).isoformat(), "heartbeat": datetime.now().isoformat()}))


def test_a_read_only_window_picks_up_the_editors_changes_and_says_what_changed(qtbot, window, demo_path,
                                                                             monkeypatch):
    _someone_else_has_it(demo_path)
    monkeypatch.setattr(opening, "ask_read_only", lambda parent, locked: True)
    assert window.open_plan(demo_path) and window.document.read_only
    milestones = next(p for p in window.pages if p.title == "Milestones")
    window.show_page(window.pages.index(milestones))
    with open_plan_file(demo_path) as editor:  # jbloggs's own copy of TrustPlanner, writing
        hr02 = load_snapshot(editor).milestone("HR-02")
        update_milestone(editor, "HR-02", replace(hr02, owner="Head of HR (interim)"))
        update_programme(editor, status_date=date(2017, 1, 23))
    qtbot.waitUntil(lambda: window.status_date.date() == QDate(2017, 1, 23), timeout=10_000)
    assert window.document.snapshot.milestone("HR-02").owner == "Head of HR (interim)"
    message = window.statusBar().currentMessage()
    assert message.startswith("Updated: Set status date to 23/01/2017 (") and "and 1 more change" in message
    model = milestones.table.model()
    owners = [model.index(r, c).data() for r in range(model.rowCount()) for c in range(model.columnCount())]
    assert "Head of HR (interim)" in owners


def test_an_edit_in_the_window_is_on_the_undo_stack_and_still_there_after_reopening(qtbot, window, demo_path):
    assert window.open_plan(demo_path)
    stack = window.document.undo_stack
    assert not stack.canUndo()  # the demo starts at a starting point
    window.status_date.setDate(QDate(2017, 2, 1))
    window._status_date_edited()
    assert stack.undoText() == "Set status date to 01/02/2017"
    assert window.undo_action.text() == "&Undo Set status date to 01/02/2017"
    window.close_plan()
    assert window.open_plan(demo_path)
    stack = window.document.undo_stack
    assert stack.undoText() == "Set status date to 01/02/2017"
    stack.undo()
    assert window.document.snapshot.status_date == date(2017, 1, 16)
    assert window.status_date.date() == QDate(2017, 1, 16)
    assert stack.redoText() == "Set status date to 01/02/2017"
    # said as done, not as "changed elsewhere"
    assert window.statusBar().currentMessage() == "Undone: Set status date to 01/02/2017"


def test_the_stack_offers_a_change_made_from_the_command_line_while_the_window_was_closed(qtbot, window, demo_path,
                                                                                           cli):
    assert cli("set", demo_path, "--tolerance", "12").rc == 0
    assert window.open_plan(demo_path)
    assert window.document.undo_stack.undoText() == "Set tolerance to 12 working days"


def test_an_undo_refused_by_the_history_is_said_and_the_stack_is_put_back(qtbot, window, demo_path):
    assert window.open_plan(demo_path)
    document = window.document
    hr02 = document.snapshot.milestone("HR-02")
    assert document.run(lambda: update_milestone(document.plan, "HR-02", replace(hr02, owner="A"))) is None
    first = document.undo_stack.command(document.undo_stack.count() - 1)
    # a second writer (say a script holding its own connection) changes the same row, unseen so far
    with open_plan_file(demo_path) as other:
        update_milestone(other, "HR-02", replace(hr02, owner="B"), what="Edit HR-02 elsewhere")
    document.reverse(first.entry, undo=True)
    assert "HR-02 was changed later" in window.banner.label.text()
    assert "Edit HR-02 elsewhere" in window.banner.label.text()
    assert history.revision(document.plan) == document.revision
    assert load_snapshot(document.plan).milestone("HR-02").owner == "B"
