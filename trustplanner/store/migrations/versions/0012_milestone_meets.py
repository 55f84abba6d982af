"""A plan milestone may say which statutory TUPE deadline it meets (ELI, staff representatives
informed, LGPS admission agreement); the deadline it pairs with is derived, never stored.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("milestone") as batch:
        batch.add_column(sa.Column("meets", sa.String(10), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("milestone") as batch:
        batch.drop_column("meets")
