"""Edits of the risk register and the decisions log. Each calls one service in services/risks.py or
services/decisions.py, which records one change in the plan's history (so Edit → Undo reverses it)."""

from __future__ import annotations

from datetime import date

from trustplanner.domain.risks import Decision, Risk, RiskAction, Score
from trustplanner.services import decisions as decision_service
from trustplanner.services import risk_categories as category_service
from trustplanner.services import risks as risk_service
from trustplanner.ui.commands import PlanEdit


class AddRisk(PlanEdit):
    def __init__(self, document, risk: Risk):
        super().__init__(document, f"Add risk {risk.ref}")
        self.risk = risk

    def apply(self) -> None:
        risk_service.add_risk(self.document.plan, self.risk)


class UpdateRisk(PlanEdit):
    """Replace a risk (a changed current score is recorded as a review with ``note``)."""

    def __init__(self, document, old: Risk, new: Risk, note: str = ""):
        super().__init__(document, f"Edit risk {old.ref}")
        self.old, self.new, self.note = old, new, note

    def apply(self) -> None:
        risk_service.update_risk(self.document.plan, self.old.ref, self.new, note=self.note)


class RescoreRisk(PlanEdit):
    def __init__(self, document, ref: str, score: Score, on: date | None, note: str, next_review: date | None = None):
        super().__init__(document, f"Re-score risk {ref}")
        self.ref, self.score, self.on, self.note, self.next_review = ref, score, on, note, next_review

    def apply(self) -> None:
        risk_service.rescore_risk(self.document.plan, self.ref, self.score, on=self.on, note=self.note,
                                  next_review=self.next_review)


class DeleteRisk(PlanEdit):
    def __init__(self, document, ref: str):
        super().__init__(document, f"Delete risk {ref}")
        self.ref = ref

    def apply(self) -> None:
        risk_service.delete_risk(self.document.plan, self.ref)


class AddAction(PlanEdit):
    def __init__(self, document, action: RiskAction):
        super().__init__(document, f"Add an action to {action.risk}")
        self.action = action

    def apply(self) -> None:
        risk_service.add_action(self.document.plan, self.action)


class UpdateAction(PlanEdit):
    def __init__(self, document, old: RiskAction, new: RiskAction):
        super().__init__(document, f"Edit an action of {old.risk}")
        self.old, self.new = old, new

    def apply(self) -> None:
        risk_service.update_action(self.document.plan, self.old.risk, self.old.action, self.new)


class AddDecision(PlanEdit):
    def __init__(self, document, decision: Decision):
        super().__init__(document, f"Add decision {decision.ref}")
        self.decision = decision

    def apply(self) -> None:
        decision_service.add_decision(self.document.plan, self.decision)


class UpdateDecision(PlanEdit):
    def __init__(self, document, old: Decision, new: Decision):
        super().__init__(document, f"Edit decision {old.ref}")
        self.old, self.new = old, new

    def apply(self) -> None:
        decision_service.update_decision(self.document.plan, self.old.ref, self.new)


class RecordDecisionMade(PlanEdit):
    def __init__(self, document, ref: str, made_on: date, wording: str | None = None):
        super().__init__(document, f"Record decision {ref} as made")
        self.ref, self.made_on, self.wording = ref, made_on, wording

    def apply(self) -> None:
        decision_service.record_decision_made(self.document.plan, self.ref, self.made_on, wording=self.wording)


class DeleteDecision(PlanEdit):
    def __init__(self, document, ref: str):
        super().__init__(document, f"Delete decision {ref}")
        self.ref = ref

    def apply(self) -> None:
        decision_service.delete_decision(self.document.plan, self.ref)


class SetAppetite(PlanEdit):
    def __init__(self, document, appetite):  # noqa: ANN001
        super().__init__(document, f"Set the risk appetite (escalate at {appetite.escalation_score})")
        self.appetite = appetite

    def apply(self) -> None:
        risk_service.set_risk_appetite(self.document.plan, self.appetite)


class AddCategory(PlanEdit):
    def __init__(self, document, name: str):  # noqa: ANN001
        super().__init__(document, f"Add risk category {name.strip()}")
        self.name = name

    def apply(self) -> None:
        category_service.add_category(self.document.plan, self.name)


class RenameCategory(PlanEdit):
    def __init__(self, document, old: str, new: str):  # noqa: ANN001
        super().__init__(document, f"Rename risk category {old} to {new.strip()}")
        self.old, self.new = old, new

    def apply(self) -> None:
        category_service.rename_category(self.document.plan, self.old, self.new)


class RemoveCategory(PlanEdit):
    def __init__(self, document, name: str):  # noqa: ANN001
        super().__init__(document, f"Remove risk category {name}")
        self.name = name

    def apply(self) -> None:
        category_service.remove_category(self.document.plan, self.name)
