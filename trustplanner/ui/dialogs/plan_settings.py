"""File → Plan settings…: every programme detail the wizard asked for, changeable after it.

Saved as one change in the plan's history (undoable), named by what changed ("Set go-live to
01/10/2027 and tolerance to 15 working days"); the rules are the wizard's and the command line's
(:mod:`trustplanner.domain.programme_rules`), checked before the dialog closes.
"""

from __future__ import annotations

from dataclasses import fields, replace

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from trustplanner.domain.enums import DeliveryModel
from trustplanner.domain.model import Programme
from trustplanner.domain.programme_rules import TOLERANCE_RANGE, TUPE_NOTICE_RANGE
from trustplanner.services.plans import programme_problems
from trustplanner.ui.date_field import DateField, refused_dates
from trustplanner.ui.marking_field import MarkingField
from trustplanner.ui.widgets import MessageBar

#: the form's words for the rules' field names, so a problem names the field the user sees
FIELD_LABELS = {"council": "Council", "trust": "Trust or company", "delivery_model": "Delivery model",
                "decision": "Cabinet decision", "shadow": "Shadow operation starts", "go_live": "Go-live",
                "status_date": "Status date", "tolerance": "RAG tolerance", "tupe_notice_days": "TUPE notice",
                "marking": "Protective marking"}


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #555;")
    return label


def _beside(field, text: str) -> QWidget:
    """A field with its explanation to its right (the dialog fits a laptop at 125% that way)."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(field)
    layout.addWidget(_hint(text), 1)
    return row


class PlanSettingsDialog(QDialog):
    def __init__(self, programme: Programme, parent=None, *, read_only: bool = False):
        super().__init__(parent)
        self.programme = programme
        self.result_programme: Programme | None = None
        self.setWindowTitle("Plan settings")
        p = programme
        self.council = QLineEdit(p.council)
        self.trust = QLineEdit(p.trust)
        self.delivery_model = QComboBox()
        for model in DeliveryModel:
            self.delivery_model.addItem(model.label, model)
        self.delivery_model.setCurrentIndex(self.delivery_model.findData(p.delivery_model))
        self.decision_date = DateField(p.decision_date, clearable=True, fallback=p.go_live)
        self.decision_date.setPlaceholderText("blank: not yet decided")
        self.shadow_start = DateField(p.shadow_start, clearable=True, fallback=p.go_live)
        self.shadow_start.setPlaceholderText("blank: no shadow stage")
        self.go_live = DateField(p.go_live)
        self.status_date = DateField(p.status_date, clearable=True)
        self.status_date.setPlaceholderText("blank: today")
        self.tolerance = QSpinBox()
        self.tolerance.setRange(*TOLERANCE_RANGE)
        self.tolerance.setSuffix(" working days")
        self.tolerance.setValue(p.tolerance_days)
        self.tolerance.setMinimumWidth(160)
        self.tupe_notice = QSpinBox()
        self.tupe_notice.setRange(*TUPE_NOTICE_RANGE)
        self.tupe_notice.setSuffix(" days")
        self.tupe_notice.setValue(p.tupe_notice_days)
        self.tupe_notice.setMinimumWidth(160)
        self.marking = MarkingField(p.marking)
        for widget, name in ((self.council, "Council"), (self.trust, "Trust or company"),
                             (self.delivery_model, "Delivery model"), (self.decision_date, "Cabinet decision date"),
                             (self.shadow_start, "Shadow operation starts"), (self.go_live, "Go-live"),
                             (self.status_date, "Status date"), (self.tolerance, "RAG tolerance"),
                             (self.tupe_notice, "TUPE notice")):
            widget.setAccessibleName(name)
        form = QFormLayout()
        form.addRow("&Council", self.council)
        form.addRow("&Trust or company", self.trust)
        form.addRow("&Delivery model", self.delivery_model)
        form.addRow("Cabinet d&ecision", self.decision_date)
        form.addRow("&Shadow operation starts", self.shadow_start)
        form.addRow("&Go-live (vesting day)", _beside(self.go_live, "Services without a go-live of their own, and "
                                                                    "the TUPE deadlines, follow it."))
        form.addRow("Status d&ate", self.status_date)
        form.addRow("RAG t&olerance", _beside(self.tolerance, "Slipping within it is amber; beyond it, red."))
        form.addRow("TUPE &notice", _beside(self.tupe_notice, "Staff representatives are told this long before "
                                                              "a transfer."))
        form.addRow("Protective &marking", self.marking)
        form.addRow("", _hint("Printed at the top and bottom of every briefing page."))
        self.messages = MessageBar()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if read_only:
            layout.addWidget(_hint("This plan is open read-only: the settings are shown, not changed."))
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
        layout.addLayout(form)
        layout.addWidget(self.messages)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def candidate(self) -> Programme:
        return replace(self.programme, council=self.council.text().strip(), trust=self.trust.text().strip(),
                       delivery_model=DeliveryModel(self.delivery_model.currentData()), decision_date=self.decision_date.value(),
                       shadow_start=self.shadow_start.value(), go_live=self.go_live.value(),
                       status_date=self.status_date.value(), tolerance_days=self.tolerance.value(),
                       tupe_notice_days=self.tupe_notice.value(), marking=self.marking.text().strip())

    def changes(self) -> dict[str, object]:
        """The programme details the user changed (name: new value)."""
        if self.result_programme is None:
            return {}
        return {f.name: getattr(self.result_programme, f.name) for f in fields(Programme)
                if getattr(self.result_programme, f.name) != getattr(self.programme, f.name)}

    def accept(self) -> None:
        dates = {"Cabinet decision": self.decision_date, "Shadow operation starts": self.shadow_start,
                 "Go-live": self.go_live, "Status date": self.status_date}
        if refused := refused_dates(dates):
            self.messages.show_message("\n".join(refused))
            return
        candidate = self.candidate()
        if problems := programme_problems(candidate):
            self.messages.show_message("\n".join(f"{FIELD_LABELS.get(p.column, p.column)}: {p.message}"
                                                 for p in problems))
            return
        self.result_programme = candidate
        super().accept()
