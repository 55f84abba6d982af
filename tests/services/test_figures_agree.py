"""One amount prints one way in every section of a briefing and on every page (issue 8, section 4).

The figures are worked by hand: £2,500 is £3,000 to the nearest thousand (half up), £1,250,000
is £1.3m to one decimal place of a million.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from trustplanner.domain.budget import FundingChange, FundingKind
from trustplanner.domain.enums import DeliveryModel
from trustplanner.domain.model import Programme, Service
from trustplanner.domain.staff import FTE_SCALE, Employment, Pension, StaffRecord
from trustplanner.services.budget import FinanceSnapshot
from trustplanner.services.finance_briefing import prepare_finance
from trustplanner.services.snapshot import PlanSnapshot
from trustplanner.services.workforce import figures_for
from trustplanner.services.workforce_briefing import prepare_workforce

AS_OF = date(2017, 1, 16)
PROGRAMME = Programme(council="Sunderland City Council", trust="Together for Children Sunderland",
                      delivery_model=DeliveryModel.COUNCIL_OWNED_COMPANY, go_live=date(2017, 4, 1),
                      shadow_start=date(2016, 9, 1), status_date=AS_OF)
SNAPSHOT = PlanSnapshot(PROGRAMME, (Service("Social care"),), ())


def agency_staff(total_pounds: int) -> list[StaffRecord]:
    """Five agency workers (the smallest group the briefing shows) costing ``total_pounds`` in all."""
    return [StaffRecord(ref=f"A{n}", service="Social care", employment=Employment.AGENCY, fte=FTE_SCALE,
                        annual_cost=total_pounds * 100 // 5, tupe=False, role="Agency social worker",
                        pension=Pension.NONE) for n in range(5)]


def workforce_text(pence: int) -> str:
    workforce = prepare_workforce(SNAPSHOT, agency_staff(pence // 100), AS_OF)
    assert workforce is not None and workforce.agency_cost.cost.value == pence
    return workforce.agency_cost.cost.text


def finance_amount(pence: int, units: str):
    finance = FinanceSnapshot(lines=(), history={}, savings=(), contract_sums={},
                              funding=(FundingChange(2016, "Top-up", pence, FundingKind.COUNCIL_TOP_UP),))
    prepared = prepare_finance(SNAPSHOT, finance, AS_OF, units)
    assert prepared is not None
    return prepared.funding[0].amount


@pytest.mark.parametrize(("pence", "thousands", "in_thousands"), [
    (2_500_00, "3", "£3,000"),
    (2_449_00, "2", "£2,000"),
    (7_500_00, "8", "£8,000"),
    (430_500_00, "431", "£431,000"),
])
def test_a_sum_under_a_million_prints_the_same_in_the_workforce_and_finance_sections(pence, thousands,
                                                                                     in_thousands):
    from trustplanner.ui.budget.models import pounds

    amount = finance_amount(pence, "k")
    assert (amount.text, amount.words) == (thousands, in_thousands)
    assert workforce_text(pence) == in_thousands
    assert pounds(amount.shown) == in_thousands  # the Budget page's whole-pounds form of the printed figure


@pytest.mark.parametrize(("pence", "tenths", "in_millions"), [
    (1_250_000_00, "1.3", "£1.3m"),  # banker's rounding would print £1.2m
    (1_150_000_00, "1.2", "£1.2m"),  # 1.15 as a float prints 1.1
    (2_949_999_00, "2.9", "£2.9m"),
])
def test_a_sum_in_millions_prints_the_same_in_every_section_and_page(pence, tenths, in_millions):
    from trustplanner.ui.budget.models import millions
    from trustplanner.ui.staff.summary import headline

    amount = finance_amount(pence, "m")
    assert (amount.text, amount.words) == (tenths, in_millions)
    assert workforce_text(pence) == in_millions
    assert millions(pence) == in_millions  # Budget page tiles
    # Staff page: five permanent staff at £40,000 and five agency workers costing pence more in all
    permanent = [StaffRecord(ref=f"P{n}", service="Social care", employment=Employment.PERMANENT, fte=FTE_SCALE,
                             annual_cost=40_000_00, tupe=True, role="Social worker") for n in range(5)]
    agency = [replace(r, annual_cost=40_000_00 + pence // 5) for r in agency_staff(0)]
    figures = figures_for("Social care", permanent + agency)
    assert figures.agency_premium == pence
    assert headline(figures)["Agency premium"][0] == in_millions
