"""Out-of-range dates on the command line and in files get one clear line; nothing overflows."""

from __future__ import annotations

import shutil

import pytest

RANGE = "is outside the dates TrustPlanner accepts (01/01/1990 to 31/12/2100)"
YEARS = "is outside the financial years TrustPlanner accepts (1990/91 to 2099/00)"


@pytest.fixture
def demo(demo_file, tmp_path):
    path = tmp_path / "demo.tplan"
    shutil.copyfile(demo_file, path)
    return path


@pytest.mark.parametrize("args", [
    ["set", "{plan}", "--status-date", "{day}"],
    ["set", "{plan}", "--go-live", "{day}"],
    ["check", "{plan}", "--as-of", "{day}"],
    ["briefing", "{plan}", "-o", "{out}", "--as-of", "{day}"],
    ["briefing", "{plan}", "-o", "{out}", "--meeting", "{day}"],
    ["import", "{plan}", "staff", "{out}", "--as-of", "{day}"],
    ["history", "{plan}", "--purge-before", "{day}"],
    ["new", "{out}", "--council", "C", "--trust", "T", "--go-live", "{day}"],
], ids=lambda args: " ".join(a for a in args if not a.startswith("{")))
@pytest.mark.parametrize("day", ["0001-01-01", "31/12/9999", "0000-01-01", "1 January 2101", "31/12/1989"])
def test_a_date_argument_out_of_range_is_a_usage_error_in_one_line(cli, demo, plan_data_dump, tmp_path, args, day):
    before = plan_data_dump(demo)
    result = cli(*[a.format(plan=demo, out=tmp_path / "x.pdf", day=day) for a in args])
    assert result.rc == 2
    [line] = result.err.splitlines()
    assert f"'{day}' {RANGE}" in line
    assert plan_data_dump(demo) == before


@pytest.mark.parametrize("day", ["01/01/1990", "2100-12-31"])
def test_the_range_s_own_ends_are_accepted(cli, demo, day):
    assert cli("check", demo, "--as-of", day).rc in (0, 1)  # 1: schedule problems, listed


def test_an_import_with_dates_out_of_range_is_refused_by_row_and_column(cli, demo, plan_data_dump, write_csv):
    path = write_csv("m.csv", [
        ["ref", "title", "workstream", "stage", "baseline", "forecast", "actual"],
        ["N1", "New", "Finance", "shadow", "2017-03-01", "", "0001-01-01"],
        ["N2", "New", "Finance", "shadow", "9999-12-31", "", ""],
        ["N3", "New", "Finance", "shadow", "2017-03-01", "01/01/3000", ""],
    ])
    before = plan_data_dump(demo)
    result = cli("import", demo, "milestones", path)
    assert result.rc == 1
    assert result.err.splitlines() == [
        f"{path}:2: actual: '0001-01-01' {RANGE}",
        f"{path}:3: baseline: '9999-12-31' {RANGE}",
        f"{path}:4: forecast: '01/01/3000' {RANGE}",
        "Rejected: 3 problem(s); nothing was changed.",
    ]
    assert plan_data_dump(demo) == before


@pytest.mark.parametrize("year", ["0000/01", "9999/00", "1989/90", "2100/01"])
def test_a_budget_year_out_of_range_is_refused(cli, demo, plan_data_dump, write_csv, year):
    path = write_csv("b.csv", [
        ["service", "year", "cost_centre", "budget", "forecast"],
        ["Children's social care", year, "SC999", "100.00", "100.00"],
    ])
    before = plan_data_dump(demo)
    result = cli("import", demo, "budget", path)
    assert result.rc == 1
    assert result.err.splitlines()[0] == f"{path}:2: year: '{year}' {YEARS}"
    assert plan_data_dump(demo) == before


def test_a_staff_transfer_date_out_of_range_is_refused(cli, demo, write_csv):
    path = write_csv("s.csv", [
        ["ref", "service", "employment", "fte", "annual_cost", "transfer_date"],
        ["TFC-1", "Children's social care", "permanent", "1", "30000", "0001-01-01"],
    ])
    result = cli("import", demo, "staff", path)
    assert result.rc == 1
    assert result.err.splitlines()[0] == f"{path}:2: transfer_date: '0001-01-01' {RANGE}"
