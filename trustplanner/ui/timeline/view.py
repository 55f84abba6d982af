"""The scrolling chart: drag to pan, click a milestone, hover for details, Ctrl+wheel to zoom."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QHelpEvent, QMouseEvent, QPainter, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QFrame, QGraphicsView, QToolTip

from trustplanner.ui.timeline.items import MILESTONE_TYPE, MilestoneItem
from trustplanner.ui.timeline.layout import Row
from trustplanner.ui.timeline.scene import TimelineScene


class TimelineView(QGraphicsView):
    milestone_clicked = Signal(str)
    #: the milestone row under the mouse (None when off any row)
    row_hovered = Signal(object)
    #: scrolled or resized: the frozen header and labels repaint
    moved = Signal()
    #: Ctrl+wheel: +1 zooms in, -1 out
    zoom_step = Signal(int)

    def __init__(self, scene: TimelineScene, parent=None):
        super().__init__(scene, parent)
        self.timeline = scene
        self.setObjectName("timelineView")
        self.setAccessibleName("Milestone timeline")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setMouseTracking(True)
        self._hovered: Row | None = None
        self.horizontalScrollBar().valueChanged.connect(self.moved)
        self.verticalScrollBar().valueChanged.connect(self.moved)

    # geometry shared with the frozen panes ------------------------------------------------------
    def scene_left(self) -> float:
        """Scene x at the viewport's left edge."""
        return self.mapToScene(QPoint(0, 0)).x()

    def scene_top(self) -> float:
        return self.mapToScene(QPoint(0, 0)).y()

    def visible_width(self) -> int:
        return self.viewport().width()

    def visible_height(self) -> int:
        return self.viewport().height()

    def scroll_to(self, x: float | None = None, y: float | None = None) -> None:
        """Put scene point (x, y) at the viewport's top-left (either may be left as it is)."""
        if x is not None:
            self.horizontalScrollBar().setValue(round(x))
        if y is not None:
            self.verticalScrollBar().setValue(round(y))

    def milestone_at(self, pos: QPoint) -> MilestoneItem | None:
        for item in self.items(pos):
            if item.type() == MILESTONE_TYPE:
                return item
        return None

    # events ----------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            item = self.milestone_at(event.position().toPoint())
            if item is not None:
                event.accept()
                self.milestone_clicked.emit(item.ref)
                return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if event.buttons() != Qt.MouseButton.NoButton:
            return
        pos = event.position().toPoint()
        over = self.milestone_at(pos) is not None
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.OpenHandCursor)
        self._set_hovered(self.timeline.layout.row_at(self.mapToScene(pos).y()))

    def leaveEvent(self, event: QEvent) -> None:
        super().leaveEvent(event)
        self._set_hovered(None)

    def set_hovered(self, row: Row | None) -> None:
        """Hover from the label column: shown the same way as hovering the chart."""
        self._set_hovered(row, notify=False)

    def _set_hovered(self, row: Row | None, notify: bool = True) -> None:
        if row is self._hovered:
            return
        self._hovered = row
        self.timeline.hover(row)
        if notify:
            self.row_hovered.emit(row)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            help_event: QHelpEvent = event
            item = self.milestone_at(help_event.pos())
            if item is not None:
                QToolTip.showText(help_event.globalPos(), item.tooltip(), self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if delta.y():
                self.zoom_step.emit(1 if delta.y() > 0 else -1)
            event.accept()
            return
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier and delta.y() and not delta.x():
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - delta.y())
            event.accept()
            return
        super().wheelEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.timeline.fit_viewport(self.visible_width(), self.visible_height())
        self.moved.emit()

    def centre_on_scene(self, x: float, y: float) -> None:
        self.centerOn(QPointF(x, y))
