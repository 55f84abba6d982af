"""What the timed benchmarks share: targets, timing, profiling, the results table and set-up.

``bench_plan.py``, ``bench_staff.py`` and ``bench_budget.py`` each define their workbench and
their measures (pairs of factories ``bench -> run``, each run returning the seconds it timed);
this module times them (a warm-up, then the median of interleaved runs, each after a full
garbage collection), profiles one run with cProfile, and prints the table with PASS/MISS.

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
from typing import Any

Run = Callable[[], float]
Measures = dict[str, tuple[Callable[[Any], Run], Callable[[Any], Run]]]
#: (columns as (heading, width share), rows of cell markup); a row may end with a note: a last
#: element ``("note", markup)`` is printed across the row beneath, from the second column on
Tables = list[tuple[list[tuple[str, float]], list[list[object]]]]


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


# Set-up --------------------------------------------------------------------------------------

class Copies:
    """A folder of plan files: ``template`` and fresh copies of it (or of another plan) per run."""

    folder: Path
    template: Path
    _copies: int = 0

    def fresh_copy(self, name: str | None = None, source: Path | None = None) -> Path:
        if name is None:
            self._copies += 1
            name = f"run-{self._copies}"
        target = self.folder / f"{name}.tplan"
        shutil.copyfile(source or self.template, target)
        return target


def write_csv(path: Path, header: tuple[str, ...], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def read_csv(path: Path) -> list[list[str]]:
    """The rows of a CSV file below its header."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        return list(reader)


def services_template(folder: Path, data: Path, services: tuple) -> Path:
    """``data/services.csv`` written from ``services`` and ``folder/template.tplan``, a new plan of
    the benchmark programme holding them."""
    from generate import PROGRAMME

    from trustplanner.services.imports import import_file
    from trustplanner.services.plans import new_plan

    path = data / "services.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([("name", "shadow", "go_live", "retained"), *services])
    template = folder / "template.tplan"
    with new_plan(template, **PROGRAMME) as plan:
        import_file(plan, "services", path)
    return template


# Measures ------------------------------------------------------------------------------------

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


def plan_run(bench: Copies, work: Callable[[Any], Any], check: Callable[[Any], object],
             source: Path | None = None) -> Run:
    """A measured run: ``work(plan)`` on a fresh copy of ``source`` (the template by default),
    timed after TrustPlanner's memo caches are emptied; ``check`` then looks at what it returned
    and the copy is deleted."""
    from trustplanner.store.plan_file import open_plan_file

    def run() -> float:
        path = bench.fresh_copy(source=source)
        with open_plan_file(path) as plan:
            clear_caches()
            start = time.perf_counter()
            result = work(plan)
            elapsed = time.perf_counter() - start
        check(result)
        path.unlink()
        return elapsed
    return run


def bare_sqlite(bench: Copies, work: Callable[[sqlite3.Connection], object], source: Path | None = None) -> Run:
    """A baseline run: ``work`` on a sqlite3 connection to a fresh copy of ``source`` (the template
    by default), with foreign keys on, then one commit; the copy is deleted afterwards."""
    def run() -> float:
        path = bench.fresh_copy(source=source)
        connection = sqlite3.connect(path)
        connection.execute("PRAGMA foreign_keys=ON")
        start = time.perf_counter()
        work(connection)
        connection.commit()
        elapsed = time.perf_counter() - start
        connection.close()
        path.unlink()
        return elapsed
    return run


def _baseline_fonts() -> tuple[str, str]:
    """The typeface the briefing embeds (DejaVu Sans when installed, else Helvetica): regular, bold."""
    from trustplanner.briefing.styles import briefing_fonts

    fonts = briefing_fonts()  # registers them with reportlab, once per process
    return fonts.regular, fonts.bold


def layout_tables(bench: Any, tables: Tables) -> Run:
    """A briefing baseline: reportlab alone laying out ``tables`` (columns as (heading, width
    share), rows of cell markup) in a plain A4 document, no logic. Each run sets
    ``bench.baseline_pages``."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    regular, bold = _baseline_fonts()
    cell = ParagraphStyle("cell", fontName=regular, fontSize=9, leading=11.5)  # the briefing's table text
    head = ParagraphStyle("head", parent=cell, fontName=bold)
    width = A4[0] - 40 * mm
    out = bench.folder / "baseline.pdf"

    def run() -> float:
        start = time.perf_counter()
        story = []
        for columns, rows in tables:
            if not rows:
                continue
            body: list[list[object]] = []
            commands: list[tuple] = [("GRID", (0, 0), (-1, -1), 0.5, "#BFBFBF"), ("VALIGN", (0, 0), (-1, -1), "TOP")]
            for row in rows:
                note = row[-1][1] if row and isinstance(row[-1], tuple) else None
                cells = row[:-1] if note is not None else row
                body.append([Paragraph(text, cell) for text in cells])
                if note is not None:  # the commentary across the row beneath, the pair kept together
                    body.append(["", Paragraph(note, cell), *[""] * (len(columns) - 2)])
                    r = len(body)
                    commands += [("SPAN", (1, r), (-1, r)), ("SPAN", (0, r - 1), (0, r)), ("NOSPLIT", (0, r - 1), (-1, r))]
            table = Table([[Paragraph(name, head) for name, _ in columns], *body],
                          colWidths=[share * width for _, share in columns], repeatRows=1)
            table.setStyle(TableStyle(commands))
            story.append(table)
        doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                                topMargin=24 * mm, bottomMargin=22 * mm, invariant=1)
        doc.build(story)
        bench.baseline_pages = doc.page
        return time.perf_counter() - start
    return run


# Running -------------------------------------------------------------------------------------

def timed(measure: Run, baseline: Run, runs: int, verbose: bool = False) -> tuple[float, float]:
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


def profile(run: Run, limit: int = 30) -> None:
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


def arguments(description: str, measures: Measures, **sizes: int) -> argparse.Namespace:
    """The command line: --runs, one integer option per size (``--name``, its default), --keep,
    --profile, --only and -v."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--runs", type=int, default=7, help="timed runs per measure (median reported)")
    for name, default in sizes.items():
        parser.add_argument(f"--{name}", type=int, default=default)
    parser.add_argument("--keep", type=Path, metavar="DIR", help="work in DIR and keep the files")
    parser.add_argument("--profile", choices=tuple(measures), help="profile one run of a measure instead")
    parser.add_argument("--only", choices=tuple(measures), action="append", help="run only these measures")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every run's time too")
    return parser.parse_args()


def run_benchmark(args: argparse.Namespace, *, prefix: str, build: Callable[[Path], Any], title: str,
                  measures: Measures, targets: dict[str, Target], with_reportlab: bool = True,
                  report: Callable[[Any, dict[str, str]], None] | None = None) -> int:
    """Build the workbench in a working folder (``--keep`` or a temporary one, removed after),
    then profile one measure or time them and print the table; ``report`` prints what follows it.
    Exit status 1 when a target is missed."""
    folder = args.keep or Path(tempfile.mkdtemp(prefix=prefix))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        bench = build(folder)
        if args.profile:
            profile(measures[args.profile][0](bench))
            return 0
        import sqlalchemy

        versions = f"Python {platform.python_version()}, SQLAlchemy {sqlalchemy.__version__}, "
        if with_reportlab:
            import reportlab

            versions += f"reportlab {reportlab.Version}, "
        print(title)
        print(f"{versions}SQLite {sqlite3.sqlite_version}, {os.cpu_count()} CPUs, {platform.system()}")
        print()
        header = f"{'measure':<10}{'seconds':>9}{'baseline':>10}{'ratio':>8}   {'target':<20}{'result'}"
        print(header)
        print("-" * len(header))
        results = {}
        for name in args.only or list(measures):
            make_measure, make_baseline = measures[name]
            ours, bare = timed(make_measure(bench), make_baseline(bench), args.runs, args.verbose)
            ratio = ours / bare
            results[name] = targets[name].met(ours, ratio)
            print(f"{name:<10}{ours:>9.3f}{bare:>10.3f}{ratio:>7.1f}x   {targets[name].describe():<20}{results[name]}",
                  flush=True)
        if report is not None:
            report(bench, results)
        return 1 if "MISS" in results.values() else 0
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
