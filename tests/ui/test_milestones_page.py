from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QDate

from trustplanner.services.snapshot import load_snapshot
from trustplanner.ui.dialogs.milestone_dialogs import (
    CommentaryDialog,
    DependenciesDialog,
    MilestoneDialog,
    RebaselineDialog,
)
from trustplanner.ui.models.milestone_table import Column
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


def test_refusing_commentary_leaves_the_plan_unchanged(page, demo_document, answer_dialogs):
    answer_dialogs(lambda dialog: False)
    green = demo_document.snapshot.milestone("GOV-12")  # go-live, green in the demo
    slipped = replace(green, forecast=date(2017, 5, 2), commentary="")
    assert not page.request_edit(green, slipped)
    assert load_snapshot(demo_document.plan).milestone("GOV-12") == green
    assert page.messages.isVisibleTo(page)
    assert "needs a commentary" in page.messages.label.text()
    assert not demo_document.undo_stack.canUndo()


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
