"""What the window shows with no plan open: new, open, the demo, and recent plans."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trustplanner import __version__
from trustplanner.ui.icons import app_icon, icon


class StartPage(QWidget):
    new_requested = Signal()
    open_requested = Signal()
    demo_requested = Signal()
    recent_requested = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(QSize(72, 72)))
        title = QLabel("<span style='font-size:22pt; font-weight:600'>TrustPlanner</span>"
                       f"<br><span style='color:#555'>Moving children's services into a trust · version "
                       f"{__version__}</span>")
        header = QHBoxLayout()
        header.addWidget(logo)
        header.addWidget(title, 1)

        new = QCommandLinkButton("New plan…", "Set up a programme: council, trust, stages, services and the "
                                 "standard milestone template.")
        open_ = QCommandLinkButton("Open plan…", "Open a .tplan file from your computer or a shared folder.")
        demo = QCommandLinkButton("Open the demo plan", "Sunderland City Council to Together for Children "
                                  "(2016–17), with real milestones, slips and knock-ons.")
        for button, icon_name in ((new, "new.svg"), (open_, "open.svg"), (demo, "overview.svg")):
            button.setIcon(icon(icon_name))
            button.setIconSize(QSize(28, 28))
        new.clicked.connect(self.new_requested)
        open_.clicked.connect(self.open_requested)
        demo.clicked.connect(self.demo_requested)
        for button in (new, open_, demo):
            button.setAccessibleName(button.text().rstrip("…"))

        self.recent = QListWidget()
        self.recent.setAccessibleName("Recent plans")
        self.recent.setFrameShape(QFrame.Shape.NoFrame)
        self.recent.setSpacing(3)
        self.recent.setIconSize(QSize(24, 24))
        self.recent.itemActivated.connect(self._open_item)
        self.recent.itemClicked.connect(self._open_item)
        recent_box = QVBoxLayout()
        recent_box.addWidget(QLabel("<b>Recent plans</b>"))
        recent_box.addWidget(self.recent)

        actions = QVBoxLayout()
        for button in (new, open_, demo):
            actions.addWidget(button)
        actions.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(actions, 1)
        line = QFrame()
        line.setFixedWidth(1)
        line.setStyleSheet("background: #d9dee5;")
        body.addSpacing(12)
        body.addWidget(line)
        body.addSpacing(12)
        body.addLayout(recent_box, 1)

        card = QFrame()
        card.setObjectName("startCard")
        card.setMaximumWidth(960)
        card.setStyleSheet("#startCard { background: palette(base); border: 1px solid #d9dee5; border-radius: 10px; }"
                           "QListWidget { background: transparent; }")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(32, 28, 32, 28)
        inner.addLayout(header)
        inner.addSpacing(16)
        inner.addLayout(body)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 4)
        row.addStretch(1)
        outer.addLayout(row, 4)
        outer.addStretch(1)

    def _open_item(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        if path and item.flags() & Qt.ItemFlag.ItemIsEnabled:
            self.recent_requested.emit(path)

    def set_recent(self, files: list[str]) -> None:
        self.recent.clear()
        for name in files:
            path = Path(name)
            item = QListWidgetItem(f"{path.name}\n{path.parent}")
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setToolTip(name)
            item.setIcon(app_icon())
            if not path.exists():
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                item.setText(f"{path.name} (missing)\n{path.parent}")
            self.recent.addItem(item)
        if not files:
            self.recent.addItem(QListWidgetItem("No recent plans yet."))
            self.recent.item(0).setFlags(Qt.ItemFlag.NoItemFlags)
