"""The Budget page's summary: headline figures in £m and three charts.

Everything shown is handed in already worked out by services.finance for the chosen year and
monitoring period (see :class:`FinanceView`), the same functions the briefing uses.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from trustplanner.domain.budget import year_label
from trustplanner.services import finance
from trustplanner.services.budget import FinanceSnapshot
from trustplanner.services.finance import ContractSum, ControlSplit, SavingsFigures
from trustplanner.services.snapshot import PlanSnapshot
from trustplanner.ui.budget.charts import (
    BudgetForecastChart,
    ControlSplitChart,
    SavingsRagChart,
)
from trustplanner.ui.budget.models import (
    LineFigures,
    ServiceBudget,
    millions,
    over_in_millions,
    percent,
    pounds,
    service_total,
    signed_pounds,
)
from trustplanner.ui.overview.cards import CARD_STYLE, Tile
from trustplanner.ui.summary_tiles import chart_card, tile_row

OVER = "#b71c1c"
TILES = ("Budget", "Forecast outturn", "Variance", "Savings at risk", "Contract sum", "Contingency held")


@dataclass(frozen=True)
class FinanceView:
    """The figures on screen: one year, as of one monitoring period."""

    year: int
    period: int
    services: list[ServiceBudget]
    line_count: int
    savings: list[SavingsFigures]  # finance.savings_by_rag for the year (red, amber, green, total)
    at_risk: int
    contract_sums: list[ContractSum]
    splits: list[ControlSplit]
    contingency: tuple[int, int, int]  # set aside, released, held (the year)
    lines: list[LineFigures]  # the year's budget lines, in the plan's service order

    def contract_sum(self) -> ContractSum | None:
        """The chosen year's contract sum, or else the first one after it (the trust's first year)."""
        later = [s for s in self.contract_sums if s.year >= self.year]
        return later[0] if later else None


def finance_view(snapshot: PlanSnapshot, f: FinanceSnapshot, year: int, period: int) -> FinanceView:
    """Every figure the page shows for ``year`` as of ``period``, from services.finance."""
    order = {service.name: n for n, service in enumerate(snapshot.services)}
    moved = {line.key: now - before for line, before, now in finance.movement(f, year, period)}
    lines = []
    for line in sorted((l for l in f.lines if l.year == year), key=lambda l: (order.get(l.service, len(order)), l.key)):
        reported = any(p < period for p in f.history.get(line.key, {}))  # else there is no movement to show
        lines.append(LineFigures(line, line.service, line.cost_centre, line.description, line.budget,
                                 finance.forecast_at(line, f, year, period), line.transfers,
                                 moved.get(line.key, 0) if reported else None))
    services = []
    for figures in sorted(finance.year_budget(f, year, period), key=lambda g: (order.get(g.group, len(order)), g.group)):
        movements = [r.movement for r in lines if r.service == figures.group and r.movement is not None]
        services.append(ServiceBudget(figures.group, figures.budget, figures.forecast,
                                      sum(movements) if movements else None))
    splits = [finance.control_split(snapshot, f, y) for y in sorted({line.year for line in f.lines})]
    return FinanceView(year, period, services, len(lines), finance.savings_by_rag(f, year), finance.at_risk(f, year),
                       finance.contract_sums(snapshot, f, period, year), splits, finance.contingency(f, year), lines)


class FitTile(Tile):
    """A tile whose caption is the longest of its wordings that fits, so it is never cut off."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(title, parent)
        self.captions: tuple[str, ...] = ("",)
        self.caption.setWordWrap(False)
        self.caption.setMinimumWidth(1)

    def set_captions(self, value: str, captions: tuple[str, ...], colour: str | None = None) -> None:
        self.captions = captions
        self.set_figure(value, captions[0], colour)
        self._fit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        room = self.contentsRect().width() - 24
        metrics = self.caption.fontMetrics()
        self.caption.setText(next((text for text in self.captions if metrics.horizontalAdvance(text) <= room),
                                  self.captions[-1]))


def tile_figures(view: FinanceView) -> dict[str, tuple[str, tuple[str, ...], str, str | None]]:
    """Tile title -> (value, captions from the longest to the shortest, tooltip, colour)."""
    total = service_total(view.services)
    label = year_label(view.year)
    target = next((s.target for s in view.savings if s.rag is None), 0)
    set_aside, released, held = view.contingency
    over = over_in_millions(total.variance)  # the tile shows £m: its colour and words follow that figure
    tiles = {
        "Budget": (millions(total.budget), (f"{view.line_count:,} lines · {len(view.services):,} services",
                                            f"{view.line_count:,} lines"),
                   f"Budget {label}: {pounds(total.budget)}", None),
        "Forecast outturn": (millions(total.forecast), (f"as reported at P{view.period}", f"at P{view.period}"),
                             f"Forecast outturn for {label} as reported at P{view.period}: {pounds(total.forecast)}",
                             None),
        "Variance": (millions(total.variance, signed=True),
                     (f"{percent(total.variance_percent)} " + ("overspend" if over > 0 else "underspend"
                                                               if over < 0 else "on budget"),
                      percent(total.variance_percent)),
                     f"Forecast minus budget: {signed_pounds(total.variance)}", OVER if over > 0 else None),
        "Savings at risk": (millions(view.at_risk), (f"of {millions(target)} target", f"of {millions(target)}"),
                            (f"Red and amber savings for {label} not forecast to be delivered: {pounds(view.at_risk)} "
                             f"of a target of {pounds(target)}"), OVER if view.at_risk else None),
        "Contingency held": (millions(held), (f"of {millions(set_aside)} set aside", f"of {millions(set_aside)}"),
                             (f"Contingency for {label}: {pounds(set_aside)} set aside, {pounds(released)} released, "
                              f"{pounds(held)} still held"), None),
    }
    chosen = view.contract_sum()
    if chosen is None:
        tiles["Contract sum"] = ("—", ("none from this year", "none"), "No budget moves to the trust from this year",
                                 None)
    else:
        how = "set" if chosen.explicit is not None else "derived"
        gap = millions(chosen.gap, signed=True)
        tiles["Contract sum"] = (millions(chosen.amount), (f"{year_label(chosen.year)} {how} · gap {gap}",
                                                           f"{year_label(chosen.year)} · gap {gap}", f"gap {gap}"),
                                 (f"Contract sum {year_label(chosen.year)} ({how}): {pounds(chosen.amount)}; trust "
                                  f"forecast {pounds(chosen.trust_forecast)}; gap {signed_pounds(chosen.gap)}"), None)
    return {title: tiles[title] for title in TILES}


class BudgetSummary(QWidget):
    """Tiles over three chart cards; :meth:`show_view` fills them."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setStyleSheet(CARD_STYLE)
        self.view: FinanceView | None = None
        grid, self.tiles = tile_row(TILES, FitTile)
        self.budget_chart = BudgetForecastChart()
        self.savings_chart = SavingsRagChart()
        self.control_chart = ControlSplitChart()
        self.budget_card = chart_card("Budget and forecast by service", self.budget_chart)
        self.savings_card = chart_card("Savings by deliverability", self.savings_chart)
        self.control_card = chart_card("Budget under council and trust control", self.control_chart)
        charts = QHBoxLayout()
        charts.setSpacing(8)
        charts.addWidget(self.budget_card, 5)
        charts.addWidget(self.savings_card, 4)
        charts.addWidget(self.control_card, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(grid)
        layout.addLayout(charts, 1)

    def show_view(self, view: FinanceView) -> None:
        self.view = view
        label = year_label(view.year)
        for title, (value, captions, tip, colour) in tile_figures(view).items():
            self.tiles[title].set_captions(value, captions, colour)
            self.tiles[title].setToolTip(tip)
        self.tiles["Budget"].title.setText(f"Budget {label}")
        self.budget_card.title.setText(f"Budget and forecast by service, {label} (P{view.period})")
        self.savings_card.title.setText(f"Savings by deliverability, {label}")
        self.budget_chart.set_figures(view.services)
        self.savings_chart.set_figures(view.savings, view.at_risk)
        self.control_chart.set_splits(view.splits, view.year)
