"""Right-click on a table's header to tick the columns it shows.

The choice lives in the header itself (hidden sections), so the page's existing
``horizontalHeader().saveState()`` remembers it with the widths and the order.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtWidgets import QHeaderView, QMenu, QTableView


class ColumnChooser:
    """Installs the header menu on ``table``; ``always`` are columns that cannot be hidden."""

    def __init__(self, table: QTableView, always: Iterable[int] = ()):
        self.table = table
        self.always = frozenset(always)
        header = table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self.show_menu)
        header.setToolTip("Right-click to choose the columns shown")

    @property
    def header(self) -> QHeaderView:
        return self.table.horizontalHeader()

    def menu(self) -> QMenu:
        """The menu of columns, in the order the header shows them, ticked when shown."""
        menu = QMenu("Columns", self.table)
        model = self.table.model()
        header = self.header
        for visual in range(header.count()):
            column = header.logicalIndex(visual)
            title = str(model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole))
            action = menu.addAction(title)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.setEnabled(column not in self.always)
            action.toggled.connect(lambda shown, c=column: self.set_shown(c, shown))
        menu.addSeparator()
        menu.addAction("Show all columns", self.show_all)
        return menu

    def set_shown(self, column: int, shown: bool) -> None:
        if column in self.always and not shown:
            return
        self.header.setSectionHidden(column, not shown)
        if shown and self.header.sectionSize(column) < 30:
            self.header.resizeSection(column, self.header.defaultSectionSize())

    def show_all(self) -> None:
        for column in range(self.header.count()):
            self.set_shown(column, True)

    def show_menu(self, position: QPoint) -> None:
        self.menu().exec(self.header.mapToGlobal(position))


class FitColumn(QObject):
    """Gives ``column`` the width the table's viewport has left after the ``together`` columns, so
    those columns show without scrolling sideways; stops once the user sizes it themselves."""

    def __init__(self, table: QTableView, column: int, together: Iterable[int], minimum: int, maximum: int):
        super().__init__(table)
        self.table, self.column, self.together = table, column, tuple(together)
        self.minimum, self.maximum = minimum, maximum
        self.user_sized = False
        self._fitting = False
        table.viewport().installEventFilter(self)
        table.horizontalHeader().sectionResized.connect(self._resized)

    def _resized(self, column: int, _old: int, _new: int) -> None:
        if column == self.column and not self._fitting and self.table.isVisible():
            self.user_sized = True

    def fit(self) -> None:
        header = self.table.horizontalHeader()
        others = sum(header.sectionSize(c) for c in self.together if c != self.column
                     and not header.isSectionHidden(c))
        width = max(self.minimum, min(self.maximum, self.table.viewport().width() - others - 2))
        self._fitting = True
        try:
            header.resizeSection(self.column, width)
        finally:
            self._fitting = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and not self.user_sized:
            self.fit()
        return False
