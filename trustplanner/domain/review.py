"""Commissioner review as plain frozen records: reviews, their challenges and their sign-offs.

A reviewer (a government-appointed commissioner, a DfE adviser, Ofsted, internal audit) reads the
plan as it stood on a position date, challenges what they doubt and signs off completed milestones
on evidence. They never edit the plan; these records are all a reviewer writes
(docs/design/0015-commissioner-review.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class ReviewKind(StrEnum):
    INITIAL = "initial"
    PROGRESS = "progress"
    GATEWAY = "gateway"
    DFE_SIX_MONTHLY = "dfe-six-monthly"

    @property
    def label(self) -> str:
        return "DfE six-monthly" if self is ReviewKind.DFE_SIX_MONTHLY else self.value.capitalize()


class ReviewerRole(StrEnum):
    COMMISSIONER = "commissioner"
    DFE_ADVISER = "dfe-adviser"
    OFSTED = "ofsted"
    INTERNAL_AUDIT = "internal-audit"

    @property
    def label(self) -> str:
        return {ReviewerRole.COMMISSIONER: "Commissioner", ReviewerRole.DFE_ADVISER: "DfE adviser",
                ReviewerRole.OFSTED: "Ofsted", ReviewerRole.INTERNAL_AUDIT: "Internal audit"}[self]


class Outcome(StrEnum):
    OPEN = "open"
    ANSWERED = "answered"  # the manager has responded; the reviewer has not yet judged it
    ACCEPTED = "accepted"
    ACCEPTED_WITH_CONDITIONS = "accepted-with-conditions"
    NOT_ACCEPTED = "not-accepted"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ").capitalize()

    @property
    def closes(self) -> bool:
        """Whether a challenge with this outcome is closed (only the reviewer sets these)."""
        return self in CLOSING_OUTCOMES


CLOSING_OUTCOMES = frozenset({Outcome.ACCEPTED, Outcome.ACCEPTED_WITH_CONDITIONS, Outcome.NOT_ACCEPTED})
#: what a challenge may be raised against besides a milestone, risk or decision ref
AREA_TARGETS = ("workforce", "finance", "plan")


@dataclass(frozen=True)
class Review:
    name: str  # "Q3 2020 progress review", unique in a plan
    kind: ReviewKind
    reviewer: str
    opened: date
    role: ReviewerRole = ReviewerRole.COMMISSIONER
    closed: date | None = None
    as_of: date | None = None  # the position date the review looks at

    @property
    def is_open(self) -> bool:
        return self.closed is None


@dataclass(frozen=True)
class Challenge:
    id: int
    review: str  # the review's name
    target: str  # a milestone, risk or decision ref, or one of AREA_TARGETS
    question: str
    raised_by: str
    raised_on: date
    response: str = ""
    responded_by: str = ""
    responded_on: date | None = None
    outcome: Outcome = Outcome.OPEN
    conditions: str = ""
    evidence_requested: bool = False
    closed_by: str = ""
    closed_on: date | None = None

    @property
    def is_closed(self) -> bool:
        return self.outcome.closes

    def age(self, today: date) -> int:
        """Days it has been (or was) open: to its closing, else to ``today``."""
        return ((self.closed_on or today) - self.raised_on).days


@dataclass(frozen=True)
class Evidence:
    """A document reference: a title, its date, and a path or a link; a file's SHA-256 when a path is given."""

    title: str
    on: date | None = None
    path: str = ""
    link: str = ""
    sha256: str = ""

    @property
    def where(self) -> str:
        return self.path or self.link


@dataclass(frozen=True)
class SignOff:
    """A reviewer accepting a completed milestone on evidence. ``actual`` is the milestone's actual
    date as it was signed off: if it changes later, the sign-off no longer stands."""

    milestone: str
    review: str
    reviewer: str
    on: date
    actual: date
    evidence: Evidence


SIGNED_OFF = "signed off"
NOT_SIGNED_OFF = "complete, not signed off"
