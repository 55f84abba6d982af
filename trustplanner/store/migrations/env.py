"""Alembic environment: always driven from code with an open connection (see store.plan_file)."""

from alembic import context

from trustplanner.store import tables  # noqa: F401  (registers every table on the metadata)
from trustplanner.store.base import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
