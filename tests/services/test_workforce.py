"""Workforce figures against examples worked by hand (the arithmetic is in the comments).

The DfE's formulas, on FTE: agency rate = agency / (in post + agency); vacancy rate =
vacancies / (in post + vacancies); average caseload = cases / case-holding workers. "In post"
is employees: permanent, fixed-term and secondees.
"""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

from trustplanner.domain.enums import DeliveryModel
from trustplanner.domain.model import Programme, Service
from trustplanner.domain.staff import Consultation, Employment, Pension, StaffRecord
from trustplanner.services.snapshot import PlanSnapshot
from trustplanner.services.workforce import figures_for, fte_text, grouped, percent, transfer_waves

P, F, A, S, V = (Employment.PERMANENT, Employment.FIXED_TERM, Employment.AGENCY, Employment.SECONDEE,
                 Employment.VACANCY)
CSC, EH = "Children's social care", "Early help"
ROOT = Path(__file__).resolve().parents[2]


def pounds(amount: float) -> int:
    return round(amount * 100)


def fte(value: float) -> int:
    return round(value * 10_000)


_refs = iter(range(1, 10_000))


def rec(employment: Employment, cost: float, *, fte_: float = 1.0, caseload: int | None = None, tupe: bool | None = None,
        service: str = CSC, team: str = "Assessment East", **more) -> StaffRecord:
    if tupe is None:
        tupe = employment in (P, F)
    return StaffRecord(ref=f"TFC-{next(_refs):05d}", service=service, team=team, employment=employment,
                       fte=fte(fte_), annual_cost=pounds(cost), tupe=tupe, caseload=caseload, **more)


def assessment_east() -> list[StaffRecord]:
    """6 permanent (£40,000 each), 1 fixed-term (£38,000), 3 agency (£80,000 each), 1 vacancy (£41,500).

    Four hold cases: two permanent (12 and 14) and two agency (16 and 18).
    """
    return [
        rec(P, 40_000, caseload=12), rec(P, 40_000, caseload=14), rec(P, 40_000), rec(P, 40_000), rec(P, 40_000),
        rec(P, 40_000), rec(F, 38_000),
        rec(A, 80_000, caseload=16), rec(A, 80_000, caseload=18), rec(A, 80_000),
        rec(V, 41_500),
    ]


def test_headcount_and_fte_by_employment_type():
    figures = figures_for("Assessment East", assessment_east())
    assert figures.headcount == {P: 6, F: 1, A: 3, S: 0, V: 1}
    assert figures.fte == {P: fte(6), F: fte(1), A: fte(3), S: 0, V: fte(1)}
    assert figures.total_headcount == 10  # 6 + 1 + 3 people; a vacancy is not a person
    assert figures.in_post_fte == fte(7)  # 6 permanent + 1 fixed-term


def test_agency_and_vacancy_rates():
    figures = figures_for("Assessment East", assessment_east())
    # agency rate = 3 / (7 in post + 3 agency) = 3/10 = 30%
    assert figures.agency_rate == Fraction(3, 10)
    # vacancy rate = 1 / (7 in post + 1 vacancy) = 1/8 = 12.5%
    assert figures.vacancy_rate == Fraction(1, 8)
    assert percent(figures.agency_rate) == "30.0%"
    assert percent(figures.vacancy_rate) == "12.5%"


def test_average_caseload():
    figures = figures_for("Assessment East", assessment_east())
    # 12 + 14 + 16 + 18 = 60 cases held by 4 workers: 60 / 4 = 15
    assert (figures.cases, figures.case_holders) == (60, 4)
    assert figures.average_caseload == 15


def test_costs_and_agency_premium():
    figures = figures_for("Assessment East", assessment_east())
    # people: 6 x £40,000 + £38,000 + 3 x £80,000 = £240,000 + £38,000 + £240,000 = £518,000
    assert figures.annual_cost == pounds(518_000)
    assert figures.vacancy_cost == pounds(41_500)  # the vacant post's budget, kept apart
    assert figures.agency_cost == pounds(240_000)
    # permanent cost per FTE = £240,000 / 6 = £40,000; 3 agency FTE at that rate = £120,000;
    # premium = £240,000 - £120,000 = £120,000 (the agency workers cost double)
    assert figures.agency_premium == pounds(120_000)


def test_transferring():
    figures = figures_for("Assessment East", assessment_east())
    # the 6 permanent and 1 fixed-term staff are in scope; agency and the vacancy never transfer
    assert (figures.transferring, figures.transferring_fte) == (7, fte(7))


def test_part_time_staff_count_by_fte():
    records = [rec(P, 20_500, fte_=0.5, caseload=9), rec(P, 41_000, caseload=18), rec(A, 82_000, caseload=20)]
    figures = figures_for("Leaving care", records)
    # in post 0.5 + 1 = 1.5 FTE; agency rate = 1 / (1.5 + 1) = 1/2.5 = 40% (by headcount it would be 1/3)
    assert figures.agency_rate == Fraction(2, 5)
    # permanent cost per FTE = (£20,500 + £41,000) / 1.5 = £41,000; premium = £82,000 - 1 x £41,000 = £41,000
    assert figures.agency_premium == pounds(41_000)
    # caseload is per worker, not per FTE: (9 + 18 + 20) / 3 = 47/3 = 15.67
    assert figures.average_caseload == Fraction(47, 3)
    assert fte_text(figures.in_post_fte) == "1.5"


def test_agency_premium_rounds_to_the_penny():
    records = [rec(P, 33.33), rec(P, 33.33), rec(P, 33.34), rec(A, 50)]
    # permanent: 10,000p over 3 FTE = 3,333.33p per FTE, rounded 3,333p; premium = 5,000p - 3,333p = 1,667p
    assert figures_for("g", records).agency_premium == 1_667


def test_premium_is_zero_without_permanent_staff_to_compare():
    records = [rec(F, 38_000), rec(A, 80_000)]  # fixed-term staff are not the comparison
    assert figures_for("g", records).agency_premium == 0
    assert figures_for("g", [rec(P, 40_000)]).agency_premium == 0  # and none without agency staff


def test_secondees_are_in_post():
    figures = figures_for("g", [rec(S, 50_000, tupe=False), rec(A, 80_000)])
    # agency rate = 1 / (1 secondee + 1 agency) = 50%
    assert figures.agency_rate == Fraction(1, 2)
    assert figures.transferring == 0  # a secondee moves only when marked in scope


def test_rates_with_nothing_to_divide_by():
    empty = figures_for("empty", [])
    assert (empty.agency_rate, empty.vacancy_rate, empty.average_caseload) == (None, None, None)
    assert percent(empty.agency_rate) == "—"
    only_vacant = figures_for("new team", [rec(V, 41_000), rec(V, 41_000, fte_=0.5)])
    # no-one in post: agency rate 0 / (0 + 0) is undefined; vacancy rate 1.5 / (0 + 1.5) = 100%
    assert only_vacant.agency_rate is None
    assert only_vacant.vacancy_rate == 1
    assert only_vacant.total_headcount == 0


def test_a_zero_caseload_is_not_a_case_holder():
    figures = figures_for("g", [rec(P, 40_000, caseload=0), rec(P, 40_000, caseload=20)])
    assert (figures.cases, figures.case_holders, figures.average_caseload) == (20, 1, 20)


def test_grouped_by_team_and_the_programme_total():
    east = assessment_east()
    west = [rec(P, 40_000, team="Assessment West"), rec(A, 80_000, team="Assessment West")]
    teams = grouped(east + west, lambda r: r.team)
    assert [g.group for g in teams] == ["Assessment East", "Assessment West"]
    # West: agency rate 1 / (1 + 1) = 50%; programme: (3 + 1) / (7 + 1 + 3 + 1) = 4/12 = 1/3
    assert teams[1].agency_rate == Fraction(1, 2)
    programme = figures_for("Programme", east + west)
    assert programme.agency_rate == Fraction(1, 3)
    assert programme.annual_cost == sum(g.annual_cost for g in teams)


def snapshot() -> PlanSnapshot:
    programme = Programme(council="Sunderland City Council", trust="Together for Children Sunderland",
                          delivery_model=DeliveryModel.COUNCIL_OWNED_COMPANY, go_live=date(2017, 4, 1),
                          status_date=date(2017, 1, 16))
    services = (Service(CSC), Service(EH, go_live=date(2017, 7, 1)), Service("Adoption agency", retained=True))
    return PlanSnapshot(programme, services, ())


def test_transfer_waves_by_date_with_tupe_steps():
    records = [
        rec(P, 40_000, pension=Pension.LGPS, eli_sent=date(2017, 1, 13), consultation=Consultation.CONSULTED),
        rec(P, 20_000, fte_=0.5, pension=Pension.LGPS, consultation=Consultation.INFORMED),
        rec(F, 45_000, pension=Pension.TPS, consultation=Consultation.INFORMED),
        rec(P, 22_000, pension=Pension.LGPS, transfer_date=date(2017, 10, 1)),  # moves later, on its own date
        rec(P, 31_000, service=EH, pension=Pension.NONE, consultation=Consultation.COMPLETE),
        rec(S, 35_000, service=EH, tupe=True, pension=Pension.LGPS),
        rec(S, 50_000, tupe=False),  # an NHS secondee: stays
        rec(A, 80_000),
        rec(V, 41_000),
    ]
    waves = transfer_waves(snapshot(), records)
    assert [(w.day, w.headcount, w.fte) for w in waves] == [
        (date(2017, 4, 1), 3, fte(2.5)),  # CSC at the programme's go-live: 1 + 0.5 + 1 FTE
        (date(2017, 7, 1), 2, fte(2)),  # Early help at its own go-live
        (date(2017, 10, 1), 1, fte(1)),
    ]
    first = waves[0]
    assert (first.lgps_members, first.eli_sent) == (2, 1)
    assert first.consultation == {Consultation.NOT_STARTED: 0, Consultation.INFORMED: 2, Consultation.CONSULTED: 1,
                                  Consultation.COMPLETE: 0}
    assert waves[1].lgps_members == 1
    assert waves[1].consultation[Consultation.COMPLETE] == 1


def test_fte_text_and_percent():
    assert fte_text(125_000) == "12.5"
    assert fte_text(fte(0.81)) == "0.8"
    assert fte_text(0) == "0.0"
    assert percent(Fraction(3, 10)) == "30.0%"
    assert percent(Fraction(1, 3)) == "33.3%"


# The demo: the app's figures against the generator's own arithmetic ---------------------------

def _generator():
    spec = importlib.util.spec_from_file_location("make_demo_staff", ROOT / "scripts" / "make_demo_staff.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_demo_staff"] = module  # dataclasses look their module up
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules["make_demo_staff"]
    return module


@pytest.fixture(scope="module")
def generator():
    return _generator()


def test_committed_demo_extracts_are_what_the_script_writes(generator):
    earlier, current = generator.build()
    assert (ROOT / "resources" / "demo" / "staff.csv").read_text(encoding="utf-8") == generator.csv_text(current)
    assert (ROOT / "resources" / "demo" / "staff-2016-10.csv").read_text(encoding="utf-8") == \
        generator.csv_text(earlier)


def test_demo_figures_match_the_generator(generator, tmp_path):
    from trustplanner.services.demo import create_demo_plan
    from trustplanner.services.staff import load_staff

    earlier, current = generator.build()
    with create_demo_plan(tmp_path / "demo.tplan") as plan:
        for rows, on in ((current, None), (earlier, date(2016, 12, 1))):
            staff = load_staff(plan, on)
            assert [r.ref for r in staff] == [r.ref for r in rows]
            social = [r for r in staff if r.service == CSC and r.role in generator.SOCIAL_WORK_ROLES]
            figures = figures_for("social workers", social)
            expected = {e: sum(Fraction(r.fte) for r in rows if r.service == CSC
                               and r.role in generator.SOCIAL_WORK_ROLES and r.employment == e.value)
                        for e in Employment}
            in_post = expected[P] + expected[F] + expected[S]
            assert figures.agency_rate == expected[A] / (in_post + expected[A])
            assert figures.vacancy_rate == expected[V] / (in_post + expected[V])
            everyone = figures_for("all", staff)
            assert everyone.transferring == sum(1 for r in rows if r.tupe)
            assert everyone.annual_cost == sum(r.cost for r in rows if r.employment != "vacancy")
            holders = [r.caseload for r in rows if r.caseload]
            assert everyone.average_caseload == Fraction(sum(holders), len(holders))


def test_demo_groups_are_none_or_five_or_more(generator):
    """Each service's employment groups and each transfer date's LGPS split, in both extracts,
    so the briefing withholds nothing from the demo."""
    earlier, current = generator.build()
    for rows in (earlier, current):
        assert generator.small_groups(rows) == []
        groups = generator.service_groups(rows)
        assert groups[CSC]["agency"] >= 5 and groups["Education services"]["agency"] >= 5
        assert groups[EH]["agency"] >= 5 and groups["Quality assurance & performance"]["agency"] == 0
    # the check finds what the briefing would withhold
    one_agency = earlier[:]
    model = next(r for r in earlier if r.service == "Quality assurance & performance")
    one_agency.append(generator.replace(model, ref="TFC-99999", employment="agency", tupe=False))
    assert generator.small_groups(one_agency) == ["Quality assurance & performance: 1 agency"]
    opted_out = [generator.replace(r, pension="none") if r.team == "Business support" and r.ref == min(
        x.ref for x in current if x.team == "Business support") else r for r in current]
    assert generator.small_groups(opted_out) == ["transfers on 2017-10-01: 1 not in the LGPS"]


def test_demo_tells_its_story(tmp_path):
    """Headcount about 375, agency social workers 25-35% (down from nearer 40% in October)."""
    from trustplanner.services.demo import create_demo_plan
    from trustplanner.services.staff import load_staff

    with create_demo_plan(tmp_path / "demo.tplan") as plan:
        now, october = load_staff(plan), load_staff(plan, date(2016, 10, 3))
    assert 350 <= len(now) <= 450
    social = lambda staff: figures_for("sw", [r for r in staff if r.service == CSC and r.role in (  # noqa: E731
        "Social worker", "Senior practitioner", "Team manager", "Supervising social worker")])
    assert Fraction(1, 4) <= social(now).agency_rate <= Fraction(35, 100)
    assert social(october).agency_rate > social(now).agency_rate
    assert 12 <= social(now).average_caseload <= 25
    services = {g.group: g for g in grouped(now, lambda r: r.service)}
    assert services["Independent reviewing officers"].transferring == 0
    assert services["Adoption agency"].transferring == 0
    assert services["Education services"].headcount[A] >= 5
    assert services["Quality assurance & performance"].headcount[A] == 0
    assert any(r.pension is Pension.TPS for r in now if r.service == "Education services")
    eli = {r.service for r in now if r.eli_sent}
    assert eli == {"Quality assurance & performance"}
    names = [r.name for r in now if r.name]
    assert len(names) == len(set(names))
    assert all(r.ref.startswith("TFC-") for r in now)
