"""What the staff import preview lists: joiners, leavers, field-by-field changes, problems.

Rows are plain text tuples in a light table model, so an extract of 20,000 people previews
quickly. Names and salaries appear only when the user has chosen to show them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from datetime import date
from enum import Enum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from trustplanner.domain.money import format_pounds
from trustplanner.domain.problems import Problem
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
PROBLEM_HEADERS = ("Row", "Column", "Problem")
OLD_COLOUR = QColor("#8a2a1c")
NEW_COLOUR = QColor("#1f5e2a")
MUTED = QColor("#7a8391")


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


def problem_rows(problems: Sequence[Problem]) -> list[tuple[str, ...]]:
    return [(str(p.row) if p.row is not None else "—", p.column or "—", p.message) for p in problems]


class TextTableModel(QAbstractTableModel):
    """Read-only rows of text; ``colours`` gives a foreground per column (e.g. old red, new green)."""

    def __init__(self, headers: Sequence[str], rows: Sequence[tuple[str, ...]],
                 colours: dict[int, QColor] | None = None, right: Sequence[int] = (), parent=None):
        super().__init__(parent)
        self.headers = tuple(headers)
        self.rows = list(rows)
        self.colours = {column: QBrush(colour) for column, colour in (colours or {}).items()}
        self.right = frozenset(right)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        text = self.rows[index.row()][index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return text
        if role == Qt.ItemDataRole.ForegroundRole:
            if text == HIDDEN:
                return QBrush(MUTED)
            return self.colours.get(index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole and text == HIDDEN:
            return "hidden"
        return None
