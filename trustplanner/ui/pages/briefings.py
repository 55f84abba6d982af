"""The Briefings page: produce the cabinet briefing PDF, and see the briefings issued before.

The PDF is produced in the background (ui.workers) so the window stays responsive; the worker
opens the plan afresh in its own thread and records the briefing there, then the page reloads
the document so the Overview's "last briefing" follows.
"""

from __future__ import annotations

import logging
import tempfile
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
    QMessageBox,
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
    briefing_pdf,
    changes_since,
    compare_briefings,
    default_briefing_name,
    list_briefings,
    next_version,
    verify_briefing,
    write_file,
)
from trustplanner.services.report_drafts import load_defaults, load_draft
from trustplanner.ui.commands import SaveReport, push_edit
from trustplanner.ui.dialogs import run_dialog
from trustplanner.ui.dialogs.changes_dialog import show_changes
from trustplanner.ui.dialogs.report_dialog import ReportDialog
from trustplanner.ui.date_field import DateField, refused_dates
from trustplanner.ui.errors import error_text
from trustplanner.ui.icons import icon
from trustplanner.ui.marking_field import MarkingField
from trustplanner.ui.overview.cards import CARD_STYLE, Card
from trustplanner.ui.overview.tables import (
    RECORD_ROLE,
    RagBadgeDelegate,
    RecordColumn,
    RecordTableModel,
)
from trustplanner.ui.pages.base import Page
from trustplanner.ui.settings import Settings
from trustplanner.ui.table_menu import add_table_menu
from trustplanner.ui.widgets import MessageBar
from trustplanner.ui.workers import Worker, produce_briefing_job, start, word_briefing_job

log = logging.getLogger(__name__)

#: how the finance section prints money: (label in the combo, units code for the service)
UNITS = (("£m (one decimal)", "m"), ("£000", "k"))
REPORT_OF_KEY = "briefing/report_of"
PDF_FILTER = "PDF documents (*.pdf)"
WORD_FILTER = "Word documents (*.docx)"

ISSUED_COLUMNS = (
    RecordColumn("No.", lambda r: f"#{r.number}"),
    RecordColumn("Meeting", lambda r: f"{r.meeting:%d/%m/%Y} v{r.version}"),
    RecordColumn("Position at", lambda r: f"{r.as_of:%d/%m/%Y}"),
    RecordColumn("Overall", lambda r: r.overall.label.upper(), rag=lambda r: r.overall),
    RecordColumn("Issued", lambda r: f"{r.produced_at:%d/%m/%Y %H:%M}" + (f" by {r.issued_by}" if r.issued_by else "")),
    RecordColumn("Marking", lambda r: r.marking),
    RecordColumn("SHA-256", lambda r: r.sha256[:16] + "…" if r.sha256 else "PDF not kept",
                 tooltip=lambda r: r.sha256 or f"Issued before the plan kept PDFs: {r.path}",
                 muted=lambda r: not r.kept),
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
        self._suggested = ""  # the path last suggested (a draft goes to its "(draft)" twin)
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
        intro = QLabel("An A4 PDF for cabinet or the programme board, with what changed since the last issued "
                       "briefing. A draft has DRAFT on every page and is not recorded; issuing keeps the PDF and "
                       "the figures it printed in the plan, as the next version for the meeting.")
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

        self.generate_button = QPushButton(icon("generate.svg"), "&Draft briefing")
        self.generate_button.setToolTip("Write the PDF with DRAFT across every page; nothing is recorded")
        self.generate_button.setDefault(True)
        self.generate_button.clicked.connect(lambda: self.generate())
        self.issue_button = QPushButton("&Issue briefing…")
        self.issue_button.setToolTip("Write the final PDF and keep it in the plan as the next version for the "
                                     "meeting, with the figures it prints; an issued briefing is never changed")
        self.issue_button.clicked.connect(self.issue)
        self.word_button = QPushButton("Save as &Word…")
        self.word_button.setToolTip("Write the same briefing as an editable Word document (a working copy: "
                                    "it is not recorded as issued)")
        self.word_button.clicked.connect(self.save_as_word)
        self.report_button = QPushButton("Report &details…")
        self.report_button.setToolTip("The report's header (cabinet member, author, wards…), key decision, exempt "
                                      "or public, and the sections officers write, for this meeting")
        self.report_button.clicked.connect(self.edit_report)
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
        actions.addWidget(self.issue_button)
        actions.addWidget(self.word_button)
        actions.addWidget(self.report_button)
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
        card = Card("Briefings issued from this plan")
        self.issued_model = RecordTableModel(ISSUED_COLUMNS, self)
        self.issued = QTableView()
        self.issued.setObjectName("issuedBriefings")
        self.issued.setAccessibleName("Briefings issued from this plan")
        self.issued.setModel(self.issued_model)
        self.issued.setItemDelegateForColumn(3, RagBadgeDelegate(words=True, parent=self.issued))
        self.issued.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.issued.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # two to compare
        self.issued.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.issued.setAlternatingRowColors(True)
        self.issued.setShowGrid(False)
        self.issued.setWordWrap(False)
        self.issued.verticalHeader().hide()
        self.issued.verticalHeader().setDefaultSectionSize(26)
        header = self.issued.horizontalHeader()
        header.setHighlightSections(False)
        for column, width in enumerate((44, 120, 90, 100, 190, 130)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self.issued.activated.connect(self._issued_activated)
        self.issued.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.empty = QLabel("No briefing has been issued from this plan yet.\n\nA draft is never recorded. Each "
                            "briefing you issue is kept here whole, with its version for the meeting and the "
                            "figures it printed; the next briefing says what changed since it.")
        self.empty.setObjectName("noBriefings")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #5b6472;")
        self.issued_stack = QStackedWidget()
        self.issued_stack.addWidget(self.issued)
        self.issued_stack.addWidget(self.empty)
        self.open_button = QPushButton("Open")
        self.open_button.setToolTip("Open the PDF as issued, from the plan itself")
        self.open_button.clicked.connect(self.open_selected)
        self.save_copy_button = QPushButton("Save a copy…")
        self.save_copy_button.clicked.connect(self.save_selected_copy)
        self.compare_button = QPushButton("Compare")
        self.compare_button.setToolTip("One selected: what changed since it, to the plan now. "
                                       "Two selected (Ctrl+click): what changed from one to the other.")
        self.compare_button.clicked.connect(self.compare_selected)
        self.verify_button = QPushButton("Check a PDF…")
        self.verify_button.setToolTip("Say whether a PDF is exactly one issued from this plan, and which")
        self.verify_button.clicked.connect(self.verify_pdf)
        self.folder_button = QPushButton("Open folder")
        self.folder_button.clicked.connect(self.open_selected_folder)
        self.open_action = QAction("&Open", self)
        self.open_action.triggered.connect(self.open_selected)
        self.save_copy_action = QAction("&Save a copy…", self)
        self.save_copy_action.triggered.connect(self.save_selected_copy)
        self.compare_action = QAction("&Compare", self)
        self.compare_action.triggered.connect(self.compare_selected)
        self.folder_action = QAction("Open &folder", self)
        self.folder_action.triggered.connect(self.open_selected_folder)
        add_table_menu(self.issued, [self.open_action, self.save_copy_action, self.compare_action, self.folder_action])
        buttons = QHBoxLayout()
        buttons.addWidget(self.verify_button)
        buttons.addStretch(1)
        for button in (self.open_button, self.save_copy_button, self.compare_button, self.folder_button):
            buttons.addWidget(button)
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
            self.note.setText("The plan is open read-only: drafts can be written; issuing needs the plan open "
                              "for editing.")
        self.note.setVisible(read_only)
        self._set_running(self.worker is not None)

    def _suggest_output(self) -> None:
        if self._output_chosen:
            return
        meeting = self.meeting.date().toPython()
        if self.document is not None:  # beside the plan, as the command line does
            self._suggested = str(briefing_beside_plan(self.document.path, meeting))
            self.output.setText(self._suggested)
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

    def issue(self) -> None:
        """Issue the briefing after saying what that means (it is kept and never changed)."""
        if self.document is None or self.worker is not None:
            return
        meeting = self.meeting.date().toPython()
        version = next_version(self.document.plan, meeting)
        missing = load_draft(self.document.plan, meeting).draft.missing()
        unwritten = (f"\n\nNot written yet (Report details…): {'; '.join(s.title for s in missing)}."
                     if missing else "")
        answer = self.confirm("Issue the briefing",
                     f"Issue version {version} of the briefing for the meeting of {meeting:%d/%m/%Y}?\n\n"
                     "The plan keeps the PDF, who issued it and when, and the figures it prints. An issued "
                     f"briefing is never changed; issuing again makes the next version.{unwritten}")
        if answer:
            self.generate(issue=True)

    def edit_report(self) -> None:
        """Report details for the meeting in the form: one undoable change when saved."""
        if self.document is None:
            return
        meeting = self.meeting.date().toPython()
        try:
            defaults = load_defaults(self.document.plan)
            loaded = load_draft(self.document.plan, meeting)
        except Exception as exc:
            self.messages.show_message(error_text(exc))
            return
        dialog = ReportDialog(meeting, defaults, loaded.draft, loaded.source, self)
        if not run_dialog(dialog):
            return
        error = push_edit(self.document, SaveReport(self.document, meeting, dialog.result_defaults(),
                                                     dialog.result_draft()))
        if error is not None:
            self.messages.show_message(error_text(error))
            return
        missing = dialog.result_draft().missing()
        self.messages.show_message(
            f"Saved the report details for {meeting:%d/%m/%Y}."
            + (f" Still to write: {'; '.join(s.title for s in missing)} (the draft names them)." if missing else ""),
            "info")

    def confirm(self, title: str, text: str) -> bool:
        """Ask yes or no (tests answer it)."""
        answer = QMessageBox.question(self, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def generate(self, issue: bool = False) -> None:
        """Start producing the briefing (a draft, or with ``issue`` the issued one) in the background;
        the outcome arrives by signals."""
        if self.document is None or self.worker is not None:
            return
        if refused := refused_dates({"Meeting date": self.meeting, "Position at": self.as_of}):
            self.messages.show_message("\n".join(refused))
            return
        out = self.output_path()
        if out is None:
            self.messages.show_message("Choose where to save the briefing.")
            return
        if not issue and self.output.text() == self._suggested:  # a suggested name says it is a draft
            out = briefing_beside_plan(self.document.path, self.meeting.date().toPython(), draft=True)
        report_of = self.report_of.text().strip()
        self._settings().set_value(REPORT_OF_KEY, report_of)
        job = partial(produce_briefing_job, self.document.path, out, read_only=self.document.read_only,
                      issue=issue, as_of=self.as_of.date().toPython(), meeting=self.meeting.date().toPython(),
                      marking=self.marking.text().strip() or None, author=report_of or None,
                      units=self.units.currentData())
        self._generating_for = self.document
        self.worker = Worker(job, "briefing")
        self.worker.signals.succeeded.connect(self._generated)
        self.worker.signals.failed.connect(self._failed)
        self.worker.signals.finished.connect(self._finished)
        self.messages.hide()
        self._set_running(True)
        start(self.worker, self.pool)

    def save_as_word(self) -> None:
        """Ask where, then write the Word version in the background (never recorded as issued)."""
        if self.document is None or self.worker is not None:
            return
        if refused := refused_dates({"Meeting date": self.meeting, "Position at": self.as_of}):
            self.messages.show_message("\n".join(refused))
            return
        pdf = self.output_path()
        suggested = (pdf.with_suffix(".docx") if pdf is not None
                     else briefing_beside_plan(self.document.path, self.meeting.date().toPython(), ".docx"))
        name, _ = QFileDialog.getSaveFileName(self, "Save the briefing as a Word document", str(suggested),
                                              WORD_FILTER)
        if not name:
            return
        out = Path(name) if name.lower().endswith(".docx") else Path(f"{name}.docx")
        report_of = self.report_of.text().strip()
        job = partial(word_briefing_job, self.document.path, out, as_of=self.as_of.date().toPython(),
                      meeting=self.meeting.date().toPython(), marking=self.marking.text().strip() or None,
                      author=report_of or None, units=self.units.currentData())
        self._generating_for = self.document
        self.worker = Worker(job, "briefing")
        self.worker.signals.succeeded.connect(self._word_written)
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

    def _generated(self, made: IssuedBriefing) -> None:
        self._settings().set_last_folder(Path(made.path).resolve().parent)
        self._output_chosen = False
        what = f"Issued version {made.version} for {made.meeting:%d/%m/%Y}" if made.issued \
            else "Wrote a draft (not recorded)"
        self.messages.show_message(
            f"{what}: {Path(made.path).name}, {made.pages} page{'' if made.pages == 1 else 's'}, position at "
            f"{made.as_of:%d/%m/%Y}, overall {made.overall.label.upper()}.", "info")
        self.issued.clearSelection()  # so the new briefing, listed first, is the one selected
        if made.issued and self.document is not None and self.document is self._generating_for:
            self.document.reload()  # every page refreshes: this list, the Overview's last briefing
        self.open_in_viewer(Path(made.path))

    def _failed(self, error: BaseException) -> None:
        self.messages.show_message(error_text(error))  # the words the command line prints

    def _finished(self) -> None:
        self.worker = None
        self._set_running(False)
        self.generation_finished.emit()

    def _set_running(self, running: bool) -> None:
        self.generate_button.setEnabled(not running and self.document is not None)
        self.word_button.setEnabled(not running and self.document is not None)
        self.issue_button.setEnabled(not running and self.document is not None and not self.document.read_only)
        self.report_button.setEnabled(self.document is not None and not self.document.read_only)
        self.progress.setVisible(running)
        self.progress_text.setVisible(running)

    # opening ----------------------------------------------------------------------------------
    def open_in_viewer(self, path: Path) -> None:
        """Hand the file or folder to the system (tests replace this)."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _selected_records(self) -> list[BriefingRecord]:
        model = self.issued.selectionModel()
        rows = sorted(index.row() for index in model.selectedRows()) if model else []
        return [self.issued_model.record(row) for row in rows]

    def _selected(self) -> BriefingRecord | None:
        records = self._selected_records()
        return records[0] if records else None

    def _update_buttons(self) -> None:
        records = self._selected_records()
        one = records[0] if len(records) == 1 else None
        self.open_button.setEnabled(one is not None and (one.kept or one.file_exists))
        self.save_copy_button.setEnabled(one is not None and one.kept)
        self.compare_button.setEnabled(len(records) in (1, 2))
        self.folder_button.setEnabled(one is not None and one.path.parent.is_dir())
        self.verify_button.setEnabled(self.document is not None)
        for action, button in ((self.open_action, self.open_button), (self.save_copy_action, self.save_copy_button),
                               (self.compare_action, self.compare_button), (self.folder_action, self.folder_button)):
            action.setEnabled(button.isEnabled())

    def _issued_activated(self, index: QModelIndex) -> None:
        record: BriefingRecord | None = index.data(RECORD_ROLE)
        if record is not None:
            self.open_record(record)

    def open_record(self, record: BriefingRecord) -> None:
        """Open the PDF as the plan keeps it (wherever the file went since); older ones by their path."""
        if record.kept:
            try:
                content = briefing_pdf(self.document.plan, record)
                folder = Path(tempfile.gettempdir()) / "TrustPlanner briefings"
                folder.mkdir(exist_ok=True)
                copy = folder / f"Briefing #{record.number} {record.meeting:%Y-%m-%d} v{record.version}.pdf"
                write_file(copy, content)
            except Exception as exc:
                self.messages.show_message(error_text(exc))
                return
            self.open_in_viewer(copy)
        elif record.file_exists:
            self.open_in_viewer(record.path)
        else:
            self.messages.show_message(f"{record.path.name} is no longer at {record.path.parent}; it may have "
                                       "been moved or deleted.", "warning")

    def open_selected(self) -> None:
        if (record := self._selected()) is not None:
            self.open_record(record)

    def save_selected_copy(self) -> None:
        record = self._selected()
        if record is None or not record.kept:
            return
        suggested = str(Path(self._settings().last_folder()) / record.path.name)
        name, _ = QFileDialog.getSaveFileName(self, "Save a copy of the issued briefing", suggested, PDF_FILTER)
        if not name:
            return
        try:
            write_file(Path(name), briefing_pdf(self.document.plan, record))
        except Exception as exc:
            self.messages.show_message(error_text(exc))
            return
        self.messages.show_message(f"Saved a copy of briefing {record.label} as {Path(name).name}.", "info")

    def compare_selected(self) -> None:
        records = self._selected_records()
        try:
            if len(records) == 2:
                changes = compare_briefings(records[1], records[0])
                older, newer = sorted(records, key=lambda r: (r.as_of, r.produced_at))
                title = f"From briefing {older.label} to {newer.label}"
            elif len(records) == 1:
                _, changes = changes_since(self.document.plan, records[0])
                title = f"Since briefing {records[0].label}, to the plan now"
            else:
                return
        except Exception as exc:
            self.messages.show_message(error_text(exc))
            return
        show_changes(self, title, changes)

    def verify_pdf(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Check a PDF against the issued briefings",
                                              self._settings().last_folder(), PDF_FILTER)
        if not name:
            return
        try:
            found = verify_briefing(self.document.plan, Path(name))
        except Exception as exc:
            self.messages.show_message(error_text(exc))
            return
        if found is None:
            self.messages.show_message(f"{Path(name).name} is NOT a briefing issued from this plan: no issued "
                                       "briefing has exactly these bytes.", "warning")
        else:
            self.messages.show_message(f"{Path(name).name} is exactly briefing {found.label}, issued "
                                       f"{found.produced_at:%d/%m/%Y %H:%M}.", "info")
            rows = [row for row in range(self.issued_model.rowCount()) if self.issued_model.record(row).id == found.id]
            if rows:
                self.issued.selectRow(rows[0])

    def open_selected_folder(self) -> None:
        if (record := self._selected()) is not None and record.path.parent.is_dir():
            self.open_in_viewer(record.path.parent)


def _date_edit(name: str) -> DateField:
    edit = DateField(date.today())
    edit.setAccessibleName(name)
    return edit


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
