"""Dates and financial years outside 1990 to 2100 are refused wherever they enter, with one message.

Files, the command line and the app's edits all meet the same rule (trustplanner.domain.dates),
so 0001-01-01 is never stored, never overflows, and the plan is unchanged after each refusal.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date

import pytest

from trustplanner.domain.budget import FundingChange, FundingKind
from trustplanner.domain.model import Service
from trustplanner.domain.problems import ValidationFailed
from trustplanner.store.plan_file import open_plan_file

RANGE = "is outside the dates TrustPlanner accepts (01/01/1990 to 31/12/2100)"
YEARS = "is outside the financial years TrustPlanner accepts (1990/91 to 2099/00)"
LONG_AGO, FAR_AHEAD = date(1, 1, 1), date(9999, 12, 31)


@pytest.fixture
def demo(demo_file, tmp_path):
    path = tmp_path / "demo.tplan"
    shutil.copyfile(demo_file, path)
    return path


def refused(plan_path, plan_data_dump, action) -> list[str]:
    """Run ``action(plan)``; it must be refused with ValidationFailed and change nothing."""
    before = plan_data_dump(plan_path)
    with open_plan_file(plan_path) as plan, pytest.raises(ValidationFailed) as caught:
        action(plan)
    assert plan_data_dump(plan_path) == before
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("day", [LONG_AGO, date(1989, 12, 31), date(2101, 1, 1), FAR_AHEAD])
@pytest.mark.parametrize("field", ["status_date", "go_live", "shadow_start", "decision_date"])
def test_programme_dates_out_of_range_are_refused(demo, plan_data_dump, field, day):
    from trustplanner.services.plans import update_programme

    problems = refused(demo, plan_data_dump, lambda plan: update_programme(plan, **{field: day}))
    shown = f"{day.day:02d}/{day.month:02d}/{day.year:04d}"
    assert f"{shown} {RANGE}" in " ".join(problems)


def test_the_first_and_last_accepted_days_are_accepted(demo):
    from trustplanner.services.plans import update_programme

    with open_plan_file(demo) as plan:
        assert update_programme(plan, decision_date=date(1990, 1, 1)).decision_date == date(1990, 1, 1)
        assert update_programme(plan, status_date=date(2100, 12, 31), go_live=date(2100, 12, 31),
                                decision_date=None).status_date == date(2100, 12, 31)


def test_a_new_plan_with_a_go_live_in_year_one_is_refused_and_no_file_is_left(tmp_path):
    from trustplanner.services.plans import new_plan

    with pytest.raises(ValidationFailed) as caught:
        new_plan(tmp_path / "p.tplan", council="C", trust="T", go_live=LONG_AGO)
    assert [str(p) for p in caught.value.problems] == [f"programme: go-live: 01/01/0001 {RANGE}"]
    assert not (tmp_path / "p.tplan").exists()


@pytest.mark.parametrize("column", ["baseline", "forecast", "actual"])
def test_a_milestone_edit_out_of_range_is_refused(demo, plan_data_dump, column):
    from trustplanner.services.milestones import add_milestone
    from trustplanner.services.snapshot import load_snapshot

    with open_plan_file(demo) as plan:
        template = next(m for m in load_snapshot(plan).milestones if not m.derived and not m.depends_on)
    new = replace(template, ref="NEW-1", **{column: LONG_AGO})
    problems = refused(demo, plan_data_dump, lambda plan: add_milestone(plan, new))
    assert f"milestone NEW-1: {column}: 01/01/0001 {RANGE}" in problems


def test_a_rebaseline_out_of_range_is_refused(demo, plan_data_dump):
    from trustplanner.services.milestones import rebaseline
    from trustplanner.services.snapshot import load_snapshot

    with open_plan_file(demo) as plan:
        ref = next(m.ref for m in load_snapshot(plan).milestones if not m.derived)
    problems = refused(demo, plan_data_dump,
                       lambda plan: rebaseline(plan, ref, FAR_AHEAD, reason="slip", decision="Board"))
    assert f"re-baseline {ref}: baseline: 31/12/9999 {RANGE}" in problems


def test_a_service_added_with_dates_out_of_range_is_refused(demo, plan_data_dump):
    from trustplanner.services.plans import add_services

    problems = refused(demo, plan_data_dump, lambda plan: add_services(
        plan, [Service("Youth offending", shadow=LONG_AGO, go_live=FAR_AHEAD)]))
    assert f"services:1: shadow: 01/01/0001 {RANGE}" in problems
    assert f"services:1: go_live: 31/12/9999 {RANGE}" in problems


def test_a_staff_extract_dated_out_of_range_is_refused(demo, plan_data_dump):
    from trustplanner.resources import resource_path
    from trustplanner.services.staff import import_staff

    problems = refused(demo, plan_data_dump,
                       lambda plan: import_staff(plan, resource_path("demo", "staff.csv"), extract_date=FAR_AHEAD))
    assert problems == [f"staff import: extract date: 31/12/9999 {RANGE}"]


def test_a_budget_report_dated_out_of_range_is_refused(demo, plan_data_dump):
    from trustplanner.resources import resource_path
    from trustplanner.services.budget import import_budget

    problems = refused(demo, plan_data_dump,
                       lambda plan: import_budget(plan, resource_path("demo", "budget.csv"), as_of=LONG_AGO))
    assert problems == [f"budget import: report date: 01/01/0001 {RANGE}"]


def test_budget_edits_with_years_or_dates_out_of_range_are_refused(demo, plan_data_dump):
    from trustplanner.services.budget import add_funding_change, load_finance, set_contract_sum, update_budget_line

    with open_plan_file(demo) as plan:
        line = load_finance(plan).lines[0]
    assert refused(demo, plan_data_dump, lambda plan: set_contract_sum(plan, 9999, 100)) == [
        f"contract sum: year: '9999/00' {YEARS}"]
    assert refused(demo, plan_data_dump, lambda plan: add_funding_change(
        plan, FundingChange(0, "Top-up", 100, FundingKind.COUNCIL_TOP_UP))) == [f"funding change: year: '0000/01' {YEARS}"]
    problems = refused(demo, plan_data_dump, lambda plan: update_budget_line(
        plan, line.year, line.cost_centre, forecast=line.forecast + 100, as_of=FAR_AHEAD))
    assert problems == [f"{line.cost_centre} {line.year}/{(line.year + 1) % 100:02d}: as of: 31/12/9999 {RANGE}"]


def test_a_briefing_as_of_or_meeting_out_of_range_is_refused_before_anything_is_written(demo, plan_data_dump,
                                                                                      tmp_path):
    from trustplanner.services.briefings import produce_briefing

    out = tmp_path / "brief.pdf"
    problems = refused(demo, plan_data_dump,
                       lambda plan: produce_briefing(plan, out, as_of=LONG_AGO, meeting=FAR_AHEAD))
    assert problems == [f"briefing: as of: 01/01/0001 {RANGE}", f"briefing: meeting: 31/12/9999 {RANGE}"]
    assert list(tmp_path.glob("*.pdf*")) == []
