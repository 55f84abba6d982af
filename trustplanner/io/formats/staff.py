"""Rows of an HR extract (columns ref, name, service, team, role, grade, employment, fte,
annual_cost, tupe, pension, caseload, transfer_date, eli_sent, consultation) into StaffRecords."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from trustplanner.domain.enums import parse_choice
from trustplanner.domain.money import MoneyError, parse_money
from trustplanner.domain.problems import Problem, ValidationFailed
from trustplanner.domain.snapshot import PlanSnapshot
from trustplanner.domain.staff import (
    FTE_SCALE,
    Consultation,
    Employment,
    Pension,
    StaffRecord,
    fte_problem,
)
from trustplanner.io.tables import Table, as_in_file, read_table
from trustplanner.io.values import CellError, parse_optional_date, parse_yes_no

REQUIRED = ("ref", "service", "employment", "fte", "annual_cost")
OPTIONAL = ("name", "team", "role", "grade", "tupe", "pension", "caseload", "transfer_date", "eli_sent",
            "consultation")
COLUMNS = ("ref", "name", "service", "team", "role", "grade", "employment", "fte", "annual_cost", "tupe",
           "pension", "caseload", "transfer_date", "eli_sent", "consultation")
EMPLOYMENT_WORDS = {"fixed term": Employment.FIXED_TERM, "fixedterm": Employment.FIXED_TERM,
                    "temporary": Employment.FIXED_TERM, "locum": Employment.AGENCY, "interim": Employment.AGENCY,
                    "vacant": Employment.VACANCY, "seconded": Employment.SECONDEE}
MAX_ANNUAL_COST = 1_000_000 * 100  # pence: one person or post; more is a typing slip (and overflows)
MAX_CASELOAD = 999
PENSION_WORDS = {"": Pension.NONE, "local government pension scheme": Pension.LGPS,
                 "teachers pension scheme": Pension.TPS, "teachers' pension scheme": Pension.TPS, "no": Pension.NONE}


class _Bad(Exception):
    """A cell's text is not acceptable; the message says why."""


class _Parsers:
    """Each column's cell parser for one file, remembering what it made of every distinct text (an
    HR extract repeats its services, employment types, FTEs, pensions and often its costs thousands
    of times, so the second "permanent" or "0.5" costs one dict lookup and gets the same answer).

    ``memo[column][text]`` is ``(value, None)`` or ``(None, problem message)``.
    """

    PARSED = ("service", "employment", "fte", "annual_cost", "tupe", "pension", "consultation", "caseload",
              "transfer_date", "eli_sent")

    def __init__(self, snapshot: PlanSnapshot):
        self.services = {s.name.casefold(): s.name for s in snapshot.services}
        self.retained = {s.name for s in snapshot.services if s.retained}
        self.parsers = {"service": _service, "employment": _employment, "fte": _fte, "annual_cost": _annual_cost,
                        "tupe": _tupe, "pension": _pension, "consultation": _consultation, "caseload": _caseload,
                        "transfer_date": _date, "eli_sent": _date}
        self.memo: dict[str, dict[str, tuple[object, str | None]]] = {column: {} for column in self.PARSED}

    def learn(self, column: str, text: str) -> tuple[object, str | None]:
        """What ``text`` in ``column`` reads as (then remembered)."""
        parser = self.parsers[column]
        if not text:
            known = (None, f"{column} is required") if column in REQUIRED else (parser.blank, None)
        else:
            try:
                known = (parser(self, text), None)
            except _Bad as exc:
                known = (None, str(exc))
        self.memo[column][text] = known
        return known

    def column(self, column: str, cells: list[dict[str, str]], present: bool) -> tuple[list, list[str | None] | None]:
        """Every row's value of ``column``, and the problem messages by row (None when there are none)."""
        memo, learn = self.memo[column], self.learn
        if not present:
            known = memo.get("") or learn(column, "")
            return [known[0]] * len(cells), None if known[1] is None else [known[1]] * len(cells)
        read = [memo.get(text) or learn(column, text) for text in [c[column] for c in cells]]
        values = [k[0] for k in read]
        if all(k[1] is None for k in memo.values()):  # no text in this column was wrong
            return values, None
        return values, [k[1] for k in read]


def _parser(blank: object = None):  # noqa: ANN202
    """Mark a cell parser with the value of a blank cell."""
    def mark(function):  # noqa: ANN001, ANN202
        function.blank = blank
        return function
    return mark


_TEXT_LIMITS = (("name", 200), ("team", 200), ("role", 200), ("grade", 60))


def parse(path: str | Path, snapshot: PlanSnapshot, fill: Callable[[Table], None] | None = None,
          ) -> tuple[Table, list[StaffRecord]]:
    """Every row checked; raises ValidationFailed listing every problem with its row and column.

    Cells are read a column at a time (each distinct text parsed once), then the rules that need
    more than one cell of a row, which are checked whenever those cells could be read, so a row
    with several problems reports them all.
    """
    table = read_table(path, "staff", required=REQUIRED, optional=OPTIONAL)
    if fill is not None:  # blank cells that keep the plan's values are filled before anything is checked
        fill(table)
    source = table.source
    problems: list[Problem] = []
    parsers = _Parsers(snapshot)
    numbers = [number for number, _ in table.rows]
    cells = [row for _, row in table.rows]
    present = set(table.columns)
    bad_rows: set[int] = set()
    columns = []
    for column in _Parsers.PARSED:
        values, messages = parsers.column(column, cells, column in present)
        columns.append(values)
        if messages is not None:
            for index, message in enumerate(messages):
                if message is not None:
                    problems.append(Problem(source, numbers[index], column, message))
                    bad_rows.add(index)
    texts = [[row[column] for row in cells] if column in present else [""] * len(cells)
             for column in ("ref", "name", "team", "role", "grade")]
    seen: dict[str, int] = {}
    retained = parsers.retained
    today = date.today()
    records: list[StaffRecord] = []
    for index, (ref, name, team, role, grade, service, employment, fte, cost, tupe, pension, consultation, caseload,
                transfer_date, eli_sent) in enumerate(zip(*texts, *columns)):
        number = numbers[index]
        found = []
        if not ref:
            found.append(("ref", "ref is required"))
        elif len(ref) > 60:
            found.append(("ref", "is longer than 60 characters"))
        if ref in seen:
            found.append(("ref", f"{ref} is also on row {seen[ref]}"))
        elif ref:
            seen[ref] = number
        if fte is not None and not 0 < fte <= FTE_SCALE:
            found.append(("fte", fte_problem(fte, employment or Employment.PERMANENT)))
        if tupe:
            if employment is Employment.AGENCY or employment is Employment.VACANCY:
                found.append(("tupe", f"{employment.label.lower()} posts never transfer under TUPE; set tupe to no"))
            elif service in retained:
                found.append(("tupe", f"{service} is retained by the council, so its staff do not transfer; "
                                      "set tupe to no"))
        if caseload and employment is Employment.VACANCY:
            found.append(("caseload", "a vacant post holds no cases; leave caseload blank"))
        if eli_sent and eli_sent > today:
            found.append(("eli_sent", f"{eli_sent:%d/%m/%Y} is in the future; record ELI once it has been sent"))
        if len(name) > 200 or len(team) > 200 or len(role) > 200 or len(grade) > 60:
            found.extend((column, f"is longer than {limit} characters") for column, limit in _TEXT_LIMITS
                         if len(cells[index].get(column, "")) > limit)
        if found:
            problems.extend(Problem(source, number, column, message) for column, message in found)
        elif index not in bad_rows:
            records.append(StaffRecord(
                ref=ref, service=service, employment=employment, fte=fte, annual_cost=cost, tupe=tupe, name=name,
                team=team, role=role, grade=grade, pension=pension, caseload=caseload, transfer_date=transfer_date,
                eli_sent=eli_sent, consultation=consultation))
    if problems:
        raise ValidationFailed(as_in_file(table, problems))
    return table, records


@_parser()
def _service(parsers: _Parsers, text: str) -> str:
    service = parsers.services.get(text.casefold())
    if service is None:
        known = ", ".join(parsers.services.values()) or "none yet: import services first"
        raise _Bad(f"unknown service '{text}' (services in this plan: {known})")
    return service


def _choice(enum_type, words, column: str, allowed: str):  # noqa: ANN001, ANN202
    def parse_cell(parsers: _Parsers, text: str):  # noqa: ANN202
        value = parse_choice(enum_type, text, extra=words)
        if value is None:
            raise _Bad(f"unknown {column} '{text}'; use {allowed}")
        return value
    return parse_cell


_employment = _parser()(_choice(Employment, EMPLOYMENT_WORDS, "employment",
                                "permanent, fixed_term, agency, secondee or vacancy"))
_pension = _parser(Pension.NONE)(_choice(Pension, PENSION_WORDS, "pension", "LGPS, TPS or none"))
_consultation = _parser(Consultation.NOT_STARTED)(_choice(Consultation, {}, "consultation",
                                                          "not_started, informed, consulted or complete"))


@_parser(False)
def _tupe(parsers: _Parsers, text: str) -> bool:
    try:
        return parse_yes_no(text)
    except CellError as exc:
        raise _Bad(str(exc)) from None


@_parser()
def _date(parsers: _Parsers, text: str) -> date | None:
    try:
        return parse_optional_date(text)
    except CellError as exc:
        raise _Bad(str(exc)) from None


@_parser()
def _fte(parsers: _Parsers, text: str) -> int:
    try:
        if not text.isascii() or "_" in text:  # Decimal would read other scripts' digits and 1_0
            raise InvalidOperation
        value = Decimal(text)
        if not value.is_finite():
            raise InvalidOperation
        if not 0 < value <= 2:  # out of range whatever its decimals (and 1e999999 would overflow below)
            return 0 if value <= 0 else FTE_SCALE * 2  # fte_problem says what is wrong
        scaled = value * FTE_SCALE
        whole = scaled.to_integral_value()
    except ArithmeticError:  # decimal's InvalidOperation, Overflow, ...
        raise _Bad(f"'{text}' is not a number") from None
    if scaled != whole:
        raise _Bad(f"'{text}' has more than four decimal places")
    return int(whole)


@_parser()
def _annual_cost(parsers: _Parsers, text: str) -> int:
    try:
        pence = parse_money(text)
    except MoneyError as exc:
        raise _Bad(str(exc)) from None
    if pence < 0:
        raise _Bad(f"'{text}' is negative; an annual cost cannot be")
    if pence > MAX_ANNUAL_COST:
        raise _Bad(f"'{text}' is more than £1,000,000 for one person or post; check the figure")
    return pence


@_parser()
def _caseload(parsers: _Parsers, text: str) -> int:
    if not (text.isascii() and text.isdigit()):
        raise _Bad(f"'{text}' is not a whole number of cases")
    if int(text) > MAX_CASELOAD:
        raise _Bad(f"{int(text)} cases is more than {MAX_CASELOAD}; check the figure")
    return int(text)
