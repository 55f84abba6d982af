"""The import preview: what a file of any record kind would add, change and remove, before anything changes.

It shows the kind's :class:`~trustplanner.services.import_preview.ImportPreview` (the real import
run in preview mode), so what it lists is what Import will do; a file with any problem lists every
one and cannot be imported. Import runs the kind's import as one edit, which Edit → Undo takes back.
Personal data (names and salaries) stays hidden until the user ticks the box.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QRadioButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from trustplanner.domain.problems import TrustPlannerError
from trustplanner.services.blanks import CLEAR, KEEP
from trustplanner.services.import_preview import (
    ImportPreview,
    RecordList,
    blank_effect,
    problem_place,
)
from trustplanner.services.kinds import RecordKind, kind_named
from trustplanner.ui import dialogs
from trustplanner.ui.commands import ImportRecords, push_edit
from trustplanner.ui.date_field import DateField
from trustplanner.ui.errors import error_text
from trustplanner.ui.settings import Settings
from trustplanner.ui.text_table import HIDDEN, NEW_COLOUR, OLD_COLOUR, TextTableModel
from trustplanner.ui.widgets import MessageBar

log = logging.getLogger(__name__)
FILE_FILTER = "Spreadsheets (*.csv *.xlsx);;CSV files (*.csv);;Excel workbooks (*.xlsx);;All files (*)"
PROBLEM_HEADERS = ("File:row", "Column", "Problem")
BLANK_HEADERS = ("Record", "Row", "Column", "In the plan", "Blank cell")
WRAP_LIMIT = 500  # problem and note rows are wrapped (and their heights measured) up to this many
SIZE = (940, 620)  # as large as it opens; smaller on a small screen


def choose_import_file(parent: QWidget | None, kind: RecordKind, folder: str) -> str:
    """Ask which spreadsheet to import (tests replace this); '' when cancelled."""
    name, _ = QFileDialog.getOpenFileName(parent, f"Import {kind.label.lower()}", folder, FILE_FILTER)
    return name


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def summary_text(preview: ImportPreview) -> str:
    """'2 joiners · 1 leaver · …' with the numbers in bold, then what the file is as of."""
    text = " · ".join(f"<b>{n:,}</b> {esc(words)}" for n, words in preview.counts)
    return f"{text} — {esc(preview.context)}" if preview.context else text


def problems_text(count: int, file_name: str) -> str:
    return (f"<b style='color:#7a1c12'>{count:,} problem{'s' if count != 1 else ''} in {esc(file_name)}.</b> "
            "Nothing will be imported until every one is fixed in the file; then import it again. "
            "The plan has not changed.")


def change_rows(preview: ImportPreview, *, show_personal: bool) -> list[tuple[str, str, str, str]]:
    """One row per changed field; the record only on its first row; personal values hidden unless shown."""
    rows = []
    for record in preview.changed:
        for n, change in enumerate(record.fields):
            hide = change.personal and not show_personal
            rows.append((record.title if n == 0 else "", change.label, HIDDEN if hide else change.before,
                         HIDDEN if hide else change.after))
    return rows


def blank_rows(preview: ImportPreview, *, show_personal: bool) -> list[tuple[str, ...]]:
    """One row per blank cell where the plan holds a value, saying whether it keeps or clears it."""
    return [(cell.record, str(cell.row), cell.column, HIDDEN if cell.personal and not show_personal else cell.value,
             blank_effect(cell, preview.blank)) for cell in preview.blanks]


def blank_question(count: int) -> str:
    return (f"<b>{count:,} blank cell{'s' if count != 1 else ''}</b> in the file "
            f"{'is' if count == 1 else 'are'} where the plan holds a value. Blank cells:")


def record_rows(records: RecordList, *, show_personal: bool) -> list[tuple[str, ...]]:
    if show_personal or not records.personal:
        return list(records.rows)
    return [tuple(HIDDEN if c in records.personal else cell for c, cell in enumerate(row)) for row in records.rows]


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ImportPreviewDialog(QDialog):
    """Shows what importing ``path`` as ``kind`` would do; Import runs it as one undoable edit."""

    def __init__(self, document, kind: RecordKind | str, path: str | Path, *, show_personal: bool = False,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.document, self.path = document, str(path)
        self.kind = kind if isinstance(kind, RecordKind) else kind_named(kind)
        self.file_name = Path(path).name
        self.preview_result: ImportPreview | None = None
        self.import_result = None  # the import's own result, once imported
        self.setWindowTitle(f"Import {self.kind.label.lower()}: preview")
        self.setMinimumSize(560, 360)
        self._fit_to_screen(parent)

        heading = QLabel(f"<span style='font-size:13pt; font-weight:600'>Import {esc(self.kind.label.lower())} "
                         f"from {esc(self.file_name)}</span><br><span style='color:#555'>{esc(self.path)}</span>")
        heading.setTextFormat(Qt.TextFormat.RichText)
        heading.setWordWrap(True)
        heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.date_edit = DateField(self.kind.suggested_date(document.plan, document.snapshot.status_date))
        self.date_edit.setAccessibleName(self.kind.date_label.replace("&", ""))
        self.date_edit.setToolTip(self.kind.as_of_help[:1].upper() + self.kind.as_of_help[1:])
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(400)
        self._debounce.timeout.connect(self.preview)
        self.date_edit.dateChanged.connect(lambda *_: self._debounce.start())
        caption = QLabel(self.kind.date_label)
        caption.setBuddy(self.date_edit)
        date_row = QHBoxLayout()
        date_row.addWidget(caption)
        date_row.addWidget(self.date_edit)
        date_row.addStretch(1)
        for widget in (caption, self.date_edit):
            widget.setVisible(self.kind.takes_date)

        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.messages = MessageBar()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.filler = QWidget()  # takes the tabs' space while there are none, so the rest stays together
        self.show_personal = QCheckBox()
        self.show_personal.setChecked(show_personal)
        self.show_personal.toggled.connect(self._fill_tabs)
        self.personal_note = QLabel()
        self.personal_note.setStyleSheet("color:#555;")
        personal_row = QHBoxLayout()
        personal_row.addWidget(self.show_personal)
        personal_row.addWidget(self.personal_note, 1)
        self.blank_label = QLabel()
        self.blank_label.setTextFormat(Qt.TextFormat.RichText)
        self.keep_blanks = QRadioButton("&Keep the plan's values")
        self.keep_blanks.setChecked(True)
        self.keep_blanks.setToolTip("A blank cell leaves the plan's value as it is (the usual choice)")
        self.clear_blanks = QRadioButton("C&lear them")
        self.clear_blanks.setToolTip("A blank cell clears the plan's value")
        self.clear_blanks.toggled.connect(lambda *_: self.preview())
        self.blank_box = QWidget()
        blank_row = QHBoxLayout(self.blank_box)
        blank_row.setContentsMargins(0, 0, 0, 0)
        blank_row.addWidget(self.blank_label)
        blank_row.addWidget(self.keep_blanks)
        blank_row.addWidget(self.clear_blanks)
        blank_row.addStretch(1)
        self.blank_box.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 12)
        layout.setSpacing(8)
        layout.addWidget(heading)
        if self.kind.takes_date:
            layout.addLayout(date_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.blank_box)
        layout.addWidget(self.messages)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.filler, 1)
        layout.addLayout(personal_row)
        layout.addWidget(self.buttons)
        self.preview()

    def _fit_to_screen(self, parent: QWidget | None) -> None:
        screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
        width, height = SIZE
        if screen is not None:
            room = screen.availableGeometry()
            width, height = min(width, room.width() - 40), min(height, room.height() - 60)
        self.resize(max(width, self.minimumWidth()), max(height, self.minimumHeight()))

    # previewing ---------------------------------------------------------------------------------
    def chosen_blank(self) -> str:
        """What blank cells do to the plan's values: keep them (the default) or clear them."""
        return CLEAR if self.clear_blanks.isChecked() else KEEP

    def chosen_date(self) -> date | None:
        return self.date_edit.date().toPython() if self.kind.takes_date else None

    def set_date(self, day: date) -> None:
        """Preview again as of ``day`` straight away."""
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(_qdate(day))
        self.date_edit.blockSignals(False)
        self.preview()

    def preview(self) -> None:
        self._debounce.stop()
        self.preview_result = None
        self.messages.hide()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.preview_result = self.kind.preview(self.document.plan, self.path, self.chosen_date(),
                                                    self.chosen_blank())
        except Exception as exc:
            if not isinstance(exc, TrustPlannerError):
                log.exception("%s import preview failed", self.kind.name)
            self.summary.setText("<b>This file cannot be imported.</b> Nothing in the plan has changed.")
            self.messages.show_message(error_text(exc))
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._fill_tabs()
        self._say_what_next()

    def _say_what_next(self) -> None:
        preview = self.preview_result
        if preview is None:
            self._allow_import(False)
            return
        if preview.rejected:
            self.summary.setText(problems_text(len(preview.problems), self.file_name))
        else:
            self.summary.setText(summary_text(preview))
        if preview.blanks:
            self.blank_label.setText(blank_question(len(preview.blanks)))
        self.blank_box.setVisible(bool(preview.blanks) or self.clear_blanks.isChecked())
        if preview.importable:
            self.messages.show_message("Nothing has changed yet. Check the lists, then press Import. "
                                       "Edit → Undo takes the whole import back.", "info")
        elif not preview.rejected and preview.blanks and not self.clear_blanks.isChecked():
            self.messages.show_message(f"With its blank cells keeping the plan's values, every row of "
                                       f"{self.file_name} already matches the plan: there is nothing to import. "
                                       "Choose Clear them if the blanks are meant.", "info")
        elif not preview.rejected:
            self.messages.show_message(f"Every row of {self.file_name} already matches the plan: there is "
                                       "nothing to import.", "info")
        self._allow_import(preview.importable and not preview.rejected)

    def _allow_import(self, allowed: bool) -> None:
        self.import_button.setEnabled(allowed)
        self.import_button.setDefault(allowed)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Cancel" if allowed else "Close")

    # the tabs ------------------------------------------------------------------------------------
    def _fill_tabs(self) -> None:
        """(Re)build the tabs from the preview, keeping the tab the user was on."""
        current = self.tabs.tabBar().tabData(self.tabs.currentIndex()) if self.tabs.count() else None
        while self.tabs.count():
            widget = self.tabs.widget(0)
            self.tabs.removeTab(0)
            widget.setParent(None)
            widget.deleteLater()
        preview = self.preview_result
        personal = bool(preview and preview.personal_data and not preview.rejected)
        self.show_personal.setVisible(personal)
        self.personal_note.setVisible(personal and not self.show_personal.isChecked())
        if personal:
            self.show_personal.setText(f"&Show {preview.personal_data}")
            self.personal_note.setText(f"{preview.personal_data.capitalize()} are hidden (—) until you tick the box.")
        if preview is not None:
            shown = self.show_personal.isChecked()
            if preview.added is not None and preview.added.rows:
                self._records_tab("added", preview.added, shown)
            if preview.changed:
                self._changes_tab(preview, shown)
            if preview.removed is not None and preview.removed.rows:
                self._records_tab("removed", preview.removed, shown)
            if preview.blanks:
                self._blanks_tab(preview, shown)
            if preview.problems:
                self._problems_tab(preview)
            if preview.notes:
                self._notes_tab(preview)
        for index in range(self.tabs.count()):
            if self.tabs.tabBar().tabData(index) == current:
                self.tabs.setCurrentIndex(index)
        self.tabs.setVisible(self.tabs.count() > 0)
        self.filler.setVisible(self.tabs.count() == 0)

    def _add_tab(self, view: QTableView, name: str, text: str) -> None:
        index = self.tabs.addTab(view, text)
        self.tabs.tabBar().setTabData(index, name)

    def _table(self, name: str, label: str, model: TextTableModel) -> QTableView:
        """A read-only table of ``model``, a whole row selected at a time."""
        view = QTableView()
        view.setObjectName(name)
        view.setAccessibleName(label)
        model.setParent(view)
        view.setModel(model)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(24)
        view.setWordWrap(False)
        view.setAlternatingRowColors(True)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setTabKeyNavigation(False)  # Tab moves on to the buttons
        view.horizontalHeader().setHighlightSections(False)
        view.resizeColumnsToContents()
        return view

    def _records_tab(self, name: str, records: RecordList, shown: bool) -> None:
        model = TextTableModel(records.headers, record_rows(records, show_personal=shown), right=records.numeric)
        view = self._table(name, records.title, model)
        view.horizontalHeader().setSectionResizeMode(records.wide, QHeaderView.ResizeMode.Stretch)
        self._add_tab(view, name, f"{records.title} ({len(records.rows):,})")

    def _changes_tab(self, preview: ImportPreview, shown: bool) -> None:
        model = TextTableModel((preview.changed_heading, "Field", "Now", "After import"),
                               change_rows(preview, show_personal=shown), {2: OLD_COLOUR, 3: NEW_COLOUR},
                               bold=(0, 3))
        view = self._table("changed", "Changed", model)
        header = view.horizontalHeader()
        view.setColumnWidth(0, min(view.columnWidth(0), 320))
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self._add_tab(view, "changed", f"Changed ({len(preview.changed):,})")

    def _blanks_tab(self, preview: ImportPreview, shown: bool) -> None:
        model = TextTableModel(BLANK_HEADERS, blank_rows(preview, show_personal=shown), right=frozenset({1}),
                               bold=(4,))
        view = self._table("blanks", "Blank cells", model)
        view.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self._add_tab(view, "blanks", f"Blank cells ({len(preview.blanks):,})")

    def _problems_tab(self, preview: ImportPreview) -> None:
        rows = [(problem_place(p), p.shown_column or "—", p.message) for p in preview.problems]
        view = self._table("problems", f"Problems in {self.file_name}", TextTableModel(PROBLEM_HEADERS, rows))
        self._wrap(view, len(rows))
        self._add_tab(view, "problems", f"Problems ({len(rows):,})")

    def _notes_tab(self, preview: ImportPreview) -> None:
        view = self._table("notes", "Notes", TextTableModel(("Note",), [(note,) for note in preview.notes]))
        self._wrap(view, len(preview.notes))
        self._add_tab(view, "notes", f"Notes ({len(preview.notes):,})")

    def _wrap(self, view: QTableView, rows: int) -> None:
        """The last column takes the rest of the width; long text wraps onto more lines (up to WRAP_LIMIT rows)."""
        header = view.horizontalHeader()
        last = view.model().columnCount() - 1
        for column in range(last):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(last, QHeaderView.ResizeMode.Stretch)
        if rows <= WRAP_LIMIT:
            view.setWordWrap(True)
            view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    # importing --------------------------------------------------------------------------------
    def accept(self) -> None:
        """Run the import as one undoable edit; a refusal is shown here and the dialog stays open."""
        if self._debounce.isActive():  # the date was changed a moment ago: show what it means first
            self.preview()
            return
        if self.kind.takes_date and not self.date_edit.check():
            self.messages.show_message(f"{self.kind.date_label.replace('&', '')}: {self.date_edit.problem()}")
            return
        preview = self.preview_result
        if preview is None or preview.rejected or not preview.importable:
            return
        edit = ImportRecords(self.document, self.kind, self.path, self.chosen_date(), self.chosen_blank())
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            error = push_edit(self.document, edit)
        finally:
            QGuiApplication.restoreOverrideCursor()
        if error is not None:
            if not isinstance(error, TrustPlannerError):
                log.error("%s import failed: %s", self.kind.name, type(error).__name__)
            self.messages.show_message(f"Nothing was imported. {error_text(error)}")
            return
        self.import_result = edit.result
        super().accept()


def run_import(parent: QWidget | None, document, kind: RecordKind | str, settings: Settings, *,
               show_personal: bool = False,
               on_imported: Callable[[RecordKind, date | None, object], None] | None = None) -> bool:
    """Choose a file, preview it and import it on confirmation; True when the plan changed.

    ``on_imported(kind, as_of, result)`` hears about an import that changed the plan (a page can
    then show the extract or the monitoring period just imported).
    """
    if document is None or document.read_only:
        return False
    kind = kind if isinstance(kind, RecordKind) else kind_named(kind)
    path = choose_import_file(parent, kind, settings.last_folder())
    if not path:
        return False
    settings.set_last_folder(Path(path).parent)
    dialog = ImportPreviewDialog(document, kind, path, show_personal=show_personal, parent=parent)
    result = dialog.import_result if dialogs.run_dialog(dialog) else None
    if result is None or not result.applied:
        return False
    if isinstance(parent, QMainWindow):
        parent.statusBar().showMessage(f"Imported {result.summary()} from {Path(path).name}. "
                                       "Edit → Undo takes it back.", 10000)
    log.info("imported %s from a file", kind.name)
    if on_imported is not None:
        on_imported(kind, dialog.chosen_date(), result)
    return True
