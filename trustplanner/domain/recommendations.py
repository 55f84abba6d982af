"""Recommendations tracked to completion: the Ofsted inspection's, the commissioner's own, the DfE's.

A commissioner reports to the Secretary of State recommendation by recommendation: who owns it, by
when, the milestones that deliver it, the evidence, and at each review a progress judgement (RAG and
a comment). The rules are worded once here for the recommendations file and the command line, with
the register's text limits (a person as long as a risk's owner, long text as long as the report's).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from trustplanner.domain.enums import Rag
from trustplanner.domain.problems import Breach, too_long
from trustplanner.domain.report import TEXT_LIMIT
from trustplanner.domain.review import Review
from trustplanner.domain.review_rules import open_review_breach
from trustplanner.domain.risk_rules import OWNER_LIMIT, unknown_milestone

REF_LIMIT = 60
#: the RAGs a recommendation's progress is judged in (complete is its status, not a RAG)
PROGRESS_RAGS = (Rag.RED, Rag.AMBER, Rag.GREEN)


class RecommendationSource(StrEnum):
    OFSTED = "ofsted"
    COMMISSIONER = "commissioner"
    DFE = "dfe"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {RecommendationSource.OFSTED: "Ofsted", RecommendationSource.COMMISSIONER: "Commissioner",
                RecommendationSource.DFE: "DfE", RecommendationSource.OTHER: "Other"}[self]


class RecommendationStatus(StrEnum):
    OPEN = "open"
    COMPLETE = "complete"

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(frozen=True)
class Recommendation:
    ref: str
    source: RecommendationSource
    text: str
    owner: str = ""
    target: date | None = None
    rag: Rag | None = None  # progress as last reported; None until assessed
    milestones: tuple[str, ...] = ()  # the refs of the milestones that deliver it, sorted
    status: RecommendationStatus = RecommendationStatus.OPEN
    evidence: str = ""


@dataclass(frozen=True)
class Judgement:
    """A review's judgement of a recommendation's progress."""

    review: str
    recommendation: str
    rag: Rag
    comment: str = ""


def _text(column: str, value: str, limit: int, required: str | None = None) -> list[Breach]:
    if not value.strip():
        return [Breach(column, required)] if required else []
    return [Breach(column, too_long(limit))] if len(value.strip()) > limit else []


def progress_rag_breach(rag: Rag | None) -> list[Breach]:
    if rag is None or rag in PROGRESS_RAGS:
        return []
    return [Breach("rag", f"'{rag.value}' is not a progress RAG: use red, amber or green (a delivered "
                          "recommendation has the status complete)")]


def recommendation_breaches(*, ref: str, text: str, owner: str, evidence: str, rag: Rag | None,
                            milestones: Collection[str], known_milestones: Collection[str]) -> list[Breach]:
    """What is wrong with one recommendation, whether from a file row or the command line."""
    return (_text("ref", ref, REF_LIMIT, "ref is required")
            + _text("text", text, TEXT_LIMIT, "a recommendation needs its text")
            + _text("owner", owner, OWNER_LIMIT)
            + _text("evidence", evidence, TEXT_LIMIT)
            + progress_rag_breach(rag)
            + [Breach("milestones", unknown_milestone(m)) for m in milestones if m not in known_milestones])


def duplicate_ref_breach(ref: str, first_row: int) -> Breach:
    return Breach("ref", f"{ref} is also on row {first_row}")


def judgement_breaches(review: Review, *, rag: Rag, comment: str) -> list[Breach]:
    """A judgement is recorded in an open review, in red, amber or green."""
    return open_review_breach(review) + progress_rag_breach(rag) + _text("comment", comment, TEXT_LIMIT)
