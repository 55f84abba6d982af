"""What every page in the side navigation provides."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from trustplanner.ui.commands import push_edit
from trustplanner.ui.document import PlanDocument
from trustplanner.ui.errors import error_text


class Page(QWidget):
    """A page shows the open plan. Subclasses set ``title``/``icon`` and implement refresh()."""

    title = "Page"
    icon = ""  # file name under resources/icons
    #: the areas of the plan the page shows ("milestones", "staff", ...); None: all of them.
    #: A change that touches none of them leaves the page as it is.
    areas: frozenset[str] | None = None
    #: ask the window to show a milestone (e.g. clicked in the timeline)
    milestone_selected = Signal(str)
    #: ask the window to list these milestones, under a label such as "overdue"
    milestones_requested = Signal(str, list)
    #: ask the window to show the page with this title
    page_requested = Signal(str)
    #: ask the window to show one record on the page with this title: (page title, ref), e.g. ("Risks", "R01")
    record_requested = Signal(str, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.document: PlanDocument | None = None
        self._stale = False
        #: the window sets this: a page that is not on screen then refreshes when next shown
        self.lazy = False

    def set_document(self, document: PlanDocument) -> None:
        self.document = document
        document.changed.connect(self.plan_changed)
        self.apply_read_only(document.read_only)
        self._stale = True
        self.plan_changed()

    def plan_date_window(self):  # noqa: ANN201
        """The dates that make sense in this page's plan; its date fields and editors refuse others."""
        from trustplanner.domain.plan_window import plan_window

        return plan_window(self.document.snapshot.programme) if self.document is not None else None

    def apply_read_only(self, read_only: bool) -> None:
        """Switch editing controls off (or on) straight away, even before the first refresh."""

    def plan_changed(self, areas: frozenset[str] | None = None) -> None:
        """Refresh now, or (for a lazy page that is not on screen) when it is next shown.

        ``areas``: what the change touched (None: anything); a page showing none of them stays as it is.
        """
        if areas is not None and self.areas is not None and not (areas & (self.areas | {"programme"})):
            return
        if not self.lazy or self.isVisible():
            self._stale = False
            self.refresh()
        else:
            self._stale = True

    def ensure_fresh(self) -> None:
        if self._stale and self.document is not None:
            self._stale = False
            self.refresh()

    def showEvent(self, event) -> None:  # noqa: ANN001
        self.ensure_fresh()
        super().showEvent(event)

    def refresh(self) -> None:  # pragma: no cover - every page overrides
        raise NotImplementedError

    def commit_pending(self) -> None:
        """Save what is typed but not yet saved (e.g. a commentary still being written): Ctrl+S,
        closing the plan."""

    def editable(self) -> bool:
        """A plan is open here for editing (not read-only)."""
        return self.document is not None and not self.document.read_only

    def push_record_edit(self, edit, select: str | None = None) -> bool:  # noqa: ANN001
        """Run ``edit`` as one undoable change; a refusal is said in the page's ``messages`` bar. On
        success the record ``select`` (a ref) is selected."""
        error = push_edit(self.document, edit)
        if error is not None:
            self.messages.show_message(error_text(error))
            return False
        self.messages.hide()
        if select:
            self.select_record(select)
        return True

    def select_milestone(self, ref: str) -> None:
        """Pages that list milestones select ``ref``; others ignore it."""

    def select_record(self, ref: str) -> None:
        """Pages that list records with refs (risks, decisions) select ``ref``; others ignore it."""

    def save_state(self, settings) -> None:
        """Persist splitter and header state."""

    def restore_state(self, settings) -> None:
        """Restore what save_state() stored."""
