"""Small shared widgets: the in-place message bar, a titled section label and the page scroll area."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSplitter, QToolButton, QWidget


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
        #: an optional button beside the message (e.g. "Take over editing"); hidden unless a message offers one
        self.button = QPushButton()
        self.button.hide()
        self.button.clicked.connect(self._clicked)
        self._action = None
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(self, text: str, kind: str = "error", action: tuple[str, object] | None = None) -> None:
        """Show ``text``; ``action`` (label, callable) adds a button that does it."""
        self.setStyleSheet(f"#messageBar {{{self.STYLES[kind]} border-radius:3px;}}")
        self.label.setText(text)
        self._action = action[1] if action else None
        self.button.setText(action[0] if action else "")
        self.button.setVisible(action is not None)
        self.show()

    def _clicked(self) -> None:
        if self._action is not None:
            self._action()


def heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.15)
    font.setBold(True)
    label.setFont(font)
    return label


def page_scroll_area(page: QWidget) -> QScrollArea:
    """The one scroll area a page has: the page fills it while there is room and scrolls, as a
    whole, when the window is smaller than the page's minimum (a laptop at 125 or 150%).
    Nothing inside a page scrolls on its own except its lists and tables (docs/design/0010)."""
    area = QScrollArea()
    area.setObjectName("pageScroll")
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(page)
    area.setAccessibleName(page.accessibleName() or getattr(page, "title", ""))
    return area


class FitSplitter(QSplitter):
    """A vertical splitter that never squeezes a pane below the height its content needs at its
    width: a QSplitter asks only for minimumSizeHint, which ignores wrapped text and filter rows
    on two lines, so on a small screen charts were painted over each other. The page scrolls
    instead."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Vertical, parent)

    def childEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().childEvent(event)
        if event.added() and isinstance(event.child(), QWidget):
            event.child().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: ANN001, N802
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest) and isinstance(watched, QWidget) \
                and watched.parentWidget() is self and watched.hasHeightForWidth():
            needed = watched.heightForWidth(watched.width())
            if needed > 0 and needed != watched.minimumHeight():
                watched.setMinimumHeight(needed)
        return False
