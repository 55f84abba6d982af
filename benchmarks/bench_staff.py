#!/usr/bin/env python3
"""Benchmark importing a large HR extract (20,000 staff rows), beside a bare csv + sqlite3 baseline.

    python benchmarks/bench_staff.py [--runs 7] [--rows 20000] [--only MEASURE] [--keep DIR] [-v]
                                     [--profile MEASURE]

Timed as ``bench_plan.py`` times (read its docstring): in this process with
``time.perf_counter``, one untimed warm-up, the median of ``--runs`` runs, measure and baseline
interleaved, a full garbage collection and TrustPlanner's memo caches emptied before each run.

import    ``import_staff(plan, staff.csv)`` into a fresh copy of a plan that has its programme and
          services but no staff: read, validate every row, compare with the plan's staff (none),
          insert the versions, record the extract, derive the TUPE deadline milestones, commit.
          Baseline: the csv module reads the same file and sqlite3 inserts the same 20,000
          staff_version rows (service looked up by name, money and FTE turned into integers,
          dates as ISO text) and one staff_extract row into a fresh copy of the same plan file
          (same tables, indexes and foreign keys), no validation, one commit.
reimport  ``import_staff(plan, later.csv)`` of the next month's extract into a fresh copy of a
          plan holding the first (about 2% leavers, 2% joiners and 5% changed; the rest the same):
          compare every row with the stored version, close and open versions, re-derive the
          deadlines. Baseline: csv reads the later file and sqlite3 closes every open version
          and inserts every row of the later extract as a new one (more writing than a
          comparison needs, no comparing), one commit. For information.
load      ``load_staff(plan)``: everyone as at the latest extract, as records.
          Baseline: sqlite3 selects the same rows with their service name. For information.

The generated extract (``make_rows``) is deterministic and uses no TrustPlanner code: 20,000
people and posts across the five transferring services of ``generate.PROGRAMME`` and its
retained one, every employment type, part-time FTEs, money written as 41236.48, 41,000 and
£41,236.48, caseloads, transfer dates, ELI dates and consultation steps, and made-up names.
"""

from __future__ import annotations

import random
import sqlite3
import sys
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import SERVICES  # noqa: E402
from harness import (  # noqa: E402
    Copies,
    Target,
    arguments,
    bare_sqlite,
    clear_caches,
    plan_run,
    read_csv,
    run_benchmark,
    services_template,
    write_csv,
)

from trustplanner.services.staff import import_staff, load_staff  # noqa: E402
from trustplanner.store.plan_file import open_plan_file  # noqa: E402

TARGETS = {"import": Target(ratio=3.0, seconds=2.0), "reimport": Target(), "load": Target()}
COLUMNS = ("ref", "name", "service", "team", "role", "grade", "employment", "fte", "annual_cost", "tupe",
           "pension", "caseload", "transfer_date", "eli_sent", "consultation")
FIRST_EXTRACT = date(2017, 3, 31)  # the benchmark programme's status date
LATER_EXTRACT = date(2017, 4, 28)


# The extract ---------------------------------------------------------------------------------

FIRST = ("Sarah", "Claire", "Gemma", "Rachel", "David", "Paul", "Andrew", "Michael", "Joanne", "Craig")
LAST = ("Robson", "Charlton", "Milburn", "Pattinson", "Dodds", "Elliott", "Heslop", "Tweddle", "Craggs", "Urwin")
ROLES = (("Social worker", "PO3", 38_500, 45_000, True), ("Senior practitioner", "PO5", 45_500, 50_500, True),
         ("Team manager", "PO7", 53_000, 58_500, False), ("Family worker", "SO1", 30_500, 33_500, False),
         ("Business support officer", "Scale 3", 21_500, 23_500, False),
         ("Residential care worker", "Scale 5", 25_500, 28_000, False))
EMPLOYMENT = ("permanent",) * 75 + ("fixed_term",) * 5 + ("secondee",) * 2 + ("agency",) * 10 + ("vacancy",) * 8


def _money(pence: int, form: int) -> str:
    """41236.48, 41,236.48 (41,000 when whole) or £41,236.48."""
    pounds, rest = divmod(pence, 100)
    if form % 3 == 0:
        return f"{pounds}.{rest:02d}"
    if form % 3 == 1:
        return f"{pounds:,}.{rest:02d}" if rest else f"{pounds:,}"
    return f"£{pounds:,}.{rest:02d}"


def make_rows(count: int, seed: int = 2017) -> list[list[str]]:
    rnd = random.Random(seed)
    services = [(name, retained == "yes") for name, _, _, retained in SERVICES]
    rows = []
    for number in range(1, count + 1):
        service, retained = services[number % len(services)]
        role, grade, low, high, holds_cases = ROLES[rnd.randrange(len(ROLES))]
        employment = rnd.choice(EMPLOYMENT)
        fte = "1" if employment in ("agency", "vacancy") or rnd.random() < 0.8 else rnd.choice(("0.5", "0.6", "0.81"))
        scale = {"1": 1, "0.5": 0.5, "0.6": 0.6, "0.81": 0.81}[fte]
        if employment == "agency":
            pence = rnd.randint(70_000, 85_000) * 100
        else:
            pence = round(rnd.randint(low * 100, high * 100) * scale)
        employee = employment in ("permanent", "fixed_term") or (employment == "secondee" and rnd.random() < 0.5)
        tupe = employee and not retained
        rows.append([
            f"EMP-{number:06d}", "" if employment == "vacancy" else f"{rnd.choice(FIRST)} {rnd.choice(LAST)}",
            service, f"Team {number % 40 + 1}", role, grade if employment != "agency" else "Agency", employment,
            fte, _money(pence, number), "yes" if tupe else "no",
            "lgps" if employee and rnd.random() < 0.95 else "none",
            str(rnd.randint(12, 25)) if holds_cases and employment != "vacancy" else "",
            "2018-10-01" if tupe and rnd.random() < 0.05 else "",
            "2017-03-01" if tupe and rnd.random() < 0.3 else "",
            ("informed", "consulted", "not_started")[number % 3] if tupe else "not_started",
        ])
    return rows


def later_rows(rows: list[list[str]], seed: int = 2018) -> list[list[str]]:
    """A month on: about 2% left, 2% joined, 5% changed (team, FTE or consultation)."""
    rnd = random.Random(seed)
    later = []
    for row in rows:
        roll = rnd.random()
        if roll < 0.02:
            continue  # left
        if roll < 0.07:
            row = list(row)
            row[3] = f"Team {rnd.randint(1, 40)}b"
            if row[9] == "yes":
                row[14] = "consulted"
        later.append(row)
    joiners = make_rows(len(rows) // 50, seed=seed)
    for number, row in enumerate(joiners, start=1):
        row[0] = f"NEW-{number:06d}"
    return later + joiners


# Set-up --------------------------------------------------------------------------------------

class Workbench(Copies):
    def __init__(self, folder: Path, count: int):
        self.folder = folder
        data = folder / "data"
        data.mkdir(parents=True, exist_ok=True)
        rows = make_rows(count)
        self.count = count  # the rows themselves are not kept: a large heap slows every garbage collection
        self.first = write_csv(data / "staff.csv", COLUMNS, rows)
        self.later = write_csv(data / "staff-later.csv", COLUMNS, later_rows(rows))
        del rows
        self.template = services_template(folder, data, SERVICES)
        self.staffed = self.fresh_copy("staffed")
        with open_plan_file(self.staffed) as plan:
            import_staff(plan, self.first, extract_date=FIRST_EXTRACT)


# The measures --------------------------------------------------------------------------------

def measure_import(bench: Workbench) -> Callable[[], float]:
    def check(result) -> None:  # noqa: ANN001
        assert result.applied and len(result.joiners) == bench.count
    return plan_run(bench, lambda plan: import_staff(plan, bench.first, extract_date=FIRST_EXTRACT), check)


VERSION_INSERT = (
    "INSERT INTO staff_version (ref, valid_from, valid_to, name, service_id, team, role, grade, employment, fte, "
    "annual_cost, tupe, pension, caseload, transfer_date, eli_sent, consultation) "
    "VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
EXTRACT_INSERT = ("INSERT INTO staff_extract (extract_date, source, imported_at, joiners, leavers, changed) "
                  "VALUES (?, ?, ?, ?, ?, ?)")


def _pence(text: str) -> int:
    pounds, _, pence = text.lstrip("£").replace(",", "").partition(".")
    return int(pounds) * 100 + int(pence or 0)


def _bare_insert(connection: sqlite3.Connection, path: Path, extract: date) -> int:
    records = read_csv(path)
    service_ids = dict(connection.execute("SELECT name, id FROM service"))
    day = extract.isoformat()
    connection.executemany(VERSION_INSERT, [
        (r[0], day, r[1], service_ids[r[2]], r[3], r[4], r[5], r[6], round(float(r[7]) * 10_000), _pence(r[8]),
         r[9] == "yes", r[10], int(r[11]) if r[11] else None, r[12] or None, r[13] or None, r[14])
        for r in records
    ])
    connection.execute(EXTRACT_INSERT, (day, path.name, datetime.now().isoformat(sep=" "), len(records), 0, 0))
    return len(records)


def baseline_import(bench: Workbench) -> Callable[[], float]:
    return bare_sqlite(bench, lambda connection: _bare_insert(connection, bench.first, FIRST_EXTRACT))


def measure_reimport(bench: Workbench) -> Callable[[], float]:
    def check(result) -> None:  # noqa: ANN001
        assert result.applied and result.joiners and result.leavers and result.changed
        bench.reimport_summary = result.summary()
    return plan_run(bench, lambda plan: import_staff(plan, bench.later, extract_date=LATER_EXTRACT), check,
                    source=bench.staffed)


def baseline_reimport(bench: Workbench) -> Callable[[], float]:
    def work(connection: sqlite3.Connection) -> None:
        connection.execute("UPDATE staff_version SET valid_to = ? WHERE valid_to IS NULL",
                           (LATER_EXTRACT.isoformat(),))
        _bare_insert(connection, bench.later, LATER_EXTRACT)
    return bare_sqlite(bench, work, source=bench.staffed)


def measure_load(bench: Workbench) -> Callable[[], float]:
    plan = open_plan_file(bench.staffed)

    def run() -> float:
        clear_caches()
        start = time.perf_counter()
        staff = load_staff(plan)
        elapsed = time.perf_counter() - start
        assert len(staff) == bench.count
        return elapsed
    return run


def baseline_load(bench: Workbench) -> Callable[[], float]:
    connection = sqlite3.connect(bench.staffed)

    def run() -> float:
        start = time.perf_counter()
        rows = connection.execute(
            "SELECT v.ref, v.name, s.name, v.team, v.role, v.grade, v.employment, v.fte, v.annual_cost, v.tupe, "
            "v.pension, v.caseload, v.transfer_date, v.eli_sent, v.consultation FROM staff_version v "
            "JOIN service s ON s.id = v.service_id WHERE v.valid_to IS NULL ORDER BY v.ref").fetchall()
        elapsed = time.perf_counter() - start
        assert len(rows) == bench.count
        return elapsed
    return run


MEASURES: dict[str, tuple[Callable, Callable]] = {
    "import": (measure_import, baseline_import),
    "reimport": (measure_reimport, baseline_reimport),
    "load": (measure_load, baseline_load),
}


# Running -------------------------------------------------------------------------------------

def report(bench: Workbench, results: dict[str, str]) -> None:
    if "reimport" in results:
        print()
        print(f"Re-import: {bench.reimport_summary}.")


def main() -> int:
    args = arguments("Benchmark importing a large HR extract.", MEASURES, rows=20_000)
    return run_benchmark(
        args, prefix="tp-bench-staff-", build=lambda folder: Workbench(folder, args.rows),
        title=f"TrustPlanner staff benchmark: {args.rows:,} staff rows; median of {args.runs} runs after 1 warm-up",
        measures=MEASURES, targets=TARGETS, with_reportlab=False, report=report)


if __name__ == "__main__":
    sys.exit(main())
