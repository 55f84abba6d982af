"""Undoing an import: put back what the plan held before it, in one transaction."""

from __future__ import annotations

from sqlalchemy import delete

from trustplanner.services.imports import ImportResult
from trustplanner.services.milestone_store import write_milestones, write_services
from trustplanner.services.snapshot import PlanSnapshot
from trustplanner.store.plan_file import PlanFile
from trustplanner.store.tables import MilestoneRow, ServiceRow


def undo_import(plan: PlanFile, kind: str, before: PlanSnapshot, result: ImportResult) -> None:
    """Remove what ``result`` added and restore what it changed to the ``before`` records."""
    if not result.applied:
        return
    with plan.transaction() as session:
        if kind == "services":
            old = {s.name: s for s in before.services}
            write_services(session, [old[name] for name in result.changed])
            if result.added:
                session.execute(delete(ServiceRow).where(ServiceRow.name.in_(result.added)))
        else:
            old = {m.ref: m for m in before.milestones}
            if result.added:
                session.execute(delete(MilestoneRow).where(MilestoneRow.ref.in_(result.added)))
            write_milestones(session, [old[ref] for ref in result.changed])
