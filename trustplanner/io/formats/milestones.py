"""Rows of a milestones file into Milestone records, checked against the file and the plan."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from trustplanner.domain.enums import STAGE_GATES, Rag, Stage, Workstream, parse_choice
from trustplanner.domain.milestone_rules import (
    actual_problem,
    baseline_problem,
    cycle_message,
    dependency_problems,
    not_a_stage,
    ref_problem,
    ref_taken,
    reported_rag_problem,
    required_problem,
    stored_reported_rag,
    unknown_service,
)
from trustplanner.domain.model import Milestone
from trustplanner.domain.problems import Problem, ValidationFailed
from trustplanner.domain.schedule import find_cycles
from trustplanner.domain.snapshot import PlanSnapshot
from trustplanner.domain.statutory import parse_meets, unknown_meets
from trustplanner.io.rows import RowReader
from trustplanner.io.tables import Table, as_in_file, read_table
from trustplanner.io.values import parse_refs

REQUIRED = ("ref", "title", "workstream", "stage", "baseline")
OPTIONAL = ("service", "owner", "forecast", "actual", "depends_on", "rag", "commentary", "meets")
COLUMNS = ("ref", "title", "workstream", "service", "stage", "owner", "baseline", "forecast", "actual",
           "depends_on", "rag", "commentary", "meets")
#: the column whose cells may hold tabs and line breaks
FREE_TEXT = ("commentary",)
RAG_WORDS = {"g": Rag.GREEN, "a": Rag.AMBER, "r": Rag.RED, "c": Rag.COMPLETE, "completed": Rag.COMPLETE}
DERIVED_PREFIX = "TUPE-"


def parse(path: str | Path, snapshot: PlanSnapshot, fill: Callable[[Table], None] | None = None,
          ) -> tuple[Table, list[Milestone]]:
    """``fill`` sees the cells before they are checked (it fills blank cells that keep the plan's values)."""
    table = read_table(path, "milestones", required=REQUIRED, optional=OPTIONAL, free_text=FREE_TEXT)
    if fill is not None:
        fill(table)
    problems: list[Problem] = []
    existing = {m.ref: m for m in snapshot.milestones}
    rows_by_ref: dict[str, int] = {}
    parsed: list[tuple[int, Milestone]] = []
    plan = _PlanFacts(snapshot, existing)
    dependencies: list[tuple[int, str, tuple[str, ...]]] = []
    for number, cells in table.rows:
        row = RowReader(table.source, number, cells, problems)
        milestone = _parse_row(row, plan, rows_by_ref)
        if milestone is not None:
            parsed.append((number, milestone))
        if "depends_on" in cells and cells.get("ref"):  # checked even when the row has other problems
            dependencies.append((number, cells["ref"], parse_refs(cells["depends_on"])))
    known_refs = set(existing) | set(rows_by_ref)
    for number, ref, depends_on in dependencies:
        for message in dependency_problems(ref, depends_on, known_refs):
            problems.append(Problem(table.source, number, "depends_on", message))
    if not problems:
        _check_cycles(table.source, parsed, existing, problems)
    if problems:
        raise ValidationFailed(as_in_file(table, problems))
    return table, [m for _, m in parsed]


class _PlanFacts:
    """What every row is checked against, worked out once per file rather than once per row."""

    def __init__(self, snapshot: PlanSnapshot, existing: dict[str, Milestone]):
        self.snapshot = snapshot
        self.existing = existing
        self.today = date.today()
        self.services: dict[str, str] = {}  # casefolded name -> name; the first of a clash wins
        for service in snapshot.services:
            self.services.setdefault(service.name.casefold(), service.name)


def _parse_row(row: RowReader, plan: _PlanFacts, rows_by_ref: dict[str, int]) -> Milestone | None:
    errors_before = len(row.problems)
    cells = row.cells
    ref = row.text("ref", max_length=40)
    _rule(row, "ref", ref_problem(ref))
    if ref in rows_by_ref:
        row.error("ref", f"{ref_taken(ref)}, on row {rows_by_ref[ref]}")
    elif ref:
        rows_by_ref[ref] = row.row
    old = plan.existing.get(ref)
    if old is not None and old.derived:
        row.error("ref", f"{ref} is derived from the staff data and kept in step with it; record its actual "
                         "date and commentary in the app")
    elif old is None and ref.upper().startswith(DERIVED_PREFIX):
        row.error("ref", f"refs starting {DERIVED_PREFIX} are kept for the TUPE deadlines derived from staff data")
    title = row.text("title", max_length=300)
    _rule(row, "title", required_problem("title", title))
    workstream = _workstream(row)
    service = _service(row, plan) if "service" in cells else (old.service if old else None)
    stage = _stage(row)
    owner = row.text("owner", max_length=200)
    if "owner" not in cells:
        owner = old.owner if old else ""
    baseline = row.date("baseline", required=True)
    forecast = row.date("forecast") if "forecast" in cells else (old.forecast if old else None)
    actual = row.date("actual") if "actual" in cells else (old.actual if old else None)
    depends_on = parse_refs(cells["depends_on"]) if "depends_on" in cells else (old.depends_on if old else ())
    commentary = row.text("commentary")
    if "commentary" not in cells:
        commentary = old.commentary if old else ""
    meets = _meets(row, old)
    rag_text = cells.get("rag", "")
    if rag_text and _rag_choice(rag_text) is None:
        row.error("rag", f"unknown RAG '{rag_text}'; use green, amber, red or complete (or leave blank)")
    _rule(row, "actual", actual_problem(actual, plan.today))
    if old and baseline:
        _rule(row, "baseline", baseline_problem(old.baseline, baseline))
    if len(row.problems) > errors_before or baseline is None or stage is None:
        return None
    milestone = Milestone(
        ref=ref, title=title, workstream=workstream, stage=stage, baseline=baseline,
        forecast=forecast or baseline, service=service, owner=owner, actual=actual,
        depends_on=tuple(sorted(depends_on)), commentary=commentary,
        # without a rag column the plan's report stands, until an actual date makes it complete
        rag_override=old.rag_override if (old and "rag" not in cells and actual is None) else None,
        derived=old.derived if old else False, meets=meets,
    )
    if "rag" in cells:
        milestone = _apply_rag(row, milestone, rag_text)
    return milestone


def _rule(row: RowReader, column: str, message: str | None) -> None:
    if message:
        row.error(column, message)


@lru_cache(maxsize=1024)
def _choice(enum_type, text: str):
    """:func:`parse_choice`, remembered: a file repeats the same few workstreams and stages."""
    return parse_choice(enum_type, text)


@lru_cache(maxsize=256)
def _rag_choice(text: str) -> Rag | None:
    return parse_choice(Rag, text, extra=RAG_WORDS)


def _workstream(row: RowReader) -> str:
    text = row.text("workstream", max_length=100)
    _rule(row, "workstream", required_problem("workstream", text))
    known = _choice(Workstream, text)
    return known.value if known else text


def _service(row: RowReader, plan: _PlanFacts) -> str | None:
    text = row.text("service")
    if not text:
        return None
    match = plan.services.get(text.casefold())
    if match is None:
        row.error("service", unknown_service(text, [s.name for s in plan.snapshot.services]))
    return match


def _meets(row: RowReader, old: Milestone | None) -> str:
    """The statutory deadline the row meets (without a meets column: what the plan says)."""
    if "meets" not in row.cells:
        return old.meets if old else ""
    text = row.text("meets")
    meets = parse_meets(text)
    if meets is None:
        row.error("meets", unknown_meets(text))
        return ""
    return meets.value


def _stage(row: RowReader) -> Stage | None:
    text = row.text("stage", required=True)
    if not text:
        return None
    stage = _choice(Stage, text)
    if stage not in STAGE_GATES:
        row.error("stage", not_a_stage(text))
        return None
    return stage


def _apply_rag(row: RowReader, milestone: Milestone, text: str) -> Milestone:
    """The rag cell is the milestone's reported RAG, kept even where the dates now disagree.

    Whether the dates agree depends on the day of the import, so that is flagged, never refused
    (see ``trustplanner check``); a report that contradicts the row itself is refused.
    """
    if not text:
        return milestone
    rag = _rag_choice(text)  # known: _parse_row refused unknown words
    if message := reported_rag_problem(rag, milestone.actual):
        row.error("rag", message)
        return milestone
    return replace(milestone, rag_override=stored_reported_rag(rag))


def _check_cycles(source: str, parsed: list[tuple[int, Milestone]], existing: dict[str, Milestone],
                  problems: list[Problem]) -> None:
    graph = {ref: m.depends_on for ref, m in existing.items()}
    rows = {}
    for number, milestone in parsed:
        graph[milestone.ref] = milestone.depends_on
        rows[milestone.ref] = number
    for cycle in find_cycles(graph):
        where = next((r for r in cycle if r in rows), None)
        if where is not None:
            problems.append(Problem(source, rows[where], "depends_on", cycle_message(cycle)))
