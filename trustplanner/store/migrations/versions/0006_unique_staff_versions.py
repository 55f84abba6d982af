"""Natural keys are unique: one staff version per person and start date, and one open version per person.

Service names, milestone refs, budget lines (year and cost centre) and savings refs were unique
from the start; a person's versions were not, and two staff imports run at the same moment by
an older TrustPlanner could store everyone twice. Such plans are settled here as running the
imports one after the other would have left them, and nothing is lost: of two versions of one
person from the same date the later-stored one stands (the later import replaced the earlier,
as a same-day re-import does), and a version overlapping the next one of that person is closed
where the next begins. Every row removed or closed is kept, as it was, in one history entry
that says so (``trustplanner history`` lists it). Plans without such rows are only given the
constraints.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

import getpass
import socket
from collections import defaultdict
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    connection = op.get_bind()
    _settle_duplicate_staff_versions(connection)
    with op.batch_alter_table("staff_version") as batch:
        batch.create_unique_constraint(op.f("uq_staff_version_ref"), ["ref", "valid_from"])
    op.create_index(op.f("uq_staff_version_open_ref"), "staff_version", ["ref"], unique=True,
                    sqlite_where=sa.text("valid_to IS NULL"))


def downgrade() -> None:
    op.drop_index(op.f("uq_staff_version_open_ref"), table_name="staff_version")
    with op.batch_alter_table("staff_version") as batch:
        batch.drop_constraint(op.f("uq_staff_version_ref"), type_="unique")


def _settle_duplicate_staff_versions(connection) -> None:  # noqa: ANN001
    versions = defaultdict(list)
    for id_, ref, valid_from, valid_to in connection.exec_driver_sql(
            "SELECT id, ref, valid_from, valid_to FROM staff_version ORDER BY ref, valid_from, id"):
        versions[ref].append([id_, valid_from, valid_to])
    removed, closed = [], {}  # ids; id -> new valid_to
    for history in versions.values():
        if len(history) < 2:
            continue
        standing = []
        for version in history:  # ordered by start, then by when stored
            if standing and standing[-1][1] == version[1]:
                removed.append(standing.pop()[0])
            standing.append(version)
        for earlier, later in zip(standing, standing[1:]):
            if earlier[2] is None or earlier[2] > later[1]:
                closed[earlier[0]] = later[1]
    if not removed and not closed:
        return
    columns = [row[1] for row in connection.exec_driver_sql("PRAGMA table_info(staff_version)")]
    image = "json_object(" + ", ".join(f"'{c}', \"{c}\"" for c in columns) + ")"
    entry = _note(connection, len(removed) + len(closed))
    touched = removed + list(closed)
    for chunk in _chunks(touched):
        marks = ", ".join("?" for _ in chunk)
        connection.exec_driver_sql(
            "INSERT INTO history_row (entry_id, table_name, row_key, before, after) "
            f"SELECT ?, 'staff_version', json_array(id), {image}, NULL FROM staff_version WHERE id IN ({marks})",
            (entry, *chunk))
    for chunk in _chunks(removed):
        connection.exec_driver_sql(f"DELETE FROM staff_version WHERE id IN ({', '.join('?' for _ in chunk)})",
                                   tuple(chunk))
    connection.exec_driver_sql("UPDATE staff_version SET valid_to = ? WHERE id = ?",
                               [(valid_to, id_) for id_, valid_to in closed.items()])
    connection.exec_driver_sql(
        f"UPDATE history_row SET after = (SELECT {image} FROM staff_version "
        "WHERE id = json_extract(history_row.row_key, '$[0]')) WHERE entry_id = ?", (entry,))


def _note(connection, count: int) -> int:  # noqa: ANN001
    """A history entry (a note: it cannot be undone) saying what the upgrade settled."""
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some service accounts
        user = "unknown user"
    connection.exec_driver_sql("UPDATE plan_revision SET revision = revision + 1 WHERE id = 1")
    plan_revision = connection.exec_driver_sql("SELECT revision FROM plan_revision WHERE id = 1").scalar() or 0
    what = (f"Plan format upgrade: settled {count} staff record{'' if count == 1 else 's'} that imports run at the "
            "same time had stored twice, as running them one after the other would have (the rows as they were "
            "are kept in this entry)")
    return connection.exec_driver_sql(
        "INSERT INTO history_entry (at, user, host, what, kind, target_id, areas, revision) "
        "VALUES (?, ?, ?, ?, 'note', NULL, 'staff', ?)",
        (datetime.now().strftime("%Y-%m-%d %H:%M:%S.000000"), user, socket.gethostname(), what,
         plan_revision)).lastrowid


def _chunks(ids: list, size: int = 500) -> list[list]:
    return [ids[i:i + size] for i in range(0, len(ids), size)]
