"""Plain text rows in a light read-only table model, and the problem rows every import preview lists.

Used by the import preview: an extract of 20,000 rows shows quickly.
A cell holding :data:`HIDDEN` (a personal value not shown) is greyed and read out as "hidden".
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

HIDDEN = "—"
OLD_COLOUR = QColor("#8a2a1c")
NEW_COLOUR = QColor("#1f5e2a")
MUTED = QColor("#7a8391")


class TextTableModel(QAbstractTableModel):
    """Read-only rows of text; ``colours`` gives a foreground per column (e.g. old red, new green),
    ``bold`` the columns shown in bold."""

    def __init__(self, headers: Sequence[str], rows: Sequence[tuple[str, ...]],
                 colours: dict[int, QColor] | None = None, right: Sequence[int] = (), parent=None,
                 bold: Sequence[int] = ()):
        super().__init__(parent)
        self.bold = frozenset(bold)
        self._bold_font = QFont()
        self._bold_font.setBold(True)
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
        if role == Qt.ItemDataRole.FontRole and index.column() in self.bold and text != HIDDEN:
            return self._bold_font
        if role == Qt.ItemDataRole.AccessibleTextRole and text == HIDDEN:
            return "hidden"
        return None
