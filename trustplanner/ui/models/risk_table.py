"""The risk register's table: a QAbstractTableModel over RiskLine records, and its filter.

A line is worked out once from the register (band, direction of travel, next action, flags), so
the view's many questions are answered from plain values.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush

from trustplanner.domain.enums import Rag
from trustplanner.domain.risk_rules import (
    Direction,
    action_overdue,
    at_escalation,
    band,
    direction_since_review,
    review_overdue,
)
from trustplanner.domain.risk_categories import find_category
from trustplanner.domain.risks import (
    STANDARD_CATEGORIES,
    ActionStatus,
    Category,
    Risk,
    RiskAction,
    RiskRegister,
    RiskStatus,
)
from trustplanner.ui.palette import RAG_FILL, RAG_ON_FILL, RAG_TEXT

RISK_ROLE = Qt.ItemDataRole.UserRole + 1  # the Risk of the row
LINE_ROLE = Qt.ItemDataRole.UserRole + 2  # the RiskLine of the row
SORT_ROLE = Qt.ItemDataRole.UserRole + 3
FLAG_MARK = "!"


class Column(IntEnum):
    REF = 0
    SCORE = 1
    TITLE = 2
    OWNER = 3
    CATEGORY = 4
    STATUS = 5
    DIRECTION = 6
    REVIEW_BY = 7
    NEXT_ACTION = 8


HEADERS = {Column.REF: "Ref", Column.SCORE: "Score", Column.TITLE: "Risk", Column.OWNER: "Owner",
           Column.CATEGORY: "Category", Column.STATUS: "Status", Column.DIRECTION: "Trend",
           Column.REVIEW_BY: "Review by", Column.NEXT_ACTION: "Next action due"}
EDITABLE = {Column.TITLE, Column.OWNER, Column.CATEGORY, Column.STATUS, Column.REVIEW_BY}
STATUS_CHOICES = [s.label for s in RiskStatus]


@dataclass(frozen=True)
class RiskLine:
    risk: Risk
    band: Rag
    direction: Direction
    next_action: RiskAction | None
    review_flag: str | None
    overdue_actions: tuple[str, ...]
    escalate: bool

    @property
    def ref(self) -> str:
        return self.risk.ref

    @property
    def flags(self) -> tuple[str, ...]:
        return tuple(f for f in (self.review_flag, *self.overdue_actions) if f)


def risk_lines(register: RiskRegister, as_of: date) -> list[RiskLine]:
    lines = []
    for risk in register.risks:
        actions = register.actions_of(risk.ref)
        open_actions = sorted((a for a in actions if a.status is ActionStatus.OPEN),
                              key=lambda a: (a.due is None, a.due or date.max))
        overdue = tuple(text for a in actions if (text := action_overdue(a, as_of)))
        lines.append(RiskLine(risk, band(risk.current.value, register.appetite),
                              direction_since_review(risk, register.reviews), open_actions[0] if open_actions else None,
                              review_overdue(risk, as_of), overdue, at_escalation(risk, register.appetite)))
    return lines


def _date(day: date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def cell_text(line: RiskLine, column: Column) -> str:
    r = line.risk
    if column is Column.REF:
        return r.ref
    if column is Column.SCORE:
        return str(r.current.value)
    if column is Column.TITLE:
        return r.title
    if column is Column.OWNER:
        return r.owner
    if column is Column.CATEGORY:
        return r.category.label
    if column is Column.STATUS:
        return r.status.label
    if column is Column.DIRECTION:
        return line.direction.value
    if column is Column.REVIEW_BY:
        return _date(r.review_by) + (f" {FLAG_MARK}" if line.review_flag else "")
    if column is Column.NEXT_ACTION:
        if line.next_action is None:
            return ""
        due = _date(line.next_action.due) or "no date"
        return due + (f" {FLAG_MARK}" if line.overdue_actions else "")
    return ""


def sort_key(line: RiskLine, column: Column) -> str:
    """A plain string that sorts as the column should (numbers padded, dates ISO, blanks last)."""
    r = line.risk
    if column is Column.SCORE:
        return f"{r.current.value:02d}{r.current.impact}"
    if column is Column.REVIEW_BY:
        return r.review_by.isoformat() if r.review_by else "~"
    if column is Column.NEXT_ACTION:
        return line.next_action.due.isoformat() if line.next_action and line.next_action.due else "~"
    if column is Column.DIRECTION:
        return {Direction.WORSE: "0", Direction.SAME: "1", Direction.BETTER: "2"}[line.direction]
    return cell_text(line, column).casefold()


class RiskTableModel(QAbstractTableModel):
    """Shows lines; an edit in place becomes ``edit_requested(old, new)`` for the page to run."""

    edit_requested = Signal(object, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._lines: list[RiskLine] = []
        self.read_only = False
        self.categories: tuple[Category, ...] = STANDARD_CATEGORIES  # what the category column offers

    def set_lines(self, lines: list[RiskLine], categories: tuple[Category, ...] = STANDARD_CATEGORIES) -> None:
        self.beginResetModel()
        self._lines, self.categories = list(lines), categories
        self.endResetModel()

    def category_choices(self) -> list[str]:
        return [c.label for c in self.categories]

    def line(self, row: int) -> RiskLine:
        return self._lines[row]

    def row_of(self, ref: str) -> int:
        return next((row for row, line in enumerate(self._lines) if line.ref == ref), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(Column):
            if role == Qt.ItemDataRole.DisplayRole:
                return HEADERS[Column(section)]
            if role == Qt.ItemDataRole.ToolTipRole and section == Column.DIRECTION:
                return "Direction of travel since the last review: ↑ worse, ↓ better, → no change"
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line, column = self._lines[index.row()], Column(index.column())
        r = line.risk
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(line, column)
        if role == Qt.ItemDataRole.EditRole:
            if column is Column.REVIEW_BY:
                return QDate(r.review_by.year, r.review_by.month, r.review_by.day) if r.review_by else None
            return cell_text(line, column)
        if role == SORT_ROLE:
            return sort_key(line, column)
        if role == RISK_ROLE:
            return r
        if role == LINE_ROLE:
            return line
        if role == Qt.ItemDataRole.BackgroundRole and column is Column.SCORE:
            return QBrush(RAG_FILL[line.band])
        if role == Qt.ItemDataRole.ForegroundRole:
            if column is Column.SCORE:
                return QBrush(RAG_ON_FILL[line.band])
            if (column is Column.REVIEW_BY and line.review_flag) or (column is Column.NEXT_ACTION
                                                                     and line.overdue_actions):
                return QBrush(RAG_TEXT[Rag.RED])
            if column is Column.DIRECTION and line.direction is Direction.WORSE:
                return QBrush(RAG_TEXT[Rag.RED])
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.SCORE, Column.DIRECTION):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column is Column.SCORE:
                text = f"Current score {r.current}: {line.band.label.lower()}"
                return text + (" (at or above the escalation score)" if line.escalate else "")
            if column is Column.DIRECTION:
                return f"{line.direction.label.capitalize()} since the last review"
            if column is Column.REVIEW_BY and line.review_flag:
                return line.review_flag.capitalize()
            if column is Column.NEXT_ACTION and line.next_action is not None:
                return "; ".join(line.overdue_actions) or line.next_action.action
            if column is Column.TITLE:
                return r.title
        if role == Qt.ItemDataRole.AccessibleTextRole and column is Column.SCORE:
            return f"{r.current.value}, {line.band.label}"
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and not self.read_only and Column(index.column()) in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.read_only:
            return False
        column = Column(index.column())
        if column not in EDITABLE:
            return False
        old = self._lines[index.row()].risk
        try:
            new = _edited(old, column, value, self.categories)
        except (ValueError, StopIteration):
            return False
        if new == old:
            return False
        self.edit_requested.emit(old, new)
        return True


def _edited(risk: Risk, column: Column, value, categories: tuple[Category, ...]) -> Risk:  # noqa: ANN001
    if column is Column.TITLE:
        return replace(risk, title=str(value).strip())
    if column is Column.OWNER:
        return replace(risk, owner=str(value).strip())
    if column is Column.CATEGORY:
        category = find_category(categories, str(value))
        if category is None:
            raise ValueError(value)
        return replace(risk, category=category)
    if column is Column.STATUS:
        return replace(risk, status=next(s for s in RiskStatus if s.label == value))
    if column is Column.REVIEW_BY:
        return replace(risk, review_by=value.toPython() if isinstance(value, QDate) and value.isValid() else None)
    raise ValueError(column)


class RiskFilter(QSortFilterProxyModel):
    """Filters by status, category, owner, band (or at the escalation score), linked milestone, a heat map
    cell (likelihood, impact) and free text; sorts on plain keys."""

    ESCALATION = "escalation"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.status: RiskStatus | None = None
        self.category: str | None = None  # a category's label
        self.owner: str | None = None
        self.band: Rag | str | None = None
        self.milestone: str | None = None
        self.cell: tuple[int, int] | None = None
        self.text = ""

    def set_filters(self, *, status=None, category=None, owner=None, band=None, milestone=None, cell=None,  # noqa: ANN001
                    text: str = "") -> None:
        self.beginFilterChange()
        self.status, self.category, self.owner, self.band = status, category, owner, band
        self.milestone, self.cell, self.text = milestone, cell, text.strip().casefold()
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        line = self.sourceModel().line(source_row)
        r = line.risk
        if self.status is not None and r.status != self.status:
            return False
        if self.category is not None and r.category.label != self.category:
            return False
        if self.owner is not None and r.owner != self.owner:
            return False
        if self.band == self.ESCALATION and not line.escalate:
            return False
        if self.band not in (None, self.ESCALATION) and line.band != self.band:
            return False
        if self.milestone is not None and self.milestone not in r.milestones:
            return False
        if self.cell is not None and ((r.current.likelihood, r.current.impact) != self.cell
                                      or r.status is not RiskStatus.OPEN):
            return False
        if self.text:
            haystack = " ".join((r.ref, r.title, r.owner, r.cause, r.event, r.effect, r.controls,
                                 " ".join(r.milestones), " ".join(r.services))).casefold()
            return self.text in haystack
        return True

    def lessThan(self, left: QModelIndex | QPersistentModelIndex, right: QModelIndex | QPersistentModelIndex) -> bool:
        return str(left.data(SORT_ROLE)) < str(right.data(SORT_ROLE))
