"""Building the timeline scene from a layout in one pass: grid, milestones, connectors, date lines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from trustplanner.services.snapshot import PlanSnapshot
from trustplanner.ui.timeline import style
from trustplanner.ui.timeline.items import (
    DependencyItem,
    GridItem,
    MilestoneItem,
    connector_geometry,
)
from trustplanner.ui.timeline.layout import ROW_HEIGHT, Row, TimelineLayout
from trustplanner.ui.timeline.scale import TimeScale, Zoom

TAG_GAP = 6.0


@dataclass
class DateMark:
    """A labelled vertical line: the status date, today, go-live. ``left``/``lane`` place its tag."""

    kind: str
    day: date
    text: str
    colour: QColor
    pen_style: Qt.PenStyle
    x: float = 0.0
    tag_left: float = 0.0
    tag_width: float = 0.0
    lane: int = 0


class MarksItem(QGraphicsItem):
    """The date lines over the grid and under the milestones."""

    def __init__(self, marks: list[DateMark], height: float):
        super().__init__()
        self.marks = marks
        self._rect = QRectF(min((m.x for m in marks), default=0) - 2, 0,
                            max((m.x for m in marks), default=0) - min((m.x for m in marks), default=0) + 4, height)
        self.setZValue(0)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    def set_height(self, height: float) -> None:
        if height != self._rect.height():
            self.prepareGeometryChange()
            self._rect.setHeight(height)

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        top, bottom = option.exposedRect.top(), option.exposedRect.bottom()
        top -= top % 12  # keep dashes in step however much is exposed
        for mark in self.marks:
            pen = QPen(mark.colour, 2.0 if mark.kind == "status" else 1.0, mark.pen_style)
            pen.setCosmetic(True)
            painter.setPen(pen)
            x = round(mark.x) + (0.0 if mark.kind == "status" else 0.5)
            painter.drawLine(QLineF(x, top, x, bottom))


class TimelineScene(QGraphicsScene):
    """Holds the items of one build, plus the layout and scale the panes and export read."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.layout = TimelineLayout()
        self.scale = TimeScale(date.today(), Zoom.MONTHS)
        self.content_width = 0.0
        self.ref_width = 40.0  # the widest ref in the label column
        self.markers: dict[str, MilestoneItem] = {}
        self.connectors: list[DependencyItem] = []
        self.marks: list[DateMark] = []
        self.grid: GridItem | None = None
        self.marks_item: MarksItem | None = None
        self.selected_ref: str | None = None
        self.selection_band: QGraphicsRectItem | None = None
        self.hover_band: QGraphicsRectItem | None = None
        self.setBackgroundBrush(style.GROUP_BACKGROUNDS[0])

    def rebuild(self, snapshot: PlanSnapshot, layout: TimelineLayout, zoom: Zoom, *,
                show_dependencies: bool = True, min_width: float = 0.0, min_height: float = 0.0) -> None:
        self.clear()
        self.layout = layout
        self.scale, self.content_width = TimeScale.covering(layout.first, layout.last, zoom)
        self.markers = {}
        self.connectors = []
        metrics = style.metrics("small-bold")
        self.ref_width = min(max((metrics.horizontalAdvance(r.ref) for r in layout.rows), default=40.0), 96.0)
        self.grid = GridItem(layout, self.scale, self.content_width)
        self.addItem(self.grid)
        self.selection_band = self._band(style.SELECTED_ROW, -5)
        self.hover_band = self._band(style.HOVER_ROW, -4)
        self.marks = date_marks(snapshot, self.scale, self.content_width)
        self.content_width = max([self.content_width] + [m.tag_left + m.tag_width + 4 for m in self.marks])
        self.marks_item = MarksItem(self.marks, layout.height)
        self.addItem(self.marks_item)
        for row in layout.rows:
            item = MilestoneItem(row.line, self.scale, row.centre)
            self.markers[row.ref] = item
            self.addItem(item)
        if show_dependencies:
            self._add_connectors(layout.rows)
        self.setSceneRect(0, 0, self.content_width, layout.height)
        self.fit_viewport(min_width, min_height)
        selected, self.selected_ref = self.selected_ref, None
        if selected:
            self.select(selected)

    def show_note(self, text: str) -> None:
        """A line of explanation where the rows would be (an empty plan, or filters that hide all)."""
        note = QGraphicsSimpleTextItem(text)
        note.setFont(style.font("body"))
        note.setBrush(style.MUTED_TEXT)
        note.setPos(16, 16)
        self.addItem(note)

    def _band(self, colour: QColor, z: float) -> QGraphicsRectItem:
        band = QGraphicsRectItem()
        band.setPen(Qt.PenStyle.NoPen)
        band.setBrush(colour)
        band.setZValue(z)
        band.hide()
        self.addItem(band)
        return band

    def _add_connectors(self, rows: list[Row]) -> None:
        markers = self.markers
        for row in rows:
            successor = markers[row.ref]
            for ref in row.line.milestone.depends_on:
                predecessor = markers.get(ref)
                if predecessor is None:  # filtered out
                    continue
                path, arrow = connector_geometry(predecessor.marker_x, predecessor.y(), successor.marker_x,
                                                 successor.y())
                broken = row.line.milestone.effective_date < predecessor.line.milestone.effective_date
                item = DependencyItem(ref, row.ref, path, arrow, broken)
                self.connectors.append(item)
                self.addItem(item)

    def fit_viewport(self, width: float, height: float) -> None:
        """Let the grid fill a viewport larger than the plan, so no bare area shows."""
        if self.grid is None:
            return
        width = max(self.content_width, width)
        height = max(self.layout.height, height)
        self.grid.set_size(width, height)
        self.marks_item.set_height(height)
        if self.sceneRect() != QRectF(0, 0, width, height):
            self.setSceneRect(0, 0, width, height)
            self._place_band(self.selection_band, self.layout.by_ref.get(self.selected_ref or ""))

    # rows the user picked or points at -----------------------------------------------------------
    def select(self, ref: str | None) -> MilestoneItem | None:
        if self.selected_ref in self.markers:
            self.markers[self.selected_ref].set_highlighted(False)
        self.selected_ref = ref
        item = self.markers.get(ref) if ref else None
        self._place_band(self.selection_band, self.layout.by_ref.get(ref) if item else None)
        if item is not None:
            item.set_highlighted(True)
        return item

    def hover(self, row: Row | None) -> None:
        self._place_band(self.hover_band, row)

    def _place_band(self, band: QGraphicsRectItem | None, row: Row | None) -> None:
        if band is None:
            return
        if row is None:
            band.hide()
            return
        band.setRect(0, row.top, self.sceneRect().width(), ROW_HEIGHT)
        band.show()


def date_marks(snapshot: PlanSnapshot, scale: TimeScale, width: float) -> list[DateMark]:
    """Status date, go-live and (when on the chart) today, with their tags placed so none overlap."""
    status = snapshot.status_date
    go_live = snapshot.programme.go_live
    marks = [DateMark("status", status, f"Status {status:%d/%m/%Y}", style.STATUS_LINE, Qt.PenStyle.SolidLine),
             DateMark("go-live", go_live, f"Go-live {go_live:%d/%m/%Y}", style.GO_LIVE_LINE, Qt.PenStyle.DashLine)]
    today = date.today()
    if scale.origin <= today and scale.x(today + timedelta(days=1)) <= width and today != status:
        marks.append(DateMark("today", today, f"Today {today:%d/%m/%Y}", style.TODAY_LINE, Qt.PenStyle.DotLine))
    metrics = style.metrics("small-bold")
    placed: list[tuple[int, float, float]] = []
    marks.sort(key=lambda m: m.day)
    for mark in marks:
        mark.x = scale.centre(mark.day)
        mark.tag_width = metrics.horizontalAdvance(mark.text) + 10
    for index, mark in enumerate(marks):
        sides = [mark.x, mark.x - mark.tag_width]
        following = marks[index + 1] if index + 1 < len(marks) else None
        if following is not None and following.x - mark.x < mark.tag_width + TAG_GAP:
            sides.reverse()  # tag on the left, leaving the right for the next date's tag
        for lane in range(len(marks)):
            for left in sides:
                right = left + mark.tag_width
                if left >= 0 and all(p_lane != lane or right + TAG_GAP <= p_left or left >= p_right + TAG_GAP
                                     for p_lane, p_left, p_right in placed):
                    mark.lane, mark.tag_left = lane, left
                    break
            else:
                continue
            break
        else:
            mark.lane, mark.tag_left = len(marks) - 1, mark.x
        placed.append((mark.lane, mark.tag_left, mark.tag_left + mark.tag_width))
    return marks
