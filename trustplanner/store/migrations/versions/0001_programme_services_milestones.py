"""Programme, services, milestones and their dependencies.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "programme",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("council", sa.String(200), nullable=False),
        sa.Column("trust", sa.String(200), nullable=False),
        sa.Column("delivery_model", sa.String(32), nullable=False),
        sa.Column("decision_date", sa.Date(), nullable=True),
        sa.Column("shadow_start", sa.Date(), nullable=True),
        sa.Column("go_live", sa.Date(), nullable=False),
        sa.Column("tolerance_days", sa.Integer(), nullable=False),
        sa.Column("marking", sa.String(60), nullable=False),
        sa.Column("status_date", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme")),
    )
    op.create_table(
        "service",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("shadow", sa.Date(), nullable=True),
        sa.Column("go_live", sa.Date(), nullable=True),
        sa.Column("retained", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service")),
        sa.UniqueConstraint("name", name=op.f("uq_service_name")),
    )
    op.create_table(
        "milestone",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(40), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("workstream", sa.String(100), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=True),
        sa.Column("stage", sa.String(32), nullable=False),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("baseline", sa.Date(), nullable=False),
        sa.Column("forecast", sa.Date(), nullable=False),
        sa.Column("actual", sa.Date(), nullable=True),
        sa.Column("rag_override", sa.String(32), nullable=True),
        sa.Column("commentary", sa.Text(), nullable=False),
        sa.Column("derived", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_id"], ["service.id"], name=op.f("fk_milestone_service_id_service"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_milestone")),
        sa.UniqueConstraint("ref", name=op.f("uq_milestone_ref")),
    )
    op.create_index(op.f("ix_milestone_service_id"), "milestone", ["service_id"])
    op.create_table(
        "milestone_dependency",
        sa.Column("milestone_id", sa.Integer(), nullable=False),
        sa.Column("predecessor_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["milestone_id"], ["milestone.id"],
            name=op.f("fk_milestone_dependency_milestone_id_milestone"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["predecessor_id"], ["milestone.id"],
            name=op.f("fk_milestone_dependency_predecessor_id_milestone"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("milestone_id", "predecessor_id", name=op.f("pk_milestone_dependency")),
    )
    op.create_index(op.f("ix_milestone_dependency_predecessor_id"), "milestone_dependency", ["predecessor_id"])


def downgrade() -> None:
    op.drop_table("milestone_dependency")
    op.drop_table("milestone")
    op.drop_table("service")
    op.drop_table("programme")
