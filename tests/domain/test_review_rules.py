"""The rules of commissioner review: what a challenge may be raised on, who closes it, what may be
signed off, and when a sign-off no longer stands."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from trustplanner.domain.enums import Stage
from trustplanner.domain.model import Milestone
from trustplanner.domain.report import TEXT_LIMIT
from trustplanner.domain.review import (
    NOT_SIGNED_OFF,
    SIGNED_OFF,
    Challenge,
    Evidence,
    Outcome,
    Review,
    ReviewKind,
    SignOff,
)
from trustplanner.domain.review_rules import (
    challenge_breaches,
    close_breaches,
    evidence_breaches,
    response_breaches,
    review_breaches,
    sign_off_breaches,
    sign_off_standing,
)
from trustplanner.domain.risk_rules import OWNER_LIMIT, TITLE_LIMIT

REVIEW = Review("Q3 2020 progress review", ReviewKind.PROGRESS, "Jane Smith", date(2020, 10, 1))
KNOWN = {"milestones": {"HR-02"}, "risks": {"R1"}, "decisions": {"D05"}}
CHALLENGE = Challenge(7, REVIEW.name, "HR-02", "Why has it slipped?", "Jane Smith", date(2020, 10, 2))
DONE = Milestone("HR-02", "Measures letters", "HR", Stage.SHADOW, date(2020, 9, 1), date(2020, 9, 1),
                 actual=date(2020, 9, 3))
EVIDENCE = Evidence("Measures letters sent", date(2020, 9, 3), path="/evidence/letters.pdf", sha256="ab" * 32)


def columns(breaches) -> list[str]:
    return [b.column for b in breaches]


def test_a_challenge_is_on_a_milestone_risk_decision_area_or_the_plan():
    for target in ("HR-02", "R1", "D05", "workforce", "finance", "plan"):
        assert challenge_breaches(REVIEW, target=target, question="Why?", **KNOWN) == []


def test_a_challenge_on_an_unknown_ref_is_refused_naming_it():
    [breach] = challenge_breaches(REVIEW, target="HR-99", question="Why?", **KNOWN)
    assert breach.column == "target" and "unknown ref 'HR-99'" in breach.message


def test_a_challenge_needs_a_question_within_the_reports_text_limit():
    assert columns(challenge_breaches(REVIEW, target="plan", question="  ", **KNOWN)) == ["question"]
    assert challenge_breaches(REVIEW, target="plan", question="x" * TEXT_LIMIT, **KNOWN) == []
    [breach] = challenge_breaches(REVIEW, target="plan", question="x" * (TEXT_LIMIT + 1), **KNOWN)
    assert breach.message == f"is longer than {TEXT_LIMIT} characters"


def test_no_challenge_is_raised_in_a_closed_review():
    closed = replace(REVIEW, closed=date(2020, 11, 1))
    [breach] = challenge_breaches(closed, target="plan", question="Why?", **KNOWN)
    assert "was closed on 01/11/2020" in breach.message


def test_a_review_name_and_reviewer_use_the_registers_limits():
    assert review_breaches(name="x" * TITLE_LIMIT, reviewer="y" * OWNER_LIMIT) == []
    assert columns(review_breaches(name="x" * (TITLE_LIMIT + 1), reviewer="y" * (OWNER_LIMIT + 1))) == \
        ["name", "reviewer"]
    assert columns(review_breaches(name="", reviewer=" ")) == ["name", "reviewer"]


def test_a_response_to_a_closed_challenge_is_refused():
    assert response_breaches(CHALLENGE, response="Recovery plan agreed", by="Programme Director") == []
    closed = replace(CHALLENGE, outcome=Outcome.ACCEPTED, closed_by="Jane Smith", closed_on=date(2020, 10, 9))
    [breach] = response_breaches(closed, response="More", by="Programme Director")
    assert "was closed (accepted) by Jane Smith" in breach.message


def test_an_answered_challenge_still_takes_responses():
    answered = replace(CHALLENGE, outcome=Outcome.ANSWERED, response="First")
    assert response_breaches(answered, response="Second", by="PD") == []


def test_only_the_reviewer_closes_a_challenge():
    assert close_breaches(CHALLENGE, REVIEW, by="jane  SMITH", outcome=Outcome.ACCEPTED, conditions="") == []
    [breach] = close_breaches(CHALLENGE, REVIEW, by="Programme Director", outcome=Outcome.ACCEPTED, conditions="")
    assert breach.column == "closed_by" and "only the reviewer (Jane Smith)" in breach.message


def test_closing_takes_a_closing_outcome_and_conditions_only_with_conditions():
    assert columns(close_breaches(CHALLENGE, REVIEW, by="Jane Smith", outcome=Outcome.ANSWERED,
                                  conditions="")) == ["outcome"]
    assert columns(close_breaches(CHALLENGE, REVIEW, by="Jane Smith", outcome=Outcome.ACCEPTED_WITH_CONDITIONS,
                                  conditions="")) == ["conditions"]
    assert close_breaches(CHALLENGE, REVIEW, by="Jane Smith", outcome=Outcome.ACCEPTED_WITH_CONDITIONS,
                          conditions="Monthly report to the board") == []
    assert columns(close_breaches(CHALLENGE, REVIEW, by="Jane Smith", outcome=Outcome.NOT_ACCEPTED,
                                  conditions="Some")) == ["conditions"]


def test_a_closed_challenge_is_not_closed_again():
    closed = replace(CHALLENGE, outcome=Outcome.NOT_ACCEPTED, closed_by="Jane Smith")
    [breach] = close_breaches(closed, REVIEW, by="Jane Smith", outcome=Outcome.ACCEPTED, conditions="")
    assert "already closed (not accepted)" in breach.message


def test_only_a_complete_milestone_is_signed_off():
    assert sign_off_breaches("HR-02", DONE, REVIEW, EVIDENCE) == []
    [breach] = sign_off_breaches("HR-02", replace(DONE, actual=None), REVIEW, EVIDENCE)
    assert "HR-02 is not complete (it has no actual date)" in breach.message
    [breach] = sign_off_breaches("HR-99", None, REVIEW, EVIDENCE)
    assert "unknown milestone 'HR-99'" in breach.message


def test_evidence_needs_a_title_and_a_file_or_a_link():
    assert evidence_breaches(Evidence("Letters", link="https://sharepoint/letters")) == []
    assert columns(evidence_breaches(Evidence(""))) == ["evidence", "evidence"]
    assert columns(evidence_breaches(Evidence("x" * (TITLE_LIMIT + 1), path="a.pdf"))) == ["evidence"]


def test_a_sign_off_stands_while_the_actual_date_and_file_are_unchanged():
    signoff = SignOff("HR-02", REVIEW.name, "Jane Smith", date(2020, 10, 5), date(2020, 9, 3), EVIDENCE)
    assert sign_off_standing(DONE, [signoff], {EVIDENCE.path: EVIDENCE.sha256}).status == SIGNED_OFF
    assert sign_off_standing(DONE, [], {}).status == NOT_SIGNED_OFF


def test_a_changed_actual_date_makes_it_complete_not_signed_off_again():
    signoff = SignOff("HR-02", REVIEW.name, "Jane Smith", date(2020, 10, 5), date(2020, 9, 3), EVIDENCE)
    moved = replace(DONE, actual=date(2020, 9, 10))
    standing = sign_off_standing(moved, [signoff], {EVIDENCE.path: EVIDENCE.sha256})
    assert standing.status == NOT_SIGNED_OFF
    assert standing.reason == "its actual date changed from 03/09/2020 (signed off 05/10/2020) to 10/09/2020"


def test_a_changed_or_unreadable_evidence_file_undoes_the_sign_off():
    signoff = SignOff("HR-02", REVIEW.name, "Jane Smith", date(2020, 10, 5), date(2020, 9, 3), EVIDENCE)
    changed = sign_off_standing(DONE, [signoff], {EVIDENCE.path: "cd" * 32})
    assert (changed.status, changed.reason) == (NOT_SIGNED_OFF,
                                                "its evidence file /evidence/letters.pdf changed after the sign-off")
    assert sign_off_standing(DONE, [signoff], {EVIDENCE.path: None}).reason.endswith("cannot be read now")


def test_a_linked_evidence_has_no_file_to_check():
    linked = SignOff("HR-02", REVIEW.name, "Jane Smith", date(2020, 10, 5), date(2020, 9, 3),
                     Evidence("Letters", link="https://sharepoint/letters"))
    assert sign_off_standing(DONE, [linked], {}).status == SIGNED_OFF


def test_an_open_challenge_ages_until_it_closes():
    assert CHALLENGE.age(date(2020, 10, 12)) == 10
    assert replace(CHALLENGE, closed_on=date(2020, 10, 5)).age(date(2020, 12, 1)) == 3
