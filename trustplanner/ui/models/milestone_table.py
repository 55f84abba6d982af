"""The milestones table: a QAbstractTableModel over MilestoneLine records (never ORM rows)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from trustplanner.domain.enums import Rag, Stage, parse_choice
from trustplanner.domain.model import Milestone
from trustplanner.services.milestone_lines import MilestoneLine
from trustplanner.ui.palette import RAG_FILL, RAG_TEXT

RAG_COLOURS = RAG_FILL  # the badges' fills; kept under the old name for the modules that import it

MILESTONE_ROLE = Qt.ItemDataRole.UserRole + 1  # the Milestone record of the row
LINE_ROLE = Qt.ItemDataRole.UserRole + 2  # the MilestoneLine of the row
SORT_ROLE = Qt.ItemDataRole.UserRole + 3
FLAGS_ROLE = Qt.ItemDataRole.UserRole + 4  # the status flags of the row (tuple of sentences)
#: shown after the RAG letter when the status has a flag (readable in greyscale and when copied)
FLAG_MARK = "!"


class Column(IntEnum):
    REF = 0
    RAG = 1
    TITLE = 2
    BASELINE = 3
    FORECAST = 4
    ACTUAL = 5
    SLIP = 6
    OWNER = 7
    WORKSTREAM = 8
    SERVICE = 9
    STAGE = 10
    DEPENDS_ON = 11
    COMMENTARY = 12


HEADERS = {
    Column.REF: "Ref", Column.RAG: "RAG", Column.TITLE: "Milestone", Column.WORKSTREAM: "Workstream",
    Column.SERVICE: "Service", Column.STAGE: "Stage", Column.OWNER: "Owner", Column.BASELINE: "Baseline",
    Column.FORECAST: "Forecast", Column.ACTUAL: "Actual", Column.SLIP: "Slip (wd)",
    Column.DEPENDS_ON: "Depends on", Column.COMMENTARY: "Commentary",
}
COLUMNS = tuple(Column)
DISPLAY = Qt.ItemDataRole.DisplayRole
EDITABLE = {Column.RAG, Column.TITLE, Column.WORKSTREAM, Column.SERVICE, Column.STAGE, Column.OWNER,
            Column.FORECAST, Column.ACTUAL, Column.COMMENTARY}
#: a derived TUPE deadline follows the staff data; only what happened, and its status, can be recorded on it
DERIVED_EDITABLE = {Column.RAG, Column.ACTUAL, Column.COMMENTARY}
DATE_COLUMNS = {Column.BASELINE, Column.FORECAST, Column.ACTUAL}


def qdate(value: date | None) -> QDate | None:
    return QDate(value.year, value.month, value.day) if value else None


class MilestoneTableModel(QAbstractTableModel):
    """Shows lines; an edit becomes ``edit_requested(old, new)`` for the page to run as a command."""

    edit_requested = Signal(object, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._lines: list[MilestoneLine] = []
        self._text: list[tuple[str, ...]] = []
        self._keys: list[tuple] = []
        self._sort: tuple[int, bool] = (Column.REF, False)
        self.read_only = False

    def set_lines(self, lines: list[MilestoneLine]) -> None:
        """Show ``lines`` (kept in the current sort order); resets only when the rows differ."""
        # Display text and sort keys are worked out once here: views ask for them many times.
        text = [row_text(line) for line in lines]
        keys = [row_keys(line, row) for line, row in zip(lines, text)]
        order = self._order(keys)
        lines, text, keys = [lines[i] for i in order], [text[i] for i in order], [keys[i] for i in order]
        if [line.ref for line in lines] == [line.ref for line in self._lines]:
            self._lines, self._text, self._keys = lines, text, keys
            if lines:
                self.dataChanged.emit(self.index(0, 0), self.index(len(lines) - 1, len(Column) - 1))
            return
        self.beginResetModel()
        self._lines, self._text, self._keys = lines, text, keys
        self.endResetModel()

    def _order(self, keys: list[tuple]) -> list[int]:
        column, descending = self._sort
        return sorted(range(len(keys)), key=lambda i: (keys[i][column], keys[i][Column.REF]), reverse=descending)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting happens here on plain Python keys (a sorting proxy would call data() ~40,000 times)."""
        if not 0 <= column < len(Column):
            return
        self._sort = (column, order == Qt.SortOrder.DescendingOrder)
        self.layoutAboutToBeChanged.emit()
        old_rows = {line.ref: row for row, line in enumerate(self._lines)}
        order_ = self._order(self._keys)
        self._lines = [self._lines[i] for i in order_]
        self._text = [self._text[i] for i in order_]
        self._keys = [self._keys[i] for i in order_]
        new_row = {old_rows[line.ref]: row for row, line in enumerate(self._lines)}
        persistent = self.persistentIndexList()
        self.changePersistentIndexList(
            persistent, [self.index(new_row[p.row()], p.column()) for p in persistent])
        self.layoutChanged.emit()

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
            return HEADERS[COLUMNS[section]]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = COLUMNS[index.column()]
        milestone = self._lines[index.row()].milestone
        editable = DERIVED_EDITABLE if milestone.derived else EDITABLE
        if column == Column.RAG and milestone.actual is not None:
            editable = editable - {Column.RAG}  # it happened: complete, nothing to report
        if not self.read_only and column in editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._lines):
            return None
        if role == DISPLAY:
            return self._text[row][index.column()]
        if role == SORT_ROLE:
            return self._keys[row][index.column()]
        line = self._lines[row]
        if role == LINE_ROLE:
            return line
        m = line.milestone
        column = COLUMNS[index.column()]
        if role == MILESTONE_ROLE:
            return m
        if role == Qt.ItemDataRole.EditRole:
            if column == Column.RAG:
                return m.rag_override.value if m.rag_override else ""
            if column in DATE_COLUMNS:
                return qdate(getattr(m, column.name.lower()))
            return self._text[row][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(line, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == Column.FORECAST and m.actual is None and line.rag is not Rag.COMPLETE:
                return QBrush(RAG_TEXT[line.rag])  # the forecast in its milestone's RAG colour
            if column == Column.SLIP and line.slip_days > 0:
                return QBrush(RAG_TEXT[line.rag] if line.rag is not Rag.COMPLETE else QColor("#555"))
        if role == Qt.ItemDataRole.FontRole and m.derived:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.RAG, Column.SLIP):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == FLAGS_ROLE:
            return line.flags
        if role == Qt.ItemDataRole.AccessibleTextRole and column == Column.RAG:
            return line.rag.label + (f", flagged: {'; '.join(line.flags)}" if line.flags else "")
        return None

    @staticmethod
    def _tooltip(line: MilestoneLine, column: Column) -> str | None:
        m = line.milestone
        if column == Column.RAG:
            why = "overdue" if line.overdue else f"{line.slip_days:+d} working days against baseline"
            text = f"{line.rag.label}: {why}"
            if line.reported and line.reported is line.rag:
                text += f" (reported {line.reported.value})"
            return "\n".join([text, *(flag[0].upper() + flag[1:] for flag in line.flags)])
        if column == Column.FORECAST and line.pushed_to:
            return f"Knock-on: a predecessor now finishes {line.pushed_to:%d/%m/%Y}, after this forecast"
        if column == Column.COMMENTARY and m.commentary:
            return m.commentary
        if column in (Column.TITLE, Column.REF) and m.derived:
            return f"{m.title}\nDerived from the staff data and kept in step with the go-live dates."
        if column == Column.TITLE:
            return m.title
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.read_only:
            return False
        column = COLUMNS[index.column()]
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
            if column == Column.ACTUAL:  # it happened: complete, and the reported RAG has had its day
                return replace(old, actual=day, rag_override=None)
            return replace(old, **{column.name.lower(): day})
        if column == Column.RAG:
            if value is None or value == "":
                return replace(old, rag_override=None)
            rag = value if isinstance(value, Rag) else parse_choice(Rag, str(value))
            return replace(old, rag_override=rag) if rag in (Rag.GREEN, Rag.AMBER, Rag.RED) else None
        text = str(value).strip() if value is not None else ""
        if column == Column.STAGE:
            stage = parse_choice(Stage, text)
            return replace(old, stage=stage) if stage else None
        if column == Column.SERVICE:
            return replace(old, service=text or None)
        field = {Column.TITLE: "title", Column.WORKSTREAM: "workstream", Column.OWNER: "owner",
                 Column.COMMENTARY: "commentary"}[column]
        return replace(old, **{field: text})


def _uk(value: date | None) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year}" if value else ""


def row_text(line: MilestoneLine) -> tuple[str, ...]:
    """The display text of every column, in column order."""
    m = line.milestone
    text = {
        Column.REF: m.ref, Column.RAG: line.rag.letter + (FLAG_MARK if line.flags else ""), Column.TITLE: m.title,
        Column.BASELINE: _uk(m.baseline), Column.FORECAST: _uk(m.forecast), Column.ACTUAL: _uk(m.actual),
        Column.SLIP: f"{line.slip_days:+d}" if line.slip_days else "0", Column.OWNER: m.owner,
        Column.WORKSTREAM: m.workstream, Column.SERVICE: m.service or "", Column.STAGE: m.stage.label,
        Column.DEPENDS_ON: "; ".join(m.depends_on), Column.COMMENTARY: " ".join(m.commentary.split()),
    }
    return tuple(text[column] for column in COLUMNS)


def row_keys(line: MilestoneLine, text: tuple[str, ...]) -> tuple:
    """Sort keys in column order: dates as ISO (blank last), numbers as numbers, text folded."""
    m = line.milestone
    keys = [value.casefold() for value in text]
    keys[Column.RAG] = line.rag.severity
    keys[Column.SLIP] = line.slip_days
    for column, value in ((Column.BASELINE, m.baseline), (Column.FORECAST, m.forecast), (Column.ACTUAL, m.actual)):
        keys[column] = value.isoformat() if value else "9999"
    return tuple(keys)
