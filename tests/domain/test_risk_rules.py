"""The register's rules: scores on the 5×5 scale, bands from the appetite, direction of travel,
escalation, review dates and overdue actions."""

from __future__ import annotations

from datetime import date

import pytest

from trustplanner.domain.enums import Rag
from trustplanner.domain.risk_rules import (
    Direction,
    action_overdue,
    appetite_breaches,
    band,
    direction,
    direction_since,
    direction_since_review,
    escalation_missing,
    pair_problem,
    parse_score,
    review_overdue,
    risk_breaches,
    score_on,
)
from trustplanner.domain.risks import ActionStatus, Appetite, Risk, RiskAction, RiskReview, RiskStatus, Score

DEFAULT = Appetite()


def risk(current=Score(3, 4), **more) -> Risk:
    return Risk("R1", "Agency reliance", current, owner="DCS", **more)


@pytest.mark.parametrize(("text", "value"), [("1", 1), ("5", 5), (" 3 ", 3), ("3.0", 3), ("very low", 1),
                                             ("Low", 2), ("MEDIUM", 3), ("high", 4), ("Very High", 5),
                                             ("very-high", 5), ("very  low", 1)])
def test_scores_are_whole_numbers_one_to_five_or_their_words(text, value):
    assert parse_score(text) == value


@pytest.mark.parametrize(("text", "words"), [
    ("0", "0 is outside the scale"), ("6", "6 is outside the scale"), ("25", "25 is outside the scale"),
    ("-1", "-1 is outside the scale"), ("2.5", "'2.5' is not a whole number"), ("extreme", "'extreme' is not a score"),
])
def test_a_score_off_the_scale_is_refused_in_words(text, words):
    with pytest.raises(ValueError) as caught:
        parse_score(text)
    assert str(caught.value).startswith(words)
    assert "1 to 5" in str(caught.value)


def test_an_edit_and_a_file_word_an_out_of_range_score_alike():
    with pytest.raises(ValueError) as caught:
        parse_score("7")
    assert risk_breaches(title="T", owner="O", scores={"impact": 7})[0].message == str(caught.value)


def test_score_is_likelihood_times_impact():
    assert Score(3, 4).value == 12
    assert Score(5, 5).value == 25
    assert str(Score(3, 4)) == "12 (3×4)"


def test_a_score_needs_both_halves_or_neither():
    assert pair_problem(None, None) is None
    assert pair_problem(2, 3) is None
    assert pair_problem(2, None) == pair_problem(None, 3) == "give both likelihood and impact, or neither"


@pytest.mark.parametrize(("score", "rag"), [(1, Rag.GREEN), (4, Rag.GREEN), (5, Rag.AMBER), (12, Rag.AMBER),
                                            (15, Rag.RED), (25, Rag.RED)])
def test_default_bands_are_1_to_4_green_5_to_12_amber_15_to_25_red(score, rag):
    assert band(score, DEFAULT) is rag


def test_a_plan_sets_its_own_bands():
    tight = Appetite(green_max=2, amber_max=8)
    assert [band(s, tight) for s in (2, 3, 8, 9)] == [Rag.GREEN, Rag.AMBER, Rag.AMBER, Rag.RED]


def test_appetite_bands_must_rise_and_escalation_be_a_score():
    assert appetite_breaches(DEFAULT) == []
    assert [b.column for b in appetite_breaches(Appetite(green_max=12, amber_max=4))] == ["bands"]
    assert [b.column for b in appetite_breaches(Appetite(escalation_score=30))] == ["escalation_score"]
    assert [b.column for b in appetite_breaches(Appetite(escalate_to=" "))] == ["escalate_to"]


def test_direction_of_travel_up_is_worse():
    assert direction(9, 12) is Direction.WORSE and Direction.WORSE.value == "↑"
    assert direction(12, 9) is Direction.BETTER and Direction.BETTER.value == "↓"
    assert direction(12, 12) is Direction.SAME and Direction.SAME.value == "→"


def test_direction_since_the_last_review_and_since_a_date():
    reviews = (RiskReview("R1", date(2016, 11, 1), Score(2, 3), Score(3, 3)),
               RiskReview("R1", date(2016, 12, 1), Score(3, 3), Score(3, 4)),
               RiskReview("R2", date(2016, 12, 1), Score(5, 5), Score(1, 1)))
    current = risk(Score(3, 4))
    assert direction_since_review(current, reviews) is Direction.WORSE
    assert score_on(current, reviews, date(2016, 10, 1)) == Score(2, 3)  # before any review: the first's before
    assert score_on(current, reviews, date(2016, 11, 15)) == Score(3, 3)
    assert direction_since(current, reviews, date(2016, 11, 15)) is Direction.WORSE
    assert direction_since(current, reviews, date(2016, 12, 20)) is Direction.SAME
    assert direction_since_review(risk(Score(1, 1)), ()) is Direction.SAME


def test_a_risk_past_its_review_date_is_flagged_unless_closed():
    as_of = date(2017, 1, 16)
    assert review_overdue(risk(review_by=date(2017, 1, 13)), as_of) == "review was due by 13/01/2017"
    assert review_overdue(risk(review_by=date(2017, 1, 16)), as_of) is None
    assert review_overdue(risk(review_by=date(2017, 1, 13), status=RiskStatus.CLOSED), as_of) is None
    assert review_overdue(risk(review_by=date(2017, 1, 13), status=RiskStatus.OCCURRED), as_of) is not None
    assert review_overdue(risk(), as_of) is None


def test_an_open_action_past_its_due_date_is_overdue():
    as_of = date(2017, 1, 16)
    late = RiskAction("R1", "Recruit", "HR", date(2017, 1, 6))
    assert action_overdue(late, as_of) == "action 'Recruit' (HR) was due 06/01/2017"
    assert action_overdue(RiskAction("R1", "Recruit", "HR", date(2017, 1, 16)), as_of) is None
    assert action_overdue(RiskAction("R1", "Recruit", "HR", date(2017, 1, 6), ActionStatus.DONE), as_of) is None
    assert action_overdue(RiskAction("R1", "Recruit", "HR", date(2017, 1, 6), ActionStatus.CANCELLED), as_of) is None
    assert action_overdue(RiskAction("R1", "Recruit"), as_of) is None


def test_an_open_risk_at_the_escalation_score_needs_an_escalation_recorded():
    assert "escalation score 15" in escalation_missing(risk(Score(3, 5)), DEFAULT)
    assert escalation_missing(risk(Score(3, 4)), DEFAULT) is None
    assert escalation_missing(risk(Score(3, 5), escalated_on=date(2017, 1, 2), escalated_to="cabinet"), DEFAULT) is None
    assert escalation_missing(risk(Score(5, 5), status=RiskStatus.CLOSED), DEFAULT) is None
    assert "cabinet" in escalation_missing(risk(Score(3, 4)), Appetite(escalation_score=12, escalate_to="cabinet"))


def test_a_risk_has_one_owner_and_a_title():
    assert [b.column for b in risk_breaches(title="", owner="", scores={})] == ["title", "owner"]
    assert risk_breaches(title="T", owner="HR; Finance", scores={})[0].message.startswith("a risk has one owner")
    assert risk_breaches(title="T" * 301, owner="O", scores={})[0].message == "is longer than 300 characters"
