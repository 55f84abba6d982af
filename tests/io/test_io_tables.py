"""Reading CSV and XLSX files into rows numbered as the spreadsheet shows them."""

from datetime import date, datetime

import pytest

from trustplanner.domain.problems import ValidationFailed
from trustplanner.io.tables import read_table

REQUIRED = ("ref", "title")
OPTIONAL = ("baseline", "commentary", "depends_on")


def read(path, kind="milestones"):
    return read_table(path, kind, required=REQUIRED, optional=OPTIONAL, free_text=("commentary",))


def problems_of(path, kind="milestones"):
    with pytest.raises(ValidationFailed) as caught:
        read(path, kind)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp1252"])
def test_csv_as_excel_saves_it_keeps_the_pound_sign(tmp_path, encoding):
    path = tmp_path / "m.csv"
    path.write_bytes("ref,title,commentary\r\nA1,Budget £2m,Costs – £3\r\n".encode(encoding))
    table = read(path)
    assert table.columns == ["ref", "title", "commentary"]
    assert table.rows == [(2, {"ref": "A1", "title": "Budget £2m", "commentary": "Costs – £3"})]


def test_header_is_case_insensitive_and_spaces_or_hyphens_mean_underscores(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text(" REF ,Title,Depends On,commentary\nA1,x,B1,\n", encoding="utf-8")
    table = read(path)
    assert table.rows[0][1]["depends_on"] == "B1"
    path.write_text("Ref,TITLE,depends-on\nA1,x,B2\n", encoding="utf-8")
    assert read(path).rows[0][1]["depends_on"] == "B2"


def test_blank_rows_are_skipped_but_later_rows_keep_their_spreadsheet_numbers(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("ref,title\nA1,x\n\n,\n  ,  \nA2,y\n", encoding="utf-8")
    assert [(number, cells["ref"]) for number, cells in read(path).rows] == [(2, "A1"), (6, "A2")]


def test_a_line_break_inside_a_quoted_cell_is_one_spreadsheet_row(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text('ref,title,commentary\nA1,x,"two\nlines, and ""quotes"""\nA2,y,\n', encoding="utf-8")
    rows = read(path).rows
    assert rows[0] == (2, {"ref": "A1", "title": "x", "commentary": 'two\nlines, and "quotes"'})
    assert rows[1][0] == 3


def test_cells_are_trimmed_and_short_rows_padded(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("ref,title,commentary\n  A1 , x \n", encoding="utf-8")
    assert read(path).rows == [(2, {"ref": "A1", "title": "x", "commentary": ""})]


def test_extra_columns_are_ignored_and_named(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("ref,Notes,title,RAG colour\nA1,n,x,pink\n", encoding="utf-8")
    table = read(path)
    assert table.ignored_columns == ["Notes", "RAG colour"]
    assert table.rows == [(2, {"ref": "A1", "title": "x"})]


def test_a_column_twice_in_the_header_is_reported_on_row_one(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("ref,title,Ref\nA1,x,A2\n", encoding="utf-8")
    assert problems_of(path) == [f"{path}:1: Ref: column appears twice in the header"]  # as the file heads it


def test_every_missing_required_column_is_reported(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("baseline,commentary\n2017-01-01,x\n", encoding="utf-8")
    found = problems_of(path)
    assert len(found) == 2
    assert any(p.startswith(f"{path}:1: ref: ") and "missing" in p for p in found)
    assert any(p.startswith(f"{path}:1: title: ") and "missing" in p for p in found)


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"", "empty"),
        (b"\xef\xbb\xbf\r\n  \r\n", "empty"),
        (b"ref,title\r\n", "no data rows"),
        (b"ref,title\r\n,\r\n\r\n", "no data rows"),
        (b"ref,\x00title\x00\x01\x02\xff", "binary"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n", "PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), ".xls"),
        (b"PK\x03\x04 this is not really a zip file", "not a readable Excel workbook"),
    ],
    ids=["empty", "bom-and-blank-lines", "header-only", "header-and-blank-rows", "binary", "pdf", "old-xls",
         "broken-zip"],
)
def test_files_that_are_not_tables_give_one_problem_naming_the_file(tmp_path, content, says):
    path = tmp_path / "input.csv"
    path.write_bytes(content)
    found = problems_of(path)
    assert len(found) == 1
    assert found[0].startswith(f"{path}: ")
    assert says in found[0]


def test_missing_file_and_folder(tmp_path):
    assert "no such file" in problems_of(tmp_path / "nope.csv")[0]
    assert "folder" in problems_of(tmp_path)[0]


def test_workbook_uses_the_sheet_named_like_the_kind_even_when_not_first(write_xlsx):
    path = write_xlsx("plan.xlsx", {
        "Read me": [["This workbook holds the plan"]],
        "Services": [["name"], ["Early help"]],
        " Milestones ": [["Ref", "Title", "Baseline"], ["A1", "x", datetime(2016, 9, 1)],
                         ["A2", "y", date(2017, 4, 1)], ["A3", "z", "01/09/2016"]],
    })
    table = read(path)
    assert [(n, c["ref"], c["baseline"]) for n, c in table.rows] == [
        (2, "A1", "2016-09-01"), (3, "A2", "2017-04-01"), (4, "A3", "01/09/2016")]


def test_workbook_falls_back_to_the_first_sheet_when_it_is_not_named_for_other_data(write_xlsx):
    path = write_xlsx("plan.xlsx", {"Sheet1": [["ref", "title"], ["A1", "x"]], "budget": [["line"]]})
    assert read(path).rows == [(2, {"ref": "A1", "title": "x"})]


def test_workbook_without_a_sheet_for_the_kind_is_refused_naming_its_sheets(write_xlsx):
    path = write_xlsx("plan.xlsx", {"services": [["name"], ["Early help"]], "budget": [["line"], ["1"]]})
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}: ")
    assert "milestones" in problem and "services" in problem and "budget" in problem


def test_workbook_rows_keep_spreadsheet_numbers_with_blank_rows_and_numbers_as_text(write_xlsx):
    path = write_xlsx("m.xlsx", {"milestones": [
        [None, None], ["ref", "title"], ["A1", 17], [None, None], ["A2", 2.0], [" A3 ", 2.5]]})
    assert [(n, c["ref"], c["title"]) for n, c in read(path).rows] == [
        (3, "A1", "17"), (5, "A2", "2"), (6, "A3", "2.5")]


def test_empty_workbook_sheet_is_refused(write_xlsx):
    path = write_xlsx("m.xlsx", {"milestones": []})
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}: ") and "empty" in problem
