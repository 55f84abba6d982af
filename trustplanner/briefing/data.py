"""Plain data a briefing is rendered from, prepared by the briefing service.

Nothing here knows about storage; the renderer never computes a status, it only lays out
what it is given. Later areas (workforce, finance, risks, decisions) add their own optional
parts to :class:`BriefingData` and their own section builders, leaving these untouched.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from trustplanner.briefing.finance_data import FinanceBriefing
from trustplanner.briefing.register_data import RegisterBriefing
from trustplanner.briefing.workforce_data import WorkforceBriefing
from trustplanner.domain.briefing_changes import BriefingChanges, trend
from trustplanner.domain.briefing_figures import BriefingFigures
from trustplanner.domain.enums import Rag, Stage
from trustplanner.domain.report import ReportDraft

BRIEFING_TITLE = "Children's Services Transition: Programme Briefing"


@dataclass(frozen=True)
class BriefingHeader:
    council: str
    trust: str
    delivery_model: str
    meeting: date
    as_of: date
    report_of: str
    marking: str
    go_live: date
    shadow_start: date | None = None
    title: str = BRIEFING_TITLE
    meeting_name: str = "Cabinet"
    cabinet_member: str = ""
    portfolio: str = ""
    author: str = ""
    contact: str = ""
    wards: str = "All wards"
    #: the next meeting, and whether it is assumed (six weeks on) because the report does not say
    next_meeting: date | None = None
    next_meeting_assumed: bool = True
    #: the report's date as printed (None: not set, printed as "—")
    report_date: date | None = None


@dataclass(frozen=True)
class StatusRow:
    """One line of the executive summary's status table; ``last_period`` is None at first."""

    area: str
    this_period: Rag
    last_period: Rag | None
    commentary: str
    #: how the area's status is set, in words ("red if ..."): printed once, in the table's key
    rule: str = ""

    @property
    def trend(self) -> str:
        """↑ better, ↓ worse, → the same as last period; "" with none."""
        return trend(self.this_period, self.last_period)


@dataclass(frozen=True)
class ServiceStageLine:
    name: str
    shadow: date | None  # None when retained or when the service has no shadow period
    go_live: date | None  # None when retained
    stage: Stage

    @property
    def retained(self) -> bool:
        return self.stage is Stage.RETAINED


@dataclass(frozen=True)
class MilestoneRow:
    """A milestone as the briefing's tables print it, copied from the one
    ``services.milestone_lines.MilestoneLine`` (where its status is worked out)."""

    ref: str
    title: str
    workstream: str
    owner: str
    baseline: date
    forecast: date
    actual: date | None
    rag: Rag
    slippage_days: int  # working days against baseline, negative when early
    overdue_days: int  # working days past the forecast without an actual, else 0
    commentary: str = ""
    service: str | None = None
    #: the reported RAG where it is better than the dates, said in a sentence; ``rag`` is the dates'
    reported_note: str = ""
    #: the statutory deadline it meets, against its date (domain.statutory.pairing_sentence)
    deadline_note: str = ""

    @property
    def effective_date(self) -> date:
        return self.actual or self.forecast


@dataclass(frozen=True)
class KnockOnLine:
    """A dependant pushed later by slippage upstream; ``root`` is where the chain starts."""

    ref: str
    title: str
    forecast: date
    pushed_to: date
    working_days: int
    caused_by: str
    root: str


@dataclass(frozen=True)
class CriticalPathLine:
    """One step on the chain of milestones that drives a go-live date."""

    ref: str
    title: str
    date: date  # actual, or forecast while open
    complete: bool
    rag: Rag
    float_days: int  # working days to the next step; 0 = any slip here moves go-live


@dataclass(frozen=True)
class CriticalPath:
    target: str  # the go-live milestone's ref
    steps: tuple[CriticalPathLine, ...]


@dataclass(frozen=True)
class MilestoneSection:
    total: int
    complete: int
    completed_since: date  # exclusive start of the "completed" window
    since_last_briefing: bool  # False: the window is the last FIRST_BRIEFING_COMPLETED_DAYS days
    due_until: date  # inclusive end of the "due next" window
    #: inclusive end of "due before the next meeting" (the body's list; the full 90 days are an appendix)
    next_meeting_until: date | None = None
    completed: tuple[MilestoneRow, ...] = ()
    overdue: tuple[MilestoneRow, ...] = ()
    due_next: tuple[MilestoneRow, ...] = ()
    slipped: tuple[MilestoneRow, ...] = ()
    knock_ons: tuple[KnockOnLine, ...] = ()
    knock_on_note: str = ""  # why knock-on could not be worked out, when it could not
    critical_paths: tuple[CriticalPath, ...] = ()

    @property
    def before_next_meeting(self) -> tuple[MilestoneRow, ...]:
        until = self.next_meeting_until or self.due_until
        return tuple(line for line in self.due_next if line.forecast <= until)


@dataclass(frozen=True)
class BriefingData:
    header: BriefingHeader
    overall: Rag
    milestones_rag: Rag
    status: tuple[StatusRow, ...]
    summary: tuple[str, ...]
    recommendations: tuple[str, ...]
    services: tuple[ServiceStageLine, ...]
    programme_stage: Stage  # where services without their own dates are on the as-of date
    milestones: MilestoneSection
    tolerance_days: int = 10
    last_briefing_as_of: date | None = None
    #: each status area's prepared part by its section name ("workforce", "finance"); a part is
    #: missing or None when the plan has no data for that area (services.status_areas)
    parts: Mapping[str, object] = field(default_factory=dict)
    #: the risks and decisions (services.register_briefing); None when the plan has neither
    register: RegisterBriefing | None = None
    #: a draft prints "DRAFT" across every page and is never recorded
    draft: bool = False
    #: an issued briefing's version for its meeting (1, 2, ...); None for a draft
    version: int | None = None
    #: what this briefing prints, frozen (services.briefing_figures): kept when it is issued
    figures: BriefingFigures | None = None
    #: what changed since the briefing compared with (the last issued); None for the first
    changes: BriefingChanges | None = None
    #: the officers' choices and text for this meeting (domain.report); empty when none was written
    report: ReportDraft = field(default_factory=ReportDraft)

    @property
    def workforce(self) -> WorkforceBriefing | None:
        """None: the plan has no staff data on the as-of date."""
        return self.parts.get("workforce")

    @property
    def finance(self) -> FinanceBriefing | None:
        """None: the plan has no finance data."""
        return self.parts.get("finance")
