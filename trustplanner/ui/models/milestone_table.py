"""The milestones table: a QAbstractTableModel over MilestoneLine records (never ORM rows)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from trustplanner.domain.enums import Rag, Stage, parse_choice
from trustplanner.domain.model import Milestone
from trustplanner.services.milestone_lines import MilestoneLine

RAG_COLOURS = {
    Rag.RED: QColor("#c62828"),
    Rag.AMBER: QColor("#ef8f00"),
    Rag.GREEN: QColor("#2e7d32"),
    Rag.COMPLETE: QColor("#1f5fa8"),
}

MILESTONE_ROLE = Qt.ItemDataRole.UserRole + 1  # the Milestone record of the row
LINE_ROLE = Qt.ItemDataRole.UserRole + 2  # the MilestoneLine of the row
SORT_ROLE = Qt.ItemDataRole.UserRole + 3


class Column(IntEnum):
    REF = 0
    RAG = 1
    TITLE = 2
    WORKSTREAM = 3
    SERVICE = 4
    STAGE = 5
    OWNER = 6
    BASELINE = 7
    FORECAST = 8
    ACTUAL = 9
    SLIP = 10
    DEPENDS_ON = 11
    COMMENTARY = 12


HEADERS = {
    Column.REF: "Ref", Column.RAG: "RAG", Column.TITLE: "Milestone", Column.WORKSTREAM: "Workstream",
    Column.SERVICE: "Service", Column.STAGE: "Stage", Column.OWNER: "Owner", Column.BASELINE: "Baseline",
    Column.FORECAST: "Forecast", Column.ACTUAL: "Actual", Column.SLIP: "Slip (wd)",
    Column.DEPENDS_ON: "Depends on", Column.COMMENTARY: "Commentary",
}
EDITABLE = {Column.TITLE, Column.WORKSTREAM, Column.SERVICE, Column.STAGE, Column.OWNER, Column.FORECAST,
            Column.ACTUAL, Column.COMMENTARY}
DATE_COLUMNS = {Column.BASELINE, Column.FORECAST, Column.ACTUAL}


def qdate(value: date | None) -> QDate | None:
    return QDate(value.year, value.month, value.day) if value else None


class MilestoneTableModel(QAbstractTableModel):
    """Shows lines; an edit becomes ``edit_requested(old, new)`` for the page to run as a command."""

    edit_requested = Signal(object, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._lines: list[MilestoneLine] = []
        self.read_only = False

    def set_lines(self, lines: list[MilestoneLine]) -> None:
        if [line.ref for line in lines] == [line.ref for line in self._lines]:
            self._lines = list(lines)
            if lines:
                self.dataChanged.emit(self.index(0, 0), self.index(len(lines) - 1, len(Column) - 1))
            return
        self.beginResetModel()
        self._lines = list(lines)
        self.endResetModel()

    def line(self, row: int) -> MilestoneLine:
        return self._lines[row]

    def row_of(self, ref: str) -> int:
        return next((i for i, line in enumerate(self._lines) if line.ref == ref), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[Column(section)]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.read_only and Column(index.column()) in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        m = line.milestone
        column = Column(index.column())
        if role == MILESTONE_ROLE:
            return m
        if role == LINE_ROLE:
            return line
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(line, column)
        if role == Qt.ItemDataRole.EditRole:
            if column in DATE_COLUMNS:
                return qdate(getattr(m, column.name.lower()))
            return self._display(line, column)
        if role == SORT_ROLE:
            if column in DATE_COLUMNS:
                value = getattr(m, column.name.lower())
                return value.isoformat() if value else "9999"
            if column == Column.SLIP:
                return line.slip_days
            if column == Column.RAG:
                return line.rag.severity
            return self._display(line, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(line, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == Column.FORECAST and line.slip_days > 0 and m.actual is None:
                return QBrush(RAG_COLOURS[Rag.RED if line.overdue else Rag.AMBER])
            if column == Column.SLIP and line.slip_days > 0:
                return QBrush(RAG_COLOURS[line.rag] if line.rag is not Rag.COMPLETE else QColor("#555"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.RAG, Column.SLIP):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == Column.RAG:
            return line.rag.label
        return None

    @staticmethod
    def _display(line: MilestoneLine, column: Column) -> str:
        m = line.milestone
        match column:
            case Column.REF:
                return m.ref
            case Column.RAG:
                return line.rag.letter
            case Column.TITLE:
                return m.title
            case Column.WORKSTREAM:
                return m.workstream
            case Column.SERVICE:
                return m.service or ""
            case Column.STAGE:
                return m.stage.label
            case Column.OWNER:
                return m.owner
            case Column.BASELINE | Column.FORECAST | Column.ACTUAL:
                value = getattr(m, column.name.lower())
                return f"{value:%d/%m/%Y}" if value else ""
            case Column.SLIP:
                return f"{line.slip_days:+d}" if line.slip_days else "0"
            case Column.DEPENDS_ON:
                return "; ".join(m.depends_on)
            case Column.COMMENTARY:
                return " ".join(m.commentary.split())
        return ""

    @staticmethod
    def _tooltip(line: MilestoneLine, column: Column) -> str | None:
        m = line.milestone
        if column == Column.RAG:
            why = "overdue" if line.overdue else f"{line.slip_days:+d} working days against baseline"
            text = f"{line.rag.label}: {why}"
            if m.rag_override:
                text += f" (set to {m.rag_override.value} by override)"
            return text
        if column == Column.FORECAST and line.pushed_to:
            return f"Knock-on: a predecessor now finishes {line.pushed_to:%d/%m/%Y}, after this forecast"
        if column == Column.COMMENTARY and m.commentary:
            return m.commentary
        if column == Column.TITLE:
            return m.title
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.read_only:
            return False
        column = Column(index.column())
        if column not in EDITABLE:
            return False
        old = self._lines[index.row()].milestone
        new = self._edited(old, column, value)
        if new is None or new == old:
            return False
        self.edit_requested.emit(old, new)
        return True

    @staticmethod
    def _edited(old: Milestone, column: Column, value) -> Milestone | None:
        if column in DATE_COLUMNS:
            if value is None or (isinstance(value, QDate) and not value.isValid()):
                return replace(old, actual=None) if column == Column.ACTUAL else None
            day = value.toPython() if isinstance(value, QDate) else value
            return replace(old, **{column.name.lower(): day})
        text = str(value).strip() if value is not None else ""
        if column == Column.STAGE:
            stage = parse_choice(Stage, text)
            return replace(old, stage=stage) if stage else None
        if column == Column.SERVICE:
            return replace(old, service=text or None)
        field = {Column.TITLE: "title", Column.WORKSTREAM: "workstream", Column.OWNER: "owner",
                 Column.COMMENTARY: "commentary"}[column]
        return replace(old, **{field: text})
