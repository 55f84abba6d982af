"""Budget handover: importing budgets and savings, funding changes and contract sums.

Every import is validated whole and applied in one transaction. Each budget import records the
forecast outturn of every line for the monitoring period it is reported at (P1-P12 of the
line's year), so movement since the last period can be shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from trustplanner.domain.budget import (
    BudgetLine,
    Deliverability,
    FundingChange,
    SavingsPlan,
    YearError,
    parse_financial_year,
    year_label,
)
from trustplanner.domain.budget_rules import budget_line_breaches, savings_breaches
from trustplanner.domain.calendar import financial_year_start, monitoring_period
from trustplanner.domain.dates import refuse_out_of_range, refuse_year_out_of_range
from trustplanner.domain.money import format_pounds
from trustplanner.domain.problems import Problem, ValidationFailed
from trustplanner.io.formats import budget as budget_rows
from trustplanner.services.blanks import (
    KEEP,
    BlankCell,
    BlankCells,
    blank_notes,
    by_key,
)
from trustplanner.services.history import change, change_or_preview
from trustplanner.services.snapshot import read_snapshot
from trustplanner.store.plan_file import PlanFile
from trustplanner.store.tables import (
    BudgetForecastRow,
    BudgetLineRow,
    ContractSumRow,
    FundingChangeRow,
    SavingsPlanRow,
    ServiceRow,
)


@dataclass(frozen=True)
class FinanceSnapshot:
    lines: tuple[BudgetLine, ...]
    history: dict[tuple[int, str], dict[int, int]]  # (year, cost centre) -> period -> forecast
    savings: tuple[SavingsPlan, ...]
    funding: tuple[FundingChange, ...]
    contract_sums: dict[int, int]  # set explicitly, by year

    @property
    def years(self) -> list[int]:
        return sorted({line.year for line in self.lines} | {s.year for s in self.savings}
                      | {f.year for f in self.funding} | set(self.contract_sums))


@dataclass
class FinanceImportResult:
    kind: str
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    period: str = ""
    ignored_columns: list[str] = field(default_factory=list)
    #: blank cells where the plan holds a value, kept or cleared as ``blank`` says
    blanks: list[BlankCell] = field(default_factory=list)
    blank: str = KEEP
    records: list = field(default_factory=list, repr=False)  # the file's lines or plans, as the import read them
    applied: bool = False

    def summary(self) -> str:
        text = f"{self.kind}: {len(self.added)} added, {len(self.changed)} changed, {self.unchanged} unchanged"
        return f"{text}; forecasts recorded for {self.period}" if self.period else text

    def notes(self) -> list[str]:
        return blank_notes(self.blanks, self.blank)


def read_finance(session: Session) -> FinanceSnapshot:
    service_names = dict(session.execute(select(ServiceRow.id, ServiceRow.name)).all())
    table, forecasts = BudgetLineRow.__table__, BudgetForecastRow.__table__
    lines, keys = [], {}
    # Core rows unpacked as tuples: a plan may hold thousands of lines and twelve forecasts for each
    for id_, service_id, year, cost_centre, description, budget, forecast, transfers in session.execute(
            select(table.c.id, table.c.service_id, table.c.year, table.c.cost_centre, table.c.description,
                   table.c.budget, table.c.forecast, table.c.transfers)
            .order_by(table.c.year, table.c.cost_centre)).all():
        lines.append(BudgetLine(service_names[service_id], year, cost_centre, description, budget, forecast,
                                bool(transfers)))
        keys[id_] = (year, cost_centre)
    history: dict[tuple[int, str], dict[int, int]] = {}
    for line_id, period, forecast in session.execute(
            select(forecasts.c.budget_line_id, forecasts.c.period, forecasts.c.forecast)).all():
        key = keys[line_id]
        periods = history.get(key)
        if periods is None:
            history[key] = {period: forecast}
        else:
            periods[period] = forecast
    savings = tuple(
        SavingsPlan(r.ref, service_names[r.service_id], r.year, r.description, r.target, r.forecast, r.rag,
                    r.mitigation)
        for r in session.scalars(select(SavingsPlanRow).order_by(SavingsPlanRow.ref)))
    funding = tuple(FundingChange(r.year, r.description, r.amount, r.kind)
                    for r in session.scalars(select(FundingChangeRow).order_by(FundingChangeRow.year,
                                                                               FundingChangeRow.id)))
    sums = {r.year: r.amount for r in session.scalars(select(ContractSumRow))}
    return FinanceSnapshot(tuple(lines), history, savings, funding, sums)


def load_finance(plan: PlanFile) -> FinanceSnapshot:
    with plan.reading() as session:
        return read_finance(session)


def reporting_period(on: date) -> tuple[int, int]:
    """(financial year, monitoring period) that a report dated ``on`` belongs to."""
    return financial_year_start(on), monitoring_period(on)


def import_budget(plan: PlanFile, path: str | Path, *, as_of: date | None = None,
                  preview: bool = False, blank: str = KEEP) -> FinanceImportResult:
    """Import budget lines (by year and cost centre); forecasts are recorded for the period of ``as_of``.

    Only what differs is written: importing an unchanged file for the same period leaves the
    plan exactly as it was.
    """
    with change_or_preview(plan, f"Import budget from {Path(path).name}", preview) as unit:
        session = unit.session
        snapshot = read_snapshot(session)
        as_of = as_of or snapshot.status_date
        refuse_out_of_range("budget import", {"report date": as_of})
        year, period = reporting_period(as_of)
        unit.what = f"Import budget from {Path(path).name} (forecasts for P{period} {year_label(year)})"
        cells = _budget_blanks(read_finance(session), blank)
        table, lines = budget_rows.parse_budget(path, snapshot, cells.apply)
        if lines and all(line.year != year for line in lines):
            years = ", ".join(year_label(y) for y in sorted({line.year for line in lines}))
            raise ValidationFailed([Problem(table.source, None, "year",
                f"the forecasts would be recorded for P{period} {year_label(year)} (as of {as_of:%d/%m/%Y}), but "
                f"this file's lines are for {years}; date the import with the monitoring report's date in "
                "that year")])
        lines_table = BudgetLineRow.__table__
        latest = session.execute(
            select(func.max(BudgetForecastRow.__table__.c.period))
            .join(lines_table, lines_table.c.id == BudgetForecastRow.__table__.c.budget_line_id)
            .where(lines_table.c.year == year)).scalar()
        if latest is not None and latest > period and any(line.year == year for line in lines):
            raise ValidationFailed([Problem(table.source, None, None, (
                f"forecasts for P{latest} {year_label(year)} are already recorded; a report for P{period} is older "
                f"and would put the lines' forecasts back to it. Import monitoring reports in period order, "
                f"or date this one in P{latest} or later"))])
        existing = {(r.year, r.cost_centre): r for r in session.execute(select(lines_table))}
        result = FinanceImportResult("budget", ignored_columns=table.ignored_columns,
                                     period=f"P{period} {year}/{(year + 1) % 100:02d}", blanks=cells.found,
                                     blank=blank, records=lines)
        service_ids = {name: id_ for name, id_ in session.execute(select(ServiceRow.name, ServiceRow.id))}
        inserts, updates = [], []
        for line in lines:
            values = {"service_id": service_ids[line.service], "year": line.year, "cost_centre": line.cost_centre,
                      "description": line.description, "budget": line.budget, "forecast": line.forecast,
                      "transfers": line.transfers}
            row = existing.get(line.key)
            if row is None:
                result.added.append(_line_label(line))
                inserts.append(values)
            elif (row.service_id, row.description, row.budget, row.forecast, bool(row.transfers)) != (
                    values["service_id"], line.description, line.budget, line.forecast, line.transfers):
                result.changed.append(_line_label(line))
                updates.append({"id": row.id, **values})
            else:
                result.unchanged += 1
        if preview:
            return result
        if inserts:
            session.execute(insert(lines_table), inserts)
        if updates:
            session.execute(update(lines_table).where(lines_table.c.id == bindparam("line_id")),
                            [{**u, "line_id": u["id"]} for u in updates])
        _record_forecasts(session, [line for line in lines if line.year == year], year, period)
        result.applied = True
    return result


def _budget_key(cells) -> tuple[int, str] | None:  # noqa: ANN001
    try:
        return parse_financial_year(cells.get("year", "")), cells.get("cost_centre", "")
    except YearError:
        return None


def _budget_blanks(finance: FinanceSnapshot, blank: str) -> BlankCells:
    from trustplanner.services.exports import budget_cells

    return BlankCells(blank, by_key(map(budget_cells, finance.lines), budget_rows.BUDGET_COLUMNS, _budget_key),
                      _budget_key, lambda cells: f"{cells['cost_centre']} {cells['year']}",
                      budget_rows.BUDGET_OPTIONAL, same={"transfers": lambda old: "no"},
                      absent_keeps=budget_rows.BUDGET_OPTIONAL)  # a file without them keeps the plan's


def _savings_blanks(finance: FinanceSnapshot, blank: str) -> BlankCells:
    from trustplanner.services.exports import savings_cells

    def key_of(cells) -> str:  # noqa: ANN001
        return cells.get("ref", "")

    return BlankCells(blank, by_key(map(savings_cells, finance.savings), budget_rows.SAVINGS_COLUMNS, key_of),
                      key_of, key_of, budget_rows.SAVINGS_OPTIONAL)


def _line_label(line: BudgetLine) -> str:
    return f"{line.cost_centre} {line.year}/{(line.year + 1) % 100:02d}"


def _record_forecasts(session: Session, lines: list[BudgetLine], year: int, period: int) -> None:
    """Each line's forecast at ``period``; rows already holding the same forecast are left alone."""
    if not lines:
        return
    lines_table, history = BudgetLineRow.__table__, BudgetForecastRow.__table__
    ids = {(year, cost_centre): id_ for id_, cost_centre in session.execute(
        select(lines_table.c.id, lines_table.c.cost_centre).where(lines_table.c.year == year))}
    recorded = dict(session.execute(
        select(history.c.budget_line_id, history.c.forecast)
        .join(lines_table, lines_table.c.id == history.c.budget_line_id)
        .where(history.c.period == period, lines_table.c.year == year)).all())
    stale, fresh = [], []
    for line in lines:
        id_ = ids[line.key]
        before = recorded.get(id_)
        if before == line.forecast:
            continue
        if before is not None:
            stale.append({"line_id": id_})
        fresh.append({"budget_line_id": id_, "period": period, "forecast": line.forecast})
    if stale:
        session.execute(delete(history).where(history.c.budget_line_id == bindparam("line_id"),
                                              history.c.period == period), stale)
    if fresh:
        session.execute(insert(history), fresh)


def import_savings(plan: PlanFile, path: str | Path, *, preview: bool = False, blank: str = KEEP
                   ) -> FinanceImportResult:
    with change_or_preview(plan, f"Import savings plans from {Path(path).name}", preview) as unit:
        session = unit.session
        snapshot = read_snapshot(session)
        cells = _savings_blanks(read_finance(session), blank)
        table, plans = budget_rows.parse_savings(path, snapshot, cells.apply)
        existing = {r.ref: r for r in session.scalars(select(SavingsPlanRow))}
        service_ids = {name: id_ for name, id_ in session.execute(select(ServiceRow.name, ServiceRow.id))}
        result = FinanceImportResult("savings", ignored_columns=table.ignored_columns, blanks=cells.found,
                                     blank=blank, records=plans)
        for plan_ in plans:
            values = dict(service_id=service_ids[plan_.service], year=plan_.year, description=plan_.description,
                          target=plan_.target, forecast=plan_.forecast, rag=plan_.rag, mitigation=plan_.mitigation)
            row = existing.get(plan_.ref)
            if row is None:
                result.added.append(plan_.ref)
                if not preview:
                    session.add(SavingsPlanRow(ref=plan_.ref, **values))
            elif any(getattr(row, k) != v for k, v in values.items()):
                result.changed.append(plan_.ref)
                if not preview:
                    for k, v in values.items():
                        setattr(row, k, v)
            else:
                result.unchanged += 1
        if preview:
            return result
        result.applied = True
    return result


def add_funding_change(plan: PlanFile, change_: FundingChange) -> None:
    refuse_year_out_of_range("funding change", change_.year)
    problems = []
    if not change_.description.strip():
        problems.append(Problem.of_edit("funding change", "description", "a description is required"))
    if change_.amount <= 0:
        problems.append(Problem.of_edit("funding change", "amount", "the amount must be more than £0; the kind says "
                                                                  "which way the money moves"))
    if problems:
        raise ValidationFailed(problems)
    with change(plan, f"Add funding change: {change_.kind.label.lower()} {format_pounds(change_.amount, decimals=change_.amount % 100 != 0)} "
                      f"({year_label(change_.year)})") as unit:
        unit.session.add(FundingChangeRow(year=change_.year, description=change_.description.strip(), amount=change_.amount,
                                     kind=change_.kind))


def remove_funding_change(plan: PlanFile, change_: FundingChange) -> None:
    with change(plan, f"Remove funding change: {change_.description}") as unit:
        session = unit.session
        row = session.scalars(select(FundingChangeRow).where(
            FundingChangeRow.year == change_.year, FundingChangeRow.description == change_.description,
            FundingChangeRow.amount == change_.amount, FundingChangeRow.kind == change_.kind.value)
            .order_by(FundingChangeRow.id.desc()).limit(1)).first()
        if row is not None:
            session.delete(row)


def set_contract_sum(plan: PlanFile, year: int, amount: int | None) -> int | None:
    """Set (or with None clear) the contract sum for a year; returns the previous explicit amount."""
    refuse_year_out_of_range("contract sum", year)
    if amount is not None and amount < 0:
        raise ValidationFailed([Problem.of_edit("contract sum", "amount", "a contract sum cannot be negative")])
    what = (f"Clear the contract sum for {year_label(year)}" if amount is None else
            f"Set the contract sum for {year_label(year)} to {format_pounds(amount, decimals=amount % 100 != 0)}")
    with change(plan, what) as unit:
        session = unit.session
        row = session.get(ContractSumRow, year)
        previous = row.amount if row else None
        if amount is None:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(ContractSumRow(year=year, amount=amount))
        else:
            row.amount = amount
    return previous


def update_budget_line(plan: PlanFile, year: int, cost_centre: str, *, description: str | None = None,
                       budget: int | None = None, forecast: int | None = None, transfers: bool | None = None,
                       as_of: date | None = None) -> BudgetLine:
    """Change one budget line in place (the Budget page's edits); returns the line as it was.

    A forecast change is also recorded in the history for the monitoring period of ``as_of``
    (default the status date) when the line belongs to that financial year, as an import would.
    Undo by restoring :func:`finance_state` captured before.
    """
    label = f"{cost_centre} {year}/{(year + 1) % 100:02d}"
    refuse_out_of_range(label, {"as of": as_of})
    with change(plan, f"Edit {cost_centre} {year_label(year)}") as unit:
        session = unit.session
        snapshot = read_snapshot(session)
        row = session.scalars(select(BudgetLineRow).where(BudgetLineRow.year == year,
                                                          BudgetLineRow.cost_centre == cost_centre)).first()
        if row is None:
            raise ValidationFailed([Problem.of_edit("budget line", "cost_centre", f"there is no budget line {label}")])
        service_name = session.get(ServiceRow, row.service_id).name
        old = BudgetLine(service_name, row.year, row.cost_centre, row.description, row.budget, row.forecast,
                         bool(row.transfers))
        retained = {s.name for s in snapshot.services if s.retained}
        breaches = budget_line_breaches(
            service=service_name, description=description.strip() if description is not None else old.description,
            transfers=bool(transfers) if transfers is not None else old.transfers, retained=retained)
        if breaches:
            raise ValidationFailed([Problem.of_edit(label, b.column, b.message) for b in breaches])
        if description is not None:
            row.description = description.strip()
        if budget is not None:
            row.budget = budget
        if forecast is not None:
            row.forecast = forecast
        if transfers is not None:
            row.transfers = bool(transfers)
        session.flush()
        if forecast is not None:
            report_year, period = reporting_period(as_of or snapshot.status_date)
            if row.year == report_year:
                _record_forecasts(session, [replace(old, forecast=forecast)], report_year, period)
    return old


def update_savings_plan(plan: PlanFile, ref: str, *, description: str | None = None, target: int | None = None,
                        forecast: int | None = None, rag: Deliverability | None = None,
                        mitigation: str | None = None) -> SavingsPlan:
    """Change one savings plan in place; returns the plan as it was.

    The rules and their wording are the savings file's (:mod:`trustplanner.domain.budget_rules`): no
    negative amounts, and an amber or red plan needs a mitigation.
    """
    with change(plan, f"Edit {ref}") as unit:
        session = unit.session
        row = session.scalars(select(SavingsPlanRow).where(SavingsPlanRow.ref == ref)).first()
        if row is None:
            raise ValidationFailed([Problem.of_edit("savings plan", "ref", f"there is no savings plan {ref}")])
        old = SavingsPlan(row.ref, session.get(ServiceRow, row.service_id).name, row.year, row.description,
                          row.target, row.forecast, Deliverability(row.rag), row.mitigation)
        new_rag = Deliverability(rag) if rag is not None else old.rag
        new_mitigation = mitigation.strip() if mitigation is not None else old.mitigation
        breaches = savings_breaches(
            description=description.strip() if description is not None else old.description,
            target=target if target is not None else old.target,
            forecast=forecast if forecast is not None else old.forecast, rag=new_rag, mitigation=new_mitigation)
        if breaches:
            raise ValidationFailed([Problem.of_edit(ref, b.column, b.message) for b in breaches])
        if description is not None:
            row.description = description.strip()
        if target is not None:
            row.target = target
        if forecast is not None:
            row.forecast = forecast
        row.rag = new_rag
        row.mitigation = new_mitigation
    return old


@dataclass(frozen=True)
class FinanceState:
    tables: dict[str, tuple[dict, ...]]


FINANCE_TABLES = (BudgetLineRow, BudgetForecastRow, SavingsPlanRow, FundingChangeRow, ContractSumRow)


def finance_state(plan: PlanFile) -> FinanceState:
    """Every finance row as stored (for comparing two states of a plan)."""
    with plan.reading() as session:
        return FinanceState({t.__tablename__: tuple(dict(r._mapping) for r in session.execute(
            select(t.__table__).order_by(*t.__table__.primary_key.columns))) for t in FINANCE_TABLES})
