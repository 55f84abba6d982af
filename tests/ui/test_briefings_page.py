"""The Briefings page produces the PDF in the background, records it, and lists earlier ones."""

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, QSettings, Qt, QThreadPool

from trustplanner.domain.problems import TrustPlannerError
from trustplanner.services.briefings import list_briefings, produce_briefing
from trustplanner.services.demo import create_demo_plan
from trustplanner.store.plan_file import open_plan_file
from trustplanner.ui.document import PlanDocument
from trustplanner.ui.pages.briefings import REPORT_OF_KEY, BriefingsPage
from trustplanner.ui.settings import Settings
from trustplanner.ui.workers import Worker, produce_briefing_job, start

TIMEOUT_MS = 30_000


@pytest.fixture
def settings(tmp_path):
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    (tmp_path / "out").mkdir()
    settings.set_last_folder(tmp_path / "out")
    return settings


@pytest.fixture
def document(tmp_path, qapp):
    document = PlanDocument(create_demo_plan(tmp_path / "d.tplan"), None)
    yield document
    document.close()


@pytest.fixture
def page(qtbot, document, settings, monkeypatch):
    page = BriefingsPage()
    qtbot.addWidget(page)
    page.opened = []
    page.asked = []
    monkeypatch.setattr(page, "open_in_viewer", page.opened.append)
    page.restore_state(settings)
    page.set_document(document)
    yield page
    QThreadPool.globalInstance().waitForDone(TIMEOUT_MS)


def generate(qtbot, page, issue: bool = False) -> None:
    with qtbot.waitSignal(page.generation_finished, timeout=TIMEOUT_MS):
        if issue:
            page.confirm = lambda title, text: page.asked.append(text) or True
            page.issue_button.click()
        else:
            page.generate_button.click()
        assert not page.generate_button.isEnabled()  # while the worker runs
        assert page.progress.isVisibleTo(page) and page.progress_text.text() == "Generating…"


def test_form_defaults_come_from_the_plan_and_settings(page, tmp_path, settings):
    """The briefing is suggested beside the plan (d.tplan in tmp_path), not in the last folder used."""
    assert page.as_of.date() == QDate(2017, 1, 16)  # the plan's status date
    assert page.meeting.date() == QDate(2017, 1, 16)
    assert page.marking.text() == "OFFICIAL"
    assert page.output.text() == str(tmp_path.resolve() / "Cabinet briefing 2017-01-16.pdf")
    page.meeting.setDate(QDate(2017, 1, 24))
    assert page.output.text().endswith("Cabinet briefing 2017-01-24.pdf")
    assert not page.progress.isVisibleTo(page)
    page.as_of.setDate(QDate(2017, 2, 1))
    assert page.meeting.date() == QDate(2017, 2, 1)  # the meeting follows a later position date


def test_issues_in_the_background_then_opens_and_lists_it(page, qtbot, document, settings, tmp_path):
    page.meeting.setDate(QDate(2017, 1, 18))
    page.marking.base.setCurrentIndex(page.marking.base.findText("OFFICIAL-SENSITIVE"))
    page.report_of.setText("Strategic Director of People")
    changes = []
    document.changed.connect(lambda: changes.append(1))
    generate(qtbot, page, issue=True)
    assert "Issue version 1 of the briefing for the meeting of 18/01/2017?" in page.asked[0]
    out = tmp_path.resolve() / "Cabinet briefing 2017-01-18.pdf"
    assert out.is_file() and out.read_bytes().startswith(b"%PDF")
    assert page.opened == [out]
    assert page.generate_button.isEnabled() and not page.progress.isVisibleTo(page)
    assert changes, "the document reloads so the Overview's last briefing follows"
    [record] = list_briefings(document.plan)
    assert (record.meeting, record.as_of, record.marking, record.version) == (
        date(2017, 1, 18), date(2017, 1, 16), "OFFICIAL-SENSITIVE", 1)
    model = page.issued_model
    assert model.rowCount() == 1
    assert model.index(0, 7).data() == out.name
    assert model.index(0, 3).data() == "RED"
    assert model.index(0, 1).data() == "18/01/2017 v1"
    assert model.index(0, 6).data(Qt.ItemDataRole.ToolTipRole) == record.sha256
    assert "Issued version 1 for 18/01/2017: Cabinet briefing 2017-01-18.pdf" in page.messages.label.text()
    assert settings.value(REPORT_OF_KEY) == "Strategic Director of People"
    assert page.output.text().endswith("Cabinet briefing 2017-01-18 (2).pdf")  # never overwrites by default


def test_a_draft_is_written_beside_the_plan_and_never_listed(page, qtbot, document, tmp_path):
    generate(qtbot, page)
    out = tmp_path.resolve() / "Cabinet briefing 2017-01-16 (draft).pdf"
    assert page.opened == [out] and out.is_file()
    assert "DRAFT" in PdfReader(out).pages[0].extract_text()
    assert list_briefings(document.plan) == [] and page.issued_model.rowCount() == 0
    assert "Wrote a draft (not recorded)" in page.messages.label.text()


def test_an_issue_not_confirmed_writes_nothing(page, qtbot, document, tmp_path):
    page.confirm = lambda title, text: False
    page.issue_button.click()
    assert page.worker is None and page.opened == []
    assert list_briefings(document.plan) == [] and not any(tmp_path.glob("*.pdf"))


def test_open_takes_the_pdf_from_the_plan_even_after_the_file_moved(page, document, tmp_path):
    out = tmp_path / "out" / "issued.pdf"
    produce_briefing(document.plan, out, issue=True)
    kept = out.read_bytes()
    out.unlink()
    document.reload()
    assert page.open_button.isEnabled()
    page.open_button.click()
    [opened] = page.opened
    assert opened.read_bytes() == kept and opened != out


def test_compare_two_issued_briefings_lists_what_changed(page, document, tmp_path, monkeypatch):
    from trustplanner.services.milestones import update_milestone
    from trustplanner.services.snapshot import load_snapshot

    produce_briefing(document.plan, tmp_path / "out" / "one.pdf", issue=True, as_of=date(2017, 1, 9))
    hr = load_snapshot(document.plan).milestone("IMP-06")
    from dataclasses import replace

    update_milestone(document.plan, "IMP-06", replace(hr, forecast=date(2017, 3, 3)))
    produce_briefing(document.plan, tmp_path / "out" / "two.pdf", issue=True)
    document.reload()
    shown = []
    monkeypatch.setattr("trustplanner.ui.pages.briefings.show_changes", lambda parent, title, changes: shown.append(
        (title, changes)))
    page.issued.selectAll()
    assert page.compare_button.isEnabled()
    page.compare_button.click()
    [(title, changes)] = shown
    assert title.startswith("From briefing #1")
    moved = [c for c in changes.moved if c.milestone.ref == "IMP-06"]
    assert moved and moved[0].milestone.forecast == date(2017, 3, 3)


def test_report_of_is_remembered_for_the_next_plan(qtbot, settings, document):
    settings.set_value(REPORT_OF_KEY, "Director of Children's Services (DCS)")
    page = BriefingsPage()
    qtbot.addWidget(page)
    page.restore_state(settings)
    page.set_document(document)
    assert page.report_of.text() == "Director of Children's Services (DCS)"


def test_unwritable_output_shows_the_command_line_message_in_place(page, qtbot, document, tmp_path):
    out = tmp_path / "no such folder" / "briefing.pdf"
    page.output.setText(str(out))
    page._output_chosen = True
    generate(qtbot, page)
    with pytest.raises(TrustPlannerError) as cli_error:  # what `trustplanner briefing` reports
        produce_briefing(document.plan, out)
    assert page.messages.isVisibleTo(page)
    assert page.messages.label.text() == str(cli_error.value)
    assert "does not exist" in page.messages.label.text()
    assert page.opened == [] and list_briefings(document.plan) == []
    assert page.generate_button.isEnabled()


def test_a_file_that_cannot_be_replaced_is_reported_in_words(page, qtbot, document, tmp_path):
    folder_named_like_a_pdf = tmp_path / "out" / "taken.pdf"
    folder_named_like_a_pdf.mkdir()
    page.output.setText(str(folder_named_like_a_pdf))
    generate(qtbot, page)
    assert "cannot be written" in page.messages.label.text()
    assert "unexpected" not in page.messages.label.text()
    assert list_briefings(document.plan) == []


def test_a_meeting_before_the_position_date_is_refused_in_place(page, qtbot):
    page.meeting.setDate(QDate(2017, 1, 10))
    generate(qtbot, page)
    assert "cannot be before the position date" in page.messages.label.text()
    assert page.opened == []


def test_missing_files_are_shown_as_missing_and_not_opened(page, document, tmp_path):
    out = tmp_path / "out" / "old.pdf"
    produce_briefing(document.plan, out, issue=True)
    out.unlink()
    document.reload()
    index = page.issued_model.index(0, 7)
    assert index.data() == "old.pdf (missing)"
    assert "No longer at" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert page.open_button.isEnabled()  # the plan keeps the PDF itself


def test_double_click_or_open_opens_the_pdf(page, document, qtbot, tmp_path):
    out = tmp_path / "out" / "issued.pdf"
    produce_briefing(document.plan, out, issue=True)
    document.reload()
    page.resize(1000, 600)
    page.show()
    qtbot.waitExposed(page)
    assert page.open_button.isEnabled()  # the newest is selected
    page.open_button.click()
    rect = page.issued.visualRect(page.issued_model.index(0, 5))
    qtbot.mouseClick(page.issued.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.issued.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(page.opened) == 2 and all(p.read_bytes() == out.read_bytes() for p in page.opened)
    page.folder_button.click()
    assert page.opened[-1] == out.parent


def test_newest_briefing_is_listed_first(page, document, tmp_path):
    for name in ("first.pdf", "second.pdf"):
        produce_briefing(document.plan, tmp_path / "out" / name, issue=True)
    document.reload()
    names = [page.issued_model.index(r, 7).data() for r in range(page.issued_model.rowCount())]
    assert names == ["second.pdf", "first.pdf"]


def test_read_only_plan(qtbot, tmp_path, settings, monkeypatch):
    path = tmp_path / "ro.tplan"
    create_demo_plan(path).close()
    document = PlanDocument(open_plan_file(path, read_only=True), None)
    page = BriefingsPage()
    qtbot.addWidget(page)
    page.opened = []
    monkeypatch.setattr(page, "open_in_viewer", page.opened.append)
    page.restore_state(settings)
    page.set_document(document)
    try:
        assert page.note.isVisibleTo(page) and "read-only" in page.note.text()
        assert page.generate_button.isEnabled() and not page.issue_button.isEnabled()
        generate(qtbot, page)
        assert len(page.opened) == 1 and page.opened[0].is_file()
        assert list_briefings(document.plan) == []
    finally:
        QThreadPool.globalInstance().waitForDone(TIMEOUT_MS)
        document.close()


def test_worker_reports_result_or_error_then_finished(qtbot):
    done = Worker(lambda: 42)
    results = []
    done.signals.succeeded.connect(results.append)
    with qtbot.waitSignal(done.signals.finished, timeout=TIMEOUT_MS):
        start(done)
    assert results == [42]

    def fail():
        raise TrustPlannerError("no")

    failing = Worker(fail)
    errors = []
    failing.signals.failed.connect(errors.append)
    with qtbot.waitSignal(failing.signals.finished, timeout=TIMEOUT_MS):
        start(failing)
    assert [str(e) for e in errors] == ["no"]


def test_the_job_opens_its_own_plan_and_closes_it(tmp_path):
    path = tmp_path / "job.tplan"
    create_demo_plan(path).close()
    issued = produce_briefing_job(path, tmp_path / "b.pdf", read_only=False, issue=True, meeting=date(2017, 1, 20))
    assert Path(issued.path).is_file() and issued.meeting == date(2017, 1, 20)
    with open_plan_file(path) as plan:
        assert len(list_briefings(plan)) == 1


def test_report_details_are_typed_saved_in_one_step_and_printed_next_time(page, document, monkeypatch):
    from PySide6.QtTest import QTest

    from trustplanner.services.report_drafts import load_defaults, load_draft
    from trustplanner.ui.dialogs.report_dialog import ReportDialog

    page.meeting.setDate(QDate(2017, 1, 18))
    seen = []

    def fill(dialog):
        assert isinstance(dialog, ReportDialog)
        dialog.default_edits["cabinet_member"].clear()
        QTest.keyClicks(dialog.default_edits["cabinet_member"], "Cllr Louise Farthing")
        dialog.key_decision.click()
        QTest.keyClicks(dialog.forward_plan, "FP/2017/004")
        dialog.tabs.setCurrentIndex(1)
        dialog.select_section("legal")
        QTest.keyClicks(dialog.text, "The monitoring officer has advised on the contract.")
        dialog.select_section("reasons")
        QTest.keyClicks(dialog.text, "To keep go-live on 1 April 2017.")
        seen.append(dialog.sections.item(3).text())  # legal: written, ticked
        dialog.accept()
        return True

    monkeypatch.setattr("trustplanner.ui.pages.briefings.run_dialog", fill)
    steps = document.undo_stack.count()
    page.report_button.click()
    assert seen == ["✓ Legal implications"]
    draft = load_draft(document.plan, date(2017, 1, 18)).draft
    assert draft.key_decision and draft.forward_plan_ref == "FP/2017/004"
    assert draft.text("legal") == "The monitoring officer has advised on the contract."
    assert draft.text("reasons") == "To keep go-live on 1 April 2017."
    assert load_defaults(document.plan).cabinet_member == "Cllr Louise Farthing"
    assert "Still to write: Alternative options considered" in page.messages.label.text()
    assert document.undo_stack.count() == steps + 1
    document.undo_stack.undo()
    assert load_draft(document.plan, date(2017, 1, 18)).source == "new"
    assert load_defaults(document.plan).cabinet_member == ""


def test_an_exempt_report_without_a_valid_paragraph_stays_open_with_the_reason(qtbot):
    from trustplanner.domain.report import ReportDefaults, ReportDraft
    from trustplanner.ui.dialogs.report_dialog import ReportDialog

    dialog = ReportDialog(date(2017, 1, 18), ReportDefaults(), ReportDraft())
    qtbot.addWidget(dialog)
    dialog.default_edits["meeting_name"].clear()
    dialog.accept()
    assert dialog.error.isVisibleTo(dialog) and "name the meeting" in dialog.error.text()
    assert dialog.result() == 0


def test_save_as_word_asks_where_then_writes_the_word_version_unrecorded(page, qtbot, document, tmp_path,
                                                                          monkeypatch):
    import docx
    from PySide6.QtWidgets import QFileDialog

    asked = []
    chosen = tmp_path / "For the agenda pack"  # no suffix typed: .docx is added

    def answer(parent, caption, suggested, filter_):
        asked.append((suggested, filter_))
        return str(chosen), filter_

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    page.marking.base.setCurrentIndex(page.marking.base.findText("OFFICIAL-SENSITIVE"))
    with qtbot.waitSignal(page.generation_finished, timeout=TIMEOUT_MS):
        qtbot.mouseClick(page.word_button, Qt.MouseButton.LeftButton)
        assert not page.word_button.isEnabled() and not page.generate_button.isEnabled()
    out = tmp_path / "For the agenda pack.docx"
    assert asked == [(str(tmp_path.resolve() / "Cabinet briefing 2017-01-16.docx"), "Word documents (*.docx)")]
    assert page.opened == [out]
    assert "OFFICIAL-SENSITIVE" in docx.Document(str(out)).sections[0].header.paragraphs[0].text
    assert "not recorded as issued" in page.messages.label.text()
    assert list_briefings(document.plan) == [] and page.issued_model.rowCount() == 0
    assert page.word_button.isEnabled()


def test_save_as_word_cancelled_writes_nothing(page, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: ("", ""))
    qtbot.mouseClick(page.word_button, Qt.MouseButton.LeftButton)
    assert page.worker is None and not list(tmp_path.glob("*.docx"))


def test_the_next_meeting_and_report_date_are_typed_and_the_briefing_counts_to_that_meeting(
        page, qtbot, document, monkeypatch, tmp_path):
    from PySide6.QtTest import QTest

    from trustplanner.services.report_drafts import load_draft
    from trustplanner.ui.dialogs.report_dialog import ReportDialog

    page.meeting.setDate(QDate(2017, 1, 18))

    def fill(dialog):
        assert isinstance(dialog, ReportDialog)
        QTest.keyClicks(dialog.next_meeting, "01/03/2017")
        QTest.keyClicks(dialog.report_date, "10/01/2017")
        dialog.accept()
        return dialog.result() == 1

    monkeypatch.setattr("trustplanner.ui.pages.briefings.run_dialog", fill)
    page.report_button.click()
    draft = load_draft(document.plan, date(2017, 1, 18)).draft
    assert (draft.next_meeting, draft.report_date) == (date(2017, 3, 1), date(2017, 1, 10))
    out = produce_briefing(document.plan, tmp_path / "b.pdf", meeting=date(2017, 1, 18)).path
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out).pages)
    assert "Report date 10/01/2017" in text and "Next meeting 01/03/2017" in text
    assert "up to the next meeting on 1 March 2017;" in text


def test_a_next_meeting_before_this_one_keeps_the_dialog_open_with_the_reason(qtbot):
    from PySide6.QtTest import QTest

    from trustplanner.domain.report import ReportDefaults, ReportDraft
    from trustplanner.ui.dialogs.report_dialog import ReportDialog

    dialog = ReportDialog(date(2017, 1, 18), ReportDefaults(), ReportDraft())
    qtbot.addWidget(dialog)
    QTest.keyClicks(dialog.next_meeting, "11/01/2017")
    dialog.accept()
    assert "must be after this one (18/01/2017)" in dialog.error.text() and dialog.result() == 0
    dialog.next_meeting.clear()
    QTest.keyClicks(dialog.next_meeting, "31/02/2017")
    dialog.accept()
    assert dialog.error.text().startswith("Next meeting:") and dialog.result() == 0
