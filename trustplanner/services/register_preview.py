"""The import previews of risks, risk actions, decisions and recommendations: records added and changed, field by field,
and the re-scores an import would record as reviews."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from trustplanner.domain.recommendations import Recommendation
from trustplanner.domain.risks import Decision, Risk, RiskAction
from trustplanner.services.blanks import KEEP
from trustplanner.services.decisions import import_decisions, load_decisions
from trustplanner.services.import_preview import (
    ChangedRecord,
    ImportPreview,
    RecordList,
    count,
    describe,
    field_changes,
    ignored_note,
)
from trustplanner.services.recommendations import (
    import_recommendations,
    load_recommendations,
)
from trustplanner.services.risks import (
    RegisterImportResult,
    import_risk_actions,
    import_risks,
    load_register,
)
from trustplanner.store.plan_file import PlanFile

RISK_LABELS = {"title": "Title", "cause": "Cause", "event": "Event", "effect": "Effect", "category": "Category",
               "owner": "Owner", "raised": "Raised", "status": "Status", "proximity": "Proximity",
               "phase": "Proximity", "response": "Response", "controls": "Controls", "inherent": "Inherent score",
               "current": "Current score", "target": "Target score", "review_by": "Review by",
               "milestones": "Milestones", "services": "Services"}
ACTION_LABELS = {"owner": "Owner", "due": "Due", "status": "Status"}
DECISION_LABELS = {"title": "Title", "decision": "Decision", "forum": "Forum", "officer": "Officer",
                   "status": "Status", "needed_by": "Needed by", "meeting": "Meeting", "made_on": "Made on",
                   "key_decision": "Key decision", "reasons": "Reasons", "options": "Options", "exempt": "Exempt",
                   "exempt_paragraph": "Schedule 12A paragraph", "milestones": "Milestones", "risks": "Risks"}

RECOMMENDATION_LABELS = {"source": "Source", "text": "Recommendation", "owner": "Owner", "target": "Target",
                         "rag": "Progress", "milestones": "Milestones", "status": "Status", "evidence": "Evidence"}


def _risk_cells(r: Risk) -> tuple[str, ...]:
    return (r.ref, r.title, r.category.label, r.owner, describe(r.current), r.status.label)


def _action_cells(a: RiskAction) -> tuple[str, ...]:
    return (a.risk, a.action, a.owner, describe(a.due), a.status.label)


def _decision_cells(d: Decision) -> tuple[str, ...]:
    return (d.ref, d.title, d.forum_words, d.status.label, d.meeting or describe(d.needed_by), describe(d.made_on))


def _recommendation_cells(r: Recommendation) -> tuple[str, ...]:
    return (r.ref, r.source.label, r.text, r.owner, describe(r.target), r.rag.value if r.rag else "",
            r.status.label)


def _preview(result: RegisterImportResult, path, current: dict, key, label, labels, headers, cells,  # noqa: ANN001
             noun: str, wide: int = 1, **more: object) -> ImportPreview:
    incoming = {key(r): r for r in result.records}
    added = [r for k, r in incoming.items() if k not in current]
    changed = tuple(ChangedRecord(label(r), label(r), field_changes(current[k], r, labels, skip=("ref", "risk")))
                    for k, r in incoming.items() if k in current and current[k] != r)
    notes = ignored_note(result.kind.replace("_", " "), result.ignored_columns)
    notes.append(f"{noun}s already in the plan but not in this file are kept as they are.")
    return ImportPreview(
        result.kind, Path(path).name,
        counts=(count(len(result.added), "added", "added"), count(len(result.changed), "changed", "changed"),
                (result.unchanged, "unchanged")),
        added=RecordList("Added", headers, tuple(cells(r) for r in added), wide=wide) if added else None,
        changed=changed, changed_heading=noun, unchanged=result.unchanged, outcome=result,
        blanks=tuple(result.blanks), blank=result.blank, notes=tuple(notes),
        importable=bool(result.added or result.changed), **more)


def preview_risks(plan: PlanFile, path: str | Path, *, as_of: date | None = None, blank: str = KEEP
                  ) -> ImportPreview:
    current = {r.ref: r for r in load_register(plan).risks}
    result = import_risks(plan, path, as_of=as_of, preview=True, blank=blank)
    context = (f"{len(result.rescored)} re-scored: recorded as reviews on {result.review_date:%d/%m/%Y}"
               if result.rescored else "")
    return _preview(result, path, current, lambda r: r.ref, lambda r: r.ref, RISK_LABELS,
                    ("Ref", "Title", "Category", "Owner", "Current score", "Status"), _risk_cells, "Risk",
                    as_of=result.review_date, context=context)


def preview_risk_actions(plan: PlanFile, path: str | Path, *, as_of: date | None = None, blank: str = KEEP
                         ) -> ImportPreview:
    current = {a.key: a for a in load_register(plan).actions}
    result = import_risk_actions(plan, path, preview=True, blank=blank)
    return _preview(result, path, current, lambda a: a.key, lambda a: f"{a.risk}: {a.action}", ACTION_LABELS,
                    ("Risk", "Action", "Owner", "Due", "Status"), _action_cells, "Action")


def preview_decisions(plan: PlanFile, path: str | Path, *, as_of: date | None = None, blank: str = KEEP
                      ) -> ImportPreview:
    current = {d.ref: d for d in load_decisions(plan)}
    result = import_decisions(plan, path, preview=True, blank=blank)
    return _preview(result, path, current, lambda d: d.ref, lambda d: d.ref, DECISION_LABELS,
                    ("Ref", "Title", "Forum", "Status", "Needed by", "Made on"), _decision_cells, "Decision")


def preview_recommendations(plan: PlanFile, path: str | Path, *, as_of: date | None = None, blank: str = KEEP
                            ) -> ImportPreview:
    current = {r.ref: r for r in load_recommendations(plan)}
    result = import_recommendations(plan, path, preview=True, blank=blank)
    return _preview(result, path, current, lambda r: r.ref, lambda r: r.ref, RECOMMENDATION_LABELS,
                    ("Ref", "Source", "Recommendation", "Owner", "Target", "Progress", "Status"),
                    _recommendation_cells, "Recommendation", wide=2)
