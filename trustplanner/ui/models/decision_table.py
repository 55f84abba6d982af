"""The decisions log's tables: decisions still needed (soonest first, with the key decision notice
flag) and decisions made (newest first). One model class shows either list."""

from __future__ import annotations

from datetime import date
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from trustplanner.domain.decision_rules import notice_problem
from trustplanner.domain.enums import Rag
from trustplanner.domain.risks import Decision, DecisionStatus
from trustplanner.ui.palette import RAG_TEXT

DECISION_ROLE = Qt.ItemDataRole.UserRole + 1
FLAG_MARK = "!"
NEEDED = (DecisionStatus.NEEDED, DecisionStatus.DEFERRED)


class Column(IntEnum):
    REF = 0
    TITLE = 1
    FORUM = 2
    STATUS = 3
    WHEN = 4
    KEY = 5
    LINKS = 6


def needed_decisions(decisions) -> list[Decision]:  # noqa: ANN001
    """Needed (and deferred) decisions, soonest needed first (those with no date last)."""
    return sorted((d for d in decisions if d.status in NEEDED),
                  key=lambda d: (d.needed_by is None, d.needed_by or date.max, d.ref))


def made_decisions(decisions) -> list[Decision]:  # noqa: ANN001
    """Made (and superseded) decisions, newest first."""
    return sorted((d for d in decisions if d.status not in NEEDED),
                  key=lambda d: (d.made_on or date.min, d.ref), reverse=True)


def links_text(d: Decision) -> str:
    return "; ".join(part for part in (", ".join(d.milestones), ", ".join(d.risks), ", ".join(d.funding_changes))
                     if part)


class DecisionTableModel(QAbstractTableModel):
    """``needed``: the When column is the needed-by date (or meeting) and the notice flag shows;
    otherwise it is the date made."""

    def __init__(self, needed: bool, parent=None):
        super().__init__(parent)
        self.needed = needed
        self._rows: list[Decision] = []
        self._notices: list[str | None] = []

    def set_rows(self, decisions: list[Decision], as_of: date) -> None:
        self.beginResetModel()
        self._rows = list(decisions)
        self._notices = [notice_problem(d, as_of) for d in self._rows]
        self.endResetModel()

    def decision(self, row: int) -> Decision:
        return self._rows[row]

    def row_of(self, ref: str) -> int:
        return next((row for row, d in enumerate(self._rows) if d.ref == ref), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return {Column.REF: "Ref", Column.TITLE: "Decision", Column.FORUM: "Forum", Column.STATUS: "Status",
                    Column.WHEN: "Needed by" if self.needed else "Made on", Column.KEY: "Key",
                    Column.LINKS: "Links to"}[Column(section)]
        if role == Qt.ItemDataRole.ToolTipRole and section == Column.KEY:
            return "A key decision needs 28 clear days' notice on the forward plan: ! when it has fewer"
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        d, column = self._rows[index.row()], Column(index.column())
        notice = self._notices[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column is Column.REF:
                return d.ref
            if column is Column.TITLE:
                return d.title
            if column is Column.FORUM:
                return d.forum_words
            if column is Column.STATUS:
                return d.status.label
            if column is Column.WHEN:
                if not self.needed:
                    return f"{d.made_on:%d/%m/%Y}" if d.made_on else ""
                day = f"{d.needed_by:%d/%m/%Y}" if d.needed_by else ""
                return f"{day} ({d.meeting})" if d.meeting and day else day or d.meeting
            if column is Column.KEY:
                return ("Key" if d.key_decision else "") + (f" {FLAG_MARK}" if notice else "")
            if column is Column.LINKS:
                return links_text(d)
        if role == DECISION_ROLE:
            return d
        if role == Qt.ItemDataRole.ForegroundRole and column is Column.KEY and notice:
            return QBrush(RAG_TEXT[Rag.RED])
        if role == Qt.ItemDataRole.ToolTipRole:
            if column is Column.KEY and notice:
                return notice[:1].upper() + notice[1:]
            if column in (Column.TITLE, Column.LINKS):
                return d.title if column is Column.TITLE else links_text(d)
        return None
