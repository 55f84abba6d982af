"""The Budget page: budgets by service and line, savings, funding changes and the contract sum.

Every figure is "as of" one monitoring period (by default the period of the plan's status
date) and comes from services.finance, the same functions the briefing's finance section uses,
so the page and the briefing agree to the penny. Edits (budget lines and savings plans in place,
funding changes, the contract sum) and imports are undoable.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from trustplanner.domain.budget import year_label
from trustplanner.services import finance
from trustplanner.services.budget import FinanceSnapshot, load_finance, reporting_period
from trustplanner.services.kinds import RecordKind, kind_named
from trustplanner.ui import dialogs
from trustplanner.ui.budget.commands import (
    AddFundingChange,
    EditBudgetLine,
    EditSavingsPlan,
    RemoveFundingChange,
    SetContractSum,
)
from trustplanner.ui.budget.dialogs import ContractSumDialog, FundingChangeDialog
from trustplanner.ui.budget.editing import record_label
from trustplanner.ui.budget.models import LineFigures, pounds
from trustplanner.ui.budget.summary import BudgetSummary, FinanceView, finance_view
from trustplanner.ui.budget.tabs import ANY, BudgetTab, ContractTab, SavingsTab, note
from trustplanner.ui.commands import push_edit
from trustplanner.ui.errors import error_text
from trustplanner.ui.icons import icon
from trustplanner.ui.import_dialog import run_import
from trustplanner.ui.pages.base import Page
from trustplanner.ui.settings import Settings
from trustplanner.ui.widgets import MessageBar, heading

MONTHS = ("April", "May", "June", "July", "August", "September", "October", "November", "December", "January",
          "February", "March")
READ_ONLY_TIP = "This plan is open read-only: nothing can be changed"


class BudgetPage(Page):
    title = "Budget"
    areas = frozenset({"budget", "savings", "services"})
    icon = "budget.svg"
    import_kinds = ("budget", "savings")  # File → Import tells this page about these kinds' imports

    def __init__(self, parent=None):
        super().__init__(parent)
        self.settings: Settings | None = None
        self.finance: FinanceSnapshot | None = None
        self.view: FinanceView | None = None
        self.line_rows: list[LineFigures] = []
        self.year, self.period = 0, 0
        self._period_chosen = False  # False: the period follows the plan's status date
        self._sized = False
        self._read_only = False
        self.messages = MessageBar()
        self.summary = BudgetSummary()
        self.budget_tab, self.savings_tab = BudgetTab(), SavingsTab()
        self.contract_tab = ContractTab()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for tab, label in ((self.budget_tab, "Budget"), (self.savings_tab, "Savings plans"),
                           (self.contract_tab, "Contract sum and funding")):
            self.tabs.addTab(tab, label)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        # no scroll area of its own: in a small window the whole page scrolls (docs/design/0010)
        self.splitter.addWidget(self.summary)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.splitterMoved.connect(self._splitter_dragged)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_empty())
        self.stack.addWidget(self.splitter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(8)
        layout.addLayout(self._build_top())
        layout.addWidget(self.messages)
        layout.addWidget(self.stack, 1)
        self._connect()

    # building -------------------------------------------------------------------------------
    def _build_top(self) -> QHBoxLayout:
        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName("Financial year")
        self.period_combo = QComboBox()
        self.period_combo.setAccessibleName("Monitoring period")
        self.period_combo.setToolTip("Figures are shown as the forecasts were reported at this monitoring period")
        for period, month in enumerate(MONTHS, start=1):
            self.period_combo.addItem(f"P{period} ({month})", period)
        self.status_button = QPushButton()
        self.status_button.setFlat(True)
        self.status_button.setStyleSheet("color: #1f5fa8; text-decoration: underline;")
        self.status_button.clicked.connect(self.follow_status_date)
        self.status_button.hide()
        self.import_budget_button = QPushButton(icon("import.svg"), "Import budget…")
        self.import_savings_button = QPushButton(icon("import.svg"), "Import savings…")
        self.period_controls = []
        row = QHBoxLayout()
        for text, combo in (("Year", self.year_combo), ("as of period", self.period_combo)):
            caption = QLabel(text)
            caption.setBuddy(combo)
            row.addWidget(caption)
            row.addWidget(combo)
            self.period_controls += [caption, combo]
        row.addWidget(self.status_button)
        row.addStretch(1)
        row.addWidget(self.import_budget_button)
        row.addWidget(self.import_savings_button)
        return row

    def _build_empty(self) -> QWidget:
        box = QWidget()
        title = heading("No budget in this plan yet")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = note("Import the budget to see what moves to the trust and when, how the forecast outturn compares "
                    "with the budget, and which savings will not be delivered.<br><br>A budget file (CSV or Excel) "
                    "has the columns <b>service, year, cost_centre, budget, forecast</b> and, if you have them, "
                    "description and transfers. A savings file has <b>ref, service, year, target, forecast, rag</b> "
                    "and description and mitigation.")
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setMinimumWidth(320)
        text.setMaximumWidth(580)
        text_row = QHBoxLayout()
        text_row.addStretch(1)
        text_row.addWidget(text, 4)
        text_row.addStretch(1)
        self.empty_budget_button = QPushButton(icon("import.svg"), "Import budget…")
        self.empty_savings_button = QPushButton(icon("import.svg"), "Import savings…")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.empty_budget_button)
        buttons.addWidget(self.empty_savings_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addStretch(1)
        layout.addWidget(title, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(text_row)
        layout.addSpacing(8)
        layout.addLayout(buttons)
        layout.addStretch(2)
        return box

    def _connect(self) -> None:
        self.year_combo.activated.connect(self._period_picked)
        self.period_combo.activated.connect(self._period_picked)
        for button, kind in ((self.import_budget_button, "budget"), (self.empty_budget_button, "budget"),
                             (self.import_savings_button, "savings"), (self.empty_savings_button, "savings"),
                             (self.savings_tab.import_button, "savings")):
            button.clicked.connect(lambda checked=False, k=kind: self.import_finance(k))
        self.budget_tab.table.clicked.connect(self._show_service_lines)
        lines = self.budget_tab
        lines.service_filter.currentIndexChanged.connect(self._fill_lines)
        lines.transfers_filter.currentIndexChanged.connect(self._fill_lines)
        lines.search.textChanged.connect(self._fill_lines)
        self.savings_tab.years.currentIndexChanged.connect(self._fill_savings)
        self.contract_tab.add_button.clicked.connect(self.add_funding_change)
        self.contract_tab.remove_button.clicked.connect(self.remove_funding_change)
        self.contract_tab.set_button.clicked.connect(self.set_contract_sum)
        self.contract_tab.clear_button.clicked.connect(self.clear_contract_sum)
        for model in (self.budget_tab.line_model, self.savings_tab.model):
            model.edit_refused.connect(self._edit_refused)
        self.budget_tab.line_model.edit_requested.connect(self.edit_line)
        self.savings_tab.model.edit_requested.connect(self.edit_savings_plan)
        for table in (self.contract_tab.funding, self.contract_tab.table):
            table.selectionModel().selectionChanged.connect(self._update_buttons)
            table.model().modelReset.connect(self._update_buttons)

    # plan and period ------------------------------------------------------------------------
    def set_document(self, document) -> None:
        self._period_chosen = False
        super().set_document(document)

    def apply_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.budget_tab.line_model.read_only = self.savings_tab.model.read_only = read_only
        for button in (self.import_budget_button, self.import_savings_button, self.empty_budget_button,
                       self.empty_savings_button, self.savings_tab.import_button, self.contract_tab.add_button,
                       self.contract_tab.set_button):
            button.setEnabled(not read_only)
            button.setToolTip(READ_ONLY_TIP if read_only else "")
        self._update_buttons()

    def refresh(self) -> None:
        if self.document is None:
            return
        snapshot = self.document.snapshot
        self.finance = load_finance(self.document.plan)
        status_year, status_period = reporting_period(snapshot.status_date)
        if not self._period_chosen:
            self.year, self.period = status_year, status_period
        years = sorted(set(self.finance.years) | {status_year, self.year})
        self._fill_combo(self.year_combo, [(year_label(y), y) for y in years], self.year)
        self.period_combo.setCurrentIndex(self.period - 1)
        on_status = (self.year, self.period) == (status_year, status_period)
        self.status_button.setText(f"Back to the status date (P{status_period} {year_label(status_year)})")
        self.status_button.setVisible(not on_status)
        # a forecast is edited as reported now: earlier periods show the history, which stays as it was
        self.budget_tab.line_model.locked = set() if on_status or self.year > status_year else {"forecast"}
        empty = not (self.finance.lines or self.finance.savings or self.finance.funding or self.finance.contract_sums)
        self.stack.setCurrentIndex(0 if empty else 1)
        for widget in (*self.period_controls, self.import_budget_button, self.import_savings_button):
            widget.setVisible(not empty)
        self.messages.hide()
        self.view = finance_view(snapshot, self.finance, self.year, self.period)
        self.line_rows = self.view.lines
        self.summary.show_view(self.view)
        self._fill_tables(snapshot)
        if not self._sized:
            QTimer.singleShot(0, self._fit_summary)

    def _period_picked(self, *_: object) -> None:
        year, period = self.year_combo.currentData(), self.period_combo.currentData()
        if (year, period) != (self.year, self.period):
            self.set_period(year, period)

    def set_period(self, year: int, period: int) -> None:
        """Show the figures as of ``period`` of ``year`` (chosen: no longer follows the status date)."""
        self._period_chosen = True
        self.year, self.period = year, period
        self.refresh()

    def follow_status_date(self) -> None:
        self._period_chosen = False
        self.refresh()

    def records_imported(self, kind: RecordKind, as_of: date | None, result: object) -> None:
        """After an import dated in a period (a budget's), show the period its forecasts were recorded for."""
        if as_of is not None and reporting_period(as_of) != (self.year, self.period):
            self.set_period(*reporting_period(as_of))

    # tables ---------------------------------------------------------------------------------
    def _fill_tables(self, snapshot) -> None:
        view = self.view
        self.budget_tab.model.set_rows(view.services)
        self.budget_tab.table.fit_rows(least=4)
        earlier = [p for line in self.line_rows if line.line for p in self.finance.history.get(line.line.key, {})
                   if p < self.period]
        movement = f"Since P{max(earlier)}" if earlier else "Movement"
        self.budget_tab.model.set_header(5, movement)
        self.budget_tab.line_model.set_header(6, movement)
        services = [s.name for s in snapshot.services if any(r.service == s.name for r in self.line_rows)]
        self._fill_combo(self.budget_tab.service_filter, [(ANY, None)] + [(s, s) for s in services],
                         self.budget_tab.service_filter.currentData())
        self._fill_lines()
        self._fill_combo(self.savings_tab.years, [(f"{year_label(self.year)} plans", "year"), ("All years", "all")],
                         self.savings_tab.years.currentData() or "year")
        self._fill_savings()
        self.contract_tab.funding_model.set_rows(self.finance.funding)
        set_aside, released, held = view.contingency
        every = finance.contingency(self.finance)
        self.contract_tab.contingency.setText(
            f"Contingency {year_label(self.year)}: {pounds(set_aside)} set aside, {pounds(released)} released, "
            f"<b>{pounds(held)} held</b>")
        self.contract_tab.contingency.setToolTip(f"All years: {pounds(every[0])} set aside, {pounds(every[1])} "
                                                 f"released, {pounds(every[2])} held")
        self.contract_tab.model.set_rows(view.contract_sums)
        self.contract_tab.table.fit_rows(6)
        self._update_buttons()

    def _fill_lines(self, *_: object) -> None:
        tab = self.budget_tab
        service, transfers = tab.service_filter.currentData(), tab.transfers_filter.currentData()
        text = tab.search.text().strip().casefold()
        rows = [r for r in self.line_rows if (service is None or r.service == service)
                and (transfers is None or r.transfers == transfers)
                and (not text or text in r.cost_centre.casefold() or text in r.description.casefold())]
        tab.line_model.set_rows(rows)
        tab.count.setText(f"{len(rows):,} of {len(self.line_rows):,} lines")

    def _fill_savings(self, *_: object) -> None:
        if self.finance is None:
            return
        year = None if self.savings_tab.years.currentData() == "all" else self.year
        plans = [s for s in self.finance.savings if year is None or s.year == year]
        self.savings_tab.model.set_rows(plans)
        by_rag = finance.savings_by_rag(self.finance, year)
        self.savings_tab.rag_model.set_rows(by_rag[:-1])
        risk = finance.at_risk(self.finance, year)
        self.savings_tab.at_risk.setText(f"<b>At risk: {pounds(risk)}</b> (red and amber plans not forecast to be "
                                         "delivered)" if risk else "Nothing at risk: every plan is forecast to deliver.")

    def _show_service_lines(self, index) -> None:
        """A click on a service lists its lines below; a click on the total lists them all."""
        record = self.budget_tab.model.record(index.row())
        combo = self.budget_tab.service_filter
        combo.setCurrentIndex(max(combo.findData(record.service), 0) if record is not None else 0)

    @staticmethod
    def _fill_combo(combo: QComboBox, items: list[tuple[str, object]], chosen: object, force: bool = False) -> None:
        combo.blockSignals(True)
        if force or [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())] != items:
            combo.clear()
            for text, data in items:
                combo.addItem(text, data)
        combo.setCurrentIndex(max(combo.findData(chosen), 0))
        combo.blockSignals(False)

    # editing --------------------------------------------------------------------------------
    def _update_buttons(self, *_: object) -> None:
        funding = self.contract_tab.funding.selected_record()
        contract = self.contract_tab.table.selected_record()
        editable = not self._read_only and self.document is not None
        self.contract_tab.remove_button.setEnabled(editable and funding is not None)
        self.contract_tab.clear_button.setEnabled(editable and contract is not None
                                                  and getattr(contract, "explicit", None) is not None)

    def _push(self, command, what: str = "") -> bool:
        error = push_edit(self.document, command)
        if error is not None:
            text = error_text(error)  # a service's problem names what it is about: "S2: mitigation: ..."
            self.messages.show_message(f"{what} not changed: {text.removeprefix(what + ': ')}" if what else text)
            return False
        return True

    def edit_line(self, record: LineFigures, field: str, value: object) -> bool:
        """Change one cell of a budget line (the table's edit) as an undoable command."""
        if self.document is None or self.document.read_only or record.line is None:
            return False
        return self._push(EditBudgetLine(self.document, record.line, **{field: value}), record_label(record))

    def edit_savings_plan(self, plan, field: str, value: object) -> bool:
        if self.document is None or self.document.read_only or plan is None:
            return False
        return self._push(EditSavingsPlan(self.document, plan, **{field: value}), record_label(plan))

    def _edit_refused(self, record: object, message: str) -> None:
        self.messages.show_message(f"{record_label(record)} not changed: {message}")

    def add_funding_change(self) -> bool:
        if self.document is None or self.document.read_only:
            return False
        dialog = FundingChangeDialog(self.finance.years if self.finance else [], self.year, self.window())
        if not dialogs.run_dialog(dialog) or dialog.change is None:
            return False
        return self._push(AddFundingChange(self.document, dialog.change))

    def remove_funding_change(self) -> bool:
        change = self.contract_tab.funding.selected_record()
        if self.document is None or self.document.read_only or change is None:
            return False
        return self._push(RemoveFundingChange(self.document, change))

    def set_contract_sum(self) -> bool:
        if self.document is None or self.document.read_only or self.view is None:
            return False
        selected = self.contract_tab.table.selected_record()
        chosen = self.view.contract_sum()
        year = selected.year if selected is not None else chosen.year if chosen else self.year
        years = self.finance.years if self.finance else []
        dialog = ContractSumDialog(self.view.contract_sums, years, year, self.window())
        if not dialogs.run_dialog(dialog) or dialog.amount_pence is None:
            return False
        return self._push(SetContractSum(self.document, dialog.chosen_year(), dialog.amount_pence))

    def clear_contract_sum(self) -> bool:
        selected = self.contract_tab.table.selected_record()
        if self.document is None or self.document.read_only or selected is None or selected.explicit is None:
            return False
        return self._push(SetContractSum(self.document, selected.year, None))

    def import_finance(self, kind: str) -> bool:
        if self.document is None or self.document.read_only:
            return False
        return run_import(self.window(), self.document, kind_named(kind), self.settings or Settings(),
                          on_imported=self.records_imported)

    # layout and state -----------------------------------------------------------------------
    def _fit_summary(self) -> None:
        """Give the summary the height its charts ask for and the tables the rest (until the user drags)."""
        total = sum(self.splitter.sizes())
        if self._sized or total <= 0 or self.stack.currentIndex() != 1:
            return
        wanted = max(self.summary.sizeHint().height(), self.summary.minimumSizeHint().height())
        if wanted > total // 2:  # a small window: the charts shrink (to their least, then scroll) before the tables
            wanted = max(self.summary.minimumSizeHint().height(), total // 2)
        summary = max(min(wanted, total - self.tabs.minimumSizeHint().height()), self.summary.minimumSizeHint().height())
        self.splitter.setSizes([summary, total - summary])

    def _splitter_dragged(self) -> None:
        self._sized = True

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if not self._sized:
            QTimer.singleShot(0, self._fit_summary)

    def save_state(self, settings: Settings) -> None:
        settings.set_state("budget/splitter", self.splitter.saveState() if self._sized else QByteArray())
        settings.set_value("budget/tab", str(self.tabs.currentIndex()))

    def restore_state(self, settings: Settings) -> None:
        self.settings = settings
        if state := settings.state("budget/splitter"):
            self._sized = self.splitter.restoreState(state)
        tab = settings.value("budget/tab", "0")
        self.tabs.setCurrentIndex(int(tab) if tab.isdigit() and int(tab) < self.tabs.count() else 0)
