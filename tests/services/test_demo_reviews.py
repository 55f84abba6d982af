"""The demo plan's commissioner reviews tell the story a reviewer would see at the status date
(16/01/2017): a closed gateway review with its challenges closed, two sign-offs and a judgement of
every recommendation, and an open progress review with an answered challenge and one asking for evidence."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from trustplanner.domain.enums import Rag
from trustplanner.domain.recommendations import RecommendationSource
from trustplanner.domain.review import SIGNED_OFF, Outcome
from trustplanner.services.recommendations import load_judgements, load_recommendations
from trustplanner.services.reviews import load_review_records, signed_off_status
from trustplanner.services.snapshot import load_snapshot
from trustplanner.store.plan_file import open_plan_file

STATUS_DATE = date(2017, 1, 16)
DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"


@pytest.fixture(scope="module")
def demo(demo_file):
    with open_plan_file(demo_file, read_only=True) as plan:
        yield load_review_records(plan), load_recommendations(plan), load_judgements(plan), load_snapshot(plan)


def test_one_closed_and_one_open_review_all_dated_by_the_status_date(demo):
    records, *_ = demo
    closed, open_ = records.reviews
    assert (closed.is_open, open_.is_open) == (False, True)
    assert closed.closed < open_.opened <= STATUS_DATE
    dates = [c.raised_on for c in records.challenges] + [c.responded_on for c in records.challenges if c.responded_on]
    dates += [c.closed_on for c in records.challenges if c.closed_on] + [s.on for s in records.signoffs]
    assert max(dates) <= STATUS_DATE


def test_the_challenges_show_each_outcome_a_reviewer_meets(demo):
    records, *_ = demo
    closed, open_ = records.reviews
    assert all(c.is_closed for c in records.challenges_of(closed.name))
    outcomes = [c.outcome for c in records.challenges]
    assert Outcome.ACCEPTED_WITH_CONDITIONS in outcomes and Outcome.ANSWERED in outcomes
    [asking] = [c for c in records.challenges_of(open_.name) if c.evidence_requested]
    assert asking.outcome is Outcome.OPEN and not asking.response
    conditional = next(c for c in records.challenges if c.outcome is Outcome.ACCEPTED_WITH_CONDITIONS)
    assert conditional.conditions


def test_two_completed_milestones_are_signed_off_on_evidence_and_stand(demo):
    records, _, _, snapshot = demo
    assert len(records.signoffs) == 2
    assert all(s.evidence.title and s.evidence.link for s in records.signoffs)
    status = signed_off_status(snapshot, records.signoffs)
    assert sorted(ref for ref, standing in status.items() if standing.status == SIGNED_OFF) == \
        sorted(s.milestone for s in records.signoffs)


def test_ofsteds_recommendations_and_the_commissioners_are_linked_to_milestones(demo):
    _, recommendations, _, snapshot = demo
    sources = [r.source for r in recommendations]
    assert sources.count(RecommendationSource.OFSTED) == 5
    assert sources.count(RecommendationSource.COMMISSIONER) == 1
    refs = {m.ref for m in snapshot.milestones}
    assert all(r.milestones and set(r.milestones) <= refs for r in recommendations)
    assert all(r.target and r.target > STATUS_DATE for r in recommendations)


def test_the_closed_review_judged_every_recommendation_and_the_rag_is_its_judgement(demo):
    records, recommendations, judgements, _ = demo
    closed = records.reviews[0]
    assert {j.recommendation for j in judgements if j.review == closed.name} == {r.ref for r in recommendations}
    by_ref = {j.recommendation: j.rag for j in judgements}
    assert all(r.rag is by_ref[r.ref] for r in recommendations)
    assert {Rag.RED, Rag.AMBER, Rag.GREEN} == set(by_ref.values())


def test_the_recommendations_file_is_in_the_export_format():
    with (DEMO / "recommendations.csv").open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == ["ref", "source", "text", "owner", "target", "rag", "milestones", "status", "evidence"]
