"""Hostile and broken workbooks are refused in bounded time with one line, and change nothing.

Every hostile workbook is built here from a real one (openpyxl writes it, then a part is
replaced with zipfile), and stays small on disk however much it claims or expands to.
"""

from __future__ import annotations

import time
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from trustplanner.io import tables

HEADER = ["ref", "title", "workstream", "service", "stage", "owner", "baseline", "forecast", "actual",
          "depends_on", "rag", "commentary"]
GOOD_ROW = ["N1", "New milestone", "Finance", "", "shadow", "", "2017-03-01", "", "", "", "", ""]
SHEET = "xl/worksheets/sheet1.xml"
MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
#: a sheet whose only rows are the header and GOOD_ROW, as inline strings
SHEET_ROWS = ('<row r="1">' + "".join(f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{name}</t></is></c>'
                                     for i, name in enumerate(HEADER)) + "</row>"
              '<row r="2">' + "".join(f'<c r="{chr(65 + i)}2" t="inlineStr"><is><t>{value}</t></is></c>'
                                     for i, value in enumerate(GOOD_ROW) if value) + "</row>")


@pytest.fixture
def workbook(write_xlsx):
    """A valid milestones workbook (header and one good row)."""
    return write_xlsx("milestones.xlsx", {"milestones": [HEADER, GOOD_ROW]})


def replaced(path: Path, parts: dict[str, bytes | None], name: str = "hostile.xlsx") -> Path:
    """A copy of workbook ``path`` with ``parts`` replaced (None: removed)."""
    target = path.with_name(name)
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            if item.filename in parts:
                continue
            out.writestr(item, source.read(item.filename))
        for part, data in parts.items():
            if data is not None:
                out.writestr(part, data)
    return target


def sheet_xml(rows: str, *, prolog: str = "", dimension: str = "") -> bytes:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
            f"<worksheet {MAIN}>{dim}<sheetData>{rows}</sheetData></worksheet>").encode()


def refused_in_one_line(cli, plan, path, *fragments, within: float = 10.0) -> str:
    started = time.monotonic()
    result = cli("import", plan, "milestones", path)
    elapsed = time.monotonic() - started
    assert elapsed < within, f"took {elapsed:.1f} s"
    assert result.rc == 1, result
    lines = result.err.splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith(f"{path}: "), lines
    assert lines[1] == "Rejected: 1 problem(s); nothing was changed."
    for fragment in fragments:
        assert fragment.casefold() in lines[0].casefold(), lines[0]
    assert "unexpected" not in result.err and "Error" not in result.err
    return lines[0]


BILLION_LAUGHS = ('<!DOCTYPE worksheet [<!ENTITY lol "lol">'
                  + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">'
                            for i in range(1, 10)) + "]>")


def test_the_workbook_reader_parses_xml_with_defusedxml():
    import openpyxl.xml
    import openpyxl.xml.functions

    assert openpyxl.xml.DEFUSEDXML
    assert openpyxl.xml.functions.iterparse.__module__.startswith("defusedxml")


@pytest.mark.parametrize("hidden", [False, True], ids=["at-the-start", "after-a-long-comment"])
def test_a_billion_laughs_sheet_is_refused_quickly_in_one_line(cli, sample_plan, plan_data_dump, workbook, hidden):
    # after a 5 KB comment the declaration is past the reader's own look at the start of the part,
    # so it is defusedxml that refuses it
    prolog = ("<!--" + " " * 5000 + "-->" if hidden else "") + BILLION_LAUGHS
    path = replaced(workbook, {SHEET: sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>',
                                                prolog=prolog)})
    assert path.stat().st_size < 10_000
    before = plan_data_dump(sample_plan)
    refused_in_one_line(cli, sample_plan, path, "entit")
    assert plan_data_dump(sample_plan) == before


@pytest.mark.parametrize("part", ["xl/sharedStrings.xml", "xl/workbook.xml", "[Content_Types].xml"])
def test_entities_in_any_part_are_refused(cli, sample_plan, write_xlsx, part):
    source = write_xlsx("m.xlsx", {"milestones": [HEADER, GOOD_ROW]})
    with zipfile.ZipFile(source) as archive:
        original = archive.read(part) if part in archive.namelist() else b'<sst xmlns="x"/>'
    body = original.split(b"?>", 1)[-1]
    path = replaced(source, {part: b'<?xml version="1.0"?>' + BILLION_LAUGHS.encode() + body})
    refused_in_one_line(cli, sample_plan, path, "entit")


def test_an_external_entity_is_never_read(cli, sample_plan, plan_data_dump, workbook, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-PAYROLL-LINE", encoding="utf-8")
    prolog = "<!--" + " " * 5000 + f'--><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
    rows = SHEET_ROWS.replace("<t>New milestone</t>", "<t>&xxe;</t>")
    path = replaced(workbook, {SHEET: sheet_xml(rows, prolog=prolog)})
    before = plan_data_dump(sample_plan)
    line = refused_in_one_line(cli, sample_plan, path, "external")
    assert "SECRET" not in line
    assert plan_data_dump(sample_plan) == before
    assert cli("export", sample_plan, tmp_path / "out").rc == 0
    assert "SECRET" not in (tmp_path / "out" / "milestones.csv").read_text(encoding="utf-8-sig")


def test_a_small_workbook_that_unzips_past_the_limit_is_refused_before_it_is_read(cli, sample_plan, workbook,
                                                                               tmp_path):
    path = tmp_path / "bomb.xlsx"
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 20_000  # 960 kB
    with zipfile.ZipFile(workbook) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            if item.filename != SHEET:
                out.writestr(item, source.read(item.filename))
        with out.open(SHEET, "w") as stream:  # 110 MB of rows
            stream.write(sheet_xml("").split(b"</sheetData>")[0])
            for _ in range(110 * tables.MEGABYTE // len(row) + 1):
                stream.write(row)
            stream.write(b"</sheetData></worksheet>")
    assert path.stat().st_size < 2_000_000
    refused_in_one_line(cli, sample_plan, path, "unzips to 1", "the most an import takes is 100 MB")


def test_a_sheet_claiming_too_many_cells_is_refused_with_the_numbers(cli, sample_plan, workbook):
    path = replaced(workbook, {SHEET: sheet_xml(SHEET_ROWS, dimension="A1:O100000")})
    refused_in_one_line(cli, sample_plan, path, "has 1,500,000 cells (100,000 rows by 15 columns)",
                        "the most an import takes is 1,000,000")


def test_a_sheet_claiming_the_whole_grid_is_refused_at_once(cli, sample_plan, workbook):
    path = replaced(workbook, {SHEET: sheet_xml(SHEET_ROWS, dimension="A1:XFD1048576")})
    refused_in_one_line(cli, sample_plan, path, "17,179,869,184 cells", within=5)


def test_cells_are_counted_as_read_so_a_lying_dimension_does_not_get_past_the_limit(
        cli, sample_plan, workbook, monkeypatch):
    monkeypatch.setattr(tables, "MAX_CELLS", 5_000)
    rows = "".join(f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>R{n}</t></is></c></row>' for n in range(3, 6_000))
    path = replaced(workbook, {SHEET: sheet_xml(SHEET_ROWS + rows, dimension="A1:B2")})
    refused_in_one_line(cli, sample_plan, path, "more than 5,000 cells")


@pytest.mark.parametrize("far", ["A1048576", "XFD3"])
def test_one_far_away_cell_cannot_make_millions_of_empty_ones(cli, sample_plan, workbook, monkeypatch, far):
    """The rows before it and the cells left of it count: each row as at least one cell."""
    monkeypatch.setattr(tables, "MAX_CELLS", 10_000)
    row = far.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    cell = f'<row r="{row}"><c r="{far}" t="inlineStr"><is><t>x</t></is></c></row>'
    path = replaced(workbook, {SHEET: sheet_xml(SHEET_ROWS + cell)})  # no dimension: nothing claimed
    refused_in_one_line(cli, sample_plan, path, "more than 10,000 cells")


def test_rows_past_a_too_small_dimension_are_read_not_dropped(sample_plan, workbook):
    extra = ('<row r="3">' + "".join(f'<c r="{chr(65 + i)}3" t="inlineStr"><is><t>{v}</t></is></c>'
                                    for i, v in enumerate(["N2", "Second", "Finance", "", "shadow", "",
                                                           "2017-03-02"]) if v) + "</row>")
    path = replaced(workbook, {SHEET: sheet_xml(SHEET_ROWS + extra, dimension="A1:B2")})
    table = tables.read_table(path, "milestones", required=("ref", "title", "baseline"), optional=())
    assert [(number, cells["ref"], cells["baseline"]) for number, cells in table.rows] == [
        (2, "N1", "2017-03-01"), (3, "N2", "2017-03-02")]


def test_reading_a_sheet_is_bounded_in_time(cli, sample_plan, workbook, monkeypatch):
    monkeypatch.setattr(tables, "MAX_READ_SECONDS", 0.0)
    rows = "".join(f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>R{n}</t></is></c></row>' for n in range(3, 3_000))
    path = replaced(workbook, {SHEET: sheet_xml(SHEET_ROWS + rows)})
    refused_in_one_line(cli, sample_plan, path, "took more than 0 s to read")


@pytest.mark.parametrize("keep", [0.2, 0.5, 0.9, 0.99])
def test_a_cut_short_workbook_is_one_line(cli, sample_plan, plan_data_dump, workbook, tmp_path, keep):
    data = workbook.read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(data[:int(len(data) * keep)])
    before = plan_data_dump(sample_plan)
    refused_in_one_line(cli, sample_plan, path, "not a readable Excel workbook")
    assert plan_data_dump(sample_plan) == before


@pytest.mark.parametrize(("content", "says"), [
    (sheet_xml(SHEET_ROWS)[:-200], "malformed"),  # the sheet's XML cut short
    (b"<worksheet><sheetData><row><c><v>1</v></row></sheetData></worksheet>", "malformed"),
    (b"\x00\xff not xml at all", "malformed"),
], ids=["sheet-cut-short", "bad-xml", "binary"])
def test_a_malformed_sheet_is_one_line(cli, sample_plan, workbook, content, says):
    path = replaced(workbook, {SHEET: content})
    refused_in_one_line(cli, sample_plan, path, "not a readable Excel workbook", says)


def test_a_workbook_whose_sheet_part_is_missing_has_no_such_sheet(cli, sample_plan, workbook):
    path = replaced(workbook, {SHEET: None})
    refused_in_one_line(cli, sample_plan, path, "has no sheet named 'milestones'")


@pytest.mark.parametrize("part", ["xl/workbook.xml", "[Content_Types].xml", "xl/_rels/workbook.xml.rels",
                                  "xl/styles.xml"])
def test_a_workbook_without_one_of_its_parts_is_one_line(cli, sample_plan, workbook, part):
    path = replaced(workbook, {part: None})
    result = cli("import", sample_plan, "milestones", path)
    if result.rc == 0:  # openpyxl manages without some parts; then the import is the good row's
        assert "1 added" in result.out
        return
    refused_in_one_line(cli, sample_plan, path, "not a readable Excel workbook")


def test_a_zip_that_is_not_a_workbook_is_one_line(cli, sample_plan, tmp_path):
    path = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("holiday.jpg", b"\xff\xd8\xff" + bytes(100))
    refused_in_one_line(cli, sample_plan, path, "not a readable Excel workbook")


def test_a_file_past_the_size_limit_is_refused_before_it_is_read(cli, sample_plan, tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.csv"
    path.write_text(",".join(HEADER) + "\n" + ("x," * 600) + "\n", encoding="utf-8")
    refused_in_one_line(cli, sample_plan, path, "the most an import takes is 1,000 bytes")


def test_a_csv_past_the_cell_limit_is_refused(cli, sample_plan, tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "MAX_CELLS", 100)
    path = tmp_path / "many.csv"
    path.write_text(",".join(HEADER) + "\n" + "\n".join(",".join(GOOD_ROW) for _ in range(20)), encoding="utf-8")
    refused_in_one_line(cli, sample_plan, path, "has more than 100 cells")


def test_dates_out_of_range_in_date_cells_are_refused_by_row_and_column(cli, sample_plan, write_xlsx):
    long_ago = [*GOOD_ROW[:6], datetime(1900, 1, 1), *GOOD_ROW[7:]]
    path = write_xlsx("dates.xlsx", {"milestones": [HEADER, long_ago]})
    result = cli("import", sample_plan, "milestones", path)
    assert result.rc == 1
    assert f"{path}:2: baseline: '1900-01-01' is outside the dates TrustPlanner accepts (01/01/1990 to 31/12/2100)" \
        in result.err.splitlines()


def test_a_date_serial_past_any_calendar_is_refused_by_row_and_column(cli, sample_plan, write_xlsx):
    source = write_xlsx("dates.xlsx", {"milestones": [HEADER, [*GOOD_ROW[:6], datetime(2017, 3, 1), *GOOD_ROW[7:]]]})
    with zipfile.ZipFile(source) as archive:
        sheet = archive.read(SHEET)
    assert b"<v>42795</v>" in sheet  # 01/03/2017 as Excel's serial
    path = replaced(source, {SHEET: sheet.replace(b"<v>42795</v>", b"<v>99999999</v>")})
    result = cli("import", sample_plan, "milestones", path)
    assert result.rc == 1
    lines = result.err.splitlines()
    assert lines[0].startswith(f"{path}:2: baseline: ") and "is not a date" in lines[0], lines
    assert "Warning" not in result.err and "unexpected" not in result.err


def test_a_valid_workbook_still_imports(cli, sample_plan, workbook):
    result = cli("import", sample_plan, "milestones", workbook)
    assert result.rc == 0, result.err
    assert "1 added" in result.out


def test_a_workbook_as_excel_writes_it_with_escaped_characters_reads_them(workbook):
    """Excel writes a control character in a cell as _xHHHH_ (and a literal "_x" as _x005F_x)."""
    rows = SHEET_ROWS.replace("<t>New milestone</t>", "<t>Tab_x0009_here and _x005F_x0041_ stays</t>")
    path = replaced(workbook, {SHEET: sheet_xml(rows)})
    table = tables.read_table(path, "milestones", required=("ref", "title"), optional=(), free_text=("title",))
    assert table.rows[0][1]["title"] == "Tab\there and _x0041_ stays"


def test_a_csv_cut_short_part_way_through_a_row_is_refused_with_its_row(tmp_path):
    from trustplanner.domain.problems import ValidationFailed
    from trustplanner.io.tables import read_table

    whole = "ref,title,owner\r\nA-1,First,Jo\r\nA-2,Second,Sam\r\n"
    cut = tmp_path / "cut.csv"
    cut.write_text(whole[: whole.index("Second") + 3], encoding="utf-8")
    with pytest.raises(ValidationFailed) as refused:
        read_table(cut, "milestones", required=("ref", "title"), optional=("owner",))
    assert str(refused.value) == f"{cut}:3: the file seems cut short: its last row stops after 2 of 3 columns; " \
                                 "import the whole file"
    unterminated = tmp_path / "whole.csv"
    unterminated.write_text(whole.rstrip("\r\n"), encoding="utf-8")  # complete rows, no final line break: fine
    table = read_table(unterminated, "milestones", required=("ref", "title"), optional=("owner",))
    assert [cells["owner"] for _, cells in table.rows] == ["Jo", "Sam"]
