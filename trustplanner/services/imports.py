"""Importing services and milestones from CSV or XLSX: validated whole, applied whole.

Every row is checked against the file and the plan; if anything is wrong nothing changes and
every problem is reported with its file, row and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from trustplanner.domain.problems import Problem, ValidationFailed
from trustplanner.domain.schedule import KnockOn, knock_on
from trustplanner.services import import_milestones, import_services
from trustplanner.services.milestone_store import write_milestones, write_services
from trustplanner.services.snapshot import read_snapshot
from trustplanner.services.history import change_or_preview
from trustplanner.store.plan_file import PlanFile

KINDS = ("services", "milestones")


@dataclass
class ImportResult:
    kind: str
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    knock_ons: list[KnockOn] = field(default_factory=list)
    applied: bool = False

    def summary(self) -> str:
        return (f"{self.kind}: {len(self.added)} added, {len(self.changed)} changed, "
                f"{len(self.unchanged)} unchanged")

    def notes(self) -> list[str]:
        """Knock-ons the import leaves (reported, never applied)."""
        return [f"Knock-on: {push.ref} forecast {push.forecast:%d/%m/%Y} falls before {push.caused_by}; "
                f"it would move to {push.pushed_to:%d/%m/%Y} ({push.days} working days). Not applied."
                for push in self.knock_ons]


def import_file(plan: PlanFile, kind: str, path: str | Path, *, preview: bool = False) -> ImportResult:
    """Import ``path`` as ``kind``; with ``preview`` report what would change and change nothing."""
    if kind not in KINDS:
        raise ValidationFailed([Problem(str(path), None, None,
                                        f"unknown kind '{kind}'; choose one of: {', '.join(KINDS)}")])
    with change_or_preview(plan, f"Import {kind} from {Path(path).name}", preview) as unit:
        session = unit.session
        snapshot = read_snapshot(session)
        if kind == "services":
            table, records = import_services.parse(path, snapshot)
            before = {s.name: s for s in snapshot.services}
            keys = [s.name for s in records]
        else:
            table, records = import_milestones.parse(path, snapshot)
            before = {m.ref: m for m in snapshot.milestones}
            keys = [m.ref for m in records]
        result = ImportResult(kind, ignored_columns=table.ignored_columns)
        for key, record in zip(keys, records):
            if key not in before:
                result.added.append(key)
            elif before[key] != record:
                result.changed.append(key)
            else:
                result.unchanged.append(key)
        if kind == "milestones":
            merged = {**{m.ref: m for m in snapshot.milestones}, **{m.ref: m for m in records}}
            result.knock_ons = knock_on(merged.values())
        if preview or not (result.added or result.changed):
            return result
        if kind == "services":
            write_services(session, records)
        else:
            write_milestones(session, records)
        result.applied = True
    return result
