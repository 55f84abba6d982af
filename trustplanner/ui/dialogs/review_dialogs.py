"""The Review page's small dialogs: start a review, raise a challenge, sign off a milestone, respond.

Each only collects what is typed; the page passes it to trustplanner.services.reviews, which checks
it and says what is wrong in one line.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from trustplanner.domain.review import CLOSING_OUTCOMES, Outcome, ReviewKind
from trustplanner.ui.date_field import DateField


class _Form(QDialog):
    def __init__(self, title: str, parent: QWidget | None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def finish(self) -> None:
        self.form.addRow(self.buttons)


def _line(name: str, text: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setAccessibleName(name)
    return edit


class StartReviewDialog(_Form):
    """Name, kind and the position date looked at; the reviewer as remembered (fixed in review mode)."""

    def __init__(self, reviewer: str, as_of: date, parent: QWidget | None = None, *, reviewer_fixed: bool = False):
        super().__init__("Start review", parent)
        self.name = _line("Review name")
        self.name.setPlaceholderText("e.g. Q3 2020 progress review")
        self.form.addRow("&Name", self.name)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of review")
        for kind in ReviewKind:
            self.kind.addItem(kind.label, kind.value)
        self.kind.setCurrentIndex(self.kind.findData(ReviewKind.PROGRESS.value))
        self.form.addRow("&Kind", self.kind)
        self.reviewer = _line("Reviewer", reviewer)
        self.reviewer.setReadOnly(reviewer_fixed)
        self.form.addRow("&Reviewer", self.reviewer)
        self.as_of = DateField(as_of)
        self.as_of.setAccessibleName("Position date looked at")
        self.form.addRow("&Position as of", self.as_of)
        self.finish()


class ChallengeDialog(_Form):
    """What is challenged (a milestone, risk, decision, an area's figures or the plan) and the question."""

    def __init__(self, targets: list[tuple[str, str]], parent: QWidget | None = None, *, target: str | None = None):
        super().__init__("Raise challenge", parent)
        self.target = QComboBox()
        self.target.setAccessibleName("What is challenged")
        for ref, label in targets:
            self.target.addItem(label, ref)
        if target is not None and (at := self.target.findData(target)) >= 0:
            self.target.setCurrentIndex(at)
        self.form.addRow("&Challenge", self.target)
        self.question = QPlainTextEdit()
        self.question.setAccessibleName("Question")
        self.question.setTabChangesFocus(True)
        self.question.setFixedHeight(90)
        self.form.addRow("&Question", self.question)
        self.evidence = QCheckBox("Ask for &evidence")
        self.form.addRow("", self.evidence)
        self.finish()

    def chosen_target(self) -> str:
        return str(self.target.currentData() or "")


class SignOffDialog(_Form):
    """A complete milestone and the evidence it is accepted on: a title, and a file or a link."""

    def __init__(self, milestones: list[tuple[str, str]], parent: QWidget | None = None, *,
                 milestone: str | None = None, folder: str = ""):
        super().__init__("Sign off milestone", parent)
        self.folder = folder
        self.milestone = QComboBox()
        self.milestone.setAccessibleName("Milestone signed off")
        for ref, label in milestones:
            self.milestone.addItem(label, ref)
        if milestone is not None and (at := self.milestone.findData(milestone)) >= 0:
            self.milestone.setCurrentIndex(at)
        self.form.addRow("&Milestone", self.milestone)
        self.title = _line("Evidence title")
        self.form.addRow("Evidence &title", self.title)
        self.file = _line("Evidence file")
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(browse)
        self.form.addRow("&File", row)
        self.link = _line("Evidence link")
        self.link.setPlaceholderText("or a link, e.g. https://…")
        self.form.addRow("&Link", self.link)
        note = QLabel("A file's SHA-256 is recorded, so a later change to it is noticed.")
        note.setWordWrap(True)
        self.form.addRow("", note)
        self.finish()

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Evidence file", self.folder)
        if name:
            self.file.setText(name)

    def chosen_milestone(self) -> str:
        return str(self.milestone.currentData() or "")

    def chosen_file(self) -> Path | None:
        text = self.file.text().strip()
        return Path(text) if text else None


class RespondDialog(_Form):
    """The manager's response to an open challenge."""

    def __init__(self, challenge_text: str, parent: QWidget | None = None):
        super().__init__("Respond to challenge", parent)
        question = QLabel(challenge_text)
        question.setWordWrap(True)
        self.form.addRow(question)
        self.response = QPlainTextEdit()
        self.response.setAccessibleName("Response")
        self.response.setTabChangesFocus(True)
        self.response.setFixedHeight(90)
        self.form.addRow("&Response", self.response)
        self.finish()


class CloseChallengeDialog(_Form):
    """The reviewer's judgement: accepted, accepted with conditions (which), or not accepted."""

    def __init__(self, challenge_text: str, parent: QWidget | None = None):
        super().__init__("Close challenge", parent)
        question = QLabel(challenge_text)
        question.setWordWrap(True)
        self.form.addRow(question)
        self.outcome = QComboBox()
        self.outcome.setAccessibleName("Outcome")
        for outcome in (o for o in Outcome if o in CLOSING_OUTCOMES):
            self.outcome.addItem(outcome.label, outcome.value)
        self.form.addRow("&Outcome", self.outcome)
        self.conditions = _line("Conditions")
        self.conditions.setPlaceholderText("with accepted with conditions: which")
        self.form.addRow("&Conditions", self.conditions)
        self.finish()

    def chosen_outcome(self) -> Outcome:
        return Outcome(self.outcome.currentData())
