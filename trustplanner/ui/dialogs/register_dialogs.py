"""Dialogs for the risk register and the decisions log: a risk (every field), a re-score (a review
with its note), an action, a decision, and recording a decision as made.

Each checks its values against the plan with the same rules the files use
(``services.risks.risk_problems``, ``services.decisions.decision_problems``) before it closes, so a
refused value is said in the dialog, in the file's words, and the dialog keeps what was typed.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from trustplanner.domain.budget import year_label
from trustplanner.domain.problems import Problem
from trustplanner.domain.risk_rules import (
    REVIEW_INTERVAL_DAYS,
    appetite_breaches,
    next_review_after,
)
from trustplanner.domain.risks import (
    ActionStatus,
    Appetite,
    Decision,
    DecisionStatus,
    Forum,
    Phase,
    Response,
    Risk,
    RiskAction,
    RiskStatus,
    Score,
)
from trustplanner.services.budget import load_finance
from trustplanner.services.decisions import funding_change_label
from trustplanner.services.risk_categories import load_categories
from trustplanner.ui.date_field import DateField, refused_dates
from trustplanner.ui.widgets import MessageBar

NO_SCORE = "none"


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def _text(value: str = "", height: int = 54, name: str = "") -> QPlainTextEdit:
    edit = QPlainTextEdit(value)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(height)
    edit.setAccessibleName(name)
    return edit


def _combo(items, current, name: str) -> QComboBox:  # noqa: ANN001
    """A combo of (label, value); :func:`chosen` gives the value itself (Qt would turn an enum into text)."""
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.values = [value for _label, value in items]
    for label, _value in items:
        combo.addItem(label)
    combo.setCurrentIndex(combo.values.index(current) if current in combo.values else 0)
    return combo


def chosen(combo: QComboBox):  # noqa: ANN201
    return combo.values[combo.currentIndex()] if combo.currentIndex() >= 0 else None


def problems_text(problems: list[Problem]) -> str:
    return "\n".join(f"{p.shown_column}: {p.message}" if p.shown_column else p.message for p in problems)


class ScoreField(QWidget):
    """Likelihood × impact, each 1–5 (``optional``: either may be "none", and then there is no score)."""

    def __init__(self, score: Score | None, name: str, *, optional: bool = False, parent=None):
        super().__init__(parent)
        self.optional = optional
        self.likelihood, self.impact = QSpinBox(), QSpinBox()
        for spin, half, value in ((self.likelihood, "likelihood", score.likelihood if score else None),
                                  (self.impact, "impact", score.impact if score else None)):
            spin.setRange(0 if optional else 1, 5)
            if optional:
                spin.setSpecialValueText(NO_SCORE)
            spin.setValue(value if value is not None else (0 if optional else 3))
            spin.setAccessibleName(f"{name} {half}")
            spin.valueChanged.connect(self._show)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.product = QLabel()
        self.product.setMinimumWidth(self.product.fontMetrics().horizontalAdvance("= 25 ") + 4)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("Likelihood"))
        row.addWidget(self.likelihood)
        row.addWidget(QLabel("× impact"))
        row.addWidget(self.impact)
        row.addWidget(self.product)
        row.addStretch(1)
        self._show()

    def _show(self) -> None:
        score = self.score()
        self.product.setText(f"= {score.value}" if score else "")

    def score(self) -> Score | None:
        likelihood, impact = self.likelihood.value(), self.impact.value()
        if not likelihood or not impact:
            return None
        return Score(likelihood, impact)

    def half_given(self) -> bool:
        """Only one of the two given (an optional score needs both or neither)."""
        return bool(self.likelihood.value()) != bool(self.impact.value())


class LinkPicker(QWidget):
    """Tick the records something links to, in a list a filter box narrows."""

    def __init__(self, choices: list[tuple[str, str]], chosen, name: str, parent=None):  # noqa: ANN001
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(f"Filter {name}")
        self.list = QListWidget()
        self.list.setAccessibleName(name)
        chosen = set(chosen)
        for key, label in choices:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if key in chosen else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.search.textChanged.connect(self._filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)

    def _filter(self, text: str) -> None:
        text = text.casefold()
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(bool(text) and text not in item.text().casefold())

    def chosen(self) -> tuple[str, ...]:
        return tuple(sorted(self.list.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.list.count())
                            if self.list.item(row).checkState() == Qt.CheckState.Checked))

    def set_checked(self, key: str, checked: bool = True) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == key:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)


def _links_tab(*pickers: tuple[str, LinkPicker]) -> QWidget:
    """The link pickers, two to a row, each under its caption."""
    box = QWidget()
    grid = QGridLayout(box)
    for n, (caption, picker) in enumerate(pickers):
        label = QLabel(caption)
        label.setBuddy(picker.search)
        grid.addWidget(label, (n // 2) * 2, n % 2)
        grid.addWidget(picker, (n // 2) * 2 + 1, n % 2)
    return box


class RiskDialog(QDialog):
    """Add a risk, or edit every field of one: what the risks file holds, and the app's own (escalation,
    exempt, an issue's impact and resolution). A changed current score is recorded as a review."""

    def __init__(self, document, risk: Risk | None = None, parent=None):
        super().__init__(parent)
        self.document, self.original = document, risk
        self.result_risk: Risk | None = None
        snapshot = document.snapshot
        self.setWindowTitle(f"Edit risk {risk.ref}" if risk else "Add risk")
        r = risk or Risk(ref=self._next_ref(), title="", current=Score(3, 3), raised=snapshot.status_date)
        self.ref = QLineEdit(r.ref)
        self.title_edit = QLineEdit(r.title)
        self.cause = _text(r.cause, name="Cause")
        self.cause.setPlaceholderText("Because …")
        self.event = _text(r.event, name="Event")
        self.event.setPlaceholderText("there is a risk that …")
        self.effect = _text(r.effect, name="Effect")
        self.effect.setPlaceholderText("resulting in …")
        categories = load_categories(document.plan)
        if r.category not in categories:  # shown as it is, not silently re-filed
            categories += (r.category,)
        self.category = _combo([(c.label, c) for c in categories], r.category, "Category")
        self.owner = QLineEdit(r.owner)
        self.raised = DateField(r.raised, clearable=True)
        self.status = _combo([(s.label, s) for s in RiskStatus], r.status, "Status")
        self.phase = _combo([("A date", None)] + [(p.label.capitalize(), p) for p in Phase], r.phase, "Proximity")
        self.proximity = DateField(r.proximity, clearable=True)
        self.proximity.setEnabled(r.phase is None)  # a date, or a stage: not both
        self.phase.currentIndexChanged.connect(lambda *_: self.proximity.setEnabled(chosen(self.phase) is None))
        self.response = _combo([(s.label, s) for s in Response], r.response, "Response")
        self.controls = _text(r.controls, name="Controls")
        self.review_by = DateField(r.review_by, clearable=True)
        self.inherent = ScoreField(r.inherent, "Inherent", optional=True)
        self.current = ScoreField(r.current, "Current")
        self.target = ScoreField(r.target, "Target", optional=True)
        self.note = QLineEdit()
        self.note.setPlaceholderText("Why the current score changed (kept with the review)")
        self.milestones = LinkPicker([(m.ref, f"{m.ref}  {m.title}") for m in snapshot.milestones], r.milestones,
                                     "Linked milestones")
        self.services = LinkPicker([(s.name, s.name) for s in snapshot.services], r.services, "Linked services")
        finance = load_finance(document.plan)
        lines = sorted({f"{b.cost_centre} {year_label(b.year)}" for b in finance.lines} | set(r.budget_lines))
        self.budget_lines = LinkPicker([(label, label) for label in lines], r.budget_lines, "Linked budget lines")
        self.savings = LinkPicker([(p.ref, f"{p.ref}  {p.description}") for p in finance.savings], r.savings,
                                  "Linked savings plans")
        self.exempt = QCheckBox("Exempt: left out of a public briefing")
        self.exempt.setChecked(r.exempt)
        self.escalated_to = QLineEdit(r.escalated_to)
        self.escalated_on = DateField(r.escalated_on, clearable=True)
        self.issue_impact = _text(r.issue_impact, name="Impact now")
        self.resolution = _text(r.resolution, name="Resolution action")
        self.resolution_due = DateField(r.resolution_due, clearable=True)
        for widget, name in ((self.ref, "Ref"), (self.title_edit, "Title"), (self.owner, "Owner"),
                             (self.raised, "Raised"), (self.proximity, "Proximity date"),
                             (self.review_by, "Review by"), (self.note, "Note"), (self.escalated_to, "Escalated to"),
                             (self.escalated_on, "Escalated on"), (self.resolution_due, "Resolution due")):
            widget.setAccessibleName(name)

        tabs = QTabWidget()
        tabs.addTab(self._form(("&Ref", self.ref), ("&Title", self.title_edit), ("&Because (cause)", self.cause),
                               ("Risk &that (event)", self.event), ("Resulting &in (effect)", self.effect),
                               ("Cate&gory", self.category), ("&Owner", self.owner), ("Raise&d", self.raised),
                               ("&Status", self.status)), "Risk")
        proximity = QHBoxLayout()
        proximity.addWidget(self.phase)
        proximity.addWidget(self.proximity)
        proximity.addStretch(1)
        tabs.addTab(self._form(("&Inherent (before controls)", self.inherent), ("&Current", self.current),
                               ("Note for the &review", self.note), ("Tar&get", self.target),
                               ("Res&ponse", self.response), ("Co&ntrols in place", self.controls),
                               ("Pro&ximity", proximity), ("Re&view by", self.review_by)), "Scores")
        tabs.addTab(_links_tab(("Milestones", self.milestones), ("Services", self.services),
                               ("Budget lines", self.budget_lines), ("Savings plans", self.savings)), "Links")
        tabs.addTab(self._form(("", self.exempt), ("Escalated &to", self.escalated_to),
                               ("Escalated &on", self.escalated_on), ("Impact now (an issue)", self.issue_impact),
                               ("Resolution action", self.resolution), ("Resolution due", self.resolution_due)),
                    "Escalation and issue")
        self.tabs = tabs
        self.messages = MessageBar()
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        layout.addWidget(self.messages)
        layout.addWidget(_buttons(self, "Save" if risk else "Add"))
        self.resize(720, 480)

    @staticmethod
    def _form(*rows) -> QWidget:  # noqa: ANN002
        box = QWidget()
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, widget in rows:  # a widget or a layout
            form.addRow(label, widget)
        return box

    def _next_ref(self) -> str:
        from trustplanner.services.risks import load_register

        taken = {r.ref for r in load_register(self.document.plan).risks}
        n = len(taken) + 1
        while f"R{n:02d}" in taken:
            n += 1
        return f"R{n:02d}"

    def risk(self) -> Risk:
        base = self.original or Risk(ref="", title="", current=Score(3, 3))
        phase = chosen(self.phase)
        return replace(
            base, ref=self.ref.text().strip(), title=self.title_edit.text().strip(),
            cause=self.cause.toPlainText().strip(), event=self.event.toPlainText().strip(),
            effect=self.effect.toPlainText().strip(), category=chosen(self.category),
            owner=self.owner.text().strip(), raised=self.raised.value(), status=chosen(self.status),
            phase=phase, proximity=None if phase else self.proximity.value(), response=chosen(self.response),
            controls=self.controls.toPlainText().strip(), inherent=self.inherent.score(), current=self.current.score(),
            target=self.target.score(), review_by=self.review_by.value(), milestones=self.milestones.chosen(),
            services=self.services.chosen(), budget_lines=self.budget_lines.chosen(), savings=self.savings.chosen(),
            exempt=self.exempt.isChecked(),
            escalated_to=self.escalated_to.text().strip(), escalated_on=self.escalated_on.value(),
            issue_impact=self.issue_impact.toPlainText().strip(), resolution=self.resolution.toPlainText().strip(),
            resolution_due=self.resolution_due.value())

    def accept(self) -> None:
        from trustplanner.services.risks import risk_problems

        if refused := refused_dates({"Raised": self.raised, "Proximity": self.proximity, "Review by": self.review_by,
                                     "Escalated on": self.escalated_on, "Resolution due": self.resolution_due}):
            self.messages.show_message("\n".join(refused))
            return
        halves = [f"{name}: give both likelihood and impact, or neither" for name, field
                  in (("Inherent", self.inherent), ("Target", self.target)) if field.half_given()]
        if halves:
            self.messages.show_message("\n".join(halves))
            return
        candidate = self.risk()
        with self.document.plan.reading() as session:
            problems = risk_problems(candidate, self.document.snapshot, session,
                                     replacing=self.original.ref if self.original else None)
        if problems:
            self.messages.show_message(problems_text(problems))
            return
        self.result_risk = candidate
        super().accept()


class RescoreDialog(QDialog):
    """A review of a risk: its new current score, the date and a note (kept in its review history)."""

    def __init__(self, risk: Risk, on: date, parent=None):
        super().__init__(parent)
        self.risk = risk
        self.setWindowTitle(f"Re-score {risk.ref}")
        self.setMinimumWidth(440)
        intro = QLabel(f"<b>{risk.ref}</b> {risk.title}<br>Current score {risk.current}.")
        intro.setWordWrap(True)
        self.score = ScoreField(risk.current, "New")
        self.on = DateField(on)
        self.on.setAccessibleName("Reviewed on")
        self.next_review = DateField(next_review_after(on))
        self.next_review.setAccessibleName("Next review by")
        self.next_review.setToolTip(f"Offered {REVIEW_INTERVAL_DAYS} days after the review; type another date")
        self.on.dateChanged.connect(lambda day: self._follow_review_date(day.toPython()))
        self.note = _text(height=60, name="Note")
        self.note.setPlaceholderText("What changed: the evidence for the new score")
        self.messages = MessageBar()
        form = QFormLayout()
        form.addRow("New &score", self.score)
        form.addRow("Reviewed &on", self.on)
        form.addRow("Next review &by", self.next_review)
        form.addRow("&Note", self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.messages)
        layout.addWidget(_buttons(self, "Re-score"))

    def _follow_review_date(self, day: date | None) -> None:
        if day is not None and not self.next_review.isModified():  # not typed by the user: it follows
            self.next_review.set_value(next_review_after(day))

    def values(self) -> tuple[Score, date, str, date]:
        return (self.score.score(), self.on.date().toPython(), self.note.toPlainText().strip(),
                self.next_review.date().toPython())

    def accept(self) -> None:
        if refused := refused_dates({"Reviewed on": self.on, "Next review by": self.next_review}):
            self.messages.show_message("\n".join(refused))
            return
        if not self.note.toPlainText().strip():
            self.messages.show_message("Please give a note: why the score is what it is now.")
            return
        super().accept()


class ActionDialog(QDialog):
    """Add an action to a risk or edit one: what, who, by when, and whether it is done."""

    def __init__(self, risk: Risk, action: RiskAction | None = None, parent=None):
        super().__init__(parent)
        self.risk, self.original = risk, action
        self.result_action: RiskAction | None = None
        self.setWindowTitle(f"Edit action of {risk.ref}" if action else f"Add action to {risk.ref}")
        self.setMinimumWidth(460)
        a = action or RiskAction(risk.ref, "", risk.owner)
        self.action = _text(a.action, height=60, name="Action")
        self.owner = QLineEdit(a.owner)
        self.owner.setAccessibleName("Owner")
        self.due = DateField(a.due, clearable=True)
        self.due.setAccessibleName("Due")
        self.status = _combo([(s.label, s) for s in ActionStatus], a.status, "Status")
        self.messages = MessageBar()
        form = QFormLayout()
        form.addRow("&Action", self.action)
        form.addRow("&Owner", self.owner)
        form.addRow("&Due", self.due)
        form.addRow("&Status", self.status)
        intro = QLabel(f"<b>{risk.ref}</b> {risk.title}")
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.messages)
        layout.addWidget(_buttons(self, "Save" if action else "Add"))

    def value(self) -> RiskAction:
        return RiskAction(self.risk.ref, self.action.toPlainText().strip(), self.owner.text().strip(),
                          self.due.value(), chosen(self.status))

    def accept(self) -> None:
        from trustplanner.domain.risk_rules import action_breaches

        if refused := refused_dates({"Due": self.due}):
            self.messages.show_message("\n".join(refused))
            return
        candidate = self.value()
        if breaches := action_breaches(action=candidate.action, owner=candidate.owner):
            self.messages.show_message("\n".join(f"{b.column}: {b.message}" for b in breaches))
            return
        self.result_action = candidate
        super().accept()


FORUMS = [(f.label, f) for f in Forum]


class DecisionDialog(QDialog):
    """Add a decision to the log or edit every field of one."""

    def __init__(self, document, decision: Decision | None = None, parent=None, *, made: bool = False,
                 milestone: str | None = None):
        super().__init__(parent)
        self.document, self.original = document, decision
        self.result_decision: Decision | None = None
        snapshot = document.snapshot
        self.setWindowTitle(f"Edit decision {decision.ref}" if decision else
                            "New decision" if made else "Add decision")
        d = decision or Decision(ref=self._next_ref(), title="", forum=Forum.PROGRAMME_BOARD,
                                 status=DecisionStatus.MADE if made else DecisionStatus.NEEDED,
                                 made_on=snapshot.status_date if made else None,
                                 milestones=(milestone,) if milestone else ())
        self.ref = QLineEdit(d.ref)
        self.title_edit = QLineEdit(d.title)
        self.wording = _text(d.decision, name="Decision wording")
        self.forum = _combo(FORUMS, d.forum, "Forum")
        self.officer = QLineEdit(d.officer)
        self.officer.setPlaceholderText("The officer's name, for a delegated decision")
        self.status = _combo([(s.label, s) for s in DecisionStatus], d.status, "Status")
        self.needed_by = DateField(d.needed_by, clearable=True)
        self.meeting = QLineEdit(d.meeting)
        self.meeting.setPlaceholderText("or the meeting, e.g. Cabinet 8 February 2017")
        self.made_on = DateField(d.made_on, clearable=True)
        self.key_decision = QCheckBox("Key decision (28 clear days' notice on the forward plan)")
        self.key_decision.setChecked(d.key_decision)
        self.forward_plan_on = DateField(d.forward_plan_on, clearable=True)
        self.reasons = _text(d.reasons, name="Reasons")
        self.options = _text(d.options, name="Options considered")
        self.conditions = _text(d.conditions, name="Conditions")
        self.exempt = QCheckBox("Exempt")
        self.exempt.setChecked(d.exempt)
        self.paragraph = QSpinBox()
        self.paragraph.setRange(0, 7)
        self.paragraph.setSpecialValueText("no paragraph")
        self.paragraph.setValue(d.exempt_paragraph or 0)
        self.paragraph.setAccessibleName("Schedule 12A paragraph")
        from trustplanner.services.risks import load_register

        register = load_register(document.plan)
        self.milestones = LinkPicker([(m.ref, f"{m.ref}  {m.title}") for m in snapshot.milestones], d.milestones,
                                     "Linked milestones")
        self.risks = LinkPicker([(r.ref, f"{r.ref}  {r.title}") for r in register.risks], d.risks, "Linked risks")
        funding = sorted({funding_change_label(f.year, f.description) for f in load_finance(document.plan).funding}
                         | set(d.funding_changes))
        self.funding_changes = LinkPicker([(label, label) for label in funding], d.funding_changes,
                                          "Linked funding changes")
        for widget, name in ((self.ref, "Ref"), (self.title_edit, "Title"), (self.officer, "Officer"),
                             (self.needed_by, "Needed by"), (self.meeting, "Meeting"), (self.made_on, "Made on"),
                             (self.forward_plan_on, "On the forward plan")):
            widget.setAccessibleName(name)
        exempt = QHBoxLayout()
        exempt.addWidget(self.exempt)
        exempt.addWidget(QLabel("Schedule 12A"))
        exempt.addWidget(self.paragraph)
        exempt.addStretch(1)
        tabs = QTabWidget()
        tabs.addTab(RiskDialog._form(("&Ref", self.ref), ("&Title", self.title_edit), ("&Decision", self.wording),
                                     ("&Forum", self.forum), ("Offi&cer", self.officer), ("&Status", self.status),
                                     ("&Needed by", self.needed_by), ("&Meeting", self.meeting),
                                     ("Made &on", self.made_on), ("", self.key_decision),
                                     ("On the forward &plan", self.forward_plan_on)), "Decision")
        tabs.addTab(RiskDialog._form(("R&easons", self.reasons), ("O&ptions considered", self.options),
                                     ("Con&ditions", self.conditions), ("Exempt", exempt)), "Reasons")
        tabs.addTab(_links_tab(("Milestones", self.milestones), ("Risks", self.risks),
                               ("Funding changes", self.funding_changes)), "Links")
        self.tabs = tabs
        self.messages = MessageBar()
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        layout.addWidget(self.messages)
        layout.addWidget(_buttons(self, "Save" if decision else "Add"))
        self.resize(680, 480)

    def _next_ref(self) -> str:
        from trustplanner.services.decisions import load_decisions

        taken = {d.ref for d in load_decisions(self.document.plan)}
        n = len(taken) + 1
        while f"D{n:02d}" in taken:
            n += 1
        return f"D{n:02d}"

    def decision(self) -> Decision:
        base = self.original or Decision(ref="", title="", forum=Forum.PROGRAMME_BOARD, status=DecisionStatus.NEEDED)
        forum = chosen(self.forum)
        return replace(
            base, ref=self.ref.text().strip(), title=self.title_edit.text().strip(),
            decision=self.wording.toPlainText().strip(), forum=forum,
            officer=self.officer.text().strip() if forum is Forum.OFFICER else "", status=chosen(self.status),
            needed_by=self.needed_by.value(), meeting=self.meeting.text().strip(), made_on=self.made_on.value(),
            key_decision=self.key_decision.isChecked(), forward_plan_on=self.forward_plan_on.value(),
            reasons=self.reasons.toPlainText().strip(), options=self.options.toPlainText().strip(),
            conditions=self.conditions.toPlainText().strip(), exempt=self.exempt.isChecked(),
            exempt_paragraph=(self.paragraph.value() or None) if self.exempt.isChecked() else None,
            milestones=self.milestones.chosen(), risks=self.risks.chosen(),
            funding_changes=self.funding_changes.chosen())

    def accept(self) -> None:
        from trustplanner.services.decisions import decision_problems

        if refused := refused_dates({"Needed by": self.needed_by, "Made on": self.made_on,
                                     "On the forward plan": self.forward_plan_on}):
            self.messages.show_message("\n".join(refused))
            return
        candidate = self.decision()
        with self.document.plan.reading() as session:
            problems = decision_problems(candidate, session, replacing=self.original.ref if self.original else None)
        if problems:
            self.messages.show_message(problems_text(problems))
            return
        self.result_decision = candidate
        super().accept()


class DecisionMadeDialog(QDialog):
    """Record a needed decision as made: the date, and its final wording."""

    def __init__(self, decision: Decision, on: date, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Record {decision.ref} as made")
        self.setMinimumWidth(460)
        intro = QLabel(f"<b>{decision.ref}</b> {decision.title}<br>{decision.forum_words}")
        intro.setWordWrap(True)
        self.made_on = DateField(on)
        self.made_on.setAccessibleName("Made on")
        self.wording = _text(decision.decision, height=70, name="Decision wording")
        self.messages = MessageBar()
        form = QFormLayout()
        form.addRow("Made &on", self.made_on)
        form.addRow("&Decision as made", self.wording)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.messages)
        layout.addWidget(_buttons(self, "Record as made"))

    def values(self) -> tuple[date, str]:
        return self.made_on.date().toPython(), self.wording.toPlainText().strip()

    def accept(self) -> None:
        if refused := refused_dates({"Made on": self.made_on}):
            self.messages.show_message("\n".join(refused))
            return
        super().accept()


class AppetiteDialog(QDialog):
    """The plan's risk appetite: the matrix's bands and the score at which a risk is escalated, and to whom."""

    ESCALATE_TO = ("programme board", "shadow board", "cabinet", "commissioner")

    def __init__(self, appetite: Appetite, parent=None, *, read_only: bool = False):
        super().__init__(parent)
        self.appetite = appetite
        self.result_appetite = None
        self.setWindowTitle("Risk appetite")
        self.green_max = QSpinBox()
        self.green_max.setRange(1, 24)
        self.green_max.setValue(appetite.green_max)
        self.amber_max = QSpinBox()
        self.amber_max.setRange(2, 24)
        self.amber_max.setValue(appetite.amber_max)
        self.escalation = QSpinBox()
        self.escalation.setRange(1, 25)
        self.escalation.setValue(appetite.escalation_score)
        self.escalate_to = QComboBox()
        self.escalate_to.setEditable(True)
        self.escalate_to.addItems(self.ESCALATE_TO)
        self.escalate_to.setCurrentText(appetite.escalate_to)
        for widget, name in ((self.green_max, "Green up to"), (self.amber_max, "Amber up to"),
                             (self.escalation, "Escalate at"), (self.escalate_to, "Escalate to")):
            widget.setAccessibleName(name)
        self.bands = QLabel()
        self.bands.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Green up to score", self.green_max)
        form.addRow("&Amber up to score", self.amber_max)
        form.addRow("", self.bands)
        form.addRow("&Escalate at score", self.escalation)
        form.addRow("Escalate &to", self.escalate_to)
        self.messages = MessageBar()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not read_only)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.messages)
        layout.addWidget(buttons)
        for spin in (self.green_max, self.amber_max):
            spin.valueChanged.connect(self._show_bands)
        self._show_bands()

    def candidate(self) -> Appetite:
        return replace(self.appetite, green_max=self.green_max.value(), amber_max=self.amber_max.value(),
                       escalation_score=self.escalation.value(), escalate_to=self.escalate_to.currentText().strip())

    def _show_bands(self) -> None:
        green, amber = self.green_max.value(), self.amber_max.value()
        self.bands.setText(f"Green 1–{green}, amber {green + 1}–{amber}, red {amber + 1}–25 "
                           "(likelihood × impact)." if green < amber else "Green must end below amber.")

    def accept(self) -> None:
        candidate = self.candidate()
        if breaches := appetite_breaches(candidate):
            self.messages.show_message("\n".join(b.message for b in breaches))
            return
        self.result_appetite = candidate
        super().accept()
