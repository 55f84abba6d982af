"""Dialogs for milestones: add/edit form, dependencies, commentary and re-baseline."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trustplanner.domain.enums import STAGE_GATES, Stage
from trustplanner.domain.model import Milestone
from trustplanner.domain.statutory import MEETS_CHOICES
from trustplanner.services.milestones import milestone_problems
from trustplanner.services.snapshot import PlanSnapshot
from trustplanner.ui.date_field import DateField, refused_dates
from trustplanner.ui.delegates import WORKSTREAM_CHOICES
from trustplanner.ui.dialogs.status_dialogs import (
    chosen_rag,
    fill_rag_choices,
    notes_html,
    status_notes,
)
from trustplanner.ui.widgets import MessageBar


def date_edit(value: date | None, parent: QWidget | None = None) -> DateField:
    return DateField(value or date.today(), parent)


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class MilestoneDialog(QDialog):
    """Add a milestone or edit every field of one (the baseline moves only by re-baselining).

    Checked against the plan before closing; the status rules are shown as the fields change.
    """

    def __init__(self, snapshot: PlanSnapshot, milestone: Milestone | None = None, parent=None):
        super().__init__(parent)
        self.snapshot = snapshot
        self.original = milestone
        self.result_milestone: Milestone | None = None
        self.setWindowTitle(f"Edit milestone {milestone.ref}" if milestone else "Add milestone")
        m = milestone
        self.ref = QLineEdit(m.ref if m else "")
        self.title_edit = QLineEdit(m.title if m else "")
        self.workstream = QComboBox()
        self.workstream.setEditable(True)
        self.workstream.addItems(WORKSTREAM_CHOICES)
        self.workstream.setCurrentText(m.workstream if m else WORKSTREAM_CHOICES[0])
        self.service = QComboBox()
        self.service.addItem("(whole programme)", None)
        for s in snapshot.services:
            self.service.addItem(s.name, s.name)
        if m and m.service:
            self.service.setCurrentIndex(self.service.findData(m.service))
        self.stage = QComboBox()
        for stage in STAGE_GATES:
            self.stage.addItem(stage.label, stage)
        self.stage.setCurrentIndex(self.stage.findData(m.stage if m else Stage.SHADOW))
        self.meets = QComboBox()
        for choice in MEETS_CHOICES:
            self.meets.addItem(choice.label(snapshot.programme.tupe_notice_days), choice.value)
        self.meets.setCurrentIndex(max(self.meets.findData(m.meets if m else ""), 0))
        self.meets.setToolTip("The TUPE deadline this milestone is planned to meet; the briefing shows them together")
        self.owner = QLineEdit(m.owner if m else "")
        self.baseline = date_edit(m.baseline if m else None)
        self.baseline.setEnabled(m is None)
        self.baseline.setToolTip("A baseline changes only through Re-baseline once it is set")
        self.forecast = date_edit(m.forecast if m else None)
        self.actual = DateField(m.actual if m else None, clearable=True,
                                fallback=lambda: self.forecast.date().toPython() if self.forecast.date().isValid()
                                else None)
        self.actual.setToolTip("When it happened; blank while it has not")
        self.rag = QComboBox()
        fill_rag_choices(self.rag, m or self._blank(), snapshot.status_date, snapshot.programme.tolerance_days)
        self.dependencies = DependencyPicker(snapshot, m.ref if m else None, m.depends_on if m else ())
        self.dependencies.setMinimumHeight(220)
        self.commentary = QPlainTextEdit(m.commentary if m else "")
        self.commentary.setTabChangesFocus(True)
        self.commentary.setFixedHeight(80)
        self.notes = QLabel()
        self.notes.setObjectName("statusNotes")
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.RichText)
        self.messages = MessageBar()
        for widget, name in ((self.ref, "Ref"), (self.title_edit, "Title"), (self.owner, "Owner"),
                             (self.baseline, "Baseline"), (self.forecast, "Forecast"), (self.actual, "Actual"),
                             (self.rag, "Reported RAG"), (self.commentary, "Commentary"),
                             (self.meets, "Meets statutory deadline")):
            widget.setAccessibleName(name)
        form = QFormLayout()
        for label, widget in (("&Ref", self.ref), ("&Title", self.title_edit), ("&Workstream", self.workstream),
                              ("&Service", self.service), ("Sta&ge", self.stage),
                              ("Meets statutor&y deadline", self.meets), ("&Owner", self.owner),
                              ("&Baseline", self.baseline), ("&Forecast", self.forecast), ("&Actual", self.actual),
                              ("Reported R&AG", self.rag), ("&Commentary", self.commentary)):
            form.addRow(label, widget)
        right = QVBoxLayout()
        caption = QLabel("&Depends on (finishes first)")
        caption.setBuddy(self.dependencies.search)
        right.addWidget(caption)
        right.addWidget(self.dependencies, 1)
        columns = QHBoxLayout()
        columns.addLayout(form, 3)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.notes)
        layout.addWidget(self.messages)
        layout.addWidget(_buttons(self, "Save" if m else "Add"))
        self.resize(860, 520)
        if m is not None and m.derived:  # a derived TUPE deadline: only what happened can be recorded
            for widget in (self.ref, self.title_edit, self.workstream, self.service, self.stage, self.owner,
                           self.forecast, self.dependencies, self.meets):
                widget.setEnabled(False)
            self.forecast.setToolTip("Derived from the staff data and go-live dates")
        self.baseline.dateChanged.connect(self._baseline_changed)
        for signal in (self.forecast.dateChanged, self.actual.textChanged, self.rag.currentIndexChanged,
                       self.commentary.textChanged):
            signal.connect(self._update_notes)
        self._update_notes()

    @staticmethod
    def _blank() -> Milestone:
        return Milestone(ref="", title="", workstream="", stage=Stage.SHADOW, baseline=date.today(),
                         forecast=date.today())

    def _baseline_changed(self, value: QDate) -> None:
        if self.original is None and self.forecast.date() < value:
            self.forecast.setDate(value)

    def _update_notes(self, *_args) -> None:
        has_actual = bool(self.actual.text().strip())
        self.rag.setEnabled(not has_actual)
        if has_actual and chosen_rag(self.rag) is not None:
            self.rag.setCurrentIndex(0)  # it happened: a report no longer applies
        if any(field.problem() for field in (self.baseline, self.forecast, self.actual)):
            return  # the date field says what is wrong; the notes wait for a date they can use
        self.notes.setText(notes_html(status_notes(self.milestone(), self.snapshot.status_date,
                                                   self.snapshot.programme.tolerance_days)))

    def milestone(self) -> Milestone:
        base = self.original or self._blank()
        actual = self.actual.value() if not self.actual.problem() else base.actual
        return replace(base, ref=self.ref.text().strip(), title=self.title_edit.text().strip(),
                       workstream=self.workstream.currentText().strip(), service=self.service.currentData(),
                       stage=Stage(self.stage.currentData()), owner=self.owner.text().strip(),
                       baseline=self.baseline.date().toPython(), forecast=self.forecast.date().toPython(),
                       actual=actual, rag_override=None if actual else chosen_rag(self.rag),
                       depends_on=self.dependencies.chosen(), commentary=self.commentary.toPlainText().strip(),
                       meets=self.meets.currentData())

    def accept(self) -> None:
        if refused := refused_dates({"Baseline": self.baseline, "Forecast": self.forecast, "Actual": self.actual}):
            self.messages.show_message("\n".join(refused))
            return
        candidate = self.milestone()
        problems = milestone_problems(candidate, self.snapshot,
                                      replacing=self.original.ref if self.original else None)
        if problems:  # a missing commentary is not one: the page asks for it and flags it if still blank
            self.messages.show_message("\n".join(f"{p.shown_column}: {p.message}" for p in problems))
            return
        self.result_milestone = candidate
        super().accept()


class DependencyPicker(QWidget):
    """The milestones one milestone depends on, ticked in a list that a filter box narrows."""

    def __init__(self, snapshot: PlanSnapshot, ref: str | None, chosen: tuple[str, ...], parent=None):
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter by ref or title")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Filter predecessors")
        self.list = QListWidget()
        self.list.setAccessibleName("Predecessor milestones")
        for other in snapshot.milestones:
            if other.ref == ref:
                continue
            item = QListWidgetItem(f"{other.ref}  {other.title}  ({other.effective_date:%d/%m/%Y})")
            item.setData(Qt.ItemDataRole.UserRole, other.ref)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if other.ref in chosen else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.search.textChanged.connect(self._filter)
        self.list.itemChanged.connect(lambda _item: self._summarise())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.summary)
        self._summarise()

    def _filter(self, text: str) -> None:
        text = text.casefold()
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(bool(text) and text not in item.text().casefold())

    def _summarise(self) -> None:
        chosen = self.chosen()
        self.summary.setText("Depends on " + ", ".join(chosen) if chosen else "Depends on no other milestone")

    def chosen(self) -> tuple[str, ...]:
        return tuple(sorted(
            self.list.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.list.count())
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        ))


class DependenciesDialog(QDialog):
    """Tick the milestones this one depends on; a choice that makes a cycle is refused."""

    def __init__(self, snapshot: PlanSnapshot, milestone: Milestone, parent=None):
        super().__init__(parent)
        self.snapshot, self.milestone = snapshot, milestone
        self.result_milestone: Milestone | None = None
        self.setWindowTitle(f"Dependencies of {milestone.ref}")
        self.resize(560, 520)
        intro = QLabel(f"<b>{milestone.ref}</b> {milestone.title}<br>cannot finish before the milestones ticked "
                       "below (finish-to-start).")
        intro.setWordWrap(True)
        self.picker = DependencyPicker(snapshot, milestone.ref, milestone.depends_on)
        self.search, self.list = self.picker.search, self.picker.list
        self.messages = MessageBar()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.picker, 1)
        layout.addWidget(self.messages)
        layout.addWidget(_buttons(self, "Save"))

    def chosen(self) -> tuple[str, ...]:
        return self.picker.chosen()

    def accept(self) -> None:
        candidate = replace(self.milestone, depends_on=self.chosen())
        problems = [p for p in milestone_problems(candidate, self.snapshot, replacing=self.milestone.ref)
                    if p.column == "depends_on"]
        if problems:
            self.messages.show_message("\n".join(p.message for p in problems))
            return
        self.result_milestone = candidate
        super().accept()


class CommentaryDialog(QDialog):
    """Asks for the commentary an amber or red milestone needs. Left blank, the edit is still saved
    and the milestone is flagged on the page and by `trustplanner check` until it has one."""

    def __init__(self, milestone: Milestone, rag_word: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Commentary for {milestone.ref}")
        self.resize(520, 260)
        intro = QLabel(f"<b>{milestone.ref}</b> {milestone.title} will be <b>{rag_word}</b>. Say why, what the "
                       "impact is and what is being done to recover. If you cannot say yet, save it blank: "
                       "the milestone is flagged until it has a commentary.")
        intro.setWordWrap(True)
        self.text = QPlainTextEdit(milestone.commentary)
        self.text.setAccessibleName("Commentary")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text, 1)
        layout.addWidget(_buttons(self, "Save"))

    def commentary(self) -> str:
        return self.text.toPlainText().strip()


class RebaselineDialog(QDialog):
    """A new baseline with the reason and the decision that approved it: one from the decisions log
    (a searchable list of the made decisions; "New decision…" records one in the same step), or
    the decision in words."""

    NO_DECISION = "(none from the log: say it in words below)"

    def __init__(self, milestone: Milestone, parent=None, decisions=(), new_decision=None):  # noqa: ANN001
        super().__init__(parent)
        self.milestone = milestone
        #: a callable that asks for a new made decision (a Decision, or None when cancelled)
        self.new_decision = new_decision
        #: the decision "New decision…" made: added to the log when the re-baseline is
        self.pending_decision = None
        self.setWindowTitle(f"Re-baseline {milestone.ref}")
        self.setMinimumWidth(520)
        intro = QLabel(f"<b>{milestone.ref}</b> {milestone.title}<br>Current baseline "
                       f"{milestone.baseline:%d/%m/%Y}, forecast {milestone.forecast:%d/%m/%Y}.")
        intro.setWordWrap(True)
        self.baseline = date_edit(milestone.forecast)
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(70)
        self.logged = QComboBox()
        self.logged.setAccessibleName("Decision from the log")
        self.logged.setEditable(True)
        self.logged.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.logged.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.logged.completer().setCompletionMode(self.logged.completer().CompletionMode.PopupCompletion)
        self.logged.addItem(self.NO_DECISION, None)
        for d in decisions:
            self.logged.addItem(decision_label(d), d.ref)
        self.logged.currentIndexChanged.connect(self._logged_changed)
        self.new_button = QPushButton("New decision…")
        self.new_button.setToolTip("Record the approving decision in the decisions log, and cite it")
        self.new_button.clicked.connect(self._new_decision)
        self.new_button.setVisible(new_decision is not None)
        logged_row = QHBoxLayout()
        logged_row.addWidget(self.logged, 1)
        logged_row.addWidget(self.new_button)
        self.decision = QLineEdit()
        self.decision.setAccessibleName("Approving decision in words")
        self.messages = MessageBar()
        form = QFormLayout()
        form.addRow("New &baseline", self.baseline)
        form.addRow("&Reason", self.reason)
        form.addRow("Approving decision from the &log", logged_row)
        form.addRow("or in &words", self.decision)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.messages)
        layout.addWidget(_buttons(self, "Re-baseline"))
        self._logged_changed()

    def _logged_changed(self, *_args) -> None:
        cited = self.decision_ref() is not None
        self.decision.setPlaceholderText("optional: the log's forum, date and title are recorded" if cited else
                                         "e.g. Programme board 14/02/2017, minute 6")

    def _new_decision(self) -> None:
        decision = self.new_decision() if self.new_decision else None
        if decision is None:
            return
        if self.pending_decision is not None:  # a second one replaces the first, never both
            self.logged.removeItem(self.logged.findData(self.pending_decision.ref))
        self.pending_decision = decision
        self.logged.addItem(decision_label(decision) + " (new)", decision.ref)
        self.logged.setCurrentIndex(self.logged.count() - 1)

    def decision_ref(self) -> str | None:
        """The ref of the log's decision chosen (the one typed in the box, if it names one); None: none."""
        index = self.logged.findText(self.logged.currentText())
        return self.logged.itemData(index) if index >= 0 else None

    def values(self) -> tuple[date, str, str]:
        return self.baseline.date().toPython(), self.reason.toPlainText().strip(), self.decision.text().strip()

    def accept(self) -> None:
        if refused := refused_dates({"New baseline": self.baseline}):
            self.messages.show_message("\n".join(refused))
            return
        day, reason, decision = self.values()
        if self.logged.currentText() and self.logged.currentText() != self.NO_DECISION and self.decision_ref() is None:
            self.messages.show_message(f"'{self.logged.currentText()}' is not a made decision in the log: choose one "
                                       "from the list, or say the decision in words.")
            return
        missing = [name for name, value in (("a reason", reason),
                                            ("the approving decision", decision or self.decision_ref())) if not value]
        if day == self.milestone.baseline:
            missing.append("a date different from the current baseline")
        if missing:
            self.messages.show_message("Please give " + " and ".join(missing) + ".")
            return
        super().accept()


def decision_label(decision) -> str:  # noqa: ANN001
    """How the re-baseline dialog lists a made decision: "D05: Programme board, 11/01/2017: title"."""
    made = f", {decision.made_on:%d/%m/%Y}" if decision.made_on else ""
    return f"{decision.ref}: {decision.forum_words}{made}: {decision.title}"
