"""What changed between two briefings (or since one, to the plan now), in the briefing's own words."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from trustplanner.briefing.change_lines import change_lines, summary_sentence
from trustplanner.domain.briefing_changes import BriefingChanges
from trustplanner.ui.dialogs import run_dialog


class ChangesDialog(QDialog):
    def __init__(self, title: str, changes: BriefingChanges | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Changes between briefings")
        self.resize(760, 520)
        layout = QVBoxLayout(self)
        heading = QLabel(f"<b>{title}</b>")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Changes")
        self.text.setPlainText(changes_text(changes))
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def changes_text(changes: BriefingChanges | None) -> str:
    if changes is None:
        return "There is no earlier issued briefing to compare with."
    parts = [summary_sentence(changes)]
    for heading, lines in change_lines(changes):
        parts.append("\n" + heading)
        parts.extend(f"  • {line}" for line in lines)
    return "\n".join(parts)


def show_changes(parent: QWidget, title: str, changes: BriefingChanges | None) -> None:
    run_dialog(ChangesDialog(title, changes, parent))
