"""The window open for review: read-only without the edit lock, a banner naming the reviewer (asked
once, remembered), no way to change the plan by menu, shortcut, in-place edit, import or settings,
and a Review page where a challenge typed by the reviewer is recorded under their name, while a
manager holds the edit lock. The manager sees the page too, and responds from it."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

import trustplanner.ui.pages.review as review_page
from trustplanner.domain.review import ReviewKind
from trustplanner.services import history
from trustplanner.services.reviews import (
    file_sha256,
    list_challenges,
    list_reviews,
    list_signoffs,
    raise_challenge,
    start_review,
)
from trustplanner.services.snapshot import load_snapshot
from trustplanner.store.access import open_for_writing
from trustplanner.store.lock import read_owner
from trustplanner.store.plan_file import open_plan_file
from trustplanner.ui import dialogs
from trustplanner.ui.dialogs.reviewer_dialog import ReviewerDialog
from trustplanner.ui.main_window import MainWindow
from trustplanner.ui.models.milestone_table import Column


def dump(path) -> str:
    with open_plan_file(path, read_only=True) as plan:
        return history.canonical_dump(plan)



@pytest.fixture
def demo_path(tmp_path):
    """The demo plan without its reviews: these tests start a review from nothing."""
    from trustplanner.services.demo import create_demo_plan

    path = tmp_path / "demo.tplan"
    create_demo_plan(path, with_reviews=False).close()
    return path

@pytest.fixture
def reviewer_typed(monkeypatch):
    """Answer the reviewer dialog by typing, as a user does; counts how often it was asked."""
    asked = []

    def fill(dialog) -> bool:
        if isinstance(dialog, ReviewerDialog):
            asked.append(dialog)
            dialog.name.clear()
            QTest.keyClicks(dialog.name, "Jane Smith")
            dialog.role.setCurrentIndex(dialog.role.findData("dfe-adviser"))
            return True
        pytest.fail(f"unexpected dialog {type(dialog).__name__}")

    monkeypatch.setattr(dialogs, "run_dialog", fill)
    return asked


@pytest.fixture
def reviewing(window, demo_path, settings):
    settings.set_reviewer("Jane Smith", "commissioner")
    assert window.open_plan(demo_path, review=True)
    return window


def test_opening_for_review_asks_who_once_takes_no_lock_and_says_so(window, demo_path, settings, qtbot,
                                                                    reviewer_typed):
    assert window.open_plan(demo_path, review=True)
    assert len(reviewer_typed) == 1 and settings.reviewer() == ("Jane Smith", "dfe-adviser")
    assert window.document.read_only and window.document.reviewing
    assert read_owner(demo_path) is None  # no edit lock taken
    assert window.banner.isVisibleTo(window)
    assert window.banner.label.text() == ("Reviewing as Jane Smith (DfE adviser) — the plan is read-only; your "
                                          "challenges and sign-offs are recorded")
    assert "[review]" in window.windowTitle()
    assert window.current_page().title == "Review"  # where a reviewer lands
    window.close_plan()
    again = MainWindow(settings)
    qtbot.addWidget(again)
    assert again.open_plan(demo_path, review=True)
    assert len(reviewer_typed) == 1  # remembered: not asked again
    again.close_plan()


def test_a_window_in_review_mode_changes_nothing_by_menu_shortcut_in_place_edit_or_import(
        reviewing, demo_path, qtbot, answer_dialogs):
    window = reviewing
    opened = []
    answer_dialogs(lambda dialog: opened.append(dialog) or False)
    before = dump(demo_path)
    edit_actions = {window.undo_action, window.redo_action, window.settings_action, window.take_over_action,
                    *window.edit_plan_actions, *window.milestone_menu.actions()}
    for page in window.pages:
        edit_actions.update(getattr(page, "edit_actions", []))
        edit_actions.update(getattr(page, "row_actions", []))
    enabled = {a.text() for a in window.findChildren(QAction) if a.isEnabled()}
    assert not [a.text() for a in edit_actions if a.isEnabled() and not a.isSeparator()], enabled
    assert not window.status_date.isEnabled()
    # every shortcut the edit actions have, pressed on the Milestones page with a row selected
    window.show_page_titled("Milestones")
    page = window.page_titled("Milestones")
    page.ensure_fresh()
    page.select_milestone("GOV-12")
    page.table.setFocus()
    keys = {QKeySequence("Ctrl+Z"), QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")}
    for action in edit_actions:
        keys.update(s for s in action.shortcuts() if not s.isEmpty())
    for key in keys:
        QTest.keySequence(page.table, key)
    # typing over a cell in place: F2, type, Tab
    index = page.proxy.mapFromSource(page.model.index(page.model.row_of("GOV-12"), Column.OWNER))
    page.table.setCurrentIndex(index)
    QTest.keyClick(page.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    if editor is not page.table:
        QTest.keyClicks(editor, "Someone else")
        QTest.keyClick(editor, Qt.Key.Key_Tab)
    QTest.keyClicks(page.table, "Someone else")  # typing straight onto the cell
    # the menu commands themselves, called directly (as a stray signal would)
    window.import_table("milestones")
    window.edit_plan_settings()
    window.save_pending()
    assert opened == []  # no edit dialog was even shown
    assert dump(demo_path) == before
    with open_plan_file(demo_path, read_only=True) as plan:
        assert load_snapshot(plan).milestone("GOV-12").owner != "Someone else"


def test_a_reviewer_records_a_typed_challenge_while_a_manager_holds_the_edit_lock(window, demo_path, settings,
                                                                                  monkeypatch):
    settings.set_reviewer("Jane Smith", "commissioner")
    with open_for_writing(demo_path) as manager:
        assert window.open_plan(demo_path, review=True)
        page = window.page_titled("Review")
        page.ensure_fresh()
        assert not page.challenge_button.isEnabled() and page.start_button.isEnabled()

        def fill(dialog) -> bool:
            if hasattr(dialog, "kind"):  # Start review
                QTest.keyClicks(dialog.name, "Q1 2027 progress review")
                assert dialog.reviewer.text() == "Jane Smith" and dialog.reviewer.isReadOnly()
            else:  # Raise challenge
                dialog.target.setCurrentIndex(dialog.target.findData("GOV-12"))
                QTest.keyClicks(dialog.question, "Who chairs the shadow board now?")
                dialog.evidence.setChecked(True)
            return True

        monkeypatch.setattr(review_page, "run_dialog", fill)
        QTest.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
        assert page.challenge_button.isEnabled()
        QTest.mouseClick(page.challenge_button, Qt.MouseButton.LeftButton)
        [challenge] = list_challenges(manager)
        assert (challenge.review, challenge.target, challenge.question, challenge.raised_by,
                challenge.evidence_requested) == ("Q1 2027 progress review", "GOV-12",
                                                  "Who chairs the shadow board now?", "Jane Smith", True)
        assert [e.user for e in history.entries(manager, limit=2)] == ["Jane Smith", "Jane Smith"]
        assert page.challenge_model.rowCount() == 1 and page.challenge_model.rows[0][1] == "GOV-12"
        page.challenge_table.setCurrentIndex(page.challenge_model.index(0, 0))
        assert not page.respond_button.isEnabled()  # a manager's action
        page.respond()
        assert list_challenges(manager)[0].response == ""
        assert not manager.lock.lost
        window.close_plan()


def test_the_manager_answers_an_open_challenge_from_the_review_page(window, demo_path, monkeypatch):
    assert window.open_plan(demo_path)
    plan = window.document.plan
    start_review(plan, "Q1 2027 progress review", kind=ReviewKind.PROGRESS, reviewer="Jane Smith",
                 on=date(2027, 1, 5))
    raise_challenge(plan, "finance", "Is the contract sum funded?")
    window.document.check_for_changes()
    window.show_page_titled("Review")
    page = window.page_titled("Review")
    page.ensure_fresh()
    page.challenge_table.setCurrentIndex(page.challenge_model.index(0, 0))
    assert page.respond_button.isEnabled()

    def fill(dialog) -> bool:
        QTest.keyClicks(dialog.response, "Yes: the cabinet approved it in March.")
        return True

    monkeypatch.setattr(review_page, "run_dialog", fill)
    QTest.mouseClick(page.respond_button, Qt.MouseButton.LeftButton)
    [answered] = list_challenges(plan)
    assert (answered.response, answered.outcome.value) == ("Yes: the cabinet approved it in March.", "answered")
    assert page.challenge_model.rows[0][4] == "Answered"


def test_a_reviewer_signs_off_a_complete_milestone_on_a_file_and_closes_a_challenge(window, demo_path, settings,
                                                                                    tmp_path, monkeypatch):
    with open_plan_file(demo_path) as plan:
        start_review(plan, "Q1 2027 progress review", kind=ReviewKind.PROGRESS, reviewer="Jane Smith")
        raise_challenge(plan, "plan", "Is the go-live date still right?")
    evidence = tmp_path / "board minutes.pdf"
    evidence.write_bytes(b"%PDF-1.4 minutes")
    settings.set_reviewer("Jane Smith", "commissioner")
    assert window.open_plan(demo_path, review=True)
    page = window.page_titled("Review")
    page.ensure_fresh()
    ref = page.sign_off_model.rows[0][0]
    page.sign_off_table.setCurrentIndex(page.sign_off_model.index(0, 0))

    def fill(dialog) -> bool:
        if hasattr(dialog, "title") and hasattr(dialog, "link"):  # Sign off
            assert dialog.chosen_milestone() == ref  # the selected complete milestone
            QTest.keyClicks(dialog.title, "Shadow board minutes")
            QTest.keyClicks(dialog.file, str(evidence))
        else:  # Close challenge
            dialog.outcome.setCurrentIndex(dialog.outcome.findData("accepted-with-conditions"))
            QTest.keyClicks(dialog.conditions, "Re-forecast by March")
        return True

    monkeypatch.setattr(review_page, "run_dialog", fill)
    QTest.mouseClick(page.sign_off_button, Qt.MouseButton.LeftButton)
    page.challenge_table.setCurrentIndex(page.challenge_model.index(0, 0))
    assert page.close_button.isEnabled()
    QTest.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    with open_plan_file(demo_path, read_only=True) as plan:
        [signed] = list_signoffs(plan)
        [closed] = list_challenges(plan)
    assert (signed.milestone, signed.reviewer, signed.evidence.title) == (ref, "Jane Smith", "Shadow board minutes")
    assert signed.evidence.sha256 == file_sha256(evidence)
    assert (closed.outcome.value, closed.conditions, closed.closed_by) == (
        "accepted-with-conditions", "Re-forecast by March", "Jane Smith")
    assert page.sign_off_model.rows[0][5] == "signed off"
    assert not page.close_button.isEnabled()  # closed now


def test_the_banner_changes_the_reviewer_and_the_next_review_is_theirs(reviewing, settings, monkeypatch):
    window = reviewing

    def fill(dialog) -> bool:
        if isinstance(dialog, ReviewerDialog):
            dialog.name.clear()
            QTest.keyClicks(dialog.name, "HMI Patel")
            dialog.role.setCurrentIndex(dialog.role.findData("ofsted"))
            return True
        QTest.keyClicks(dialog.name, "Ofsted monitoring visit")  # Start review
        assert dialog.reviewer.text() == "HMI Patel"
        return True

    monkeypatch.setattr(dialogs, "run_dialog", fill)
    monkeypatch.setattr(review_page, "run_dialog", fill)
    assert window.banner.button.text() == "Change reviewer…"
    QTest.mouseClick(window.banner.button, Qt.MouseButton.LeftButton)
    assert window.banner.label.text().startswith("Reviewing as HMI Patel (Ofsted) — the plan is read-only")
    assert settings.reviewer() == ("HMI Patel", "ofsted")
    page = window.page_titled("Review")
    QTest.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    [review] = [r for r in list_reviews(window.document.plan) if r.name == "Ofsted monitoring visit"]
    assert (review.reviewer, review.role.value) == ("HMI Patel", "ofsted")
