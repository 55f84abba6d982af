"""The finance section: the year's budget and forecast by service, the variance explained,
savings deliverability, the contract sum and funding changes, the handover schedule and a chart.

It prints only what the prepared :class:`FinanceBriefing` holds (see
``services.finance_briefing``): figures already rounded so every printed column adds up to its
printed total. Sentences quote the same printed figures as the tables.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from trustplanner.briefing.chart_text import chart_label, nice_step, wrap_label
from trustplanner.briefing.data import BriefingData
from trustplanner.briefing.finance_data import (
    NOT_SET,
    Amount,
    BudgetRow,
    FinanceBriefing,
    FundingTotalLine,
    SavingsRow,
    Units,
)
from trustplanner.briefing.styles import GRID, HEADING, INK, MUTED, RULE, briefing_fonts
from trustplanner.briefing.appendix import appendix_of
from trustplanner.briefing.wording import count, long_date, rag_phrase
from trustplanner.briefing.writer import RIGHT, Cell, Column, Figure, RagCell, SectionWriter, TableSpec, esc
from trustplanner.domain.budget import Deliverability
from trustplanner.domain.enums import Rag

_RAG = {Deliverability.RED: Rag.RED, Deliverability.AMBER: Rag.AMBER, Deliverability.GREEN: Rag.GREEN}


def finance_section(data: BriefingData, w: SectionWriter) -> None:
    fb = data.finance
    assert fb is not None  # the section applies only with finance data
    units = fb.units
    w.para(
        f"This section gives the financial position at <b>{fb.period_label}</b>, the monitoring period of "
        f"the position date ({long_date(fb.as_of)}). Figures are in <b>{_unit_words(units)}</b>. Each column "
        f"is rounded so that its figures add up to its total; a row may therefore differ by "
        f"{units.words(units.step)} from budget plus variance."
    )
    for text in _narrative(fb, data.header.trust):
        w.para(text)
    for line in fb.contingency:
        held = "nothing is still held" if line.held.shown == 0 else f"{line.held.words} is still held"
        released = ("none has been released" if line.released.shown == 0
                    else f"{line.released.words} has been released")
        if line.set_aside.shown == 0 and line.released.shown == 0:
            continue
        w.para(f"Contingency for {line.year}: {line.set_aside.words} set aside; {released} and {held}.")
    w.para(f"The finance status is <b>{rag_phrase(fb.rag)}</b>. {esc(fb.rag_commentary)}")
    if label := appendix_of(data, finance_tables):
        w.para(f"Appendix {label} gives the tables behind these figures: budget and forecast by service, the "
               "largest variances, savings deliverability and the red and amber plans, the contract sum, "
               "funding changes and the handover schedule.")


def finance_tables(data: BriefingData, w: SectionWriter) -> None:
    """The appendix: the finance tables and chart the body's paragraphs summarise."""
    fb = data.finance
    assert fb is not None  # the appendix applies only with finance data
    units = fb.units
    cells = _Cells()
    u = units.heading
    w.table_block(
        f"Budget and forecast by service, {fb.year_label} at P{fb.period} ({u})",
        "Forecast outturn as reported for the period. Variance is forecast minus budget: an overspend is "
        "positive, an underspend is in brackets. Services marked (retained) stay with the council.",
        _budget_table(fb, cells, w) if fb.has_budget else None,
        f"The plan has no budget lines for {fb.year_label}.",
    )
    if fb.has_budget:
        _chart_block(fb, w)
    w.table_block(
        f"Variance explained: the largest lines ({u})",
        _variance_intro(fb),
        _variance_table(fb, cells, w),
        f"No cost centre has a variance in {fb.year_label}." if fb.has_budget
        else "There is no budget for the year, so no variance.",
    )
    if fb.previous_period:
        w.table_block(
            f"Movement in the forecast since {fb.previous_period.split()[0]} ({u})",
            f"Cost centres whose forecast outturn changed between {fb.previous_period} and {fb.period_label}, "
            "largest change first. An increase is positive; a reduction is in brackets.",
            _movement_table(fb, cells, w),
            f"No forecast has changed since {fb.previous_period}.",
        )
    w.table_block(
        f"Savings deliverability ({u})",
        f"Savings plans for {_join([row.label for row in fb.savings_by_year])}, by deliverability. Shortfall is "
        "target minus forecast delivered; a plan forecast to deliver more than its target reduces it.",
        _savings_table(fb, cells, w) if fb.savings_total.count else None,
        "The plan has no savings plans.",
    )
    if len(fb.savings_by_year) > 1:
        w.table_block(
            f"Savings by year ({u})",
            "At risk is the shortfall on red and amber plans.",
            _savings_year_table(fb, cells, w),
            "",
        )
    if fb.savings_total.count:
        w.table_block(
            f"Red and amber savings plans ({u})",
            "Every plan rated red (will not be delivered as planned) or amber (at risk), with the mitigation "
            "recorded. The total shortfall is the amount at risk.",
            _plans_table(fb, cells, w),
            "No savings plan is rated red or amber.",
        )
    w.table_block(
        f"Contract sum ({u})",
        "What the council pays the trust each year. Derived: the budgets that transfer, from each service's "
        "go-live, plus accepted change requests. Set: the sum the council has agreed, where it has; the "
        "reconciliation is set minus derived. Gap: the trust's forecast for the services it runs minus the "
        "contract sum; a positive gap is money the trust is forecast to need beyond it.",
        _contract_table(fb, cells, w),
        "No contract sum can be shown: no budget transfers to the trust and none has been set.",
    )
    w.table_block(
        f"Funding changes ({u})",
        "Investment, top-ups, change requests and contingency recorded in the plan. Those marked “Yes” change "
        "what the trust is paid, and only they add up to the total; refused requests and contingency are not "
        "funding.",
        _funding_table(fb, cells, w),
        "No funding changes are recorded.",
    )
    w.table_block(
        f"Handover schedule: budget under council and trust control ({u})",
        "Each year's budget split by who controls it. A transferring service's budget moves to the trust from "
        "the first whole monitoring period after its go-live; retained services and budgets that do not "
        "transfer stay with the council.",
        _handover_table(fb, cells, w),
        "The plan has no budget lines.",
    )


def _variance_intro(fb: FinanceBriefing) -> str:
    listed = sum(1 for v in fb.variances if v.cost_centre)
    text = (f"The cost centre with the largest variance in {fb.year_label}" if listed == 1 else
            f"The {_NUMBERS.get(listed, str(listed))} cost centres with the largest variance in {fb.year_label}, "
            "over or under")
    if len(fb.variances) > listed:
        text += "; the rest are shown together"
    return text + ". The total is the variance in the table above."


_NUMBERS = {2: "two", 3: "three", 4: "four", 5: "five"}


def _unit_words(units: Units) -> str:
    return "£m to one decimal place" if units.code == "m" else "£000 (thousands of pounds)"


# Words ---------------------------------------------------------------------------------------

def _over_under(amount: Amount, units: Units) -> str:
    """``£1.2m over`` / ``£0.3m under`` / ``on budget``, from the printed figure."""
    if amount.exact == 0:
        return "on budget"
    size = amount.words if amount.shown else _less_than(units)
    return f"{size} {'over' if amount.exact > 0 else 'under'}"


def _less_than(units: Units) -> str:
    """A figure that rounds to nothing in print, said in words: ``less than £0.1m``."""
    return f"less than {units.words(units.step)}"


def _narrative(fb: FinanceBriefing, trust: str) -> list[str]:
    units = fb.units
    items = []
    p = f"P{fb.period}"
    if fb.has_budget:
        t = fb.total
        text = (f"At {p} the {fb.year_label} forecast outturn for the services in the plan is "
                f"<b>{t.forecast.words}</b> against a budget of {t.budget.words}")
        if t.variance.exact > 0:
            size = t.variance.words if t.variance.shown else _less_than(units)
            text += f", an overspend of <b>{size}</b> ({t.percent.text})."
        elif t.variance.exact < 0:
            size = t.variance.words if t.variance.shown else _less_than(units)
            text += f", an underspend of {size} ({t.percent.text.strip('()')})."
        else:
            text += ": exactly on budget."
        over = sorted((r for r in fb.services if r.variance.exact > 0), key=lambda r: -r.variance.exact)
        under = sorted((r for r in fb.services if r.variance.exact < 0), key=lambda r: r.variance.exact)
        phrases = [f"the {esc(r.group)} forecast is <b>{_over_under(r.variance, units)}</b> a budget of "
                   f"{r.budget.words} ({r.percent.text})" for r in over[:2]]
        if phrases:
            text += " " + _capital(_join(phrases)) + "."
        if len(over) > 2:
            others = [esc(r.group) for r in over[2:]]
            if len(others) > 3:
                others = [*others[:2], f"{len(others) - 2} other services"]
            text += f" {_join(others)} {'is' if len(over) == 3 else 'are'} also forecast to overspend."
        if under:
            names = _join([f"{esc(r.group)} ({_over_under(r.variance, units).replace(' under', '')})"
                           for r in under[:3]])
            text += f" Forecast underspends: {names}{' and others' if len(under) > 3 else ''}."
        items.append(text)
        items.append(_explained(fb))
    savings = _savings_words(fb)
    if savings:
        items.append(savings)
    contract = _contract_words(fb, trust)
    if contract:
        items.append(contract)
    handover = _handover_words(fb, trust)
    if handover:
        items.append(handover)
    return [item for item in items if item]


def _explained(fb: FinanceBriefing) -> str:
    units = fb.units
    listed = [v for v in fb.variances if v.cost_centre]
    text = ""
    if listed:
        top = listed[0]
        text = (f"The largest single variance is {esc(top.cost_centre)} {esc(top.description)} "
                f"({esc(top.service)}), {_over_under(top.variance, units)} budget")
        if len(listed) > 1:
            listed_sum = sum(v.variance.shown for v in listed)
            together = f"; the {_NUMBERS.get(len(listed), str(len(listed)))} largest lines together "
            text += (together + "net to nothing in the figures shown" if listed_sum == 0 else together +
                     f"account for a net {units.words(listed_sum)} {'overspend' if listed_sum > 0 else 'underspend'}")
        text += "."
    if not fb.previous_period:
        text += (f" No forecast was recorded for an earlier period of {fb.year_label}, so movement since the "
                 "last period cannot be shown yet.")
    else:
        m = fb.movement_total
        previous = fb.previous_period.split()[0]
        if not fb.movement:
            text += f" The forecast has not moved since {previous}."
        elif m.exact == 0:
            text += f" Forecasts have moved since {previous}, but the changes cancel out."
        else:
            size = m.words if m.shown else _less_than(units)
            text += f" Since {previous} the forecast has {'risen' if m.exact > 0 else 'fallen'} by <b>{size}</b>"
            moved = [line for line in fb.movement if line.cost_centre]
            if moved:
                biggest = moved[0]
                direction = "up" if biggest.movement.exact > 0 else "down"
                size = biggest.change.words if biggest.change.shown else _less_than(units)
                text += (f"; the largest change is {esc(biggest.cost_centre)} {esc(biggest.description)}, "
                         f"{size} {direction}")
                # the forecasts before and after only where they agree with the change printed: rounded
                # apart (£7.54m and £7.87m are £7.5m and £7.9m) they would say £0.4m beside a £0.3m change
                if abs(biggest.now.shown - biggest.before.shown) == abs(biggest.change.shown):
                    text += f" (from {biggest.before.words} to {biggest.now.words})"
            text += "."
    return text.strip()


def _savings_words(fb: FinanceBriefing) -> str:
    total = fb.savings_total
    if not total.count:
        return ""
    years = _join([row.label for row in fb.savings_by_year])
    text = (f"The {count(total.count, 'savings plan')} for {years} aim to save {total.target.words}, of which "
            f"{total.forecast.words} is forecast to be delivered.")
    by = {row.rag: row for row in fb.savings_by_rag}
    red, amber = by[Deliverability.RED].count, by[Deliverability.AMBER].count
    if fb.at_risk.exact > 0:
        share = fb.at_risk_share.text
        plans = _join([count(n, f"{word} plan") for n, word in ((red, "red"), (amber, "amber")) if n])
        size = fb.at_risk.words if fb.at_risk.shown else _less_than(fb.units)
        text += (f" <b>{size} ({share}) of the savings is at risk</b>: the shortfall on {plans}, listed below "
                 "with the mitigation recorded for each.")
    elif red or amber:
        text += " No saving is at risk: the red and amber plans are still forecast to deliver in full."
    else:
        text += " Every plan is rated green, so no saving is at risk."
    return text


def _contract_words(fb: FinanceBriefing, trust: str) -> str:
    # the briefing's year, or else the first after it (the trust's first year), as the Budget page picks
    current = [line for line in fb.contract_sums if line.start >= fb.year]
    if not current:
        return ""
    line = current[0]
    units = fb.units
    if line.explicit is not None:
        recon = line.reconciliation
        assert recon is not None
        how = (f"as set by the council; the budgets that transfer and accepted change requests come to "
               f"{line.derived.words}")
        if recon.shown:
            how += f", so the agreed sum is {recon.words} {'more' if recon.shown > 0 else 'less'} than that"
        elif recon.exact:
            how += f", within {units.words(units.step)} of the agreed sum"
        else:
            how += ", the same as the agreed sum"
    else:
        how = ("derived from the budgets that transfer and accepted change requests; the council has not yet "
               "set it")
    text = f"The contract sum for {line.year} is <b>{line.amount.words}</b>, {how}."
    gap = line.gap
    if gap.exact > 0:
        text += (f" {esc(trust)}’s forecast for the services it runs that year is {line.trust_forecast.words}, "
                 f"<b>{gap.words if gap.shown else _less_than(units)} more than the contract sum</b>.")
    elif gap.exact < 0:
        text += (f" {esc(trust)}’s forecast for the services it runs that year is {line.trust_forecast.words}, "
                 f"{gap.words if gap.shown else _less_than(units)} less than the contract sum.")
    else:
        text += f" {esc(trust)}’s forecast for the services it runs that year matches it exactly."
    return text


def _handover_words(fb: FinanceBriefing, trust: str) -> str:
    moving = [line for line in fb.handover if line.trust.exact]
    if not moving:
        if fb.handover:
            return "No budget in the plan is yet scheduled to move under the trust’s control."
        return ""
    first = moving[0]
    text = (f"The handover schedule moves <b>{first.trust.words}</b> of the {first.year} budget of "
            f"{first.total.words} ({first.trust_share.text}) under {esc(trust)}’s control")
    if first.council.exact:
        text += f"; the council keeps {first.council.words}, for retained services and budgets that do not transfer"
    return text + "."


def _join(parts: Sequence[str]) -> str:
    parts = list(parts)
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# Tables --------------------------------------------------------------------------------------

class _Cells:
    """Right-aligned number cells; total rows in bold."""

    def number(self, amount: Amount | str | None, *, bold: bool = False) -> Cell:
        text = NOT_SET if amount is None else amount if isinstance(amount, str) else amount.text
        return Cell(f"<b>{esc(text)}</b>" if bold else esc(text), align="right")

    def text(self, markup: str, *, bold: bool = False, note: str = "") -> Cell:
        return Cell(f"<b>{markup}</b>" if bold else markup, note)


def _budget_table(fb: FinanceBriefing, c: _Cells, w: SectionWriter) -> TableSpec:
    columns = (Column("Service", 0.36), Column("Budget", 0.16, align=RIGHT), Column("Forecast outturn", 0.16, align=RIGHT),
               Column("Variance", 0.16, align=RIGHT), Column("Variance %", 0.16, align=RIGHT))

    def row(line: BudgetRow, bold: bool = False) -> tuple:
        name = f"{line.group} (retained)" if line.retained else line.group
        return (c.text(esc(name), bold=bold), c.number(line.budget, bold=bold), c.number(line.forecast, bold=bold),
                c.number(line.variance, bold=bold), c.number(line.percent.text, bold=bold))

    rows = [row(line) for line in fb.services] + [row(fb.total, True)]
    return w.table(columns, rows, total_rows=1)


def _variance_table(fb: FinanceBriefing, c: _Cells, w: SectionWriter) -> TableSpec | None:
    if not fb.variances:
        return None
    columns = (Column("Cost centre", 0.16), Column("Description", 0.38), Column("Service", 0.30),
               Column("Variance", 0.16, align=RIGHT))
    rows = [(c.text(esc(v.cost_centre)), c.text(esc(v.description)), c.text(esc(v.service)), c.number(v.variance))
            for v in fb.variances]
    rows.append((c.text("Total variance", bold=True), "", "", c.number(fb.variance_total, bold=True)))
    return w.table(columns, rows, total_rows=1)


def _movement_table(fb: FinanceBriefing, c: _Cells, w: SectionWriter) -> TableSpec | None:
    if not fb.movement:
        return None
    columns = (Column("Cost centre", 0.16), Column("Description", 0.38), Column("Service", 0.30),
               Column("Movement", 0.16, align=RIGHT))
    rows = [(c.text(esc(m.cost_centre)), c.text(esc(m.description)), c.text(esc(m.service)), c.number(m.movement))
            for m in fb.movement]
    rows.append((c.text("Total movement", bold=True), "", "", c.number(fb.movement_total, bold=True)))
    return w.table(columns, rows, total_rows=1)


def _savings_table(fb: FinanceBriefing, c: _Cells, w: SectionWriter) -> TableSpec:
    columns = (Column("Deliverability", 0.20), Column("Plans", 0.12, align=RIGHT), Column("Target", 0.17, align=RIGHT),
               Column("Forecast delivered", 0.17, align=RIGHT), Column("Shortfall", 0.17, align=RIGHT),
               Column("Share of target", 0.17, align=RIGHT))

    def row(line: SavingsRow, first: object) -> tuple:
        bold = line.rag is None
        return (first, c.number(f"{line.count:,}", bold=bold), c.number(line.target, bold=bold),
                c.number(line.forecast, bold=bold), c.number(line.shortfall, bold=bold),
                c.number(line.share.text if line.share else "", bold=bold))

    rags = [_RAG[line.rag] for line in fb.savings_by_rag if line.rag is not None]
    rows = [row(line, RagCell(rag, word=True)) for line, rag in zip(fb.savings_by_rag, rags, strict=True)]
    rows.append(row(fb.savings_total, c.text("Total", bold=True)))
    return w.table(columns, rows, total_rows=1)


def _savings_year_table(fb: FinanceBriefing, c: _Cells, w: SectionWriter) -> TableSpec:
    columns = (Column("Year", 0.16), Column("Plans", 0.12, align=RIGHT), Column("Target", 0.18, align=RIGHT),
               Column("Forecast delivered", 0.18, align=RIGHT), Column("Shortfall", 0.18, align=RIGHT),
               Column("At risk", 0.18, align=RIGHT))
    rows = [(c.text(row.label), c.number(f"{row.count:,}"), c.number(row.target), c.number(row.forecast),
             c.number(row.shortfall), c.number(row.at_risk)) for row in fb.savings_by_year]
    t = fb.savings_total
    rows.append((c.text("Total", bold=True), c.number(f"{t.count:,}", bold=True), c.number(t.target, bold=True),
                 c.number(t.forecast, bold=True), c.number(t.shortfall, bold=True), c.number(fb.at_risk, bold=True)))
    return w.table(columns, rows, total_rows=1)


def _plans_table(fb: FinanceBriefing, c: _Cells, w: SectionWriter) -> TableSpec | None:
    if not fb.savings_at_risk:
        return None
    columns = (Column("Ref", 0.12, ref=True), Column("Service, year", 0.15), Column("Plan and mitigation", 0.31),
               Column("Target", 0.11, align=RIGHT), Column("Forecast", 0.11, align=RIGHT),
               Column("Shortfall", 0.11, align=RIGHT), Column("RAG", 0.09))
    rows = [(p.ref, c.text(f"{esc(p.service)}, {p.year}"),
             c.text(esc(p.description) or "—", note=f"Mitigation: {p.mitigation}" if p.mitigation.strip()
                    else "No mitigation recorded."),
             c.number(p.target), c.number(p.forecast), c.number(p.shortfall), RagCell(_RAG[p.rag]))
            for p in fb.savings_at_risk]
    t = fb.savings_at_risk_total
    assert t is not None
    rows.append((c.text("Total", bold=True), "", c.text(f"{count(len(fb.savings_at_risk), 'plan')}", bold=True),
                 c.number(t.target, bold=True), c.number(t.forecast, bold=True), c.number(t.shortfall, bold=True),
                 ""))
    return w.table(columns, rows, total_rows=1)


def _contract_table(fb: FinanceBriefing, c: _Cells, w: SectionWriter) -> TableSpec | None:
    if not fb.contract_sums:
        return None
    columns = (Column("Year", 0.10), Column("Derived", 0.15, align=RIGHT), Column("Set by council", 0.15, align=RIGHT),
               Column("Reconciliation", 0.17, align=RIGHT), Column("Contract sum", 0.15, align=RIGHT),
               Column("Trust forecast", 0.15, align=RIGHT), Column("Gap", 0.13, align=RIGHT))
    rows = [(c.text(line.year), c.number(line.derived), c.number(line.explicit if line.explicit else "not set"),
             c.number(line.reconciliation), c.number(line.amount, bold=True), c.number(line.trust_forecast),
             c.number(line.gap)) for line in fb.contract_sums]
    return w.table(columns, rows)


def _funding_table(fb: FinanceBriefing, c: _Cells, w: SectionWriter) -> TableSpec | None:
    if not fb.funding:
        return None
    columns = (Column("Year", 0.10), Column("Kind", 0.22), Column("Description", 0.42), Column("Amount", 0.13, align=RIGHT),
               Column("Paid to trust", 0.13))
    rows = [(c.text(f.year), c.text(esc(f.kind)), c.text(esc(f.description)), c.number(f.amount),
             c.text("Yes" if f.adds_to_contract_sum else "No")) for f in fb.funding]
    totals = fb.funding_totals
    if totals is None:
        return w.table(columns, rows)
    rows.append((c.text("Total", bold=True), c.text("Paid to the trust", bold=True),
                 c.text(_funding_apart(totals, fb.units)), c.number(totals.paid_to_trust, bold=True),
                 c.text("Yes", bold=True)))
    return w.table(columns, rows, total_rows=1)


def _funding_apart(totals: FundingTotalLine, units: Units) -> str:
    """What the total leaves out, and why: refused requests and contingency are not funding."""
    apart = [f"{what} {units.words(amount.shown)}" for what, amount in (
        ("refused requests", totals.refused), ("contingency set aside", totals.set_aside),
        ("contingency released", totals.released)) if amount.exact]
    return f"Not added in: {_join(apart)}" if apart else ""


def _handover_table(fb: FinanceBriefing, c: _Cells, w: SectionWriter) -> TableSpec | None:
    if not fb.handover:
        return None
    columns = (Column("Year", 0.14), Column("Under council control", 0.15, align=RIGHT),
               Column("Under trust control", 0.15, align=RIGHT), Column("Total budget", 0.13, align=RIGHT),
               Column("Trust share", 0.10, align=RIGHT), Column("Stage", 0.33))
    rows = []
    for line in fb.handover:
        year = f"{line.year} (this year)" if line.current else line.year  # fits on one line
        rows.append((c.text(year, bold=line.current), c.number(line.council), c.number(line.trust),
                     c.number(line.total), c.number(line.trust_share.text), c.text(esc(line.stage))))
    return w.table(columns, rows)


# The chart ------------------------------------------------------------------------------------

BUDGET_FILL = colors.white
BUDGET_HATCH = colors.HexColor("#7F7F7F")
FORECAST_FILL = HEADING
BAR = 9.0
PAIR_GAP = 1.5
GROUP_GAP = 9.0
FONT_SIZE = 7.5
#: services in one drawing; more are drawn as further charts, as a drawing cannot split
SERVICES_PER_CHART = 14


def _chart_block(fb: FinanceBriefing, w: SectionWriter) -> None:
    rows = list(fb.services)
    heading = f"Budget and forecast outturn by service, {fb.year_label} ({fb.units.heading})"
    note = ("Each service’s budget (hatched) and forecast outturn (solid), with the variance beside "
            "the forecast: + over budget, − under.")
    largest = max([max(r.budget.exact, r.forecast.exact, 0) for r in rows] + [1])
    for start in range(0, len(rows), SERVICES_PER_CHART):
        part = rows[start:start + SERVICES_PER_CHART]
        figure = Figure(budget_chart(part, fb.units, w.width, largest), chart_words(part, fb))
        if start == 0:
            w.figure(figure, heading, note)
        else:
            w.figure(figure)


def chart_words(rows: Sequence[BudgetRow], fb: FinanceBriefing) -> str:
    """What the budget chart shows, in words: the figures printed beside its bars."""
    parts = [f"{f'{row.group} (retained)' if row.retained else row.group}: budget {row.budget.text}, forecast "
             f"outturn {row.forecast.text} ({_signed(row.variance, fb.units)})" for row in rows]
    return (f"Bar chart of budget and forecast outturn by service, {fb.year_label}, in {fb.units.heading}. "
            + "; ".join(parts) + ".")


def budget_chart(rows: Sequence[BudgetRow], units: Units, width: float, largest: int | None = None) -> Drawing:
    """Paired horizontal bars, budget (hatched) over forecast (solid), one pair per service; the
    axis is in the briefing's units and runs to at least ``largest`` pence."""
    font = briefing_fonts()
    label_width = 0.26 * width
    left = label_width + 6
    value_room = max(stringWidth(f"{r.forecast.text} ({_signed(r.variance, units)})", font.regular, FONT_SIZE)
                     for r in rows) + 10 if rows else 40
    right = width - value_room
    legend_height = 20
    axis_height = 22
    group = 2 * BAR + PAIR_GAP + GROUP_GAP
    plot_height = len(rows) * group
    height = plot_height + axis_height + legend_height
    drawing = Drawing(width, height)
    per_unit = units.step * (10 if units.code == "m" else 1)  # pence in £1m or £1,000
    top_value = max([max(r.budget.exact, r.forecast.exact, 0) for r in rows] + [largest or 0]) / per_unit
    step = nice_step(top_value)
    top_tick = step * max(1, -(-top_value // step)) if top_value else step
    scale = (right - left) / top_tick
    base_y = legend_height + axis_height

    tick = 0.0
    while tick <= top_tick + 1e-9:
        x = left + tick * scale
        drawing.add(Line(x, base_y, x, base_y + plot_height, strokeColor=GRID, strokeWidth=0.4))
        drawing.add(String(x, base_y - 10, f"{tick:,g}", fontName=font.regular, fontSize=FONT_SIZE,
                           fillColor=MUTED, textAnchor="middle"))
        tick += step
    drawing.add(Line(left, base_y, left, base_y + plot_height, strokeColor=RULE, strokeWidth=0.8))
    drawing.add(Line(left, base_y, right, base_y, strokeColor=RULE, strokeWidth=0.8))
    drawing.add(String((left + right) / 2, base_y - 20, units.heading, fontName=font.regular, fontSize=FONT_SIZE,
                       fillColor=MUTED, textAnchor="middle"))

    for index, row in enumerate(rows):
        top = base_y + plot_height - index * group - GROUP_GAP / 2
        budget_y = top - BAR
        forecast_y = budget_y - PAIR_GAP - BAR
        name = f"{row.group} (retained)" if row.retained else row.group
        lines = wrap_label(name, font.regular, FONT_SIZE, label_width)
        middle = forecast_y + BAR + PAIR_GAP / 2
        for n, text in enumerate(lines):
            offset = (len(lines) - 1) * 4.5 - n * 9
            drawing.add(chart_label(label_width, middle - 2.5 + offset, text, font.regular, FONT_SIZE, INK, "end"))
        budget_len = max(row.budget.exact, 0) / per_unit * scale
        forecast_len = max(row.forecast.exact, 0) / per_unit * scale
        _hatched_bar(drawing, left, budget_y, budget_len, BAR)
        drawing.add(String(left + budget_len + 3, budget_y + 2, row.budget.text, fontName=font.regular,
                           fontSize=FONT_SIZE, fillColor=INK))
        drawing.add(Rect(left, forecast_y, forecast_len, BAR, fillColor=FORECAST_FILL,
                         strokeColor=colors.HexColor("#404040"), strokeWidth=0.5))
        label = f"{row.forecast.text} ({_signed(row.variance, units)})"
        drawing.add(String(left + forecast_len + 3, forecast_y + 2, label, fontName=font.bold,
                           fontSize=FONT_SIZE, fillColor=INK))
    _legend(drawing, font.regular)
    return drawing


def _signed(amount: Amount, units: Units) -> str:
    if amount.shown == 0:
        return "on budget" if amount.exact == 0 else units.text(0)
    digits = units.text(abs(amount.shown))
    return f"+{digits}" if amount.shown > 0 else f"−{digits}"


def _hatched_bar(drawing: Drawing, x: float, y: float, length: float, height: float) -> None:
    drawing.add(Rect(x, y, length, height, fillColor=BUDGET_FILL, strokeColor=colors.HexColor("#404040"),
                     strokeWidth=0.6))
    step = 3.5
    t = -height + step / 2
    while t < length:  # lines at 45 degrees, clipped to the bar
        v0, v1 = max(0.0, -t), min(height, length - t)
        if v0 < v1:
            drawing.add(Line(x + v0 + t, y + v0, x + v1 + t, y + v1, strokeColor=BUDGET_HATCH, strokeWidth=0.5))
        t += step


def _legend(drawing: Drawing, font: str) -> None:
    y = 3
    _hatched_bar(drawing, 0, y, 14, 9)
    drawing.add(String(19, y + 1.5, "Budget", fontName=font, fontSize=FONT_SIZE + 0.5, fillColor=INK))
    x = 19 + stringWidth("Budget", font, FONT_SIZE + 0.5) + 16
    drawing.add(Rect(x, y, 14, 9, fillColor=FORECAST_FILL, strokeColor=colors.HexColor("#404040"), strokeWidth=0.5))
    text = "Forecast outturn (variance: + over budget, − under)"
    drawing.add(String(x + 19, y + 1.5, text, fontName=font, fontSize=FONT_SIZE + 0.5, fillColor=INK))

