"""What the import previews share: choosing the file, the heading, the summary, the tabs and
buttons, the problems list and running the import as one undoable edit.

The previews themselves (services and milestones, staff, budget and savings) say what a file
would add and change; nothing changes until the user presses Import.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QWidget,
)

from trustplanner.domain.problems import Problem, TrustPlannerError
from trustplanner.ui.commands import push_edit
from trustplanner.ui.errors import error_text
from trustplanner.ui.text_table import PROBLEM_HEADERS, TextTableModel, problem_rows
from trustplanner.ui.widgets import MessageBar

FILE_FILTER = "Spreadsheets (*.csv *.xlsx);;CSV files (*.csv);;Excel workbooks (*.xlsx);;All files (*)"


def choose_file(parent: QWidget | None, title: str, folder: str) -> str:
    """Ask which spreadsheet to import; '' when cancelled."""
    name, _ = QFileDialog.getOpenFileName(parent, title, folder, FILE_FILTER)
    return name


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def heading_text(what: str, file_name: str, path: str) -> str:
    """'Import ``what`` from ``file_name``' over the file's full path, as rich text."""
    return (f"<span style='font-size:13pt; font-weight:600'>Import {what} from {esc(file_name)}</span>"
            f"<br><span style='color:#555'>{esc(path)}</span>")


def problems_text(count: int, file_name: str, *, grouped: bool = True) -> str:
    """The summary over a file's problems: nothing is imported until every one is fixed."""
    number = f"{count:,}" if grouped else str(count)
    return (f"<b style='color:#7a1c12'>{number} problem{'s' if count != 1 else ''} in {esc(file_name)}.</b> "
            "Nothing will be imported until every one is fixed in the file; then import it again. "
            "The plan has not changed.")


def fit_problem_columns(header: QHeaderView) -> None:
    """Row and Column as wide as their contents; Problem takes the rest."""
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)


class PreviewDialog(QDialog):
    """The parts of an import preview: summary, message bar, tabs, a note and Import/Cancel.

    Subclasses lay them out (:meth:`build_parts` makes them) and fill the tabs.
    """

    file_name: str
    document: object
    problems: list[Problem]
    import_result: object

    def build_parts(self) -> None:
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.messages = MessageBar()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color:#555;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _show_tabs(self, shown: bool) -> None:
        self.tabs.setVisible(shown)

    def _cannot_import(self, exc: Exception, log: logging.Logger, what: str) -> None:
        """Say why the file cannot be imported at all (call it while handling ``exc``)."""
        if not isinstance(exc, TrustPlannerError):
            log.exception("%s import preview failed", what)
        self.summary.setText("<b>This file cannot be imported.</b> Nothing in the plan has changed.")
        self.messages.show_message(error_text(exc))
        self._show_tabs(False)
        self._allow_import(False)

    def _allow_import(self, allowed: bool) -> None:
        self.import_button.setEnabled(allowed)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Cancel" if allowed else "Close")

    def _remove_tabs(self) -> None:
        while self.tabs.count():
            widget = self.tabs.widget(0)
            self.tabs.removeTab(0)
            widget.setParent(None)
            widget.deleteLater()

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
        view.horizontalHeader().setHighlightSections(False)
        view.resizeColumnsToContents()
        return view

    def _problems_tab(self, problems: Sequence[Problem], *, wrap: bool = True) -> None:
        """Every problem in a tab ("Row | Column | Problem"), long messages wrapped when ``wrap``; no import."""
        self.problems = list(problems)
        count = len(problems)
        self.summary.setText(problems_text(count, self.file_name))
        view = self._table("problems", f"Problems in {self.file_name}",
                           TextTableModel(PROBLEM_HEADERS, problem_rows(problems), right=(0,)))
        fit_problem_columns(view.horizontalHeader())
        if wrap:
            view.setWordWrap(True)
            view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tabs.addTab(view, f"Problems ({count:,})")
        self._allow_import(False)

    def _push_import(self, command, log: logging.Logger, what: str) -> bool:
        """Run ``command`` as one undoable edit; a refusal is shown here (False) and the dialog stays open."""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            error = push_edit(self.document, command)
        finally:
            QGuiApplication.restoreOverrideCursor()
        if error is not None:
            if not isinstance(error, TrustPlannerError):
                log.error("%s import failed: %s", what, type(error).__name__)
            self.messages.show_message(f"Nothing was imported. {error_text(error)}")
            return False
        self.import_result = command.result
        return True
