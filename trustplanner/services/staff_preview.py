"""The import preview of an HR extract: joiners, leavers and each person's changes as at the extract date.

Names and salaries are marked personal, so the dialog shows them only when the user asks.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from trustplanner.domain.staff import StaffRecord, fte_text
from trustplanner.services.blanks import KEEP
from trustplanner.services.import_preview import (
    ChangedRecord,
    ImportPreview,
    RecordList,
    count,
    field_changes,
    ignored_note,
)
from trustplanner.services.staff import PERSONAL_COLUMNS, import_staff, load_staff
from trustplanner.store.plan_file import PlanFile

LABELS = {
    "ref": "Ref", "name": "Name", "service": "Service", "team": "Team", "role": "Role", "grade": "Grade",
    "employment": "Employment", "fte": "FTE", "annual_cost": "Annual cost", "tupe": "In TUPE scope",
    "pension": "Pension", "caseload": "Caseload", "transfer_date": "Transfer date", "eli_sent": "ELI sent",
    "consultation": "Consultation",
}
PERSONAL = frozenset(PERSONAL_COLUMNS)
PERSON_HEADERS = ("Ref", "Name", "Service", "Team", "Role", "Employment", "FTE")


def person_cells(record: StaffRecord) -> tuple[str, ...]:
    return (record.ref, record.name or "", record.service, record.team, record.role, record.employment.label,
            fte_text(record.fte))


def _people(title: str, records: list[StaffRecord]) -> RecordList | None:
    if not records:
        return None
    return RecordList(title, PERSON_HEADERS, tuple(person_cells(r) for r in records), personal=frozenset({1}),
                      numeric=frozenset({6}), wide=4)


def preview_staff(plan: PlanFile, path: str | Path, *, as_of: date | None = None, blank: str = KEEP
                  ) -> ImportPreview:
    result = import_staff(plan, path, extract_date=as_of, preview=True, blank=blank)
    incoming = {r.ref: r for r in result.records}
    current = {r.ref: r for r in load_staff(plan)}
    changed = tuple(ChangedRecord(ref, ref, field_changes(current[ref], incoming[ref], LABELS, personal=PERSONAL,
                                                          money=("annual_cost",), shown={"fte": fte_text}))
                    for ref in result.changed)
    notes = []
    if result.leavers:
        notes.append(f"Leavers stay in the plan's history up to {result.extract_date:%d/%m/%Y}.")
    notes += ignored_note("staff", result.ignored_columns)
    return ImportPreview(
        "staff", Path(path).name, result.extract_date,
        counts=(count(len(result.joiners), "joiner"), count(len(result.leavers), "leaver"),
                count(len(result.changed), "change"), (result.unchanged, "unchanged")),
        context=f"staff as at {result.extract_date:%d/%m/%Y}",
        added=_people("Joiners", [incoming[ref] for ref in result.joiners]), changed=changed,
        changed_heading="Ref", removed=_people("Leavers", [current[ref] for ref in result.leavers]),
        unchanged=result.unchanged, notes=tuple(notes), personal_data="names and salaries",
        importable=bool(result.joiners or result.leavers or result.changed), outcome=result,
        blanks=tuple(result.blanks), blank=result.blank)

