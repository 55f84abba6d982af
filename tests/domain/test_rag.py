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
    rag_disagreement,
    rag_flags,
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


def test_the_effective_rag_is_the_worse_of_reported_and_dates():
    green = milestone()
    assert effective_rag(replace(green, rag_override=Rag.AMBER), AS_OF, TOLERANCE) is Rag.AMBER
    red_by_dates = milestone(date(2017, 1, 2))
    assert effective_rag(replace(red_by_dates, rag_override=Rag.AMBER), AS_OF, TOLERANCE) is Rag.RED
    assert effective_rag(replace(red_by_dates, rag_override=Rag.GREEN), AS_OF, TOLERANCE) is Rag.RED


def test_a_report_better_than_the_dates_is_a_disagreement_worded_with_the_dates_reason():
    # baseline 01/02, forecast 22/02/2017: 15 working days late (2 + 5 + 5 + 3), tolerance 10
    slipped = replace(milestone(date(2017, 2, 1), date(2017, 2, 22)), rag_override=Rag.AMBER)
    assert rag_disagreement(slipped, AS_OF, TOLERANCE) == (
        "reported amber; the dates show red: 15 working days slip, tolerance 10")
    # baseline and forecast 02/01/2017, open on 16/01: overdue, no slip
    overdue = replace(milestone(date(2017, 1, 2)), rag_override=Rag.GREEN)
    assert rag_disagreement(overdue, AS_OF, TOLERANCE) == (
        "reported green; the dates show red: forecast 02/01/2017 has passed")
    # 01/02 -> 02/02/2017: one working day, within tolerance
    one_day = replace(milestone(date(2017, 2, 1), date(2017, 2, 2)), rag_override=Rag.GREEN)
    assert rag_disagreement(one_day, AS_OF, TOLERANCE) == (
        "reported green; the dates show amber: 1 working day slip, tolerance 10")


@pytest.mark.parametrize("reported", [None, Rag.GREEN, Rag.RED])
def test_no_disagreement_when_the_report_agrees_or_is_worse(reported):
    assert rag_disagreement(replace(milestone(), rag_override=reported), AS_OF, TOLERANCE) is None


def test_an_actual_date_makes_it_complete_whatever_was_reported():
    done = replace(milestone(actual=date(2017, 1, 5)), rag_override=Rag.RED)
    assert effective_rag(done, AS_OF, TOLERANCE) is Rag.COMPLETE
    assert rag_disagreement(done, AS_OF, TOLERANCE) is None


def test_flags_list_the_disagreement_then_the_missing_commentary():
    slipped = replace(milestone(date(2017, 2, 1), date(2017, 2, 22)), rag_override=Rag.AMBER)
    assert rag_flags(slipped, AS_OF, TOLERANCE) == (
        "reported amber; the dates show red: 15 working days slip, tolerance 10",
        "red milestone needs a commentary")
    assert rag_flags(replace(slipped, commentary="Lease terms"), AS_OF, TOLERANCE) == (
        "reported amber; the dates show red: 15 working days slip, tolerance 10",)
    assert rag_flags(milestone(), AS_OF, TOLERANCE) == ()


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
