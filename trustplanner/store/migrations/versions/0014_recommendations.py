"""Recommendations tracked to completion, the milestones that deliver them, and each review's
progress judgement on them (issue 13 §2).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "recommendation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(60), nullable=False),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("target", sa.Date(), nullable=True),
        sa.Column("rag", sa.String(32), nullable=True),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recommendation")),
        sa.UniqueConstraint("ref", name=op.f("uq_recommendation_ref")),
    )
    op.create_table(
        "recommendation_milestone",
        sa.Column("recommendation_id", sa.Integer(), nullable=False),
        sa.Column("milestone_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["recommendation_id"], ["recommendation.id"],
                                name=op.f("fk_recommendation_milestone_recommendation_id_recommendation"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["milestone_id"], ["milestone.id"],
                                name=op.f("fk_recommendation_milestone_milestone_id_milestone"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("recommendation_id", "milestone_id", name=op.f("pk_recommendation_milestone")),
    )
    op.create_index(op.f("ix_recommendation_milestone_milestone_id"), "recommendation_milestone", ["milestone_id"])
    op.create_table(
        "recommendation_judgement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("recommendation_id", sa.Integer(), nullable=False),
        sa.Column("rag", sa.String(32), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["review_id"], ["review.id"],
                                name=op.f("fk_recommendation_judgement_review_id_review"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["recommendation_id"], ["recommendation.id"],
                                name=op.f("fk_recommendation_judgement_recommendation_id_recommendation"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recommendation_judgement")),
        sa.UniqueConstraint("review_id", "recommendation_id", name=op.f("uq_recommendation_judgement_review_id")),
    )
    op.create_index(op.f("ix_recommendation_judgement_recommendation_id"), "recommendation_judgement",
                    ["recommendation_id"])


def downgrade() -> None:
    for name in ("recommendation_judgement", "recommendation_milestone", "recommendation"):
        op.drop_table(name)
