""""Since my last review": from the frozen figures of the last briefing issued on or before the previous
review's position date to the plan now.

The sample plan (tests/conftest.py) has M1 and M2 complete, M3–M5 open, status date 16/01/2017. Here a
briefing is issued as at 09/01/2017, the last review looks at 13/01/2017, and then the plan moves on to
10/02/2017: M4's forecast moves, M3 completes and is signed off, M5 completes and is not, R1 is
re-scored to the escalation level; a new review looks at the position on 10/02/2017.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from trustplanner.briefing.review_pack_lines import since_intro, since_lines
from trustplanner.domain.problems import NotFound
from trustplanner.domain.review import NOT_SIGNED_OFF, SIGNED_OFF, Outcome, ReviewKind
from trustplanner.domain.risks import Risk, Score
from trustplanner.services.briefings import produce_briefing
from trustplanner.services.milestones import rebaseline, update_milestone
from trustplanner.services.plans import update_programme
from trustplanner.services.review_since import since_last_review
from trustplanner.services.reviews import close_challenge, raise_challenge, sign_off, start_review
from trustplanner.services.risks import add_risk, rescore_risk
from trustplanner.services.snapshot import load_snapshot
from trustplanner.store.plan_file import open_plan_file

Q4, Q1 = "Q4 2016 progress review", "Q1 2017 progress review"
TODAY = date(2017, 2, 20)


@pytest.fixture
def plan(sample_plan):
    with open_plan_file(sample_plan) as opened:
        yield opened


def milestone(plan, ref):
    return next(m for m in load_snapshot(plan).milestones if m.ref == ref)


@pytest.fixture
def last_reviewed(plan, tmp_path):
    """A briefing issued as at 09/01/2017, then the last review (position 13/01/2017) with two challenges."""
    add_risk(plan, Risk("R1", "Agency reliance", Score(3, 4), owner="DCS"))
    produce_briefing(plan, tmp_path / "jan.pdf", issue=True, as_of=date(2017, 1, 9), meeting=date(2017, 1, 11))
    start_review(plan, Q4, kind=ReviewKind.PROGRESS, reviewer="Jane Smith", as_of=date(2017, 1, 13),
                 on=date(2017, 1, 13))
    raise_challenge(plan, "M5", "Why has it slipped?", on=date(2017, 1, 14))
    settled = raise_challenge(plan, "plan", "Is go-live realistic?", on=date(2017, 1, 14))
    close_challenge(plan, settled.id, Outcome.ACCEPTED, by="Jane Smith", on=date(2017, 1, 15))
    return plan


@pytest.fixture
def moved_on(last_reviewed):
    plan = last_reviewed
    update_programme(plan, status_date=date(2017, 2, 10))
    update_milestone(plan, "M4", replace(milestone(plan, "M4"), forecast=date(2017, 4, 18)))
    update_milestone(plan, "M3", replace(milestone(plan, "M3"), actual=date(2017, 2, 1)))
    update_milestone(plan, "M5", replace(milestone(plan, "M5"), actual=date(2017, 2, 8)))
    rescore_risk(plan, "R1", Score(4, 4), on=date(2017, 2, 6))
    start_review(plan, Q1, kind=ReviewKind.PROGRESS, reviewer="Jane Smith", on=date(2017, 2, 10))
    sign_off(plan, "M3", evidence="Contract sum letter", link="https://example.org/contract", on=date(2017, 2, 10))
    return plan


def test_since_the_last_review_lists_exactly_what_moved(moved_on):
    since = since_last_review(moved_on, today=TODAY)
    assert (since.review.name, since.last.name, since.since, since.as_of) == (Q1, Q4, date(2017, 1, 13),
                                                                              date(2017, 2, 10))
    assert since.briefing_as_of == date(2017, 1, 9) and since.note == ""
    assert [(c.milestone.ref, c.before, c.milestone.forecast, c.working_days) for c in since.moved] == [
        ("M4", date(2017, 4, 3), date(2017, 4, 18), 9)]  # Good Friday and Easter Monday between
    assert [(c.milestone.ref, c.milestone.actual, c.standing.status) for c in since.completed] == [
        ("M3", date(2017, 2, 1), SIGNED_OFF), ("M5", date(2017, 2, 8), NOT_SIGNED_OFF)]
    assert since.newly_overdue == () and since.rebaselines == ()
    assert [(r.ref, r.current) for r in since.risks_escalated] == [("R1", 16)]
    assert [(o.challenge.target, o.age) for o in since.open_challenges] == [("M5", 37)]


def test_the_since_list_in_words_has_a_heading_per_group_and_a_line_per_item(moved_on):
    since = since_last_review(moved_on, today=TODAY)
    assert since_intro(since).startswith(f"Since the last review, '{Q4}' (position on 13 January 2017), to the "
                                         "position on 10 February 2017: compared with the figures of briefing #1")
    assert since_lines(since) == [
        ("Forecasts moved", [("M4 Go-live: services transfer to the trust: 3 April 2017 → 18 April 2017 "
                              "(9 working days later)")]),
        ("Milestones completed", ["M3 Contract sum agreed: complete 1 February 2017, signed off",
                                  "M5 Measures letters issued: complete 8 February 2017, complete, not signed off"]),
        ("Risks escalated", ["R1 Agency reliance (score 16)"]),
        ("Challenges still open", [f"Challenge 1 on M5 ({Q4}): open, 37 days old: Why has it slipped?"]),
    ]


def test_a_named_review_is_compared_with_the_one_before_it(moved_on):
    assert since_last_review(moved_on, Q1, today=TODAY).last.name == Q4
    first = since_last_review(moved_on, Q4, today=TODAY)
    assert first.changes is None and first.note == f"there is no earlier review than '{Q4}' to compare with"
    with pytest.raises(NotFound, match="there is no review 'Q9' in this plan"):
        since_last_review(moved_on, "Q9")


def test_with_no_briefing_before_the_last_review_it_says_so(plan, tmp_path):
    start_review(plan, Q4, kind=ReviewKind.PROGRESS, reviewer="Jane Smith", as_of=date(2017, 1, 13))
    produce_briefing(plan, tmp_path / "later.pdf", issue=True, as_of=date(2017, 1, 16))  # after it: no use
    start_review(plan, Q1, kind=ReviewKind.PROGRESS, reviewer="Jane Smith")
    since = since_last_review(plan)
    assert since.changes is None and since.completed == ()
    assert since.note.startswith(f"no briefing was issued before the last review: '{Q4}' looked at the position "
                                 "on 13 January 2017")
    assert since_intro(since).startswith("No briefing was issued before the last review")


def test_a_re_baseline_since_the_last_review_names_the_decision_that_approved_it(last_reviewed):
    plan = last_reviewed
    update_programme(plan, status_date=date(2017, 2, 10))
    rebaseline(plan, "M4", date(2017, 4, 18), reason="Contract sum late", decision="Programme board, 2 February 2017",
               when=datetime(2017, 2, 3, 10, 0))
    start_review(plan, Q1, kind=ReviewKind.PROGRESS, reviewer="Jane Smith", on=date(2017, 2, 10))
    since = since_last_review(plan, today=TODAY)
    assert [(b.ref, b.old, b.new) for b in since.rebaselines] == [("M4", date(2017, 4, 3), date(2017, 4, 18))]
    assert dict(since_lines(since))["Re-baselines"] == [
        "M4: baseline 3 April 2017 → 18 April 2017, approved by Programme board, 2 February 2017"]
    assert since.moved == () and since.completed == ()
