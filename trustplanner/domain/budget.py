"""Budgets, savings and the contract sum: the money side of the handover, in integer pence.

A financial year is held as the calendar year it starts in (2017 means 2017/18, 1 April 2017 to
31 March 2018) and written ``2017/18``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from trustplanner.domain.calendar import format_financial_year
from trustplanner.domain.dates import financial_year_problem
from trustplanner.domain.money import round_half_up


class FundingKind(StrEnum):
    IMPROVEMENT_INVESTMENT = "improvement_investment"
    COUNCIL_TOP_UP = "council_top_up"
    CHANGE_REQUEST_ACCEPTED = "change_request_accepted"
    CHANGE_REQUEST_REFUSED = "change_request_refused"
    CONTINGENCY_SET_ASIDE = "contingency_set_aside"
    CONTINGENCY_RELEASED = "contingency_released"

    @property
    def label(self) -> str:
        return {
            "improvement_investment": "Improvement investment",
            "council_top_up": "Council top-up",
            "change_request_accepted": "Change request accepted",
            "change_request_refused": "Change request refused",
            "contingency_set_aside": "Contingency set aside",
            "contingency_released": "Contingency released",
        }[self.value]

    @property
    def adds_to_contract_sum(self) -> bool:
        """Accepted change requests, top-ups and investment paid to the trust change what it is paid."""
        return self in (FundingKind.CHANGE_REQUEST_ACCEPTED, FundingKind.COUNCIL_TOP_UP,
                        FundingKind.IMPROVEMENT_INVESTMENT)


class Deliverability(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def letter(self) -> str:
        return self.value[0].upper()


@dataclass(frozen=True, slots=True)
class BudgetLine:
    service: str
    year: int  # financial year start
    cost_centre: str
    description: str
    budget: int  # pence
    forecast: int  # forecast outturn, pence
    transfers: bool  # moves to the trust from the service's go-live

    @property
    def key(self) -> tuple[int, str]:
        return (self.year, self.cost_centre)

    @property
    def variance(self) -> int:
        """Forecast minus budget: an overspend is positive."""
        return self.forecast - self.budget


@dataclass(frozen=True, slots=True)
class SavingsPlan:
    ref: str
    service: str
    year: int
    description: str
    target: int  # pence
    forecast: int  # forecast delivered, pence
    rag: Deliverability
    mitigation: str = ""

    @property
    def shortfall(self) -> int:
        return max(self.target - self.forecast, 0)


@dataclass(frozen=True, slots=True)
class FundingChange:
    year: int
    description: str
    amount: int  # pence
    kind: FundingKind


_YEAR = re.compile(r"^(?:FY\s*)?(\d{4})\s*[/-]\s*(\d{2}|\d{4})$", re.IGNORECASE)


class YearError(ValueError):
    pass


def parse_financial_year(text: str) -> int:
    """``2017/18`` (also ``2017-18``, ``2017/2018``) to 2017; anything spanning other than one year is refused."""
    match = _YEAR.match(text.strip())
    if match is None:
        raise YearError(f"'{text}' is not a financial year; write it like 2017/18")
    start, end = int(match.group(1)), match.group(2)
    end_year = int(end) if len(end) == 4 else (start // 100) * 100 + int(end)
    if len(end) == 2 and end_year < start:
        end_year += 100
    if end_year != start + 1:
        raise YearError(f"'{text}' is not a financial year (it must run from one April to the next); "
                        f"write it like {start}/{(start + 1) % 100:02d}")
    if message := financial_year_problem(start, text.strip()):
        raise YearError(message)
    return start


def year_label(year: int) -> str:
    return format_financial_year(year)


def trust_share_months(year: int, go_live: date) -> int:
    """How many of the year's 12 monitoring periods fall on or after go-live (0 to 12)."""
    if go_live <= date(year, 4, 1):
        return 12
    if go_live > date(year + 1, 3, 31):
        return 0
    months_before = (go_live.year - year) * 12 + go_live.month - 4
    if go_live.day > 1:
        months_before += 1  # a part month stays with the council
    return max(0, min(12, 12 - months_before))


def share_of(amount: int, months: int) -> int:
    """``amount`` x months/12, rounded half away from zero to the penny."""
    numerator = amount * months
    quotient, remainder = divmod(abs(numerator), 12)
    if remainder * 2 >= 12:
        quotient += 1
    return quotient if numerator >= 0 else -quotient


def round_to_total(values: list[int], unit: int) -> list[int]:
    """Round each value to a multiple of ``unit`` so the rounded parts add up to the rounded total.

    Largest-remainder rounding: used for tables in £m or £000 whose totals must add up on paper.
    """
    if not values:
        return []
    total = sum(values)
    target = round_half_up(total, unit)
    floors = [(v // unit) * unit for v in values]
    remainders = sorted(range(len(values)), key=lambda i: (values[i] - floors[i], -i), reverse=True)
    gap = (target - sum(floors)) // unit
    result = list(floors)
    if gap >= 0:
        for i in remainders[:gap]:
            result[i] += unit
    else:
        for i in list(reversed(remainders))[: -gap]:
            result[i] -= unit
    return result

