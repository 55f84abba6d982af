"""`trustplanner import PLAN KIND FILE`: good files are applied, bad files change nothing.

The sample plan (see tests/conftest.py) holds services Children's social care, Early help and
Adoption agency, and milestones M1..M5; M3 (baseline 01/02/2017) is a predecessor of M4.
"""

from __future__ import annotations

import csv
import random
from datetime import date, datetime, timedelta
from types import SimpleNamespace

import pytest

HEADER = ["ref", "title", "workstream", "service", "stage", "owner", "baseline", "forecast", "actual",
          "depends_on", "rag", "commentary"]


def row(ref, **cells):
    """A milestone row in the import format; unspecified cells take plain valid values."""
    values = {"ref": ref, "title": f"Milestone {ref}", "workstream": "Finance", "service": "", "stage": "shadow",
              "owner": "", "baseline": "2017-03-01", "forecast": "", "actual": "", "depends_on": "", "rag": "",
              "commentary": ""}
    unknown = set(cells) - set(values)
    assert not unknown, unknown
    values.update(cells)
    return [values[column] for column in HEADER]


def milestones(*rows):
    return [HEADER, *rows]


@pytest.fixture
def files(tmp_path, write_csv, write_xlsx):
    def raw(name, data):
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return SimpleNamespace(csv=write_csv, xlsx=write_xlsx, raw=raw)


def problem_lines(err, path):
    return [line for line in err.splitlines() if line.startswith(str(path))]


def assert_problem(lines, path, row_number, column, *fragments):
    """One of ``lines`` reads ``FILE:ROW: column: message`` with every fragment in the message."""
    where = str(path) if row_number is None else f"{path}:{row_number}"
    prefix = f"{where}: {column}: " if column else f"{where}: "
    candidates = [line for line in lines if line.startswith(prefix)]
    assert any(all(f.casefold() in line.casefold() for f in fragments) for line in candidates), (
        f"no problem '{prefix}...{fragments}' in:\n" + "\n".join(lines))


def exported_rows(cli, plan, folder, name="milestones.csv"):
    assert cli("export", plan, folder).rc == 0
    with (folder / name).open(encoding="utf-8-sig", newline="") as handle:
        return {r[0]: dict(zip(HEADER, r)) for r in list(csv.reader(handle))[1:]}


def _random_bytes_with_nuls():
    data = bytearray(random.Random(20170401).randbytes(3000))
    data[5:8] = b"\x00\x00\x00"
    return bytes(data)


MINIMAL_PDF = (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
               b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")

FUTURE = (date.today() + timedelta(days=60)).strftime("%d/%m/%Y")

BAD_INPUTS = [
    pytest.param("milestones", lambda f: f.csv("m.csv", [["ref", "title", "workstream", "stage"],
                                                         ["N1", "x", "Finance", "shadow"]]),
                 [(1, "baseline", ["missing"])], id="missing-required-column"),
    pytest.param("services", lambda f: f.csv("s.csv", [["shadow", "go_live"], ["2016-09-01", ""]]),
                 [(1, "name", ["missing"])], id="services-missing-name-column"),
    pytest.param("milestones", lambda f: f.csv("m.csv", milestones(row("N1"), row(""))),
                 [(3, "ref", ["required"])], id="blank-ref"),
    pytest.param("milestones", lambda f: f.csv("m.csv", milestones(row("N1"), row("N2"), row("N1"))),
                 [(4, "ref", ["N1", "row 2"])], id="ref-twice-in-file"),
    pytest.param("milestones", lambda f: f.csv("m.csv", milestones(row("N1", baseline="31/02/2020"))),
                 [(2, "baseline", ["31/02/2020"])], id="impossible-date"),
    pytest.param("milestones", lambda f: f.csv("m.csv", milestones(row("N1", forecast="next week"))),
                 [(2, "forecast", ["next week"])], id="words-for-a-date"),
    pytest.param("milestones", lambda f: f.csv("m.csv", milestones(row("N1", baseline="01/03/17"))),
                 [(2, "baseline", ["01/03/17"])], id="two-digit-year"),
    pytest.param("milestones", lambda f: f.csv("m.csv", milestones(row("N1", depends_on="M1;ZZ-99"))),
                 [(2, "depends_on", ["ZZ-99"])], id="unknown-dependency"),
    pytest.param("milestones", lambda f: f.csv("m.csv", milestones(row("N1", depends_on="N2"),
                                                                   row("N2", depends_on="N1"))),
                 [(2, "depends_on", ["cycle", "N1", "N2"])], id="cycle-within-file"),
    pytest.param("milestones", lambda f: f.csv("m.csv", milestones(row("N1", depends_on="N1"))),
                 [(2, "depends_on", ["N1", "itself"])], id="depends-on-itself"),
    # M3 is a predecessor of M4 in the plan; making M3 depend on M4 closes a loop.
    pytest.param("milestones", lambda f: f.csv("m.csv", milestones(
        row("M3", title="Contract sum agreed", baseline="2017-02-01", forecast="2017-02-01",
            owner="Section 151 Officer", depends_on="M2;M4"))),
                 [(2, "depends_on", ["cycle", "M3", "M4"])], id="cycle-with-the-plan"),
    pytest.param("milestones", lambda f: f.csv("m.csv", milestones(row("N1", rag="purple"))),
                 [(2, "rag", ["purple"])], id="unknown-rag"),
    pytest.param("milestones", lambda f: f.csv("m.csv", milestones(row("N1", service="Libraries"))),
                 [(2, "service", ["Libraries"])], id="unknown-service"),
    pytest.param("milestones", lambda f: f.csv("m.csv", milestones(row("N1", stage="launch"))),
                 [(2, "stage", ["launch"])], id="unknown-stage"),
    pytest.param("milestones", lambda f: f.csv("m.csv", milestones(row("M3", baseline="2017-03-01"))),
                 [(2, "baseline", ["baseline"])], id="baseline-changed-without-rebaseline"),
    pytest.param("milestones", lambda f: f.csv("m.csv", milestones(row("N1", actual=FUTURE))),
                 [(2, "actual", ["future"])], id="actual-in-the-future"),
    # A reported RAG the dates disagree with, or amber/red without commentary, is imported and
    # flagged by `check` (it depends on the date); a report that contradicts the row is refused.
    pytest.param("milestones", lambda f: f.csv("m.csv", milestones(row("N1", rag="complete"))),
                 [(2, "rag", ["complete goes with an actual date"])], id="complete-without-actual"),
    pytest.param("milestones", lambda f: f.csv("m.csv", milestones(
        row("N1", actual="05/01/2017", rag="red", commentary="late"))),
                 [(2, "rag", ["actual date", "complete, not red"])], id="actual-date-with-red"),
    pytest.param("services", lambda f: f.csv("s.csv", [["name", "retained"], ["Libraries", "maybe"]]),
                 [(2, "retained", ["maybe"])], id="services-bad-yes-no"),
    pytest.param("services", lambda f: f.csv("s.csv", [["name"], ["Libraries"], ["LIBRARIES"]]),
                 [(3, "name", ["row 2"])], id="services-name-twice"),
    pytest.param("services", lambda f: f.csv("s.csv", [["name", "shadow", "go_live"],
                                                       ["Libraries", "01/05/2017", "01/04/2017"]]),
                 [(2, "shadow", ["after"])], id="services-shadow-after-go-live"),
    pytest.param("milestones", lambda f: f.raw("m.csv", b""), [(None, None, ["empty"])], id="empty-file"),
    pytest.param("milestones", lambda f: f.raw("m.csv", b"\xef\xbb\xbf\r\n"), [(None, None, ["empty"])],
                 id="only-a-bom"),
    pytest.param("milestones", lambda f: f.csv("m.csv", [HEADER]), [(None, None, ["no data rows"])],
                 id="header-only"),
    pytest.param("milestones", lambda f: f.raw("m.csv", _random_bytes_with_nuls()),
                 [(None, None, ["not a CSV or Excel file"])], id="random-bytes"),
    pytest.param("milestones", lambda f: f.raw("plan.pdf", MINIMAL_PDF), [(None, None, ["PDF"])], id="pdf"),
    pytest.param("milestones", lambda f: f.raw("m.xlsx", b"PK\x03\x04\x14\x00" + bytes(200)),
                 [(None, None, ["Excel"])], id="broken-xlsx"),
    pytest.param("milestones", lambda f: f.xlsx("plan.xlsx", {"services": [["name"], ["Early help"]],
                                                              "budget": [["line", "amount"], ["Staff", 1]]}),
                 [(None, None, ["milestones", "sheet"])], id="xlsx-without-a-matching-sheet"),
    pytest.param("milestones", lambda f: f.xlsx("plan.xlsx", {"Milestones": [
        ["Ref", "Title", "Workstream", "Stage", "Baseline"],
        ["N1", "x", "Finance", "shadow", datetime(2017, 3, 1)],
        ["N2", "y", "Finance", "shadow", "31/02/2017"]]}),
                 [(3, "Baseline", ["31/02/2017"])], id="xlsx-bad-date-row-3"),  # the file's own header
]


@pytest.mark.parametrize(("kind", "build", "expected"), BAD_INPUTS)
def test_rejected_input_lists_every_problem_and_changes_nothing(sample_plan, cli, files, plan_dump, kind, build,
                                                                expected):
    path = build(files)
    before = plan_dump(sample_plan)

    result = cli("import", sample_plan, kind, path)

    assert result.rc == 1
    assert "Traceback" not in result.err
    assert "Imported" not in result.out
    lines = problem_lines(result.err, path)
    assert len(lines) == len(expected), result.err
    for row_number, column, fragments in expected:
        assert_problem(lines, path, row_number, column, *fragments)
    assert plan_dump(sample_plan) == before


def test_missing_input_file_is_rejected(sample_plan, cli, tmp_path, plan_dump):
    before = plan_dump(sample_plan)
    result = cli("import", sample_plan, "milestones", tmp_path / "nope.csv")
    assert result.rc == 1
    assert_problem(problem_lines(result.err, tmp_path / "nope.csv"), tmp_path / "nope.csv", None, None, "no such")
    assert plan_dump(sample_plan) == before


def test_several_problems_in_one_file_are_all_reported(sample_plan, cli, files, plan_dump):
    path = files.csv("m.csv", milestones(
        row(""),                                                # 2
        row("N3", baseline="31/02/2020", stage="launch"),       # 3: two problems
        row("N4"),                                              # 4: fine
        row("N5", service="Libraries"),                         # 5
        row("N4", title="again"),                               # 6
        row("N7", forecast="next week"),                        # 7
    ))
    before = plan_dump(sample_plan)

    result = cli("import", sample_plan, "milestones", path)

    assert result.rc == 1
    lines = problem_lines(result.err, path)
    assert len(lines) == 6, result.err
    assert_problem(lines, path, 2, "ref", "required")
    assert_problem(lines, path, 3, "baseline", "31/02/2020")
    assert_problem(lines, path, 3, "stage", "launch")
    assert_problem(lines, path, 5, "service", "Libraries")
    assert_problem(lines, path, 6, "ref", "N4", "row 4")
    assert_problem(lines, path, 7, "forecast", "next week")
    assert "6 problem" in result.err
    assert plan_dump(sample_plan) == before


def test_an_unknown_rag_is_reported_even_when_the_row_has_another_problem(sample_plan, cli, files):
    path = files.csv("m.csv", milestones(row("N1", stage="launch", rag="purple")))
    result = cli("import", sample_plan, "milestones", path)
    assert result.rc == 1
    lines = problem_lines(result.err, path)
    assert_problem(lines, path, 2, "stage", "launch")
    assert_problem(lines, path, 2, "rag", "purple")


def test_an_unknown_dependency_is_reported_even_when_the_row_has_another_problem(sample_plan, cli, files):
    path = files.csv("m.csv", milestones(row("N1", baseline="31/02/2020", depends_on="ZZ-99")))
    result = cli("import", sample_plan, "milestones", path)
    assert result.rc == 1
    lines = problem_lines(result.err, path)
    assert_problem(lines, path, 2, "baseline", "31/02/2020")
    assert_problem(lines, path, 2, "depends_on", "ZZ-99")


def test_one_bad_row_among_good_ones_changes_nothing(sample_plan, cli, files, plan_dump, tmp_path):
    path = files.csv("m.csv", milestones(
        row("N1"),
        row("N2", depends_on="N1"),
        row("M3", title="Contract sum agreed", baseline="2017-02-01", forecast="2017-01-30",
            owner="Section 151 Officer", depends_on="M2"),
        row("N3", baseline="31/02/2020"),
        row("N4"),
    ))
    before = plan_dump(sample_plan)

    result = cli("import", sample_plan, "milestones", path)

    assert result.rc == 1
    lines = problem_lines(result.err, path)
    assert lines == [f"{path}:5: baseline: '31/02/2020' is not a real date"]
    assert "nothing was changed" in result.err
    assert plan_dump(sample_plan) == before
    assert set(exported_rows(cli, sample_plan, tmp_path / "out")) == {"M1", "M2", "M3", "M4", "M5"}


def test_a_quoted_line_break_does_not_shift_the_reported_row(sample_plan, cli, files):
    path = files.csv("m.csv", milestones(row("N1", commentary="first line\nsecond line\nthird"),
                                         row("N2", baseline="next week")))
    result = cli("import", sample_plan, "milestones", path)
    assert result.rc == 1
    assert problem_lines(result.err, path) == [
        f"{path}:3: baseline: 'next week' is not a date; write it as DD/MM/YYYY or YYYY-MM-DD"]


def test_blank_rows_are_skipped_and_rows_keep_their_numbers(sample_plan, cli, files):
    path = files.csv("m.csv", [HEADER, row("N1"), [""] * 12, [], row("N2", stage="launch")])
    result = cli("import", sample_plan, "milestones", path)
    assert result.rc == 1
    assert_problem(problem_lines(result.err, path), path, 5, "stage", "launch")


# --- good input ------------------------------------------------------------------------------


def test_xlsx_with_date_cells_and_the_milestones_sheet_not_first(sample_plan, cli, files, tmp_path):
    path = files.xlsx("plan.xlsx", {
        "Notes": [["Exported from the programme tracker"]],
        "Services": [["Name"], ["Early help"]],
        "Milestones": [
            ["Ref", "Title", "Workstream", "Service", "Stage", "Owner", "Baseline", "Forecast", "Actual",
             "Depends On", "RAG", "Commentary"],
            ["N1", "Pensions admission agreed", "Pensions", "Early help", "Shadow", "Section 151 Officer",
             datetime(2017, 3, 1), datetime(2017, 3, 1), None, "M3", None, "Budget £40k"],
            [None] * 12,
            ["N2", "Payroll tested", "HR & TUPE", None, "shadow", None,
             date(2017, 3, 10), "10/03/2017", datetime(2017, 1, 10), "N1;M2", "complete", None],
        ],
    })

    result = cli("import", sample_plan, "milestones", path)

    assert result.rc == 0, result.err
    assert "0 changed" in result.out and "2 added" in result.out and "0 unchanged" in result.out
    rows = exported_rows(cli, sample_plan, tmp_path / "out")
    assert rows["N1"] == dict(zip(HEADER, [
        "N1", "Pensions admission agreed", "Pensions", "Early help", "shadow", "Section 151 Officer",
        "2017-03-01", "2017-03-01", "", "M3", "", "Budget £40k"]))
    assert (rows["N2"]["baseline"], rows["N2"]["actual"], rows["N2"]["depends_on"]) == (
        "2017-03-10", "2017-01-10", "M2;N1")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp1252"])
def test_csv_in_each_excel_encoding_keeps_the_pound_sign(sample_plan, cli, files, tmp_path, encoding):
    path = files.csv("m.csv", milestones(row("N1", title="Budget £2m agreed", commentary="Costs £3 – see note")),
                     encoding=encoding)

    result = cli("import", sample_plan, "milestones", path)

    assert result.rc == 0, result.err
    assert "1 added" in result.out
    exported = exported_rows(cli, sample_plan, tmp_path / "out")["N1"]
    assert (exported["title"], exported["commentary"]) == ("Budget £2m agreed", "Costs £3 – see note")


def test_headers_in_any_case_with_spaces_and_uk_dates(sample_plan, cli, files, tmp_path):
    path = files.csv("m.csv", [
        ["REF", " Title ", "WorkStream", "Service", "Stage", "Owner", "Baseline", "Forecast", "Actual", "Depends On",
         "RAG", "Commentary", "Notes"],
        ["N1", "Ofsted registration submitted", "Ofsted registration", "", "Shadow", "", "01/03/2017", "1/3/2017",
         "", "M2; M3", "", "", "ignore me"],
        ["N2", "Staff told", "HR & TUPE", "", "shadow", "", "1 March 2017", "2017-03-02", "01/12/2016", "", "", "",
         ""],
    ])

    result = cli("import", sample_plan, "milestones", path)

    assert result.rc == 0, result.err
    assert "2 added" in result.out
    assert "Ignored columns: Notes" in result.out
    rows = exported_rows(cli, sample_plan, tmp_path / "out")
    assert (rows["N1"]["baseline"], rows["N1"]["forecast"], rows["N1"]["depends_on"]) == (
        "2017-03-01", "2017-03-01", "M2;M3")
    assert (rows["N2"]["baseline"], rows["N2"]["actual"]) == ("2017-03-01", "2016-12-01")


def test_reimport_with_a_changed_forecast_reports_1_changed_and_the_rest_unchanged(sample_plan, cli, tmp_path,
                                                                                   write_csv):
    rows = exported_rows(cli, sample_plan, tmp_path / "first")
    rows["M3"]["forecast"] = "30/01/2017"
    path = write_csv("changed.csv", [HEADER, *([r[c] for c in HEADER] for r in rows.values())])

    result = cli("import", sample_plan, "milestones", path)

    assert result.rc == 0, result.err
    assert "milestones: 0 added, 1 changed, 4 unchanged" in result.out
    after = exported_rows(cli, sample_plan, tmp_path / "second")
    assert after["M3"]["forecast"] == "2017-01-30"
    rows["M3"]["forecast"] = "2017-01-30"
    assert after == rows


def test_new_refs_are_added_beside_updated_ones(sample_plan, cli, files, tmp_path):
    path = files.csv("m.csv", milestones(
        row("N1", depends_on="M4"),
        row("M3", title="Contract sum agreed (revised)", baseline="2017-02-01", forecast="2017-02-01",
            owner="Section 151 Officer", depends_on="M2"),
        row("N2", depends_on="N1"),
    ))
    result = cli("import", sample_plan, "milestones", path)
    assert result.rc == 0, result.err
    assert "milestones: 2 added, 1 changed, 0 unchanged" in result.out
    after = exported_rows(cli, sample_plan, tmp_path / "out")
    assert set(after) == {"M1", "M2", "M3", "M4", "M5", "N1", "N2"}
    assert after["M3"]["title"] == "Contract sum agreed (revised)"
    assert after["N2"]["depends_on"] == "N1"


def test_reimporting_the_same_file_reports_everything_unchanged(sample_plan, cli, tmp_path, plan_dump):
    cli("export", sample_plan, tmp_path / "out")
    before = plan_dump(sample_plan)
    result = cli("import", sample_plan, "milestones", tmp_path / "out" / "milestones.csv")
    assert result.rc == 0
    assert "0 added, 0 changed, 5 unchanged" in result.out
    assert plan_dump(sample_plan) == before


def test_columns_left_out_of_the_file_keep_their_values(sample_plan, cli, files, tmp_path):
    before = exported_rows(cli, sample_plan, tmp_path / "before")
    path = files.csv("m.csv", [["ref", "title", "workstream", "stage", "baseline"],
                               ["M2", "Shadow board appointed", "Governance", "shadow", "2016-12-01"],
                               ["M5", "Measures letters issued", "HR & TUPE", "shadow", "15/02/2017"]])

    result = cli("import", sample_plan, "milestones", path)

    assert result.rc == 0, result.err
    assert "0 added, 0 changed, 2 unchanged" in result.out
    assert exported_rows(cli, sample_plan, tmp_path / "after") == before


def test_import_prints_knock_ons_and_does_not_apply_them(sample_plan, cli, files, tmp_path):
    path = files.csv("m.csv", [["ref", "title", "workstream", "stage", "baseline", "forecast"],
                               ["M3", "Contract sum agreed", "Finance", "shadow", "2017-02-01", "2017-04-10"]])

    result = cli("import", sample_plan, "milestones", path)

    assert result.rc == 0, result.err
    assert "1 changed" in result.out
    knock_ons = [line for line in result.out.splitlines() if line.startswith("Knock-on")]
    assert len(knock_ons) == 1
    assert "M4" in knock_ons[0] and "03/04/2017" in knock_ons[0] and "10/04/2017" in knock_ons[0]
    assert "M3" in knock_ons[0] and "5 working days" in knock_ons[0] and "Not applied" in knock_ons[0]
    assert exported_rows(cli, sample_plan, tmp_path / "out")["M4"]["forecast"] == "2017-04-03"


def test_import_services_matches_names_ignoring_case(sample_plan, cli, files, tmp_path):
    path = files.csv("s.csv", [["Name", "Go Live", "Retained"], ["early HELP", "", "no"],
                               ["Libraries", "01/06/2017", "no"], ["Youth offending", "", "Yes"]])

    result = cli("import", sample_plan, "services", path)

    assert result.rc == 0, result.err
    assert "services: 2 added, 0 changed, 1 unchanged" in result.out
    assert cli("export", sample_plan, tmp_path / "out").rc == 0
    text = (tmp_path / "out" / "services.csv").read_bytes().decode("utf-8-sig")
    assert "Libraries,,2017-06-01,no\r\n" in text
    assert "Youth offending,,,yes\r\n" in text
    assert "early HELP" not in text and "Early help,2016-10-01,,no" in text


def test_services_from_a_workbook_sheet_named_services(sample_plan, cli, files):
    path = files.xlsx("s.xlsx", {"Milestones": [["ref"], ["X"]],
                                 "Services": [["Name", "Shadow", "Go-Live", "Retained"],
                                              ["Libraries", datetime(2016, 9, 1), datetime(2017, 4, 1), "no"]]})
    result = cli("import", sample_plan, "services", path)
    assert result.rc == 0, result.err
    assert "1 added" in result.out
