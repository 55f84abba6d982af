"""Right-click menus for the app's tables, and Copy (Ctrl+C) of the selected rows as text.

Every table gets the same shape of menu: the actions of its page that apply to the row under
the pointer (that row is selected first, as in Excel and Outlook), then Copy. Copy puts what is
shown (the headers and the selected rows, tab-separated) on the clipboard, so it pastes into
Excel or Word as a table; hidden personal values stay hidden.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QMenu

#: a page's actions for the menu; None puts a separator
MenuActions = Sequence[QAction | None] | Callable[[], Sequence[QAction | None]]


def selected_text(view: QAbstractItemView) -> str:
    """The selected rows of ``view`` (visible columns, in shown order) with their headers, tab-separated."""
    model = view.model()
    if model is None:
        return ""
    header = getattr(view, "horizontalHeader", lambda: None)()
    columns = list(range(model.columnCount()))
    if header is not None:
        columns = sorted((c for c in columns if not header.isSectionHidden(c)), key=header.visualIndex)
    rows = sorted({index.row() for index in view.selectionModel().selectedIndexes()}) if view.selectionModel() else []
    if not rows and view.currentIndex().isValid():
        rows = [view.currentIndex().row()]
    if not rows:
        return ""

    def cell(row: int, column: int) -> str:
        value = model.index(row, column).data(Qt.ItemDataRole.DisplayRole)
        return " ".join(str(value).split()) if value is not None else ""

    lines = ["\t".join(str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in columns)]
    lines += ["\t".join(cell(row, c) for c in columns) for row in rows]
    return "\n".join(lines) + "\n"


def copy_selection(view: QAbstractItemView) -> bool:
    text = selected_text(view)
    if text:
        QGuiApplication.clipboard().setText(text)
    return bool(text)


def add_table_menu(view: QAbstractItemView, actions: MenuActions = ()) -> QAction:
    """Give ``view`` a right-click menu of ``actions`` and Copy; returns the Copy action (Ctrl+C)."""
    copy = QAction("&Copy", view)
    copy.setShortcut(QKeySequence.StandardKey.Copy)
    copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    copy.triggered.connect(lambda: copy_selection(view))
    view.addAction(copy)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def show(position: QPoint) -> None:
        index = view.indexAt(position)
        if index.isValid() and not view.selectionModel().isRowSelected(index.row(), index.parent()):
            view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        menu = build_menu(view, actions, copy)
        view.last_menu = menu  # for tests and accessibility tools: the menu just shown
        menu.popup(view.viewport().mapToGlobal(position))

    view.customContextMenuRequested.connect(show)
    return copy


def build_menu(view: QAbstractItemView, actions: MenuActions, copy: QAction) -> QMenu:
    menu = QMenu(view)
    chosen = list(actions() if callable(actions) else actions)
    for action in chosen:
        if action is None:
            menu.addSeparator()
        elif action.isVisible():
            menu.addAction(action)
    if chosen:
        menu.addSeparator()
    copy.setEnabled(view.currentIndex().isValid())
    menu.addAction(copy)
    return menu
