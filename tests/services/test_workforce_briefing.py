"""The briefing's workforce figures, against hand-worked examples, and the disclosure control."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trustplanner.briefing.workforce_data import NOT_APPLICABLE, SMALL, WITHHELD, Figure, Segment
from trustplanner.domain.enums import DeliveryModel, Rag, Stage
from trustplanner.domain.money import format_compact
from trustplanner.domain.model import Milestone, Programme, Service
from trustplanner.domain.staff import FTE_SCALE, Consultation, Employment, Pension, StaffRecord
from trustplanner.services.briefings import prepare_briefing
from trustplanner.services.snapshot import PlanSnapshot
from trustplanner.services.tupe_milestones import derived_tupe_milestones
from trustplanner.services.workforce_briefing import (
    deadline_words,
    Disclosure,
    _people_disclosure,
    deadline_description,
    prepare_workforce,
    workforce_rag,
)

AS_OF = date(2017, 1, 16)
GO_LIVE = date(2017, 4, 3)
PROGRAMME = Programme(
    council="Sunderland City Council", trust="Together for Children Sunderland",
    delivery_model=DeliveryModel.COUNCIL_OWNED_COMPANY, go_live=GO_LIVE, shadow_start=date(2016, 9, 1),
    status_date=AS_OF,
)
SC, EH, QA = "Social care", "Early help", "Quality assurance"
SERVICES = (Service(SC), Service(EH), Service(QA, go_live=date(2017, 10, 2)), Service("Reviewing", retained=True))

_counter = iter(range(1, 10**6))


def people(n: int, service: str, employment: Employment, *, fte: float = 1.0, cost: int = 40_000,
           role: str = "Officer", caseload: int | None = None, pension: Pension = Pension.LGPS,
           tupe: bool | None = None, transfer_date: date | None = None, eli_sent: date | None = None,
           consultation: Consultation = Consultation.NOT_STARTED) -> list[StaffRecord]:
    """``n`` alike records; ``cost`` in pounds a year."""
    if tupe is None:
        tupe = employment in (Employment.PERMANENT, Employment.FIXED_TERM)
    return [
        StaffRecord(ref=f"R{next(_counter):05d}", service=service, employment=employment,
                    fte=round(fte * FTE_SCALE), annual_cost=cost * 100, tupe=tupe, role=role, caseload=caseload,
                    pension=Pension.NONE if employment is Employment.AGENCY else pension,
                    transfer_date=transfer_date, eli_sent=eli_sent, consultation=consultation)
        for _ in range(n)
    ]


def snap(staff=(), *extra: Milestone, derive: bool = True) -> PlanSnapshot:
    base = PlanSnapshot(PROGRAMME, SERVICES, tuple(extra))
    if not derive:
        return base
    return PlanSnapshot(PROGRAMME, SERVICES, (*extra, *derived_tupe_milestones(base, list(staff))))


def prepare(staff, *extra: Milestone, as_of: date = AS_OF):
    return prepare_workforce(snap(staff, *extra), staff, as_of)


def hand_worked() -> list[StaffRecord]:
    """Social care: 10 permanent social workers (1.0 FTE, £40,000, 15 cases each), 5 agency
    social workers (1.0 FTE, £80,000, 20 cases each) and 2 vacant posts (1.0 FTE).
    Early help: 8 permanent at 0.5 FTE and 6 fixed-term at 1.0 FTE, no caseloads, the fixed-term
    staff outside the LGPS."""
    return [
        *people(10, SC, Employment.PERMANENT, role="Social worker", caseload=15),
        *people(5, SC, Employment.AGENCY, role="Agency social worker", cost=80_000, caseload=20),
        *people(2, SC, Employment.VACANCY, role="Social worker", tupe=False),
        *people(8, EH, Employment.PERMANENT, fte=0.5, cost=20_000, role="Family worker"),
        *people(6, EH, Employment.FIXED_TERM, role="Family worker", pension=Pension.NONE),
    ]


# Hand-worked figures -------------------------------------------------------------------------

def test_table_by_service_matches_the_hand_worked_figures():
    wf = prepare(hand_worked())
    sc, eh = wf.services
    assert (sc.group, sc.headcount.value, sc.fte.value) == (SC, 15, 15 * FTE_SCALE)
    assert sc.agency_rate.value == Fraction(5, 15) and sc.agency_rate.text == "33.3%"
    assert sc.vacancy_rate.value == Fraction(2, 12) and sc.vacancy_rate.text == "16.7%"
    assert sc.average_caseload.value == Fraction(250, 15) and sc.average_caseload.text == "16.7"
    assert (eh.headcount.text, eh.fte.text, eh.agency_rate.text, eh.vacancy_rate.text) == ("14", "10.0", "0.0%", "0.0%")
    assert eh.average_caseload == Figure(None, NOT_APPLICABLE)
    total = wf.total
    assert (total.headcount.text, total.fte.text) == ("29", "25.0")
    assert total.agency_rate.value == Fraction(5, 25) and total.agency_rate.text == "20.0%"
    assert total.vacancy_rate.value == Fraction(2, 22) and total.vacancy_rate.text == "9.1%"
    assert (wf.vacant_posts.text, wf.vacant_fte.text) == ("2", "2.0")
    assert not wf.secondary_suppression


def test_social_worker_agency_rate_and_agency_cost_premium():
    wf = prepare(hand_worked())
    assert wf.social_worker_agency_rate.value == Fraction(5, 15)
    assert wf.social_worker_agency_rate.text == "33.3%"
    # 5 agency FTE cost £400,000; at social care's £40,000 per permanent FTE they would cost £200,000
    assert wf.agency_cost.cost == Figure(400_000_00, "£400,000")
    assert wf.agency_cost.premium == Figure(200_000_00, "£200,000")
    assert wf.agency_cost.services_compared == (SC,)


def test_transfers_by_date_hand_worked():
    staff = hand_worked()
    wf = prepare(staff)
    [wave] = wf.transfers
    assert wave.day == GO_LIVE
    assert (wave.headcount.text, wave.fte.text) == ("24", "20.0")  # 10 + 8 x 0.5 + 6
    assert wave.lgps_members.text == "18"  # the fixed-term six are not members
    assert wave.eli_sent.text == "0 of 24"
    assert dict((label, f.text) for label, f in wave.consultation)["Not started"] == "24"
    assert wf.transfers_total is None  # one date: its line is the total
    assert (wf.transferring.text, wf.transferring_fte.text) == ("24", "20.0")


def test_chart_has_fte_by_employment_type_per_service():
    wf = prepare(hand_worked())
    sc, eh = wf.chart
    assert dict(sc.segments) == {Segment.PERMANENT: 10 * FTE_SCALE, Segment.AGENCY: 5 * FTE_SCALE,
                                 Segment.VACANT: 2 * FTE_SCALE}
    assert dict(eh.segments) == {Segment.PERMANENT: 4 * FTE_SCALE, Segment.TEMPORARY: 6 * FTE_SCALE}


def test_services_follow_the_plan_order_and_retained_ones_are_marked():
    staff = [*people(6, "Reviewing", Employment.PERMANENT, tupe=False), *people(7, EH, Employment.PERMANENT),
             *people(5, SC, Employment.PERMANENT)]
    wf = prepare(staff)
    assert [(row.group, row.retained) for row in wf.services] == [(SC, False), (EH, False), ("Reviewing", True)]
    assert [bar.retained for bar in wf.chart] == [False, False, True]


def test_no_staff_means_no_workforce_part():
    assert prepare_workforce(snap(), [], AS_OF) is None
    assert prepare_briefing(snap(), as_of=AS_OF).workforce is None
    assert [row.area for row in prepare_briefing(snap(), as_of=AS_OF).status] == ["Overall", "Milestones"]


def test_prepare_briefing_adds_the_workforce_status_row():
    staff = hand_worked()
    data = prepare_briefing(snap(staff), as_of=AS_OF, staff=staff)
    overall, milestones, workforce = data.status
    assert workforce.area == "Workforce"
    # 20% across all services, but 33.3% in social care: red, named
    assert workforce.this_period is Rag.RED
    assert workforce.last_period is None
    assert "highest agency rate 33.3% of FTE (Social care)" in workforce.commentary
    assert "above 30%" in workforce.rule and "above 30%" not in workforce.commentary  # the rule is the key's
    assert data.workforce is not None and data.workforce.rag is Rag.RED
    amber = [*people(17, SC, Employment.PERMANENT), *people(3, SC, Employment.AGENCY),
             *people(6, EH, Employment.PERMANENT)]
    assert prepare(amber).rag is Rag.GREEN  # 3 agency workers: the rates are withheld, not used
    amber += people(2, SC, Employment.AGENCY)
    assert prepare(amber).rag is Rag.AMBER  # 5 of 22 in social care: 22.7%


# Status rule ---------------------------------------------------------------------------------

def _deadline(rag: Rag):
    from trustplanner.briefing.workforce_data import DeadlineLine
    return DeadlineLine("TUPE-LGPS", "x", AS_OF, None, rag)


@pytest.mark.parametrize(("rags", "rate", "expected"), [
    ([Rag.GREEN], Fraction(30, 100), Rag.AMBER),  # 30% is not above 30%
    ([Rag.GREEN], Fraction(301, 1000), Rag.RED),
    ([Rag.GREEN], Fraction(15, 100), Rag.GREEN),
    ([Rag.GREEN], Fraction(151, 1000), Rag.AMBER),
    ([Rag.COMPLETE, Rag.RED], Fraction(0), Rag.RED),
    ([Rag.AMBER, Rag.COMPLETE], Fraction(1, 100), Rag.AMBER),
    ([Rag.COMPLETE], None, Rag.GREEN),
    ([], Fraction(1, 10), Rag.GREEN),
])
def test_workforce_status_rule(rags, rate, expected):
    figure = Figure(rate, "x") if rate is not None else Figure(None, WITHHELD)
    rag, commentary = workforce_rag([_deadline(r) for r in rags], [("all services", figure)], AS_OF)
    assert rag is expected
    assert "Red if" not in commentary  # the rule is printed once, in the status table's key


def test_workforce_status_uses_the_highest_printed_agency_rate():
    rates = [("all services", Figure(Fraction(12, 100), "12.0%")), ("Social care", Figure(Fraction(31, 100), "31.0%")),
             ("Early help", Figure(None, WITHHELD)), ("social workers", Figure(Fraction(29, 100), "29.0%"))]
    rag, commentary = workforce_rag([_deadline(Rag.GREEN)], rates, AS_OF)
    assert rag is Rag.RED
    assert "highest agency rate 31.0% of FTE (Social care)" in commentary


def _due(on: date, rag: Rag):
    from trustplanner.briefing.workforce_data import DeadlineLine
    return DeadlineLine("TUPE-ELI-20170401", "x", on, None, rag)


def test_deadlines_not_yet_due_are_said_to_be_none_due_yet_not_none_met():
    later = [_due(date(2017, 3, 3), Rag.GREEN), _due(date(2017, 2, 3), Rag.GREEN)]
    assert deadline_words(later, date(2017, 1, 16)) == "none due yet (the first on 3 February 2017)"
    assert deadline_words([*later, _due(date(2017, 2, 10), Rag.AMBER)], date(2017, 1, 16)) == (
        "none due yet (the first on 3 February 2017); 1 amber")


def test_deadlines_due_are_counted_met_out_of_due_with_red_and_amber_only_when_there_are_some():
    deadlines = [_due(date(2017, 1, 6), Rag.COMPLETE), _due(date(2017, 1, 13), Rag.RED),
                 _due(date(2017, 3, 3), Rag.AMBER), _due(date(2017, 4, 3), Rag.GREEN)]
    assert deadline_words(deadlines, date(2017, 1, 16)) == "1 of 2 due met; 1 red, 1 amber"
    assert deadline_words(deadlines[:1] + deadlines[3:], date(2017, 1, 16)) == "1 of 1 due met"
    # a deadline completed early counts as due and met
    early = [_due(date(2017, 3, 3), Rag.COMPLETE), _due(date(2017, 4, 3), Rag.GREEN)]
    assert deadline_words(early, date(2017, 1, 16)) == "1 of 1 due met"


def test_tupe_deadlines_are_the_derived_milestones_with_their_status():
    staff = hand_worked()
    done = Milestone("GOV-1", "Board", "Governance", Stage.SHADOW, date(2017, 1, 2), date(2017, 1, 2))
    base = snap(staff, done)
    late = [m for m in base.milestones if m.ref.startswith("TUPE-REP")]
    # staff representatives should have been informed by 03/01/2017 at the latest: it is overdue
    snapshot = PlanSnapshot(PROGRAMME, SERVICES, tuple(
        Milestone(**{**m.__dict__, "forecast": date(2017, 1, 3), "baseline": date(2017, 1, 3)}) if m in late else m
        for m in base.milestones))
    wf = prepare_workforce(snapshot, staff, AS_OF)
    refs = [d.ref for d in wf.deadlines]
    assert refs == ["TUPE-REP-20170403", "TUPE-ELI-20170403", "TUPE-LGPS"]
    assert "GOV-1" not in refs
    assert wf.deadlines[0].rag is Rag.RED
    assert wf.rag is Rag.RED
    assert all("staff" not in d.description or "Staff representatives" in d.description for d in wf.deadlines)


def test_deadline_descriptions_carry_no_counts_of_people():
    assert deadline_description("TUPE-ELI-20170403") == (
        "Employee liability information sent to the trust, at least 28 days before transfers on 03/04/2017 "
        "(legal minimum)")
    assert deadline_description("TUPE-REP-20171002", 90) == (
        "Staff representatives informed of transfers on 02/10/2017 (local setting: 90 days' notice)")
    assert "LGPS admission agreement" in deadline_description("TUPE-LGPS")
    assert deadline_description("TUPE-ODD") == "TUPE deadline derived from the staff data"


@pytest.mark.parametrize(("pence", "text"), [
    (2_900_000_00, "£2.9m"), (999_999_99, "£1.0m"), (430_400_00, "£430,000"), (43_217_89, "£43,000"),
    (-1_250_000_00, "-£1.3m"), (0, "£0"),  # half a tenth of a million goes away from zero
])
def test_money_is_an_aggregate_in_millions_or_thousands(pence, text):
    assert format_compact(pence) == text


# Primary suppression -------------------------------------------------------------------------

def test_a_service_of_fewer_than_five_people_is_lt5_and_its_figures_withheld():
    staff = [*hand_worked(), *people(3, QA, Employment.PERMANENT, caseload=9)]
    wf = prepare(staff)
    qa = wf.services[2]
    assert qa.headcount == Figure(None, SMALL)
    assert [f.text for f in (qa.fte, qa.agency_rate, qa.vacancy_rate, qa.average_caseload)] == [WITHHELD] * 4
    assert all(f.value is None for f in (qa.headcount, qa.fte, qa.agency_rate, qa.vacancy_rate, qa.average_caseload))
    assert wf.chart[2].withheld and wf.chart[2].segments == ()


def test_a_transfer_date_of_fewer_than_five_people_is_lt5():
    staff = [*hand_worked(), *people(3, QA, Employment.PERMANENT, eli_sent=date(2017, 1, 2))]
    wf = prepare(staff)
    first, second = wf.transfers
    assert second.day == date(2017, 10, 2)
    assert second.headcount == Figure(None, SMALL)
    assert second.fte == Figure(None, WITHHELD)
    assert second.eli_sent.value is None and second.lgps_members.value is None
    assert all(f.value is None for _, f in second.consultation if f.text != "0")


def test_lgps_members_withheld_when_the_members_or_the_rest_are_fewer_than_five():
    few_members = [*people(3, SC, Employment.PERMANENT), *people(9, SC, Employment.PERMANENT, pension=Pension.TPS)]
    few_others = [*people(10, SC, Employment.PERMANENT), *people(2, SC, Employment.PERMANENT, pension=Pension.TPS)]
    assert prepare(few_members).transfers[0].lgps_members == Figure(None, SMALL)
    assert prepare(few_others).transfers[0].lgps_members == Figure(None, WITHHELD)


def test_social_worker_rate_is_withheld_when_any_side_is_small():
    three_agency = [*people(10, SC, Employment.PERMANENT, role="Social worker"),
                    *people(3, SC, Employment.AGENCY, role="Social worker"),
                    *people(6, EH, Employment.AGENCY, role="Family worker")]
    assert prepare(three_agency).social_worker_agency_rate.value is None
    # 2 agency workers who are not social workers could be worked out from the programme figure
    two_others = [*people(10, SC, Employment.PERMANENT, role="Social worker"),
                  *people(6, SC, Employment.AGENCY, role="Social worker"),
                  *people(2, EH, Employment.AGENCY, role="Family worker"),
                  *people(8, EH, Employment.PERMANENT, role="Family worker")]
    assert prepare(two_others).social_worker_agency_rate.value is None
    none_agency = [*people(10, SC, Employment.PERMANENT, role="Senior social worker")]
    assert prepare(none_agency).social_worker_agency_rate.text == "0.0%"


def test_agency_cost_and_premium_need_five_agency_and_five_permanent():
    staff = [*people(10, SC, Employment.PERMANENT), *people(4, SC, Employment.AGENCY, cost=90_000),
             *people(6, EH, Employment.PERMANENT)]
    wf = prepare(staff)
    assert wf.agency_cost.cost == Figure(None, WITHHELD)
    assert wf.agency_cost.premium == Figure(None, NOT_APPLICABLE)
    assert wf.agency_cost.services_compared == ()
    no_agency = prepare([*people(10, SC, Employment.PERMANENT)])
    assert no_agency.agency_cost.cost == Figure(None, NOT_APPLICABLE)


# Secondary suppression -----------------------------------------------------------------------

def test_one_small_service_withholds_the_next_smallest_so_the_total_gives_nothing_away():
    staff = [*hand_worked(), *people(3, QA, Employment.PERMANENT)]
    wf = prepare(staff)
    sc, eh, qa = wf.services
    assert qa.headcount.text == SMALL
    assert eh.headcount == Figure(None, WITHHELD)  # 14 people, the smallest other service
    assert eh.fte.value is None and eh.agency_rate.value is None
    assert sc.headcount.text == "15"
    assert wf.total.headcount.text == "32"
    assert wf.chart[1].withheld
    assert wf.secondary_suppression


def test_a_small_group_in_a_service_is_combined_with_another_in_the_chart():
    staff = [*people(10, SC, Employment.PERMANENT), *people(2, SC, Employment.FIXED_TERM),
             *people(6, SC, Employment.AGENCY), *people(7, EH, Employment.AGENCY), *people(9, EH, Employment.PERMANENT)]
    wf = prepare(staff)
    sc = wf.chart[0]
    # fixed-term 2 is withheld; the permanent 10 (not the agency 6) is withheld with it
    assert dict(sc.segments) == {Segment.COMBINED: 12 * FTE_SCALE, Segment.AGENCY: 6 * FTE_SCALE}
    assert wf.services[0].agency_rate.text == "33.3%"


def test_withheld_groups_that_add_up_to_fewer_than_five_are_protected_too():
    staff = [*people(2, SC, Employment.PERMANENT), *people(2, SC, Employment.FIXED_TERM),
             *people(10, SC, Employment.AGENCY), *people(20, EH, Employment.PERMANENT),
             *people(12, EH, Employment.AGENCY)]
    wf = prepare(staff)
    sc = wf.services[0]
    assert sc.headcount.text == "14"
    # permanent + fixed-term = 4 people = headcount - agency: so the agency figure goes too
    assert sc.agency_rate.value is None and sc.vacancy_rate.value is None
    assert dict(wf.chart[0].segments) == {Segment.COMBINED: 14 * FTE_SCALE}
    # and then, alone in the agency column, it takes the programme figure with it, not early help's
    assert wf.services[1].agency_rate.text == f"{12 / 32:.1%}"
    assert wf.total.agency_rate == Figure(None, WITHHELD)


def test_a_small_agency_group_withholds_the_programme_agency_figure_not_another_service():
    staff = [*people(10, SC, Employment.PERMANENT), *people(3, SC, Employment.AGENCY),
             *people(10, EH, Employment.PERMANENT), *people(7, EH, Employment.AGENCY),
             *people(10, QA, Employment.PERMANENT), *people(9, QA, Employment.AGENCY)]
    wf = prepare(staff)
    assert [row.agency_rate.text for row in wf.services] == [WITHHELD, f"{7 / 17:.1%}", f"{9 / 19:.1%}"]
    assert wf.total.agency_rate == Figure(None, WITHHELD)
    assert wf.total.vacancy_rate == Figure(None, WITHHELD)  # it would give the in-post FTE, and so agency
    assert wf.total.headcount.text == "49"
    assert wf.agency_cost.cost == Figure(None, WITHHELD)


def test_a_small_group_of_case_holders_withholds_the_programme_caseload():
    staff = [*people(12, SC, Employment.PERMANENT, caseload=18), *people(3, EH, Employment.PERMANENT, caseload=6),
             *people(6, EH, Employment.PERMANENT)]
    wf = prepare(staff)
    assert wf.services[0].average_caseload.text == "18.0"
    assert wf.services[1].average_caseload == Figure(None, WITHHELD)
    assert wf.total.average_caseload == Figure(None, WITHHELD)


def test_a_small_transfer_date_withholds_the_all_dates_line_not_another_date():
    staff = [*hand_worked(), *people(3, QA, Employment.PERMANENT), *people(8, QA, Employment.AGENCY)]
    wf = prepare(staff)
    first, second = wf.transfers
    assert first.headcount.text == "24" and second.headcount.text == SMALL
    assert wf.transfers_total is not None
    assert wf.transfers_total.headcount == Figure(None, WITHHELD)
    assert wf.transferring == Figure(None, WITHHELD)


def test_a_small_consultation_step_is_protected_within_its_date():
    staff = [*people(20, SC, Employment.PERMANENT, consultation=Consultation.COMPLETE),
             *people(2, SC, Employment.PERMANENT, consultation=Consultation.INFORMED),
             *people(9, SC, Employment.PERMANENT, consultation=Consultation.CONSULTED)]
    steps = dict((label, f) for label, f in prepare(staff).transfers[0].consultation)
    assert steps["Informed"].text == SMALL
    assert steps["Consulted"].text == WITHHELD  # the smallest other, so 31 - 20 does not give 2
    assert steps["Complete"].text == "20"
    assert steps["Not started"].text == "0"


def test_engine_withholds_the_smallest_other_cell_and_prefers_kept_cells_last():
    d = Disclosure()
    d.cell("a", 3)
    d.cell("b", 9, keep=True)
    d.cell("c", 12)
    d.cell("t", 24)
    d.line(["a", "b", "c"], "t")
    d.protect()
    assert d.withheld == {"a", "c"} and d.primary == {"a"} and d.secondary == {"c"}
    first = Disclosure()
    for key, size in (("a", 3), ("b", 9), ("t", 12)):
        first.cell(key, size)
    first.line(["a", "b"], "t", total_first=True)
    first.protect()
    assert first.withheld == {"a", "t"}


# Properties over random staff ------------------------------------------------------------------

_TYPES = [Employment.PERMANENT, Employment.FIXED_TERM, Employment.SECONDEE, Employment.AGENCY, Employment.VACANCY]


@st.composite
def random_staff(draw) -> list[StaffRecord]:
    staff = []
    for service in (SC, EH, QA, "Reviewing"):
        for employment in _TYPES:
            n = draw(st.integers(0, 12))
            role = draw(st.sampled_from(["Social worker", "Officer"]))
            staff += people(n, service, employment, fte=draw(st.sampled_from([0.5, 0.8, 1.0])), role=role,
                            caseload=draw(st.sampled_from([None, 12])),
                            pension=draw(st.sampled_from([Pension.LGPS, Pension.TPS])))
    return staff


@settings(max_examples=150, deadline=None)
@given(random_staff())
def test_no_published_count_is_between_one_and_four_and_no_line_gives_a_withheld_cell_away(staff):
    wf = prepare(staff)
    if wf is None:
        return
    counts = [row.headcount for row in (*wf.services, wf.total)]
    for line in (*wf.transfers, *((wf.transfers_total,) if wf.transfers_total else ())):
        counts += [line.headcount, line.lgps_members, line.eli_sent, *(f for _, f in line.consultation)]
    for figure in counts:
        assert figure.value is None or not 0 < figure.value < 5
        assert figure.value is not None or figure.text.startswith((SMALL, WITHHELD))
    for row in (*wf.services, wf.total):
        if row.headcount.value is None:
            assert row.fte.value is None and row.agency_rate.value is None and row.vacancy_rate.value is None
    by_service: dict[str, list[StaffRecord]] = {}
    for record in staff:
        by_service.setdefault(record.service, []).append(record)
    services = [row.group for row in wf.services]
    d = _people_disclosure(services, by_service)
    for cells, total, _ in d.lines:
        hidden = [k for k in cells if k in d.withheld and d.sizes[k] > 0]
        if total in d.withheld:
            assert hidden or d.sizes[total] == 0
        else:
            assert not hidden or (len(hidden) >= 2 and sum(d.sizes[k] for k in hidden) >= 5)


# The demo ------------------------------------------------------------------------------------

@pytest.mark.parametrize("on", [date(2016, 10, 3), date(2017, 1, 16)])
def test_the_demo_briefing_withholds_nothing(tmp_path, on):
    """The demo's groups are none or five or more, so cabinet sees every service's figures."""
    from trustplanner.services.demo import create_demo_plan
    from trustplanner.services.snapshot import load_snapshot
    from trustplanner.services.staff import load_staff

    with create_demo_plan(tmp_path / "demo.tplan") as plan:
        wf = prepare_workforce(load_snapshot(plan), load_staff(plan, on), on)
    assert not wf.secondary_suppression
    for row in (*wf.services, wf.total):
        for figure in (row.headcount, row.fte, row.agency_rate, row.vacancy_rate):
            assert figure.value is not None, (row.group, figure)
    assert all(not bar.withheld for bar in wf.chart)
    assert not any(segment is Segment.COMBINED for bar in wf.chart for segment, _ in bar.segments)
    for line in (*wf.transfers, wf.transfers_total):
        assert line.headcount.value and line.lgps_members.value is not None and line.eli_sent.value is not None
    assert wf.social_worker_agency_rate.value is not None
    assert wf.agency_cost.cost.value is not None
    assert wf.agency_cost.services_compared == ("Children's social care", "Education services", "Early help")
    rates = {row.group: row.agency_rate.text for row in wf.services}
    assert rates["Quality assurance & performance"] == rates["Independent reviewing officers"] == "0.0%"
    assert all(rates[s] != "0.0%" for s in ("Children's social care", "Education services", "Early help"))
