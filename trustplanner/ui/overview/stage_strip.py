"""Services on a time line: council, then shadow, then independent, with the status date marked.

Painted rather than built from widgets so it scales with the window: every position is a share
of the current width, and labels give way (full, short, none) when a segment is too narrow.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from trustplanner.domain.enums import Stage
from trustplanner.services.position import ServicePosition

STAGE_COLOURS = {
    Stage.COUNCIL: QColor("#7d8ca3"),
    Stage.SHADOW: QColor("#7b61b8"),
    Stage.INDEPENDENT: QColor("#1f7a80"),
    Stage.RETAINED: QColor("#b9c0ca"),
}
MARKER = QColor("#10315e")
GRID = QColor("#e3e7ee")
TEXT = QColor("#1d2533")
MUTED_TEXT = QColor("#5b6472")
ROW_HINT, ROW_MIN, ROW_MAX = 28, 24, 40
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class StageStrip(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.services: tuple[ServicePosition, ...] = ()
        self.start = self.end = self.status_date = date.today()
        self.setObjectName("stageStrip")
        self.setAccessibleName("Services by stage")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.setMouseTracking(True)
        self._labels: list[tuple[QRectF, str, QFont, QColor]] = []

    def set_services(self, services: Sequence[ServicePosition], start: date, end: date, status_date: date) -> None:
        self.services = tuple(services)
        self.start, self.end, self.status_date = start, max(end, start + timedelta(days=1)), status_date
        self.setAccessibleDescription(" ".join(s.describe(status_date) for s in self.services))
        self.updateGeometry()
        self.update()

    # geometry ---------------------------------------------------------------------------------
    def _band(self) -> int:
        return self.fontMetrics().height() + 10

    def sizeHint(self) -> QSize:
        return QSize(640, 2 * self._band() + max(len(self.services), 1) * ROW_HINT)

    def minimumSizeHint(self) -> QSize:
        return QSize(360, 2 * self._band() + max(len(self.services), 1) * ROW_MIN)

    def _name_width(self) -> int:
        widest = max((self.fontMetrics().horizontalAdvance(s.name) for s in self.services), default=0)
        return min(widest + 16, int(self.width() * 0.32))

    def _row_height(self) -> float:
        rows = max(len(self.services), 1)
        return max(ROW_MIN, min(ROW_MAX, (self.height() - 2 * self._band()) / rows))

    def _x(self, day: date) -> float:
        left, right = self._name_width(), self.width() - 8
        share = (day - self.start).days / (self.end - self.start).days
        return left + max(0.0, min(1.0, share)) * (right - left)

    def _row_at(self, y: float) -> int | None:
        row = int((y - self._band()) // self._row_height())
        return row if 0 <= row < len(self.services) and y >= self._band() else None

    # painting ---------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.services:
            painter.setPen(MUTED_TEXT)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No services in the plan yet.")
            return
        self._paint_months(painter)
        row_height = self._row_height()
        self._labels: list[tuple[QRectF, str, QFont, QColor]] = []
        for row, service in enumerate(self.services):
            top = self._band() + row * row_height
            self._paint_row(painter, service, QRectF(0, top, self.width(), row_height))
        bottom = self._band() + len(self.services) * row_height
        if self.start <= self.status_date <= self.end:
            x = self._x(self.status_date)
            painter.setPen(QPen(MARKER, 2))
            painter.drawLine(QPointF(x, self._band() - 2), QPointF(x, bottom + 2))
        for rect, text, font, colour in self._labels:  # over the marker line, so it never hides a word
            painter.setFont(font)
            painter.setPen(colour)
            painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
        painter.setFont(self.font())
        self._paint_marker(painter, bottom)
        painter.end()

    def _paint_months(self, painter: QPainter) -> None:
        metrics = self.fontMetrics()
        bottom = self._band() + len(self.services) * self._row_height()
        first = self.start.replace(day=1)
        months = []
        while (month := _month(first, len(months))) <= self.end:
            months.append(month)
        space = (self._x(self.end) - self._x(self.start)) / max(len(months), 1)
        step = next((s for s in (1, 2, 3, 4, 6, 12) if space * s >= metrics.horizontalAdvance("Sep 2016") + 10), 12)
        labelled_year = None
        for n, month in enumerate(months):
            x = self._x(month)
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(QPointF(x, self._band() - 4), QPointF(x, bottom))
            if n % step or month < self.start:
                continue
            name = MONTHS[month.month - 1]
            label = name if month.year == labelled_year else f"{name} {month.year}"
            labelled_year = month.year
            width = metrics.horizontalAdvance(label)
            if x + 3 + width > self.width():
                continue
            painter.setPen(MUTED_TEXT)
            painter.drawText(QPointF(x + 3, self._band() - 8), label)

    def _paint_row(self, painter: QPainter, service: ServicePosition, rect: QRectF) -> None:
        metrics = self.fontMetrics()
        painter.setPen(TEXT)
        name = metrics.elidedText(service.name, Qt.TextElideMode.ElideRight, self._name_width() - 12)
        painter.drawText(QRectF(4, rect.top(), self._name_width() - 8, rect.height()),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, name)
        bar = rect.adjusted(0, 3, 0, -3)
        if service.retained:
            segment = QRectF(self._x(self.start), bar.top(), self._x(self.end) - self._x(self.start), bar.height())
            self._paint_segment(painter, segment, Stage.RETAINED, True, ["Retained by council", "Retained", ""])
            painter.setBrush(QBrush(QColor(255, 255, 255, 90), Qt.BrushStyle.BDiagPattern))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(segment, 3, 3)
            return
        shadow, go_live = service.shadow, service.go_live
        pieces = (
            (Stage.COUNCIL, self.start, shadow, ["Council", ""]),
            (Stage.SHADOW, shadow, go_live, [f"Shadow from {shadow:%d/%m/%Y}", f"Shadow {shadow:%d/%m/%y}",
                                             "Shadow", ""]),
            (Stage.INDEPENDENT, go_live, self.end, [f"Independent from {go_live:%d/%m/%Y}",
                                                    f"Live {go_live:%d/%m/%Y}", f"Live {go_live:%d/%m/%y}", ""]),
        )
        for stage, begin, finish, labels in pieces:
            left, right = self._x(max(begin, self.start)), self._x(min(finish, self.end))
            if right - left >= 1:
                self._paint_segment(painter, QRectF(left, bar.top(), right - left, bar.height()), stage,
                                    stage is service.stage, labels)

    def _paint_segment(self, painter: QPainter, rect: QRectF, stage: Stage, current: bool, labels: list[str]) -> None:
        colour = QColor(STAGE_COLOURS[stage])
        if not current and stage is not Stage.RETAINED:
            colour.setAlphaF(0.38)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(rect.adjusted(0.5, 0, -0.5, 0), 3, 3)
        font = QFont(self.font())
        font.setBold(current and stage is not Stage.RETAINED)
        metrics = QFontMetrics(font)
        label = next((text for text in labels if metrics.horizontalAdvance(text) + 12 <= rect.width()), "")
        if label:
            colour = QColor("white") if current and stage is not Stage.RETAINED else TEXT
            self._labels.append((rect.adjusted(6, 0, -6, 0), label, font, colour))

    def _paint_marker(self, painter: QPainter, bottom: float) -> None:
        if not (self.start <= self.status_date <= self.end):
            return
        x = self._x(self.status_date)
        font = QFont(self.font())
        font.setBold(True)
        metrics = QFontMetrics(font)
        text = f"Status date {self.status_date:%d/%m/%Y}"
        width = metrics.horizontalAdvance(text) + 12
        left = max(self._name_width(), min(x - width / 2, self.width() - width - 2))
        pill = QRectF(left, bottom + 4, width, metrics.height() + 4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(MARKER)
        painter.drawRoundedRect(pill, 4, 4)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
        painter.setFont(self.font())

    # tool tips --------------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            row = self._row_at(event.pos().y())
            if row is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.services[row].describe(self.status_date), self)
            return True
        return super().event(event)


def _month(first: date, n: int) -> date:
    index = first.year * 12 + first.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)
