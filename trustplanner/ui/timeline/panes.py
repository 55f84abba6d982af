"""The frozen panes around the chart: time axis and stage bands above, row labels to the left.

Each pane is painted by a plain function in scene coordinates, so the widgets (which follow the
view's scrolling) and the PNG export (which paints everything) draw exactly the same thing.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from trustplanner.ui.palette import RAG_ON_FILL
from trustplanner.ui.timeline import style
from trustplanner.ui.timeline.layout import GROUP_HEIGHT, ROW_HEIGHT, Row, ServiceBand
from trustplanner.ui.timeline.scale import TimeScale, Zoom
from trustplanner.ui.timeline.scene import DateMark, TimelineScene
from trustplanner.ui.timeline.view import TimelineView

AXIS_HEIGHT = 2 * style.AXIS_TIER_HEIGHT
BANDS_TOP = AXIS_HEIGHT + 4
_ALIGN_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_ALIGN_CENTRE = Qt.AlignmentFlag.AlignCenter


def marks_top(bands: int) -> float:
    return BANDS_TOP + bands * style.BAND_HEIGHT + 4


def header_height(scene: TimelineScene) -> int:
    lanes = max((m.lane for m in scene.marks), default=0) + 1
    return round(marks_top(len(scene.layout.bands)) + lanes * style.MARK_LANE_HEIGHT + 4)


def _text(painter: QPainter, rect: QRectF, text: str, kind: str, colour: QColor,
          align: Qt.AlignmentFlag = _ALIGN_LEFT, short: str | None = None, elide: bool = True) -> None:
    """Text in ``rect``, falling back to ``short`` and then eliding (or leaving out), never spilling out."""
    metrics = style.metrics(kind)
    if metrics.horizontalAdvance(text) > rect.width() and short is not None:
        text = short
    if metrics.horizontalAdvance(text) > rect.width():
        if not elide:
            return
        text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        if len(text) <= 2:
            return
    painter.setFont(style.font(kind))
    painter.setPen(colour)
    painter.drawText(rect, align, text)


def paint_axis(painter: QPainter, scene: TimelineScene, x_from: float, x_to: float, height: float) -> None:
    """The two-tier time axis, the stage band per service and the date tags, from scene x_from to x_to."""
    scale = scene.scale
    painter.fillRect(QRectF(x_from, 0, x_to - x_from, height), style.AXIS_BACKGROUND)
    top, bottom = scale.tiers(x_from, x_to)
    tier = style.AXIS_TIER_HEIGHT
    for ticks, y, kind in ((top, 0.0, "bold"), (bottom, tier, "body")):
        for tick in ticks:
            left, right = scale.x(tick.start), scale.x(tick.end)
            painter.setPen(QPen(style.GRID_MAJOR if y == 0 else style.GRID_MINOR, 0))
            painter.drawLine(QPointF(round(left) + 0.5, y + (4 if y else 0)), QPointF(round(left) + 0.5, y + tier))
            # labels follow the viewport's left edge, so a span scrolled half out of view keeps its name
            shown = QRectF(max(left, x_from) + 5, y, min(right, x_to) - max(left, x_from) - 8, tier)
            _text(painter, shown, tick.label, kind, style.AXIS_TEXT, short=tick.short, elide=y == 0)
    painter.setPen(QPen(style.BORDER, 0))
    painter.drawLine(QPointF(x_from, tier - 0.5), QPointF(x_to, tier - 0.5))
    painter.drawLine(QPointF(x_from, AXIS_HEIGHT - 0.5), QPointF(x_to, AXIS_HEIGHT - 0.5))
    for index, band in enumerate(scene.layout.bands):
        _paint_band(painter, scale, band, BANDS_TOP + index * style.BAND_HEIGHT, x_from, x_to)
    lanes_top = marks_top(len(scene.layout.bands))
    for mark in scene.marks:
        _paint_mark(painter, mark, lanes_top, height)
    painter.setPen(QPen(style.BORDER, 0))
    painter.drawLine(QPointF(x_from, height - 0.5), QPointF(x_to, height - 0.5))


def _period_rect(scale: TimeScale, period, y: float, x_from: float, x_to: float) -> QRectF:
    from datetime import timedelta

    left = scale.x(period.start) if period.start else x_from
    right = scale.x(period.end + timedelta(days=1)) if period.end else x_to
    return QRectF(left, y + 1, right - left, style.BAND_HEIGHT - 2)


def _paint_band(painter: QPainter, scale: TimeScale, band: ServiceBand, y: float, x_from: float,
                x_to: float) -> None:
    for period in band.periods:
        rect = _period_rect(scale, period, y, x_from, x_to)
        painter.fillRect(rect, style.STAGE_FILLS[period.stage])
        shown = QRectF(max(rect.left(), x_from) + 6, rect.top(), 0, rect.height())
        shown.setRight(min(rect.right(), x_to) - 4)
        if shown.width() > 24:
            _text(painter, shown, period.text, "small", style.STAGE_TEXT[period.stage], short=period.stage.label)


def _paint_mark(painter: QPainter, mark: DateMark, lanes_top: float, height: float) -> None:
    pen = QPen(mark.colour, 2.0 if mark.kind == "status" else 1.0, mark.pen_style)
    painter.setPen(pen)
    x = round(mark.x) + (0.0 if mark.kind == "status" else 0.5)
    painter.drawLine(QPointF(x, BANDS_TOP), QPointF(x, height))
    tag = QRectF(mark.tag_left, lanes_top + mark.lane * style.MARK_LANE_HEIGHT + 1, mark.tag_width,
                 style.MARK_LANE_HEIGHT - 2)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(mark.colour)
    painter.drawRoundedRect(tag, 3, 3)
    painter.restore()
    _text(painter, tag, mark.text, "small-bold", QColor("white"), _ALIGN_CENTRE)


def paint_labels(painter: QPainter, scene: TimelineScene, y_from: float, y_to: float, width: float,
                 hovered: Row | None = None) -> None:
    """Workstream headings and, per milestone, its RAG letter, ref and title (elided to fit)."""
    layout = scene.layout
    for group in layout.groups:
        if group.top > y_to or group.top + group.height < y_from:
            continue
        painter.fillRect(QRectF(0, group.top, width, group.height), style.GROUP_BACKGROUNDS[group.index % 2])
        heading = QRectF(0, group.top, width, GROUP_HEIGHT)
        painter.fillRect(heading, style.GROUP_HEADING)
        count = f"{group.count}"
        count_width = style.metrics("small").horizontalAdvance(count) + 12
        _text(painter, heading.adjusted(10, 0, -count_width, 0), group.name, "heading", style.GROUP_HEADING_TEXT)
        _text(painter, heading.adjusted(width - count_width, 0, -8, 0), count, "small", style.MUTED_TEXT,
              Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        painter.setPen(QPen(style.BORDER, 0))
        painter.drawLine(QPointF(0, group.top + GROUP_HEIGHT - 0.5), QPointF(width, group.top + GROUP_HEIGHT - 0.5))
    ref_width = scene.ref_width
    for row in layout.visible_rows(y_from, y_to):
        rect = QRectF(0, row.top, width, ROW_HEIGHT)
        if row.ref == scene.selected_ref:
            painter.fillRect(rect, style.SELECTED_ROW)
        elif hovered is not None and row.ref == hovered.ref:
            painter.fillRect(rect, style.HOVER_ROW)
        _paint_rag_letter(painter, QRectF(8, row.top + 4, 16, ROW_HEIGHT - 8), row.line.rag)
        _text(painter, QRectF(32, row.top, ref_width, ROW_HEIGHT), row.ref, "small-bold", style.AXIS_TEXT)
        milestone = row.line.milestone
        title, colour = (f"Derived · {milestone.title}", QColor("#5b6472")) if milestone.derived \
            else (milestone.title, QColor("#1d2733"))
        _text(painter, QRectF(32 + ref_width + 6, row.top, width - ref_width - 46, ROW_HEIGHT), title, "body", colour)
    painter.setPen(QPen(style.BORDER, 0))
    painter.drawLine(QPointF(width - 0.5, y_from), QPointF(width - 0.5, y_to))


def _paint_rag_letter(painter: QPainter, rect: QRectF, rag) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(style.rag_colour(rag))
    painter.drawRoundedRect(rect, 3, 3)
    painter.restore()
    _text(painter, rect, rag.letter, "small-bold", RAG_ON_FILL[rag], _ALIGN_CENTRE)


def paint_corner(painter: QPainter, scene: TimelineScene, width: float, height: float) -> None:
    """Captions for the axis tiers, the services' names beside their bands, and the key dates."""
    painter.fillRect(QRectF(0, 0, width, height), style.AXIS_BACKGROUND)
    zoom: Zoom = scene.scale.zoom
    tier = style.AXIS_TIER_HEIGHT
    inner = width - 18
    _text(painter, QRectF(10, 0, inner, tier), zoom.top_caption, "small", style.MUTED_TEXT)
    _text(painter, QRectF(10, tier, inner, tier), zoom.bottom_caption, "small", style.MUTED_TEXT)
    painter.setPen(QPen(style.BORDER, 0))
    painter.drawLine(QPointF(0, AXIS_HEIGHT - 0.5), QPointF(width, AXIS_HEIGHT - 0.5))
    for index, band in enumerate(scene.layout.bands):
        y = BANDS_TOP + index * style.BAND_HEIGHT
        name = band.service + (" (retained)" if band.retained else "")
        _text(painter, QRectF(10, y, inner, style.BAND_HEIGHT), name, "small", style.AXIS_TEXT)
    lanes_top = marks_top(len(scene.layout.bands))
    _text(painter, QRectF(10, lanes_top, inner, style.MARK_LANE_HEIGHT), "Key dates", "small", style.MUTED_TEXT)
    painter.setPen(QPen(style.BORDER, 0))
    painter.drawLine(QPointF(0, height - 0.5), QPointF(width, height - 0.5))
    painter.drawLine(QPointF(width - 0.5, 0), QPointF(width - 0.5, height))


class _Pane(QWidget):
    def __init__(self, view: TimelineView, parent=None):
        super().__init__(parent)
        self.view = view
        self.scene: TimelineScene = view.timeline
        view.moved.connect(self.update)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.view.wheelEvent(event)


class AxisHeader(_Pane):
    """Follows the view horizontally."""

    def __init__(self, view: TimelineView, parent=None):
        super().__init__(view, parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        left = self.view.scene_left()
        painter.translate(-left, 0)
        paint_axis(painter, self.scene, left, left + self.width(), self.height())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            help_event: QHelpEvent = event
            text = self.tooltip_at(help_event.pos().x() + self.view.scene_left(), help_event.pos().y())
            if text:
                QToolTip.showText(help_event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def tooltip_at(self, x: float, y: float) -> str:
        scale = self.scene.scale
        for index, band in enumerate(self.scene.layout.bands):
            top = BANDS_TOP + index * style.BAND_HEIGHT
            if top <= y < top + style.BAND_HEIGHT:
                for period in band.periods:
                    if _period_rect(scale, period, top, -1e9, 1e9).contains(QPointF(x, y)):
                        return f"{band.service}: {period.text}"
        if y >= AXIS_HEIGHT:
            return ""
        day = scale.day_at(x)
        return f"{day:%A %d %B %Y}"


class CornerPane(_Pane):
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_corner(painter, self.scene, self.width(), self.height())


class RowLabels(_Pane):
    """Follows the view vertically; a click shows that milestone as a click on its marker would."""

    milestone_clicked = Signal(str)

    def __init__(self, view: TimelineView, parent=None):
        super().__init__(view, parent)
        self.hovered: Row | None = None
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        view.row_hovered.connect(self._hover_from_view)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), style.GROUP_BACKGROUNDS[0])
        visible = self.view.visible_height()
        painter.setClipRect(0, 0, self.width(), visible)
        top = self.view.scene_top()
        painter.translate(0, -top)
        paint_labels(painter, self.scene, top, top + visible, self.width(), self.hovered)

    def row_at(self, y: float) -> Row | None:
        if y > self.view.visible_height():
            return None
        return self.scene.layout.row_at(y + self.view.scene_top())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        row = self.row_at(event.position().y())
        if event.button() == Qt.MouseButton.LeftButton and row is not None:
            self.milestone_clicked.emit(row.ref)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        row = self.row_at(event.position().y())
        self.setCursor(Qt.CursorShape.PointingHandCursor if row else Qt.CursorShape.ArrowCursor)
        if row is not self.hovered:
            self.hovered = row
            self.view.set_hovered(row)
            self.update()

    def leaveEvent(self, event: QEvent) -> None:
        self.hovered = None
        self.view.set_hovered(None)
        self.update()

    def _hover_from_view(self, row: Row | None) -> None:
        self.hovered = row
        self.update()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            help_event: QHelpEvent = event
            row = self.row_at(help_event.pos().y())
            item = self.scene.markers.get(row.ref) if row else None
            if item is not None:
                QToolTip.showText(help_event.globalPos(), item.tooltip(), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
