"""The risks and decisions part of a briefing's prepared data (``services.register_briefing``).

Already filtered for the briefing's marking: a public (OFFICIAL) briefing's part holds no exempt
risk or decision at all, only how many were left out; an OFFICIAL-SENSITIVE one holds them in
``exempt_risks`` / ``exempt_decisions`` for the exempt appendix. The renderer only lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from trustplanner.domain.enums import Rag


@dataclass(frozen=True)
class RiskLine:
    ref: str
    title: str
    cause: str
    event: str
    effect: str
    owner: str
    status: str  # "Open", "Occurred (issue)", "Closed"
    inherent: int | None
    current: int
    target: int | None
    band: Rag  # of the current score
    direction: str  # "↑", "↓" or "→"
    direction_word: str  # "worse", "better", "no change"
    controls: str = ""
    next_action: str = ""
    next_action_owner: str = ""
    next_action_due: date | None = None
    escalated_to: str = ""
    escalated_on: date | None = None
    exempt: bool = False


@dataclass(frozen=True)
class RiskChange:
    """A risk new, escalated or closed since the last briefing (or in the window of a first one)."""

    ref: str
    title: str
    change: str  # "new", "escalated", "closed"
    on: date | None
    current: int
    direction: str


@dataclass(frozen=True)
class DecisionLine:
    ref: str
    title: str
    wording: str
    forum: str  # "Cabinet", "delegated officer: Chief Executive"
    status: str
    needed_by: date | None
    meeting: str
    made_on: date | None
    key_decision: bool
    notice_short: str  # the notice problem in words, when a key decision lacks 28 clear days
    cabinet: bool  # cabinet is the forum
    exempt_paragraph: int | None = None
    exempt: bool = False


@dataclass(frozen=True)
class HeatCell:
    likelihood: int
    impact: int
    count: int
    band: Rag


@dataclass(frozen=True)
class RegisterBriefing:
    as_of: date
    since: date  # exclusive start of the "since the last briefing" window
    since_last_briefing: bool
    due_until: date  # inclusive end of "needed before the next meeting"
    escalation_score: int
    escalate_to: str
    green_max: int
    amber_max: int
    live: int  # open and occurred risks shown (exempt ones left out)
    heat: tuple[HeatCell, ...]  # 25 cells, likelihood 5 → 1, impact 1 → 5
    top: tuple[RiskLine, ...]  # the three highest current scores
    escalated: tuple[RiskLine, ...]  # open, at or above the escalation score
    changes: tuple[RiskChange, ...]
    decisions_made: tuple[DecisionLine, ...]
    decisions_needed: tuple[DecisionLine, ...]
    #: decisions cabinet is asked to take (needed, forum cabinet, needed by ``due_until``)
    cabinet_asks: tuple[DecisionLine, ...]
    public: bool  # OFFICIAL or another marking: exempt items are left out and not listed
    exempt_risks_left_out: int = 0
    exempt_decisions_left_out: int = 0
    exempt_risks: tuple[RiskLine, ...] = ()  # only when not public: the exempt appendix
    exempt_decisions: tuple[DecisionLine, ...] = ()
    #: ``due_until`` is taken as six weeks after this meeting, as the report gives no next meeting
    due_assumed: bool = True
    #: exempt decisions cabinet is asked to take: recommended by reference to the appendix
    exempt_cabinet_asks: tuple[DecisionLine, ...] = ()

    @property
    def has_register(self) -> bool:
        return bool(self.live or self.changes or self.escalated or self.exempt_risks or self.exempt_risks_left_out)

    @property
    def has_log(self) -> bool:
        return bool(self.decisions_made or self.decisions_needed or self.exempt_decisions
                    or self.exempt_decisions_left_out)

    @property
    def asks_key_decision(self) -> bool:
        """Whether cabinet is asked to take a key decision (the report's header says so)."""
        return any(d.key_decision for d in (*self.cabinet_asks, *self.exempt_cabinet_asks))

    @property
    def has_appendix(self) -> bool:
        return bool(self.exempt_risks or self.exempt_decisions)
