"""The rules of the risk register, worded once for its files and the app's edits.

Scores are on a 5×5 matrix: likelihood and impact each a whole number 1–5 (or the words very
low … very high), the score their product. The plan's appetite bands the score green, amber or
red and says from which score a risk is escalated. The imports (``io/formats/risks.py``) and
the edits (``services/risks.py``) both ask these functions, so one bad value gets one message
wherever it is entered; values a file could not read are passed as ``None`` and their rules skipped.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from enum import StrEnum

from trustplanner.domain.enums import Rag
from trustplanner.domain.problems import Breach, too_long
from trustplanner.domain.risks import (
    ActionStatus,
    Appetite,
    Risk,
    RiskAction,
    RiskReview,
    RiskStatus,
    Score,
)

SCALE = range(1, 6)
SCORE_WORDS = {"very low": 1, "low": 2, "medium": 3, "high": 4, "very high": 5}
TITLE_LIMIT = 300
OWNER_LIMIT = 200
SCORE_HELP = "scores are whole numbers 1 to 5 (or very low, low, medium, high, very high)"
#: the score columns in pairs: (likelihood, impact) of inherent, current and target
SCORE_PAIRS = (("inherent_likelihood", "inherent_impact"), ("likelihood", "impact"),
               ("target_likelihood", "target_impact"))


class Direction(StrEnum):
    """Direction of travel of a risk's score: up is worse."""

    WORSE = "↑"
    BETTER = "↓"
    SAME = "→"

    @property
    def label(self) -> str:
        return {Direction.WORSE: "worse", Direction.BETTER: "better", Direction.SAME: "no change"}[self]


def score_value_problem(value: int) -> str | None:
    """What is wrong with a likelihood or impact already a number (an edit's, or a file's read)."""
    if value in SCALE:
        return None
    return f"{value} is outside the scale: {SCORE_HELP}"


def parse_score(text: str) -> int:
    """A likelihood or impact as written in a file: 1–5 or its word. Raises ValueError with the message."""
    folded = " ".join(text.casefold().split())
    words = " ".join(folded.replace("-", " ").split())  # "very-high"; a number keeps its minus sign
    if words in SCORE_WORDS:
        return SCORE_WORDS[words]
    try:
        number = float(folded)
    except ValueError:
        raise ValueError(f"'{text}' is not a score: {SCORE_HELP}") from None
    if not number.is_integer():
        raise ValueError(f"'{text}' is not a whole number: {SCORE_HELP}")
    value = int(number)
    if message := score_value_problem(value):
        raise ValueError(message)
    return value


def pair_problem(likelihood: int | None, impact: int | None) -> str | None:
    """A score needs both halves or neither (the second column is named)."""
    if (likelihood is None) != (impact is None):
        return "give both likelihood and impact, or neither"
    return None


def band(score: int, appetite: Appetite) -> Rag:
    """The matrix colour of a score under the plan's appetite."""
    if score <= appetite.green_max:
        return Rag.GREEN
    if score <= appetite.amber_max:
        return Rag.AMBER
    return Rag.RED


def appetite_breaches(appetite: Appetite) -> list[Breach]:
    breaches = []
    if not 1 <= appetite.green_max < appetite.amber_max < 25:
        breaches.append(Breach("bands", f"the bands must rise within 1–25: green up to {appetite.green_max}, "
                                        f"amber up to {appetite.amber_max}, red above"))
    if appetite.escalation_score not in range(1, 26):
        breaches.append(Breach("escalation_score", f"{appetite.escalation_score} is not a score from 1 to 25"))
    if not appetite.escalate_to.strip():
        breaches.append(Breach("escalate_to", "say to whom a risk is escalated (programme board, cabinet, "
                                              "commissioner)"))
    return breaches


def direction(before: int, after: int) -> Direction:
    if after > before:
        return Direction.WORSE
    if after < before:
        return Direction.BETTER
    return Direction.SAME


def score_on(risk: Risk, reviews: tuple[RiskReview, ...], on: date) -> Score:
    """The risk's current score as it stood on ``on``: the last review by then, else the first review's before."""
    mine = sorted((r for r in reviews if r.risk == risk.ref), key=lambda r: r.on)
    if not mine:
        return risk.current
    standing = mine[0].before
    for review in mine:
        if review.on <= on:
            standing = review.after
    return standing


def direction_since_review(risk: Risk, reviews: tuple[RiskReview, ...]) -> Direction:
    """↑ ↓ → of the last re-score (→ when the risk has never been re-scored)."""
    mine = [r for r in reviews if r.risk == risk.ref]
    if not mine:
        return Direction.SAME
    last = max(mine, key=lambda r: r.on)
    return direction(last.before.value, risk.current.value)


def direction_since(risk: Risk, reviews: tuple[RiskReview, ...], since: date) -> Direction:
    """↑ ↓ → of the current score against the score on ``since`` (the last briefing, say)."""
    return direction(score_on(risk, reviews, since).value, risk.current.value)


def is_live(risk: Risk) -> bool:
    return risk.status is not RiskStatus.CLOSED


#: a reviewed risk is next reviewed this many days later unless the reviewer says otherwise (a monthly board)
REVIEW_INTERVAL_DAYS = 28


def next_review_after(on: date) -> date:
    """The next review date offered for a review on ``on``."""
    return on + timedelta(days=REVIEW_INTERVAL_DAYS)


def review_overdue(risk: Risk, as_of: date) -> str | None:
    if is_live(risk) and risk.review_by is not None and risk.review_by < as_of:
        return f"review was due by {risk.review_by:%d/%m/%Y}"
    return None


def action_overdue(action: RiskAction, as_of: date) -> str | None:
    if action.status is ActionStatus.OPEN and action.due is not None and action.due < as_of:
        return f"action '{action.action}' ({action.owner or 'no owner'}) was due {action.due:%d/%m/%Y}"
    return None


def at_escalation(risk: Risk, appetite: Appetite) -> bool:
    return risk.status is RiskStatus.OPEN and risk.current.value >= appetite.escalation_score


def escalation_missing(risk: Risk, appetite: Appetite) -> str | None:
    """An open risk at or above the escalation score with no escalation recorded."""
    if at_escalation(risk, appetite) and risk.escalated_on is None:
        return (f"current score {risk.current.value} is at or above the escalation score "
                f"{appetite.escalation_score}, but no escalation to {appetite.escalate_to} is recorded")
    return None


def risk_breaches(*, title: str | None, owner: str | None, scores: dict[str, int | None]) -> list[Breach]:
    """What is wrong with a risk's values; ``scores`` by column name (None: blank or unreadable)."""
    breaches = []
    if title is not None:
        if not title.strip():
            breaches.append(Breach("title", "title is required"))
        elif len(title) > TITLE_LIMIT:
            breaches.append(Breach("title", too_long(TITLE_LIMIT)))
    if owner is not None:
        if not owner.strip():
            breaches.append(Breach("owner", "a risk needs one owner"))
        elif ";" in owner:
            breaches.append(Breach("owner", "a risk has one owner; name one person or post"))
        elif len(owner) > OWNER_LIMIT:
            breaches.append(Breach("owner", too_long(OWNER_LIMIT)))
    for column, value in scores.items():
        if value is not None and (message := score_value_problem(value)):
            breaches.append(Breach(column, message))
    return breaches


def current_score_required(likelihood: int | None, impact: int | None) -> list[Breach]:
    """The current score is what the register is: it cannot be blank."""
    return [Breach(column, f"{column} is required") for column, value in (("likelihood", likelihood),
                                                                          ("impact", impact)) if value is None]


def action_breaches(*, action: str | None, owner: str | None) -> list[Breach]:
    breaches = []
    if action is not None:
        if not action.strip():
            breaches.append(Breach("action", "action is required"))
        elif len(action) > TITLE_LIMIT:
            breaches.append(Breach("action", too_long(TITLE_LIMIT)))
    if owner is not None and len(owner) > OWNER_LIMIT:
        breaches.append(Breach("owner", too_long(OWNER_LIMIT)))
    return breaches


def unknown_milestone(text: str) -> str:
    return f"unknown milestone '{text}' (not a milestone ref or title in this plan)"


def unknown_service(text: str, known: list[str]) -> str:
    return f"unknown service '{text}' (services in this plan: {', '.join(known) or 'none yet'})"


def unknown_risk(text: str) -> str:
    return f"unknown risk '{text}' (not a risk ref in this plan: import the risks first)"


def register_rag(risks: Iterable[Risk], actions: Iterable[RiskAction], appetite: Appetite, as_of: date) -> Rag:
    """The register's status: red when an open risk is at or above the escalation score; amber when an open
    risk is in the amber band or above it, or an open risk's action is overdue; else green."""
    open_risks = [r for r in risks if r.status is RiskStatus.OPEN]
    if any(r.current.value >= appetite.escalation_score for r in open_risks):
        return Rag.RED
    refs = {r.ref for r in open_risks}
    if any(band(r.current.value, appetite) is not Rag.GREEN for r in open_risks) or any(
            a.risk in refs and action_overdue(a, as_of) for a in actions):
        return Rag.AMBER
    return Rag.GREEN
