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
from trustplanner.services.blanks import KEEP, BlankCell, BlankCells, blank_notes
from trustplanner.services.history import change_or_preview
from trustplanner.services.snapshot import read_snapshot
from trustplanner.store.plan_file import PlanFile
from trustplanner.store.rows import insert_rows
from trustplanner.store.staff_store import open_versions, staff_as_of
from trustplanner.store.tables import ServiceRow, StaffExtractRow, StaffVersionRow


@dataclass
class StaffImportResult:
    extract_date: date
    joiners: list[str] = field(default_factory=list)
    leavers: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    ignored_columns: list[str] = field(default_factory=list)
    #: blank cells where the plan holds a value, kept or cleared as ``blank`` says
    blanks: list[BlankCell] = field(default_factory=list)
    blank: str = KEEP
    records: list[StaffRecord] = field(default_factory=list, repr=False)  # the extract, as the import read it
    applied: bool = False

    def summary(self) -> str:
        return (f"staff as at {self.extract_date:%d/%m/%Y}: {len(self.joiners)} joiners, {len(self.leavers)} leavers, "
                f"{len(self.changed)} changed, {self.unchanged} unchanged")

    def notes(self) -> list[str]:
        return blank_notes(self.blanks, self.blank)


def load_staff(plan: PlanFile, on: date | None = None) -> list[StaffRecord]:
    with plan.reading() as session:
        return staff_as_of(session, on)


def latest_extract_date(session: Session) -> date | None:
    return session.scalars(select(StaffExtractRow.extract_date).order_by(StaffExtractRow.extract_date.desc())
                           .limit(1)).first()


def import_staff(plan: PlanFile, path: str | Path, *, extract_date: date | None = None,
                 preview: bool = False, blank: str = KEEP) -> StaffImportResult:
    """Import an HR extract as at ``extract_date``; with ``preview`` nothing is written.

    People the extract leaves out have left; a blank cell in a listed person's row keeps their
    value in the plan (``blank="keep"``, so an export without names and salaries imports back
    without losing them) or clears it (``"clear"``).
    """
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
        current = open_versions(session)
        cells = BlankCells(blank, _current_cells(current), _ref, _ref, BLANK_KEEPS, same=BLANK_MEANS,
                           personal=PERSONAL_COLUMNS)
        table, records = staff_rows.parse(path, snapshot, cells.apply)
        result = StaffImportResult(extract_date, ignored_columns=table.ignored_columns, blanks=cells.found,
                                   blank=blank, records=records)
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


PERSONAL_COLUMNS = ("name", "annual_cost")
#: the columns a blank cell keeps (annual_cost is required, but a blank one keeps the plan's figure)
BLANK_KEEPS = ("annual_cost", *staff_rows.OPTIONAL)
#: what a blank cell reads as, where that is not blank
BLANK_MEANS = {"tupe": lambda old: "no", "pension": lambda old: "none", "consultation": lambda old: "not_started"}


def _ref(cells) -> str:  # noqa: ANN001
    return cells.get("ref", "")


def _current_cells(current: dict) -> dict:
    """Each open version as the export writes it, by ref (only built when a file has blank cells)."""
    from trustplanner.services.exports import staff_cells

    return _LazyCells(current, staff_cells)


class _LazyCells(dict):
    """``{ref: {column: text}}`` for the current staff, each person's row made when first asked for."""

    def __init__(self, current: dict, cells):  # noqa: ANN001
        super().__init__()
        self.current, self.cells = current, cells

    def __bool__(self) -> bool:
        return bool(self.current)

    def get(self, ref, default=None):  # noqa: ANN001, ANN201
        if ref in self:
            return self[ref]
        known = self.current.get(ref)
        if known is None:
            return default
        row = dict(zip(staff_rows.COLUMNS, self.cells(known[2])))
        self[ref] = row
        return row


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
