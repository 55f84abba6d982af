"""check_plan: every schedule rule a plan breaks, each named by its milestone ref."""

from __future__ import annotations

from datetime import date

import pytest

from trustplanner.domain.enums import DeliveryModel, Rag, Stage
from trustplanner.domain.model import Milestone, Programme
from trustplanner.services.checks import check_plan
from trustplanner.services.snapshot import PlanSnapshot

STATUS = date(2017, 1, 16)
PROGRAMME = Programme(council="Sunderland City Council", trust="Together for Children Sunderland",
                      delivery_model=DeliveryModel.COUNCIL_OWNED_COMPANY, go_live=date(2017, 4, 1),
                      shadow_start=date(2016, 9, 1), tolerance_days=10, status_date=STATUS)


def ms(ref, forecast="2017-03-01", *, baseline=None, actual=None, depends_on=(), rag=None, commentary=""):
    forecast = date.fromisoformat(forecast)
    return Milestone(ref=ref, title=f"Milestone {ref}", workstream="Governance", stage=Stage.SHADOW,
                     baseline=date.fromisoformat(baseline) if baseline else forecast, forecast=forecast,
                     actual=date.fromisoformat(actual) if actual else None, depends_on=tuple(depends_on),
                     rag_override=rag, commentary=commentary)


def check(*milestones, as_of=None):
    return check_plan(PlanSnapshot(PROGRAMME, (), tuple(milestones)), as_of)


def lines(problems):
    return [str(p) for p in problems]


def test_a_plan_that_keeps_every_rule_has_no_problems():
    assert check(
        ms("A", "2016-10-03", actual="2016-10-03"),
        ms("B", "2017-02-01", depends_on=["A"]),
        ms("C", "2017-03-01", depends_on=["A", "B"]),
        ms("D", "2017-03-08", baseline="2017-03-01", commentary="Waiting for the actuary"),  # amber, explained
        ms("E", "2017-03-01", rag=Rag.RED, commentary="Landlord has not replied"),
    ) == []
    assert check() == []


def test_unknown_dependency_is_named_with_the_milestone_that_has_it():
    [problem] = check(ms("A"), ms("B", depends_on=["A", "ZZ-99"]))
    assert str(problem).startswith("B: ")
    assert "ZZ-99" in str(problem) and "unknown" in str(problem)


def test_each_unknown_dependency_is_listed():
    found = lines(check(ms("B", depends_on=["X1", "X2"]), ms("C", depends_on=["X1"])))
    assert len(found) == 3
    assert sum("X1" in line for line in found) == 2 and any(line.startswith("B: ") and "X2" in line for line in found)


def test_a_dependency_cycle_is_reported_once_naming_its_milestones():
    [problem] = check(ms("A", depends_on=["C"]), ms("B", depends_on=["A"]), ms("C", depends_on=["B"]), ms("D"))
    text = str(problem)
    assert problem.ref in ("A", "B", "C")
    assert "cycle" in text and all(ref in text for ref in ("A", "B", "C")) and "D" not in text.split(": ", 1)[1]


def test_a_milestone_depending_on_itself_is_a_cycle():
    [problem] = check(ms("A", depends_on=["A"]))
    assert str(problem).startswith("A: ") and "cycle" in str(problem)


def test_two_separate_cycles_are_both_reported():
    found = check(ms("A", depends_on=["B"]), ms("B", depends_on=["A"]),
                  ms("X", depends_on=["Y"]), ms("Y", depends_on=["X"]))
    assert len(found) == 2
    assert {p.ref for p in found} <= {"A", "B", "X", "Y"}
    assert len({p.ref for p in found} & {"A", "B"}) == 1


@pytest.mark.parametrize(
    ("milestone", "colour"),
    [
        (ms("A", "2017-03-08", baseline="2017-03-01"), "amber"),  # slipped 5 working days
        (ms("A", "2017-04-03", baseline="2017-03-01"), "red"),  # slipped beyond the 10-day tolerance
        (ms("A", "2017-01-13"), "red"),  # overdue at the status date
        (ms("A", rag=Rag.AMBER), "amber"),
        (ms("A", rag=Rag.RED, commentary="   "), "red"),  # blank is no commentary
    ],
)
def test_amber_or_red_without_commentary(milestone, colour):
    [problem] = check(milestone)
    assert str(problem).startswith("A: ")
    assert colour in str(problem) and "commentary" in str(problem)


def test_complete_and_green_milestones_need_no_commentary():
    assert check(ms("A", "2016-12-01", actual="2017-01-05"), ms("B", "2017-03-01")) == []


def test_knock_on_is_reported_for_the_milestone_that_would_move():
    [problem] = check(ms("A", "2017-03-01"), ms("B", "2017-02-20", depends_on=["A"]))
    text = str(problem)
    assert text.startswith("B: ")
    assert "A" in text.split(": ", 1)[1] and "20/02/2017" in text and "01/03/2017" in text


def test_knock_on_passes_down_a_chain():
    found = check(ms("A", "2017-03-01"), ms("B", "2017-02-20", depends_on=["A"]),
                  ms("C", "2017-02-24", depends_on=["B"]))
    assert [p.ref for p in found] == ["B", "C"]
    assert "01/03/2017" in str(found[1])


def test_a_completed_milestone_is_never_pushed():
    assert check(ms("A", "2017-01-12", actual="2017-01-12"),
                 ms("B", "2017-01-10", actual="2017-01-10", depends_on=["A"])) == []


def test_every_problem_is_listed_sorted_by_ref():
    found = check(
        ms("Z", "2017-01-10"),  # overdue, no commentary
        ms("M", depends_on=["NOPE"]),
        ms("B", "2017-03-01"),
        ms("C", "2017-02-20", depends_on=["B"], rag=Rag.AMBER),  # knock-on and no commentary
    )
    assert [p.ref for p in found] == sorted(p.ref for p in found)
    assert [p.ref for p in found].count("C") == 2
    assert {p.ref for p in found} == {"C", "M", "Z"}


def test_as_of_defaults_to_the_status_date_and_can_be_moved():
    late = ms("A", "2017-01-13")
    assert len(check(late)) == 1
    assert check(late, as_of=date(2017, 1, 13)) == []
    assert len(check(ms("B", "2017-03-01"), as_of=date(2017, 3, 2))) == 1


def test_open_milestones_without_an_owner_are_flagged_one_each():
    from dataclasses import replace

    from trustplanner.services.checks import owner_problems

    owned = replace(ms("A"), owner="Programme Director")
    done = ms("B", "2016-10-03", actual="2016-10-03")
    found = owner_problems(PlanSnapshot(PROGRAMME, (), (owned, done, ms("C"), replace(ms("D"), owner="  "))))
    assert [str(p) for p in found] == ["C: has no owner: name who is accountable for it",
                                       "D: has no owner: name who is accountable for it"]
