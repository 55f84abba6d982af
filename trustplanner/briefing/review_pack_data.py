"""Plain data the review pack and "since my last review" are laid out from (``services.review_since``
and ``services.review_pack`` prepare it); nothing here reads the plan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from trustplanner.briefing.data import BriefingHeader, StatusRow
from trustplanner.briefing.register_data import DecisionLine, RiskLine
from trustplanner.domain.briefing_changes import BriefingChanges, Moved
from trustplanner.domain.briefing_figures import FrozenMilestone, FrozenRebaseline, FrozenRisk
from trustplanner.domain.enums import Rag
from trustplanner.domain.review import Challenge, Evidence, Review
from trustplanner.domain.review_rules import SignOffStanding

PACK_TITLE = "Commissioner review pack"


def position_of(review: Review) -> date:
    """The position date a review looks at (its opening day, for one recorded without it)."""
    return review.as_of or review.opened


@dataclass(frozen=True)
class Completion:
    milestone: FrozenMilestone  # as it is now, with its actual date
    standing: SignOffStanding  # "signed off", or "complete, not signed off" with why


@dataclass(frozen=True)
class OpenChallenge:
    challenge: Challenge
    age: int  # days open


@dataclass(frozen=True)
class SinceLastReview:
    """What moved from the last review's position to ``as_of``. ``changes`` is None when there is
    nothing to compare with (``note`` says why); the open challenges are listed either way."""

    review: Review | None  # the review this is for (None: no review is open)
    last: Review | None  # the previous review: "since" is its position date
    as_of: date  # the position compared with it
    #: the briefing whose frozen figures stand for the last review's position: its label and position date
    briefing: str = ""
    briefing_as_of: date | None = None
    changes: BriefingChanges | None = None
    completed: tuple[Completion, ...] = ()
    open_challenges: tuple[OpenChallenge, ...] = ()
    note: str = ""

    @property
    def since(self) -> date | None:
        return position_of(self.last) if self.last else None

    @property
    def moved(self) -> tuple[Moved, ...]:
        return self.changes.moved if self.changes else ()

    @property
    def newly_overdue(self) -> tuple[FrozenMilestone, ...]:
        return self.changes.newly_overdue if self.changes else ()

    @property
    def rebaselines(self) -> tuple[FrozenRebaseline, ...]:
        return self.changes.rebaselines if self.changes else ()

    @property
    def risks_escalated(self) -> tuple[FrozenRisk, ...]:
        return self.changes.risks_escalated if self.changes else ()


@dataclass(frozen=True)
class SignOffLine:
    """A sign-off of the review, with the milestone's title and whether it still stands."""

    ref: str
    title: str  # "" for a milestone no longer in the plan
    actual: date  # as signed off
    signed_on: date
    reviewer: str
    evidence: Evidence
    standing: SignOffStanding


@dataclass(frozen=True)
class ReviewPackData:
    """Everything the review pack prints. ``header`` is the briefing's, retitled for the review: its
    ``meeting_name`` is the review's name and ``meeting`` the day the pack was made (the footer's)."""

    header: BriefingHeader
    review: Review
    overall: Rag
    status: tuple[StatusRow, ...]  # as the briefing's status table: Overall first, then each area
    since: SinceLastReview
    signoffs: tuple[SignOffLine, ...] = ()
    challenges: tuple[Challenge, ...] = ()  # the review's, oldest first
    escalated: tuple[RiskLine, ...] = ()
    escalation_score: int | None = None  # None: the plan has no risk register
    decisions_awaited: tuple[DecisionLine, ...] = ()
    #: the review's recommendations and their progress: filled in by the recommendations service;
    #: the pack prints its section only when there are some
    recommendations: tuple[object, ...] = ()
    made_on: date | None = None
    #: the pack is always a draft: it is not recorded in the plan
    draft: bool = True
    version: int | None = None
