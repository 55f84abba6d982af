"""TUPE deadlines derived from the staff data: dates, keeping in step, status, and what may be edited.

The sample plan (tests/conftest.py) goes live on Saturday 1 April 2017 (status date 16/01/2017)
with Children's social care, Early help (no go-live of its own) and the retained Adoption agency.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from trustplanner.domain.enums import Rag, Stage, Workstream
from trustplanner.domain.problems import ValidationFailed
from trustplanner.domain.rag import effective_rag
from trustplanner.services.checks import check_plan
from trustplanner.services.exports import export_plan
from trustplanner.services.imports import import_file
from trustplanner.services.milestones import delete_milestone, update_milestone
from trustplanner.services.plans import update_programme
from trustplanner.services.snapshot import load_snapshot
from trustplanner.services import history
from trustplanner.services.staff import import_staff, staff_state
from trustplanner.io.formats.staff import COLUMNS
from trustplanner.store.plan_file import open_plan_file

CSC, EH = "Children's social care", "Early help"
ELI_0401, REP_0401 = "TUPE-ELI-20170401", "TUPE-REP-20170401"


def staff(ref: str, service: str = CSC, employment: str = "permanent", *, tupe: str = "yes", pension: str = "lgps",
          transfer_date: str = "", eli_sent: str = "", **more: str) -> dict[str, str]:
    return {"ref": ref, "name": "", "service": service, "team": "", "role": "Social worker", "grade": "PO3",
            "employment": employment, "fte": "1", "annual_cost": "41000", "tupe": tupe, "pension": pension,
            "caseload": "", "transfer_date": transfer_date, "eli_sent": eli_sent, "consultation": "informed", **more}


@pytest.fixture
def write_staff(write_csv):
    counter = iter(range(1, 1000))

    def write(*rows: dict[str, str]):
        return write_csv(f"staff-{next(counter)}.csv", [COLUMNS, *[[r[c] for c in COLUMNS] for r in rows]])

    return write


@pytest.fixture
def plan(sample_plan):
    with open_plan_file(sample_plan) as plan:
        yield plan


def derived(plan) -> dict:
    return {m.ref: m for m in load_snapshot(plan).milestones if m.derived}


def deadlines(plan) -> dict[str, date]:
    return {ref: m.forecast for ref, m in derived(plan).items()}


def test_no_staff_no_deadlines(plan):
    assert derived(plan) == {}


def test_deadlines_for_a_saturday_go_live(plan, write_staff):
    import_staff(plan, write_staff(staff("A1"), staff("A2", EH, pension="none")))
    # 1 Apr 2017 - 28 days = Sat 4 Mar: the last working day on or before it is Fri 3 Mar.
    # 1 Apr 2017 - 56 days = Sat 4 Feb: Fri 3 Feb.  LGPS agreement: before 1 Apr, so Fri 31 Mar.
    assert deadlines(plan) == {ELI_0401: date(2017, 3, 3), REP_0401: date(2017, 2, 3),
                               "TUPE-LGPS": date(2017, 3, 31)}
    eli = derived(plan)[ELI_0401]
    assert eli.baseline == eli.forecast == date(2017, 3, 3)
    assert (eli.workstream, eli.stage, eli.actual) == (Workstream.HR.value, Stage.SHADOW, None)
    assert "01/04/2017" in eli.title and "staff" not in eli.title  # no head count: small groups stay unidentifiable
    assert derived(plan)["TUPE-LGPS"].workstream == Workstream.PENSIONS.value


def test_eli_deadline_steps_back_over_a_bank_holiday(plan, write_staff):
    # Mon 15 May 2017 - 28 days = Mon 17 Apr, Easter Monday; Fri 14 Apr is Good Friday: Thu 13 Apr.
    # 15 May - 56 days = Mon 20 Mar, a working day.
    import_staff(plan, write_staff(staff("A1", transfer_date="2017-05-15")))
    assert deadlines(plan) == {"TUPE-ELI-20170515": date(2017, 4, 13), "TUPE-REP-20170515": date(2017, 3, 20),
                               "TUPE-LGPS": date(2017, 5, 12)}


def test_one_pair_of_deadlines_per_transfer_date_and_lgps_before_the_first(plan, write_staff):
    import_staff(plan, write_staff(staff("A1", pension="tps"), staff("A2", transfer_date="2017-10-01"),
                                   staff("A3", transfer_date="01/10/2017")))
    # the only LGPS members move on Sun 1 Oct 2017: agreement by Fri 29 Sep
    assert deadlines(plan) == {
        ELI_0401: date(2017, 3, 3), REP_0401: date(2017, 2, 3),
        "TUPE-ELI-20171001": date(2017, 9, 1),  # Sun 3 Sep -> Fri 1 Sep
        "TUPE-REP-20171001": date(2017, 8, 4),  # Sun 6 Aug -> Fri 4 Aug
        "TUPE-LGPS": date(2017, 9, 29),
    }
    assert "01/10/2017" in derived(plan)["TUPE-ELI-20171001"].title


def test_people_who_do_not_transfer_make_no_deadlines(plan, write_staff):
    import_staff(plan, write_staff(
        staff("A1", employment="agency", tupe="no"), staff("V1", employment="vacancy", tupe="no", pension="none"),
        staff("S1", employment="secondee", tupe="no"), staff("P1", tupe="no"),
        staff("R1", "Adoption agency", tupe="no")))
    assert derived(plan) == {}
    import_staff(plan, write_staff(staff("S1", employment="secondee", tupe="yes", pension="none")))
    assert set(derived(plan)) == {ELI_0401, REP_0401}  # a secondee in scope moves; not an LGPS member


def test_lgps_deadline_only_when_an_lgps_member_transfers(plan, write_staff):
    import_staff(plan, write_staff(staff("T1", pension="tps"), staff("N1", pension="none"),
                                   staff("L1", pension="lgps", tupe="no")))
    assert "TUPE-LGPS" not in derived(plan)
    import_staff(plan, write_staff(staff("T1", pension="tps"), staff("N1", pension="lgps"),
                                   staff("L1", pension="lgps", tupe="no")), extract_date=date(2017, 1, 20))
    assert derived(plan)["TUPE-LGPS"].forecast == date(2017, 3, 31)


def test_deadlines_move_with_the_programme_go_live(plan, write_staff):
    import_staff(plan, write_staff(staff("A1"), staff("A2", EH)))
    update_programme(plan, go_live=date(2017, 5, 1))
    # Mon 1 May 2017 (a bank holiday itself, but the transfer date is what it is):
    # - 28 days = Mon 3 Apr; - 56 days = Mon 6 Mar; LGPS the day before = Sun 30 Apr -> Fri 28 Apr
    assert deadlines(plan) == {"TUPE-ELI-20170501": date(2017, 4, 3), "TUPE-REP-20170501": date(2017, 3, 6),
                               "TUPE-LGPS": date(2017, 4, 28)}
    assert "1 staff" not in derived(plan)["TUPE-ELI-20170501"].title  # both services moved together
    update_programme(plan, go_live=date(2017, 4, 1))
    assert set(deadlines(plan)) == {ELI_0401, REP_0401, "TUPE-LGPS"}


def test_deadlines_move_when_a_services_import_changes_a_go_live(plan, write_staff, write_csv):
    import_staff(plan, write_staff(staff("A1"), staff("E1", EH)))
    import_file(plan, "services", write_csv("services.csv", [["name", "go_live"], [EH, "2017-07-01"]]))
    # Early help now moves on Sat 1 Jul 2017: - 28 = Sat 3 Jun -> Fri 2 Jun; - 56 = Sat 6 May -> Fri 5 May
    assert deadlines(plan) == {ELI_0401: date(2017, 3, 3), REP_0401: date(2017, 2, 3),
                               "TUPE-ELI-20170701": date(2017, 6, 2), "TUPE-REP-20170701": date(2017, 5, 5),
                               "TUPE-LGPS": date(2017, 3, 31)}


def test_notice_period_is_configurable(plan, write_staff):
    import_staff(plan, write_staff(staff("A1")))
    update_programme(plan, tupe_notice_days=90)
    # 1 Apr 2017 - 90 days = Mon 2 Jan 2017, the New Year bank holiday: Fri 30 Dec 2016
    assert deadlines(plan)[REP_0401] == date(2016, 12, 30)
    assert "90 days' notice" in derived(plan)[REP_0401].title


def test_eli_is_complete_when_every_transferring_person_has_it(plan, write_staff):
    import_staff(plan, write_staff(staff("A1", eli_sent="2017-01-10"), staff("A2"),
                                   staff("G1", employment="agency", tupe="no")))
    assert derived(plan)[ELI_0401].actual is None  # A2's is not sent yet
    import_staff(plan, write_staff(staff("A1", eli_sent="2017-01-10"), staff("A2", eli_sent="13/01/2017"),
                                   staff("G1", employment="agency", tupe="no")))
    eli = derived(plan)[ELI_0401]
    assert eli.actual == date(2017, 1, 13)  # the last one sent; the agency worker needs none
    snapshot = load_snapshot(plan)
    assert effective_rag(eli, snapshot.status_date, snapshot.programme.tolerance_days) is Rag.COMPLETE


def test_missed_deadlines_go_red_and_check_lists_them(plan, write_staff):
    import_staff(plan, write_staff(staff("A1")))
    snapshot = load_snapshot(plan)
    assert [p.ref for p in check_plan(snapshot) if p.ref.startswith("TUPE-")] == []
    # As of Mon 6 Mar 2017 the ELI deadline (Fri 3 Mar) and the representatives' (Fri 3 Feb) are missed
    update_programme(plan, status_date=date(2017, 3, 6))
    snapshot = load_snapshot(plan)
    rags = {ref: effective_rag(m, snapshot.status_date, snapshot.programme.tolerance_days)
            for ref, m in derived(plan).items()}
    assert rags == {ELI_0401: Rag.RED, REP_0401: Rag.RED, "TUPE-LGPS": Rag.GREEN}
    problems = [str(p) for p in check_plan(snapshot) if p.ref.startswith("TUPE-")]
    assert problems == [f"{ELI_0401}: red milestone needs a commentary", f"{REP_0401}: red milestone needs a commentary"]


def test_only_actual_and_commentary_can_be_edited_and_they_survive_a_resync(plan, write_staff):
    import_staff(plan, write_staff(staff("A1"), staff("A2")))
    rep = derived(plan)[REP_0401]
    for change in ({"title": "Reps told"}, {"forecast": date(2017, 2, 10)}, {"owner": "HR Director"},
                   {"workstream": Workstream.GOVERNANCE.value}, {"depends_on": ("M1",)}, {"ref": "REP-1"}):
        with pytest.raises(ValidationFailed, match="derived from the staff data"):
            update_milestone(plan, REP_0401, replace(rep, **change))
    assert derived(plan)[REP_0401] == rep
    with pytest.raises(ValidationFailed, match="derived from the staff data"):
        delete_milestone(plan, REP_0401)
    update_milestone(plan, REP_0401, replace(rep, actual=date(2017, 1, 12), commentary="Unions briefed 12 Jan"))
    import_staff(plan, write_staff(staff("A1"), staff("A2"), staff("A3")))  # re-derived: 3 staff now
    rep = derived(plan)[REP_0401]
    assert (rep.actual, rep.commentary) == (date(2017, 1, 12), "Unions briefed 12 Jan")


def test_deadlines_go_when_nobody_transfers_on_that_date(plan, write_staff):
    import_staff(plan, write_staff(staff("A1"), staff("B1", transfer_date="2017-10-01")))
    assert "TUPE-ELI-20171001" in derived(plan)
    import_staff(plan, write_staff(staff("A1")))  # B1 left
    assert set(derived(plan)) == {ELI_0401, REP_0401, "TUPE-LGPS"}


def test_undoing_an_import_puts_the_deadlines_back(plan, write_staff):
    import_staff(plan, write_staff(staff("A1", pension="tps")))
    before_state, before = staff_state(plan), load_snapshot(plan)
    import_staff(plan, write_staff(staff("A1", pension="tps"), staff("B1", transfer_date="2017-10-01")))
    assert "TUPE-LGPS" in derived(plan)
    history.undo(plan)
    assert load_snapshot(plan) == before and staff_state(plan) == before_state


def test_derived_milestones_are_not_exported_and_cannot_be_imported(plan, write_staff, write_csv, tmp_path):
    import_staff(plan, write_staff(staff("A1")))
    export_plan(plan, tmp_path / "out")
    exported = (tmp_path / "out" / "milestones.csv").read_text(encoding="utf-8-sig")
    assert "TUPE-" not in exported
    header = ["ref", "title", "workstream", "stage", "baseline"]
    for ref, message in ((ELI_0401, f"{ELI_0401} is derived from the staff data"),
                         ("TUPE-ELI-20170915", "refs starting TUPE- are kept for the TUPE deadlines")):
        path = write_csv("m.csv", [header, [ref, "ELI sent", "HR & TUPE", "shadow", "2017-03-03"]])
        with pytest.raises(ValidationFailed) as rejected:
            import_file(plan, "milestones", path)
        assert [(p.row, p.column) for p in rejected.value.problems] == [(2, "ref")]
        assert message in str(rejected.value)
    # the exported milestones import back cleanly next to the derived ones
    assert import_file(plan, "milestones", tmp_path / "out" / "milestones.csv").changed == []
