"""Rows of budget files (service, year, cost_centre, description, budget, forecast, transfers)
and savings files (ref, service, year, description, target, forecast, rag, mitigation)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from trustplanner.domain.budget import (
    BudgetLine,
    Deliverability,
    SavingsPlan,
    YearError,
    parse_financial_year,
)
from trustplanner.domain.budget_rules import (
    budget_line_breaches,
    savings_breaches,
    unknown_deliverability,
)
from trustplanner.domain.enums import parse_choice
from trustplanner.domain.money import MoneyError, parse_money
from trustplanner.domain.problems import Breach, Problem, ValidationFailed
from trustplanner.domain.snapshot import PlanSnapshot
from trustplanner.io.rows import RowReader
from trustplanner.io.tables import Table, as_in_file, read_table

BUDGET_REQUIRED = ("service", "year", "cost_centre", "budget", "forecast")
BUDGET_OPTIONAL = ("description", "transfers")
BUDGET_COLUMNS = ("service", "year", "cost_centre", "description", "budget", "forecast", "transfers")
SAVINGS_REQUIRED = ("ref", "service", "year", "target", "forecast", "rag")
SAVINGS_OPTIONAL = ("description", "mitigation")
SAVINGS_COLUMNS = ("ref", "service", "year", "description", "target", "forecast", "rag", "mitigation")
#: columns whose cells may hold tabs and line breaks
BUDGET_FREE_TEXT = ("description",)
SAVINGS_FREE_TEXT = ("description", "mitigation")
RAG_WORDS = {"g": Deliverability.GREEN, "a": Deliverability.AMBER, "r": Deliverability.RED}


def parse_budget(path: str | Path, snapshot: PlanSnapshot, fill: Callable[[Table], None] | None = None,
                 ) -> tuple[Table, list[BudgetLine]]:
    """``fill`` sees the cells before they are checked (it fills blank cells that keep the plan's values)."""
    table = read_table(path, "budget", required=BUDGET_REQUIRED, optional=BUDGET_OPTIONAL,
                       free_text=BUDGET_FREE_TEXT)
    if fill is not None:
        fill(table)
    problems: list[Problem] = []
    services = _services(snapshot)
    retained = {s.name for s in snapshot.services if s.retained}
    years: dict[str, int | YearError] = {}
    seen: dict[tuple[int, str], int] = {}
    lines = []
    for number, cells in table.rows:
        row = RowReader(table.source, number, cells, problems)
        before = len(problems)
        service = _service(row, services)
        year = _year(row, years)
        cost_centre = row.text("cost_centre", required=True, max_length=60)
        if year is not None and cost_centre:
            if (year, cost_centre) in seen:
                row.error("cost_centre", f"cost centre {cost_centre} for {year}/{(year + 1) % 100:02d} is also on "
                                         f"row {seen[(year, cost_centre)]}")
            else:
                seen[(year, cost_centre)] = number
        budget = _money(row, "budget")
        forecast = _money(row, "forecast")
        transfers = row.yes_no("transfers") if row.has("transfers") else False
        description = row.text("description")
        _breaches(row, budget_line_breaches(service=service, description=description, transfers=transfers,
                                            retained=retained))
        if len(problems) == before:
            lines.append(BudgetLine(service, year, cost_centre, description, budget, forecast, bool(transfers)))
    if problems:
        raise ValidationFailed(as_in_file(table, problems))
    return table, lines


def parse_savings(path: str | Path, snapshot: PlanSnapshot, fill: Callable[[Table], None] | None = None,
                  ) -> tuple[Table, list[SavingsPlan]]:
    table = read_table(path, "savings", required=SAVINGS_REQUIRED, optional=SAVINGS_OPTIONAL,
                       free_text=SAVINGS_FREE_TEXT)
    if fill is not None:
        fill(table)
    problems: list[Problem] = []
    services = _services(snapshot)
    years: dict[str, int | YearError] = {}
    seen: dict[str, int] = {}
    plans = []
    for number, cells in table.rows:
        row = RowReader(table.source, number, cells, problems)
        before = len(problems)
        ref = row.text("ref", required=True, max_length=60)
        if ref in seen:
            row.error("ref", f"{ref} is also on row {seen[ref]}")
        elif ref:
            seen[ref] = number
        service = _service(row, services)
        year = _year(row, years)
        target = _money(row, "target")
        forecast = _money(row, "forecast")
        rag_text = row.text("rag", required=True)
        rag = parse_choice(Deliverability, rag_text, extra=RAG_WORDS) if rag_text else None
        if rag_text and rag is None:
            row.error("rag", unknown_deliverability(rag_text))
        mitigation = row.text("mitigation")
        description = row.text("description")
        _breaches(row, savings_breaches(description=description, target=target, forecast=forecast, rag=rag,
                                        mitigation=mitigation))
        if len(problems) == before:
            plans.append(SavingsPlan(ref, service, year, description, target, forecast, rag, mitigation))
    if problems:
        raise ValidationFailed(as_in_file(table, problems))
    return table, plans


def _breaches(row: RowReader, breaches: list[Breach]) -> None:
    for breach in breaches:
        row.error(breach.column, breach.message)


def _services(snapshot: PlanSnapshot) -> dict[str, str]:
    return {s.name.casefold(): s.name for s in snapshot.services}


def _service(row: RowReader, services: dict[str, str]) -> str | None:
    text = row.text("service", required=True)
    if not text:
        return None
    name = services.get(text.casefold())
    if name is None:
        known = ", ".join(services.values()) or "none yet: import services first"
        row.error("service", f"unknown service '{text}' (services in this plan: {known})")
    return name


def _year(row: RowReader, known: dict[str, int | YearError]) -> int | None:
    """The row's financial year; ``known`` holds the texts already read (a file repeats one or two)."""
    text = row.text("year", required=True)
    if not text:
        return None
    year = known.get(text)
    if year is None:
        try:
            year = parse_financial_year(text)
        except YearError as exc:
            year = exc
        known[text] = year
    if isinstance(year, YearError):
        row.error("year", str(year))
        return None
    return year


def _money(row: RowReader, column: str) -> int | None:
    text = row.text(column, required=True)
    if not text:
        return None
    try:
        return parse_money(text)
    except MoneyError as exc:
        row.error(column, str(exc))
        return None
