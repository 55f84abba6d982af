"""Commissioner review: starting a review, challenges and their responses, closing them, sign-offs.

Every write is one change in the plan's history (so it is undone like any other), recorded under
the name of whoever made it (the reviewer, or the manager who responds); none touches the plan
itself. They go through the history's review path (``change(..., review=True)``), so they are
written without the edit lock as well as with it: a reviewer writes while a manager edits. Who a challenge is raised by
and who signs off is the review's reviewer; only the reviewer closes a challenge
(docs/design/0015-commissioner-review.md).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from trustplanner.domain.dates import refuse_out_of_range
from trustplanner.domain.problems import Breach, NotFound, Problem, ValidationFailed
from trustplanner.domain.review import (
    Challenge,
    Evidence,
    Outcome,
    Review,
    ReviewerRole,
    ReviewKind,
    SignOff,
)
from trustplanner.domain.review_rules import (
    SignOffStanding,
    challenge_breaches,
    close_breaches,
    open_review_breach,
    response_breaches,
    review_breaches,
    sign_off_breaches,
    sign_off_standing,
)
from trustplanner.domain.snapshot import PlanSnapshot
from trustplanner.services.history import change
from trustplanner.services.snapshot import read_snapshot
from trustplanner.store.lock import whoami
from trustplanner.store.plan_file import PlanFile
from trustplanner.store.tables import (
    ChallengeRow,
    DecisionRow,
    ReviewRow,
    RiskRow,
    SignOffRow,
)


@dataclass(frozen=True)
class ReviewRecords:
    """Every review, challenge and sign-off a plan holds, read at once (oldest first)."""

    reviews: tuple[Review, ...] = ()
    challenges: tuple[Challenge, ...] = ()
    signoffs: tuple[SignOff, ...] = ()

    def challenges_of(self, review: str) -> tuple[Challenge, ...]:
        return tuple(c for c in self.challenges if c.review == review)

    def signoffs_of(self, review: str) -> tuple[SignOff, ...]:
        return tuple(s for s in self.signoffs if s.review == review)


# -- reading ---------------------------------------------------------------------------------------

def _review(row) -> Review:
    return Review(name=row.name, kind=row.kind, reviewer=row.reviewer, opened=row.opened, role=row.role,
                  closed=row.closed, as_of=row.as_of)


def read_reviews(session: Session) -> tuple[Review, ...]:
    return tuple(_review(r) for r in session.scalars(select(ReviewRow).order_by(ReviewRow.opened, ReviewRow.id)))


def _challenge(row: ChallengeRow, review: str) -> Challenge:
    return Challenge(id=row.id, review=review, target=row.target, question=row.question, raised_by=row.raised_by,
                     raised_on=row.raised_on, response=row.response, responded_by=row.responded_by,
                     responded_on=row.responded_on, outcome=row.outcome, conditions=row.conditions,
                     evidence_requested=bool(row.evidence_requested), closed_by=row.closed_by,
                     closed_on=row.closed_on)


def read_challenges(session: Session) -> tuple[Challenge, ...]:
    return tuple(_challenge(row, name) for row, name in session.execute(
        select(ChallengeRow, ReviewRow.name).join(ReviewRow, ReviewRow.id == ChallengeRow.review_id)
        .order_by(ChallengeRow.id)).all())


def read_signoffs(session: Session) -> tuple[SignOff, ...]:
    return tuple(SignOff(s.milestone, name, s.reviewer, s.signed_on, s.actual,
                         Evidence(s.evidence_title, s.evidence_on, s.evidence_path, s.evidence_link, s.evidence_sha256))
                 for s, name in session.execute(select(SignOffRow, ReviewRow.name)
                                                .join(ReviewRow, ReviewRow.id == SignOffRow.review_id)
                                                .order_by(SignOffRow.signed_on, SignOffRow.id)).all())


def read_review_records(session: Session) -> ReviewRecords:
    return ReviewRecords(read_reviews(session), read_challenges(session), read_signoffs(session))


def load_review_records(plan: PlanFile) -> ReviewRecords:
    with plan.reading() as session:
        return read_review_records(session)


def list_reviews(plan: PlanFile) -> tuple[Review, ...]:
    return load_review_records(plan).reviews


def list_challenges(plan: PlanFile, review: str | None = None) -> tuple[Challenge, ...]:
    records = load_review_records(plan)
    return records.challenges if review is None else records.challenges_of(review)


def list_signoffs(plan: PlanFile, review: str | None = None) -> tuple[SignOff, ...]:
    records = load_review_records(plan)
    return records.signoffs if review is None else records.signoffs_of(review)


# -- finding the records a write is about ------------------------------------------------------------

def _refuse(source: str, breaches: Iterable[Breach]) -> None:
    problems = [Problem.of_edit(source, b.column, b.message) for b in breaches]
    if problems:
        raise ValidationFailed(problems)


def _review_row(session: Session, name: str | None) -> ReviewRow:
    """The review named, or else the open review opened last."""
    if name is not None:
        row = session.scalars(select(ReviewRow).where(ReviewRow.name == name.strip())).first()
        if row is None:
            known = ", ".join(f"'{r.name}'" for r in read_reviews(session)) or "none yet"
            raise NotFound(f"there is no review '{name.strip()}' in this plan (reviews: {known})")
        return row
    row = session.scalars(select(ReviewRow).where(ReviewRow.closed.is_(None))
                          .order_by(ReviewRow.opened.desc(), ReviewRow.id.desc())).first()
    if row is None:
        raise NotFound("there is no open review in this plan: start one with 'trustplanner review PLAN start NAME'")
    return row


def _challenge_row(session: Session, challenge_id: int) -> tuple[ChallengeRow, Review]:
    row = session.get(ChallengeRow, challenge_id)
    if row is None:
        raise NotFound(f"there is no challenge {challenge_id} in this plan")
    return row, _review(session.get(ReviewRow, row.review_id))


# -- the writes ------------------------------------------------------------------------------------

def start_review(plan: PlanFile, name: str, *, kind: ReviewKind, reviewer: str,
                 role: ReviewerRole = ReviewerRole.COMMISSIONER, as_of: date | None = None,
                 on: date | None = None) -> Review:
    """Open a review looking at the position on ``as_of`` (default: the plan's status date)."""
    name, reviewer = name.strip(), reviewer.strip()
    source = f"review '{name}'"
    _refuse(source, review_breaches(name=name, reviewer=reviewer))
    refuse_out_of_range(source, {"as of": as_of, "opened": on})
    with change(plan, f"Start the {name}" if name.lower().endswith("review") else f"Start the review {name}",
                review=True) as unit:
        unit.user = reviewer
        session = unit.session
        if session.scalars(select(ReviewRow.id).where(ReviewRow.name == name)).first() is not None:
            _refuse(source, [Breach("name", f"there is already a review '{name}' in this plan")])
        review = Review(name, ReviewKind(kind), reviewer, on or date.today(), ReviewerRole(role),
                        as_of=as_of or read_snapshot(session).status_date)
        session.add(ReviewRow(name=review.name, kind=review.kind, reviewer=review.reviewer, role=review.role,
                              opened=review.opened, closed=None, as_of=review.as_of))
    return review


def close_review(plan: PlanFile, name: str | None = None, *, on: date | None = None) -> Review:
    """Close a review (``name`` None: the open review opened last): it then takes no more writes."""
    refuse_out_of_range("closing the review", {"closed on": on})
    with change(plan, "Close a review", review=True) as unit:
        row = _review_row(unit.session, name)
        _refuse(f"review '{row.name}'", open_review_breach(_review(row)))
        closed = on or date.today()
        if closed < row.opened:
            _refuse(f"review '{row.name}'", [Breach("closed", f"a review closes on or after it opened "
                                                              f"({row.opened:%d/%m/%Y})")])
        unit.what = f"Close the review '{row.name}'"
        unit.user = row.reviewer  # a review is closed by its reviewer
        row.closed = closed
        session = unit.session
        session.flush()
        return _review(row)


def raise_challenge(plan: PlanFile, target: str, question: str, *, review: str | None = None,
                    evidence: bool = False, on: date | None = None) -> Challenge:
    """The review's reviewer challenges a milestone, risk or decision, an area's figures or the plan
    (``review`` None: the open review opened last); ``evidence`` asks for evidence."""
    target, question = target.strip(), question.strip()
    refuse_out_of_range(f"challenge on {target}", {"raised on": on})
    with change(plan, f"Challenge {target}", review=True) as unit:
        session = unit.session
        row = _review_row(session, review)
        found = _review(row)
        unit.user = found.reviewer
        unit.what = f"Challenge {target} ({found.name})"
        milestones = {m.ref for m in read_snapshot(session).milestones}
        _refuse(f"challenge on {target}", challenge_breaches(
            found, target=target, question=question, milestones=milestones,
            risks=set(session.scalars(select(RiskRow.ref))), decisions=set(session.scalars(select(DecisionRow.ref)))))
        raised_on = on or date.today()
        challenge_id = session.execute(insert(ChallengeRow.__table__).values(
            review_id=row.id, target=target, question=question, raised_by=found.reviewer, raised_on=raised_on,
            response="", responded_by="", responded_on=None, outcome=Outcome.OPEN.value, conditions="",
            evidence_requested=evidence, closed_by="", closed_on=None)).inserted_primary_key[0]
    return Challenge(challenge_id, found.name, target, question, found.reviewer, raised_on,
                     evidence_requested=evidence)


def respond(plan: PlanFile, challenge_id: int, response: str, *, by: str | None = None,
            on: date | None = None) -> Challenge:
    """The manager's response to a challenge (``by`` default: this user's login name); it is then answered."""
    by = (by if by is not None else whoami()[0]).strip()
    refuse_out_of_range(f"challenge {challenge_id}", {"responded on": on})
    with change(plan, f"Respond to challenge {challenge_id}", review=True) as unit:
        unit.user = by or None
        session = unit.session
        row, found = _challenge_row(session, challenge_id)
        unit.what = f"Respond to challenge {challenge_id} on {row.target} ({found.name})"
        _refuse(f"challenge {challenge_id}", response_breaches(_challenge(row, found.name), response=response, by=by))
        row.response, row.responded_by, row.responded_on = response.strip(), by, on or date.today()
        row.outcome = Outcome.ANSWERED
        session.flush()
        return _challenge(row, found.name)


def close_challenge(plan: PlanFile, challenge_id: int, outcome: Outcome, *, conditions: str = "",
                    by: str | None = None, on: date | None = None) -> Challenge:
    """The reviewer's judgement on a challenge, closing it (``by`` default: this user's login name)."""
    by = (by if by is not None else whoami()[0]).strip()
    outcome = Outcome(outcome)
    refuse_out_of_range(f"challenge {challenge_id}", {"closed on": on})
    with change(plan, f"Close challenge {challenge_id}", review=True) as unit:
        session = unit.session
        row, found = _challenge_row(session, challenge_id)
        unit.user = found.reviewer
        unit.what = f"Close challenge {challenge_id} on {row.target} as {outcome.label.lower()} ({found.name})"
        _refuse(f"challenge {challenge_id}", close_breaches(_challenge(row, found.name), found, by=by,
                                                            outcome=outcome, conditions=conditions))
        row.outcome, row.conditions, row.closed_on = outcome, conditions.strip(), on or date.today()
        row.closed_by = found.reviewer  # as the review names them, however typed
        session.flush()
        return _challenge(row, found.name)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _evidence_file(ref: str, path: str | Path) -> tuple[str, str]:
    """The evidence file's absolute path and SHA-256; a file that cannot be read is one clear problem."""
    where = Path(path).expanduser().absolute()
    try:
        return str(where), file_sha256(where)
    except OSError as exc:
        why = "there is no such file" if isinstance(exc, FileNotFoundError) else (exc.strerror or "it cannot be read")
        raise ValidationFailed([Problem.of_edit(f"sign-off of {ref}", "file",
                                                f"cannot read the evidence file {where}: {why}")]) from None


def sign_off(plan: PlanFile, milestone: str, *, evidence: str, path: str | Path | None = None, link: str = "",
             evidence_on: date | None = None, review: str | None = None, on: date | None = None) -> SignOff:
    """The review's reviewer accepts a completed milestone (its actual date now) on evidence; a file given is
    read to record its SHA-256, so that a later change to it is noticed."""
    milestone = milestone.strip()
    source = f"sign-off of {milestone}"
    refuse_out_of_range(source, {"signed on": on, "evidence date": evidence_on})
    where, digest = _evidence_file(milestone, path) if path else ("", "")
    with change(plan, f"Sign off {milestone}", review=True) as unit:
        session = unit.session
        row = _review_row(session, review)
        found = _review(row)
        unit.user = found.reviewer
        unit.what = f"Sign off {milestone} ({found.name})"
        snapshot = read_snapshot(session)
        record = next((m for m in snapshot.milestones if m.ref == milestone), None)
        proof = Evidence(evidence.strip(), evidence_on, where, link.strip(), digest)
        _refuse(source, sign_off_breaches(milestone, record, found, proof))
        signed = SignOff(milestone, found.name, found.reviewer, on or date.today(), record.actual, proof)
        session.add(SignOffRow(review_id=row.id, milestone=milestone, reviewer=signed.reviewer,
                               signed_on=signed.on, actual=signed.actual, evidence_title=proof.title,
                               evidence_on=proof.on, evidence_path=proof.path, evidence_link=proof.link,
                               evidence_sha256=proof.sha256))
    return signed


# -- status ----------------------------------------------------------------------------------------

def _hash_now(path: str) -> str | None:
    try:
        return file_sha256(Path(path))
    except OSError:
        return None


def signed_off_status(snapshot: PlanSnapshot, signoffs: Iterable[SignOff]) -> dict[str, SignOffStanding]:
    """Each complete milestone (it has an actual date), by ref: "signed off", or "complete, not signed off"
    with why, when a sign-off no longer stands (its actual date moved, its evidence file changed)."""
    signoffs = tuple(signoffs)
    hashes = {path: _hash_now(path) for path in {s.evidence.path for s in signoffs if s.evidence.path}}
    return {m.ref: sign_off_standing(m, signoffs, hashes) for m in snapshot.milestones if m.actual is not None}
