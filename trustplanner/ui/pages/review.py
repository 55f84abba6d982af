"""The Review page: the open review, its challenges (target, question, age, outcome) and sign-offs.

A reviewer (the window open for review) lands here: they start a review, raise challenges and sign
off complete milestones, each one change in the history under their name, written without the edit
lock. The transition manager (the window open for editing) sees the same page and responds to an
open challenge; responding is a manager's action, refused in review mode.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from trustplanner.domain.review import AREA_TARGETS, Challenge, Review, ReviewKind
from trustplanner.domain.review_rules import SignOffStanding
from trustplanner.services import reviews
from trustplanner.services.risks import load_register
from trustplanner.ui.dialogs import run_dialog
from trustplanner.ui.dialogs.review_dialogs import (
    ChallengeDialog,
    CloseChallengeDialog,
    RespondDialog,
    SignOffDialog,
    StartReviewDialog,
)
from trustplanner.ui.errors import error_text
from trustplanner.ui.flow_layout import FlowLayout
from trustplanner.ui.pages.base import Page
from trustplanner.ui.text_table import TextTableModel
from trustplanner.ui.widgets import MessageBar, heading

CHALLENGE_COLUMNS = ("No.", "Target", "Question", "Age (days)", "Outcome", "Response")
SIGN_OFF_COLUMNS = ("Milestone", "Complete", "Signed off", "By", "Evidence", "Standing")
TABLE_ROWS = 4


def _day(value: date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def _standing(standing: SignOffStanding | None) -> str:
    if standing is None:
        return ""
    return standing.status + (f" ({standing.reason})" if standing.reason else "")


class ReviewPage(Page):
    title = "Review"
    icon = "complete.svg"
    areas = frozenset({"reviews", "milestones", "risks", "decisions"})

    def __init__(self, parent=None):
        super().__init__(parent)
        self.review: Review | None = None
        self.challenges: tuple[Challenge, ...] = ()
        self.messages = MessageBar()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.start_button = QPushButton("&Start review…")
        self.start_button.clicked.connect(self.start_review)
        self.challenge_button = QPushButton("Raise &challenge…")
        self.challenge_button.clicked.connect(self.raise_challenge)
        self.sign_off_button = QPushButton("Sign o&ff…")
        self.sign_off_button.setToolTip("Accept the selected complete milestone on evidence")
        self.sign_off_button.clicked.connect(self.sign_off)
        self.respond_button = QPushButton("&Respond…")
        self.respond_button.setToolTip("The transition manager's response to the selected open challenge")
        self.respond_button.clicked.connect(self.respond)
        self.close_button = QPushButton("C&lose challenge…")
        self.close_button.setToolTip("The reviewer's judgement on the selected challenge, closing it")
        self.close_button.clicked.connect(self.close_challenge)
        buttons = FlowLayout()
        for button in (self.start_button, self.challenge_button, self.sign_off_button, self.close_button,
                       self.respond_button):
            buttons.addWidget(button)

        self.challenge_model = TextTableModel(CHALLENGE_COLUMNS, [], right=(0, 3), parent=self)
        self.challenge_table = self._table(self.challenge_model, "Challenges", (40, 70, 320, 80, 140))
        self.challenge_table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.sign_off_model = TextTableModel(SIGN_OFF_COLUMNS, [], parent=self)
        self.sign_off_table = self._table(self.sign_off_model, "Sign-offs and complete milestones",
                                          (80, 90, 90, 130, 220))
        self.sign_off_table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.challenges_caption = heading("Challenges")
        self.sign_offs_caption = heading("Complete milestones and sign-offs")

        layout = QVBoxLayout(self)
        layout.addWidget(heading("Review"))
        layout.addWidget(self.summary)
        layout.addWidget(self.messages)
        layout.addLayout(buttons)
        layout.addWidget(self.challenges_caption)
        layout.addWidget(self.challenge_table, 1)
        layout.addWidget(self.sign_offs_caption)
        layout.addWidget(self.sign_off_table, 1)

    def _table(self, model: TextTableModel, name: str, widths: tuple[int, ...]) -> QTableView:
        table = QTableView()
        table.setAccessibleName(name)
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(24)
        table.setMinimumHeight(TABLE_ROWS * 24 + 30)
        table.setMinimumWidth(300)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate(widths):
            header.resizeSection(column, width)
        return table

    # refreshing -----------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.document is None:
            return
        records = reviews.load_review_records(self.document.plan)
        open_reviews = [r for r in records.reviews if r.is_open]
        self.review = open_reviews[-1] if open_reviews else (records.reviews[-1] if records.reviews else None)
        snapshot = self.document.snapshot
        if self.review is None:
            self.summary.setText("No review yet. Start one to raise challenges and sign off complete milestones.")
            self.challenges = ()
        else:
            r = self.review
            state = "open" if r.is_open else f"closed {_day(r.closed)}"
            self.summary.setText(f"<b>{r.name}</b>: {r.kind.label.lower()} review by {r.reviewer} "
                                 f"({r.role.label}), opened {_day(r.opened)}, looking at the position on "
                                 f"{_day(r.as_of)}; {state}.")
            self.challenges = records.challenges_of(r.name)
        today = date.today()
        self.challenge_model.beginResetModel()
        self.challenge_model.rows = [(str(c.id), c.target, c.question, str(c.age(today)), c.outcome.label,
                                      c.response) for c in self.challenges]
        self.challenge_model.endResetModel()
        open_count = sum(1 for c in self.challenges if not c.is_closed)
        self.challenges_caption.setText(f"Challenges ({len(self.challenges)}, {open_count} not closed)")
        standing = reviews.signed_off_status(snapshot, records.signoffs)
        latest = {s.milestone: s for s in records.signoffs}
        rows = []
        for m in snapshot.milestones:
            if m.actual is None:
                continue
            s = latest.get(m.ref)
            rows.append((m.ref, _day(m.actual), _day(s.on) if s else "", s.reviewer if s else "",
                         s.evidence.title if s else "", _standing(standing.get(m.ref))))
        self.sign_off_model.beginResetModel()
        self.sign_off_model.rows = rows
        self.sign_off_model.endResetModel()
        self.sign_offs_caption.setText(f"Complete milestones and sign-offs ({len(rows)} complete, "
                                       f"{sum(1 for r in rows if r[2])} signed off)")
        self._update_buttons()

    def apply_read_only(self, read_only: bool) -> None:
        self._update_buttons()

    def _reviewing(self) -> bool:
        return self.document is not None and self.document.reviewing

    def _can_write(self) -> bool:
        return self.document is not None and self.document.plan.review_writes

    def _update_buttons(self) -> None:
        writes = self._can_write()
        has_open = self.review is not None and self.review.is_open
        self.start_button.setEnabled(writes)
        self.challenge_button.setEnabled(writes and has_open)
        self.sign_off_button.setEnabled(writes and has_open and self.sign_off_model.rowCount() > 0)
        challenge = self.current_challenge()
        self.respond_button.setEnabled(writes and not self._reviewing() and challenge is not None
                                       and not challenge.is_closed)
        self.close_button.setEnabled(writes and self._reviewing() and challenge is not None
                                     and not challenge.is_closed)
        self.respond_button.setToolTip("A transition manager's action: not in review mode" if self._reviewing()
                                       else "The transition manager's response to the selected open challenge")

    def current_challenge(self) -> Challenge | None:
        index = self.challenge_table.currentIndex()
        return self.challenges[index.row()] if index.isValid() and index.row() < len(self.challenges) else None

    def current_milestone(self) -> str | None:
        index = self.sign_off_table.currentIndex()
        return self.sign_off_model.rows[index.row()][0] if index.isValid() else None

    # writes ---------------------------------------------------------------------------------
    def _write(self, edit: Callable[[], object], said: str) -> bool:
        error = self.document.run(edit)
        if error is not None:
            self.messages.show_message(error_text(error))
            return False
        self.messages.show_message(said, "info")
        return True

    def _reviewer(self) -> tuple[str, str]:
        if self.document is not None and self.document.reviewer is not None:
            return self.document.reviewer
        return "", "commissioner"

    def start_review(self) -> None:
        if not self._can_write():
            return
        name, role = self._reviewer()
        dialog = StartReviewDialog(name, self.document.snapshot.status_date, self, reviewer_fixed=self._reviewing())
        if not run_dialog(dialog):
            return
        review_name = dialog.name.text().strip()
        self._write(lambda: reviews.start_review(self.document.plan, review_name,
                                                 kind=ReviewKind(dialog.kind.currentData()),
                                                 reviewer=dialog.reviewer.text(), role=role,
                                                 as_of=dialog.as_of.value()),
                    f"Started the review '{review_name}'.")

    def challenge_targets(self) -> list[tuple[str, str]]:
        snapshot = self.document.snapshot
        register = load_register(self.document.plan)
        return ([(m.ref, f"Milestone {m.ref} — {m.title}") for m in snapshot.milestones]
                + [(r.ref, f"Risk {r.ref} — {r.title}") for r in register.risks]
                + [(d.ref, f"Decision {d.ref} — {d.title}") for d in register.decisions]
                + [(area, f"The {area} figures" if area != "plan" else "The plan as a whole") for area in AREA_TARGETS])

    def raise_challenge(self) -> None:
        if not self._can_write() or self.review is None:
            return
        dialog = ChallengeDialog(self.challenge_targets(), self, target=self.current_milestone())
        if not run_dialog(dialog):
            return
        target, question = dialog.chosen_target(), dialog.question.toPlainText()
        review = self.review.name
        self._write(lambda: reviews.raise_challenge(self.document.plan, target, question, review=review,
                                                    evidence=dialog.evidence.isChecked()),
                    f"Challenge on {target} raised in '{review}'.")

    def sign_off(self) -> None:
        if not self._can_write() or self.review is None:
            return
        complete = [(m.ref, f"{m.ref} — {m.title} (complete {_day(m.actual)})")
                    for m in self.document.snapshot.milestones if m.actual is not None]
        dialog = SignOffDialog(complete, self, milestone=self.current_milestone(),
                               folder=str(self.document.path.parent))
        if not run_dialog(dialog):
            return
        ref, review = dialog.chosen_milestone(), self.review.name
        self._write(lambda: reviews.sign_off(self.document.plan, ref, evidence=dialog.title.text(),
                                             path=dialog.chosen_file(), link=dialog.link.text(), review=review),
                    f"Signed off {ref} in '{review}'.")

    def respond(self) -> None:
        challenge = self.current_challenge()
        if challenge is None or not self._can_write():
            return
        if self._reviewing():
            self.messages.show_message("Responding to a challenge is the transition manager's action, not a "
                                       "reviewer's: open the plan for editing to respond.")
            return
        dialog = RespondDialog(f"Challenge {challenge.id} on {challenge.target}: {challenge.question}", self)
        if not run_dialog(dialog):
            return
        response = dialog.response.toPlainText()
        self._write(lambda: reviews.respond(self.document.plan, challenge.id, response),
                    f"Responded to challenge {challenge.id}: it is answered.")

    def close_challenge(self) -> None:
        """The reviewer closes a challenge (only in review mode: the services check it is the review's reviewer)."""
        challenge = self.current_challenge()
        if challenge is None or not self._can_write() or not self._reviewing():
            return
        dialog = CloseChallengeDialog(f"Challenge {challenge.id} on {challenge.target}: {challenge.question}", self)
        if not run_dialog(dialog):
            return
        outcome, conditions = dialog.chosen_outcome(), dialog.conditions.text()
        self._write(lambda: reviews.close_challenge(self.document.plan, challenge.id, outcome, conditions=conditions,
                                                    by=self.document.reviewer[0]),
                    f"Closed challenge {challenge.id}: {outcome.label.lower()}.")
