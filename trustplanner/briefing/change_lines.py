""""What changed since the last briefing" in words: one list for the briefing's section and for
``trustplanner changes`` (so the page and the command line never disagree).

Each group is a heading and its lines, in the order a reader asks: what finished, what moved,
what got worse, then the register, then the areas' figures. Empty groups are left out.
"""

from __future__ import annotations

from trustplanner.briefing.wording import count, rag_word, long_date, working_days
from trustplanner.domain.briefing_changes import (
    DOWN,
    SAME,
    UP,
    BriefingChanges,
    FigureChange,
)
from trustplanner.domain.money import format_millions, format_thousands

GROUPS = ("Milestones completed", "Forecasts moved", "Status worse", "Status better", "Newly overdue",
          "Re-baselines", "Milestones added", "Milestones removed", "Risks", "Decisions made", "Status areas",
          "Workforce", "Finance")

#: a risk's score, as the register draws it: ↑ up is worse
_RISK_WORDS = {UP: "worse", DOWN: "better", SAME: "no change"}


def change_lines(changes: BriefingChanges) -> list[tuple[str, list[str]]]:
    groups: list[tuple[str, list[str]]] = []

    def add(heading: str, lines: list[str]) -> None:
        if lines:
            groups.append((heading, lines))

    if not changes.since.complete:
        add("Status areas", _area_lines(changes))
        groups.append(("Not compared", [
            "The earlier briefing was issued before TrustPlanner kept a briefing's figures, so only its "
            "overall and milestone statuses can be compared."]))
        return groups
    add("Milestones completed", [f"{m.ref} {m.title}: complete {long_date(m.actual)}" for m in changes.completed])
    add("Forecasts moved", [
        f"{c.milestone.ref} {c.milestone.title}: {long_date(c.before)} → {long_date(c.milestone.forecast)} "
        f"({working_days(abs(c.working_days))} {'later' if c.working_days > 0 else 'earlier'})"
        for c in changes.moved])
    add("Status worse", [f"{c.milestone.ref} {c.milestone.title}: {rag_word(c.before)} → {rag_word(c.milestone.rag)}"
                         for c in changes.worse])
    add("Status better", [f"{c.milestone.ref} {c.milestone.title}: {rag_word(c.before)} → "
                          f"{rag_word(c.milestone.rag)}" for c in changes.better])
    add("Newly overdue", [f"{m.ref} {m.title}: forecast {long_date(m.forecast)}, not complete"
                          for m in changes.newly_overdue])
    add("Re-baselines", [f"{b.ref}: baseline {long_date(b.old)} → {long_date(b.new)}, approved by "
                         f"{b.decision or 'no decision recorded'}" for b in changes.rebaselines])
    add("Milestones added", [f"{m.ref} {m.title}: due {long_date(m.forecast)}" for m in changes.added])
    add("Milestones removed", [f"{m.ref} {m.title}" for m in changes.removed])
    risks = [f"New: {r.ref} {r.title} (score {r.current}, {rag_word(r.band)})" for r in changes.risks_new]
    risks += [f"Re-scored: {c.risk.ref} {c.risk.title}: {c.before} → {c.risk.current} "
              f"({c.direction} {_RISK_WORDS[c.direction]})" for c in changes.risks_rescored]
    risks += [f"Escalated: {r.ref} {r.title} (score {r.current})" for r in changes.risks_escalated]
    risks += [f"Closed: {r.ref} {r.title}" for r in changes.risks_closed]
    add("Risks", risks)
    add("Decisions made", [f"{d.ref} {d.title}: {d.forum}, {long_date(d.made_on)}" for d in changes.decisions_made])
    add("Status areas", _area_lines(changes))
    for area in ("Workforce", "Finance"):
        add(area, [_figure_line(f) for f in changes.figures if f.area == area and f.before is not None])
    return groups


def summary_sentence(changes: BriefingChanges) -> str:
    """One line for page one: how much moved since the last briefing."""
    if not changes.since.complete:
        return (f"Since the last briefing (as at {long_date(changes.since.as_of)}) only the headline statuses can "
                "be compared: that briefing was issued before its figures were kept.")
    if changes.nothing:
        return f"Nothing has changed since the last briefing (as at {long_date(changes.since.as_of)})."
    parts = []
    if changes.completed:
        parts.append(f"{count(len(changes.completed), 'milestone')} completed")
    later = [c for c in changes.moved if c.working_days > 0]
    if later:
        parts.append(f"{count(len(later), 'forecast')} moved later")
    if changes.worse:
        parts.append(f"{count(len(changes.worse), 'milestone')} worse")
    if changes.newly_overdue:
        parts.append(f"{len(changes.newly_overdue)} newly overdue")
    if changes.rebaselines:
        parts.append(f"{count(len(changes.rebaselines), 're-baseline')}")
    if changes.risks_new:
        parts.append(count(len(changes.risks_new), "new risk"))
    if changes.risks_escalated:
        parts.append(f"{count(len(changes.risks_escalated), 'risk')} escalated")
    if changes.decisions_made:
        parts.append(f"{count(len(changes.decisions_made), 'decision')} made")
    if not parts:
        parts.append("no milestone or register changes; the area figures below moved")
    listed = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
    return f"Since the last briefing (as at {long_date(changes.since.as_of)}): {listed}."


def _area_lines(changes: BriefingChanges) -> list[str]:
    return [f"{a.area}: {rag_word(a.before)} → {rag_word(a.now)} ({a.trend} {_trend_word(a.trend)})"
            for a in changes.areas if a.before is not None and a.before is not a.now]


def _trend_word(arrow: str) -> str:
    return {UP: "improved", DOWN: "worse", SAME: "unchanged"}.get(arrow, "")


def _figure_line(change: FigureChange) -> str:
    """"Agency rate (FTE): 13.9% → 10.9% (3.0 percentage points down, better)": the difference is
    worked from the figures as printed, so it reconciles with them."""
    before, now = change.before, change.now
    assert before is not None
    judgement = change.judgement
    if judgement == "no change":
        return f"{now.label}: {now.text}, unchanged"
    diff = change.difference
    if diff is None:
        return f"{now.label}: {before.text} → {now.text}"
    moved = _amount(abs(diff), now.kind)
    way = "up" if diff > 0 else "down"
    return f"{now.label}: {before.text} → {now.text} ({moved} {way}{', ' + judgement if judgement else ''})"


def _amount(value: float, kind: str) -> str:
    """A difference in the figures' own units: it reconciles with the two figures printed."""
    if kind == "money:m":
        return format_millions(int(value))
    if kind == "money:k":
        return format_thousands(int(value))
    if kind == "rate":
        return f"{value:.1f} percentage points"
    return f"{value:g}"
