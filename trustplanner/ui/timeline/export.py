"""The key to the symbols, and the whole timeline (not just what is scrolled into view) as a PNG."""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from trustplanner.domain.enums import Rag
from trustplanner.domain.problems import TrustPlannerError
from trustplanner.ui.timeline import style
from trustplanner.ui.timeline.items import ARROW_HALF_WIDTH, ARROW_LENGTH, paint_diamond
from trustplanner.ui.timeline.panes import (
    header_height,
    paint_axis,
    paint_corner,
    paint_labels,
)
from trustplanner.ui.timeline.scene import TimelineScene

LEGEND_HEIGHT = 28.0
TITLE_HEIGHT = 40.0
EXPORT_SCALE = 2.0  # pixels per screen pixel: sharp when printed or zoomed
MAX_PIXELS = 64_000_000  # about 256 MB of image; larger plans export at a lower resolution
PNG_QUALITY = 80  # Qt maps this to zlib effort: much quicker than the default, files barely larger


class ExportFailed(TrustPlannerError):
    """The image could not be written (a full disk, a folder without permission)."""


def legend_entries() -> list[tuple[str, str]]:
    return [("baseline", "Baseline"), ("forecast", "Forecast (RAG colour)"), ("complete", "Complete (actual date)"),
            ("slip", "Slip against baseline"), ("dependency", "Dependency"),
            ("broken", "Dependency out of order"), ("status", "Status date"), ("go-live", "Go-live")]


def paint_legend(painter: QPainter, rect: QRectF) -> None:
    """One line of symbols with their meaning, the same as drawn on the chart."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(rect, style.AXIS_BACKGROUND)
    painter.setPen(QPen(style.BORDER, 0))
    painter.drawLine(rect.topLeft(), rect.topRight())
    metrics = style.metrics("small")
    x, y = rect.left() + 12, rect.center().y()
    for kind, text in legend_entries():
        symbol_width = _paint_symbol(painter, kind, x, y)
        x += symbol_width + 6
        painter.setFont(style.font("small"))
        painter.setPen(style.MUTED_TEXT)
        width = metrics.horizontalAdvance(text)
        if x + width > rect.right():
            break
        painter.drawText(QRectF(x, rect.top(), width + 2, rect.height()),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
        x += width + 20
    painter.restore()


def _paint_symbol(painter: QPainter, kind: str, x: float, y: float) -> float:
    d = style.DIAMOND
    if kind == "baseline":
        paint_diamond(painter, x + d, y, QColor("white"), style.BASELINE_OUTLINE, 1.3)
        return 2 * d
    if kind == "forecast":
        for i, rag in enumerate((Rag.GREEN, Rag.AMBER, Rag.RED)):
            colour = style.rag_colour(rag)
            paint_diamond(painter, x + d + i * (2 * d + 3), y, colour, colour.darker(135))
        return 6 * d + 6
    if kind == "complete":
        colour = style.rag_colour(Rag.COMPLETE)
        paint_diamond(painter, x + d, y, colour, colour.darker(135), tick=True)
        return 2 * d
    if kind == "slip":
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(style.bar_colour(Rag.AMBER))
        painter.drawRect(QRectF(x + d, y - 2.5, 22, 5))
        paint_diamond(painter, x + d, y, QColor("white"), style.BASELINE_OUTLINE, 1.3)
        colour = style.rag_colour(Rag.AMBER)
        paint_diamond(painter, x + d + 22, y, colour, colour.darker(135))
        return 2 * d + 22
    if kind in ("dependency", "broken"):
        colour = style.CONNECTOR if kind == "dependency" else style.CONNECTOR_BROKEN
        painter.setPen(QPen(colour, 1.0, Qt.PenStyle.SolidLine if kind == "dependency" else Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(x, y), QPointF(x + 20 - ARROW_LENGTH, y))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPolygon([QPointF(x + 20, y), QPointF(x + 20 - ARROW_LENGTH, y - ARROW_HALF_WIDTH),
                             QPointF(x + 20 - ARROW_LENGTH, y + ARROW_HALF_WIDTH)])
        return 20
    colour, pen_style = ((style.STATUS_LINE, Qt.PenStyle.SolidLine) if kind == "status"
                         else (style.GO_LIVE_LINE, Qt.PenStyle.DashLine))
    painter.setPen(QPen(colour, 2.0 if kind == "status" else 1.0, pen_style))
    painter.drawLine(QPointF(x + 4, y - 8), QPointF(x + 4, y + 8))
    return 8


class Legend(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFixedHeight(round(LEGEND_HEIGHT))

    def sizeHint(self) -> QSize:
        return QSize(900, round(LEGEND_HEIGHT))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_legend(painter, QRectF(self.rect()))


def render_image(scene: TimelineScene, label_width: float, title: str, subtitle: str) -> QImage:
    """Title, axis and bands, every row label and the whole chart, and the key, in one image."""
    width = label_width + scene.content_width
    header = header_height(scene)
    body = scene.layout.height
    height = TITLE_HEIGHT + header + body + LEGEND_HEIGHT
    factor = min(EXPORT_SCALE, math.sqrt(MAX_PIXELS / (width * height)))
    image = QImage(max(1, math.ceil(width * factor)), max(1, math.ceil(height * factor)),
                   QImage.Format.Format_RGB32)
    if image.isNull():
        raise ExportFailed("the timeline is too large to export as one image; filter it to fewer milestones")
    image.fill(QColor("white"))
    hover_shown = scene.hover_band is not None and scene.hover_band.isVisible()
    if hover_shown:
        scene.hover_band.hide()
    selected = scene.selected_ref
    scene.select(None)  # a picture for a briefing shows no selection
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.scale(factor, factor)
        _paint_title(painter, QRectF(0, 0, width, TITLE_HEIGHT), title, subtitle)
        painter.save()
        painter.translate(0, TITLE_HEIGHT)
        paint_corner(painter, scene, label_width, header)
        painter.translate(label_width, 0)
        painter.setClipRect(QRectF(0, 0, scene.content_width, header))
        paint_axis(painter, scene, 0, scene.content_width, header)
        painter.restore()
        painter.save()
        painter.translate(0, TITLE_HEIGHT + header)
        painter.setClipRect(QRectF(0, 0, label_width, body))
        paint_labels(painter, scene, 0, body, label_width)
        painter.restore()
        target = QRectF(label_width, TITLE_HEIGHT + header, scene.content_width, body)
        scene.render(painter, target, QRectF(0, 0, scene.content_width, body),
                     Qt.AspectRatioMode.IgnoreAspectRatio)
        paint_legend(painter, QRectF(0, height - LEGEND_HEIGHT, width, LEGEND_HEIGHT))
    finally:
        painter.end()
        if hover_shown:
            scene.hover_band.show()
        scene.select(selected)
    return image


def _paint_title(painter: QPainter, rect: QRectF, title: str, subtitle: str) -> None:
    painter.setFont(style.font("heading"))
    painter.setPen(style.GROUP_HEADING_TEXT)
    painter.drawText(rect.adjusted(12, 0, -12, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, title)
    painter.setFont(style.font("small"))
    painter.setPen(style.MUTED_TEXT)
    painter.drawText(rect.adjusted(12, 0, -12, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                     subtitle)


def write_png(scene: TimelineScene, path: str | Path, label_width: float, title: str, subtitle: str) -> Path:
    path = Path(path)
    if path.suffix.lower() != ".png":
        path = path.with_name(path.name + ".png")
    image = render_image(scene, label_width, title, subtitle)
    if not image.save(str(path), "PNG", PNG_QUALITY):
        raise ExportFailed(f"could not write {path}: check the folder exists and you may save there")
    return path
