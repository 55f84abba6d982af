"""The dates that make sense in one plan: decision year minus 5 to go-live plus 10 years."""

from datetime import date

from trustplanner.domain.enums import DeliveryModel
from trustplanner.domain.model import Programme
from trustplanner.domain.plan_window import plan_window


def programme(go_live: date, decision: date | None = None) -> Programme:
    return Programme("C", "T", DeliveryModel.INDEPENDENT_TRUST, go_live, decision_date=decision)


def test_the_window_runs_from_five_years_before_the_decision_year_to_ten_years_after_go_live():
    window = plan_window(programme(date(2017, 4, 1), date(2015, 7, 20)))
    assert (window.earliest, window.latest) == (date(2010, 1, 1), date(2027, 4, 1))
    assert window.problem(date(2010, 1, 1)) is None and window.problem(date(2027, 4, 1)) is None
    assert window.problem(date(2009, 12, 31)).startswith("31/12/2009 is outside this plan's dates (01/01/2010 to")
    assert "01/04/2027" in window.problem(date(2027, 4, 2))
    assert window.problem(None) is None


def test_without_a_decision_date_go_live_stands_in_and_29_february_is_kept_in_range():
    window = plan_window(programme(date(2024, 2, 29)))
    assert (window.earliest, window.latest) == (date(2019, 1, 1), date(2034, 2, 28))


def test_the_window_never_leaves_the_absolute_range():
    window = plan_window(programme(date(2095, 4, 1), date(1992, 1, 1)))
    assert (window.earliest, window.latest) == (date(1990, 1, 1), date(2100, 12, 31))
