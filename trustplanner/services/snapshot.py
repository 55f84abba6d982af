"""Reading a whole plan into plain records (a :class:`~trustplanner.domain.snapshot.PlanSnapshot`),
which every report and view works from."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from trustplanner.domain.model import BaselineChange, Milestone, Programme, Service
from trustplanner.domain.snapshot import PlanSnapshot
from trustplanner.store.integrity import StoredDataDamaged
from trustplanner.store.plan_file import PlanFile
from trustplanner.store.tables import (
    BaselineChangeRow,
    DecisionRow,
    MilestoneDependencyRow,
    MilestoneRow,
    ProgrammeRow,
    ServiceRow,
)


def programme_record(row: ProgrammeRow) -> Programme:
    return Programme(
        council=row.council,
        trust=row.trust,
        delivery_model=row.delivery_model,
        go_live=row.go_live,
        shadow_start=row.shadow_start,
        decision_date=row.decision_date,
        tolerance_days=row.tolerance_days,
        marking=row.marking,
        status_date=row.status_date,
        tupe_notice_days=row.tupe_notice_days,
    )


def service_record(row: ServiceRow) -> Service:
    return Service(name=row.name, shadow=row.shadow, go_live=row.go_live, retained=row.retained)


def milestone_record(row: MilestoneRow) -> Milestone:
    return Milestone(
        ref=row.ref,
        title=row.title,
        workstream=row.workstream,
        stage=row.stage,
        baseline=row.baseline,
        forecast=row.forecast,
        service=row.service.name if row.service else None,
        owner=row.owner,
        actual=row.actual,
        depends_on=tuple(p.ref for p in row.predecessors),
        rag_override=row.rag_override,
        commentary=row.commentary,
        derived=row.derived,
        meets=row.meets,
    )


def programme_row(session: Session) -> ProgrammeRow:
    row = session.get(ProgrammeRow, 1)
    if row is None:
        raise StoredDataDamaged("it has no programme details")
    return row


def read_snapshot(session: Session) -> PlanSnapshot:
    programme = programme_record(programme_row(session))
    services = tuple(service_record(r) for r in session.scalars(select(ServiceRow).order_by(ServiceRow.id)))
    return PlanSnapshot(programme, services, _milestone_records(session), _baseline_changes(session))


def _baseline_changes(session: Session) -> tuple[BaselineChange, ...]:
    b, m, d = BaselineChangeRow, MilestoneRow, DecisionRow
    rows = session.connection().execute(
        select(m.ref, b.old_baseline, b.new_baseline, b.reason, b.decision, b.recorded_at, b.recorded_by, d.ref)
        .join(m, m.id == b.milestone_id)
        .outerjoin(d, d.id == b.decision_id)
        .order_by(b.recorded_at, b.id)
    ).all()
    return tuple(BaselineChange(ref, old, new, reason, decision, at, by or "", cited or "")
                 for ref, old, new, reason, decision, at, by, cited in rows)


def _milestone_records(session: Session) -> tuple[Milestone, ...]:
    """Every milestone by ref, as :func:`milestone_record` would make them, in two queries.

    Plain column rows rather than ORM objects: the self-referential ``predecessors`` relationship
    otherwise lazy-loads once per milestone, and building ORM objects only to copy them into
    records costs more than the records themselves.
    """
    m = MilestoneRow
    # Core rows through the session's connection: the ORM query for services just before has
    # already flushed anything pending, and these columns need no ORM entity handling.
    connection = session.connection()
    predecessors: defaultdict[int, list[str]] = defaultdict(list)
    for milestone_id, ref in connection.execute(
        select(MilestoneDependencyRow.milestone_id, m.ref)
        .join(m, m.id == MilestoneDependencyRow.predecessor_id)
        .order_by(m.ref)
    ).all():  # fetched whole: iterating a result fetches row by row
        predecessors[milestone_id].append(ref)
    rows = connection.execute(
        select(m.id, m.ref, m.title, m.workstream, m.stage, m.baseline, m.forecast, ServiceRow.name, m.owner,
               m.actual, m.rag_override, m.commentary, m.derived, m.meets)
        .outerjoin(ServiceRow, ServiceRow.id == m.service_id)
        .order_by(m.ref)
    ).all()
    no_predecessors: tuple[str, ...] = ()
    return tuple(
        Milestone(
            ref=ref, title=title, workstream=workstream, stage=stage, baseline=baseline, forecast=forecast,
            service=service, owner=owner, actual=actual,
            depends_on=tuple(predecessors[id_]) if id_ in predecessors else no_predecessors,
            rag_override=rag_override, commentary=commentary, derived=derived, meets=meets,
        )
        for (id_, ref, title, workstream, stage, baseline, forecast, service, owner, actual, rag_override,
             commentary, derived, meets) in rows
    )


__all__ = ["PlanSnapshot", "load_snapshot", "milestone_record", "programme_record", "programme_row",
           "read_snapshot", "service_record"]


def load_snapshot(plan: PlanFile) -> PlanSnapshot:
    with plan.reading() as session:
        return read_snapshot(session)
