"""Revision 0014 adds recommendations, their milestone links and the reviews' judgements: a revision
0013 plan upgrades keeping its contents and its reviews, and the new rows are in the change history
(so undo works)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from plan_revisions import downgrade, table_names

from trustplanner.domain.enums import Rag
from trustplanner.domain.recommendations import (
    RecommendationSource,
    RecommendationStatus,
)
from trustplanner.domain.review import ReviewerRole, ReviewKind
from trustplanner.services import history
from trustplanner.services.reviews import list_reviews, start_review
from trustplanner.services.snapshot import load_snapshot
from trustplanner.store.plan_file import (
    HEAD_REVISION,
    open_plan_file,
    script_head_revision,
)
from trustplanner.store.tables import (
    HistoryRowRow,
    MilestoneRow,
    RecommendationJudgementRow,
    RecommendationMilestoneRow,
    RecommendationRow,
    ReviewRow,
)

TABLES = {"recommendation", "recommendation_milestone", "recommendation_judgement"}


def test_the_head_revision_is_0014():
    assert HEAD_REVISION == script_head_revision() == "0014"


def test_a_revision_0013_plan_upgrades_keeping_its_contents_and_reviews(sample_plan):
    with open_plan_file(sample_plan) as plan:
        start_review(plan, "Q3 review", kind=ReviewKind.PROGRESS, reviewer="Jane Smith", on=date(2017, 1, 20))
        before = load_snapshot(plan)
        entries = history.entries(plan)
        reviews = list_reviews(plan)
    downgrade(sample_plan, "0013")
    assert not TABLES & table_names(sample_plan)
    assert "review" in table_names(sample_plan)
    with open_plan_file(sample_plan) as plan:
        assert TABLES <= table_names(sample_plan)
        assert load_snapshot(plan) == before
        assert history.entries(plan) == entries
        assert list_reviews(plan) == reviews


def test_recommendation_rows_are_in_the_change_history_and_undone(sample_plan):
    with open_plan_file(sample_plan) as plan:
        with history.change(plan, "Recommendation rows") as unit:
            session = unit.session
            review = ReviewRow(name="Q3 review", kind=ReviewKind.PROGRESS, reviewer="Jane Smith",
                               role=ReviewerRole.COMMISSIONER, opened=date(2017, 1, 20))
            rec = RecommendationRow(ref="OF1", source=RecommendationSource.OFSTED, text="Reduce caseloads",
                                    owner="DCS", target=date(2017, 3, 31), rag=Rag.AMBER,
                                    status=RecommendationStatus.OPEN, evidence="")
            session.add_all([review, rec])
            session.flush()
            milestone_id = session.scalars(select(MilestoneRow.id).where(MilestoneRow.ref == "M1")).one()
            session.add(RecommendationMilestoneRow(recommendation_id=rec.id, milestone_id=milestone_id))
            session.add(RecommendationJudgementRow(review_id=review.id, recommendation_id=rec.id, rag=Rag.AMBER,
                                                   comment="Caseloads still above 20"))
        entry = history.entries(plan, limit=1)[-1]
        assert set(entry.areas) == {"recommendations", "reviews"}
        with plan.reading() as session:
            stored = set(session.scalars(select(HistoryRowRow.table_name).where(HistoryRowRow.entry_id == entry.id)))
        assert stored == TABLES | {"review"}
        history.undo(plan)
        with plan.reading() as session:
            assert [session.query(t).count() for t in (RecommendationRow, RecommendationMilestoneRow,
                                                        RecommendationJudgementRow)] == [0, 0, 0]
