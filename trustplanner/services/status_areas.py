"""The areas of the programme that carry a status of their own beside the milestones.

Each is declared once: what it is prepared from (read from a plan as at a date), how its part of
the briefing is prepared from that, and its row in the status table. The Overview's area letters,
``trustplanner check``'s position line and the briefing's status table all loop over
:data:`STATUS_AREAS` (with the Milestones area, always first, from the plan's snapshot). A new
area (risks, say) is one more :class:`StatusArea` here and its briefing part under ``source``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from trustplanner.briefing.data import StatusRow
from trustplanner.domain.enums import Rag
from trustplanner.domain.snapshot import PlanSnapshot
from trustplanner.store.plan_file import PlanFile


@dataclass(frozen=True)
class StatusArea:
    name: str  # its row in the status table and its letter on the Overview: "Workforce"
    #: what it is prepared from: the keyword ``prepare_briefing`` takes it by, and the attribute of
    #: the briefing's data that holds the prepared part ("staff" -> ``BriefingData.workforce``)
    source: str
    section: str
    load: Callable[[PlanFile, date], object]
    #: (snapshot, what load() read, as_of, units) -> the prepared part, or None: no data, no row
    prepare: Callable[[PlanSnapshot, object, date, str], object | None]
    row: Callable[[object], StatusRow]

    def rag(self, prepared: object) -> Rag:
        return self.row(prepared).this_period


def _load_staff(plan: PlanFile, on: date):  # noqa: ANN202
    from trustplanner.services.staff import load_staff

    return load_staff(plan, on=on)


def _load_finance(plan: PlanFile, on: date):  # noqa: ANN202
    from trustplanner.services.budget import load_finance

    return load_finance(plan)


def _load_register(plan: PlanFile, on: date):  # noqa: ANN202
    from trustplanner.services.risks import load_register

    return load_register(plan)


def _workforce(snapshot: PlanSnapshot, staff: object, as_of: date, units: str):  # noqa: ANN202
    from trustplanner.services.workforce_briefing import prepare_workforce

    return prepare_workforce(snapshot, staff or [], as_of)


def _finance(snapshot: PlanSnapshot, finance: object, as_of: date, units: str):  # noqa: ANN202
    from trustplanner.services.finance_briefing import prepare_finance

    return prepare_finance(snapshot, finance, as_of, units)


def _risk(snapshot: PlanSnapshot, register: object, as_of: date, units: str):  # noqa: ANN202
    from trustplanner.services.risk_status import prepare_risk_position

    return prepare_risk_position(register, as_of)


def _risk_row(prepared) -> StatusRow:  # noqa: ANN001
    from trustplanner.services.risk_status import risk_status_row

    return risk_status_row(prepared)


def _workforce_row(prepared) -> StatusRow:  # noqa: ANN001
    from trustplanner.services.workforce_briefing import workforce_status_row

    return workforce_status_row(prepared)


def _finance_row(prepared) -> StatusRow:  # noqa: ANN001
    from trustplanner.services.finance_briefing import finance_status_row

    return finance_status_row(prepared)


STATUS_AREAS: tuple[StatusArea, ...] = (
    StatusArea("Workforce", "staff", "workforce", _load_staff, _workforce, _workforce_row),
    StatusArea("Finance", "finance", "finance", _load_finance, _finance, _finance_row),
    StatusArea("Risk", "register", "risks", _load_register, _risk, _risk_row),
)


def prepare_areas(snapshot: PlanSnapshot, sources: dict[str, object], as_of: date,
                  units: str = "m") -> dict[str, object | None]:
    """Each area's prepared part (None where the plan has no data for it), by area name."""
    return {area.name: area.prepare(snapshot, sources.get(area.source), as_of, units) for area in STATUS_AREAS}


def load_sources(plan: PlanFile, as_of: date) -> dict[str, object]:
    """What every area is prepared from, read from ``plan`` as at ``as_of``."""
    return {area.source: area.load(plan, as_of) for area in STATUS_AREAS}
