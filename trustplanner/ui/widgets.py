"""Small shared widgets: the in-place message bar, a titled section label and the page scroll area."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)


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


class _PageHolder(QWidget):
    """Holds a page in its scroll area. A scroll area gives content that wraps text its
    *preferred* height for the width, so a page with a wrapped sentence scrolled although it
    fitted; the holder asks for the page's minimum instead, and its wrapped labels keep the
    height of their lines (keep_wrapped_height), so none is cut off."""

    def __init__(self, page: QWidget):
        super().__init__()
        self.page = page
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(page)
        self._watch()

    def _watch(self) -> None:
        for label in self.page.findChildren(QLabel):
            if label.wordWrap() and not label.property("keepsWrappedHeight"):
                label.setProperty("keepsWrappedHeight", True)
                keep_wrapped_height(label)

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        self._watch()  # labels a page made after it was built
        super().showEvent(event)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return False

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.minimumSizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.layout().minimumSize()


def page_scroll_area(page: QWidget) -> QScrollArea:
    """The one scroll area a page has: the page fills it while there is room and scrolls, as a
    whole, when the window is smaller than the page's minimum (a laptop at 125 or 150%).
    Nothing inside a page scrolls on its own except its lists and tables (docs/design/0010)."""
    area = QScrollArea()
    area.setObjectName("pageScroll")
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(_PageHolder(page))
    area.setAccessibleName(page.accessibleName() or getattr(page, "title", ""))
    return area


class _WrappedHeight(QObject):
    def eventFilter(self, label, event) -> bool:  # noqa: ANN001, N802 - Qt's name
        if event.type() == QEvent.Type.Resize and label.wordWrap():
            needed = label.heightForWidth(label.width())
            if needed > 0 and needed != label.minimumHeight():
                label.setMinimumHeight(needed)
        return False


def keep_wrapped_height(*labels: QLabel) -> None:
    """Word-wrapped labels ask for the height of their lines at the width they have, so a pane
    in a splitter (which asks only for minimum sizes) never cuts their last lines off."""
    for label in labels:
        watcher = _WrappedHeight(label)
        label.installEventFilter(watcher)


#: the first choice of every filter list: no filter
ANY = "All"


def fill_filter(combo: QComboBox, values: list[str]) -> None:
    """Refill a filter list with "All" and ``values``, keeping the choice made when it is still there
    (and saying nothing: a refill is not the user choosing)."""
    if [combo.itemData(i) for i in range(1, combo.count())] == values:
        return
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(ANY, None)
    for value in values:
        combo.addItem(value, value)
    combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen is not None else 0)
    combo.blockSignals(False)
