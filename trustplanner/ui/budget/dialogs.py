"""Dialogs for finance edits: a funding change, and the contract sum for a year.

Amounts are typed as people write them in spreadsheets (``1,200,000``, ``£1.2m`` is refused as
ambiguous) and read with the same parser as the imports. Problems show in place, and OK stays
off until the form is complete.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from trustplanner.domain.budget import FundingChange, FundingKind, year_label
from trustplanner.domain.money import MoneyError, format_pounds, parse_money
from trustplanner.services.finance import ContractSum
from trustplanner.ui.budget.models import pounds, signed_pounds

MONEY_HINT = "e.g. 1,200,000 or £1,200,000.00"


def read_amount(text: str, *, allow_zero: bool = False) -> tuple[int | None, str]:
    """(pence, problem): the amount typed, or why it cannot be one."""
    if not text.strip():
        return None, "Enter an amount."
    try:
        pence = parse_money(text)
    except MoneyError as exc:
        return None, f"{str(exc)[0].upper()}{str(exc)[1:]}."
    if pence < 0:
        return None, "Enter the amount without a minus sign."
    if pence == 0 and not allow_zero:
        return None, "The amount must be more than £0."
    return pence, ""


def year_combo(years: Sequence[int], chosen: int) -> QComboBox:
    combo = QComboBox()
    for year in sorted(set(years) | {chosen}):
        combo.addItem(year_label(year), year)
    combo.setCurrentIndex(combo.findData(chosen))
    combo.setAccessibleName("Financial year")
    return combo


def _problem_label() -> QLabel:
    label = QLabel()
    label.setObjectName("problem")
    label.setWordWrap(True)
    label.setStyleSheet("color: #7a1c12;")
    return label


class FundingChangeDialog(QDialog):
    """Add a funding change: investment, top-up, change request, or contingency set aside or released."""

    def __init__(self, years: Sequence[int], year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Add funding change")
        self.setMinimumWidth(460)
        self.change: FundingChange | None = None
        self.year = year_combo(years, year)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of change")
        for kind in FundingKind:
            self.kind.addItem(kind.label, kind.value)
        self.description = QLineEdit()
        self.description.setAccessibleName("Description")
        self.description.setPlaceholderText("e.g. Extra social workers to cut caseloads")
        self.description.setMaxLength(300)
        self.amount = QLineEdit()
        self.amount.setAccessibleName("Amount")
        self.amount.setPlaceholderText(MONEY_HINT)
        self.effect = QLabel()
        self.effect.setWordWrap(True)
        self.effect.setStyleSheet("color: #4d5666;")
        self.problem = _problem_label()
        form = QFormLayout()
        form.addRow("&Year", self.year)
        form.addRow("&Kind", self.kind)
        form.addRow("&Description", self.description)
        form.addRow("&Amount", self.amount)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Add")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.effect)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        for signal in (self.kind.currentIndexChanged, self.description.textChanged, self.amount.textChanged):
            signal.connect(self._check)
        self._check()

    def _check(self) -> None:
        kind = self.chosen_kind()
        self.effect.setText("Changes what the trust is paid (the derived contract sum)." if
                            kind is FundingKind.CHANGE_REQUEST_ACCEPTED else
                            "Paid to the trust on top of the contract sum." if kind.adds_to_contract_sum else
                            "Recorded for the briefing; the contract sum does not change.")
        amount, problem = read_amount(self.amount.text())
        if not self.description.text().strip():
            problem = "Enter a description." if self.amount.text().strip() else ""
        elif not self.amount.text().strip():
            problem = ""
        self.problem.setText(problem)
        self.ok.setEnabled(amount is not None and bool(self.description.text().strip()))

    def accept(self) -> None:
        amount, problem = read_amount(self.amount.text())
        if amount is None or not self.description.text().strip():
            self.problem.setText(problem or "Enter a description.")
            return
        self.change = FundingChange(self.year.currentData(), self.description.text().strip(), amount,
                                    self.chosen_kind())
        super().accept()

    def chosen_kind(self) -> FundingKind:
        return FundingKind(self.kind.currentData())


class ContractSumDialog(QDialog):
    """Set the contract sum for a year; the derived sum is shown beside it for reconciliation."""

    def __init__(self, sums: Sequence[ContractSum], years: Sequence[int], year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Set the contract sum")
        self.setMinimumWidth(480)
        self.sums = {s.year: s for s in sums}
        self.amount_pence: int | None = None
        self.year = year_combo(years, year)
        self.amount = QLineEdit()
        self.amount.setAccessibleName("Contract sum")
        self.amount.setPlaceholderText(MONEY_HINT)
        self.derived = QLabel()
        self.derived.setWordWrap(True)
        self.derived.setTextFormat(Qt.TextFormat.RichText)
        self.derived.setStyleSheet("color: #4d5666;")
        self.problem = _problem_label()
        form = QFormLayout()
        form.addRow("&Year", self.year)
        form.addRow("&Contract sum", self.amount)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Set")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.derived)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.year.currentIndexChanged.connect(self._year_changed)
        self.amount.textChanged.connect(self._check)
        self._year_changed()

    def _year_changed(self) -> None:
        figures = self.sums.get(self.year.currentData())
        if figures is None:
            self.derived.setText("No budget moves to the trust in this year, so there is no derived sum.")
        else:
            text = f"Derived from the budgets moving and accepted change requests: <b>{pounds(figures.derived)}</b>."
            if figures.explicit is not None:
                text += f" Set now: {pounds(figures.explicit)} ({signed_pounds(figures.reconciliation)} on derived)."
                self.amount.setText(format_pounds(figures.explicit, symbol=False,
                                                  decimals=bool(figures.explicit % 100)))
            self.derived.setText(text)
        self._check()

    def _check(self) -> None:
        amount, problem = read_amount(self.amount.text())
        self.problem.setText(problem if self.amount.text().strip() else "")
        self.ok.setEnabled(amount is not None)
        figures = self.sums.get(self.year.currentData())
        if amount is not None and figures is not None:
            self.problem.setStyleSheet("color: #4d5666;")
            self.problem.setText(f"Reconciliation: {signed_pounds(amount - figures.derived)} against the derived sum.")
        else:
            self.problem.setStyleSheet("color: #7a1c12;")

    def accept(self) -> None:
        amount, problem = read_amount(self.amount.text())
        if amount is None:
            self.problem.setText(problem)
            return
        self.amount_pence = amount
        super().accept()

    def chosen_year(self) -> int:
        return self.year.currentData()
