"""The briefing's risks and decisions, prepared from the register and the log.

One place for each figure: the page-one top risks, the cabinet's recommendations, the heat map,
the escalated risks, what changed since the last briefing and the decisions made and needed are
all worked out here, as plain :mod:`trustplanner.briefing.register_data` records; the sections
only lay them out.

- Direction of travel is since the last briefing when there was one (the score standing on its
  date, ``risk_rules.direction_since``), else since the last review.
- "Since the last briefing" is after its position date up to this one's; a first briefing looks
  back ``FIRST_BRIEFING_COMPLETED_DAYS``, as the milestones do. A risk is *new* when raised in
  that window, *escalated* when its escalation was recorded in it or a review in it took the
  score to the escalation score, *closed* when it is closed and its last review falls in it (the
  register keeps no closing date).
- Decisions needed before the next meeting are those needed by its date (the report's, or
  ``MEETING_CYCLE_DAYS`` after this one: a six-weekly cabinet cycle), overdue ones and
  those needed at a meeting with no date included; cabinet is asked to take those whose forum
  is cabinet.
- A public briefing (any marking but OFFICIAL-SENSITIVE) leaves exempt risks and decisions out
  and says only how many; an OFFICIAL-SENSITIVE one lists them in an exempt appendix.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from trustplanner.briefing.register_data import (
    DecisionLine,
    HeatCell,
    RegisterBriefing,
    RiskChange,
    RiskLine,
)
from trustplanner.briefing.wording import long_date
from trustplanner.domain.decision_rules import KEY_DECISION_NOTICE_DAYS, notice_problem
from trustplanner.domain.marking import OFFICIAL_SENSITIVE, read_marking
from trustplanner.domain.risk_rules import (
    SCALE,
    at_escalation,
    band,
    direction_since,
    direction_since_review,
    is_live,
)
from trustplanner.domain.risks import (
    ActionStatus,
    Decision,
    DecisionStatus,
    Forum,
    Risk,
    RiskRegister,
    RiskStatus,
)
from trustplanner.domain.windows import next_meeting as next_meeting_after
from trustplanner.domain.windows import (
    FIRST_BRIEFING_COMPLETED_DAYS,
    window_start,
)

TOP_RISKS = 3
#: the next meeting is taken as this many days after this one (a six-weekly cabinet cycle)


def is_public(marking: str) -> bool:
    """Whether a briefing with this marking may be published: exempt items are then left out."""
    return read_marking(marking).base != OFFICIAL_SENSITIVE


def prepare_register(register: RiskRegister | None, *, as_of: date, meeting: date | None = None,
                     last_briefing_as_of: date | None = None, marking: str = "OFFICIAL",
                     next_meeting: date | None = None) -> RegisterBriefing | None:
    """The briefing's risks and decisions; None when the plan has neither."""
    if register is None or not (register.risks or register.decisions):
        return None
    meeting = meeting or as_of
    appetite = register.appetite
    public = is_public(marking)
    since = last_briefing_as_of if last_briefing_as_of and last_briefing_as_of < as_of \
        else window_start(as_of, FIRST_BRIEFING_COMPLETED_DAYS)
    since_last = since == last_briefing_as_of
    due_until, assumed = next_meeting_after(meeting, next_meeting)

    reviews, actions = _by_risk(register.reviews), _by_risk(register.actions)

    def line(risk: Risk) -> RiskLine:
        return risk_line(risk, register, since if since_last else None, reviews.get(risk.ref, ()),
                         actions.get(risk.ref, ()))

    shown = [r for r in register.risks if not r.exempt]
    exempt = [r for r in register.risks if r.exempt]
    live = [r for r in shown if is_live(r)]
    by_score = sorted(live, key=_score_order)
    counts: dict[tuple[int, int], int] = {}
    for risk in live:
        key = (risk.current.likelihood, risk.current.impact)
        counts[key] = counts.get(key, 0) + 1
    heat = tuple(HeatCell(likelihood, impact, counts.get((likelihood, impact), 0), band(likelihood * impact, appetite))
                 for likelihood in reversed(SCALE) for impact in SCALE)

    decisions = [d for d in register.decisions if not d.exempt]
    exempt_decisions = [d for d in register.decisions if d.exempt]
    made = sorted((d for d in decisions if made_since(d, since, as_of)), key=lambda d: (d.made_on, d.ref))
    needed = sorted((d for d in decisions if needed_by_then(d, due_until)), key=_needed_order)
    return RegisterBriefing(
        as_of=as_of, since=since, since_last_briefing=since_last, due_until=due_until, due_assumed=assumed,
        escalation_score=appetite.escalation_score, escalate_to=appetite.escalate_to,
        green_max=appetite.green_max, amber_max=appetite.amber_max,
        live=len(live), heat=heat,
        top=tuple(line(r) for r in by_score[:TOP_RISKS]),
        escalated=tuple(line(r) for r in by_score if at_escalation(r, appetite)),
        changes=changes_since(shown, register, since, as_of, reviews),
        decisions_made=tuple(decision_line(d, as_of) for d in made),
        decisions_needed=tuple(decision_line(d, as_of) for d in needed),
        cabinet_asks=tuple(decision_line(d, as_of) for d in needed if d.forum is Forum.CABINET),
        public=public,
        exempt_risks_left_out=len(exempt) if public else 0,
        exempt_decisions_left_out=len(exempt_decisions) if public else 0,
        exempt_risks=() if public else tuple(line(r) for r in sorted(exempt, key=_score_order)),
        exempt_decisions=() if public else tuple(decision_line(d, as_of) for d in sorted(
            exempt_decisions, key=_needed_order)),
        exempt_cabinet_asks=() if public else tuple(decision_line(d, as_of) for d in sorted(
            exempt_decisions, key=_needed_order) if d.forum is Forum.CABINET and needed_by_then(d, due_until)),
    )


def _by_risk(items: Iterable) -> dict[str, tuple]:
    """Reviews or actions by their risk's ref, in their order (read once: a register holds thousands)."""
    found: dict[str, list] = {}
    for item in items:
        found.setdefault(item.risk, []).append(item)
    return {ref: tuple(mine) for ref, mine in found.items()}


def _score_order(risk: Risk) -> tuple:
    return -risk.current.value, -risk.current.impact, risk.ref


def _needed_order(d: Decision) -> tuple:
    return d.needed_by or date.max, d.ref


def made_since(decision: Decision, since: date, as_of: date) -> bool:
    return decision.status is DecisionStatus.MADE and decision.made_on is not None and since < decision.made_on <= as_of


def needed_by_then(decision: Decision, due_until: date) -> bool:
    """A needed decision due by ``due_until`` (overdue included); one needed at a meeting with no date counts."""
    if decision.status is not DecisionStatus.NEEDED:
        return False
    return decision.needed_by is None or decision.needed_by <= due_until


def risk_line(risk: Risk, register: RiskRegister, since: date | None, reviews: tuple | None = None,
              actions: tuple | None = None) -> RiskLine:
    """A risk as the briefing prints it; direction since ``since`` (the last briefing) or the last review.
    ``reviews`` and ``actions`` are the risk's own, when already picked out of the register."""
    reviews = register.reviews_of(risk.ref) if reviews is None else reviews
    travel = direction_since(risk, reviews, since) if since else direction_since_review(risk, reviews)
    action = next_action(register.actions_of(risk.ref) if actions is None else actions)
    return RiskLine(
        ref=risk.ref, title=risk.title, cause=risk.cause, event=risk.event, effect=risk.effect, owner=risk.owner,
        status=risk.status.label, inherent=risk.inherent.value if risk.inherent else None,
        current=risk.current.value, target=risk.target.value if risk.target else None,
        band=band(risk.current.value, register.appetite), direction=travel.value, direction_word=travel.label,
        controls=risk.controls,
        next_action=action.action if action else "", next_action_owner=action.owner if action else "",
        next_action_due=action.due if action else None,
        escalated_to=risk.escalated_to, escalated_on=risk.escalated_on, exempt=risk.exempt,
    )


def next_action(actions: Iterable) -> object | None:
    """The open action due soonest (one without a due date last)."""
    open_actions = [a for a in actions if a.status is ActionStatus.OPEN]
    return min(open_actions, key=lambda a: (a.due or date.max,), default=None)


def changes_since(risks: list[Risk], register: RiskRegister, since: date, as_of: date,
                  reviews_by_risk: dict[str, tuple] | None = None) -> tuple[RiskChange, ...]:
    """Risks new, escalated or closed after ``since`` up to ``as_of``, by date."""
    score = register.appetite.escalation_score
    reviews_by_risk = _by_risk(register.reviews) if reviews_by_risk is None else reviews_by_risk

    def inside(day: date | None) -> bool:
        return day is not None and since < day <= as_of

    found = []
    for risk in risks:
        reviews = reviews_by_risk.get(risk.ref, ())
        travel = direction_since(risk, reviews, since).value

        def change(kind: str, on: date | None, risk: Risk = risk, travel: str = travel) -> RiskChange:
            return RiskChange(risk.ref, risk.title, kind, on, risk.current.value, travel)

        if inside(risk.raised):
            found.append(change("new", risk.raised))
        if risk.status is RiskStatus.CLOSED:
            last = max((r.on for r in reviews), default=None)
            if inside(last):
                found.append(change("closed", last))
            continue
        crossed = [r.on for r in reviews if inside(r.on) and r.before.value < score <= r.after.value]
        if inside(risk.escalated_on):
            found.append(change("escalated", risk.escalated_on))
        elif crossed and risk.current.value >= score:
            found.append(change("escalated", crossed[-1]))
    order = {"new": 0, "escalated": 1, "closed": 2}
    return tuple(sorted(found, key=lambda c: (c.on or date.min, order[c.change], c.ref)))


def decision_line(d: Decision, as_of: date) -> DecisionLine:
    return DecisionLine(
        ref=d.ref, title=d.title, wording=d.decision, forum=d.forum_words[:1].upper() + d.forum_words[1:],
        status=d.status.label,
        needed_by=d.needed_by, meeting=d.meeting, made_on=d.made_on, key_decision=d.key_decision,
        notice_short=notice_problem(d, as_of) or "", cabinet=d.forum is Forum.CABINET,
        exempt_paragraph=d.exempt_paragraph, exempt=d.exempt,
    )


def _quoted(text: str) -> str:
    """User text isolated in our sentence (see services.briefings._quoted)."""
    return f"\u2068{text}\u2069"


def needed_words(d: DecisionLine) -> str:
    """``needed at Cabinet 8 February 2017`` / ``needed by 15/02/2017``, with the key-decision notice."""
    when = f"needed at {_quoted(d.meeting)}" if d.meeting else f"needed by {long_date(d.needed_by)}"
    if d.key_decision:
        short = f" short of {KEY_DECISION_NOTICE_DAYS} clear days' notice" if d.notice_short else ""
        when += f", a key decision{short}"
    return when


def cabinet_recommendations(register: RegisterBriefing) -> list[str]:
    """The recommendations for the decisions cabinet is asked to take, ahead of the "note" ones."""
    items = [f"approve {d.ref}, {_quoted(d.title)} ({needed_words(d)});" for d in register.cabinet_asks]
    items.extend(f"approve the recommendation on {d.ref} set out in the exempt appendix"
                 f"{f' (Schedule 12A, paragraph {d.exempt_paragraph})' if d.exempt_paragraph else ''};"
                 for d in register.exempt_cabinet_asks)
    return items
