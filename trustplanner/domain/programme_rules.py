"""The rules the programme details keep, for the wizard, ``trustplanner new`` and ``trustplanner set``."""

from __future__ import annotations

from trustplanner.domain.dates import date_problem
from trustplanner.domain.model import Programme
from trustplanner.domain.problems import Breach

TOLERANCE_RANGE = (0, 250)  # working days
TUPE_NOTICE_RANGE = (0, 365)  # days
#: a marking is printed centred at the top and bottom of every briefing page, on one line
MARKING_MAX = 60
NAME_MAX = 200


def programme_breaches(programme: Programme) -> list[Breach]:
    breaches: list[Breach] = []

    def add(column: str, message: str) -> None:
        breaches.append(Breach(column, message))

    if not programme.council.strip():
        add("council", "council name is required")
    if not programme.trust.strip():
        add("trust", "trust name is required")
    for column, value in (("go_live", programme.go_live), ("shadow", programme.shadow_start),
                          ("decision", programme.decision_date), ("status_date", programme.status_date)):
        if message := date_problem(value):
            add(column, message)
    if programme.shadow_start and programme.shadow_start > programme.go_live:
        add("shadow", "shadow start must not be after go-live")
    if programme.decision_date and programme.decision_date > programme.go_live:
        add("decision", "decision date must not be after go-live")
    low, high = TOLERANCE_RANGE
    if not low <= programme.tolerance_days <= high:
        add("tolerance", f"must be {low} to {high} working days")
    low, high = TUPE_NOTICE_RANGE
    if not low <= programme.tupe_notice_days <= high:
        add("tupe_notice_days", f"the TUPE notice must be {low} to {high} days")
    if not programme.marking.strip():
        add("marking", "protective marking is required")
    elif len(programme.marking.strip()) > MARKING_MAX:
        add("marking", f"is longer than {MARKING_MAX} characters (it is printed on one line at the top and bottom "
                       "of every briefing page); e.g. OFFICIAL-SENSITIVE")
    for column, value in (("council", programme.council), ("trust", programme.trust)):
        if len(value.strip()) > NAME_MAX:
            add(column, f"is longer than {NAME_MAX} characters")
    return breaches
