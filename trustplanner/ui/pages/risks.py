"""The Risks page: the register with its filters, the 5×5 heat map of open risks' current scores,
and a detail pane (cause / event / effect, scores inherent → current → target, the review history,
actions, links). Every edit is one change in the plan's history, so Edit → Undo reverses it."""

from __future__ import annotations

from dataclasses import replace
from html import escape

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from trustplanner.domain.enums import Rag
from trustplanner.domain.risk_rules import action_overdue, band
from trustplanner.domain.risks import STANDARD_CATEGORIES, ActionStatus, RiskRegister, RiskStatus, Score
from trustplanner.services.risks import load_register
from trustplanner.ui.delegates import ChoiceDelegate, DateDelegate
from trustplanner.ui.dialogs import run_dialog
from trustplanner.ui.dialogs.category_dialog import CategoriesDialog
from trustplanner.ui.dialogs.register_dialogs import ActionDialog, AppetiteDialog, RescoreDialog, RiskDialog
from trustplanner.ui.flow_layout import FlowLayout
from trustplanner.ui.heat_map import HeatMap
from trustplanner.ui.icons import icon
from trustplanner.ui.models.risk_table import (
    LINE_ROLE,
    STATUS_CHOICES,
    Column,
    RiskFilter,
    RiskLine,
    RiskTableModel,
    risk_lines,
)
from trustplanner.ui.pages.base import Page
from trustplanner.ui.palette import RAG_TEXT
from trustplanner.ui.register_commands import (
    AddAction,
    AddRisk,
    DeleteRisk,
    RescoreRisk,
    SetAppetite,
    UpdateAction,
    UpdateRisk,
)
from trustplanner.ui.table_menu import add_table_menu
from trustplanner.ui.widgets import (
    ANY,
    MessageBar,
    fill_filter,
    heading,
    keep_wrapped_height,
)

SEARCH_WIDTH = 220
TABLE_ROWS = 5
ACTION_ROLE = Qt.ItemDataRole.UserRole + 1
LINK = "color:#1f5fa8"


def score_html(score: Score | None, register: RiskRegister) -> str:
    if score is None:
        return "<i>not set</i>"
    rag = band(score.value, register.appetite)
    return f"<b style='color:{RAG_TEXT[rag].name()}'>{score.value}</b> ({score.likelihood}×{score.impact}, " \
           f"{rag.label.lower()})"


class RisksPage(Page):
    title = "Risks"
    icon = "risks.svg"
    areas = frozenset({"risks", "risk_actions", "decisions", "milestones", "services"})
    import_kinds = ("risks", "risk_actions")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.register = RiskRegister()
        self.model = RiskTableModel(self)
        self.proxy = RiskFilter(self)
        self.proxy.setSourceModel(self.model)
        self.model.edit_requested.connect(self.request_edit)
        self.messages = MessageBar()
        self._build_actions()
        self._build_filters()
        self._build_table()
        self._build_detail()
        self.heat_map = HeatMap()
        self.heat_map.cell_chosen.connect(lambda _cell: self.apply_filters())

        top = QHBoxLayout()
        top.addWidget(self.heat_map, 0, Qt.AlignmentFlag.AlignTop)
        top.addSpacing(12)
        top.addLayout(self.filter_row, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([700, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.toolbar)
        layout.addLayout(top)
        layout.addWidget(self.messages)
        layout.addWidget(self.splitter, 1)

    # building -------------------------------------------------------------------------------
    def _action(self, text: str, icon_name: str, slot, shortcut=None, *, on_toolbar: bool = True) -> QAction:  # noqa: ANN001
        action = QAction(icon(icon_name), text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        if on_toolbar:
            self.toolbar.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.toolbar = QToolBar("Risk actions")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.add_action = self._action("&Add risk…", "add.svg", self.add_risk, "Ctrl+Shift+N")
        self.edit_action = self._action("&Edit risk…", "edit.svg", self.edit_risk, "Ctrl+E")
        self.rescore_action = self._action("Re-&score…", "rag.svg", self.rescore_risk, "Ctrl+R")
        self.rescore_action.setToolTip("Review the risk: its new current score, with a note (Ctrl+R)")
        self.add_action_action = self._action("Add a&ction…", "complete.svg", self.add_risk_action, "Ctrl+Shift+A")
        self.delete_action = self._action("&Delete risk", "delete.svg", self.delete_risk,
                                          QKeySequence.StandardKey.Delete, on_toolbar=False)
        self.appetite_action = self._action("A&ppetite…", "rag.svg", self.edit_appetite)
        self.appetite_action.setToolTip("The matrix's bands and the score at which a risk is escalated, and to whom")
        self.categories_action = self._action("Ca&tegories…", "edit.svg", self.edit_categories)
        self.categories_action.setToolTip("The standard risk categories and the plan's own: add, rename or remove "
                                          "the plan's own")
        self.edit_actions = [self.add_action, self.edit_action, self.rescore_action, self.add_action_action,
                             self.delete_action]
        self.row_actions = [self.edit_action, self.rescore_action, self.add_action_action, self.delete_action]

    def _menu_actions(self) -> list[QAction | None]:
        return [self.edit_action, self.rescore_action, self.add_action_action, None, self.add_action,
                self.delete_action, None, self.appetite_action, self.categories_action]

    def _build_filters(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search ref, title, owner, cause")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search risks")
        self.search.setMinimumWidth(SEARCH_WIDTH)
        self.status_filter, self.category_filter, self.owner_filter = QComboBox(), QComboBox(), QComboBox()
        self.band_filter, self.milestone_filter = QComboBox(), QComboBox()
        self.status_filter.addItem(ANY, None)
        for status in RiskStatus:
            self.status_filter.addItem(status.label, status)
        fill_filter(self.category_filter, [c.label for c in STANDARD_CATEGORIES])
        self.band_filter.addItem(ANY, None)
        for rag in (Rag.RED, Rag.AMBER, Rag.GREEN):
            self.band_filter.addItem(rag.label, rag)
        self.band_filter.addItem("At escalation", RiskFilter.ESCALATION)
        self.owner_filter.addItem(ANY, None)
        self.milestone_filter.addItem(ANY, None)
        self.count = QLabel()
        self.show_all = QPushButton("Show all")
        self.show_all.setFlat(True)
        self.show_all.setStyleSheet("color: #1f5fa8; text-decoration: underline;")
        self.show_all.clicked.connect(self.clear_filters)
        self.show_all.hide()
        self.filter_row = FlowLayout()
        self.filter_row.addWidget(self.search, 3)
        self.filter_combos = ((self.status_filter, "Status"), (self.category_filter, "Category"),
                              (self.owner_filter, "Owner"), (self.band_filter, "Score"),
                              (self.milestone_filter, "Milestone"))
        for combo, label in self.filter_combos:
            combo.setAccessibleName(f"Filter by {label.lower()}")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12 if combo in (self.owner_filter, self.category_filter) else 7)
            caption = QLabel(label)
            caption.setBuddy(combo)
            self.filter_row.add_group(caption, combo, stretch=1)
            combo.currentIndexChanged.connect(self.apply_filters)
        self.filter_row.add_group(self.count, self.show_all)
        self.search.textChanged.connect(self.apply_filters)

    def _build_table(self) -> None:
        self.table = QTableView()
        self.table.setObjectName("risksTable")
        self.table.setAccessibleName("Risks")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.SCORE, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setMinimumHeight(TABLE_ROWS * 24 + 30)
        self.table.setMinimumWidth(300)
        self.date_delegate = DateDelegate(clearable=True, parent=self.table)
        self.date_delegate.refused.connect(self.messages.show_message)
        self.table.setItemDelegateForColumn(Column.REVIEW_BY, self.date_delegate)
        self.table.setItemDelegateForColumn(Column.CATEGORY, ChoiceDelegate(self.model.category_choices,
                                                                                     parent=self.table))
        self.table.setItemDelegateForColumn(Column.STATUS, ChoiceDelegate(STATUS_CHOICES, parent=self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((Column.REF, 50), (Column.SCORE, 50), (Column.TITLE, 300), (Column.OWNER, 160),
                              (Column.CATEGORY, 120), (Column.STATUS, 80), (Column.DIRECTION, 46),
                              (Column.REVIEW_BY, 90), (Column.NEXT_ACTION, 110)):
            header.resizeSection(column, width)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_row_actions())
        self.table.doubleClicked.connect(self._double_clicked)
        add_table_menu(self.table, self._menu_actions)

    def _build_detail(self) -> None:
        self.detail = QTabWidget()
        self.detail.setMinimumWidth(260)
        self.detail.setAccessibleName("Risk detail")
        summary = QWidget()
        self.detail_title = heading("")
        self.detail_title.setWordWrap(True)
        self.detail_text = QLabel()
        self.detail_text.setObjectName("riskDetail")
        self.detail_text.setWordWrap(True)
        self.detail_text.setTextFormat(Qt.TextFormat.RichText)
        self.detail_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.detail_text.setOpenExternalLinks(False)
        self.detail_text.linkActivated.connect(self.open_link)
        keep_wrapped_height(self.detail_title, self.detail_text)
        layout = QVBoxLayout(summary)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.detail_title)
        layout.addWidget(self.detail_text)
        layout.addStretch(1)
        self.detail.addTab(summary, "Risk")

        reviews = QWidget()
        self.reviews_text = QLabel()
        self.reviews_text.setObjectName("reviewHistory")
        self.reviews_text.setAccessibleName("Review history")
        self.reviews_text.setWordWrap(True)
        self.reviews_text.setTextFormat(Qt.TextFormat.RichText)
        keep_wrapped_height(self.reviews_text)
        layout = QVBoxLayout(reviews)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.reviews_text)
        layout.addStretch(1)
        self.detail.addTab(reviews, "Reviews")

        actions = QWidget()
        self.actions_list = QListWidget()
        self.actions_list.setAccessibleName("Actions")
        self.actions_list.setWordWrap(True)
        self.actions_list.setMinimumHeight(4 * 22 + 8)
        self.actions_list.currentRowChanged.connect(lambda *_: self._update_row_actions())
        self.actions_list.itemDoubleClicked.connect(lambda *_: self.edit_risk_action())
        self.new_action_button = QPushButton("Add action…")
        self.new_action_button.clicked.connect(self.add_risk_action)
        self.edit_action_button = QPushButton("Edit…")
        self.edit_action_button.clicked.connect(self.edit_risk_action)
        self.done_button = QPushButton("Mark done")
        self.done_button.setToolTip("Record the selected action as done")
        self.done_button.clicked.connect(self.mark_action_done)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_action_button)
        buttons.addWidget(self.edit_action_button)
        buttons.addWidget(self.done_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(actions)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.actions_list, 1)
        layout.addLayout(buttons)
        self.detail.addTab(actions, "Actions")

    # refreshing -----------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.document is None:
            return
        current = self.current_ref()
        snapshot = self.document.snapshot
        self.register = load_register(self.document.plan)
        self.model.set_lines(risk_lines(self.register, snapshot.status_date), self.register.categories)
        self.heat_map.show_risks(self.register.risks, self.register.appetite)
        fill_filter(self.category_filter, [c.label for c in self.register.categories])
        fill_filter(self.owner_filter, sorted({r.owner for r in self.register.risks if r.owner}, key=str.casefold))
        fill_filter(self.milestone_filter, sorted({m for r in self.register.risks for m in r.milestones}))
        self.apply_filters()
        if current:
            self.select_record(current)
        elif self.proxy.rowCount():
            self.table.selectionModel().setCurrentIndex(
                self.proxy.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self._show_detail()
        self._update_row_actions()

    def set_document(self, document) -> None:
        self.heat_map.set_chosen(None)
        for combo, _label in self.filter_combos:
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        super().set_document(document)

    def apply_read_only(self, read_only: bool) -> None:
        self.model.read_only = read_only
        for action in self.edit_actions:
            action.setEnabled(not read_only)
        self._update_row_actions()


    def apply_filters(self) -> None:
        self.proxy.set_filters(status=self.status_filter.currentData(), category=self.category_filter.currentData(),
                               owner=self.owner_filter.currentData(), band=self.band_filter.currentData(),
                               milestone=self.milestone_filter.currentData(), cell=self.heat_map.chosen,
                               text=self.search.text())
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        text = f"{shown} of {total}"
        if self.heat_map.chosen:
            likelihood, impact = self.heat_map.chosen
            text += f" · open at {likelihood}×{impact}"
        self.count.setText(text)
        self.show_all.setVisible(shown != total or self.heat_map.chosen is not None)

    def filter_to_cell(self, cell: tuple[int, int] | None) -> None:
        self.heat_map.set_chosen(cell)
        self.apply_filters()

    def clear_filters(self) -> None:
        self.heat_map.set_chosen(None)
        for widget in (self.search, *(combo for combo, _ in self.filter_combos)):
            widget.blockSignals(True)
        self.search.clear()
        for combo, _label in self.filter_combos:
            combo.setCurrentIndex(0)
        for widget in (self.search, *(combo for combo, _ in self.filter_combos)):
            widget.blockSignals(False)
        self.apply_filters()

    # selection ------------------------------------------------------------------------------
    def current_line(self) -> RiskLine | None:
        index = self.table.currentIndex()
        return index.data(LINE_ROLE) if index.isValid() else None

    def current_ref(self) -> str | None:
        line = self.current_line()
        return line.ref if line else None

    def select_record(self, ref: str) -> None:
        """Select risk ``ref`` (clearing the filters if they hide it)."""
        row = self.model.row_of(ref)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            self.clear_filters()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def current_action(self):  # noqa: ANN201
        item = self.actions_list.currentItem()
        return item.data(ACTION_ROLE) if item is not None else None

    def _update_row_actions(self) -> None:
        editable = self.document is not None and not self.document.read_only
        line = self.current_line()
        for action in self.row_actions:
            action.setEnabled(editable and line is not None)
        self.new_action_button.setEnabled(editable and line is not None)
        action = self.current_action()
        self.edit_action_button.setEnabled(editable and action is not None)
        self.done_button.setEnabled(editable and action is not None and action.status is ActionStatus.OPEN)

    def _show_detail(self) -> None:
        line = self.current_line()
        self.actions_list.clear()
        if line is None:
            self.detail_title.setText("No risk selected" if self.model.rowCount() else "No risks in this plan yet")
            self.detail_text.setText("Select a risk to see its cause, event and effect, scores, reviews and actions."
                                     if self.model.rowCount() else
                                     "Add a risk, or import a register with File → Import → Risks.")
            self.reviews_text.setText("")
            self.detail.setTabText(1, "Reviews")
            self.detail.setTabText(2, "Actions")
            return
        r, register = line.risk, self.register
        as_of = self.document.snapshot.status_date
        self.detail_title.setText(f"{r.ref}  {r.title}")
        facts = [f"<b>{escape(r.status.label)}</b>", escape(r.category.label), escape(r.owner or "no owner"),
                 f"response: {escape(r.response.label.lower())}"]
        text = " · ".join(facts)
        proximity = r.phase.label if r.phase else (f"{r.proximity:%d/%m/%Y}" if r.proximity else "")
        when = [f"raised {r.raised:%d/%m/%Y}" if r.raised else "", f"proximity {proximity}" if proximity else "",
                f"review by {r.review_by:%d/%m/%Y}" if r.review_by else ""]
        if any(when):
            text += "<br>" + " · ".join(w for w in when if w)
        sentence = []
        if r.cause:
            sentence.append(f"<b>Because</b> {escape(_strip_lead(r.cause, 'because'))}")
        if r.event:
            sentence.append(f"<b>there is a risk that</b> {escape(_strip_lead(r.event, 'there is a risk that'))}")
        if r.effect:
            sentence.append(f"<b>resulting in</b> {escape(_strip_lead(r.effect, 'resulting in'))}")
        if sentence:
            text += "<p>" + ", ".join(sentence) + ".</p>"
        text += (f"<p>Inherent {score_html(r.inherent, register)} → current {score_html(r.current, register)} "
                 f"→ target {score_html(r.target, register)}<br>Since the last review: {line.direction.value} "
                 f"{line.direction.label}</p>")
        if r.controls:
            text += f"<p><b>Controls:</b> {escape(r.controls)}</p>"
        if line.escalate:
            text += ("<p>" + (f"Escalated to {escape(r.escalated_to)} on {r.escalated_on:%d/%m/%Y}." if r.escalated_on
                              else f"<span style='color:#b3261e'><b>!</b> At or above the escalation score "
                                   f"({register.appetite.escalation_score}): no escalation to "
                                   f"{escape(register.appetite.escalate_to)} recorded.</span>") + "</p>")
        if r.is_issue and (r.issue_impact or r.resolution):
            text += (f"<p><b>Issue:</b> {escape(r.issue_impact)}<br><b>Resolution:</b> {escape(r.resolution)}"
                     + (f" (due {r.resolution_due:%d/%m/%Y})" if r.resolution_due else "") + "</p>")
        if line.flags:
            text += "<p>" + "<br>".join(f"<span style='color:#b3261e'><b>!</b> {escape(flag[:1].upper() + flag[1:])}"
                                        "</span>" for flag in line.flags) + "</p>"
        titles = {m.ref: m.title for m in self.document.snapshot.milestones}
        if r.milestones:
            links = ", ".join(f"<a style='{LINK}' href='milestone:{escape(m)}'>{escape(m)}</a> "
                              f"{escape(titles.get(m, ''))}" for m in r.milestones)
            text += f"<p><b>Milestones:</b> {links}</p>"
        if r.services:
            text += f"<p><b>Services:</b> {escape(', '.join(r.services))}</p>"
        decisions = [d for d in register.decisions if r.ref in d.risks]
        if decisions:
            links = ", ".join(f"<a style='{LINK}' href='decision:{escape(d.ref)}'>{escape(d.ref)}</a> "
                              f"{escape(d.title)} ({d.status.value})" for d in decisions)
            text += f"<p><b>Decisions:</b> {links}</p>"
        self.detail_text.setText(text)

        reviews = register.reviews_of(r.ref)
        self.detail.setTabText(1, f"Reviews ({len(reviews)})")
        self.reviews_text.setText(review_history_html(reviews))
        actions = register.actions_of(r.ref)
        self.detail.setTabText(2, f"Actions ({len(actions)})")
        for action in actions:
            overdue = action_overdue(action, as_of)
            due = f"due {action.due:%d/%m/%Y}" if action.due else "no due date"
            item = QListWidgetItem(f"{'! OVERDUE · ' if overdue else ''}{action.action}\n{due} · "
                                   f"{action.owner or 'no owner'} · {action.status.label}")
            item.setData(ACTION_ROLE, action)
            item.setToolTip(overdue or action.action)
            if overdue:
                item.setForeground(RAG_TEXT[Rag.RED])
            self.actions_list.addItem(item)

    def open_link(self, href: str) -> None:
        kind, _, ref = href.partition(":")
        if kind == "milestone":
            self.milestone_selected.emit(ref)
        elif kind == "decision":
            self.record_requested.emit("Decisions", ref)

    # editing --------------------------------------------------------------------------------

    def request_edit(self, old, new) -> bool:  # noqa: ANN001
        return self.push_record_edit(UpdateRisk(self.document, old, new), new.ref)

    def _double_clicked(self, index) -> None:  # noqa: ANN001
        if Column(index.column()) not in (Column.TITLE, Column.OWNER, Column.CATEGORY, Column.STATUS,
                                          Column.REVIEW_BY):
            self.edit_risk()

    def edit_appetite(self) -> None:
        """The plan's bands and escalation score (shown, not changed, in a read-only window)."""
        if self.document is None:
            return
        dialog = AppetiteDialog(self.register.appetite, self, read_only=self.document.read_only)
        if run_dialog(dialog) and dialog.result_appetite != self.register.appetite:
            self.push_record_edit(SetAppetite(self.document, dialog.result_appetite))

    def edit_categories(self) -> None:
        """The plan's own risk categories; each change in the dialog is one undoable change."""
        if self.document is None:
            return
        run_dialog(CategoriesDialog(self.document, self, read_only=self.document.read_only))

    def add_risk(self) -> None:
        if not self.editable():
            return
        dialog = RiskDialog(self.document, parent=self)
        if run_dialog(dialog):
            self.push_record_edit(AddRisk(self.document, dialog.result_risk), dialog.result_risk.ref)

    def edit_risk(self) -> None:
        line = self.current_line()
        if line is None or not self.editable():
            return
        dialog = RiskDialog(self.document, line.risk, parent=self)
        if run_dialog(dialog) and dialog.result_risk != line.risk:
            self.push_record_edit(UpdateRisk(self.document, line.risk, dialog.result_risk, dialog.note.text().strip()),
                       dialog.result_risk.ref)

    def rescore_risk(self) -> None:
        line = self.current_line()
        if line is None or not self.editable():
            return
        dialog = RescoreDialog(line.risk, self.document.snapshot.status_date, parent=self)
        if run_dialog(dialog):
            score, on, note, next_review = dialog.values()
            self.push_record_edit(RescoreRisk(self.document, line.ref, score, on, note, next_review), line.ref)

    def delete_risk(self) -> None:
        line = self.current_line()
        if line is None or not self.editable():
            return
        answer = QMessageBox.question(self, "Delete risk", f"Delete {line.ref} {line.risk.title}, with its reviews "
                                      "and actions?\n\nYou can undo this with Edit → Undo.")
        if answer == QMessageBox.StandardButton.Yes:
            self.push_record_edit(DeleteRisk(self.document, line.ref))

    def add_risk_action(self) -> None:
        line = self.current_line()
        if line is None or not self.editable():
            return
        dialog = ActionDialog(line.risk, parent=self)
        if run_dialog(dialog):
            if self.push_record_edit(AddAction(self.document, dialog.result_action), line.ref):
                self.detail.setCurrentIndex(2)

    def edit_risk_action(self) -> None:
        line, action = self.current_line(), self.current_action()
        if line is None or action is None or not self.editable():
            return
        dialog = ActionDialog(line.risk, action, parent=self)
        if run_dialog(dialog) and dialog.result_action != action:
            self.push_record_edit(UpdateAction(self.document, action, dialog.result_action), line.ref)

    def mark_action_done(self) -> None:
        line, action = self.current_line(), self.current_action()
        if line is None or action is None or action.status is not ActionStatus.OPEN or not self.editable():
            return
        self.push_record_edit(UpdateAction(self.document, action, replace(action, status=ActionStatus.DONE)), line.ref)

    def records_imported(self, kind, as_of, result) -> None:  # noqa: ANN001
        """After an import the page is refreshed by the plan's change; nothing more to do."""

    # state ----------------------------------------------------------------------------------
    def save_state(self, settings) -> None:  # noqa: ANN001
        settings.set_state("risks/splitter", self.splitter.saveState())
        settings.set_state("risks/header", self.table.horizontalHeader().saveState())

    def restore_state(self, settings) -> None:  # noqa: ANN001
        if state := settings.state("risks/splitter"):
            self.splitter.restoreState(state)
        if state := settings.state("risks/header"):
            self.table.horizontalHeader().restoreState(state)


def _strip_lead(text: str, lead: str) -> str:
    """The clause without its leading words ("Because a third…" → "a third…"): the pane adds them."""
    stripped = text.strip()
    if stripped.casefold().startswith(lead):
        stripped = stripped[len(lead):].lstrip(" ,")
    return stripped.rstrip(".")


def review_history_html(reviews) -> str:  # noqa: ANN001
    """A risk's reviews, newest first: date, before → after, note, who."""
    if not reviews:
        return "<span style='color:#555'>Never re-scored: the current score is as first recorded.</span>"
    items = []
    for review in sorted(reviews, key=lambda r: r.on, reverse=True):
        who = escape(review.by) if review.by else "who not recorded"
        items.append(f"<li><b>{review.on:%d/%m/%Y}</b>: {review.before.value} → {review.after.value} "
                     f"({review.before.likelihood}×{review.before.impact} → "
                     f"{review.after.likelihood}×{review.after.impact})<br>{escape(review.note or 'no note')} · "
                     f"{who}</li>")
    plural = "s" if len(reviews) != 1 else ""
    return f"<b>{len(reviews)} review{plural}</b><ul style='margin-left:-20px; margin-top:2px'>{''.join(items)}</ul>"
