"""Edge cases of the cheaper cell and row handling: remembered dates, blank and short rows."""

from __future__ import annotations

from datetime import date

import pytest

from trustplanner.domain.problems import Problem
from trustplanner.io.rows import RowReader
from trustplanner.io.tables import read_table
from trustplanner.io.values import CellError, parse_date, parse_optional_date, parse_refs


def test_a_remembered_date_is_the_same_date_and_a_bad_one_fails_every_time():
    assert parse_date(" 01/04/2017 ") == parse_date("01/04/2017") == date(2017, 4, 1)
    for _ in range(2):
        with pytest.raises(CellError, match="'31/02/2017' is not a real date"):
            parse_date(" 31/02/2017")
    assert parse_optional_date("  \t") is None


@pytest.mark.parametrize(("text", "refs"), [
    ("", ()), ("   ", ()), (" ;, ", ()), ("A; B,A ;;C", ("A", "B", "C")), ("\u00a0A\u00a0", ("A",)),
])
def test_refs(text, refs):
    assert parse_refs(text) == refs


def test_row_dates_report_each_problem_once():
    problems: list[Problem] = []
    row = RowReader("f.csv", 7, {"baseline": "", "forecast": "1/13/2017", "actual": " 2017-01-03 "}, problems)
    assert row.date("baseline", required=True) is None
    assert row.date("forecast") is None
    assert row.date("actual") == date(2017, 1, 3)
    assert row.date("missing") is None
    assert [(p.row, p.column) for p in problems] == [(7, "baseline"), (7, "forecast")]
    assert problems[0].message == "baseline date is required"


def test_blank_rows_are_skipped_and_short_rows_padded(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("ref,title,ignored,commentary\r\n"
                    "A1,First\r\n"
                    " ,\t, \u00a0,\r\n"
                    "A2,Second,x, note \r\n"
                    ",,,\r\n"
                    "A3\r\n", encoding="utf-8")
    table = read_table(path, "milestones", required=("ref", "title"), optional=("commentary",))
    assert table.ignored_columns == ["ignored"]
    assert table.rows == [
        (2, {"ref": "A1", "title": "First", "commentary": ""}),
        (4, {"ref": "A2", "title": "Second", "commentary": "note"}),
        (6, {"ref": "A3", "title": "", "commentary": ""}),
    ]
