"""A row of controls that wraps onto a second line when the window is too narrow for it.

Filter rows use it so that on a laptop at 125 or 150% a search box keeps a useful width and
the combos move down a line, rather than everything shrinking to "S…" (docs/design/0010).
Items take their size hints; an item added with ``stretch`` takes a share of the spare width
on its line.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLayout, QLayoutItem, QWidget, QWidgetItem


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 6):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._stretch: dict[int, int] = {}
        self._spacing = spacing
        self._wanted = 0  # the height its lines took at the width it was last given
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    # what callers use -------------------------------------------------------------------------
    def addWidget(self, widget: QWidget, stretch: int = 0) -> None:  # noqa: N802 - Qt's name
        self.addChildWidget(widget)
        self._add(QWidgetItem(widget), stretch)

    def add_group(self, *widgets: QWidget, stretch: int = 0) -> QWidget:
        """Widgets that stay together on one line (a caption and its combo)."""
        group = QWidget()
        row = QHBoxLayout(group)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        for widget in widgets:
            row.addWidget(widget, 1 if widget is widgets[-1] else 0)
        self.addWidget(group, stretch)
        return group

    def _add(self, item: QLayoutItem, stretch: int) -> None:
        self._items.append(item)
        self._stretch[id(item)] = stretch
        self.invalidate()

    # QLayout ----------------------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802
        self._add(item, 0)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        if 0 <= index < len(self._items):
            item = self._items.pop(index)
            self._stretch.pop(id(item), None)
            return item
        return None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        # no: a page holding a height-for-width layout is given its preferred height by its scroll
        # area, and scrolls when it need not; the minimum follows the lines instead (below)
        return False

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        wanted = self._arrange(rect, move=True)
        if wanted != self._wanted:  # wrapped or unwrapped: the layouts above must make room
            self._wanted = wanted
            QTimer.singleShot(0, self._relayout)

    def _relayout(self) -> None:
        layout = self
        while isinstance(layout, QLayout):  # the layouts holding this one cache its old height
            layout.invalidate()
            layout = layout.parent()
        widget = self.parentWidget()
        while widget is not None:
            widget.updateGeometry()
            widget = widget.parentWidget()

    def sizeHint(self) -> QSize:  # noqa: N802
        shown = [item for item in self._items if not item.isEmpty()]
        width = sum(item.sizeHint().width() for item in shown) + self._spacing * max(len(shown) - 1, 0)
        height = max((item.sizeHint().height() for item in shown), default=0)
        margins = self.contentsMargins()
        if self._wanted:
            height = self._wanted - margins.top() - margins.bottom()
        return QSize(width + margins.left() + margins.right(), height + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        size += QSize(margins.left() + margins.right(), margins.top() + margins.bottom())
        if self._wanted:  # as tall as its lines at the width it was last given
            size.setHeight(max(size.height(), self._wanted))
        return size

    # placing ----------------------------------------------------------------------------------
    def _lines(self, width: int) -> list[list[QLayoutItem]]:
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._items:
            if item.isEmpty():
                continue
            wanted = item.sizeHint().width()
            if lines[-1] and used + self._spacing + wanted > width:
                lines.append([])
                used = 0
            used += (self._spacing if lines[-1] else 0) + wanted
            lines[-1].append(item)
        return [line for line in lines if line]

    def _arrange(self, rect: QRect, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        y = area.y()
        lines = self._lines(area.width())
        for line in lines:
            hints = [item.sizeHint() for item in line]
            widths = [max(h.width(), item.minimumSize().width()) for h, item in zip(hints, line)]
            spare = area.width() - sum(widths) - self._spacing * (len(line) - 1)
            shares = [self._stretch.get(id(item), 0) for item in line]
            if spare > 0 and sum(shares) and line is lines[0]:  # a wrapped line keeps its items' sizes
                widths = [w + spare * s // sum(shares) for w, s in zip(widths, shares)]
            elif spare < 0:  # one item wider than the line: it gives way down to its minimum
                widths = [max(item.minimumSize().width(), w + spare) if n == 0 else w
                          for n, (w, item) in enumerate(zip(widths, line))]
            height = max(h.height() for h in hints)
            x = area.x()
            for item, width in zip(line, widths):
                if move:
                    item_height = min(height, max(item.sizeHint().height(), item.minimumSize().height()))
                    item.setGeometry(QRect(QPoint(x, y + (height - item_height) // 2), QSize(width, item_height)))
                x += width + self._spacing
            y += height + self._spacing
        return max(y - self._spacing - area.y(), 0) + margins.top() + margins.bottom()
