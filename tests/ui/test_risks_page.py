"""The Risks page: the register's table (model tester), edits typed into real editors and read back
from the plan, each undone as one history entry, the heat map's click filter, links to milestones,
read-only windows."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from trustplanner.domain.risks import ActionStatus, RiskStatus, Score
from trustplanner.services.risks import load_register
from trustplanner.ui.dialogs.register_dialogs import ActionDialog, RescoreDialog, RiskDialog
from trustplanner.ui.models.risk_table import Column
from trustplanner.ui.pages.risks import RisksPage


@pytest.fixture
def page(qtbot, register_document):
    page = RisksPage()
    qtbot.addWidget(page)
    page.set_document(register_document)
    page.resize(1300, 800)
    page.show()
    return page


def risk(document, ref):
    return load_register(document.plan).risk(ref)


def type_into(widget, text):
    """Select what the field holds and type over it, as a person does."""
    widget.setFocus()
    widget.selectAll()
    QTest.keyClicks(widget, text)


def row_refs(page):
    return [page.proxy.index(row, Column.REF).data() for row in range(page.proxy.rowCount())]


def select(page, ref):
    page.select_record(ref)
    assert page.current_ref() == ref


def test_the_models_pass_the_model_tester(page, qtmodeltester):
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)


def row_of(page, ref):
    return row_refs(page).index(ref)


def test_the_register_is_listed_worst_first_with_band_trend_and_next_action(page):
    assert page.model.rowCount() == 9
    assert set(row_refs(page)[:2]) == {"R02", "R04"}  # 20 each since January's re-scores, the highest
    worse = row_of(page, "R02")
    index = page.proxy.index(worse, Column.SCORE)
    assert index.data() == "20"
    assert index.data(Qt.ItemDataRole.BackgroundRole).color().name() == "#c62828"  # red fill, number on it
    assert page.proxy.index(worse, Column.DIRECTION).data() == "↑"  # re-scored 16 → 20 at the status date
    assert page.proxy.index(row_of(page, "R06"), Column.DIRECTION).data() == "↓"  # 12 → 8
    r01 = row_of(page, "R01")
    assert page.proxy.index(r01, Column.DIRECTION).data() == "→"  # never re-scored
    # R01's earliest open action was due 06/01/2017, before the status date: flagged
    assert page.proxy.index(r01, Column.NEXT_ACTION).data().endswith("!")
    assert "Because" in page.detail_text.text() and "there is a risk that" in page.detail_text.text()
    assert "resulting in" in page.detail_text.text()


def type_in_cell(page, qtbot, ref, column, text):
    """Select the risk's cell, press F2, type over what it holds and press Enter: as a user does."""
    qtbot.waitExposed(page.table)
    page.activateWindow()
    index = page.proxy.mapFromSource(page.model.index(page.model.row_of(ref), column))
    page.table.setFocus()
    page.table.setCurrentIndex(index)
    QTest.keyClick(page.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not page.table and editor.parent() is page.table.viewport(), "F2 opened no editor"
    QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()


def test_owner_typed_in_place_is_stored_and_undone_as_one_entry(page, register_document, qtbot):
    stack = register_document.undo_stack
    before, entries = risk(register_document, "R03").owner, stack.count()
    type_in_cell(page, qtbot, "R03", Column.OWNER, "Director of Commissioning")
    assert risk(register_document, "R03").owner == "Director of Commissioning"
    assert stack.count() == entries + 1 and stack.undoText() == "Edit risk R03"
    stack.undo()
    assert risk(register_document, "R03").owner == before


def test_review_by_typed_in_place_is_stored(page, register_document, qtbot):
    type_in_cell(page, qtbot, "R05", Column.REVIEW_BY, "20/03/2017")
    assert risk(register_document, "R05").review_by == date(2017, 3, 20)


def test_edit_risk_dialog_changes_every_kind_of_field_and_undoes(page, register_document, answer_dialogs):
    select(page, "R08")

    def fill(dialog):
        assert isinstance(dialog, RiskDialog)
        type_into(dialog.title_edit, "Leadership churn in the new company's first year")
        type_into(dialog.effect, "resulting in drift in the improvement plan")
        dialog.status.setCurrentIndex(dialog.status.values.index(RiskStatus.OCCURRED))
        type_into(dialog.review_by, "1 March 2017")
        dialog.target.likelihood.selectAll()
        QTest.keyClicks(dialog.target.likelihood, "1")
        dialog.milestones.set_checked("GOV-12")
        line = dialog.budget_lines.list.item(0).data(Qt.ItemDataRole.UserRole)
        chosen_line.append(line)
        dialog.budget_lines.set_checked(line)
        QTest.keyClicks(dialog.budget_lines.search, line[:5])  # the filter narrows, ticks are kept
        type_into(dialog.escalated_to, "shadow board")
        dialog.accept()
        return dialog.result_risk is not None

    chosen_line = []
    answer_dialogs(fill)
    before = risk(register_document, "R08")
    page.edit_risk()
    after = risk(register_document, "R08")
    assert after.title == "Leadership churn in the new company's first year"
    assert after.effect == "resulting in drift in the improvement plan"
    assert after.status is RiskStatus.OCCURRED
    assert after.review_by == date(2017, 3, 1)
    assert after.target.likelihood == 1
    assert "GOV-12" in after.milestones
    assert after.budget_lines == tuple(chosen_line)
    assert after.escalated_to == "shadow board"
    assert register_document.undo_stack.undoText() == "Edit risk R08"
    register_document.undo_stack.undo()
    assert risk(register_document, "R08") == before


def test_a_refused_value_keeps_the_dialog_open_with_the_reason(page, register_document, answer_dialogs):
    select(page, "R08")
    seen = []

    def fill(dialog):
        type_into(dialog.ref, "R01")  # taken
        dialog.accept()
        seen.append(dialog.messages.label.text())
        return False

    answer_dialogs(fill)
    page.edit_risk()
    assert "already a risk R01" in seen[0]


def test_rescore_is_a_review_with_its_note_and_undoes(page, register_document, answer_dialogs):
    select(page, "R06")

    def fill(dialog):
        assert isinstance(dialog, RescoreDialog)
        dialog.score.likelihood.selectAll()
        QTest.keyClicks(dialog.score.likelihood, "4")
        type_into(dialog.on, "10/02/2017")
        assert dialog.next_review.text() == "10/03/2017"  # 28 days on, following the review date typed
        type_into(dialog.next_review, "24/02/2017")
        QTest.keyClicks(dialog.note, "Cut-over rehearsal failed")
        dialog.accept()
        return True

    answer_dialogs(fill)
    page.rescore_risk()
    register = load_register(register_document.plan)
    assert register.risk("R06").current == Score(4, 4) and register.risk("R06").review_by == date(2017, 2, 24)
    review = register.reviews_of("R06")[-1]
    assert (review.before, review.after, review.on, review.note) == (Score(2, 4), Score(4, 4), date(2017, 2, 10),
                                                                     "Cut-over rehearsal failed")
    assert page.current_ref() == "R06"
    assert page.detail.tabText(1) == "Reviews (2)"  # January's, and this one
    assert "Cut-over rehearsal failed" in page.reviews_text.text()
    assert page.proxy.index(page.table.currentIndex().row(), Column.DIRECTION).data() == "↑"
    register_document.undo_stack.undo()
    register = load_register(register_document.plan)
    assert register.risk("R06").current == Score(2, 4) and len(register.reviews_of("R06")) == 1


def test_add_an_action_then_mark_it_done_each_undoable(page, register_document, answer_dialogs):
    select(page, "R07")

    def fill(dialog):
        assert isinstance(dialog, ActionDialog)
        QTest.keyClicks(dialog.action, "Ofsted registration pack submitted")
        type_into(dialog.owner, "Head of Fostering")
        QTest.keyClicks(dialog.due, "24/02/2017")
        dialog.accept()
        return True

    answer_dialogs(fill)
    page.add_risk_action()
    actions = {a.action: a for a in load_register(register_document.plan).actions_of("R07")}
    added = actions["Ofsted registration pack submitted"]
    assert (added.owner, added.due, added.status) == ("Head of Fostering", date(2017, 2, 24), ActionStatus.OPEN)
    row = next(i for i in range(page.actions_list.count())
               if page.actions_list.item(i).data(Qt.ItemDataRole.UserRole + 1).action == added.action)
    page.actions_list.setCurrentRow(row)
    assert page.done_button.isEnabled()
    page.done_button.click()
    actions = {a.action: a for a in load_register(register_document.plan).actions_of("R07")}
    assert actions[added.action].status is ActionStatus.DONE
    register_document.undo_stack.undo()
    assert {a.action: a for a in load_register(register_document.plan).actions_of("R07")}[added.action].status \
        is ActionStatus.OPEN
    register_document.undo_stack.undo()
    assert added.action not in {a.action for a in load_register(register_document.plan).actions_of("R07")}


def test_overdue_actions_are_flagged_in_the_list(page):
    select(page, "R01")
    texts = [page.actions_list.item(i).text() for i in range(page.actions_list.count())]
    assert any(text.startswith("! OVERDUE") and "locums" in text for text in texts)


def test_add_a_risk_typed_in_the_dialog_and_delete_it(page, register_document, answer_dialogs, monkeypatch):
    def fill(dialog):
        assert dialog.ref.text() == "R10"  # the next free ref
        QTest.keyClicks(dialog.title_edit, "Children's records not migrated")
        QTest.keyClicks(dialog.cause, "Because the case management system is shared")
        QTest.keyClicks(dialog.event, "the split of records slips")
        QTest.keyClicks(dialog.effect, "social workers cannot see case histories")
        dialog.category.setCurrentIndex(dialog.category.findText("ICT and data"))
        QTest.keyClicks(dialog.owner, "Senior Information Risk Owner")
        dialog.current.likelihood.selectAll()
        QTest.keyClicks(dialog.current.likelihood, "2")
        dialog.current.impact.selectAll()
        QTest.keyClicks(dialog.current.impact, "5")
        dialog.accept()
        return True

    answer_dialogs(fill)
    page.add_risk()
    added = risk(register_document, "R10")
    assert (added.title, added.owner, added.current, added.category.label) == (
        "Children's records not migrated", "Senior Information Risk Owner", Score(2, 5), "ICT and data")
    assert page.current_ref() == "R10"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.delete_risk()
    assert "R10" not in {r.ref for r in load_register(register_document.plan).risks}
    register_document.undo_stack.undo()
    assert risk(register_document, "R10").title == "Children's records not migrated"


def test_heat_map_counts_open_risks_and_a_click_filters_the_table(page, qtbot):
    buttons = page.heat_map.buttons
    assert buttons[(4, 4)].text() == "1" and buttons[(5, 4)].text() == "1"  # counts: readable in greyscale
    assert buttons[(1, 1)].text() == ""
    assert sum(int(b.text() or 0) for b in buttons.values()) == 8  # R09 is closed: not on the map
    qtbot.mouseClick(buttons[(4, 4)], Qt.MouseButton.LeftButton)
    assert row_refs(page) == ["R01"]
    assert "open at 4×4" in page.count.text() and page.show_all.isVisible()
    qtbot.mouseClick(buttons[(4, 4)], Qt.MouseButton.LeftButton)  # again: cleared
    assert len(row_refs(page)) == 9 and page.heat_map.chosen is None
    qtbot.mouseClick(buttons[(3, 5)], Qt.MouseButton.LeftButton)
    page.show_all.click()
    assert len(row_refs(page)) == 9 and not buttons[(3, 5)].isChecked()


def test_filters_by_status_category_owner_score_milestone_and_search(page):
    page.status_filter.setCurrentIndex(page.status_filter.findData(RiskStatus.CLOSED))
    assert row_refs(page) == ["R09"]
    page.clear_filters()
    page.category_filter.setCurrentIndex(page.category_filter.findText("Financial"))
    assert sorted(row_refs(page)) == ["R02", "R05"]
    page.clear_filters()
    page.owner_filter.setCurrentIndex(page.owner_filter.findText("Section 151 Officer"))
    assert sorted(row_refs(page)) == ["R02", "R05"]
    page.clear_filters()
    page.band_filter.setCurrentIndex(page.band_filter.findText("At escalation"))
    assert sorted(row_refs(page)) == ["R01", "R02", "R04", "R05"]
    page.clear_filters()
    page.milestone_filter.setCurrentIndex(page.milestone_filter.findText("HR-02"))
    assert "R01" in row_refs(page)
    page.clear_filters()
    QTest.keyClicks(page.search, "pension")
    assert row_refs(page) and all("pension" in " ".join(
        (r.title, r.cause, r.event, r.effect, r.controls)).casefold()
        for r in (page.model.line(page.model.row_of(ref)).risk for ref in row_refs(page)))


def test_a_milestone_link_asks_for_the_milestone(page, qtbot):
    select(page, "R01")
    assert "milestone:HR-02" in page.detail_text.text()
    with qtbot.waitSignal(page.milestone_selected) as heard:
        page.detail_text.linkActivated.emit("milestone:HR-02")
    assert heard.args == ["HR-02"]


def test_read_only_window_offers_no_editing(qtbot, register_document, tmp_path):
    from trustplanner.store.plan_file import open_plan_file
    from trustplanner.ui.document import PlanDocument

    path = register_document.plan.path
    document = PlanDocument(open_plan_file(path, read_only=True), None)
    page = RisksPage()
    qtbot.addWidget(page)
    page.set_document(document)
    select(page, "R01")
    assert not any(a.isEnabled() for a in page.edit_actions)
    assert not page.new_action_button.isEnabled() and not page.done_button.isEnabled()
    assert not page.model.flags(page.model.index(0, Column.OWNER)) & Qt.ItemFlag.ItemIsEditable
    document.close()


def test_ctrl_f_finds_the_search_box_and_a_milestones_risk_opens_on_the_risks_page(window, tmp_path, qtbot):
    from trustplanner.services.demo import create_demo_plan

    create_demo_plan(tmp_path / "window.tplan").close()
    assert window.open_plan(tmp_path / "window.tplan")
    window.show_page_titled("Risks")
    risks = window.page_titled("Risks")
    window.focus_search()
    assert QApplication.focusWidget() is risks.search
    window.show_milestone("HR-02")
    milestones = window.page_titled("Milestones")
    assert "risk:R01" in milestones.detail_register.text()
    milestones.detail_register.linkActivated.emit("risk:R01")
    assert window.current_page() is risks and risks.current_ref() == "R01"
    risks.detail_text.linkActivated.emit("milestone:IMP-06")
    assert window.current_page() is milestones and milestones.current_ref() == "IMP-06"
    window.show_milestone("CON-01")
    assert "decision:D02" in milestones.detail_register.text()
    milestones.detail_register.linkActivated.emit("decision:D02")
    decisions = window.page_titled("Decisions")
    assert window.current_page() is decisions and decisions.current_ref() == "D02"


def test_file_import_of_risks_from_the_window_fills_the_page_and_undoes(window, demo_path, monkeypatch):
    import trustplanner.ui.import_dialog as import_dialog
    from trustplanner.resources import resource_path

    from trustplanner.services.risks import delete_risk
    from trustplanner.store.access import open_for_writing

    plan = open_for_writing(demo_path)  # the demo's register taken out, to import it again
    for each in load_register(plan).risks:
        delete_risk(plan, each.ref)
    plan.close()
    assert window.open_plan(demo_path)
    window.show_page_titled("Risks")
    page = window.page_titled("Risks")
    assert page.model.rowCount() == 0 and page.detail_title.text() == "No risks in this plan yet"
    monkeypatch.setattr(import_dialog, "choose_import_file",
                        lambda parent, kind, folder: str(resource_path("demo", f"{kind.name}.csv")))
    shown = []

    def confirm(dialog):
        shown.append(dialog)
        dialog.import_button.click()
        return dialog.result() == dialog.DialogCode.Accepted

    monkeypatch.setattr(import_dialog.dialogs, "run_dialog", confirm)
    window.import_actions["risks"].trigger()
    assert len(shown) == 1
    assert page.model.rowCount() == 9 and page.heat_map.buttons[(4, 4)].text() == "2"  # as December scored them
    assert "Imported risks: 9 added" in window.statusBar().currentMessage()
    window.import_actions["risk_actions"].trigger()
    page.select_record("R01")
    assert page.detail.tabText(2) == "Actions (2)"
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    assert page.model.rowCount() == 0
