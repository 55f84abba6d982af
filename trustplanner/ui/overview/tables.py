"""Small read-only tables over plain records (next milestones, issued briefings).

Each column is declared once: heading, text, and optionally a RAG (painted as a badge), a tooltip
and whether the cell is greyed out. The model never computes a status; the records carry it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from trustplanner.domain.enums import Rag
from trustplanner.ui.delegates import paint_rag_badge
from trustplanner.ui.palette import RAG_FILL, RAG_ON_FILL

RECORD_ROLE = Qt.ItemDataRole.UserRole + 20  # the record behind the row
RAG_ROLE = Qt.ItemDataRole.UserRole + 21  # the Rag a badge column paints


@dataclass(frozen=True)
class RecordColumn:
    heading: str
    text: Callable[[Any], str]
    rag: Callable[[Any], Rag | None] | None = None
    tooltip: Callable[[Any], str] | None = None
    muted: Callable[[Any], bool] | None = None
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class RecordTableModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[RecordColumn], parent=None):
        super().__init__(parent)
        self.columns = tuple(columns)
        self._records: list[Any] = []

    def set_records(self, records: Sequence[Any]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def record(self, row: int) -> Any:
        return self._records[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.columns):
            return self.columns[section].heading
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._records)):
            return None
        record = self._records[index.row()]
        column = self.columns[index.column()]
        if role == RECORD_ROLE:
            return record
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.text(record)
        if role == RAG_ROLE:
            return column.rag(record) if column.rag else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(record) if column.tooltip else column.text(record) or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align.value)
        muted = column.muted is not None and column.muted(record)
        if role == Qt.ItemDataRole.ForegroundRole and muted:
            return QColor("#8a8a8a")
        if role == Qt.ItemDataRole.FontRole and muted:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class RagBadgeDelegate(QStyledItemDelegate):
    """Paints RAG_ROLE as a badge: the letter (as in the Milestones page) or the word."""

    def __init__(self, words: bool = False, parent=None):
        super().__init__(parent)
        self.words = words

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        value = index.data(RAG_ROLE)  # Qt hands a StrEnum back as a plain str
        rag = Rag(value) if value else None
        option = QStyleOptionViewItem(option)
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        if rag is None:
            return
        if self.words:
            paint_rag_pill(painter, option.rect.adjusted(4, 3, -4, -3), rag)
        else:
            paint_rag_badge(painter, option.rect, rag)


def paint_rag_pill(painter: QPainter, rect: QRect, rag: Rag) -> None:
    """The status as a coloured pill with its word, left-aligned in ``rect``."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = painter.font()
    font.setBold(True)
    painter.setFont(font)
    word = rag.label.upper()
    width = min(painter.fontMetrics().horizontalAdvance(word) + 14, rect.width())
    pill = QRect(rect.left(), rect.top(), width, rect.height())
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(RAG_FILL[rag])
    painter.drawRoundedRect(pill, 4, 4)
    painter.setPen(RAG_ON_FILL[rag])
    painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, word)
    painter.restore()
