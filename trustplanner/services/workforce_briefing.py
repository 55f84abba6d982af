"""The briefing's workforce part: staff records turned into aggregates that identify no one.

Figures come from :mod:`trustplanner.services.workforce` (the same numbers as the Staff page),
as at the briefing's position date. Nothing personal leaves this module: no name, ref, team,
role or individual cost, and no figure about a group small enough to identify a person.

Disclosure control
------------------
*Primary suppression.* Any count of 1 to 4 people is printed ``<5``, and the FTE, rates,
costs and caseloads of that group are withheld (``—``). Vacant posts are posts, not people,
and are never suppressed. Zero is shown: it identifies no one.

*Secondary suppression.* Wherever printed figures add up to a printed total (a service's
people by employment type to the service's headcount; the services to the programme total; the
transfer dates to the all-dates row; consultation steps to a date's headcount), no withheld
figure may be worked out by subtraction. In each such line: if exactly one figure is withheld,
or the withheld figures together cover fewer than 5 people, the smallest other non-zero figure
in the line is withheld too, and this repeats until every line is safe. Which figure goes is
chosen to keep what cabinet asks about: within a service, employees' figures go before its
agency figure; in the agency and caseload columns and in the transfers table, the programme
(all-dates) figure goes before any one service's or date's, so a service's agency rate or a
date's transfers are not lost to protect a handful of people elsewhere; between services'
headcounts, the smallest other service goes, so the programme total stays. A figure withheld
only for this reason is printed ``—``.

*Derived splits.* A rate is shown only when both groups it divides are shown: a service's
agency and vacancy rates need its headcount and its agency figure; LGPS members on a transfer
date are withheld when the members or the non-members number 1 to 4; the social-worker agency
rate needs 5 or more social workers, no agency or 5 or more agency ones, and the people left
over at programme level (agency and employees who are not social workers) 0 or 5 or more.
The agency cost premium is an aggregate over services with 5 or more agency and 5 or more
permanent staff, never per person or per service.

Process counts (ELI sent, consultation step) get the same primary and secondary treatment.
What this does not do: audit every difference *between* tables (for example a service's
employees against the staff transferring on its go-live date); the tables use different
groups and the figures are rounded, but it is not a full statistical disclosure audit.

Workforce status (the executive summary's Workforce row): **red** if any TUPE deadline is red
or the agency rate is above 30% of FTE; **amber** if any TUPE deadline is amber or the agency
rate is above 15%; otherwise **green**. The agency rate is the highest of those printed (all
services, each service, social workers), so a problem in one service is not averaged away and
a withheld rate plays no part.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from fractions import Fraction

from trustplanner.briefing.data import StatusRow
from trustplanner.briefing.wording import long_date
from trustplanner.briefing.workforce_data import (
    NOT_APPLICABLE,
    SMALL,
    WITHHELD,
    AgencyCost,
    DeadlineLine,
    Figure,
    FteBar,
    Segment,
    TransferLine,
    WorkforceBriefing,
    WorkforceRow,
)
from trustplanner.domain.enums import Rag
from trustplanner.domain.figures import decimal_text
from trustplanner.domain.money import format_compact
from trustplanner.domain.staff import Consultation, Employment, StaffRecord
from trustplanner.domain.statutory import pairings
from trustplanner.services.milestone_lines import milestone_lines
from trustplanner.services.snapshot import PlanSnapshot
from trustplanner.services.tupe_milestones import ELI_DAYS, PREFIX
from trustplanner.services.workforce import (
    figures_for,
    fte_text,
    percent,
    transfer_waves,
)

MIN_GROUP = 5
AGENCY_RED = Fraction(30, 100)
AGENCY_AMBER = Fraction(15, 100)
#: roles counted as social workers for the DfE agency measure
SOCIAL_WORK = re.compile(r"social\s+work", re.IGNORECASE)
PROGRAMME = "All services"
_ALL = object()  # the programme or all-dates key part

Key = tuple[Hashable, ...]


def small(n: int) -> bool:
    """A group of 1 to 4 people: too small to publish."""
    return 0 < n < MIN_GROUP


# The disclosure engine ---------------------------------------------------------------------

@dataclass
class Disclosure:
    """Cells (groups of people, keyed), lines of cells that add up to a printed total, and
    which cells are withheld: primary (1 to 4 people), forced, or secondary."""

    sizes: dict[Key, int] = field(default_factory=dict)
    primary: set[Key] = field(default_factory=set)
    withheld: set[Key] = field(default_factory=set)
    lines: list[tuple[tuple[Key, ...], Key, bool]] = field(default_factory=list)
    keep: set[Key] = field(default_factory=set)  # withheld for protection only when nothing else will do
    forced: set[Key] = field(default_factory=set)
    _order: dict[Key, int] = field(default_factory=dict)

    def cell(self, key: Key, size: int, *, withhold: bool = False, keep: bool = False) -> None:
        self.sizes[key] = size
        self._order.setdefault(key, len(self._order))
        if small(size):
            self.primary.add(key)
            self.withheld.add(key)
        elif withhold:
            self.forced.add(key)
            self.withheld.add(key)
        if keep:
            self.keep.add(key)

    def line(self, cells: Iterable[Key], total: Key, *, total_first: bool = False) -> None:
        """``cells`` add up to ``total``; ``total_first``: withhold the total in preference to a cell."""
        self.lines.append((tuple(cells), total, total_first))

    def protect(self) -> None:
        """Secondary suppression, repeated until no line gives a withheld figure away."""
        changed = True
        while changed:
            changed = False
            for cells, total, total_first in self.lines:
                extra = self._complement(cells, total, total_first)
                if extra is not None:
                    self.withheld.add(extra)
                    changed = True

    def _complement(self, cells: Sequence[Key], total: Key, total_first: bool) -> Key | None:
        hidden = [k for k in cells if k in self.withheld and self.sizes[k] > 0]
        if total in self.withheld:
            # the total is unknown, so the hidden cells are too; but a total hidden on its own
            # is the sum of the cells beside it
            needed = not hidden and self.sizes[total] > 0
        else:
            needed = len(hidden) == 1 or (bool(hidden) and sum(self.sizes[k] for k in hidden) < MIN_GROUP)
        if not needed:
            return None
        candidates = [k for k in (*cells, total) if k not in self.withheld and self.sizes[k] > 0]
        if not candidates:
            return None
        return min(candidates, key=lambda k: ((k == total) != total_first, k in self.keep, self.sizes[k],
                                              self._order[k]))

    def shown(self, key: Key) -> bool:
        return key not in self.withheld

    def hidden_text(self, key: Key) -> str:
        return SMALL if key in self.primary else WITHHELD

    @property
    def secondary(self) -> set[Key]:
        return self.withheld - self.primary - self.forced

    def count(self, key: Key) -> Figure:
        if not self.shown(key):
            return Figure(None, self.hidden_text(key))
        return Figure(self.sizes[key], f"{self.sizes[key]:,}")


# Figures -----------------------------------------------------------------------------------

_PERMANENT = (Employment.PERMANENT,)
_TEMPORARY = (Employment.FIXED_TERM, Employment.SECONDEE)
_AGENCY = (Employment.AGENCY,)
_PEOPLE_SEGMENTS = ((Segment.PERMANENT, _PERMANENT), (Segment.TEMPORARY, _TEMPORARY), (Segment.AGENCY, _AGENCY))


def _fte(fte: int, shown: bool) -> Figure:
    return Figure(fte, fte_text(fte)) if shown else Figure(None, WITHHELD)


def _rate(value: Fraction | None, shown: bool) -> Figure:
    if not shown:
        return Figure(None, WITHHELD)
    if value is None:
        return Figure(None, NOT_APPLICABLE)
    return Figure(value, percent(value))


def _caseload(value: Fraction | None, shown: bool) -> Figure:
    if not shown:
        return Figure(None, WITHHELD)
    if value is None:
        return Figure(None, NOT_APPLICABLE)
    return Figure(value, decimal_text(value, 1))


def _is_social_worker(record: StaffRecord) -> bool:
    return bool(SOCIAL_WORK.search(record.role))


def _service_order(snapshot: PlanSnapshot, names: Iterable[str]) -> list[str]:
    return snapshot.in_service_order(names)


def prepare_workforce(snapshot: PlanSnapshot, staff: Sequence[StaffRecord], as_of: date) -> WorkforceBriefing | None:
    """The briefing's workforce part as at ``as_of`` from ``staff`` (the staff on that date),
    or None when there is no staff data."""
    staff = list(staff)
    if not staff:
        return None
    by_service: dict[str, list[StaffRecord]] = defaultdict(list)
    for record in staff:
        by_service[record.service].append(record)
    services = _service_order(snapshot, by_service)

    retained = {s.name for s in snapshot.services if s.retained}
    people = _people_disclosure(services, by_service)
    rows = tuple(replace(_service_row(name, by_service[name], people), retained=name in retained)
                 for name in services)
    programme = figures_for(PROGRAMME, staff)
    total = _service_row(PROGRAMME, staff, people, key=_ALL)

    vacant = [r for r in staff if r.employment is Employment.VACANCY]
    waves, waves_total, transfers_secondary = _transfers(snapshot, staff)
    if waves_total is not None:
        transferring, transferring_fte = waves_total.headcount, waves_total.fte
    elif waves:
        transferring, transferring_fte = waves[0].headcount, waves[0].fte
    else:
        transferring, transferring_fte = Figure(0, "0"), Figure(0, fte_text(0))

    deadlines = _deadlines(snapshot, as_of)
    social_workers = _social_worker_rate(staff)
    rates = [("all services", total.agency_rate), *((row.group, row.agency_rate) for row in rows),
             ("social workers", social_workers)]
    rag, commentary = workforce_rag(deadlines, rates, as_of)
    return WorkforceBriefing(
        as_of=as_of,
        rag=rag,
        rag_commentary=commentary,
        services=rows,
        total=total,
        vacant_posts=Figure(len(vacant), f"{len(vacant):,}"),
        vacant_fte=Figure(programme.fte[Employment.VACANCY], fte_text(programme.fte[Employment.VACANCY])),
        transferring=transferring,
        transferring_fte=transferring_fte,
        social_worker_agency_rate=social_workers,
        chart=tuple(replace(_bar(name, by_service[name], people), retained=name in retained) for name in services),
        agency_cost=_agency_cost(services, by_service, people),
        transfers=waves,
        transfers_total=waves_total,
        deadlines=deadlines,
        secondary_suppression=bool(people.secondary) or transfers_secondary,
    )


def _headcounts(records: Iterable[StaffRecord], types: Sequence[Employment]) -> tuple[int, int]:
    chosen = [r for r in records if r.employment in types]
    return len(chosen), sum(r.fte for r in chosen)


def _people_disclosure(services: Sequence[str], by_service: dict[str, list[StaffRecord]]) -> Disclosure:
    """The service × employment-type table behind the table by service and the chart."""
    d = Disclosure()
    everyone = [r for name in services for r in by_service[name]]
    for name in services:
        records = by_service[name]
        row = []
        for segment, types in _PEOPLE_SEGMENTS:
            key = ("people", name, segment)
            d.cell(key, _headcounts(records, types)[0], keep=segment is Segment.AGENCY)
            row.append(key)
        d.cell(("people", name, _ALL), figures_for(name, records).total_headcount)
        d.line(row, ("people", name, _ALL))
        holders = sum(1 for r in records if r.caseload)
        d.cell(("cases", name), holders)
    d.cell(("people", _ALL, Segment.AGENCY), _headcounts(everyone, _AGENCY)[0])
    d.cell(("people", _ALL, _ALL), figures_for(PROGRAMME, everyone).total_headcount)
    d.cell(("cases", _ALL), sum(1 for r in everyone if r.caseload))
    d.line([("people", name, Segment.AGENCY) for name in services], ("people", _ALL, Segment.AGENCY),
           total_first=True)
    d.line([("people", name, _ALL) for name in services], ("people", _ALL, _ALL))
    d.line([("cases", name) for name in services], ("cases", _ALL), total_first=True)
    d.protect()
    return d


def _service_row(name: str, records: Sequence[StaffRecord], d: Disclosure, key: object = None) -> WorkforceRow:
    group = name if key is None else key
    figures = figures_for(name, records)
    total_key = ("people", group, _ALL)
    agency_key = ("people", group, Segment.AGENCY)
    people_shown = d.shown(total_key)
    split_shown = people_shown and d.shown(agency_key)
    fte = figures.in_post_fte + figures.fte[Employment.AGENCY]
    return WorkforceRow(
        group=name,
        headcount=d.count(total_key),
        fte=_fte(fte, people_shown),
        agency_rate=_rate(figures.agency_rate, split_shown),
        vacancy_rate=_rate(figures.vacancy_rate, split_shown),
        # a withheld group says nothing, not even that it holds no cases
        average_caseload=_caseload(figures.average_caseload, people_shown and d.shown(("cases", group))),
    )


def _bar(name: str, records: Sequence[StaffRecord], d: Disclosure) -> FteBar:
    if not d.shown(("people", name, _ALL)):
        return FteBar(name, withheld=True)
    segments: list[tuple[Segment, int]] = []
    combined = 0
    for segment, types in _PEOPLE_SEGMENTS:
        fte = _headcounts(records, types)[1]
        if d.shown(("people", name, segment)):
            segments.append((segment, fte))
        else:
            combined += fte
    if combined:
        segments.append((Segment.COMBINED, combined))
    segments.append((Segment.VACANT, _headcounts(records, (Employment.VACANCY,))[1]))
    return FteBar(name, tuple((s, fte) for s, fte in segments if fte))


def _social_worker_rate(staff: Sequence[StaffRecord]) -> Figure:
    workers = [r for r in staff if _is_social_worker(r) and r.employment is not Employment.VACANCY]
    agency = [r for r in workers if r.employment is Employment.AGENCY]
    employees = [r for r in workers if r.employment.in_post]
    all_agency = sum(1 for r in staff if r.employment is Employment.AGENCY)
    all_employees = sum(1 for r in staff if r.employment.in_post)
    groups = (len(agency), len(employees), all_agency - len(agency), all_employees - len(employees))
    if len(workers) < MIN_GROUP or any(small(n) for n in groups):
        return Figure(None, WITHHELD)
    agency_fte = sum(r.fte for r in agency)
    base = agency_fte + sum(r.fte for r in employees)
    if not base:
        return Figure(None, NOT_APPLICABLE)
    rate = Fraction(agency_fte, base)
    return Figure(rate, percent(rate))


def _agency_cost(services: Sequence[str], by_service: dict[str, list[StaffRecord]], d: Disclosure) -> AgencyCost:
    everyone = [r for name in services for r in by_service[name]]
    agency = [r for r in everyone if r.employment is Employment.AGENCY]
    cost_shown = len(agency) >= MIN_GROUP and d.shown(("people", _ALL, Segment.AGENCY))
    cost = sum(r.annual_cost for r in agency)
    compared = []
    premium = 0
    for name in services:
        figures = figures_for(name, by_service[name])
        if figures.headcount[Employment.AGENCY] >= MIN_GROUP and figures.headcount[Employment.PERMANENT] >= MIN_GROUP:
            compared.append(name)
            premium += figures.agency_premium
    return AgencyCost(
        cost=Figure(cost, format_compact(cost)) if cost_shown else Figure(None, WITHHELD if agency else NOT_APPLICABLE),
        premium=Figure(premium, format_compact(premium)) if compared else Figure(None, NOT_APPLICABLE),
        services_compared=tuple(compared),
    )


# Transfers ---------------------------------------------------------------------------------

def _transfers(snapshot: PlanSnapshot,
               staff: Sequence[StaffRecord]) -> tuple[tuple[TransferLine, ...], TransferLine | None, bool]:
    """A line per transfer date, the all-dates line (with two or more dates), and whether any
    figure was withheld only to protect another."""
    waves = transfer_waves(snapshot, staff)
    if not waves:
        return (), None, False
    steps = tuple(Consultation)
    d = Disclosure()
    with_total = len(waves) > 1
    day_keys: list[object] = [w.day for w in waves] + ([_ALL] if with_total else [])
    totals = {
        "hc": sum(w.headcount for w in waves),
        "lgps": sum(w.lgps_members for w in waves),
        "eli": sum(w.eli_sent for w in waves),
        **{step: sum(w.consultation.get(step, 0) for w in waves) for step in steps},
    }

    def values(day: object) -> dict[object, int]:
        if day is _ALL:
            return totals
        wave = next(w for w in waves if w.day == day)
        return {"hc": wave.headcount, "lgps": wave.lgps_members, "eli": wave.eli_sent,
                **{step: wave.consultation.get(step, 0) for step in steps}}

    # headcounts first: what follows depends on which dates are withheld
    for day in day_keys:
        d.cell(("hc", day), values(day)["hc"])
    if with_total:
        d.line([("hc", w.day) for w in waves], ("hc", _ALL), total_first=True)
    d.protect()
    for day in day_keys:
        v = values(day)
        hidden_day = not d.shown(("hc", day))
        d.cell(("lgps", day), v["lgps"], withhold=hidden_day or small(v["hc"] - v["lgps"]))
        d.cell(("eli", day), v["eli"], withhold=hidden_day)
        for step in steps:
            d.cell((step, day), v[step], withhold=hidden_day)
        d.line([(step, day) for step in steps], ("hc", day))
    if with_total:
        for column in ("lgps", "eli", *steps):
            d.line([(column, w.day) for w in waves], (column, _ALL), total_first=True)
    d.protect()

    def line(day: object) -> TransferLine:
        v = values(day)
        shown = d.shown(("hc", day))
        eli = d.count(("eli", day))
        if shown:
            eli = Figure(eli.value, f"{eli.text} of {v['hc']:,}")
        return TransferLine(
            day=None if day is _ALL else day,  # type: ignore[arg-type]
            headcount=d.count(("hc", day)),
            fte=_fte(next((w.fte for w in waves if w.day == day), sum(w.fte for w in waves)), shown),
            lgps_members=d.count(("lgps", day)),
            eli_sent=eli,
            consultation=tuple((step.label, d.count((step, day))) for step in steps),
        )

    return tuple(line(w.day) for w in waves), line(_ALL) if with_total else None, bool(d.secondary)


# TUPE deadlines and status -------------------------------------------------------------------

def _deadlines(snapshot: PlanSnapshot, as_of: date) -> tuple[DeadlineLine, ...]:
    lines = [line for line in milestone_lines(snapshot, as_of)
             if line.milestone.derived and line.ref.startswith(PREFIX)]
    meeting: dict[str, list[str]] = {}
    for ref, deadline in sorted(pairings(snapshot).items()):
        own = snapshot.milestone(ref)
        meeting.setdefault(deadline.ref, []).append(f"{ref}, {own.actual or own.forecast:%d/%m/%Y}")
    notice = snapshot.programme.tupe_notice_days
    result = [
        DeadlineLine(ref=line.ref, description=deadline_description(line.ref, notice), due=line.milestone.forecast,
                     actual=line.milestone.actual, rag=line.rag, plan_milestone="; ".join(meeting.get(line.ref, ())))
        for line in lines
    ]
    return tuple(sorted(result, key=lambda d: (d.due, d.ref)))


_DATED = re.compile(rf"^{re.escape(PREFIX)}(?P<kind>[A-Z]+)-(?P<day>\d{{8}})$")


def deadline_description(ref: str, notice_days: int = 56) -> str:
    """What a derived TUPE milestone is, from its ref alone: its title counts people, and a
    count on one transfer date can be small, so the title is never printed here. Says whether
    the deadline is the law's or the plan's own setting (``notice_days``)."""
    if ref == f"{PREFIX}LGPS":
        return "LGPS admission agreement signed, before the first transfer of pension scheme members (legal)"
    match = _DATED.match(ref)
    if match:
        day = f"{match['day'][6:8]}/{match['day'][4:6]}/{match['day'][:4]}"
        if match["kind"] == "ELI":
            return (f"Employee liability information sent to the trust, at least {ELI_DAYS} days before "
                    f"transfers on {day} (legal minimum)")
        if match["kind"] == "REP":
            return f"Staff representatives informed of transfers on {day} (local setting: {notice_days} days' notice)"
    return "TUPE deadline derived from the staff data"


def deadline_words(deadlines: Sequence[DeadlineLine], as_of: date) -> str:
    """"none due yet; the first, 3 February 2017, on track" or "2 of 3 due met; 1 red, 1 amber":
    deadlines met out of those due by ``as_of``, and how many are red or amber (only when some are)."""
    due = [d for d in deadlines if d.due <= as_of or d.rag is Rag.COMPLETE]
    flagged = ", ".join(f"{n} {word}" for n, word in ((sum(1 for d in deadlines if d.rag is rag), word)
                                                     for rag, word in ((Rag.RED, "red"), (Rag.AMBER, "amber"))) if n)
    if not due:
        first = min(deadlines, key=lambda d: d.due)
        text = f"none due yet (the first on {long_date(first.due)})"
    else:
        met = sum(1 for d in due if d.rag is Rag.COMPLETE)
        text = f"{met} of {len(due)} due met"
    return f"{text}; {flagged}" if flagged else text


def workforce_rag(deadlines: Sequence[DeadlineLine], agency_rates: Sequence[tuple[str, Figure]],
                  as_of: date) -> tuple[Rag, str]:
    """The Workforce status and its commentary from the TUPE deadlines and the printed agency
    rates as (group, rate) pairs (the rule is in the module docstring)."""
    rags = [d.rag for d in deadlines]
    shown = [(group, figure) for group, figure in agency_rates if isinstance(figure.value, Fraction)]
    highest = max(shown, key=lambda pair: pair[1].value, default=None)
    rate = highest[1].value if highest else None
    if Rag.RED in rags or (rate is not None and rate > AGENCY_RED):
        rag = Rag.RED
    elif Rag.AMBER in rags or (rate is not None and rate > AGENCY_AMBER):
        rag = Rag.AMBER
    else:
        rag = Rag.GREEN
    parts = []
    if deadlines:
        parts.append("TUPE deadlines: " + deadline_words(deadlines, as_of))
    else:
        parts.append("No TUPE deadlines yet")
    if highest is not None:
        group, figure = highest
        parts.append(f"agency rate {figure.text} of FTE" if group == "all services"
                     else f"highest agency rate {figure.text} of FTE ({group})")
    return rag, "; ".join(parts) + "."


#: how the Workforce row's status is set, printed once in the status table's key
WORKFORCE_RULE = ("red if a TUPE deadline is red or an agency rate is above 30%; amber if one is amber or an "
                  "agency rate is above 15%")


def workforce_status_row(workforce: WorkforceBriefing) -> StatusRow:
    """The executive summary's Workforce row (no last period: earlier briefings did not record it)."""
    return StatusRow("Workforce", workforce.rag, None, workforce.rag_commentary, WORKFORCE_RULE)
