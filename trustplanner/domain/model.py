"""Plain records of a plan, free of storage and Qt, passed between layers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from trustplanner.domain.enums import DeliveryModel, Rag, Stage

DEFAULT_TOLERANCE_DAYS = 10
DEFAULT_MARKING = "OFFICIAL"
DEFAULT_TUPE_NOTICE_DAYS = 56


@dataclass(frozen=True)
class Programme:
    council: str
    trust: str
    delivery_model: DeliveryModel
    go_live: date
    shadow_start: date | None = None
    decision_date: date | None = None
    tolerance_days: int = DEFAULT_TOLERANCE_DAYS
    marking: str = DEFAULT_MARKING
    status_date: date | None = None
    #: staff representatives must be informed this many days before a transfer
    tupe_notice_days: int = DEFAULT_TUPE_NOTICE_DAYS


@dataclass(frozen=True)
class Service:
    """A service moving to the trust. ``None`` dates fall back to the programme's."""

    name: str
    shadow: date | None = None
    go_live: date | None = None
    retained: bool = False


@dataclass(frozen=True)
class Milestone:
    ref: str
    title: str
    workstream: str
    stage: Stage
    baseline: date
    forecast: date
    service: str | None = None
    owner: str = ""
    actual: date | None = None
    depends_on: tuple[str, ...] = field(default_factory=tuple)
    rag_override: Rag | None = None
    commentary: str = ""
    derived: bool = False
    #: the statutory deadline it meets: "", "eli", "rep" or "lgps" (domain.statutory.Meets)
    meets: str = ""

    @property
    def effective_date(self) -> date:
        """When it happened, or else when it is forecast to happen."""
        return self.actual or self.forecast


def stage_of(service: Service, programme: Programme, on: date) -> Stage:
    """Which stage ``service`` is in on date ``on``.

    Go-live is at midnight, so on the go-live date itself the service is independent.
    """
    if service.retained:
        return Stage.RETAINED
    go_live = service.go_live or programme.go_live
    shadow = service.shadow or programme.shadow_start or go_live
    if on >= go_live:
        return Stage.INDEPENDENT
    if on >= shadow:
        return Stage.SHADOW
    return Stage.COUNCIL


@dataclass(frozen=True)
class BaselineChange:
    """A recorded re-baseline of milestone ``ref``: from ``old`` to ``new``, why, on whose decision, by whom, when."""

    ref: str
    old: date
    new: date
    reason: str
    decision: str
    at: datetime
    by: str = ""  # a login name; "" where the plan did not record it (before revision 0007)
    decision_ref: str = ""  # the decision in the log it cites ("" where it cites none: revision 0008)
