"""The workforce part of a briefing's prepared data: aggregates only, already disclosure-controlled.

Every figure is a :class:`Figure`: the number (for tests and the chart) and the text printed.
A figure withheld to protect a small group keeps **no number at all** (``value`` is None), so
nothing downstream can print it by mistake. The preparation (``services.workforce_briefing``)
decides what is withheld; the renderer only lays out what it is given.

Texts: ``<5`` is a count of 1 to 4 people; ``—`` is a figure withheld so that a small group
cannot be identified or worked out from the other figures; ``n/a`` means there is nothing to
measure (for example no case-holding staff).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from fractions import Fraction

from trustplanner.domain.enums import Rag

SMALL = "<5"
WITHHELD = "—"
NOT_APPLICABLE = "n/a"


@dataclass(frozen=True)
class Figure:
    """One published number; ``value`` is None when withheld or not applicable."""

    value: int | Fraction | None
    text: str

    @property
    def shown(self) -> bool:
        return self.value is not None


class Segment(StrEnum):
    """The parts of a service's bar in the FTE chart, in the order they are stacked."""

    PERMANENT = "permanent"
    TEMPORARY = "temporary"  # fixed-term and seconded employees
    AGENCY = "agency"
    COMBINED = "combined"  # two or more of the above, combined to protect a small group
    VACANT = "vacant"

    @property
    def label(self) -> str:
        return {
            "permanent": "Permanent",
            "temporary": "Fixed-term / seconded",
            "agency": "Agency",
            "combined": "Combined (small groups)",
            "vacant": "Vacant posts",
        }[self.value]


@dataclass(frozen=True)
class WorkforceRow:
    """One service (or the programme total) in the table by service."""

    group: str
    headcount: Figure  # people: employees and agency workers, not vacant posts
    fte: Figure  # their FTE, in ten-thousandths
    agency_rate: Figure  # Fraction of FTE
    vacancy_rate: Figure  # Fraction of FTE
    average_caseload: Figure  # Fraction: cases per case-holding worker
    retained: bool = False  # a service the council keeps: its staff do not transfer


@dataclass(frozen=True)
class FteBar:
    """One service's bar: FTE (ten-thousandths) by segment; ``withheld`` bars are not drawn."""

    group: str
    segments: tuple[tuple[Segment, int], ...] = ()
    withheld: bool = False
    retained: bool = False

    @property
    def total(self) -> int:
        return sum(fte for _, fte in self.segments)


@dataclass(frozen=True)
class TransferLine:
    """The staff transferring on one date (or, with ``day`` None, on all dates together)."""

    day: date | None
    headcount: Figure
    fte: Figure
    lgps_members: Figure
    eli_sent: Figure  # how many of ``headcount`` have had their ELI sent
    consultation: tuple[tuple[str, Figure], ...]  # (status label, count), in step order


@dataclass(frozen=True)
class DeadlineLine:
    """A TUPE deadline derived from the staff data, described without counts of people."""

    ref: str
    description: str
    due: date
    actual: date | None
    rag: Rag
    #: the plan's own milestones that meet it, e.g. "HR-05, 24/02/2017" ("" when none does)
    plan_milestone: str = ""


@dataclass(frozen=True)
class AgencyCost:
    """What agency workers cost a year, and how much more than employees on the same FTE."""

    cost: Figure  # pence
    premium: Figure  # pence
    services_compared: tuple[str, ...] = ()  # services with 5 or more agency and permanent staff


@dataclass(frozen=True)
class WorkforceBriefing:
    as_of: date
    rag: Rag
    rag_commentary: str
    services: tuple[WorkforceRow, ...]
    total: WorkforceRow
    vacant_posts: Figure  # count of vacant posts (posts, not people)
    vacant_fte: Figure
    transferring: Figure  # people who transfer under TUPE, on any date
    transferring_fte: Figure
    social_worker_agency_rate: Figure  # share of social worker FTE that is agency
    chart: tuple[FteBar, ...]
    agency_cost: AgencyCost
    transfers: tuple[TransferLine, ...]
    transfers_total: TransferLine | None  # only when there is more than one transfer date
    deadlines: tuple[DeadlineLine, ...]
    secondary_suppression: bool = False  # whether any figure was withheld only to protect another
