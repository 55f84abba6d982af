"""The figures an issued briefing printed, frozen with it so later briefings can say what moved.

An issued briefing keeps its PDF and, beside it, this plain record of what the PDF said: every
milestone's dates and RAG, each status area's RAG and headline figures, the risks and the
decisions it listed, and the re-baselines recorded by then. "What changed since the last
briefing" (:mod:`trustplanner.domain.briefing_changes`) compares two of these records, so it
never depends on the plan still holding the rows as they were.

The record is stored as JSON (``to_json``/``from_json``); ``FORMAT`` goes up if its shape
changes, and ``from_json`` reads every earlier format.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from trustplanner.domain.enums import Rag

FORMAT = 1


@dataclass(frozen=True)
class FrozenMilestone:
    ref: str
    title: str
    baseline: date
    forecast: date
    actual: date | None
    rag: Rag  # the status the briefing printed for it
    overdue: bool = False


@dataclass(frozen=True)
class Figure:
    """One headline figure of an area, as a number for comparing and as the page printed it.

    ``value`` is pence for money, percentage points for a rate, a count otherwise; None when the
    figure was withheld or could not be worked out. ``kind`` is "money", "rate" or "count"."""

    name: str  # e.g. "agency_rate"
    label: str  # e.g. "Agency rate"
    value: float | None
    text: str
    kind: str = "count"
    #: True when a rise is good news (in post, TUPE readiness); False for agency and vacancy rates
    higher_is_better: bool | None = None


@dataclass(frozen=True)
class FrozenArea:
    name: str  # the status table's row: "Milestones", "Workforce", "Finance", "Risk"
    rag: Rag
    commentary: str = ""
    figures: tuple[Figure, ...] = ()

    def figure(self, name: str) -> Figure | None:
        return next((f for f in self.figures if f.name == name), None)


@dataclass(frozen=True)
class FrozenRisk:
    ref: str
    title: str
    status: str  # RiskStatus value
    current: int  # likelihood × impact
    band: Rag
    escalated: bool  # at or above the plan's escalation score while live


@dataclass(frozen=True)
class FrozenDecision:
    ref: str
    title: str
    status: str  # DecisionStatus value
    forum: str
    made_on: date | None = None
    needed_by: date | None = None


@dataclass(frozen=True)
class FrozenRebaseline:
    """A re-baseline recorded by the briefing's date; a later record's new ones are those this lacks."""

    ref: str
    old: date
    new: date
    decision: str
    at: str  # when it was recorded, ISO 8601 to the second: with the dates, what tells two apart

    @property
    def key(self) -> tuple:
        return (self.ref, self.old, self.new, self.at)


@dataclass(frozen=True)
class BriefingFigures:
    as_of: date
    meeting: date
    overall: Rag
    areas: tuple[FrozenArea, ...] = ()
    milestones: tuple[FrozenMilestone, ...] = ()
    risks: tuple[FrozenRisk, ...] = ()
    decisions: tuple[FrozenDecision, ...] = ()
    rebaselines: tuple[FrozenRebaseline, ...] = ()
    format: int = FORMAT
    #: False for a briefing issued before figures were kept (only its overall and milestone RAGs)
    complete: bool = True

    def area(self, name: str) -> FrozenArea | None:
        return next((a for a in self.areas if a.name == name), None)

    def to_json(self) -> str:
        return json.dumps(_plain(self), ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> BriefingFigures:
        raw = json.loads(text)
        if not isinstance(raw, dict) or raw.get("format", 0) > FORMAT:
            raise ValueError("the briefing's figures are in a newer format than this TrustPlanner reads")
        return cls(
            as_of=_day(raw["as_of"]), meeting=_day(raw["meeting"]), overall=Rag(raw["overall"]),
            areas=tuple(FrozenArea(a["name"], Rag(a["rag"]), a.get("commentary", ""),
                                   tuple(Figure(**f) for f in a.get("figures", ()))) for a in raw.get("areas", ())),
            milestones=tuple(FrozenMilestone(m["ref"], m["title"], _day(m["baseline"]), _day(m["forecast"]),
                                             _day(m["actual"]), Rag(m["rag"]), m.get("overdue", False))
                             for m in raw.get("milestones", ())),
            risks=tuple(FrozenRisk(r["ref"], r["title"], r["status"], r["current"], Rag(r["band"]), r["escalated"])
                        for r in raw.get("risks", ())),
            decisions=tuple(FrozenDecision(d["ref"], d["title"], d["status"], d["forum"], _day(d.get("made_on")),
                                           _day(d.get("needed_by"))) for d in raw.get("decisions", ())),
            rebaselines=tuple(FrozenRebaseline(b["ref"], _day(b["old"]), _day(b["new"]), b["decision"], b["at"])
                              for b in raw.get("rebaselines", ())),
            format=raw.get("format", FORMAT),
        )

    @classmethod
    def headline_only(cls, as_of: date, meeting: date, overall: Rag, milestones: Rag) -> BriefingFigures:
        """What is known of a briefing recorded before figures were kept: its two RAGs."""
        return cls(as_of, meeting, overall, areas=(FrozenArea("Milestones", milestones),), complete=False)


def _plain(value: object) -> object:
    if isinstance(value, BriefingFigures):
        return {name: _plain(getattr(value, name)) for name in
                ("as_of", "meeting", "overall", "areas", "milestones", "risks", "decisions", "rebaselines", "format")}
    if hasattr(value, "__dataclass_fields__"):
        return {name: _plain(getattr(value, name)) for name in value.__dataclass_fields__}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, Rag):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
