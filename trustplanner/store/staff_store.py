"""Reading staff versions as plain records (callers own the session).

Read with Core queries (the service name joined in) rather than ORM objects: a plan may hold
tens of thousands of versions, and an ORM object per row costs more than the record built from it.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from trustplanner.domain.staff import StaffRecord
from trustplanner.store.tables import ServiceRow, StaffVersionRow

_VERSION = StaffVersionRow.__table__
_SERVICE = ServiceRow.__table__
# The record's fields in StaffRecord's order, then the version's id and start.
_RECORD_COLUMNS = (_VERSION.c.ref, _SERVICE.c.name, _VERSION.c.employment, _VERSION.c.fte, _VERSION.c.annual_cost,
                   _VERSION.c.tupe, _VERSION.c.name, _VERSION.c.team, _VERSION.c.role, _VERSION.c.grade,
                   _VERSION.c.pension, _VERSION.c.caseload, _VERSION.c.transfer_date, _VERSION.c.eli_sent,
                   _VERSION.c.consultation)
_FIELDS = ("ref", "service", "employment", "fte", "annual_cost", "tupe", "name", "team", "role", "grade", "pension",
           "caseload", "transfer_date", "eli_sent", "consultation")
if tuple(f.name for f in fields(StaffRecord)) != _FIELDS:  # records are built from rows by position
    raise ImportError("StaffRecord's fields changed: update _RECORD_COLUMNS and _FIELDS in staff_store.py")


def _versions(on: date | None, *extra) -> Select:  # noqa: ANN002
    query = select(*_RECORD_COLUMNS, *extra).join(_SERVICE, _SERVICE.c.id == _VERSION.c.service_id)
    if on is None:
        return query.where(_VERSION.c.valid_to.is_(None))
    return query.where(_VERSION.c.valid_from <= on).where(_VERSION.c.valid_to.is_(None) | (_VERSION.c.valid_to > on))


def staff_as_of(session: Session, on: date | None = None) -> list[StaffRecord]:
    """Everyone in the plan on date ``on`` (default: the latest extract), ordered by ref."""
    rows = session.execute(_versions(on).order_by(_VERSION.c.ref))
    return [StaffRecord(*row) for row in rows]


def open_versions(session: Session) -> dict[str, tuple[int, date, StaffRecord]]:
    """The latest version of everyone in the plan: ref -> (version id, valid from, record)."""
    rows = session.execute(_versions(None, _VERSION.c.id, _VERSION.c.valid_from))
    return {row[0]: (row[15], row[16], StaffRecord(*row[:15])) for row in rows}

