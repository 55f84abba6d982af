"""The cabinet report's header fields (per plan) and its drafts (per meeting): read, saved, carried on.

Every save is one undoable change. A meeting with no saved draft starts from the text of the
last issued briefing (its per-meeting choices — key decision, exempt, call-in — start afresh).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from trustplanner.domain.problems import Problem, ValidationFailed
from trustplanner.domain.report import DEFAULT_FIELDS, ReportDefaults, ReportDraft
from trustplanner.services.history import change
from trustplanner.store.plan_file import PlanFile
from trustplanner.store.tables import BriefingRow, ReportDefaultsRow, ReportDraftRow

#: one limit for every header field, the same in the app, on the command line and in storage
FIELD_LIMIT = 200


@dataclass(frozen=True)
class LoadedDraft:
    draft: ReportDraft
    #: "saved" (this meeting's own), "last briefing" (started from the last issued one's text) or "new"
    source: str


def read_defaults(session: Session) -> ReportDefaults:
    row = session.get(ReportDefaultsRow, 1)
    if row is None:
        return ReportDefaults()
    return ReportDefaults(**{f.name: getattr(row, f.name) for f in fields(ReportDefaults)})


def load_defaults(plan: PlanFile) -> ReportDefaults:
    with plan.reading() as session:
        return read_defaults(session)


def _defaults_problems(changes: dict[str, str]) -> list[Problem]:
    problems = [Problem.of_edit("report header", DEFAULT_FIELDS[name], f"at most {FIELD_LIMIT} characters")
                for name, value in changes.items() if len(value.strip()) > FIELD_LIMIT]
    if "meeting_name" in changes and not changes["meeting_name"].strip():
        problems.append(Problem.of_edit("report header", "Meeting", "name the meeting (e.g. Cabinet)"))
    return problems


def _write_defaults(session: Session, changes: dict[str, str]) -> None:
    row = session.get(ReportDefaultsRow, 1)
    if row is None:
        row = ReportDefaultsRow(id=1, **asdict(ReportDefaults()))
        session.add(row)
    for name, value in changes.items():
        if getattr(row, name) != value.strip():
            setattr(row, name, value.strip())


def set_defaults(plan: PlanFile, **changes: str) -> ReportDefaults:
    """Change some header fields; returns them as they were. Unknown names are a programming error."""
    if problems := _defaults_problems(changes):
        raise ValidationFailed(problems)
    names = ", ".join(DEFAULT_FIELDS[n].lower() for n in changes)
    with change(plan, f"Set the report's {names}") as unit:
        old = read_defaults(unit.session)
        _write_defaults(unit.session, changes)
    return old


def save_report(plan: PlanFile, meeting: date, defaults: ReportDefaults, draft: ReportDraft) -> None:
    """The Briefings page's Report details: the plan's header fields and this meeting's draft, one change."""
    problems = _defaults_problems(asdict(defaults))
    problems += [Problem.of_edit(f"report for {meeting:%d/%m/%Y}", None, p) for p in draft.problems(meeting)]
    if problems:
        raise ValidationFailed(problems)
    with change(plan, f"Edit the report for the meeting of {meeting:%d/%m/%Y}") as unit:
        _write_defaults(unit.session, asdict(defaults))
        _write_draft(unit.session, meeting, draft)


def load_draft(plan: PlanFile, meeting: date) -> LoadedDraft:
    with plan.reading() as session:
        return read_draft(session, meeting)


def read_draft(session: Session, meeting: date) -> LoadedDraft:
    row = session.scalars(select(ReportDraftRow).where(ReportDraftRow.meeting == meeting)).first()
    if row is not None:
        return LoadedDraft(ReportDraft.from_json(row.content), "saved")
    last = session.scalars(select(BriefingRow).where(BriefingRow.report.is_not(None), BriefingRow.meeting < meeting)
                           .order_by(BriefingRow.meeting.desc(), BriefingRow.id.desc()).limit(1)).first()
    if last is not None:
        return LoadedDraft(ReportDraft.from_json(last.report).carried_forward(), "last briefing")
    return LoadedDraft(ReportDraft(), "new")


def save_draft(plan: PlanFile, meeting: date, draft: ReportDraft) -> ReportDraft:
    """Keep ``draft`` as the report draft for ``meeting`` (one undoable change); returns the old one."""
    if problems := draft.problems(meeting):
        raise ValidationFailed([Problem.of_edit(f"report for {meeting:%d/%m/%Y}", None, p) for p in problems])
    with change(plan, f"Edit the report for the meeting of {meeting:%d/%m/%Y}") as unit:
        old = read_draft(unit.session, meeting).draft
        _write_draft(unit.session, meeting, draft)
    return old


def _write_draft(session: Session, meeting: date, draft: ReportDraft) -> None:
    draft = replace(draft, texts={k: v.strip() for k, v in draft.texts.items() if v.strip()},
                    forward_plan_ref=draft.forward_plan_ref.strip())
    row = session.scalars(select(ReportDraftRow).where(ReportDraftRow.meeting == meeting)).first()
    if row is None:
        session.add(ReportDraftRow(meeting=meeting, content=draft.to_json()))
    elif row.content != draft.to_json():
        row.content = draft.to_json()
