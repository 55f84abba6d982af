"""Workforce figures as the DfE reports them, by service, team and programme, as at any date.

- agency rate = agency FTE / (in-post FTE + agency FTE)
- vacancy rate = vacancy FTE / (in-post FTE + vacancy FTE)
- average caseload = cases / case-holding workers (those with a caseload above 0)
- agency premium = agency cost - what the same FTE would cost at the group's average
  permanent cost per FTE

"In post" means employees: permanent, fixed-term and seconded staff. Figures are pure functions
of StaffRecords, so the page and the briefing show the same numbers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from trustplanner.domain.figures import (
    decimal_text,
    percent_text,
    round_fraction,
    share,
)
from trustplanner.domain.staff import (
    FTE_SCALE,
    Consultation,
    Employment,
    Pension,
    StaffRecord,
    transfers,
)
from trustplanner.services.snapshot import PlanSnapshot
from trustplanner.services.tupe_milestones import transfer_date_of


@dataclass(frozen=True)
class WorkforceFigures:
    group: str
    headcount: dict[Employment, int]
    fte: dict[Employment, int]  # ten-thousandths
    annual_cost: int  # pence, everyone but vacancies
    vacancy_cost: int  # pence, the budgeted cost of vacant posts
    agency_cost: int
    agency_premium: int  # pence (0 when there is no permanent cost to compare with)
    cases: int
    case_holders: int
    transferring: int
    transferring_fte: int

    @property
    def total_headcount(self) -> int:
        return sum(n for e, n in self.headcount.items() if e is not Employment.VACANCY)

    @property
    def in_post_fte(self) -> int:
        return sum(f for e, f in self.fte.items() if e.in_post)

    @property
    def agency_rate(self) -> Fraction | None:
        agency = self.fte.get(Employment.AGENCY, 0)
        base = self.in_post_fte + agency
        return share(agency, base)

    @property
    def vacancy_rate(self) -> Fraction | None:
        vacancies = self.fte.get(Employment.VACANCY, 0)
        base = self.in_post_fte + vacancies
        return share(vacancies, base)

    @property
    def average_caseload(self) -> Fraction | None:
        return share(self.cases, self.case_holders)


def figures_for(group: str, records: Iterable[StaffRecord]) -> WorkforceFigures:
    records = list(records)
    headcount: dict[Employment, int] = {e: 0 for e in Employment}
    fte: dict[Employment, int] = {e: 0 for e in Employment}
    for r in records:
        headcount[r.employment] += 1
        fte[r.employment] += r.fte
    permanent = [r for r in records if r.employment is Employment.PERMANENT]
    agency = [r for r in records if r.employment is Employment.AGENCY]
    agency_cost = sum(r.annual_cost for r in agency)
    premium = 0
    permanent_fte = sum(r.fte for r in permanent)
    if permanent_fte and agency:
        equivalent = Fraction(sum(r.annual_cost for r in permanent), permanent_fte) * sum(r.fte for r in agency)
        premium = agency_cost - int(round_fraction(equivalent))  # to the penny, half up
    holders = [r for r in records if r.caseload]
    moving = [r for r in records if transfers(r)]
    return WorkforceFigures(
        group=group, headcount=headcount, fte=fte,
        annual_cost=sum(r.annual_cost for r in records if r.employment is not Employment.VACANCY),
        vacancy_cost=sum(r.annual_cost for r in records if r.employment is Employment.VACANCY),
        agency_cost=agency_cost, agency_premium=premium,
        cases=sum(r.caseload for r in holders), case_holders=len(holders),
        transferring=len(moving), transferring_fte=sum(r.fte for r in moving),
    )


def grouped(records: Iterable[StaffRecord], key: Callable[[StaffRecord], str]) -> list[WorkforceFigures]:
    groups: dict[str, list[StaffRecord]] = defaultdict(list)
    for record in records:
        groups[key(record)].append(record)
    return [figures_for(name, groups[name]) for name in sorted(groups)]


@dataclass(frozen=True)
class TransferWave:
    """Everyone moving on one transfer date, and how far the TUPE steps have got."""

    day: date
    headcount: int
    fte: int
    lgps_members: int
    eli_sent: int
    consultation: dict[Consultation, int] = field(default_factory=dict)


def transfer_waves(snapshot: PlanSnapshot, records: Iterable[StaffRecord]) -> list[TransferWave]:
    by_day: dict[date, list[StaffRecord]] = defaultdict(list)
    for record in records:
        if transfers(record):
            by_day[transfer_date_of(record, snapshot)].append(record)
    waves = []
    for day in sorted(by_day):
        people = by_day[day]
        steps = {c: 0 for c in Consultation}
        for p in people:
            steps[p.consultation] += 1
        waves.append(TransferWave(day=day, headcount=len(people), fte=sum(p.fte for p in people),
                                  lgps_members=sum(1 for p in people if p.pension is Pension.LGPS),
                                  eli_sent=sum(1 for p in people if p.eli_sent), consultation=steps))
    return waves


def fte_text(fte: int) -> str:
    """``12.5`` style, to one decimal place (half up), from ten-thousandths."""
    return decimal_text(Fraction(fte, FTE_SCALE), 1)


def percent(value: Fraction | None) -> str:
    """A workforce rate as a percentage to one decimal place: ``12.5%`` (``—`` with no base)."""
    return percent_text(value)
