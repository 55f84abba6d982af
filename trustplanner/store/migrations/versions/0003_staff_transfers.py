"""Staff transfers under TUPE: dated staff versions, HR extracts, the staff-representative notice.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("programme") as batch:
        batch.add_column(sa.Column("tupe_notice_days", sa.Integer(), nullable=False, server_default="56"))
    op.create_table(
        "staff_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(60), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("team", sa.String(200), nullable=False),
        sa.Column("role", sa.String(200), nullable=False),
        sa.Column("grade", sa.String(60), nullable=False),
        sa.Column("employment", sa.String(32), nullable=False),
        sa.Column("fte", sa.Integer(), nullable=False),
        sa.Column("annual_cost", sa.BigInteger(), nullable=False),
        sa.Column("tupe", sa.Boolean(), nullable=False),
        sa.Column("pension", sa.String(32), nullable=False),
        sa.Column("caseload", sa.Integer(), nullable=True),
        sa.Column("transfer_date", sa.Date(), nullable=True),
        sa.Column("eli_sent", sa.Date(), nullable=True),
        sa.Column("consultation", sa.String(32), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_id"], ["service.id"], name=op.f("fk_staff_version_service_id_service"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_version")),
    )
    op.create_index(op.f("ix_staff_version_ref"), "staff_version", ["ref"])
    op.create_index(op.f("ix_staff_version_service_id"), "staff_version", ["service_id"])
    op.create_table(
        "staff_extract",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("extract_date", sa.Date(), nullable=False),
        sa.Column("source", sa.String(300), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("joiners", sa.Integer(), nullable=False),
        sa.Column("leavers", sa.Integer(), nullable=False),
        sa.Column("changed", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_extract")),
    )


def downgrade() -> None:
    op.drop_table("staff_extract")
    op.drop_table("staff_version")
    with op.batch_alter_table("programme") as batch:
        batch.drop_column("tupe_notice_days")
