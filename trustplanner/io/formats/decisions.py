"""Rows of a decisions file into :class:`Decision` records.

Columns: ref, title, decision, forum, status, needed_by, made_on, key_decision, reasons, options,
exempt, milestones, risks. ``needed_by`` is a date or a meeting ("Cabinet 22 March 2017": its
date, when it has one, is the date needed by); ``forum`` is a forum or "delegated officer: NAME";
``exempt`` is no, yes, or the paragraph of Schedule 12A ("paragraph 3", "yes, paragraph 3", "3").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from trustplanner.domain.decision_rules import decision_breaches
from trustplanner.domain.enums import parse_choice
from trustplanner.domain.problems import Problem, ValidationFailed
from trustplanner.domain.risk_rules import unknown_milestone, unknown_risk
from trustplanner.domain.risks import FORUM_WORDS, Decision, DecisionStatus, Forum
from trustplanner.domain.snapshot import PlanSnapshot
from trustplanner.io.formats.risks import (
    add_breaches,
    choices,
    milestone_finder,
    read_choice,
    read_links,
)
from trustplanner.io.rows import RowReader
from trustplanner.io.tables import Table, read_table
from trustplanner.io.values import CellError, parse_date, parse_optional_date

REQUIRED = ("ref", "title", "forum", "status")
COLUMNS = ("ref", "title", "decision", "forum", "status", "needed_by", "made_on", "key_decision", "reasons",
           "options", "exempt", "milestones", "risks")
OPTIONAL = tuple(c for c in COLUMNS if c not in REQUIRED)
FREE_TEXT = ("decision", "reasons", "options")
MEETING_LIMIT = 200
OFFICER_LIMIT = 200
FIELD_COLUMNS = {
    "title": ("title",), "decision": ("decision",), "forum": ("forum",), "officer": ("forum",),
    "status": ("status",), "needed_by": ("needed_by",), "meeting": ("needed_by",), "made_on": ("made_on",),
    "key_decision": ("key_decision",), "reasons": ("reasons",), "options": ("options",), "exempt": ("exempt",),
    "exempt_paragraph": ("exempt",), "milestones": ("milestones",), "risks": ("risks",),
}
_DATE_IN_TEXT = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\.?,?\s+\d{4}")
_PARAGRAPH = re.compile(r"^(?:yes)?[\s,;:(]*(?:para(?:graph)?\.?\s*)?(\d+)\)?$")
FORUM_HELP = (f"use {choices(f for f in Forum if f is not Forum.OFFICER)}, or 'delegated officer: NAME' for an "
              "officer deciding under delegation")


def read_needed_by(text: str) -> tuple[date | None, str]:
    """(the date, the meeting's words) of a needed_by cell; raises CellError for a date that is not real."""
    if not text:
        return None, ""
    try:
        return parse_optional_date(text), ""
    except CellError:
        if _DATE_IN_TEXT.fullmatch(text) or re.fullmatch(r"[\d/.\-\s]+", text):
            raise  # a date, written wrong: not a meeting's name
    match = _DATE_IN_TEXT.search(text)
    if match is None:
        return None, text
    try:
        return parse_date(match.group()), text
    except CellError:
        return None, text  # "Cabinet, 3rd week of March 2017": a meeting in words


def read_forum(text: str) -> tuple[Forum | None, str]:
    """(forum, officer) of a forum cell."""
    head, _, tail = text.partition(":")
    forum = parse_choice(Forum, head, extra=FORUM_WORDS)
    if forum is Forum.OFFICER:
        return forum, tail.strip()
    if forum is None or tail.strip():
        return None, ""
    return forum, ""


def read_exempt(text: str) -> tuple[bool, int | None] | None:
    folded = " ".join(text.casefold().split())
    if folded in ("", "no", "n", "false", "0"):
        return False, None
    if folded in ("yes", "y", "true", "x", "exempt"):
        return True, None
    match = _PARAGRAPH.match(folded)
    return (True, int(match.group(1))) if match else None


def parse_decisions(path: str | Path, snapshot: PlanSnapshot, risk_refs: Iterable[str],
                    fill: Callable[[Table], None] | None = None) -> tuple[Table, list[Decision]]:
    table = read_table(path, "decisions", required=REQUIRED, optional=OPTIONAL, free_text=FREE_TEXT)
    if fill is not None:
        fill(table)
    problems: list[Problem] = []
    find_milestone = milestone_finder(snapshot)
    refs = {ref.casefold(): ref for ref in risk_refs}
    seen: dict[str, int] = {}
    decisions = []
    for number, cells in table.rows:
        row = RowReader(table.source, number, cells, problems)
        before = len(problems)
        ref = row.text("ref", required=True, max_length=60)
        if ref in seen:
            row.error("ref", f"{ref} is also on row {seen[ref]}")
        elif ref:
            seen[ref] = number
        title = row.text("title")
        forum_text = row.text("forum", required=True)
        forum, officer = read_forum(forum_text) if forum_text else (None, "")
        if forum_text and forum is None:
            row.error("forum", f"unknown forum '{forum_text}'; {FORUM_HELP}")
        if len(officer) > OFFICER_LIMIT:
            row.error("forum", f"the officer's name is longer than {OFFICER_LIMIT} characters")
        status = read_choice(row, "status", DecisionStatus)
        if status is None and not row.text("status"):
            row.error("status", f"status is required; use {choices(DecisionStatus)}")
        needed_by, meeting = None, ""
        try:
            needed_by, meeting = read_needed_by(row.text("needed_by"))
        except CellError as exc:
            row.error("needed_by", str(exc))
        if len(meeting) > MEETING_LIMIT:
            row.error("needed_by", f"is longer than {MEETING_LIMIT} characters")
        made_on = row.date("made_on")
        key = row.yes_no("key_decision") if row.has("key_decision") else False
        exempt = read_exempt(row.text("exempt"))
        if exempt is None:
            row.error("exempt", f"'{row.text('exempt')}' is not no, yes or a paragraph of Schedule 12A "
                                "(e.g. paragraph 3)")
            exempt = (False, None)
        needed_bad = row.cells.get("needed_by") and needed_by is None and not meeting
        made_bad = row.cells.get("made_on") and made_on is None
        add_breaches(row, [b for b in decision_breaches(title=title, status=status, needed_by=needed_by,
                                                         meeting=meeting, made_on=made_on,
                                                         exempt_paragraph=exempt[1])
                           if not (b.column == "needed_by" and needed_bad) and not (b.column == "made_on" and made_bad)])
        milestones = read_links(row, "milestones", find_milestone, unknown_milestone)
        risks = read_links(row, "risks", lambda text: refs.get(text.casefold()), unknown_risk)
        if len(problems) == before:
            decisions.append(Decision(ref=ref, title=title, forum=forum, status=status, decision=row.text("decision"),
                                      officer=officer, needed_by=needed_by, meeting=meeting, made_on=made_on,
                                      key_decision=bool(key), reasons=row.text("reasons"),
                                      options=row.text("options"), exempt=exempt[0], exempt_paragraph=exempt[1],
                                      milestones=milestones, risks=risks))
    if problems:
        raise ValidationFailed(problems)
    return table, decisions
