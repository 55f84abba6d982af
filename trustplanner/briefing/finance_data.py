"""The finance part of a briefing's prepared data: budgets, savings, the contract sum and the
handover schedule, already rounded to the briefing's units.

Every money figure is an :class:`Amount`: the exact pence (for tests and the chart), the value
printed (a whole number of units) and its text. The preparation
(``services.finance_briefing``) does all the arithmetic and rounding; the renderer only lays out
what it is given. Savings plans are aggregates of the council's and trust's plans, not personal
data, so they are listed by reference.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from trustplanner.domain import figures
from trustplanner.domain.budget import Deliverability
from trustplanner.domain.enums import Rag
from trustplanner.domain.figures import percent_text
from trustplanner.domain.money import (
    format_millions,
    format_thousands,
    millions_digits,
    thousands_digits,
)

NOT_SET = "—"
NOT_APPLICABLE = "n/a"


@dataclass(frozen=True)
class Units:
    """How the briefing prints money: ``m`` is £m to one decimal place, ``k`` is £000."""

    code: str
    heading: str  # printed in every table heading: "£m" or "£000"
    step: int  # pence in one printed unit: £0.1m or £1,000
    label: str  # as the briefing options name it

    def text(self, shown: int) -> str:
        """Table form of a rounded amount: ``12.3`` / ``12,300``; negative in brackets."""
        digits = self._digits(abs(shown))
        return f"({digits})" if shown < 0 else digits

    def words(self, shown: int) -> str:
        """Prose form of the size of a rounded amount: ``£12.3m`` / ``£12,300,000``."""
        return format_millions(abs(shown)) if self.code == "m" else format_thousands(abs(shown))

    def _digits(self, pence: int) -> str:
        return millions_digits(pence) if self.code == "m" else thousands_digits(pence)


MILLIONS = Units("m", "£m", 10_000_000, "£m (one decimal)")
THOUSANDS = Units("k", "£000", 100_000, "£000")
UNITS = {units.code: units for units in (MILLIONS, THOUSANDS)}


@dataclass(frozen=True)
class Amount:
    """One printed amount of money."""

    exact: int  # pence
    shown: int  # pence, a whole number of units: what the page says
    text: str  # as a table prints it, e.g. "12.3" or "(0.4)"
    words: str  # its size in prose, e.g. "£12.3m" (the sentence says which way it goes)


@dataclass(frozen=True)
class Percent:
    value: Fraction | None  # None: nothing to divide by
    text: str  # "4.2%", "(1.5%)" for a negative, "n/a"


def percent(value: Fraction | None) -> Percent:
    """``4.2%`` to one decimal place (half away from zero), a negative in brackets."""
    return Percent(value, percent_text(value, brackets=True, missing=NOT_APPLICABLE))


def share(part: int, whole: int) -> Percent:
    """``part`` as a percentage of ``whole`` (n/a when ``whole`` is zero)."""
    return percent(figures.share(part, whole))


@dataclass(frozen=True)
class BudgetRow:
    """A service (or the total) in the year's budget table; variance is forecast minus budget."""

    group: str
    budget: Amount
    forecast: Amount
    variance: Amount
    percent: Percent
    retained: bool = False


@dataclass(frozen=True)
class VarianceLine:
    """A cost centre that explains the variance, or with ``cost_centre`` "" the lines not listed."""

    cost_centre: str
    description: str
    service: str
    variance: Amount


@dataclass(frozen=True)
class MovementLine:
    """A cost centre whose forecast moved since the previous period (``cost_centre`` "": the rest)."""

    cost_centre: str
    description: str
    service: str
    before: Amount  # forecast at the previous period, rounded on its own (for sentences)
    now: Amount  # forecast this period, rounded on its own (for sentences)
    movement: Amount  # now minus before; the column adds up to the total movement
    change: Amount  # now minus before, rounded on its own like ``before`` and ``now`` (for sentences)


@dataclass(frozen=True)
class SavingsRow:
    """Savings plans of one deliverability RAG (``rag`` None: all of them), or of one year."""

    label: str
    rag: Deliverability | None
    count: int
    target: Amount
    forecast: Amount  # forecast delivered
    shortfall: Amount  # target minus forecast delivered
    share: Percent | None = None  # of all plans' target
    at_risk: Amount | None = None  # in the by-year table: red and amber shortfall


@dataclass(frozen=True)
class SavingsPlanLine:
    """A red or amber savings plan, with what is being done about it."""

    ref: str
    service: str
    year: str
    description: str
    target: Amount
    forecast: Amount
    shortfall: Amount
    rag: Deliverability
    mitigation: str


@dataclass(frozen=True)
class ContractSumLine:
    year: str
    derived: Amount  # transferring budget from go-live plus accepted change requests
    explicit: Amount | None  # the sum the council set, if it has
    reconciliation: Amount | None  # explicit minus derived, as printed
    amount: Amount  # the contract sum: explicit if set, else derived
    trust_forecast: Amount  # forecast outturn of what the trust runs that year
    gap: Amount  # trust forecast minus contract sum, as printed
    start: int = 0  # the financial year as a number (2017 = 2017/18)


@dataclass(frozen=True)
class FundingLine:
    year: str
    kind: str
    description: str
    amount: Amount
    adds_to_contract_sum: bool


@dataclass(frozen=True)
class FundingTotalLine:
    """The funding changes' totals that mean something: paid to the trust, and apart from it the
    requests refused and the contingency (neither is funding)."""

    paid_to_trust: Amount
    refused: Amount
    set_aside: Amount
    released: Amount


@dataclass(frozen=True)
class ContingencyLine:
    year: str
    set_aside: Amount
    released: Amount
    held: Amount  # released + held = set aside, as printed


@dataclass(frozen=True)
class HandoverLine:
    """One year of the handover schedule: the budget under council and under trust control."""

    year: str
    council: Amount
    trust: Amount
    total: Amount  # council + trust, as printed
    trust_share: Percent
    stage: str
    current: bool = False  # the briefing's own financial year


@dataclass(frozen=True)
class FinanceBriefing:
    as_of: date
    year: int  # the financial year of the monitoring period (2016 = 2016/17)
    year_label: str
    period: int  # P1 (April) to P12 (March)
    period_label: str  # "P10 2016/17"
    units: Units
    rag: Rag
    rag_commentary: str
    services: tuple[BudgetRow, ...]  # the year's budget by service; empty with no lines that year
    total: BudgetRow
    variances: tuple[VarianceLine, ...]  # the largest lines, then the rest as one line
    variance_total: Amount
    movement: tuple[MovementLine, ...]  # the largest movements, then the rest as one line
    movement_total: Amount
    previous_period: str  # "P9 2016/17", or "" when no earlier forecast was recorded this year
    savings_by_rag: tuple[SavingsRow, ...]  # red, amber, green
    savings_total: SavingsRow
    savings_by_year: tuple[SavingsRow, ...]  # one per year with savings
    at_risk: Amount  # red and amber plans' shortfall, all years
    at_risk_share: Percent  # of the savings target, all years
    savings_at_risk: tuple[SavingsPlanLine, ...]  # red then amber
    savings_at_risk_total: SavingsPlanLine | None
    contract_sums: tuple[ContractSumLine, ...]
    funding: tuple[FundingLine, ...]
    contingency: tuple[ContingencyLine, ...]
    handover: tuple[HandoverLine, ...]
    funding_totals: FundingTotalLine | None = None  # None: no funding changes

    @property
    def has_budget(self) -> bool:
        return bool(self.services)
