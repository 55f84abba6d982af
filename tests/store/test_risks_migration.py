"""Revision 0008 adds the register and the log: a new plan's schema is exactly the tables' declarations,
and an older plan upgrades keeping its re-baselines (which cite no decision) and can then hold risks."""

from __future__ import annotations

import sqlite3
from datetime import date

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from trustplanner.domain.risks import Risk, Score
from trustplanner.services.milestones import rebaseline
from trustplanner.services.plans import new_plan
from trustplanner.services.risks import add_risk, load_register
from trustplanner.services.snapshot import load_snapshot
from trustplanner.store.base import Base
from trustplanner.store.plan_file import _alembic_config, open_plan_file


def test_a_new_plans_schema_is_the_tables_declared(tmp_path):
    new_plan(tmp_path / "p.tplan", council="C", trust="T", go_live=date(2027, 4, 1)).close()
    engine = create_engine(f"sqlite:///{tmp_path / 'p.tplan'}")
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}),
                                       Base.metadata)
    engine.dispose()
    assert differences == []


def test_a_revision_0007_plan_upgrades_keeping_its_rebaselines(sample_plan):
    with open_plan_file(sample_plan) as plan:
        rebaseline(plan, "M5", date(2017, 3, 1), reason="Late", decision="Board 11/01/2017")
    engine = create_engine(f"sqlite:///{sample_plan}")
    with engine.begin() as connection:
        config = _alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0007")
    engine.dispose()
    db = sqlite3.connect(sample_plan)
    assert "risk" not in {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    db.close()
    with open_plan_file(sample_plan) as plan:
        [change] = load_snapshot(plan).baseline_changes
        assert (change.decision, change.decision_ref) == ("Board 11/01/2017", "")
        add_risk(plan, Risk("R1", "Agency reliance", Score(3, 4), owner="DCS"))
        assert [r.ref for r in load_register(plan).risks] == ["R1"]
