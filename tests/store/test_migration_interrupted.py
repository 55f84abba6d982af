"""An upgrade killed part-way leaves the old plan intact; the next open simply upgrades it again.

The upgrade runs in one SQLite transaction (transactional DDL), so a process that dies at any
statement leaves either the old revision or the new one, never a half-made schema. Each child
process below upgrades a copy and dies (``os._exit``, like a kill: nothing is cleaned up) just
before its Nth SQL statement reaches SQLite.
"""

import subprocess
import sys
import textwrap

import pytest

from trustplanner.services.snapshot import load_snapshot
from trustplanner.store.plan_file import head_revision, open_plan_file
from test_plan_file import make_revision_0001_plan

CHILD = textwrap.dedent("""
    import os, sys
    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    from trustplanner.store.plan_file import open_plan_file

    stop_at = int(sys.argv[2])
    seen = [0]

    @event.listens_for(Engine, "before_cursor_execute")
    def count(conn, cursor, statement, parameters, context, executemany):
        seen[0] += 1
        if seen[0] == stop_at:
            os._exit(9)

    open_plan_file(sys.argv[1]).close()
    print("finished after", seen[0], "statements")
""")


def _run_child(path, stop_at):
    return subprocess.Popen([sys.executable, "-c", CHILD, str(path), str(stop_at)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="module")
def old_plan(tmp_path_factory):
    path = tmp_path_factory.mktemp("old") / "old.tplan"
    make_revision_0001_plan(path)
    return path


@pytest.fixture(scope="module")
def statements(old_plan, tmp_path_factory):
    """How many statements a whole upgrade from revision 0001 sends (counted, not assumed)."""
    copy = tmp_path_factory.mktemp("count") / "count.tplan"
    copy.write_bytes(old_plan.read_bytes())
    child = _run_child(copy, 10**9)
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    return int(out.split()[2])


def test_a_kill_at_any_point_of_an_upgrade_leaves_a_plan_that_opens_and_upgrades(old_plan, statements, tmp_path):
    with open_plan_file(_copy(old_plan, tmp_path / "clean.tplan")) as plan:
        expected = load_snapshot(plan)
    # stop points spread over the whole upgrade, from the first statement to the commit
    stops = sorted({1, statements - 1, statements, *range(2, statements, max(1, statements // 6))})
    children = [(stop, _copy(old_plan, tmp_path / f"kill-{stop}.tplan")) for stop in stops]
    running = [(stop, path, _run_child(path, stop)) for stop, path in children]
    for stop, path, child in running:
        child.communicate(timeout=120)
        assert child.returncode == 9, f"the child meant to stop at statement {stop} of {statements} did not"
    for stop, path, _ in running:
        with open_plan_file(path) as plan:  # upgrades again if the kill left the old revision
            assert load_snapshot(plan) == expected, f"killed at statement {stop} of {statements}"
        with plan.engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == head_revision()
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    assert len(stops) >= 7


def _copy(source, target):
    target.write_bytes(source.read_bytes())
    return target
