"""Rows of a risks file and a risk actions file into :class:`Risk` and :class:`RiskAction` records.

Risks: ref, title, cause, event, effect, category, owner, raised, status, proximity, response,
controls, inherent_likelihood, inherent_impact, likelihood, impact, target_likelihood,
target_impact, review_by, milestones, services. Actions: risk, action, owner, due, status.
Links are ``;``-separated refs or names; a link to a milestone, service or risk the plan does
not hold is refused with the row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from trustplanner.domain.enums import parse_choice
from trustplanner.domain.problems import Breach, Problem, ValidationFailed
from trustplanner.domain.risk_rules import (
    SCORE_PAIRS,
    action_breaches,
    current_score_required,
    pair_problem,
    parse_score,
    risk_breaches,
    unknown_milestone,
    unknown_risk,
    unknown_service,
)
from trustplanner.domain.risk_categories import category_words, find_category
from trustplanner.domain.risks import (
    STANDARD_CATEGORIES,
    ActionStatus,
    Category,
    Phase,
    Response,
    Risk,
    RiskAction,
    RiskStatus,
    Score,
)
from trustplanner.domain.snapshot import PlanSnapshot
from trustplanner.io.rows import RowReader
from trustplanner.io.tables import Table, read_table
from trustplanner.io.values import parse_refs

RISK_REQUIRED = ("ref", "title", "category", "owner", "likelihood", "impact")
RISK_COLUMNS = ("ref", "title", "cause", "event", "effect", "category", "owner", "raised", "status", "proximity",
                "response", "controls", "inherent_likelihood", "inherent_impact", "likelihood", "impact",
                "target_likelihood", "target_impact", "review_by", "milestones", "services")
RISK_OPTIONAL = tuple(c for c in RISK_COLUMNS if c not in RISK_REQUIRED)
RISK_FREE_TEXT = ("cause", "event", "effect", "controls")
ACTION_REQUIRED = ("risk", "action")
ACTION_COLUMNS = ("risk", "action", "owner", "due", "status")
ACTION_OPTIONAL = ("owner", "due", "status")
#: the columns of each field of a risk the file sets (a field whose columns are absent keeps the plan's value)
RISK_FIELD_COLUMNS = {
    "title": ("title",), "cause": ("cause",), "event": ("event",), "effect": ("effect",),
    "category": ("category",), "owner": ("owner",), "raised": ("raised",), "status": ("status",),
    "proximity": ("proximity",), "phase": ("proximity",), "response": ("response",), "controls": ("controls",),
    "inherent": SCORE_PAIRS[0], "current": SCORE_PAIRS[1], "target": SCORE_PAIRS[2], "review_by": ("review_by",),
    "milestones": ("milestones",), "services": ("services",),
}
ACTION_FIELD_COLUMNS = {"owner": ("owner",), "due": ("due",), "status": ("status",)}


def choices(enum_type: Iterable) -> str:
    words = [getattr(m, "label", m.value).lower() for m in enum_type]
    return ", ".join(words[:-1]) + " or " + words[-1]


def read_choice(row: RowReader, column: str, enum_type, default=None, extra=None):  # noqa: ANN001, ANN201
    text = row.text(column)
    if not text:
        return default
    value = parse_choice(enum_type, text, extra=extra)
    if value is None:
        row.error(column, f"unknown {column} '{text}'; use {choices(enum_type)}")
    return value


def add_breaches(row: RowReader, breaches: list[Breach]) -> None:
    for breach in breaches:
        row.error(breach.column, breach.message)


def milestone_finder(snapshot: PlanSnapshot) -> Callable[[str], str | None]:
    """A milestone's ref from its ref or its title (ignoring case)."""
    refs = {m.ref.casefold(): m.ref for m in snapshot.milestones}
    titles = {m.title.casefold(): m.ref for m in snapshot.milestones}
    return lambda text: refs.get(text.casefold()) or titles.get(text.casefold())


def read_links(row: RowReader, column: str, find: Callable[[str], str | None],
               unknown: Callable[[str], str]) -> tuple[str, ...]:
    found = []
    for text in parse_refs(row.text(column)):
        target = find(text)
        if target is None:
            row.error(column, unknown(text))
        elif target not in found:
            found.append(target)
    return tuple(sorted(found))  # as the plan keeps them, so the same links in another order are no change


def _score(row: RowReader, column: str) -> int | None:
    text = row.text(column)
    if not text:
        return None
    try:
        return parse_score(text)
    except ValueError as exc:
        row.error(column, str(exc))
        return None


def _scores(row: RowReader) -> dict[str, int | None]:
    return {column: _score(row, column) for pair in SCORE_PAIRS for column in pair}


def _pair(row: RowReader, scores: dict[str, int | None], columns: tuple[str, str]) -> Score | None:
    likelihood, impact = (scores[c] for c in columns)
    bad = [c for c in columns if row.cells.get(c) and scores[c] is None]
    if bad:
        return None
    if message := pair_problem(likelihood, impact):
        row.error(columns[1] if likelihood is not None else columns[0], message)
        return None
    return None if likelihood is None else Score(likelihood, impact)


_PHASE_WORDS = {"pre go-live": Phase.BEFORE_GO_LIVE, "post go-live": Phase.AFTER_GO_LIVE,
                "before go live": Phase.BEFORE_GO_LIVE, "after go live": Phase.AFTER_GO_LIVE}
_DATE_LIKE = re.compile(r"\d")


def read_proximity(row: RowReader):  # noqa: ANN201
    """A date, or before go-live / after go-live: (date, phase)."""
    text = row.text("proximity")
    if not text:
        return None, None
    phase = parse_choice(Phase, text, extra=_PHASE_WORDS)
    if phase is not None:
        return None, phase
    if not _DATE_LIKE.search(text):
        row.error("proximity", f"'{text}' is not a date, before go-live or after go-live")
        return None, None
    return row.date("proximity"), None


def read_category(row: RowReader, categories: Sequence[Category]) -> Category | None:
    """A standard category (by value, label or another word for it) or one of the plan's own by its name."""
    text = row.text("category")
    if not text:
        row.error("category", f"category is required; use {category_words(categories)}")
        return None
    found = find_category(categories, text)
    if found is None:
        row.error("category", f"unknown category '{text}'; use {category_words(categories)}")
    return found


def parse_risks(path: str | Path, snapshot: PlanSnapshot, fill: Callable[[Table], None] | None = None, *,
                categories: Sequence[Category] = STANDARD_CATEGORIES) -> tuple[Table, list[Risk]]:
    """``fill`` sees the cells before they are checked (it fills blank cells that keep the plan's values);
    ``categories`` are the plan's (the standard seven, then its own)."""
    table = read_table(path, "risks", required=RISK_REQUIRED, optional=RISK_OPTIONAL, free_text=RISK_FREE_TEXT)
    if fill is not None:
        fill(table)
    problems: list[Problem] = []
    find_milestone = milestone_finder(snapshot)
    services = {s.name.casefold(): s.name for s in snapshot.services}
    names = [s.name for s in snapshot.services]
    seen: dict[str, int] = {}
    risks = []
    for number, cells in table.rows:
        row = RowReader(table.source, number, cells, problems)
        before = len(problems)
        ref = row.text("ref", required=True, max_length=60)
        if ref in seen:
            row.error("ref", f"{ref} is also on row {seen[ref]}")
        elif ref:
            seen[ref] = number
        title, owner = row.text("title"), row.text("owner")
        category = read_category(row, categories)
        status = read_choice(row, "status", RiskStatus, RiskStatus.OPEN, extra={"issue": RiskStatus.OCCURRED})
        response = read_choice(row, "response", Response, Response.TREAT)
        raised, review_by = row.date("raised"), row.date("review_by")
        proximity, phase = read_proximity(row)
        scores = _scores(row)
        add_breaches(row, risk_breaches(title=title, owner=owner, scores={}))
        inherent, target = _pair(row, scores, SCORE_PAIRS[0]), _pair(row, scores, SCORE_PAIRS[2])
        current = None
        if scores["likelihood"] is not None and scores["impact"] is not None:
            current = Score(scores["likelihood"], scores["impact"])
        else:  # a blank current score is required; an unreadable one has said so
            add_breaches(row, [b for b in current_score_required(scores["likelihood"], scores["impact"])
                               if not row.cells.get(b.column)])
        milestones = read_links(row, "milestones", find_milestone, unknown_milestone)
        linked = read_links(row, "services", lambda text: services.get(text.casefold()),
                            lambda text: unknown_service(text, names))
        if len(problems) == before:
            risks.append(Risk(ref=ref, title=title, current=current, cause=row.text("cause"), event=row.text("event"),
                              effect=row.text("effect"), category=category, owner=owner, raised=raised,
                              status=status, proximity=proximity, phase=phase, response=response,
                              controls=row.text("controls"), inherent=inherent, target=target, review_by=review_by,
                              milestones=milestones, services=linked))
    if problems:
        raise ValidationFailed(problems)
    return table, risks


def parse_actions(path: str | Path, risk_refs: Iterable[str], fill: Callable[[Table], None] | None = None,
                  ) -> tuple[Table, list[RiskAction]]:
    table = read_table(path, "risk_actions", required=ACTION_REQUIRED, optional=ACTION_OPTIONAL)
    if fill is not None:
        fill(table)
    problems: list[Problem] = []
    refs = {ref.casefold(): ref for ref in risk_refs}
    seen: dict[tuple[str, str], int] = {}
    actions = []
    for number, cells in table.rows:
        row = RowReader(table.source, number, cells, problems)
        before = len(problems)
        text = row.text("risk", required=True)
        risk = refs.get(text.casefold()) if text else None
        if text and risk is None:
            row.error("risk", unknown_risk(text))
        action, owner = row.text("action"), row.text("owner")
        add_breaches(row, action_breaches(action=action, owner=owner))
        due = row.date("due")
        status = read_choice(row, "status", ActionStatus, ActionStatus.OPEN)
        if risk and action:
            key = (risk, action.casefold())
            if key in seen:
                row.error("action", f"the same action for {risk} is also on row {seen[key]}")
            else:
                seen[key] = number
        if len(problems) == before:
            actions.append(RiskAction(risk, action, owner, due, status))
    if problems:
        raise ValidationFailed(problems)
    return table, actions
