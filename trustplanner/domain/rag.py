"""A milestone's RAG as of a date: from its dates, as reported, and the flags when they differ."""

from __future__ import annotations

from datetime import date

from trustplanner.domain.calendar import working_days_between
from trustplanner.domain.enums import Rag
from trustplanner.domain.model import Milestone


def slippage_days(milestone: Milestone, baseline: date | None = None) -> int:
    """Working days the milestone is (or was) late against its baseline (or ``baseline``, e.g. the
    original one before any re-baseline); negative if early."""
    return working_days_between(baseline or milestone.baseline, milestone.effective_date)


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
    """The worse of the reported RAG and the dates' RAG.

    A report better than the dates is kept as the milestone's record but is not its status; an
    actual date makes it complete whatever was reported.
    """
    derived = derived_rag(milestone, as_of, tolerance_days)
    reported = milestone.rag_override
    if derived is Rag.COMPLETE or reported is None or reported is Rag.COMPLETE:
        return derived
    return reported if reported.severity > derived.severity else derived


def dates_reason(milestone: Milestone, as_of: date, tolerance_days: int) -> str:
    """Why the dates give the RAG they do, in a few words: '15 working days slip, tolerance 10'."""
    if milestone.actual is not None:
        return f"actual date {milestone.actual:%d/%m/%Y}"
    parts = []
    slip = slippage_days(milestone)
    if slip > 0:
        parts.append(f"{slip} working day{'s' if slip != 1 else ''} slip, tolerance {tolerance_days}")
    if is_overdue(milestone, as_of):
        parts.append(f"forecast {milestone.forecast:%d/%m/%Y} has passed")
    return "; ".join(parts) or "on or ahead of baseline"


def rag_disagreement(milestone: Milestone, as_of: date, tolerance_days: int) -> str | None:
    """When the reported RAG is better than the dates show, the sentence that says so.

    "reported amber; the dates show red: 15 working days slip, tolerance 10". The report is kept;
    the status shown is the dates' (see :func:`effective_rag`). ``None`` when they agree or the
    report is the worse of the two.
    """
    reported = milestone.rag_override
    if reported is None or reported is Rag.COMPLETE:
        return None
    derived = derived_rag(milestone, as_of, tolerance_days)
    if derived is Rag.COMPLETE or reported.severity >= derived.severity:
        return None
    return (f"reported {reported.value}; the dates show {derived.value}: "
            f"{dates_reason(milestone, as_of, tolerance_days)}")


def commentary_problem(milestone: Milestone, as_of: date, tolerance_days: int) -> str | None:
    """Amber and red need a written commentary: a flag for the plan's owner, not a reason to refuse."""
    rag = effective_rag(milestone, as_of, tolerance_days)
    if rag.needs_commentary and not milestone.commentary.strip():
        return f"{rag.value} milestone needs a commentary"
    return None


def rag_flags(milestone: Milestone, as_of: date, tolerance_days: int) -> tuple[str, ...]:
    """What a reader of the milestone should be told about its status: disagreement, missing commentary."""
    return tuple(flag for flag in (rag_disagreement(milestone, as_of, tolerance_days),
                                   commentary_problem(milestone, as_of, tolerance_days)) if flag)


#: :func:`overall_rag` in words, for the briefing's key (kept beside the rule it states)
MILESTONES_RULE = ("red if 3 or more open milestones are red, or red is at least 10% of them; amber if any is red "
                   "or amber")
#: the programme's overall status (services.position.overall_status) in words
OVERALL_RULE = "the worst of the areas' statuses: a green schedule does not offset a red budget"


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
