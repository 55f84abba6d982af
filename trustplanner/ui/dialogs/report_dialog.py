"""Report details: the cabinet report's header (kept for the plan) and this meeting's draft —
key decision, public or exempt, call-in, and the sections officers write by hand."""

from __future__ import annotations

from dataclasses import fields
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from trustplanner.domain.report import DEFAULT_FIELDS, OFFICER_SECTIONS, ReportDefaults, ReportDraft
from trustplanner.ui.date_field import DateField

SOURCE_NOTES = {
    "saved": "",
    "last briefing": "This meeting's report is not saved yet: the text below is the last issued briefing's, "
                     "to start from.",
    "new": "",
}


class ReportDialog(QDialog):
    def __init__(self, meeting: date, defaults: ReportDefaults, draft: ReportDraft, source: str = "saved",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.meeting = meeting
        self.setWindowTitle(f"Report details: meeting of {meeting:%d/%m/%Y}")
        self.resize(720, 420)
        self._texts = dict(draft.texts)
        self._current: str | None = None
        tabs = QTabWidget()
        tabs.addTab(self._header_tab(defaults, draft), "&Header")
        tabs.addTab(self._text_tab(), "Officers' &text")
        self.tabs = tabs
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a4262c;")
        self.error.hide()
        note = QLabel(SOURCE_NOTES.get(source, ""))
        note.setWordWrap(True)
        note.setStyleSheet("color: #5c3d00;")
        note.setVisible(bool(note.text()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.sections.setCurrentRow(0)

    # the header ---------------------------------------------------------------------------------
    def _header_tab(self, defaults: ReportDefaults, draft: ReportDraft) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        plan_wide = QFormLayout()
        self.default_edits: dict[str, QLineEdit] = {}
        for f in fields(ReportDefaults):
            edit = QLineEdit(getattr(defaults, f.name))
            edit.setMaxLength(200)
            edit.setAccessibleName(DEFAULT_FIELDS[f.name])
            self.default_edits[f.name] = edit
            plan_wide.addRow(DEFAULT_FIELDS[f.name], edit)
        self.default_edits["report_of"].setPlaceholderText("Director of Children's Services")
        kept = QLabel("Kept for the plan: every briefing's header uses these.")
        kept.setStyleSheet("color: #5b6472;")
        meeting = QFormLayout()
        self.key_decision = QCheckBox("&Key decision")
        self.key_decision.setChecked(draft.key_decision)
        self.forward_plan = QLineEdit(draft.forward_plan_ref)
        self.forward_plan.setAccessibleName("Forward plan reference")
        self.forward_plan.setPlaceholderText("e.g. FP/2017/004")
        self.exempt = QCheckBox("&Exempt (not for publication)")
        self.exempt.setChecked(draft.exempt)
        self.paragraph = QSpinBox()
        self.paragraph.setRange(1, 7)
        self.paragraph.setAccessibleName("Schedule 12A paragraph")
        self.paragraph.setValue(draft.exempt_paragraph or 3)
        self.paragraph.setEnabled(draft.exempt)
        self.exempt.toggled.connect(self.paragraph.setEnabled)
        self.call_in = QCheckBox("Subject to &call-in")
        self.call_in.setChecked(draft.call_in)
        self.next_meeting = DateField(draft.next_meeting, clearable=True)
        self.next_meeting.setAccessibleName("Date of the next meeting")
        self.report_date = DateField(draft.report_date, clearable=True)
        self.report_date.setAccessibleName("Report date")
        meeting.addRow(self.key_decision)
        meeting.addRow("Forward plan ref.", self.forward_plan)
        meeting.addRow(self.exempt)
        meeting.addRow("Schedule 12A paragraph", self.paragraph)
        meeting.addRow(self.call_in)
        meeting.addRow("&Next meeting", self.next_meeting)
        meeting.addRow("Report &date", self.report_date)
        blanks = QLabel("Left blank, the next meeting is taken as six weeks on and the report is dated "
                        "the day it is produced.")
        blanks.setWordWrap(True)
        blanks.setStyleSheet("color: #5b6472;")
        meeting.addRow(blanks)
        this = QLabel("For this meeting only.")
        this.setStyleSheet("color: #5b6472;")
        grid.addWidget(kept, 0, 0)
        grid.addLayout(plan_wide, 1, 0)
        grid.addWidget(this, 0, 1)
        grid.addLayout(meeting, 1, 1, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(2, 1)  # spare height below the fields, not between the captions and them
        return page

    # the officers' sections ------------------------------------------------------------------------
    def _text_tab(self) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        self.sections = QListWidget()
        self.sections.setAccessibleName("Sections")
        for section in OFFICER_SECTIONS:
            item = QListWidgetItem(section.title)
            item.setData(Qt.ItemDataRole.UserRole, section.key)
            self.sections.addItem(item)
        self.sections.currentItemChanged.connect(self._show_section)
        longest = max(self.sections.fontMetrics().horizontalAdvance("✓ " + s.title) for s in OFFICER_SECTIONS)
        self.sections.setMinimumWidth(longest + 28)  # every title whole, at any scale
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #5b6472;")
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("Section text")
        self.text.textChanged.connect(self._keep_text)
        grid.addWidget(self.sections, 0, 0, 2, 1)
        grid.addWidget(self.hint, 0, 1)
        grid.addWidget(self.text, 1, 1)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 5)
        self._mark_sections()
        return page

    def select_section(self, key: str) -> None:
        for row in range(self.sections.count()):
            if self.sections.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.sections.setCurrentRow(row)
                return

    def _show_section(self, item: QListWidgetItem | None, _previous=None) -> None:  # noqa: ANN001
        if item is None:
            return
        key = item.data(Qt.ItemDataRole.UserRole)
        section = next(s for s in OFFICER_SECTIONS if s.key == key)
        self._current = None  # no saving while the editor is refilled
        self.text.setPlainText(self._texts.get(key, ""))
        self._current = key
        required = "Required: the draft names it while it is empty. " if section.required else "Optional. "
        self.hint.setText(required + section.hint)

    def _keep_text(self) -> None:
        if self._current is not None:
            self._texts[self._current] = self.text.toPlainText()
            self._mark_sections()

    def _mark_sections(self) -> None:
        for row in range(self.sections.count()):
            item = self.sections.item(row)
            section = OFFICER_SECTIONS[row]
            filled = bool(self._texts.get(section.key, "").strip())
            item.setText(("✓ " if filled else ("○ " if section.required else "· ")) + section.title)
            item.setToolTip("Written" if filled else ("Required: to write" if section.required else "Optional"))

    # the result -----------------------------------------------------------------------------------
    def result_defaults(self) -> ReportDefaults:
        return ReportDefaults(**{name: edit.text() for name, edit in self.default_edits.items()})

    def result_draft(self) -> ReportDraft:
        exempt = self.exempt.isChecked()
        return ReportDraft(key_decision=self.key_decision.isChecked(), forward_plan_ref=self.forward_plan.text(),
                           exempt=exempt, exempt_paragraph=self.paragraph.value() if exempt else None,
                           call_in=self.call_in.isChecked(),
                           texts={k: v for k, v in self._texts.items() if v.strip()},
                           next_meeting=self._typed(self.next_meeting), report_date=self._typed(self.report_date))

    @staticmethod
    def _typed(field: DateField) -> date | None:
        """The field's date; None when blank or unreadable (accept refuses an unreadable one first)."""
        return None if field.problem() else field.value()

    def accept(self) -> None:
        problems = [f"{name}: {problem}" for name, edit in (("Next meeting", self.next_meeting),
                                                             ("Report date", self.report_date))
                    if (problem := edit.problem())]
        problems += self.result_draft().problems(self.meeting)
        if not self.default_edits["meeting_name"].text().strip():
            problems.append("name the meeting (e.g. Cabinet)")
        if problems:
            self.error.setText("\n".join(problems))
            self.error.show()
            return
        super().accept()
