"""A whole plan as plain frozen records: what every rule, report and view works from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from trustplanner.domain.enums import Stage
from trustplanner.domain.model import Milestone, Programme, Service, stage_of


@dataclass(frozen=True)
class PlanSnapshot:
    programme: Programme
    services: tuple[Service, ...]
    milestones: tuple[Milestone, ...]

    @property
    def status_date(self) -> date:
        return self.programme.status_date or date.today()

    def milestone(self, ref: str) -> Milestone:
        return next(m for m in self.milestones if m.ref == ref)

    def service(self, name: str) -> Service:
        return next(s for s in self.services if s.name == name)

    def stage_of(self, service_name: str, on: date) -> Stage:
        return stage_of(self.service(service_name), self.programme, on)

    def go_live_of(self, service_name: str | None) -> date:
        if service_name is None:
            return self.programme.go_live
        return self.service(service_name).go_live or self.programme.go_live
