"""Issued briefings kept whole: the PDF's bytes, its SHA-256, a version per meeting, who issued
it, and the figures it printed (so later briefings can say what changed since).

Briefings recorded before this revision keep their path and their two RAGs; they are version 1
of their meeting (or the next number when one meeting had several), issued by whoever the
history says recorded them, with no bytes and no figures (shown as "not kept").

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("briefing") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        batch.add_column(sa.Column("issued_by", sa.String(200), nullable=False, server_default=""))
        batch.add_column(sa.Column("sha256", sa.String(64), nullable=True))
        batch.add_column(sa.Column("figures", sa.Text(), nullable=True))
    op.create_index("ix_briefing_sha256", "briefing", ["sha256"])
    op.create_table(
        "briefing_file",
        sa.Column("briefing_id", sa.Integer(), sa.ForeignKey("briefing.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("content", sa.LargeBinary(), nullable=False),
    )
    connection = op.get_bind()
    seen: dict[str, int] = {}
    for id_, meeting in connection.exec_driver_sql("SELECT id, meeting FROM briefing ORDER BY produced_at, id"):
        seen[str(meeting)] = seen.get(str(meeting), 0) + 1
        connection.execute(sa.text("UPDATE briefing SET version = :v WHERE id = :id"),
                           {"v": seen[str(meeting)], "id": id_})


def downgrade() -> None:
    op.drop_table("briefing_file")
    op.drop_index("ix_briefing_sha256", "briefing")
    with op.batch_alter_table("briefing") as batch:
        for name in ("figures", "sha256", "issued_by", "version"):
            batch.drop_column(name)
