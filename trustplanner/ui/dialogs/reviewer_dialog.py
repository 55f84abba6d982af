"""Who reviews: the reviewer's name and role, asked once and remembered (ui.settings)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from trustplanner.domain.review import ReviewerRole


class ReviewerDialog(QDialog):
    """Name and role (commissioner, DfE adviser, Ofsted, internal audit); OK only with a name."""

    def __init__(self, name: str = "", role: str = ReviewerRole.COMMISSIONER.value, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Reviewing as")
        layout = QFormLayout(self)
        intro = QLabel("Your challenges and sign-offs are recorded under this name. The plan itself is read-only.")
        intro.setWordWrap(True)
        layout.addRow(intro)
        self.name = QLineEdit(name)
        self.name.setAccessibleName("Reviewer's name")
        layout.addRow("&Name", self.name)
        self.role = QComboBox()
        self.role.setAccessibleName("Reviewer's role")
        for each in ReviewerRole:
            self.role.addItem(each.label, each.value)
        self.role.setCurrentIndex(max(self.role.findData(role), 0))
        layout.addRow("&Role", self.role)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addRow(self.buttons)
        self.name.textChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.name.text().strip()))

    def result_reviewer(self) -> tuple[str, str]:
        return self.name.text().strip(), str(self.role.currentData())
