"""Revision 0012 lets a plan milestone say which statutory deadline it meets: a revision 0011 plan
upgrades keeping every milestone, and the new field is stored, kept in the history and undone."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

from plan_revisions import downgrade

from trustplanner.services.demo import create_demo_plan
from trustplanner.services.history import undo
from trustplanner.services.milestones import update_milestone
from trustplanner.services.snapshot import load_snapshot
from trustplanner.store.plan_file import open_plan_file


def _milestone_columns(path) -> set[str]:
    db = sqlite3.connect(path)
    try:
        return {row[1] for row in db.execute("PRAGMA table_info(milestone)")}
    finally:
        db.close()


def test_a_revision_0011_plan_upgrades_keeping_every_milestone(tmp_path):
    path = tmp_path / "demo.tplan"
    create_demo_plan(path).close()
    with open_plan_file(path) as plan:
        before = load_snapshot(plan)
    assert before.milestone("HR-05").meets == "eli"
    downgrade(path, "0011")
    assert "meets" not in _milestone_columns(path)
    with open_plan_file(path) as plan:
        after = load_snapshot(plan)
    assert "meets" in _milestone_columns(path)
    assert len(after.milestones) == len(before.milestones) > 50
    assert after.milestones == tuple(replace(m, meets="") for m in before.milestones)
    assert after.baseline_changes == before.baseline_changes


def test_the_deadline_a_milestone_meets_is_stored_and_undone(tmp_path):
    with create_demo_plan(tmp_path / "demo.tplan") as plan:
        old = load_snapshot(plan).milestone("HR-06")
        update_milestone(plan, "HR-06", replace(old, meets="rep"))
        assert load_snapshot(plan).milestone("HR-06").meets == "rep"
        undo(plan)
        assert load_snapshot(plan).milestone("HR-06").meets == ""
