""""Since my last review" in words: one list for ``trustplanner review PLAN since`` and the review pack.

Groups in the order a reviewer works through them: what slipped, what completed (and whether it
stands signed off), what went overdue, re-baselines and the decisions that approved them, risks
escalated, then the challenges still open. Empty groups are left out.
"""

from __future__ import annotations

from trustplanner.briefing.wording import long_date, working_days
from trustplanner.domain.review import SIGNED_OFF
from trustplanner.briefing.review_pack_data import SinceLastReview

SINCE_GROUPS = ("Forecasts moved", "Milestones completed", "Newly overdue", "Re-baselines", "Risks escalated",
                "Challenges still open")


def since_intro(since: SinceLastReview) -> str:
    """One sentence: since when, to when, and from which briefing's figures (or why not compared)."""
    if since.changes is None or since.last is None:
        return since.note[:1].upper() + since.note[1:] + "."
    return (f"Since the last review, '{since.last.name}' (position on {long_date(since.since)}), to the position "
            f"on {long_date(since.as_of)}: compared with the figures of briefing {since.briefing}, issued with "
            f"its position as at {long_date(since.briefing_as_of)}.")


def since_lines(since: SinceLastReview) -> list[tuple[str, list[str]]]:
    groups: list[tuple[str, list[str]]] = []

    def add(heading: str, lines: list[str]) -> None:
        if lines:
            groups.append((heading, lines))

    add("Forecasts moved", [
        f"{c.milestone.ref} {c.milestone.title}: {long_date(c.before)} → {long_date(c.milestone.forecast)} "
        f"({working_days(abs(c.working_days))} {'later' if c.working_days > 0 else 'earlier'})"
        for c in since.moved])
    add("Milestones completed", [
        f"{c.milestone.ref} {c.milestone.title}: complete {long_date(c.milestone.actual)}, {c.standing.status}"
        + (f" ({c.standing.reason})" if c.standing.reason and c.standing.status != SIGNED_OFF else "")
        for c in since.completed])
    add("Newly overdue", [f"{m.ref} {m.title}: forecast {long_date(m.forecast)}, not complete"
                          for m in since.newly_overdue])
    add("Re-baselines", [f"{b.ref}: baseline {long_date(b.old)} → {long_date(b.new)}, approved by "
                         f"{b.decision or 'no decision recorded'}" for b in since.rebaselines])
    add("Risks escalated", [f"{r.ref} {r.title} (score {r.current})" for r in since.risks_escalated])
    add("Challenges still open", [
        f"Challenge {o.challenge.id} on {o.challenge.target} ({o.challenge.review}): {o.challenge.outcome.label.lower()}, "
        f"{_age(o.age)}: {o.challenge.question}" for o in since.open_challenges])
    return groups


def _age(days: int) -> str:
    return "raised today" if days == 0 else f"{days} day{'' if days == 1 else 's'} old"
