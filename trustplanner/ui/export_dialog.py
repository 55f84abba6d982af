"""File → Export's question about personal data: the staff file would hold names and salaries.

Without them is the default (Enter); names and salaries go in only when the user says so.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class PersonalDataQuestion(QDialog):
    """Asks whether the export includes personal data; ``with_personal_data`` says what was chosen."""

    def __init__(self, files: list[str], words: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Export: personal data")
        self.with_personal_data = False
        names = " and ".join(files)
        text = QLabel(
            f"<b>{names} would hold {words} (personal data).</b><br><br>"
            f"CSV files are plain text: anyone who gets a copy can read them. Without personal data the "
            f"export keeps refs, services, teams, roles, grades, FTE and every other column, with {words} "
            f"left blank, and adds the costs by grade band (count, FTE and total cost, not per person); "
            f"importing it back keeps the {words} the plan holds.")
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setWordWrap(True)
        text.setMinimumWidth(420)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.without_button: QPushButton = self.buttons.addButton("Export &without personal data",
                                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.include_button: QPushButton = self.buttons.addButton(f"&Include {words}",
                                                                  QDialogButtonBox.ButtonRole.ActionRole)
        self.without_button.setDefault(True)
        self.without_button.clicked.connect(lambda: self._choose(False))
        self.include_button.clicked.connect(lambda: self._choose(True))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.buttons)

    def _choose(self, with_personal_data: bool) -> None:
        self.with_personal_data = with_personal_data
        self.accept()
