"""Table models for the Budget page: rows of finance figures over a bold total row.

Each table's total row is worked out here from the rows' pence (never from what is shown), so
it is always the sum of the rows above it, to the penny. Sorting keeps the total at the bottom.
Amounts show as whole pounds; the tooltip gives them to the penny.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from trustplanner.domain.budget import (
    BudgetLine,
    Deliverability,
    FundingKind,
    year_label,
)
from trustplanner.domain.enums import Rag
from trustplanner.domain.figures import percent_text, share
from trustplanner.domain.money import (
    POUND,
    TENTH_OF_A_MILLION,
    format_millions,
    format_pounds,
    shown_sign,
)
from trustplanner.services.finance import ContractSum, SavingsFigures
from trustplanner.ui.palette import RAG_FILL, RAG_ON_FILL

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the raw value (pence, Fraction, text)
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's record; None on the total row
TOTAL_ROLE = Qt.ItemDataRole.UserRole + 3  # True on the total row
OVER_COLOUR = QColor("#b71c1c")
UNDER_COLOUR = QColor("#1f5e2a")
MUTED = QColor("#6b7482")
TOTAL = "Total"


# formatting ---------------------------------------------------------------------------------------
def pounds(pence: int | None) -> str:
    """Whole pounds with separators: ``£12,400,000`` (``—`` when there is no amount)."""
    return "—" if pence is None else format_pounds(pence, decimals=False)


def signed_pounds(pence: int | None) -> str:
    """A change or variance: ``+£120,000``, ``-£50,000``, ``£0``."""
    return "—" if pence is None else format_pounds(pence, decimals=False, signed=True)


def millions(pence: int, *, signed: bool = False) -> str:
    """``£12.4m`` to one decimal place (the briefing's £m form)."""
    return format_millions(pence, signed=signed)


def over_in_millions(pence: int) -> int:
    """1 over, -1 under, 0 on budget: the way a figure shown in £m to one decimal place goes."""
    return shown_sign(pence, TENTH_OF_A_MILLION)


def over_in_pounds(pence: int) -> int:
    """The same for a figure shown in whole pounds."""
    return shown_sign(pence, POUND)


def percent(value: Fraction | None, *, signed: bool = True) -> str:
    """A variance share: ``+4.2%``, ``-2.9%`` (``—`` with no budget)."""
    return percent_text(value, signed=signed)


def exact(pence: int) -> str:
    return format_pounds(pence)


# row records ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ServiceBudget:
    """One service's budget for the chosen year, as of the chosen period."""

    service: str
    budget: int
    forecast: int
    movement: int | None  # forecast change since the previous reported period; None: none reported

    @property
    def variance(self) -> int:
        return self.forecast - self.budget

    @property
    def variance_percent(self) -> Fraction | None:
        return share(self.variance, self.budget)


@dataclass(frozen=True)
class LineFigures:
    """A budget line with its forecast as of the chosen period (the total row has no line)."""

    line: BudgetLine | None
    service: str
    cost_centre: str
    description: str
    budget: int
    forecast: int
    transfers: bool | None
    movement: int | None

    @property
    def variance(self) -> int:
        return self.forecast - self.budget


@dataclass(frozen=True)
class SavingsTotal:
    ref: str
    target: int
    forecast: int
    shortfall: int
    service: str = ""
    year: int | None = None
    description: str = ""
    rag: Deliverability | None = None
    mitigation: str = ""


@dataclass(frozen=True)
class FundingTotal:
    amount: int
    description: str = TOTAL
    year: int | None = None
    kind: FundingKind | None = None


@dataclass(frozen=True)
class ContractTotal:
    derived: int
    explicit: int | None
    amount: int
    reconciliation: int | None
    trust_forecast: int
    gap: int
    year: int | None = None


def _sum(values: Sequence[int | None]) -> int | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def service_total(rows: Sequence[ServiceBudget]) -> ServiceBudget:
    return ServiceBudget(TOTAL, sum(r.budget for r in rows), sum(r.forecast for r in rows),
                         _sum([r.movement for r in rows]))


def line_total(rows: Sequence[LineFigures]) -> LineFigures:
    return LineFigures(None, "", TOTAL, f"{len(rows):,} line{'s' if len(rows) != 1 else ''}",
                       sum(r.budget for r in rows), sum(r.forecast for r in rows), None,
                       _sum([r.movement for r in rows]))


def savings_total(rows: Sequence[Any]) -> SavingsTotal:
    return SavingsTotal(TOTAL, sum(r.target for r in rows), sum(r.forecast for r in rows),
                        sum(r.shortfall for r in rows), description=f"{len(rows):,} plan{'s' if len(rows) != 1 else ''}")


def funding_total(rows: Sequence[Any]) -> FundingTotal:
    """Only what is paid to the trust adds up; refused requests and contingency are said apart."""
    from trustplanner.services.finance import funding_totals

    totals = funding_totals(rows)
    apart = [f"{what} {pounds(amount)}" for what, amount in (
        ("refused requests", totals.refused), ("contingency set aside", totals.contingency_set_aside),
        ("contingency released", totals.contingency_released)) if amount]
    return FundingTotal(totals.paid_to_trust, description="Paid to the trust" + (
        f" (not added in: {', '.join(apart)})" if apart else ""))


def contract_total(rows: Sequence[ContractSum]) -> ContractTotal:
    return ContractTotal(sum(r.derived for r in rows), _sum([r.explicit for r in rows]), sum(r.amount for r in rows),
                         _sum([r.reconciliation for r in rows]), sum(r.trust_forecast for r in rows),
                         sum(r.gap for r in rows))


def rag_total(rows: Sequence[SavingsFigures]) -> SavingsFigures:
    return SavingsFigures(None, sum(r.count for r in rows), sum(r.target for r in rows),
                          sum(r.forecast for r in rows))


# columns ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Column:
    """``kind``: text, money, signed (a change), variance (red when over), percent, yes_no, rag, year, kind."""

    header: str
    field: str
    kind: str = "text"
    tip: str = ""

    def value(self, record: Any) -> Any:
        return getattr(record, self.field, None)


def _display(column: Column, value: Any, total: bool) -> str:
    kind = column.kind
    if kind == "money":
        return pounds(value)
    if kind in ("signed", "variance"):
        return signed_pounds(value)
    if kind == "percent":
        return percent(value)
    if kind == "yes_no":
        return "" if value is None else ("Yes" if value else "No")
    if kind == "rag":
        return "" if value is None else value.label
    if kind == "year":
        return "" if value is None else year_label(value)
    if kind == "kind":
        return "" if value is None else value.label
    if kind == "count":
        return "" if value is None else f"{value:,}"
    return "" if value is None else str(value)


def _sort_key(value: Any) -> tuple:
    if value is None:
        return (1, 0)
    if isinstance(value, str):
        return (0, value.casefold())
    if isinstance(value, Deliverability):
        return (0, {"red": 0, "amber": 1, "green": 2}[value.value])
    if isinstance(value, FundingKind):
        return (0, value.label)
    return (0, value)


class FigureTableModel(QAbstractTableModel):
    """Read-only rows of finance records under ``columns``, with a total row made by ``total``."""

    def __init__(self, columns: Sequence[Column], total: Callable[[Sequence[Any]], Any] | None = None, parent=None):
        super().__init__(parent)
        self.columns = list(columns)
        self.make_total = total
        self.rows: list[Any] = []
        self._natural: list[Any] = []  # the rows in the order given, for when sorting is switched off
        self.total: Any = None
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows, self._natural = list(rows), list(rows)
        self.total = self.make_total(self.rows) if self.make_total and self.rows else None
        if self._sort is not None:
            self._sort_rows(*self._sort)
        self.endResetModel()

    def record(self, row: int) -> Any:
        """The record shown on ``row`` (None for the total row)."""
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def set_header(self, column: int, text: str) -> None:
        old = self.columns[column]
        self.columns[column] = Column(text, old.field, old.kind, old.tip)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, column, column)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows) + (1 if self.total is not None else 0)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.header
        if role == Qt.ItemDataRole.ToolTipRole and column.tip:
            return column.tip
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind in ("money", "signed", "variance", "percent",
                                                                         "count"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < self.rowCount() or not 0 <= index.column() < len(self.columns):
            return None
        is_total = index.row() == len(self.rows)
        record = self.total if is_total else self.rows[index.row()]
        column = self.columns[index.column()]
        value = column.value(record)
        if role == Qt.ItemDataRole.DisplayRole:
            text = _display(column, value, is_total)
            return TOTAL if is_total and index.column() == 0 and not text else text
        if role == SORT_ROLE:
            return value
        if role == RECORD_ROLE:
            return None if is_total else record
        if role == TOTAL_ROLE:
            return is_total
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.kind in ("money", "signed", "variance") and value is not None:
                return exact(value)
            text = _display(column, value, is_total)
            return text if column.kind == "text" and text else None
        if role == Qt.ItemDataRole.FontRole and is_total:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and is_total:
            return QBrush(QColor("#eef2f7"))
        if role == Qt.ItemDataRole.ForegroundRole:
            if column.kind == "variance" and value and over_in_pounds(value):  # as shown: +£0 is not over
                return QBrush(OVER_COLOUR if value > 0 else UNDER_COLOUR)
            if column.kind == "percent" and value and abs(value) * 1000 >= Fraction(1, 2):  # shows as 0.1% or more
                return QBrush(OVER_COLOUR if value > 0 else UNDER_COLOUR)
            if value is None and column.kind not in ("text", "rag") and not (is_total and index.column() == 0):
                return QBrush(MUTED)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if is_total and index.column() == 0:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            if column.kind in ("money", "signed", "variance", "percent", "count"):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column.kind in ("rag", "yes_no"):
                return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole and column.kind == "variance" and value:
            return f"{signed_pounds(value)}, {'over' if value > 0 else 'under'} budget"
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column`` (-1: the order the rows were given in); the total row stays last.

        Persistent indexes (the selection) follow their records, so a selected row stays selected.
        """
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        held = [self.rows[i.row()] if i.row() < len(self.rows) else None for i in old]
        if 0 <= column < len(self.columns):
            self._sort = (column, order)
            self._sort_rows(column, order)
        else:
            self._sort = None
            self.rows = list(self._natural)
        position = {id(record): row for row, record in enumerate(self.rows)}
        self.changePersistentIndexList(old, [self.index(len(self.rows) if record is None else position[id(record)],
                                                        index.column()) for record, index in zip(held, old)])
        self.layoutChanged.emit()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        spec = self.columns[column]
        self.rows.sort(key=lambda r: _sort_key(spec.value(r)), reverse=order == Qt.SortOrder.DescendingOrder)


class RagBadgeDelegate(QStyledItemDelegate):
    """A savings plan's deliverability as a coloured badge carrying its letter (readable in greyscale)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        value = index.data(SORT_ROLE)  # a StrEnum arrives through Qt as its plain value
        value = Deliverability(value) if value in {d.value for d in Deliverability} else None
        option = QStyleOptionViewItem(option)
        self.initStyleOption(option, index)
        labelled = isinstance(value, Deliverability) and option.rect.width() >= option.fontMetrics.horizontalAdvance(
            value.label) + 48
        if isinstance(value, Deliverability):
            option.text = ""
        style = option.widget.style() if option.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        if isinstance(value, Deliverability):
            badge = paint_deliverability(painter, option.rect, value, left=labelled)
            if labelled:
                painter.save()
                selected = bool(option.state & QStyle.StateFlag.State_Selected)
                painter.setPen(option.palette.color(option.palette.ColorRole.HighlightedText if selected else
                                                    option.palette.ColorRole.Text))
                text_rect = option.rect.adjusted(badge.right() - option.rect.left() + 6, 0, 0, 0)
                painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                                 value.label)
                painter.restore()


def paint_deliverability(painter: QPainter, rect: QRect, rag: Deliverability, *, left: bool = False) -> QRect:
    """A rounded badge in the RAG colour carrying its letter; centred, or at the left of ``rect``."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    side = min(rect.height() - 4, 20)
    badge = QRect(0, 0, side + 6, side)
    badge.moveCenter(rect.center())
    if left:
        badge.moveLeft(rect.left() + 6)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(rag_colour(rag))
    painter.drawRoundedRect(badge, 4, 4)
    painter.setPen(RAG_ON_FILL[Rag(rag.value)])
    font = painter.font()
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, rag.letter)
    painter.restore()
    return badge


def rag_colour(rag: Deliverability) -> QColor:
    return RAG_FILL[Rag(rag.value)]
