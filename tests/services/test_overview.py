"""The Overview page's figures, hand-checked against the Sunderland demo plan (status 16/01/2017)."""

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from trustplanner.domain.enums import Rag, Stage
from trustplanner.domain.model import Service
from trustplanner.services.briefings import BriefingRecord
from trustplanner.services.demo import create_demo_plan
from trustplanner.services.overview import programme_overview
from trustplanner.services.snapshot import load_snapshot


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory):
    plan = create_demo_plan(tmp_path_factory.mktemp("overview") / "d.tplan")
    try:
        return load_snapshot(plan)
    finally:
        plan.close()


def test_headline_counts_on_the_demo_plan(snapshot):
    overview = programme_overview(snapshot)
    assert overview.status_date == date(2017, 1, 16)
    # open with forecast before 16/01: ICT-02 (06/01) and CON-02 (13/01)
    assert overview.overdue == ("ICT-02", "CON-02")
    # open with forecast 16/01..15/02 inclusive; FIN-03 is due on the last day of the window;
    # TUPE-REP-20170401 (staff representatives informed, derived from the staff data) is due 03/02
    assert overview.due_soon == ("HR-04", "HR-02", "SUP-01", "IMP-04", "TUPE-REP-20170401", "PEN-03", "FIN-03")
    assert overview.due_soon_until == date(2017, 2, 15)
    # open and forecast later than baseline; completed slips (GOV-03, LEG-02, ...) are history
    assert set(overview.slipped) == {"ICT-02", "CON-02", "HR-04", "HR-02", "SUP-01", "PEN-03", "PEN-02", "SUP-02"}
    assert (overview.complete, overview.total) == (21, 55)  # 50 from milestones.csv, 5 derived TUPE deadlines


def test_overall_status_is_red_with_five_reds_among_open_milestones(snapshot):
    overview = programme_overview(snapshot)
    assert overview.overall is Rag.RED
    assert overview.rag_counts[Rag.RED] == 5  # ICT-02, CON-02, HR-02, SUP-01, PEN-02
    assert overview.rag_counts[Rag.AMBER] == 5
    assert overview.rag_counts[Rag.COMPLETE] == 21
    assert overview.rag_counts[Rag.GREEN] == 24  # 19, and the 5 derived TUPE deadlines
    assert sum(overview.rag_counts.values()) == 55


def test_next_ten_are_open_milestones_by_forecast_overdue_first(snapshot):
    refs = [line.ref for line in programme_overview(snapshot).next_milestones]
    # HR-05 and LEG-03 are both due 24/02: the ref breaks the tie
    assert refs == ["ICT-02", "CON-02", "HR-04", "HR-02", "SUP-01", "IMP-04", "TUPE-REP-20170401", "PEN-03", "FIN-03",
                    "PEN-02"]


def test_working_days_to_go_live_from_16_january_to_1_april_2017(snapshot):
    overview = programme_overview(snapshot)
    # 17-31 Jan 11, February 20, March 23; 1 April is a Saturday; no bank holidays in between
    assert overview.working_days_to_go_live == 54
    assert overview.go_live_text == "54 working days to go-live"
    assert not overview.live


def test_the_last_working_days_before_go_live_read_naturally(snapshot):
    assert programme_overview(snapshot, as_of=date(2017, 3, 30)).go_live_text == "1 working day to go-live"
    # Friday 31/03 before a Saturday go-live: nothing in (31/03, 01/04]
    assert programme_overview(snapshot, as_of=date(2017, 3, 31)).go_live_text == "No working days left before go-live"


@pytest.mark.parametrize("as_of", [date(2017, 4, 1), date(2017, 6, 5)])
def test_on_and_after_go_live_it_says_live_since(snapshot, as_of):
    overview = programme_overview(snapshot, as_of=as_of)
    assert overview.live
    assert overview.working_days_to_go_live == 0
    assert overview.go_live_text == "Live since 01/04/2017"


def test_services_by_stage_and_the_retained_ones(snapshot):
    overview = programme_overview(snapshot)
    moving = [s for s in overview.services if not s.retained]
    retained = [s for s in overview.services if s.retained]
    assert [s.name for s in retained] == ["Independent reviewing officers", "Adoption agency"]
    assert all(s.stage is Stage.RETAINED and s.shadow is None and s.go_live is None for s in retained)
    assert len(moving) == 4
    assert all((s.shadow, s.go_live, s.stage) == (date(2016, 9, 1), date(2017, 4, 1), Stage.SHADOW) for s in moving)
    assert moving[0].describe(overview.status_date) == (
        "Children's social care: shadow on 16/01/2017; shadow from 01/09/2016, go-live 01/04/2017.")
    assert retained[0].describe(overview.status_date) == "Independent reviewing officers: retained by the council."


def test_timeline_runs_from_the_decision_month_to_three_months_after_go_live(snapshot):
    overview = programme_overview(snapshot)
    assert (overview.timeline_start, overview.timeline_end) == (date(2016, 4, 1), date(2017, 7, 31))


def test_timeline_always_includes_the_status_date(snapshot):
    overview = programme_overview(snapshot, as_of=date(2018, 2, 10))
    assert overview.timeline_start <= date(2018, 2, 10) <= overview.timeline_end
    early = programme_overview(snapshot, as_of=date(2015, 1, 5))
    assert early.timeline_start == date(2015, 1, 1)


def test_a_service_with_its_own_dates_has_its_own_stage(snapshot):
    services = (Service("Early help", shadow=date(2016, 10, 1), go_live=date(2017, 10, 1)),
                Service("Education services"))
    own = replace(snapshot, services=services)
    overview = programme_overview(own, as_of=date(2017, 5, 2))
    early, education = overview.services
    assert (early.shadow, early.go_live, early.stage) == (date(2016, 10, 1), date(2017, 10, 1), Stage.SHADOW)
    assert education.stage is Stage.INDEPENDENT
    assert overview.timeline_end == date(2018, 1, 31)


def test_last_briefing_is_the_newest_one_given(snapshot):
    assert programme_overview(snapshot).last_briefing is None
    newer = BriefingRecord(2, datetime(2017, 1, 16, 9, 30), date(2017, 1, 16), date(2017, 1, 18), "OFFICIAL",
                           Path("/tmp/b2.pdf"), Rag.RED, Rag.RED)
    older = replace(newer, id=1, produced_at=datetime(2016, 12, 12, 10, 0), path=Path("/tmp/b1.pdf"))
    assert programme_overview(snapshot, briefings=[newer, older]).last_briefing is newer


def test_an_empty_plan_has_no_figures_but_does_not_fail(snapshot):
    empty = replace(snapshot, services=(), milestones=())
    overview = programme_overview(empty)
    assert (overview.complete, overview.total, overview.overdue, overview.next_milestones) == (0, 0, (), ())
    assert overview.overall is Rag.GREEN
    assert overview.timeline_start < overview.go_live < overview.timeline_end


def test_overall_is_the_worst_area_as_in_the_briefing(tmp_path):
    from datetime import date

    from trustplanner.domain.enums import Rag
    from trustplanner.services.overview import programme_overview
    from trustplanner.services.plans import new_plan
    from trustplanner.services.snapshot import load_snapshot

    with new_plan(tmp_path / "p.tplan", council="C", trust="T", go_live=date(2018, 4, 1),
                  status_date=date(2016, 4, 4), template=True) as plan:
        snapshot = load_snapshot(plan)
    assert programme_overview(snapshot).overall is Rag.GREEN
    with_finance = programme_overview(snapshot, areas=[("Workforce", Rag.AMBER), ("Finance", Rag.RED)])
    assert with_finance.overall is Rag.RED
    assert with_finance.milestones_rag is Rag.GREEN
