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
briefing  ``produce_briefing(plan, out.pdf)``: snapshot, statuses, layout, PDF (a draft: nothing recorded in
          the plan). Baseline: reportlab alone laying out the briefing's milestone tables (the same
          rows, columns, widths, cell text and fonts) in a plain A4 document, no logic.
changes   the same briefing compared with one issued two months earlier, a tenth of the open forecasts
          moved since: the frozen figures read back, the comparison, the changes section and the
          appendices. Baseline: reportlab alone laying out the milestone tables, the change lines
          and the glossary (the lines worded beforehand, untimed).

Nothing here is collected by pytest (it lives outside ``tests/`` and has no ``test_`` names).
"""

from __future__ import annotations

import sqlite3
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import PROGRAMME, write_files  # noqa: E402
from harness import (  # noqa: E402
    Copies,
    Tables,
    Target,
    arguments,
    bare_sqlite,
    clear_caches,
    layout_tables,
    plan_run,
    read_csv,
    run_benchmark,
)

from trustplanner.services.briefings import prepare_briefing, produce_briefing  # noqa: E402
from trustplanner.services.checks import check_plan  # noqa: E402
from trustplanner.services.imports import import_file  # noqa: E402
from trustplanner.services.plans import new_plan  # noqa: E402
from trustplanner.services.snapshot import load_snapshot  # noqa: E402
from trustplanner.store.milestone_store import write_milestones  # noqa: E402
from trustplanner.store.plan_file import open_plan_file  # noqa: E402

TARGETS = {
    "import": Target(ratio=3.0, seconds=3.0),
    "check": Target(),
    "briefing": Target(ratio=1.5, seconds=3.0),
    "changes": Target(ratio=1.5, seconds=3.0),
}


# Set-up ----------------------------------------------------------------------------------------

class Workbench(Copies):
    """Generated files, a template plan with its services, and a full plan for check/briefing."""

    def __init__(self, folder: Path, milestones: int, dependencies: int):
        self.folder = folder
        self.data = write_files(folder / "data", milestones, dependencies)
        self.template = folder / "template.tplan"
        with new_plan(self.template, **PROGRAMME) as plan:
            import_file(plan, "services", self.data["services"])
        self.full = self.fresh_copy("full")
        with open_plan_file(self.full) as plan:
            result = import_file(plan, "milestones", self.data["milestones"])
        self.imported = len(result.added)


# The measures ----------------------------------------------------------------------------------

def measure_import(bench: Workbench) -> Callable[[], float]:
    def check(result) -> None:  # noqa: ANN001
        assert len(result.added) == bench.imported and result.applied
    return plan_run(bench, lambda plan: import_file(plan, "milestones", bench.data["milestones"]), check)


MILESTONE_INSERT = (
    "INSERT INTO milestone (ref, title, workstream, service_id, stage, owner, baseline, forecast, actual, "
    "rag_override, commentary, derived) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)"
)


def baseline_import(bench: Workbench) -> Callable[[], float]:
    def work(connection: sqlite3.Connection) -> None:
        records = read_csv(bench.data["milestones"])
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
    return bare_sqlite(bench, work)


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


def briefing_tables(bench: Workbench) -> Tables:
    """The briefing's milestone tables as plain text: (columns as (heading, width share), rows),
    in the briefing's order: the body's overdue, due before the next meeting, slipped, knock-on
    and critical path, then Appendix A's completed and due in 90 days.

    The rows come from the briefing service's own data, so the baseline lays out exactly as
    many rows, with the same text, as the briefing does: a milestone's commentary across the row
    beneath it in the first table of the body (and of the appendix) that lists it, a pointer to it
    in later ones. The work of choosing them is not timed.
    """
    with open_plan_file(bench.full) as plan:
        section = prepare_briefing(load_snapshot(plan)).milestones

    def esc(text: str) -> str:  # cell text is reportlab markup: user text is escaped, as the briefing does
        return escape(text or "")

    def day(value) -> str:
        return f"{value:%d/%m/%Y}" if value else "—"

    shown: dict[str, str] = {}

    def note(line, table: str) -> list[tuple[str, str]]:  # printed across the row beneath it
        text = line.commentary.strip()
        if text and line.ref in shown:
            return [("note", esc(f"See the commentary under “{shown[line.ref]}”."))]
        if text:
            shown[line.ref] = table
            return [("note", esc(text))]
        return [("note", "No commentary recorded.")] if line.rag.needs_commentary else []

    def owner(line) -> str:
        return f"{esc(line.workstream)}<br/>{esc(line.owner)}" if line.owner.strip() else esc(line.workstream)

    ref, rag = ("Ref", 0.15), ("RAG", 0.07)
    owner_col, base, fore = ("Workstream / owner", 0.175), ("Baseline", 0.125), ("Forecast", 0.125)
    narrow, wide = ("Milestone", 0.245), ("Milestone", 0.35)

    def dated(lines, heading: str, extra: tuple[str, float] | None = None, figure=None) -> tuple:
        columns = [ref, narrow if extra else wide, owner_col, base, fore, *([extra] if extra else []), rag]
        return (columns, [[m.ref, esc(m.title), owner(m), day(m.baseline), day(m.forecast),
                           *([str(figure(m))] if extra else []), m.rag.letter, *note(m, heading)] for m in lines])

    body = [
        dated(section.overdue, "Overdue milestones", ("Days overdue", 0.105), lambda m: m.overdue_days),
        dated(section.before_next_meeting, "Due before the next meeting"),
        dated(section.slipped, "Slipped against baseline", ("Slip (days)", 0.105), lambda m: m.slippage_days),
        ([ref, ("Dependent milestone", 0.26), ("Forecast", 0.125), ("Pushed to", 0.125),
          ("Days later", 0.105), ("Pushed by", 0.22)],
         [[k.ref, esc(k.title), day(k.forecast), day(k.pushed_to), str(k.working_days), k.caused_by]
          for k in section.knock_ons]),
        *(([ref, ("Milestone", 0.525), ("Forecast", 0.125), ("Float (days)", 0.125), rag],
           [[step.ref, esc(step.title), day(step.date), str(step.float_days), step.rag.letter] for step in path.steps])
          for path in section.critical_paths),
    ]
    shown.clear()  # the appendix prints commentary again, in its first table
    appendix = [
        ([ref, wide, owner_col, base, ("Actual", 0.125), rag],
         [[m.ref, esc(m.title), owner(m), day(m.baseline), day(m.actual), m.rag.letter,
           *note(m, "Completed")] for m in section.completed]),
        dated(section.due_next, "Due in the next 90 days"),
    ]
    return [*body, *appendix]


def baseline_briefing(bench: Workbench) -> Callable[[], float]:
    tables = briefing_tables(bench)
    bench.briefing_rows = sum(len(rows) for _, rows in tables)
    return layout_tables(bench, tables)


def _with_an_issued_briefing(bench: Workbench) -> Path:
    """A copy of the full plan with a briefing issued two months before the status date, and
    forecasts moved since, so the next briefing has a changes section to lay out."""
    path = bench.fresh_copy("changes", source=bench.full)
    with open_plan_file(path) as plan:
        snapshot = load_snapshot(plan)
        status = snapshot.status_date
        produce_briefing(plan, bench.folder / "earlier.pdf", as_of=status - timedelta(days=61), issue=True)
        moved = [replace(m, forecast=m.forecast + timedelta(days=14)) for m in snapshot.milestones[::10]
                 if m.actual is None and not m.derived]
        with plan.transaction() as session:
            write_milestones(session, moved)
    return path


def measure_changes(bench: Workbench) -> Callable[[], float]:
    plan = open_plan_file(_with_an_issued_briefing(bench))
    out = bench.folder / "changes.pdf"

    def run() -> float:
        start = time.perf_counter()
        made = produce_briefing(plan, out)  # a draft: compared with the issued one, nothing recorded
        elapsed = time.perf_counter() - start
        bench.changes_pages = made.pages
        return elapsed
    return run


def baseline_changes(bench: Workbench) -> Callable[[], float]:
    """reportlab alone laying out the same milestone tables plus the change lines and the glossary
    as one-column tables (the lines come from the briefing's own wording, untimed)."""
    from trustplanner.briefing.change_lines import change_lines
    from trustplanner.briefing.glossary import TERMS
    from trustplanner.services.briefings import changes_since

    tables = briefing_tables(bench)
    with open_plan_file(_with_an_issued_briefing(bench)) as plan:
        _, changes = changes_since(plan)
    for heading, lines in change_lines(changes):
        tables.append(([(escape(heading), 1.0)], [[escape(line)] for line in lines]))
    tables.append(([("Term", 0.24), ("Meaning", 0.76)], [[term, escape(meaning)] for term, meaning, _ in TERMS]))
    bench.changes_rows = sum(len(rows) for _, rows in tables)
    return layout_tables(bench, tables)


MEASURES: dict[str, tuple[Callable, Callable]] = {
    "import": (measure_import, baseline_import),
    "check": (measure_check, baseline_check),
    "briefing": (measure_briefing, baseline_briefing),
    "changes": (measure_changes, baseline_changes),
}


# Running ---------------------------------------------------------------------------------------

def report(bench: Workbench, results: dict[str, str]) -> None:
    print()
    if "changes" in results:
        print(f"Changes briefing: {bench.changes_pages} pages against a briefing issued two months earlier, with "
              f"a tenth of the open forecasts moved since ({bench.changes_rows} rows in the baseline's tables).")
    if "briefing" in results:
        print(f"Briefing: {bench.briefing_pages} pages; its milestone tables hold {bench.briefing_rows} rows "
              f"(baseline: the same rows, {bench.baseline_pages} pages).")


def main() -> int:
    args = arguments("Benchmark import, check and briefing on a large plan.", MEASURES,
                     milestones=2000, dependencies=3000)
    return run_benchmark(
        args, prefix="tp-bench-", build=lambda folder: Workbench(folder, args.milestones, args.dependencies),
        title=(f"TrustPlanner benchmark: {args.milestones:,} milestones, {args.dependencies:,} dependencies; "
               f"median of {args.runs} runs after 1 warm-up"),
        measures=MEASURES, targets=TARGETS, report=report)


if __name__ == "__main__":
    sys.exit(main())
