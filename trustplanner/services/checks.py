"""Checking a plan against the schedule rules, for `trustplanner check` and the app."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from trustplanner.domain.rag import commentary_problem, rag_disagreement
from trustplanner.domain.schedule import describe_cycle, find_cycles, knock_on, unknown_dependencies
from trustplanner.services.snapshot import PlanSnapshot


@dataclass(frozen=True, order=True)
class RuleProblem:
    ref: str
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.ref}: {self.message}"


def check_plan(snapshot: PlanSnapshot, as_of: date | None = None) -> list[RuleProblem]:
    """Every rule the plan breaks as of ``as_of`` (default: its status date), by milestone ref.

    Besides structure (dependencies, cycles, knock-on), this lists the judgements the import and
    the app accept but flag: a reported RAG better than the dates, amber or red without commentary.
    """
    as_of = as_of or snapshot.status_date
    tolerance = snapshot.programme.tolerance_days
    problems: list[RuleProblem] = []
    for missing in unknown_dependencies(snapshot.milestones):
        problems.append(RuleProblem(missing.ref, "unknown-dependency",
                                    f"depends on unknown milestone {missing.missing}"))
    cycles = find_cycles({m.ref: m.depends_on for m in snapshot.milestones})
    for cycle in cycles:
        problems.append(RuleProblem(cycle[0], "cycle", f"dependency cycle: {describe_cycle(cycle)}"))
    for milestone in snapshot.milestones:
        if message := rag_disagreement(milestone, as_of, tolerance):
            problems.append(RuleProblem(milestone.ref, "reported-rag", message))
        if message := commentary_problem(milestone, as_of, tolerance):
            problems.append(RuleProblem(milestone.ref, "commentary", message))
    if not cycles:
        for push in knock_on(snapshot.milestones):
            problems.append(RuleProblem(
                push.ref, "knock-on",
                f"forecast {push.forecast:%d/%m/%Y} is before {push.caused_by} finishes; knock-on pushes it to "
                f"{push.pushed_to:%d/%m/%Y} ({push.days} working days)"))
    return sorted(problems)
