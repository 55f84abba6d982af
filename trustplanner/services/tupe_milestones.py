"""TUPE deadlines as milestones derived from the staff data, kept in step with go-live dates.

- Employee liability information (ELI): at least 28 days before each transfer date.
- Staff representatives informed: the plan's notice (default 56 days) before each transfer date.
- LGPS admission agreement: signed before the first transfer of any LGPS member.

Deadlines fall on the last working day on or before the legal date. Derived milestones carry
``derived=True``; users may record their actual date and commentary, nothing else, and they are
re-derived whenever staff, services or go-live dates change.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session

from trustplanner.domain.calendar import previous_working_day
from trustplanner.domain.enums import Stage, Workstream
from trustplanner.domain.model import Milestone
from trustplanner.domain.staff import Pension, StaffRecord, transfers
from trustplanner.domain.statutory import DERIVED_PREFIX, ELI_DAYS, LGPS_REF, eli_ref, rep_ref
from trustplanner.services.snapshot import PlanSnapshot, read_snapshot
from trustplanner.store.milestone_store import write_milestones
from trustplanner.store.staff_store import staff_as_of
from trustplanner.store.tables import MilestoneRow

PREFIX = DERIVED_PREFIX


def transfer_date_of(record: StaffRecord, snapshot: PlanSnapshot) -> date:
    return record.transfer_date or snapshot.go_live_of(record.service)


def derived_tupe_milestones(snapshot: PlanSnapshot, staff: list[StaffRecord]) -> list[Milestone]:
    """The TUPE deadline milestones the staff data calls for (actuals for ELI from ``eli_sent``)."""
    by_date: dict[date, list[StaffRecord]] = defaultdict(list)
    go_live = {s.name: s.go_live or snapshot.programme.go_live for s in snapshot.services}
    for record in staff:
        if transfers(record):
            by_date[record.transfer_date or go_live[record.service]].append(record)  # as transfer_date_of
    notice = snapshot.programme.tupe_notice_days
    milestones = []
    for day, people in sorted(by_date.items()):
        sent = [p.eli_sent for p in people]
        eli_deadline = previous_working_day(day - timedelta(days=ELI_DAYS))
        milestones.append(_derived(
            eli_ref(day), f"Employee liability information sent for transfers on {day:%d/%m/%Y} "
            f"(legal minimum {ELI_DAYS} days before)", Workstream.HR, eli_deadline,
            actual=max(sent) if all(sent) else None))
        milestones.append(_derived(
            rep_ref(day), f"Staff representatives informed of transfers on {day:%d/%m/%Y} "
            f"(local setting: {notice} days' notice)", Workstream.HR, previous_working_day(day - timedelta(days=notice))))
    lgps_dates = sorted(day for day, people in by_date.items() if any(p.pension is Pension.LGPS for p in people))
    if lgps_dates:
        first = lgps_dates[0]
        milestones.append(_derived(
            LGPS_REF, f"LGPS admission agreement signed before the first transfer of members "
            f"({first:%d/%m/%Y})", Workstream.PENSIONS, previous_working_day(first - timedelta(days=1))))
    return milestones


def _derived(ref: str, title: str, workstream: Workstream, deadline: date, actual: date | None = None) -> Milestone:
    return Milestone(ref=ref, title=title, workstream=workstream.value, stage=Stage.SHADOW, baseline=deadline,
                     forecast=deadline, owner="Derived from staff data", actual=actual, derived=True)


def sync_tupe_milestones(session: Session, staff: list[StaffRecord] | None = None) -> None:
    """Bring the plan's derived TUPE milestones in step with its staff, services and dates.

    ``staff``: everyone in the plan now, when the caller has them already (read from the plan otherwise).
    """
    snapshot = read_snapshot(session)
    wanted = derived_tupe_milestones(snapshot, staff_as_of(session) if staff is None else staff)
    existing = {m.ref: m for m in snapshot.milestones if m.derived}
    merged = []
    for milestone in wanted:
        old = existing.get(milestone.ref)
        if old is not None:  # what people recorded on it stays
            milestone = replace(milestone, commentary=old.commentary, rag_override=old.rag_override,
                                actual=milestone.actual or old.actual, depends_on=old.depends_on)
        merged.append(milestone)
    stale = [ref for ref in existing if ref not in {m.ref for m in wanted}]
    if stale:
        session.execute(delete(MilestoneRow).where(MilestoneRow.ref.in_(stale)))
    changed = [m for m in merged if existing.get(m.ref) != m]
    if changed:
        write_milestones(session, changed)
