"""The decisions log: reading it, importing decisions, the edits, and the export rows.

A re-baseline may cite a decision from the log (``services.milestones.rebaseline``); a decision a
re-baseline cites cannot be deleted (mark it superseded instead).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from trustplanner.domain.budget import year_label
from trustplanner.domain.decision_rules import decision_breaches
from trustplanner.domain.problems import NotFound, Problem, ValidationFailed
from trustplanner.domain.risk_rules import unknown_milestone, unknown_risk
from trustplanner.domain.risks import Decision, DecisionStatus, Forum
from trustplanner.io.formats import decisions as decision_rows
from trustplanner.io.values import format_date, format_yes_no
from trustplanner.services.blanks import KEEP, BlankCells, by_key
from trustplanner.services.history import change, change_or_preview
from trustplanner.services.risks import RegisterImportResult, merge, set_links
from trustplanner.services.snapshot import read_snapshot
from trustplanner.store.plan_file import PlanFile
from trustplanner.store.tables import (
    BaselineChangeRow,
    DecisionFundingChangeRow,
    DecisionMilestoneRow,
    DecisionRiskRow,
    DecisionRow,
    FundingChangeRow,
    MilestoneRow,
    RiskRow,
)

EDIT_SOURCE = "decision"


def funding_change_label(year: int, description: str) -> str:
    """How a decision names a funding change it approved: "2017/18: Council top-up"."""
    return f"{year_label(year)}: {description}"


def _funding_labels(session: Session) -> dict[int, str]:
    return {id_: funding_change_label(year, description) for id_, year, description in session.execute(
        select(FundingChangeRow.id, FundingChangeRow.year, FundingChangeRow.description))}


def read_decisions(session: Session) -> tuple[Decision, ...]:
    def links(link, target, right: str, name) -> dict[int, list[str]]:  # noqa: ANN001
        found: dict[int, list[str]] = {}
        table = link.__table__
        for left_id, text in session.execute(select(table.c.decision_id, name)
                                             .join(target, target.id == table.c[right]).order_by(name)).all():
            found.setdefault(left_id, []).append(text)
        return found

    milestones = links(DecisionMilestoneRow, MilestoneRow, "milestone_id", MilestoneRow.ref)
    risks = links(DecisionRiskRow, RiskRow, "risk_id", RiskRow.ref)
    labels = _funding_labels(session)
    funding: dict[int, list[str]] = {}
    for decision_id, change_id in session.execute(select(DecisionFundingChangeRow.decision_id,
                                                         DecisionFundingChangeRow.funding_change_id)):
        funding.setdefault(decision_id, []).append(labels[change_id])
    return tuple(
        Decision(ref=d.ref, title=d.title, forum=d.forum, status=d.status, decision=d.decision, officer=d.officer,
                 needed_by=d.needed_by, meeting=d.meeting, made_on=d.made_on, key_decision=bool(d.key_decision),
                 reasons=d.reasons, options=d.options, exempt=bool(d.exempt), exempt_paragraph=d.exempt_paragraph,
                 milestones=tuple(milestones.get(d.id, ())), risks=tuple(risks.get(d.id, ())),
                 conditions=d.conditions, forward_plan_on=d.forward_plan_on,
                 funding_changes=tuple(sorted(funding.get(d.id, ()))))
        for d in session.execute(select(DecisionRow.__table__).order_by(DecisionRow.ref)).all())


def load_decisions(plan: PlanFile) -> tuple[Decision, ...]:
    with plan.reading() as session:
        return read_decisions(session)


def _values(d: Decision) -> dict:
    return dict(ref=d.ref, title=d.title, decision=d.decision, forum=d.forum, officer=d.officer, status=d.status,
                needed_by=d.needed_by, meeting=d.meeting, made_on=d.made_on, key_decision=d.key_decision,
                reasons=d.reasons, options=d.options, conditions=d.conditions, exempt=d.exempt,
                exempt_paragraph=d.exempt_paragraph, forward_plan_on=d.forward_plan_on)


@dataclass
class _Ids:
    milestones: dict[str, int]
    risks: dict[str, int]
    funding: dict[str, int]


def _ids(session: Session) -> _Ids:
    return _Ids(dict(session.execute(select(MilestoneRow.ref, MilestoneRow.id)).all()),
                dict(session.execute(select(RiskRow.ref, RiskRow.id)).all()),
                {label: id_ for id_, label in _funding_labels(session).items()})


def _store(session: Session, d: Decision, ids: _Ids, decision_id: int | None = None) -> int:
    table = DecisionRow.__table__
    if decision_id is None:
        decision_id = session.execute(insert(table).values(**_values(d))).inserted_primary_key[0]
    else:
        session.execute(update(table).where(table.c.id == decision_id).values(**_values(d)))
    set_links(session, DecisionMilestoneRow, "decision_id", decision_id, "milestone_id",
              (ids.milestones[m] for m in d.milestones))
    set_links(session, DecisionRiskRow, "decision_id", decision_id, "risk_id", (ids.risks[r] for r in d.risks))
    set_links(session, DecisionFundingChangeRow, "decision_id", decision_id, "funding_change_id",
              (ids.funding[f] for f in d.funding_changes))
    return decision_id


def exempt_cell(d: Decision) -> str:
    if not d.exempt:
        return "no"
    return f"paragraph {d.exempt_paragraph}" if d.exempt_paragraph else "yes"


def decision_cells(d: Decision) -> list[str]:
    return [d.ref, d.title, d.decision, d.forum_words, d.status.value, d.meeting or format_date(d.needed_by),
            format_date(d.made_on), format_yes_no(d.key_decision), d.reasons, d.options, exempt_cell(d),
            ";".join(d.milestones), ";".join(d.risks)]


def decision_export_rows(plan: PlanFile) -> list[list[str]]:
    return [decision_cells(d) for d in load_decisions(plan)]


def _blanks(decisions: Iterable[Decision], blank: str) -> BlankCells:
    def key_of(cells) -> str:  # noqa: ANN001
        return cells.get("ref", "")

    return BlankCells(blank, by_key(map(decision_cells, decisions), decision_rows.COLUMNS, key_of), key_of, key_of,
                      decision_rows.OPTIONAL, same={"key_decision": lambda old: "no", "exempt": lambda old: "no"})


def import_decisions(plan: PlanFile, path: str | Path, *, preview: bool = False, blank: str = KEEP
                     ) -> RegisterImportResult:
    """Import a decisions file; decisions the plan holds but the file does not are kept."""
    with change_or_preview(plan, f"Import decisions from {Path(path).name}", preview) as unit:
        session = unit.session
        snapshot = read_snapshot(session)
        existing = {d.ref: d for d in read_decisions(session)}
        risk_refs = [ref for (ref,) in session.execute(select(RiskRow.ref))]
        cells = _blanks(existing.values(), blank)
        table, incoming = decision_rows.parse_decisions(path, snapshot, risk_refs, cells.apply)
        result = RegisterImportResult("decisions", ignored_columns=table.ignored_columns, blanks=cells.found,
                                      blank=blank, preview=preview)
        writes = []
        for decision in incoming:
            old = existing.get(decision.ref)
            if old is None:
                result.added.append(decision.ref)
                result.records.append(decision)
                writes.append((None, decision))
                continue
            merged = merge(old, decision, decision_rows.FIELD_COLUMNS, table.columns)
            result.records.append(merged)
            if merged == old:
                result.unchanged += 1
            else:
                result.changed.append(decision.ref)
                writes.append((old, merged))
        if preview or not writes:
            return result
        ids = _ids(session)
        for old, decision in writes:
            _store(session, decision, ids, None if old is None else _decision_id(session, old.ref))
        result.applied = True
    return result


def _decision_id(session: Session, ref: str) -> int:
    id_ = session.execute(select(DecisionRow.id).where(DecisionRow.ref == ref)).scalar()
    if id_ is None:
        raise NotFound(f"decision {ref} is not in the decisions log")
    return id_


def decision_problems(d: Decision, session: Session, *, replacing: str | None = None) -> list[Problem]:
    """Everything wrong with ``d`` as an entry in the log, in the decisions file's words."""
    source = f"{EDIT_SOURCE} {d.ref or '(no ref)'}"
    problems = [Problem(source, None, b.column, b.message) for b in decision_breaches(
        title=d.title, status=d.status, needed_by=d.needed_by, meeting=d.meeting, made_on=d.made_on,
        exempt_paragraph=d.exempt_paragraph)]
    if not d.ref.strip():
        problems.append(Problem(source, None, "ref", "ref is required"))
    elif d.ref != replacing and session.execute(select(DecisionRow.id).where(DecisionRow.ref == d.ref)).first():
        problems.append(Problem(source, None, "ref", f"there is already a decision {d.ref} in the log"))
    if d.forum is Forum.OFFICER and not d.officer.strip():
        problems.append(Problem(source, None, "forum", "name the officer deciding under delegation"))
    ids = _ids(session)
    problems += [Problem(source, None, "milestones", unknown_milestone(m)) for m in d.milestones
                 if m not in ids.milestones]
    problems += [Problem(source, None, "risks", unknown_risk(r)) for r in d.risks if r not in ids.risks]
    problems += [Problem(source, None, "funding_changes", f"unknown funding change '{f}'") for f in d.funding_changes
                 if f not in ids.funding]
    return problems


def _refuse(problems: list[Problem]) -> None:
    if problems:
        raise ValidationFailed(problems)


def add_decision(plan: PlanFile, decision: Decision) -> Decision:
    with change(plan, f"Add decision {decision.ref}") as unit:
        add_decision_in(unit.session, decision)
    return decision


def add_decision_in(session: Session, decision: Decision) -> None:
    """Check and store a new decision inside a change another service opened (a re-baseline
    that records its approving decision in the same step), so both are one undo step."""
    _refuse(decision_problems(decision, session))
    _store(session, decision, _ids(session))


def update_decision(plan: PlanFile, ref: str, updated: Decision) -> Decision:
    """Replace decision ``ref`` with ``updated`` (the ref may change); returns the old record."""
    with change(plan, f"Edit decision {ref}") as unit:
        session = unit.session
        decision_id = _decision_id(session, ref)
        old = next(d for d in read_decisions(session) if d.ref == ref)
        _refuse(decision_problems(updated, session, replacing=ref))
        _store(session, updated, _ids(session), decision_id)
    return old


def record_decision_made(plan: PlanFile, ref: str, made_on: date, *, wording: str | None = None) -> Decision:
    """Mark a needed decision made on ``made_on`` (with its final wording)."""
    with plan.reading() as session:
        old = next((d for d in read_decisions(session) if d.ref == ref), None)
    if old is None:
        raise NotFound(f"decision {ref} is not in the decisions log")
    from dataclasses import replace

    update_decision(plan, ref, replace(old, status=DecisionStatus.MADE, made_on=made_on,
                                       decision=old.decision if wording is None else wording.strip()))
    return old


def delete_decision(plan: PlanFile, ref: str) -> Decision:
    with change(plan, f"Delete decision {ref}") as unit:
        session = unit.session
        decision_id = _decision_id(session, ref)
        old = next(d for d in read_decisions(session) if d.ref == ref)
        cited = session.execute(select(MilestoneRow.ref).join(BaselineChangeRow,
                                                              BaselineChangeRow.milestone_id == MilestoneRow.id)
                                .where(BaselineChangeRow.decision_id == decision_id)).scalars().all()
        if cited:
            raise ValidationFailed([Problem(f"{EDIT_SOURCE} {ref}", None, None,
                                            f"the re-baseline of {', '.join(sorted(set(cited)))} cites this "
                                            "decision; mark it superseded instead of deleting it")])
        session.execute(delete(DecisionRow.__table__).where(DecisionRow.__table__.c.id == decision_id))
    return old


def citable_decision(session: Session, ref: str, source: str) -> tuple[int, Decision]:
    """The decision a re-baseline cites: it must be in the log and made."""
    decision = next((d for d in read_decisions(session) if d.ref == ref), None)
    if decision is None:
        raise ValidationFailed([Problem(source, None, "decision", f"there is no decision {ref} in the decisions log")])
    if decision.status is not DecisionStatus.MADE:
        raise ValidationFailed([Problem(source, None, "decision",
                                        f"decision {ref} is {decision.status.value}, not made: a re-baseline cites a "
                                        "decision that has been made")])
    return _decision_id(session, ref), decision
