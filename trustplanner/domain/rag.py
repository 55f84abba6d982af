"""Deriving a milestone's RAG status as of a date, and the rules for overriding it."""

from __future__ import annotations

from datetime import date

from trustplanner.domain.calendar import working_days_between
from trustplanner.domain.enums import Rag
from trustplanner.domain.model import Milestone


def slippage_days(milestone: Milestone) -> int:
    """Working days the milestone is (or was) late against its baseline; negative if early."""
    return working_days_between(milestone.baseline, milestone.effective_date)


def is_overdue(milestone: Milestone, as_of: date) -> bool:
    return milestone.actual is None and milestone.forecast < as_of


def derived_rag(milestone: Milestone, as_of: date, tolerance_days: int) -> Rag:
    """RAG from the dates alone.

    Complete once it has an actual date; red when overdue or slipped by more working days than
    the tolerance; amber when slipped within tolerance; green otherwise.
    """
    if milestone.actual is not None:
        return Rag.COMPLETE
    if is_overdue(milestone, as_of):
        return Rag.RED
    slip = slippage_days(milestone)
    if slip > tolerance_days:
        return Rag.RED
    if slip > 0:
        return Rag.AMBER
    return Rag.GREEN


def effective_rag(milestone: Milestone, as_of: date, tolerance_days: int) -> Rag:
    """The worse of the derived RAG and the override: an override can never improve a status."""
    derived = derived_rag(milestone, as_of, tolerance_days)
    override = milestone.rag_override
    if derived is Rag.COMPLETE or override is None:
        return derived
    return override if override.severity > derived.severity else derived


def override_problem(milestone: Milestone, as_of: date, tolerance_days: int) -> str | None:
    """Why the milestone's RAG override is not allowed, or ``None`` when it is."""
    override = milestone.rag_override
    if override is None:
        return None
    if override not in (Rag.AMBER, Rag.RED):
        return f"RAG override must be amber or red, not {override.value}"
    derived = derived_rag(milestone, as_of, tolerance_days)
    if derived is Rag.COMPLETE:
        return "a completed milestone cannot have a RAG override"
    if override.severity < derived.severity:
        return (
            f"RAG override {override.value} would make it look better than its dates "
            f"({derived.value}); an override may only make it worse"
        )
    return None


def commentary_problem(milestone: Milestone, as_of: date, tolerance_days: int) -> str | None:
    rag = effective_rag(milestone, as_of, tolerance_days)
    if rag.needs_commentary and not milestone.commentary.strip():
        return f"{rag.value} milestone needs a commentary"
    return None


def overall_rag(rags: list[Rag]) -> Rag:
    """Programme status from milestone statuses: the share of red and amber decides.

    Red if any milestone is red and red is at least 10% of open milestones, or 3 or more are red;
    amber if anything is red or amber; green otherwise; complete when all are complete.
    """
    open_rags = [r for r in rags if r is not Rag.COMPLETE]
    if not open_rags:
        return Rag.COMPLETE if rags else Rag.GREEN
    reds = sum(1 for r in open_rags if r is Rag.RED)
    ambers = sum(1 for r in open_rags if r is Rag.AMBER)
    if reds >= 3 or (reds and reds * 10 >= len(open_rags)):
        return Rag.RED
    if reds or ambers:
        return Rag.AMBER
    return Rag.GREEN
