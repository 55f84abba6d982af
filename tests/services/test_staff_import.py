"""Importing HR extracts: every column, money and file forms, history by date, and property tests.

The plans have the sample services (tests/conftest.py): Children's social care, Early help and
the retained Adoption agency; status date 16/01/2017, go-live 01/04/2017.
"""

from __future__ import annotations

import csv
import shutil
import sqlite3
import tempfile
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trustplanner.domain.problems import ValidationFailed
from trustplanner.domain.staff import Consultation, Employment, Pension, StaffRecord
from trustplanner.services.exports import export_plan
from trustplanner.services.imports import import_file
from trustplanner.services.plans import new_plan
from trustplanner.services import history
from trustplanner.services.staff import import_staff, load_staff, staff_state
from trustplanner.io.formats.staff import COLUMNS
from trustplanner.store.plan_file import open_plan_file

CSC, EH, ADOPTION = "Children's social care", "Early help", "Adoption agency"
SERVICES = [["name", "shadow", "go_live", "retained"], [CSC, "", "", "no"], [EH, "2016-10-01", "", "no"],
            [ADOPTION, "", "", "yes"]]
JAN, FEB, MAR = date(2017, 1, 16), date(2017, 2, 13), date(2017, 3, 13)


def row(ref: str, **cells: str) -> list[str]:
    values = {"ref": ref, "name": "", "service": CSC, "team": "Assessment East", "role": "Social worker",
              "grade": "PO3", "employment": "permanent", "fte": "1", "annual_cost": "41000", "tupe": "yes",
              "pension": "lgps", "caseload": "", "transfer_date": "", "eli_sent": "", "consultation": "informed"}
    values.update(cells)
    return [values[c] for c in COLUMNS]


@pytest.fixture
def staff_file(write_csv):
    counter = iter(range(1, 1000))

    def write(*rows: list[str], header=COLUMNS, encoding: str = "utf-8-sig") -> Path:
        return write_csv(f"staff-{next(counter)}.csv", [header, *rows], encoding=encoding)

    return write


@pytest.fixture
def plan(sample_plan):
    with open_plan_file(sample_plan) as plan:
        yield plan


def refs(records: list[StaffRecord]) -> list[str]:
    return [r.ref for r in records]


def test_every_column_is_read(plan, staff_file):
    path = staff_file(
        row("TFC-00001", name="Gemma Dobson", team="Assessment East", role="Senior practitioner", grade="PO5",
            fte="0.81", annual_cost="£41,236.48", caseload="14", transfer_date="01/10/2017", eli_sent="13/01/2017",
            consultation="consulted"),
        row("TFC-00002", service="early help", employment="Fixed term", tupe="Y", pension="Teachers' Pension Scheme",
            consultation=""),
        row("TFC-00003", employment="locum", tupe="no", pension="", annual_cost="78,000", caseload="22"),
        row("TFC-00004", employment="vacant", tupe="N", pension="none", annual_cost="41000.00"),
        row("TFC-00005", service=ADOPTION, employment="secondee", tupe="no", pension="no"),
    )
    result = import_staff(plan, path)
    assert result.applied and result.extract_date == JAN  # the plan's status date by default
    assert result.joiners == ["TFC-00001", "TFC-00002", "TFC-00003", "TFC-00004", "TFC-00005"]
    staff = {r.ref: r for r in load_staff(plan)}
    assert staff["TFC-00001"] == StaffRecord(
        ref="TFC-00001", service=CSC, employment=Employment.PERMANENT, fte=8_100, annual_cost=4_123_648, tupe=True,
        name="Gemma Dobson", team="Assessment East", role="Senior practitioner", grade="PO5", pension=Pension.LGPS,
        caseload=14, transfer_date=date(2017, 10, 1), eli_sent=date(2017, 1, 13), consultation=Consultation.CONSULTED)
    assert (staff["TFC-00002"].service, staff["TFC-00002"].employment, staff["TFC-00002"].pension,
            staff["TFC-00002"].consultation) == (EH, Employment.FIXED_TERM, Pension.TPS, Consultation.NOT_STARTED)
    assert (staff["TFC-00003"].employment, staff["TFC-00003"].pension, staff["TFC-00003"].annual_cost) == (
        Employment.AGENCY, Pension.NONE, 7_800_000)
    assert staff["TFC-00004"].employment is Employment.VACANCY
    assert (staff["TFC-00005"].employment, staff["TFC-00005"].tupe) == (Employment.SECONDEE, False)


@pytest.mark.parametrize("written", ["41000", "41,000", "£41,000", "£41,000.00", " £41000 ", "41000.0"])
def test_money_forms(plan, staff_file, written):
    import_staff(plan, staff_file(row("A1", annual_cost=written)))
    assert load_staff(plan)[0].annual_cost == 4_100_000


def test_windows_1252_file_with_pound_signs(plan, staff_file):
    path = staff_file(row("A1", annual_cost="£41,000", name="Zoë O’Kavanagh"), row("A2", annual_cost="£38,500.50"),
                      encoding="cp1252")
    assert b"\xa3" in path.read_bytes()  # the pound sign as Excel on Windows writes it
    import_staff(plan, path)
    staff = load_staff(plan)
    assert [r.annual_cost for r in staff] == [4_100_000, 3_850_050]
    assert staff[0].name == "Zoë O’Kavanagh"


def test_workbook_with_typed_cells(plan, write_xlsx):
    path = write_xlsx("hr.xlsx", {"Notes": [["read me"]], "Staff": [
        list(COLUMNS),
        ["TFC-1", "", CSC, "T", "Social worker", "PO3", "permanent", 0.5, 20500.5, "yes", "LGPS", 12,
         datetime(2017, 10, 1), datetime(2017, 1, 13), "informed"],
        ["TFC-2", None, EH, None, None, None, "agency", 1, "£78,000", "no", None, None, None, None, None],
    ]})
    import_staff(plan, path)
    first, second = load_staff(plan)
    assert (first.fte, first.annual_cost, first.caseload, first.transfer_date, first.eli_sent) == (
        5_000, 2_050_050, 12, date(2017, 10, 1), date(2017, 1, 13))
    assert (second.employment, second.fte, second.annual_cost) == (Employment.AGENCY, 10_000, 7_800_000)


def test_only_the_required_columns(plan, staff_file):
    header = ["Ref", "Service", "Employment", "FTE", "Annual Cost", "Notes"]
    result = import_staff(plan, staff_file(["A1", CSC, "permanent", "1", "41000", "ignore me"], header=header))
    assert result.ignored_columns == ["Notes"]
    (record,) = load_staff(plan)
    assert (record.tupe, record.pension, record.consultation, record.name) == (
        False, Pension.NONE, Consultation.NOT_STARTED, "")


def test_a_later_extract_reports_joiners_leavers_and_changes(plan, staff_file):
    import_staff(plan, staff_file(row("A1"), row("A2"), row("G1", employment="agency", tupe="no",
                                                               annual_cost="80000", pension="none"), row("L1")))
    later = staff_file(row("A1"), row("A2", fte="0.8", annual_cost="32800"),
                       row("G1", annual_cost="42000"),  # the agency social worker taken on as permanent
                       row("N1"), row("N2", employment="vacancy", tupe="no", pension="none"))
    preview = import_staff(plan, later, extract_date=FEB, preview=True)
    assert not preview.applied
    assert load_staff(plan, FEB) == load_staff(plan, JAN)  # a preview changes nothing
    result = import_staff(plan, later, extract_date=FEB)
    assert (result.joiners, result.leavers, result.changed, result.unchanged) == (["N1", "N2"], ["L1"],
                                                                                   ["A2", "G1"], 1)
    assert result.summary() == "staff as at 13/02/2017: 2 joiners, 1 leavers, 2 changed, 1 unchanged"
    assert result.applied
    # history: figures as at any date
    assert refs(load_staff(plan, date(2017, 1, 15))) == []  # before the first extract
    january = {r.ref: r for r in load_staff(plan, JAN)}
    assert sorted(january) == ["A1", "A2", "G1", "L1"]
    assert january["G1"].employment is Employment.AGENCY
    assert refs(load_staff(plan, date(2017, 2, 12))) == ["A1", "A2", "G1", "L1"]
    february = {r.ref: r for r in load_staff(plan, FEB)}
    assert sorted(february) == ["A1", "A2", "G1", "N1", "N2"]
    assert (february["G1"].employment, february["A2"].fte) == (Employment.PERMANENT, 8_000)
    assert load_staff(plan) == load_staff(plan, date(2030, 1, 1)) == list(february.values())


def test_a_leaver_can_come_back(plan, staff_file):
    import_staff(plan, staff_file(row("A1"), row("B1")))
    import_staff(plan, staff_file(row("A1")), extract_date=FEB)
    result = import_staff(plan, staff_file(row("A1"), row("B1", team="Fostering")), extract_date=MAR)
    assert result.joiners == ["B1"]
    assert refs(load_staff(plan, FEB)) == ["A1"]
    assert [r.team for r in load_staff(plan) if r.ref == "B1"] == ["Fostering"]
    assert [r.team for r in load_staff(plan, JAN) if r.ref == "B1"] == ["Assessment East"]


def test_extracts_out_of_date_order_are_refused_and_change_nothing(sample_plan, staff_file, plan_dump):
    with open_plan_file(sample_plan) as plan:
        import_staff(plan, staff_file(row("A1")), extract_date=FEB)
    before = plan_dump(sample_plan)
    with open_plan_file(sample_plan) as plan, pytest.raises(ValidationFailed) as refused:
        import_staff(plan, staff_file(row("A1"), row("B1")), extract_date=JAN)
    assert "is dated 16/01/2017, before the latest staff data (13/02/2017); import extracts in date order" in str(
        refused.value)
    assert plan_dump(sample_plan) == before


def test_same_day_reimport_replaces_that_days_extract(plan, staff_file):
    import_staff(plan, staff_file(row("A1"), row("B1")), extract_date=JAN)
    import_staff(plan, staff_file(row("A1")), extract_date=FEB)
    result = import_staff(plan, staff_file(row("A1", fte="0.5", annual_cost="20500"), row("C1")), extract_date=FEB)
    assert (result.joiners, result.changed, result.leavers) == (["C1"], ["A1"], [])
    assert refs(load_staff(plan, JAN)) == ["A1", "B1"]
    assert [(r.ref, r.fte) for r in load_staff(plan, FEB)] == [("A1", 5_000), ("C1", 10_000)]
    with plan.reading() as session:  # February's first version of A1 was replaced, not kept as history
        from sqlalchemy import select

        from trustplanner.store.tables import StaffVersionRow

        versions = session.execute(select(StaffVersionRow.ref, StaffVersionRow.valid_from, StaffVersionRow.valid_to)
                                   .order_by(StaffVersionRow.ref, StaffVersionRow.valid_from)).all()
    assert versions == [("A1", JAN, FEB), ("A1", FEB, None), ("B1", JAN, FEB), ("C1", FEB, None)]


def test_an_identical_extract_changes_nothing(sample_plan, staff_file, plan_dump):
    with open_plan_file(sample_plan) as plan:
        import_staff(plan, staff_file(row("A1"), row("B1")))
    before = plan_dump(sample_plan)
    with open_plan_file(sample_plan) as plan:
        result = import_staff(plan, staff_file(row("A1"), row("B1")), extract_date=FEB)
    assert (result.unchanged, result.applied) == (2, False)
    assert plan_dump(sample_plan) == before


def test_undo_puts_the_staff_back_exactly(sample_plan, staff_file, plan_data_dump):
    with open_plan_file(sample_plan) as plan:
        import_staff(plan, staff_file(row("A1"), row("B1")))
        state = staff_state(plan)
    before = plan_data_dump(sample_plan)
    with open_plan_file(sample_plan) as plan:
        import_staff(plan, staff_file(row("A1", fte="0.5"), row("C1", transfer_date="2017-10-01")), extract_date=FEB)
        history.undo(plan)
        assert staff_state(plan) == state
    assert plan_data_dump(sample_plan) == before


def test_every_problem_in_a_file_is_reported_with_its_row_and_column(plan, staff_file):
    path = staff_file(row("A1", fte="lots", annual_cost="-5", service="Youth offending"),
                      row("A1", employment="agency", tupe="yes"))
    with pytest.raises(ValidationFailed) as rejected:
        import_staff(plan, path)
    assert [(p.row, p.column) for p in rejected.value.problems] == [
        (2, "annual_cost"), (2, "fte"), (2, "service"), (3, "ref"), (3, "tupe")]
    assert load_staff(plan) == []


# Property tests --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def base_plan(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("staff-base")
    path = folder / "base.tplan"
    services = folder / "services.csv"
    with services.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(SERVICES)
    with new_plan(path, council="C", trust="T", go_live=date(2017, 4, 1), shadow_start=date(2016, 9, 1),
                  status_date=JAN) as plan:
        import_file(plan, "services", services)
    return path


name_text = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ éëç'’-,.\"£&()"),
                    max_size=40).map(str.strip)
# any text a name, team or role may hold: no controls, line breaks or text-direction overrides
free_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Zs"),
                                           blacklist_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"),
                    max_size=30)
days = st.dates(min_value=date(2015, 1, 1), max_value=date(2019, 12, 31))


def money_text(pence: int, form: int) -> str:
    pounds, rest = divmod(pence, 100)
    if form == 0:
        return f"{pounds}.{rest:02d}"
    if form == 1:
        return f"£{pounds:,}.{rest:02d}"
    if form == 2 and rest == 0:
        return f"{pounds:,}"
    if form == 3 and rest == 0:
        return f"£{pounds:,}"
    return f"{pounds:,}.{rest:02d}"


def fte_text(fte: int, form: int) -> str:
    whole, part = divmod(fte, 10_000)
    text = f"{whole}.{part:04d}"
    return text.rstrip("0").rstrip(".") if form == 0 or part else (text if form == 1 else str(whole))


def date_text(day: date | None, form: int) -> str:
    if day is None:
        return ""
    return day.isoformat() if form == 0 else (f"{day:%d/%m/%Y}" if form == 1 else f"{day.day} {day:%B %Y}")


@st.composite
def staff_rows(draw, min_size: int = 1, max_size: int = 8) -> list[list[str]]:
    """Valid rows in any of the forms people write them."""
    count = draw(st.integers(min_size, max_size))
    ref_numbers = draw(st.lists(st.integers(0, 99_999), min_size=count, max_size=count, unique=True))
    rows = []
    for number in ref_numbers:
        service = draw(st.sampled_from([CSC, EH, ADOPTION]))
        employment = draw(st.sampled_from(list(Employment)))
        may_move = employment in (Employment.PERMANENT, Employment.FIXED_TERM, Employment.SECONDEE) \
            and service != ADOPTION
        tupe = draw(st.booleans()) if may_move else False
        caseload = None if employment is Employment.VACANCY else draw(st.none() | st.integers(0, 999))
        eli = draw(st.none() | st.dates(min_value=date(2015, 1, 1), max_value=date(2017, 1, 13)))
        form = draw(st.integers(0, 3))
        rows.append(row(
            f"TFC-{number:05d}", name=draw(name_text), service=draw(st.sampled_from([service, service.upper()])),
            team=draw(free_text).strip(), role=draw(free_text).strip(), grade=draw(free_text).strip()[:60],
            employment=draw(st.sampled_from([employment.value, employment.label])),
            fte=fte_text(draw(st.integers(1, 10_000)), form % 3),
            annual_cost=money_text(draw(st.integers(0, 100_000_000)), form),
            tupe=draw(st.sampled_from(["yes", "Y", "TRUE"] if tupe else ["no", "n", ""])),
            pension=draw(st.sampled_from([p.label for p in Pension] + [p.value for p in Pension])),
            caseload="" if caseload is None else str(caseload),
            transfer_date=date_text(draw(st.none() | days), form % 3), eli_sent=date_text(eli, (form + 1) % 3),
            consultation=draw(st.sampled_from([c.value for c in Consultation] + [c.label for c in Consultation])),
        ))
    return rows


def _dump(path: Path) -> str:
    """The plan as SQL text, as the ``plan_dump`` fixture gives it (a fixture cannot be used per example)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return "\n".join(connection.iterdump())
    finally:
        connection.close()


def _write(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows([COLUMNS, *rows])
    return path


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=staff_rows())
def test_any_valid_rows_import_and_export_import_export_is_byte_identical(base_plan, rows):
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        source = _write(folder / "source.csv", rows)
        exported = []
        for name, input_file in (("a", source), ("b", folder / "a-out" / "staff.csv")):
            shutil.copyfile(base_plan, folder / f"{name}.tplan")
            with open_plan_file(folder / f"{name}.tplan") as plan:
                result = import_staff(plan, input_file)
                assert len(result.joiners) == len(rows)
                export_plan(plan, folder / f"{name}-out", with_personal_data=True)
                exported.append((folder / f"{name}-out" / "staff.csv").read_bytes())
                if name == "a":
                    first = load_staff(plan)
                else:
                    assert load_staff(plan) == first
        assert exported[0] == exported[1]
        assert [r.ref for r in first] == sorted(r[0] for r in rows)


# One fault per row: (what to change, the column the problem is reported in, part of the message).
FAULTS = {
    "fte not a number": ({"fte": "full time"}, "fte", "'full time' is not a number"),
    "fte zero": ({"fte": "0"}, "fte", "FTE must be more than 0"),
    "fte negative": ({"fte": "-0.5"}, "fte", "FTE must be more than 0"),
    "fte above one": ({"fte": "1.2"}, "fte", "cannot be more than 1"),
    "fte five decimals": ({"fte": "0.12345"}, "fte", "more than four decimal places"),
    "cost negative": ({"annual_cost": "-5"}, "annual_cost", "'-5' is negative; an annual cost cannot be"),
    "cost in words": ({"annual_cost": "forty thousand"}, "annual_cost", "'forty thousand' is not an amount"),
    "cost two numbers": ({"annual_cost": "41,000 42,000"}, "annual_cost", "has more than one number in it"),
    "cost fraction of a penny": ({"annual_cost": "41,000.005"}, "annual_cost", "has a fraction of a penny"),
    "cost ambiguous": ({"annual_cost": "1,20"}, "annual_cost", "is ambiguous"),
    "cost blank": ({"annual_cost": ""}, "annual_cost", "annual_cost is required"),
    "unknown service": ({"service": "Youth offending"}, "service", "unknown service 'Youth offending'"),
    "unknown employment": ({"employment": "contractor"}, "employment", "unknown employment 'contractor'"),
    "agency in scope": ({"employment": "agency", "tupe": "yes"}, "tupe", "agency posts never transfer"),
    "vacancy in scope": ({"employment": "vacancy", "tupe": "yes", "caseload": "", "service": CSC}, "tupe",
                         "vacancy posts never transfer"),
    "retained in scope": ({"employment": "permanent", "tupe": "yes", "service": ADOPTION}, "tupe",
                          "Adoption agency is retained by the council"),
    "vacancy with cases": ({"employment": "vacancy", "tupe": "no", "caseload": "12"}, "caseload",
                           "a vacant post holds no cases"),
    "bad caseload": ({"caseload": "lots"}, "caseload", "'lots' is not a whole number of cases"),
    "bad date": ({"transfer_date": "31/02/2017"}, "transfer_date", "is not a real date"),
    "ELI in the future": ({"eli_sent": "01/01/2099"}, "eli_sent", "is in the future"),
    "bad tupe": ({"tupe": "maybe"}, "tupe", "'maybe' is not yes or no"),
    "bad pension": ({"pension": "NHS"}, "pension", "unknown pension 'NHS'"),
    "bad consultation": ({"consultation": "done"}, "consultation", "unknown consultation 'done'"),
    "ref missing": ({"ref": ""}, "ref", "ref is required"),
    "duplicate ref": (None, "ref", "is also on row"),
}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=staff_rows(min_size=2), fault=st.sampled_from(sorted(FAULTS)), data=st.data())
def test_any_row_with_one_fault_is_rejected_and_the_plan_is_unchanged(base_plan, rows, fault, data):
    changes, column, message = FAULTS[fault]
    index = data.draw(st.integers(1, len(rows) - 1), label="faulty row index")
    bad = dict(zip(COLUMNS, rows[index]))
    if changes is None:
        bad["ref"] = rows[data.draw(st.integers(0, index - 1), label="row whose ref is repeated")][0]
    else:
        bad.update(changes)
    faulty = [*rows[:index], [bad[c] for c in COLUMNS], *rows[index + 1:]]
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        path = folder / "p.tplan"
        shutil.copyfile(base_plan, path)
        with open_plan_file(path) as plan:
            import_staff(plan, _write(folder / "first.csv", rows[:1]))
        before = _dump(path)
        source = _write(folder / "faulty.csv", faulty)
        with open_plan_file(path) as plan, pytest.raises(ValidationFailed) as rejected:
            import_staff(plan, source, extract_date=FEB)
        assert _dump(path) == before
    (problem,) = rejected.value.problems
    assert (problem.source, problem.row, problem.column) == (str(source), index + 2, column)
    assert message in problem.message
