"""The Sunderland demo plan, built from the public facts in the domain brief."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from trustplanner.domain.budget import FundingChange, FundingKind
from trustplanner.domain.enums import DeliveryModel
from trustplanner.domain.risk_rules import next_review_after
from trustplanner.domain.risks import Score
from trustplanner.resources import resource_path
from trustplanner.services.budget import (
    add_funding_change,
    import_budget,
    import_savings,
    set_contract_sum,
)
from trustplanner.services.decisions import import_decisions
from trustplanner.services.demo_reviews import add_demo_reviews
from trustplanner.services.history import starting_point
from trustplanner.services.imports import import_file
from trustplanner.services.plans import new_plan
from trustplanner.services.risks import (
    import_risk_actions,
    import_risks,
    record_escalation,
    rescore_risk,
)
from trustplanner.services.staff import import_staff
from trustplanner.store.plan_file import PlanFile

DEMO_STATUS_DATE = date(2017, 1, 16)
#: The earlier HR extract, imported first so the staff history shows joiners, leavers and agency
#: social workers taken on as permanent employees between October and January.
DEMO_EARLIER_EXTRACT = ("staff-2016-10.csv", date(2016, 10, 3))
#: Budget monitoring: the 2016/17 forecasts at P9 (December 2016), imported first, then the P10
#: report (the status date) with the 2017/18 budgets, so the history shows the overspend growing.
DEMO_BUDGET_REPORTS = (("budget-p09.csv", date(2016, 12, 12)), ("budget.csv", DEMO_STATUS_DATE))
_M = 100  # pence in a pound
#: The £16m improvement investment (already in the budget lines it pays for), the contingency and
#: the change requests; the same figures as scripts/make_demo_finance.py, which explains them.
DEMO_FUNDING = (
    FundingChange(2016, "Improvement investment, year 1 of £16m: social work recruitment and retention, caseload "
                        "reduction, the improvement programme office and the case management system",
                  6_000_000 * _M, FundingKind.IMPROVEMENT_INVESTMENT),
    FundingChange(2016, "Contingency for looked-after children's placements, held by the council's section 151 "
                        "officer", 1_500_000 * _M, FundingKind.CONTINGENCY_SET_ASIDE),
    FundingChange(2016, "Contingency released at P9 towards external residential placements (cabinet, 14 December "
                        "2016)", 900_000 * _M, FundingKind.CONTINGENCY_RELEASED),
    FundingChange(2017, "Improvement investment, year 2 of £16m: the same programme and the social work academy, in "
                        "the trust's budget lines", 10_000_000 * _M, FundingKind.IMPROVEMENT_INVESTMENT),
    FundingChange(2017, "Transition contingency for the trust's first year, held by the council", 1_000_000 * _M,
                  FundingKind.CONTINGENCY_SET_ASIDE),
    FundingChange(2017, "CR01: leaving care costs of unaccompanied asylum-seeking children above the Home Office "
                        "grant (national transfer scheme)", 385_000 * _M, FundingKind.CHANGE_REQUEST_ACCEPTED),
    FundingChange(2017, "CR02: legal services from the council's legal team at market rates instead of the service "
                        "level agreement price", 640_000 * _M, FundingKind.CHANGE_REQUEST_REFUSED),
)
#: The 2017/18 contract sum agreed by the shadow board and cabinet: the £65,851,400 the budgets derive
#: (transferring lines £65,466,400 and CR01 £385,000) plus £212,000 for the trust's higher LGPS
#: employer rate (19.2% against the council's 17.6%, on £13.25m of transferring pensionable pay).
DEMO_CONTRACT_SUM = (2017, 66_063_400 * _M)
#: The register as the December programme board scored it (risks.csv, reviewed 12/12/2016), then the
#: January re-scores at the status date, so the briefing shows direction of travel: placements worse
#: with the P10 overspend, the TUPE list worse with 64 posts still unaligned (D05), ICT better with the
#: data controller roles settled on 12 January, leadership better with the finance director appointed.
DEMO_RISKS_SCORED = date(2016, 12, 12)
DEMO_RISK_REVIEWS = (
    ("R02", Score(5, 4), "P10 forecast: external residential placements overspend grows by £0.3m"),
    ("R04", Score(4, 5), "64 posts still without a service alignment; sign-off moved to 20 January (D05)"),
    ("R06", Score(2, 4), "Data controller roles settled on 12 January; DPIA revision under way"),
    ("R08", Score(2, 3), "Permanent finance director appointed; interim cover ends in February"),
)
#: Escalations recorded to the programme board (the plan's escalation level); R05, at 15, is not yet,
#: so ``check`` has an escalation to flag
DEMO_ESCALATIONS = (("R01", DEMO_RISKS_SCORED), ("R02", DEMO_STATUS_DATE), ("R04", DEMO_STATUS_DATE))


def create_demo_plan(path: str | Path, *, with_staff: bool = True, with_reviews: bool = True) -> PlanFile:
    """Create the demo plan at ``path``; on any failure no file is left behind.

    ``with_staff`` False leaves out the HR extracts (to try importing one's own); ``with_reviews``
    False leaves out the commissioner's reviews and recommendations (to start a review from nothing).
    """
    plan = new_plan(
        path,
        council="Sunderland City Council",
        trust="Together for Children Sunderland",
        delivery_model=DeliveryModel.COUNCIL_OWNED_COMPANY,
        decision_date=date(2016, 4, 12),
        shadow_start=date(2016, 9, 1),
        go_live=date(2017, 4, 1),
        status_date=DEMO_STATUS_DATE,
    )
    try:
        import_file(plan, "services", resource_path("demo", "services.csv"))
        import_file(plan, "milestones", resource_path("demo", "milestones.csv"))
        if with_staff:
            earlier, earlier_date = DEMO_EARLIER_EXTRACT
            import_staff(plan, resource_path("demo", earlier), extract_date=earlier_date)
            import_staff(plan, resource_path("demo", "staff.csv"), extract_date=DEMO_STATUS_DATE)
        for name, as_of in DEMO_BUDGET_REPORTS:
            import_budget(plan, resource_path("demo", name), as_of=as_of)
        import_savings(plan, resource_path("demo", "savings.csv"))
        for change in DEMO_FUNDING:
            add_funding_change(plan, change)
        set_contract_sum(plan, *DEMO_CONTRACT_SUM)
        import_risks(plan, resource_path("demo", "risks.csv"), as_of=DEMO_RISKS_SCORED)
        import_risk_actions(plan, resource_path("demo", "risk_actions.csv"))
        import_decisions(plan, resource_path("demo", "decisions.csv"))
        for ref, score, note in DEMO_RISK_REVIEWS:
            rescore_risk(plan, ref, score, on=DEMO_STATUS_DATE, note=note,
                         next_review=next_review_after(DEMO_STATUS_DATE))
        for ref, on in DEMO_ESCALATIONS:
            record_escalation(plan, ref, "programme board", on)
        if with_reviews:
            add_demo_reviews(plan)
        starting_point(plan, "The Sunderland demo plan is ready")
    except Exception:
        plan.close()
        Path(path).unlink(missing_ok=True)
        raise
    return plan
