"""The new plan wizard's "Already done" page: where a plan started mid-programme already is.

Shown only when the template is seeded. Each template milestone can be ticked done (with the
day it happened) or not needed, so the new plan is not red on its first day for work that
predates it. The rules are the service's (:func:`trustplanner.services.plans.template_start_problems`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QWidget,
)

from trustplanner.domain.problems import Problem, ValidationFailed
from trustplanner.domain.template import STANDARD_TEMPLATE, anchored_dates
from trustplanner.services.plans import template_start_problems
from trustplanner.ui.date_field import DateField
from trustplanner.ui.dialogs.new_plan_pages import WizardPage, _hint, problem_lines

REF, TITLE, BASELINE, DONE, ACTUAL, NOT_NEEDED = range(6)
HEADINGS = ("Ref", "Milestone", "Baseline", "Done", "Done on", "Not needed")


@dataclass
class DoneRow:
    """One template milestone's widgets on the page."""

    ref: str
    baseline_label: QLabel
    done: QCheckBox
    actual: DateField
    not_needed: QCheckBox
    baseline: date | None = None


class AlreadyDonePage(WizardPage):
    def __init__(self):
        super().__init__("Already done", "Tick the template milestones already done, with the day each happened, "
                         "and those this programme does not need, so the new plan is not red on its first day.")
        self.rows: dict[str, DoneRow] = {}
        self.before = DateField(date.today())
        self.before.setAccessibleName("Due before")
        self.tick_before = QPushButton("&Tick everything due before")
        self.tick_before.setToolTip("Ticks done every milestone whose baseline falls before the date, done on "
                                    "its baseline (correct any that happened on another day)")
        self.tick_before.clicked.connect(self._tick_before_clicked)
        bulk = QHBoxLayout()
        bulk.addWidget(self.tick_before)
        bulk.addWidget(self.before)
        bulk.addStretch(1)
        self.body.addLayout(bulk)

        grid_widget = QWidget()
        grid = QGridLayout(grid_widget)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        grid.setContentsMargins(6, 4, 6, 4)
        for column, text in enumerate(HEADINGS):
            heading = QLabel(f"<b>{text}</b>")
            grid.addWidget(heading, 0, column)
        grid.setColumnStretch(TITLE, 1)
        chain: list[QWidget] = [self.tick_before, self.before]
        for number, item in enumerate(STANDARD_TEMPLATE, start=1):
            title = QLabel(item.title)
            title.setWordWrap(True)
            title.setMinimumWidth(220)
            row = DoneRow(item.ref, QLabel(), QCheckBox(), DateField(clearable=True), QCheckBox())
            row.done.setAccessibleName(f"{item.ref} done")
            row.actual.setAccessibleName(f"{item.ref} done on")
            row.actual.setPlaceholderText("DD/MM/YYYY")
            row.actual.setEnabled(False)
            row.not_needed.setAccessibleName(f"{item.ref} not needed")
            row.done.toggled.connect(lambda on, r=row: self._done_toggled(r, on))
            row.not_needed.toggled.connect(lambda on, r=row: self._not_needed_toggled(r, on))
            for column, widget in ((REF, QLabel(item.ref)), (TITLE, title), (BASELINE, row.baseline_label),
                                   (DONE, row.done), (ACTUAL, row.actual), (NOT_NEEDED, row.not_needed)):
                grid.addWidget(widget, number, column, Qt.AlignmentFlag.AlignVCenter)
            chain += [row.done, row.actual, row.not_needed]
            self.rows[item.ref] = row
        grid.setRowStretch(len(STANDARD_TEMPLATE) + 1, 1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.StyledPanel)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(grid_widget)
        self.scroll.setAccessibleName("Template milestones already done")
        self.body.addWidget(self.scroll, 1)
        self.body.addWidget(_hint("Space ticks the box with the focus; Tab moves along a row. Not needed leaves "
                                  "the milestone out; what depended on it keeps the rest of the chain."))
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self._anchored: tuple[date, date | None] | None = None

    # the programme's dates ----------------------------------------------------------------------
    def initializePage(self) -> None:
        stages = self.wizard().stages_page
        go_live: date = stages.go_live.date().toPython()
        shadow: date = stages.shadow_start.date().toPython()
        if self._anchored == (go_live, shadow):
            return  # back and forward again: keep what was ticked as it was
        self._anchored = (go_live, shadow)
        for ref, day in anchored_dates(go_live, shadow).items():
            row = self.rows[ref]
            row.baseline = day
            row.baseline_label.setText(f"{day:%d/%m/%Y}")
            row.actual.fallback = day
        self.messages.hide()

    # ticks ---------------------------------------------------------------------------------------
    def _done_toggled(self, row: DoneRow, on: bool) -> None:
        row.actual.setEnabled(on)
        if on:
            row.not_needed.setChecked(False)
            if not row.actual.text().strip() and row.baseline and row.baseline <= date.today():
                row.actual.set_value(row.baseline)
        else:
            row.actual.set_value(None)

    def _not_needed_toggled(self, row: DoneRow, on: bool) -> None:
        if on:
            row.done.setChecked(False)

    def _tick_before_clicked(self) -> None:
        if not self.before.check():
            self.refuse(f"Due before: {self.before.problem()}")
            return
        before: date = self.before.value()
        today = date.today()
        if before > today + timedelta(days=1):
            self.refuse(f"Due before {before:%d/%m/%Y} is after today ({today:%d/%m/%Y}): nothing can be done "
                        "yet on a later date.")
            return
        ticked = 0
        for row in self.rows.values():
            if row.baseline and row.baseline < before and not row.not_needed.isChecked() \
                    and not row.done.isChecked():
                row.done.setChecked(True)
                row.actual.set_value(row.baseline)
                ticked += 1
        self.messages.hide()
        if ticked:
            self.messages.show_message(f"Ticked {ticked} milestone{'s' if ticked != 1 else ''} due before "
                                       f"{before:%d/%m/%Y}, done on their baseline.", "info")

    # what the page says --------------------------------------------------------------------------
    def not_needed(self) -> list[str]:
        return [ref for ref, row in self.rows.items() if row.not_needed.isChecked()]

    def done(self) -> dict[str, date]:
        """Ref -> the day it was done; raises ValidationFailed naming each row whose day is missing or
        unreadable, and each the service refuses (a day after today)."""
        done, lines = {}, []
        for ref, row in self.rows.items():
            if not row.done.isChecked():
                continue
            if not row.actual.text().strip():
                lines.append(f"{ref}: type the day it was done (dd/mm/yyyy)")
            elif not row.actual.check():
                lines.append(f"{ref}: {row.actual.problem()}")
            else:
                done[ref] = row.actual.value()
        if lines:
            raise ValidationFailed([Problem.of_edit("template", "actual", line) for line in lines])
        programme = replace(self.wizard().draft_programme(), status_date=date.today())
        if problems := template_start_problems(programme, done, self.not_needed()):
            raise ValidationFailed(problems)
        return done

    def validatePage(self) -> bool:
        try:
            self.done()
        except ValidationFailed as exc:
            return self.refuse(problem_lines(exc))
        self.messages.hide()
        return True
