from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest

from trustplanner.domain.enums import Rag

from trustplanner.services.snapshot import load_snapshot
from trustplanner.ui.dialogs.milestone_dialogs import (
    CommentaryDialog,
    DependenciesDialog,
    MilestoneDialog,
    RebaselineDialog,
)
from trustplanner.ui.models.milestone_table import FLAGS_ROLE, Column
from trustplanner.ui.pages.milestones import MilestonesPage


@pytest.fixture
def page(qtbot, demo_document):
    page = MilestonesPage()
    qtbot.addWidget(page)
    page.set_document(demo_document)
    return page


def edit_cell(page, ref, column, value):
    model = page.model
    return model.setData(model.index(model.row_of(ref), column), value)


def test_edit_then_undo_and_redo_with_the_edit_named(page, demo_document):
    stack = demo_document.undo_stack
    assert edit_cell(page, "GOV-12", Column.OWNER, "Chief Executive (council)")
    assert demo_document.snapshot.milestone("GOV-12").owner == "Chief Executive (council)"
    assert stack.undoText() == "Edit GOV-12"
    stack.undo()
    assert load_snapshot(demo_document.plan).milestone("GOV-12").owner != "Chief Executive (council)"
    stack.redo()
    assert load_snapshot(demo_document.plan).milestone("GOV-12").owner == "Chief Executive (council)"


def test_forecast_slip_into_amber_asks_for_commentary(page, demo_document, answer_dialogs):
    shown = []

    def fill(dialog):
        assert isinstance(dialog, CommentaryDialog)
        shown.append(dialog)
        dialog.text.setPlainText("Drafting delayed by legal review; recovery by 24 March.")
        dialog.accept()
        return True

    answer_dialogs(fill)
    before = demo_document.snapshot.milestone("IMP-05")  # green, no commentary, due 03/03/2017
    assert before.commentary == ""
    assert edit_cell(page, "IMP-05", Column.FORECAST, QDate(2017, 3, 8))  # 3 working days late: amber
    after = load_snapshot(demo_document.plan).milestone("IMP-05")
    assert len(shown) == 1
    assert after.forecast == date(2017, 3, 8)
    assert after.commentary == "Drafting delayed by legal review; recovery by 24 March."


def test_cancelling_the_commentary_question_leaves_the_plan_unchanged(page, demo_document, answer_dialogs):
    answer_dialogs(lambda dialog: False)
    green = demo_document.snapshot.milestone("GOV-12")  # go-live, green in the demo
    slipped = replace(green, forecast=date(2017, 5, 2), commentary="")
    assert not page.request_edit(green, slipped)
    assert load_snapshot(demo_document.plan).milestone("GOV-12") == green
    assert page.messages.isVisibleTo(page)
    assert page.messages.label.text() == "GOV-12 not changed."
    assert not demo_document.undo_stack.canUndo()


def test_a_slip_saved_without_commentary_is_kept_and_flagged(page, demo_document, answer_dialogs):
    """Changed from refusing: amber or red without a commentary is flagged, not a reason to refuse."""
    def save_blank(dialog):
        assert isinstance(dialog, CommentaryDialog) and dialog.commentary() == ""
        dialog.accept()
        return True

    answer_dialogs(save_blank)
    # IMP-05 is green, due 03/03/2017; 08/03/2017 is 3 working days late: amber within tolerance 10
    assert edit_cell(page, "IMP-05", Column.FORECAST, QDate(2017, 3, 8))

    stored = load_snapshot(demo_document.plan).milestone("IMP-05")
    assert (stored.forecast, stored.commentary) == (date(2017, 3, 8), "")
    rag = page.model.index(page.model.row_of("IMP-05"), Column.RAG)
    assert rag.data() == "A!"
    assert rag.data(Qt.ItemDataRole.ToolTipRole).splitlines()[1:] == ["Amber milestone needs a commentary"]
    assert page.messages.label.text() == "IMP-05 saved; flagged: amber milestone needs a commentary."


def test_clearing_a_commentary_in_the_detail_pane_saves_it_and_flags_the_milestone(page, demo_document, qtbot,
                                                                                   answer_dialogs):
    answer_dialogs(lambda dialog: (dialog.accept(), True)[1])  # the user presses Save, leaving it blank
    page.show()
    page.select_milestone("HR-04")  # amber by its dates (7 working days slip), with a commentary
    assert page.commentary.toPlainText().startswith("Trade unions asked")
    page.commentary.setFocus()
    QTest.keyClick(page.commentary, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(page.commentary, Qt.Key.Key_Delete)
    QTest.mouseClick(page.save_commentary, Qt.MouseButton.LeftButton)

    assert load_snapshot(demo_document.plan).milestone("HR-04").commentary == ""
    assert page.model.index(page.model.row_of("HR-04"), Column.RAG).data() == "A!"
    assert "<b>!</b> Amber milestone needs a commentary." in page.detail_status.text()


def test_the_page_shows_a_reported_rag_the_dates_disagree_with(page, demo_document, qtbot):
    page.show()
    # PEN-02: baseline 27/01/2017, forecast 17/02/2017: 15 working days slip, red beyond the tolerance of 10
    pen2 = demo_document.snapshot.milestone("PEN-02")
    assert page.request_edit(pen2, replace(pen2, rag_override=Rag.AMBER))

    assert load_snapshot(demo_document.plan).milestone("PEN-02").rag_override is Rag.AMBER
    rag = page.model.index(page.model.row_of("PEN-02"), Column.RAG)
    assert rag.data() == "R!"
    assert rag.data(Qt.ItemDataRole.ToolTipRole) == (
        "Red: +15 working days against baseline\n"
        "Reported amber; the dates show red: 15 working days slip, tolerance 10")
    assert rag.data(FLAGS_ROLE) == ("reported amber; the dates show red: 15 working days slip, tolerance 10",)
    page.select_milestone("PEN-02")
    detail = page.detail_status.text()
    assert "<b>Red</b> · +15 working days against baseline · reported amber" in detail
    assert "Reported amber; the dates show red: 15 working days slip, tolerance 10." in detail
    other = page.model.index(page.model.row_of("PEN-03"), Column.RAG)  # amber by its dates, explained
    assert other.data() == "A" and other.data(FLAGS_ROLE) == ()


def test_a_refused_edit_is_shown_in_place_and_not_put_on_the_undo_stack(page, demo_document):
    snapshot = demo_document.snapshot
    gov1 = snapshot.milestone("GOV-01")
    assert not page.request_edit(gov1, replace(gov1, depends_on=("GOV-12",)))
    assert "dependency cycle" in page.messages.label.text()
    assert load_snapshot(demo_document.plan).milestone("GOV-01") == gov1
    assert not demo_document.undo_stack.canUndo()


def test_dependencies_dialog_refuses_a_cycle(qtbot, demo_document):
    snapshot = demo_document.snapshot
    first = snapshot.milestone("GOV-01")
    dialog = DependenciesDialog(snapshot, first)
    qtbot.addWidget(dialog)
    for row in range(dialog.list.count()):
        item = dialog.list.item(row)
        if item.data(256) == "GOV-12":
            item.setCheckState(item.checkState().Checked)
    dialog.accept()
    assert dialog.result_milestone is None
    assert "dependency cycle" in dialog.messages.label.text()


def test_rebaseline_round_trip_records_reason_and_undoes(page, demo_document, answer_dialogs):
    def fill(dialog):
        assert isinstance(dialog, RebaselineDialog)
        dialog.baseline.setDate(QDate(2017, 2, 24))
        dialog.reason.setPlainText("Actuary's valuation moved by the fund")
        dialog.decision.setText("Programme board 10/01/2017, minute 4")
        dialog.accept()
        return True

    answer_dialogs(fill)
    old = demo_document.snapshot.milestone("PEN-02")
    page.select_milestone("PEN-02")
    page.rebaseline_milestone()
    assert demo_document.snapshot.milestone("PEN-02").baseline == date(2017, 2, 24)
    assert demo_document.undo_stack.undoText() == "Re-baseline PEN-02 to 24/02/2017"
    demo_document.undo_stack.undo()
    assert load_snapshot(demo_document.plan).milestone("PEN-02").baseline == old.baseline


def test_add_duplicate_delete_and_undo(page, demo_document, answer_dialogs):
    def fill(dialog):
        assert isinstance(dialog, MilestoneDialog)
        dialog.ref.setText("COM-02")
        dialog.title_edit.setText("Staff newsletter on go-live arrangements")
        dialog.workstream.setCurrentText("Communications")
        dialog.baseline.setDate(QDate(2017, 3, 1))
        dialog.forecast.setDate(QDate(2017, 3, 1))
        dialog.accept()
        return dialog.result_milestone is not None

    answer_dialogs(fill)
    page.add_milestone()
    assert page.current_ref() == "COM-02"
    page.duplicate_milestone()
    assert page.current_ref() == "COM-02-copy"
    assert {"COM-02", "COM-02-copy"} <= {m.ref for m in demo_document.snapshot.milestones}
    demo_document.undo_stack.undo()
    demo_document.undo_stack.undo()
    assert "COM-02" not in {m.ref for m in load_snapshot(demo_document.plan).milestones}


def test_add_dialog_shows_problems_in_place(qtbot, demo_document):
    dialog = MilestoneDialog(demo_document.snapshot)
    qtbot.addWidget(dialog)
    dialog.ref.setText("GOV-01")
    dialog.accept()
    assert dialog.result_milestone is None
    text = dialog.messages.label.text()
    assert "already used" in text and "title is required" in text


def test_delete_and_undo_restores_dependants(page, demo_document, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    before = load_snapshot(demo_document.plan)
    page.select_milestone("HR-02")
    page.delete_milestone()
    assert "HR-02" not in {m.ref for m in demo_document.snapshot.milestones}
    assert demo_document.undo_stack.undoText() == "Delete HR-02"
    demo_document.undo_stack.undo()
    assert load_snapshot(demo_document.plan) == before


def test_filters_from_the_page_controls(page):
    page.rag_filter.setCurrentIndex(page.rag_filter.findText("Red"))
    shown = {page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())}
    assert shown == {"CON-02", "HR-02", "ICT-02", "PEN-02", "SUP-01"}
    assert page.count.text() == "5 of 55"
    page.select_milestone("GOV-12")  # hidden by the filter: filters are cleared to show it
    assert page.current_ref() == "GOV-12"
    assert page.proxy.rowCount() == 55


def test_recording_an_actual_date_ends_the_reported_rag(page, demo_document):
    # OFS-02 is reported amber (at risk) although green by its dates
    assert demo_document.snapshot.milestone("OFS-02").rag_override is Rag.AMBER
    assert edit_cell(page, "OFS-02", Column.ACTUAL, QDate(2017, 1, 13))

    stored = load_snapshot(demo_document.plan).milestone("OFS-02")
    assert (stored.actual, stored.rag_override) == (date(2017, 1, 13), None)
    assert page.model.index(page.model.row_of("OFS-02"), Column.RAG).data() == "C"


def test_the_deadline_a_milestone_meets_is_picked_with_the_keyboard_and_stored(page, demo_document, answer_dialogs):
    def pick(dialog):
        assert [dialog.meets.itemText(i) for i in range(dialog.meets.count())] == [
            "(none)", "ELI sent (legal minimum: 28 days before transfer)",
            "Staff representatives informed (local setting: 56 days' notice)",
            "LGPS admission agreement (legal: before the first transfer)"]
        assert dialog.meets.currentText() == "(none)"
        dialog.show()
        dialog.meets.setFocus()
        for _ in range(2):
            QTest.keyClick(dialog.meets, Qt.Key.Key_Down)
        dialog.accept()
        return dialog.result_milestone is not None

    answer_dialogs(pick)
    page.select_milestone("HR-06")
    page.edit_milestone()
    assert load_snapshot(demo_document.plan).milestone("HR-06").meets == "rep"
    demo_document.undo_stack.undo()
    assert load_snapshot(demo_document.plan).milestone("HR-06").meets == ""


def test_a_derived_deadline_offers_no_deadline_to_meet(qtbot, demo_document):
    dialog = MilestoneDialog(demo_document.snapshot, demo_document.snapshot.milestone("TUPE-ELI-20170401"))
    qtbot.addWidget(dialog)
    assert not dialog.meets.isEnabled() and dialog.meets.currentText() == "(none)"
