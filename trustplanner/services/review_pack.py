"""The review pack: prepared from the plan as at the review's position date, written as a PDF and,
if asked, a Word copy. A pack is a draft for the reviewer's own report: nothing is recorded in the
plan, so a read-only plan (a reviewer's) can write one."""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from trustplanner.briefing.review_pack_data import PACK_TITLE, ReviewPackData, SignOffLine, position_of
from trustplanner.domain.problems import NotFound, TrustPlannerError
from trustplanner.domain.review import Review
from trustplanner.domain.review_rules import SignOffStanding, sign_off_standing
from trustplanner.domain.risks import DecisionStatus
from trustplanner.services.briefings import write_file
from trustplanner.services.register_briefing import decision_line, is_public
from trustplanner.services.review_since import find_review, prepare_position, since_last_review
from trustplanner.services.reviews import file_sha256, load_review_records
from trustplanner.services.snapshot import load_snapshot
from trustplanner.services.status_areas import load_sources
from trustplanner.store import disk
from trustplanner.store.plan_file import PlanFile


@dataclass(frozen=True)
class WrittenPack:
    path: Path
    review: str
    as_of: date
    pages: int
    docx: Path | None = None


def _the_review(plan: PlanFile, name: str | None) -> Review:
    """The review named, else the open review opened last, else the latest."""
    records = load_review_records(plan)
    review = find_review(records, name)
    if review is None and records.reviews:
        review = records.reviews[-1]
    if review is None:
        raise NotFound("there is no review in this plan: start one with 'trustplanner review PLAN start NAME'")
    return review


def prepare_review_pack(plan: PlanFile, review: str | None = None, *, today: date | None = None) -> ReviewPackData:
    found = _the_review(plan, review)
    today = today or date.today()
    as_of = position_of(found)
    snapshot = load_snapshot(plan)
    sources = load_sources(plan, as_of)
    position = prepare_position(plan, snapshot, as_of, sources)
    since = since_last_review(plan, found.name, today=today, position=position)
    records = load_review_records(plan)
    milestones = {m.ref: m for m in snapshot.milestones}
    signoffs = records.signoffs_of(found.name)
    hashes = {path: _hash_now(path) for path in {s.evidence.path for s in signoffs if s.evidence.path}}
    lines = []
    for s in signoffs:
        milestone = milestones.get(s.milestone)
        standing = (sign_off_standing(milestone, (s,), hashes) if milestone is not None and milestone.actual
                    else SignOffStanding("complete, not signed off", "the milestone is no longer complete in the plan"))
        lines.append(SignOffLine(s.milestone, milestone.title if milestone else "", s.actual, s.on, s.reviewer,
                                 s.evidence, standing))
    register = position.register
    risk_register = sources.get("register")
    awaited = ()
    if risk_register is not None:
        shown = not is_public(position.header.marking)
        awaited = tuple(decision_line(d, as_of) for d in sorted(
            (d for d in risk_register.decisions if d.status is DecisionStatus.NEEDED and (shown or not d.exempt)),
            key=lambda d: (d.needed_by or date.max, d.ref)))
    header = replace(position.header, title=f"{PACK_TITLE}: {found.name}", meeting_name=found.name,
                     meeting=max(today, as_of))
    return ReviewPackData(
        header=header, review=found, overall=position.overall, status=position.status, since=since,
        signoffs=tuple(lines), challenges=records.challenges_of(found.name),
        escalated=register.escalated if register else (),
        escalation_score=register.escalation_score if register else None,
        decisions_awaited=awaited, made_on=today,
    )


def _hash_now(path: str) -> str | None:
    try:
        return file_sha256(Path(path))
    except OSError:
        return None


def _rendered(render, data: ReviewPackData, out: Path) -> tuple[bytes, object]:  # noqa: ANN001
    buffer = io.BytesIO()
    try:
        result = render(data, buffer)
    except OSError as exc:
        raise disk.os_error(exc, out) from None
    return buffer.getvalue(), result


def write_review_pack(plan: PlanFile, out: Path, *, review: str | None = None, docx: Path | None = None,
                      today: date | None = None) -> WrittenPack:
    """Write the pack to ``out`` (and ``docx``), each whole or not at all."""
    out = Path(out)
    for target in (out, docx):
        if target is not None and not Path(target).parent.is_dir():
            raise TrustPlannerError(f"{target}: folder {Path(target).parent} does not exist")
    data = prepare_review_pack(plan, review, today=today)
    from trustplanner.briefing.review_pack import render_review_pack, render_review_pack_docx

    content, pages = _rendered(render_review_pack, data, out)
    word = _rendered(render_review_pack_docx, data, Path(docx))[0] if docx is not None else None
    write_file(out, content)
    if word is not None:
        write_file(Path(docx), word)
    return WrittenPack(out, data.review.name, data.header.as_of, pages, Path(docx) if docx else None)
