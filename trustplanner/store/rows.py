"""Writing many rows at once: the one bulk-insert helper every importer uses."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, Table, bindparam


def insert_rows(connection: Connection, table: Table, columns: Sequence[str], rows: Sequence[Sequence]) -> None:
    """``INSERT`` plain value tuples (in ``columns`` order) as one driver ``executemany``.

    Each value goes through its column type's own bind processor for the dialect, so the stored
    values are exactly those a Core or ORM insert would store; what is skipped is SQLAlchemy's
    per-row parameter handling, which costs more than SQLite's insert itself (an HR extract may
    hold tens of thousands of rows). Values repeat a lot (dates, stages, services), so each
    distinct value of a column is processed once.
    """
    if not rows:
        return
    dialect = connection.dialect
    statement = table.insert().values({name: bindparam(name) for name in columns}).compile(dialect=dialect)
    by_name = dict(zip(columns, zip(*rows)))
    values = []
    for name in statement.positiontup:
        column = by_name[name]
        processor = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        if processor is not None:
            processed = {value: processor(value) for value in set(column) if value is not None}
            processed[None] = None
            column = map(processed.__getitem__, column)
        values.append(column)
    connection.exec_driver_sql(statement.string, list(zip(*values)))
