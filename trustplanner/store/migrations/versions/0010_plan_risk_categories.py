"""A plan's own risk categories beside the seven standard ones.

A risk's category holds a key: a standard category's value (as before, so existing risks need no
change) or the key of one of the plan's own, kept in ``risk_category``. The column becomes a plain
string wide enough for those keys.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "risk_category",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("label", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_category")),
        sa.UniqueConstraint("key", name=op.f("uq_risk_category_key")),
    )
    with op.batch_alter_table("risk") as batch:
        batch.alter_column("category", existing_type=sa.String(32), type_=sa.String(64), existing_nullable=False)


def downgrade() -> None:
    """Back to the standard seven; refused while a risk is in one of the plan's own (nothing is re-filed)."""
    used = op.get_bind().exec_driver_sql(
        "SELECT ref FROM risk WHERE category IN (SELECT key FROM risk_category) ORDER BY ref").scalars().all()
    if used:
        which = f"risk {used[0]} is" if len(used) == 1 else f"risks {', '.join(used)} are"
        raise RuntimeError(f"{which} in the plan's own categories; give them a standard one first")
    with op.batch_alter_table("risk") as batch:
        batch.alter_column("category", existing_type=sa.String(64), type_=sa.String(32), existing_nullable=False)
    op.drop_table("risk_category")
