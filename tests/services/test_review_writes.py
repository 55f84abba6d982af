"""Review records written without the edit lock: while a manager has the plan open for editing (even
with a change in hand), a reviewer's write waits for it, lands, and is in the history under the
reviewer's name; a review write that would touch the plan itself is refused and changes nothing.

The sample plan (tests/conftest.py) has M1 and M2 complete, M3–M5 open.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from dataclasses import replace
from datetime import date

import pytest

from trustplanner.domain.problems import PlanFileError
from trustplanner.domain.review import ReviewKind
from trustplanner.services import history
from trustplanner.services.milestones import update_milestone
from trustplanner.services.reviews import (
    list_challenges,
    raise_challenge,
    respond,
    start_review,
)
from trustplanner.services.snapshot import load_snapshot
from trustplanner.store.access import (
    open_for_reading,
    open_for_review,
    open_for_writing,
)
from trustplanner.store.tables import MilestoneRow

Q3 = "Q3 2016 progress review"


def test_a_reviewer_and_a_manager_with_a_change_in_hand_both_write(sample_plan):
    with open_for_writing(sample_plan) as manager, open_for_review(sample_plan) as reviewer:
        start_review(reviewer, Q3, kind=ReviewKind.PROGRESS, reviewer="Jane Smith", on=date(2017, 1, 20))
        in_hand, done = threading.Event(), []
        m3 = next(m for m in load_snapshot(manager).milestones if m.ref == "M3")

        def manager_edits() -> None:
            with history.change(manager, "Edit M3") as unit:
                unit.session.query(MilestoneRow).filter_by(ref="M3").one().title = m3.title + " (revised)"
                unit.session.flush()  # the write lock is held from here until the change ends
                in_hand.set()
                time.sleep(1.0)
            done.append("manager")

        thread = threading.Thread(target=manager_edits)
        thread.start()
        assert in_hand.wait(10)
        started = time.monotonic()
        challenge = raise_challenge(reviewer, "M3", "Is the new name agreed?", on=date(2017, 1, 21))
        waited = time.monotonic() - started
        thread.join(10)
        assert done == ["manager"]
        assert waited >= 0.5  # it waited for the manager's change rather than failing
        assert list_challenges(manager) == (challenge,)
        assert next(m for m in load_snapshot(reviewer).milestones if m.ref == "M3").title == m3.title + " (revised)"
        entries = history.entries(manager, limit=3)
        assert [(e.what, e.user) for e in entries[-2:]] == [("Edit M3", entries[-2].user),
                                                          (f"Challenge M3 ({Q3})", "Jane Smith")]
        assert entries[-3].user == "Jane Smith"  # the review's start, too
        # the manager answers through the lock it holds; the history names who answered
        respond(manager, challenge.id, "Agreed at the board", by="Transition manager")
        assert history.entries(manager, limit=1)[-1].user == "Transition manager"


def test_a_review_write_that_touches_the_plan_is_refused_and_changes_nothing(sample_plan, plan_dump):
    before = plan_dump(sample_plan)
    with open_for_review(sample_plan) as reviewer:
        m3 = next(m for m in load_snapshot(reviewer).milestones if m.ref == "M3")
        with (pytest.raises(history.NotAReviewRecord, match="only review records"),
              history.change(reviewer, "Sneak an edit", review=True) as unit):
            unit.session.query(MilestoneRow).filter_by(ref="M3").one().title = "changed"
        with pytest.raises(PlanFileError, match="open read-only"):  # the ordinary path stays shut
            update_milestone(reviewer, "M3", replace(m3, title="changed"))
    assert plan_dump(sample_plan) == before


def test_a_plan_opened_only_for_reading_writes_no_review_records(sample_plan, plan_dump):
    before = plan_dump(sample_plan)
    with open_for_reading(sample_plan) as reader, pytest.raises(PlanFileError, match="open read-only"):
        start_review(reader, Q3, kind=ReviewKind.PROGRESS, reviewer="Jane Smith")
    assert plan_dump(sample_plan) == before


def test_the_review_command_works_while_the_app_holds_the_edit_lock(sample_plan):
    """A real second process: `trustplanner review ... challenge` while this one holds the lock."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")

    def review(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "trustplanner", "review", str(sample_plan), *args],
                              check=False, capture_output=True, text=True, env=env, timeout=120)

    with open_for_writing(sample_plan) as manager:
        started = review("start", Q3, "--kind", "progress", "--reviewer", "Jane Smith")
        assert started.returncode == 0, started.stderr
        raised = review("challenge", "M4", "Where is the evidence?", "--evidence")
        assert raised.returncode == 0, raised.stderr
        assert raised.stdout.startswith(f"Challenge 1 on M4 raised in '{Q3}', asking for evidence")
        assert [c.target for c in list_challenges(manager)] == ["M4"]
        assert [e.user for e in history.entries(manager, limit=2)] == ["Jane Smith", "Jane Smith"]
        assert manager.lock is not None and not manager.lock.lost
