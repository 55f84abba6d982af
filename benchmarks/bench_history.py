#!/usr/bin/env python3
"""Benchmark what the change history costs: each write with it, beside the same write without it.

    python benchmarks/bench_history.py [--runs 7] [--milestones 2000] [--dependencies 3000] [-v]

"Without it" is the same service call with the store's row capture switched off for the run
(no triggers installed, nothing collected, no entry written), so the difference is exactly
the history: the triggers firing on every row written, reading back the captured images and
writing the entry with them. Measured in the same process, interleaved, as in bench_plan.py.

import    ``import_file(plan, "milestones", milestones.csv)``: 2,000 milestones and 3,000
          dependencies into a fresh copy of a plan with its programme and services.
edit      ``update_milestone``: one milestone's forecast and commentary, on a fresh copy of the
          plan holding all 2,000 milestones (the app's in-place edit).
undo      ``history.undo`` of that import (info: it deletes the 5,000 rows); baseline: the import
          without the history, i.e. about what writing them costs.

Targets: import and edit within 1.3x. Nothing here is collected by pytest.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_plan  # noqa: E402
from harness import Target, arguments, clear_caches, run_benchmark  # noqa: E402

from trustplanner.services import history  # noqa: E402
from trustplanner.services.imports import import_file  # noqa: E402
from trustplanner.services.milestones import update_milestone  # noqa: E402
from trustplanner.services.snapshot import load_snapshot  # noqa: E402
from trustplanner.store import capture  # noqa: E402
from trustplanner.store.plan_file import open_plan_file  # noqa: E402

TARGETS = {"import": Target(ratio=1.3), "edit": Target(ratio=1.3), "undo": Target()}


@contextmanager
def no_history():
    """The same writes with the row capture switched off: no triggers, nothing collected, no entry."""
    saved = capture.begin_capture, capture.touched_tables, capture.record_into
    capture.begin_capture = lambda connection: None
    capture.touched_tables = lambda connection: set()
    capture.record_into = lambda connection, table, entry_id: 0
    try:
        yield
    finally:
        capture.begin_capture, capture.touched_tables, capture.record_into = saved


class Workbench(bench_plan.Workbench):
    """bench_plan's workbench (generated files, a template with services, the full plan), and one
    open milestone of the full plan to edit."""

    def __init__(self, folder: Path, milestones: int, dependencies: int):
        super().__init__(folder, milestones, dependencies)
        with open_plan_file(self.full) as plan:
            self.milestone = next(m for m in load_snapshot(plan).milestones if not m.actual)


def _run(bench: Workbench, source: Path | None, work: Callable, *, recorded: bool) -> Callable[[], float]:
    def run() -> float:
        path = bench.fresh_copy(source=source)
        with open_plan_file(path) as plan:
            clear_caches()
            before = history.revision(plan)
            if recorded:
                start = time.perf_counter()
                work(plan)
                elapsed = time.perf_counter() - start
            else:
                with no_history():
                    start = time.perf_counter()
                    work(plan)
                    elapsed = time.perf_counter() - start
            assert history.revision(plan) == before + (1 if recorded else 0)
        path.unlink()
        return elapsed
    return run


def _import(bench: Workbench) -> Callable:
    return lambda plan: import_file(plan, "milestones", bench.data["milestones"])


def _edit(bench: Workbench) -> Callable:
    m = bench.milestone
    return lambda plan: update_milestone(plan, m.ref, replace(m, forecast=m.forecast + timedelta(days=7),
                                                               commentary="Moved a week: supplier late"))


def measure_undo(bench: Workbench) -> Callable[[], float]:
    def run() -> float:
        path = bench.fresh_copy()
        with open_plan_file(path) as plan:
            import_file(plan, "milestones", bench.data["milestones"])
            clear_caches()
            start = time.perf_counter()
            history.undo(plan)
            elapsed = time.perf_counter() - start
            assert not load_snapshot(plan).milestones
        path.unlink()
        return elapsed
    return run


MEASURES = {
    "import": (lambda b: _run(b, None, _import(b), recorded=True), lambda b: _run(b, None, _import(b), recorded=False)),
    "edit": (lambda b: _run(b, b.full, _edit(b), recorded=True), lambda b: _run(b, b.full, _edit(b), recorded=False)),
    "undo": (measure_undo, lambda b: _run(b, None, _import(b), recorded=False)),
}


def main() -> int:
    args = arguments("Benchmark the cost of the change history.", MEASURES, milestones=2000, dependencies=3000)
    return run_benchmark(
        args, prefix="tp-bench-history-", build=lambda folder: Workbench(folder, args.milestones, args.dependencies),
        title=(f"TrustPlanner change history: {args.milestones:,} milestones, {args.dependencies:,} dependencies; "
               f"with the history beside the same work without it; median of {args.runs} runs after 1 warm-up"),
        measures=MEASURES, targets=TARGETS, with_reportlab=False)


if __name__ == "__main__":
    sys.exit(main())
