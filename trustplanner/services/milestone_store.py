"""Writing milestone and service records into an open session (callers own the transaction)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from trustplanner.domain.model import Milestone, Service
from trustplanner.store.tables import MilestoneDependencyRow, MilestoneRow, ServiceRow


def write_services(session: Session, services: Iterable[Service]) -> None:
    """Insert or update services by name."""
    existing = {row.name: row for row in session.scalars(select(ServiceRow))}
    for service in services:
        row = existing.get(service.name)
        if row is None:
            row = ServiceRow(name=service.name)
            session.add(row)
        row.shadow, row.go_live, row.retained = service.shadow, service.go_live, service.retained
    session.flush()


def write_milestones(session: Session, milestones: Iterable[Milestone]) -> None:
    """Insert or update milestones by ref, then set their dependencies.

    Dependencies may name milestones in the same batch or already in the plan; callers have
    validated them.
    """
    milestones = list(milestones)
    service_ids = {name: id_ for name, id_ in session.execute(select(ServiceRow.name, ServiceRow.id))}
    rows = {row.ref: row for row in session.scalars(select(MilestoneRow)).unique()}
    for milestone in milestones:
        row = rows.get(milestone.ref)
        if row is None:
            row = MilestoneRow(ref=milestone.ref)
            session.add(row)
            rows[milestone.ref] = row
        row.title = milestone.title
        row.workstream = milestone.workstream
        row.service_id = service_ids[milestone.service] if milestone.service else None
        row.stage = milestone.stage
        row.owner = milestone.owner
        row.baseline = milestone.baseline
        row.forecast = milestone.forecast
        row.actual = milestone.actual
        row.rag_override = milestone.rag_override
        row.commentary = milestone.commentary
        row.derived = milestone.derived
    session.flush()
    changed_ids = [rows[m.ref].id for m in milestones]
    if changed_ids:
        session.execute(MilestoneDependencyRow.__table__.delete().where(
            MilestoneDependencyRow.milestone_id.in_(changed_ids)))
    links = [
        {"milestone_id": rows[m.ref].id, "predecessor_id": rows[dep].id}
        for m in milestones
        for dep in dict.fromkeys(m.depends_on)
    ]
    if links:
        session.execute(MilestoneDependencyRow.__table__.insert(), links)
    session.expire_all()
