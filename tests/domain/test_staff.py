"""Who transfers under TUPE, and what an FTE may be."""

from __future__ import annotations

import pytest

from trustplanner.domain.staff import (
    FTE_SCALE,
    Consultation,
    Employment,
    Pension,
    StaffRecord,
    fte_problem,
    transfers,
    tupe_scope_problem,
)


def record(employment: Employment, tupe: bool, **more) -> StaffRecord:
    return StaffRecord(ref="TFC-00001", service="Children's social care", employment=employment, fte=FTE_SCALE,
                       annual_cost=4_100_000, tupe=tupe, **more)


@pytest.mark.parametrize(("employment", "tupe", "moves"), [
    (Employment.PERMANENT, True, True),
    (Employment.PERMANENT, False, False),  # out of scope (e.g. works mostly for a retained service)
    (Employment.FIXED_TERM, True, True),
    (Employment.FIXED_TERM, False, False),
    (Employment.SECONDEE, True, True),  # secondees only if marked in scope
    (Employment.SECONDEE, False, False),
    (Employment.AGENCY, True, False),  # agency workers never transfer, whatever the flag says
    (Employment.AGENCY, False, False),
    (Employment.VACANCY, True, False),  # nor do vacancies
    (Employment.VACANCY, False, False),
])
def test_who_transfers(employment, tupe, moves):
    assert transfers(record(employment, tupe)) is moves


@pytest.mark.parametrize("employment", [Employment.AGENCY, Employment.VACANCY])
def test_agency_and_vacancy_in_scope_is_a_problem(employment):
    message = tupe_scope_problem(record(employment, True))
    assert message == f"{employment.label.lower()} posts never transfer under TUPE; set tupe to no"
    assert tupe_scope_problem(record(employment, False)) is None


@pytest.mark.parametrize("employment", [Employment.PERMANENT, Employment.FIXED_TERM, Employment.SECONDEE])
def test_employees_in_scope_are_fine(employment):
    assert tupe_scope_problem(record(employment, True)) is None


def test_in_post_means_employees():
    assert {e for e in Employment if e.in_post} == {Employment.PERMANENT, Employment.FIXED_TERM, Employment.SECONDEE}


@pytest.mark.parametrize(("fte", "employment", "message"), [
    (10_000, Employment.PERMANENT, None),
    (1, Employment.PERMANENT, None),  # 0.0001 FTE, the smallest there is
    (5_000, Employment.VACANCY, None),
    (0, Employment.PERMANENT, "FTE must be more than 0"),
    (-5_000, Employment.AGENCY, "FTE must be more than 0"),
    (10_001, Employment.PERMANENT, "FTE for a person cannot be more than 1"),
    (20_000, Employment.VACANCY, "FTE for a post cannot be more than 1"),
])
def test_fte_limits(fte, employment, message):
    assert fte_problem(fte, employment) == message


def test_fte_is_kept_in_ten_thousandths():
    assert record(Employment.PERMANENT, True).fte_value == 1.0
    assert StaffRecord("r", "s", Employment.PERMANENT, 8_100, 0).fte_value == pytest.approx(0.81)


def test_defaults_and_labels():
    r = StaffRecord("r", "s", Employment.PERMANENT, FTE_SCALE, 0)
    assert (r.tupe, r.pension, r.consultation, r.caseload, r.transfer_date, r.eli_sent, r.name) == (
        False, Pension.NONE, Consultation.NOT_STARTED, None, None, None, "")
    assert [e.label for e in Employment] == ["Permanent", "Fixed-term", "Agency", "Secondee", "Vacancy"]
    assert [p.label for p in Pension] == ["LGPS", "TPS", "None"]
    assert [c.label for c in Consultation] == ["Not started", "Informed", "Consulted", "Complete"]
