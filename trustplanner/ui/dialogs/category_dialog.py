"""The plan's risk categories: the standard seven (shown, fixed) and the plan's own, to add, rename or remove.

Each add, rename or remove runs at once as one undoable change (Edit → Undo reverses it); a refusal,
such as removing a category risks are in, is said in the dialog and nothing changes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from trustplanner.domain.risk_categories import NAME_LIMIT
from trustplanner.services.risk_categories import load_categories
from trustplanner.ui.commands import push_edit
from trustplanner.ui.errors import error_text
from trustplanner.ui.register_commands import AddCategory, RemoveCategory, RenameCategory
from trustplanner.ui.widgets import MessageBar

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
STANDARD_NOTE = " (standard)"


class CategoriesDialog(QDialog):
    def __init__(self, document, parent=None, *, read_only: bool = False):  # noqa: ANN001
        super().__init__(parent)
        self.document, self.read_only = document, read_only
        self.setWindowTitle("Risk categories")
        self.list = QListWidget()
        self.list.setAccessibleName("Risk categories")
        self.name = QLineEdit()
        self.name.setAccessibleName("New category")
        self.name.setPlaceholderText("e.g. Placements and sufficiency")
        self.name.setMaxLength(NAME_LIMIT)
        self.add_button = QPushButton("&Add")
        self.rename_button = QPushButton("&Rename…")
        self.remove_button = QPushButton("Re&move")
        self.messages = MessageBar()
        add_row = QHBoxLayout()
        add_row.addWidget(self.name, 1)
        add_row.addWidget(self.add_button)
        side = QVBoxLayout()
        side.addWidget(self.rename_button)
        side.addWidget(self.remove_button)
        side.addStretch(1)
        middle = QHBoxLayout()
        middle.addWidget(self.list, 1)
        middle.addLayout(side)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel("The seven standard categories are always there. Add the plan's own; rename or remove "
                       "them (a category risks are in cannot be removed). Each change can be undone.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(middle, 1)
        new_label = QLabel("&New category")
        new_label.setBuddy(self.name)
        layout.addWidget(new_label)
        layout.addLayout(add_row)
        layout.addWidget(self.messages)
        layout.addWidget(buttons)
        self.add_button.clicked.connect(self.add)
        self.name.returnPressed.connect(self.add)
        self.rename_button.clicked.connect(self.rename)
        self.remove_button.clicked.connect(self.remove)
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.name.textChanged.connect(lambda *_: self._update_buttons())
        self.add_button.setAutoDefault(False)
        self.resize(460, 420)
        self.fill()

    def fill(self, select: str | None = None) -> None:
        self.list.clear()
        for category in load_categories(self.document.plan):
            item = QListWidgetItem(category.label + (STANDARD_NOTE if category.standard else ""))
            item.setData(KEY_ROLE, None if category.standard else category.label)
            if category.standard:
                item.setForeground(self.palette().placeholderText())
            self.list.addItem(item)
            if select is not None and category.label == select:
                self.list.setCurrentItem(item)
        self._update_buttons()

    def chosen(self) -> str | None:
        """The name of the plan's own category selected (None: none, or a standard one)."""
        item = self.list.currentItem()
        return None if item is None else item.data(KEY_ROLE)

    def _update_buttons(self) -> None:
        own = self.chosen() is not None and not self.read_only
        self.rename_button.setEnabled(own)
        self.remove_button.setEnabled(own)
        self.add_button.setEnabled(not self.read_only and bool(self.name.text().strip()))
        self.name.setEnabled(not self.read_only)

    def _run(self, edit, select: str | None) -> bool:  # noqa: ANN001
        error = push_edit(self.document, edit)
        if error is not None:
            self.messages.show_message(error_text(error))
            return False
        self.messages.hide()
        self.fill(select)
        return True

    def add(self) -> None:
        name = self.name.text().strip()
        if name and not self.read_only and self._run(AddCategory(self.document, name), name):
            self.name.clear()

    def rename(self) -> None:
        old = self.chosen()
        if old is None:
            return
        new, ok = QInputDialog.getText(self, "Rename risk category", f"New name for {old}:", QLineEdit.EchoMode.Normal,
                                       old)
        if ok and new.strip() and new.strip() != old:
            self._run(RenameCategory(self.document, old, new), new.strip())

    def remove(self) -> None:
        name = self.chosen()
        if name is not None:
            self._run(RemoveCategory(self.document, name), None)
