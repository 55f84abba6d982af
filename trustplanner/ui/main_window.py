"""The plan window: navigation down the side, one page at a time, menus and the status date."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QSize, QUrl
from PySide6.QtGui import QCloseEvent, QDesktopServices, QGuiApplication, QUndoGroup
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from trustplanner import APP_NAME, __version__
from trustplanner.services.exports import export_plan, kinds_with_personal_data
from trustplanner.services.kinds import kind_named
from trustplanner.services.plans import save_copy
from trustplanner.store.lock import LockTakenOver, PlanLocked
from trustplanner.store.plan_file import PLAN_SUFFIX
from trustplanner.ui import dialogs
from trustplanner.ui.commands import push_edit, set_status_date
from trustplanner.ui.date_field import FORMS, DateField
from trustplanner.ui.document import PlanDocument
from trustplanner.ui.errors import error_text, show_error
from trustplanner.ui.export_dialog import PersonalDataQuestion
from trustplanner.ui.icons import app_icon, icon
from trustplanner.ui.import_dialog import run_import
from trustplanner.ui.opening import (
    ensure_demo_plan,
    open_document,
    open_review_document,
    review_banner_text,
    take_lock,
)
from trustplanner.ui.pages import page_classes
from trustplanner.ui.pages.base import Page
from trustplanner.ui.settings import Settings
from trustplanner.ui.start_page import StartPage
from trustplanner.ui.widgets import MessageBar, page_scroll_area

log = logging.getLogger(__name__)


def commit_open_editor(focused: QWidget | None) -> bool:
    """Save a table cell being edited (Ctrl+S, as Excel does); False when its text is refused.

    The editor stays open with its text and the reason; nothing is saved in its place.
    """
    widget, view = focused, None
    while widget is not None:
        if isinstance(widget, QAbstractItemView):
            view = widget
            break
        widget = widget.parentWidget()
    if view is None or focused is view or view.state() != QAbstractItemView.State.EditingState:
        return True
    editor = focused
    while editor is not None and editor.parentWidget() is not view.viewport():
        editor = editor.parentWidget()
    if editor is None:
        return True
    check = getattr(editor, "check", None)
    if check is not None and not check():
        return False
    view.commitData(editor)
    view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
    view.setFocus()
    return True


PLAN_FILTER = f"TrustPlanner plans (*{PLAN_SUFFIX})"


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings | None = None):
        super().__init__()
        self.settings = settings or Settings()
        self.document: PlanDocument | None = None
        self.undo_group = QUndoGroup(self)
        self.setWindowIcon(app_icon())
        self.resize(1360, 840)

        self.start_page = StartPage()
        self.start_page.new_requested.connect(self.new_plan)
        self.start_page.open_requested.connect(self.open_plan_dialog)
        self.start_page.demo_requested.connect(self.open_demo)
        self.start_page.recent_requested.connect(lambda path: self.open_plan(Path(path)))

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName("Pages")
        self.nav.setIconSize(QSize(22, 22))
        self.nav.setFixedWidth(170)
        self.nav.setSpacing(2)
        self.nav.setStyleSheet("QListWidget#navigation { border: none; background: palette(window); font-size: 11pt; }"
                               "QListWidget#navigation::item { padding: 8px 6px; border-radius: 4px; }"
                               "QListWidget#navigation::item:selected { background: #dbe6f5; color: #10315e; }")
        self.stack = QStackedWidget()
        self.pages: list[Page] = []
        for page_class in page_classes():
            page = page_class()
            page.lazy = True
            page.milestone_selected.connect(self.show_milestone)
            page.milestones_requested.connect(self.show_milestones)
            page.page_requested.connect(self.show_page_titled)
            page.record_requested.connect(self.show_record)
            self.pages.append(page)
            self.stack.addWidget(page_scroll_area(page))
            QListWidgetItem(icon(page.icon), page.title, self.nav)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)

        self.banner = MessageBar()
        plan_area = QWidget()
        area_layout = QVBoxLayout(plan_area)
        area_layout.setContentsMargins(0, 0, 0, 0)
        area_layout.addWidget(self.banner)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.nav)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.VLine)
        rule.setStyleSheet("color: #d0d5dd;")
        body.addWidget(rule)
        body.addWidget(self.stack, 1)
        area_layout.addLayout(body, 1)

        self.central = QStackedWidget()
        self.central.addWidget(page_scroll_area(self.start_page))
        self.central.addWidget(plan_area)
        self.setCentralWidget(self.central)

        self.status_date = DateField(date.today())
        self.status_date.setAccessibleName("Status date")
        self.status_date.setToolTip(f"The date the plan's status is reported as of ({FORMS})")
        self.status_date.editingFinished.connect(self._status_date_edited)
        self.status_date.picked.connect(lambda _day: self._status_date_edited())

        from trustplanner.ui.menus import build_menus

        build_menus(self)
        self._restore_geometry()
        self._show_start()

    # plan lifecycle ---------------------------------------------------------------------------
    def open_plan(self, path: Path, *, read_only: bool = False, review: bool = False) -> bool:
        """Open ``path`` in this window (``read_only``: without taking its edit lock; ``review``: for review,
        as the reviewer remembered in the settings, asked for the first time)."""
        if self.document is not None and Path(self.document.path).resolve() == Path(path).resolve():
            if not review or self.document.reviewing:
                return True
            self.close_plan()
        if review:
            reviewer = self.settings.reviewer() or self.ask_reviewer()
            if reviewer is None:
                return False
            document = open_review_document(path, reviewer, self)
        else:
            document = open_document(path, self, read_only=read_only)
        if document is None:
            if not Path(path).exists():
                self.settings.remove_recent_file(str(path))
                self.start_page.set_recent(self.settings.recent_files())
            return False
        self.close_plan()
        self.statusBar().clearMessage()  # a message about the plan closed does not belong to this one
        self.document = document
        self.settings.add_recent_file(document.path)
        document.changed.connect(self._document_changed)
        document.changed_elsewhere.connect(self._changed_elsewhere)
        document.refused.connect(lambda text: self.banner.show_message(text))
        document.reversed.connect(lambda text: self.statusBar().showMessage(text, 8000))
        document.lock_changed.connect(self._lock_changed)
        self.undo_group.addStack(document.undo_stack)
        self.undo_group.setActiveStack(document.undo_stack)
        for page in self.pages:
            page.set_document(document)
            page.restore_state(self.settings)
        self.central.setCurrentIndex(1)
        if document.notice:
            self.statusBar().showMessage(document.notice, 15000)
        if self.nav.currentRow() < 0:
            self.nav.setCurrentRow(0)
        self._show_read_only_banner()
        self._document_changed()
        self._update_actions()
        self.rebuild_recent_menu()
        if document.reviewing:
            self.show_page_titled("Review")  # where a reviewer works
        return True

    # review ------------------------------------------------------------------------------------
    def ask_reviewer(self) -> tuple[str, str] | None:
        """Ask the reviewer's name and role and remember them; None if cancelled. Tests replace this."""
        from trustplanner.ui.dialogs.reviewer_dialog import ReviewerDialog

        name, role = self.settings.reviewer() or ("", "commissioner")
        dialog = ReviewerDialog(name, role, self)
        if not dialogs.run_dialog(dialog):
            return None
        reviewer = dialog.result_reviewer()
        self.settings.set_reviewer(*reviewer)
        return reviewer

    def change_reviewer(self) -> None:
        """File → Reviewer's name and role…, or the banner's button: the next review write is under the new name."""
        reviewer = self.ask_reviewer()
        if reviewer is None or self.document is None or not self.document.reviewing:
            return
        from trustplanner.domain.review import ReviewerRole

        self.document.reviewer = reviewer
        self.document.read_only_reason = review_banner_text(reviewer[0], ReviewerRole(reviewer[1]))
        self._show_read_only_banner()
        self.document.reload()

    def open_for_review_dialog(self) -> None:
        """File → Open for review…: read-only, without the edit lock; only challenges and sign-offs are written."""
        name, _ = QFileDialog.getOpenFileName(self, "Open plan for review", self.settings.last_folder(), PLAN_FILTER)
        if name:
            self.open_plan(Path(name), review=True)

    def plan_date_window(self):  # noqa: ANN201
        """The dates that make sense in the open plan; its date fields refuse others (None: no plan)."""
        from trustplanner.domain.plan_window import plan_window

        return plan_window(self.document.snapshot.programme) if self.document is not None else None

    def save_pending(self) -> None:
        """Ctrl+S: save what is typed but not yet saved (the plan itself saves as it changes)."""
        if self.document is None:
            return
        if self.document.read_only:
            self.statusBar().showMessage("This plan is open read-only: nothing here is saved to it.", 5000)
            return
        focused = QApplication.focusWidget()
        if not commit_open_editor(focused):
            self.statusBar().showMessage("Not saved: the cell being edited holds something the plan cannot take "
                                         "(see the reason beside it).", 8000)
            return
        for page in self.pages:
            page.commit_pending()
        if focused is not None and self.document is not None:
            focused.setFocus()  # saved where the user was typing; they carry on there
        self.statusBar().showMessage("Saved. Every change is saved to the plan as you make it.", 5000)

    def _commit_pending(self) -> None:
        if self.document is not None and not self.document.read_only:
            for page in self.pages:
                page.commit_pending()

    def reload_plan(self) -> None:
        """F5: read the plan again from its file, keeping what is being typed."""
        if self.document is None:
            return
        self._commit_pending()
        changes = self.document.check_for_changes()
        self.document.reload()
        self.statusBar().showMessage(
            f"Reloaded: {len(changes)} change{'s' if len(changes) != 1 else ''} made elsewhere." if changes
            else "Reloaded: the plan is as shown.", 6000)

    def current_page(self) -> Page | None:
        row = self.stack.currentIndex()
        return self.pages[row] if self.document is not None and 0 <= row < len(self.pages) else None

    def focus_search(self) -> None:
        """Ctrl+F: the search box of the page shown (pages without one say so)."""
        page = self.current_page()
        search = getattr(page, "search", None)
        if search is None:
            self.statusBar().showMessage(f"The {page.title} page has no search." if page else "", 4000)
            return
        search.setFocus()
        search.selectAll()

    def print_page(self) -> None:
        """Ctrl+P: print the page shown, as it is on screen."""
        page = self.current_page()
        if page is None:
            return
        from trustplanner.ui.printing import print_widget

        title = f"{page.title} — {self.document.snapshot.programme.trust}"
        if said := print_widget(page, self, title):
            self.statusBar().showMessage(said, 8000)

    def print_briefing(self) -> None:
        """Ctrl+Shift+P: produce the cabinet briefing as the Briefings page sets it, then open it to print."""
        page = self.page_titled("Briefings")
        if page is None or self.document is None:
            return
        self.show_page_titled("Briefings")
        page.ensure_fresh()
        page.generate()
        self.statusBar().showMessage("Producing the briefing; it opens in your PDF viewer to print.", 8000)

    def edit_plan_settings(self) -> None:
        """File → Plan settings…: every programme detail, saved as one undoable change."""
        if self.document is None or self.document.reviewing:
            return
        from trustplanner.services.plans import describe_programme_change
        from trustplanner.ui.commands import UpdateProgramme
        from trustplanner.ui.dialogs.plan_settings import PlanSettingsDialog

        old = self.document.snapshot.programme
        dialog = PlanSettingsDialog(old, self, read_only=self.document.read_only)
        if not dialogs.run_dialog(dialog) or not (changes := dialog.changes()):
            return
        text = describe_programme_change(old, dialog.result_programme)
        error = push_edit(self.document, UpdateProgramme(self.document, old, text, **changes))
        if isinstance(error, LockTakenOver):
            return
        if error is not None:
            self.banner.show_message(f"Plan settings not changed: {error_text(error)}")
            return
        self.statusBar().showMessage(f"{text}. Saved; Edit → Undo takes it back.", 8000)

    def close_plan(self) -> None:
        if self.document is None:
            return
        self._commit_pending()
        for page in self.pages:
            page.save_state(self.settings)
            try:
                self.document.changed.disconnect(page.plan_changed)
            except (RuntimeError, TypeError):
                pass
        self.undo_group.removeStack(self.document.undo_stack)
        self.document.close()
        self.document = None
        self._show_start()

    def _show_start(self) -> None:
        self.start_page.set_recent(self.settings.recent_files())
        self.central.setCurrentIndex(0)
        self.setWindowTitle(APP_NAME)
        self._update_actions()

    def _show_read_only_banner(self) -> None:
        document = self.document
        if document is None or not document.read_only:
            self.banner.hide()
            return
        if document.reviewing:
            self.banner.show_message(document.read_only_reason, "info", ("Change reviewer…", self.change_reviewer))
            return
        if document.can_take_over and document.lock_free:
            self.banner.show_message("Read-only: nobody is editing this plan now. The pages show changes as they "
                                     "are saved.", "warning", ("Take over editing", self.take_over_editing))
        else:
            self.banner.show_message(document.read_only_reason or "Read-only: editing is switched off.", "warning")

    def _lock_changed(self) -> None:
        """Editing switched off (the lock was taken over) or on (taken over here), or the lock came free."""
        if self.document is None:
            return
        for page in self.pages:
            page.apply_read_only(self.document.read_only)
        self._show_read_only_banner()
        self._document_changed()
        self._update_actions()

    def take_over_editing(self) -> None:
        """Take the edit lock of the plan this window shows read-only, and switch to editing in place."""
        document = self.document
        if document is None or not document.read_only or not document.can_take_over:
            return
        try:
            plan, _declined = take_lock(document.path, self)
        except PlanLocked as locked:
            document.lock_free = False
            self.banner.show_message(f"Read-only: {locked.owner.describe()} has this plan open for editing.",
                                     "warning")
            self._update_actions()
            return
        except Exception as exc:
            show_error(self, "Cannot take over editing", exc)
            return
        if plan is None:
            return
        document.start_editing(plan)
        log.info("took over editing")
        self.statusBar().showMessage("You are now editing this plan; changes are saved as you make them.", 8000)

    def _changed_elsewhere(self, entries: list) -> None:
        """Say what someone else changed (the pages have already reloaded)."""
        if not entries:
            return
        latest = entries[-1]
        more = f" and {len(entries) - 1} more change{'s' if len(entries) > 2 else ''}" if len(entries) > 1 else ""
        text = (f"Updated: {latest.what} ({latest.user} on {latest.host} at {latest.at:%H:%M}){more}. "
                "The pages show the plan as it is now.")
        self.statusBar().showMessage(text, 15000)
        log.info("picked up %d change(s) made elsewhere", len(entries))

    def _document_changed(self, *_areas: object) -> None:
        if self.document is None:
            return
        snapshot = self.document.snapshot
        suffix = " [review]" if self.document.reviewing else " [read-only]" if self.document.read_only else ""
        self.setWindowTitle(f"{snapshot.programme.trust} — {self.document.path.name}{suffix} — {APP_NAME}")
        day = snapshot.status_date
        self.status_date.blockSignals(True)
        self.status_date.setDate(QDate(day.year, day.month, day.day))
        self.status_date.blockSignals(False)

    def _update_actions(self) -> None:
        open_ = self.document is not None
        editable = open_ and not self.document.read_only
        self.take_over_action.setEnabled(open_ and self.document.read_only and self.document.can_take_over
                                         and self.document.lock_free)
        for action in self.plan_actions:
            action.setEnabled(open_)
        self.settings_action.setEnabled(open_ and not self.document.reviewing)  # a reviewer changes no setting
        for action in self.edit_plan_actions:
            action.setEnabled(editable)
        for action in self.status_date_actions:  # a toolbar widget follows its action's state
            action.setVisible(open_)
            action.setEnabled(editable)

    # commands ---------------------------------------------------------------------------------
    def _status_date_edited(self) -> None:
        if self.document is None or self.document.read_only:
            return
        if problem := self.status_date.problem():  # refused in the field, the text kept to correct
            self.status_date.check()
            self.banner.show_message(f"Status date not changed: {problem}.")
            return
        day: date = self.status_date.value()
        if day == self.document.snapshot.status_date:
            return
        error = push_edit(self.document, set_status_date(self.document, day))
        if isinstance(error, LockTakenOver):  # the banner already says so
            return
        if error is not None:
            self.banner.show_message(error_text(error))

    def new_plan(self) -> None:
        try:
            from trustplanner.ui.dialogs.new_plan_wizard import run_new_plan_wizard
        except ImportError:
            QMessageBox.information(self, APP_NAME, "Use File → Open to open a plan.")
            return
        path = run_new_plan_wizard(self, self.settings)
        if path is not None and self.open_plan(path):
            self.show_page_titled("Overview")  # a new plan starts where its programme is summarised

    def open_plan_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Open plan", self.settings.last_folder(), PLAN_FILTER)
        if name:
            self.open_plan(Path(name))

    def open_read_only_dialog(self) -> None:
        """File → Open read-only…: look at a plan without taking its edit lock, whoever has it."""
        name, _ = QFileDialog.getOpenFileName(self, "Open plan read-only", self.settings.last_folder(), PLAN_FILTER)
        if name:
            if self.document is not None and Path(self.document.path).resolve() == Path(name).resolve():
                self.close_plan()
            self.open_plan(Path(name), read_only=True)

    def open_demo(self) -> None:
        path = ensure_demo_plan(self)
        if path is not None:
            self.open_plan(path)

    def save_copy_as(self) -> None:
        if self.document is None:
            return
        suggested = str(Path(self.settings.last_folder()) / f"{self.document.path.stem} copy{PLAN_SUFFIX}")
        name, _ = QFileDialog.getSaveFileName(self, "Save a copy as", suggested, PLAN_FILTER)
        if name:
            try:
                target = save_copy(self.document.plan, name)
            except Exception as exc:
                show_error(self, "Cannot save a copy", exc)
                return
            self.statusBar().showMessage(f"Saved a copy to {target}", 8000)

    def import_table(self, kind_name: str) -> None:
        """File → Import: preview a file of the kind and import it; the pages showing that kind hear of it."""
        if self.document is None or self.document.read_only:
            return
        kind = kind_named(kind_name)
        pages = [page for page in self.pages if kind.name in getattr(page, "import_kinds", ())]
        run_import(self, self.document, kind, self.settings,
                   show_personal=any(getattr(page, "show_personal", False) for page in pages),
                   on_imported=lambda *heard: [page.records_imported(*heard) for page in pages])

    def export_plan(self) -> None:
        """File → Export: asks first whether names and salaries go in (without them is the default)."""
        if self.document is None:
            return
        personal = kinds_with_personal_data(self.document.plan)
        with_personal_data = False
        if personal:
            question = PersonalDataQuestion([f"{kind.name}.csv" for kind in personal],
                                            " and ".join(dict.fromkeys(k.personal_words for k in personal)), self)
            if not dialogs.run_dialog(question):
                return
            with_personal_data = question.with_personal_data
        folder = self.choose_export_folder()
        if not folder:
            return
        try:
            written = export_plan(self.document.plan, folder, with_personal_data=with_personal_data)
        except Exception as exc:
            show_error(self, "Cannot export", exc)
            return
        self.settings.set_last_folder(Path(folder))
        words = " and ".join(dict.fromkeys(k.personal_words for k in personal))
        said = (f"; {words} included (personal data: keep the files safe)" if with_personal_data else
                f"; {words} left out (personal data)") if personal else ""
        self.statusBar().showMessage(f"Exported {', '.join(p.name for p in written)} to {folder}{said}", 12000)

    def choose_export_folder(self) -> str:
        """Ask where to export (tests replace this); '' when cancelled."""
        return QFileDialog.getExistingDirectory(self, "Export to folder", self.settings.last_folder())

    def show_milestone(self, ref: str) -> None:
        for row, page in enumerate(self.pages):
            if page.title == "Milestones":
                self.nav.setCurrentRow(row)
                page.ensure_fresh()
                page.select_milestone(ref)

    def show_milestones(self, label: str, refs: list) -> None:
        page = self.page_titled("Milestones")
        if page is not None:
            self.show_page_titled("Milestones")
            page.ensure_fresh()
            page.show_refs(label, refs)

    def page_titled(self, title: str) -> Page | None:
        return next((page for page in self.pages if page.title == title), None)

    def show_page_titled(self, title: str) -> None:
        page = self.page_titled(title)
        if page is not None:
            self.show_page(self.pages.index(page))

    def show_record(self, title: str, ref: str) -> None:
        """Show the page titled ``title`` with its record ``ref`` selected (a risk from a milestone, ...)."""
        page = self.page_titled(title)
        if page is not None:
            self.show_page_titled(title)
            page.ensure_fresh()
            page.select_record(ref)

    def show_page(self, row: int) -> None:
        if self.document is not None and 0 <= row < len(self.pages):
            self.nav.setCurrentRow(row)

    def about(self) -> None:
        QMessageBox.about(self, f"About {APP_NAME}",
                          f"<h3>{APP_NAME} {__version__}</h3><p>Plans and reports the staged move of a council's "
                          "children's services into a trust: milestones, staff transfers, budget handover, risks "
                          "and decisions, with cabinet briefings.</p>"
                          "<p>Plans are single files; every change is saved as it is made.</p>")

    def open_log_folder(self) -> None:
        from trustplanner.logging_setup import log_folder

        folder = log_folder()
        if folder.is_dir() and QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            return
        reason = "it could not be opened" if folder.is_dir() else "it does not exist"
        text = f"Cannot open the log folder {folder}: {reason}."
        self.statusBar().showMessage(text, 15000)
        QMessageBox.warning(self, APP_NAME, text)

    def rebuild_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.settings.recent_files()
        for number, name in enumerate(files, start=1):
            action = self.recent_menu.addAction(f"&{number} {Path(name).name}")
            action.setToolTip(name)
            action.triggered.connect(lambda checked=False, n=name: self.open_plan(Path(n)))
        self.recent_menu.setEnabled(bool(files))

    # window state -----------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        if geometry := self.settings.state("window/geometry"):
            self.restoreGeometry(geometry)
        if state := self.settings.state("window/state"):
            self.restoreState(state)
        self._fit_to_screen()

    def _fit_to_screen(self) -> None:
        """Keep the whole window, status bar included, on the screen it opens on (a council laptop
        at 125% leaves about 1093×552 logical pixels)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        available = screen.availableGeometry()
        frame = self.frameGeometry().size() - self.geometry().size()  # title bar and borders
        width = min(self.width(), available.width() - frame.width())
        height = min(self.height(), available.height() - frame.height())
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        x = min(max(self.x(), available.left()), available.right() - width - frame.width() + 1)
        y = min(max(self.y(), available.top()), available.bottom() - height - frame.height() + 1)
        if (x, y) != (self.x(), self.y()):
            self.move(x, y)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.set_state("window/geometry", self.saveGeometry())
        self.settings.set_state("window/state", self.saveState())
        if self.document is not None:
            self._commit_pending()
            for page in self.pages:
                page.save_state(self.settings)
            self.document.close()
            self.document = None
        event.accept()
