"""The import previews of budgets and savings plans: lines added and changed, and the period reported."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from trustplanner.domain.budget import BudgetLine, SavingsPlan, year_label
from trustplanner.domain.money import format_pounds
from trustplanner.services.blanks import KEEP
from trustplanner.services.budget import (
    FinanceImportResult,
    import_budget,
    import_savings,
    load_finance,
)
from trustplanner.services.import_preview import (
    ChangedRecord,
    ImportPreview,
    RecordList,
    count,
    field_changes,
    ignored_note,
)
from trustplanner.services.snapshot import load_snapshot
from trustplanner.store.plan_file import PlanFile

LABELS = {"service": "Service", "year": "Year", "description": "Description", "budget": "Budget",
          "forecast": "Forecast", "transfers": "Transfers", "target": "Target", "rag": "RAG",
          "mitigation": "Mitigation"}
MONEY = ("budget", "forecast", "target")
BUDGET_HEADERS = ("Service", "Year", "Cost centre", "Description", "Budget", "Forecast", "Transfers")
SAVINGS_HEADERS = ("Ref", "Service", "Year", "Description", "Target", "Forecast", "RAG", "Mitigation")


def _pounds(pence: int) -> str:
    return format_pounds(pence, decimals=False)


def _line_cells(line: BudgetLine) -> tuple[str, ...]:
    return (line.service, year_label(line.year), line.cost_centre, line.description, _pounds(line.budget),
            _pounds(line.forecast), "Yes" if line.transfers else "No")


def _savings_cells(plan: SavingsPlan) -> tuple[str, ...]:
    return (plan.ref, plan.service, year_label(plan.year), plan.description, _pounds(plan.target),
            _pounds(plan.forecast), plan.rag.label, plan.mitigation)


def _preview(kind: str, noun: str, path: str | Path, result: FinanceImportResult, incoming: dict, current: dict,
             headers: tuple[str, ...], cells, label, **more: object) -> ImportPreview:
    added = [record for key, record in incoming.items() if key not in current]
    changed = tuple(ChangedRecord(label(record), label(record),
                                  field_changes(current[key], record, LABELS, money=MONEY,
                                                skip=("ref", "cost_centre"), shown={"year": year_label}))
                    for key, record in incoming.items() if key in current and current[key] != record)
    return ImportPreview(
        kind, Path(path).name,
        counts=(count(len(result.added), "added", "added"), count(len(result.changed), "changed", "changed"),
                (result.unchanged, "unchanged")),
        added=RecordList("Added", headers, tuple(cells(r) for r in added), numeric=frozenset({4, 5}), wide=3)
        if added else None,
        changed=changed, changed_heading=noun, unchanged=result.unchanged, outcome=result,
        blanks=tuple(result.blanks), blank=result.blank, **more)


def preview_budget(plan: PlanFile, path: str | Path, *, as_of: date | None = None, blank: str = KEEP
                   ) -> ImportPreview:
    snapshot = load_snapshot(plan)
    as_of = as_of or snapshot.status_date
    result = import_budget(plan, path, as_of=as_of, preview=True, blank=blank)
    lines = result.records
    notes = ignored_note("budget", result.ignored_columns)
    notes.append("Lines already in the plan but not in this file are kept as they are.")
    # every import records the forecasts for its period, even when no line itself changes
    return _preview("budget", "Budget line", path, result, {line.key: line for line in lines},
                    {line.key: line for line in load_finance(plan).lines}, BUDGET_HEADERS, _line_cells,
                    lambda line: f"{line.cost_centre} {year_label(line.year)}", as_of=as_of,
                    context=f"forecasts recorded for {result.period}", notes=tuple(notes), importable=bool(lines))


def preview_savings(plan: PlanFile, path: str | Path, *, as_of: date | None = None, blank: str = KEEP
                    ) -> ImportPreview:
    result = import_savings(plan, path, preview=True, blank=blank)
    plans = result.records
    return _preview("savings", "Savings plan", path, result, {p.ref: p for p in plans},
                    {p.ref: p for p in load_finance(plan).savings}, SAVINGS_HEADERS, _savings_cells,
                    lambda p: p.ref, notes=tuple(ignored_note("savings", result.ignored_columns)),
                    importable=bool(result.added or result.changed))
