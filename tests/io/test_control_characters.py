"""Control characters in a cell are refused by row and column, naming the character, in CSV and XLSX.

Tabs and line breaks are allowed in free-text columns only: a milestone's commentary, a budget
line's description, a savings plan's description and mitigation.
"""

from __future__ import annotations

import zipfile

import pytest

HEADER = ["ref", "title", "workstream", "stage", "baseline", "commentary"]


def good(ref="N1", title="New milestone", commentary=""):
    return [ref, title, "Finance", "shadow", "2017-03-01", commentary]


@pytest.mark.parametrize(("text", "says"), [
    ("Ab\x00cd", "contains a NUL character (U+0000) at position 3; delete it"),
    ("Red \x1b[31mtitle", "contains a control character (U+001B) at position 5; delete it"),
    ("Bell\x07", "contains a control character (U+0007) at position 5; delete it"),
    ("Del\x7f", "contains a control character (U+007F) at position 4; delete it"),
    ("Next\x85line", "contains a control character (U+0085) at position 5; delete it"),
    ("abc\u202edcba", "contains a text-direction control character (U+202E) at position 4, which changes how the "
                      "text around it is shown; delete it"),
    ("iso\u2066late", "contains a text-direction control character (U+2066) at position 4, which changes how the "
                      "text around it is shown; delete it"),
    ("Two\nlines", "contains a line break at position 4; only commentary may have tabs and line breaks"),
    ("Tab\there", "contains a tab at position 4; only commentary may have tabs and line breaks"),
    ("Carriage\rreturn", "contains a line break at position 9; only commentary may have tabs and line breaks"),
    ("Line\u2028separator", "contains a line break at position 5; only commentary may have tabs and line breaks"),
], ids=["nul", "escape", "bell", "del", "c1-next-line", "right-to-left-override", "isolate", "newline", "tab",
        "carriage-return", "line-separator"])
def test_a_control_character_in_a_title_is_refused_naming_it(cli, sample_plan, plan_data_dump, write_csv, text,
                                                            says):
    path = write_csv("m.csv", [HEADER, good(title=text)])
    before = plan_data_dump(sample_plan)
    result = cli("import", sample_plan, "milestones", path)
    assert result.rc == 1
    assert result.err.splitlines() == [f"{path}:2: title: {says}", "Rejected: 1 problem(s); nothing was changed."]
    assert plan_data_dump(sample_plan) == before


def test_tabs_and_line_breaks_are_kept_in_a_commentary(cli, sample_plan, write_csv, tmp_path):
    commentary = "First line\n\tindented second line\r\nthird"
    path = write_csv("m.csv", [HEADER, good(commentary=commentary)])
    assert cli("import", sample_plan, "milestones", path).rc == 0
    assert cli("export", sample_plan, tmp_path / "out").rc == 0
    assert commentary.replace("\r\n", "\n") in (tmp_path / "out" / "milestones.csv").read_text(
        encoding="utf-8-sig").replace("\r\n", "\n")


def test_other_control_characters_are_refused_in_a_commentary_too(cli, sample_plan, write_csv):
    path = write_csv("m.csv", [HEADER, good(commentary="ok\nbut \x1b here")])
    result = cli("import", sample_plan, "milestones", path)
    assert result.rc == 1
    assert result.err.splitlines()[0] == f"{path}:2: commentary: contains a control character (U+001B) at position " \
                                         "8; delete it"


def test_whitespace_around_a_cell_is_trimmed_not_refused(cli, sample_plan, write_csv, tmp_path):
    path = write_csv("m.csv", [HEADER, good(title="\t New milestone \n")])
    assert cli("import", sample_plan, "milestones", path).rc == 0
    assert cli("export", sample_plan, tmp_path / "out").rc == 0
    assert "N1,New milestone," in (tmp_path / "out" / "milestones.csv").read_text(encoding="utf-8-sig")


def test_every_cell_with_a_control_character_is_listed(cli, sample_plan, write_csv):
    path = write_csv("m.csv", [HEADER, good("N1", "A\x00"), good("N2"), good("N3\x1b", "Line\nbreak")])
    result = cli("import", sample_plan, "milestones", path)
    assert result.rc == 1
    assert [line.split(": ")[0:2] for line in result.err.splitlines()[:-1]] == [
        [f"{path}:2", "title"], [f"{path}:4", "ref"], [f"{path}:4", "title"]]
    assert result.err.splitlines()[-1] == "Rejected: 3 problem(s); nothing was changed."


def test_a_nul_in_a_cell_of_a_text_file_is_a_cell_problem_not_binary(cli, sample_plan, write_csv):
    path = write_csv("m.csv", [HEADER, *[good(f"N{i}") for i in range(1, 5)], good("N5", "Bad\x00title")])
    result = cli("import", sample_plan, "milestones", path)
    assert result.err.splitlines()[0] == f"{path}:6: title: contains a NUL character (U+0000) at position 4; delete it"


def test_a_staff_name_may_not_hold_a_line_break(cli, sample_plan, write_csv):
    path = write_csv("s.csv", [["ref", "name", "service", "employment", "fte", "annual_cost"],
                               ["TFC-1", "Ann\nSmith", "Early help", "permanent", "1", "30000"]])
    result = cli("import", sample_plan, "staff", path)
    assert result.rc == 1
    assert result.err.splitlines()[0] == (f"{path}:2: name: contains a line break at position 4; tabs and line "
                                          "breaks are for free-text columns only")


def test_a_savings_mitigation_may_hold_line_breaks_but_its_ref_may_not(cli, demo_file, tmp_path, write_csv):
    import shutil

    plan = tmp_path / "demo.tplan"
    shutil.copyfile(demo_file, plan)
    header = ["ref", "service", "year", "description", "target", "forecast", "rag", "mitigation"]
    ok = write_csv("ok.csv", [header, ["SV-N1", "Children's social care", "2016/17", "Two\nlines", "100.00",
                                       "50.00", "red", "Step one\nStep two"]])
    assert cli("import", plan, "savings", ok).rc == 0
    bad = write_csv("bad.csv", [header, ["SV\tN2", "Children's social care", "2016/17", "", "100.00", "50.00",
                                         "green", ""]])
    result = cli("import", plan, "savings", bad)
    assert result.err.splitlines()[0] == (f"{bad}:2: ref: contains a tab at position 3; only description or "
                                          "mitigation may have tabs and line breaks")


def test_control_characters_in_a_workbook_are_refused_the_same_way(cli, sample_plan, write_xlsx):
    """Excel stores a control character in a cell as _xHHHH_; openpyxl writes line breaks as they are."""
    source = write_xlsx("m.xlsx", {"milestones": [HEADER, good("N1", "Line\nbreak"), good("N2", "ESCAPE_MARK"),
                                                  good("N3", commentary="Two\nlines are fine")]})
    path = source.with_name("escaped.xlsx")
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in archive.infolist():
            out.writestr(item, archive.read(item.filename).replace(b"ESCAPE_MARK", b"Esc_x001B_[31m"))
    result = cli("import", sample_plan, "milestones", path)
    assert result.rc == 1
    assert result.err.splitlines() == [
        f"{path}:2: title: contains a line break at position 5; only commentary may have tabs and line breaks",
        f"{path}:3: title: contains a control character (U+001B) at position 4; delete it",
        "Rejected: 2 problem(s); nothing was changed.",
    ]
