"""The Briefings page: produce the cabinet briefing PDF, and see the briefings issued before.

The PDF is produced in the background (ui.workers) so the window stays responsive; the worker
opens the plan afresh in its own thread and records the briefing there, then the page reloads
the document so the Overview's "last briefing" follows.
"""

from __future__ import annotations

import logging
from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import QDate, QModelIndex, Qt, QThreadPool, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
)

from trustplanner.services.briefings import (
    DEFAULT_REPORT_OF,
    BriefingRecord,
    IssuedBriefing,
    WordBriefing,
    briefing_beside_plan,
    default_briefing_name,
    list_briefings,
)
from trustplanner.ui.marking_field import MarkingField
from trustplanner.ui.table_menu import add_table_menu
from trustplanner.ui.date_field import DateField, refused_dates
from trustplanner.ui.errors import error_text
from trustplanner.ui.icons import icon
from trustplanner.ui.overview.cards import CARD_STYLE, Card
from trustplanner.ui.overview.tables import RECORD_ROLE, RagBadgeDelegate, RecordColumn, RecordTableModel
from trustplanner.ui.pages.base import Page
from trustplanner.ui.settings import Settings
from trustplanner.ui.widgets import MessageBar
from trustplanner.ui.workers import Worker, produce_briefing_job, start, word_briefing_job

log = logging.getLogger(__name__)

#: how the finance section prints money: (label in the combo, units code for the service)
UNITS = (("£m (one decimal)", "m"), ("£000", "k"))
REPORT_OF_KEY = "briefing/report_of"
PDF_FILTER = "PDF documents (*.pdf)"
WORD_FILTER = "Word documents (*.docx)"

ISSUED_COLUMNS = (
    RecordColumn("Produced", lambda r: f"{r.produced_at:%d/%m/%Y %H:%M}"),
    RecordColumn("Meeting", lambda r: f"{r.meeting:%d/%m/%Y}"),
    RecordColumn("Position at", lambda r: f"{r.as_of:%d/%m/%Y}"),
    RecordColumn("Overall", lambda r: r.overall.label.upper(), rag=lambda r: r.overall),
    RecordColumn("Marking", lambda r: r.marking),
    RecordColumn("File", lambda r: r.path.name if r.file_exists else f"{r.path.name} (missing)",
                 tooltip=lambda r: str(r.path) if r.file_exists else f"No longer at {r.path}",
                 muted=lambda r: not r.file_exists),
)


class BriefingsPage(Page):
    title = "Briefings"
    icon = "briefings.svg"
    #: a briefing run ended (successfully or not) and the page has shown the outcome
    generation_finished = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.settings: Settings | None = None
        self.pool = QThreadPool.globalInstance()
        self.worker: Worker | None = None
        self._generating_for = None  # the document a running briefing was started from
        self._form_plan: Path | None = None
        self._status_date: date | None = None
        self._output_chosen = False  # the user typed or browsed to a path: stop suggesting one
        self.setStyleSheet(CARD_STYLE)

        self.messages = MessageBar()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 12)
        layout.setSpacing(10)
        layout.addWidget(self._build_form())
        layout.addWidget(self.messages)
        layout.addWidget(self._build_issued(), 1)

    # building ---------------------------------------------------------------------------------
    def _build_form(self) -> Card:
        card = Card("New briefing")
        intro = QLabel("An A4 PDF for cabinet or the programme board: status against last period, summary and "
                       "recommendations, services by stage, and overdue, due and slipped milestones. The marking "
                       "is printed at the top and bottom of every page. Save as Word… writes the same briefing as an "
                       "editable Word document, a working copy that is not recorded.")
        intro.setWordWrap(True)
        intro.setStyleSheet("color: #4d5666;")
        self.meeting = _date_edit("Meeting date")
        self.meeting.dateChanged.connect(self._suggest_output)
        self.as_of = _date_edit("Position at")
        self.as_of.setToolTip("The date the briefing reports the plan's position at (default: the status date)")
        self.as_of.dateChanged.connect(self._keep_meeting_after_position)
        self.marking = MarkingField()
        self.units = QComboBox()
        for label, code in UNITS:
            self.units.addItem(label, code)
        self.units.setAccessibleName("Money in")
        self.units.setToolTip("How the finance section prints money")
        self.report_of = QLineEdit()
        self.report_of.setPlaceholderText(DEFAULT_REPORT_OF)
        self.report_of.setAccessibleName("Report of")
        self.output = QLineEdit()
        self.output.setAccessibleName("Save the briefing as")
        self.output.textEdited.connect(self._output_typed)
        browse = QPushButton("Browse…")
        browse.clicked.connect(self.browse)

        for edit in (self.meeting, self.as_of):
            edit.setMinimumWidth(130)
            edit.setMaximumWidth(170)
        self.marking.setMinimumWidth(160)
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)
        # two fields a row, so the form fits a 1366 px laptop at 150% (docs/design/0010)
        fields = ((0, 0, "&Meeting date", self.meeting), (0, 2, "&Position at", self.as_of),
                  (1, 0, "Protective &marking", self.marking), (1, 2, "Money &in", self.units),
                  (2, 0, "&Report of", self.report_of))
        for row, column, text, widget in fields:
            caption = QLabel(text)
            caption.setBuddy(widget)
            grid.addWidget(caption, row, column)
            grid.addWidget(widget, row, column + 1, 1, 4 if widget is self.report_of else 1)
        caption = QLabel("&Save as")
        caption.setBuddy(self.output)
        path_row = QHBoxLayout()
        path_row.addWidget(self.output, 1)
        path_row.addWidget(browse)
        grid.addWidget(caption, 3, 0)
        grid.addLayout(path_row, 3, 1, 1, 6)
        grid.setColumnStretch(6, 1)

        self.generate_button = QPushButton(icon("generate.svg"), "&Generate briefing")
        self.generate_button.setDefault(True)
        self.generate_button.clicked.connect(self.generate)
        self.word_button = QPushButton("Save as &Word…")
        self.word_button.setToolTip("Write the same briefing as an editable Word document (a working copy: "
                                    "it is not recorded as an issued briefing)")
        self.word_button.clicked.connect(self.save_as_word)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: reportlab gives no progress to report
        self.progress.setMaximumWidth(180)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName("Generating")
        self.progress_text = QLabel("Generating…")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #5c3d00;")
        actions = QHBoxLayout()
        actions.addWidget(self.generate_button)
        actions.addWidget(self.word_button)
        actions.addWidget(self.progress)
        actions.addWidget(self.progress_text)
        actions.addWidget(self.note, 1)
        actions.addStretch(0)
        self._set_running(False)

        card.body.addWidget(intro)
        card.body.addLayout(grid)
        card.body.addLayout(actions)
        return card

    def _build_issued(self) -> Card:
        card = Card("Briefings produced from this plan")
        self.issued_model = RecordTableModel(ISSUED_COLUMNS, self)
        self.issued = QTableView()
        self.issued.setObjectName("issuedBriefings")
        self.issued.setAccessibleName("Briefings produced from this plan")
        self.issued.setModel(self.issued_model)
        self.issued.setItemDelegateForColumn(3, RagBadgeDelegate(words=True, parent=self.issued))
        self.issued.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.issued.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.issued.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.issued.setAlternatingRowColors(True)
        self.issued.setShowGrid(False)
        self.issued.setWordWrap(False)
        self.issued.verticalHeader().hide()
        self.issued.verticalHeader().setDefaultSectionSize(26)
        header = self.issued.horizontalHeader()
        header.setHighlightSections(False)
        for column, width in enumerate((130, 90, 90, 100, 150)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self.issued.activated.connect(self._issued_activated)
        self.issued.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.empty = QLabel("No briefings produced from this plan yet.\n\nEach briefing you generate is listed "
                            "here with its meeting, position date and overall status; the next briefing "
                            "compares against it.")
        self.empty.setObjectName("noBriefings")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #5b6472;")
        self.issued_stack = QStackedWidget()
        self.issued_stack.addWidget(self.issued)
        self.issued_stack.addWidget(self.empty)
        self.open_button = QPushButton("Open")
        self.open_button.clicked.connect(self.open_selected)
        self.folder_button = QPushButton("Open folder")
        self.folder_button.clicked.connect(self.open_selected_folder)
        self.open_action = QAction("&Open", self)
        self.open_action.triggered.connect(self.open_selected)
        self.folder_action = QAction("Open &folder", self)
        self.folder_action.triggered.connect(self.open_selected_folder)
        add_table_menu(self.issued, [self.open_action, self.folder_action])
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.folder_button)
        card.body.addWidget(self.issued_stack, 1)
        card.body.addLayout(buttons)
        return card

    # refreshing -------------------------------------------------------------------------------
    def restore_state(self, settings) -> None:
        self.settings = settings
        self.report_of.setText(settings.value(REPORT_OF_KEY, ""))
        self._suggest_output()

    def _settings(self) -> Settings:
        if self.settings is None:
            self.settings = Settings()
        return self.settings

    def refresh(self) -> None:
        if self.document is None:
            return
        snapshot = self.document.snapshot
        status = snapshot.status_date
        if self._form_plan != self.document.path:
            self._form_plan = self.document.path
            self._output_chosen = False
            self.meeting.setDate(_qdate(status))
            self.as_of.setDate(_qdate(status))
            self.marking.set_text(snapshot.programme.marking)
            self.report_of.setText(self._settings().value(REPORT_OF_KEY, ""))
        elif self._status_date is not None and status != self._status_date:
            for field in (self.as_of, self.meeting):  # fields still on the old status date follow it
                if field.date().toPython() == self._status_date:
                    field.setDate(_qdate(status))
        self._status_date = status
        self._suggest_output()
        self._show_issued()
        self._show_read_only_note()

    def _show_issued(self) -> None:
        chosen = self._selected()
        try:
            records = list_briefings(self.document.plan)
        except Exception as exc:
            log.exception("could not list the plan's briefings")
            self.messages.show_message(error_text(exc))
            records = []
        self.issued_model.set_records(records)
        self.issued_stack.setCurrentWidget(self.issued if records else self.empty)
        rows = [row for row, record in enumerate(records) if chosen is not None and record.id == chosen.id]
        if records:
            self.issued.selectRow(rows[0] if rows else 0)  # newest first: the one just produced
        self._update_buttons()

    def _show_read_only_note(self) -> None:
        read_only = self.document.read_only
        if read_only:
            self.note.setText("The plan is open read-only: the PDF is written but not recorded in the plan.")
        self.note.setVisible(read_only)
        self._set_running(self.worker is not None)

    def _suggest_output(self) -> None:
        if self._output_chosen:
            return
        meeting = self.meeting.date().toPython()
        if self.document is not None:  # beside the plan, as the command line does
            self.output.setText(str(briefing_beside_plan(self.document.path, meeting)))
            return
        self.output.setText(str(Path(self._settings().last_folder()) / default_briefing_name(meeting)))

    def _keep_meeting_after_position(self, as_of: QDate) -> None:
        if self.meeting.date() < as_of:  # a meeting cannot discuss a position not yet reached
            self.meeting.setDate(as_of)

    def _output_typed(self, _text: str) -> None:
        self._output_chosen = True

    def browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Save the briefing as", self.output.text(), PDF_FILTER)
        if name:
            self.output.setText(name if name.lower().endswith(".pdf") else f"{name}.pdf")
            self._output_chosen = True

    # generating -------------------------------------------------------------------------------
    def output_path(self) -> Path | None:
        text = self.output.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")

    def generate(self) -> None:
        """Start producing the briefing in the background; the outcome arrives by signals."""
        if self.document is None or self.worker is not None or not self._dates_allowed():
            return
        out = self.output_path()
        if out is None:
            self.messages.show_message("Choose where to save the briefing.")
            return
        self._run(partial(produce_briefing_job, self.document.path, out, read_only=self.document.read_only,
                          **self._options()), self._generated)

    def save_as_word(self) -> None:
        """Ask where, then write the Word version in the background (never recorded as issued)."""
        if self.document is None or self.worker is not None or not self._dates_allowed():
            return
        pdf = self.output_path()
        suggested = (pdf.with_suffix(".docx") if pdf is not None
                     else briefing_beside_plan(self.document.path, self.meeting.date().toPython(), ".docx"))
        name, _ = QFileDialog.getSaveFileName(self, "Save the briefing as a Word document", str(suggested),
                                              WORD_FILTER)
        if not name:
            return
        out = Path(name) if name.lower().endswith(".docx") else Path(f"{name}.docx")
        self._run(partial(word_briefing_job, self.document.path, out, **self._options()), self._word_written)

    def _dates_allowed(self) -> bool:
        if refused := refused_dates({"Meeting date": self.meeting, "Position at": self.as_of}):
            self.messages.show_message("\n".join(refused))
            return False
        return True

    def _options(self) -> dict:
        report_of = self.report_of.text().strip()
        self._settings().set_value(REPORT_OF_KEY, report_of)
        return dict(as_of=self.as_of.date().toPython(), meeting=self.meeting.date().toPython(),
                    marking=self.marking.text().strip() or None, author=report_of or None,
                    units=self.units.currentData())

    def _run(self, job, succeeded) -> None:  # noqa: ANN001
        self._generating_for = self.document
        self.worker = Worker(job, "briefing")
        self.worker.signals.succeeded.connect(succeeded)
        self.worker.signals.failed.connect(self._failed)
        self.worker.signals.finished.connect(self._finished)
        self.messages.hide()
        self._set_running(True)
        start(self.worker, self.pool)

    def _word_written(self, word: WordBriefing) -> None:
        self._settings().set_last_folder(Path(word.path).resolve().parent)
        self.messages.show_message(
            f"Wrote {Path(word.path).name}: the Word version of the briefing, position at {word.as_of:%d/%m/%Y}, "
            f"overall {word.overall.label.upper()}. It is a working copy, not recorded as issued.", "info")
        self.open_in_viewer(Path(word.path))

    def _generated(self, issued: IssuedBriefing) -> None:
        self._settings().set_last_folder(Path(issued.path).resolve().parent)
        self._output_chosen = False
        self.messages.show_message(
            f"Wrote {Path(issued.path).name}: {issued.pages} page{'' if issued.pages == 1 else 's'}, position at "
            f"{issued.as_of:%d/%m/%Y}, overall {issued.overall.label.upper()}.", "info")
        self.issued.clearSelection()  # so the new briefing, listed first, is the one selected
        if self.document is not None and self.document is self._generating_for:
            self.document.reload()  # every page refreshes: this list, the Overview's last briefing
        self.open_in_viewer(Path(issued.path))

    def _failed(self, error: BaseException) -> None:
        self.messages.show_message(error_text(error))  # the words the command line prints

    def _finished(self) -> None:
        self.worker = None
        self._set_running(False)
        self.generation_finished.emit()

    def _set_running(self, running: bool) -> None:
        self.generate_button.setEnabled(not running and self.document is not None)
        self.word_button.setEnabled(not running and self.document is not None)
        self.progress.setVisible(running)
        self.progress_text.setVisible(running)

    # opening ----------------------------------------------------------------------------------
    def open_in_viewer(self, path: Path) -> None:
        """Hand the file or folder to the system (tests replace this)."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _selected(self) -> BriefingRecord | None:
        rows = self.issued.selectionModel().selectedRows() if self.issued.selectionModel() else []
        return self.issued_model.record(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        record = self._selected()
        self.open_button.setEnabled(record is not None and record.file_exists)
        self.folder_button.setEnabled(record is not None and record.path.parent.is_dir())
        self.open_action.setEnabled(self.open_button.isEnabled())
        self.folder_action.setEnabled(self.folder_button.isEnabled())

    def _issued_activated(self, index: QModelIndex) -> None:
        record: BriefingRecord | None = index.data(RECORD_ROLE)
        if record is not None:
            self.open_record(record)

    def open_record(self, record: BriefingRecord) -> None:
        if record.file_exists:
            self.open_in_viewer(record.path)
        else:
            self.messages.show_message(f"{record.path.name} is no longer at {record.path.parent}; it may have "
                                       "been moved or deleted.", "warning")

    def open_selected(self) -> None:
        if (record := self._selected()) is not None:
            self.open_record(record)

    def open_selected_folder(self) -> None:
        if (record := self._selected()) is not None and record.path.parent.is_dir():
            self.open_in_viewer(record.path.parent)


def _date_edit(name: str) -> DateField:
    edit = DateField(date.today())
    edit.setAccessibleName(name)
    return edit


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
