#!/usr/bin/env python3
"""Benchmark import, check and briefing on a large generated plan, each beside a bare baseline.

    python benchmarks/bench_plan.py [--runs 7] [--milestones 2000] [--dependencies 3000]
                                    [--only MEASURE] [--keep DIR] [-v] [--profile MEASURE]

Every measure is timed in this process with ``time.perf_counter`` after one untimed warm-up
run; the figure printed is the median of ``--runs`` runs, measure and baseline interleaved so
drift on a busy machine hits both. Every run starts after a full garbage collection (so one
run's leftovers are not collected in the next one's time), and import and check runs start with
TrustPlanner's in-process memo caches emptied, as a fresh command-line process would. What is
timed:

import    ``import_file(plan, "milestones", milestones.csv)`` into a fresh copy of a plan that
          already has its programme and services (read, validate, knock-on, write, commit).
          Baseline: the csv module reads the same file and sqlite3 inserts the same milestone
          and dependency rows into a fresh copy of the same plan file (same tables and
          indexes), no validation, one commit.
check     what ``trustplanner check`` does once the plan is open: ``load_snapshot`` and
          ``check_plan``. Baseline: sqlite3 reading the same milestone rows (with their service
          name) and dependency rows (as refs) from the same file.
briefing  ``produce_briefing(plan, out.pdf)``: snapshot, statuses, layout, PDF, recorded in the
          plan. Baseline: reportlab alone laying out the briefing's milestone tables (the same
          rows, columns, widths, cell text and fonts) in a plain A4 document, no logic.

Nothing here is collected by pytest (it lives outside ``tests/`` and has no ``test_`` names).
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import gc
import io
import os
import platform
import pstats
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import PROGRAMME, write_files  # noqa: E402

from trustplanner.services.briefings import prepare_briefing, produce_briefing  # noqa: E402
from trustplanner.services.checks import check_plan  # noqa: E402
from trustplanner.services.imports import import_file  # noqa: E402
from trustplanner.services.plans import new_plan  # noqa: E402
from trustplanner.services.snapshot import load_snapshot  # noqa: E402
from trustplanner.store.plan_file import open_plan_file  # noqa: E402


@dataclass
class Target:
    ratio: float | None = None
    seconds: float | None = None

    def describe(self) -> str:
        parts = []
        if self.ratio is not None:
            parts.append(f"<= {self.ratio:g}x")
        if self.seconds is not None:
            parts.append(f"< {self.seconds:g} s")
        return " and ".join(parts) or "(none)"

    def met(self, seconds: float, ratio: float) -> str:
        if self.ratio is None and self.seconds is None:
            return "info"
        ok = (self.ratio is None or ratio <= self.ratio) and (self.seconds is None or seconds < self.seconds)
        return "PASS" if ok else "MISS"


TARGETS = {
    "import": Target(ratio=3.0, seconds=3.0),
    "check": Target(),
    "briefing": Target(ratio=1.5, seconds=3.0),
}


# Set-up ----------------------------------------------------------------------------------------

class Workbench:
    """Generated files, a template plan with its services, and a full plan for check/briefing."""

    def __init__(self, folder: Path, milestones: int, dependencies: int):
        self.folder = folder
        self._copies = 0
        self.data = write_files(folder / "data", milestones, dependencies)
        self.template = folder / "template.tplan"
        with new_plan(self.template, **PROGRAMME) as plan:
            import_file(plan, "services", self.data["services"])
        self.full = self.fresh_copy("full")
        with open_plan_file(self.full) as plan:
            result = import_file(plan, "milestones", self.data["milestones"])
        self.imported = len(result.added)

    def fresh_copy(self, name: str | None = None) -> Path:
        if name is None:
            self._copies += 1
            name = f"run-{self._copies}"
        target = self.folder / f"{name}.tplan"
        shutil.copyfile(self.template, target)
        return target


# The measures ----------------------------------------------------------------------------------

def clear_caches() -> None:
    """Empty TrustPlanner's in-process memo caches (parsed dates, bank holidays, ...), so every run
    pays for them as a fresh ``trustplanner import`` or ``check`` process does. The briefing's
    font registration is left alone: the baseline keeps its fonts loaded too."""
    for name, module in list(sys.modules.items()):
        if not name.startswith("trustplanner.") or name.startswith("trustplanner.briefing"):
            continue
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", "") == name:
                value.cache_clear()


def measure_import(bench: Workbench) -> Callable[[], float]:
    def run() -> float:
        path = bench.fresh_copy()
        with open_plan_file(path) as plan:
            clear_caches()
            start = time.perf_counter()
            result = import_file(plan, "milestones", bench.data["milestones"])
            elapsed = time.perf_counter() - start
        assert len(result.added) == bench.imported and result.applied
        path.unlink()
        return elapsed
    return run


MILESTONE_INSERT = (
    "INSERT INTO milestone (ref, title, workstream, service_id, stage, owner, baseline, forecast, actual, "
    "rag_override, commentary, derived) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)"
)


def baseline_import(bench: Workbench) -> Callable[[], float]:
    def run() -> float:
        path = bench.fresh_copy()
        connection = sqlite3.connect(path)
        connection.execute("PRAGMA foreign_keys=ON")
        start = time.perf_counter()
        with open(bench.data["milestones"], encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            next(reader)
            records = list(reader)
        service_ids = dict(connection.execute("SELECT name, id FROM service"))
        connection.executemany(MILESTONE_INSERT, [
            (r[0], r[1], r[2], service_ids.get(r[3]), r[4], r[5], r[6], r[7] or r[6], r[8] or None,
             r[10] or None, r[11])
            for r in records
        ])
        ids = dict(connection.execute("SELECT ref, id FROM milestone"))
        connection.executemany(
            "INSERT INTO milestone_dependency (milestone_id, predecessor_id) VALUES (?, ?)",
            [(ids[r[0]], ids[dep]) for r in records if r[9] for dep in r[9].split(";")],
        )
        connection.commit()
        elapsed = time.perf_counter() - start
        connection.close()
        path.unlink()
        return elapsed
    return run


def measure_check(bench: Workbench) -> Callable[[], float]:
    plan = open_plan_file(bench.full)

    def run() -> float:
        clear_caches()
        start = time.perf_counter()
        snapshot = load_snapshot(plan)
        check_plan(snapshot)
        return time.perf_counter() - start
    return run


def baseline_check(bench: Workbench) -> Callable[[], float]:
    connection = sqlite3.connect(bench.full)

    def run() -> float:
        start = time.perf_counter()
        connection.execute(
            "SELECT m.ref, m.title, m.workstream, s.name, m.stage, m.owner, m.baseline, m.forecast, m.actual, "
            "m.rag_override, m.commentary, m.derived FROM milestone m LEFT JOIN service s ON s.id = m.service_id "
            "ORDER BY m.ref"
        ).fetchall()
        connection.execute(
            "SELECT m.ref, p.ref FROM milestone_dependency d JOIN milestone m ON m.id = d.milestone_id "
            "JOIN milestone p ON p.id = d.predecessor_id"
        ).fetchall()
        return time.perf_counter() - start
    return run


def measure_briefing(bench: Workbench) -> Callable[[], float]:
    plan = open_plan_file(bench.full)
    out = bench.folder / "briefing.pdf"

    def run() -> float:
        start = time.perf_counter()
        issued = produce_briefing(plan, out)
        elapsed = time.perf_counter() - start
        bench.briefing_pages = issued.pages
        return elapsed
    return run


def briefing_tables(bench: Workbench) -> list[tuple[list[tuple[str, float]], list[list[str]]]]:
    """The briefing's milestone tables as plain text: (columns as (heading, width share), rows).

    The rows come from the briefing service's own data, so the baseline lays out exactly as
    many rows, with the same text, as the briefing does; the work of choosing them is not timed.
    """
    with open_plan_file(bench.full) as plan:
        section = prepare_briefing(load_snapshot(plan)).milestones

    def esc(text: str) -> str:  # cell text is reportlab markup: user text is escaped, as the briefing does
        return escape(text or "")

    def day(value) -> str:
        return f"{value.day} {value:%B %Y}" if value else "—"

    def title(line) -> str:
        note = line.commentary.strip()
        return f"{esc(line.title)}<br/><i>{esc(note)}</i>" if note else esc(line.title)

    def owner(line) -> str:
        return f"{esc(line.workstream)}<br/><i>{esc(line.owner)}</i>" if line.owner.strip() else esc(line.workstream)

    ref, rag = ("Ref", 0.085), ("RAG", 0.06)
    owner_col, base, fore = ("Workstream / owner", 0.16), ("Baseline", 0.13), ("Forecast", 0.13)
    return [
        ([ref, ("Milestone", 0.405), owner_col, base, ("Actual", 0.13), rag],
         [[m.ref, title(m), owner(m), day(m.baseline), day(m.actual), m.rag.letter] for m in section.completed]),
        ([ref, ("Milestone", 0.315), owner_col, base, fore, ("Working days overdue", 0.09), rag],
         [[m.ref, title(m), owner(m), day(m.baseline), day(m.forecast), str(m.overdue_days), m.rag.letter]
          for m in section.overdue]),
        ([ref, ("Milestone", 0.405), owner_col, base, fore, rag],
         [[m.ref, title(m), owner(m), day(m.baseline), day(m.forecast), m.rag.letter] for m in section.due_next]),
        ([ref, ("Milestone", 0.315), owner_col, base, fore, ("Slip (working days)", 0.09), rag],
         [[m.ref, title(m), owner(m), day(m.baseline), day(m.forecast), str(m.slippage_days), m.rag.letter]
          for m in section.slipped]),
        ([ref, ("Dependent milestone", 0.355), ("Forecast", 0.13), ("Pushed to", 0.13),
          ("Working days later", 0.1), ("Pushed by", 0.2)],
         [[k.ref, esc(k.title), day(k.forecast), day(k.pushed_to), str(k.working_days), k.caused_by]
          for k in section.knock_ons]),
    ]


def _baseline_fonts() -> tuple[str, str]:
    """The typeface the briefing embeds (DejaVu Sans when installed, else Helvetica): regular, bold."""
    from trustplanner.briefing.styles import briefing_fonts

    fonts = briefing_fonts()  # registers them with reportlab, once per process
    return fonts.regular, fonts.bold


def baseline_briefing(bench: Workbench) -> Callable[[], float]:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    tables = briefing_tables(bench)
    bench.briefing_rows = sum(len(rows) for _, rows in tables)
    regular, bold = _baseline_fonts()
    cell = ParagraphStyle("cell", fontName=regular, fontSize=8, leading=10)
    head = ParagraphStyle("head", parent=cell, fontName=bold)
    width = A4[0] - 40 * mm
    out = bench.folder / "baseline.pdf"
    style = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "#BFBFBF"), ("VALIGN", (0, 0), (-1, -1), "TOP")])

    def run() -> float:
        start = time.perf_counter()
        story = []
        for columns, rows in tables:
            if not rows:
                continue
            body = [[Paragraph(text, cell) for text in row] for row in rows]
            table = Table([[Paragraph(name, head) for name, _ in columns], *body],
                          colWidths=[share * width for _, share in columns], repeatRows=1)
            table.setStyle(style)
            story.append(table)
        doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                                topMargin=24 * mm, bottomMargin=22 * mm, invariant=1)
        doc.build(story)
        bench.baseline_pages = doc.page
        return time.perf_counter() - start
    return run


MEASURES: dict[str, tuple[Callable, Callable]] = {
    "import": (measure_import, baseline_import),
    "check": (measure_check, baseline_check),
    "briefing": (measure_briefing, baseline_briefing),
}


# Running ---------------------------------------------------------------------------------------

def timed(measure: Callable[[], float], baseline: Callable[[], float], runs: int,
          verbose: bool = False) -> tuple[float, float]:
    measure(), baseline()  # warm-up: imports, compiled SQL, font loading
    ours, bare = [], []
    for _ in range(runs):
        gc.collect()  # each run starts with no garbage left over from the one before
        ours.append(measure())
        gc.collect()
        bare.append(baseline())
    if verbose:
        print(f"          runs: {' '.join(f'{t:.3f}' for t in ours)}")
        print(f"          baseline runs: {' '.join(f'{t:.3f}' for t in bare)}")
    return statistics.median(ours), statistics.median(bare)


def profile(name: str, bench: Workbench, limit: int = 30) -> None:
    run = MEASURES[name][0](bench)
    run()  # warm-up, as in the timed runs
    profiler = cProfile.Profile()
    profiler.enable()
    run()
    profiler.disable()
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream)
    stats.sort_stats("cumulative").print_stats(limit)
    stats.sort_stats("tottime").print_stats(limit)
    print(stream.getvalue())


def main() -> int:
    parser = argparse.ArgumentParser(description="Benchmark import, check and briefing on a large plan.")
    parser.add_argument("--runs", type=int, default=7, help="timed runs per measure (median reported)")
    parser.add_argument("--milestones", type=int, default=2000)
    parser.add_argument("--dependencies", type=int, default=3000)
    parser.add_argument("--keep", type=Path, metavar="DIR", help="work in DIR and keep the files")
    parser.add_argument("--profile", choices=tuple(MEASURES), help="profile one run of a measure instead")
    parser.add_argument("--only", choices=tuple(MEASURES), action="append", help="run only these measures")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every run's time too")
    args = parser.parse_args()

    folder = args.keep or Path(tempfile.mkdtemp(prefix="tp-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        bench = Workbench(folder, args.milestones, args.dependencies)
        if args.profile:
            profile(args.profile, bench)
            return 0
        names = args.only or list(MEASURES)
        import reportlab
        import sqlalchemy

        print(f"TrustPlanner benchmark: {args.milestones:,} milestones, {args.dependencies:,} dependencies; "
              f"median of {args.runs} runs after 1 warm-up")
        print(f"Python {platform.python_version()}, SQLAlchemy {sqlalchemy.__version__}, reportlab "
              f"{reportlab.Version}, SQLite {sqlite3.sqlite_version}, {os.cpu_count()} CPUs, {platform.system()}")
        print()
        header = f"{'measure':<10}{'seconds':>9}{'baseline':>10}{'ratio':>8}   {'target':<20}{'result'}"
        print(header)
        print("-" * len(header))
        results = {}
        for name in names:
            make_measure, make_baseline = MEASURES[name]
            ours, bare = timed(make_measure(bench), make_baseline(bench), args.runs, args.verbose)
            ratio = ours / bare
            results[name] = TARGETS[name].met(ours, ratio)
            print(f"{name:<10}{ours:>9.3f}{bare:>10.3f}{ratio:>7.1f}x   {TARGETS[name].describe():<20}{results[name]}",
                  flush=True)
        print()
        if "briefing" in results:
            print(f"Briefing: {bench.briefing_pages} pages; its milestone tables hold {bench.briefing_rows} rows "
                  f"(baseline: the same rows, {bench.baseline_pages} pages).")
        return 1 if "MISS" in results.values() else 0
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
