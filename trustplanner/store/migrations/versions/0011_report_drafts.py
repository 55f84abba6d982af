"""The cabinet report's own parts: plan-wide header fields (meeting name, report of, cabinet member
and portfolio, author and contact, wards), one draft per meeting (key decision and forward plan
reference, public or exempt, call-in, and the sections officers write), and on each issued briefing
the draft it printed, so the next meeting's draft starts from it.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_defaults",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("meeting_name", sa.String(200), nullable=False, server_default="Cabinet"),
        sa.Column("report_of", sa.String(200), nullable=False, server_default=""),
        sa.Column("cabinet_member", sa.String(200), nullable=False, server_default=""),
        sa.Column("portfolio", sa.String(200), nullable=False, server_default=""),
        sa.Column("author", sa.String(200), nullable=False, server_default=""),
        sa.Column("contact", sa.String(200), nullable=False, server_default=""),
        sa.Column("wards", sa.String(300), nullable=False, server_default="All wards"),
    )
    op.create_table(
        "report_draft",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("meeting", sa.Date(), nullable=False, unique=True),
        sa.Column("content", sa.Text(), nullable=False),
    )
    with op.batch_alter_table("briefing") as batch:
        batch.add_column(sa.Column("report", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("briefing") as batch:
        batch.drop_column("report")
    op.drop_table("report_draft")
    op.drop_table("report_defaults")
