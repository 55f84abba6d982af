import sqlite3
from datetime import date

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from trustplanner.domain.problems import PlanFileError
from trustplanner.services.plans import new_plan
from trustplanner.services.snapshot import load_snapshot
from trustplanner.store.plan_file import (
    APPLICATION_ID,
    _alembic_config,
    create_plan_file,
    head_revision,
    open_plan_file,
)
from trustplanner.store.tables import ProgrammeRow


def make_revision_0001_plan(path):
    """A plan file as the first release wrote it, with a programme, a service and two milestones."""
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        connection.execute(text(f"PRAGMA application_id={APPLICATION_ID}"))
        config = _alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(text(
            "INSERT INTO programme (id, council, trust, delivery_model, go_live, tolerance_days, marking) "
            "VALUES (1, 'Sunderland City Council', 'Together for Children', 'council_owned_company', "
            "'2017-04-01', 10, 'OFFICIAL')"))
        connection.execute(text("INSERT INTO service (id, name, retained) VALUES (1, 'Early help', 0)"))
        connection.execute(text(
            "INSERT INTO milestone (id, ref, title, workstream, service_id, stage, owner, baseline, forecast, "
            "commentary, derived) VALUES "
            "(1, 'GOV-01', 'Cabinet decision', 'Governance', NULL, 'council', '', '2016-04-12', '2016-04-12', '', 0),"
            "(2, 'GOV-02', 'Shadow start', 'Governance', 1, 'shadow', '', '2016-09-01', '2016-09-05', 'Late', 0)"))
        connection.execute(text("INSERT INTO milestone_dependency VALUES (2, 1)"))
    engine.dispose()


def test_new_plan_is_created_at_the_head_revision(tmp_path):
    with new_plan(tmp_path / "p.tplan", council="C", trust="T", go_live=date(2027, 4, 1)):
        pass
    db = sqlite3.connect(tmp_path / "p.tplan")
    assert db.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_old_revision_file_is_backed_up_then_migrated_keeping_its_data(tmp_path):
    path = tmp_path / "old.tplan"
    make_revision_0001_plan(path)
    with open_plan_file(path) as plan:
        snapshot = load_snapshot(plan)
    assert snapshot.programme.council == "Sunderland City Council"
    assert [m.ref for m in snapshot.milestones] == ["GOV-01", "GOV-02"]
    assert snapshot.milestone("GOV-02").depends_on == ("GOV-01",)
    assert snapshot.milestone("GOV-02").service == "Early help"
    db = sqlite3.connect(path)
    assert db.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
    assert db.execute("SELECT count(*) FROM briefing").fetchone()[0] == 0
    backups = list(tmp_path.glob("old.backup-*-rev0001.tplan"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    assert old.execute("SELECT count(*) FROM milestone").fetchone()[0] == 2


def test_file_from_a_newer_version_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "future.tplan"
    new_plan(path, council="C", trust="T", go_live=date(2027, 4, 1)).close()
    db = sqlite3.connect(path)
    db.execute("UPDATE alembic_version SET version_num='9999'")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(PlanFileError, match="newer version of TrustPlanner"):
        open_plan_file(path)
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*backup*"))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"ref,title\nA,B\n", "not a TrustPlanner plan file"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "not a TrustPlanner plan file"),
        (b"", "not a TrustPlanner plan file"),
    ],
)
def test_files_that_are_not_plans_give_a_one_line_error(tmp_path, content, message):
    path = tmp_path / "x.tplan"
    path.write_bytes(content)
    with pytest.raises(PlanFileError, match=message) as info:
        open_plan_file(path)
    assert "\n" not in str(info.value)


def test_truncated_plan_is_reported_as_damaged(tmp_path):
    path = tmp_path / "whole.tplan"
    new_plan(path, council="C", trust="T", go_live=date(2027, 4, 1), template=True).close()
    truncated = tmp_path / "cut.tplan"
    truncated.write_bytes(path.read_bytes()[:6000])
    with pytest.raises(PlanFileError, match="damaged"):
        open_plan_file(truncated)


def test_other_sqlite_databases_are_not_plans(tmp_path):
    path = tmp_path / "other.db"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(PlanFileError, match="not a TrustPlanner plan"):
        open_plan_file(path)


def test_create_refuses_to_overwrite(tmp_path):
    path = tmp_path / "p.tplan"
    path.write_text("precious")
    with pytest.raises(PlanFileError, match="already exists"):
        create_plan_file(path)
    assert path.read_text() == "precious"


def test_foreign_keys_are_enforced_on_every_connection(tmp_path):
    with new_plan(tmp_path / "p.tplan", council="C", trust="T", go_live=date(2027, 4, 1)) as plan:
        with plan.reading() as session:
            assert session.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
        with pytest.raises(Exception, match="FOREIGN KEY"):
            with plan.transaction() as session:
                session.execute(text("INSERT INTO milestone_dependency VALUES (98, 99)"))


def test_a_failed_transaction_changes_nothing(tmp_path):
    with new_plan(tmp_path / "p.tplan", council="C", trust="T", go_live=date(2027, 4, 1)) as plan:
        with pytest.raises(RuntimeError):
            with plan.transaction() as session:
                session.get(ProgrammeRow, 1).council = "Changed"
                raise RuntimeError("boom")
        assert load_snapshot(plan).programme.council == "C"


def test_head_revision_constant_matches_the_migration_scripts():
    from trustplanner.store.plan_file import script_head_revision

    assert head_revision() == script_head_revision()


def test_revision_0002_plan_gains_staff_tables_and_the_default_tupe_notice(tmp_path):
    path = tmp_path / "r2.tplan"
    make_revision_0001_plan(path)
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        config = _alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
    engine.dispose()
    with open_plan_file(path) as plan:
        snapshot = load_snapshot(plan)
    assert snapshot.programme.tupe_notice_days == 56
    assert [m.ref for m in snapshot.milestones] == ["GOV-01", "GOV-02"]
    db = sqlite3.connect(path)
    assert db.execute("SELECT count(*) FROM staff_version").fetchone()[0] == 0
    assert len(list(tmp_path.glob("r2.backup-*-rev0002.tplan"))) == 1
