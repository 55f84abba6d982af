"""The rules of commissioner review, worded once for the command line and (later) the app.

Each function returns :class:`Breach`es (the field to fix and what is wrong), like
``risk_rules``: the services turn them into problems naming the record. Text limits are the
register's (a name or title as long as a risk's title, a person as long as a risk's owner) and
the report's for long text (a question, a response, conditions).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from trustplanner.domain.model import Milestone
from trustplanner.domain.problems import Breach, too_long
from trustplanner.domain.report import TEXT_LIMIT
from trustplanner.domain.review import (
    AREA_TARGETS,
    CLOSING_OUTCOMES,
    NOT_SIGNED_OFF,
    SIGNED_OFF,
    Challenge,
    Evidence,
    Outcome,
    Review,
    SignOff,
)
from trustplanner.domain.risk_rules import OWNER_LIMIT, TITLE_LIMIT


def _text(column: str, value: str, limit: int, required: str | None = None) -> list[Breach]:
    if not value.strip():
        return [Breach(column, required)] if required else []
    if len(value.strip()) > limit:
        return [Breach(column, too_long(limit))]
    return []


def same_person(a: str, b: str) -> bool:
    """Two names for one person, ignoring case and spacing ("Jane  Smith" is "jane smith")."""
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def review_breaches(*, name: str, reviewer: str) -> list[Breach]:
    return (_text("name", name, TITLE_LIMIT, "a review needs a name, e.g. 'Q3 2020 progress review'")
            + _text("reviewer", reviewer, OWNER_LIMIT, "name the reviewer"))


def open_review_breach(review: Review) -> list[Breach]:
    if review.is_open:
        return []
    return [Breach("review", f"the review '{review.name}' was closed on {review.closed:%d/%m/%Y}")]


def target_breach(target: str, *, milestones: Collection[str], risks: Collection[str],
                  decisions: Collection[str]) -> list[Breach]:
    """A challenge is against a milestone, risk or decision of the plan, or an area or the plan as a whole."""
    if target in milestones or target in risks or target in decisions or target in AREA_TARGETS:
        return []
    return [Breach("target", f"unknown ref '{target}' (not a milestone, risk or decision ref in this plan, nor "
                             f"{', '.join(AREA_TARGETS[:-1])} or {AREA_TARGETS[-1]})")]


def challenge_breaches(review: Review, *, target: str, question: str, milestones: Collection[str],
                       risks: Collection[str], decisions: Collection[str]) -> list[Breach]:
    return (open_review_breach(review)
            + target_breach(target, milestones=milestones, risks=risks, decisions=decisions)
            + _text("question", question, TEXT_LIMIT, "a challenge needs a question"))


def response_breaches(challenge: Challenge, *, response: str, by: str) -> list[Breach]:
    """A closed challenge takes no more responses; a response says something and who gave it."""
    if challenge.is_closed:
        return [Breach("response", f"challenge {challenge.id} was closed ({challenge.outcome.label.lower()}) by "
                                   f"{challenge.closed_by}: it takes no more responses")]
    return (_text("response", response, TEXT_LIMIT, "a response needs some words")
            + _text("responded_by", by, OWNER_LIMIT, "say who responds"))


def close_breaches(challenge: Challenge, review: Review, *, by: str, outcome: Outcome,
                   conditions: str) -> list[Breach]:
    """Only the review's reviewer closes its challenges, with a closing outcome; conditions go with
    accepted-with-conditions, which needs them."""
    if challenge.is_closed:
        return [Breach("outcome", f"challenge {challenge.id} is already closed ({challenge.outcome.label.lower()})")]
    breaches = []
    if not same_person(by, review.reviewer):
        breaches.append(Breach("closed_by", f"only the reviewer ({review.reviewer}) closes a challenge of "
                                            f"'{review.name}', not {by.strip() or 'someone unnamed'}"))
    if outcome not in CLOSING_OUTCOMES:
        breaches.append(Breach("outcome", f"'{outcome.value}' does not close a challenge: use "
                                          f"{', '.join(sorted(o.value for o in CLOSING_OUTCOMES))}"))
    if outcome is Outcome.ACCEPTED_WITH_CONDITIONS:
        breaches += _text("conditions", conditions, TEXT_LIMIT, "say what the conditions are")
    elif conditions.strip():
        breaches.append(Breach("conditions", "conditions go with the outcome accepted-with-conditions"))
    return breaches


def evidence_breaches(evidence: Evidence) -> list[Breach]:
    breaches = _text("evidence", evidence.title, TITLE_LIMIT, "a sign-off needs its evidence's title")
    if not evidence.path.strip() and not evidence.link.strip():
        breaches.append(Breach("evidence", "give the evidence's file or its link"))
    breaches += _text("file", evidence.path, TEXT_LIMIT) + _text("link", evidence.link, TEXT_LIMIT)
    return breaches


def sign_off_breaches(ref: str, milestone: Milestone | None, review: Review, evidence: Evidence) -> list[Breach]:
    """A sign-off accepts a milestone that is complete (it has an actual date), in an open review."""
    breaches = open_review_breach(review)
    if milestone is None:
        breaches.append(Breach("milestone", f"unknown milestone '{ref}' (not a milestone ref in this plan)"))
    elif milestone.actual is None:
        breaches.append(Breach("milestone", f"{ref} is not complete (it has no actual date): only a completed "
                                            "milestone is signed off"))
    return breaches + evidence_breaches(evidence)


@dataclass(frozen=True)
class SignOffStanding:
    status: str  # SIGNED_OFF or NOT_SIGNED_OFF
    reason: str = ""  # why a milestone once signed off is not any more


def sign_off_standing(milestone: Milestone, signoffs: Iterable[SignOff],
                      hashes_now: Mapping[str, str | None]) -> SignOffStanding:
    """Whether a complete milestone stands signed off: a sign-off of it counts while its actual date is
    the one signed off and its evidence file (``hashes_now``: path → SHA-256 now, None unreadable) is unchanged."""
    reason = ""
    for signoff in sorted((s for s in signoffs if s.milestone == milestone.ref), key=lambda s: s.on, reverse=True):
        if signoff.actual != milestone.actual:
            reason = reason or (f"its actual date changed from {signoff.actual:%d/%m/%Y} (signed off "
                                f"{signoff.on:%d/%m/%Y}) to {milestone.actual:%d/%m/%Y}")
            continue
        if signoff.evidence.path and signoff.evidence.sha256:
            now = hashes_now.get(signoff.evidence.path)
            if now is None:
                reason = reason or f"its evidence file {signoff.evidence.path} cannot be read now"
                continue
            if now != signoff.evidence.sha256:
                reason = reason or f"its evidence file {signoff.evidence.path} changed after the sign-off"
                continue
        return SignOffStanding(SIGNED_OFF)
    return SignOffStanding(NOT_SIGNED_OFF, reason)
