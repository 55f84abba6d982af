"""Setting a milestone's status: mark it complete, or report its RAG with the rules shown as you type.

The rules are the domain's (:mod:`trustplanner.domain.rag`): a reported RAG may only make the
status worse than the dates show (a better one is kept on record but flagged, not shown), and
amber or red needs a commentary (without one it is saved and flagged). The dialog says which
applies while the user chooses and types, before anything is saved.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
)

from trustplanner.domain.enums import Rag
from trustplanner.domain.model import Milestone
from trustplanner.domain.rag import (
    commentary_problem,
    dates_reason,
    derived_rag,
    effective_rag,
    rag_disagreement,
)
from trustplanner.ui.date_field import DateField
from trustplanner.ui.widgets import MessageBar

#: the reports a user may give (complete comes from an actual date, never from a report)
REPORTED_CHOICES: tuple[Rag, ...] = (Rag.GREEN, Rag.AMBER, Rag.RED)


def completion_date(milestone: Milestone, today: date) -> date:
    """The actual date offered when marking complete: the forecast if it has come, else today."""
    return milestone.forecast if milestone.forecast <= today else today


def fill_rag_choices(combo: QComboBox, milestone: Milestone, as_of: date, tolerance: int) -> None:
    """The reported-RAG choices: none (the dates decide, naming what they show) and green/amber/red."""
    dates = derived_rag(replace(milestone, actual=None, rag_override=None), as_of, tolerance)
    combo.clear()
    combo.addItem(f"None: the dates decide ({dates.label.lower()})", "")
    for rag in REPORTED_CHOICES:
        combo.addItem(rag.label, rag.value)  # plain text: Qt hands enum members back as text anyway
    reported = milestone.rag_override
    combo.setCurrentIndex(max(combo.findData(reported.value), 0) if reported else 0)


def chosen_rag(combo: QComboBox) -> Rag | None:
    """The report chosen in a list filled by :func:`fill_rag_choices` (Qt hands enum data back as text)."""
    value = combo.currentData()
    return Rag(value) if value else None


def status_notes(milestone: Milestone, as_of: date, tolerance: int) -> list[tuple[str, str]]:
    """What the user should know about ``milestone`` as it would be saved: (level, sentence) pairs.

    Levels are MessageBar's ("info", "warning"). Every sentence comes from the domain's rules.
    """
    rag = effective_rag(milestone, as_of, tolerance)
    notes = [("info", f"Status will be {rag.label.lower()} (the dates: {dates_reason(milestone, as_of, tolerance)}).")]
    if disagreement := rag_disagreement(milestone, as_of, tolerance):
        notes.append(("warning", f"A report can only make the status worse: {disagreement}. The report is "
                                 "kept on record and flagged; the status shown is the dates'."))
    if problem := commentary_problem(milestone, as_of, tolerance):
        notes.append(("warning", f"{problem[:1].upper()}{problem[1:]}: say the cause, the impact and the "
                                 "recovery. Saved without one, it is flagged until it has one."))
    return notes


def notes_html(notes: list[tuple[str, str]]) -> str:
    colours = {"info": "#1b1b1b", "warning": "#8a4b00"}
    return "<br>".join(f"<span style='color:{colours.get(level, '#1b1b1b')}'>{escape(text)}</span>"
                       for level, text in notes)


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class MarkCompleteDialog(QDialog):
    """Record that a milestone happened: one date, the forecast or today offered, changeable here."""

    def __init__(self, milestone: Milestone, today: date | None = None, parent=None):
        super().__init__(parent)
        self.milestone = milestone
        self.result_milestone: Milestone | None = None
        today = today or date.today()
        self.setWindowTitle(f"Mark {milestone.ref} complete")
        self.setMinimumWidth(460)
        intro = QLabel(f"<b>{escape(milestone.ref)}</b> {escape(milestone.title)}<br>"
                       f"Forecast {milestone.forecast:%d/%m/%Y}. When did it happen?")
        intro.setWordWrap(True)
        self.actual = DateField(completion_date(milestone, today), fallback=milestone.forecast)
        self.actual.setAccessibleName("Actual date")
        form = QFormLayout()
        form.addRow("&Actual date", self.actual)
        note = QLabel("A reported RAG is cleared: a milestone that has happened is complete.")
        note.setWordWrap(True)
        note.setVisible(milestone.rag_override is not None)
        self.messages = MessageBar()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.messages)
        layout.addWidget(_buttons(self, "Mark complete"))
        self.actual.setFocus()

    def accept(self) -> None:
        if not self.actual.check():
            self.messages.show_message(f"Actual date: {self.actual.problem()}")
            return
        self.result_milestone = replace(self.milestone, actual=self.actual.value(), rag_override=None)
        super().accept()


class RagDialog(QDialog):
    """Report a milestone's RAG with its commentary; the rules that apply are shown as the user goes."""

    def __init__(self, milestone: Milestone, as_of: date, tolerance: int, parent=None):
        super().__init__(parent)
        self.milestone, self.as_of, self.tolerance = milestone, as_of, tolerance
        self.result_milestone: Milestone | None = None
        self.setWindowTitle(f"RAG status of {milestone.ref}")
        self.resize(540, 380)
        intro = QLabel(f"<b>{escape(milestone.ref)}</b> {escape(milestone.title)}")
        intro.setWordWrap(True)
        self.rag = QComboBox()
        self.rag.setAccessibleName("Reported RAG")
        fill_rag_choices(self.rag, milestone, as_of, tolerance)
        self.commentary = QPlainTextEdit(milestone.commentary)
        self.commentary.setAccessibleName("Commentary")
        self.commentary.setTabChangesFocus(True)
        self.commentary.setPlaceholderText("Cause, impact and recovery")
        self.notes = QLabel()
        self.notes.setObjectName("statusNotes")
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.RichText)
        self.notes.setAccessibleName("What will happen")
        form = QFormLayout()
        form.addRow("&Reported RAG", self.rag)
        form.addRow("&Commentary", self.commentary)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form, 1)
        layout.addWidget(self.notes)
        layout.addWidget(_buttons(self, "Save"))
        self.rag.currentIndexChanged.connect(self._update_notes)
        self.commentary.textChanged.connect(self._update_notes)
        self._update_notes()
        self.rag.setFocus()

    def candidate(self) -> Milestone:
        return replace(self.milestone, rag_override=chosen_rag(self.rag),
                       commentary=self.commentary.toPlainText().strip())

    def _update_notes(self) -> None:
        self.notes.setText(notes_html(status_notes(self.candidate(), self.as_of, self.tolerance)))

    def accept(self) -> None:
        self.result_milestone = self.candidate()
        super().accept()
