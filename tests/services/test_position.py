"""One position for the Overview, the briefing and ``check``: the same statuses and stages,
worked by hand on the Sunderland demo plan (status 16/01/2017) and on edge-case shadow dates."""

from __future__ import annotations

from datetime import date

import pytest

from trustplanner.domain.enums import DeliveryModel, Rag, Stage
from trustplanner.domain.model import Milestone, Programme, Service
from trustplanner.services.briefings import prepare_briefing
from trustplanner.services.budget import load_finance
from trustplanner.services.demo import create_demo_plan
from trustplanner.services.overview import programme_overview
from trustplanner.services.position import area_statuses, plan_position, position
from trustplanner.services.snapshot import PlanSnapshot, load_snapshot
from trustplanner.services.risks import load_register
from trustplanner.services.staff import load_staff


def briefing_figures(data):
    """The briefing's status table and services table, as plain values."""
    areas = {row.area: row.this_period for row in data.status}
    services = {line.name: (line.stage, line.shadow, line.go_live) for line in data.services}
    return areas, services


def overview_figures(overview):
    areas = {"Overall": overview.overall, **dict(overview.position.areas)}
    services = {s.name: (s.stage, s.shadow if s.has_shadow_period else None, s.go_live) for s in overview.services}
    return areas, services


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    plan = create_demo_plan(tmp_path_factory.mktemp("position") / "d.tplan")
    try:
        snapshot = load_snapshot(plan)
        as_of = snapshot.status_date
        overview = programme_overview(snapshot, areas=area_statuses(plan, snapshot))
        briefing = prepare_briefing(snapshot, staff=load_staff(plan, on=as_of), finance=load_finance(plan),
                                    register=load_register(plan))
        yield snapshot, overview, briefing, plan_position(plan, snapshot)
    finally:
        plan.close()


def test_overview_briefing_and_check_agree_on_the_demo_plan(demo):
    snapshot, overview, briefing, checked = demo
    assert overview_figures(overview) == briefing_figures(briefing)
    assert checked == overview.position
    assert briefing.overall is overview.overall is checked.overall


def test_the_demo_plan_position_by_hand(demo):
    snapshot, overview, _, checked = demo
    areas = dict(checked.areas)
    assert list(areas) == ["Milestones", "Workforce", "Finance", "Risk"]
    assert areas["Risk"] is Rag.RED  # R01, R02, R04 and R05 at or above the escalation score (15)
    # five open reds among 34 open milestones: 3 or more reds makes the milestones red
    assert areas["Milestones"] is Rag.RED
    assert checked.overall is Rag.RED  # the worst of the four
    # on 16/01/2017 every transferring service is in shadow (from 01/09/2016, go-live 01/04/2017)
    moving = [s for s in checked.services if not s.retained]
    assert moving and all((s.stage, s.shadow, s.go_live) == (Stage.SHADOW, date(2016, 9, 1), date(2017, 4, 1))
                          for s in moving)
    assert checked.describe().startswith("Position on 16/01/2017: red overall (milestones red, ")


PROGRAMME = Programme(council="Council", trust="Trust", delivery_model=DeliveryModel.INDEPENDENT_TRUST,
                      go_live=date(2017, 4, 1), shadow_start=date(2016, 9, 1), status_date=date(2016, 10, 3))
EDGE_SERVICES = (
    Service("Social care"),  # the programme's dates
    Service("Early adopter", go_live=date(2016, 6, 1)),  # live before the programme's shadow start
    Service("Late shadow", shadow=date(2017, 6, 1)),  # its own shadow start is after its go-live
    Service("Own dates", shadow=date(2017, 1, 2), go_live=date(2017, 10, 2)),
    Service("Adoption agency", retained=True),
)
MILESTONE = Milestone(ref="GOV-01", title="Shadow board", workstream="Governance", owner="Chief executive",
                      stage=Stage.SHADOW, baseline=date(2016, 11, 1), forecast=date(2016, 11, 1))


@pytest.mark.parametrize(("as_of", "expected"), [
    (date(2016, 10, 3), {
        "Social care": (Stage.SHADOW, date(2016, 9, 1), date(2017, 4, 1)),
        "Early adopter": (Stage.INDEPENDENT, None, date(2016, 6, 1)),  # never "shadow" after go-live
        "Late shadow": (Stage.COUNCIL, None, date(2017, 4, 1)),  # council straight to independent
        "Own dates": (Stage.COUNCIL, date(2017, 1, 2), date(2017, 10, 2)),
        "Adoption agency": (Stage.RETAINED, None, None),
    }),
    (date(2017, 5, 2), {
        "Social care": (Stage.INDEPENDENT, date(2016, 9, 1), date(2017, 4, 1)),
        "Early adopter": (Stage.INDEPENDENT, None, date(2016, 6, 1)),
        "Late shadow": (Stage.INDEPENDENT, None, date(2017, 4, 1)),  # not shadow from 01/06/2017
        "Own dates": (Stage.SHADOW, date(2017, 1, 2), date(2017, 10, 2)),
        "Adoption agency": (Stage.RETAINED, None, None),
    }),
])
def test_overview_and_briefing_agree_on_edge_case_shadow_dates(as_of, expected):
    snapshot = PlanSnapshot(PROGRAMME, EDGE_SERVICES, (MILESTONE,))
    overview = programme_overview(snapshot, as_of, areas=[("Finance", Rag.AMBER)])
    briefing = prepare_briefing(snapshot, as_of=as_of)
    _, services = overview_figures(overview)
    assert services == expected
    assert briefing_figures(briefing)[1] == expected
    # the clamped shadow date is the go-live, so the Overview's strip draws no shadow band
    late = next(s for s in overview.services if s.name == "Late shadow")
    assert late.shadow == late.go_live == date(2017, 4, 1)
    assert late.describe(as_of).endswith("go-live 01/04/2017.") and "shadow from" not in late.describe(as_of)


def test_overall_is_the_worst_area():
    snapshot = PlanSnapshot(PROGRAMME, EDGE_SERVICES, (MILESTONE,))
    as_of = date(2016, 10, 3)  # GOV-01 open, on time: milestones green
    assert position(snapshot, as_of).overall is Rag.GREEN
    assert position(snapshot, as_of, [("Workforce", Rag.AMBER)]).overall is Rag.AMBER
    assert position(snapshot, as_of, [("Workforce", Rag.AMBER), ("Finance", Rag.RED)]).overall is Rag.RED
    assert programme_overview(snapshot, as_of, areas=[("Finance", Rag.RED)]).overall is Rag.RED


def test_briefing_milestone_rows_carry_the_status_the_milestones_page_shows(demo):
    from pathlib import Path

    from trustplanner.services.milestone_lines import milestone_lines

    snapshot, overview, briefing, _ = demo
    lines = {line.ref: line for line in milestone_lines(snapshot)}
    section = briefing.milestones
    rows = [*section.completed, *section.overdue, *section.due_next, *section.slipped]
    assert rows
    assert all((row.rag, row.slippage_days) == (lines[row.ref].rag, lines[row.ref].slip_days) for row in rows)
    assert [row.ref for row in section.overdue] == list(overview.overdue) == ["ICT-02", "CON-02"]
    package = Path(__file__).parents[2] / "trustplanner"
    defined = [p for p in package.rglob("*.py") if "class MilestoneLine" in p.read_text(encoding="utf-8")]
    assert [p.relative_to(package).as_posix() for p in defined] == ["services/milestone_lines.py"]


def test_the_status_areas_come_from_one_declaration(demo):
    """The Overview's letters, check's position line and the briefing's status rows name the same
    areas, in the order services.status_areas declares them."""
    from trustplanner.services.status_areas import STATUS_AREAS

    snapshot, overview, briefing, where = demo
    declared = ["Milestones", *(area.name for area in STATUS_AREAS)]  # the demo plan has data for every area
    assert declared == ["Milestones", "Workforce", "Finance", "Risk"]
    assert [name for name, _ in where.areas] == declared
    assert [row.area for row in briefing.status] == ["Overall", *declared]
    assert [name for name, _ in overview.position.areas] == declared
