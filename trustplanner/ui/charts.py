"""Charts painted with QPainter (PySide6-Essentials has no QtCharts): the base the Staff and
Budget pages' charts share.

A chart is rows of bars under an optional key. Positions are shares of the current size: rows
shrink (to a minimum) to fit the height they are given, and labels are elided, never cut. Every
bar can carry a tooltip.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetrics,
    QHelpEvent,
    QPainter,
    QPaintEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

TRACK = QColor("#e8ebf0")
TEXT = QColor("#1d2533")
MUTED = QColor("#5b6472")


class Chart(QWidget):
    """Rows of bars under an optional key; subclasses say how many rows and paint one."""

    empty_text = "No staff to chart."

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMouseTracking(True)
        self.tips: list[tuple[QRectF, str]] = []

    # geometry: subclasses give rows and their preferred and smallest heights ---------------------
    def rows(self) -> int:
        raise NotImplementedError

    def row_heights(self) -> tuple[int, int]:
        """(preferred, smallest) height of a row."""
        line = self.fontMetrics().height()
        return line + 10, line + 2

    def key_height(self, width: int) -> int:
        return 0

    def row_height(self) -> float:
        preferred, smallest = self.row_heights()
        space = self.height() - self.key_height(self.width())
        return max(smallest, min(preferred, space / max(self.rows(), 1)))

    def sizeHint(self) -> QSize:
        return QSize(300, self.key_height(300) + max(self.rows(), 1) * self.row_heights()[0])

    def minimumSizeHint(self) -> QSize:
        return QSize(180, self.key_height(180) + max(self.rows(), 1) * self.row_heights()[1])

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().resizeEvent(event)
        # rows that take two lines when narrow need more height: tell the layout, or it squeezes them
        hint = self.minimumSizeHint()
        if hint != getattr(self, "_told_minimum", None):
            self._told_minimum = hint
            self.updateGeometry()

    # painting -----------------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = next((text for rect, text in reversed(self.tips) if rect.contains(event.position())), None)
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.tips = []
        if not self.rows():
            painter.setPen(MUTED)
            painter.drawText(self.rect().adjusted(4, 0, -4, 0),
                             int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap), self.empty_text)
        else:
            self.paint(painter)
        painter.end()

    def paint(self, painter: QPainter) -> None:
        raise NotImplementedError

    def text(self, painter: QPainter, rect: QRectF, text: str, *, colour: QColor = TEXT,
             align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft, tip: str | None = None) -> None:
        painter.setPen(colour)
        elided = QFontMetrics(painter.font()).elidedText(text, Qt.TextElideMode.ElideRight, max(int(rect.width()), 0))
        painter.drawText(rect, align | Qt.AlignmentFlag.AlignVCenter, elided)
        if tip or elided != text:
            self.tips.append((rect, tip or text))

    def bar(self, painter: QPainter, rect: QRectF, colour: QColor, tip: str | None = None) -> None:
        if tip:
            self.tips.append((rect, tip))
        if rect.width() <= 0:
            return
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(colour))
        painter.drawRect(rect)

    def key(self, painter: QPainter, items: Sequence[tuple[str, QColor]], top: float = 0) -> None:
        """Colour swatches with labels, wrapping onto more lines when the width runs out."""
        metrics = self.fontMetrics()
        x, y, line = 0, top, metrics.height() + 4
        for label, colour in items:
            width = 16 + metrics.horizontalAdvance(label) + 12
            if x and x + width - 12 > self.width():
                x, y = 0, y + line
            self.bar(painter, QRectF(x, y + (line - 11) / 2, 11, 11), colour)
            self.text(painter, QRectF(x + 15, y, width - 15, line), label, colour=MUTED)
            x += width

    def key_lines(self, items: Sequence[str], width: int) -> int:
        metrics, x, lines = self.fontMetrics(), 0, 1
        for label in items:
            item = 16 + metrics.horizontalAdvance(label) + 12
            if x and x + item - 12 > width:
                lines, x = lines + 1, 0
            x += item
        return lines * (metrics.height() + 4) + 4
