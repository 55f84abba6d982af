"""The briefing's risks and decisions as prepared data, worked by hand (services.register_briefing)."""

from __future__ import annotations

from datetime import date

import pytest

from trustplanner.domain.enums import Rag
from trustplanner.domain.risks import (
    ActionStatus,
    Appetite,
    Decision,
    DecisionStatus,
    Forum,
    Risk,
    RiskAction,
    RiskRegister,
    RiskReview,
    RiskStatus,
    Score,
)
from trustplanner.domain.windows import MEETING_CYCLE_DAYS
from trustplanner.services.register_briefing import (
    cabinet_recommendations,
    is_public,
    next_action,
    prepare_register,
)

AS_OF = date(2017, 1, 16)
LAST = date(2016, 12, 12)


def risk(ref: str, likelihood: int, impact: int, **kwargs) -> Risk:
    return Risk(ref=ref, title=f"Risk {ref}", current=Score(likelihood, impact), owner=f"Owner {ref}", **kwargs)


def decision(ref: str, status: DecisionStatus = DecisionStatus.NEEDED, forum: Forum = Forum.CABINET,
             **kwargs) -> Decision:
    return Decision(ref=ref, title=f"Decision {ref}", forum=forum, status=status, **kwargs)


REGISTER = RiskRegister(
    appetite=Appetite(),
    risks=(
        risk("R1", 4, 5, raised=date(2016, 6, 1), inherent=Score(5, 5), target=Score(2, 5), escalated_on=AS_OF,
             escalated_to="programme board"),
        risk("R2", 4, 4, raised=date(2016, 6, 1)),  # re-scored up through the escalation score after LAST
        risk("R3", 3, 3, raised=date(2017, 1, 5)),  # new since LAST
        risk("R4", 5, 4, raised=date(2016, 6, 1), exempt=True),
        risk("R5", 1, 3, raised=date(2016, 6, 1), status=RiskStatus.CLOSED),  # closed by a review after LAST
        risk("R6", 2, 2, raised=date(2016, 6, 1), status=RiskStatus.OCCURRED),
        risk("R7", 4, 4, raised=date(2016, 6, 1)),  # same score as R2, lower impact order: ref decides
    ),
    reviews=(
        RiskReview("R1", date(2016, 11, 1), Score(4, 4), Score(5, 5)),
        RiskReview("R1", date(2017, 1, 9), Score(5, 5), Score(4, 5)),  # better since LAST (25 → 20)
        RiskReview("R2", date(2017, 1, 9), Score(3, 4), Score(4, 4)),  # 12 → 16: worse, escalated
        RiskReview("R5", date(2017, 1, 10), Score(2, 3), Score(1, 3)),
    ),
    actions=(
        RiskAction("R1", "Later action", "A", date(2017, 3, 1)),
        RiskAction("R1", "Soonest action", "B", date(2017, 2, 1)),
        RiskAction("R1", "Done action", "C", date(2017, 1, 1), ActionStatus.DONE),
        RiskAction("R1", "No date", "D", None),
    ),
    decisions=(
        decision("D1", needed_by=date(2017, 2, 8), key_decision=True),  # 22 clear days: short notice
        decision("D2", needed_by=date(2017, 2, 20), key_decision=True),  # 34 clear days
        decision("D3", needed_by=date(2017, 3, 30)),  # after the next meeting (16/01 + 42 = 27/02)
        decision("D4", forum=Forum.PROGRAMME_BOARD, needed_by=date(2017, 1, 20)),
        decision("D5", DecisionStatus.MADE, made_on=date(2017, 1, 11), forum=Forum.PROGRAMME_BOARD),
        decision("D6", DecisionStatus.MADE, made_on=date(2016, 12, 1)),  # before LAST
        decision("D7", needed_by=date(2017, 2, 1), exempt=True, exempt_paragraph=3),
        decision("D8", needed_by=date(2017, 1, 2)),  # overdue, still needed
    ),
)


@pytest.fixture(scope="module")
def public():
    return prepare_register(REGISTER, as_of=AS_OF, last_briefing_as_of=LAST, marking="OFFICIAL")


@pytest.fixture(scope="module")
def sensitive():
    return prepare_register(REGISTER, as_of=AS_OF, last_briefing_as_of=LAST, marking="OFFICIAL-SENSITIVE COMMERCIAL")


def test_no_register_no_part():
    assert prepare_register(None, as_of=AS_OF) is None
    assert prepare_register(RiskRegister(), as_of=AS_OF) is None


def test_only_official_sensitive_is_not_public():
    assert is_public("OFFICIAL") and is_public("Council restricted") and is_public("")
    assert not is_public("OFFICIAL-SENSITIVE") and not is_public("OFFICIAL-SENSITIVE PERSONAL")


def test_top_three_are_the_highest_live_scores_without_exempt_ones(public):
    # R4 (20) is exempt; R1 20, then R2 and R7 both 16 (4×4): by ref
    assert [(line.ref, line.current) for line in public.top] == [("R1", 20), ("R2", 16), ("R7", 16)]


def test_direction_is_since_the_last_briefing(public):
    top = {line.ref: line for line in public.top}
    assert (top["R1"].direction, top["R1"].direction_word) == ("↓", "better")  # 25 on 12/12, 20 now
    assert top["R2"].direction == "↑"  # 12 on 12/12, 16 now
    assert top["R7"].direction == "→"


def test_direction_of_a_first_briefing_is_since_the_last_review():
    first = prepare_register(REGISTER, as_of=AS_OF)
    assert not first.since_last_briefing and first.since == date(2016, 12, 17)
    assert {line.ref: line.direction for line in first.top} == {"R1": "↓", "R2": "↑", "R7": "→"}


def test_scores_bands_owner_and_next_action(public):
    r1 = public.top[0]
    assert (r1.inherent, r1.current, r1.target, r1.band, r1.owner) == (25, 20, 10, Rag.RED, "Owner R1")
    assert (r1.next_action, r1.next_action_owner, r1.next_action_due) == ("Soonest action", "B", date(2017, 2, 1))
    assert next_action([]) is None


def test_escalated_are_open_risks_at_or_above_the_escalation_score(public):
    assert [line.ref for line in public.escalated] == ["R1", "R2", "R7"]  # R4 exempt, R6 occurred below


def test_heat_map_counts_live_shown_risks_in_25_cells(public):
    assert len(public.heat) == 25
    cells = {(c.likelihood, c.impact): c for c in public.heat}
    assert cells[(4, 4)].count == 2 and cells[(4, 5)].count == 1 and cells[(2, 2)].count == 1  # R6 an issue
    assert cells[(5, 4)].count == 0  # R4 exempt
    assert cells[(1, 3)].count == 0  # R5 closed
    assert sum(c.count for c in public.heat) == public.live == 5
    assert (cells[(1, 4)].band, cells[(1, 5)].band, cells[(3, 5)].band) == (Rag.GREEN, Rag.AMBER, Rag.RED)
    assert [(c.likelihood, c.impact) for c in public.heat[:2]] == [(5, 1), (5, 2)]  # likelihood 5 first


def test_changes_since_the_last_briefing(public):
    assert [(c.ref, c.change, c.on) for c in public.changes] == [
        ("R3", "new", date(2017, 1, 5)),
        ("R2", "escalated", date(2017, 1, 9)),  # a review crossed the escalation score
        ("R5", "closed", date(2017, 1, 10)),  # dated by its last review
        ("R1", "escalated", AS_OF),  # its escalation recorded
    ]


def test_decisions_needed_before_the_next_meeting_and_made_since(public):
    assert public.due_until == date(2017, 2, 27) and MEETING_CYCLE_DAYS == 42
    assert [d.ref for d in public.decisions_needed] == ["D8", "D4", "D1", "D2"]
    assert [d.ref for d in public.cabinet_asks] == ["D8", "D1", "D2"]
    assert [d.ref for d in public.decisions_made] == ["D5"]
    notice = {d.ref: d.notice_short for d in public.decisions_needed}
    assert "22 clear days' notice" in notice["D1"] and notice["D2"] == "" and notice["D4"] == ""


def test_the_next_meeting_counts_from_the_meeting_date():
    later = prepare_register(REGISTER, as_of=AS_OF, meeting=date(2017, 2, 20))
    assert "D3" in [d.ref for d in later.decisions_needed]


def test_a_public_briefing_holds_no_exempt_item_only_their_count(public):
    everything = [*public.top, *public.escalated, *public.exempt_risks]
    assert "R4" not in [line.ref for line in everything] and "R4" not in [c.ref for c in public.changes]
    assert "D7" not in [d.ref for d in (*public.decisions_needed, *public.exempt_decisions, *public.cabinet_asks)]
    assert (public.exempt_risks_left_out, public.exempt_decisions_left_out) == (1, 1)
    assert not public.has_appendix and public.exempt_cabinet_asks == ()


def test_official_sensitive_lists_exempt_items_for_the_appendix(sensitive):
    assert [line.ref for line in sensitive.exempt_risks] == ["R4"]
    assert [d.ref for d in sensitive.exempt_decisions] == ["D7"]
    assert [d.ref for d in sensitive.exempt_cabinet_asks] == ["D7"]
    assert sensitive.has_appendix and sensitive.exempt_risks_left_out == 0
    assert "R4" not in [line.ref for line in sensitive.top]  # the body is the same as the public one's


def test_cabinet_recommendations_approve_ahead_with_the_notice_flag(sensitive):
    items = cabinet_recommendations(sensitive)
    assert items[0] == "approve D8, \u2068Decision D8\u2069 (needed by 2 January 2017);"
    assert items[1] == ("approve D1, \u2068Decision D1\u2069 (needed by 8 February 2017, a key decision short of 28 "
                        "clear days' notice);")
    assert items[2] == "approve D2, \u2068Decision D2\u2069 (needed by 20 February 2017, a key decision);"
    assert items[3] == "approve the recommendation on D7 set out in the exempt appendix (Schedule 12A, paragraph 3);"
