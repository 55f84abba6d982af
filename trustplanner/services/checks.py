"""Checking a plan against the schedule rules and the register's flags, for `trustplanner check` and the app."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from trustplanner.domain.decision_rules import notice_problem
from trustplanner.domain.rag import commentary_problem, rag_disagreement
from trustplanner.domain.risk_rules import (
    action_overdue,
    escalation_missing,
    review_overdue,
)
from trustplanner.domain.risks import RiskRegister
from trustplanner.domain.schedule import (
    describe_cycle,
    find_cycles,
    knock_on,
    unknown_dependencies,
)
from trustplanner.domain.statutory import unpaired_warning
from trustplanner.services.snapshot import PlanSnapshot
from trustplanner.store.plan_file import PlanFile


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


def register_problems(register: RiskRegister, as_of: date) -> list[RuleProblem]:
    """The register's and the log's flags as of ``as_of``, by risk or decision ref: risks past their review
    date, overdue actions, open risks at the escalation score with no escalation recorded, and key
    decisions needed too soon for 28 clear days' notice."""
    problems = []
    for risk in register.risks:
        if message := review_overdue(risk, as_of):
            problems.append(RuleProblem(risk.ref, "risk-review", message))
        if message := escalation_missing(risk, register.appetite):
            problems.append(RuleProblem(risk.ref, "escalation", message))
    for action in register.actions:
        if message := action_overdue(action, as_of):
            problems.append(RuleProblem(action.risk, "overdue-action", message))
    for decision in register.decisions:
        if message := notice_problem(decision, as_of):
            problems.append(RuleProblem(decision.ref, "key-decision-notice", message))
    return problems


def owner_problems(snapshot: PlanSnapshot) -> list[RuleProblem]:
    """Open milestones nobody owns: each needs one named owner to chase it (complete ones are not flagged)."""
    return [RuleProblem(m.ref, "no-owner", "has no owner: name who is accountable for it")
            for m in snapshot.milestones if m.actual is None and not m.owner.strip()]


def pairing_warnings(snapshot: PlanSnapshot) -> list[RuleProblem]:
    """Plan milestones that meet a statutory deadline the staff data does not call for: warnings, not
    problems (the pairing is simply absent until staff transfer on that date)."""
    return [RuleProblem(m.ref, "unpaired-deadline", message) for m in snapshot.milestones
            if (message := unpaired_warning(snapshot, m))]


def check_whole_plan(plan: PlanFile, snapshot: PlanSnapshot, as_of: date | None = None) -> list[RuleProblem]:
    """:func:`check_plan`, :func:`owner_problems` and :func:`register_problems` together, as
    `trustplanner check` lists them."""
    from trustplanner.services.risks import load_register

    as_of = as_of or snapshot.status_date
    return sorted(check_plan(snapshot, as_of) + owner_problems(snapshot) + register_problems(load_register(plan), as_of))
