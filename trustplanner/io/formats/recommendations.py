"""Rows of a recommendations file into :class:`Recommendation` records.

Columns: ref, source, text, owner, target, rag, milestones, status, evidence. ``source`` is ofsted,
commissioner, dfe or other; ``target`` a date; ``rag`` the progress as last reported (red, amber,
green, or R/A/G; blank: not yet assessed); ``milestones`` the refs (or titles) of the milestones that
deliver it, separated by ``;``; ``status`` open (the default) or complete.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from trustplanner.domain.enums import Rag, parse_choice
from trustplanner.domain.problems import Problem, ValidationFailed
from trustplanner.domain.recommendations import (
    REF_LIMIT,
    Recommendation,
    RecommendationSource,
    RecommendationStatus,
    duplicate_ref_breach,
    recommendation_breaches,
)
from trustplanner.domain.risk_rules import unknown_milestone
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

REQUIRED = ("ref", "source", "text")
COLUMNS = ("ref", "source", "text", "owner", "target", "rag", "milestones", "status", "evidence")
OPTIONAL = tuple(c for c in COLUMNS if c not in REQUIRED)
FREE_TEXT = ("text", "evidence")
FIELD_COLUMNS = {name: (name,) for name in COLUMNS if name != "ref"}
_RAG_LETTERS = {"r": Rag.RED, "a": Rag.AMBER, "g": Rag.GREEN}


def parse_recommendations(path: str | Path, snapshot: PlanSnapshot, fill: Callable[[Table], None] | None = None
                          ) -> tuple[Table, list[Recommendation]]:
    """The file's recommendations; any problem in any row rejects the whole file (``FILE:ROW: column: message``)."""
    table = read_table(path, "recommendations", required=REQUIRED, optional=OPTIONAL, free_text=FREE_TEXT)
    if fill is not None:
        fill(table)
    problems: list[Problem] = []
    find_milestone = milestone_finder(snapshot)
    seen: dict[str, int] = {}
    found = []
    for number, cells in table.rows:
        row = RowReader(table.source, number, cells, problems)
        before = len(problems)
        ref = row.text("ref", max_length=REF_LIMIT)
        if ref in seen:
            add_breaches(row, [duplicate_ref_breach(ref, seen[ref])])
        elif ref:
            seen[ref] = number
        source = read_choice(row, "source", RecommendationSource)
        if source is None and not row.text("source"):
            row.error("source", f"source is required; use {choices(RecommendationSource)}")
        rag_text = row.text("rag")
        rag = parse_choice(Rag, rag_text, extra=_RAG_LETTERS) if rag_text else None
        if rag_text and rag is None:
            row.error("rag", f"unknown rag '{rag_text}'; use red, amber or green (or leave it blank)")
        status = read_choice(row, "status", RecommendationStatus, default=RecommendationStatus.OPEN)
        target = row.date("target")
        milestones = read_links(row, "milestones", find_milestone, unknown_milestone)
        add_breaches(row, [b for b in recommendation_breaches(
            ref=ref, text=row.text("text"), owner=row.text("owner"), evidence=row.text("evidence"), rag=rag,
            milestones=(), known_milestones=()) if not (b.column == "ref" and len(ref) > REF_LIMIT)])
        if len(problems) == before:
            found.append(Recommendation(ref=ref, source=source, text=row.text("text"), owner=row.text("owner"),
                                        target=target, rag=rag, milestones=milestones, status=status,
                                        evidence=row.text("evidence")))
    if problems:
        raise ValidationFailed(problems)
    return table, found
