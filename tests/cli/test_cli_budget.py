"""`trustplanner import PLAN budget|savings FILE`: applied whole, or refused with every problem.

Each refusal exits 1, prints ``FILE:ROW: column: message`` lines, and leaves the plan file
byte-for-byte as it was (compared as an SQL dump). The sample plan (tests/conftest.py) holds
Children's social care, Early help and the retained Adoption agency; status date 16/01/2017
(P10 of 2016/17), go-live 01/04/2017.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from trustplanner.io.formats.budget import BUDGET_COLUMNS, SAVINGS_COLUMNS

CSC, EH, ADOPT = "Children's social care", "Early help", "Adoption agency"
SERVICES_LISTED = "services in this plan: Children's social care, Early help, Adoption agency"


def line(cost_centre: str, **cells: str) -> list[str]:
    values = {"service": CSC, "year": "2016/17", "cost_centre": cost_centre, "description": "Placements",
              "budget": "1200000", "forecast": "1300000", "transfers": "yes"}
    unknown = set(cells) - set(values)
    assert not unknown, unknown
    values.update(cells)
    return [values[c] for c in BUDGET_COLUMNS]


def saving(ref: str, **cells: str) -> list[str]:
    values = {"ref": ref, "service": CSC, "year": "2017/18", "description": "Fewer agency social workers",
              "target": "500000", "forecast": "250000", "rag": "amber", "mitigation": "Academy cohort from September"}
    unknown = set(cells) - set(values)
    assert not unknown, unknown
    values.update(cells)
    return [values[c] for c in SAVINGS_COLUMNS]


GOOD_LINES = [line("SC110", description="External residential placements"),
              line("SC111", budget="3,360,000", forecast="£3,400,000.00"),
              line("EH301", service=EH, budget="£2,840,200.00", forecast="2,840,200", transfers="no"),
              line("AD601", service=ADOPT, budget="1140800", forecast="1140800", transfers="no"),
              line("SC110", year="2017/18", budget="6020000", forecast="8270000")]
GOOD_SAVINGS = [saving("SV-01"), saving("SV-02", rag="green", target="200,000", forecast="200,000", mitigation=""),
                saving("SV-03", rag="red", year="2016/17", target="£1,000,000", forecast="420000")]


def lines_for(err: str, path: Path) -> list[str]:
    return [text for text in err.splitlines() if text.startswith(str(path))]


def read_export(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def budgeted_plan(sample_plan, cli, write_csv):
    """The sample plan with budget lines (reported at P10) and savings plans already in it."""
    result = cli("import", sample_plan, "budget", write_csv("first-budget.csv", [BUDGET_COLUMNS, *GOOD_LINES]))
    assert result.rc == 0, result.err
    result = cli("import", sample_plan, "savings", write_csv("first-savings.csv", [SAVINGS_COLUMNS, *GOOD_SAVINGS]))
    assert result.rc == 0, result.err
    return sample_plan


# Money ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "plain"), [
    ("1200000", "1200000.00"),
    ("1,200,000", "1200000.00"),
    ("£1,200,000.00", "1200000.00"),
    ("£1,200,000.5", "1200000.50"),
    ("1200000.07", "1200000.07"),
    ("(1,200)", "-1200.00"),  # a negative in brackets: a net income line
    ("-1,200", "-1200.00"),
    ("0", "0.00"),
])
def test_money_forms_accepted(sample_plan, cli, write_csv, tmp_path, text, plain):
    path = write_csv("budget.csv", [BUDGET_COLUMNS, line("ED210", budget=text, forecast=text)])
    result = cli("import", sample_plan, "budget", path)
    assert result.rc == 0, result.err
    assert cli("export", sample_plan, tmp_path / "out").rc == 0
    (exported,) = read_export(tmp_path / "out" / "budget.csv")
    assert (exported["budget"], exported["forecast"]) == (plain, plain)


MONEY_REFUSED = [
    pytest.param("1,200.005", "'1,200.005' has a fraction of a penny", id="fraction-of-a-penny"),
    pytest.param("twelve hundred", "'twelve hundred' is not an amount of money", id="words"),
    pytest.param("1.2m", "'1.2m' is not an amount of money", id="millions-abbreviated"),
    pytest.param("1,200 1,300", "'1,200 1,300' has more than one number in it", id="two-numbers"),
    pytest.param("1,20", "'1,20' is ambiguous; write it like 1,200,000.00 or 1200000", id="misplaced-comma"),
    pytest.param("1.200,00", "'1.200,00' is ambiguous; write it like 1,200,000.00 or 1200000", id="continental"),
    pytest.param("", "budget is required", id="blank"),
]


@pytest.mark.parametrize(("text", "message"), MONEY_REFUSED)
def test_money_refused_with_its_row_and_column(budgeted_plan, cli, write_csv, plan_dump, text, message):
    path = write_csv("budget.csv", [BUDGET_COLUMNS, line("SC112"), line("SC113", budget=text)])
    before = plan_dump(budgeted_plan)
    result = cli("import", budgeted_plan, "budget", path)
    assert result.rc == 1
    assert lines_for(result.err, path) == [f"{path}:3: budget: {message}"]
    assert result.err.splitlines()[-1] == "Rejected: 1 problem(s); nothing was changed."
    assert result.out == ""
    assert plan_dump(budgeted_plan) == before


# Every bad budget row -------------------------------------------------------------------------

# Each bad input: the rows, then the problems expected as (row, column, message) in output order.
BAD_BUDGET = [
    pytest.param([line("SC1", year="2020-2022")],
                 [(2, "year", "'2020-2022' is not a financial year (it must run from one April to the next); "
                              "write it like 2020/21")], id="year-spanning-two-years"),
    pytest.param([line("SC1", year="2017")], [(2, "year", "'2017' is not a financial year; write it like 2017/18")],
                 id="year-without-its-end"),
    pytest.param([line("SC1", year="2017/19")], [(2, "year", "is not a financial year")], id="year-2017-19"),
    pytest.param([line("SC1", year="April 2017")], [(2, "year", "'April 2017' is not a financial year")],
                 id="year-in-words"),
    pytest.param([line("SC1", service="Youth offending")],
                 [(2, "service", f"unknown service 'Youth offending' ({SERVICES_LISTED})")], id="unknown-service"),
    pytest.param([line("SC1"), line("SC2"), line("SC1", description="Again")],
                 [(4, "cost_centre", "cost centre SC1 for 2016/17 is also on row 2")], id="duplicate-cost-centre"),
    pytest.param([line("SC1", forecast="1,2,00")], [(2, "forecast", "'1,2,00' is ambiguous")], id="forecast-bad"),
    pytest.param([line("SC1", transfers="maybe")], [(2, "transfers", "'maybe' is not yes or no")],
                 id="transfers-not-yes-or-no"),
    pytest.param([line("AD1", service=ADOPT, transfers="yes")],
                 [(2, "transfers", "Adoption agency is retained by the council, so its budget does not transfer; "
                                   "set transfers to no")], id="retained-service-transfers"),
    pytest.param([line("X" * 61)], [(2, "cost_centre", "is longer than 60 characters")], id="cost-centre-too-long"),
    pytest.param([line("", service="", year="", budget="", forecast="")],
                 [(2, "budget", "budget is required"), (2, "cost_centre", "cost_centre is required"),
                  (2, "forecast", "forecast is required"), (2, "service", "service is required"),
                  (2, "year", "year is required")], id="required-cells-blank"),
    pytest.param([line("SC1", budget="abc", year="2020-2022", service="Nowhere"), line("SC2"),
                  line("SC2", forecast="(1,2)")],
                 [(2, "budget", "'abc' is not an amount of money"), (2, "service", "unknown service 'Nowhere'"),
                  (2, "year", "'2020-2022' is not a financial year"),
                  (4, "cost_centre", "cost centre SC2 for 2016/17 is also on row 3"),
                  (4, "forecast", "'(1,2)' is ambiguous")], id="every-problem-in-the-file"),
]


@pytest.mark.parametrize(("rows", "expected"), BAD_BUDGET)
def test_bad_budget_rows_are_refused_and_change_nothing(budgeted_plan, cli, write_csv, plan_dump, rows, expected):
    path = write_csv("budget.csv", [BUDGET_COLUMNS, *rows])
    before = plan_dump(budgeted_plan)
    result = cli("import", budgeted_plan, "budget", path, "--as-of", "2017-02-13")
    assert result.rc == 1
    for (r, column, message), text in zip(expected, lines_for(result.err, path), strict=True):
        assert text.startswith(f"{path}:{r}: {column}: "), text
        assert message in text, text
    assert result.err.splitlines()[-1] == f"Rejected: {len(expected)} problem(s); nothing was changed."
    assert result.out == ""
    assert plan_dump(budgeted_plan) == before


def test_the_same_cost_centre_in_two_years_is_two_lines(sample_plan, cli, write_csv):
    path = write_csv("budget.csv", [BUDGET_COLUMNS, line("SC1"), line("SC1", year="2017-18")])
    result = cli("import", sample_plan, "budget", path)
    assert result.rc == 0, result.err
    assert result.out.splitlines()[0] == (f"Imported {path}: budget: 2 added, 0 changed, 0 unchanged; forecasts "
                                          "recorded for P10 2016/17")


# Every bad savings row ------------------------------------------------------------------------

BAD_SAVINGS = [
    pytest.param([saving("S1"), saving("S2"), saving("S1", description="Again")],
                 [(4, "ref", "S1 is also on row 2")], id="duplicate-ref"),
    pytest.param([saving("S1", rag="purple")], [(2, "rag", "unknown deliverability 'purple'; use green, amber or red")],
                 id="unknown-rag"),
    pytest.param([saving("S1", rag="amber", mitigation="")], [(2, "mitigation", "an amber savings plan needs a "
                                                                                "mitigation")],
                 id="amber-without-mitigation"),
    pytest.param([saving("S1", rag="R", mitigation="")], [(2, "mitigation", "a red savings plan needs a mitigation")],
                 id="red-without-mitigation"),
    pytest.param([saving("S1", target="(5,000)")], [(2, "target", "a savings target cannot be negative")],
                 id="negative-target"),
    pytest.param([saving("S1", forecast="-1")], [(2, "forecast", "forecast savings delivered cannot be negative")],
                 id="negative-forecast"),
    pytest.param([saving("S1", target="half a million")], [(2, "target", "'half a million' is not an amount")],
                 id="target-in-words"),
    pytest.param([saving("S1", forecast="250,000.001")], [(2, "forecast", "has a fraction of a penny")],
                 id="forecast-fraction-of-a-penny"),
    pytest.param([saving("S1", year="2020-2022")], [(2, "year", "'2020-2022' is not a financial year")],
                 id="year-spanning-two-years"),
    pytest.param([saving("S1", service="Libraries")], [(2, "service", "unknown service 'Libraries'")],
                 id="unknown-service"),
    pytest.param([saving("", rag="", target="")],
                 [(2, "rag", "rag is required"), (2, "ref", "ref is required"), (2, "target", "target is required")],
                 id="required-cells-blank"),
]


@pytest.mark.parametrize(("rows", "expected"), BAD_SAVINGS)
def test_bad_savings_rows_are_refused_and_change_nothing(budgeted_plan, cli, write_csv, plan_dump, rows, expected):
    path = write_csv("savings.csv", [SAVINGS_COLUMNS, *rows])
    before = plan_dump(budgeted_plan)
    result = cli("import", budgeted_plan, "savings", path)
    assert result.rc == 1
    for (r, column, message), text in zip(expected, lines_for(result.err, path), strict=True):
        assert text.startswith(f"{path}:{r}: {column}: "), text
        assert message in text, text
    assert result.err.splitlines()[-1] == f"Rejected: {len(expected)} problem(s); nothing was changed."
    assert plan_dump(budgeted_plan) == before


def test_rag_words_and_letters(sample_plan, cli, write_csv, tmp_path):
    path = write_csv("savings.csv", [SAVINGS_COLUMNS, saving("S1", rag="G", mitigation=""), saving("S2", rag="Amber"),
                                     saving("S3", rag=" RED ")])
    assert cli("import", sample_plan, "savings", path).rc == 0
    assert cli("export", sample_plan, tmp_path / "out").rc == 0
    assert [r["rag"] for r in read_export(tmp_path / "out" / "savings.csv")] == ["green", "amber", "red"]


# Whole files ----------------------------------------------------------------------------------

def _raw(path: Path, data: bytes | None) -> Path:
    if data is not None:
        path.write_bytes(data)
    return path


BAD_FILES = [
    pytest.param("budget", lambda w, x, t: w("b.csv", [["service", "year", "budget", "forecast"], [CSC, "2016/17", "1",
                                                                                               "1"]]),
                 ":1: cost_centre: required column is missing", id="budget-missing-column"),
    pytest.param("savings", lambda w, x, t: w("s.csv", [["ref", "service", "year", "target", "forecast"]]),
                 ":1: rag: required column is missing", id="savings-missing-column"),
    pytest.param("budget", lambda w, x, t: w("b.csv", [BUDGET_COLUMNS]), ": has a header but no data rows",
                 id="no-rows"),
    pytest.param("budget", lambda w, x, t: _raw(t / "empty.csv", b""), ": the file is empty", id="empty-file"),
    pytest.param("savings", lambda w, x, t: _raw(t / "missing.csv", None), ": no such file", id="no-such-file"),
    pytest.param("budget", lambda w, x, t: w("b.csv", [[*BUDGET_COLUMNS, "Budget"], line("SC1")]),
                 ":1: Budget: column appears twice in the header", id="column-twice"),
    pytest.param("budget", lambda w, x, t: x("b.xlsx", {"milestones": [["ref"]], "savings": [SAVINGS_COLUMNS]}),
                 ": has no sheet named 'budget' (its sheets: milestones, savings)", id="workbook-without-budget"),
]


@pytest.mark.parametrize(("kind", "make", "message"), BAD_FILES)
def test_bad_files_are_refused_and_change_nothing(budgeted_plan, cli, write_csv, write_xlsx, tmp_path, plan_dump,
                                                  kind, make, message):
    path = make(write_csv, write_xlsx, tmp_path)
    before = plan_dump(budgeted_plan)
    result = cli("import", budgeted_plan, kind, path)
    assert result.rc == 1
    assert f"{path}{message}" in result.err
    assert plan_dump(budgeted_plan) == before


def test_as_of_is_refused_for_savings(budgeted_plan, cli, write_csv, plan_dump):
    before = plan_dump(budgeted_plan)
    result = cli("import", budgeted_plan, "savings", write_csv("s.csv", [SAVINGS_COLUMNS, saving("S9")]),
                 "--as-of", "2017-02-13")
    assert result.rc == 2
    assert "--as-of applies to staff, budget and risks imports only" in result.err
    assert plan_dump(budgeted_plan) == before


# Encodings and workbooks ----------------------------------------------------------------------

def test_windows_1252_with_pound_signs(sample_plan, cli, write_csv, tmp_path):
    budget = write_csv("ansi.csv", [BUDGET_COLUMNS, line("SC1", description="Placements over £3,500 a week",
                                                         budget="£1,200,000", forecast="£1,250,000.50")],
                       encoding="cp1252")
    assert b"\xa3" in budget.read_bytes()  # the pound sign as Windows-1252 writes it
    assert cli("import", sample_plan, "budget", budget).rc == 0
    savings = write_csv("ansi-s.csv", [SAVINGS_COLUMNS, saving("S1", mitigation="£150k from capped agency rates",
                                                               target="£500,000")], encoding="cp1252")
    assert cli("import", sample_plan, "savings", savings).rc == 0
    assert cli("export", sample_plan, tmp_path / "out").rc == 0
    (exported,) = read_export(tmp_path / "out" / "budget.csv")
    assert (exported["description"], exported["budget"], exported["forecast"]) == (
        "Placements over £3,500 a week", "1200000.00", "1250000.50")
    (plan,) = read_export(tmp_path / "out" / "savings.csv")
    assert (plan["mitigation"], plan["target"]) == ("£150k from capped agency rates", "500000.00")


def test_workbooks_with_sheets_named_budget_and_savings(sample_plan, cli, write_xlsx, tmp_path):
    book = write_xlsx("finance.xlsx", {
        "Notes": [["Prepared by the finance business partner"]],
        "Savings": [list(SAVINGS_COLUMNS), ["S1", CSC, "2017/18", "Agency", 500000, 250000.5, "Amber", "Academy"]],
        "Budget": [list(BUDGET_COLUMNS), [CSC, "2016/17", "SC1", "Placements", 1200000, 1234567.89, "Yes"],
                   [EH, "2017/18", "EH1", "Hubs", "£2,840,200.00", "(1,200)", "no"]],
    })
    result = cli("import", sample_plan, "budget", book)
    assert result.rc == 0, result.err
    assert "budget: 2 added, 0 changed, 0 unchanged" in result.out
    assert cli("import", sample_plan, "savings", book).rc == 0
    assert cli("export", sample_plan, tmp_path / "out").rc == 0
    assert [(r["cost_centre"], r["budget"], r["forecast"], r["transfers"])
            for r in read_export(tmp_path / "out" / "budget.csv")] == [
        ("SC1", "1200000.00", "1234567.89", "yes"), ("EH1", "2840200.00", "-1200.00", "no")]
    (plan,) = read_export(tmp_path / "out" / "savings.csv")
    assert (plan["target"], plan["forecast"], plan["rag"]) == ("500000.00", "250000.50", "amber")


# Re-importing, export and history -------------------------------------------------------------

def test_import_reports_added_changed_and_unchanged(budgeted_plan, cli, write_csv):
    later = write_csv("later.csv", [BUDGET_COLUMNS, GOOD_LINES[0], line("SC111", budget="3,360,000",
                                                                         forecast="3,500,000"), line("SC199")])
    result = cli("import", budgeted_plan, "budget", later, "--as-of", "13/02/2017")
    assert result.rc == 0, result.err
    assert result.out == (f"Imported {later}: budget: 1 added, 1 changed, 1 unchanged; forecasts recorded for "
                          "P11 2016/17\n")
    savings = write_csv("later-s.csv", [SAVINGS_COLUMNS, GOOD_SAVINGS[0], saving("SV-02", rag="amber",
                                                                                 target="200,000")])
    result = cli("import", budgeted_plan, "savings", savings)
    assert result.out == f"Imported {savings}: savings: 0 added, 1 changed, 1 unchanged\n"


def test_ignored_columns_are_listed(sample_plan, cli, write_csv):
    path = write_csv("b.csv", [[*BUDGET_COLUMNS, "Budget holder"], [*line("SC1"), "Head of service"]])
    result = cli("import", sample_plan, "budget", path)
    assert result.out.splitlines()[1] == "Ignored columns: Budget holder"


def test_export_then_import_of_the_export_changes_nothing(budgeted_plan, cli, tmp_path, plan_dump):
    assert cli("export", budgeted_plan, tmp_path / "a").rc == 0
    before = plan_dump(budgeted_plan)
    result = cli("import", budgeted_plan, "budget", tmp_path / "a" / "budget.csv")
    assert result.rc == 0
    assert f"budget: 0 added, 0 changed, {len(GOOD_LINES)} unchanged" in result.out
    result = cli("import", budgeted_plan, "savings", tmp_path / "a" / "savings.csv")
    assert f"savings: 0 added, 0 changed, {len(GOOD_SAVINGS)} unchanged" in result.out
    assert plan_dump(budgeted_plan) == before
    assert cli("export", budgeted_plan, tmp_path / "b").rc == 0
    for name in ("budget.csv", "savings.csv"):
        assert (tmp_path / "b" / name).read_bytes() == (tmp_path / "a" / name).read_bytes(), name


def test_two_monitoring_periods_give_movement(sample_plan, cli, write_csv):
    from trustplanner.services.budget import load_finance
    from trustplanner.services.finance import forecast_at, movement
    from trustplanner.store.plan_file import open_plan_file

    p9 = write_csv("p9.csv", [BUDGET_COLUMNS, line("SC110", forecast="1,300,000"), line("SC111", forecast="900,000")])
    p10 = write_csv("p10.csv", [BUDGET_COLUMNS, line("SC110", forecast="1,450,000"), line("SC111", forecast="900,000")])
    assert "forecasts recorded for P9 2016/17" in cli("import", sample_plan, "budget", p9, "--as-of", "12/12/2016").out
    assert "forecasts recorded for P10 2016/17" in cli("import", sample_plan, "budget", p10).out  # the status date
    with open_plan_file(sample_plan) as plan:
        finance = load_finance(plan)
    assert finance.history == {(2016, "SC110"): {9: 130_000_000, 10: 145_000_000},
                               (2016, "SC111"): {9: 90_000_000, 10: 90_000_000}}
    ((moved, before, now),) = movement(finance, 2016, 10)
    assert (moved.cost_centre, before, now) == ("SC110", 130_000_000, 145_000_000)  # +£150,000 since P9
    assert [forecast_at(line_, finance, 2016, 9) for line_ in finance.lines] == [130_000_000, 90_000_000]


def test_the_demo_exports_its_finance_files_and_reimports_them_unchanged(cli, tmp_path, plan_dump):
    demo = tmp_path / "demo.tplan"
    assert cli("demo", demo).rc == 0
    assert cli("export", demo, tmp_path / "out").rc == 0
    before = plan_dump(demo)
    assert ": 0 added, 0 changed, 114 unchanged" in cli("import", demo, "budget", tmp_path / "out" / "budget.csv").out
    assert ": 0 added, 0 changed, 20 unchanged" in cli("import", demo, "savings", tmp_path / "out" / "savings.csv").out
    assert plan_dump(demo) == before
    folder = Path(__file__).resolve().parents[2] / "resources" / "demo"
    for name in ("budget.csv", "savings.csv"):  # the committed files are in the export's own form
        exported = (tmp_path / "out" / name).read_bytes()
        assert exported == b"\xef\xbb\xbf" + (folder / name).read_bytes().replace(b"\n", b"\r\n"), name


def test_a_budget_dated_outside_its_lines_financial_year_is_refused_and_records_nothing(budgeted_plan, cli,
                                                                                        write_csv, plan_dump):
    before = plan_dump(budgeted_plan)
    path = write_csv("2020.csv", [BUDGET_COLUMNS, line("SC110", year="2020/21"), line("SC111", year="2020/21")])
    result = cli("import", budgeted_plan, "budget", path, "--as-of", "14/12/2026")
    assert result.rc == 1
    assert result.err.splitlines()[0] == (
        f"{path}: year: the forecasts would be recorded for P9 2026/27 (as of 14/12/2026), but this file's lines "
        "are for 2020/21; date the import with the monitoring report's date in that year")
    assert plan_dump(budgeted_plan) == before
    assert cli("import", budgeted_plan, "budget", path, "--as-of", "14/12/2020").rc == 0


def test_an_older_monitoring_report_after_a_newer_one_is_refused(budgeted_plan, cli, write_csv, plan_dump):
    """The plan holds P10 2016/17 forecasts; a P9 report would put the lines back to P9."""
    before = plan_dump(budgeted_plan)
    path = write_csv("p9.csv", [BUDGET_COLUMNS, line("SC110", forecast="1250000")])
    result = cli("import", budgeted_plan, "budget", path, "--as-of", "12/12/2016")
    assert result.rc == 1
    assert result.err.splitlines()[0] == (
        f"{path}: forecasts for P10 2016/17 are already recorded; a report for P9 is older and would put the "
        "lines' forecasts back to it. Import monitoring reports in period order, or date this one in P10 or later")
    assert plan_dump(budgeted_plan) == before


@pytest.mark.parametrize("blank", ["keep", "clear"])
def test_a_budget_file_without_description_or_transfers_columns_keeps_the_plans_values(
        budgeted_plan, cli, write_csv, tmp_path, blank):
    """An absent column is not a blank one: the lines keep their descriptions and transfers, even with
    --blank clear; a new line in such a file takes the defaults (no description, does not transfer)."""
    columns = ["service", "year", "cost_centre", "budget", "forecast"]
    path = write_csv("forecasts-only.csv", [columns, [CSC, "2016/17", "SC110", "1200000", "1350000"],
                                            [CSC, "2016/17", "SC999", "100", "100"]])
    result = cli("import", budgeted_plan, "budget", path, "--blank", blank)
    assert result.rc == 0, result.err
    assert cli("export", budgeted_plan, tmp_path / "out").rc == 0
    rows = {r["cost_centre"] + " " + r["year"]: r for r in read_export(tmp_path / "out" / "budget.csv")}
    assert rows["SC110 2016/17"]["description"] == "External residential placements"
    assert rows["SC110 2016/17"]["transfers"] == "yes"
    assert rows["SC110 2016/17"]["forecast"] == "1350000.00"
    assert rows["SC999 2016/17"]["description"] == "" and rows["SC999 2016/17"]["transfers"] == "no"
