"""Cards for the Overview page: a framed panel, a figure tile that can be clicked, RAG badge and bars."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from trustplanner.domain.enums import Rag
from trustplanner.ui.delegates import paint_rag_badge
from trustplanner.ui.palette import RAG_FILL, RAG_ON_FILL

CARD_STYLE = (
    "QFrame#card, QFrame#tile { background: palette(base); border: 1px solid #d5dae1; border-radius: 6px; }"
    "QFrame#tile[clickable=\"true\"]:hover { border-color: #7b9cc8; background: #f5f8fd; }"
    "QFrame#tile:focus { border: 2px solid #4a78b8; }"
    "QLabel#tileTitle, QLabel#cardTitle { color: #4d5666; font-weight: 600; }"
    "QLabel#tileCaption { color: #5b6472; }"
)


class Card(QFrame):
    """A framed panel with a title; put content in :attr:`body`."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("card")
        self.title = QLabel(title)
        self.title.setObjectName("cardTitle")
        self.title.setWordWrap(True)  # a long title takes two lines in a narrow window, never widens the page
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(12, 10, 12, 12)
        self.body.setSpacing(6)
        self.body.addWidget(self.title)


class Tile(QFrame):
    """One figure with a title and a caption; emits ``clicked`` when it leads somewhere."""

    clicked = Signal()

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("tile")
        self.title = QLabel(title)
        self.title.setObjectName("tileTitle")
        self.title.setWordWrap(True)
        self.value = QLabel("—")
        self.value.setObjectName("tileValue")
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.value.setFont(font)
        self.caption = QLabel()
        self.caption.setObjectName("tileCaption")
        self.caption.setWordWrap(True)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.caption, 1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(96)
        self.set_clickable(False)

    def set_figure(self, value: str, caption: str, colour: str | None = None) -> None:
        self.value.setText(value)
        self.value.setStyleSheet(f"color: {colour};" if colour else "")
        self.caption.setText(caption)
        self.setAccessibleName(f"{self.title.text()}: {value} {caption}".strip())

    def set_clickable(self, clickable: bool) -> None:
        self.setProperty("clickable", clickable)
        self.setCursor(Qt.CursorShape.PointingHandCursor if clickable else Qt.CursorShape.ArrowCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if clickable else Qt.FocusPolicy.NoFocus)
        self.style().unpolish(self)
        self.style().polish(self)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.property("clickable") and event.button() == Qt.MouseButton.LeftButton \
                and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.property("clickable") and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)


class RagBadge(QLabel):
    """The overall status as a large coloured word: readable without colour too."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ragBadge")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.7)
        font.setBold(True)
        font.setLetterSpacing(font.SpacingType.PercentageSpacing, 108)
        self.setFont(font)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.rag: Rag | None = None

    def set_rag(self, rag: Rag) -> None:
        self.rag = rag
        self.setText(rag.label.upper())
        self.setStyleSheet(f"QLabel#ragBadge {{ background: {RAG_FILL[rag].name()}; "
                           f"color: {RAG_ON_FILL[rag].name()}; "
                           "border-radius: 6px; padding: 6px 14px; }")
        self.setAccessibleName(f"Overall status {rag.label}")


class RagBreakdown(QWidget):
    """How many milestones are at each status, as labelled bars (letter badges for greyscale)."""

    ORDER = (Rag.RED, Rag.AMBER, Rag.GREEN, Rag.COMPLETE)
    ROW = 26

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.counts: dict[Rag, int] = {}
        self.setAccessibleName("Milestones by status")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_counts(self, counts: Mapping[Rag, int]) -> None:
        self.counts = {rag: counts.get(rag, 0) for rag in self.ORDER}
        self.setAccessibleDescription(", ".join(f"{rag.label} {n}" for rag, n in self.counts.items()))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(220, self.ROW * len(self.ORDER))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        label_width = max(metrics.horizontalAdvance(rag.label) for rag in self.ORDER) + 8
        number_width = metrics.horizontalAdvance("000") + 6
        total = max(sum(self.counts.values()), 1)
        for row, rag in enumerate(self.ORDER):
            top = row * self.ROW
            paint_rag_badge(painter, QRect(0, top, 30, self.ROW), rag)
            painter.setPen(self.palette().color(self.foregroundRole()))
            painter.drawText(QRect(36, top, label_width, self.ROW), Qt.AlignmentFlag.AlignVCenter, rag.label)
            count = self.counts.get(rag, 0)
            painter.drawText(QRect(36 + label_width, top, number_width, self.ROW),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, str(count))
            left = 36 + label_width + number_width + 8
            space = max(self.width() - left - 2, 0)
            track = QRect(left, top + 8, space, self.ROW - 16)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#e8ebf0"))
            painter.drawRoundedRect(track, 3, 3)
            if count:
                painter.setBrush(RAG_FILL[rag])
                painter.drawRoundedRect(QRect(left, top + 8, max(int(space * count / total), 4), self.ROW - 16), 3, 3)
        painter.end()
