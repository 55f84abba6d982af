"""Staff transfers: importing HR extracts with history, and reading staff as at any date.

Each import is one HR extract, dated (by default the plan's status date). Refs it lists are
added (joiners) or updated (changes); refs it no longer lists have left (leavers). Earlier
versions are closed, not overwritten, so figures can be shown for any past date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from trustplanner.domain.dates import refuse_out_of_range
from trustplanner.domain.problems import Problem, ValidationFailed
from trustplanner.domain.staff import StaffRecord
from trustplanner.io.formats import staff as staff_rows
from trustplanner.services.snapshot import read_snapshot
from trustplanner.store.staff_store import open_versions, staff_as_of
from trustplanner.services.history import change_or_preview
from trustplanner.store.plan_file import PlanFile
from trustplanner.store.rows import insert_rows
from trustplanner.store.tables import ServiceRow, StaffExtractRow, StaffVersionRow



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

    def notes(self) -> list[str]:
        return []


def load_staff(plan: PlanFile, on: date | None = None) -> list[StaffRecord]:
    with plan.reading() as session:
        return staff_as_of(session, on)


def latest_extract_date(session: Session) -> date | None:
    return session.scalars(select(StaffExtractRow.extract_date).order_by(StaffExtractRow.extract_date.desc())
                           .limit(1)).first()


def import_staff(plan: PlanFile, path: str | Path, *, extract_date: date | None = None,
                 preview: bool = False) -> StaffImportResult:
    """Import an HR extract as at ``extract_date``; with ``preview`` nothing is written."""
    with change_or_preview(plan, f"Import staff from {Path(path).name}", preview) as unit:
        session = unit.session
        snapshot = read_snapshot(session)
        extract_date = extract_date or snapshot.status_date
        refuse_out_of_range("staff import", {"extract date": extract_date})
        unit.what = f"Import staff as at {extract_date:%d/%m/%Y} from {Path(path).name}"
        latest = latest_extract_date(session)
        if latest is not None and extract_date < latest:
            raise ValidationFailed([Problem(str(path), None, None,
                                            f"this extract is dated {extract_date:%d/%m/%Y}, before the latest staff "
                                            f"data ({latest:%d/%m/%Y}); import extracts in date order")])
        table, records = staff_rows.parse(path, snapshot)
        current = open_versions(session)
        result = StaffImportResult(extract_date, ignored_columns=table.ignored_columns)
        incoming = {r.ref: r for r in records}
        for record in records:
            known = current.get(record.ref)
            if known is None:
                result.joiners.append(record.ref)
            elif known[2] != record:
                result.changed.append(record.ref)
            else:
                result.unchanged += 1
        result.leavers = sorted(ref for ref in current if ref not in incoming)
        if preview or not (result.joiners or result.changed or result.leavers):
            return result
        replaced, closed = [], []
        for ref in (*result.changed, *result.leavers):
            version_id, valid_from, _ = current[ref]
            # a same-day re-import replaces that day's version rather than adding one
            (replaced if valid_from >= extract_date else closed).append(version_id)
        for chunk in _chunks(replaced):
            session.execute(delete(StaffVersionRow.__table__).where(StaffVersionRow.__table__.c.id.in_(chunk)))
        for chunk in _chunks(closed):
            session.execute(update(StaffVersionRow.__table__).where(StaffVersionRow.__table__.c.id.in_(chunk))
                            .values(valid_to=extract_date))
        service_ids = {name: id_ for name, id_ in session.execute(select(ServiceRow.name, ServiceRow.id))}
        _insert_versions(session, [incoming[ref] for ref in (*result.joiners, *result.changed)], service_ids,
                         extract_date)
        session.add(StaffExtractRow(extract_date=extract_date, source=Path(path).name, imported_at=datetime.now(),
                                    joiners=len(result.joiners), leavers=len(result.leavers),
                                    changed=len(result.changed)))
        unit.known["staff"] = records  # the extract is now everyone in the plan
        result.applied = True
    return result


@dataclass(frozen=True)
class StaffState:
    """Every staff version and extract as stored (for comparing two states of a plan)."""

    versions: tuple[dict, ...]
    extracts: tuple[dict, ...]


def staff_state(plan: PlanFile) -> StaffState:
    with plan.reading() as session:
        versions = tuple(dict(row._mapping) for row in session.execute(
            select(StaffVersionRow.__table__).order_by(StaffVersionRow.id)))
        extracts = tuple(dict(row._mapping) for row in session.execute(
            select(StaffExtractRow.__table__).order_by(StaffExtractRow.id)))
    return StaffState(versions, extracts)


def _chunks(ids: list[int], size: int = 500) -> list[list[int]]:
    """Ids in groups small enough for one statement's parameters."""
    return [ids[i:i + size] for i in range(0, len(ids), size)]


_VERSIONS = StaffVersionRow.__table__


def _insert_versions(session: Session, records: list[StaffRecord], service_ids: dict[str, int],
                     valid_from: date) -> None:
    """New open versions, in one bulk insert (an extract may hold tens of thousands)."""
    columns = ("ref", "valid_from", "valid_to", "name", "service_id", "team", "role", "grade", "employment", "fte",
               "annual_cost", "tupe", "pension", "caseload", "transfer_date", "eli_sent", "consultation")
    insert_rows(session.connection(), _VERSIONS, columns, [
        (r.ref, valid_from, None, r.name, service_ids[r.service], r.team, r.role, r.grade, r.employment, r.fte,
         r.annual_cost, r.tupe, r.pension, r.caseload, r.transfer_date, r.eli_sent, r.consultation)
        for r in records])
