"""The Staff page: who transfers under TUPE and when, the workforce figures, and HR imports.

Staff are shown as at a date (by default the plan's status date) from the dated history, so a
past position can be looked at again. Names and salaries are personal data: hidden until the
user ticks "Show names and salaries", and hidden again whenever a plan is opened.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QByteArray, QDate, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trustplanner.domain.staff import Employment, StaffRecord
from trustplanner.services.kinds import RecordKind, kind_named
from trustplanner.services.staff import load_staff
from trustplanner.ui.date_field import DateField
from trustplanner.ui.flow_layout import FlowLayout
from trustplanner.ui.icons import icon
from trustplanner.ui.import_dialog import run_import
from trustplanner.ui.pages.base import Page
from trustplanner.ui.settings import Settings
from trustplanner.ui.staff.summary import StaffSummary
from trustplanner.ui.staff.table import Column, StaffFilter, StaffTableModel
from trustplanner.ui.table_menu import add_table_menu
from trustplanner.ui.widgets import ANY, MessageBar, fill_filter, heading

SEARCH_WIDTH = 220  # the placeholder's first words stay readable (docs/design/0010)
TABLE_ROWS = 6
COLUMN_WIDTHS = {
    Column.REF: 84, Column.NAME: 150, Column.SERVICE: 170, Column.TEAM: 150, Column.ROLE: 170, Column.GRADE: 56,
    Column.EMPLOYMENT: 96, Column.FTE: 52, Column.COST: 90, Column.TUPE: 74, Column.PENSION: 66,
    Column.CASELOAD: 70, Column.TRANSFER_DATE: 96, Column.ELI_SENT: 84, Column.CONSULTATION: 100,
}


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class StaffPage(Page):
    title = "Staff"
    areas = frozenset({"staff", "services", "milestones"})
    icon = "staff.svg"
    import_kinds = ("staff",)  # File → Import tells this page about these kinds' imports

    def __init__(self, parent=None):
        super().__init__(parent)
        self.settings: Settings | None = None
        self.records: list[StaffRecord] = []
        self.as_at: date | None = None
        self._as_at_chosen = False  # False: the as-at date follows the plan's status date
        self._sized = False  # True once the user has set the splitter (dragged now, or restored from settings)
        self.model = StaffTableModel(self)
        self.proxy = StaffFilter(self)
        self.proxy.setSourceModel(self.model)

        self.messages = MessageBar()
        self.summary = StaffSummary()
        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_empty())
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.summary)
        self.splitter.addWidget(self._build_table())
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.splitterMoved.connect(self._splitter_dragged)
        self.stack.addWidget(self.splitter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(8)
        layout.addLayout(self._build_top())
        layout.addWidget(self.messages)
        layout.addWidget(self.stack, 1)

    # building -------------------------------------------------------------------------------
    def _build_top(self) -> QHBoxLayout:
        self.as_at_edit = DateField(date.today())
        self.as_at_edit.setAccessibleName("Staff as at")
        self.as_at_edit.setToolTip("Show the staff, and the figures, as the HR extracts recorded them on this date")
        self._as_at_timer = QTimer(self)
        self._as_at_timer.setSingleShot(True)
        self._as_at_timer.setInterval(300)
        self._as_at_timer.timeout.connect(self._as_at_edited)
        self.as_at_edit.dateChanged.connect(lambda *_: self._as_at_timer.start())
        caption = QLabel("Staff as at")
        caption.setBuddy(self.as_at_edit)
        self.status_date_button = QPushButton()
        self.status_date_button.setFlat(True)
        self.status_date_button.setStyleSheet("color: #1f5fa8; text-decoration: underline;")
        self.status_date_button.clicked.connect(self.follow_status_date)
        self.status_date_button.hide()
        self.show_names_box = QCheckBox("Show names and salaries")
        self.show_names_box.setAccessibleName("Show names and salaries")
        self.show_names_box.setToolTip("Names and salaries are personal data: shown only while this is ticked, "
                                       "and hidden again whenever a plan is opened")
        self.show_names_box.toggled.connect(self.set_show_names)
        self.import_button = QPushButton(icon("import.svg"), "Import staff…")
        self.import_button.setToolTip("Import an HR extract (CSV or Excel): preview joiners, leavers and "
                                      "changes before anything changes")
        self.import_button.clicked.connect(self.import_staff)
        self.position_controls = [caption, self.as_at_edit, self.show_names_box]
        row = QHBoxLayout()
        row.addWidget(caption)
        row.addWidget(self.as_at_edit)
        row.addWidget(self.status_date_button)
        row.addSpacing(16)
        row.addWidget(self.show_names_box)
        row.addStretch(1)
        row.addWidget(self.import_button)
        return row

    def _build_empty(self) -> QWidget:
        box = QWidget()
        title = heading("No staff in this plan yet")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text = QLabel(
            "Import an HR extract to see who transfers to the trust under TUPE and when, the agency and vacancy "
            "rates, and how far ELI and consultation have got.<br><br>A CSV or Excel file with the columns "
            "<b>ref, service, employment, fte, annual_cost</b> and, if you have them, name, team, role, grade, "
            "tupe, pension, caseload, transfer_date, eli_sent and consultation.")
        self.empty_text.setTextFormat(Qt.TextFormat.RichText)
        self.empty_text.setWordWrap(True)
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text.setMinimumWidth(320)
        self.empty_text.setMaximumWidth(560)
        self.empty_text.setStyleSheet("color: #4d5666;")
        text_row = QHBoxLayout()  # the label takes its width from the row, so it wraps to its full height
        text_row.addStretch(1)
        text_row.addWidget(self.empty_text, 4)
        text_row.addStretch(1)
        self.empty_import_button = QPushButton(icon("import.svg"), "Import staff…")
        self.empty_import_button.clicked.connect(self.import_staff)
        layout = QVBoxLayout(box)
        layout.addStretch(1)
        layout.addWidget(title, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(text_row)
        layout.addSpacing(8)
        layout.addWidget(self.empty_import_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        return box

    def _build_table(self) -> QWidget:
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search staff")
        self.service_filter, self.team_filter = QComboBox(), QComboBox()
        self.employment_filter, self.transfers_filter = QComboBox(), QComboBox()
        self.employment_filter.addItem(ANY, None)
        for employment in Employment:
            self.employment_filter.addItem(employment.label, employment)
        self.transfers_filter.addItem(ANY, None)
        self.transfers_filter.addItem("Yes", True)
        self.transfers_filter.addItem("No", False)
        self.count = QLabel()
        self.count.setStyleSheet("color: #4d5666;")
        filters = FlowLayout()  # wraps onto a second line in a narrow window
        self.search.setMinimumWidth(SEARCH_WIDTH)
        filters.addWidget(self.search, 3)
        for label, combo in (("Service", self.service_filter), ("Team", self.team_filter),
                             ("Employment", self.employment_filter), ("Transfers", self.transfers_filter)):
            combo.setAccessibleName(f"Filter by {label.lower()}")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMinimumContentsLength(4)
            combo.currentIndexChanged.connect(self.apply_filters)
            caption = QLabel(label)
            caption.setBuddy(combo)
            filters.add_group(caption, combo, stretch=1 if combo in (self.service_filter, self.team_filter) else 0)
        filters.addWidget(self.count)
        self.service_filter.currentIndexChanged.connect(self._fill_teams)
        self.search.textChanged.connect(self.apply_filters)
        self._update_search_hint()

        self.table = QTableView()
        self.table.setObjectName("staffTable")
        self.table.setAccessibleName("Staff")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.REF, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.import_action = QAction(icon("import.svg"), "&Import staff…", self.table)
        self.import_action.triggered.connect(self.import_staff)
        add_table_menu(self.table, [self.import_action])
        self.table.setMinimumHeight(TABLE_ROWS * 24 + 30)  # the page scrolls before the list gets shorter
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, width)

        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        return box

    # plan and date ------------------------------------------------------------------------------
    def set_document(self, document) -> None:
        """A newly opened plan starts with names hidden and the as-at date on its status date."""
        self.show_names_box.blockSignals(True)
        self.show_names_box.setChecked(False)
        self.show_names_box.blockSignals(False)
        self.model.set_show_names(False)
        self._as_at_chosen = False
        self.as_at = None
        self._reset_filters()
        super().set_document(document)

    def apply_read_only(self, read_only: bool) -> None:
        self.import_action.setEnabled(not read_only)
        for button in (self.import_button, self.empty_import_button):
            button.setEnabled(not read_only)
            button.setToolTip("This plan is open read-only: staff cannot be imported" if read_only else
                              "Import an HR extract (CSV or Excel): preview joiners, leavers and changes first")

    def refresh(self) -> None:
        if self.document is None:
            return
        snapshot = self.document.snapshot
        if not self._as_at_chosen or self.as_at is None:
            self.as_at = snapshot.status_date
        self.as_at_edit.blockSignals(True)
        self.as_at_edit.setDate(_qdate(self.as_at))
        self.as_at_edit.blockSignals(False)
        self._as_at_timer.stop()
        on_status = self.as_at == snapshot.status_date
        self.status_date_button.setText(f"Back to the status date ({snapshot.status_date:%d/%m/%Y})")
        self.status_date_button.setVisible(not on_status)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.records = load_staff(self.document.plan, on=self.as_at)
            latest = self.records or load_staff(self.document.plan)
        finally:
            QGuiApplication.restoreOverrideCursor()
        for widget in self.position_controls:  # nothing to show as at a date, or by name, in an empty plan
            widget.setVisible(bool(latest))
        self.import_button.setVisible(bool(latest))
        if not latest:
            self.stack.setCurrentIndex(0)
            self.messages.hide()
        else:
            self.stack.setCurrentIndex(1)
            if not self.records:
                self.messages.show_message(f"No staff on record as at {self.as_at:%d/%m/%Y}: the staff data starts "
                                           f"later (the latest extract lists {len(latest):,}). Choose a later date.",
                                           "info")
            else:
                self.messages.hide()
        self.model.set_rows(self.records, snapshot)
        self.summary.show_staff(self.records, snapshot)
        if not self._sized:
            QTimer.singleShot(0, self._fit_summary)  # once the splitter and the charts have their sizes
        fill_filter(self.service_filter, [s.name for s in snapshot.services])
        self._fill_teams()
        self.apply_filters()

    def _fit_summary(self) -> None:
        """Give the summary the height its charts ask for and the table the rest (until the user drags)."""
        total = sum(self.splitter.sizes())
        if self._sized or total <= 0 or self.stack.currentIndex() != 1:
            return
        wanted = max(self.summary.sizeHint().height(), self.summary.minimumSizeHint().height())
        if wanted > total // 2:  # a small screen: the charts take their least before the table gives way
            wanted = max(self.summary.minimumSizeHint().height(), self.summary.minimumHeight(), total // 2)
        table = max(total - wanted, self.splitter.widget(1).minimumSizeHint().height(),
                    self.splitter.widget(1).minimumHeight())
        self.splitter.setSizes([total - table, table])

    def _splitter_dragged(self) -> None:
        self._sized = True

    def resizeEvent(self, event) -> None:  # noqa: ANN001
        super().resizeEvent(event)
        if not self._sized:
            QTimer.singleShot(0, self._fit_summary)

    def set_as_at(self, day: date) -> None:
        """Show the staff as at ``day`` (chosen by the user: it no longer follows the status date)."""
        self._as_at_chosen = True
        self.as_at = day
        self.refresh()

    def follow_status_date(self) -> None:
        self._as_at_chosen = False
        self.refresh()

    def _as_at_edited(self) -> None:
        if not self.as_at_edit.check():
            self.messages.show_message(f"Staff as at: {self.as_at_edit.problem()}")
            return
        day = self.as_at_edit.date().toPython()
        if day != self.as_at:
            self.set_as_at(day)

    def records_imported(self, kind: RecordKind, as_of: date | None, result: object) -> None:
        """After an import, show staff as at its extract date, so the new extract is on screen."""
        if as_of is not None and as_of != self.as_at:
            self.set_as_at(as_of)

    # names ----------------------------------------------------------------------------------
    @property
    def show_names(self) -> bool:
        return self.model.show_names

    @property
    def show_personal(self) -> bool:
        """An import preview opened from here shows names and salaries when the page does."""
        return self.show_names

    def set_show_names(self, show: bool) -> None:
        if self.show_names_box.isChecked() != show:
            self.show_names_box.setChecked(show)  # comes back here through toggled
            return
        self.model.set_show_names(show)
        self._update_search_hint()
        self.apply_filters()

    def _update_search_hint(self) -> None:
        self.search.setPlaceholderText("Search ref, role, team" + (", name" if self.show_names else ""))

    # filters --------------------------------------------------------------------------------

    def _fill_teams(self) -> None:
        service = self.service_filter.currentData()
        teams = sorted({r.team for r in self.records if r.team and (service is None or r.service == service)},
                       key=str.casefold)
        fill_filter(self.team_filter, teams)

    def apply_filters(self) -> None:
        self.proxy.set_filters(service=self.service_filter.currentData(), team=self.team_filter.currentData(),
                               employment=self.employment_filter.currentData(),
                               transfers=self.transfers_filter.currentData(), text=self.search.text(),
                               names=self.show_names)
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(f"{shown:,} of {total:,}")

    def _reset_filters(self) -> None:
        widgets = (self.search, self.service_filter, self.team_filter, self.employment_filter, self.transfers_filter)
        for widget in widgets:
            widget.blockSignals(True)
        self.search.clear()
        for combo in widgets[1:]:
            combo.setCurrentIndex(0)
        for widget in widgets:
            widget.blockSignals(False)

    # importing ------------------------------------------------------------------------------
    def import_staff(self) -> bool:
        if self.document is None or self.document.read_only:
            return False
        return run_import(self.window(), self.document, kind_named("staff"), self.settings or Settings(),
                          show_personal=self.show_names, on_imported=self.records_imported)

    # state ----------------------------------------------------------------------------------
    def save_state(self, settings: Settings) -> None:
        # a splitter the user never dragged is fitted to the charts again next time
        settings.set_state("staff/splitter", self.splitter.saveState() if self._sized else QByteArray())
        settings.set_state("staff/header", self.table.horizontalHeader().saveState())

    def restore_state(self, settings: Settings) -> None:
        self.settings = settings
        if state := settings.state("staff/splitter"):
            self._sized = self.splitter.restoreState(state)
        if state := settings.state("staff/header"):
            self.table.horizontalHeader().restoreState(state)
