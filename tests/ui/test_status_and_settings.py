"""Status and settings where users look for them (issue 10 §2): typed and clicked as people do,
then read back from the plan file."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox

from trustplanner.domain.enums import Rag
from trustplanner.services import milestones as milestone_service
from trustplanner.services.snapshot import load_snapshot
from trustplanner.ui.dialogs.milestone_dialogs import CommentaryDialog, MilestoneDialog
from trustplanner.ui.dialogs.plan_settings import PlanSettingsDialog
from trustplanner.ui.dialogs.status_dialogs import MarkCompleteDialog, RagDialog
from trustplanner.ui.main_window import MainWindow
from trustplanner.ui.models.milestone_table import Column
from trustplanner.ui.pages.milestones import MilestonesPage

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, settings, demo_path):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_plan(demo_path)
    window.show_page_titled("Milestones")
    yield window
    window.close_plan()


def milestones(window) -> MilestonesPage:
    return next(page for page in window.pages if isinstance(page, MilestonesPage))


def stored(window, ref):
    return load_snapshot(window.document.plan).milestone(ref)


def cell_centre(page: MilestonesPage, ref: str, column: int):
    index = page.proxy.mapFromSource(page.model.index(page.model.row_of(ref), column))
    page.table.scrollTo(index)
    return index, page.table.visualRect(index).center()


def click_row(page: MilestonesPage, ref: str, column: int = Column.TITLE) -> None:
    _index, centre = cell_centre(page, ref, column)
    QTest.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def retype(widget, text: str) -> None:
    """Select what the field holds and type over it, as a person does."""
    widget.setFocus()
    QTest.keyClick(widget, Qt.Key.Key_A, CTRL)
    QTest.keyClicks(widget, text)


def shown(qtbot, dialog) -> None:
    dialog.show()
    qtbot.waitExposed(dialog)


# mark complete -----------------------------------------------------------------------------------
def test_ctrl_enter_marks_complete_on_the_forecast_offered_and_one_undo_reopens(window, qtbot, answer_dialogs):
    page = milestones(window)
    seen = []

    def fill(dialog):
        assert isinstance(dialog, MarkCompleteDialog)
        shown(qtbot, dialog)
        seen.append(dialog.actual.text())
        dialog.accept()
        return dialog.result() == dialog.DialogCode.Accepted

    answer_dialogs(fill)
    click_row(page, "HR-04")  # amber, forecast 18/01/2017, open
    QTest.keyClick(page.table, Qt.Key.Key_Return, CTRL)
    assert seen == ["18/01/2017"]  # the forecast has come: it is offered
    assert stored(window, "HR-04").actual == date(2017, 1, 18)
    assert window.document.undo_stack.undoText() == "Mark HR-04 complete on 18/01/2017"
    window.document.undo_stack.undo()
    assert stored(window, "HR-04").actual is None


def test_the_actual_date_can_be_changed_in_the_same_dialog_and_a_bad_one_is_refused_in_place(
        window, qtbot, answer_dialogs):
    page = milestones(window)
    attempts = []

    def fill(dialog):
        shown(qtbot, dialog)
        retype(dialog.actual, "31/02/2017")
        dialog.accept()  # refused: stays open with the reason
        attempts.append((dialog.isVisible(), dialog.messages.label.text()))
        retype(dialog.actual, "12/01/2017")
        dialog.accept()
        return dialog.result() == dialog.DialogCode.Accepted

    answer_dialogs(fill)
    click_row(page, "ICT-02")
    page.complete_action.trigger()
    visible, message = attempts[0]
    assert visible and message.startswith("Actual date:")
    assert stored(window, "ICT-02").actual == date(2017, 1, 12)


def test_mark_complete_is_offered_on_the_right_click_menu_and_not_for_a_complete_milestone(window, qtbot):
    page = milestones(window)
    _index, centre = cell_centre(page, "HR-02", Column.TITLE)
    page.table.customContextMenuRequested.emit(centre)
    texts = [a.text() for a in page.table.last_menu.actions() if not a.isSeparator()]
    assert "Mark &complete…" in texts and "&Copy" in texts and "RA&G status…" in texts
    assert page.current_ref() == "HR-02"  # the row under the pointer is the one acted on
    page.table.last_menu.close()
    click_row(page, "GOV-01")  # complete
    assert not page.complete_action.isEnabled() and not page.rag_action.isEnabled()


# RAG ----------------------------------------------------------------------------------------------
def test_the_rag_dialog_says_the_rules_as_the_user_chooses_and_types(window, qtbot, answer_dialogs):
    page = milestones(window)
    notes = []

    def fill(dialog):
        assert isinstance(dialog, RagDialog)
        shown(qtbot, dialog)
        dialog.commentary.setFocus()
        QTest.keyClick(dialog.commentary, Qt.Key.Key_A, CTRL)
        QTest.keyClick(dialog.commentary, Qt.Key.Key_Delete)
        combo = dialog.rag
        combo.setFocus()
        combo.setCurrentIndex(combo.findText("Green"))
        notes.append(dialog.notes.text())  # green reported against amber dates, and no commentary
        combo.setCurrentIndex(combo.findText("Red"))
        notes.append(dialog.notes.text())  # red needs a commentary
        QTest.keyClicks(dialog.commentary, "Actuary late; recovery plan agreed.")
        notes.append(dialog.notes.text())
        dialog.accept()
        return True

    answer_dialogs(fill)
    click_row(page, "HR-04")  # amber from its dates
    QTest.keyClick(page.table, Qt.Key.Key_R, CTRL)
    green, red, red_with_commentary = notes
    assert "can only make the status worse" in green and "reported green; the dates show amber" in green
    assert "Amber milestone needs a commentary" in green
    assert "can only make the status worse" not in red and "Red milestone needs a commentary" in red
    assert "Status will be red" in red_with_commentary and "needs a commentary" not in red_with_commentary
    after = stored(window, "HR-04")
    assert after.rag_override is Rag.RED and after.commentary == "Actuary late; recovery plan agreed."
    assert window.document.undo_stack.undoText() == "RAG status of HR-04"


def test_the_rag_cell_is_chosen_with_f2_and_red_asks_for_a_commentary(window, qtbot, answer_dialogs):
    page = milestones(window)
    asked = []

    def fill(dialog):
        assert isinstance(dialog, CommentaryDialog)
        asked.append(dialog)
        QTest.keyClicks(dialog.text, "Contract not signed.")
        dialog.accept()
        return True

    answer_dialogs(fill)
    click_row(page, "IMP-05", Column.RAG)  # green, no commentary
    QTest.keyClick(page.table, Qt.Key.Key_F2)
    (editor,) = page.table.viewport().findChildren(QComboBox)
    qtbot.waitUntil(lambda: editor.view().isVisible())  # the list opens at once
    assert [editor.itemText(i) for i in range(editor.count())] == [
        "None: the dates decide (green)", "Green", "Amber", "Red"]
    for _ in range(3):
        QTest.keyClick(editor.view(), Qt.Key.Key_Down)
    assert stored(window, "IMP-05").rag_override is None  # moving through the list saves nothing
    QTest.keyClick(editor.view(), Qt.Key.Key_Return)
    assert len(asked) == 1
    after = stored(window, "IMP-05")
    assert after.rag_override is Rag.RED and after.commentary == "Contract not signed."


def test_typing_in_the_table_does_not_start_overwriting_a_cell(window):
    page = milestones(window)
    click_row(page, "HR-05", Column.OWNER)
    before = stored(window, "HR-05")
    QTest.keyClicks(page.table, "xyz")
    assert page.table.state() != QAbstractItemView.State.EditingState
    QTest.keyClick(page.table, Qt.Key.Key_Return)
    assert stored(window, "HR-05") == before


def test_ctrl_s_saves_the_cell_being_edited(window):
    page = milestones(window)
    click_row(page, "HR-05", Column.OWNER)
    QTest.keyClick(page.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    QTest.keyClick(editor, Qt.Key.Key_A, CTRL)
    QTest.keyClicks(editor, "Head of HR (trust)")
    QTest.keyClick(editor, Qt.Key.Key_S, CTRL)
    assert stored(window, "HR-05").owner == "Head of HR (trust)"
    assert "Saved" in window.statusBar().currentMessage()


# edit dialog -------------------------------------------------------------------------------------
def test_the_edit_dialog_edits_actual_rag_and_dependencies_from_a_searchable_list(window, qtbot, answer_dialogs):
    page = milestones(window)
    chose = []

    def fill(dialog):
        assert isinstance(dialog, MilestoneDialog)
        shown(qtbot, dialog)
        QTest.keyClicks(dialog.dependencies.search, "pension")
        visible = [dialog.dependencies.list.item(r) for r in range(dialog.dependencies.list.count())
                   if not dialog.dependencies.list.item(r).isHidden()]
        assert visible and all("pension" in item.text().casefold() for item in visible)
        visible[0].setCheckState(Qt.CheckState.Checked)
        chose.append(visible[0].data(Qt.ItemDataRole.UserRole))
        dialog.rag.setCurrentIndex(dialog.rag.findText("Amber"))
        dialog.accept()
        return True

    answer_dialogs(fill)
    click_row(page, "HR-06")
    before = stored(window, "HR-06")
    page.edit_action.trigger()
    after = stored(window, "HR-06")
    assert chose[0] in after.depends_on and set(before.depends_on) <= set(after.depends_on)
    assert after.rag_override is Rag.AMBER


def test_an_actual_typed_in_the_edit_dialog_completes_and_clears_the_report(window, qtbot, answer_dialogs):
    page = milestones(window)

    def fill(dialog):
        shown(qtbot, dialog)
        assert dialog.rag.currentText() == "Amber"  # OFS-02 reports amber
        retype(dialog.actual, "13/01/2017")
        assert not dialog.rag.isEnabled()
        dialog.accept()
        return True

    answer_dialogs(fill)
    click_row(page, "OFS-02")
    page.edit_action.trigger()
    after = stored(window, "OFS-02")
    assert after.actual == date(2017, 1, 13) and after.rag_override is None


# plan settings -----------------------------------------------------------------------------------
def test_plan_settings_change_every_programme_detail_as_one_undoable_change(window, qtbot, answer_dialogs):
    before = load_snapshot(window.document.plan).programme

    def fill(dialog):
        assert isinstance(dialog, PlanSettingsDialog)
        shown(qtbot, dialog)
        retype(dialog.trust, "Together for Children")
        retype(dialog.go_live, "1/10/2017")
        retype(dialog.tolerance, "15")
        retype(dialog.tupe_notice, "45")
        marking = dialog.marking
        marking.base.setCurrentIndex(marking.base.findData("OFFICIAL-SENSITIVE"))
        assert marking.descriptor.isVisibleTo(dialog) and not marking.other.isVisibleTo(dialog)
        marking.descriptor.setCurrentIndex(marking.descriptor.findData("PERSONAL"))
        dialog.accept()
        return True

    answer_dialogs(fill)
    action = next(a for a in window.menuBar().actions()[0].menu().actions() if a.text() == "Plan se&ttings…")
    action.trigger()
    after = load_snapshot(window.document.plan).programme
    assert (after.trust, after.go_live, after.tolerance_days, after.tupe_notice_days, after.marking) == (
        "Together for Children", date(2017, 10, 1), 15, 45, "OFFICIAL-SENSITIVE PERSONAL")
    assert after.council == before.council
    assert window.document.undo_stack.undoText().startswith("Set trust to Together for Children, go-live to "
                                                             "01/10/2017")
    window.document.undo_stack.undo()
    assert load_snapshot(window.document.plan).programme == before


def test_a_free_text_marking_needs_other_and_a_broken_rule_keeps_the_dialog_open(window, qtbot, answer_dialogs):
    outcome = {}

    def fill(dialog):
        shown(qtbot, dialog)
        marking = dialog.marking
        assert not marking.other.isVisibleTo(dialog)
        marking.base.setCurrentIndex(marking.base.findData(""))
        retype(marking.other, "RESTRICTED - CABINET ONLY")
        retype(dialog.shadow_start, "1/5/2017")  # after go-live 01/04/2017
        dialog.accept()
        outcome["refused"] = (dialog.isVisible(), dialog.messages.label.text())
        retype(dialog.shadow_start, "1/11/2016")
        dialog.accept()
        return True

    answer_dialogs(fill)
    window.edit_plan_settings()
    visible, message = outcome["refused"]
    assert visible and message == "Shadow operation starts: shadow start must not be after go-live"
    after = load_snapshot(window.document.plan).programme
    assert (after.marking, after.shadow_start) == ("RESTRICTED - CABINET ONLY", date(2016, 11, 1))


# re-baseline history ---------------------------------------------------------------------------
def test_the_detail_pane_shows_each_rebaseline_and_slip_against_the_original(window):
    milestone_service.rebaseline(window.document.plan, "HR-05", date(2017, 3, 3), reason="Consultation extended",
                                 decision="Programme board 12/01/2017, minute 4")
    milestone_service.rebaseline(window.document.plan, "HR-05", date(2017, 3, 10), reason="Unions asked for a week",
                                 decision="Programme board 16/01/2017, minute 2")
    window.reload_plan()
    page = milestones(window)
    click_row(page, "HR-05")
    history = page.detail_baselines.text()
    assert "Re-baselined 2 times" in history
    assert history.index("03/03/2017 → 10/03/2017") < history.index("24/02/2017 → 03/03/2017")  # newest first
    assert "Unions asked for a week" in history and "Programme board 12/01/2017, minute 4" in history
    from trustplanner.store.lock import whoami

    assert whoami()[0] in history
    status = page.detail_status.text()
    assert "Original baseline 24/02/2017" in status  # the forecast 24/02/2017 is on time against it


# shortcuts ---------------------------------------------------------------------------------------
def test_ctrl_f_goes_to_the_page_search_and_ctrl_y_and_ctrl_shift_z_both_redo(window):
    page = milestones(window)
    click_row(page, "HR-05")
    QTest.keyClick(page.table, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is page.search
    before = stored(window, "HR-05")
    page.model.setData(page.model.index(page.model.row_of("HR-05"), Column.OWNER), "Someone else")
    stack = window.document.undo_stack
    for redo in ((Qt.Key.Key_Y, CTRL), (Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)):
        page.table.setFocus()
        QTest.keyClick(page.table, Qt.Key.Key_Z, CTRL)
        assert stored(window, "HR-05").owner == before.owner
        QTest.keyClick(page.table, *redo)
        assert stored(window, "HR-05").owner == "Someone else"
        assert stack.canUndo()


def test_copy_puts_the_selected_row_on_the_clipboard_with_its_headers(window):
    page = milestones(window)
    click_row(page, "HR-05")
    QTest.keyClick(page.table, Qt.Key.Key_C, CTRL)
    header, row = QGuiApplication.clipboard().text().splitlines()
    assert header.split("\t")[:3] == ["Ref", "RAG", "Milestone"]
    assert row.split("\t")[0] == "HR-05"


def test_ctrl_p_prints_the_page_shown(window, monkeypatch, tmp_path):
    from trustplanner.ui import printing

    out = tmp_path / "page.pdf"

    def to_file(printer, parent):
        printer.setOutputFormat(printer.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return True

    monkeypatch.setattr(printing, "ask_printer", to_file)
    page = milestones(window)
    QTest.keyClick(page.table, Qt.Key.Key_P, CTRL)
    assert out.read_bytes().startswith(b"%PDF") and out.stat().st_size > 5000
    assert str(out) in window.statusBar().currentMessage()


def test_f5_reloads_and_says_what_changed_elsewhere(window):
    milestone_service.update_milestone(window.document.plan, "HR-05",
                                       stored(window, "HR-05").__class__(**{**stored(window, "HR-05").__dict__,
                                                                            "owner": "Elsewhere"}))
    page = milestones(window)
    QTest.keyClick(page.table, Qt.Key.Key_F5)
    click_row(page, "HR-05", Column.OWNER)
    assert page.current_line().milestone.owner == "Elsewhere"
    assert window.statusBar().currentMessage().startswith("Reloaded")
