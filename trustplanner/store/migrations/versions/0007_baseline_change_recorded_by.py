"""Who re-baselined: each recorded baseline change names the person who made it.

Earlier plans recorded when, why and on whose decision, not who. Changes made since the change
history began (revision 0005) are given the login name of the history entry that stored them;
older ones are left blank (shown as "not recorded"), not guessed.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("baseline_change") as batch:
        batch.add_column(sa.Column("recorded_by", sa.String(200), nullable=False, server_default=""))
    connection = op.get_bind()
    known = {id_ for (id_,) in connection.exec_driver_sql("SELECT id FROM baseline_change")}
    if not known:
        return
    names = {}
    for key, user in connection.exec_driver_sql(
            "SELECT history_row.row_key, history_entry.user FROM history_row "
            "JOIN history_entry ON history_entry.id = history_row.entry_id "
            "WHERE history_row.table_name = 'baseline_change' AND history_row.before IS NULL "
            "AND history_entry.kind = 'change' ORDER BY history_entry.id"):
        try:
            (id_,) = json.loads(key)
        except (ValueError, TypeError):
            continue
        if id_ in known:
            names[id_] = user  # the latest insert of that id is the one standing
    for id_, user in names.items():
        connection.execute(sa.text("UPDATE baseline_change SET recorded_by = :user WHERE id = :id"),
                           {"user": user, "id": id_})


def downgrade() -> None:
    with op.batch_alter_table("baseline_change") as batch:
        batch.drop_column("recorded_by")
