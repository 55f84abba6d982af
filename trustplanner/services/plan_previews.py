"""The import previews of services and milestones: new and changed records, and the knock-ons."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from trustplanner.domain.schedule import knock_on
from trustplanner.services.blanks import KEEP
from trustplanner.services.import_preview import (
    ChangedRecord,
    ImportPreview,
    RecordList,
    count,
    describe,
    field_changes,
    ignored_note,
)
from trustplanner.services.imports import ImportResult, import_file
from trustplanner.services.snapshot import load_snapshot
from trustplanner.store.plan_file import PlanFile

LABELS = {
    "ref": "Ref", "title": "Title", "workstream": "Workstream", "stage": "Stage", "baseline": "Baseline",
    "forecast": "Forecast", "service": "Service", "owner": "Owner", "actual": "Actual",
    "depends_on": "Depends on", "rag_override": "Reported RAG", "commentary": "Commentary",
    "derived": "Derived from the template", "name": "Name", "shadow": "Shadow from", "go_live": "Go-live",
    "retained": "Retained by council", "meets": "Meets statutory deadline",
}
MILESTONE_COLUMNS = ("ref", "title", "workstream", "stage", "baseline", "forecast", "owner")
SERVICE_COLUMNS = ("name", "shadow", "go_live", "retained")


def _cells(record: object, columns: tuple[str, ...]) -> tuple[str, ...]:
    values = [getattr(record, name) for name in columns]
    return tuple("" if v in (None, "") else describe(v) for v in values)


def _common(kind: str, noun: str, result: ImportResult, path: str | Path, records: dict, before: dict,
            columns: tuple[str, ...], wide: int, title) -> dict:
    changed = tuple(ChangedRecord(key, title(before[key]), field_changes(before[key], records[key], LABELS))
                    for key in result.changed)
    added = RecordList("New", tuple(LABELS[c] for c in columns),
                       tuple(_cells(records[key], columns) for key in result.added), wide=wide)
    return dict(kind=kind, source=Path(path).name, added=added if result.added else None, changed=changed,
                changed_heading=noun.capitalize(), unchanged=len(result.unchanged),
                counts=(count(len(result.added), f"new {noun}"), count(len(result.changed), f"changed {noun}"),
                        (len(result.unchanged), "unchanged")),
                importable=bool(result.added or result.changed), outcome=result, blanks=tuple(result.blanks),
                blank=result.blank)


def preview_services(plan: PlanFile, path: str | Path, *, as_of: date | None = None, blank: str = KEEP
                     ) -> ImportPreview:
    result = import_file(plan, "services", path, preview=True, blank=blank)
    snapshot = load_snapshot(plan)
    incoming = result.records
    parts = _common("services", "service", result, path, {s.name: s for s in incoming},
                    {s.name: s for s in snapshot.services}, SERVICE_COLUMNS, 0, lambda s: s.name)
    return ImportPreview(**parts, notes=tuple(ignored_note("services", result.ignored_columns)))


def preview_milestones(plan: PlanFile, path: str | Path, *, as_of: date | None = None, blank: str = KEEP
                       ) -> ImportPreview:
    result = import_file(plan, "milestones", path, preview=True, blank=blank)
    snapshot = load_snapshot(plan)
    incoming = result.records
    records = {m.ref: m for m in incoming}
    parts = _common("milestones", "milestone", result, path, records, {m.ref: m for m in snapshot.milestones},
                    MILESTONE_COLUMNS, 1, lambda m: f"{m.ref}  {m.title}")
    existing = set(knock_on(snapshot.milestones))
    fresh = [k for k in result.knock_ons if k not in existing]
    if fresh:
        parts["counts"] += (count(len(fresh), "new knock-on"),)
    titles = {m.ref: m.title for m in snapshot.milestones} | {ref: m.title for ref, m in records.items()}
    flags = [f"{flag}. Kept as reported; the dates' RAG is shown, and the milestone is flagged." for flag in
             result.flags] + [f"Check: {text}." for text in result.outside_window]
    return ImportPreview(**parts, notes=tuple(flags + _knock_on_notes(result, fresh, titles)
                                              + ignored_note("milestones", result.ignored_columns)))


def _knock_on_notes(result: ImportResult, fresh: list, titles: dict[str, str]) -> list[str]:
    """One note per milestone that would fall before one it depends on; the new ones first."""
    if not result.knock_ons:
        return []
    notes = [f"After the import {len(result.knock_ons)} milestone{'s' if len(result.knock_ons) != 1 else ''} would "
             "fall before a milestone they depend on. Their forecasts are not moved for you: review them once the "
             "import is done. " + (f"{len(fresh)} of them {'is' if len(fresh) == 1 else 'are'} new with this import."
                                   if fresh else "None of them is new with this import.")]
    new = set(fresh)
    for k in sorted(result.knock_ons, key=lambda k: (k not in new, k.ref)):
        notes.append(f"{k.ref} {titles.get(k.ref, '')}: forecast {k.forecast:%d/%m/%Y} falls before {k.caused_by}; "
                     f"it would be pushed to {k.pushed_to:%d/%m/%Y} ({k.days} working days). "
                     + ("New with this import." if k in new else "Already so in the plan."))
    return notes

