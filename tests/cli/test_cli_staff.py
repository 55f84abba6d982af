"""`trustplanner import PLAN staff FILE`: HR extracts applied whole, or refused with every problem.

Each refusal exits 1, prints ``FILE:ROW: column: message`` lines, and leaves the plan file
byte-for-byte as it was (compared as an SQL dump). The sample plan (tests/conftest.py) holds
Children's social care, Early help and the retained Adoption agency; go-live 01/04/2017.
"""

from __future__ import annotations

import csv
import logging
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from trustplanner.io.formats.staff import COLUMNS

CSC, EH = "Children's social care", "Early help"
NAMES = ("Gemma Dobson", "Craig Hetherington", "Zoë Teasdale")
FUTURE = (date.today() + timedelta(days=30)).strftime("%d/%m/%Y")


def row(ref: str, **cells: str) -> list[str]:
    values = {"ref": ref, "name": "", "service": CSC, "team": "Assessment East", "role": "Social worker",
              "grade": "PO3", "employment": "permanent", "fte": "1", "annual_cost": "41000", "tupe": "yes",
              "pension": "lgps", "caseload": "18", "transfer_date": "", "eli_sent": "", "consultation": "informed"}
    unknown = set(cells) - set(values)
    assert not unknown, unknown
    values.update(cells)
    return [values[c] for c in COLUMNS]


GOOD = [row("TFC-00001", name=NAMES[0], annual_cost="£41,236.48"),
        row("TFC-00002", name=NAMES[1], employment="agency", tupe="no", pension="none", annual_cost="£78,000"),
        row("TFC-00003", name=NAMES[2], service=EH, fte="0.5", annual_cost="16,250", caseload=""),
        row("TFC-00004", employment="vacancy", tupe="no", pension="none", caseload="")]


@pytest.fixture
def staffed_plan(sample_plan, cli, write_csv):
    """The sample plan with one HR extract already in it (dated the status date, 16/01/2017)."""
    result = cli("import", sample_plan, "staff", write_csv("first.csv", [COLUMNS, *GOOD]))
    assert result.rc == 0, result.err
    return sample_plan


def lines_for(err: str, path: Path) -> list[str]:
    return [line for line in err.splitlines() if line.startswith(str(path))]


def staff_file(write_csv, *rows, header=COLUMNS, encoding="utf-8-sig"):
    return write_csv("extract.csv", [header, *rows], encoding=encoding)


# Each bad input: the rows, then the problems expected as (row, column, message) in output order.
BAD_ROWS = [
    pytest.param([row("A1", fte="full time")], [(2, "fte", "'full time' is not a number")], id="fte-not-a-number"),
    pytest.param([row("A1", fte="0")], [(2, "fte", "FTE must be more than 0")], id="fte-zero"),
    pytest.param([row("A1", fte="-0.5")], [(2, "fte", "FTE must be more than 0")], id="fte-negative"),
    pytest.param([row("A1", fte="1.2")], [(2, "fte", "FTE for a person cannot be more than 1")], id="fte-above-one"),
    pytest.param([row("A1", fte="2", employment="vacancy", tupe="no", caseload="")],
                 [(2, "fte", "FTE for a post cannot be more than 1")], id="fte-above-one-for-a-post"),
    pytest.param([row("A1", annual_cost="-5")],
                 [(2, "annual_cost", "'-5' is negative; an annual cost cannot be")], id="cost-negative"),
    pytest.param([row("A1", annual_cost="forty thousand")],
                 [(2, "annual_cost", "'forty thousand' is not an amount of money")], id="cost-in-words"),
    pytest.param([row("A1", annual_cost="41,000 42,000")],
                 [(2, "annual_cost", "'41,000 42,000' has more than one number in it")], id="cost-two-numbers"),
    pytest.param([row("A1", annual_cost="41,000.005")],
                 [(2, "annual_cost", "'41,000.005' has a fraction of a penny")], id="cost-fraction-of-a-penny"),
    pytest.param([row("A1", annual_cost="1,20")],
                 [(2, "annual_cost", "'1,20' is ambiguous; write it like 1,200,000.00 or 1200000")],
                 id="cost-misplaced-comma"),
    pytest.param([row("A1", annual_cost="£4,100,000")],
                 [(2, "annual_cost", "is more than £1,000,000 for one person or post")], id="cost-implausible"),
    pytest.param([row("A1", service="Youth offending")],
                 [(2, "service", "unknown service 'Youth offending' (services in this plan: Children's social "
                                 "care, Early help, Adoption agency)")], id="unknown-service"),
    pytest.param([row("A1", employment="contractor")],
                 [(2, "employment", "unknown employment 'contractor'; use permanent, fixed_term, agency, secondee "
                                    "or vacancy")], id="unknown-employment"),
    pytest.param([row("A1"), row("A2"), row("A1", team="Fostering")],
                 [(4, "ref", "A1 is also on row 2")], id="duplicate-ref"),
    pytest.param([row("A1", employment="agency", tupe="yes")],
                 [(2, "tupe", "agency posts never transfer under TUPE; set tupe to no")], id="agency-in-scope"),
    pytest.param([row("A1", employment="vacancy", tupe="yes", caseload="")],
                 [(2, "tupe", "vacancy posts never transfer under TUPE; set tupe to no")], id="vacancy-in-scope"),
    pytest.param([row("A1", service="Adoption agency", tupe="yes")],
                 [(2, "tupe", "Adoption agency is retained by the council, so its staff do not transfer")],
                 id="retained-service-in-scope"),
    pytest.param([row("A1", employment="vacancy", tupe="no")],
                 [(2, "caseload", "a vacant post holds no cases; leave caseload blank")], id="vacancy-with-cases"),
    pytest.param([row("A1", caseload="twelve")], [(2, "caseload", "'twelve' is not a whole number of cases")],
                 id="caseload-not-a-number"),
    pytest.param([row("A1", eli_sent=FUTURE)], [(2, "eli_sent", "is in the future")], id="eli-in-the-future"),
    pytest.param([row("A1", transfer_date="1/4/17")], [(2, "transfer_date", "write the year in full")],
                 id="two-digit-year"),
    pytest.param([row("A1", pension="NHS")], [(2, "pension", "unknown pension 'NHS'; use LGPS, TPS or none")],
                 id="unknown-pension"),
    pytest.param([row("A1", tupe="maybe")], [(2, "tupe", "'maybe' is not yes or no")], id="tupe-not-yes-or-no"),
    pytest.param([row("", fte="", annual_cost="")],
                 [(2, "annual_cost", "annual_cost is required"), (2, "fte", "fte is required"),
                  (2, "ref", "ref is required")], id="required-cells-blank"),
    pytest.param([row("A1", fte="abc", annual_cost="-1", service="Nowhere", employment="casual"),
                  row("A2", employment="agency", tupe="yes"), row("A3")],
                 [(2, "annual_cost", "is negative"), (2, "employment", "unknown employment 'casual'"),
                  (2, "fte", "'abc' is not a number"), (2, "service", "unknown service 'Nowhere'"),
                  (3, "tupe", "agency posts never transfer")], id="every-problem-in-the-file"),
]


@pytest.mark.parametrize(("rows", "expected"), BAD_ROWS)
def test_bad_rows_are_refused_with_their_row_and_column_and_change_nothing(staffed_plan, cli, write_csv, plan_dump,
                                                                         rows, expected):
    path = staff_file(write_csv, *rows)
    before = plan_dump(staffed_plan)
    result = cli("import", staffed_plan, "staff", path, "--as-of", "2017-02-13")
    assert result.rc == 1
    for (r, column, message), line in zip(expected, lines_for(result.err, path), strict=True):
        assert line.startswith(f"{path}:{r}: {column}: "), line
        assert message in line, line
    assert result.err.splitlines()[-1] == f"Rejected: {len(expected)} problem(s); nothing was changed."
    assert result.out == ""
    assert plan_dump(staffed_plan) == before


BAD_FILES = [
    pytest.param(lambda w, t: staff_file(w, ["A1", CSC, "1", "41000"], header=["ref", "service", "fte", "annual_cost"]),
                 ":1: employment: required column is missing", id="missing-required-column"),
    pytest.param(lambda w, t: staff_file(w, header=COLUMNS), ": has a header but no data rows", id="no-rows"),
    pytest.param(lambda w, t: _raw(t / "empty.csv", b""), ": the file is empty", id="empty-file"),
    pytest.param(lambda w, t: _raw(t / "missing.csv", None), ": no such file", id="no-such-file"),
    pytest.param(lambda w, t: _raw(t / "old.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 100),
                 ": is an old-style Excel .xls file", id="old-excel"),
    pytest.param(lambda w, t: staff_file(w, row("A1"), header=[*COLUMNS[:-1], "FTE"]),
                 ":1: FTE: column appears twice in the header", id="column-twice"),
]


def _raw(path: Path, data: bytes | None) -> Path:
    if data is not None:
        path.write_bytes(data)
    return path


@pytest.mark.parametrize(("make", "message"), BAD_FILES)
def test_bad_files_are_refused_and_change_nothing(staffed_plan, cli, write_csv, tmp_path, plan_dump, make, message):
    path = make(write_csv, tmp_path)
    before = plan_dump(staffed_plan)
    result = cli("import", staffed_plan, "staff", path)
    assert result.rc == 1
    assert f"{path}{message}" in result.err
    assert plan_dump(staffed_plan) == before


def test_an_earlier_extract_is_refused(staffed_plan, cli, write_csv, plan_dump):
    path = staff_file(write_csv, row("A1"))
    before = plan_dump(staffed_plan)
    result = cli("import", staffed_plan, "staff", path, "--as-of", "03/10/2016")
    assert result.rc == 1
    assert f"{path}: this extract is dated 03/10/2016, before the latest staff data (16/01/2017); import extracts " \
           "in date order" in result.err
    assert plan_dump(staffed_plan) == before


def test_import_reports_joiners_leavers_and_changes(staffed_plan, cli, write_csv, tmp_path):
    later = staff_file(write_csv, GOOD[0], row("TFC-00002", name=NAMES[1], annual_cost="£42,000"),  # now permanent
                       row("TFC-00005"), row("TFC-00006", fte="0.81", annual_cost="33,210"))
    result = cli("import", staffed_plan, "staff", later, "--as-of", "13/02/2017")
    assert result.rc == 0, result.err
    assert result.out == (f"Imported {later}: staff as at 13/02/2017: 2 joiners, 2 leavers, 1 changed, "
                          "1 unchanged\n")


def test_first_import_defaults_to_the_status_date_and_lists_ignored_columns(sample_plan, cli, write_csv):
    path = staff_file(write_csv, [*GOOD[0], "x"], header=[*COLUMNS, "Line manager"])
    result = cli("import", sample_plan, "staff", path)
    assert result.rc == 0, result.err
    assert result.out.splitlines() == [f"Imported {path}: staff as at 16/01/2017: 1 joiners, 0 leavers, 0 changed, "
                                       "0 unchanged", "Ignored columns: Line manager"]


def test_windows_1252_and_workbook_files(sample_plan, cli, write_csv, write_xlsx, tmp_path):
    ansi = staff_file(write_csv, row("A1", annual_cost="£41,000", name="Zoë Teasdale"), encoding="cp1252")
    assert cli("import", sample_plan, "staff", ansi).rc == 0
    workbook = write_xlsx("hr.xlsx", {"staff": [list(COLUMNS), ["A1", "Zoë Teasdale", CSC, "", "", "", "permanent",
                                                                0.5, 20500, "yes", "LGPS", 9, None,
                                                                datetime(2017, 1, 13), "consulted"]]})
    result = cli("import", sample_plan, "staff", workbook, "--as-of", "2017-02-13")
    assert result.rc == 0, result.err
    assert "0 joiners, 0 leavers, 1 changed" in result.out
    assert cli("export", sample_plan, tmp_path / "out", "--with-personal-data").rc == 0
    with (tmp_path / "out" / "staff.csv").open(encoding="utf-8-sig", newline="") as handle:
        (exported,) = list(csv.DictReader(handle))
    assert (exported["fte"], exported["annual_cost"], exported["caseload"], exported["eli_sent"],
            exported["consultation"]) == ("0.5", "20500.00", "9", "2017-01-13", "consulted")


def test_export_then_import_of_the_export_changes_nothing(staffed_plan, cli, tmp_path, plan_dump):
    assert cli("export", staffed_plan, tmp_path / "a").rc == 0
    before = plan_dump(staffed_plan)
    result = cli("import", staffed_plan, "staff", tmp_path / "a" / "staff.csv", "--as-of", "2017-02-13")
    assert result.rc == 0
    assert "0 joiners, 0 leavers, 0 changed, 4 unchanged" in result.out
    assert plan_dump(staffed_plan) == before
    assert cli("export", staffed_plan, tmp_path / "b").rc == 0
    assert (tmp_path / "b" / "staff.csv").read_bytes() == (tmp_path / "a" / "staff.csv").read_bytes()


def test_as_of_is_for_staff_and_budget_only(sample_plan, cli, write_csv):
    path = write_csv("s.csv", [["name"], ["Early help"]])
    result = cli("import", sample_plan, "services", path, "--as-of", "2017-02-13")
    assert result.rc == 2
    assert "--as-of applies to staff, budget and risks imports only" in result.err


def test_check_lists_missed_tupe_deadlines(staffed_plan, cli):
    on_time = cli("check", staffed_plan)
    assert "TUPE-" not in on_time.out + on_time.err
    late = cli("check", staffed_plan, "--as-of", "06/03/2017")
    assert late.rc == 1
    assert "TUPE-ELI-20170401: red milestone needs a commentary" in late.out.splitlines()
    assert "TUPE-REP-20170401: red milestone needs a commentary" in late.out.splitlines()
    assert not any(line.startswith("TUPE-LGPS") for line in late.out.splitlines())  # due 31/03/2017


def test_demo_has_staff_history_and_its_export_reimports_unchanged(cli, tmp_path):
    demo = tmp_path / "demo.tplan"
    assert cli("demo", demo).rc == 0
    assert cli("export", demo, tmp_path / "out", "--with-personal-data").rc == 0
    result = cli("import", demo, "staff", tmp_path / "out" / "staff.csv")
    assert result.rc == 0
    assert ": 0 joiners, 0 leavers, 0 changed, " in result.out
    demo_file = Path(__file__).resolve().parents[2] / "resources" / "demo" / "staff.csv"
    exported = (tmp_path / "out" / "staff.csv").read_bytes()
    assert exported == b"\xef\xbb\xbf" + demo_file.read_bytes().replace(b"\n", b"\r\n")


def test_names_and_salaries_never_reach_the_log(sample_plan, cli, write_csv, tmp_path):
    from trustplanner.logging_setup import configure_logging

    log_file = configure_logging()  # the process's log file (set up by the first command run)
    start = log_file.stat().st_size if log_file.exists() else 0
    good = staff_file(write_csv, *GOOD)
    assert cli("import", sample_plan, "staff", good).rc == 0
    bad = write_csv("bad.csv", [COLUMNS, row("X1", name="Craig Hetherington", annual_cost="£99,999.99 extra")])
    assert cli("import", sample_plan, "staff", bad, "--as-of", "2017-02-13").rc == 1
    assert cli("export", sample_plan, tmp_path / "out").rc == 0
    assert cli("check", sample_plan).rc == 0
    for handler in logging.getLogger("trustplanner").handlers:
        handler.flush()
    with log_file.open(encoding="utf-8") as handle:
        handle.seek(start)
        text = handle.read()
    assert "command import" in text  # the commands were logged
    for secret in (*NAMES, "Hetherington", "41,236", "41236", "78,000", "78000", "99,999"):
        assert secret not in text
