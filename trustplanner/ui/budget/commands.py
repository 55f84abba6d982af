"""Finance edits: funding changes, the contract sum, budget lines, and savings plans.

Each calls one service in trustplanner.services.budget, which records the change in the plan's
history (so Edit → Undo takes it back, exactly).
"""

from __future__ import annotations

from datetime import date

from trustplanner.domain.budget import BudgetLine, FundingChange, SavingsPlan
from trustplanner.services.budget import (
    add_funding_change,
    remove_funding_change,
    set_contract_sum,
    update_budget_line,
    update_savings_plan,
)
from trustplanner.ui.commands import PlanEdit


class AddFundingChange(PlanEdit):
    def __init__(self, document, change: FundingChange):
        super().__init__(document, f"Add funding change: {change.description}")
        self.change = change

    def apply(self) -> None:
        add_funding_change(self.document.plan, self.change)


class RemoveFundingChange(PlanEdit):
    def __init__(self, document, change: FundingChange):
        super().__init__(document, f"Remove funding change: {change.description}")
        self.change = change

    def apply(self) -> None:
        remove_funding_change(self.document.plan, self.change)


class SetContractSum(PlanEdit):
    """Set the contract sum for a year explicitly, or (``amount`` None) go back to the derived sum."""

    def __init__(self, document, year: int, amount: int | None):
        super().__init__(document, "Set the contract sum")
        self.year, self.amount = year, amount

    def apply(self) -> None:
        set_contract_sum(self.document.plan, self.year, self.amount)


class EditBudgetLine(PlanEdit):
    """Change a budget line's description, budget, forecast or transfers (a forecast is recorded for its period)."""

    def __init__(self, document, line: BudgetLine, *, as_of: date | None = None, **changes: object):
        super().__init__(document, f"Edit {line.cost_centre}")
        self.line, self.as_of, self.changes = line, as_of, changes

    def apply(self) -> None:
        update_budget_line(self.document.plan, self.line.year, self.line.cost_centre, as_of=self.as_of,
                           **self.changes)


class EditSavingsPlan(PlanEdit):
    """Change a savings plan's description, target, forecast, RAG or mitigation."""

    def __init__(self, document, plan: SavingsPlan, **changes: object):
        super().__init__(document, f"Edit {plan.ref}")
        self.plan, self.changes = plan, changes

    def apply(self) -> None:
        update_savings_plan(self.document.plan, self.plan.ref, **self.changes)
