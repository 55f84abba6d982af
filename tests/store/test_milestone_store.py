"""Writing and reading milestones in bulk stores and returns exactly what the ORM would.

``write_milestones`` sends rows as executemany batches and ``read_snapshot`` reads plain
columns; these tests hold them to the ORM's own rows and records.
"""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from sqlalchemy import select

from trustplanner.domain.enums import Rag, Stage
from trustplanner.domain.model import Milestone, Service
from trustplanner.store.milestone_store import write_milestones, write_services
from trustplanner.services.plans import new_plan
from trustplanner.services.snapshot import milestone_record, read_snapshot
from trustplanner.store.tables import MilestoneRow, ServiceRow


def ms(ref, *deps, **fields):
    values = dict(title=f"Title {ref}", workstream="Finance", stage=Stage.SHADOW, baseline=date(2017, 2, 1),
                  forecast=date(2017, 2, 1))
    values.update(fields)
    return Milestone(ref=ref, depends_on=tuple(deps), **values)


@pytest.fixture
def plan(tmp_path):
    with new_plan(tmp_path / "p.tplan", council="Sunderland City Council", trust="Together for Children",
                  go_live=date(2017, 4, 1), status_date=date(2017, 1, 16), template=True) as opened:
        with opened.transaction() as session:
            write_services(session, [Service("Early help"), Service("Adoption", retained=True)])
        yield opened


def orm_records(session):
    rows = session.scalars(select(MilestoneRow).order_by(MilestoneRow.ref)).unique()
    return tuple(milestone_record(row) for row in rows)


def raw_rows(path, refs):
    connection = sqlite3.connect(path)
    try:
        marks = ",".join("?" * len(refs))
        return connection.execute(
            f"SELECT ref, title, workstream, service_id, stage, owner, baseline, forecast, actual, rag_override, "
            f"commentary, derived FROM milestone WHERE ref IN ({marks}) ORDER BY ref", refs).fetchall()
    finally:
        connection.close()


def test_the_snapshot_holds_what_the_orm_records_hold(plan):
    with plan.transaction() as session:
        write_milestones(session, [
            ms("Z-1", "GOV-01", service="Early help", owner="Me", actual=date(2017, 1, 3), commentary="Done"),
            ms("Z-2", "Z-1", "GOV-01", rag_override=Rag.RED, commentary="At risk", derived=True),
        ])
    with plan.reading() as session:
        snapshot = read_snapshot(session)
        assert snapshot.milestones == orm_records(session)
    assert len(snapshot.milestones) > 10  # the template plus the two
    assert snapshot.milestone("Z-2").depends_on == ("GOV-01", "Z-1")  # by ref, as the relationship orders


def test_stored_values_are_those_the_orm_stores(plan):
    fields = dict(title="Same £ title", workstream="HR & TUPE", stage=Stage.INDEPENDENT, owner="HR Director",
                  baseline=date(2017, 3, 1), forecast=date(2017, 3, 8), actual=None, rag_override=Rag.AMBER,
                  commentary="Line one\nline two", derived=True)
    with plan.transaction() as session:
        service_id = session.scalars(select(ServiceRow.id).where(ServiceRow.name == "Early help")).one()
        session.add(MilestoneRow(ref="ORM-1", service_id=service_id, **fields))
        session.flush()
        write_milestones(session, [Milestone(ref="BULK-1", service="Early help", **fields)])
    orm, bulk = raw_rows(plan.path, ["BULK-1", "ORM-1"])[::-1]
    assert orm[1:] == bulk[1:]
    assert orm[6:9] == ("2017-03-01", "2017-03-08", None) and orm[9] == "amber" and orm[11] == 1


def test_updates_replace_fields_and_links_and_new_rows_link_to_them(plan):
    with plan.transaction() as session:
        write_milestones(session, [ms("A"), ms("B", "A"), ms("C", "A", "B")])
    with plan.transaction() as session:
        write_milestones(session, [
            ms("B", owner="New owner", forecast=date(2017, 2, 9), rag_override=Rag.AMBER, commentary="Late"),
            ms("D", "B", "C"),
            ms("C", "B"),
        ])
    with plan.reading() as session:
        snapshot = read_snapshot(session)
        assert snapshot.milestones == orm_records(session)
    assert snapshot.milestone("B").depends_on == ()
    assert snapshot.milestone("B").owner == "New owner" and snapshot.milestone("B").rag_override is Rag.AMBER
    assert snapshot.milestone("C").depends_on == ("B",)
    assert snapshot.milestone("D").depends_on == ("B", "C")


def test_a_ref_given_twice_is_one_row_with_the_last_values(plan):
    with plan.transaction() as session:
        write_milestones(session, [ms("A", title="first"), ms("A", title="second")])
    with plan.reading() as session:
        assert read_snapshot(session).milestone("A").title == "second"
    assert len(raw_rows(plan.path, ["A"])) == 1


def test_a_renamed_ref_pending_in_the_session_is_written_first(plan):
    with plan.transaction() as session:
        write_milestones(session, [ms("OLD")])
    with plan.transaction() as session:
        row = session.scalars(select(MilestoneRow).where(MilestoneRow.ref == "OLD")).one()
        row.ref = "NEW"  # not flushed: write_milestones must see it before looking refs up
        write_milestones(session, [ms("NEW", title="renamed"), ms("AFTER", "NEW")])
    with plan.reading() as session:
        snapshot = read_snapshot(session)
    refs = {m.ref for m in snapshot.milestones}
    assert "OLD" not in refs and snapshot.milestone("NEW").title == "renamed"
    assert snapshot.milestone("AFTER").depends_on == ("NEW",)


def test_every_milestone_field_is_read_and_written():
    """A new Milestone field must also be read in snapshot._milestone_records and written in
    milestone_store.write_milestones, which list the columns themselves (for speed)."""
    from dataclasses import fields

    known = {"ref", "title", "workstream", "stage", "baseline", "forecast", "service", "owner", "actual",
             "depends_on", "rag_override", "commentary", "derived", "meets"}  # those both functions handle
    columns = {column.name for column in MilestoneRow.__table__.columns} - {"id", "service_id"}
    assert {f.name for f in fields(Milestone)} == known
    assert columns | {"service", "depends_on"} == known
