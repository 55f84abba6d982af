"""Importing an HR extract with a preview: joiners, leavers, changes and every problem first.

The preview runs the real import service in preview mode for the chosen extract date, so what it
lists is what the import will do. A file with any problem cannot be imported. Import runs as one
undoable edit.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from trustplanner.domain.problems import Problem, ValidationFailed
from trustplanner.domain.staff import StaffRecord
from trustplanner.services import staff_rows
from trustplanner.services.staff import StaffImportResult, import_staff, load_staff
from trustplanner.ui import dialogs
from trustplanner.ui.import_preview import PreviewDialog, choose_file, heading_text, qdate
from trustplanner.ui.settings import Settings
from trustplanner.ui.staff.commands import ImportStaff
from trustplanner.ui.staff.preview import (
    CHANGE_HEADERS,
    PERSON_HEADERS,
    change_rows,
    person_cells,
    staff_changes,
)
from trustplanner.ui.text_table import NEW_COLOUR, OLD_COLOUR, TextTableModel

log = logging.getLogger(__name__)
WRAP_LIMIT = 500  # problem rows are wrapped (and their heights measured) up to this many


def choose_staff_file(parent: QWidget | None, folder: str) -> str:
    """Ask which HR extract to import (tests replace this); '' when cancelled."""
    return choose_file(parent, "Import staff", folder)


def _count(n: int, noun: str) -> str:
    return f"<b>{n:,}</b> {noun if n == 1 or noun == 'unchanged' else noun + 's'}"


class StaffImportDialog(PreviewDialog):
    """Shows what importing ``path`` as at the extract date would do; Import runs it."""

    def __init__(self, document, path: str, *, show_names: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.document, self.path, self.show_names = document, str(path), show_names
        self.file_name = Path(path).name
        self.preview_result: StaffImportResult | None = None
        self.import_result: StaffImportResult | None = None  # once imported
        self.problems: list[Problem] = []
        self.joiners: list[StaffRecord] = []
        self.leavers: list[StaffRecord] = []
        self.changes: dict[str, list[tuple[str, str, str]]] = {}
        self.setWindowTitle("Import staff: preview")
        self.resize(940, 640)
        self.setMinimumSize(660, 440)

        heading = QLabel(heading_text("staff", self.file_name, self.path))
        heading.setTextFormat(Qt.TextFormat.RichText)
        heading.setWordWrap(True)
        self.extract_date = QDateEdit(qdate(document.snapshot.status_date))
        self.extract_date.setCalendarPopup(True)
        self.extract_date.setDisplayFormat("dd/MM/yyyy")
        self.extract_date.setAccessibleName("Extract date")
        self.extract_date.setToolTip("The date the HR extract shows staff as at. Extracts are imported in date "
                                     "order; the plan keeps each earlier one as history.")
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(400)
        self._debounce.timeout.connect(self.preview)
        self.extract_date.dateChanged.connect(lambda *_: self._debounce.start())
        caption = QLabel("Staff as at (extract date)")
        caption.setBuddy(self.extract_date)
        date_row = QHBoxLayout()
        date_row.addWidget(caption)
        date_row.addWidget(self.extract_date)
        date_row.addStretch(1)
        self.build_parts()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addLayout(date_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.messages)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.preview()

    # previewing ---------------------------------------------------------------------------------
    def set_extract_date(self, day: date) -> None:
        """Preview again as at ``day`` straight away."""
        self.extract_date.blockSignals(True)
        self.extract_date.setDate(qdate(day))
        self.extract_date.blockSignals(False)
        self.preview()

    def chosen_date(self) -> date:
        return self.extract_date.date().toPython()

    def preview(self) -> None:
        self._debounce.stop()
        self._clear()
        day = self.chosen_date()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = import_staff(self.document.plan, self.path, extract_date=day, preview=True)
            _, records = staff_rows.parse(self.path, self.document.snapshot)
            current = {r.ref: r for r in load_staff(self.document.plan)}
        except ValidationFailed as exc:
            self._show_problems(exc.problems)
            return
        except Exception as exc:
            self._cannot_import(exc, log, "staff")
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._show_result(result, {r.ref: r for r in records}, current)

    def _clear(self) -> None:
        self.preview_result, self.problems, self.joiners, self.leavers, self.changes = None, [], [], [], {}
        self._remove_tabs()
        self.tabs.show()
        self.messages.hide()
        self.note.clear()

    def _show_problems(self, problems: list[Problem]) -> None:
        # long messages (an unknown service lists the plan's) wrap onto more lines, up to WRAP_LIMIT rows
        self._problems_tab(problems, wrap=len(problems) <= WRAP_LIMIT)

    def _show_result(self, result: StaffImportResult, incoming: dict[str, StaffRecord],
                     current: dict[str, StaffRecord]) -> None:
        self.preview_result = result
        self.joiners = [incoming[ref] for ref in result.joiners]
        self.leavers = [current[ref] for ref in result.leavers]
        self.changes = {ref: staff_changes(current[ref], incoming[ref], show_names=self.show_names)
                        for ref in result.changed}
        parts = [_count(len(result.joiners), "joiner"), _count(len(result.leavers), "leaver"),
                 _count(len(result.changed), "change"), _count(result.unchanged, "unchanged")]
        self.summary.setText(" · ".join(parts) + f" — staff as at {result.extract_date:%d/%m/%Y}")
        if self.joiners:
            self._people_tab("joiners", "Joiners", self.joiners)
        if self.leavers:
            self._people_tab("leavers", "Leavers", self.leavers)
        if self.changes:
            model = TextTableModel(CHANGE_HEADERS, change_rows(self.changes), {2: OLD_COLOUR, 3: NEW_COLOUR})
            view = self._table("changes", "Changes", model)
            view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
            view.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
            self.tabs.addTab(view, f"Changes ({len(self.changes):,})")
        notes = []
        if self.leavers:
            notes.append(f"Leavers stay in the plan's history up to {result.extract_date:%d/%m/%Y}.")
        if not self.show_names:
            notes.append("Names and salaries are hidden (—); tick 'Show names and salaries' on the Staff page to "
                         "see them.")
        if result.ignored_columns:
            notes.append(f"Ignored columns (not part of a staff file): {', '.join(result.ignored_columns)}.")
        self.note.setText(" ".join(notes))
        if result.joiners or result.leavers or result.changed:
            self.messages.show_message("Nothing has changed yet. Check the lists, then press Import. "
                                       "Edit → Undo takes the whole import back.", "info")
            self._allow_import(True)
        else:
            self._show_tabs(False)
            self._allow_import(False)
            self.messages.show_message(f"Every row of {self.file_name} already matches the plan's staff: there is "
                                       "nothing to import.", "info")

    def _people_tab(self, name: str, label: str, records: list[StaffRecord]) -> None:
        rows = [person_cells(r, show_names=self.show_names) for r in records]
        view = self._table(name, label, TextTableModel(PERSON_HEADERS, rows, right=(6,)))
        view.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.tabs.addTab(view, f"{label} ({len(records):,})")

    # importing --------------------------------------------------------------------------------
    def accept(self) -> None:
        """Run the import as one undoable edit; a refusal is shown here and the dialog stays open."""
        result = self.preview_result
        if result is None or not (result.joiners or result.leavers or result.changed):
            return
        if self._push_import(ImportStaff(self.document, self.path, result.extract_date), log, "staff"):
            super().accept()


def _staff_page(parent: QWidget | None):  # noqa: ANN202
    finder = getattr(parent, "page_titled", None)
    return finder("Staff") if callable(finder) else None


def run_staff_import(parent: QWidget | None, document, settings: Settings, *, show_names: bool | None = None,
                     on_imported: Callable[[StaffImportResult], None] | None = None) -> bool:
    """Choose an HR extract, preview it and import it on confirmation; True when the plan changed.

    From the menu, the Staff page (if the window has one) says whether names are shown and hears
    about the import, so it can show staff as at the new extract.
    """
    if document is None or document.read_only:
        return False
    page = _staff_page(parent)
    if show_names is None:
        show_names = bool(getattr(page, "show_names", False))
    if on_imported is None and page is not None:
        on_imported = getattr(page, "staff_imported", None)
    path = choose_staff_file(parent, settings.last_folder())
    if not path:
        return False
    settings.set_last_folder(Path(path).parent)
    dialog = StaffImportDialog(document, path, show_names=show_names, parent=parent)
    if not dialogs.run_dialog(dialog) or dialog.import_result is None or not dialog.import_result.applied:
        return False
    result = dialog.import_result
    if isinstance(parent, QMainWindow):
        parent.statusBar().showMessage(f"Imported {result.summary()} from {Path(path).name}. "
                                       "Edit → Undo takes it back.", 10000)
    log.info("imported staff: %d joiners, %d leavers, %d changed", len(result.joiners), len(result.leavers),
             len(result.changed))
    if on_imported is not None:
        on_imported(result)
    return True
