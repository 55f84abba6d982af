"""Painting and editing table cells: RAG as a coloured letter, dates typed as text with a calendar beside."""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, QModelIndex, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPalette, QPolygon
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QComboBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from trustplanner.domain.enums import STAGE_GATES, Rag, Workstream
from trustplanner.ui.date_field import DateField
from trustplanner.ui.models.milestone_table import LINE_ROLE
from trustplanner.ui.palette import RAG_FILL, RAG_ON_FILL


def paint_rag_badge(painter: QPainter, rect: QRect, rag: Rag) -> None:
    """A rounded badge in the RAG colour with its letter, readable in greyscale too."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    side = min(rect.height() - 4, 22)
    badge = QRect(0, 0, side + 6, side)
    badge.moveCenter(rect.center())
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(RAG_FILL[rag])
    painter.drawRoundedRect(badge, 4, 4)
    painter.setPen(RAG_ON_FILL[rag])
    font = painter.font()
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, rag.letter)
    painter.restore()


class RagDelegate(QStyledItemDelegate):
    """Paints the RAG badge; edits the reported RAG with a list (none: the dates decide; green, amber,
    red). ``context(line)`` gives (milestone, status date, tolerance) for naming what the dates show."""

    def __init__(self, context=None, parent=None):
        super().__init__(parent)
        self.context = context

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        from trustplanner.ui.dialogs.status_dialogs import fill_rag_choices

        combo = QComboBox(parent)
        combo.setAccessibleName("Reported RAG")
        line = index.data(LINE_ROLE)
        if line is not None and self.context is not None:
            fill_rag_choices(combo, *self.context(line))
        # the list opens at once, as a drop-down cell does in Excel: a choice (click, or Enter) saves it
        combo.activated.connect(lambda _row, c=combo: self._commit_and_close(c))
        QTimer.singleShot(0, combo.showPopup)
        return combo

    def _commit_and_close(self, editor: QComboBox) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QComboBox, index: QModelIndex) -> None:
        line = index.data(LINE_ROLE)
        if line is not None:
            editor.setCurrentIndex(max(editor.findData(line.reported.value), 0) if line.reported else 0)

    def setModelData(self, editor: QComboBox, model, index: QModelIndex) -> None:
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        rect = QRect(option.rect)
        rect.setWidth(max(rect.width(), editor.sizeHint().width()))
        editor.setGeometry(rect)

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
    """A date typed as text (see :class:`DateField`), with a calendar beside it; the actual date may be
    left blank. Text that is not a date a plan takes keeps the editor open with the reason on Enter or
    Tab; left by a click elsewhere, nothing is saved and :attr:`refused` says why."""

    refused = Signal(str)

    def __init__(self, clearable: bool = False, parent=None):
        super().__init__(parent)
        self.clearable = clearable

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        line = index.data(LINE_ROLE)
        fallback = getattr(getattr(line, "milestone", None), "forecast", None)
        editor = DateField(parent=parent, clearable=self.clearable, fallback=fallback)
        editor.setFrame(False)
        editor.picked.connect(lambda _day, e=editor: self._commit_and_close(e))
        return editor

    def _commit_and_close(self, editor: DateField) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: DateField, index: QModelIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        editor.set_value(value.toPython() if isinstance(value, QDate) and value.isValid() else None)

    def setModelData(self, editor: DateField, model, index: QModelIndex) -> None:
        if problem := editor.problem():
            self.refused.emit(f"Not saved: {problem}.")
            return
        value = editor.value()
        model.setData(index, _qdate(value) if value else None, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        rect = QRect(option.rect)
        rect.setWidth(max(rect.width(), editor.minimumWidth()))
        editor.setGeometry(rect)

    def eventFilter(self, editor, event) -> bool:  # noqa: ANN001
        if (isinstance(editor, DateField) and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
                and not editor.check()):
            return True  # stays open with the text and the reason
        return super().eventFilter(editor, event)


def _qdate(day) -> QDate:  # noqa: ANN001
    return QDate(day.year, day.month, day.day)


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
