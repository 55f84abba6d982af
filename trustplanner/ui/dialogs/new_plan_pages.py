"""The pages of the new plan wizard. Each checks its own entries on Next and says what is wrong in place."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from trustplanner.domain.enums import DeliveryModel
from trustplanner.domain.model import DEFAULT_MARKING, DEFAULT_TOLERANCE_DAYS, Service
from trustplanner.domain.problems import PlanFileError, Problem, ValidationFailed
from trustplanner.domain.template import STANDARD_TEMPLATE, template_milestones
from trustplanner.io.values import CellError, parse_optional_date
from trustplanner.services.plans import service_problems
from trustplanner.store.plan_file import PLAN_SUFFIX
from trustplanner.ui.date_field import DateField, refused_dates
from trustplanner.ui.errors import error_text
from trustplanner.ui.marking_field import MarkingField
from trustplanner.ui.widgets import MessageBar

TYPICAL_SERVICES = ("Children's social care", "Early help", "Education services", "Quality assurance & performance")
NAME, SHADOW, GO_LIVE, RETAINED = range(4)
HINT_STYLE = "color:#555;"


def _date_edit(value: date) -> DateField:
    editor = DateField(value)
    editor.setMinimumWidth(max(editor.minimumWidth(), 130))
    return editor


def _hint(text: str, width: int = 0) -> QLabel:
    """Grey help text; a minimum width stops a form column squeezing it into a tall strip."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    label.setMinimumWidth(width)
    return label


def default_go_live(today: date) -> date:
    """The first 1 April or 1 October at least a year away: time for a shadow year first."""
    for year in range(today.year, today.year + 3):
        for month in (4, 10):
            candidate = date(year, month, 1)
            if (candidate.year - today.year) * 12 + candidate.month - today.month >= 12:
                return candidate
    return date(today.year + 1, 4, 1)


def _months_before(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def problem_lines(error: BaseException) -> str:
    """Problems without the source prefix, which means nothing on a wizard page."""
    if not isinstance(error, ValidationFailed):
        return error_text(error)
    lines = []
    for p in error.problems:
        text = p.message[:1].upper() + p.message[1:]
        lines.append(f"Service {p.row}: {text}" if p.source == "services" and p.row else text)
    return "\n".join(lines)


class WizardPage(QWizardPage):
    """A page with a message bar at the bottom for problems found on Next or Finish."""

    def __init__(self, title: str, subtitle: str):
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.body = QVBoxLayout()
        self.body.setSpacing(10)
        self.messages = MessageBar()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 8, 4, 4)
        outer.addLayout(self.body, 1)
        outer.addWidget(self.messages)

    def refuse(self, text: str) -> bool:
        self.messages.show_message(text)
        return False

    def form(self) -> QFormLayout:
        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(10)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.body.addLayout(form)
        return form


class ProgrammePage(WizardPage):
    def __init__(self):
        super().__init__("Programme", "Who is moving children's services, and to what kind of organisation.")
        self.council = QLineEdit()
        self.council.setPlaceholderText("e.g. Sunderland City Council")
        self.trust = QLineEdit()
        self.trust.setPlaceholderText("e.g. Together for Children Sunderland")
        self.delivery_model = QComboBox()
        for model in DeliveryModel:
            self.delivery_model.addItem(model.label, model)
        self.delivery_model.setCurrentIndex(self.delivery_model.findData(DeliveryModel.INDEPENDENT_TRUST))
        self.has_decision = QCheckBox("&Decision in principle made on")
        self.decision_date = _date_edit(date.today())
        self.decision_date.setEnabled(False)
        self.has_decision.toggled.connect(self.decision_date.setEnabled)
        decision = QHBoxLayout()
        decision.addWidget(self.has_decision)
        decision.addWidget(self.decision_date)
        decision.addStretch(1)
        form = self.form()
        form.addRow("&Council:", self.council)
        form.addRow("&Trust or company:", self.trust)
        form.addRow("&Delivery model:", self.delivery_model)
        form.addRow("Cabinet decision:", decision)
        form.addRow("", _hint("Leave the decision unticked if cabinet has not yet agreed the move in principle. "
                              "Every detail here can be changed later.", 480))
        self.body.addStretch(1)

    def validatePage(self) -> bool:
        missing = [what for what, edit in (("council", self.council), ("trust or company", self.trust))
                   if not edit.text().strip()]
        if missing:
            return self.refuse(f"Enter the {' and the '.join(missing)} name.")
        if self.has_decision.isChecked() and (refused := refused_dates({"Decision date": self.decision_date})):
            return self.refuse("\n".join(refused))
        self.messages.hide()
        return True


class StagesPage(WizardPage):
    def __init__(self):
        super().__init__("Stages", "When the services move into shadow form and when the trust goes live.")
        go_live = default_go_live(date.today())
        self.shadow_start = _date_edit(_months_before(go_live, 12))  # T-12 months, as the template
        self.go_live = _date_edit(go_live)
        self.go_live_note = _hint("", 480)
        self.go_live_note.setTextFormat(Qt.TextFormat.RichText)
        self.tolerance = QSpinBox()
        self.tolerance.setRange(0, 250)
        self.tolerance.setValue(DEFAULT_TOLERANCE_DAYS)
        self.tolerance.setSuffix(" working days")
        self.tolerance.setMinimumWidth(150)
        self.marking = MarkingField(DEFAULT_MARKING)
        form = self.form()
        form.addRow("&Shadow operation starts:", self.shadow_start)
        form.addRow("&Go-live (vesting day):", self.go_live)
        form.addRow("", self.go_live_note)
        form.addRow("RAG &tolerance:", self.tolerance)
        form.addRow("", _hint("A milestone that slips within the tolerance is amber; beyond it, red.", 480))
        form.addRow("Protective &marking:", self.marking)
        form.addRow("", _hint("Printed at the top and bottom of every page of a briefing.", 480))
        self.body.addStretch(1)
        self.shadow_start.dateChanged.connect(self._update_note)
        self.go_live.dateChanged.connect(self._update_note)
        self._update_note()

    def _update_note(self) -> None:
        go_live: date = self.go_live.date().toPython()
        shadow: date = self.shadow_start.date().toPython()
        text = "Go-live is usually 1 April or 1 October, at midnight: staff transfer under TUPE that day."
        if (go_live.day, go_live.month) not in ((1, 4), (1, 10)):
            text += f" {go_live:%d %B %Y} is neither; that is fine if it was agreed."
        if shadow > go_live:
            text += "\n<b>Shadow operation cannot start after go-live.</b>"
        else:
            months = (go_live.year - shadow.year) * 12 + go_live.month - shadow.month
            text += f"\nShadow period: about {months} month{'s' if months != 1 else ''}."
        self.go_live_note.setText(text.replace("\n", "<br>"))

    def validatePage(self) -> bool:
        if refused := refused_dates({"Shadow operation from": self.shadow_start, "Go-live": self.go_live}):
            return self.refuse("\n".join(refused))
        shadow: date = self.shadow_start.date().toPython()
        go_live: date = self.go_live.date().toPython()
        if shadow > go_live:
            return self.refuse(f"Shadow operation must start on or before go-live: {shadow:%d/%m/%Y} is after "
                               f"{go_live:%d/%m/%Y}.")
        decision = self.wizard().decision_date()
        if decision and decision > go_live:
            return self.refuse(f"The cabinet decision ({decision:%d/%m/%Y}) cannot be after go-live "
                               f"({go_live:%d/%m/%Y}); go back and correct it.")
        self.messages.hide()
        return True


class ServiceDateDelegate(QStyledItemDelegate):
    """Blank service dates read 'as programme (date)'; retained services show they stay."""

    def __init__(self, page: ServicesPage):
        super().__init__(page)
        self.page = page

    def initStyleOption(self, option, index) -> None:  # noqa: ANN001
        super().initStyleOption(option, index)
        if option.text:
            return
        row_retained = self.page.table.item(index.row(), RETAINED)
        if row_retained is not None and row_retained.checkState() == Qt.CheckState.Checked:
            option.text = "stays with the council"
        else:
            fallback = self.page.programme_date(index.column())
            option.text = f"as programme ({fallback:%d/%m/%Y})" if fallback else "as programme"
        option.font.setItalic(True)
        option.palette.setColor(option.palette.ColorRole.Text, Qt.GlobalColor.gray)

    def createEditor(self, parent, option, index):  # noqa: ANN001, ANN201
        editor = QLineEdit(parent)
        editor.setPlaceholderText("dd/mm/yyyy, or blank")
        return editor


class ServicesPage(WizardPage):
    def __init__(self):
        super().__init__("Services", "The services moving to the trust. Each can have its own dates; blank dates "
                         "follow the programme.")
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Service", "Shadow from", "Go-live", "Retained"])
        self.table.setAccessibleName("Services")
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in ((SHADOW, 185), (GO_LIVE, 185), (RETAINED, 80)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeaderItem(RETAINED).setToolTip("Kept by the council (e.g. independent reviewing "
                                                             "officers, adoption agency); never moves")
        delegate = ServiceDateDelegate(self)
        self.table.setItemDelegateForColumn(SHADOW, delegate)
        self.table.setItemDelegateForColumn(GO_LIVE, delegate)
        self.table.itemChanged.connect(self._item_changed)
        add = QPushButton("&Add service")
        remove = QPushButton("&Remove")
        reset = QPushButton("Re&set to typical")
        add.clicked.connect(self._add_clicked)
        remove.clicked.connect(self.remove_selected)
        reset.clicked.connect(self.reset)
        buttons = QHBoxLayout()
        for button in (add, remove):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(reset)
        self.body.addWidget(self.table, 1)
        self.body.addLayout(buttons)
        self.body.addWidget(_hint("Tick Retained for functions the council keeps. Dates are dd/mm/yyyy; leave them "
                                  "blank for services that move with the whole programme."))
        self.reset()

    def programme_date(self, column: int) -> date | None:
        wizard = self.wizard()
        if wizard is None:
            return None
        return wizard.stages_page.shadow_start.date().toPython() if column == SHADOW else \
            wizard.stages_page.go_live.date().toPython()

    def reset(self) -> None:
        self.table.setRowCount(0)
        for name in TYPICAL_SERVICES:
            self.add_row(name)

    def add_row(self, name: str = "", shadow: str = "", go_live: str = "", retained: bool = False) -> int:
        row = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(row)
        for column, text in ((NAME, name), (SHADOW, shadow), (GO_LIVE, go_live)):
            self.table.setItem(row, column, QTableWidgetItem(text))
        check = QTableWidgetItem()
        check.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
        check.setCheckState(Qt.CheckState.Checked if retained else Qt.CheckState.Unchecked)
        self.table.setItem(row, RETAINED, check)
        self.table.blockSignals(False)
        return row

    def _add_clicked(self) -> None:
        row = self.add_row()
        self.table.setCurrentCell(row, NAME)
        self.table.editItem(self.table.item(row, NAME))

    def remove_selected(self) -> None:
        for row in sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == RETAINED and item.checkState() == Qt.CheckState.Checked:
            for column in (SHADOW, GO_LIVE):
                self.table.item(item.row(), column).setText("")
        elif item.column() in (SHADOW, GO_LIVE) and item.text().strip():
            self.table.item(item.row(), RETAINED).setCheckState(Qt.CheckState.Unchecked)
        self.table.viewport().update()

    def services(self) -> list[Service]:
        """The table as services; raises ValidationFailed naming every bad cell by table row (from 1)."""
        services, problems = self._read()
        if problems:
            raise ValidationFailed(problems)
        return [service for _, service in services]

    def _read(self) -> tuple[list[tuple[int, Service]], list[Problem]]:
        services, problems = [], []
        for row in range(self.table.rowCount()):
            name = self.table.item(row, NAME).text().strip()
            dates = []
            for column, label in ((SHADOW, "shadow"), (GO_LIVE, "go-live")):
                try:
                    dates.append(parse_optional_date(self.table.item(row, column).text()))
                except CellError as exc:
                    dates.append(None)
                    problems.append(Problem("services", row + 1, label, f"{label} date: {exc}"))
            if not name and not any(dates) and not any(p.row == row + 1 for p in problems):
                continue  # an empty row the user added and left
            retained = self.table.item(row, RETAINED).checkState() == Qt.CheckState.Checked
            services.append((row + 1, Service(name=name, shadow=dates[0], go_live=dates[1], retained=retained)))
        return services, problems

    def validatePage(self) -> bool:
        services, problems = self._read()
        rows = [row for row, _ in services]
        for p in service_problems([s for _, s in services], self.wizard().draft_programme(), []):
            problems.append(replace(p, row=rows[p.row - 1]))
        if problems:
            return self.refuse(problem_lines(ValidationFailed(problems)))
        self.messages.hide()
        return True


class TemplatePage(WizardPage):
    def __init__(self):
        super().__init__("Milestone template", "Start from the usual milestones of a move into a trust, or from an "
                         "empty plan.")
        self.seed = QCheckBox(f"Seed the standard transition milestones ({len(STANDARD_TEMPLATE)}, scheduled "
                              "back from go-live)")
        self.seed.setChecked(True)
        self.explain = _hint("")
        self.preview = QTreeWidget()
        self.preview.setHeaderLabels(["Ref", "Milestone", "Workstream", "Date"])
        self.preview.setRootIsDecorated(False)
        self.preview.setAlternatingRowColors(True)
        self.preview.setAccessibleName("Template milestones")
        self.preview.setStyleSheet("QTreeWidget::item { padding: 3px 2px; }")
        header = self.preview.header()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.seed.toggled.connect(self.preview.setEnabled)
        self.body.addWidget(self.seed)
        self.body.addWidget(self.explain)
        self.body.addWidget(self.preview, 1)

    def initializePage(self) -> None:
        go_live = self.wizard().stages_page.go_live.date().toPython()
        shadow = self.wizard().stages_page.shadow_start.date().toPython()
        self.explain.setText(f"Dates count working days back from go-live on {go_live:%d/%m/%Y} and, up to "
                             f"shadow operation, from the shadow start on {shadow:%d/%m/%Y}, skipping weekends "
                             "and bank holidays, in the usual order (T−18 months to T+6 months). "
                             "Each becomes the milestone's baseline; you can edit, add or delete any of them.")
        self.preview.clear()
        for m in template_milestones(go_live, shadow):
            QTreeWidgetItem(self.preview, [m.ref, m.title, m.workstream, f"{m.baseline:%d/%m/%Y}"])
        for column in (0, 2, 3):
            self.preview.resizeColumnToContents(column)


class SavePage(WizardPage):
    def __init__(self):
        super().__init__("Where to save", "A plan is one file. Put it in a folder the programme team can reach.")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setStyleSheet("QLabel { background:#f4f6f9; border:1px solid #d5dbe3; border-radius:4px;"
                                   " padding:10px; }")
        self.path = QLineEdit()
        self.path.setAccessibleName("Plan file")
        self.browse = QPushButton("&Browse…")
        self.browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        self.body.addWidget(self.summary)
        self.body.addSpacing(6)
        self.body.addWidget(QLabel("<b>Plan file</b>"))
        self.body.addLayout(row)
        self.body.addWidget(_hint(f"The name ends in {PLAN_SUFFIX}. An existing plan is never overwritten."))
        self.body.addStretch(1)

    def initializePage(self) -> None:
        wizard = self.wizard()
        if not self.path.text().strip():
            stem = re.sub(r"[^\w\- ]+", "", wizard.programme_page.trust.text()).strip() or "New plan"
            self.path.setText(str(Path(wizard.settings.last_folder()) / f"{stem}{PLAN_SUFFIX}"))
        p = wizard.draft_programme()
        try:
            services = wizard.services_page.services()
        except ValidationFailed:
            services = []
        moving = [s.name for s in services if not s.retained]
        retained = [s.name for s in services if s.retained]
        seeded = "no milestones yet"
        if wizard.template_page.seed.isChecked():
            not_needed = len(wizard.done_page.not_needed())
            done = sum(row.done.isChecked() for row in wizard.done_page.rows.values())
            seeded = f"{len(STANDARD_TEMPLATE) - not_needed} standard milestones"
            started = [f"{done} already done"] if done else []
            started += [f"{not_needed} left out as not needed"] if not_needed else []
            seeded += f" ({', '.join(started)})" if started else ""
        lines = [f"<b>{_esc(p.council)}</b> → <b>{_esc(p.trust)}</b> ({p.delivery_model.label.lower()})",
                 f"Shadow from {p.shadow_start:%d/%m/%Y}, go-live {p.go_live:%d/%m/%Y}; tolerance "
                 f"{p.tolerance_days} working days; marked {_esc(p.marking)}",
                 f"Services moving: {_esc(', '.join(moving)) or 'none yet'}"
                 + (f"; retained: {_esc(', '.join(retained))}" if retained else ""),
                 f"Milestones: {seeded}"]
        self.summary.setText("<br>".join(lines))

    def _browse(self) -> None:
        chosen = self.wizard().choose_save_path(self.path.text().strip())
        if chosen:
            self.path.setText(chosen)

    def validatePage(self) -> bool:
        if self.wizard().created_path is not None:
            return True  # QWizard.accept() checks the page again once the plan exists
        try:
            self.wizard().target_path()
        except PlanFileError as exc:
            return self.refuse(str(exc))
        return True


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
