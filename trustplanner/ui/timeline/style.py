"""Colours, sizes and fonts of the timeline, in one place so the panes and the export agree."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QColor, QFont, QFontMetricsF
from PySide6.QtWidgets import QApplication

from trustplanner.domain.enums import Rag, Stage
from trustplanner.ui.palette import RAG_FILL as RAG_COLOURS

__all__ = ["RAG_COLOURS"]

AXIS_TIER_HEIGHT = 22.0
BAND_HEIGHT = 19.0
MARK_LANE_HEIGHT = 17.0
DIAMOND = 6.5  # half the diagonal of a milestone diamond
LABEL_WIDTH = 340

GROUP_BACKGROUNDS = (QColor("#ffffff"), QColor("#f4f6f9"))
GROUP_HEADING = QColor("#e6ebf1")
GROUP_HEADING_TEXT = QColor("#2b3a4d")
GRID_MINOR = QColor("#e4e8ed")
GRID_MAJOR = QColor("#c5cdd7")
AXIS_BACKGROUND = QColor("#f7f8fa")
AXIS_TEXT = QColor("#33404f")
MUTED_TEXT = QColor("#6b7785")
BORDER = QColor("#c9d1da")
SELECTED_ROW = QColor("#d6e4f7")
HOVER_ROW = QColor(31, 95, 168, 22)

BASELINE_OUTLINE = QColor("#5b6776")
SLIP_HISTORY = QColor("#b5bfca")  # slip bar of a milestone already complete
CONNECTOR = QColor(110, 124, 140, 105)
CONNECTOR_BROKEN = QColor(198, 40, 40, 190)  # successor forecast before its predecessor finishes

STATUS_LINE = QColor("#d1495b")
TODAY_LINE = QColor("#1f5fa8")
GO_LIVE_LINE = QColor("#3c7d4f")

STAGE_FILLS = {
    Stage.COUNCIL: QColor("#e3e7ed"),
    Stage.SHADOW: QColor("#e9e1f2"),
    Stage.INDEPENDENT: QColor("#dcefe0"),
    Stage.RETAINED: QColor("#f3ead7"),
}
STAGE_TEXT = {
    Stage.COUNCIL: QColor("#3d4a5a"),
    Stage.SHADOW: QColor("#4f3a6b"),
    Stage.INDEPENDENT: QColor("#2d5a37"),
    Stage.RETAINED: QColor("#6a5420"),
}


def rag_colour(rag: Rag) -> QColor:
    return RAG_COLOURS[rag]


def bar_colour(rag: Rag) -> QColor:
    """The slip bar: the RAG colour, lighter so the diamonds stand out."""
    if rag is Rag.COMPLETE:
        return SLIP_HISTORY
    colour = QColor(RAG_COLOURS[rag])
    colour.setAlpha(120)
    return colour


@lru_cache(maxsize=None)
def font(kind: str) -> QFont:
    """Fonts relative to the application's: 'body', 'bold', 'small', 'small-bold', 'heading'."""
    base = QFont(QApplication.font()) if QApplication.instance() else QFont()
    size = base.pointSizeF() if base.pointSizeF() > 0 else 9.0
    result = QFont(base)
    if kind.startswith("small"):
        result.setPointSizeF(max(size - 1.0, 7.0))
    if kind.endswith("bold"):
        result.setBold(True)
    if kind == "heading":
        result.setBold(True)
        result.setPointSizeF(size + 0.5)
    return result


@lru_cache(maxsize=None)
def metrics(kind: str) -> QFontMetricsF:
    return QFontMetricsF(font(kind))
