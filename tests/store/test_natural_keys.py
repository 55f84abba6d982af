"""Every natural key is unique in the plan file itself, so not even a bug can store a record twice,
and plans that an older TrustPlanner's racing imports left with duplicates upgrade without losing a row.

The duplicates are made as those races made them: more versions of one person than running the
imports one after the other would have left (revision 0006, docs in its migration).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from trustplanner.services import history
from trustplanner.services.staff import load_staff
from trustplanner.store.disk import DuplicateRefused
from trustplanner.store.plan_file import _alembic_config, head_revision, open_plan_file


@pytest.fixture
def plan_path(demo_file, tmp_path):
    path = tmp_path / "plan.tplan"
    shutil.copyfile(demo_file, path)
    return path


def _columns(db: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in db.execute(f"PRAGMA table_info({table})")]


# (table, what to change in the copy of its first row, or None: an exact copy but for the id)
DUPLICATES = [
    pytest.param("service", {}, id="service-name"),
    pytest.param("milestone", {}, id="milestone-ref"),
    pytest.param("budget_line", {"description": "'another description'"}, id="budget-line-year-and-cost-centre"),
    pytest.param("savings_plan", {"target": "1"}, id="savings-ref"),
    pytest.param("staff_version", {"annual_cost": "1"}, id="staff-ref-and-start"),
    pytest.param("staff_version", {"valid_from": "'2016-12-01'"}, id="staff-second-open-version"),
]


@pytest.mark.parametrize(("table", "changes"), DUPLICATES)
def test_a_second_copy_of_a_natural_key_is_refused_even_through_a_bug_and_changes_nothing(
        plan_path, plan_data_dump, table, changes):
    db = sqlite3.connect(plan_path)
    columns = [c for c in _columns(db, table) if c != "id"]
    db.close()
    values = ", ".join(changes.get(c, f'"{c}"') for c in columns)
    where = "WHERE valid_to IS NULL" if table == "staff_version" else ""
    before = plan_data_dump(plan_path)
    with open_plan_file(plan_path) as plan:
        with pytest.raises(DuplicateRefused) as refused:
            with history.change(plan, "a buggy write") as unit:
                unit.session.execute(text(
                    f"INSERT INTO {table} ({', '.join(columns)}) SELECT {values} FROM {table} {where} "
                    "ORDER BY id LIMIT 1"))
    message = str(refused.value)
    assert message.startswith("plan.tplan: nothing was changed: the change would have stored one record twice (")
    assert table in message and "\n" not in message
    assert plan_data_dump(plan_path) == before


def _at_revision_0005(path) -> None:
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        config = _alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0005")
    engine.dispose()


def _rows(db: sqlite3.Connection, where: str) -> list[dict]:
    db.row_factory = sqlite3.Row
    rows = [dict(r) for r in db.execute(f"SELECT * FROM staff_version WHERE {where} ORDER BY id")]
    db.row_factory = None
    return rows


def _store_copy(db: sqlite3.Connection, row: dict, **changes) -> int:
    copy = {**row, **changes}
    del copy["id"]
    return db.execute(f"INSERT INTO staff_version ({', '.join(copy)}) VALUES ({', '.join('?' for _ in copy)})",
                      tuple(copy.values())).lastrowid


def test_a_plan_holding_racing_imports_duplicates_upgrades_as_if_they_had_run_one_after_the_other(plan_path, cli):
    _at_revision_0005(plan_path)
    db = sqlite3.connect(plan_path)
    open_rows = _rows(db, "valid_to IS NULL")
    refs_before = sorted({r["ref"] for r in open_rows})
    twice = open_rows[:5]  # the same extract imported twice at once: exact copies
    exact = [_store_copy(db, row) for row in twice]
    clash = open_rows[5]  # two different extracts of one date at once: the one stored later stands
    clash_copy = _store_copy(db, clash, annual_cost=clash["annual_cost"] + 100_00)
    later = open_rows[6]  # extracts of two dates at once: both versions were left open
    later_copy = _store_copy(db, later, valid_from="2017-02-01", grade="PO4")
    db.commit()
    replaced = [r["id"] for r in twice] + [clash["id"]]
    gone_rows = {r["id"]: r for r in _rows(db, f"id IN ({', '.join(map(str, replaced))})")}
    db.close()

    result = cli("history", plan_path)  # opening it upgrades it

    assert result.rc == 0, result.err
    assert "Plan format upgrade: settled 7 staff records that imports run at the same time had stored twice" in \
        result.out.splitlines()[-1]
    db = sqlite3.connect(plan_path)
    assert db.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
    assert db.execute("SELECT count(*) FROM staff_version WHERE id IN "
                      f"({', '.join(map(str, replaced))})").fetchone()[0] == 0
    standing = {r["id"]: r for r in _rows(db, f"id IN ({', '.join(map(str, [*exact, clash_copy, later_copy]))})")}
    assert set(standing) == {*exact, clash_copy, later_copy}
    assert standing[clash_copy]["annual_cost"] == clash["annual_cost"] + 100_00
    earlier = _rows(db, f"id = {later['id']}")[0]
    assert (earlier["valid_to"], standing[later_copy]["valid_to"]) == ("2017-02-01", None)
    # nothing is lost: each row as it was is in the upgrade's history entry
    kept = {json.loads(key)[0]: json.loads(before) for key, before in db.execute(
        "SELECT row_key, before FROM history_row WHERE entry_id = (SELECT max(id) FROM history_entry)")}
    assert set(kept) == {*replaced, later["id"]}
    for id_, row in gone_rows.items():
        assert kept[id_] == row
    assert kept[later["id"]]["valid_to"] is None
    db.close()
    with open_plan_file(plan_path) as plan:
        assert sorted(r.ref for r in load_staff(plan)) == refs_before  # everyone once
        staff_on = {r.ref: r for r in load_staff(plan, date(2017, 2, 1))}
        assert staff_on[later["ref"]].grade == "PO4"
        assert history.entries(plan, limit=1)[0].kind == "note"  # not undoable: it is not a change of the plan


def test_a_plan_without_duplicates_upgrades_with_no_history_entry(plan_path):
    _at_revision_0005(plan_path)
    db = sqlite3.connect(plan_path)
    entries = db.execute("SELECT count(*) FROM history_entry").fetchone()[0]
    db.close()
    with open_plan_file(plan_path) as plan:
        assert len(history.entries(plan)) == entries
