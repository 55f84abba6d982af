"""Budget handover: budget lines with monthly forecast history, savings plans, funding changes,
contract sums.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "budget_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("cost_centre", sa.String(60), nullable=False),
        sa.Column("description", sa.String(300), nullable=False),
        sa.Column("budget", sa.BigInteger(), nullable=False),
        sa.Column("forecast", sa.BigInteger(), nullable=False),
        sa.Column("transfers", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["service_id"], ["service.id"], name=op.f("fk_budget_line_service_id_service"),
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_line")),
        sa.UniqueConstraint("year", "cost_centre", name=op.f("uq_budget_line_year")),
    )
    op.create_index(op.f("ix_budget_line_service_id"), "budget_line", ["service_id"])
    op.create_table(
        "budget_forecast",
        sa.Column("budget_line_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.Integer(), nullable=False),
        sa.Column("forecast", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["budget_line_id"], ["budget_line.id"],
                                name=op.f("fk_budget_forecast_budget_line_id_budget_line"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("budget_line_id", "period", name=op.f("pk_budget_forecast")),
    )
    op.create_table(
        "savings_plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(60), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(300), nullable=False),
        sa.Column("target", sa.BigInteger(), nullable=False),
        sa.Column("forecast", sa.BigInteger(), nullable=False),
        sa.Column("rag", sa.String(32), nullable=False),
        sa.Column("mitigation", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["service_id"], ["service.id"], name=op.f("fk_savings_plan_service_id_service"),
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_savings_plan")),
        sa.UniqueConstraint("ref", name=op.f("uq_savings_plan_ref")),
    )
    op.create_index(op.f("ix_savings_plan_service_id"), "savings_plan", ["service_id"])
    op.create_table(
        "funding_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(300), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_funding_change")),
    )
    op.create_table(
        "contract_sum",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_contract_sum")),
    )


def downgrade() -> None:
    op.drop_table("contract_sum")
    op.drop_table("funding_change")
    op.drop_table("savings_plan")
    op.drop_table("budget_forecast")
    op.drop_table("budget_line")
