"""Record issued briefings and re-baselines.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "baseline_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("milestone_id", sa.Integer(), nullable=False),
        sa.Column("old_baseline", sa.Date(), nullable=False),
        sa.Column("new_baseline", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("decision", sa.String(300), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["milestone_id"], ["milestone.id"],
            name=op.f("fk_baseline_change_milestone_id_milestone"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_baseline_change")),
    )
    op.create_index(op.f("ix_baseline_change_milestone_id"), "baseline_change", ["milestone_id"])
    op.create_table(
        "briefing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("produced_at", sa.DateTime(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("meeting", sa.Date(), nullable=False),
        sa.Column("marking", sa.String(60), nullable=False),
        sa.Column("path", sa.String(1000), nullable=False),
        sa.Column("overall_rag", sa.String(32), nullable=False),
        sa.Column("milestones_rag", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_briefing")),
    )


def downgrade() -> None:
    op.drop_table("briefing")
    op.drop_table("baseline_change")
