"""The Budget page's tabs: by service, budget lines, savings, funding changes, contract sum.

Each tab is a plain widget holding its table(s), filters and edit buttons; the page fills them
with figures and decides what the buttons do.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trustplanner.ui.budget.editing import (
    editable_line_model,
    editable_savings_model,
    make_editable,
)
from trustplanner.ui.budget.tables import (
    FinanceTable,
    contract_model,
    funding_model,
    rag_model,
    service_model,
)
from trustplanner.ui.flow_layout import FlowLayout
from trustplanner.ui.icons import icon

ANY = "All"
SEARCH_WIDTH = 220  # the placeholder's first words stay readable (docs/design/0010)


def note(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #4d5666;")
    return label


def _box(*rows) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 6, 0, 0)
    layout.setSpacing(6)
    for row in rows:
        if isinstance(row, QWidget):
            layout.addWidget(row, 1 if isinstance(row, FinanceTable) else 0)
        else:
            layout.addLayout(row)
    return box


def _combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


class BudgetTab(QWidget):
    """Budget by service over the budget lines; choosing a service lists its lines."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = service_model(self)
        self.table = FinanceTable("budgetByService", "Budget by service", self.model, stretch=(0,))
        self.line_model = editable_line_model(self)
        self.lines = FinanceTable("budgetLines", "Budget lines", self.line_model, stretch=(1,), widths={2: 200})
        make_editable(self.lines)
        self.service_filter = _combo("Filter by service")
        self.transfers_filter = _combo("Filter by transfer to the trust")
        self.transfers_filter.addItem(ANY, None)
        self.transfers_filter.addItem("Yes", True)
        self.transfers_filter.addItem("No", False)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText("Search cost centre or description")
        self.search.setAccessibleName("Search budget lines")
        self.count = note()
        self.count.setWordWrap(False)
        self.lines.keep_rows(6)
        filters = FlowLayout(spacing=8)  # wraps onto a second line in a narrow window
        title = QLabel("<b>Budget lines</b>")
        filters.addWidget(title)
        self.search.setMinimumWidth(SEARCH_WIDTH)
        filters.addWidget(self.search, 3)
        for text, combo in (("Service", self.service_filter), ("Transfers", self.transfers_filter)):
            caption = QLabel(text)
            caption.setBuddy(combo)
            filters.add_group(caption, combo, stretch=1 if combo is self.service_filter else 0)
        filters.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.table)
        layout.addSpacing(4)
        layout.addLayout(filters)
        layout.addWidget(self.lines, 1)


class SavingsTab(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = editable_savings_model(self)
        self.rag_model = rag_model(self)
        self.table = FinanceTable("savingsPlans", "Savings plans", self.model, stretch=(3, 8),
                                  widths={1: 170, 7: 100})
        make_editable(self.table)
        self.rag_table = FinanceTable("savingsByRag", "Savings by deliverability", self.rag_model, sortable=False,
                                      stretch=(0,))
        self.rag_table.fit_rows(4, 4)  # red, amber, green and the total
        self.years = _combo("Savings plans of")
        self.import_button = QPushButton(icon("import.svg"), "Import savings…")
        self.at_risk = QLabel()
        self.at_risk.setTextFormat(Qt.TextFormat.RichText)
        self.edit_note = note("Double-click a plan's description, target, forecast, RAG or mitigation to change it "
                              "(Edit → Undo takes it back); an amber or red plan needs a mitigation. To change many "
                              "plans at once, import the savings file again (Import savings…).")
        top = QHBoxLayout()
        caption = QLabel("Show")
        caption.setBuddy(self.years)
        top.addWidget(caption)
        top.addWidget(self.years)
        top.addSpacing(12)
        top.addWidget(self.at_risk, 1)
        top.addWidget(self.import_button)
        lower = QHBoxLayout()
        lower.addWidget(self.rag_table, 3)
        lower.addWidget(self.edit_note, 2, Qt.AlignmentFlag.AlignTop)
        QVBoxLayout(self).addWidget(_box(top, self.table, lower))
        self.layout().setContentsMargins(0, 0, 0, 0)


class ContractTab(QWidget):
    """The contract sum by year over the funding changes that move it, and the contingency."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = contract_model(self)
        self.table = FinanceTable("contractSums", "Contract sum by year", self.model,
                                  stretch=tuple(range(1, len(self.model.columns))))
        self.set_button = QPushButton(icon("edit.svg"), "Set contract sum…")
        self.clear_button = QPushButton("Use the derived sum")
        self.clear_button.setToolTip("Clear the contract sum set for the selected year, so the derived sum applies")
        self.explain = note("Derived: the budget moving to the trust plus accepted change requests. Gap: the trust's "
                            "forecast minus the contract sum. Each heading's tooltip says more.")
        self.funding_model = funding_model(self)
        self.funding = FinanceTable("fundingChanges", "Funding changes", self.funding_model, stretch=(2,),
                                    widths={1: 190})
        self.add_button = QPushButton(icon("add.svg"), "Add funding change…")
        self.remove_button = QPushButton(icon("delete.svg"), "Remove")
        self.remove_button.setToolTip("Remove the selected funding change (Edit → Undo puts it back)")
        self.contingency = note()
        self.contingency.setTextFormat(Qt.TextFormat.RichText)
        contract_row = QHBoxLayout()
        contract_row.addWidget(QLabel("<b>Contract sum by year</b>"))
        contract_row.addStretch(1)
        contract_row.addWidget(self.set_button)
        contract_row.addWidget(self.clear_button)
        funding_row = QHBoxLayout()
        funding_row.addWidget(QLabel("<b>Funding changes</b>"))
        funding_row.addSpacing(12)
        funding_row.addWidget(self.contingency, 1)
        funding_row.addWidget(self.add_button)
        funding_row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(contract_row)
        layout.addWidget(self.table)
        layout.addWidget(self.explain)
        layout.addSpacing(4)
        layout.addLayout(funding_row)
        layout.addWidget(self.funding, 1)
