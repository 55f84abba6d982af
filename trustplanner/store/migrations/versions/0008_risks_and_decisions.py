"""The risk register and the decisions log: risks (and issues) with their links, re-score reviews and
actions; the plan's risk appetite; decisions with their links; a re-baseline may cite a decision.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _link(name: str, left: tuple[str, str], right: tuple[str, str]) -> None:
    """A link table of two cascading keys, the second indexed."""
    (left_column, left_table), (right_column, right_table) = left, right
    op.create_table(
        name,
        sa.Column(left_column, sa.Integer(), nullable=False),
        sa.Column(right_column, sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint([left_column], [f"{left_table}.id"],
                                name=op.f(f"fk_{name}_{left_column}_{left_table}"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint([right_column], [f"{right_table}.id"],
                                name=op.f(f"fk_{name}_{right_column}_{right_table}"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint(left_column, right_column, name=op.f(f"pk_{name}")),
    )
    op.create_index(op.f(f"ix_{name}_{right_column}"), name, [right_column])


def upgrade() -> None:
    op.create_table(
        "risk_appetite",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("green_max", sa.Integer(), nullable=False),
        sa.Column("amber_max", sa.Integer(), nullable=False),
        sa.Column("escalation_score", sa.Integer(), nullable=False),
        sa.Column("escalate_to", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_appetite")),
    )
    op.create_table(
        "risk",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(60), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("cause", sa.Text(), nullable=False),
        sa.Column("event", sa.Text(), nullable=False),
        sa.Column("effect", sa.Text(), nullable=False),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("raised", sa.Date(), nullable=True),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("proximity", sa.Date(), nullable=True),
        sa.Column("phase", sa.String(32), nullable=True),
        sa.Column("response", sa.String(32), nullable=False),
        sa.Column("controls", sa.Text(), nullable=False),
        sa.Column("inherent_likelihood", sa.Integer(), nullable=True),
        sa.Column("inherent_impact", sa.Integer(), nullable=True),
        sa.Column("likelihood", sa.Integer(), nullable=False),
        sa.Column("impact", sa.Integer(), nullable=False),
        sa.Column("target_likelihood", sa.Integer(), nullable=True),
        sa.Column("target_impact", sa.Integer(), nullable=True),
        sa.Column("review_by", sa.Date(), nullable=True),
        sa.Column("exempt", sa.Boolean(), nullable=False),
        sa.Column("escalated_to", sa.String(200), nullable=False),
        sa.Column("escalated_on", sa.Date(), nullable=True),
        sa.Column("issue_impact", sa.Text(), nullable=False),
        sa.Column("resolution", sa.Text(), nullable=False),
        sa.Column("resolution_due", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk")),
        sa.UniqueConstraint("ref", name=op.f("uq_risk_ref")),
    )
    _link("risk_milestone", ("risk_id", "risk"), ("milestone_id", "milestone"))
    _link("risk_service", ("risk_id", "risk"), ("service_id", "service"))
    _link("risk_budget_line", ("risk_id", "risk"), ("budget_line_id", "budget_line"))
    _link("risk_savings_plan", ("risk_id", "risk"), ("savings_plan_id", "savings_plan"))
    op.create_table(
        "risk_review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("risk_id", sa.Integer(), nullable=False),
        sa.Column("reviewed_on", sa.Date(), nullable=False),
        sa.Column("before_likelihood", sa.Integer(), nullable=False),
        sa.Column("before_impact", sa.Integer(), nullable=False),
        sa.Column("after_likelihood", sa.Integer(), nullable=False),
        sa.Column("after_impact", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("reviewed_by", sa.String(200), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["risk_id"], ["risk.id"], name=op.f("fk_risk_review_risk_id_risk"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_review")),
    )
    op.create_index(op.f("ix_risk_review_risk_id"), "risk_review", ["risk_id"])
    op.create_table(
        "risk_action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("risk_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(300), nullable=False),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("status", sa.String(32), nullable=False),
        sa.ForeignKeyConstraint(["risk_id"], ["risk.id"], name=op.f("fk_risk_action_risk_id_risk"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_action")),
    )
    op.create_index(op.f("ix_risk_action_risk_id"), "risk_action", ["risk_id"])
    op.create_table(
        "decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(60), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("decision", sa.Text(), nullable=False),
        sa.Column("forum", sa.String(32), nullable=False),
        sa.Column("officer", sa.String(200), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("needed_by", sa.Date(), nullable=True),
        sa.Column("meeting", sa.String(200), nullable=False),
        sa.Column("made_on", sa.Date(), nullable=True),
        sa.Column("key_decision", sa.Boolean(), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("options", sa.Text(), nullable=False),
        sa.Column("conditions", sa.Text(), nullable=False),
        sa.Column("exempt", sa.Boolean(), nullable=False),
        sa.Column("exempt_paragraph", sa.Integer(), nullable=True),
        sa.Column("forward_plan_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision")),
        sa.UniqueConstraint("ref", name=op.f("uq_decision_ref")),
    )
    _link("decision_milestone", ("decision_id", "decision"), ("milestone_id", "milestone"))
    _link("decision_risk", ("decision_id", "decision"), ("risk_id", "risk"))
    _link("decision_funding_change", ("decision_id", "decision"), ("funding_change_id", "funding_change"))
    with op.batch_alter_table("baseline_change") as batch:
        batch.add_column(sa.Column("decision_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_baseline_change_decision_id_decision"), "decision", ["decision_id"], ["id"],
                                 ondelete="RESTRICT")
        batch.create_index(op.f("ix_baseline_change_decision_id"), ["decision_id"])


def downgrade() -> None:
    with op.batch_alter_table("baseline_change") as batch:
        batch.drop_index(op.f("ix_baseline_change_decision_id"))
        batch.drop_constraint(op.f("fk_baseline_change_decision_id_decision"), type_="foreignkey")
        batch.drop_column("decision_id")
    for name in ("decision_funding_change", "decision_risk", "decision_milestone", "decision", "risk_action",
                 "risk_review", "risk_savings_plan", "risk_budget_line", "risk_service", "risk_milestone", "risk",
                 "risk_appetite"):
        op.drop_table(name)
