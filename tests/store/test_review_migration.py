"""Revision 0013 adds the review records: a revision 0012 plan upgrades keeping its contents, and can
then hold reviews, challenges and sign-offs, whose rows the change history captures (so undo works)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from plan_revisions import downgrade, table_names

from trustplanner.domain.review import Outcome, ReviewerRole, ReviewKind
from trustplanner.services import history
from trustplanner.services.snapshot import load_snapshot
from trustplanner.store.plan_file import (
    open_plan_file,
)
from trustplanner.store.tables import ChallengeRow, HistoryRowRow, ReviewRow, SignOffRow

REVIEW_TABLES = {"review", "challenge", "sign_off"}


def test_a_revision_0012_plan_upgrades_keeping_its_contents(sample_plan):
    with open_plan_file(sample_plan) as plan:
        before = load_snapshot(plan)
        entries = history.entries(plan)
    downgrade(sample_plan, "0012")
    assert not REVIEW_TABLES & table_names(sample_plan)
    with open_plan_file(sample_plan) as plan:
        assert REVIEW_TABLES <= table_names(sample_plan)
        assert load_snapshot(plan) == before
        assert history.entries(plan) == entries


def test_review_rows_are_in_the_change_history_and_undone(sample_plan):
    with open_plan_file(sample_plan) as plan:
        with history.change(plan, "Review rows") as unit:
            review = ReviewRow(name="Q3 review", kind=ReviewKind.PROGRESS, reviewer="Jane Smith",
                               role=ReviewerRole.COMMISSIONER, opened=date(2017, 1, 20), as_of=date(2017, 1, 16))
            unit.session.add(review)
            unit.session.flush()
            unit.session.add(ChallengeRow(review_id=review.id, target="M5", question="Why?", raised_by="Jane Smith",
                                          raised_on=date(2017, 1, 20), outcome=Outcome.OPEN))
            unit.session.add(SignOffRow(review_id=review.id, milestone="M1", reviewer="Jane Smith",
                                        signed_on=date(2017, 1, 20), actual=date(2016, 6, 1), evidence_title="Cert"))
        entry = history.entries(plan, limit=1)[-1]
        assert entry.areas == ("reviews",)
        with plan.reading() as session:
            stored = set(session.scalars(select(HistoryRowRow.table_name).where(HistoryRowRow.entry_id == entry.id)))
        assert stored == REVIEW_TABLES
        history.undo(plan)
        with plan.reading() as session:
            assert [session.query(t).count() for t in (ReviewRow, ChallengeRow, SignOffRow)] == [0, 0, 0]
