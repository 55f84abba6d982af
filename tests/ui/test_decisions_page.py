"""The Decisions page (needed soonest first with the notice flag, made newest first; add, edit,
record as made, each undone as one history entry) and the Re-baseline dialog citing a decision
from the log, or one recorded in the same step."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from trustplanner.domain.risks import DecisionStatus, Forum
from trustplanner.services.decisions import load_decisions
from trustplanner.services.snapshot import load_snapshot
from trustplanner.ui.dialogs.milestone_dialogs import RebaselineDialog
from trustplanner.ui.dialogs.register_dialogs import DecisionDialog, DecisionMadeDialog
from trustplanner.ui.models.decision_table import Column
from trustplanner.ui.pages.decisions import DecisionsPage
from trustplanner.ui.pages.milestones import MilestonesPage


@pytest.fixture
def page(qtbot, register_document):
    page = DecisionsPage()
    qtbot.addWidget(page)
    page.set_document(register_document)
    return page


def decision(document, ref):
    return next(d for d in load_decisions(document.plan) if d.ref == ref)


def refs(model):
    return [model.index(row, Column.REF).data() for row in range(model.rowCount())]


def type_into(widget, text):
    widget.setFocus()
    widget.selectAll()
    QTest.keyClicks(widget, text)


def test_the_models_pass_the_model_tester(page, qtmodeltester):
    qtmodeltester.check(page.needed_model)
    qtmodeltester.check(page.made_model)


def test_needed_soonest_first_with_the_notice_flag_and_made_newest_first(page):
    # status date 16/01/2017: D04 (Cabinet 8 February) has 22 clear days, short of 28
    assert refs(page.needed_model) == ["D04", "D03", "D06"]
    assert page.needed_model.index(0, Column.KEY).data() == "Key !"
    assert "28" in page.needed_model.index(0, Column.KEY).data(Qt.ItemDataRole.ToolTipRole)
    assert page.needed_model.index(1, Column.KEY).data() == "Key"
    assert refs(page.made_model) == ["D05", "D07", "D02", "D01"]
    made_on = [page.made_model.decision(row).made_on for row in range(page.made_model.rowCount())]
    assert made_on == sorted(made_on, reverse=True)
    assert page.needed_model.index(0, Column.FORUM).data() == "Cabinet"
    assert "without 28 clear days" in page.needed_caption.text()
    assert page.current_ref() == "D04"  # the first shown is selected
    assert "Needed by" in page.needed_model.headerData(Column.WHEN, Qt.Orientation.Horizontal)


def test_add_a_decision_typed_in_the_dialog_and_undo(page, register_document, answer_dialogs):
    def fill(dialog):
        assert isinstance(dialog, DecisionDialog)
        assert dialog.ref.text() == "D08"
        QTest.keyClicks(dialog.title_edit, "Approve the ICT separation plan")
        QTest.keyClicks(dialog.wording, "Approve the plan to separate ICT by 31 March 2017.")
        dialog.forum.setCurrentIndex(dialog.forum.values.index(Forum.SHADOW_BOARD))
        QTest.keyClicks(dialog.needed_by, "15/02/2017")
        dialog.risks.set_checked("R06")
        dialog.accept()
        return True

    answer_dialogs(fill)
    entries = register_document.undo_stack.count()
    page.add_decision()
    added = decision(register_document, "D08")
    assert (added.title, added.forum, added.status, added.needed_by, added.risks) == (
        "Approve the ICT separation plan", Forum.SHADOW_BOARD, DecisionStatus.NEEDED, date(2017, 2, 15), ("R06",))
    assert page.current_ref() == "D08"
    assert register_document.undo_stack.count() == entries + 1
    register_document.undo_stack.undo()
    assert "D08" not in {d.ref for d in load_decisions(register_document.plan)}


def test_a_needed_decision_without_a_date_is_refused_in_the_dialog(page, answer_dialogs):
    seen = []

    def fill(dialog):
        QTest.keyClicks(dialog.title_edit, "Something to decide")
        dialog.accept()
        seen.append((dialog.result_decision, dialog.messages.label.text()))
        return False

    answer_dialogs(fill)
    page.add_decision()
    assert seen[0][0] is None and "needed_by" in seen[0][1]


def test_edit_a_decision_and_undo(page, register_document, answer_dialogs):
    page.select_record("D06")

    def fill(dialog):
        type_into(dialog.title_edit, "Go/no-go for go-live")
        type_into(dialog.forward_plan_on, "01/02/2017")
        if dialog.funding_changes.list.count():
            funding.append(dialog.funding_changes.list.item(0).data(Qt.ItemDataRole.UserRole))
            dialog.funding_changes.set_checked(funding[0])
        dialog.accept()
        return True

    funding = []
    answer_dialogs(fill)
    page.edit_decision()
    edited = decision(register_document, "D06")
    assert (edited.title, edited.forward_plan_on) == ("Go/no-go for go-live", date(2017, 2, 1))
    assert edited.funding_changes == tuple(funding)
    register_document.undo_stack.undo()
    assert decision(register_document, "D06").title == "Go/no-go for go-live on 1 April 2017"


def test_record_as_made_with_its_date_moves_it_to_made_and_undoes(page, register_document, answer_dialogs):
    page.select_record("D03")

    def fill(dialog):
        assert isinstance(dialog, DecisionMadeDialog)
        type_into(dialog.made_on, "15/02/2017")
        dialog.accept()
        return True

    answer_dialogs(fill)
    page.record_made()
    made = decision(register_document, "D03")
    assert (made.status, made.made_on) == (DecisionStatus.MADE, date(2017, 2, 15))
    assert "D03" in refs(page.made_model) and "D03" not in refs(page.needed_model)
    assert page.current_ref() == "D03"
    assert not page.made_action.isEnabled()
    register_document.undo_stack.undo()
    assert decision(register_document, "D03").status is DecisionStatus.NEEDED


def test_delete_a_decision_and_undo(page, register_document, monkeypatch):
    page.select_record("D07")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.delete_decision()
    assert "D07" not in {d.ref for d in load_decisions(register_document.plan)}
    register_document.undo_stack.undo()
    assert decision(register_document, "D07").title == "Interim finance director cover"


def test_search_narrows_both_lists(page):
    QTest.keyClicks(page.search, "cabinet")
    assert set(refs(page.needed_model)) == {"D03", "D04", "D06"}
    assert "D05" not in refs(page.made_model)


def test_read_only_window_offers_no_editing(qtbot, register_document):
    from trustplanner.store.plan_file import open_plan_file
    from trustplanner.ui.document import PlanDocument

    document = PlanDocument(open_plan_file(register_document.plan.path, read_only=True), None)
    page = DecisionsPage()
    qtbot.addWidget(page)
    page.set_document(document)
    page.select_record("D03")
    assert not any(action.isEnabled() for action in page.edit_actions)
    document.close()


# the re-baseline dialog ------------------------------------------------------------------------

@pytest.fixture
def milestones(qtbot, register_document):
    page = MilestonesPage()
    qtbot.addWidget(page)
    page.set_document(register_document)
    return page


def test_rebaseline_cites_a_made_decision_chosen_from_the_log(milestones, register_document, answer_dialogs):
    offered = []

    def fill(dialog):
        assert isinstance(dialog, RebaselineDialog)
        offered.extend(dialog.logged.itemData(i) for i in range(dialog.logged.count()))
        type_into(dialog.baseline, "20/01/2017")
        QTest.keyClicks(dialog.reason, "Reconciliation of 64 posts")
        dialog.logged.setFocus()
        dialog.logged.lineEdit().selectAll()
        QTest.keyClicks(dialog.logged, "D05: Programme board, 11/01/2017: Move the TUPE staff list sign-off to 20 January")
        dialog.accept()
        return True

    answer_dialogs(fill)
    milestones.select_milestone("HR-02")
    milestones.rebaseline_milestone()
    assert offered[0] is None and set(offered[1:]) == {"D01", "D02", "D05", "D07"}  # made ones only
    change = load_snapshot(register_document.plan).baseline_changes_of("HR-02")[-1]
    assert (change.new, change.decision_ref) == (date(2017, 1, 20), "D05")
    assert change.decision.startswith("D05: Programme board, 11/01/2017")
    assert "Approved by D05" in milestones.detail_baselines.text()
    register_document.undo_stack.undo()
    assert not load_snapshot(register_document.plan).baseline_changes_of("HR-02")


def test_rebaseline_in_words_still_works_and_a_name_not_in_the_log_is_refused(milestones, register_document,
                                                                              answer_dialogs):
    seen = []

    def fill(dialog):
        type_into(dialog.baseline, "20/01/2017")
        QTest.keyClicks(dialog.reason, "Reconciliation")
        dialog.logged.lineEdit().selectAll()
        QTest.keyClicks(dialog.logged, "D99 nothing")
        dialog.accept()
        seen.append(dialog.messages.label.text())
        dialog.logged.setCurrentIndex(0)
        QTest.keyClicks(dialog.decision, "Programme board 11/01/2017, minute 3")
        dialog.accept()
        return True

    answer_dialogs(fill)
    milestones.select_milestone("HR-02")
    milestones.rebaseline_milestone()
    assert "not a made decision in the log" in seen[0]
    change = load_snapshot(register_document.plan).baseline_changes_of("HR-02")[-1]
    assert (change.decision, change.decision_ref) == ("Programme board 11/01/2017, minute 3", "")


def test_rebaseline_records_a_new_decision_in_the_same_step(milestones, register_document, answer_dialogs):
    def fill(dialog):
        if isinstance(dialog, DecisionDialog):
            assert dialog.status.values[dialog.status.currentIndex()] is DecisionStatus.MADE
            assert dialog.milestones.chosen() == ("IMP-06",)
            QTest.keyClicks(dialog.title_edit, "Move the Ofsted monitoring visit")
            dialog.forum.setCurrentIndex(dialog.forum.values.index(Forum.DFE))
            type_into(dialog.made_on, "12/01/2017")
            dialog.accept()
            return True
        type_into(dialog.baseline, "17/02/2017")
        QTest.keyClicks(dialog.reason, "Ofsted moved the visit")
        dialog.new_button.click()  # opens the DecisionDialog above, through run_dialog
        assert dialog.decision_ref() == "D08"
        dialog.accept()
        return True

    answer_dialogs(fill)
    milestones.select_milestone("IMP-06")
    milestones.rebaseline_milestone()
    new = decision(register_document, "D08")
    assert (new.title, new.status, new.made_on, new.forum) == ("Move the Ofsted monitoring visit", DecisionStatus.MADE,
                                                              date(2017, 1, 12), Forum.DFE)
    change = load_snapshot(register_document.plan).baseline_changes_of("IMP-06")[-1]
    assert change.decision_ref == "D08"
    assert "decision:D08" in milestones.detail_register.text()
    steps = register_document.undo_stack.count()
    register_document.undo_stack.undo()  # one step takes back the re-baseline and the decision it recorded
    assert register_document.undo_stack.index() == steps - 1
    assert all(d.ref != "D08" for d in load_decisions(register_document.plan))
    assert not [c for c in load_snapshot(register_document.plan).baseline_changes_of("IMP-06") if c.decision_ref]
