"""Reading staff versions as plain records (callers own the session)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from trustplanner.domain.staff import StaffRecord
from trustplanner.store.tables import StaffVersionRow


def staff_as_of(session: Session, on: date | None = None) -> list[StaffRecord]:
    """Everyone in the plan on date ``on`` (default: the latest extract), ordered by ref."""
    query = select(StaffVersionRow)
    if on is None:
        query = query.where(StaffVersionRow.valid_to.is_(None))
    else:
        query = query.where(StaffVersionRow.valid_from <= on).where(
            (StaffVersionRow.valid_to.is_(None)) | (StaffVersionRow.valid_to > on))
    return [record_of(row) for row in session.scalars(query.order_by(StaffVersionRow.ref))]


def record_of(row: StaffVersionRow) -> StaffRecord:
    return StaffRecord(
        ref=row.ref, service=row.service.name, employment=row.employment, fte=row.fte,
        annual_cost=row.annual_cost, tupe=row.tupe, name=row.name, team=row.team, role=row.role,
        grade=row.grade, pension=row.pension, caseload=row.caseload, transfer_date=row.transfer_date,
        eli_sent=row.eli_sent, consultation=row.consultation,
    )


