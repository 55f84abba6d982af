"""Editing milestones one at a time, as the desktop app does; each call is one change in the
plan's history (so it can be undone there)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from sqlalchemy import delete, select

from trustplanner.domain.dates import date_problem
from trustplanner.domain.milestone_rules import baseline_problem, milestone_breaches
from trustplanner.domain.model import Milestone
from trustplanner.domain.problems import NotFound, Problem, ValidationFailed
from trustplanner.domain.risks import Decision
from trustplanner.services.decisions import add_decision_in, citable_decision
from trustplanner.services.history import change
from trustplanner.services.snapshot import PlanSnapshot, read_snapshot
from trustplanner.store.lock import whoami
from trustplanner.store.milestone_store import write_milestones
from trustplanner.store.plan_file import PlanFile
from trustplanner.store.tables import BaselineChangeRow, MilestoneRow

EDIT_SOURCE = "milestone"


def milestone_problems(milestone: Milestone, snapshot: PlanSnapshot, *, replacing: str | None = None) -> list[Problem]:
    """Everything wrong with ``milestone`` as a member of the plan (``replacing``: its old ref).

    The rules and their wording are the import's too (:mod:`trustplanner.domain.milestone_rules`);
    date-dependent judgements (reported RAG, commentary) are flags, not problems.
    """
    source = f"{EDIT_SOURCE} {milestone.ref or '(no ref)'}"
    others = {m.ref: m for m in snapshot.milestones if m.ref != replacing}
    breaches = milestone_breaches(milestone, others, [s.name for s in snapshot.services], date.today(),
                                  replacing=replacing)
    return [Problem.of_edit(source, b.column, b.message) for b in breaches]


def add_milestone(plan: PlanFile, milestone: Milestone, *, what: str | None = None) -> Milestone:
    with change(plan, what or f"Add {milestone.ref}") as unit:
        session = unit.session
        snapshot = read_snapshot(session)
        _validate(milestone, snapshot)
        write_milestones(session, [milestone])
    return milestone


def update_milestone(plan: PlanFile, ref: str, updated: Milestone, *, what: str | None = None) -> Milestone:
    """Replace milestone ``ref`` with ``updated`` (the ref may change); returns the old record.

    The baseline cannot change here: use :func:`rebaseline`. ``what`` names the change in the
    history (default "Edit REF").
    """
    with change(plan, what or f"Edit {ref}") as unit:
        session = unit.session
        snapshot = read_snapshot(session)
        old = _find(snapshot, ref)
        if old.derived and replace(updated, actual=old.actual, commentary=old.commentary,
                                   rag_override=old.rag_override) != old:
            raise ValidationFailed([Problem.of_edit(f"{EDIT_SOURCE} {ref}", None,
                                            "this TUPE deadline is derived from the staff data and go-live dates; "
                                            "only its actual date and commentary can be changed")])
        if message := baseline_problem(old.baseline, updated.baseline):
            raise ValidationFailed([Problem.of_edit(f"{EDIT_SOURCE} {ref}", "baseline", message)])
        _validate(updated, snapshot, replacing=ref)
        if updated.ref != ref:
            row = session.scalars(select(MilestoneRow).where(MilestoneRow.ref == ref)).one()
            row.ref = updated.ref
            session.flush()
        write_milestones(session, [updated])
    return old


def delete_milestone(plan: PlanFile, ref: str) -> tuple[Milestone, list[str]]:
    """Delete ``ref``; returns it and the refs that depended on it."""
    with change(plan, f"Delete {ref}") as unit:
        session = unit.session
        snapshot = read_snapshot(session)
        old = _find(snapshot, ref)
        if old.derived:
            raise ValidationFailed([Problem.of_edit(f"{EDIT_SOURCE} {ref}", None,
                                            "this TUPE deadline is derived from the staff data; it goes when no "
                                            "staff transfer on that date")])
        dependants = sorted(m.ref for m in snapshot.milestones if ref in m.depends_on)
        session.execute(delete(MilestoneRow).where(MilestoneRow.ref == ref))
    return old, dependants


def rebaseline(plan: PlanFile, ref: str, new_baseline: date, *, reason: str, decision: str = "",
               when: datetime | None = None, decision_ref: str | None = None,
               new_decision: Decision | None = None) -> Milestone:
    """Move a baseline with its reason and approving decision recorded; returns the old record.

    ``decision_ref`` cites a decision from the log (it must be there and made); ``decision`` is
    then optional, and defaults to the decision's forum, date and title. ``new_decision`` is
    added to the log in the same change (one undo step) and cited, as the re-baseline dialog's
    "New decision…" does.
    """
    if new_decision is not None:
        decision_ref = new_decision.ref
    problems = []
    if not reason.strip():
        problems.append(Problem.of_edit(f"re-baseline {ref}", "reason", "a reason is required"))
    if not decision.strip() and not decision_ref:
        problems.append(Problem.of_edit(f"re-baseline {ref}", "decision", "the approving decision is required"))
    if message := date_problem(new_baseline):
        raise ValidationFailed([*problems, Problem.of_edit(f"re-baseline {ref}", "baseline", message)])
    with change(plan, f"Re-baseline {ref} to {new_baseline:%d/%m/%Y}") as unit:
        session = unit.session
        snapshot = read_snapshot(session)
        old = _find(snapshot, ref)
        if new_baseline == old.baseline:
            problems.append(Problem.of_edit(f"re-baseline {ref}", "baseline", "the new baseline is the same as the old"))
        if problems:
            raise ValidationFailed(problems)
        decision_id = None
        if new_decision is not None:
            add_decision_in(session, new_decision)
        if decision_ref:
            decision_id, cited = citable_decision(session, decision_ref, f"re-baseline {ref}")
            if not decision.strip():
                decision = f"{cited.ref}: {cited.forum_words}, {cited.made_on:%d/%m/%Y}: {cited.title}"[:300]
        row = session.scalars(select(MilestoneRow).where(MilestoneRow.ref == ref)).one()
        session.add(BaselineChangeRow(milestone_id=row.id, old_baseline=old.baseline, new_baseline=new_baseline,
                                      reason=reason.strip(), decision=decision.strip(), decision_id=decision_id,
                                      recorded_at=when or datetime.now(), recorded_by=whoami()[0]))
        row.baseline = new_baseline
    return old


def baseline_history(plan: PlanFile, ref: str) -> list[BaselineChangeRow]:
    with plan.reading() as session:
        row = session.scalars(select(MilestoneRow).where(MilestoneRow.ref == ref)).one()
        return list(session.scalars(select(BaselineChangeRow).where(BaselineChangeRow.milestone_id == row.id)
                                    .order_by(BaselineChangeRow.id)))


def _find(snapshot: PlanSnapshot, ref: str) -> Milestone:
    for milestone in snapshot.milestones:
        if milestone.ref == ref:
            return milestone
    raise NotFound(f"milestone {ref} is not in this plan")


def _validate(milestone: Milestone, snapshot: PlanSnapshot, *, replacing: str | None = None) -> None:
    problems = milestone_problems(milestone, snapshot, replacing=replacing)
    if problems:
        raise ValidationFailed(problems)

