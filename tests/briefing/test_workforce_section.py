"""The workforce section as printed: its figures, small-number protection, and that no name,
staff reference, team or salary from the staff data ever reaches a briefing."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

import pytest
from briefing_pdf import between, flat, milestone, read_pages, snapshot, whole_text
from pypdf import PdfReader

from trustplanner.briefing.document import BriefingDocument, render_briefing
from trustplanner.briefing.sections import SECTIONS
from trustplanner.domain.model import Service
from trustplanner.domain.staff import FTE_SCALE, Consultation, Employment, Pension, StaffRecord
from trustplanner.services.briefings import prepare_briefing, produce_briefing
from trustplanner.services.imports import import_file
from trustplanner.services.plans import new_plan
from trustplanner.services.snapshot import PlanSnapshot
from trustplanner.services.staff import import_staff
from trustplanner.services.tupe_milestones import derived_tupe_milestones

AS_OF = date(2017, 1, 10)
SC, EH, QA = "Children's social care", "Early help", "Quality assurance & performance"
SERVICES = (Service(SC), Service(EH), Service(QA, go_live=date(2017, 10, 2)))
WORKFORCE = "Workforce and TUPE"


def render(data, sections=SECTIONS, *, deterministic: bool = False) -> bytes:
    buffer = io.BytesIO()
    if sections is SECTIONS:
        render_briefing(data, buffer, deterministic=deterministic)
    else:
        BriefingDocument(data, sections, deterministic=deterministic).render(buffer)
    return buffer.getvalue()


def records(n: int, service: str, employment: Employment, *, fte: float = 1.0, cost: int = 40_000,
            role: str = "Officer", caseload: int | None = None, start: int = 0) -> list[StaffRecord]:
    return [
        StaffRecord(ref=f"S{service[:2]}{employment.value[:2]}{start + i}", service=service, employment=employment,
                    fte=round(fte * FTE_SCALE), annual_cost=cost * 100,
                    tupe=employment in (Employment.PERMANENT, Employment.FIXED_TERM), role=role, caseload=caseload,
                    pension=Pension.NONE if employment is Employment.AGENCY else Pension.LGPS)
        for i in range(n)
    ]


def with_staff(staff: list[StaffRecord]) -> PlanSnapshot:
    base = snapshot(milestone("A-1", date(2017, 2, 1)), services=SERVICES)
    return PlanSnapshot(base.programme, base.services, (*base.milestones, *derived_tupe_milestones(base, staff)))


def section_text(pdf: bytes) -> str:
    text = whole_text(read_pages(pdf))
    return between(text, f"6 {WORKFORCE}", None)


@pytest.fixture(scope="module")
def hand_worked() -> str:
    """Social care 10 permanent social workers (15 cases each) and 5 agency ones (20 cases), 2
    vacant posts; early help 8 permanent at 0.5 FTE and 6 fixed-term; QA 3 permanent."""
    staff = [
        *records(10, SC, Employment.PERMANENT, role="Social worker", caseload=15),
        *records(5, SC, Employment.AGENCY, role="Social worker", cost=80_000, caseload=20),
        *records(2, SC, Employment.VACANCY),
        *records(8, EH, Employment.PERMANENT, fte=0.5, cost=20_000),
        *records(6, EH, Employment.FIXED_TERM),
        *records(3, QA, Employment.PERMANENT),
    ]
    data = prepare_briefing(with_staff(staff), as_of=AS_OF, staff=staff)
    return section_text(render(data))


def test_headline_paragraph_gives_the_programme_figures(hand_worked):
    assert ("the staff data for the 3 services shows 32 people (28.0 FTE) employed or working through "
            "agencies, and 2 vacant posts (2.0 FTE).") in hand_worked
    # the total transferring is withheld: with the first date's 24 it would give the second's 3
    assert ("Staff transfer to Together for Children Sunderland under TUPE on 2 transfer dates, as the table "
            "below shows.") in hand_worked
    # in post 23.0 FTE (10 + 4 + 6 + 3), agency 5.0, vacant 2.0
    assert "the agency rate is 17.9% of FTE and the vacancy rate is 8.0%" in hand_worked
    assert "The agency rate among social workers is 33.3%." in hand_worked
    assert "Agency workers cost £400,000 a year. In Children's social care, that is £200,000 a year more" in hand_worked


def test_table_by_service_prints_the_figures_and_protects_the_small_service(hand_worked):
    table = between(hand_worked, "Workforce by service", "FTE by employment type")
    assert "Children's social care 15 15.0 33.3% 16.7% 16.7" in table
    assert "Early help — — — — —" in table  # withheld so QA cannot be worked out from the total
    assert "Quality assurance & performance <5 — — — —" in table
    assert "All services 32 28.0 17.9% 8.0% 16.7" in table


def test_chart_has_a_legend_and_withholds_small_services(hand_worked):
    chart = between(hand_worked, "FTE by employment type", "Transfers by date")
    for label in ("Permanent", "Agency", "Vacant posts", "FTE"):
        assert label in chart
    assert "Not shown: fewer than five people" in chart
    assert "10.0" in chart and "5.0" in chart  # social care's permanent and agency FTE, inside the bars


def test_transfers_and_deadlines_tables(hand_worked):
    transfers = between(hand_worked, "Transfers by date", "TUPE deadlines")
    assert "03/04/2017 24 20.0 24 0 of 24 Not started 24" in transfers
    assert "02/10/2017 <5 — <5 — —" in transfers
    assert re.search(r"All dates — — — — —( Page \d| Table \d+:|$)", transfers.strip()), transfers
    deadlines = between(hand_worked, "TUPE deadlines Deadlines derived", "Page")
    assert "TUPE-ELI-20170403" in deadlines and "TUPE-REP-20171002" in deadlines and "TUPE-LGPS" in deadlines
    assert re.search(r"TUPE-REP-20170403 Staff representatives informed of transfers on 03/04/2017 \(local setting: "
                     r"56 days' notice\) — 06/02/2017 — G", deadlines)  # no plan milestone meets it: —
    assert "staff;" not in deadlines  # the milestone titles' head counts are not printed


def test_protection_is_explained(hand_worked):
    assert "such a count is shown as <5" in hand_worked
    assert "could otherwise be worked out from a total" in hand_worked


def test_status_table_has_a_workforce_row_and_the_section_comes_after_milestones():
    staff = records(10, SC, Employment.PERMANENT) + records(6, SC, Employment.AGENCY)
    text = whole_text(read_pages(render(prepare_briefing(with_staff(staff), as_of=AS_OF, staff=staff))))
    summary = between(text, "Status this period", "Services and stages")
    assert re.search(r"Workforce RED \(R\) — — TUPE deadlines: none due yet \(the first on \d+ \w+ \d{4}\); "
                     r"agency rate 37\.5% of FTE", summary)
    assert text.index("5 Milestones") < text.index(f"6 {WORKFORCE}")


def test_the_section_appears_only_with_staff():
    plain = prepare_briefing(with_staff([]), as_of=AS_OF)
    text = whole_text(read_pages(render(plain)))
    assert WORKFORCE not in text and "Workforce" not in text
    staff = records(6, SC, Employment.PERMANENT)
    text = whole_text(read_pages(render(prepare_briefing(with_staff(staff), as_of=AS_OF, staff=staff))))
    assert f"6 {WORKFORCE}" in text


def test_many_services_split_the_chart_and_the_output_is_byte_stable():
    services = tuple(Service(f"Locality service {i:02d} with a long descriptive name") for i in range(60))
    staff = [record for i, service in enumerate(services)
             for record in records(6 + i % 4, service.name, Employment.PERMANENT, start=100 * i)]
    base = snapshot(milestone("A-1", date(2017, 2, 1)), services=services)
    plan = PlanSnapshot(base.programme, base.services, (*base.milestones, *derived_tupe_milestones(base, staff)))
    data = prepare_briefing(plan, as_of=AS_OF, staff=staff)
    pdf = render(data, deterministic=True)
    assert pdf == render(data, deterministic=True)
    text = whole_text(read_pages(pdf))
    chart = between(text, "FTE by employment type", "Transfers by date")
    assert chart.count("Permanent") == 3  # one legend per drawing: 60 services in 22s
    assert "Locality service 59" in chart


# No personal data in any briefing --------------------------------------------------------------

FIRST = ["Zebedee", "Ottoline", "Peregrine", "Araminta", "Thaddeus", "Clementine", "Barnaby", "Wilhelmina",
         "Ignatius", "Philippa", "Leopold", "Henrietta", "Montgomery"]
LAST = ["Quartermaine", "Fotheringay", "Brackenbury", "Wolstenholme", "Featherstonehaugh", "Pettigrew",
        "Ravenscroft", "Montmorency", "Cholmondeley", "Throckmorton", "Winterbottom"]
TEAMS = ["Wexcombe team", "Tollesbury hub", "Quenington unit", "Yarlington pod"]
HEADER = ["ref", "name", "service", "team", "role", "grade", "employment", "fte", "annual_cost", "tupe", "pension",
          "caseload", "transfer_date", "eli_sent", "consultation"]
SPECIAL = ("ZQX0000", "Zebedee Quartermaine", "43217.89")


def _staff_rows(extract: str) -> list[list[str]]:
    """About 110 people (the January extract) with distinctive names, refs, teams and salaries;
    the October extract lacks the last joiners and still has two leavers."""
    plan = [  # service, employment, how many, role, caseload, tupe
        (SC, "permanent", 38, "Social worker", "17", "yes"),
        (SC, "agency", 13, "Social worker", "21", "no"),
        (SC, "fixed_term", 3, "Quillwright coordinator", "", "yes"),
        (SC, "vacancy", 4, "Social worker", "", "no"),
        (EH, "permanent", 24, "Family worker", "", "yes"),
        (EH, "fixed_term", 6, "Family worker", "", "yes"),
        (EH, "agency", 2, "Family worker", "", "no"),
        ("Education services", "permanent", 17, "Education officer", "", "yes"),
        (QA, "permanent", 7, "Analyst", "", "yes"),
        ("Independent reviewing officers", "permanent", 6, "Reviewing officer", "", "no"),
    ]
    rows = [[SPECIAL[0], SPECIAL[1], QA, "Quenington unit", "Performance lead", "PO6", "secondee", "1",
             f"£{float(SPECIAL[2]):,.2f}", "yes", "lgps", "", "", "", "informed"]]
    n = 1
    for service, employment, count, role, caseload, tupe in plan:
        for i in range(count):
            joined_late = extract == "october" and i >= count - 2 and employment != "vacancy"
            if not joined_late:
                pounds = 23_000 + n * 431.37 + (0.89 if employment != "agency" else 27_000.41)
                if round(pounds) % 1000 in (0, 999) or int(pounds) % 1000 == 0:
                    pounds += 7.13
                name = "" if employment == "vacancy" else f"{FIRST[n % len(FIRST)]} {LAST[(n * 7) % len(LAST)]}"
                rows.append([f"ZQX{n:04d}", name, service, TEAMS[n % len(TEAMS)], role, "PO4", employment,
                             "0.8" if n % 5 == 0 else "1", f"{pounds:,.2f}", tupe,
                             "tps" if service == "Education services" and n % 3 == 0 else
                             ("lgps" if employment != "agency" else "none"),
                             caseload, "",
                             "2017-01-05" if extract == "january" and n % 4 == 0 and tupe == "yes" else "",
                             "consulted" if n % 3 == 0 else "informed"])
            n += 1
    if extract == "october":
        rows.append(["ZQX9001", "Peregrine Throckmorton", SC, "Wexcombe team", "Social worker", "PO4", "permanent",
                     "1", "38,461.27", "yes", "lgps", "15", "", "", "not_started"])
        rows.append(["ZQX9002", "Araminta Winterbottom", EH, "Tollesbury hub", "Family worker", "PO2", "agency",
                     "1", "£61,907.53", "no", "none", "", "", "", "not_started"])
    return rows


@pytest.fixture(scope="module")
def personal_plan(tmp_path_factory) -> tuple[Path, list[list[str]]]:
    folder = tmp_path_factory.mktemp("personal")
    services = folder / "services.csv"
    with services.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([
            ["name", "shadow", "go_live", "retained"], [SC, "", "", "no"], [EH, "", "", "no"],
            ["Education services", "", "", "no"], [QA, "", "2017-10-02", "no"],
            ["Independent reviewing officers", "", "", "yes"],
        ])
    everyone: list[list[str]] = []
    path = folder / "plan.tplan"
    with new_plan(path, council="Sunderland City Council", trust="Together for Children Sunderland",
                  go_live=date(2017, 4, 3), shadow_start=date(2016, 9, 1), status_date=date(2017, 1, 16),
                  marking="OFFICIAL-SENSITIVE", template=True) as plan:
        import_file(plan, "services", services)
        for extract, day in (("october", date(2016, 10, 3)), ("january", date(2017, 1, 16))):
            rows = _staff_rows(extract)
            everyone += rows
            extract_file = folder / f"staff-{extract}.csv"
            with extract_file.open("w", newline="", encoding="utf-8") as handle:
                csv.writer(handle).writerows([HEADER, *rows])
            import_staff(plan, extract_file, extract_date=day)
    return path, everyone


def _forbidden(rows: list[list[str]]) -> tuple[set[str], list[re.Pattern]]:
    """Words that must never be printed, and patterns for every salary in any formatting."""
    words: set[str] = set()
    money: list[re.Pattern] = []
    for row in rows:
        ref, name, team, role, cost = row[0], row[1], row[3], row[4], row[8]
        words |= {ref, team, *name.split(), name} - {""}
        if role.startswith("Quillwright"):
            words.add(role)
        pounds = float(cost.replace("£", "").replace(",", ""))
        whole, rounded = int(pounds), round(pounds)
        forms = {f"{pounds:.2f}", f"{pounds:,.2f}", f"{whole:,}", f"{whole}", f"{rounded:,}", f"{rounded}"}
        money += [re.compile(rf"(?<![\d,.]){re.escape(form)}(?![\d])") for form in forms]
    return words, money


def _briefings(plan_path: Path, folder: Path) -> list[tuple[str, bytes]]:
    from trustplanner.services.snapshot import load_snapshot
    from trustplanner.services.staff import load_staff
    from trustplanner.store.plan_file import open_plan_file

    made = []
    with open_plan_file(plan_path) as plan:
        for as_of in (date(2016, 10, 3), date(2016, 12, 1), date(2017, 1, 16), date(2017, 3, 20), date(2017, 4, 10)):
            out = folder / f"briefing-{as_of}.pdf"
            produce_briefing(plan, out, as_of=as_of)
            made.append((f"all sections {as_of}", out.read_bytes()))
            data = prepare_briefing(load_snapshot(plan), as_of=as_of, staff=load_staff(plan, on=as_of))
            only = tuple(s for s in SECTIONS if s.title in ("Executive summary", WORKFORCE))
            made.append((f"workforce only {as_of}", render(data, only)))
    return made


def test_no_name_ref_team_or_salary_from_the_staff_data_appears_in_any_briefing(personal_plan, tmp_path):
    plan_path, rows = personal_plan
    words, money = _forbidden(rows)
    assert "Zebedee" in words and "Quartermaine" in words and "ZQX0000" in words and "Wexcombe team" in words
    assert any(p.search("cost £43,217 a year") for p in money) and any(p.search("43,218") for p in money)
    briefings = _briefings(plan_path, tmp_path)
    assert len(briefings) == 10
    for label, pdf in briefings:
        pages = read_pages(pdf)
        reader = PdfReader(io.BytesIO(pdf))
        metadata = " ".join(str(v) for v in (reader.metadata or {}).values())
        for number, page in enumerate(pages, start=1):
            spaced = flat(page.text)
            squeezed = re.sub(r"\s+", "", page.text)
            for word in words:
                assert word not in spaced and word.replace(" ", "") not in squeezed, (label, number, word)
                assert word not in metadata
            for pattern in money:
                assert not pattern.search(spaced), (label, number, pattern.pattern)
            # and the page furniture is still on every page
            places = page.runs_equal("OFFICIAL-SENSITIVE")
            assert any(y > page.height - 45 for _, y in places), (label, number)
            assert any(y < 45 for _, y in places), (label, number)
            assert f"Page {number} of {len(pages)}" in page.text, (label, number)


def test_the_personal_plan_briefings_do_show_the_workforce_section(personal_plan, tmp_path):
    """The previous test would pass vacuously if nothing were printed: check what is."""
    plan_path, _ = personal_plan
    briefings = dict(_briefings(plan_path, tmp_path))
    first_extract = whole_text(read_pages(briefings["all sections 2016-10-03"]))
    assert WORKFORCE in first_extract  # the October extract is dated 03/10/2016
    january = whole_text(read_pages(briefings["all sections 2017-01-16"]))
    assert f"6 {WORKFORCE}" in january
    social_care = [row for row in _staff_rows("january") if row[2] == SC and row[6] != "vacancy"]
    fte = sum(float(row[7]) for row in social_care)
    agency = sum(float(row[7]) for row in social_care if row[6] == "agency")
    assert len(social_care) == 54  # 38 + 13 + 3 people in January
    assert f"Children's social care 54 {fte:.1f} {agency / fte:.1%}" in january
    assert "Independent reviewing officers (retained)" in january
    assert "Quality assurance & performance" in january
    workforce_only = whole_text(read_pages(briefings["workforce only 2017-01-16"]))
    assert f"2 {WORKFORCE}" in workforce_only


def test_a_briefing_before_the_first_staff_extract_has_no_workforce_section(personal_plan, tmp_path):
    from trustplanner.store.plan_file import open_plan_file

    plan_path, _ = personal_plan
    with open_plan_file(plan_path) as plan:
        produce_briefing(plan, tmp_path / "early.pdf", as_of=date(2016, 9, 15))
    text = whole_text(read_pages((tmp_path / "early.pdf").read_bytes()))
    assert WORKFORCE not in text
    assert "Workforce" not in between(text, "Status this period", "Services and stages")


def test_consultation_and_pension_records_are_read_from_the_plan(personal_plan):
    """Guard against the fixture drifting: the records imported carry the statuses used above."""
    from trustplanner.services.staff import load_staff
    from trustplanner.store.plan_file import open_plan_file

    plan_path, _ = personal_plan
    with open_plan_file(plan_path, read_only=True) as plan:
        staff = load_staff(plan, on=date(2017, 1, 16))
    assert {r.consultation for r in staff} >= {Consultation.INFORMED, Consultation.CONSULTED}
    assert any(r.pension is Pension.TPS for r in staff)
    assert any(r.name == SPECIAL[1] and r.annual_cost == 4_321_789 for r in staff)
