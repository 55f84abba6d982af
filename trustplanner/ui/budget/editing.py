"""In-place editing of budget lines and savings plans on the Budget page.

The models only read and check what was typed: an edit becomes ``edit_requested(record, field,
value)`` for the page to run as an undoable command, and money that cannot be read becomes
``edit_refused(record, message)`` so the page can say why in its message bar (nothing changes).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QStyleOptionViewItem,
    QWidget,
)

from trustplanner.domain.budget import Deliverability, year_label
from trustplanner.domain.money import MoneyError, format_pounds, parse_money
from trustplanner.ui.budget.models import (
    Column,
    FigureTableModel,
    RagBadgeDelegate,
    line_total,
    savings_total,
)
from trustplanner.ui.budget.tables import LINE_COLUMNS, SAVINGS_COLUMNS, FinanceTable
from trustplanner.ui.delegates import ChoiceDelegate

EDIT = Qt.ItemDataRole.EditRole
LINE_EDITS = ("description", "budget", "forecast", "transfers")
SAVINGS_EDITS = ("description", "target", "forecast", "rag", "mitigation")
YES_NO = ("Yes", "No")
RAGS = tuple(d.label for d in Deliverability)


def edit_text(column: Column, value: Any) -> str:
    """What the editor starts with: money to the penny (``£1,100,000.50``), Yes/No, the RAG's name."""
    if column.kind == "money":
        return "" if value is None else format_pounds(value)
    if column.kind == "yes_no":
        return "Yes" if value else "No"
    if column.kind == "rag":
        return "" if value is None else Deliverability(value).label
    return "" if value is None else str(value)


def parse_edit(column: Column, value: Any) -> Any:
    """The typed ``value`` for ``column``; raises ValueError (MoneyError) saying why it cannot be read."""
    text = "" if value is None else str(value).strip()
    if column.kind == "money":
        if not text:
            raise MoneyError(f"{column.header.lower()}: an amount is required")
        try:
            return parse_money(text)
        except MoneyError as exc:
            raise MoneyError(f"{column.header.lower()}: {exc}") from None
    if column.kind == "yes_no":
        return text.casefold() in ("yes", "y", "true", "1")
    if column.kind == "rag":
        for rag in Deliverability:
            if text.casefold() in (rag.value, rag.letter.casefold()):
                return rag
        raise ValueError(f"unknown deliverability '{text}'; use green, amber or red")
    return text


class EditableFigureModel(FigureTableModel):
    """Finance rows whose ``editable`` fields can be changed in place (not the total row; not when read-only)."""

    edit_requested = Signal(object, str, object)  # record, field, new value
    edit_refused = Signal(object, str)  # record, why

    def __init__(self, columns: Sequence[Column], total: Callable[[Sequence[Any]], Any] | None,
                 editable: Iterable[str], parent=None):
        super().__init__(columns, total, parent)
        self.editable = set(editable)
        self.locked: set[str] = set()  # editable fields that cannot be changed just now
        self.read_only = False

    def is_editable(self, index: QModelIndex | QPersistentModelIndex) -> bool:
        return (not self.read_only and index.isValid() and 0 <= index.row() < len(self.rows)
                and 0 <= index.column() < len(self.columns)
                and self.columns[index.column()].field in self.editable - self.locked)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if self.is_editable(index) else flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role == EDIT and index.isValid() and 0 <= index.row() < len(self.rows):
            column = self.columns[index.column()]
            return edit_text(column, column.value(self.rows[index.row()]))
        return super().data(index, role)

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = EDIT) -> bool:
        if role != EDIT or not self.is_editable(index):
            return False
        column, record = self.columns[index.column()], self.rows[index.row()]
        try:
            new = parse_edit(column, value)
        except ValueError as exc:
            self.edit_refused.emit(record, str(exc))
            return False
        if new == column.value(record):
            return False
        self.edit_requested.emit(record, column.field, new)
        return True


def editable_line_model(parent=None) -> EditableFigureModel:
    return EditableFigureModel(LINE_COLUMNS, line_total, LINE_EDITS, parent)


def editable_savings_model(parent=None) -> EditableFigureModel:
    return EditableFigureModel(SAVINGS_COLUMNS, savings_total, SAVINGS_EDITS, parent)


class RagChoiceDelegate(RagBadgeDelegate):
    """The deliverability badge, edited with a combo of green, amber and red."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        combo = QComboBox(parent)
        combo.addItems(list(RAGS))
        return combo

    def setEditorData(self, editor: QComboBox, index: QModelIndex) -> None:
        editor.setCurrentIndex(max(editor.findText(index.data(EDIT) or ""), 0))

    def setModelData(self, editor: QComboBox, model, index: QModelIndex) -> None:
        model.setData(index, editor.currentText(), EDIT)


def make_editable(table: FinanceTable) -> None:
    """Let ``table`` edit its model's editable cells in place: combos for yes/no and RAG, text for the rest."""
    table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                          | QAbstractItemView.EditTrigger.AnyKeyPressed)
    for number, column in enumerate(table.model().columns):
        if column.kind == "rag":
            table.setItemDelegateForColumn(number, RagChoiceDelegate(table))
        elif column.kind == "yes_no":
            table.setItemDelegateForColumn(number, ChoiceDelegate(YES_NO, parent=table))


def record_label(record: Any) -> str:
    """``SC105 2016/17`` for a budget line's figures, the ref for a savings plan."""
    line = getattr(record, "line", None)
    return f"{line.cost_centre} {year_label(line.year)}" if line is not None else str(getattr(record, "ref", ""))
