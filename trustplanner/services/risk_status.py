"""The register's line in the programme's status: the Risk row of the briefing's status table, the
Overview's letter and ``check``'s position line (one :class:`~trustplanner.services.status_areas.StatusArea`).

Only the status is prepared here; the briefing's risks and decisions sections are their own work.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from trustplanner.briefing.data import StatusRow
from trustplanner.domain.enums import Rag
from trustplanner.domain.risk_rules import action_overdue, band, register_rag
from trustplanner.domain.risks import RiskRegister, RiskStatus


@dataclass(frozen=True)
class RiskPosition:
    rag: Rag
    open: int
    at_escalation: int
    amber: int
    overdue_actions: int
    escalation_score: int

    @property
    def commentary(self) -> str:
        parts = []
        if self.at_escalation:
            parts.append(f"{self.at_escalation} open risk{'s' if self.at_escalation != 1 else ''} at or above the "
                         f"escalation score ({self.escalation_score})")
        if self.amber:
            parts.append(f"{self.amber} more above the green band" if parts else f"{self.amber} above the green band")
        if self.overdue_actions:
            parts.append(f"{self.overdue_actions} action{'s' if self.overdue_actions != 1 else ''} overdue")
        if not parts:
            return f"{self.open} open risk{'s' if self.open != 1 else ''}, none above the green band."
        return "; ".join(parts).capitalize() + "."


def prepare_risk_position(register: RiskRegister | None, as_of: date) -> RiskPosition | None:
    """The register's status as of ``as_of``; None when the plan has no risks (no row)."""
    if register is None or not register.risks:
        return None
    appetite = register.appetite
    open_risks = [r for r in register.risks if r.status is RiskStatus.OPEN]
    refs = {r.ref for r in open_risks}
    at_escalation = sum(r.current.value >= appetite.escalation_score for r in open_risks)
    amber = sum(r.current.value < appetite.escalation_score and band(r.current.value, appetite) is not Rag.GREEN
                for r in open_risks)
    overdue = sum(a.risk in refs and action_overdue(a, as_of) is not None for a in register.actions)
    return RiskPosition(register_rag(register.risks, register.actions, appetite, as_of), len(open_risks),
                        at_escalation, amber, overdue, appetite.escalation_score)


def risk_status_row(position: RiskPosition) -> StatusRow:
    """The status table's Risk row (no last period: earlier briefings did not record it)."""
    return StatusRow("Risk", position.rag, None, position.commentary,
                     f"red if any open risk is at or above the escalation score ({position.escalation_score}); "
                     "amber if any is in the amber band or any action is overdue")
