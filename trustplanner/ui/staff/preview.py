"""What the staff import preview lists: joiners, leavers and field-by-field changes.

Rows are plain text tuples for :class:`trustplanner.ui.text_table.TextTableModel`, so an
extract of 20,000 people previews quickly. Names and salaries appear only when the user has
chosen to show them.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from enum import Enum

from trustplanner.domain.money import format_pounds
from trustplanner.domain.staff import StaffRecord
from trustplanner.ui.staff.table import HIDDEN, fte_cell

FIELD_LABELS = {
    "ref": "Ref", "name": "Name", "service": "Service", "team": "Team", "role": "Role", "grade": "Grade",
    "employment": "Employment", "fte": "FTE", "annual_cost": "Annual cost", "tupe": "In TUPE scope",
    "pension": "Pension", "caseload": "Caseload", "transfer_date": "Transfer date", "eli_sent": "ELI sent",
    "consultation": "Consultation",
}
FIELD_ORDER = tuple(FIELD_LABELS) + tuple(f.name for f in fields(StaffRecord) if f.name not in FIELD_LABELS)
PERSONAL_FIELDS = frozenset({"name", "annual_cost"})
PERSON_HEADERS = ("Ref", "Name", "Service", "Team", "Role", "Employment", "FTE")
CHANGE_HEADERS = ("Ref", "Field", "Now", "After import")


def show_staff_value(name: str, value: object) -> str:
    """A field value as an HR officer would write it."""
    if value is None or value == "":
        return "(blank)"
    if name == "fte":
        return fte_cell(value)
    if name == "annual_cost":
        return format_pounds(value, decimals=False)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, Enum):
        return str(getattr(value, "label", value.value))
    return str(value)


def staff_changes(old: StaffRecord, new: StaffRecord, *, show_names: bool) -> list[tuple[str, str, str]]:
    """(field label, now, after import) for every field that differs; personal values hidden unless shown."""
    changes = []
    for name in FIELD_ORDER:  # the order of the columns in an HR extract
        before, after = getattr(old, name), getattr(new, name)
        if before == after:
            continue
        if name in PERSONAL_FIELDS and not show_names:
            changes.append((FIELD_LABELS.get(name, name), HIDDEN, HIDDEN))
        else:
            label = FIELD_LABELS.get(name, name)
            changes.append((label, show_staff_value(name, before), show_staff_value(name, after)))
    return changes


def person_cells(record: StaffRecord, *, show_names: bool) -> tuple[str, ...]:
    return (record.ref, (record.name or "") if show_names else HIDDEN, record.service, record.team, record.role,
            record.employment.label, fte_cell(record.fte))


def change_rows(changes: dict[str, list[tuple[str, str, str]]]) -> list[tuple[str, ...]]:
    """One row per changed field; the ref only on the first row of each person."""
    rows = []
    for ref, fields_ in changes.items():
        for n, (label, before, after) in enumerate(fields_):
            rows.append((ref if n == 0 else "", label, before, after))
    return rows
