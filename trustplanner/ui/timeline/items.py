"""The scene's items: one per milestone, one per dependency, and one background for the grid.

Items keep their bounding rectangles from construction (nothing is measured while painting)
and carry no signals: the view finds the item under the mouse and the page acts on it.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QLineF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from trustplanner.domain.enums import Rag
from trustplanner.services.milestone_lines import MilestoneLine
from trustplanner.ui.timeline import style
from trustplanner.ui.timeline.layout import GROUP_HEIGHT, ROW_HEIGHT, TimelineLayout
from trustplanner.ui.timeline.scale import TimeScale, Zoom

MILESTONE_TYPE = QGraphicsItem.UserType + 1
CONNECTOR_TYPE = QGraphicsItem.UserType + 2
D = style.DIAMOND
_DIAMOND = QPolygonF([QPointF(0, -D), QPointF(D, 0), QPointF(0, D), QPointF(-D, 0)])
_RING = QPolygonF([QPointF(0, -D - 3.5), QPointF(D + 3.5, 0), QPointF(0, D + 3.5), QPointF(-D - 3.5, 0)])
_TICK = [QPointF(-3.0, 0.2), QPointF(-0.9, 2.4), QPointF(3.1, -2.4)]
ARROW_LENGTH = 7.0
ARROW_HALF_WIDTH = 3.6


def paint_diamond(painter: QPainter, x: float, y: float, fill: QColor, outline: QColor, width: float = 1.0,
                  tick: bool = False) -> None:
    """A milestone diamond centred on (x, y); ``tick`` adds the white tick of a completed one."""
    painter.translate(x, y)
    painter.setPen(QPen(outline, width))
    painter.setBrush(fill)
    painter.drawPolygon(_DIAMOND)
    if tick:
        painter.setPen(QPen(QColor("white"), 1.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
        painter.drawPolyline(_TICK)
    painter.translate(-x, -y)


class MilestoneItem(QGraphicsItem):
    """A milestone: hollow baseline diamond, filled forecast diamond in its RAG colour, slip bar.

    A completed milestone is a diamond with a tick at its actual date in the 'complete' colour;
    if it finished late its baseline and a grey bar show by how much.
    """

    def __init__(self, line: MilestoneLine, scale: TimeScale, y: float):
        super().__init__()
        m = line.milestone
        self.line = line
        self.ref = line.ref
        self.rag = line.rag
        self.baseline_x = scale.centre(m.baseline)
        self.marker_x = scale.centre(m.actual or m.forecast)
        self.slipped = self.marker_x != self.baseline_x
        self.highlighted = False
        self.setPos(0.0, y)
        self.setZValue(2)
        self.setAcceptHoverEvents(False)
        left = min(self.baseline_x, self.marker_x) - D
        right = max(self.baseline_x, self.marker_x) + D
        self._text_right = left - 5
        self._text_width = style.metrics("small").horizontalAdvance(self.ref)
        self._rect = QRectF(self._text_right - self._text_width - 1, -ROW_HEIGHT / 2, 0, ROW_HEIGHT)
        self._rect.setRight(right + 4)

    def type(self) -> int:
        return MILESTONE_TYPE

    def boundingRect(self) -> QRectF:
        return self._rect

    def set_highlighted(self, on: bool) -> None:
        if on != self.highlighted:
            self.highlighted = on
            self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        complete = self.rag is Rag.COMPLETE
        colour = style.rag_colour(self.rag)
        if self.slipped:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(style.bar_colour(self.rag))
            height = 3.0 if complete else 5.0
            left, right = sorted((self.baseline_x, self.marker_x))
            painter.drawRect(QRectF(left, -height / 2, right - left, height))
            paint_diamond(painter, self.baseline_x, 0.0, QColor("white"), style.BASELINE_OUTLINE, 1.3)
        paint_diamond(painter, self.marker_x, 0.0, colour, colour.darker(135), 1.0, tick=complete)
        if self.highlighted:
            painter.setPen(QPen(QColor("#10315e"), 1.8))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.translate(self.marker_x, 0.0)
            painter.drawPolygon(_RING)
            painter.translate(-self.marker_x, 0.0)
        painter.setFont(style.font("small"))
        painter.setPen(style.MUTED_TEXT)
        painter.drawText(QRectF(self._text_right - self._text_width - 1, -ROW_HEIGHT / 2, self._text_width + 1,
                                ROW_HEIGHT), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, self.ref)

    def tooltip(self) -> str:
        return milestone_tooltip(self.line)


def milestone_tooltip(line: MilestoneLine) -> str:
    """Ref, title, dates, RAG and slip, as rich text for a tooltip."""
    from html import escape

    m = line.milestone
    where = escape(m.workstream + (f" · {m.service}" if m.service else ""))
    status = line.rag.label + (" (overdue)" if line.overdue else "")
    if line.reported and line.rag is not Rag.COMPLETE:
        status += f", reported {line.reported.value}"
    slip = f"{line.slip_days:+d} working days against baseline" if line.slip_days else "none"
    rows = [("Baseline", f"{m.baseline:%d/%m/%Y}"), ("Forecast", f"{m.forecast:%d/%m/%Y}"),
            ("Actual", f"{m.actual:%d/%m/%Y}" if m.actual else "—"), ("RAG", status), ("Slip", slip)]
    if line.pushed_to:
        rows.append(("Knock-on", f"a predecessor now finishes {line.pushed_to:%d/%m/%Y}"))
    if m.depends_on:
        rows.append(("Depends on", ", ".join(m.depends_on)))
    if m.derived:
        rows.append(("Derived", "from the staff data, kept in step with go-live"))
    cells = "".join(f"<tr><td style='color:#555;padding-right:8px'>{k}</td><td>{escape(v)}</td></tr>"
                    for k, v in rows)
    return (f"<p style='white-space:pre-wrap'><b>{escape(m.ref)}</b> {escape(m.title)}</p>"
            f"<p style='color:#555'>{where}</p><table cellspacing='0'>{cells}</table>")


def connector_geometry(x1: float, y1: float, x2: float, y2: float) -> tuple[QPolygonF, QPolygonF]:
    """Finish-to-start: out of the predecessor's right side, into the top (or bottom) of the successor.

    When the successor comes first in time, the line steps back just above (or below) the
    successor's row, leaving room for the arrowhead. Every segment is horizontal or vertical
    and on a pixel centre, so it is drawn crisp without antialiasing.
    """
    down = y2 > y1
    x2 = round(x2) + 0.5
    y1 = round(y1) + 0.5
    tip = y2 - D - 1 if down else y2 + D + 1
    points = [QPointF(x1 + D + 1, y1)]
    if x2 >= x1 + D + 6:
        points.append(QPointF(x2, y1))
    else:
        step = round(x1 + D + 6) + 0.5
        clearance = D + 2 + ARROW_LENGTH
        boundary = round(y2 - clearance if down else y2 + clearance) + 0.5
        points += [QPointF(step, y1), QPointF(step, boundary), QPointF(x2, boundary)]
    points.append(QPointF(x2, tip + (-ARROW_LENGTH if down else ARROW_LENGTH)))
    back = tip - ARROW_LENGTH if down else tip + ARROW_LENGTH
    arrow = QPolygonF([QPointF(x2, tip), QPointF(x2 - ARROW_HALF_WIDTH, back), QPointF(x2 + ARROW_HALF_WIDTH, back)])
    return QPolygonF(points), arrow


class DependencyItem(QGraphicsItem):
    """A subtle connector with an arrowhead; red and dashed when the successor is forecast too early."""

    def __init__(self, predecessor: str, successor: str, line: QPolygonF, arrow: QPolygonF, broken: bool):
        super().__init__()
        self.predecessor = predecessor
        self.successor = successor
        self.broken = broken
        self._line = line
        self._arrow = arrow
        self._rect = line.boundingRect().united(arrow.boundingRect()).adjusted(-2, -2, 2, 2)
        self.setZValue(1)

    def type(self) -> int:
        return CONNECTOR_TYPE

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        colour = style.CONNECTOR_BROKEN if self.broken else style.CONNECTOR
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(_BROKEN_PEN if self.broken else _PEN)
        painter.drawPolyline(self._line)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPolygon(self._arrow)


_PEN = QPen(style.CONNECTOR, 0)
_BROKEN_PEN = QPen(style.CONNECTOR_BROKEN, 0, Qt.PenStyle.DashLine)


class GridItem(QGraphicsItem):
    """Workstream group backgrounds and headings, weekends and the time grid, painted as exposed."""

    def __init__(self, layout: TimelineLayout, scale: TimeScale, width: float):
        super().__init__()
        self.layout = layout
        self.scale = scale
        self._rect = QRectF(0, 0, width, layout.height)
        self.setZValue(-10)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    def boundingRect(self) -> QRectF:
        return self._rect

    def set_size(self, width: float, height: float) -> None:
        if width != self._rect.width() or height != self._rect.height():
            self.prepareGeometryChange()
            self._rect.setSize(QSizeF(width, height))

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        exposed = option.exposedRect.intersected(self._rect)
        if exposed.isEmpty():
            return
        left, right = exposed.left(), exposed.right()
        painter.setPen(Qt.PenStyle.NoPen)
        for group in self.layout.groups:
            if group.top > exposed.bottom() or group.top + group.height < exposed.top():
                continue
            painter.setBrush(style.GROUP_BACKGROUNDS[group.index % 2])
            painter.drawRect(QRectF(left, group.top, right - left, group.height))
            painter.setBrush(style.GROUP_HEADING)
            painter.drawRect(QRectF(left, group.top, right - left, GROUP_HEIGHT))
        rest = self.layout.groups[-1].top + self.layout.groups[-1].height if self.layout.groups else 0.0
        if rest < exposed.bottom():
            painter.setBrush(style.GROUP_BACKGROUNDS[0])
            painter.drawRect(QRectF(left, rest, right - left, exposed.bottom() - rest))
        top, bottom = exposed.top(), exposed.bottom()
        scale = self.scale
        if scale.zoom is Zoom.WEEKS:
            painter.setBrush(QColor(90, 110, 140, 11))
            day = scale.day_at(left)
            day -= timedelta(days=(day.weekday() + 2) % 7)  # the Saturday on or before
            while scale.x(day) < right:
                painter.drawRect(QRectF(scale.x(day), top, 2 * scale.px_per_day, bottom - top))
                day += timedelta(days=7)
        major, minor = scale.tiers(left - 1, right + 1)
        lines_minor = [QLineF(round(scale.x(t.start)) + 0.5, top, round(scale.x(t.start)) + 0.5, bottom)
                       for t in minor]
        lines_major = [QLineF(round(scale.x(t.start)) + 0.5, top, round(scale.x(t.start)) + 0.5, bottom)
                       for t in major]
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(QPen(style.GRID_MINOR, 0))
        painter.drawLines(lines_minor)
        painter.setPen(QPen(style.GRID_MAJOR, 0))
        painter.drawLines(lines_major)
        painter.setPen(QPen(style.BORDER, 0))
        painter.drawLines([QLineF(left, g.top + GROUP_HEIGHT - 0.5, right, g.top + GROUP_HEIGHT - 0.5)
                           for g in self.layout.groups if top <= g.top + GROUP_HEIGHT <= bottom + 1])

