"""Damaged plan files: refused with one line that names a backup, never read as if whole.

The corpus is the outside probe's shape, bounded: truncations at several sizes and single bit
flips at fixed seeds through the whole file (header, b-tree and data pages), zeroed pages and
appended bytes. Each is opened by ``check``, ``export`` and an ``import``: the run either refuses
with one line, or the damage is invisible to SQLite's own full check (the file is whole and only
a letter inside a stored text differs, which SQLite cannot see: docs/design/0009).
"""

import os
import random
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from trustplanner.store.access import open_for_writing
from trustplanner.store.integrity import backups_of
from trustplanner.store.plan_file import keep_daily_backup

PAGE = 4096


def sqlite_says_whole(path: Path) -> bool:
    """SQLite's own verdict, independent of TrustPlanner's code: full check ok and no page missing."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        ok = connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        size = connection.execute("PRAGMA page_size").fetchone()[0]
    except sqlite3.DatabaseError:
        return False
    finally:
        connection.close()
    return ok and os.path.getsize(path) >= pages * size



def damaged_copies(data: bytes) -> list[tuple[str, bytes]]:
    size = len(data)
    cases = [(f"cut-{n}", data[:n]) for n in (100, 1000, PAGE, 3 * PAGE + 17, size // 3, size // 2,
                                               size - PAGE, size - 100, size - 1)]
    rng = random.Random(20261202)
    regions = [(0, 100), (100, PAGE), (PAGE, size // 2), (size // 2, size)]
    for seed in range(16):
        start, end = regions[seed % len(regions)]
        position = rng.randrange(start, end)
        flipped = bytearray(data)
        flipped[position] ^= 1 << rng.randrange(8)
        cases.append((f"flip-{position}", bytes(flipped)))
    zeroed = bytearray(data)
    zeroed[5 * PAGE:6 * PAGE] = bytes(PAGE)
    cases.append(("zeroed-page-6", bytes(zeroed)))
    cases.append(("appended", data + b"\x00garbage" * 100))
    return cases


def one_clear_line(err: str) -> bool:
    lines = err.strip().splitlines()
    return len(lines) == 1 and lines[0].startswith("trustplanner: ") and "unexpected" not in lines[0]


@pytest.fixture(scope="module")
def reference(demo_file, tmp_path_factory):
    from trustplanner.cli import main

    folder = tmp_path_factory.mktemp("reference")
    assert main(["export", str(demo_file), str(folder / "out")]) == 0
    return {p.name: p.read_bytes() for p in (folder / "out").iterdir()}


def test_every_damaged_copy_is_refused_in_one_line_or_is_whole_to_sqlite(demo_file, reference, tmp_path, cli,
                                                                           write_csv):
    services = write_csv("s.csv", [["name"], ["Libraries"]])
    for name, data in damaged_copies(demo_file.read_bytes()):
        plan = tmp_path / f"{name}.tplan"
        plan.write_bytes(data)
        whole = sqlite_says_whole(plan)
        for args in (["check", plan], ["export", plan, tmp_path / f"{name}-out"], ["import", plan, "services", services]):
            result = cli(*args)
            assert "unexpected" not in result.err and "Traceback" not in result.err, (name, args[0], result.err)
            refused = result.rc == 1 and one_clear_line(result.err)
            if name.startswith("cut-"):
                assert refused, f"{name}: {args[0]} read a plan that was cut short: {result.err}"
            if refused:
                assert "damaged" in result.err or "not a TrustPlanner plan" in result.err, (name, result.err)
                if args[0] == "export":
                    assert not (tmp_path / f"{name}-out").exists() or not any((tmp_path / f"{name}-out").iterdir())
            else:
                assert whole, f"{name}: {args[0]} read a plan SQLite calls damaged: {result.err}"


def test_a_damaged_plan_names_its_newest_whole_backup_and_restore_puts_it_back(demo_file, tmp_path, cli,
                                                                                plan_data_dump):
    plan = tmp_path / "plan.tplan"
    shutil.copy(demo_file, plan)
    assert cli("set", plan, "--tolerance", "12").rc == 0  # opening for editing keeps today's backup
    [backup] = backups_of(plan)
    older_damaged = tmp_path / "plan.backup-20200101-000000.tplan"
    older_damaged.write_bytes(demo_file.read_bytes()[:50_000])  # an old backup that is itself damaged
    os.utime(older_damaged, (time.time() + 60, time.time() + 60))  # even if it looks newer, it is skipped
    backup_contents = plan_data_dump(backup)
    damaged_bytes = plan.read_bytes()[: plan.stat().st_size // 2]
    plan.write_bytes(damaged_bytes)

    refused = cli("check", plan)
    assert refused.rc == 1 and one_clear_line(refused.err), refused.err
    assert f"the newest backup beside it is {backup.name}" in refused.err
    assert f'trustplanner restore "{plan}" "{backup}"' in refused.err

    restored = cli("restore", plan, backup)
    assert restored.rc == 0, restored.err
    assert plan_data_dump(plan) == backup_contents
    kept = [p for p in tmp_path.iterdir() if ".replaced-" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged_bytes  # the damaged file is kept, not deleted
    assert cli("check", plan).err.count("damaged") == 0


def test_without_a_backup_the_line_says_where_to_turn(demo_file, tmp_path, cli):
    plan = tmp_path / "plan.tplan"
    plan.write_bytes(demo_file.read_bytes()[:-100])  # the last page cut short
    result = cli("export", plan, tmp_path / "out")
    assert result.rc == 1 and one_clear_line(result.err)
    assert "is damaged (the file was cut short)" in result.err
    assert "there is no backup beside it" in result.err


def test_restore_refuses_a_damaged_backup_and_a_plan_open_elsewhere(demo_file, tmp_path, cli):
    plan = tmp_path / "plan.tplan"
    shutil.copy(demo_file, plan)
    bad = tmp_path / "plan.backup-20260101-000000.tplan"
    bad.write_bytes(demo_file.read_bytes()[:3 * PAGE])
    result = cli("restore", plan, bad)
    assert result.rc == 1 and one_clear_line(result.err) and "damaged too" in result.err
    assert plan.read_bytes() == demo_file.read_bytes()

    good = tmp_path / "copy.tplan"
    shutil.copy(demo_file, good)
    held = open_for_writing(plan)
    try:
        locked = cli("restore", plan, good)
    finally:
        held.close()
    assert locked.rc == 3 and "is open for editing by" in locked.err


@pytest.mark.parametrize("damage, reason", [
    ("UPDATE milestone SET baseline = '2017-13-45' WHERE ref = 'GOV-01'", "a stored value cannot be read"),
    ("UPDATE milestone SET commentary = CAST(X'C328' AS TEXT) WHERE ref = 'GOV-01'", "decode"),
    ("DELETE FROM programme", "it has no programme details"),
    ("UPDATE savings_plan SET rag = 'purple' WHERE id = (SELECT min(id) FROM savings_plan)",
     "a stored value cannot be read"),  # the last kind exported: no file may be written before it is found
    ("ALTER TABLE milestone RENAME COLUMN title TO titel", "no such column"),
])
def test_a_value_or_schema_the_plan_cannot_hold_is_damage_not_an_internal_error(demo_file, tmp_path, cli, damage,
                                                                                 reason):
    plan = tmp_path / "plan.tplan"
    shutil.copy(demo_file, plan)
    connection = sqlite3.connect(plan)
    try:
        connection.execute("PRAGMA foreign_keys=OFF")
        connection.execute(damage)
        connection.commit()
    finally:
        connection.close()
    for args in (["check", plan], ["export", plan, tmp_path / "out"], ["briefing", plan, "-o", tmp_path / "b.pdf"]):
        result = cli(*args)
        assert result.rc == 1 and one_clear_line(result.err), (args[0], result.err)
        assert "is damaged" in result.err and reason in result.err, result.err
    assert not (tmp_path / "b.pdf").exists()
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_each_day_keeps_the_plan_as_its_last_editor_left_it_for_seven_days(demo_file, tmp_path, cli):
    plan = tmp_path / "plan.tplan"
    shutil.copy(demo_file, plan)
    upgrade_backup = tmp_path / "plan.backup-20200101-000000-rev0004.tplan"
    shutil.copy(demo_file, upgrade_backup)
    os.utime(upgrade_backup, (0, 0))
    from datetime import datetime, timedelta

    first_day = datetime(2026, 11, 1, 9, 0)
    for day in range(10):
        morning = keep_daily_backup(plan, now=first_day + timedelta(days=day))
        evening = keep_daily_backup(plan, now=first_day + timedelta(days=day, hours=8))
        assert morning == evening  # one backup a day, the later close replacing the earlier
    daily = sorted(p.name for p in tmp_path.glob("plan.backup-2026*.tplan"))
    assert daily == [f"plan.backup-202611{d:02d}.tplan" for d in range(4, 11)]
    assert upgrade_backup.exists()  # a backup made before an upgrade is never pruned
    assert all(sqlite_says_whole(tmp_path / name) for name in daily)

    assert cli("set", plan, "--tolerance", "13").rc == 0  # an editor closing the plan refreshes today's
    today = tmp_path / f"plan.backup-{datetime.now():%Y%m%d}.tplan"
    with sqlite3.connect(today) as copy:
        assert copy.execute("SELECT tolerance_days FROM programme").fetchone()[0] == 13
    assert cli("export", plan, tmp_path / "out").rc == 0  # a reader makes none
    assert len(list(tmp_path.glob("plan.backup-2026*.tplan"))) == 7


def test_a_plan_found_damaged_is_never_copied_as_a_backup(demo_file, tmp_path, cli):
    plan = tmp_path / "plan.tplan"
    shutil.copy(demo_file, plan)
    with sqlite3.connect(plan) as connection:
        connection.execute("UPDATE milestone SET forecast = '2017-02-31' WHERE ref = 'HR-02'")
    result = cli("set", plan, "--tolerance", "13")
    assert result.rc == 1 and "is damaged" in result.err
    assert backups_of(plan) == []


KILLED_WRITER = """
import os, sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA cache_size=1")  # spill changed pages into the plan before the commit
connection.execute("BEGIN IMMEDIATE")
connection.execute("UPDATE milestone SET commentary = commentary || ' (half-written)'")
connection.execute("UPDATE staff_version SET grade = grade || '?'")
os._exit(9)  # killed before the commit: the journal beside the plan is hot
"""


@pytest.mark.parametrize("command", ["check", "export", "history"])
def test_a_reader_after_a_writer_killed_part_way_sees_the_last_committed_plan(demo_file, tmp_path, cli,
                                                                              plan_data_dump, command):
    import subprocess
    import sys

    plan = tmp_path / "plan.tplan"
    shutil.copy(demo_file, plan)
    before = plan_data_dump(plan)
    subprocess.run([sys.executable, "-c", KILLED_WRITER, str(plan)], check=False)
    assert plan.with_name("plan.tplan-journal").stat().st_size > 0
    args = {"check": ["check", plan], "export": ["export", plan, tmp_path / "out"], "history": ["history", plan]}
    result = cli(*args[command])
    assert "cannot be written" not in result.err and "unexpected" not in result.err, result.err
    assert result.rc in (0, 1) and "damaged" not in result.err
    assert plan_data_dump(plan) == before
    if command == "export":
        assert "(half-written)" not in (tmp_path / "out" / "milestones.csv").read_text(encoding="utf-8-sig")
