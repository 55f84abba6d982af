"""Which statutory TUPE deadline a plan's own milestone meets, and the derived deadline it pairs with.

The pairing is computed, never stored: the plan milestone names the kind of deadline (``meets``),
and the deadline is the derived milestone for its service's transfer date (docs/design/0014).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from trustplanner.domain.calendar import working_days_between
from trustplanner.domain.model import Milestone
from trustplanner.domain.snapshot import PlanSnapshot

DERIVED_PREFIX = "TUPE-"
ELI_DAYS = 28


class Meets(StrEnum):
    """A statutory deadline a plan milestone may meet ("" : none)."""

    NONE = ""
    ELI = "eli"
    REP = "rep"
    LGPS = "lgps"

    def label(self, notice_days: int = 56) -> str:
        """In words, saying whether it is the law or the plan's own setting."""
        return {
            Meets.NONE: "(none)",
            Meets.ELI: f"ELI sent (legal minimum: {ELI_DAYS} days before transfer)",
            Meets.REP: f"Staff representatives informed (local setting: {notice_days} days' notice)",
            Meets.LGPS: "LGPS admission agreement (legal: before the first transfer)",
        }[self]

    @property
    def is_local(self) -> bool:
        """The plan's own setting rather than a legal minimum."""
        return self is Meets.REP


MEETS_CHOICES = (Meets.NONE, Meets.ELI, Meets.REP, Meets.LGPS)


def eli_ref(transfer: date) -> str:
    return f"{DERIVED_PREFIX}ELI-{transfer:%Y%m%d}"


def rep_ref(transfer: date) -> str:
    return f"{DERIVED_PREFIX}REP-{transfer:%Y%m%d}"


LGPS_REF = f"{DERIVED_PREFIX}LGPS"


def paired_ref(snapshot: PlanSnapshot, milestone: Milestone) -> str | None:
    """The ref of the derived deadline ``milestone`` meets (whether or not the plan has it)."""
    meets = Meets(milestone.meets)
    if meets is Meets.NONE or milestone.derived:
        return None
    if meets is Meets.LGPS:
        return LGPS_REF
    transfer = snapshot.go_live_of(milestone.service)
    return eli_ref(transfer) if meets is Meets.ELI else rep_ref(transfer)


def paired_deadline(snapshot: PlanSnapshot, milestone: Milestone) -> Milestone | None:
    """The derived TUPE deadline ``milestone`` meets; None when it meets none or the plan derives none.

    For ELI and representatives: the deadline for transfers on the go-live of the milestone's
    service (the programme's go-live without one); for LGPS: the admission agreement deadline.
    """
    ref = paired_ref(snapshot, milestone)
    if ref is None:
        return None
    return next((m for m in snapshot.milestones if m.derived and m.ref == ref), None)


def pairings(snapshot: PlanSnapshot) -> dict[str, Milestone]:
    """Each plan milestone's paired deadline, by the plan milestone's ref (unpaired ones left out)."""
    derived = {m.ref: m for m in snapshot.milestones if m.derived}
    found = {}
    for milestone in snapshot.milestones:
        if milestone.meets and not milestone.derived:
            ref = paired_ref(snapshot, milestone)
            if ref in derived:
                found[milestone.ref] = derived[ref]
    return found


def parse_meets(text: str) -> Meets | None:
    """A ``meets`` cell or value (case ignored, blank for none); None when it names no deadline."""
    try:
        return Meets(text.strip().casefold())
    except ValueError:
        return None


def unknown_meets(text: str) -> str:
    return f"unknown statutory deadline '{text}'; use eli, rep or lgps"


def meets_problem(milestone: Milestone) -> str | None:
    """What is wrong with the deadline ``milestone`` says it meets, if anything."""
    if parse_meets(milestone.meets) is None:
        return unknown_meets(milestone.meets)
    if milestone.meets and milestone.derived:
        return "a derived TUPE deadline cannot meet another deadline"
    return None


def unpaired_warning(snapshot: PlanSnapshot, milestone: Milestone) -> str | None:
    """Why ``milestone`` meets a deadline the plan does not derive (None when it pairs or meets none)."""
    if not milestone.meets or milestone.derived or paired_deadline(snapshot, milestone) is not None:
        return None
    meets = Meets(milestone.meets)
    if meets is Meets.LGPS:
        return "meets the LGPS admission agreement deadline, but no LGPS member transfers: there is no deadline to pair it with"
    kind = "ELI" if meets is Meets.ELI else "staff representatives"
    return (f"meets the {kind} deadline for transfers on {snapshot.go_live_of(milestone.service):%d/%m/%Y}, but no staff "
            "transfer on that date: there is no deadline to pair it with")


def _working_days(n: int) -> str:
    return f"{n} working day{'' if n == 1 else 's'}"


def pairing_sentence(milestone: Milestone, deadline: Milestone, notice_days: int) -> str:
    """The plan milestone against the deadline it meets, e.g. "Legal deadline 03/03/2017
    (TUPE-ELI-20170401): 5 working days to spare" (a local setting is said to be one)."""
    local = Meets(milestone.meets).is_local
    kind = f"Local notice setting ({notice_days} days)" if local else "Legal deadline"
    due = deadline.forecast
    head = f"{kind} {due:%d/%m/%Y} ({deadline.ref})"
    day = milestone.actual or milestone.forecast
    spare = working_days_between(day, due)
    done = milestone.actual is not None
    if spare < 0:
        late = f"{_working_days(-spare)} after the {'local notice date' if local else 'legal deadline'}"
        return f"{head}: {'met' if done else 'forecast'} {late}"
    if spare == 0:
        return f"{head}: {'met on' if done else 'forecast for'} the day itself, no working days to spare"
    return f"{head}: {'met with ' if done else ''}{_working_days(spare)} to spare"
