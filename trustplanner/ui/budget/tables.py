"""The Budget page's tables: their columns, and a table view that keeps the total row in view."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSizePolicy,
    QTableView,
    QWidget,
)

from trustplanner.ui.budget.models import (
    Column,
    FigureTableModel,
    RagBadgeDelegate,
    contract_total,
    funding_total,
    line_total,
    rag_total,
    savings_total,
    service_total,
)
from trustplanner.ui.table_menu import add_table_menu

OVERSPEND = "Forecast minus budget: an overspend is positive (red), an underspend negative"
MOVEMENT = "How far the forecast moved since the previous period it was reported for"

SERVICE_COLUMNS = (
    Column("Service", "service"),
    Column("Budget", "budget", "money"),
    Column("Forecast outturn", "forecast", "money", "The forecast as reported at the chosen monitoring period"),
    Column("Variance", "variance", "variance", OVERSPEND),
    Column("Variance %", "variance_percent", "percent", "Variance as a share of the budget"),
    Column("Movement", "movement", "signed", MOVEMENT),
)
LINE_COLUMNS = (
    Column("Cost centre", "cost_centre"),
    Column("Description", "description"),
    Column("Service", "service"),
    Column("Budget", "budget", "money"),
    Column("Forecast outturn", "forecast", "money", "The forecast as reported at the chosen monitoring period"),
    Column("Variance", "variance", "variance", OVERSPEND),
    Column("Movement", "movement", "signed", MOVEMENT),
    Column("Transfers", "transfers", "yes_no", "Whether the line moves to the trust from its service's go-live"),
)
SAVINGS_COLUMNS = (
    Column("Ref", "ref"),
    Column("Service", "service"),
    Column("Year", "year", "year"),
    Column("Description", "description"),
    Column("Target", "target", "money"),
    Column("Forecast", "forecast", "money", "Savings forecast to be delivered"),
    Column("Shortfall", "shortfall", "money", "Target not forecast to be delivered"),
    Column("RAG", "rag", "rag", "Deliverability: red, amber or green"),
    Column("Mitigation", "mitigation"),
)
RAG_COLUMNS = (
    Column("Deliverability", "rag", "rag"),
    Column("Plans", "count", "count"),
    Column("Target", "target", "money"),
    Column("Forecast delivered", "forecast", "money"),
    Column("Shortfall", "shortfall", "variance", "Target minus forecast delivered"),
)
FUNDING_COLUMNS = (
    Column("Year", "year", "year"),
    Column("Kind", "kind", "kind"),
    Column("Description", "description"),
    Column("Amount", "amount", "money"),
)
CONTRACT_COLUMNS = (
    Column("Year", "year", "year"),
    Column("Derived", "derived", "money", "Budgets moving to the trust (pro rata from go-live) plus accepted "
                                          "change requests"),
    Column("Set by the council", "explicit", "money", "The contract sum agreed explicitly, if it has been set"),
    Column("Contract sum", "amount", "money", "What the trust is paid: the explicit sum if set, else the derived"),
    Column("Reconciliation", "reconciliation", "signed", "Explicit minus derived: what the agreed sum adds or takes "
                                                         "beyond the budgets moving"),
    Column("Trust forecast", "trust_forecast", "money", "Forecast outturn of the services the trust runs that year"),
    Column("Gap", "gap", "variance", "Trust forecast minus contract sum: positive means the trust is forecast to "
                                     "need more"),
)


def service_model(parent=None) -> FigureTableModel:
    return FigureTableModel(SERVICE_COLUMNS, service_total, parent)


def line_model(parent=None) -> FigureTableModel:
    return FigureTableModel(LINE_COLUMNS, line_total, parent)


def savings_model(parent=None) -> FigureTableModel:
    return FigureTableModel(SAVINGS_COLUMNS, savings_total, parent)


def rag_model(parent=None) -> FigureTableModel:
    return FigureTableModel(RAG_COLUMNS, rag_total, parent)


def funding_model(parent=None) -> FigureTableModel:
    return FigureTableModel(FUNDING_COLUMNS, funding_total, parent)


def contract_model(parent=None) -> FigureTableModel:
    return FigureTableModel(CONTRACT_COLUMNS, contract_total, parent)


class FinanceTable(QTableView):
    """A read-only, sortable table of finance figures; wide text columns stretch, money fits its contents."""

    def __init__(self, name: str, label: str, model: FigureTableModel, *, stretch: Sequence[int] = (),
                 widths: dict[int, int] | None = None, sortable: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self._fit: tuple[int, int] | None = None
        self.setObjectName(name)
        self.setAccessibleName(label)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(24)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column in range(model.columnCount()):
            if column in stretch:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            elif widths and column in widths:
                header.resizeSection(column, widths[column])
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        rag_columns = [n for n, c in enumerate(model.columns) if c.kind == "rag"]
        if rag_columns:
            delegate = RagBadgeDelegate(self)
            for column in rag_columns:
                self.setItemDelegateForColumn(column, delegate)
        add_table_menu(self)  # Copy, and Ctrl+C
        if sortable:  # rows come in a meaningful order (services as the plan lists them) until a heading is clicked
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
            self.setSortingEnabled(True)

    def fit_rows(self, most: int = 12, least: int = 2) -> None:
        """As tall as its rows (up to ``most``), so a short table leaves the space to the one below it.

        In a small window it may shrink to ``least`` rows (and scroll).
        """
        if self._fit is None:  # a scroll bar that comes or goes changes the height needed
            self.horizontalScrollBar().rangeChanged.connect(lambda *_: self.updateGeometry())
            self.setSizePolicy(self.sizePolicy().horizontalPolicy(), QSizePolicy.Policy.Maximum)
        self._fit = (most, least)
        self.updateGeometry()

    def _height_for(self, rows: int) -> int:
        bar = self.horizontalScrollBar()
        scroll = bar.sizeHint().height() if bar.maximum() > 0 else 0
        return (self.horizontalHeader().sizeHint().height() + rows * self.verticalHeader().defaultSectionSize()
                + 2 * self.frameWidth() + scroll)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self._fit is None:
            return hint
        return QSize(hint.width(), self._height_for(min(max(self.model().rowCount(), 1), self._fit[0])))

    def keep_rows(self, rows: int) -> None:
        """Never shorter than ``rows`` rows: in a small window the page scrolls instead."""
        self._least_rows = rows
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        if self._fit is None:
            least = getattr(self, "_least_rows", 0)
            return QSize(hint.width(), max(hint.height(), self._height_for(least))) if least else hint
        return QSize(hint.width(), self._height_for(min(max(self.model().rowCount(), 1), self._fit[1])))

    def selected_record(self):
        rows = self.selectionModel().selectedRows() if self.selectionModel() else []
        return self.model().record(rows[0].row()) if rows else None
