"""Tables of a plan file. Later areas (staff, budget, risks, decisions, reviews) add their own
tables beside these through new Alembic revisions; nothing here is edited in place."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from trustplanner.domain.budget import Deliverability, FundingKind
from trustplanner.domain.enums import DeliveryModel, Rag, Stage
from trustplanner.domain.recommendations import (
    RecommendationSource,
    RecommendationStatus,
)
from trustplanner.domain.review import Outcome, ReviewerRole, ReviewKind
from trustplanner.domain.risks import ActionStatus, DecisionStatus, Forum, Phase, Response, RiskStatus
from trustplanner.domain.staff import Consultation, Employment, Pension
from trustplanner.store.base import Base, StrEnumType, area


@area("programme", "the programme details")
class ProgrammeRow(Base):
    """The one programme a plan file describes (always id 1)."""

    __tablename__ = "programme"

    id: Mapped[int] = mapped_column(primary_key=True)
    council: Mapped[str] = mapped_column(String(200))
    trust: Mapped[str] = mapped_column(String(200))
    delivery_model: Mapped[DeliveryModel] = mapped_column(StrEnumType(DeliveryModel))
    decision_date: Mapped[date | None] = mapped_column(Date)
    shadow_start: Mapped[date | None] = mapped_column(Date)
    go_live: Mapped[date] = mapped_column(Date)
    tolerance_days: Mapped[int] = mapped_column(Integer, default=10)
    marking: Mapped[str] = mapped_column(String(60), default="OFFICIAL")
    status_date: Mapped[date | None] = mapped_column(Date)
    #: days before a transfer by which staff representatives must be informed (revision 0003)
    tupe_notice_days: Mapped[int] = mapped_column(Integer, default=56)


@area("services", "service {name}")
class ServiceRow(Base):
    __tablename__ = "service"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    shadow: Mapped[date | None] = mapped_column(Date)
    go_live: Mapped[date | None] = mapped_column(Date)
    retained: Mapped[bool] = mapped_column(Boolean, default=False)


@area("milestones", "{ref}")
class MilestoneRow(Base):
    __tablename__ = "milestone"

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    workstream: Mapped[str] = mapped_column(String(100))
    service_id: Mapped[int | None] = mapped_column(ForeignKey("service.id", ondelete="RESTRICT"), index=True)
    stage: Mapped[Stage] = mapped_column(StrEnumType(Stage))
    owner: Mapped[str] = mapped_column(String(200), default="")
    baseline: Mapped[date] = mapped_column(Date)
    forecast: Mapped[date] = mapped_column(Date)
    actual: Mapped[date | None] = mapped_column(Date)
    rag_override: Mapped[Rag | None] = mapped_column(StrEnumType(Rag))
    commentary: Mapped[str] = mapped_column(Text, default="")
    derived: Mapped[bool] = mapped_column(Boolean, default=False)
    #: the statutory deadline it meets: "", "eli", "rep" or "lgps" (domain.statutory.Meets; revision 0012)
    meets: Mapped[str] = mapped_column(String(10), default="", server_default="")

    service: Mapped[ServiceRow | None] = relationship(lazy="joined")
    predecessors: Mapped[list[MilestoneRow]] = relationship(
        secondary="milestone_dependency",
        primaryjoin="MilestoneRow.id == MilestoneDependencyRow.milestone_id",
        secondaryjoin="MilestoneRow.id == MilestoneDependencyRow.predecessor_id",
        lazy="selectin",
        order_by="MilestoneRow.ref",
    )


@area("milestones", "a dependency between milestones")
class MilestoneDependencyRow(Base):
    """Finish-to-start: ``milestone`` may not fall before ``predecessor``."""

    __tablename__ = "milestone_dependency"

    milestone_id: Mapped[int] = mapped_column(ForeignKey("milestone.id", ondelete="CASCADE"), primary_key=True)
    predecessor_id: Mapped[int] = mapped_column(
        ForeignKey("milestone.id", ondelete="CASCADE"), primary_key=True, index=True
    )


@area("milestones", "a re-baseline record")
class BaselineChangeRow(Base):
    """A recorded re-baseline: baselines change only with a reason and an approving decision."""

    __tablename__ = "baseline_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    milestone_id: Mapped[int] = mapped_column(ForeignKey("milestone.id", ondelete="CASCADE"), index=True)
    old_baseline: Mapped[date] = mapped_column(Date)
    new_baseline: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    decision: Mapped[str] = mapped_column(String(300))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    #: the login name of who made the change ("" for changes recorded before revision 0007)
    recorded_by: Mapped[str] = mapped_column(String(200), default="", server_default="")
    #: the decision in the log that approved it (revision 0008; ``decision`` keeps its words)
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decision.id", ondelete="RESTRICT"), index=True)


@area("briefings", "the record of the briefing of {produced_at}")
class BriefingRow(Base):
    """A briefing issued from this plan, with the headline it reported (for 'last period')."""

    __tablename__ = "briefing"
    id: Mapped[int] = mapped_column(primary_key=True)
    produced_at: Mapped[datetime] = mapped_column(DateTime)
    as_of: Mapped[date] = mapped_column(Date)
    meeting: Mapped[date] = mapped_column(Date)
    marking: Mapped[str] = mapped_column(String(60))
    path: Mapped[str] = mapped_column(String(1000))
    overall_rag: Mapped[Rag] = mapped_column(StrEnumType(Rag))
    milestones_rag: Mapped[Rag] = mapped_column(StrEnumType(Rag))
    #: 1, 2, 3 ... per meeting (revision 0009; earlier ones numbered in the order recorded)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    issued_by: Mapped[str] = mapped_column(String(200), default="", server_default="")
    #: of the PDF's bytes, kept in ``briefing_file``; None for one recorded before revision 0009
    sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    #: the figures it printed, as JSON (domain.briefing_figures); None before revision 0009
    figures: Mapped[str | None] = mapped_column(Text)
    #: the report draft it printed, as JSON (domain.report.ReportDraft; revision 0011)
    report: Mapped[str | None] = mapped_column(Text)


@area("briefings", "the report's header fields")
class ReportDefaultsRow(Base):
    """The cabinet report header fields the plan remembers (one row, id 1; revision 0011)."""

    __tablename__ = "report_defaults"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_name: Mapped[str] = mapped_column(String(200), default="Cabinet", server_default="Cabinet")
    report_of: Mapped[str] = mapped_column(String(200), default="", server_default="")
    cabinet_member: Mapped[str] = mapped_column(String(200), default="", server_default="")
    portfolio: Mapped[str] = mapped_column(String(200), default="", server_default="")
    author: Mapped[str] = mapped_column(String(200), default="", server_default="")
    contact: Mapped[str] = mapped_column(String(200), default="", server_default="")
    wards: Mapped[str] = mapped_column(String(300), default="All wards", server_default="All wards")


@area("briefings", "the report draft for {meeting}")
class ReportDraftRow(Base):
    """One meeting's report draft: its choices and officers' text, as JSON (domain.report; revision 0011)."""

    __tablename__ = "report_draft"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting: Mapped[date] = mapped_column(Date, unique=True)
    content: Mapped[str] = mapped_column(Text)


@area("briefings", "the PDF of a briefing")
class BriefingFileRow(Base):
    """The bytes of an issued briefing's PDF: the plan keeps it, so it opens wherever the file went.

    Not in the change history (its images would copy every PDF): issuing is a record, never undone.
    """

    __tablename__ = "briefing_file"
    briefing_id: Mapped[int] = mapped_column(ForeignKey("briefing.id", ondelete="CASCADE"), primary_key=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)


@area("staff", "{ref}")
class StaffVersionRow(Base):
    """One person or post as it stood from ``valid_from`` until ``valid_to`` (open-ended if None).

    Each HR extract closes the versions it changes or no longer lists (leavers) and opens new
    ones, so workforce figures can be shown as at any past date.
    """

    __tablename__ = "staff_version"
    # one version per person and start date, and only one open (revision 0006)
    __table_args__ = (UniqueConstraint("ref", "valid_from"),
                      Index("uq_staff_version_open_ref", "ref", unique=True, sqlite_where=text("valid_to IS NULL")))

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(60), index=True)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    name: Mapped[str] = mapped_column(String(200), default="")
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="RESTRICT"), index=True)
    team: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(200), default="")
    grade: Mapped[str] = mapped_column(String(60), default="")
    employment: Mapped[Employment] = mapped_column(StrEnumType(Employment))
    fte: Mapped[int] = mapped_column(Integer)  # ten-thousandths
    annual_cost: Mapped[int] = mapped_column(BigInteger)  # pence
    tupe: Mapped[bool] = mapped_column(Boolean, default=False)
    pension: Mapped[Pension] = mapped_column(StrEnumType(Pension))
    caseload: Mapped[int | None] = mapped_column(Integer)
    transfer_date: Mapped[date | None] = mapped_column(Date)
    eli_sent: Mapped[date | None] = mapped_column(Date)
    consultation: Mapped[Consultation] = mapped_column(StrEnumType(Consultation))

    service: Mapped[ServiceRow] = relationship(lazy="joined")


@area("staff", "the HR extract of {extract_date}")
class StaffExtractRow(Base):
    """An HR extract imported into the plan, with what it changed."""

    __tablename__ = "staff_extract"

    id: Mapped[int] = mapped_column(primary_key=True)
    extract_date: Mapped[date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(300))
    imported_at: Mapped[datetime] = mapped_column(DateTime)
    joiners: Mapped[int] = mapped_column(Integer)
    leavers: Mapped[int] = mapped_column(Integer)
    changed: Mapped[int] = mapped_column(Integer)


@area("budget", "budget line {cost_centre} ({year})")
class BudgetLineRow(Base):
    """A budget line for one financial year (``year`` is the year it starts), keyed by cost centre."""

    __tablename__ = "budget_line"
    __table_args__ = (UniqueConstraint("year", "cost_centre"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="RESTRICT"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    cost_centre: Mapped[str] = mapped_column(String(60))
    description: Mapped[str] = mapped_column(String(300), default="")
    budget: Mapped[int] = mapped_column(BigInteger)  # pence
    forecast: Mapped[int] = mapped_column(BigInteger)  # pence, the latest forecast outturn
    transfers: Mapped[bool] = mapped_column(Boolean, default=False)

    service: Mapped[ServiceRow] = relationship(lazy="joined")


@area("budget", "a P{period} forecast")
class BudgetForecastRow(Base):
    """The forecast outturn of a budget line as reported at one monitoring period (P1-P12)."""

    __tablename__ = "budget_forecast"

    budget_line_id: Mapped[int] = mapped_column(ForeignKey("budget_line.id", ondelete="CASCADE"), primary_key=True)
    period: Mapped[int] = mapped_column(Integer, primary_key=True)
    forecast: Mapped[int] = mapped_column(BigInteger)


@area("savings", "{ref}")
class SavingsPlanRow(Base):
    __tablename__ = "savings_plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(60), unique=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="RESTRICT"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(String(300), default="")
    target: Mapped[int] = mapped_column(BigInteger)
    forecast: Mapped[int] = mapped_column(BigInteger)
    rag: Mapped[Deliverability] = mapped_column(StrEnumType(Deliverability))
    mitigation: Mapped[str] = mapped_column(Text, default="")

    service: Mapped[ServiceRow] = relationship(lazy="joined")


@area("budget", "the funding change '{description}'")
class FundingChangeRow(Base):
    __tablename__ = "funding_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(String(300))
    amount: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[FundingKind] = mapped_column(StrEnumType(FundingKind))


@area("budget", "the contract sum for {year}")
class ContractSumRow(Base):
    """A contract sum set explicitly for a year (otherwise it is derived from the budget lines)."""

    __tablename__ = "contract_sum"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    amount: Mapped[int] = mapped_column(BigInteger)


@area("risks", "the risk appetite")
class RiskAppetiteRow(Base):
    """The plan's risk appetite (one row, id 1; absent: the defaults of ``domain.risks.Appetite``)."""

    __tablename__ = "risk_appetite"

    id: Mapped[int] = mapped_column(primary_key=True)
    green_max: Mapped[int] = mapped_column(Integer, default=4)
    amber_max: Mapped[int] = mapped_column(Integer, default=12)
    escalation_score: Mapped[int] = mapped_column(Integer, default=15)
    escalate_to: Mapped[str] = mapped_column(String(200), default="programme board")


@area("risks", "risk category {label}")
class RiskCategoryRow(Base):
    """One of the plan's own risk categories (revision 0010); the seven standard ones are not stored."""

    __tablename__ = "risk_category"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(200))


@area("risks", "{ref}")
class RiskRow(Base):
    """A risk (or, with status occurred, an issue); its current score's re-scores are :class:`RiskReviewRow`s."""

    __tablename__ = "risk"

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(60), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    cause: Mapped[str] = mapped_column(Text, default="")
    event: Mapped[str] = mapped_column(Text, default="")
    effect: Mapped[str] = mapped_column(Text, default="")
    #: a standard category's ``RiskCategory`` value or the key of one of the plan's (revision 0010)
    category: Mapped[str] = mapped_column(String(64))
    owner: Mapped[str] = mapped_column(String(200), default="")
    raised: Mapped[date | None] = mapped_column(Date)
    status: Mapped[RiskStatus] = mapped_column(StrEnumType(RiskStatus))
    proximity: Mapped[date | None] = mapped_column(Date)
    phase: Mapped[Phase | None] = mapped_column(StrEnumType(Phase))
    response: Mapped[Response] = mapped_column(StrEnumType(Response))
    controls: Mapped[str] = mapped_column(Text, default="")
    inherent_likelihood: Mapped[int | None] = mapped_column(Integer)
    inherent_impact: Mapped[int | None] = mapped_column(Integer)
    likelihood: Mapped[int] = mapped_column(Integer)
    impact: Mapped[int] = mapped_column(Integer)
    target_likelihood: Mapped[int | None] = mapped_column(Integer)
    target_impact: Mapped[int | None] = mapped_column(Integer)
    review_by: Mapped[date | None] = mapped_column(Date)
    exempt: Mapped[bool] = mapped_column(Boolean, default=False)
    escalated_to: Mapped[str] = mapped_column(String(200), default="")
    escalated_on: Mapped[date | None] = mapped_column(Date)
    issue_impact: Mapped[str] = mapped_column(Text, default="")
    resolution: Mapped[str] = mapped_column(Text, default="")
    resolution_due: Mapped[date | None] = mapped_column(Date)


@area("risks", "a link between a risk and a milestone")
class RiskMilestoneRow(Base):
    __tablename__ = "risk_milestone"

    risk_id: Mapped[int] = mapped_column(ForeignKey("risk.id", ondelete="CASCADE"), primary_key=True)
    milestone_id: Mapped[int] = mapped_column(ForeignKey("milestone.id", ondelete="CASCADE"), primary_key=True,
                                              index=True)


@area("risks", "a link between a risk and a service")
class RiskServiceRow(Base):
    __tablename__ = "risk_service"

    risk_id: Mapped[int] = mapped_column(ForeignKey("risk.id", ondelete="CASCADE"), primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"), primary_key=True,
                                            index=True)


@area("risks", "a link between a risk and a budget line")
class RiskBudgetLineRow(Base):
    __tablename__ = "risk_budget_line"

    risk_id: Mapped[int] = mapped_column(ForeignKey("risk.id", ondelete="CASCADE"), primary_key=True)
    budget_line_id: Mapped[int] = mapped_column(ForeignKey("budget_line.id", ondelete="CASCADE"), primary_key=True,
                                                index=True)


@area("risks", "a link between a risk and a savings plan")
class RiskSavingsPlanRow(Base):
    __tablename__ = "risk_savings_plan"

    risk_id: Mapped[int] = mapped_column(ForeignKey("risk.id", ondelete="CASCADE"), primary_key=True)
    savings_plan_id: Mapped[int] = mapped_column(ForeignKey("savings_plan.id", ondelete="CASCADE"),
                                                 primary_key=True, index=True)


@area("risks", "the review of a risk on {reviewed_on}")
class RiskReviewRow(Base):
    """A dated re-score of a risk's current score: before and after, note, who."""

    __tablename__ = "risk_review"

    id: Mapped[int] = mapped_column(primary_key=True)
    risk_id: Mapped[int] = mapped_column(ForeignKey("risk.id", ondelete="CASCADE"), index=True)
    reviewed_on: Mapped[date] = mapped_column(Date)
    before_likelihood: Mapped[int] = mapped_column(Integer)
    before_impact: Mapped[int] = mapped_column(Integer)
    after_likelihood: Mapped[int] = mapped_column(Integer)
    after_impact: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    reviewed_by: Mapped[str] = mapped_column(String(200), default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime)


@area("risk_actions", "the action '{action}'")
class RiskActionRow(Base):
    __tablename__ = "risk_action"

    id: Mapped[int] = mapped_column(primary_key=True)
    risk_id: Mapped[int] = mapped_column(ForeignKey("risk.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(300))
    owner: Mapped[str] = mapped_column(String(200), default="")
    due: Mapped[date | None] = mapped_column(Date)
    status: Mapped[ActionStatus] = mapped_column(StrEnumType(ActionStatus))


@area("decisions", "{ref}")
class DecisionRow(Base):
    __tablename__ = "decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(60), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    decision: Mapped[str] = mapped_column(Text, default="")
    forum: Mapped[Forum] = mapped_column(StrEnumType(Forum))
    officer: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[DecisionStatus] = mapped_column(StrEnumType(DecisionStatus))
    needed_by: Mapped[date | None] = mapped_column(Date)
    meeting: Mapped[str] = mapped_column(String(200), default="")
    made_on: Mapped[date | None] = mapped_column(Date)
    key_decision: Mapped[bool] = mapped_column(Boolean, default=False)
    reasons: Mapped[str] = mapped_column(Text, default="")
    options: Mapped[str] = mapped_column(Text, default="")
    conditions: Mapped[str] = mapped_column(Text, default="")
    exempt: Mapped[bool] = mapped_column(Boolean, default=False)
    exempt_paragraph: Mapped[int | None] = mapped_column(Integer)
    forward_plan_on: Mapped[date | None] = mapped_column(Date)


@area("decisions", "a link between a decision and a milestone")
class DecisionMilestoneRow(Base):
    __tablename__ = "decision_milestone"

    decision_id: Mapped[int] = mapped_column(ForeignKey("decision.id", ondelete="CASCADE"), primary_key=True)
    milestone_id: Mapped[int] = mapped_column(ForeignKey("milestone.id", ondelete="CASCADE"), primary_key=True,
                                              index=True)


@area("decisions", "a link between a decision and a risk")
class DecisionRiskRow(Base):
    __tablename__ = "decision_risk"

    decision_id: Mapped[int] = mapped_column(ForeignKey("decision.id", ondelete="CASCADE"), primary_key=True)
    risk_id: Mapped[int] = mapped_column(ForeignKey("risk.id", ondelete="CASCADE"), primary_key=True, index=True)


@area("decisions", "a link between a decision and a funding change")
class DecisionFundingChangeRow(Base):
    __tablename__ = "decision_funding_change"

    decision_id: Mapped[int] = mapped_column(ForeignKey("decision.id", ondelete="CASCADE"), primary_key=True)
    funding_change_id: Mapped[int] = mapped_column(ForeignKey("funding_change.id", ondelete="CASCADE"),
                                                   primary_key=True, index=True)


@area("reviews", "the review '{name}'")
class ReviewRow(Base):
    """A commissioner's (or DfE adviser's, Ofsted's, internal audit's) review of the plan (revision 0013)."""

    __tablename__ = "review"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    kind: Mapped[ReviewKind] = mapped_column(StrEnumType(ReviewKind))
    reviewer: Mapped[str] = mapped_column(String(200))
    role: Mapped[ReviewerRole] = mapped_column(StrEnumType(ReviewerRole))
    opened: Mapped[date] = mapped_column(Date)
    closed: Mapped[date | None] = mapped_column(Date)
    as_of: Mapped[date | None] = mapped_column(Date)


@area("reviews", "challenge {id} on {target}")
class ChallengeRow(Base):
    """A reviewer's challenge; ``target`` is a ref as written (it stays what was challenged if the record goes)."""

    __tablename__ = "challenge"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"), index=True)
    target: Mapped[str] = mapped_column(String(60))
    question: Mapped[str] = mapped_column(Text)
    raised_by: Mapped[str] = mapped_column(String(200))
    raised_on: Mapped[date] = mapped_column(Date)
    response: Mapped[str] = mapped_column(Text, default="")
    responded_by: Mapped[str] = mapped_column(String(200), default="")
    responded_on: Mapped[date | None] = mapped_column(Date)
    outcome: Mapped[Outcome] = mapped_column(StrEnumType(Outcome))
    conditions: Mapped[str] = mapped_column(Text, default="")
    evidence_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    closed_by: Mapped[str] = mapped_column(String(200), default="")
    closed_on: Mapped[date | None] = mapped_column(Date)


@area("reviews", "the sign-off of {milestone}")
class SignOffRow(Base):
    """A reviewer's sign-off of a completed milestone: the actual date signed off, and the evidence."""

    __tablename__ = "sign_off"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"), index=True)
    milestone: Mapped[str] = mapped_column(String(60), index=True)
    reviewer: Mapped[str] = mapped_column(String(200))
    signed_on: Mapped[date] = mapped_column(Date)
    actual: Mapped[date] = mapped_column(Date)
    evidence_title: Mapped[str] = mapped_column(String(300))
    evidence_on: Mapped[date | None] = mapped_column(Date)
    evidence_path: Mapped[str] = mapped_column(Text, default="")
    evidence_link: Mapped[str] = mapped_column(Text, default="")
    evidence_sha256: Mapped[str] = mapped_column(String(64), default="")


@area("recommendations", "recommendation {ref}")
class RecommendationRow(Base):
    """An Ofsted, commissioner, DfE or other recommendation tracked to completion (revision 0014)."""

    __tablename__ = "recommendation"

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(60), unique=True)
    source: Mapped[RecommendationSource] = mapped_column(StrEnumType(RecommendationSource))
    text: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(200), default="")
    target: Mapped[date | None] = mapped_column(Date)
    rag: Mapped[Rag | None] = mapped_column(StrEnumType(Rag))
    status: Mapped[RecommendationStatus] = mapped_column(StrEnumType(RecommendationStatus))
    evidence: Mapped[str] = mapped_column(Text, default="")


@area("recommendations", "a link between a recommendation and a milestone")
class RecommendationMilestoneRow(Base):
    __tablename__ = "recommendation_milestone"

    recommendation_id: Mapped[int] = mapped_column(ForeignKey("recommendation.id", ondelete="CASCADE"),
                                                   primary_key=True)
    milestone_id: Mapped[int] = mapped_column(ForeignKey("milestone.id", ondelete="CASCADE"), primary_key=True,
                                              index=True)


@area("reviews", "a review's judgement of a recommendation's progress")
class RecommendationJudgementRow(Base):
    """One review's progress judgement on one recommendation (a second judgement replaces the first)."""

    __tablename__ = "recommendation_judgement"
    __table_args__ = (UniqueConstraint("review_id", "recommendation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"))
    recommendation_id: Mapped[int] = mapped_column(ForeignKey("recommendation.id", ondelete="CASCADE"), index=True)
    rag: Mapped[Rag] = mapped_column(StrEnumType(Rag))
    comment: Mapped[str] = mapped_column(Text, default="")


class PlanRevisionRow(Base):
    """The plan's revision number (one row): every change bumps it, so any reader can tell cheaply
    that someone else changed the plan (revision 0005)."""

    __tablename__ = "plan_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, default=0)


class HistoryEntryRow(Base):
    """One change to the plan: who, when, what, and (in :class:`HistoryRowRow`) exactly the rows it changed.

    ``kind`` is ``change``, ``undo`` or ``redo``; an undo or redo names the change it reverses or
    repeats in ``target_id`` (no foreign key: the target may have been purged).
    """

    __tablename__ = "history_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    user: Mapped[str] = mapped_column(String(200))
    host: Mapped[str] = mapped_column(String(200))
    what: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(10))
    target_id: Mapped[int | None] = mapped_column(Integer)
    areas: Mapped[str] = mapped_column(String(300))  # comma-separated area names
    revision: Mapped[int] = mapped_column(Integer)


class HistoryRowRow(Base):
    """The before and after image of one row an entry changed (JSON of the stored values; None = absent)."""

    __tablename__ = "history_row"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("history_entry.id", ondelete="CASCADE"), index=True)
    table_name: Mapped[str] = mapped_column(String(60))
    row_key: Mapped[str] = mapped_column(Text)
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
