"""`trustplanner history`, `undo`, `redo` and `set`, and the edit lock seen from the command line."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from datetime import date

import pytest

from trustplanner.services.snapshot import load_snapshot
from trustplanner.store.lock import lock_path, read_owner, whoami
from trustplanner.store.plan_file import open_plan_file

#: number, when, who (a login, or a reviewer's name, which may have spaces), computer, what
LINE = re.compile(r"^ *(\d+)  (\d\d/\d\d/\d{4} \d\d:\d\d)  (\S.*?)@(\S+)  (.+)$")


@pytest.fixture
def plan_path(demo_file, tmp_path):
    path = tmp_path / "nct.tplan"
    shutil.copyfile(demo_file, path)
    return path


def programme(path):
    with open_plan_file(path) as plan:
        return load_snapshot(plan).programme


def test_set_changes_programme_details_and_history_lists_it(cli, plan_path):
    result = cli("set", plan_path, "--status-date", "14/08/2017", "--tolerance", "12", "--marking",
                 "OFFICIAL-SENSITIVE", "--council", "City of Sunderland")
    assert result.rc == 0, result.err
    details = programme(plan_path)
    assert (details.status_date, details.tolerance_days, details.marking, details.council) == (
        date(2017, 8, 14), 12, "OFFICIAL-SENSITIVE", "City of Sunderland")
    lines = cli("history", plan_path).out.splitlines()
    number, _, user, host, what = LINE.match(lines[-1]).groups()
    assert (user, host) == whoami()
    assert what == ("Set council to City of Sunderland, tolerance to 12 working days, marking to OFFICIAL-SENSITIVE "
                    "and status date to 14/08/2017")
    assert f"recorded as entry {number}" in result.out
    assert all(LINE.match(line) for line in lines)
    assert len(cli("history", plan_path, "--limit", "2").out.splitlines()) == 2


def test_set_refuses_bad_details_and_needs_something_to_set(cli, plan_path, plan_dump):
    before = plan_dump(plan_path)
    assert cli("set", plan_path).rc == 2
    bad = cli("set", plan_path, "--shadow", "01/09/2018")
    assert bad.rc == 1 and "programme: shadow start: shadow start must not be after go-live" in bad.err
    assert cli("set", plan_path, "--tolerance", "ten").rc == 2
    assert cli("set", plan_path, "--tolerance", "400").rc == 1
    assert plan_dump(plan_path) == before


def test_undo_and_redo_from_the_command_line(cli, plan_path, plan_data_dump):
    start = plan_data_dump(plan_path)
    assert cli("set", plan_path, "--go-live", "02/10/2017").rc == 0
    moved = plan_data_dump(plan_path)
    undo = cli("undo", plan_path)
    assert undo.rc == 0 and undo.out.startswith("Undo Set go-live to 02/10/2017")
    assert plan_data_dump(plan_path) == start
    assert cli("history", plan_path).out.splitlines()[-2].endswith("Set go-live to 02/10/2017  (undone)")
    assert cli("redo", plan_path).rc == 0
    assert plan_data_dump(plan_path) == moved
    assert cli("undo", plan_path).rc == 0
    nothing = cli("undo", plan_path)
    assert (nothing.rc, nothing.err) == (1, "trustplanner: there is nothing to undo\n")


def test_purge_before_drops_old_entries_only(cli, plan_path, plan_data_dump):
    import sqlite3

    start = plan_data_dump(plan_path)
    connection = sqlite3.connect(plan_path)
    old = connection.execute("SELECT count(*) FROM history_entry").fetchone()[0]  # the demo's own changes
    connection.close()
    assert cli("set", plan_path, "--tolerance", "12").rc == 0  # today's change: kept
    connection = sqlite3.connect(plan_path)
    with connection:
        connection.execute("UPDATE history_entry SET at = datetime(at, '-2 years') WHERE id <= ?", (old,))
    connection.close()
    before = (date.today().replace(day=1)).strftime("%d/%m/%Y")
    result = cli("history", plan_path, "--purge-before", before)
    assert result.rc == 0 and result.out == (f"Purged {old} changes made before {before}; "
                                             "the plan itself is unchanged.\n")
    lines = cli("history", plan_path).out.splitlines()
    assert [LINE.match(line).group(5) for line in lines] == [
        "Set tolerance to 12 working days", f"Purge the record of {old} changes made before {before}"]
    assert cli("undo", plan_path).rc == 0
    assert plan_data_dump(plan_path) == start
    future = cli("history", plan_path, "--purge-before", "01/01/2099")
    assert future.rc == 1 and "is after today" in future.err


def test_history_marks_a_change_undone_even_after_later_changes(cli, plan_path):
    assert cli("set", plan_path, "--tolerance", "12").rc == 0
    assert cli("undo", plan_path).rc == 0
    assert cli("set", plan_path, "--marking", "OFFICIAL-SENSITIVE").rc == 0
    lines = cli("history", plan_path, "--limit", "3").out.splitlines()
    assert lines[0].endswith("Set tolerance to 12 working days  (undone)")
    assert not lines[2].endswith("(undone)")


def test_new_takes_status_date_tolerance_and_marking(cli, tmp_path):
    path = tmp_path / "new.tplan"
    result = cli("new", path, "--council", "C", "--trust", "T", "--go-live", "01/04/2027", "--status-date",
                 "01/12/2026", "--tolerance", "15", "--marking", "OFFICIAL-SENSITIVE")
    assert result.rc == 0, result.err
    details = programme(path)
    assert (details.status_date, details.tolerance_days, details.marking) == (date(2026, 12, 1), 15,
                                                                              "OFFICIAL-SENSITIVE")


def _holder(plan_path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen([sys.executable, "-m", "trustplanner", *args], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait_for_lock(plan_path, process, seconds=60.0) -> None:
    deadline = time.monotonic() + seconds
    while read_owner(plan_path) is None or read_owner(plan_path).pid != process.pid:
        assert process.poll() is None, "the holder exited early"
        assert time.monotonic() < deadline, "the holder never took the lock"
        time.sleep(0.1)


@pytest.mark.slow
def test_a_write_is_refused_with_exit_3_while_the_app_has_the_plan_open(cli, plan_path, plan_dump, write_csv,
                                                                         tmp_path):
    app = _holder(plan_path, "open", str(plan_path))
    try:
        _wait_for_lock(plan_path, app)
        before = plan_dump(plan_path)
        savings = write_csv("savings.csv", [["ref", "service", "year", "target", "forecast", "rag"],
                                            ["SV9", "Early help", "2016/17", "100", "100", "green"]])
        user, host = whoami()
        expected = re.compile(rf"^trustplanner: nct\.tplan is open for editing by {re.escape(user)} on "
                              rf"{re.escape(host)} since \d\d/\d\d/\d{{4}} \d\d:\d\d\n$")
        for args in (("import", plan_path, "savings", savings), ("set", plan_path, "--tolerance", "12"),
                     ("undo", plan_path), ("briefing", plan_path, "--issue", "-o", tmp_path / "b.pdf")):
            result = cli(*args)
            assert result.rc == 3, args
            assert expected.match(result.err), result.err
        assert plan_dump(plan_path) == before
        assert not (tmp_path / "b.pdf").exists()
        # reading works while it is open
        assert cli("export", plan_path, tmp_path / "out").rc == 0
        assert cli("history", plan_path, "--limit", "1").rc == 0
        assert cli("check", plan_path).rc in (0, 1)
    finally:
        app.terminate()
        app.wait(30)


@pytest.mark.slow
def test_wait_takes_the_lock_once_the_holder_lets_go(cli, plan_path):
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time\n"
        "from trustplanner.store.access import open_for_writing\n"
        "plan = open_for_writing(sys.argv[1])\n"
        "time.sleep(2.5)\n"
        "plan.close()\n"), str(plan_path)])
    try:
        _wait_for_lock(plan_path, holder)
        assert cli("set", plan_path, "--tolerance", "12").rc == 3
        result = cli("set", plan_path, "--tolerance", "12", "--wait", "60")
        assert result.rc == 0, result.err
        assert "waiting up to 60 s" in result.err
        assert programme(plan_path).tolerance_days == 12
        assert not lock_path(plan_path).exists()
    finally:
        holder.wait(30)


@pytest.mark.slow
def test_two_imports_at_the_same_moment_never_duplicate_staff(plan_path, tmp_path):
    """Each takes the edit lock: one imports, the other is refused (or finds nothing left to change)."""
    from trustplanner.resources import resource_path
    from trustplanner.services.staff import load_staff

    extract = tmp_path / "staff.csv"
    rows = resource_path("demo", "staff.csv").read_text(encoding="utf-8-sig").splitlines()
    extract.write_text("\n".join(rows[:1] + [r.replace("TFC-", "NEW-") for r in rows[1:]]) + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "trustplanner", "import", str(plan_path), "staff", str(extract),
               "--as-of", "20/01/2017"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(run.wait(120), run.stderr.read()) for run in runs]
    assert sorted(rc for rc, _ in results) in ([0, 0], [0, 3]), results
    for rc, err in results:
        if rc == 3:
            assert "is open for editing by" in err
    with open_plan_file(plan_path) as plan:
        refs = [r.ref for r in load_staff(plan)]
    assert len(refs) == len(set(refs)) == len(rows) - 1


def test_a_cli_write_is_refused_when_its_lock_was_taken_over(cli, tmp_path, monkeypatch):
    import json as json_module
    from datetime import datetime as clock

    from trustplanner.services.snapshot import load_snapshot
    from trustplanner.store import access
    from trustplanner.store.lock import lock_path
    from trustplanner.store.plan_file import open_plan_file as real_open

    plan = tmp_path / "p.tplan"
    assert cli("new", plan, "--council", "C", "--trust", "T", "--go-live", "01/04/2027").rc == 0

    def open_then_lose_the_lock(path, **options):  # a long command whose lock another copy took meanwhile
        opened = real_open(path, **options)
        now = clock.now().isoformat(timespec="seconds")
        lock_path(path).write_text(json_module.dumps({"user": "jbloggs", "host": "LAPTOP-7", "pid": 4242,
                                                      "since": now, "heartbeat": now}))
        return opened

    monkeypatch.setattr(access, "open_plan_file", open_then_lose_the_lock)
    result = cli("set", plan, "--trust", "Other")
    assert result.rc == 1
    assert "lock was taken over by jbloggs on LAPTOP-7" in result.err and "nothing was changed" in result.err
    with real_open(plan, read_only=True) as reopened:
        assert load_snapshot(reopened).programme.trust == "T"


def test_a_cli_writer_clears_a_stale_lock_and_says_so_in_one_line(cli, tmp_path):
    import json as json_module
    import socket
    from datetime import datetime as clock

    from trustplanner.store.lock import lock_path

    plan = tmp_path / "p.tplan"
    assert cli("new", plan, "--council", "C", "--trust", "T", "--go-live", "01/04/2027").rc == 0
    lock_path(plan).write_text(json_module.dumps({
        "user": "asmith", "host": socket.gethostname(), "pid": 2**22 + 999, "name": "Alex Smith",
        "since": clock(2027, 1, 4, 9, 15).isoformat(), "heartbeat": clock(2027, 1, 4, 9, 20).isoformat()}))
    result = cli("set", plan, "--trust", "Other")
    assert result.rc == 0, result.err
    assert result.err == ("trustplanner: cleared a stale edit lock of Alex Smith (asmith) on "
                          f"{socket.gethostname()} (open since 04/01/2027 09:15, last heard from 04/01/2027 09:20)\n")
    assert not lock_path(plan).exists()
