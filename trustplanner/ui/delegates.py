"""Painting and editing table cells: RAG as a coloured letter, dates with a calendar pop-up."""

from __future__ import annotations

from PySide6.QtCore import QDate, QModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPolygon
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from trustplanner.domain.enums import STAGE_GATES, Rag, Workstream
from trustplanner.ui.date_range import NO_DATE, plan_dates
from trustplanner.ui.models.milestone_table import LINE_ROLE, RAG_COLOURS



def paint_rag_badge(painter: QPainter, rect: QRect, rag: Rag) -> None:
    """A rounded badge in the RAG colour with its letter, readable in greyscale too."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    side = min(rect.height() - 4, 22)
    badge = QRect(0, 0, side + 6, side)
    badge.moveCenter(rect.center())
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(RAG_COLOURS[rag])
    painter.drawRoundedRect(badge, 4, 4)
    painter.setPen(QColor("white"))
    font = painter.font()
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, rag.letter)
    painter.restore()


class RagDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        line = index.data(LINE_ROLE)
        option = QStyleOptionViewItem(option)
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        if line is not None:
            paint_rag_badge(painter, option.rect, line.rag)
            if line.flags:
                paint_flag_mark(painter, option.rect)


def paint_flag_mark(painter: QPainter, rect: QRect) -> None:
    """A dark corner triangle: this status has a flag (see the tooltip and the detail pane)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    side = max(min(rect.height() // 3, 9), 5)
    corner = QPolygon([QPoint(rect.right() - side, rect.top()), QPoint(rect.right(), rect.top()),
                       QPoint(rect.right(), rect.top() + side)])
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#212121"))
    painter.drawPolygon(corner)
    painter.restore()


class DateDelegate(QStyledItemDelegate):
    """A date editor with a calendar pop-up; the actual date may be cleared (shown as blank)."""

    def __init__(self, clearable: bool = False, parent=None):
        super().__init__(parent)
        self.clearable = clearable

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        editor = QDateEdit(parent)
        editor.setCalendarPopup(True)
        editor.setDisplayFormat("dd/MM/yyyy")
        plan_dates(editor, clearable=self.clearable)
        if self.clearable:
            editor.setSpecialValueText("(none)")
        return editor

    def setEditorData(self, editor: QDateEdit, index: QModelIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(value, QDate) and value.isValid():
            editor.setDate(value)
        elif self.clearable:
            editor.setDate(NO_DATE)
        else:
            editor.setDate(QDate.currentDate())

    def setModelData(self, editor: QDateEdit, model, index: QModelIndex) -> None:
        value = editor.date()
        model.setData(index, None if (self.clearable and value == NO_DATE) else value, Qt.ItemDataRole.EditRole)


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box of choices (editable ones accept new text, e.g. a custom workstream)."""

    def __init__(self, choices, *, editable: bool = False, parent=None):
        super().__init__(parent)
        self.choices = choices
        self.editable = editable

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        combo = QComboBox(parent)
        combo.setEditable(self.editable)
        combo.addItems(self.choices() if callable(self.choices) else list(self.choices))
        return combo

    def setEditorData(self, editor: QComboBox, index: QModelIndex) -> None:
        text = index.data(Qt.ItemDataRole.EditRole) or ""
        position = editor.findText(text)
        if position >= 0:
            editor.setCurrentIndex(position)
        elif self.editable:
            editor.setEditText(text)

    def setModelData(self, editor: QComboBox, model, index: QModelIndex) -> None:
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


STAGE_CHOICES = [stage.label for stage in STAGE_GATES]
WORKSTREAM_CHOICES = [w.value for w in Workstream]


def muted(widget: QWidget) -> None:
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#555"))
    widget.setPalette(palette)
