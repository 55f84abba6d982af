"""The briefing's finance part: budgets, savings, the contract sum and the handover schedule,
as at the monitoring period of the briefing's position date.

Every figure comes from :mod:`trustplanner.services.finance`, the functions the Budget page uses,
so the briefing and the page always agree to the penny; this module only chooses what to show
and rounds it for print.

Rounding
--------
Tables print £m to one decimal place or £000. Each column that has a total is rounded with
:func:`~trustplanner.domain.budget.round_to_total` (largest remainder), so the printed parts add
up exactly to the printed total, and that total is the exact total rounded half away from zero
(so the same total prints the same in every table). A row may then not cross-cast by one unit
(budget plus variance against forecast); the tables say so. Where a row is a sum of parts
without a column total (the handover schedule's council plus trust; a contingency released plus
still held), the row's parts are rounded the same way, to add up to the row's total. In the
contract-sum table the reconciliation and the gap are the differences of the printed figures,
so each row adds across; exact zeros always print as zero. Percentages come from the exact
pence.

Finance status (the executive summary's Finance row): **red** if the current year's forecast
overspend is more than 2% of its budget, or the savings at risk (the shortfall of red and
amber plans, all years) are more than 25% of the savings target; **amber** if there is any
forecast overspend in the current year or any saving at risk; otherwise **green**. An
underspend is not a problem for this status.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from fractions import Fraction

from trustplanner.briefing.data import StatusRow
from trustplanner.briefing.finance_data import (
    UNITS,
    Amount,
    BudgetRow,
    ContingencyLine,
    ContractSumLine,
    FinanceBriefing,
    FundingLine,
    FundingTotalLine,
    HandoverLine,
    MovementLine,
    SavingsPlanLine,
    SavingsRow,
    Units,
    VarianceLine,
    percent,
    share,
)
from trustplanner.briefing.wording import uk_date
from trustplanner.domain.budget import (
    Deliverability,
    FundingKind,
    round_to_total,
    trust_share_months,
    year_label,
)
from trustplanner.domain.enums import Rag
from trustplanner.domain.money import round_half_up
from trustplanner.domain.problems import Problem, ValidationFailed
from trustplanner.services import finance as figures
from trustplanner.services.budget import FinanceSnapshot, reporting_period
from trustplanner.services.snapshot import PlanSnapshot

#: cost centres listed in "variance explained" and in the movement table; the rest are one line
LARGEST = 5
OVERSPEND_RED = Fraction(2, 100)
AT_RISK_RED = Fraction(25, 100)
OTHER_LINES = "All other lines"
_KIND_ORDER = {kind: n for n, kind in enumerate(FundingKind)}
_RAG_ORDER = {Deliverability.RED: 0, Deliverability.AMBER: 1, Deliverability.GREEN: 2}


def units_for(code: str) -> Units:
    """The briefing's units from their code, ``m`` (£m, one decimal) or ``k`` (£000)."""
    try:
        return UNITS[code]
    except KeyError:
        raise ValidationFailed([Problem("briefing", None, "units", f"units must be 'm' (£m to one decimal place) "
                                                                 f"or 'k' (£000), not '{code}'")]) from None


def has_finance(finance: FinanceSnapshot | None) -> bool:
    return finance is not None and bool(finance.lines or finance.savings or finance.funding
                                        or finance.contract_sums)


# Rounding ------------------------------------------------------------------------------------

def amount(exact: int, shown: int, units: Units) -> Amount:
    return Amount(exact, shown, units.text(shown), units.words(shown))


def nearest(exact: int, units: Units) -> Amount:
    """One amount rounded half up (away from zero) to a whole unit, as it prints everywhere."""
    return amount(exact, round_half_up(exact, units.step), units)


def column(values: Sequence[int], units: Units) -> tuple[list[Amount], Amount]:
    """A column of parts and its total, printed so the parts add up to the total exactly."""
    shown = round_to_total(list(values), units.step)
    parts = [amount(v, s, units) for v, s in zip(values, shown, strict=True)]
    return parts, amount(sum(values), sum(shown), units)


# Preparing -----------------------------------------------------------------------------------

def prepare_finance(snapshot: PlanSnapshot, finance: FinanceSnapshot | None, as_of: date,
                    units: str | Units = "m") -> FinanceBriefing | None:
    """The briefing's finance part as at the monitoring period of ``as_of``, or None when the
    plan has no finance data."""
    units = units if isinstance(units, Units) else units_for(units)
    if finance is None or not has_finance(finance):
        return None
    year, period = reporting_period(as_of)
    services, total = _budget_table(snapshot, finance, year, period, units)
    variances, variance_total = _variances(finance, year, period, units)
    movement, movement_total, previous = _movement(finance, year, period, units)
    by_rag, savings_total = _savings_by_rag(finance, units)
    by_year, at_risk = _savings_by_year(finance, units)
    plans, plans_total = _plans_at_risk(finance, units)
    result = FinanceBriefing(
        as_of=as_of,
        year=year,
        year_label=year_label(year),
        period=period,
        period_label=f"P{period} {year_label(year)}",
        units=units,
        rag=Rag.GREEN,
        rag_commentary="",
        services=services,
        total=total,
        variances=variances,
        variance_total=variance_total,
        movement=movement,
        movement_total=movement_total,
        previous_period=previous,
        savings_by_rag=by_rag,
        savings_total=savings_total,
        savings_by_year=by_year,
        at_risk=at_risk,
        at_risk_share=share(at_risk.exact, savings_total.target.exact),
        savings_at_risk=plans,
        savings_at_risk_total=plans_total,
        contract_sums=_contract_sums(snapshot, finance, year, period, units),
        funding=_funding(finance, units),
        funding_totals=_funding_totals(finance, units),
        contingency=_contingency(finance, units),
        handover=_handover(snapshot, finance, year, units),
    )
    rag, commentary = finance_rag(result)
    return replace(result, rag=rag, rag_commentary=commentary)


def _budget_table(snapshot: PlanSnapshot, finance: FinanceSnapshot, year: int, period: int,
                  units: Units) -> tuple[tuple[BudgetRow, ...], BudgetRow]:
    lines = figures.year_budget(finance, year, period)
    order = {name: i for i, name in enumerate(snapshot.in_service_order(f.group for f in lines))}
    lines.sort(key=lambda f: order[f.group])  # the plan's order of services, as every section lists them
    whole = figures.total(lines)
    budgets, budget_total = column([f.budget for f in lines], units)
    forecasts, forecast_total = column([f.forecast for f in lines], units)
    variances, variance_total = column([f.variance for f in lines], units)
    retained = {s.name for s in snapshot.services if s.retained}
    rows = tuple(
        BudgetRow(f.group, b, fc, v, percent(f.variance_percent), retained=f.group in retained)
        for f, b, fc, v in zip(lines, budgets, forecasts, variances, strict=True)
    )
    return rows, BudgetRow("Total", budget_total, forecast_total, variance_total, percent(whole.variance_percent))


def _variances(finance: FinanceSnapshot, year: int, period: int,
               units: Units) -> tuple[tuple[VarianceLine, ...], Amount]:
    """The largest variances, then the other lines' net variance, adding up to the year's."""
    largest = figures.largest_variances(finance, year, period, count=LARGEST)
    every = figures.largest_variances(finance, year, period, count=len(finance.lines))
    whole = figures.total(figures.year_budget(finance, year, period)).variance
    values = [variance for _, variance in largest]
    if len(every) > len(largest):
        values.append(whole - sum(values))
    parts, total = column(values, units)
    lines = [VarianceLine(line.cost_centre, line.description, line.service, part)
             for (line, _), part in zip(largest, parts, strict=False)]
    if len(every) > len(largest):
        lines.append(VarianceLine("", f"{OTHER_LINES} ({len(every) - len(largest)} with a variance)", "",
                                  parts[-1]))
    return tuple(lines), total


def _movement(finance: FinanceSnapshot, year: int, period: int,
              units: Units) -> tuple[tuple[MovementLine, ...], Amount, str]:
    earlier = [p for line in finance.lines if line.year == year
               for p in finance.history.get(line.key, {}) if p < period]
    previous = f"P{max(earlier)} {year_label(year)}" if earlier else ""
    moves = figures.movement(finance, year, period)
    listed = moves[:LARGEST]
    rest = moves[LARGEST:]
    befores = [before for _, before, _ in listed] + ([sum(m[1] for m in rest)] if rest else [])
    nows = [now for _, _, now in listed] + ([sum(m[2] for m in rest)] if rest else [])
    changes = [now - before for before, now in zip(befores, nows, strict=True)]
    before_parts = [nearest(v, units) for v in befores]  # for sentences; the table prints the movement
    now_parts = [nearest(v, units) for v in nows]
    change_parts, total = column(changes, units)
    alone = [nearest(v, units) for v in changes]
    lines = [MovementLine(line.cost_centre, line.description, line.service, b, n, c, a)
             for (line, _, _), b, n, c, a in zip(listed, before_parts, now_parts, change_parts, alone, strict=False)]
    if rest:
        lines.append(MovementLine("", f"{OTHER_LINES} that moved ({len(rest)})", "", before_parts[-1],
                                  now_parts[-1], change_parts[-1], alone[-1]))
    return tuple(lines), total, previous


def _savings_by_rag(finance: FinanceSnapshot, units: Units) -> tuple[tuple[SavingsRow, ...], SavingsRow]:
    rows = figures.savings_by_rag(finance)
    parts, whole = rows[:-1], rows[-1]
    targets, target_total = column([r.target for r in parts], units)
    forecasts, forecast_total = column([r.forecast for r in parts], units)
    shortfalls, shortfall_total = column([r.shortfall for r in parts], units)
    printed = tuple(
        SavingsRow(r.rag.label if r.rag else "All", r.rag, r.count, t, f, s, share=share(r.target, whole.target))
        for r, t, f, s in zip(parts, targets, forecasts, shortfalls, strict=True)
    )
    return printed, SavingsRow("Total", None, whole.count, target_total, forecast_total, shortfall_total,
                               share=share(whole.target, whole.target))


def _savings_by_year(finance: FinanceSnapshot, units: Units) -> tuple[tuple[SavingsRow, ...], Amount]:
    years = sorted({s.year for s in finance.savings})
    rows = [figures.savings_by_rag(finance, year)[-1] for year in years]
    risks = [figures.at_risk(finance, year) for year in years]
    targets, _ = column([r.target for r in rows], units)
    forecasts, _ = column([r.forecast for r in rows], units)
    shortfalls, _ = column([r.shortfall for r in rows], units)
    risk_parts, risk_total = column(risks, units)
    printed = tuple(
        SavingsRow(year_label(year), None, r.count, t, f, s, at_risk=a)
        for year, r, t, f, s, a in zip(years, rows, targets, forecasts, shortfalls, risk_parts, strict=True)
    )
    return printed, risk_total if years else nearest(figures.at_risk(finance), units)


def _plans_at_risk(finance: FinanceSnapshot,
                   units: Units) -> tuple[tuple[SavingsPlanLine, ...], SavingsPlanLine | None]:
    plans = sorted((s for s in finance.savings if s.rag is not Deliverability.GREEN),
                   key=lambda s: (_RAG_ORDER[s.rag], -s.shortfall, s.year, s.ref))
    if not plans:
        return (), None
    targets, target_total = column([s.target for s in plans], units)
    forecasts, forecast_total = column([s.forecast for s in plans], units)
    shortfalls, shortfall_total = column([s.shortfall for s in plans], units)
    lines = tuple(
        SavingsPlanLine(s.ref, s.service, year_label(s.year), s.description, t, f, sf, s.rag, s.mitigation)
        for s, t, f, sf in zip(plans, targets, forecasts, shortfalls, strict=True)
    )
    total = SavingsPlanLine("", "", "", "Total red and amber", target_total, forecast_total, shortfall_total,
                            Deliverability.RED, "")
    return lines, total


def _contract_sums(snapshot: PlanSnapshot, finance: FinanceSnapshot, year: int, period: int,
                   units: Units) -> tuple[ContractSumLine, ...]:
    lines = []
    for cs in figures.contract_sums(snapshot, finance, period, year):
        derived = nearest(cs.derived, units)
        explicit = nearest(cs.explicit, units) if cs.explicit is not None else None
        reconciliation = (amount(cs.reconciliation, explicit.shown - derived.shown, units)
                          if explicit is not None and cs.reconciliation is not None else None)
        contract = explicit if explicit is not None else derived
        forecast = nearest(cs.trust_forecast, units)
        gap = amount(cs.gap, forecast.shown - contract.shown, units)
        lines.append(ContractSumLine(year_label(cs.year), derived, explicit, reconciliation,
                                     contract, forecast, gap, start=cs.year))
    return tuple(lines)


def _funding(finance: FinanceSnapshot, units: Units) -> tuple[FundingLine, ...]:
    changes = sorted(finance.funding, key=lambda f: (f.year, _KIND_ORDER[f.kind], f.description))
    return tuple(FundingLine(year_label(f.year), f.kind.label, f.description, nearest(f.amount, units),
                             f.kind.adds_to_contract_sum) for f in changes)


def _funding_totals(finance: FinanceSnapshot, units: Units) -> FundingTotalLine | None:
    if not finance.funding:
        return None
    totals = figures.funding_totals(finance.funding)
    return FundingTotalLine(*(nearest(value, units) for value in (
        totals.paid_to_trust, totals.refused, totals.contingency_set_aside, totals.contingency_released)))


def _contingency(finance: FinanceSnapshot, units: Units) -> tuple[ContingencyLine, ...]:
    kinds = (FundingKind.CONTINGENCY_SET_ASIDE, FundingKind.CONTINGENCY_RELEASED)
    lines = []
    for year in sorted({f.year for f in finance.funding if f.kind in kinds}):
        _, released, held = figures.contingency(finance, year)  # released + held = set aside
        (released_part, held_part), whole = column([released, held], units)
        lines.append(ContingencyLine(year_label(year), whole, released_part, held_part))
    return tuple(lines)


def _handover(snapshot: PlanSnapshot, finance: FinanceSnapshot, current: int,
              units: Units) -> tuple[HandoverLine, ...]:
    lines = []
    for year in sorted({line.year for line in finance.lines}):
        split = figures.control_split(snapshot, finance, year)
        (council, trust), whole = column([split.council, split.trust], units)
        lines.append(HandoverLine(year_label(year), council, trust, whole, share(split.trust, split.total),
                                  stage_text(snapshot, finance, year), current=year == current))
    return tuple(lines)


def stage_text(snapshot: PlanSnapshot, finance: FinanceSnapshot, year: int) -> str:
    """Where the transferring services are in ``year``, in the terms the split follows:
    a service's budget moves to the trust from the first whole monitoring period after go-live."""
    start, end = date(year, 4, 1), date(year + 1, 3, 31)
    transferring = {line.service for line in finance.lines if line.year == year and line.transfers}
    services = [s for s in snapshot.services if not s.retained and s.name in transferring]
    if not services:
        return "No budget transfers: all under council control"
    groups: dict[date, list[str]] = defaultdict(list)
    for service in services:
        groups[snapshot.go_live_of(service.name)].append(service.name)
    if all(day <= start for day in groups):
        return "Trust all year"
    if all(day > end for day in groups):
        shadows = sorted({s.shadow or snapshot.programme.shadow_start or snapshot.go_live_of(s.name)
                          for s in services})
        starting = [day for day in shadows if start < day <= end]
        if starting:
            return f"Council; shadow from {uk_date(starting[0])}"
        if all(day <= start for day in shadows):
            return "Shadow all year (council budget)"
        return "Council"

    def phrase(day: date) -> str:
        months = trust_share_months(year, day)
        if months == 12:
            return "trust all year"
        if months == 0:
            return f"council all year (go-live {uk_date(day)})"
        return f"trust from P{13 - months} (go-live {uk_date(day)})"

    if len(groups) == 1:
        text = phrase(next(iter(groups)))
        return text[0].upper() + text[1:]
    return "; ".join(f"{', '.join(groups[day])}: {phrase(day)}" for day in sorted(groups))


# Status --------------------------------------------------------------------------------------

def finance_rag(fb: FinanceBriefing) -> tuple[Rag, str]:
    """The Finance status and its commentary (the rule is in the module docstring)."""
    overspend = fb.total.variance.exact if fb.has_budget else 0
    budget = fb.total.budget.exact
    target = fb.savings_total.target.exact
    risk = fb.at_risk.exact
    over_share = Fraction(overspend, budget) if budget > 0 else None
    risk_share = Fraction(risk, target) if target > 0 else None
    red = (overspend > 0 and (over_share is None or over_share > OVERSPEND_RED)) or (
        risk > 0 and (risk_share is None or risk_share > AT_RISK_RED))
    rag = Rag.RED if red else Rag.AMBER if overspend > 0 or risk > 0 else Rag.GREEN
    def size(figure: Amount) -> str:
        return figure.words if figure.shown else f"less than {fb.units.words(fb.units.step)}"

    parts = []
    if fb.has_budget:
        variance = fb.total.variance
        when = f"{fb.year_label} forecast at P{fb.period}"
        if variance.exact > 0:
            parts.append(f"{when}: {size(variance)} over budget ({fb.total.percent.text})")
        elif variance.exact < 0:
            parts.append(f"{when}: {size(variance)} under budget ({fb.total.percent.text.strip('()')})")
        else:
            parts.append(f"{when}: on budget")
    else:
        parts.append(f"No budget lines for {fb.year_label}")
    if fb.savings_total.count:
        parts.append(f"savings at risk {size(fb.at_risk) if fb.at_risk.exact else '£0'} of "
                     f"{fb.savings_total.target.words} "
                     f"({fb.at_risk_share.text})")
    else:
        parts.append("no savings plans")
    return rag, "; ".join(parts) + "."


#: how the Finance row's status is set, printed once in the status table's key (not in each commentary)
FINANCE_RULE = ("red if the year's forecast overspend is more than 2% of budget or more than 25% of the savings "
                "target is at risk; amber if there is any overspend or any saving at risk")


def finance_status_row(finance: FinanceBriefing) -> StatusRow:
    """The executive summary's Finance row (no last period: earlier briefings did not record it)."""
    return StatusRow("Finance", finance.rag, None, finance.rag_commentary, FINANCE_RULE)
