"""The risk register: reading it, importing risks and their actions, the edits, and the export rows.

Every import and edit is one change in the plan's history (so it can be undone). A change to a
risk's current score, through a file or an edit, is recorded as a dated review with the scores
before and after, a note and who made it: the direction of travel comes from those reviews.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from trustplanner.domain.budget import year_label
from trustplanner.domain.dates import refuse_out_of_range
from trustplanner.domain.problems import NotFound, Problem, ValidationFailed
from trustplanner.domain.risk_categories import category_of, category_words
from trustplanner.domain.risk_rules import (
    action_breaches,
    appetite_breaches,
    risk_breaches,
    unknown_milestone,
    unknown_risk,
    unknown_service,
)
from trustplanner.domain.risks import (
    ActionStatus,
    Appetite,
    Category,
    Risk,
    RiskAction,
    RiskRegister,
    RiskReview,
    Score,
)
from trustplanner.domain.snapshot import PlanSnapshot
from trustplanner.io.formats import risks as risk_rows
from trustplanner.io.values import format_date
from trustplanner.services.blanks import (
    KEEP,
    BlankCell,
    BlankCells,
    blank_notes,
    by_key,
)
from trustplanner.services.history import change, change_or_preview
from trustplanner.services.risk_categories import read_categories
from trustplanner.services.snapshot import read_snapshot
from trustplanner.store.lock import whoami
from trustplanner.store.plan_file import PlanFile
from trustplanner.store.tables import (
    BudgetLineRow,
    MilestoneRow,
    RiskActionRow,
    RiskAppetiteRow,
    RiskBudgetLineRow,
    RiskMilestoneRow,
    RiskReviewRow,
    RiskRow,
    RiskSavingsPlanRow,
    RiskServiceRow,
    SavingsPlanRow,
    ServiceRow,
)

EDIT_SOURCE = "risk"
#: the fields of a risk a risks file sets; the others (escalation, issue, links to money) are the app's
FILE_FIELDS = tuple(risk_rows.RISK_FIELD_COLUMNS)


# -- reading ---------------------------------------------------------------------------------------

def _score(likelihood: int | None, impact: int | None) -> Score | None:
    return None if likelihood is None or impact is None else Score(likelihood, impact)


def _links(session: Session, link, left: str, target, right: str, name) -> dict[int, list[str]]:  # noqa: ANN001
    """{left id: [target names, sorted]} of one link table."""
    found: dict[int, list[str]] = {}
    table = link.__table__
    for left_id, text in session.execute(
            select(table.c[left], name).join(target, target.id == table.c[right]).order_by(name)).all():
        found.setdefault(left_id, []).append(text)
    return found


def read_appetite(session: Session) -> Appetite:
    row = session.get(RiskAppetiteRow, 1)
    return Appetite() if row is None else Appetite(row.green_max, row.amber_max, row.escalation_score,
                                                   row.escalate_to)


def _budget_labels(session: Session) -> dict[int, str]:
    return {id_: f"{cost_centre} {year_label(year)}" for id_, cost_centre, year in session.execute(
        select(BudgetLineRow.id, BudgetLineRow.cost_centre, BudgetLineRow.year))}


def read_risks(session: Session) -> tuple[Risk, ...]:
    categories = read_categories(session)
    milestones = _links(session, RiskMilestoneRow, "risk_id", MilestoneRow, "milestone_id", MilestoneRow.ref)
    services = _links(session, RiskServiceRow, "risk_id", ServiceRow, "service_id", ServiceRow.name)
    savings = _links(session, RiskSavingsPlanRow, "risk_id", SavingsPlanRow, "savings_plan_id", SavingsPlanRow.ref)
    labels = _budget_labels(session)
    lines: dict[int, list[str]] = {}
    for risk_id, line_id in session.execute(select(RiskBudgetLineRow.risk_id, RiskBudgetLineRow.budget_line_id)):
        lines.setdefault(risk_id, []).append(labels[line_id])
    risks = []
    for r in session.execute(select(RiskRow.__table__).order_by(RiskRow.ref)).all():
        risks.append(Risk(
            ref=r.ref, title=r.title, current=Score(r.likelihood, r.impact), cause=r.cause, event=r.event,
            effect=r.effect, category=category_of(categories, r.category), owner=r.owner,
            raised=r.raised, status=r.status, proximity=r.proximity,
            phase=r.phase,
            response=r.response, controls=r.controls,
            inherent=_score(r.inherent_likelihood, r.inherent_impact),
            target=_score(r.target_likelihood, r.target_impact), review_by=r.review_by,
            milestones=tuple(milestones.get(r.id, ())), services=tuple(services.get(r.id, ())),
            budget_lines=tuple(sorted(lines.get(r.id, ()))), savings=tuple(savings.get(r.id, ())),
            exempt=bool(r.exempt), escalated_to=r.escalated_to, escalated_on=r.escalated_on,
            issue_impact=r.issue_impact, resolution=r.resolution, resolution_due=r.resolution_due))
    return tuple(risks)


def read_reviews(session: Session) -> tuple[RiskReview, ...]:
    v = RiskReviewRow
    return tuple(RiskReview(ref, on, Score(bl, bi), Score(al, ai), note, by, at) for ref, on, bl, bi, al, ai, note, by, at
                 in session.execute(select(RiskRow.ref, v.reviewed_on, v.before_likelihood, v.before_impact,
                                           v.after_likelihood, v.after_impact, v.note, v.reviewed_by, v.recorded_at)
                                    .join(RiskRow, RiskRow.id == v.risk_id).order_by(v.reviewed_on, v.id)).all())


def read_actions(session: Session) -> tuple[RiskAction, ...]:
    a = RiskActionRow
    return tuple(RiskAction(ref, action, owner, due, ActionStatus(status)) for ref, action, owner, due, status
                 in session.execute(select(RiskRow.ref, a.action, a.owner, a.due, a.status)
                                    .join(RiskRow, RiskRow.id == a.risk_id).order_by(RiskRow.ref, a.id)).all())


def read_register(session: Session) -> RiskRegister:
    """The whole register and log: appetite, risks, reviews, actions and decisions."""
    from trustplanner.services.decisions import read_decisions

    return RiskRegister(read_appetite(session), read_risks(session), read_reviews(session), read_actions(session),
                        read_decisions(session), read_categories(session))


def load_register(plan: PlanFile) -> RiskRegister:
    """What the Risks and Decisions pages, ``check`` and the briefing read."""
    with plan.reading() as session:
        return read_register(session)


# -- writing ---------------------------------------------------------------------------------------

def _risk_values(risk: Risk) -> dict:
    inherent, target = risk.inherent, risk.target
    return dict(ref=risk.ref, title=risk.title, cause=risk.cause, event=risk.event, effect=risk.effect,
                category=risk.category.key, owner=risk.owner, raised=risk.raised, status=risk.status,
                proximity=risk.proximity, phase=risk.phase, response=risk.response, controls=risk.controls,
                inherent_likelihood=inherent.likelihood if inherent else None,
                inherent_impact=inherent.impact if inherent else None,
                likelihood=risk.current.likelihood, impact=risk.current.impact,
                target_likelihood=target.likelihood if target else None,
                target_impact=target.impact if target else None, review_by=risk.review_by, exempt=risk.exempt,
                escalated_to=risk.escalated_to, escalated_on=risk.escalated_on, issue_impact=risk.issue_impact,
                resolution=risk.resolution, resolution_due=risk.resolution_due)


def set_links(session: Session, link, left: str, left_id: int, right: str, right_ids: Iterable[int]) -> None:  # noqa: ANN001
    table = link.__table__
    session.execute(delete(table).where(table.c[left] == left_id))
    rows = [{left: left_id, right: id_} for id_ in dict.fromkeys(right_ids)]
    if rows:
        session.execute(insert(table), rows)


@dataclass
class _Ids:
    milestones: dict[str, int]
    services: dict[str, int]
    lines: dict[str, int]
    savings: dict[str, int]


def _ids(session: Session) -> _Ids:
    return _Ids(dict(session.execute(select(MilestoneRow.ref, MilestoneRow.id)).all()),
                dict(session.execute(select(ServiceRow.name, ServiceRow.id)).all()),
                {label: id_ for id_, label in _budget_labels(session).items()},
                dict(session.execute(select(SavingsPlanRow.ref, SavingsPlanRow.id)).all()))


def _store_risk(session: Session, risk: Risk, ids: _Ids, risk_id: int | None = None) -> int:
    table = RiskRow.__table__
    values = _risk_values(risk)
    if risk_id is None:
        risk_id = session.execute(insert(table).values(**values)).inserted_primary_key[0]
    else:
        session.execute(update(table).where(table.c.id == risk_id).values(**values))
    set_links(session, RiskMilestoneRow, "risk_id", risk_id, "milestone_id", (ids.milestones[m] for m in risk.milestones))
    set_links(session, RiskServiceRow, "risk_id", risk_id, "service_id", (ids.services[s] for s in risk.services))
    set_links(session, RiskBudgetLineRow, "risk_id", risk_id, "budget_line_id", (ids.lines[b] for b in risk.budget_lines))
    set_links(session, RiskSavingsPlanRow, "risk_id", risk_id, "savings_plan_id", (ids.savings[s] for s in risk.savings))
    return risk_id


def _record_review(session: Session, risk_id: int, before: Score, after: Score, on: date, note: str) -> None:
    session.add(RiskReviewRow(risk_id=risk_id, reviewed_on=on, before_likelihood=before.likelihood,
                              before_impact=before.impact, after_likelihood=after.likelihood,
                              after_impact=after.impact, note=note.strip(), reviewed_by=whoami()[0],
                              recorded_at=datetime.now()))


#: each link table of a risk: (table, its column for the other end, the risk's field, the ids it looks up)
_LINKS = ((RiskMilestoneRow, "milestone_id", "milestones", "milestones"),
          (RiskServiceRow, "service_id", "services", "services"),
          (RiskBudgetLineRow, "budget_line_id", "budget_lines", "lines"),
          (RiskSavingsPlanRow, "savings_plan_id", "savings", "savings"))


def _store_imported(session: Session, writes: list[tuple[Risk | None, Risk]], on: date, note: str) -> None:
    """An import's writes in a few statements (a file may hold thousands of risks): the new risks
    inserted, the changed ones updated, links rewritten only where they changed, a review for
    each changed current score. The same rows as :func:`_store_risk` and :func:`_record_review`."""
    table = RiskRow.__table__
    new = [risk for old, risk in writes if old is None]
    if new:
        session.execute(insert(table), [_risk_values(risk) for risk in new])
    risk_ids = dict(session.execute(select(RiskRow.ref, RiskRow.id)).all())
    changed = [(old, risk) for old, risk in writes if old is not None]
    if changed:
        session.execute(update(table).where(table.c.id == bindparam("b_id")),
                        [{"b_id": risk_ids[old.ref], **_risk_values(risk)} for old, risk in changed])
    ids = _ids(session)
    for link, right, field_name, lookup in _LINKS:
        moved = [(risk_ids[risk.ref], risk) for old, risk in writes
                 if old is None or getattr(old, field_name) != getattr(risk, field_name)]
        if not moved:
            continue
        link_table = link.__table__
        stale = [risk_id for risk_id, risk in moved if risk_id is not None]
        for start in range(0, len(stale), 500):  # SQLite's limit on bound parameters
            session.execute(delete(link_table).where(link_table.c.risk_id.in_(stale[start:start + 500])))
        known = getattr(ids, lookup)
        rows = [{"risk_id": risk_id, right: id_} for risk_id, risk in moved
                for id_ in dict.fromkeys(known[name] for name in getattr(risk, field_name))]
        if rows:
            session.execute(insert(link_table), rows)
    who, now = whoami()[0], datetime.now()
    reviews = [dict(risk_id=risk_ids[old.ref], reviewed_on=on, before_likelihood=old.current.likelihood,
                    before_impact=old.current.impact, after_likelihood=risk.current.likelihood,
                    after_impact=risk.current.impact, note=note.strip(), reviewed_by=who, recorded_at=now)
               for old, risk in changed if old.current != risk.current]
    if reviews:
        session.execute(insert(RiskReviewRow.__table__), reviews)


def _risk_id(session: Session, ref: str) -> int:
    id_ = session.execute(select(RiskRow.id).where(RiskRow.ref == ref)).scalar()
    if id_ is None:
        raise NotFound(f"risk {ref} is not in this plan")
    return id_


# -- the import ------------------------------------------------------------------------------------

@dataclass
class RegisterImportResult:
    kind: str
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    #: risks whose current score the file changed: each recorded as a review on ``review_date``
    rescored: list[str] = field(default_factory=list)
    review_date: date | None = None
    ignored_columns: list[str] = field(default_factory=list)
    blanks: list[BlankCell] = field(default_factory=list)
    blank: str = KEEP
    records: list = field(default_factory=list, repr=False)
    preview: bool = False
    applied: bool = False

    def summary(self) -> str:
        text = f"{self.kind}: {len(self.added)} added, {len(self.changed)} changed, {self.unchanged} unchanged"
        if self.rescored:
            n = len(self.rescored)
            text += f"; {n} re-score{'s' if n != 1 else ''} recorded as review{'s' if n != 1 else ''} on " \
                    f"{self.review_date:%d/%m/%Y}"
        return text

    def notes(self) -> list[str]:
        notes = blank_notes(self.blanks, self.blank)
        if not self.preview and not self.applied:
            notes.append(f"Nothing changed: the plan already holds every {self.kind.replace('_', ' ')} row of this "
                         "file as it is.")
        return notes


def merge(old: object, new: object, fields: dict[str, tuple[str, ...]], columns: Sequence[str]) -> object:
    """``old`` with the fields ``new`` (a file's record) sets: those whose columns the file has."""
    present = set(columns)
    return replace(old, **{name: getattr(new, name) for name, needs in fields.items() if present & set(needs)})


def category_cell(category: Category) -> str:
    """A standard category by its value (as files always had it), one of the plan's own by its name."""
    return category.key if category.standard else category.label


def risk_cells(risk: Risk) -> list[str]:
    def pair(score: Score | None) -> list[str]:
        return ["", ""] if score is None else [str(score.likelihood), str(score.impact)]

    return [risk.ref, risk.title, risk.cause, risk.event, risk.effect, category_cell(risk.category), risk.owner,
            format_date(risk.raised), risk.status.value,
            risk.phase.value if risk.phase else format_date(risk.proximity), risk.response.value, risk.controls,
            *pair(risk.inherent), *pair(risk.current), *pair(risk.target), format_date(risk.review_by),
            ";".join(risk.milestones), ";".join(risk.services)]


def risk_export_rows(plan: PlanFile) -> list[list[str]]:
    with plan.reading() as session:
        return [risk_cells(r) for r in read_risks(session)]


def action_cells(action: RiskAction) -> list[str]:
    return [action.risk, action.action, action.owner, format_date(action.due), action.status.value]


def action_export_rows(plan: PlanFile) -> list[list[str]]:
    with plan.reading() as session:
        return [action_cells(a) for a in read_actions(session)]


def _risk_blanks(risks: Iterable[Risk], blank: str) -> BlankCells:
    def key_of(cells) -> str:  # noqa: ANN001
        return cells.get("ref", "")

    return BlankCells(blank, by_key(map(risk_cells, risks), risk_rows.RISK_COLUMNS, key_of), key_of, key_of,
                      risk_rows.RISK_OPTIONAL, same={"status": lambda old: "open", "response": lambda old: "treat"})


def _action_blanks(actions: Iterable[RiskAction], blank: str) -> BlankCells:
    def key_of(cells) -> tuple[str, str]:  # noqa: ANN001
        return cells.get("risk", "").casefold(), cells.get("action", "").casefold()

    return BlankCells(blank, by_key(map(action_cells, actions), risk_rows.ACTION_COLUMNS, key_of), key_of,
                      lambda cells: f"{cells['risk']} '{cells['action']}'", risk_rows.ACTION_OPTIONAL,
                      same={"status": lambda old: "open"})


def import_risks(plan: PlanFile, path: str | Path, *, as_of: date | None = None, preview: bool = False,
                 blank: str = KEEP) -> RegisterImportResult:
    """Import a risks file; a changed current score is recorded as a review dated ``as_of`` (default the
    status date). Risks the plan holds but the file does not are kept."""
    with change_or_preview(plan, f"Import risks from {Path(path).name}", preview) as unit:
        session = unit.session
        snapshot = read_snapshot(session)
        on = as_of or snapshot.status_date
        refuse_out_of_range("risks import", {"review date": on})
        existing = {r.ref: r for r in read_risks(session)}
        cells = _risk_blanks(existing.values(), blank)
        table, incoming = risk_rows.parse_risks(path, snapshot, cells.apply,
                                                categories=read_categories(session))
        result = RegisterImportResult("risks", ignored_columns=table.ignored_columns, blanks=cells.found, blank=blank,
                                      review_date=on, preview=preview)
        writes = []
        for risk in incoming:
            old = existing.get(risk.ref)
            if old is None:
                result.added.append(risk.ref)
                writes.append((None, risk))
                result.records.append(risk)
                continue
            merged = merge(old, risk, risk_rows.RISK_FIELD_COLUMNS, table.columns)
            result.records.append(merged)
            if merged == old:
                result.unchanged += 1
                continue
            result.changed.append(risk.ref)
            if merged.current != old.current:
                result.rescored.append(risk.ref)
            writes.append((old, merged))
        if preview or not writes:
            return result
        _store_imported(session, writes, on, f"Re-scored by the import of {Path(path).name}")
        result.applied = True
    return result


def import_risk_actions(plan: PlanFile, path: str | Path, *, preview: bool = False, blank: str = KEEP
                        ) -> RegisterImportResult:
    """Import risk actions, each known by its risk and its words; actions not in the file are kept."""
    with change_or_preview(plan, f"Import risk actions from {Path(path).name}", preview) as unit:
        session = unit.session
        refs = dict(session.execute(select(RiskRow.ref, RiskRow.id)).all())
        a = RiskActionRow
        stored = {}
        for id_, ref, action, owner, due, status in session.execute(
                select(a.id, RiskRow.ref, a.action, a.owner, a.due, a.status).join(RiskRow, RiskRow.id == a.risk_id)):
            record = RiskAction(ref, action, owner, due, ActionStatus(status))
            stored[record.key] = (id_, record)
        cells = _action_blanks((record for _, record in stored.values()), blank)
        table, incoming = risk_rows.parse_actions(path, refs, cells.apply)
        result = RegisterImportResult("risk_actions", ignored_columns=table.ignored_columns, blanks=cells.found,
                                      blank=blank, preview=preview)
        inserts, updates = [], []
        for action in incoming:
            found = stored.get(action.key)
            if found is None:
                result.added.append(f"{action.risk} '{action.action}'")
                result.records.append(action)
                inserts.append({"risk_id": refs[action.risk], "action": action.action, "owner": action.owner,
                                "due": action.due, "status": action.status})
                continue
            id_, old = found
            merged = merge(old, action, risk_rows.ACTION_FIELD_COLUMNS, table.columns)
            result.records.append(merged)
            if merged == old:
                result.unchanged += 1
                continue
            result.changed.append(f"{action.risk} '{action.action}'")
            updates.append((id_, merged))
        if preview or not (inserts or updates):
            return result
        if inserts:
            session.execute(insert(a.__table__), inserts)
        for id_, merged in updates:
            session.execute(update(a.__table__).where(a.__table__.c.id == id_).values(
                action=merged.action, owner=merged.owner, due=merged.due, status=merged.status))
        result.applied = True
    return result


# -- edits -----------------------------------------------------------------------------------------

def risk_problems(risk: Risk, snapshot: PlanSnapshot, session: Session, *, replacing: str | None = None
                  ) -> list[Problem]:
    """Everything wrong with ``risk`` as a member of the plan, in the risks file's words."""
    source = f"{EDIT_SOURCE} {risk.ref or '(no ref)'}"
    scores = {}
    for (lc, ic), score in zip(risk_rows.SCORE_PAIRS, (risk.inherent, risk.current, risk.target)):
        if score is not None:
            scores[lc], scores[ic] = score.likelihood, score.impact
    breaches = risk_breaches(title=risk.title, owner=risk.owner, scores=scores)
    problems = [Problem(source, None, b.column, b.message) for b in breaches]
    if not risk.ref.strip():
        problems.append(Problem(source, None, "ref", "ref is required"))
    elif risk.ref != replacing and session.execute(select(RiskRow.id).where(RiskRow.ref == risk.ref)).first():
        problems.append(Problem(source, None, "ref", f"there is already a risk {risk.ref} in this plan"))
    categories = read_categories(session)
    if risk.category not in categories:
        problems.append(Problem(source, None, "category", f"unknown category '{risk.category.label}'; use "
                                                          f"{category_words(categories)}"))
    ids = _ids(session)
    names = [s.name for s in snapshot.services]
    problems += [Problem(source, None, "milestones", unknown_milestone(m)) for m in risk.milestones
                 if m not in ids.milestones]
    problems += [Problem(source, None, "services", unknown_service(s, names)) for s in risk.services
                 if s not in ids.services]
    problems += [Problem(source, None, "budget_lines", f"unknown budget line '{b}'") for b in risk.budget_lines
                 if b not in ids.lines]
    problems += [Problem(source, None, "savings", f"unknown savings plan '{s}'") for s in risk.savings
                 if s not in ids.savings]
    return problems


def _refuse(problems: list[Problem]) -> None:
    if problems:
        raise ValidationFailed(problems)


def add_risk(plan: PlanFile, risk: Risk) -> Risk:
    with change(plan, f"Add risk {risk.ref}") as unit:
        session = unit.session
        _refuse(risk_problems(risk, read_snapshot(session), session))
        _store_risk(session, risk, _ids(session))
    return risk


def update_risk(plan: PlanFile, ref: str, updated: Risk, *, on: date | None = None, note: str = "") -> Risk:
    """Replace risk ``ref`` with ``updated`` (the ref may change); returns the old record. A changed current
    score is recorded as a review dated ``on`` (default the status date) with ``note``."""
    with change(plan, f"Edit risk {ref}") as unit:
        session = unit.session
        snapshot = read_snapshot(session)
        risk_id = _risk_id(session, ref)
        old = next(r for r in read_risks(session) if r.ref == ref)
        _refuse(risk_problems(updated, snapshot, session, replacing=ref))
        _store_risk(session, updated, _ids(session), risk_id)
        if updated.current != old.current:
            _record_review(session, risk_id, old.current, updated.current, on or snapshot.status_date, note)
    return old


def rescore_risk(plan: PlanFile, ref: str, score: Score, *, on: date | None = None, note: str = "",
                 next_review: date | None = None) -> RiskReview:
    """A review: the current score re-scored, dated ``on`` (default the status date), with a note;
    ``next_review`` becomes the risk's review-by date (None: it is left as it was)."""
    with change(plan, f"Re-score risk {ref} to {score.value}") as unit:
        session = unit.session
        snapshot = read_snapshot(session)
        risk_id = _risk_id(session, ref)
        old = next(r for r in read_risks(session) if r.ref == ref)
        new = replace(old, current=score)
        _refuse(risk_problems(new, snapshot, session, replacing=ref))
        on = on or snapshot.status_date
        refuse_out_of_range(f"{EDIT_SOURCE} {ref}", {"review date": on, "next review": next_review})
        if next_review is not None and next_review <= on:
            _refuse([Problem(f"{EDIT_SOURCE} {ref}", None, "review_by",
                             f"the next review ({next_review:%d/%m/%Y}) must come after this one ({on:%d/%m/%Y})")])
        row = session.get(RiskRow, risk_id)
        row.likelihood, row.impact = score.likelihood, score.impact
        if next_review is not None:
            row.review_by = next_review
        _record_review(session, risk_id, old.current, score, on, note)
    return RiskReview(ref, on, old.current, score, note.strip(), whoami()[0])


def record_escalation(plan: PlanFile, ref: str, to: str, on: date) -> Risk:
    """Record that risk ``ref`` was escalated (to the programme board, cabinet, the commissioner) on ``on``."""
    if not to.strip():
        raise ValidationFailed([Problem(f"{EDIT_SOURCE} {ref}", None, "escalated_to", "say to whom it was escalated")])
    refuse_out_of_range(f"{EDIT_SOURCE} {ref}", {"escalated on": on})
    with change(plan, f"Escalate risk {ref} to {to.strip()}") as unit:
        session = unit.session
        row = session.get(RiskRow, _risk_id(session, ref))
        row.escalated_to, row.escalated_on = to.strip(), on
    with plan.reading() as session:
        return next(r for r in read_risks(session) if r.ref == ref)


def delete_risk(plan: PlanFile, ref: str) -> Risk:
    """Delete a risk with its reviews, actions and links; returns it."""
    with change(plan, f"Delete risk {ref}") as unit:
        session = unit.session
        old = next((r for r in read_risks(session) if r.ref == ref), None)
        if old is None:
            raise NotFound(f"risk {ref} is not in this plan")
        session.execute(delete(RiskRow.__table__).where(RiskRow.__table__.c.ref == ref))
    return old


def set_risk_appetite(plan: PlanFile, appetite: Appetite) -> Appetite:
    """Set the plan's bands and escalation score; returns the appetite as it was."""
    _refuse([Problem("risk appetite", None, b.column, b.message) for b in appetite_breaches(appetite)])
    with change(plan, f"Set the risk appetite (escalate at {appetite.escalation_score} to {appetite.escalate_to})") \
            as unit:
        session = unit.session
        old = read_appetite(session)
        row = session.get(RiskAppetiteRow, 1)
        if row is None:
            row = RiskAppetiteRow(id=1)
            session.add(row)
        row.green_max, row.amber_max = appetite.green_max, appetite.amber_max
        row.escalation_score, row.escalate_to = appetite.escalation_score, appetite.escalate_to.strip()
    return old


def _action_row(session: Session, risk: str, action: str) -> RiskActionRow:
    risk_id = _risk_id(session, risk)
    for row in session.scalars(select(RiskActionRow).where(RiskActionRow.risk_id == risk_id)):
        if row.action.casefold() == action.casefold():
            return row
    raise NotFound(f"risk {risk} has no action '{action}'")


def _action_problems(action: RiskAction, session: Session) -> list[Problem]:
    source = f"action for {action.risk}"
    problems = [Problem(source, None, b.column, b.message)
                for b in action_breaches(action=action.action, owner=action.owner)]
    if not session.execute(select(RiskRow.id).where(RiskRow.ref == action.risk)).first():
        problems.append(Problem(source, None, "risk", unknown_risk(action.risk)))
    return problems


def add_action(plan: PlanFile, action: RiskAction) -> RiskAction:
    with change(plan, f"Add an action to risk {action.risk}") as unit:
        session = unit.session
        _refuse(_action_problems(action, session))
        session.add(RiskActionRow(risk_id=_risk_id(session, action.risk), action=action.action.strip(),
                                  owner=action.owner.strip(), due=action.due, status=action.status))
    return action


def update_action(plan: PlanFile, risk: str, action: str, updated: RiskAction) -> RiskAction:
    """Change the action of ``risk`` worded ``action``; returns it as it was."""
    with change(plan, f"Edit an action of risk {risk}") as unit:
        session = unit.session
        row = _action_row(session, risk, action)
        old = RiskAction(risk, row.action, row.owner, row.due, ActionStatus(row.status))
        _refuse(_action_problems(updated, session))
        row.risk_id = _risk_id(session, updated.risk)
        row.action, row.owner, row.due, row.status = (updated.action.strip(), updated.owner.strip(), updated.due,
                                                      updated.status)
    return old


def delete_action(plan: PlanFile, risk: str, action: str) -> None:
    with change(plan, f"Delete an action of risk {risk}") as unit:
        unit.session.delete(_action_row(unit.session, risk, action))


__all__ = ["RegisterImportResult", "add_action", "add_risk", "delete_action", "delete_risk",
           "import_risk_actions", "import_risks", "load_register", "read_register", "record_escalation",
           "rescore_risk", "set_risk_appetite", "update_action", "update_risk"]
