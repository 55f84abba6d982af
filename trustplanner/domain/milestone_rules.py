"""The rules a milestone must keep, worded once for every way a milestone is entered.

The import (``io/formats/milestones.py``) and the app's edits (``services/milestones.py``)
both ask these functions, so one bad value gets one message wherever it is typed. Only the
structure of the record is refused here: things wrong whatever the date. Judgements that depend
on the date (a reported RAG the dates now disagree with, amber or red without a commentary) are
flags, worked out in :mod:`trustplanner.domain.rag`, never reasons to refuse.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping, Sequence
from datetime import date

from trustplanner.domain.dates import date_problem
from trustplanner.domain.enums import STAGE_GATES, Rag, Stage
from trustplanner.domain.model import Milestone
from trustplanner.domain.problems import Breach
from trustplanner.domain.schedule import describe_cycle, find_cycles
from trustplanner.domain.statutory import meets_problem

FORBIDDEN_IN_REF = frozenset(";, \t\n")
REQUIRED_TEXT = ("ref", "title", "workstream")


def required_problem(column: str, value: str) -> str | None:
    return None if value.strip() else f"{column} is required"


def ref_problem(ref: str) -> str | None:
    """What is wrong with the form of a ref (not whether it is free)."""
    if not ref.strip():
        return "ref is required"
    if not FORBIDDEN_IN_REF.isdisjoint(ref):
        return f"ref '{ref}' may not contain spaces, commas or semicolons"
    return None


def ref_taken(ref: str) -> str:
    return f"{ref} is already used by another milestone"


def not_a_stage(stage_text: str) -> str:
    """``stage_text`` was typed or chosen as a stage but is not a stage gate (retained is a service state)."""
    return f"unknown stage '{stage_text}'; use council, shadow or independent"


def unknown_service(service: str, services: Sequence[str]) -> str:
    names = ", ".join(services) or "none yet: import services first"
    return f"unknown service '{service}' (services in this plan: {names})"


def actual_problem(actual: date | None, today: date) -> str | None:
    if actual is not None and actual > today:
        return f"actual date {actual:%d/%m/%Y} is in the future"
    return None


def dependency_problems(ref: str, depends_on: Iterable[str], known: Container[str]) -> list[str]:
    """A milestone cannot depend on itself or on a milestone that is not in the plan (or the file)."""
    problems = []
    for dep in depends_on:
        if dep == ref:
            problems.append(f"{dep} cannot depend on itself")
        elif dep not in known:
            problems.append(f"depends on unknown milestone {dep}")
    return problems


def cycle_message(cycle: Sequence[str]) -> str:
    return f"dependency cycle: {describe_cycle(cycle)}"


def baseline_problem(old_baseline: date, new_baseline: date) -> str | None:
    if new_baseline == old_baseline:
        return None
    return (f"differs from the plan's baseline {old_baseline:%d/%m/%Y}; a baseline changes only by a recorded "
            "re-baseline with its reason and approving decision")


def reported_rag_problem(reported: Rag | None, actual: date | None) -> str | None:
    """A reported RAG that contradicts the record itself, whatever the date.

    An actual date makes a milestone complete, so a reported green, amber or red beside one is a
    contradiction, and so is a reported complete without one. Any other report is kept, even one
    the dates disagree with.
    """
    if reported is None:
        return None
    if reported is Rag.COMPLETE:
        return None if actual is not None else "complete goes with an actual date"
    if actual is not None:
        return f"a milestone with an actual date is complete, not {reported.value}"
    return None


def stored_reported_rag(reported: Rag | None) -> Rag | None:
    """What is kept of a report: complete is never stored, it comes from the actual date."""
    return None if reported is Rag.COMPLETE else reported


def milestone_breaches(milestone: Milestone, others: Mapping[str, Milestone], services: Sequence[str],
                       today: date, *, replacing: str | None = None) -> list[Breach]:
    """Every structure rule ``milestone`` breaks as a member of a plan.

    ``others`` are the plan's other milestones by ref (without the one being replaced);
    ``replacing`` is the milestone's old ref when an edit renames it, so that links to the old
    ref count as links to this one when looking for cycles.
    """
    breaches: list[Breach] = []

    def add(column: str, message: str | None) -> None:
        if message:
            breaches.append(Breach(column, message))

    ref_wrong = ref_problem(milestone.ref)
    add("ref", ref_wrong)
    if not ref_wrong and milestone.ref in others:
        add("ref", ref_taken(milestone.ref))
    for column in REQUIRED_TEXT[1:]:
        add(column, required_problem(column, getattr(milestone, column)))
    if milestone.stage not in STAGE_GATES:
        add("stage", not_a_stage(milestone.stage.value if isinstance(milestone.stage, Stage) else str(milestone.stage)))
    if milestone.service and milestone.service not in services:
        add("service", unknown_service(milestone.service, services))
    for column in ("baseline", "forecast", "actual"):
        add(column, date_problem(getattr(milestone, column)))
    add("actual", actual_problem(milestone.actual, today))
    for message in dependency_problems(milestone.ref, milestone.depends_on, others):
        add("depends_on", message)
    add("rag", reported_rag_problem(milestone.rag_override, milestone.actual))
    add("meets", meets_problem(milestone))
    if not breaches:
        graph = {ref: tuple(milestone.ref if d == replacing else d for d in m.depends_on) for ref, m in others.items()}
        graph[milestone.ref] = milestone.depends_on
        for cycle in find_cycles(graph):
            if milestone.ref in cycle:
                add("depends_on", cycle_message(cycle))
    return breaches
