"""Staff transfers: importing HR extracts with history, and reading staff as at any date.

Each import is one HR extract, dated (by default the plan's status date). Refs it lists are
added (joiners) or updated (changes); refs it no longer lists have left (leavers). Earlier
versions are closed, not overwritten, so figures can be shown for any past date.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from trustplanner.domain.problems import Problem, ValidationFailed
from trustplanner.domain.staff import StaffRecord
from trustplanner.services import staff_rows
from trustplanner.services.snapshot import read_snapshot
from trustplanner.services.staff_store import record_of, staff_as_of
from trustplanner.services.tupe_milestones import sync_tupe_milestones
from trustplanner.store.plan_file import PlanFile
from trustplanner.store.tables import ServiceRow, StaffExtractRow, StaffVersionRow

RECORD_FIELDS = tuple(f.name for f in fields(StaffRecord))


@dataclass
class StaffImportResult:
    extract_date: date
    joiners: list[str] = field(default_factory=list)
    leavers: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    ignored_columns: list[str] = field(default_factory=list)
    applied: bool = False

    def summary(self) -> str:
        return (f"staff as at {self.extract_date:%d/%m/%Y}: {len(self.joiners)} joiners, {len(self.leavers)} leavers, "
                f"{len(self.changed)} changed, {self.unchanged} unchanged")


def load_staff(plan: PlanFile, on: date | None = None) -> list[StaffRecord]:
    with plan.reading() as session:
        return staff_as_of(session, on)


def latest_extract_date(session: Session) -> date | None:
    return session.scalars(select(StaffExtractRow.extract_date).order_by(StaffExtractRow.extract_date.desc())
                           .limit(1)).first()


def import_staff(plan: PlanFile, path: str | Path, *, extract_date: date | None = None,
                 preview: bool = False) -> StaffImportResult:
    """Import an HR extract as at ``extract_date``; with ``preview`` nothing is written."""
    with plan.transaction() as session:
        snapshot = read_snapshot(session)
        extract_date = extract_date or snapshot.status_date
        latest = latest_extract_date(session)
        if latest is not None and extract_date < latest:
            raise ValidationFailed([Problem(str(path), None, None,
                                            f"this extract is dated {extract_date:%d/%m/%Y}, before the latest staff "
                                            f"data ({latest:%d/%m/%Y}); import extracts in date order")])
        table, records = staff_rows.parse(path, snapshot)
        current = {row.ref: row for row in session.scalars(
            select(StaffVersionRow).where(StaffVersionRow.valid_to.is_(None)))}
        result = StaffImportResult(extract_date, ignored_columns=table.ignored_columns)
        incoming = {r.ref: r for r in records}
        for record in records:
            row = current.get(record.ref)
            if row is None:
                result.joiners.append(record.ref)
            elif record_of(row) != record:
                result.changed.append(record.ref)
            else:
                result.unchanged += 1
        result.leavers = sorted(ref for ref in current if ref not in incoming)
        if preview or not (result.joiners or result.changed or result.leavers):
            return result
        service_ids = {name: id_ for name, id_ in session.execute(select(ServiceRow.name, ServiceRow.id))}
        new_rows = []
        for ref in (*result.changed, *result.leavers):
            row = current[ref]
            if row.valid_from >= extract_date:  # same-day re-import: replace rather than add a version
                session.delete(row)
            else:
                row.valid_to = extract_date
        for ref in (*result.joiners, *result.changed):
            new_rows.append(_columns(incoming[ref], service_ids, extract_date))
        session.flush()
        if new_rows:
            session.execute(insert(StaffVersionRow), new_rows)
        session.add(StaffExtractRow(extract_date=extract_date, source=Path(path).name, imported_at=datetime.now(),
                                    joiners=len(result.joiners), leavers=len(result.leavers),
                                    changed=len(result.changed)))
        session.flush()
        sync_tupe_milestones(session)
        result.applied = True
    return result


@dataclass(frozen=True)
class StaffState:
    """Every staff version and extract, for putting the plan back exactly (undo of an import)."""

    versions: tuple[dict, ...]
    extracts: tuple[dict, ...]


def staff_state(plan: PlanFile) -> StaffState:
    with plan.reading() as session:
        versions = tuple(dict(row._mapping) for row in session.execute(select(StaffVersionRow.__table__)))
        extracts = tuple(dict(row._mapping) for row in session.execute(select(StaffExtractRow.__table__)))
    return StaffState(versions, extracts)


def restore_staff_state(plan: PlanFile, state: StaffState) -> None:
    with plan.transaction() as session:
        session.execute(delete(StaffVersionRow))
        session.execute(delete(StaffExtractRow))
        if state.versions:
            session.execute(insert(StaffVersionRow.__table__), list(state.versions))
        if state.extracts:
            session.execute(insert(StaffExtractRow.__table__), list(state.extracts))
        sync_tupe_milestones(session)


def _columns(record: StaffRecord, service_ids: dict[str, int], valid_from: date) -> dict:
    values = {name: getattr(record, name) for name in RECORD_FIELDS if name != "service"}
    values.update(service_id=service_ids[record.service], valid_from=valid_from, valid_to=None)
    return values
