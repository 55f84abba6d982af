"""Importing services or milestones with a preview: nothing changes until the user presses Import.

The preview runs the real import service in preview mode, so what it shows is exactly what the
import will do; a file with any problem lists every one of them and cannot be imported.
"""

from __future__ import annotations

import logging
from dataclasses import fields
from datetime import date
from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trustplanner.domain.enums import Stage
from trustplanner.domain.model import Milestone, Service
from trustplanner.domain.schedule import knock_on
from trustplanner.domain.problems import Problem, TrustPlannerError, ValidationFailed
from trustplanner.services import import_milestones, import_services
from trustplanner.services.imports import ImportResult, import_file
from trustplanner.ui.commands import ImportTable, push_edit
from trustplanner.ui import dialogs
from trustplanner.ui.errors import error_text
from trustplanner.ui.import_preview import (
    PreviewDialog,
    choose_file,
    fit_problem_columns,
    heading_text,
    problems_text,
)
from trustplanner.ui.settings import Settings
from trustplanner.ui.text_table import NEW_COLOUR, OLD_COLOUR

log = logging.getLogger(__name__)
FIELD_LABELS = {
    "ref": "Ref", "title": "Title", "workstream": "Workstream", "stage": "Stage", "baseline": "Baseline",
    "forecast": "Forecast", "service": "Service", "owner": "Owner", "actual": "Actual",
    "depends_on": "Depends on", "rag_override": "RAG override", "commentary": "Commentary",
    "derived": "Derived from the template", "name": "Name", "shadow": "Shadow from", "go_live": "Go-live",
    "retained": "Retained by council",
}
NEW_COLUMNS = {
    "milestones": (("Ref", "ref"), ("Title", "title"), ("Workstream", "workstream"), ("Stage", "stage"),
                   ("Baseline", "baseline"), ("Forecast", "forecast"), ("Owner", "owner")),
    "services": (("Service", "name"), ("Shadow from", "shadow"), ("Go-live", "go_live"),
                 ("Retained by council", "retained")),
}


def choose_import_file(parent: QWidget | None, kind: str, folder: str) -> str:
    """Ask which file to import (tests replace this); '' when cancelled."""
    return choose_file(parent, f"Import {kind}", folder)


def show_value(value: object) -> str:
    """A field value as a transition manager would write it."""
    if value is None or value == "" or value == ():
        return "(blank)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, Stage):
        return value.label
    if isinstance(value, Enum):
        return str(getattr(value, "label", value.value))
    if isinstance(value, tuple):
        return "; ".join(str(v) for v in value)
    return str(value)


def field_changes(old: Milestone | Service, new: Milestone | Service) -> list[tuple[str, str, str]]:
    """(field label, old, new) for every field that differs."""
    return [(FIELD_LABELS.get(f.name, f.name), show_value(getattr(old, f.name)), show_value(getattr(new, f.name)))
            for f in fields(old) if getattr(old, f.name) != getattr(new, f.name)]


def _key(record: Milestone | Service) -> str:
    return record.ref if isinstance(record, Milestone) else record.name


def _tree(headers: list[str], name: str) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setHeaderLabels(headers)
    tree.setAccessibleName(name)
    tree.setAlternatingRowColors(True)
    tree.setUniformRowHeights(True)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    tree.setStyleSheet("QTreeWidget::item { padding: 3px 2px; }")
    return tree


def _fit(tree: QTreeWidget, stretch: int) -> None:
    for column in range(tree.columnCount()):
        tree.resizeColumnToContents(column)
    header = tree.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


class ImportPreviewDialog(PreviewDialog):
    """Shows what importing ``path`` would add and change; Import runs it as one undoable edit."""

    def __init__(self, document, kind: str, path: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.document, self.kind, self.path = document, kind, str(path)
        self.file_name = Path(path).name
        self.import_result: ImportResult | None = None
        self.problems: list[Problem] = []
        self.changes: dict[str, list[tuple[str, str, str]]] = {}
        self.new_knock_ons: list = []
        self.setWindowTitle(f"Import {kind}: preview")
        self.resize(920, 620)
        self.setMinimumSize(640, 420)

        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.build_parts()
        self.ignored = self.note  # the columns the import ignores

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.messages)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.ignored)
        layout.addWidget(self.buttons)
        self._preview()

    # building the preview -------------------------------------------------------------------------
    def _preview(self) -> None:
        self.heading.setText(heading_text(self.kind, self.file_name, self.path))
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.import_result = import_file(self.document.plan, self.kind, self.path, preview=True)
            parser = import_services if self.kind == "services" else import_milestones
            _, records = parser.parse(self.path, self.document.snapshot)
        except ValidationFailed as exc:
            self.import_result = None
            self._show_problems(exc.problems)
            return
        except Exception as exc:
            if not isinstance(exc, TrustPlannerError):
                log.exception("import preview failed")
            self.import_result = None
            self.summary.setText("<b>This file cannot be imported.</b> Nothing in the plan has changed.")
            self.messages.show_message(error_text(exc))
            self.tabs.hide()
            self.import_button.setEnabled(False)
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._show_result(self.import_result, {_key(r): r for r in records})

    def _show_problems(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        count = len(problems)
        self.summary.setText(problems_text(count, self.file_name, grouped=False))
        table = QTableWidget(count, 3)
        table.setObjectName("problems")
        table.setAccessibleName(f"Problems in {self.file_name}")
        table.setHorizontalHeaderLabels(["Row", "Column", "Problem"])
        table.verticalHeader().hide()
        table.setWordWrap(True)
        table.setStyleSheet("QTableWidget::item { padding: 3px 6px; }")
        table.setAlternatingRowColors(True)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for row, problem in enumerate(problems):
            cells = (str(problem.row) if problem.row is not None else "—", problem.column or "—", problem.message)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, column, item)
        fit_problem_columns(table.horizontalHeader())
        table.resizeRowsToContents()
        self.tabs.addTab(table, f"Problems in {self.file_name} ({count})")
        self._allow_import(False)

    def _show_result(self, result: ImportResult, records: dict[str, Milestone | Service]) -> None:
        before = {_key(r): r for r in (self.document.snapshot.milestones if self.kind == "milestones"
                                       else self.document.snapshot.services)}
        self.changes = {key: field_changes(before[key], records[key]) for key in result.changed}
        noun = "milestone" if self.kind == "milestones" else "service"
        parts = [_count(len(result.added), f"new {noun}"), _count(len(result.changed), f"changed {noun}"),
                 _count(len(result.unchanged), "unchanged")]
        existing = set(knock_on(self.document.snapshot.milestones)) if self.kind == "milestones" else set()
        self.new_knock_ons = [k for k in result.knock_ons if k not in existing]
        if self.new_knock_ons:
            parts.append(_count(len(self.new_knock_ons), "new knock-on"))
        self.summary.setText(" · ".join(parts))
        if result.added:
            self.tabs.addTab(self._added_tree([records[k] for k in result.added]), f"New ({len(result.added)})")
        if result.changed:
            self.tabs.addTab(self._changed_tree(result.changed, before), f"Changed ({len(result.changed)})")
        if result.knock_ons:
            self.tabs.addTab(self._knock_on_tree(result, records), f"Knock-on ({len(self.new_knock_ons)} new)")
        if result.ignored_columns:
            self.ignored.setText(f"Ignored columns (not part of a {self.kind} file): "
                                 f"{', '.join(result.ignored_columns)}")
        else:
            self.ignored.hide()
        if result.added or result.changed:
            self.messages.show_message("Nothing has changed yet. Check the list, then press Import. "
                                       "Edit → Undo takes the whole import back.", "info")
        else:
            self._show_tabs(False)
            self._allow_import(False)
            self.messages.show_message(f"Every row of {self.file_name} already matches the plan: there is nothing "
                                       "to import.", "info")

    def _added_tree(self, records: list[Milestone | Service]) -> QTreeWidget:
        columns = NEW_COLUMNS[self.kind]
        tree = _tree([label for label, _ in columns], f"New {self.kind}")
        tree.setObjectName("added")
        tree.setRootIsDecorated(False)
        for record in records:
            values = [getattr(record, name) for _, name in columns]
            QTreeWidgetItem(tree, ["" if v in (None, "") else show_value(v) for v in values])
        _fit(tree, 1 if self.kind == "milestones" else 0)
        return tree

    def _changed_tree(self, keys: list[str], before: dict[str, Milestone | Service]) -> QTreeWidget:
        tree = _tree(["Milestone and field" if self.kind == "milestones" else "Service and field",
                      "Now", "After import"], f"Changed {self.kind}")
        tree.setObjectName("changed")
        bold = _bold(tree.font())
        for key in keys:
            title = f"{key}  {before[key].title}" if self.kind == "milestones" else key
            parent = QTreeWidgetItem(tree, [title, "", ""])
            parent.setFont(0, bold)
            parent.setFirstColumnSpanned(True)
            for label, old, new in self.changes[key]:
                child = QTreeWidgetItem(parent, [label, old, new])
                child.setForeground(1, QBrush(OLD_COLOUR))
                child.setForeground(2, QBrush(NEW_COLOUR))
                child.setToolTip(1, old)
                child.setToolTip(2, new)
        tree.expandAll()
        for column in range(3):
            tree.resizeColumnToContents(column)
        header = tree.header()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        tree.setColumnWidth(0, max(tree.columnWidth(0), 220))
        return tree

    def _knock_on_tree(self, result: ImportResult, records: dict[str, Milestone | Service]) -> QWidget:
        titles = {m.ref: m.title for m in self.document.snapshot.milestones}
        titles.update({k: r.title for k, r in records.items() if isinstance(r, Milestone)})
        tree = _tree(["Ref", "Milestone", "Forecast", "Would be pushed to", "Working days", "Because of", ""],
                     "Knock-on")
        tree.setObjectName("knock_ons")
        tree.setRootIsDecorated(False)
        fresh = set(self.new_knock_ons)
        for k in sorted(result.knock_ons, key=lambda k: (k not in fresh, k.ref)):
            item = QTreeWidgetItem(tree, [k.ref, titles.get(k.ref, ""), f"{k.forecast:%d/%m/%Y}",
                                          f"{k.pushed_to:%d/%m/%Y}", str(k.days), k.caused_by,
                                          "new" if k in fresh else "already in the plan"])
            item.setTextAlignment(4, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(1, titles.get(k.ref, ""))
            if k not in fresh:
                for column in range(tree.columnCount()):
                    item.setForeground(column, QBrush(QColor("#777")))
            else:
                item.setFont(6, _bold(tree.font()))
        _fit(tree, 1)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 6, 0, 0)
        note = QLabel("After the import these milestones would fall before a milestone they depend on. Their "
                      "forecasts are <b>not</b> moved for you: review them once the import is done. Those in grey "
                      "are already pushed today, whatever the import does.")
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(tree, 1)
        return box

    # importing --------------------------------------------------------------------------------------
    def accept(self) -> None:
        """Run the import as one undoable edit; a refusal is shown here and the dialog stays open."""
        if self.import_result is None or not (self.import_result.added or self.import_result.changed):
            return
        command = ImportTable(self.document, self.kind, self.path)
        error = push_edit(self.document, command)
        if error is not None:
            if not isinstance(error, TrustPlannerError):
                log.error("import failed: %r", error)
            self.messages.show_message(f"Nothing was imported. {error_text(error)}")
            return
        self.import_result = command.result
        super().accept()


def _bold(font: QFont) -> QFont:
    bold = QFont(font)
    bold.setBold(True)
    return bold


def _count(n: int, noun: str) -> str:
    plural = noun if n == 1 or noun == "unchanged" else noun + "s"
    return f"<b>{n}</b> {plural}"


def run_import(parent: QWidget | None, document, kind: str, settings: Settings) -> bool:
    """Choose a file, preview it, and import it on confirmation; True when the plan changed."""
    path = choose_import_file(parent, kind, settings.last_folder())
    if not path:
        return False
    settings.set_last_folder(Path(path).parent)
    dialog = ImportPreviewDialog(document, kind, path, parent)
    if not dialogs.run_dialog(dialog) or dialog.import_result is None or not dialog.import_result.applied:
        return False
    message = f"Imported {kind} from {Path(path).name}: {dialog.import_result.summary().split(': ', 1)[1]}. " \
              "Edit → Undo takes it back."
    if isinstance(parent, QMainWindow):
        parent.statusBar().showMessage(message, 10000)
    log.info("imported %s from %s", kind, Path(path).name)
    return True
