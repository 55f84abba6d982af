"""Finance figures for the Budget page and the briefing, from one place so they always match.

All amounts are integer pence and every total is the sum of its parts. "As of a monitoring
period" means each line's forecast as last reported on or before that period of its year (the
latest forecast for other years).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction

from trustplanner.domain.budget import (
    BudgetLine,
    Deliverability,
    FundingKind,
    share_of,
    trust_share_months,
)
from trustplanner.domain.figures import share
from trustplanner.services.budget import FinanceSnapshot
from trustplanner.services.snapshot import PlanSnapshot


@dataclass(frozen=True)
class BudgetFigures:
    group: str
    budget: int
    forecast: int

    @property
    def variance(self) -> int:
        """Forecast minus budget: an overspend is positive."""
        return self.forecast - self.budget

    @property
    def variance_percent(self) -> Fraction | None:
        return share(self.variance, self.budget)


@dataclass(frozen=True)
class ControlSplit:
    """How a year's budget divides between council and trust control (the handover schedule)."""

    year: int
    council: int
    trust: int

    @property
    def total(self) -> int:
        return self.council + self.trust


@dataclass(frozen=True)
class ContractSum:
    year: int
    derived: int  # transferring budget (from go-live) plus accepted change requests
    explicit: int | None  # set by the council, if it has been
    trust_forecast: int  # forecast outturn of what the trust runs that year

    @property
    def amount(self) -> int:
        return self.explicit if self.explicit is not None else self.derived

    @property
    def reconciliation(self) -> int | None:
        """Explicit minus derived: what the agreed sum adds (or takes) beyond the budgets moving."""
        return None if self.explicit is None else self.explicit - self.derived

    @property
    def gap(self) -> int:
        """Trust forecast minus contract sum: positive means the trust is forecast to need more."""
        return self.trust_forecast - self.amount


@dataclass(frozen=True)
class SavingsFigures:
    rag: Deliverability | None  # None: all
    count: int
    target: int
    forecast: int

    @property
    def shortfall(self) -> int:
        return self.target - self.forecast


def forecast_at(line: BudgetLine, finance: FinanceSnapshot, year: int, period: int) -> int:
    """The line's forecast as reported at ``period`` of ``year`` (or the latest one before it)."""
    if line.year != year:
        return line.forecast
    history = finance.history.get(line.key)
    if not history:
        return line.forecast
    forecast = history.get(period)
    if forecast is not None:  # reported at this very period (the common case)
        return forecast
    reported = [p for p in history if p <= period]
    return history[max(reported)] if reported else line.forecast


def budget_by(finance: FinanceSnapshot, key, year: int, period: int) -> list[BudgetFigures]:  # noqa: ANN001
    budgets: dict[str, int] = defaultdict(int)
    forecasts: dict[str, int] = defaultdict(int)
    for line in finance.lines:
        group = key(line)
        budgets[group] += line.budget
        forecasts[group] += forecast_at(line, finance, year, period)
    return [BudgetFigures(group, budgets[group], forecasts[group]) for group in sorted(budgets)]


def year_budget(finance: FinanceSnapshot, year: int, period: int, key=lambda line: line.service) -> list[BudgetFigures]:  # noqa: ANN001
    lines = FinanceSnapshot(tuple(l for l in finance.lines if l.year == year), finance.history, (), (), {})
    return budget_by(lines, key, year, period)


def total(figures: list[BudgetFigures], name: str = "Total") -> BudgetFigures:
    return BudgetFigures(name, sum(f.budget for f in figures), sum(f.forecast for f in figures))


def movement(finance: FinanceSnapshot, year: int, period: int) -> list[tuple[BudgetLine, int, int]]:
    """Lines whose forecast moved since the previous reported period: (line, before, now), largest first."""
    moves = []
    for line in finance.lines:
        if line.year != year:
            continue
        now = forecast_at(line, finance, year, period)
        earlier = [p for p in finance.history.get(line.key, {}) if p < period]
        if earlier:
            before = finance.history[line.key][max(earlier)]
            if before != now:
                moves.append((line, before, now))
    return sorted(moves, key=lambda m: (-abs(m[2] - m[1]), m[0].cost_centre))


def largest_variances(finance: FinanceSnapshot, year: int, period: int, count: int = 5) -> list[tuple[BudgetLine, int]]:
    """The lines that explain most of the year's variance: (line, variance), largest overspend first."""
    lines = [(line, forecast_at(line, finance, year, period) - line.budget) for line in finance.lines
             if line.year == year]
    return sorted((item for item in lines if item[1]), key=lambda item: (-abs(item[1]), item[0].cost_centre))[:count]


def control_split(snapshot: PlanSnapshot, finance: FinanceSnapshot, year: int) -> ControlSplit:
    lines = [line for line in finance.lines if line.year == year]
    months = _trust_months(snapshot, year)
    trust = sum(_trust_part(months, line, line.budget) for line in lines)
    council = sum(line.budget for line in lines) - trust
    return ControlSplit(year, council, trust)


def _trust_months(snapshot: PlanSnapshot, year: int) -> dict[str, int]:
    """Each service's periods of ``year`` under the trust: none for a retained service."""
    go_live = snapshot.programme.go_live
    return {s.name: 0 if s.retained else trust_share_months(year, s.go_live or go_live) for s in snapshot.services}


def _trust_part(months: dict[str, int], line: BudgetLine, amount: int) -> int:
    """The share of ``amount`` (the line's budget or forecast) under the trust that year."""
    return share_of(amount, months[line.service]) if line.transfers else 0


def contract_sums(snapshot: PlanSnapshot, finance: FinanceSnapshot, period: int,
                  as_of_year: int) -> list[ContractSum]:
    sums = []
    for year in finance.years:
        lines = [line for line in finance.lines if line.year == year]
        months = _trust_months(snapshot, year)
        moving = sum(_trust_part(months, line, line.budget) for line in lines)
        accepted = sum(f.amount for f in finance.funding
                       if f.year == year and f.kind is FundingKind.CHANGE_REQUEST_ACCEPTED)
        forecast = sum(_trust_part(months, line, forecast_at(line, finance, as_of_year, period)) for line in lines)
        if moving or accepted or year in finance.contract_sums:
            sums.append(ContractSum(year, moving + accepted, finance.contract_sums.get(year), forecast))
    return sums


def savings_by_rag(finance: FinanceSnapshot, year: int | None = None) -> list[SavingsFigures]:
    """One row per deliverability RAG (red first), then the total; ``year`` None means all years."""
    plans = [s for s in finance.savings if year is None or s.year == year]
    rows = []
    for rag in (Deliverability.RED, Deliverability.AMBER, Deliverability.GREEN):
        group = [s for s in plans if s.rag is rag]
        rows.append(SavingsFigures(rag, len(group), sum(s.target for s in group), sum(s.forecast for s in group)))
    rows.append(SavingsFigures(None, len(plans), sum(s.target for s in plans), sum(s.forecast for s in plans)))
    return rows


def at_risk(finance: FinanceSnapshot, year: int | None = None) -> int:
    """Savings at risk: the target of red and amber plans not forecast to be delivered."""
    return sum(s.target - s.forecast for s in finance.savings
               if (year is None or s.year == year) and s.rag is not Deliverability.GREEN and s.target > s.forecast)


def contingency(finance: FinanceSnapshot, year: int | None = None) -> tuple[int, int, int]:
    """(set aside, released, still held)."""
    chosen = [f for f in finance.funding if year is None or f.year == year]
    set_aside = sum(f.amount for f in chosen if f.kind is FundingKind.CONTINGENCY_SET_ASIDE)
    released = sum(f.amount for f in chosen if f.kind is FundingKind.CONTINGENCY_RELEASED)
    return set_aside, released, set_aside - released


@dataclass(frozen=True)
class FundingTotals:
    """Funding changes added up only where adding means something.

    Investment, top-ups and accepted change requests are money paid to the trust; a refused request
    is money asked for and not given, and contingency is set aside or released within the budget:
    neither is funding, so neither is in ``paid_to_trust``.
    """

    paid_to_trust: int
    refused: int
    contingency_set_aside: int
    contingency_released: int


def funding_totals(changes) -> FundingTotals:  # noqa: ANN001
    """The totals of ``changes`` (FundingChange records, e.g. one year's or all of them)."""
    def of(*kinds: FundingKind) -> int:
        return sum(f.amount for f in changes if f.kind in kinds)

    return FundingTotals(sum(f.amount for f in changes if f.kind.adds_to_contract_sum),
                         of(FundingKind.CHANGE_REQUEST_REFUSED), of(FundingKind.CONTINGENCY_SET_ASIDE),
                         of(FundingKind.CONTINGENCY_RELEASED))
