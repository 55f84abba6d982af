"""The Decisions page: the decisions still needed (soonest first, a key decision without 28 clear
days' notice flagged) and those made (newest first), each with its forum, status and what it links
to; add, edit, record as made, delete. Every edit is one change in the plan's history."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from trustplanner.domain.decision_rules import notice_problem
from trustplanner.domain.risks import Decision, DecisionStatus
from trustplanner.services.risks import load_register
from trustplanner.ui.dialogs import run_dialog
from trustplanner.ui.dialogs.register_dialogs import DecisionDialog, DecisionMadeDialog
from trustplanner.ui.flow_layout import FlowLayout
from trustplanner.ui.icons import icon
from trustplanner.ui.models.decision_table import (
    DECISION_ROLE,
    Column,
    DecisionTableModel,
    made_decisions,
    needed_decisions,
)
from trustplanner.ui.pages.base import Page
from trustplanner.ui.register_commands import (
    AddDecision,
    DeleteDecision,
    RecordDecisionMade,
    UpdateDecision,
)
from trustplanner.ui.table_menu import add_table_menu
from trustplanner.ui.widgets import MessageBar, heading, keep_wrapped_height

SEARCH_WIDTH = 220
TABLE_ROWS = 4
LINK = "color:#1f5fa8"


class DecisionsPage(Page):
    title = "Decisions"
    icon = "decisions.svg"
    areas = frozenset({"decisions", "risks", "milestones"})
    import_kinds = ("decisions",)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.decisions: tuple[Decision, ...] = ()
        self.risk_titles: dict[str, str] = {}
        self.messages = MessageBar()
        self._build_actions()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search ref, title, forum, wording")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search decisions")
        self.search.setMinimumWidth(SEARCH_WIDTH)
        self.search.textChanged.connect(self._show_rows)
        self.count = QLabel()
        filters = FlowLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.count)

        self.needed_model, self.made_model = DecisionTableModel(True, self), DecisionTableModel(False, self)
        self.needed_table = self._table(self.needed_model, "Decisions needed")
        self.made_table = self._table(self.made_model, "Decisions made")
        self.needed_caption = heading("Needed")
        self.made_caption = heading("Made")
        lists = QWidget()
        column = QVBoxLayout(lists)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.needed_caption)
        column.addWidget(self.needed_table, 1)
        column.addWidget(self.made_caption)
        column.addWidget(self.made_table, 1)

        self.detail = QWidget()
        self.detail.setMinimumWidth(250)
        self.detail_title = heading("")
        self.detail_title.setWordWrap(True)
        self.detail_text = QLabel()
        self.detail_text.setObjectName("decisionDetail")
        self.detail_text.setWordWrap(True)
        self.detail_text.setTextFormat(Qt.TextFormat.RichText)
        self.detail_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.detail_text.linkActivated.connect(self.open_link)
        keep_wrapped_height(self.detail_title, self.detail_text)
        detail_layout = QVBoxLayout(self.detail)
        detail_layout.setContentsMargins(8, 0, 0, 0)
        detail_layout.addWidget(self.detail_title)
        detail_layout.addWidget(self.detail_text)
        detail_layout.addStretch(1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(lists)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([720, 400])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.toolbar)
        layout.addLayout(filters)
        layout.addWidget(self.messages)
        layout.addWidget(self.splitter, 1)
        self._current: QTableView = self.needed_table

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
        self.toolbar = QToolBar("Decision actions")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.add_action = self._action("&Add decision…", "add.svg", self.add_decision, "Ctrl+Shift+N")
        self.edit_action = self._action("&Edit decision…", "edit.svg", self.edit_decision, "Ctrl+E")
        self.made_action = self._action("Record as &made…", "complete.svg", self.record_made, "Ctrl+Return")
        self.made_action.setToolTip("Record the selected needed decision as made, with its date and wording")
        self.delete_action = self._action("&Delete decision", "delete.svg", self.delete_decision,
                                          QKeySequence.StandardKey.Delete, on_toolbar=False)
        self.edit_actions = [self.add_action, self.edit_action, self.made_action, self.delete_action]
        self.row_actions = [self.edit_action, self.made_action, self.delete_action]

    def _menu_actions(self) -> list[QAction | None]:
        return [self.edit_action, self.made_action, None, self.add_action, self.delete_action]

    def _table(self, model: DecisionTableModel, name: str) -> QTableView:
        table = QTableView()
        table.setObjectName("neededTable" if model.needed else "madeTable")
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
        for column, width in ((Column.REF, 48), (Column.TITLE, 230), (Column.FORUM, 130), (Column.STATUS, 80),
                              (Column.WHEN, 90), (Column.KEY, 50)):
            header.resizeSection(column, width)
        table.selectionModel().currentRowChanged.connect(lambda current, _previous, t=table: self._chosen(t, current))
        table.doubleClicked.connect(lambda *_: self.edit_decision())
        add_table_menu(table, self._menu_actions)
        return table

    # refreshing -----------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.document is None:
            return
        current = self.current_ref()
        register = load_register(self.document.plan)
        self.decisions = register.decisions
        self.risk_titles = {r.ref: r.title for r in register.risks}
        self._show_rows()
        if current:
            self.select_record(current)
        elif self.needed_model.rowCount() or self.made_model.rowCount():
            table = self.needed_table if self.needed_model.rowCount() else self.made_table
            table.selectionModel().setCurrentIndex(
                table.model().index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self._show_detail()

    def _show_rows(self) -> None:
        if self.document is None:
            return
        current = self.current_ref()
        text = self.search.text().strip().casefold()
        shown = [d for d in self.decisions if not text or text in " ".join(
            (d.ref, d.title, d.forum_words, d.decision, d.meeting, d.reasons, " ".join(d.milestones),
             " ".join(d.risks))).casefold()]
        as_of = self.document.snapshot.status_date
        needed, made = needed_decisions(shown), made_decisions(shown)
        self.needed_model.set_rows(needed, as_of)
        self.made_model.set_rows(made, as_of)
        flagged = sum(1 for d in needed if notice_problem(d, as_of))
        self.needed_caption.setText(f"Needed ({len(needed)})" + (f" · {flagged} without 28 clear days' notice"
                                                                 if flagged else ""))
        self.made_caption.setText(f"Made ({len(made)})")
        self.count.setText(f"{len(shown)} of {len(self.decisions)}")
        if current:
            self.select_record(current, clear=False)
        self._show_detail()

    def apply_read_only(self, read_only: bool) -> None:
        for action in self.edit_actions:
            action.setEnabled(not read_only)
        self._update_row_actions()

    # selection ------------------------------------------------------------------------------
    def _chosen(self, table: QTableView, current) -> None:  # noqa: ANN001
        if current.isValid():
            self._current = table
            other = self.made_table if table is self.needed_table else self.needed_table
            other.selectionModel().clear()
        self._show_detail()

    def current_decision(self) -> Decision | None:
        index = self._current.currentIndex() if self._current.selectionModel().hasSelection() else None
        return index.data(DECISION_ROLE) if index is not None and index.isValid() else None

    def current_ref(self) -> str | None:
        d = self.current_decision()
        return d.ref if d else None

    def select_record(self, ref: str, clear: bool = True) -> None:
        for table, model in ((self.needed_table, self.needed_model), (self.made_table, self.made_model)):
            row = model.row_of(ref)
            if row >= 0:
                table.selectionModel().setCurrentIndex(
                    model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
                table.scrollTo(model.index(row, 0))
                return
        if clear and self.search.text() and any(d.ref == ref for d in self.decisions):
            self.search.clear()  # hidden by the search: shown again
            self.select_record(ref, clear=False)

    def _update_row_actions(self) -> None:
        editable = self.document is not None and not self.document.read_only
        d = self.current_decision()
        for action in self.row_actions:
            action.setEnabled(editable and d is not None)
        self.made_action.setEnabled(editable and d is not None and d.status is not DecisionStatus.MADE)

    def _show_detail(self) -> None:
        self._update_row_actions()
        d = self.current_decision()
        if d is None:
            self.detail_title.setText("No decision selected" if self.decisions else "No decisions in this plan yet")
            self.detail_text.setText("Select a decision to see its wording, reasons and what it links to."
                                     if self.decisions else
                                     "Add a decision, or import a log with File → Import → Decisions.")
            return
        as_of = self.document.snapshot.status_date
        self.detail_title.setText(f"{d.ref}  {d.title}")
        facts = [f"<b>{escape(d.status.label)}</b>", escape(d.forum_words)]
        if d.key_decision:
            facts.append("key decision")
        if d.exempt:
            facts.append("exempt" + (f" (Schedule 12A paragraph {d.exempt_paragraph})" if d.exempt_paragraph else ""))
        text = " · ".join(facts)
        when = []
        if d.needed_by or d.meeting:
            when.append("needed by " + " ".join(p for p in (f"{d.needed_by:%d/%m/%Y}" if d.needed_by else "",
                                                            f"({escape(d.meeting)})" if d.meeting else "") if p))
        if d.made_on:
            when.append(f"made {d.made_on:%d/%m/%Y}")
        if d.forward_plan_on:
            when.append(f"on the forward plan {d.forward_plan_on:%d/%m/%Y}")
        if when:
            text += "<br>" + " · ".join(when)
        if notice := notice_problem(d, as_of):
            text += f"<br><span style='color:#b3261e'><b>!</b> {escape(notice[:1].upper() + notice[1:])}</span>"
        for label, value in (("Decision", d.decision), ("Reasons", d.reasons), ("Options considered", d.options),
                             ("Conditions", d.conditions)):
            if value:
                text += f"<p><b>{label}:</b> {escape(value)}</p>"
        titles = {m.ref: m.title for m in self.document.snapshot.milestones}
        if d.milestones:
            text += "<p><b>Milestones:</b> " + ", ".join(
                f"<a style='{LINK}' href='milestone:{escape(m)}'>{escape(m)}</a> {escape(titles.get(m, ''))}"
                for m in d.milestones) + "</p>"
        if d.risks:
            text += "<p><b>Risks:</b> " + ", ".join(
                f"<a style='{LINK}' href='risk:{escape(r)}'>{escape(r)}</a> {escape(self.risk_titles.get(r, ''))}"
                for r in d.risks) + "</p>"
        if d.funding_changes:
            text += f"<p><b>Funding changes:</b> {escape('; '.join(d.funding_changes))}</p>"
        cited = [c for c in self.document.snapshot.baseline_changes if c.decision_ref == d.ref]
        if cited:
            text += "<p><b>Re-baselines citing it:</b> " + ", ".join(
                f"<a style='{LINK}' href='milestone:{escape(c.ref)}'>{escape(c.ref)}</a> "
                f"{c.old:%d/%m/%Y} → {c.new:%d/%m/%Y}" for c in cited) + "</p>"
        self.detail_text.setText(text)

    def open_link(self, href: str) -> None:
        kind, _, ref = href.partition(":")
        if kind == "milestone":
            self.milestone_selected.emit(ref)
        elif kind == "risk":
            self.record_requested.emit("Risks", ref)

    # editing --------------------------------------------------------------------------------

    def add_decision(self) -> None:
        if not self.editable():
            return
        dialog = DecisionDialog(self.document, parent=self)
        if run_dialog(dialog):
            self.push_record_edit(AddDecision(self.document, dialog.result_decision), dialog.result_decision.ref)

    def edit_decision(self) -> None:
        d = self.current_decision()
        if d is None or not self.editable():
            return
        dialog = DecisionDialog(self.document, d, parent=self)
        if run_dialog(dialog) and dialog.result_decision != d:
            self.push_record_edit(UpdateDecision(self.document, d, dialog.result_decision), dialog.result_decision.ref)

    def record_made(self) -> None:
        d = self.current_decision()
        if d is None or d.status is DecisionStatus.MADE or not self.editable():
            return
        dialog = DecisionMadeDialog(d, self.document.snapshot.status_date, parent=self)
        if run_dialog(dialog):
            day, wording = dialog.values()
            self.push_record_edit(RecordDecisionMade(self.document, d.ref, day, wording), d.ref)

    def delete_decision(self) -> None:
        d = self.current_decision()
        if d is None or not self.editable():
            return
        answer = QMessageBox.question(self, "Delete decision", f"Delete {d.ref} {d.title}?\n\n"
                                      "You can undo this with Edit → Undo.")
        if answer == QMessageBox.StandardButton.Yes:
            self.push_record_edit(DeleteDecision(self.document, d.ref))

    def records_imported(self, kind, as_of, result) -> None:  # noqa: ANN001
        """The plan's change refreshes the page."""

    # state ----------------------------------------------------------------------------------
    def save_state(self, settings) -> None:  # noqa: ANN001
        settings.set_state("decisions/splitter", self.splitter.saveState())

    def restore_state(self, settings) -> None:  # noqa: ANN001
        if state := settings.state("decisions/splitter"):
            self.splitter.restoreState(state)
