"""Rows of an HR extract (columns ref, name, service, team, role, grade, employment, fte,
annual_cost, tupe, pension, caseload, transfer_date, eli_sent, consultation) into StaffRecords."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from trustplanner.domain.enums import parse_choice
from trustplanner.domain.money import MoneyError, parse_money
from trustplanner.domain.problems import Problem, ValidationFailed
from trustplanner.domain.staff import (
    FTE_SCALE,
    Consultation,
    Employment,
    Pension,
    StaffRecord,
    fte_problem,
)
from trustplanner.io.rows import RowReader
from trustplanner.io.tables import Table, read_table
from trustplanner.services.snapshot import PlanSnapshot

REQUIRED = ("ref", "service", "employment", "fte", "annual_cost")
OPTIONAL = ("name", "team", "role", "grade", "tupe", "pension", "caseload", "transfer_date", "eli_sent",
            "consultation")
COLUMNS = ("ref", "name", "service", "team", "role", "grade", "employment", "fte", "annual_cost", "tupe",
           "pension", "caseload", "transfer_date", "eli_sent", "consultation")
EMPLOYMENT_WORDS = {"fixed term": Employment.FIXED_TERM, "fixedterm": Employment.FIXED_TERM,
                    "temporary": Employment.FIXED_TERM, "locum": Employment.AGENCY, "interim": Employment.AGENCY,
                    "vacant": Employment.VACANCY, "seconded": Employment.SECONDEE}
PENSION_WORDS = {"": Pension.NONE, "local government pension scheme": Pension.LGPS,
                 "teachers pension scheme": Pension.TPS, "teachers' pension scheme": Pension.TPS, "no": Pension.NONE}


def parse(path: str | Path, snapshot: PlanSnapshot) -> tuple[Table, list[StaffRecord]]:
    """Every row checked; raises ValidationFailed listing every problem with its row and column."""
    table = read_table(path, "staff", required=REQUIRED, optional=OPTIONAL)
    problems: list[Problem] = []
    services = {s.name.casefold(): s.name for s in snapshot.services}
    seen: dict[str, int] = {}
    records: list[StaffRecord] = []
    for number, cells in table.rows:
        row = RowReader(table.source, number, cells, problems)
        record = _parse_row(row, services, seen)
        if record is not None:
            records.append(record)
    if problems:
        raise ValidationFailed(problems)
    return table, records


def _parse_row(row: RowReader, services: dict[str, str], seen: dict[str, int]) -> StaffRecord | None:
    errors_before = len(row.problems)
    ref = row.text("ref", required=True, max_length=60)
    if ref in seen:
        row.error("ref", f"{ref} is also on row {seen[ref]}")
    elif ref:
        seen[ref] = row.row
    service_text = row.text("service", required=True)
    service = services.get(service_text.casefold())
    if service_text and service is None:
        known = ", ".join(services.values()) or "none yet: import services first"
        row.error("service", f"unknown service '{service_text}' (services in this plan: {known})")
    employment = _choice(row, "employment", Employment, EMPLOYMENT_WORDS,
                         "permanent, fixed_term, agency, secondee or vacancy", required=True)
    fte = _fte(row)
    cost = _money(row, "annual_cost")
    tupe = row.yes_no("tupe") if row.has("tupe") else False
    pension = _choice(row, "pension", Pension, PENSION_WORDS, "LGPS, TPS or none") or Pension.NONE
    consultation = _choice(row, "consultation", Consultation, {"": Consultation.NOT_STARTED},
                           "not_started, informed, consulted or complete") or Consultation.NOT_STARTED
    caseload = _caseload(row)
    transfer_date = row.date("transfer_date")
    eli_sent = row.date("eli_sent")
    # Rules that need more than one cell are checked whenever those cells could be read, so a
    # row with several problems reports them all.
    if employment is not None and fte is not None and (message := fte_problem(fte, employment)):
        row.error("fte", message)
    if employment in (Employment.AGENCY, Employment.VACANCY) and tupe:
        row.error("tupe", f"{employment.label.lower()} posts never transfer under TUPE; set tupe to no")
    if eli_sent and eli_sent > date.today():
        row.error("eli_sent", f"{eli_sent:%d/%m/%Y} is in the future; record ELI once it has been sent")
    if len(row.problems) > errors_before or employment is None or fte is None or cost is None:
        return None
    return StaffRecord(
        ref=ref, service=service, employment=employment, fte=fte, annual_cost=cost, tupe=bool(tupe),
        name=row.text("name", max_length=200), team=row.text("team", max_length=200),
        role=row.text("role", max_length=200), grade=row.text("grade", max_length=60), pension=pension,
        caseload=caseload, transfer_date=transfer_date, eli_sent=eli_sent, consultation=consultation,
    )


def _choice(row: RowReader, column: str, enum_type, words, allowed: str, *, required: bool = False):  # noqa: ANN001, ANN202
    text = row.text(column, required=required)
    if not text:
        return words.get("") if words else None
    value = parse_choice(enum_type, text, extra=words)
    if value is None:
        row.error(column, f"unknown {column} '{text}'; use {allowed}")
    return value


def _fte(row: RowReader) -> int | None:
    text = row.text("fte", required=True)
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        row.error("fte", f"'{text}' is not a number")
        return None
    if not value.is_finite():
        row.error("fte", f"'{text}' is not a number")
        return None
    scaled = value * FTE_SCALE
    if scaled != scaled.to_integral_value():
        row.error("fte", f"'{text}' has more than four decimal places")
        return None
    return int(scaled)


def _money(row: RowReader, column: str) -> int | None:
    text = row.text(column, required=True)
    if not text:
        return None
    try:
        pence = parse_money(text)
    except MoneyError as exc:
        row.error(column, str(exc))
        return None
    if pence < 0:
        row.error(column, f"'{text}' is negative; an annual cost cannot be")
        return None
    return pence


def _caseload(row: RowReader) -> int | None:
    text = row.text("caseload")
    if not text:
        return None
    if not text.isdigit():
        row.error("caseload", f"'{text}' is not a whole number of cases")
        return None
    return int(text)
