"""Importing a budget or savings file with a preview: what is added, what changes, every problem.

The preview runs the real import service in preview mode (for a budget, at the chosen reporting
date), so what it lists is what the import will do. A file with any problem cannot be imported.
The import runs as one undoable edit that puts the plan's finance back exactly on undo.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import fields
from datetime import date
from enum import Enum
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

from trustplanner.domain.budget import BudgetLine, SavingsPlan, year_label
from trustplanner.domain.calendar import monitoring_period_label
from trustplanner.domain.problems import Problem, ValidationFailed
from trustplanner.services import budget_rows
from trustplanner.services.budget import (
    FinanceImportResult,
    import_budget,
    import_savings,
    load_finance,
)
from trustplanner.ui import dialogs
from trustplanner.ui.budget.commands import ImportFinance
from trustplanner.ui.budget.models import pounds
from trustplanner.ui.import_preview import PreviewDialog, choose_file, esc, heading_text, qdate
from trustplanner.ui.settings import Settings
from trustplanner.ui.text_table import NEW_COLOUR, OLD_COLOUR, TextTableModel

log = logging.getLogger(__name__)
TITLES = {"budget": "budget", "savings": "savings plans"}
BUDGET_HEADERS = ("Service", "Year", "Cost centre", "Description", "Budget", "Forecast", "Transfers")
SAVINGS_HEADERS = ("Ref", "Service", "Year", "Description", "Target", "Forecast", "RAG", "Mitigation")
CHANGE_HEADERS = ("Item", "Field", "Now", "After import")
LABELS = {"service": "Service", "year": "Year", "description": "Description", "budget": "Budget",
          "forecast": "Forecast", "transfers": "Transfers", "target": "Target", "rag": "RAG",
          "mitigation": "Mitigation"}
MONEY_FIELDS = frozenset({"budget", "forecast", "target"})


def choose_finance_file(parent: QWidget | None, kind: str, folder: str) -> str:
    """Ask which file to import (tests replace this); '' when cancelled."""
    return choose_file(parent, f"Import {TITLES[kind]}", folder)


def show_value(name: str, value: object) -> str:
    if value is None or value == "":
        return "(blank)"
    if name in MONEY_FIELDS:
        return pounds(value)
    if name == "year":
        return year_label(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Enum):
        return str(getattr(value, "label", value.value))
    return str(value)


def differences(old: BudgetLine | SavingsPlan, new: BudgetLine | SavingsPlan) -> list[tuple[str, str, str]]:
    """(field, now, after import) for every field that the import changes."""
    return [(LABELS.get(f.name, f.name), show_value(f.name, getattr(old, f.name)), show_value(f.name, getattr(new, f.name)))
            for f in fields(old) if f.name not in ("ref", "cost_centre") and getattr(old, f.name) != getattr(new, f.name)]


def item_label(record: BudgetLine | SavingsPlan) -> str:
    return record.ref if isinstance(record, SavingsPlan) else f"{record.cost_centre} {year_label(record.year)}"


def record_cells(record: BudgetLine | SavingsPlan) -> tuple[str, ...]:
    if isinstance(record, SavingsPlan):
        return (record.ref, record.service, year_label(record.year), record.description, pounds(record.target),
                pounds(record.forecast), record.rag.label, record.mitigation)
    return (record.service, year_label(record.year), record.cost_centre, record.description, pounds(record.budget),
            pounds(record.forecast), "Yes" if record.transfers else "No")


class FinanceImportDialog(PreviewDialog):
    """Shows what importing ``path`` would do; Import runs it as one undoable edit."""

    def __init__(self, document, kind: str, path: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.document, self.kind, self.path = document, kind, str(path)
        self.file_name = Path(path).name
        self.preview_result: FinanceImportResult | None = None
        self.import_result: FinanceImportResult | None = None
        self.problems: list[Problem] = []
        self.added: list[BudgetLine | SavingsPlan] = []
        self.changes: dict[str, list[tuple[str, str, str]]] = {}
        self.setWindowTitle(f"Import {TITLES[kind]}: preview")
        self.resize(940, 600)
        self.setMinimumSize(640, 420)

        heading = QLabel(heading_text(TITLES[kind], self.file_name, self.path))
        heading.setTextFormat(Qt.TextFormat.RichText)
        heading.setWordWrap(True)
        self.as_of = QDateEdit(qdate(document.snapshot.status_date))
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("dd/MM/yyyy")
        self.as_of.setAccessibleName("Reporting date")
        self.as_of.setToolTip("The date the budget report was made: each line's forecast is recorded for the "
                              "monitoring period this date falls in, so movement between periods can be shown")
        self.period = QLabel()
        self.period.setStyleSheet("color:#4d5666;")
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(400)
        self._debounce.timeout.connect(self.preview)
        self.as_of.dateChanged.connect(lambda *_: self._debounce.start())
        caption = QLabel("Reported on")
        caption.setBuddy(self.as_of)
        date_row = QHBoxLayout()
        date_row.addWidget(caption)
        date_row.addWidget(self.as_of)
        date_row.addWidget(self.period, 1)
        for widget in (caption, self.as_of, self.period):
            widget.setVisible(kind == "budget")
        self.build_parts()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addLayout(date_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.messages)
        layout.addWidget(self.tabs, 1)
        self.filler = QWidget()  # takes the tabs' space while there are none, so the rest stays together
        layout.addWidget(self.filler, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.preview()

    # previewing ---------------------------------------------------------------------------------
    def chosen_date(self) -> date:
        return self.as_of.date().toPython()

    def set_reporting_date(self, day: date) -> None:
        self.as_of.blockSignals(True)
        self.as_of.setDate(qdate(day))
        self.as_of.blockSignals(False)
        self.preview()

    def preview(self) -> None:
        self._debounce.stop()
        self._clear()
        day = self.chosen_date()
        self.period.setText(f"forecasts are recorded for {monitoring_period_label(day)} ({day:%B %Y})")
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            snapshot = self.document.snapshot
            if self.kind == "budget":
                result = import_budget(self.document.plan, self.path, as_of=day, preview=True)
                _, incoming = budget_rows.parse_budget(self.path, snapshot)
                current = {line.key: line for line in load_finance(self.document.plan).lines}
                keyed = {line.key: line for line in incoming}
            else:
                result = import_savings(self.document.plan, self.path, preview=True)
                _, incoming = budget_rows.parse_savings(self.path, snapshot)
                current = {plan.ref: plan for plan in load_finance(self.document.plan).savings}
                keyed = {plan.ref: plan for plan in incoming}
        except ValidationFailed as exc:
            self._show_problems(exc.problems)
            return
        except Exception as exc:
            self._cannot_import(exc, log, "finance")
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._show_result(result, keyed, current)

    def _clear(self) -> None:
        self.preview_result, self.problems, self.added, self.changes = None, [], [], {}
        self._remove_tabs()
        self._show_tabs(True)
        self.messages.hide()
        self.note.clear()

    def _show_tabs(self, shown: bool) -> None:
        self.tabs.setVisible(shown)
        self.filler.setVisible(not shown)

    def _show_problems(self, problems: list[Problem]) -> None:
        self._problems_tab(problems)

    def _show_result(self, result: FinanceImportResult, incoming: dict, current: dict) -> None:
        self.preview_result = result
        self.added = [record for key, record in incoming.items() if key not in current]
        self.changes = {item_label(record): differences(current[key], record) for key, record in incoming.items()
                        if key in current and current[key] != record}
        parts = [f"<b>{len(result.added):,}</b> added", f"<b>{len(result.changed):,}</b> changed",
                 f"<b>{result.unchanged:,}</b> unchanged"]
        text = " · ".join(parts)
        if result.period:
            text += f" — forecasts recorded for <b>{esc(result.period)}</b>"
        self.summary.setText(text)
        if self.added:
            headers = BUDGET_HEADERS if self.kind == "budget" else SAVINGS_HEADERS
            money = (4, 5)
            view = self._table("added", "Added", TextTableModel(headers, [record_cells(r) for r in self.added],
                                                                right=money))
            view.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
            self.tabs.addTab(view, f"Added ({len(self.added):,})")
        if self.changes:
            rows = [(item if n == 0 else "", *change) for item, changes in self.changes.items()
                    for n, change in enumerate(changes)]
            view = self._table("changes", "Changes",
                               TextTableModel(CHANGE_HEADERS, rows, {2: OLD_COLOUR, 3: NEW_COLOUR}))
            view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
            view.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
            self.tabs.addTab(view, f"Changes ({len(self.changes):,})")
        notes = []
        if result.ignored_columns:
            notes.append(f"Ignored columns (not part of a {self.kind} file): {', '.join(result.ignored_columns)}.")
        if self.kind == "budget":
            notes.append("Lines already in the plan but not in this file are kept as they are.")
        self.note.setText(" ".join(notes))
        records_history = self.kind == "budget" and bool(incoming)
        if result.added or result.changed or records_history:
            self.messages.show_message("Nothing has changed yet. Check the lists, then press Import. "
                                       "Edit → Undo takes the whole import back.", "info")
            self._allow_import(True)
        else:
            self._show_tabs(False)
            self._allow_import(False)
            self.messages.show_message(f"Every row of {self.file_name} already matches the plan: there is nothing to "
                                       "import.", "info")

    # importing --------------------------------------------------------------------------------
    def accept(self) -> None:
        """Run the import as one undoable edit; a refusal is shown here and the dialog stays open."""
        if self.preview_result is None or not self.import_button.isEnabled():
            return
        command = ImportFinance(self.document, self.kind, self.path,
                                self.chosen_date() if self.kind == "budget" else None)
        if self._push_import(command, log, "finance"):
            super().accept()


def run_finance_import(parent: QWidget | None, document, kind: str, settings: Settings, *,
                       on_imported: Callable[[str, date | None], None] | None = None) -> bool:
    """Choose a budget or savings file, preview it and import it on confirmation; True when the plan changed.

    The Budget page (if the window has one) hears about a budget import, so it can show the
    monitoring period the forecasts were recorded for.
    """
    if document is None or document.read_only or kind not in TITLES:
        return False
    finder = getattr(parent, "page_titled", None)
    page = finder("Budget") if callable(finder) else None
    if on_imported is None and page is not None:
        on_imported = getattr(page, "finance_imported", None)
    path = choose_finance_file(parent, kind, settings.last_folder())
    if not path:
        return False
    settings.set_last_folder(Path(path).parent)
    dialog = FinanceImportDialog(document, kind, path, parent=parent)
    if not dialogs.run_dialog(dialog) or dialog.import_result is None or not dialog.import_result.applied:
        return False
    result = dialog.import_result
    if isinstance(parent, QMainWindow):
        parent.statusBar().showMessage(f"Imported {result.summary()} from {Path(path).name}. "
                                       "Edit → Undo takes it back.", 10000)
    log.info("imported %s", result.summary())
    if on_imported is not None:
        on_imported(kind, dialog.chosen_date() if kind == "budget" else None)
    return True
