from dataclasses import replace
from datetime import date

import pytest

from trustplanner.domain.enums import Rag, Stage
from trustplanner.domain.model import Milestone
from trustplanner.domain.rag import (
    commentary_problem,
    derived_rag,
    effective_rag,
    overall_rag,
    override_problem,
    slippage_days,
)

AS_OF = date(2017, 1, 16)  # a Monday
TOLERANCE = 10


def milestone(baseline=date(2017, 2, 1), forecast=None, actual=None, **kwargs) -> Milestone:
    return Milestone(ref="M-01", title="t", workstream="Governance", stage=Stage.SHADOW,
                     baseline=baseline, forecast=forecast or baseline, actual=actual, **kwargs)


def test_actual_date_makes_it_complete_even_if_late():
    late = milestone(baseline=date(2016, 6, 1), forecast=date(2016, 12, 1), actual=date(2016, 12, 1))
    assert derived_rag(late, AS_OF, TOLERANCE) is Rag.COMPLETE


def test_forecast_before_as_of_without_actual_is_red_overdue():
    assert derived_rag(milestone(baseline=date(2017, 1, 13)), AS_OF, TOLERANCE) is Rag.RED


def test_forecast_on_as_of_date_is_not_yet_overdue():
    assert derived_rag(milestone(baseline=AS_OF), AS_OF, TOLERANCE) is Rag.GREEN


def test_slip_within_tolerance_is_amber_and_beyond_is_red():
    base = date(2017, 2, 1)  # Wednesday
    assert derived_rag(milestone(base, date(2017, 2, 15)), AS_OF, TOLERANCE) is Rag.AMBER  # 10 working days
    assert derived_rag(milestone(base, date(2017, 2, 16)), AS_OF, TOLERANCE) is Rag.RED  # 11 working days


def test_slip_is_counted_in_working_days_not_calendar_days():
    # Thu 13 Apr -> Wed 26 Apr 2017 is 13 calendar days but 7 working days (Easter).
    m = milestone(date(2017, 4, 13), date(2017, 4, 26))
    assert slippage_days(m) == 7
    assert derived_rag(m, AS_OF, TOLERANCE) is Rag.AMBER


def test_early_forecast_is_green():
    assert derived_rag(milestone(date(2017, 2, 1), date(2017, 1, 25)), AS_OF, TOLERANCE) is Rag.GREEN


def test_override_can_only_make_things_worse():
    green = milestone()
    assert effective_rag(replace(green, rag_override=Rag.AMBER), AS_OF, TOLERANCE) is Rag.AMBER
    red_by_dates = milestone(date(2017, 1, 2))
    with_amber = replace(red_by_dates, rag_override=Rag.AMBER)
    assert effective_rag(with_amber, AS_OF, TOLERANCE) is Rag.RED
    assert "only make it worse" in override_problem(with_amber, AS_OF, TOLERANCE)
    assert override_problem(replace(green, rag_override=Rag.RED), AS_OF, TOLERANCE) is None


def test_override_on_a_completed_milestone_is_refused():
    done = replace(milestone(actual=date(2017, 1, 5)), rag_override=Rag.RED)
    assert effective_rag(done, AS_OF, TOLERANCE) is Rag.COMPLETE
    assert override_problem(done, AS_OF, TOLERANCE) is not None


@pytest.mark.parametrize("override", [None, Rag.AMBER])
def test_amber_and_red_need_commentary(override):
    slipping = replace(milestone(date(2017, 2, 1), date(2017, 2, 3)), rag_override=override)
    assert commentary_problem(slipping, AS_OF, TOLERANCE) == "amber milestone needs a commentary"
    explained = replace(slipping, commentary="Awaiting actuary")
    assert commentary_problem(explained, AS_OF, TOLERANCE) is None
    assert commentary_problem(milestone(), AS_OF, TOLERANCE) is None


def test_overall_rag():
    assert overall_rag([]) is Rag.GREEN
    assert overall_rag([Rag.COMPLETE, Rag.COMPLETE]) is Rag.COMPLETE
    assert overall_rag([Rag.GREEN] * 5 + [Rag.COMPLETE]) is Rag.GREEN
    assert overall_rag([Rag.GREEN] * 5 + [Rag.AMBER]) is Rag.AMBER
    assert overall_rag([Rag.GREEN] * 20 + [Rag.RED]) is Rag.AMBER  # one red in 21 open: under 10%
    assert overall_rag([Rag.GREEN] * 8 + [Rag.RED]) is Rag.RED
    assert overall_rag([Rag.GREEN] * 40 + [Rag.RED] * 3) is Rag.RED
