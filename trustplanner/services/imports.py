"""Importing services and milestones from CSV or XLSX: validated whole, applied whole.

Every row is checked against the file and the plan; if anything is wrong nothing changes and
every problem is reported with its file, row and column.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from trustplanner.domain.plan_window import plan_window
from trustplanner.domain.problems import Problem, ValidationFailed
from trustplanner.domain.rag import rag_disagreement
from trustplanner.domain.schedule import KnockOn, knock_on
from trustplanner.domain.snapshot import PlanSnapshot
from trustplanner.io.formats import milestones as import_milestones_format
from trustplanner.io.formats import services as import_services_format
from trustplanner.services.blanks import (
    KEEP,
    BlankCell,
    BlankCells,
    blank_notes,
    by_key,
)
from trustplanner.services.history import change_or_preview
from trustplanner.services.snapshot import read_snapshot
from trustplanner.store.milestone_store import write_milestones, write_services
from trustplanner.store.plan_file import PlanFile


@dataclass
class ImportResult:
    kind: str
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    knock_ons: list[KnockOn] = field(default_factory=list)
    #: judgements kept and flagged, not refused: "N15: reported amber; the dates show red: ..."
    flags: list[str] = field(default_factory=list)
    #: blank cells where the plan holds a value, kept or cleared as ``blank`` says
    blanks: list[BlankCell] = field(default_factory=list)
    blank: str = KEEP
    #: dates far from the programme (plan_window), kept as the file has them and said
    outside_window: list[str] = field(default_factory=list)
    records: list = field(default_factory=list, repr=False)  # the file's records, as the import read them
    applied: bool = False

    def summary(self) -> str:
        return (f"{self.kind}: {len(self.added)} added, {len(self.changed)} changed, "
                f"{len(self.unchanged)} unchanged")

    def notes(self) -> list[str]:
        """Reported RAGs the dates disagree with (kept), and knock-ons the import leaves (never applied)."""
        return blank_notes(self.blanks, self.blank) + [f"Flag: {flag}" for flag in self.flags] + [
            f"Check: {text}" for text in self.outside_window] + [
            f"Knock-on: {push.ref} forecast {push.forecast:%d/%m/%Y} falls before {push.caused_by}; "
            f"it would move to {push.pushed_to:%d/%m/%Y} ({push.days} working days). Not applied."
            for push in self.knock_ons]


def import_file(plan: PlanFile, kind: str, path: str | Path, *, preview: bool = False, blank: str = KEEP
                ) -> ImportResult:
    """Import ``path`` as the record kind named ``kind`` (see :mod:`trustplanner.services.kinds`)."""
    from trustplanner.services.kinds import kind_named

    try:
        record_kind = kind_named(kind)
    except KeyError:
        from trustplanner.services.kinds import KINDS

        raise ValidationFailed([Problem(str(path), None, None, f"unknown kind '{kind}'; choose one of: "
                                        f"{', '.join(k.name for k in KINDS)}")]) from None
    return record_kind.import_file(plan, path, preview=preview, blank=blank)


def import_services(plan: PlanFile, path: str | Path, *, preview: bool = False, blank: str = KEEP) -> ImportResult:
    """Import a services file; with ``preview`` report what would change and change nothing."""
    return _import(plan, path, preview, "services", import_services_format.parse,
                   lambda snapshot: {s.name: s for s in snapshot.services}, lambda s: s.name, write_services,
                   blanks=lambda snapshot: _service_blanks(snapshot, blank))


def import_milestones(plan: PlanFile, path: str | Path, *, preview: bool = False, blank: str = KEEP
                      ) -> ImportResult:
    """Import a milestones file; knock-ons it leaves are reported, never applied."""
    return _import(plan, path, preview, "milestones", import_milestones_format.parse,
                   lambda snapshot: {m.ref: m for m in snapshot.milestones}, lambda m: m.ref, write_milestones,
                   knock_ons=True, blanks=lambda snapshot: _milestone_blanks(snapshot, blank))


def _service_blanks(snapshot: PlanSnapshot, blank: str) -> BlankCells:
    from trustplanner.services.exports import service_cells

    def key_of(cells: Mapping[str, str]) -> str:
        return cells.get("name", "").strip().casefold()

    return BlankCells(blank, by_key(map(service_cells, snapshot.services), import_services_format.COLUMNS, key_of),
                      key_of, lambda cells: cells["name"], import_services_format.OPTIONAL,
                      same={"retained": lambda old: "no"})


def _milestone_blanks(snapshot: PlanSnapshot, blank: str) -> BlankCells:
    from trustplanner.services.exports import milestone_cells

    def key_of(cells: Mapping[str, str]) -> str:
        return cells.get("ref", "")

    milestones = (m for m in snapshot.milestones if not m.derived)
    return BlankCells(blank, by_key(map(milestone_cells, milestones), import_milestones_format.COLUMNS, key_of),
                      key_of, key_of, import_milestones_format.OPTIONAL,
                      # a blank forecast is the baseline; an actual date makes the reported RAG complete
                      same={"forecast": lambda old: old["baseline"]}, unless={"rag": "actual"})


def _import(plan: PlanFile, path: str | Path, preview: bool, kind: str, parse, existing, key_of, write, *,
            blanks, knock_ons: bool = False) -> ImportResult:  # noqa: ANN001
    with change_or_preview(plan, f"Import {kind} from {Path(path).name}", preview) as unit:
        session = unit.session
        snapshot = read_snapshot(session)
        cells = blanks(snapshot)
        table, records = parse(path, snapshot, cells.apply)
        before = existing(snapshot)
        result = ImportResult(kind, ignored_columns=table.ignored_columns, blanks=cells.found, blank=cells.mode,
                              records=records)
        for record in records:
            key = key_of(record)
            if key not in before:
                result.added.append(key)
            elif before[key] != record:
                result.changed.append(key)
            else:
                result.unchanged.append(key)
        if knock_ons:
            merged = {**before, **{key_of(r): r for r in records}}
            result.knock_ons = knock_on(merged.values())
            tolerance = snapshot.programme.tolerance_days
            result.flags = [f"{r.ref}: {text}" for r in records
                            if (text := rag_disagreement(r, snapshot.status_date, tolerance))]
            window = plan_window(snapshot.programme)  # kept, only flagged: a file is not refused for these
            result.outside_window = [f"{r.ref}: {label} {text}; kept as in the file" for r in records
                             for label, day in (("baseline", r.baseline), ("forecast", r.forecast),
                                                ("actual", r.actual))
                             if (text := window.problem(day))]
        if preview or not (result.added or result.changed):
            return result
        write(session, records)
        result.applied = True
    return result
