"""Small shared widgets: the in-place message bar and a titled section label."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget


class MessageBar(QFrame):
    """A dismissible message shown where the problem happened (not a pop-up)."""

    STYLES = {
        "error": "background:#fdecea; border:1px solid #e0a39c; color:#7a1c12;",
        "info": "background:#e8f1fb; border:1px solid #9dbbe0; color:#123a66;",
        "warning": "background:#fff4e0; border:1px solid #e5bf7a; color:#5c3d00;",
    }

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("messageBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton()
        close.setText("×")
        close.setAutoRaise(True)
        close.setAccessibleName("Dismiss message")
        close.clicked.connect(self.hide)
        layout.addWidget(self.label, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(self, text: str, kind: str = "error") -> None:
        self.setStyleSheet(f"#messageBar {{{self.STYLES[kind]} border-radius:3px;}}")
        self.label.setText(text)
        self.show()


def heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.15)
    font.setBold(True)
    label.setFont(font)
    return label
