"""Undoable finance edits: funding changes, the contract sum, budget lines, savings plans and imports.

Each command holds plain records and calls trustplanner.services.budget in redo() and undo().
An import or in-place edit captures every finance row before it runs (and after, for redo), so undo puts the
plan's finance back exactly.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from trustplanner.domain.budget import (
    BudgetLine,
    FundingChange,
    SavingsPlan,
    year_label,
)
from trustplanner.domain.money import format_pounds
from trustplanner.services.budget import (
    FinanceImportResult,
    FinanceState,
    add_funding_change,
    finance_state,
    import_budget,
    import_savings,
    remove_funding_change,
    restore_finance_state,
    set_contract_sum,
    update_budget_line,
    update_savings_plan,
)
from trustplanner.ui.commands import PlanCommand


class AddFundingChange(PlanCommand):
    def __init__(self, document, change: FundingChange):
        super().__init__(document, f"Add funding change: {change.kind.label.lower()} "
                                   f"{format_pounds(change.amount, decimals=False)} ({year_label(change.year)})")
        self.change = replace(change, description=change.description.strip())  # as the service stores it

    def apply(self) -> None:
        add_funding_change(self.document.plan, self.change)

    def revert(self) -> None:
        remove_funding_change(self.document.plan, self.change)


class RemoveFundingChange(PlanCommand):
    def __init__(self, document, change: FundingChange):
        super().__init__(document, f"Remove funding change: {change.description}")
        self.change = change
        self.before: FinanceState | None = None

    def apply(self) -> None:
        self.before = finance_state(self.document.plan)  # undo puts it back in its place in the list
        remove_funding_change(self.document.plan, self.change)

    def revert(self) -> None:
        restore_finance_state(self.document.plan, self.before)


class SetContractSum(PlanCommand):
    """Set the contract sum for a year explicitly, or (``amount`` None) go back to the derived sum."""

    def __init__(self, document, year: int, amount: int | None):
        text = (f"Clear the contract sum for {year_label(year)}" if amount is None else
                f"Set the contract sum for {year_label(year)} to {format_pounds(amount, decimals=False)}")
        super().__init__(document, text)
        self.year, self.amount = year, amount
        self.previous: int | None = None

    def apply(self) -> None:
        self.previous = set_contract_sum(self.document.plan, self.year, self.amount)

    def revert(self) -> None:
        set_contract_sum(self.document.plan, self.year, self.previous)


class ImportFinance(PlanCommand):
    """Import a budget (forecasts recorded for the period of ``as_of``) or a savings file."""

    def __init__(self, document, kind: str, path: str, as_of: date | None = None):
        label = "budget" if kind == "budget" else "savings plans"
        super().__init__(document, f"Import {label} as at {as_of:%d/%m/%Y}" if as_of else f"Import {label}")
        self.kind, self.path, self.as_of = kind, path, as_of
        self.result: FinanceImportResult | None = None
        self.before: FinanceState | None = None
        self.after: FinanceState | None = None

    def apply(self) -> None:
        if self.after is not None:  # redo after an undo
            restore_finance_state(self.document.plan, self.after)
            return
        self.before = finance_state(self.document.plan)
        if self.kind == "budget":
            self.result = import_budget(self.document.plan, self.path, as_of=self.as_of)
        else:
            self.result = import_savings(self.document.plan, self.path)
        self.after = finance_state(self.document.plan)

    def revert(self) -> None:
        restore_finance_state(self.document.plan, self.before)


class _FinanceEdit(PlanCommand):
    """An in-place edit: undo restores every finance row captured before; redo puts back the result."""

    def __init__(self, document, text: str):
        super().__init__(document, text)
        self.before: FinanceState | None = None
        self.after: FinanceState | None = None

    def apply(self) -> None:
        if self.after is not None:  # redo after an undo
            restore_finance_state(self.document.plan, self.after)
            return
        self.before = finance_state(self.document.plan)
        self.edit()
        self.after = finance_state(self.document.plan)

    def revert(self) -> None:
        restore_finance_state(self.document.plan, self.before)

    def edit(self) -> None:
        raise NotImplementedError


class EditBudgetLine(_FinanceEdit):
    """Change a budget line's description, budget, forecast or transfers (a forecast is recorded for its period)."""

    def __init__(self, document, line: BudgetLine, *, as_of: date | None = None, **changes: object):
        super().__init__(document, f"Edit {line.cost_centre} {year_label(line.year)}")
        self.line, self.as_of, self.changes = line, as_of, changes

    def edit(self) -> None:
        update_budget_line(self.document.plan, self.line.year, self.line.cost_centre, as_of=self.as_of,
                           **self.changes)


class EditSavingsPlan(_FinanceEdit):
    """Change a savings plan's description, target, forecast, RAG or mitigation."""

    def __init__(self, document, plan: SavingsPlan, **changes: object):
        super().__init__(document, f"Edit {plan.ref}")
        self.plan, self.changes = plan, changes

    def edit(self) -> None:
        update_savings_plan(self.document.plan, self.plan.ref, **self.changes)
