"""The decisions log's rules: 28 clear days' notice of a key decision, dates a status needs, Schedule 12A."""

from __future__ import annotations

from datetime import date

import pytest

from trustplanner.domain.decision_rules import clear_days, decision_breaches, notice_problem
from trustplanner.domain.risks import Decision, DecisionStatus, Forum

AS_OF = date(2017, 1, 16)


def decision(**more) -> Decision:
    values = dict(ref="D1", title="Contract sum", forum=Forum.CABINET, status=DecisionStatus.NEEDED,
                  key_decision=True, needed_by=date(2017, 2, 15))
    values.update(more)
    return Decision(**values)


def test_clear_days_leave_out_both_ends():
    assert clear_days(date(2017, 1, 1), date(2017, 1, 2)) == 0
    assert clear_days(date(2017, 1, 1), date(2017, 1, 30)) == 28


@pytest.mark.parametrize(("needed_by", "flagged"), [
    (date(2017, 2, 14), False),  # 28 clear days: 17 Jan to 13 Feb
    (date(2017, 2, 13), True),  # 27
    (date(2017, 1, 17), True),
    (date(2017, 1, 10), True),  # already past: no notice at all
])
def test_a_key_decision_needs_28_clear_days_notice(needed_by, flagged):
    message = notice_problem(decision(needed_by=needed_by), AS_OF)
    assert (message is not None) is flagged
    if flagged:
        assert "a key decision needs 28" in message


def test_notice_counts_from_the_forward_plan_date_when_recorded():
    assert notice_problem(decision(needed_by=date(2017, 2, 1), forward_plan_on=date(2017, 1, 2)), AS_OF) is None
    message = notice_problem(decision(needed_by=date(2017, 2, 1), forward_plan_on=date(2017, 1, 10)), AS_OF)
    assert "21 clear days' notice (on the forward plan 10/01/2017)" in message


def test_only_key_decisions_still_needed_are_flagged():
    soon = date(2017, 1, 20)
    assert notice_problem(decision(needed_by=soon, key_decision=False), AS_OF) is None
    assert notice_problem(decision(needed_by=soon, status=DecisionStatus.MADE, made_on=soon), AS_OF) is None
    assert notice_problem(decision(needed_by=None, meeting="Cabinet in March"), AS_OF) is None


def breaches(**more):
    values = dict(title="T", status=DecisionStatus.NEEDED, needed_by=date(2017, 2, 1), meeting="", made_on=None,
                  exempt_paragraph=None)
    values.update(more)
    return [(b.column, b.message) for b in decision_breaches(**values)]


def test_a_made_decision_needs_made_on():
    assert breaches(status=DecisionStatus.MADE) == [("made_on", "a made decision needs made_on, the date it was made")]
    assert breaches(status=DecisionStatus.MADE, made_on=date(2017, 1, 2)) == []


def test_a_needed_decision_needs_needed_by_a_date_or_a_meeting():
    assert breaches(needed_by=None) == [("needed_by", "a needed decision needs needed_by: the date or the meeting "
                                                      "it is needed by")]
    assert breaches(needed_by=None, meeting="Cabinet, March") == []
    assert breaches(needed_by=None, status=DecisionStatus.DEFERRED) == []


def test_an_exempt_paragraph_is_one_of_schedule_12a():
    assert breaches(exempt_paragraph=3) == []
    assert breaches(exempt_paragraph=9) == [("exempt", "Schedule 12A has paragraphs 1 to 7, not 9")]


def test_a_decision_needs_a_title():
    assert breaches(title=" ") == [("title", "title is required")]
