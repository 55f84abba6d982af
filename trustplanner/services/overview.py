"""The programme at a glance: the figures the Overview page shows, worked out without Qt.

The counts use the same rules as the cabinet briefing (overdue: open and forecast before the
status date; slipped: open and forecast later than baseline), and the statuses and stages are
the briefing's own (:mod:`trustplanner.services.position`), so the screen and the paper agree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from trustplanner.domain.calendar import working_days_between
from trustplanner.domain.enums import Rag
from trustplanner.domain.windows import OVERVIEW_DUE_DAYS, window_end
from trustplanner.services.briefings import BriefingRecord
from trustplanner.services.milestone_lines import MilestoneLine, milestone_lines
from trustplanner.services.position import (
    MILESTONES,
    Position,
    ServicePosition,
    area_statuses,
    position,
)
from trustplanner.services.snapshot import PlanSnapshot

__all__ = ["ProgrammeOverview", "area_statuses", "programme_overview"]

NEXT_MILESTONES = 10
LEAD_IN_MONTHS = 5  # council period shown before the first shadow date when no decision date is known
RUN_OUT_MONTHS = 3  # independent period shown after the last go-live




@dataclass(frozen=True)
class ProgrammeOverview:
    council: str
    trust: str
    delivery_model: str
    status_date: date
    go_live: date
    position: Position  # each area's status and each service's stage, as the briefing has them
    working_days_to_go_live: int  # 0 once live
    overdue: tuple[str, ...]  # refs, earliest forecast first
    due_soon: tuple[str, ...]  # open, forecast within OVERVIEW_DUE_DAYS of the status date
    slipped: tuple[str, ...]  # open, forecast later than baseline
    complete: int
    total: int
    rag_counts: Mapping[Rag, int]  # milestones by effective RAG, complete included
    next_milestones: tuple[MilestoneLine, ...]
    timeline_start: date
    timeline_end: date
    last_briefing: BriefingRecord | None = None

    @property
    def overall(self) -> Rag:
        """The worst of milestones, workforce and finance, as in the briefing."""
        return self.position.overall

    @property
    def milestones_rag(self) -> Rag:
        return self.position.milestones

    @property
    def areas(self) -> tuple[tuple[str, Rag], ...]:
        """Statuses of the other areas the briefing reports (workforce, finance), when the plan has data."""
        return tuple(area for area in self.position.areas if area[0] != MILESTONES)

    @property
    def services(self) -> tuple[ServicePosition, ...]:
        return self.position.services

    @property
    def live(self) -> bool:
        """Go-live is at midnight, so on the go-live date itself the trust is live."""
        return self.status_date >= self.go_live

    @property
    def go_live_text(self) -> str:
        if self.live:
            return f"Live since {self.go_live:%d/%m/%Y}"
        days = self.working_days_to_go_live
        if days == 0:  # e.g. the Friday before a Saturday go-live
            return "No working days left before go-live"
        return f"{days} working day{'' if days == 1 else 's'} to go-live"

    @property
    def due_soon_until(self) -> date:
        return window_end(self.status_date, OVERVIEW_DUE_DAYS)


def programme_overview(snapshot: PlanSnapshot, as_of: date | None = None,
                       briefings: Sequence[BriefingRecord] | None = None,
                       areas: Sequence[tuple[str, Rag]] = ()) -> ProgrammeOverview:
    """Everything the Overview page shows as at ``as_of`` (default: the plan's status date).

    ``briefings`` are the plan's issued briefings, newest first (as ``list_briefings`` gives them).
    """
    as_of = as_of or snapshot.status_date
    programme = snapshot.programme
    lines = milestone_lines(snapshot, as_of)
    open_lines = sorted((line for line in lines if line.milestone.actual is None),
                        key=lambda line: (line.milestone.forecast, line.ref))
    due_until = window_end(as_of, OVERVIEW_DUE_DAYS)
    where = position(snapshot, as_of, [(name, rag) for name, rag in areas if name != MILESTONES])
    start, end = _timeline_span(snapshot, where.services, as_of)
    return ProgrammeOverview(
        council=programme.council,
        trust=programme.trust,
        delivery_model=programme.delivery_model.label,
        status_date=as_of,
        go_live=programme.go_live,
        position=where,
        working_days_to_go_live=max(working_days_between(as_of, programme.go_live), 0),
        overdue=tuple(line.ref for line in open_lines if line.overdue),
        due_soon=tuple(line.ref for line in open_lines if as_of <= line.milestone.forecast <= due_until),
        slipped=tuple(line.ref for line in open_lines if line.slip_days > 0),
        complete=len(lines) - len(open_lines),
        total=len(lines),
        rag_counts=dict(Counter(line.rag for line in lines)),
        next_milestones=tuple(open_lines[:NEXT_MILESTONES]),
        timeline_start=start,
        timeline_end=end,
        last_briefing=briefings[0] if briefings else None,
    )


def _timeline_span(snapshot: PlanSnapshot, services: tuple[ServicePosition, ...], as_of: date) -> tuple[date, date]:
    """Whole months from before the first shadow date to a little after the last go-live.

    The council period starts at the decision in principle when the plan records one; the span
    always includes the status date, so its marker is never off the strip.
    """
    programme = snapshot.programme
    shadows = [s.shadow for s in services if s.shadow] or [programme.shadow_start or programme.go_live]
    go_lives = [s.go_live for s in services if s.go_live] or [programme.go_live]
    first_shadow = min(shadows)
    lead_in = _add_months(first_shadow, -LEAD_IN_MONTHS)
    start = programme.decision_date if programme.decision_date and programme.decision_date < first_shadow else lead_in
    start = min(start, _add_months(first_shadow, -1), as_of)
    end = max(_add_months(max(go_lives), RUN_OUT_MONTHS), _add_months(as_of, 1))
    return start.replace(day=1), _add_months(end.replace(day=1), 1) - timedelta(days=1)


def _add_months(day: date, months: int) -> date:
    """The same day ``months`` later (earlier when negative), clamped to the month's length."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    following = date(year + (month == 11), (month + 1) % 12 + 1, 1)
    return date(year, month + 1, min(day.day, (following - timedelta(days=1)).day))
