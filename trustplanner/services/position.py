"""Where the programme stands on a date: each area's RAG, the overall status and each service's
stage. The Overview page, the cabinet briefing and ``trustplanner check`` all take their
figures from here, so the screen, the paper and the terminal agree.

Overall status is the worst of the areas that have data (milestones always; workforce and
finance when the plan has staff or finance data): a green schedule does not offset a red budget.

Shadow dates: a service's shadow start defaults to the programme's, and with neither it has no
shadow period. A shadow start on or after the service's own go-live is clamped to the go-live:
the service goes from council straight to independent, and is never shown "in shadow" after
it went live (go-live is at midnight, so on the go-live date itself it is independent).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from trustplanner.domain.enums import Rag, Stage
from trustplanner.domain.model import Service, stage_of
from trustplanner.domain.rag import effective_rag, overall_rag
from trustplanner.services.snapshot import PlanSnapshot
from trustplanner.store.plan_file import PlanFile

MILESTONES = "Milestones"  # always first; the other areas are services.status_areas.STATUS_AREAS


@dataclass(frozen=True)
class ServicePosition:
    """One service's road to the trust; ``shadow``/``go_live`` are None for a retained service."""

    name: str
    retained: bool
    shadow: date | None  # first day in shadow, never after go-live (== go-live: no shadow period)
    go_live: date | None
    stage: Stage  # on the position date

    @property
    def has_shadow_period(self) -> bool:
        return self.shadow is not None and self.go_live is not None and self.shadow < self.go_live

    def describe(self, on: date) -> str:
        if self.retained:
            return f"{self.name}: retained by the council."
        shadow = f"shadow from {self.shadow:%d/%m/%Y}, " if self.has_shadow_period else ""
        return f"{self.name}: {self.stage.label.lower()} on {on:%d/%m/%Y}; {shadow}go-live {self.go_live:%d/%m/%Y}."


@dataclass(frozen=True)
class Position:
    """The programme's position on ``as_of``: the areas (milestones first) and the services."""

    as_of: date
    areas: tuple[tuple[str, Rag], ...]
    services: tuple[ServicePosition, ...]

    @property
    def overall(self) -> Rag:
        return overall_status(rag for _, rag in self.areas)

    @property
    def milestones(self) -> Rag:
        return dict(self.areas)[MILESTONES]

    def describe(self) -> str:
        """One line for the terminal: ``Position on 16/01/2017: amber overall (milestones amber, ...).``"""
        areas = ", ".join(f"{area.lower()} {rag.value}" for area, rag in self.areas)
        text = f"Position on {self.as_of:%d/%m/%Y}: {self.overall.value} overall ({areas})"
        if self.services:
            counts = services_by_stage_count(self.services)
            text += "; services: " + ", ".join(f"{n} {stage.label.lower()}" for stage, n in counts.items() if n)
        return text + "."


def service_position(snapshot: PlanSnapshot, service: Service, as_of: date) -> ServicePosition:
    if service.retained:
        return ServicePosition(service.name, True, None, None, Stage.RETAINED)
    programme = snapshot.programme
    go_live = service.go_live or programme.go_live
    shadow = min(service.shadow or programme.shadow_start or go_live, go_live)
    return ServicePosition(service.name, False, shadow, go_live, stage_of(service, programme, as_of))


def services_by_stage(snapshot: PlanSnapshot, as_of: date) -> tuple[ServicePosition, ...]:
    """Every service in the plan's order, with its stage on ``as_of``."""
    return tuple(service_position(snapshot, service, as_of) for service in snapshot.services)


def services_by_stage_count(services: Iterable[ServicePosition]) -> dict[Stage, int]:
    services = list(services)
    return {stage: sum(1 for s in services if s.stage is stage) for stage in Stage}


def milestones_status(snapshot: PlanSnapshot, as_of: date) -> Rag:
    """The Milestones area's RAG (the share of red and amber decides; see ``domain.rag``)."""
    tolerance = snapshot.programme.tolerance_days
    return overall_rag([effective_rag(m, as_of, tolerance) for m in snapshot.milestones])


def overall_status(rags: Iterable[Rag]) -> Rag:
    """The worst of the areas' statuses."""
    return max(rags, key=lambda rag: rag.severity)


def position(snapshot: PlanSnapshot, as_of: date, areas: Iterable[tuple[str, Rag]] = ()) -> Position:
    """The position from the other areas' statuses already worked out (only areas with data)."""
    return Position(as_of, ((MILESTONES, milestones_status(snapshot, as_of)), *areas),
                    services_by_stage(snapshot, as_of))


def area_statuses(plan: PlanFile, snapshot: PlanSnapshot, as_of: date | None = None) -> list[tuple[str, Rag]]:
    """Every status area's RAG as the briefing rates it (services.status_areas; only areas with data)."""
    from trustplanner.services.status_areas import (
        STATUS_AREAS,
        load_sources,
        prepare_areas,
    )

    as_of = as_of or snapshot.status_date
    prepared = prepare_areas(snapshot, load_sources(plan, as_of), as_of)
    return [(area.name, area.rag(prepared[area.name])) for area in STATUS_AREAS if prepared[area.name] is not None]


def plan_position(plan: PlanFile, snapshot: PlanSnapshot, as_of: date | None = None) -> Position:
    """The position of the plan on ``as_of`` (default: its status date), reading what its areas need."""
    as_of = as_of or snapshot.status_date
    return position(snapshot, as_of, area_statuses(plan, snapshot, as_of))
