"""Filtering the milestones table by workstream, service, stage, RAG and free text."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from trustplanner.domain.enums import Rag, Stage


class MilestoneFilter(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setDynamicSortFilter(False)
        self.workstream: str | None = None
        self.service: str | None = None
        self.stage: Stage | None = None
        self.rag: Rag | None = None
        self.text = ""
        self.refs: frozenset[str] | None = None

    def set_filters(self, *, workstream: str | None = None, service: str | None = None, stage: Stage | None = None,
                    rag: Rag | None = None, text: str = "", refs=None) -> None:  # noqa: ANN001
        self.beginFilterChange()
        self.refs = frozenset(refs) if refs is not None else None
        self.workstream, self.service, self.stage, self.rag = workstream, service, stage, rag
        self.text = text.strip().casefold()
        self.endFilterChange()

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:  # noqa: ANN001
        """The source model sorts (fast, on plain keys); this proxy keeps its order and filters."""
        self.sourceModel().sort(column, order)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        line = self.sourceModel().line(source_row)
        m = line.milestone
        if self.refs is not None and m.ref not in self.refs:
            return False
        if self.workstream and m.workstream != self.workstream:
            return False
        if self.service and (m.service or "") != self.service:
            return False
        if self.stage and m.stage != self.stage:
            return False
        if self.rag and line.rag != self.rag:
            return False
        if self.text:
            haystack = " ".join((m.ref, m.title, m.owner, m.commentary, m.workstream, m.service or "")).casefold()
            return self.text in haystack
        return True
