"""An amount too big for any council (or for SQLite) is a cell problem, never "damaged" or an internal error."""

import csv
import shutil

import pytest


@pytest.mark.parametrize("kind, column", [("savings", "target"), ("savings", "forecast"), ("budget", "budget"),
                                          ("staff", "annual_cost")])
@pytest.mark.parametrize("amount", ["99999999999999999999", "-99999999999999999999", "10000000000.01"])
def test_a_huge_amount_is_refused_at_its_row_and_column(demo_file, tmp_path, cli, plan_data_dump, kind, column,
                                                       amount):
    plan = tmp_path / "plan.tplan"
    shutil.copy(demo_file, plan)
    assert cli("export", plan, tmp_path / "out", "--with-personal-data").rc == 0
    rows = list(csv.reader((tmp_path / "out" / f"{kind}.csv").open(encoding="utf-8-sig")))
    rows[1][rows[0].index(column)] = amount
    changed = tmp_path / f"{kind}.csv"
    with changed.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    before = plan_data_dump(plan)
    args = ["import", plan, kind, changed] + (["--as-of", "2017-01-20"] if kind in ("staff", "budget") else [])
    result = cli(*args)
    assert result.rc == 1, result.err
    assert f"{changed}:2: {column}: '{amount}' is more than £10,000,000,000" in result.err
    assert "damaged" not in result.err and "unexpected" not in result.err
    assert plan_data_dump(plan) == before
