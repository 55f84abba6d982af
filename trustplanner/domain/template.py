"""The standard transition template: the usual milestones of a move into a trust.

Each entry sits a number of working days before (negative) or after go-live, following the
typical order in the domain brief (T-18 months to T+6 months); dates are scheduled backwards
from go-live on working days so that none lands on a weekend or bank holiday.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from trustplanner.domain.calendar import add_working_days
from trustplanner.domain.enums import Stage, Workstream
from trustplanner.domain.model import Milestone


@dataclass(frozen=True)
class TemplateMilestone:
    ref: str
    title: str
    workstream: Workstream
    stage: Stage
    offset: int  # working days from go-live
    depends_on: tuple[str, ...] = ()


C, S, I = Stage.COUNCIL, Stage.SHADOW, Stage.INDEPENDENT
W = Workstream

STANDARD_TEMPLATE: tuple[TemplateMilestone, ...] = (
    TemplateMilestone("GOV-01", "Commissioner report and statutory direction", W.GOVERNANCE, C, -380),
    TemplateMilestone("GOV-02", "Memorandum of understanding with DfE and commissioner", W.GOVERNANCE, C, -350, ("GOV-01",)),
    TemplateMilestone("GOV-03", "Cabinet decision in principle", W.GOVERNANCE, C, -330, ("GOV-02",)),
    TemplateMilestone("LEG-01", "Legal, financial and HR advisers appointed", W.LEGAL, C, -300, ("GOV-03",)),
    TemplateMilestone("CON-01", "Scope of transferring services agreed", W.CONTRACT, C, -260, ("GOV-03",)),
    TemplateMilestone("LEG-02", "Company incorporated", W.LEGAL, C, -255, ("LEG-01",)),
    TemplateMilestone("GOV-04", "Chair and shadow board appointed", W.GOVERNANCE, C, -252, ("LEG-02",)),
    TemplateMilestone("GOV-05", "Shadow operation starts", W.GOVERNANCE, S, -250, ("GOV-04", "CON-01")),
    TemplateMilestone("HR-01", "Staff engagement programme launched", W.HR, S, -190, ("GOV-05",)),
    TemplateMilestone("PEN-01", "Pension fund and actuary engaged", W.PENSIONS, S, -190, ("GOV-05",)),
    TemplateMilestone("OFS-01", "Ofsted registration applications submitted (fostering, adoption)", W.OFSTED, S, -185, ("LEG-02",)),
    TemplateMilestone("COM-01", "Communications plan for staff, partners and families agreed", W.COMMUNICATIONS, S, -180, ("GOV-05",)),
    TemplateMilestone("PRO-01", "Property and accommodation requirements agreed", W.PROPERTY, S, -160, ("CON-01",)),
    TemplateMilestone("ICT-01", "ICT and data separation design agreed", W.ICT, S, -150, ("CON-01",)),
    TemplateMilestone("GOV-06", "Chief executive and finance director in post", W.GOVERNANCE, S, -125, ("GOV-04",)),
    TemplateMilestone("GOV-07", "Gateway review", W.GOVERNANCE, S, -120, ("GOV-06",)),
    TemplateMilestone("FIN-01", "Contract sum agreed for the council budget", W.FINANCE, S, -100, ("GOV-06", "CON-01")),
    TemplateMilestone("HR-02", "Formal TUPE information and consultation starts", W.HR, S, -80, ("HR-01",)),
    TemplateMilestone("HR-03", "Measures letters issued", W.HR, S, -65, ("HR-02",)),
    TemplateMilestone("FIN-02", "Contract sum included in council budget", W.FINANCE, S, -35, ("FIN-01",)),
    TemplateMilestone("HR-04", "Employee liability information sent to the trust", W.HR, S, -25, ("HR-02",)),
    TemplateMilestone("PEN-02", "LGPS admission agreement signed", W.PENSIONS, S, -21, ("PEN-01",)),
    TemplateMilestone("CON-02", "Service delivery contract signed", W.CONTRACT, S, -21, ("FIN-02",)),
    TemplateMilestone("SUP-01", "Support services agreement signed", W.SUPPORT, S, -20, ("CON-02",)),
    TemplateMilestone("ICT-02", "Data-sharing agreement signed", W.ICT, S, -20, ("ICT-01",)),
    TemplateMilestone("GOV-08", "Go/no-go decision", W.GOVERNANCE, S, -10,
                      ("GOV-07", "HR-04", "PEN-02", "CON-02", "SUP-01", "ICT-02", "PRO-01", "OFS-01")),
    TemplateMilestone("GOV-09", "Go-live: services transfer to the trust", W.GOVERNANCE, I, 0, ("GOV-08",)),
    TemplateMilestone("SUP-02", "Support services formalised", W.SUPPORT, I, 60, ("GOV-09",)),
    TemplateMilestone("IMP-01", "Early Ofsted monitoring visit", W.IMPROVEMENT, I, 120, ("GOV-09",)),
)


def template_milestones(go_live: date) -> list[Milestone]:
    """The standard template scheduled against ``go_live`` (baseline = forecast)."""
    milestones = []
    for item in STANDARD_TEMPLATE:
        day = go_live if item.offset == 0 else add_working_days(go_live, item.offset)
        milestones.append(
            Milestone(
                ref=item.ref,
                title=item.title,
                workstream=item.workstream.value,
                stage=item.stage,
                baseline=day,
                forecast=day,
                depends_on=item.depends_on,
            )
        )
    return milestones
