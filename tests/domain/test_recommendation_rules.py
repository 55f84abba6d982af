"""The rules of a recommendation and of a review's judgement of it, as the file and the command line word them."""

from __future__ import annotations

from datetime import date

from trustplanner.domain.enums import Rag
from trustplanner.domain.problems import too_long
from trustplanner.domain.recommendations import (
    duplicate_ref_breach,
    judgement_breaches,
    recommendation_breaches,
)
from trustplanner.domain.report import TEXT_LIMIT
from trustplanner.domain.review import Review, ReviewKind
from trustplanner.domain.risk_rules import OWNER_LIMIT

OPEN = Review("Q3 review", ReviewKind.PROGRESS, "Jane Smith", date(2017, 1, 20))


def breaches(**changes):
    values = dict(ref="OF1", text="Reduce caseloads", owner="DCS", evidence="", rag=Rag.AMBER, milestones=("M1",),
                  known_milestones={"M1", "M2"})
    values.update(changes)
    return [(b.column, b.message) for b in recommendation_breaches(**values)]


def test_a_good_recommendation_has_no_breaches():
    assert breaches() == []
    assert breaches(rag=None, owner="", milestones=()) == []


def test_ref_and_text_are_required():
    assert breaches(ref=" ", text="") == [("ref", "ref is required"), ("text", "a recommendation needs its text")]


def test_text_limits_are_the_registers_and_the_reports():
    assert breaches(owner="x" * (OWNER_LIMIT + 1)) == [("owner", too_long(OWNER_LIMIT))]
    assert breaches(text="x" * (TEXT_LIMIT + 1), evidence="y" * (TEXT_LIMIT + 1)) == [
        ("text", too_long(TEXT_LIMIT)), ("evidence", too_long(TEXT_LIMIT))]


def test_an_unknown_milestone_is_named():
    assert breaches(milestones=("M1", "M9")) == [
        ("milestones", "unknown milestone 'M9' (not a milestone ref or title in this plan)")]


def test_complete_is_not_a_progress_rag():
    assert [column for column, _ in breaches(rag=Rag.COMPLETE)] == ["rag"]


def test_a_duplicate_ref_names_the_first_row():
    assert duplicate_ref_breach("OF1", 2).message == "OF1 is also on row 2"


def test_a_judgement_needs_an_open_review_and_a_progress_rag():
    assert judgement_breaches(OPEN, rag=Rag.RED, comment="") == []
    closed = Review("Q2 review", ReviewKind.PROGRESS, "Jane Smith", date(2016, 10, 1), closed=date(2016, 10, 31))
    assert [b.column for b in judgement_breaches(closed, rag=Rag.COMPLETE, comment="x" * (TEXT_LIMIT + 1))] == [
        "review", "rag", "comment"]
