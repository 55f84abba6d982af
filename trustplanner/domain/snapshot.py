"""A whole plan as plain frozen records: what every rule, report and view works from."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from trustplanner.domain.enums import Stage
from trustplanner.domain.model import (
    BaselineChange,
    Milestone,
    Programme,
    Service,
    stage_of,
)


@dataclass(frozen=True)
class PlanSnapshot:
    programme: Programme
    services: tuple[Service, ...]
    milestones: tuple[Milestone, ...]
    #: every recorded re-baseline, oldest first
    baseline_changes: tuple[BaselineChange, ...] = ()

    @property
    def status_date(self) -> date:
        return self.programme.status_date or date.today()

    def milestone(self, ref: str) -> Milestone:
        return next(m for m in self.milestones if m.ref == ref)

    def baseline_changes_of(self, ref: str) -> tuple[BaselineChange, ...]:
        """The re-baselines of milestone ``ref``, oldest first."""
        return tuple(c for c in self.baseline_changes if c.ref == ref)

    def original_baselines(self) -> dict[str, date]:
        """The baseline each re-baselined milestone was first given, by ref (others are not listed)."""
        originals: dict[str, date] = {}
        for change in self.baseline_changes:  # oldest first: the first of each ref holds its original
            originals.setdefault(change.ref, change.old)
        return originals

    def service(self, name: str) -> Service:
        return next(s for s in self.services if s.name == name)

    def stage_of(self, service_name: str, on: date) -> Stage:
        return stage_of(self.service(service_name), self.programme, on)

    def in_service_order(self, names: Iterable[str]) -> list[str]:
        """``names`` (once each) in the plan's own order of its services, the one order every
        section of a briefing lists services in; names that are not services follow, A to Z."""
        position = {s.name: i for i, s in enumerate(self.services)}
        return sorted(set(names), key=lambda name: (position.get(name, len(position)), name))

    def go_live_of(self, service_name: str | None) -> date:
        if service_name is None:
            return self.programme.go_live
        return self.service(service_name).go_live or self.programme.go_live
