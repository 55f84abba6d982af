"""The demo plan's commissioner reviews: the gateway review in December 2016 (closed) and the January
2017 progress review (open), with their challenges, responses, sign-offs and judgements of Ofsted's
and the commissioner's recommendations (resources/demo/recommendations.csv).

Illustrative, like the rest of the demo: the reviewer is named by role, the questions, answers and
evidence references are made up, though the recommendations' themes are those of Sunderland's 2015
inadequate judgement (caseloads, management oversight, assessments, the front door, care leavers).
"""

from __future__ import annotations

from datetime import date

from trustplanner.domain.review import Outcome, ReviewKind
from trustplanner.resources import resource_path
from trustplanner.services.recommendations import import_recommendations, judge
from trustplanner.services.reviews import (
    close_challenge,
    close_review,
    raise_challenge,
    respond,
    sign_off,
    start_review,
)
from trustplanner.store.plan_file import PlanFile

REVIEWER = "DfE Commissioner for Children's Services"
MANAGER = "Programme Director"
GATEWAY = "Gateway review, December 2016"
PROGRESS = "Progress review, January 2017"
GATEWAY_DATES = (date(2016, 12, 5), date(2016, 12, 2), date(2016, 12, 20))  # opened, position, closed
PROGRESS_OPENED = date(2017, 1, 16)  # the status date; it looks at the position then
_EXAMPLE = "https://programme.example.org/tfc/"
#: (target, question, asks for evidence, response, outcome, conditions) of the gateway review
GATEWAY_CHALLENGES = (
    ("GOV-10", ("The gateway report rates readiness amber on four actions. Who owns each, and by when will they "
                "be green?"), True,
     "The action plan names an owner and date for each of the four; the programme board tracks them monthly.",
     Outcome.ACCEPTED_WITH_CONDITIONS,
     "The programme board reports the four actions to the commissioner monthly until go-live."),
    ("R01", "What is the average caseload now, and what share of social workers are agency staff?", False,
     "Average caseload 22 (down from 27 in July); agency staff 31% of social workers, down from 38%.",
     Outcome.ACCEPTED, ""),
    ("FIN-02", "How does the contract sum allow for placement costs rising above the 2016/17 budget?", False,
     "The contract sum includes the P7 forecast for placements; change control (D03) covers demand beyond it.",
     Outcome.ACCEPTED, ""),
)
#: (milestone, evidence title, evidence date, link) signed off in the gateway review
GATEWAY_SIGNOFFS = (
    ("GOV-10", "Gateway review report: transition readiness", date(2016, 12, 2), _EXAMPLE + "gateway-report.pdf"),
    ("ICT-01", "ICT and data separation design, version 1.0 (approved)", date(2016, 11, 25),
     _EXAMPLE + "ict-separation-design-v1.pdf"),
)
#: recommendation ref -> (RAG, comment) as the gateway review judged them
GATEWAY_JUDGEMENTS = {
    "CM-01": ("green", "Company incorporated, shadow board and finance director in post; on track for 1 April."),
    "OF-01": ("amber", "Caseloads falling but still above 20 on average; a third of social workers are agency."),
    "OF-02": ("amber", "Supervision recorded in most files audited; the quality of oversight is uneven."),
    "OF-03": ("red", "Six in ten assessments audited in November still require improvement."),
    "OF-04": ("amber", "Threshold guidance relaunched; the early help hubs are not yet open."),
    "OF-05": ("red", "A third of care leavers' pathway plans are out of date."),
}
#: (target, question, asks for evidence, response or "") raised in the open progress review
PROGRESS_CHALLENGES = (
    ("HR-02", "The TUPE staff list has slipped six weeks. What is the new date, and what stops it slipping again?",
     False, "Sign-off moved to 20 January (D05); HR and service leads meet daily on the 64 posts still unaligned."),
    ("CON-02", ("The KPI schedule is overdue. Please send the draft service specifications and performance "
                "framework as they stand."), True, ""),
    ("finance", ("The P10 forecast shows placements overspending by a further £0.3m. How will the trust's "
                 "first year absorb this?"), False, ""),
)


def add_demo_reviews(plan: PlanFile) -> None:
    import_recommendations(plan, resource_path("demo", "recommendations.csv"))
    opened, position, closed = GATEWAY_DATES
    start_review(plan, GATEWAY, kind=ReviewKind.GATEWAY, reviewer=REVIEWER, as_of=position, on=opened)
    for target, question, evidence, response, outcome, conditions in GATEWAY_CHALLENGES:
        raised = raise_challenge(plan, target, question, review=GATEWAY, evidence=evidence, on=opened)
        respond(plan, raised.id, response, by=MANAGER, on=date(2016, 12, 12))
        close_challenge(plan, raised.id, outcome, conditions=conditions, by=REVIEWER, on=date(2016, 12, 19))
    for milestone, title, evidence_on, link in GATEWAY_SIGNOFFS:
        sign_off(plan, milestone, evidence=title, link=link, evidence_on=evidence_on, review=GATEWAY,
                 on=date(2016, 12, 19))
    for ref, (rag, comment) in GATEWAY_JUDGEMENTS.items():
        judge(plan, ref, rag, comment=comment, review=GATEWAY)
    close_review(plan, GATEWAY, on=closed)
    start_review(plan, PROGRESS, kind=ReviewKind.PROGRESS, reviewer=REVIEWER, on=PROGRESS_OPENED)
    for target, question, evidence, response in PROGRESS_CHALLENGES:
        raised = raise_challenge(plan, target, question, review=PROGRESS, evidence=evidence, on=PROGRESS_OPENED)
        if response:
            respond(plan, raised.id, response, by=MANAGER, on=PROGRESS_OPENED)
