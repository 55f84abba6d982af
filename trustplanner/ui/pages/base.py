"""What every page in the side navigation provides."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from trustplanner.ui.document import PlanDocument


class Page(QWidget):
    """A page shows the open plan. Subclasses set ``title``/``icon`` and implement refresh()."""

    title = "Page"
    icon = ""  # file name under resources/icons
    #: ask the window to show a milestone (e.g. clicked in the timeline)
    milestone_selected = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.document: PlanDocument | None = None

    def set_document(self, document: PlanDocument) -> None:
        self.document = document
        document.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:  # pragma: no cover - every page overrides
        raise NotImplementedError

    def select_milestone(self, ref: str) -> None:
        """Pages that list milestones select ``ref``; others ignore it."""

    def save_state(self, settings) -> None:
        """Persist splitter and header state."""

    def restore_state(self, settings) -> None:
        """Restore what save_state() stored."""
