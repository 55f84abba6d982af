"""Commissioner review through the services: each write one change in the history, named for what it
did and undone exactly; refusals change nothing; sign-offs notice a moved actual date or a changed file.

The sample plan (tests/conftest.py) has M1 (actual 01/06/2016) and M2 (actual 05/12/2016) complete and
M3–M5 open; its status date is 16/01/2017.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from trustplanner.domain.problems import NotFound, ValidationFailed
from trustplanner.domain.review import (
    NOT_SIGNED_OFF,
    SIGNED_OFF,
    Outcome,
    ReviewerRole,
    ReviewKind,
)
from trustplanner.domain.risks import Risk, Score
from trustplanner.services import history
from trustplanner.services.milestones import update_milestone
from trustplanner.services.reviews import (
    close_challenge,
    file_sha256,
    list_challenges,
    list_reviews,
    list_signoffs,
    load_review_records,
    raise_challenge,
    respond,
    sign_off,
    signed_off_status,
    start_review,
)
from trustplanner.services.risks import add_risk
from trustplanner.services.snapshot import load_snapshot
from trustplanner.store.plan_file import open_plan_file

Q3 = "Q3 2016 progress review"


@pytest.fixture
def plan(sample_plan):
    with open_plan_file(sample_plan) as opened:
        yield opened


@pytest.fixture
def reviewed(plan):
    start_review(plan, Q3, kind=ReviewKind.PROGRESS, reviewer="Jane Smith", on=date(2017, 1, 20))
    return plan


def last_entry(plan):
    return history.entries(plan, limit=1)[-1]


def test_starting_a_review_is_one_change_named_for_it_and_undone(plan, sample_plan, plan_data_dump):
    empty = plan_data_dump(sample_plan)
    review = start_review(plan, Q3, kind=ReviewKind.PROGRESS, reviewer="Jane Smith", role=ReviewerRole.DFE_ADVISER,
                          on=date(2017, 1, 20))
    assert list_reviews(plan) == (review,)
    assert (review.as_of, review.role, review.closed) == (date(2017, 1, 16), ReviewerRole.DFE_ADVISER, None)
    entry = last_entry(plan)
    assert (entry.what, entry.user, entry.areas) == (f"Start the {Q3}", "Jane Smith", ("reviews",))  # the reviewer
    history.undo(plan, review=True)
    assert plan_data_dump(sample_plan) == empty


def test_a_review_name_is_unique_and_a_refusal_changes_nothing(reviewed, sample_plan, plan_dump):
    before = plan_dump(sample_plan)
    with pytest.raises(ValidationFailed, match="there is already a review"):
        start_review(reviewed, Q3, kind=ReviewKind.GATEWAY, reviewer="Someone")
    with pytest.raises(ValidationFailed, match="reviewer: name the reviewer"):
        start_review(reviewed, "Gateway", kind=ReviewKind.GATEWAY, reviewer=" ")
    assert plan_dump(sample_plan) == before


def test_a_challenge_goes_to_the_latest_open_review_named_in_the_history(reviewed, sample_plan, plan_data_dump):
    start_review(reviewed, "Gateway review", kind=ReviewKind.GATEWAY, reviewer="Ann Other", on=date(2017, 1, 25))
    before = plan_data_dump(sample_plan)
    challenge = raise_challenge(reviewed, "M5", "Why has it slipped?", evidence=True, on=date(2017, 1, 26))
    assert (challenge.review, challenge.raised_by, challenge.outcome) == ("Gateway review", "Ann Other", Outcome.OPEN)
    assert last_entry(reviewed).what == "Challenge M5 (Gateway review)"
    assert list_challenges(reviewed) == (challenge,)
    named = raise_challenge(reviewed, "finance", "Is the contract sum funded?", review=Q3)
    assert named.review == Q3 and list_challenges(reviewed, Q3) == (named,)
    history.undo(reviewed, review=True)
    history.undo(reviewed, review=True)
    assert plan_data_dump(sample_plan) == before


def test_a_challenge_on_a_risk_a_decision_or_the_plan(reviewed):
    add_risk(reviewed, Risk("R1", "Agency reliance", Score(3, 4), owner="DCS"))
    for target in ("R1", "plan", "workforce"):
        raise_challenge(reviewed, target, "Explain")
    assert [c.target for c in list_challenges(reviewed)] == ["R1", "plan", "workforce"]


def test_a_challenge_on_an_unknown_ref_or_without_a_review_changes_nothing(plan, sample_plan, plan_dump):
    before = plan_dump(sample_plan)
    with pytest.raises(NotFound, match="there is no open review"):
        raise_challenge(plan, "M5", "Why?")
    start_review(plan, Q3, kind=ReviewKind.PROGRESS, reviewer="Jane Smith")
    started = plan_dump(sample_plan)
    with pytest.raises(ValidationFailed, match="unknown ref 'M9'"):
        raise_challenge(plan, "M9", "Why?")
    with pytest.raises(NotFound, match="there is no review 'Q4'"):
        raise_challenge(plan, "M5", "Why?", review="Q4")
    assert plan_dump(sample_plan) == started != before


def test_a_response_answers_and_is_undone(reviewed, sample_plan, plan_data_dump):
    challenge = raise_challenge(reviewed, "M5", "Why has it slipped?")
    raised = plan_data_dump(sample_plan)
    answered = respond(reviewed, challenge.id, "The actuary's report is late", by="Programme Director",
                       on=date(2017, 1, 27))
    assert (answered.outcome, answered.responded_by, answered.responded_on) == \
        (Outcome.ANSWERED, "Programme Director", date(2017, 1, 27))
    assert last_entry(reviewed).what == f"Respond to challenge {challenge.id} on M5 ({Q3})"
    history.undo(reviewed, review=True)
    assert plan_data_dump(sample_plan) == raised


def test_closing_is_the_reviewers_and_is_undone(reviewed, sample_plan, plan_data_dump, plan_dump):
    challenge = raise_challenge(reviewed, "M5", "Why has it slipped?")
    respond(reviewed, challenge.id, "Late report", by="Programme Director")
    before = plan_dump(sample_plan)
    with pytest.raises(ValidationFailed, match=r"only the reviewer \(Jane Smith\)"):
        close_challenge(reviewed, challenge.id, Outcome.ACCEPTED, by="Programme Director")
    assert plan_dump(sample_plan) == before
    answered = plan_data_dump(sample_plan)
    closed = close_challenge(reviewed, challenge.id, Outcome.ACCEPTED_WITH_CONDITIONS, conditions="Monthly report",
                             by="jane smith", on=date(2017, 2, 1))
    assert (closed.outcome, closed.closed_by, closed.conditions) == \
        (Outcome.ACCEPTED_WITH_CONDITIONS, "Jane Smith", "Monthly report")
    assert last_entry(reviewed).what == f"Close challenge {challenge.id} on M5 as accepted with conditions ({Q3})"
    with pytest.raises(ValidationFailed, match="takes no more responses"):
        respond(reviewed, challenge.id, "More", by="Programme Director")
    history.undo(reviewed, review=True)
    assert plan_data_dump(sample_plan) == answered


def test_an_unknown_challenge_is_one_clear_error(reviewed):
    with pytest.raises(NotFound, match="there is no challenge 99 in this plan"):
        respond(reviewed, 99, "Answer")


def test_a_sign_off_hashes_the_evidence_file_and_is_undone(reviewed, sample_plan, plan_data_dump, tmp_path):
    letter = tmp_path / "incorporation.pdf"
    letter.write_bytes(b"%PDF certificate of incorporation")
    before = plan_data_dump(sample_plan)
    signed = sign_off(reviewed, "M1", evidence="Certificate of incorporation", path=letter,
                      evidence_on=date(2016, 6, 1), on=date(2017, 1, 21))
    assert signed.evidence.sha256 == file_sha256(letter) and signed.evidence.path == str(letter)
    assert (signed.actual, signed.reviewer) == (date(2016, 6, 1), "Jane Smith")
    assert list_signoffs(reviewed) == (signed,)
    assert last_entry(reviewed).what == f"Sign off M1 ({Q3})"
    history.undo(reviewed, review=True)
    assert plan_data_dump(sample_plan) == before


def test_a_missing_evidence_file_is_one_clear_error_and_changes_nothing(reviewed, sample_plan, plan_dump, tmp_path):
    before = plan_dump(sample_plan)
    with pytest.raises(ValidationFailed) as refused:
        sign_off(reviewed, "M1", evidence="Certificate", path=tmp_path / "gone.pdf")
    [problem] = refused.value.problems
    assert str(problem) == f"sign-off of M1: file: cannot read the evidence file {tmp_path / 'gone.pdf'}: " \
                           "there is no such file"
    assert plan_dump(sample_plan) == before


def test_an_open_milestone_is_not_signed_off(reviewed, sample_plan, plan_dump):
    before = plan_dump(sample_plan)
    with pytest.raises(ValidationFailed, match="M3 is not complete"):
        sign_off(reviewed, "M3", evidence="Draft contract", link="https://example.org/contract")
    assert plan_dump(sample_plan) == before


def test_signed_off_status_notices_a_moved_actual_date_and_a_changed_file(reviewed, tmp_path):
    letter = tmp_path / "board.pdf"
    letter.write_bytes(b"minutes v1")
    sign_off(reviewed, "M1", evidence="Certificate", link="https://example.org/cert")
    sign_off(reviewed, "M2", evidence="Board minutes", path=letter)
    status = signed_off_status(load_snapshot(reviewed), load_review_records(reviewed).signoffs)
    assert {ref: s.status for ref, s in status.items()} == {"M1": SIGNED_OFF, "M2": SIGNED_OFF}
    letter.write_bytes(b"minutes v2")
    m1 = load_snapshot(reviewed).milestone("M1")
    update_milestone(reviewed, "M1", replace(m1, actual=date(2016, 6, 3)))
    status = signed_off_status(load_snapshot(reviewed), load_review_records(reviewed).signoffs)
    assert status["M1"].status == status["M2"].status == NOT_SIGNED_OFF
    assert "actual date changed from 01/06/2016" in status["M1"].reason
    assert "changed after the sign-off" in status["M2"].reason


def test_signed_off_status_covers_only_complete_milestones(reviewed):
    status = signed_off_status(load_snapshot(reviewed), ())
    assert {ref: s.status for ref, s in status.items()} == {"M1": NOT_SIGNED_OFF, "M2": NOT_SIGNED_OFF}


def test_review_records_are_on_their_own_undo_stack_never_on_the_plans(reviewed, plan_data_dump):
    """A manager's Edit → Undo (the plan's stack) cannot take back a commissioner's challenge."""
    plan_steps = [e.id for e in history.stacks(reviewed).undo]
    challenge = raise_challenge(reviewed, "M1", "Where is the evidence?")
    assert [e.id for e in history.stacks(reviewed).undo] == plan_steps  # the plan's stack is as it was
    assert history.stacks(reviewed, review=True).undo[-1].what.startswith(f"Challenge {challenge.target}")
    after = plan_data_dump(reviewed.path)
    if plan_steps:
        undone = history.undo(reviewed)  # the plan's undo takes back the plan's last change, not the challenge
        assert not undone.what.startswith("Undo Challenge")
        assert [c.id for c in list_challenges(reviewed)] == [challenge.id]
        history.redo(reviewed)
    assert plan_data_dump(reviewed.path) == after
    history.undo(reviewed, review=True)
    assert list_challenges(reviewed) == ()
