"""Two writers at once: both land, one after the other, the second against the first's result.

Command line: for every import kind, two real ``trustplanner import ... --wait 60`` processes
start at the same moment on one plan; each pair imports two versions of the same new records,
so were they not serialised both would add them. In one process, without the edit lock: two
PlanFile objects on one path, in two threads, serialise on the database's write lock, and a
writer that holds it for longer than SQLite's busy timeout is waited for (or, past the wait,
named in one line), never "database is locked".
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from trustplanner.services import history
from trustplanner.services.plans import update_programme
from trustplanner.services.staff import import_staff
from trustplanner.store import plan_file as plan_file_module
from trustplanner.store.disk import PlanBusy
from trustplanner.store.plan_file import open_plan_file

NEW_STAFF = [f"TFC-9{i:04d}" for i in range(20)]


def read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)
    return path


def with_column(header: list[str], row: list[str], **cells: str) -> list[str]:
    row = list(row)
    for column, value in cells.items():
        row[header.index(column)] = value
    return row


def versions(rows: list[list[str]], tag: str, kind: str) -> list[list[str]]:
    """The export of ``kind`` plus new records, their details depending on ``tag`` ("a" or "b")."""
    header, body = rows[0], rows[1:]
    first = body[0]
    if kind == "services":
        return [header, ["Youth offending service", "", "", "no" if tag == "a" else "yes"]]
    if kind == "milestones":
        return [header, *body, with_column(header, first, ref="NEW-01", title=f"Youth offending handover ({tag})",
                                           depends_on="", actual="")]
    if kind == "staff":
        return [header, *body, *(with_column(header, first, ref=ref, annual_cost="41000" if tag == "a" else "42000")
                                 for ref in NEW_STAFF)]
    if kind == "budget":
        return [header, *body, with_column(header, first, cost_centre="ZZ901",
                                           budget="100000.00" if tag == "a" else "200000.00")]
    assert kind == "savings"
    return [header, *body, with_column(header, first, ref="SV-NEW", target="1000.00" if tag == "a" else "2000.00")]


KINDS = ("services", "milestones", "staff", "budget", "savings")

# One process per side (a, b) runs trustplanner's command line (``main``, as ``python -m trustplanner``
# does) for each kind in turn; before each, the two sides wait for each other, so each kind's two
# imports start at the same moment. (Ten fresh interpreters would cost ten times the start-up.)
RACER = textwrap.dedent("""
    import contextlib, io, json, sys, time
    from pathlib import Path
    from trustplanner.cli import main
    import trustplanner.services.kinds, trustplanner.store.access  # loaded before the start
    folder, tag, runs = Path(sys.argv[1]), sys.argv[2], json.loads(sys.argv[3])
    other = "b" if tag == "a" else "a"
    results = {}
    for kind, argv in runs:
        (folder / f"ready-{kind}-{tag}").touch()
        deadline = time.monotonic() + 60
        while not (folder / f"ready-{kind}-{other}").exists() and time.monotonic() < deadline:
            time.sleep(0.001)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
        results[kind] = [code, out.getvalue(), err.getvalue()]
    (folder / f"results-{tag}.json").write_text(json.dumps(results))
""")


@pytest.fixture(scope="module")
def pairs(demo_file, tmp_path_factory) -> dict[str, tuple[Path, dict[str, subprocess.CompletedProcess]]]:
    """Every kind's pair of imports, ``trustplanner import PLAN KIND FILE --wait 60``, started together."""
    from trustplanner.services.exports import export_plan
    from trustplanner.store.access import open_for_reading

    folder = tmp_path_factory.mktemp("concurrent")
    with open_for_reading(demo_file) as plan:
        export_plan(plan, folder / "export")
    runs: dict[str, list] = {"a": [], "b": []}
    for kind in KINDS:
        plan = folder / f"{kind}.tplan"
        shutil.copyfile(demo_file, plan)
        for tag in "ab":
            source = write(folder / f"{kind}-{tag}.csv", versions(read(folder / "export" / f"{kind}.csv"), tag, kind))
            dated = ["--as-of", "01/02/2017"] if kind == "staff" else []
            runs[tag].append([kind, ["import", str(plan), kind, str(source), *dated, "--wait", "60"]])
    env = {**os.environ, "TRUSTPLANNER_LOG_DIR": str(folder / "logs")}
    sides = {tag: subprocess.Popen([sys.executable, "-c", RACER, str(folder), tag, json.dumps(runs[tag])],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for tag in "ab"}
    for tag, process in sides.items():
        out, err = process.communicate(timeout=180)
        assert process.returncode == 0, f"side {tag}: {out}{err}"
    results: dict[str, tuple[Path, dict]] = {kind: (folder / f"{kind}.tplan", {}) for kind in KINDS}
    for tag in "ab":
        for kind, (code, out, err) in json.loads((folder / f"results-{tag}.json").read_text()).items():
            results[kind][1][tag] = subprocess.CompletedProcess(["trustplanner", "import", kind], code, out, err)
    return results


def _history(plan: Path) -> list[str]:
    with open_plan_file(plan) as opened:
        return [entry.what for entry in history.entries(opened)]


ADDED = {"services": "1 added, 0 changed", "milestones": "1 added, 0 changed", "staff": "20 joiners, 0 leavers, 0 changed",
         "budget": "1 added, 0 changed", "savings": "1 added, 0 changed"}
CHANGED = {"services": "0 added, 1 changed", "milestones": "0 added, 1 changed",
           "staff": "0 joiners, 0 leavers, 20 changed", "budget": "0 added, 1 changed", "savings": "0 added, 1 changed"}
# how many rows hold each new record's key, and the value each version gave it
KEY_QUERY = {
    "services": ("SELECT count(*), max(retained) FROM service WHERE name = 'Youth offending service'",
                 {"a": 0, "b": 1}),
    "milestones": ("SELECT count(*), max(title) FROM milestone WHERE ref = 'NEW-01'",
                   {"a": "Youth offending handover (a)", "b": "Youth offending handover (b)"}),
    "staff": ("SELECT count(*), max(annual_cost) FROM staff_version WHERE ref = 'TFC-90000'",
              {"a": 4100000, "b": 4200000}),
    "budget": ("SELECT count(*), max(budget) FROM budget_line WHERE cost_centre = 'ZZ901'",
               {"a": 10000000, "b": 20000000}),
    "savings": ("SELECT count(*), max(target) FROM savings_plan WHERE ref = 'SV-NEW'", {"a": 100000, "b": 200000}),
}


@pytest.mark.parametrize("kind", KINDS)
def test_two_imports_at_once_both_land_one_after_the_other_and_nothing_is_duplicated(pairs, kind):
    plan, runs = pairs[kind]
    for tag, run in runs.items():
        assert run.returncode == 0, f"{kind}-{tag}: {run.stderr}"
        # at most told that it waits for the other (the edit lock), never an error
        assert all(line.startswith(f"trustplanner: waiting up to 60 s: {kind}.tplan is open for editing by ")
                   for line in run.stderr.splitlines()), run.stderr
    outcomes = {tag: (ADDED[kind] in run.stdout, CHANGED[kind] in run.stdout) for tag, run in runs.items()}
    first = next(tag for tag, (added, _) in outcomes.items() if added)
    second = "b" if first == "a" else "a"
    assert outcomes == {first: (True, False), second: (False, True)}  # the second saw the first's records
    imports = [what for what in _history(plan) if what.startswith("Import ")]
    assert [f"{kind}-{first}.csv" in imports[-2], f"{kind}-{second}.csv" in imports[-1]] == [True, True]
    query, values = KEY_QUERY[kind]
    db = sqlite3.connect(plan)
    try:
        assert db.execute(query).fetchone() == (1, values[second])  # once, as the second import left it
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        if kind == "staff":
            assert db.execute("SELECT count(*) FROM (SELECT 1 FROM staff_version GROUP BY ref, valid_from "
                              "HAVING count(*) > 1)").fetchone()[0] == 0
            assert db.execute("SELECT count(*), count(DISTINCT ref) FROM staff_version "
                              "WHERE valid_to IS NULL").fetchone() == (425, 425)
    finally:
        db.close()


# -- in one process, without the edit lock ----------------------------------------------------------

@pytest.fixture
def plan_path(demo_file, tmp_path):
    path = tmp_path / "plan.tplan"
    shutil.copyfile(demo_file, path)
    return path


def _in_threads(*jobs):
    """Run the jobs in threads released together; each job's result, or the exception it raised."""
    barrier = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def run(index, job):  # noqa: ANN001, ANN202
        barrier.wait()
        try:
            results[index] = job()
        except Exception as exc:  # noqa: BLE001 - reported to the test
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


def test_two_writers_in_one_process_without_the_lock_serialise_on_the_database(plan_path, demo_file, tmp_path):
    from trustplanner.services.exports import export_plan
    from trustplanner.store.access import open_for_reading

    with open_for_reading(demo_file) as plan:
        export_plan(plan, tmp_path / "export")
    exported = read(tmp_path / "export" / "staff.csv")
    files = [write(tmp_path / f"staff-{tag}.csv", versions(exported, tag, "staff")) for tag in "ab"]
    plans = [open_plan_file(plan_path), open_plan_file(plan_path)]
    try:
        results = _in_threads(*(lambda p=p, f=f: import_staff(p, f, extract_date=date(2017, 2, 1)).summary()
                                for p, f in zip(plans, files)))
    finally:
        for plan in plans:
            plan.close()
    assert sorted(results) == ["staff as at 01/02/2017: 0 joiners, 0 leavers, 20 changed, 405 unchanged",
                               "staff as at 01/02/2017: 20 joiners, 0 leavers, 0 changed, 405 unchanged"]
    db = sqlite3.connect(plan_path)
    assert db.execute("SELECT count(*), count(DISTINCT ref) FROM staff_version WHERE valid_to IS NULL"
                      ).fetchone() == (425, 425)
    db.close()


def _slow_writer(plan, holding: threading.Event, seconds: float) -> str:  # noqa: ANN001
    with history.change(plan, "A long edit") as unit:
        unit.session.execute(text("UPDATE programme SET council = 'Slow council'"))
        holding.set()
        time.sleep(seconds)
    return "done"


def test_a_writer_kept_waiting_past_the_busy_timeout_waits_and_then_lands_after(plan_path, monkeypatch):
    monkeypatch.setattr(plan_file_module, "BUSY_TIMEOUT_MS", 50)  # SQLite gives up after 50 ms, many times over
    first, second = open_plan_file(plan_path), open_plan_file(plan_path)
    holding = threading.Event()
    try:
        def after_the_first_has_it() -> float:
            holding.wait(10)
            started = time.monotonic()
            update_programme(second, marking="OFFICIAL-SENSITIVE")
            return time.monotonic() - started

        done, waited = _in_threads(lambda: _slow_writer(first, holding, 0.6), after_the_first_has_it)
        assert done == "done"
        assert not isinstance(waited, Exception), waited
        assert waited > 0.4
        entries = history.entries(second, limit=2)
    finally:
        first.close()
        second.close()
    assert [e.what for e in entries] == ["A long edit", "Set marking to OFFICIAL-SENSITIVE"]


def test_a_writer_kept_waiting_past_the_whole_wait_is_told_in_one_line(plan_path, monkeypatch):
    monkeypatch.setattr(plan_file_module, "BUSY_TIMEOUT_MS", 50)
    monkeypatch.setattr(history, "WRITE_WAIT_SECONDS", 0.2)
    first, second = open_plan_file(plan_path), open_plan_file(plan_path)
    holding = threading.Event()
    try:
        def after_the_first_has_it() -> None:
            holding.wait(10)
            update_programme(second, marking="OFFICIAL-SENSITIVE")

        done, refused = _in_threads(lambda: _slow_writer(first, holding, 1.0), after_the_first_has_it)
    finally:
        first.close()
        second.close()
    assert done == "done"
    assert isinstance(refused, PlanBusy)
    assert str(refused) == ("plan.tplan is being changed by another program and stayed locked; nothing was changed "
                            "(try again in a moment)")
    with open_plan_file(plan_path) as plan:
        assert [e.what for e in history.entries(plan, limit=1)] == ["A long edit"]
