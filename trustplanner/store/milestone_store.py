"""Writing milestone and service records as rows, in an open session (callers own the unit of work)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Table, bindparam, select
from sqlalchemy.orm import Session

from trustplanner.domain.model import Milestone, Service
from trustplanner.store.rows import insert_rows
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
    validated them. An import writes thousands of rows, so they go as ``executemany`` batches
    rather than ORM objects (see :func:`trustplanner.store.rows.insert_rows`); ORM objects the session holds are
    expired afterwards.
    """
    milestones = list(milestones)
    session.flush()  # pending ORM changes (e.g. a renamed ref) first, as a query would autoflush
    service_ids = {name: id_ for name, id_ in session.execute(select(ServiceRow.name, ServiceRow.id)).all()}
    ids = _milestone_ids(session)
    inserts: dict[str, tuple] = {}
    updates: dict[str, dict] = {}
    for m in milestones:
        service_id = service_ids[m.service] if m.service else None
        row_id = ids.get(m.ref)
        if row_id is None:  # in _INSERT_COLUMNS order; a ref given twice is one row: the last one wins
            inserts[m.ref] = (m.ref, m.title, m.workstream, service_id, m.stage, m.owner, m.baseline, m.forecast,
                              m.actual, m.rag_override, m.commentary, m.derived, m.meets)
        else:
            updates[m.ref] = {
                "row_id": row_id, "title": m.title, "workstream": m.workstream, "service_id": service_id,
                "stage": m.stage, "owner": m.owner, "baseline": m.baseline, "forecast": m.forecast,
                "actual": m.actual, "rag_override": m.rag_override, "commentary": m.commentary,
                "derived": m.derived, "meets": m.meets,
            }
    if updates:
        session.execute(_UPDATE, list(updates.values()))
        # Only rows that existed can have links to replace. A new id never has any: the foreign
        # key (enforced on every connection) refuses a link to a missing milestone, and
        # deleting a milestone cascades to its links.
        session.execute(_DEPENDENCIES.delete().where(
            _DEPENDENCIES.c.milestone_id.in_([values["row_id"] for values in updates.values()])))
    if inserts:
        insert_rows(session.connection(), _MILESTONES, _INSERT_COLUMNS, list(inserts.values()))
        ids = _milestone_ids(session)
    links = [
        (ids[m.ref], ids[dep])
        for m in milestones
        for dep in (m.depends_on if len(m.depends_on) < 2 else dict.fromkeys(m.depends_on))  # each link once
    ]
    if links:
        insert_rows(session.connection(), _DEPENDENCIES, ("milestone_id", "predecessor_id"), links)
    session.expire_all()


_MILESTONES: Table = MilestoneRow.__table__
_DEPENDENCIES: Table = MilestoneDependencyRow.__table__
_VALUE_COLUMNS = ("title", "workstream", "service_id", "stage", "owner", "baseline", "forecast", "actual",
                  "rag_override", "commentary", "derived", "meets")
_INSERT_COLUMNS = ("ref", *_VALUE_COLUMNS)
_UPDATE = _MILESTONES.update().where(_MILESTONES.c.id == bindparam("row_id")).values(
    {name: bindparam(name) for name in _VALUE_COLUMNS})


def _milestone_ids(session: Session) -> dict[str, int]:
    # Through the connection (Core rows): write_milestones has flushed the session already.
    return {ref: id_ for ref, id_ in session.connection().execute(select(MilestoneRow.ref, MilestoneRow.id)).all()}
