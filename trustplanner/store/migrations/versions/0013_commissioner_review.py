"""Commissioner review: reviews, their challenges and their sign-offs of completed milestones with
the evidence (docs/design/0015-commissioner-review.md).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("reviewer", sa.String(200), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("opened", sa.Date(), nullable=False),
        sa.Column("closed", sa.Date(), nullable=True),
        sa.Column("as_of", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review")),
        sa.UniqueConstraint("name", name=op.f("uq_review_name")),
    )
    op.create_table(
        "challenge",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("target", sa.String(60), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("raised_by", sa.String(200), nullable=False),
        sa.Column("raised_on", sa.Date(), nullable=False),
        sa.Column("response", sa.Text(), nullable=False),
        sa.Column("responded_by", sa.String(200), nullable=False),
        sa.Column("responded_on", sa.Date(), nullable=True),
        sa.Column("outcome", sa.String(32), nullable=False),
        sa.Column("conditions", sa.Text(), nullable=False),
        sa.Column("evidence_requested", sa.Boolean(), nullable=False),
        sa.Column("closed_by", sa.String(200), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["review_id"], ["review.id"], name=op.f("fk_challenge_review_id_review"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_challenge")),
    )
    op.create_index(op.f("ix_challenge_review_id"), "challenge", ["review_id"])
    op.create_table(
        "sign_off",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("milestone", sa.String(60), nullable=False),
        sa.Column("reviewer", sa.String(200), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=False),
        sa.Column("actual", sa.Date(), nullable=False),
        sa.Column("evidence_title", sa.String(300), nullable=False),
        sa.Column("evidence_on", sa.Date(), nullable=True),
        sa.Column("evidence_path", sa.Text(), nullable=False),
        sa.Column("evidence_link", sa.Text(), nullable=False),
        sa.Column("evidence_sha256", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(["review_id"], ["review.id"], name=op.f("fk_sign_off_review_id_review"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_off")),
    )
    op.create_index(op.f("ix_sign_off_review_id"), "sign_off", ["review_id"])
    op.create_index(op.f("ix_sign_off_milestone"), "sign_off", ["milestone"])


def downgrade() -> None:
    for name in ("sign_off", "challenge", "review"):
        op.drop_table(name)
