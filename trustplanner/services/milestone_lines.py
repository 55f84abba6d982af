"""Milestones with their status worked out as of a date: what tables and timelines show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from trustplanner.domain.calendar import working_days_between
from trustplanner.domain.enums import Rag
from trustplanner.domain.model import Milestone
from trustplanner.domain.rag import (
    derived_rag,
    effective_rag,
    is_overdue,
    rag_flags,
    slippage_days,
)
from trustplanner.domain.schedule import knock_on
from trustplanner.services.snapshot import PlanSnapshot


@dataclass(frozen=True)
class MilestoneLine:
    milestone: Milestone
    rag: Rag
    derived: Rag
    slip_days: int
    overdue: bool
    pushed_to: date | None  # knock-on date, when a predecessor now finishes later
    #: what a reader must be told about the status: a reported RAG better than the dates, a missing commentary
    flags: tuple[str, ...] = ()
    #: the baseline first given, when the milestone has been re-baselined since (else None)
    original_baseline: date | None = None
    #: working days late against that original baseline (None: never re-baselined)
    slip_from_original: int | None = None

    @property
    def ref(self) -> str:
        return self.milestone.ref

    @property
    def reported(self) -> Rag | None:
        """The RAG the plan's owner reported (kept even when the dates now show worse)."""
        return self.milestone.rag_override


def milestone_lines(snapshot: PlanSnapshot, as_of: date | None = None) -> list[MilestoneLine]:
    as_of = as_of or snapshot.status_date
    tolerance = snapshot.programme.tolerance_days
    pushes = {k.ref: k.pushed_to for k in knock_on(snapshot.milestones)}
    originals = snapshot.original_baselines()
    return [
        MilestoneLine(
            milestone=m,
            rag=effective_rag(m, as_of, tolerance),
            derived=derived_rag(m, as_of, tolerance),
            slip_days=slippage_days(m),
            overdue=is_overdue(m, as_of),
            pushed_to=pushes.get(m.ref),
            flags=rag_flags(m, as_of, tolerance),
            original_baseline=originals.get(m.ref),
            slip_from_original=slippage_days(m, originals[m.ref]) if m.ref in originals else None,
        )
        for m in snapshot.milestones
    ]


def working_days_to(day: date, as_of: date) -> int:
    return working_days_between(as_of, day)
