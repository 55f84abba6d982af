"""Who re-baselined is recorded with each baseline change (revision 0007); plans from before it
take the name from their change history where it has one, and say "not recorded" otherwise."""

from __future__ import annotations

import sqlite3
from datetime import date

from plan_revisions import downgrade

from trustplanner.services.demo import create_demo_plan
from trustplanner.services.milestones import rebaseline
from trustplanner.services.snapshot import load_snapshot
from trustplanner.store.access import open_for_writing


def test_a_rebaseline_names_who_made_it(tmp_path, monkeypatch):
    import trustplanner.services.milestones as milestones

    monkeypatch.setattr(milestones, "whoami", lambda: ("j.bloggs", "LAPTOP-7"))
    plan = create_demo_plan(tmp_path / "plan.tplan")
    try:
        rebaseline(plan, "HR-05", date(2017, 3, 3), reason="Consultation extended", decision="Board 12/01/2017")
        (change,) = load_snapshot(plan).baseline_changes
    finally:
        plan.close()
    assert (change.ref, change.old, change.new, change.by) == ("HR-05", date(2017, 2, 24), date(2017, 3, 3),
                                                               "j.bloggs")


def test_an_older_plan_takes_the_name_from_its_history_and_leaves_the_rest_blank(tmp_path, monkeypatch):
    import trustplanner.services.history as history

    monkeypatch.setattr(history, "whoami", lambda: ("a.khan", "LAPTOP-9"))  # the history entry's author
    path = tmp_path / "plan.tplan"
    plan = create_demo_plan(path)
    try:
        rebaseline(plan, "HR-05", date(2017, 3, 3), reason="Consultation extended", decision="Board 12/01/2017")
        rebaseline(plan, "ICT-02", date(2017, 1, 20), reason="Supplier late", decision="Board 12/01/2017")
    finally:
        plan.close()
    downgrade(path, "0006")
    db = sqlite3.connect(path)
    with db:  # one change from before the history began: no entry names its author
        db.execute("DELETE FROM history_row WHERE table_name = 'baseline_change' AND row_key = "
                   "(SELECT '[' || id || ']' FROM baseline_change WHERE new_baseline = '2017-01-20')")
    db.close()

    plan = open_for_writing(path)
    try:
        changes = {c.ref: c.by for c in load_snapshot(plan).baseline_changes}
    finally:
        plan.close()
    assert changes == {"HR-05": "a.khan", "ICT-02": ""}
