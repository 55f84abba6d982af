"""The standard transition template: the usual milestones of a move into a trust.

Each entry sits a number of working days before (negative) or after go-live, following the
typical order in the domain brief (T-18 months to T+6 months), for a shadow period of
``TEMPLATE_SHADOW_DAYS`` working days; dates fall on working days (go-live itself excepted).

The anchoring rule, when the plan has a shadow start: the council-stage milestones and "Shadow
operation starts" (GOV-05) are dated from the shadow start, GOV-05 on it (its first working day)
and the others the same working days before it as in the template; shadow- and independent-stage
milestones are dated from go-live, but none earlier than GOV-05 (a short shadow period gathers its
early work on the shadow start). Both steps keep the order, so no milestone falls before one it
depends on. Without a shadow start every milestone is dated from go-live.

A plan started mid-programme says what is already done (ref -> actual date: the baseline and
forecast stay as anchored, so the plan shows how early or late it happened) and what is not
needed: those are left out, and a dependant of one depends on what it depended on instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Collection, Mapping
from datetime import date, timedelta

from trustplanner.domain.calendar import add_working_days, is_working_day, previous_working_day
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
    #: the statutory deadline it meets (domain.statutory.Meets)
    meets: str = ""


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
    TemplateMilestone("HR-04", "Employee liability information sent to the trust", W.HR, S, -25, ("HR-02",),
                      meets="eli"),
    TemplateMilestone("PEN-02", "LGPS admission agreement signed", W.PENSIONS, S, -21, ("PEN-01",),
                      meets="lgps"),
    TemplateMilestone("CON-02", "Service delivery contract signed", W.CONTRACT, S, -21, ("FIN-02",)),
    TemplateMilestone("SUP-01", "Support services agreement signed", W.SUPPORT, S, -20, ("CON-02",)),
    TemplateMilestone("ICT-02", "Data-sharing agreement signed", W.ICT, S, -20, ("ICT-01",)),
    TemplateMilestone("GOV-08", "Go/no-go decision", W.GOVERNANCE, S, -10,
                      ("GOV-07", "HR-04", "PEN-02", "CON-02", "SUP-01", "ICT-02", "PRO-01", "OFS-01")),
    TemplateMilestone("GOV-09", "Go-live: services transfer to the trust", W.GOVERNANCE, I, 0, ("GOV-08",)),
    TemplateMilestone("SUP-02", "Support services formalised", W.SUPPORT, I, 60, ("GOV-09",)),
    TemplateMilestone("IMP-01", "Early Ofsted monitoring visit", W.IMPROVEMENT, I, 120, ("GOV-09",)),
)


TEMPLATE_SHADOW_REF = "GOV-05"
TEMPLATE_SHADOW_DAYS = -next(t.offset for t in STANDARD_TEMPLATE if t.ref == TEMPLATE_SHADOW_REF)


def shadow_working_day(shadow_start: date, go_live: date) -> date:
    """The first working day on or after ``shadow_start`` (the one before it if that passes go-live)."""
    day = shadow_start
    while not is_working_day(day):
        day += timedelta(days=1)
    return day if day <= go_live else previous_working_day(shadow_start)


def anchored_dates(go_live: date, shadow_start: date | None = None) -> dict[str, date]:
    """Each template milestone's date by the anchoring rule in this module's docstring."""
    shadow = shadow_working_day(shadow_start, go_live) if shadow_start else None
    dates: dict[str, date] = {}
    for item in STANDARD_TEMPLATE:
        if shadow and (item.stage is Stage.COUNCIL or item.ref == TEMPLATE_SHADOW_REF):
            dates[item.ref] = add_working_days(shadow, item.offset + TEMPLATE_SHADOW_DAYS)
            continue
        day = go_live if item.offset == 0 else add_working_days(go_live, item.offset)
        dates[item.ref] = max(day, shadow) if shadow and item.stage is not Stage.COUNCIL else day
    return dates


def template_problems(done: Mapping[str, date], not_needed: Collection[str]) -> list[str]:
    """Refs that are not in the template, or said to be both done and not needed."""
    known = {t.ref for t in STANDARD_TEMPLATE}
    problems = [f"{ref} is not a template milestone" for ref in [*done, *not_needed] if ref not in known]
    problems += [f"{ref} cannot be both done and not needed" for ref in done if ref in set(not_needed)]
    return problems


def template_milestones(go_live: date, shadow_start: date | None = None, *,
                        done: Mapping[str, date] | None = None,
                        not_needed: Collection[str] = ()) -> list[Milestone]:
    """The standard template dated by the anchoring rule (baseline = forecast), ``done`` ones with
    their actual date, ``not_needed`` ones left out with their dependencies bridged."""
    done = done or {}
    dates = anchored_dates(go_live, shadow_start)
    dropped = set(not_needed)
    depends = {t.ref: t.depends_on for t in STANDARD_TEMPLATE}

    def kept(refs: tuple[str, ...]) -> tuple[str, ...]:
        out: list[str] = []
        for ref in refs:
            for through in (kept(depends[ref]) if ref in dropped else (ref,)):
                if through not in out:
                    out.append(through)
        return tuple(out)

    return [
        Milestone(
            ref=item.ref,
            title=item.title,
            workstream=item.workstream.value,
            stage=item.stage,
            baseline=dates[item.ref],
            forecast=dates[item.ref],
            actual=done.get(item.ref),
            depends_on=kept(item.depends_on),
            meets=item.meets,
        )
        for item in STANDARD_TEMPLATE if item.ref not in dropped
    ]


def done_before(go_live: date, shadow_start: date | None, before: date,
                not_needed: Collection[str] = ()) -> dict[str, date]:
    """Every template milestone anchored before ``before``, done on its anchored date (an estimate
    the user corrects where it happened on another day)."""
    return {ref: day for ref, day in anchored_dates(go_live, shadow_start).items()
            if day < before and ref not in set(not_needed)}
