"""Helpers for the migration tests: take a plan file back to an earlier revision, and list its tables."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from trustplanner.store.plan_file import _alembic_config


def downgrade(path: Path, revision: str) -> None:
    """Run the plan's migrations down to ``revision`` (a plan as an older TrustPlanner left it)."""
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as connection:
            config = _alembic_config()
            config.attributes["connection"] = connection
            command.downgrade(config, revision)
    finally:
        engine.dispose()


def table_names(path: Path) -> set[str]:
    db = sqlite3.connect(path)
    try:
        return {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        db.close()
