"""The rules of "what changed since the last briefing", on frozen figures written out by hand."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trustplanner.briefing.change_lines import change_lines, summary_sentence
from trustplanner.domain.briefing_changes import changes_between, trend
from trustplanner.domain.briefing_figures import (
    BriefingFigures,
    Figure,
    FrozenArea,
    FrozenDecision,
    FrozenMilestone,
    FrozenRebaseline,
    FrozenRisk,
)
from trustplanner.domain.enums import Rag

G, A, R, C = Rag.GREEN, Rag.AMBER, Rag.RED, Rag.COMPLETE


def m(ref, forecast, rag=G, actual=None, overdue=False):
    return FrozenMilestone(ref, f"Title {ref}", date(2017, 3, 1), forecast, actual, rag, overdue)


def figures(as_of, milestones=(), risks=(), decisions=(), areas=(), rebaselines=()):
    return BriefingFigures(as_of, as_of, R, areas=tuple(areas), milestones=tuple(milestones), risks=tuple(risks),
                           decisions=tuple(decisions), rebaselines=tuple(rebaselines))


BEFORE = figures(
    date(2016, 12, 12),
    milestones=[m("A-1", date(2017, 2, 1)), m("A-2", date(2017, 2, 10), A), m("A-3", date(2016, 12, 20)),
                m("A-4", date(2017, 1, 5)), m("A-5", date(2017, 3, 1))],
    risks=[FrozenRisk("R1", "Agency", "open", 12, A, False), FrozenRisk("R2", "Pensions", "open", 16, R, True),
           FrozenRisk("R3", "ICT", "open", 6, A, False)],
    decisions=[FrozenDecision("D1", "Guarantee", "needed", "Cabinet", needed_by=date(2017, 1, 18))],
    areas=[FrozenArea("Workforce", A, figures=(Figure("agency_rate", "Agency rate", 13.9, "13.9%", "rate", False),)),
           FrozenArea("Finance", G, figures=(Figure("savings_at_risk", "Savings at risk", 750_000_00, "£0.8m",
                                                    "money:m", False),))],
    rebaselines=[FrozenRebaseline("A-5", date(2017, 2, 1), date(2017, 3, 1), "D0", "2016-11-30T10:00:00")],
)
NOW = figures(
    date(2017, 1, 16),
    milestones=[m("A-1", date(2017, 2, 15)), m("A-2", date(2017, 2, 10), R), m("A-3", date(2016, 12, 20), C,
                                                                               actual=date(2016, 12, 21)),
                m("A-4", date(2017, 1, 5), R, overdue=True), m("A-5", date(2017, 3, 1)), m("A-6", date(2017, 4, 1))],
    risks=[FrozenRisk("R1", "Agency", "open", 16, R, True), FrozenRisk("R2", "Pensions", "closed", 16, R, False),
           FrozenRisk("R3", "ICT", "open", 6, A, False), FrozenRisk("R4", "Ofsted", "open", 10, A, False)],
    decisions=[FrozenDecision("D1", "Guarantee", "made", "Cabinet", made_on=date(2017, 1, 11))],
    areas=[FrozenArea("Workforce", R, figures=(Figure("agency_rate", "Agency rate", 15.2, "15.2%", "rate", False),)),
           FrozenArea("Finance", A, figures=(Figure("savings_at_risk", "Savings at risk", 1_190_000_00, "£1.2m",
                                                    "money:m", False),))],
    rebaselines=[FrozenRebaseline("A-5", date(2017, 2, 1), date(2017, 3, 1), "D0", "2016-11-30T10:00:00"),
                 FrozenRebaseline("A-1", date(2017, 2, 1), date(2017, 2, 15), "D1: Cabinet", "2017-01-12T09:30:00")],
)


def test_every_kind_of_change_is_found_and_nothing_else():
    c = changes_between(BEFORE, NOW)
    assert [x.ref for x in c.completed] == ["A-3"]
    assert [(x.milestone.ref, x.working_days) for x in c.moved] == [("A-1", 10)]  # 1 to 15 Feb 2017: ten working days
    assert [(x.milestone.ref, x.before, x.milestone.rag) for x in c.worse] == [("A-2", A, R), ("A-4", G, R)]
    assert c.better == ()
    assert [x.ref for x in c.newly_overdue] == ["A-4"]
    assert [x.ref for x in c.added] == ["A-6"] and c.removed == ()
    assert [b.ref for b in c.rebaselines] == ["A-1"]  # A-5's was there before
    assert [r.ref for r in c.risks_new] == ["R4"]
    assert [(x.risk.ref, x.before, x.direction) for x in c.risks_rescored] == [("R1", 12, "↑")]
    assert [r.ref for r in c.risks_escalated] == ["R1"] and [r.ref for r in c.risks_closed] == ["R2"]
    assert [d.ref for d in c.decisions_made] == ["D1"]
    assert [(a.area, a.before, a.now, a.trend) for a in c.areas] == [("Workforce", A, R, "↓"), ("Finance", G, A, "↓")]


def test_the_words_reconcile_with_the_figures_printed():
    lines = dict(change_lines(changes_between(BEFORE, NOW)))
    assert lines["Finance"] == ["Savings at risk: £0.8m → £1.2m (£0.4m up, worse)"]
    assert lines["Workforce"] == ["Agency rate: 13.9% → 15.2% (1.3 percentage points up, worse)"]
    assert lines["Forecasts moved"] == ["A-1 Title A-1: 1 February 2017 → 15 February 2017 (10 working days later)"]
    assert "Re-scored: R1 Agency: 12 → 16 (↑ worse)" in lines["Risks"]
    assert lines["Re-baselines"] == ["A-1: baseline 1 February 2017 → 15 February 2017, approved by D1: Cabinet"]


def test_nothing_changed_is_said_in_words():
    c = changes_between(BEFORE, BEFORE)
    assert c.nothing
    # the area figures are still listed, each saying it is unchanged
    assert change_lines(c) == [("Workforce", ["Agency rate: 13.9%, unchanged"]),
                               ("Finance", ["Savings at risk: £0.8m, unchanged"])]
    assert summary_sentence(c) == "Nothing has changed since the last briefing (as at 12 December 2016)."


def test_an_older_briefing_without_figures_compares_only_its_statuses():
    old = BriefingFigures.headline_only(date(2016, 12, 12), date(2016, 12, 14), A, A)
    c = changes_between(old, NOW)
    assert c.moved == () and c.risks_new == () and c.added == ()  # not "everything is new"
    assert "only the headline statuses" in summary_sentence(c)


@pytest.mark.parametrize(("now", "last", "arrow"), [(R, A, "↓"), (G, A, "↑"), (A, A, "→"), (A, None, "")])
def test_trend_arrows(now, last, arrow):
    assert trend(now, last) == arrow


@given(st.integers(-400, 400))
def test_a_forecast_moved_by_n_working_days_is_reported_as_n(n):
    from trustplanner.domain.calendar import add_working_days

    start = date(2017, 2, 1)
    moved = changes_between(figures(date(2016, 12, 1), [m("X", start)]),
                            figures(date(2017, 1, 1), [m("X", add_working_days(start, n))])).moved
    assert [x.working_days for x in moved] == ([n] if n else [])


def test_figures_survive_json_exactly():
    assert BriefingFigures.from_json(NOW.to_json()) == NOW
    with pytest.raises(ValueError, match="newer format"):
        BriefingFigures.from_json('{"format": 99}')
