"""The risk register and the decisions log as plain frozen records.

A risk is scored on a 5×5 matrix (likelihood × impact, 1–25) three times: inherent (before
controls), current and target. Every re-score of the current score is kept as a dated
:class:`RiskReview`, which gives the direction of travel. An issue is a risk that has happened
(status ``occurred``, raised that way or moved there) with its impact now, resolution action and
due date (docs/design/0011-risks-and-decisions.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class RiskCategory(StrEnum):
    DELIVERY = "delivery"
    FINANCIAL = "financial"
    WORKFORCE = "workforce"
    LEGAL = "legal_contract"
    SAFEGUARDING = "safeguarding_quality"
    REPUTATIONAL = "reputational"
    ICT = "ict_data"

    @property
    def label(self) -> str:
        return _CATEGORY_LABELS[self]


_CATEGORY_LABELS = {
    RiskCategory.DELIVERY: "Delivery", RiskCategory.FINANCIAL: "Financial", RiskCategory.WORKFORCE: "Workforce",
    RiskCategory.LEGAL: "Legal and contract", RiskCategory.SAFEGUARDING: "Safeguarding and quality",
    RiskCategory.REPUTATIONAL: "Reputational", RiskCategory.ICT: "ICT and data",
}
#: other words a register uses for the categories
CATEGORY_WORDS = {"legal": RiskCategory.LEGAL, "contract": RiskCategory.LEGAL, "legal & contract": RiskCategory.LEGAL,
                  "safeguarding": RiskCategory.SAFEGUARDING, "quality": RiskCategory.SAFEGUARDING,
                  "safeguarding & quality": RiskCategory.SAFEGUARDING, "finance": RiskCategory.FINANCIAL,
                  "ict": RiskCategory.ICT, "data": RiskCategory.ICT, "ict & data": RiskCategory.ICT,
                  "reputation": RiskCategory.REPUTATIONAL, "hr": RiskCategory.WORKFORCE}


@dataclass(frozen=True)
class Category:
    """A risk's category: one of the seven standard ones (keyed by :class:`RiskCategory`'s value) or one of
    the plan's own (keyed by a slug of the name it was given, kept when it is renamed). The risk stores the
    key; the label is what people read and what a risks file holds (domain/risk_categories.py)."""

    key: str
    label: str

    @property
    def standard(self) -> bool:
        return self.key in _STANDARD_KEYS


STANDARD_CATEGORIES = tuple(Category(c.value, c.label) for c in RiskCategory)
_STANDARD_KEYS = frozenset(c.key for c in STANDARD_CATEGORIES)


class RiskStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    OCCURRED = "occurred"  # it happened: an issue

    @property
    def label(self) -> str:
        return "Occurred (issue)" if self is RiskStatus.OCCURRED else self.value.capitalize()


class Response(StrEnum):
    TREAT = "treat"
    TOLERATE = "tolerate"
    TRANSFER = "transfer"
    TERMINATE = "terminate"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class DecisionStatus(StrEnum):
    NEEDED = "needed"
    MADE = "made"
    DEFERRED = "deferred"
    SUPERSEDED = "superseded"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Forum(StrEnum):
    CABINET = "cabinet"
    SHADOW_BOARD = "shadow_board"
    PROGRAMME_BOARD = "programme_board"
    JOINT_COMMITTEE = "joint_committee"
    DFE = "dfe_commissioner"
    OFFICER = "delegated_officer"  # a named officer under delegation: the name is the decision's ``officer``

    @property
    def label(self) -> str:
        return _FORUM_LABELS[self]


_FORUM_LABELS = {
    Forum.CABINET: "Cabinet", Forum.SHADOW_BOARD: "Shadow board", Forum.PROGRAMME_BOARD: "Programme board",
    Forum.JOINT_COMMITTEE: "Joint committee", Forum.DFE: "DfE or commissioner", Forum.OFFICER: "Delegated officer",
}
FORUM_WORDS = {"dfe": Forum.DFE, "commissioner": Forum.DFE, "dfe commissioner": Forum.DFE, "board": Forum.SHADOW_BOARD,
               "tfc board": Forum.SHADOW_BOARD, "officer": Forum.OFFICER, "delegated": Forum.OFFICER}


class Phase(StrEnum):
    """A proximity given as a stage rather than a date."""

    BEFORE_GO_LIVE = "before go-live"
    AFTER_GO_LIVE = "after go-live"

    @property
    def label(self) -> str:
        return self.value


@dataclass(frozen=True, order=True)
class Score:
    """Likelihood and impact, each 1–5."""

    likelihood: int
    impact: int

    @property
    def value(self) -> int:
        return self.likelihood * self.impact

    def __str__(self) -> str:
        return f"{self.value} ({self.likelihood}×{self.impact})"


@dataclass(frozen=True)
class Appetite:
    """A plan's risk appetite: the bands of the matrix and the score at which a risk is escalated."""

    green_max: int = 4  # 1–4 green
    amber_max: int = 12  # 5–12 amber, above it red
    escalation_score: int = 15
    escalate_to: str = "programme board"


@dataclass(frozen=True)
class Risk:
    ref: str
    title: str
    current: Score
    cause: str = ""
    event: str = ""
    effect: str = ""
    category: Category = STANDARD_CATEGORIES[0]
    owner: str = ""
    raised: date | None = None
    status: RiskStatus = RiskStatus.OPEN
    proximity: date | None = None
    phase: Phase | None = None  # a proximity of before or after go-live
    response: Response = Response.TREAT
    controls: str = ""
    inherent: Score | None = None
    target: Score | None = None
    review_by: date | None = None
    milestones: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    # not in the risks file: set in the app
    budget_lines: tuple[str, ...] = ()  # "SC110 2016/17"
    savings: tuple[str, ...] = ()  # savings plan refs
    exempt: bool = False  # left out of a public briefing
    escalated_to: str = ""
    escalated_on: date | None = None
    #: an issue's (status occurred) impact now, resolution action and its due date
    issue_impact: str = ""
    resolution: str = ""
    resolution_due: date | None = None

    @property
    def is_issue(self) -> bool:
        return self.status is RiskStatus.OCCURRED


@dataclass(frozen=True)
class RiskReview:
    """A dated re-score of a risk's current score: before and after, why and by whom."""

    risk: str
    on: date
    before: Score
    after: Score
    note: str = ""
    by: str = ""
    at: datetime | None = None


@dataclass(frozen=True)
class RiskAction:
    risk: str
    action: str
    owner: str = ""
    due: date | None = None
    status: ActionStatus = ActionStatus.OPEN

    @property
    def key(self) -> tuple[str, str]:
        return self.risk, self.action.casefold()


@dataclass(frozen=True)
class Decision:
    ref: str
    title: str
    forum: Forum
    status: DecisionStatus
    decision: str = ""
    officer: str = ""  # the named officer, for a delegated decision
    needed_by: date | None = None
    meeting: str = ""  # needed at a meeting named in words ("Cabinet 22 March 2017"); its date, if any, is needed_by
    made_on: date | None = None
    key_decision: bool = False
    reasons: str = ""
    options: str = ""
    exempt: bool = False
    exempt_paragraph: int | None = None  # of Schedule 12A to the Local Government Act 1972
    milestones: tuple[str, ...] = ()
    risks: tuple[str, ...] = ()
    # not in the decisions file
    conditions: str = ""
    forward_plan_on: date | None = None  # when it went on the forward plan (notice counted from it)
    funding_changes: tuple[str, ...] = ()

    @property
    def forum_words(self) -> str:
        return f"{self.forum.label.lower()}: {self.officer}" if self.forum is Forum.OFFICER and self.officer \
            else self.forum.label


@dataclass(frozen=True)
class RiskRegister:
    """Everything the register and the log hold, read at once."""

    appetite: Appetite = field(default_factory=Appetite)
    risks: tuple[Risk, ...] = ()
    reviews: tuple[RiskReview, ...] = ()  # oldest first
    actions: tuple[RiskAction, ...] = ()
    decisions: tuple[Decision, ...] = ()
    #: the standard seven, then the plan's own in the order they were added
    categories: tuple[Category, ...] = STANDARD_CATEGORIES

    def risk(self, ref: str) -> Risk:
        return next(r for r in self.risks if r.ref == ref)

    def reviews_of(self, ref: str) -> tuple[RiskReview, ...]:
        return tuple(r for r in self.reviews if r.risk == ref)

    def actions_of(self, ref: str) -> tuple[RiskAction, ...]:
        return tuple(a for a in self.actions if a.risk == ref)

    def risks_of_milestone(self, ref: str) -> tuple[Risk, ...]:
        return tuple(r for r in self.risks if ref in r.milestones)

    def decisions_of_milestone(self, ref: str) -> tuple[Decision, ...]:
        return tuple(d for d in self.decisions if ref in d.milestones)
