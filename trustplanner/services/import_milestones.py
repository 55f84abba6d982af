"""Rows of a milestones file into Milestone records, checked against the file and the plan."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from trustplanner.domain.enums import STAGE_GATES, Rag, Stage, Workstream, parse_choice
from trustplanner.domain.model import Milestone
from trustplanner.domain.problems import Problem, ValidationFailed
from trustplanner.domain.rag import derived_rag
from trustplanner.domain.schedule import describe_cycle, find_cycles
from trustplanner.io.rows import RowReader
from trustplanner.io.tables import Table, read_table
from trustplanner.io.values import parse_refs
from trustplanner.services.snapshot import PlanSnapshot

REQUIRED = ("ref", "title", "workstream", "stage", "baseline")
OPTIONAL = ("service", "owner", "forecast", "actual", "depends_on", "rag", "commentary")
COLUMNS = ("ref", "title", "workstream", "service", "stage", "owner", "baseline", "forecast", "actual",
           "depends_on", "rag", "commentary")
RAG_WORDS = {"g": Rag.GREEN, "a": Rag.AMBER, "r": Rag.RED, "c": Rag.COMPLETE, "completed": Rag.COMPLETE}
FORBIDDEN_IN_REF = set(";, \t\n")
DERIVED_PREFIX = "TUPE-"


def parse(path: str | Path, snapshot: PlanSnapshot) -> tuple[Table, list[Milestone]]:
    table = read_table(path, "milestones", required=REQUIRED, optional=OPTIONAL)
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
        for dep in depends_on:
            if dep == ref:
                problems.append(Problem(table.source, number, "depends_on", f"{dep} cannot depend on itself"))
            elif dep not in known_refs:
                problems.append(Problem(table.source, number, "depends_on", f"depends on unknown milestone {dep}"))
    if not problems:
        _check_cycles(table.source, parsed, existing, problems)
    if problems:
        raise ValidationFailed(problems)
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
    ref = row.text("ref", required=True, max_length=40)
    if ref and not FORBIDDEN_IN_REF.isdisjoint(ref):
        row.error("ref", f"'{ref}' may not contain spaces, commas or semicolons")
    if ref in rows_by_ref:
        row.error("ref", f"{ref} is also on row {rows_by_ref[ref]}")
    elif ref:
        rows_by_ref[ref] = row.row
    old = plan.existing.get(ref)
    if old is not None and old.derived:
        row.error("ref", f"{ref} is derived from the staff data and kept in step with it; record its actual "
                         "date and commentary in the app")
    elif old is None and ref.upper().startswith(DERIVED_PREFIX):
        row.error("ref", f"refs starting {DERIVED_PREFIX} are kept for the TUPE deadlines derived from staff data")
    title = row.text("title", required=True, max_length=300)
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
    rag_text = cells.get("rag", "")
    if rag_text and _rag_choice(rag_text) is None:
        row.error("rag", f"unknown RAG '{rag_text}'; use green, amber, red or complete (or leave blank)")
    if actual and actual > plan.today:
        row.error("actual", f"actual date {actual:%d/%m/%Y} is in the future")
    if old and baseline and baseline != old.baseline:
        row.error("baseline", f"differs from the plan's baseline {old.baseline:%d/%m/%Y}; a baseline changes "
                              "only by a recorded re-baseline with its reason and approving decision")
    if len(row.problems) > errors_before or baseline is None or stage is None:
        return None
    milestone = Milestone(
        ref=ref, title=title, workstream=workstream, stage=stage, baseline=baseline,
        forecast=forecast or baseline, service=service, owner=owner, actual=actual,
        depends_on=tuple(sorted(depends_on)), commentary=commentary,
        rag_override=old.rag_override if (old and "rag" not in cells) else None,
        derived=old.derived if old else False,
    )
    if "rag" in cells:
        milestone = _apply_rag(row, milestone, rag_text, plan)
    return milestone


@lru_cache(maxsize=1024)
def _choice(enum_type, text: str):
    """:func:`parse_choice`, remembered: a file repeats the same few workstreams and stages."""
    return parse_choice(enum_type, text)


@lru_cache(maxsize=256)
def _rag_choice(text: str) -> Rag | None:
    return parse_choice(Rag, text, extra=RAG_WORDS)


def _workstream(row: RowReader) -> str:
    text = row.text("workstream", required=True, max_length=100)
    known = _choice(Workstream, text)
    return known.value if known else text


def _service(row: RowReader, plan: _PlanFacts) -> str | None:
    text = row.text("service")
    if not text:
        return None
    match = plan.services.get(text.casefold())
    if match is None:
        names = ", ".join(s.name for s in plan.snapshot.services) or "none yet: import services first"
        row.error("service", f"unknown service '{text}' (services in this plan: {names})")
    return match


def _stage(row: RowReader) -> Stage | None:
    text = row.text("stage", required=True)
    if not text:
        return None
    stage = _choice(Stage, text)
    if stage not in STAGE_GATES:
        row.error("stage", f"unknown stage '{text}'; use council, shadow or independent")
        return None
    return stage


def _apply_rag(row: RowReader, milestone: Milestone, text: str, plan: _PlanFacts) -> Milestone:
    """Turn the rag cell into an override, refusing one that would flatter the dates."""
    if not text:
        return milestone
    rag = _rag_choice(text)  # known: _parse_row refused unknown words
    snapshot = plan.snapshot
    programme = snapshot.programme
    derived = derived_rag(milestone, snapshot.status_date, programme.tolerance_days)
    old = plan.existing.get(milestone.ref)
    if old is not None and old.rag_override is rag and rag is not Rag.COMPLETE:
        # The plan's own override coming back (e.g. from an export). Time may have overtaken it, which
        # is harmless; an actual date now makes the milestone complete and the override lapses.
        if derived is Rag.COMPLETE:
            return milestone
        if not milestone.commentary.strip():
            row.error("commentary", f"a {rag.value} milestone needs a commentary")
        return replace(milestone, rag_override=rag)
    if rag is Rag.COMPLETE or derived is Rag.COMPLETE:
        if rag is not derived:
            row.error("rag", "complete goes with an actual date" if rag is Rag.COMPLETE
                      else f"a milestone with an actual date is complete, not {rag.value}")
        return milestone
    if rag.severity < derived.severity:
        row.error("rag", f"{rag.value} would make it look better than its dates show ({derived.value} as of "
                         f"{snapshot.status_date:%d/%m/%Y}); an override may only make it worse")
        return milestone
    if rag is derived:
        return milestone
    if not milestone.commentary.strip():
        row.error("commentary", f"a {rag.value} milestone needs a commentary")
    return replace(milestone, rag_override=rag)


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
            problems.append(Problem(source, rows[where], "depends_on", f"dependency cycle: {describe_cycle(cycle)}"))
