"""Row capture for the change history: the before and after image of every row a change touches.

On SQLite each connection gets temporary triggers on every tracked table (created the first time
the connection writes). The first write to a row in a unit of work notes its key and its stored
values before the write, as JSON, in that table's temporary capture; when the unit of work ends,
each noted row's image now is read beside it and both go into the history in one statement. So
the history sees exactly the rows that changed, however they were written (ORM, Core, bulk
``executemany``, a foreign-key cascade), and images hold stored values, so putting one back
restores the row exactly.

A PostgreSQL store would do the same with one trigger function per table writing into a
session-local temporary table; only this module knows which it is (docs/design/0006).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, Integer, LargeBinary, Table

from trustplanner.store.base import Base

#: Tables the history keeps no images of: itself, the revision counter, Alembic's own, and issued
#: briefings' PDF bytes (issuing is a record that is never undone; an image would copy each PDF).
UNTRACKED = frozenset({"history_entry", "history_row", "plan_revision", "alembic_version", "briefing_file"})
_READY = "tp_capture_ready"
_KEYS = "tp_keys"


@dataclass(frozen=True)
class RowChange:
    """One row's net change in a unit of work. Images are JSON objects of stored values; None: no row."""

    table: str
    key: str  # JSON array of the primary-key values
    before: str | None
    after: str | None

    def image(self, which: str) -> dict | None:
        text = self.before if which == "before" else self.after
        return None if text is None else json.loads(text)


def tracked_tables() -> list[Table]:
    """Every table whose rows the history records, parents before children."""
    from trustplanner.store import tables  # noqa: F401  (registers every table)

    return [t for t in Base.metadata.sorted_tables if t.name not in UNTRACKED]


def area_of(table_name: str) -> str:
    """The area of the plan a table belongs to (declared on the table with :func:`trustplanner.store.base.area`)."""
    table = Base.metadata.tables.get(table_name)
    return (table.info.get("area") if table is not None else None) or table_name


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _value(prefix: str, column) -> str:  # noqa: ANN001
    ref = f"{prefix}.{_quote(column.name)}"
    return f"hex({ref})" if isinstance(column.type, LargeBinary) else ref


def _object(prefix: str, table: Table) -> str:
    pairs = ", ".join(f"'{c.name}', {_value(prefix, c)}" for c in table.columns)
    return f"json_object({pairs})"


def _key(prefix: str, table: Table) -> str:
    return "json_array(" + ", ".join(f"{prefix}.{_quote(c.name)}" for c in table.primary_key.columns) + ")"


def _capture_table(table: Table) -> str:
    return f"tp_c_{table.name}"


def _key_columns(table: Table) -> list[str]:
    return [c.name for c in table.primary_key.columns]


def _capture_ddl(table: Table) -> list[str]:
    """The capture of one table: each row touched once, keyed as the table is, with its before image.

    Only the before image is kept as rows change (the first write to a row wins); the after image
    is the row as it stands when the change ends, read once for all rows in :func:`record_into`.
    """
    name, quoted, capture = table.name, _quote(table.name), _capture_table(table)
    keys = _key_columns(table)
    key_list = ", ".join(_quote(k) for k in keys)
    old_keys = ", ".join(f"OLD.{_quote(k)}" for k in keys)
    new_keys = ", ".join(f"NEW.{_quote(k)}" for k in keys)
    differ = " OR ".join(f"OLD.{_quote(k)} IS NOT NEW.{_quote(k)}" for k in keys)
    insert = f"INSERT OR IGNORE INTO {capture} ({key_list}, old)"
    old_row = _object("OLD", table)
    if len(keys) == 1 and isinstance(table.primary_key.columns[keys[0]].type, Integer):
        # an INTEGER PRIMARY KEY is the row id itself: no separate index to keep up on every write
        create = f"CREATE TEMP TABLE IF NOT EXISTS {capture} ({_quote(keys[0])} INTEGER PRIMARY KEY, old TEXT)"
    else:
        create = f"CREATE TEMP TABLE IF NOT EXISTS {capture} ({key_list}, old TEXT, PRIMARY KEY ({key_list})) WITHOUT ROWID"
    return [
        create,
        f"CREATE TEMP TRIGGER IF NOT EXISTS tp_{name}_i AFTER INSERT ON main.{quoted} BEGIN "
        f"{insert} VALUES ({new_keys}, NULL); END",
        f"CREATE TEMP TRIGGER IF NOT EXISTS tp_{name}_d AFTER DELETE ON main.{quoted} BEGIN "
        f"{insert} VALUES ({old_keys}, {old_row}); END",
        # a change of primary key is the old row leaving and a new one arriving
        f"CREATE TEMP TRIGGER IF NOT EXISTS tp_{name}_u AFTER UPDATE ON main.{quoted} BEGIN "
        f"{insert} VALUES ({old_keys}, {old_row}); "
        f"{insert} SELECT {new_keys}, NULL WHERE {differ}; END",
    ]


def _require_sqlite(connection: Connection) -> None:
    if connection.dialect.name != "sqlite":
        raise NotImplementedError(f"row capture for {connection.dialect.name} is not built yet (docs/design/0006)")


def begin_capture(connection: Connection) -> None:
    """Start recording row changes on this connection (installing the capture the first time)."""
    _require_sqlite(connection)
    # Created inside the write transaction, so a rollback takes them away again: look, don't remember.
    installed = connection.exec_driver_sql(
        f"SELECT count(*) FROM temp.sqlite_master WHERE type = 'table' AND name = '{_READY}'").scalar()
    if not installed:
        connection.exec_driver_sql(f"CREATE TEMP TABLE IF NOT EXISTS {_KEYS} (k TEXT PRIMARY KEY)")
        for table in tracked_tables():
            for statement in _capture_ddl(table):
                connection.exec_driver_sql(statement)
        connection.exec_driver_sql(f"CREATE TEMP TABLE IF NOT EXISTS {_READY} (x)")
        return
    for name in touched_tables(connection):
        connection.exec_driver_sql(f"DELETE FROM temp.{_capture_table(Base.metadata.tables[name])}")


def touched_tables(connection: Connection) -> set[str]:
    """The tables whose rows this change has written so far."""
    tables = tracked_tables()
    query = " UNION ALL ".join(f"SELECT '{t.name}' WHERE EXISTS (SELECT 1 FROM temp.{_capture_table(t)})"
                               for t in tables)
    return {name for (name,) in connection.exec_driver_sql(query)}


def record_into(connection: Connection, history_rows: str, entry_id: int) -> int:
    """Copy each changed row once, its before image and its image now, into the table
    ``history_rows`` under ``entry_id``; rows that end as they began are left out. Returns how many
    rows were recorded, and empties the capture.

    Done in SQL: an import writes thousands of rows, and they need not pass through Python. Both
    images are made by the same ``json_object`` over the table's columns in the same order, so
    equal text is an equal row.
    """
    _require_sqlite(connection)
    count = 0
    for name in sorted(touched_tables(connection)):
        table = Base.metadata.tables[name]
        capture = _capture_table(table)
        keys = _key_columns(table)
        match = " AND ".join(f"t.{_quote(k)} = c.{_quote(k)}" for k in keys)
        key = "json_array(" + ", ".join(f"c.{_quote(k)}" for k in keys) + ")"
        count += connection.exec_driver_sql(
            f"INSERT INTO main.{_quote(history_rows)} (entry_id, table_name, row_key, before, after) "
            f"SELECT ?, '{name}', k, old, now FROM ("
            f" SELECT {key} AS k, c.old AS old, (SELECT {_object('t', table)} FROM main.{_quote(name)} t "
            f"WHERE {match}) AS now FROM temp.{capture} c)"
            f" WHERE old IS NOT now", (entry_id,)).rowcount
        connection.exec_driver_sql(f"DELETE FROM temp.{capture}")
    return count


def current_images(connection: Connection, table_name: str, keys: Iterable[str]) -> dict[str, dict]:
    """The rows of ``table_name`` with these keys as they are now (absent keys are missing from the result)."""
    _require_sqlite(connection)
    table = Base.metadata.tables[table_name]
    keys = list(keys)
    connection.exec_driver_sql(f"DELETE FROM temp.{_KEYS}")
    connection.exec_driver_sql(f"INSERT OR IGNORE INTO temp.{_KEYS} (k) VALUES (?)", [(k,) for k in keys])
    pk = list(table.primary_key.columns)
    prefix = _quote(table.name)
    if len(pk) == 1:
        where = f"{_quote(pk[0].name)} IN (SELECT json_extract(k, '$[0]') FROM temp.{_KEYS})"
    else:
        where = f"{_key(prefix, table)} IN (SELECT k FROM temp.{_KEYS})"
    rows = connection.exec_driver_sql(
        f"SELECT {_key(prefix, table)}, {_object(prefix, table)} FROM main.{prefix} WHERE {where}").all()
    return {key: json.loads(image) for key, image in rows}


def apply_images(connection: Connection, changes: Sequence[RowChange], which: str) -> None:
    """Put every row of ``changes`` into its ``which`` ('before' or 'after') state.

    Callers have checked that each row is now in the other state. Deletes go children first,
    inserts parents first, so foreign keys hold at every step.
    """
    _require_sqlite(connection)
    other = "after" if which == "before" else "before"
    by_table: dict[str, list[RowChange]] = {}
    for change in changes:
        by_table.setdefault(change.table, []).append(change)
    order = [t for t in tracked_tables() if t.name in by_table]
    for table in reversed(order):
        doomed = [c for c in by_table[table.name] if c.image(which) is None]
        if doomed:
            pk = [c.name for c in table.primary_key.columns]
            where = " AND ".join(f"{_quote(n)} = ?" for n in pk)
            connection.exec_driver_sql(f"DELETE FROM main.{_quote(table.name)} WHERE {where}",
                                       [tuple(json.loads(c.key)) for c in doomed])
    for table in order:
        binary = {c.name for c in table.columns if isinstance(c.type, LargeBinary)}
        pk = [c.name for c in table.primary_key.columns]
        groups: dict[tuple[str, tuple[str, ...]], list[tuple]] = {}
        for change in by_table[table.name]:
            image = change.image(which)
            if image is None:
                continue
            for name in binary & image.keys():
                if image[name] is not None:
                    image[name] = bytes.fromhex(image[name])
            if change.image(other) is None:
                columns = tuple(image)
                groups.setdefault(("insert", columns), []).append(tuple(image[c] for c in columns))
            else:
                columns = tuple(c for c in image if c not in pk)
                groups.setdefault(("update", columns), []).append(
                    tuple(image[c] for c in columns) + tuple(json.loads(change.key)))
        quoted = _quote(table.name)
        for (verb, columns), rows in groups.items():
            if verb == "update":
                if not columns:
                    continue
                sets = ", ".join(f"{_quote(c)} = ?" for c in columns)
                where = " AND ".join(f"{_quote(n)} = ?" for n in pk)
                connection.exec_driver_sql(f"UPDATE main.{quoted} SET {sets} WHERE {where}", rows)
        for (verb, columns), rows in groups.items():
            if verb == "insert":
                names = ", ".join(_quote(c) for c in columns)
                marks = ", ".join("?" for _ in columns)
                connection.exec_driver_sql(f"INSERT INTO main.{quoted} ({names}) VALUES ({marks})", rows)
