"""What changed between two briefings' frozen figures: the one rule for "since the last briefing".

``changes_between(before, now)`` lists, in the plan's words: milestones completed, forecasts
that moved (by working days), RAG changes in each direction, milestones newly overdue, new and
removed milestones, re-baselines with the decision that approved them, risks new, re-scored,
escalated and closed, decisions made, and each area's RAG and headline figures this period
against last. The briefing's changes section, the status table's trend arrows and the
``trustplanner changes`` command all print this one list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from trustplanner.domain.briefing_figures import (
    BriefingFigures,
    Figure,
    FrozenDecision,
    FrozenMilestone,
    FrozenRebaseline,
    FrozenRisk,
)
from trustplanner.domain.calendar import working_days_between
from trustplanner.domain.enums import Rag

UP, DOWN, SAME = "↑", "↓", "→"


def trend(now: Rag, last: Rag | None) -> str:
    """The status table's arrow: ↑ better, ↓ worse, → the same; "" with no last period."""
    if last is None:
        return ""
    if now.severity == last.severity:
        return SAME
    return UP if now.severity < last.severity else DOWN


@dataclass(frozen=True)
class Moved:
    milestone: FrozenMilestone  # as it is now
    before: date
    working_days: int  # positive: later than last time


@dataclass(frozen=True)
class RagChange:
    milestone: FrozenMilestone
    before: Rag

    @property
    def worse(self) -> bool:
        return self.milestone.rag.severity > self.before.severity


@dataclass(frozen=True)
class Rescored:
    risk: FrozenRisk
    before: int

    @property
    def direction(self) -> str:
        """As the register draws it: ↑ the score went up (worse), ↓ down (better), → the same."""
        return SAME if self.risk.current == self.before else (UP if self.risk.current > self.before else DOWN)


@dataclass(frozen=True)
class FigureChange:
    area: str
    now: Figure
    before: Figure | None

    @property
    def difference(self) -> float | None:
        if self.before is None or self.before.value is None or self.now.value is None:
            return None
        return self.now.value - self.before.value

    @property
    def judgement(self) -> str:
        """"better", "worse" or "no change"; "" when a rise is neither (a headcount) or it cannot be said."""
        diff = self.difference
        if diff is None:
            return ""
        if abs(diff) < 1e-9:
            return "no change"
        if self.now.higher_is_better is None:
            return ""
        return "better" if (diff > 0) == self.now.higher_is_better else "worse"

    @property
    def direction(self) -> str:
        """↑ better, ↓ worse, → same (the status table's trend arrows); "" when it cannot be said."""
        diff = self.difference
        if diff is None:
            return ""
        if abs(diff) < 1e-9:
            return SAME
        if self.now.higher_is_better is None:
            return "+" if diff > 0 else "−"
        return UP if (diff > 0) == self.now.higher_is_better else DOWN


@dataclass(frozen=True)
class AreaChange:
    area: str
    now: Rag
    before: Rag | None

    @property
    def trend(self) -> str:
        return trend(self.now, self.before)


@dataclass(frozen=True)
class BriefingChanges:
    since: BriefingFigures
    now: BriefingFigures
    completed: tuple[FrozenMilestone, ...] = ()
    moved: tuple[Moved, ...] = ()
    rag_changes: tuple[RagChange, ...] = ()
    newly_overdue: tuple[FrozenMilestone, ...] = ()
    added: tuple[FrozenMilestone, ...] = ()
    removed: tuple[FrozenMilestone, ...] = ()
    rebaselines: tuple[FrozenRebaseline, ...] = ()
    risks_new: tuple[FrozenRisk, ...] = ()
    risks_rescored: tuple[Rescored, ...] = ()
    risks_escalated: tuple[FrozenRisk, ...] = ()
    risks_closed: tuple[FrozenRisk, ...] = ()
    decisions_made: tuple[FrozenDecision, ...] = ()
    areas: tuple[AreaChange, ...] = ()
    figures: tuple[FigureChange, ...] = ()

    @property
    def worse(self) -> tuple[RagChange, ...]:
        return tuple(c for c in self.rag_changes if c.worse)

    @property
    def better(self) -> tuple[RagChange, ...]:
        return tuple(c for c in self.rag_changes if not c.worse)

    @property
    def milestone_changes(self) -> int:
        return sum(map(len, (self.completed, self.moved, self.rag_changes, self.newly_overdue, self.added,
                             self.removed, self.rebaselines)))

    @property
    def register_changes(self) -> int:
        return sum(map(len, (self.risks_new, self.risks_rescored, self.risks_escalated, self.risks_closed,
                             self.decisions_made)))

    @property
    def nothing(self) -> bool:
        moved_figures = [f for f in self.figures if f.direction not in ("", SAME)]
        return not (self.milestone_changes or self.register_changes or moved_figures
                    or any(a.before is not None and a.before != a.now for a in self.areas))


def changes_between(before: BriefingFigures, now: BriefingFigures) -> BriefingChanges:
    """Everything that moved from ``before`` to ``now`` (a later record of the same plan).

    A ``before`` recorded without figures (an older briefing) gives only the areas' RAGs it had;
    the lists that need its milestones stay empty rather than calling everything new.
    """
    areas = tuple(AreaChange(a.name, a.rag, (b.rag if (b := before.area(a.name)) else None)) for a in now.areas)
    if not before.complete:
        return BriefingChanges(before, now, areas=areas)
    old = {m.ref: m for m in before.milestones}
    new = {m.ref: m for m in now.milestones}
    completed, moved, rag_changes, overdue = [], [], [], []
    for ref, m in new.items():
        was = old.get(ref)
        if was is None:
            continue
        if m.actual is not None and was.actual is None:
            completed.append(m)
            continue
        if m.actual is None and m.forecast != was.forecast:
            moved.append(Moved(m, was.forecast, working_days_between(was.forecast, m.forecast)))
        if m.rag is not Rag.COMPLETE and was.rag is not Rag.COMPLETE and m.rag is not was.rag:
            rag_changes.append(RagChange(m, was.rag))
        if m.overdue and not was.overdue:
            overdue.append(m)
    old_risks = {r.ref: r for r in before.risks}
    risks_new, rescored, escalated, closed = [], [], [], []
    for r in now.risks:
        was_risk = old_risks.get(r.ref)
        if was_risk is None:
            risks_new.append(r)
            continue
        if r.status == "closed" and was_risk.status != "closed":
            closed.append(r)
        elif r.current != was_risk.current:
            rescored.append(Rescored(r, was_risk.current))
        if r.escalated and not was_risk.escalated:
            escalated.append(r)
    old_decisions = {d.ref: d for d in before.decisions}
    made = [d for d in now.decisions if d.status == "made"
            and (d.ref not in old_decisions or old_decisions[d.ref].status != "made")]
    known_rebaselines = {b.key for b in before.rebaselines}
    figures = []
    for area in now.areas:
        was_area = before.area(area.name)
        for figure in area.figures:
            figures.append(FigureChange(area.name, figure, was_area.figure(figure.name) if was_area else None))
    return BriefingChanges(
        before, now,
        completed=tuple(sorted(completed, key=lambda m: (m.actual, m.ref))),
        moved=tuple(sorted(moved, key=lambda c: (-abs(c.working_days), c.milestone.ref))),
        rag_changes=tuple(sorted(rag_changes, key=lambda c: (not c.worse, c.milestone.ref))),
        newly_overdue=tuple(sorted(overdue, key=lambda m: (m.forecast, m.ref))),
        added=tuple(m for ref, m in new.items() if ref not in old),
        removed=tuple(m for ref, m in old.items() if ref not in new),
        rebaselines=tuple(b for b in now.rebaselines if b.key not in known_rebaselines),
        risks_new=tuple(risks_new), risks_rescored=tuple(rescored), risks_escalated=tuple(escalated),
        risks_closed=tuple(closed), decisions_made=tuple(made),
        areas=areas, figures=tuple(figures),
    )
