"""The Milestones page: filterable, editable table with a detail panel."""

from __future__ import annotations

from dataclasses import replace
from html import escape

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from trustplanner.domain.enums import STAGE_GATES, Rag
from trustplanner.domain.model import Milestone
from trustplanner.domain.rag import effective_rag, rag_flags
from trustplanner.domain.risks import DecisionStatus, RiskRegister
from trustplanner.domain.words import agree
from trustplanner.services.milestone_lines import MilestoneLine, milestone_lines
from trustplanner.services.risks import load_register
from trustplanner.ui.column_chooser import ColumnChooser, FitColumn
from trustplanner.ui.commands import (
    AddMilestone,
    DeleteMilestone,
    Rebaseline,
    UpdateMilestone,
    duplicate_of,
    push_edit,
)
from trustplanner.ui.delegates import (
    STAGE_CHOICES,
    WORKSTREAM_CHOICES,
    ChoiceDelegate,
    DateDelegate,
    RagDelegate,
)
from trustplanner.ui.dialogs import run_dialog
from trustplanner.ui.dialogs.milestone_dialogs import (
    CommentaryDialog,
    DependenciesDialog,
    MilestoneDialog,
    RebaselineDialog,
)
from trustplanner.ui.dialogs.register_dialogs import DecisionDialog
from trustplanner.ui.dialogs.status_dialogs import MarkCompleteDialog, RagDialog
from trustplanner.ui.errors import error_text
from trustplanner.ui.flow_layout import FlowLayout
from trustplanner.ui.icons import icon
from trustplanner.ui.models.milestone_filter import MilestoneFilter
from trustplanner.ui.models.milestone_table import (
    FLAG_MARK,
    LINE_ROLE,
    Column,
    MilestoneTableModel,
)
from trustplanner.ui.pages.base import Page
from trustplanner.ui.register_links import milestone_register_html, open_register_link
from trustplanner.ui.table_menu import add_table_menu
from trustplanner.ui.widgets import (
    ANY,
    MessageBar,
    fill_filter,
    heading,
    keep_wrapped_height,
)

SEARCH_WIDTH = 220  # the placeholder's first words stay readable (docs/design/0010)
#: shown next to each other first, so they fit beside the detail pane on a 1366 px laptop at 150%
FIRST_COLUMNS = (Column.REF, Column.RAG, Column.TITLE, Column.FORECAST, Column.OWNER)


class MilestonesPage(Page):
    title = "Milestones"
    areas = frozenset({"milestones", "services", "risks", "decisions"})
    icon = "milestones.svg"

    def __init__(self, parent=None):
        super().__init__(parent)
        self._saving_commentary = False
        self.register = RiskRegister()  # the risks and decisions linked to milestones
        self.model = MilestoneTableModel(self)
        self.proxy = MilestoneFilter(self)
        self.proxy.setSourceModel(self.model)
        self.model.edit_requested.connect(self.request_edit)

        self.table = QTableView()
        self.table.setObjectName("milestonesTable")
        self.table.setAccessibleName("Milestones")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.REF, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # F2 or a double-click edits a cell; typing alone never starts overwriting one
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setItemDelegateForColumn(Column.RAG, RagDelegate(self._rag_choices_for, self.table))
        self.date_delegates = [DateDelegate(parent=self.table), DateDelegate(clearable=True, parent=self.table)]
        self.table.setItemDelegateForColumn(Column.FORECAST, self.date_delegates[0])
        self.table.setItemDelegateForColumn(Column.ACTUAL, self.date_delegates[1])
        self.table.setItemDelegateForColumn(Column.STAGE, ChoiceDelegate(STAGE_CHOICES, parent=self.table))
        self.table.setItemDelegateForColumn(Column.WORKSTREAM,
                                            ChoiceDelegate(WORKSTREAM_CHOICES, editable=True, parent=self.table))
        self.table.setItemDelegateForColumn(Column.SERVICE, ChoiceDelegate(self._service_choices, parent=self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((Column.REF, 70), (Column.RAG, 44), (Column.TITLE, 320), (Column.BASELINE, 86),
                              (Column.FORECAST, 86), (Column.ACTUAL, 86), (Column.SLIP, 66), (Column.OWNER, 130),
                              (Column.WORKSTREAM, 150), (Column.SERVICE, 150), (Column.STAGE, 90),
                              (Column.DEPENDS_ON, 120)):
            header.resizeSection(column, width)
        for visual, column in enumerate(FIRST_COLUMNS):
            header.moveSection(header.visualIndex(column), visual)
        self.column_chooser = ColumnChooser(self.table, always=(Column.REF, Column.TITLE))
        self.title_fit = FitColumn(self.table, Column.TITLE, FIRST_COLUMNS, minimum=130, maximum=420)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_row_actions())
        #: the milestone whose commentary the detail pane holds (saved from there when it is left)
        self._commentary_ref: str | None = None
        self._commentary_shown = ""  # the stored commentary the pane was last given

        self.messages = MessageBar()
        for delegate in self.date_delegates:
            delegate.refused.connect(self.messages.show_message)
        self._build_filters()
        self._build_actions()
        self._build_detail()
        add_table_menu(self.table, self._menu_actions)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([900, 320])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.toolbar)
        layout.addLayout(self.filter_row)
        layout.addWidget(self.messages)
        layout.addWidget(self.splitter, 1)

    # building -------------------------------------------------------------------------------
    def _build_filters(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search ref, title, owner, commentary")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search milestones")
        self.workstream_filter = QComboBox()
        self.service_filter = QComboBox()
        self.stage_filter = QComboBox()
        self.rag_filter = QComboBox()
        for combo, name in ((self.workstream_filter, "Workstream"), (self.service_filter, "Service"),
                            (self.stage_filter, "Stage"), (self.rag_filter, "RAG")):
            combo.setAccessibleName(f"Filter by {name.lower()}")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.stage_filter.addItem(ANY, None)
        for stage in STAGE_GATES:
            self.stage_filter.addItem(stage.label, stage)
        self.rag_filter.addItem(ANY, None)
        for rag in (Rag.RED, Rag.AMBER, Rag.GREEN, Rag.COMPLETE):
            self.rag_filter.addItem(rag.label, rag)
        self.count = QLabel()
        self.refs_filter: tuple[str, frozenset[str]] | None = None  # (label, refs) chosen elsewhere
        self.show_all = QPushButton("Show all")
        self.show_all.setFlat(True)
        self.show_all.setStyleSheet("color: #1f5fa8; text-decoration: underline;")
        self.show_all.clicked.connect(self.clear_filters)
        self.show_all.hide()
        self.filter_row = FlowLayout()  # wraps onto a second line in a narrow window
        self.search.setMinimumWidth(SEARCH_WIDTH)
        self.filter_row.addWidget(self.search, 3)
        for label, combo in (("Workstream", self.workstream_filter), ("Service", self.service_filter),
                             ("Stage", self.stage_filter), ("RAG", self.rag_filter)):
            caption = QLabel(label)
            caption.setBuddy(combo)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12 if combo in (self.workstream_filter, self.service_filter) else 7)
            self.filter_row.add_group(caption, combo, stretch=1)
        self.filter_row.add_group(self.count, self.show_all)
        self.search.textChanged.connect(self.apply_filters)
        for combo in (self.workstream_filter, self.service_filter, self.stage_filter, self.rag_filter):
            combo.currentIndexChanged.connect(self.apply_filters)

    def _build_actions(self) -> None:
        self.toolbar = QToolBar("Milestone actions")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.add_action = self._action("&Add milestone…", "add.svg", self.add_milestone, QKeySequence.StandardKey.New)
        self.add_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.duplicate_action = self._action("D&uplicate", "duplicate.svg", self.duplicate_milestone,
                                             QKeySequence("Ctrl+D"), on_toolbar=False)
        self.delete_action = self._action("&Delete", "delete.svg", self.delete_milestone,
                                          QKeySequence.StandardKey.Delete)
        self.toolbar.addSeparator()
        self.complete_action = self._action("Mark &complete…", "complete.svg", self.mark_complete,
                                            QKeySequence("Ctrl+Return"))
        self.complete_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.complete_action.setToolTip("Record the actual date: the forecast, or today (Ctrl+Enter)")
        self.rag_action = self._action("RA&G status…", "rag.svg", self.set_rag, QKeySequence("Ctrl+R"))
        self.rag_action.setToolTip("Report the RAG status with its commentary (Ctrl+R)")
        self.edit_action = self._action("&Edit…", "edit.svg", self.edit_milestone, QKeySequence("Ctrl+E"))
        self.dependencies_action = self._action("De&pendencies…", "dependencies.svg", self.edit_dependencies,
                                                QKeySequence("Ctrl+Shift+D"), on_toolbar=False)
        self.rebaseline_action = self._action("&Re-baseline…", "rebaseline.svg", self.rebaseline_milestone,
                                              QKeySequence("Ctrl+Shift+B"))
        self.edit_actions = [self.add_action, self.duplicate_action, self.delete_action, self.complete_action,
                             self.rag_action, self.edit_action, self.dependencies_action, self.rebaseline_action]
        #: the actions that need a selected milestone (and the plan open for editing)
        self.row_actions = [self.duplicate_action, self.delete_action, self.complete_action, self.rag_action,
                            self.edit_action, self.dependencies_action, self.rebaseline_action]

    def _menu_actions(self) -> list[QAction | None]:
        return [self.edit_action, self.complete_action, self.rag_action, self.dependencies_action,
                self.rebaseline_action, None, self.add_action, self.duplicate_action, self.delete_action]

    def _update_row_actions(self) -> None:
        """Actions follow the selected row: nothing to act on, or a plan open read-only, disables them."""
        line = self.current_line()
        editable = self.document is not None and not self.document.read_only
        for action in self.row_actions:
            action.setEnabled(editable and line is not None)
        if line is None or not editable:
            return
        m = line.milestone
        self.complete_action.setEnabled(m.actual is None)
        self.rag_action.setEnabled(m.actual is None)
        self.delete_action.setEnabled(not m.derived)
        self.duplicate_action.setEnabled(not m.derived)
        self.dependencies_action.setEnabled(not m.derived)
        self.rebaseline_action.setEnabled(not m.derived)

    def _rag_choices_for(self, line: MilestoneLine):  # noqa: ANN202
        snapshot = self.document.snapshot
        return line.milestone, snapshot.status_date, snapshot.programme.tolerance_days

    def _action(self, text: str, icon_name: str, slot, shortcut, *, on_toolbar: bool = True) -> QAction:
        """A page action with its shortcut; ``on_toolbar`` False keeps it to the menus (Edit → Milestone
        and right-click), so the toolbar fits a laptop at 150% without hiding buttons behind »."""
        action = QAction(icon(icon_name), text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        if on_toolbar:
            self.toolbar.addAction(action)
        return action

    def _build_detail(self) -> None:
        self.detail = QWidget()
        self.detail.setMinimumWidth(220)
        self.detail_title = heading("")
        self.detail_title.setWordWrap(True)
        self.detail_status = QLabel()
        self.detail_status.setWordWrap(True)
        self.detail_status.setTextFormat(Qt.TextFormat.RichText)
        self.detail_baselines = QLabel()
        self.detail_baselines.setObjectName("baselineHistory")
        self.detail_baselines.setWordWrap(True)
        self.detail_baselines.setTextFormat(Qt.TextFormat.RichText)
        self.detail_baselines.setAccessibleName("Re-baseline history")
        self.detail_register = QLabel()
        self.detail_register.setObjectName("milestoneRegister")
        self.detail_register.setAccessibleName("Risks and decisions of the milestone")
        self.detail_register.setWordWrap(True)
        self.detail_register.setTextFormat(Qt.TextFormat.RichText)
        self.detail_register.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.detail_register.linkActivated.connect(lambda href: open_register_link(self, href))
        keep_wrapped_height(self.detail_title, self.detail_status, self.detail_baselines, self.detail_register)
        self.commentary = QPlainTextEdit()
        self.commentary.setAccessibleName("Commentary")
        self.commentary.setPlaceholderText("Commentary: cause, impact and recovery (required for amber and red)")
        self.commentary.setToolTip("Saved when you leave this box or choose another milestone (Ctrl+S saves now)")
        self.commentary.setTabChangesFocus(True)
        self.commentary.installEventFilter(self)
        self.save_commentary = QPushButton("Save commentary")
        self.save_commentary.clicked.connect(self._save_commentary)
        layout = QVBoxLayout(self.detail)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.detail_title)
        layout.addWidget(self.detail_status)
        layout.addWidget(self.detail_baselines)
        layout.addWidget(self.detail_register)
        layout.addWidget(QLabel("Commentary"))
        layout.addWidget(self.commentary, 1)
        layout.addWidget(self.save_commentary, 0, Qt.AlignmentFlag.AlignRight)

    # refreshing -----------------------------------------------------------------------------
    def refresh(self) -> None:
        snapshot = self.document.snapshot
        current = self.current_ref()
        self.register = load_register(self.document.plan)
        self.model.set_lines(milestone_lines(snapshot))
        fill_filter(self.workstream_filter, sorted({m.workstream for m in snapshot.milestones}))
        fill_filter(self.service_filter, [s.name for s in snapshot.services])
        self._update_count()
        if current:
            self.select_milestone(current)
        self._show_detail()
        self._update_row_actions()

    def apply_read_only(self, read_only: bool) -> None:
        self.model.read_only = read_only
        for action in self.edit_actions:
            action.setEnabled(not read_only)
        self._update_row_actions()
        self.commentary.setReadOnly(read_only)
        self.save_commentary.setEnabled(not read_only)


    def _service_choices(self) -> list[str]:
        return [""] + [s.name for s in self.document.snapshot.services] if self.document else [""]

    def apply_filters(self) -> None:
        self.proxy.set_filters(workstream=self.workstream_filter.currentData(),
                               service=self.service_filter.currentData(), stage=self.stage_filter.currentData(),
                               rag=self.rag_filter.currentData(), text=self.search.text(),
                               refs=self.refs_filter[1] if self.refs_filter else None)
        self._update_count()

    def show_refs(self, label: str, refs: list[str]) -> None:
        """List just these milestones (e.g. the overview's overdue ones), other filters cleared."""
        self.refs_filter = (label, frozenset(refs))
        self._reset_controls()
        self.apply_filters()

    def clear_filters(self) -> None:
        self.refs_filter = None
        self._reset_controls()
        self.apply_filters()

    def _reset_controls(self) -> None:
        for widget in (self.search, self.workstream_filter, self.service_filter, self.stage_filter, self.rag_filter):
            widget.blockSignals(True)
        self.search.clear()
        for combo in (self.workstream_filter, self.service_filter, self.stage_filter, self.rag_filter):
            combo.setCurrentIndex(0)
        for widget in (self.search, self.workstream_filter, self.service_filter, self.stage_filter, self.rag_filter):
            widget.blockSignals(False)

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if self.refs_filter:
            self.count.setText(f"{shown} {self.refs_filter[0]} milestone{'s' if shown != 1 else ''}")
        else:
            self.count.setText(f"{shown} of {total}")
        self.show_all.setVisible(self.refs_filter is not None or shown != total)

    # selection ------------------------------------------------------------------------------
    def current_line(self) -> MilestoneLine | None:
        index = self.table.currentIndex()
        return index.data(LINE_ROLE) if index.isValid() else None

    def current_ref(self) -> str | None:
        line = self.current_line()
        return line.ref if line else None

    def select_milestone(self, ref: str) -> None:
        row = self.model.row_of(ref)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():  # hidden by a filter: clear filters so it can be shown
            self.clear_filters()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def _show_detail(self) -> None:
        line = self.current_line()
        if self._commentary_ref is not None and self._commentary_ref != (line.ref if line else None):
            self._save_commentary()  # leaving the row: what was typed for it is kept
            line = self.current_line()
        if line is None:
            self._commentary_ref = None
            self.detail_title.setText("No milestone selected")
            self.detail_status.setText("Select a milestone to see its status and commentary.")
            self.commentary.setPlainText("")
            self.commentary.setEnabled(False)
            self.detail_baselines.setText("")
            self.detail_register.setText("")
            self.detail_register.hide()
            return
        m = line.milestone
        # another milestone, or this one's changed (an undo) while the pane holds nothing typed
        if self._commentary_ref != m.ref or self.commentary.toPlainText() == self._commentary_shown:
            self._commentary_ref, self._commentary_shown = m.ref, m.commentary
            if self.commentary.toPlainText() != m.commentary:
                self.commentary.setPlainText(m.commentary)
        self.commentary.setEnabled(True)
        self.detail_title.setText(f"{m.ref}  {m.title}")
        facts = [f"<b>{line.rag.label}</b>"]
        if line.overdue:
            facts.append("overdue")
        if line.slip_days:
            facts.append(f"{_working_days(line.slip_days)} against baseline")
        if line.reported:
            facts.append(f"reported {line.reported.value}")
        if m.derived:
            facts.append("<i>derived from the staff data</i>")
        text = " · ".join(facts)
        where = [m.owner, m.workstream, m.service or "whole programme", f"{m.stage.label} stage"]
        text += "<br>" + " · ".join(part for part in where if part)
        text += f"<br>Baseline {m.baseline:%d/%m/%Y} · Forecast {m.forecast:%d/%m/%Y}"
        if m.actual:
            text += f" · Actual {m.actual:%d/%m/%Y}"
        if line.original_baseline is not None:
            text += (f"<br>Original baseline {line.original_baseline:%d/%m/%Y}: "
                     f"{_working_days(line.slip_from_original)} against it")
        if m.depends_on:
            text += "<br>Depends on " + ", ".join(m.depends_on)
        if line.pushed_to:
            text += (f"<br><span style='color:#b3261e'>Knock-on: a predecessor now finishes "
                     f"{line.pushed_to:%d/%m/%Y}, after this forecast.</span>")
        for flag in line.flags:
            text += f"<br><span style='color:#b3261e'><b>{FLAG_MARK}</b> {escape(_sentence(flag))}</span>"
        self.detail_status.setText(text)
        self.detail_baselines.setText(baseline_history_html(self.document.snapshot.baseline_changes_of(m.ref)))
        register_text = milestone_register_html(self.register, m.ref)
        self.detail_register.setText(register_text)
        self.detail_register.setVisible(bool(register_text))

    # editing ---------------------------------------------------------------------------------
    def request_edit(self, old: Milestone, new: Milestone, text: str | None = None, *,
                     ask_commentary: bool = True) -> bool:
        """Run an edit as an undoable command, asking for commentary if it turns amber or red
        (not when the edit came from a dialog that already showed that rule: ``ask_commentary``).

        A commentary is asked for, not required: without one the edit is saved and flagged.
        """
        snapshot = self.document.snapshot
        as_of, tolerance = snapshot.status_date, snapshot.programme.tolerance_days
        rag = effective_rag(new, as_of, tolerance)
        if ask_commentary and rag.needs_commentary and not new.commentary.strip():
            dialog = CommentaryDialog(new, rag.value, self)
            if not run_dialog(dialog):
                self.messages.show_message(f"{old.ref} not changed.", "warning")
                return False
            new = replace(new, commentary=dialog.commentary())
        error = push_edit(self.document, UpdateMilestone(self.document, old, new, text))
        if error is not None:
            self.messages.show_message(f"{old.ref} not changed: {error_text(error)}")
            return False
        if flags := rag_flags(new, as_of, tolerance):
            self.messages.show_message(f"{new.ref} saved; flagged: {'; '.join(flags)}.", "warning")
        else:
            self.messages.hide()
        return True

    def add_milestone(self) -> None:
        dialog = MilestoneDialog(self.document.snapshot, parent=self)
        if run_dialog(dialog):
            self._push_and_select(AddMilestone(self.document, dialog.result_milestone))

    def edit_milestone(self) -> None:
        line = self.current_line()
        if line is None:
            return
        dialog = MilestoneDialog(self.document.snapshot, line.milestone, parent=self)
        if run_dialog(dialog) and dialog.result_milestone != line.milestone:
            if self.request_edit(line.milestone, dialog.result_milestone, ask_commentary=False):
                self.select_milestone(dialog.result_milestone.ref)

    def mark_complete(self) -> None:
        line = self.current_line()
        if line is None or line.milestone.actual is not None or self.document.read_only:
            return
        dialog = MarkCompleteDialog(line.milestone, parent=self)
        if run_dialog(dialog):
            self.request_edit(line.milestone, dialog.result_milestone,
                              f"Mark {line.ref} complete on {dialog.result_milestone.actual:%d/%m/%Y}")

    def set_rag(self) -> None:
        line = self.current_line()
        if line is None or line.milestone.actual is not None or self.document.read_only:
            return
        snapshot = self.document.snapshot
        dialog = RagDialog(line.milestone, snapshot.status_date, snapshot.programme.tolerance_days, self)
        if run_dialog(dialog) and dialog.result_milestone != line.milestone:
            self.request_edit(line.milestone, dialog.result_milestone, f"RAG status of {line.ref}",
                              ask_commentary=False)

    def duplicate_milestone(self) -> None:
        line = self.current_line()
        if line is None:
            return
        copy = duplicate_of(line.milestone, {m.ref for m in self.document.snapshot.milestones})
        self._push_and_select(AddMilestone(self.document, copy, f"Duplicate {line.ref} as {copy.ref}"))

    def delete_milestone(self) -> None:
        line = self.current_line()
        if line is None:
            return
        dependants = [m.ref for m in self.document.snapshot.milestones if line.ref in m.depends_on]
        detail = (f"\n\n{agree(dependants, 'depends', 'depend')} on it and will lose "
                  f"{'that link' if len(dependants) == 1 else 'those links'}." if dependants else "")
        answer = QMessageBox.question(self, "Delete milestone", f"Delete {line.ref} {line.milestone.title}?{detail}"
                                      "\n\nYou can undo this with Edit → Undo.")
        if answer == QMessageBox.StandardButton.Yes:
            self._push(DeleteMilestone(self.document, line.ref))

    def edit_dependencies(self) -> None:
        line = self.current_line()
        if line is None:
            return
        dialog = DependenciesDialog(self.document.snapshot, line.milestone, self)
        if run_dialog(dialog):
            self.request_edit(line.milestone, dialog.result_milestone, f"Dependencies of {line.ref}")

    def rebaseline_milestone(self) -> None:
        line = self.current_line()
        if line is None:
            return
        made = [d for d in self.register.decisions if d.status is DecisionStatus.MADE]
        dialog = RebaselineDialog(line.milestone, self, made, new_decision=lambda: self._ask_decision(line.ref))
        if run_dialog(dialog):
            day, reason, decision = dialog.values()
            cited = dialog.decision_ref()
            new = dialog.pending_decision
            new = new if new is not None and cited == new.ref else None
            self._push(Rebaseline(self.document, line.ref, day, reason, decision, cited, new_decision=new))

    def _ask_decision(self, ref: str):  # noqa: ANN202
        """A new made decision for a re-baseline of ``ref`` (not yet in the log), or None."""
        dialog = DecisionDialog(self.document, parent=self, made=True, milestone=ref)
        return dialog.result_decision if run_dialog(dialog) else None

    def eventFilter(self, watched, event) -> bool:  # noqa: ANN001
        if watched is self.commentary and event.type() == QEvent.Type.FocusOut:
            self._save_commentary()
        return super().eventFilter(watched, event)

    def commit_pending(self) -> None:
        self._save_commentary()

    def _save_commentary(self) -> None:
        """Save the detail pane's commentary for its milestone, if it was changed.

        Refused or cancelled, the text stays in the pane with the reason above it, never dropped.
        """
        ref = self._commentary_ref
        if ref is None or self.document is None or self.document.read_only or self._saving_commentary:
            return
        milestone = next((m for m in self.document.snapshot.milestones if m.ref == ref), None)
        text = self.commentary.toPlainText().strip()
        if milestone is None or text == milestone.commentary.strip():
            return
        self._saving_commentary = True
        try:
            saved = self.request_edit(milestone, replace(milestone, commentary=text), f"Edit commentary of {ref}")
        finally:
            self._saving_commentary = False
        if not saved and self.current_ref() != ref:  # the text is not lost: back to its milestone
            self.select_milestone(ref)

    def _push(self, command) -> bool:
        error = push_edit(self.document, command)
        if error is not None:
            self.messages.show_message(error_text(error))
            return False
        self.messages.hide()
        return True

    def _push_and_select(self, command: AddMilestone) -> None:
        if self._push(command):
            self.select_milestone(command.milestone.ref)

    # state ----------------------------------------------------------------------------------
    def save_state(self, settings) -> None:
        settings.set_state("milestones/splitter", self.splitter.saveState())
        settings.set_state("milestones/header", self.table.horizontalHeader().saveState())

    def restore_state(self, settings) -> None:
        if state := settings.state("milestones/splitter"):
            self.splitter.restoreState(state)
        if state := settings.state("milestones/header"):
            self.table.horizontalHeader().restoreState(state)
            self.title_fit.user_sized = True  # widths the user chose (or were fitted last time) stay


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _working_days(days: int) -> str:
    return f"{days:+d} working day{'' if abs(days) == 1 else 's'}" if days else "on time"


def baseline_history_html(changes) -> str:  # noqa: ANN001
    """The re-baselines of one milestone, newest first: old → new, reason, decision, who and when."""
    if not changes:
        return "<span style='color:#555'>Never re-baselined.</span>"
    items = []
    for change in reversed(changes):
        who = escape(change.by) if change.by else "who not recorded"
        items.append(f"<li><b>{change.old:%d/%m/%Y} → {change.new:%d/%m/%Y}</b>: {escape(change.reason)}<br>"
                     f"Approved by {escape(change.decision)} · {who}, {change.at:%d/%m/%Y %H:%M}</li>")
    plural = "s" if len(changes) != 1 else ""
    return (f"<b>Re-baselined {len(changes)} time{plural}</b>"
            f"<ul style='margin-left:-20px; margin-top:2px'>{''.join(items)}</ul>")
