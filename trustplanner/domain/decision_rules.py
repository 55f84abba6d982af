"""The rules of the decisions log, worded once for its file and the app's edits.

A key decision must be on the forward plan 28 clear days before it is taken: clear days leave
out the day notice is given and the day of the decision. A made decision says when; a needed
decision says by when (or at which meeting). An exempt decision cites a paragraph (1–7) of
Schedule 12A to the Local Government Act 1972.
"""

from __future__ import annotations

from datetime import date

from trustplanner.domain.problems import Breach, too_long
from trustplanner.domain.risks import Decision, DecisionStatus

KEY_DECISION_NOTICE_DAYS = 28
TITLE_LIMIT = 300
SCHEDULE_12A = range(1, 8)


def clear_days(start: date, end: date) -> int:
    """Whole days strictly between ``start`` and ``end``."""
    return (end - start).days - 1


def notice_problem(decision: Decision, as_of: date) -> str | None:
    """A key decision still needed too soon for 28 clear days' notice (from its forward plan date, or today)."""
    if not decision.key_decision or decision.status is not DecisionStatus.NEEDED or decision.needed_by is None:
        return None
    start = decision.forward_plan_on or as_of
    days = clear_days(start, decision.needed_by)
    if days >= KEY_DECISION_NOTICE_DAYS:
        return None
    since = (f"on the forward plan {decision.forward_plan_on:%d/%m/%Y}" if decision.forward_plan_on
             else f"as of {as_of:%d/%m/%Y}")
    return (f"key decision needed by {decision.needed_by:%d/%m/%Y} has {max(days, 0)} clear days' notice "
            f"({since}); a key decision needs {KEY_DECISION_NOTICE_DAYS}")


def made_on_required() -> str:
    return "a made decision needs made_on, the date it was made"


def needed_by_required() -> str:
    return "a needed decision needs needed_by: the date or the meeting it is needed by"


def paragraph_problem(paragraph: int) -> str | None:
    if paragraph in SCHEDULE_12A:
        return None
    return f"Schedule 12A has paragraphs 1 to 7, not {paragraph}"


def decision_breaches(*, title: str | None, status: DecisionStatus | None, needed_by: date | None,
                      meeting: str, made_on: date | None, exempt_paragraph: int | None) -> list[Breach]:
    """What is wrong with a decision's values (``status`` None: unreadable, its rules skipped)."""
    breaches = []
    if title is not None:
        if not title.strip():
            breaches.append(Breach("title", "title is required"))
        elif len(title) > TITLE_LIMIT:
            breaches.append(Breach("title", too_long(TITLE_LIMIT)))
    if status is DecisionStatus.MADE and made_on is None:
        breaches.append(Breach("made_on", made_on_required()))
    if status is DecisionStatus.NEEDED and needed_by is None and not meeting.strip():
        breaches.append(Breach("needed_by", needed_by_required()))
    if exempt_paragraph is not None and (message := paragraph_problem(exempt_paragraph)):
        breaches.append(Breach("exempt", message))
    return breaches
