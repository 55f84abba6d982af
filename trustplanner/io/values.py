"""Parsing the text of a cell into a date, a yes/no or a list of refs, with plain-English errors."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from trustplanner.domain.dates import outside_range, year_in_range

MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")],
        start=1,
    )
    for name in names
}

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$")
_WORDS = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})$")


class CellError(ValueError):
    """The cell's text is not acceptable; the message says why."""


def parse_date(text: str) -> date:
    """A date written ISO (2017-04-01), UK day-first (01/04/2017) or in words (1 April 2017)."""
    return _parse_date(text.strip())


@lru_cache(maxsize=4096)
def _parse_date(text: str) -> date:
    """:func:`parse_date` of stripped text, remembered (a file repeats the same dates)."""
    if match := _ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DAY_FIRST.match(text):
        day, month, year_text = match.groups()
        if len(year_text) == 2:
            raise CellError(f"'{text}': write the year in full (e.g. {day}/{month}/20{year_text})")
        day, month, year = int(day), int(month), int(year_text)
    elif match := _WORDS.match(text):
        month_name = match.group(2).casefold()
        if month_name not in MONTHS:
            raise CellError(f"'{text}' is not a date; write it as DD/MM/YYYY or YYYY-MM-DD")
        day, month, year = int(match.group(1)), MONTHS[month_name], int(match.group(3))
    else:
        raise CellError(f"'{text}' is not a date; write it as DD/MM/YYYY or YYYY-MM-DD")
    if not year_in_range(year):
        raise CellError(outside_range(f"'{text}'"))
    try:
        return date(year, month, day)
    except ValueError:
        raise CellError(f"'{text}' is not a real date") from None


#: the date forms a person may type (app date fields, the command line), said once for every help text
DATE_FORMS = "DD/MM/YYYY, YYYY-MM-DD, 1 April 2027 or t for today"
_TODAY = {"t", "today"}
_DIGITS = re.compile(r"(\d{2})(\d{2})(\d{4})")


def read_typed_date(text: str, today: date | None = None) -> date:
    """A date as a person types it: :func:`parse_date`'s forms, ``t`` (or ``today``) and 30032027."""
    text = text.strip()
    if text.casefold() in _TODAY:
        return today or date.today()
    if not text:
        raise CellError(f"Type a date ({DATE_FORMS})")
    if digits := _DIGITS.fullmatch(text):  # 30032027, as a date editor's sections take it
        text = "/".join(digits.groups())
    try:
        return parse_date(text)
    except CellError as exc:
        if "is not a date" in str(exc):
            raise CellError(f"'{text}' is not a date; write it as {DATE_FORMS}") from None
        raise


def parse_optional_date(text: str) -> date | None:
    text = text.strip()
    return _parse_date(text) if text else None


_YES = {"yes", "y", "true", "1", "x"}
_NO = {"no", "n", "false", "0", ""}


def parse_yes_no(text: str) -> bool:
    folded = text.strip().casefold()
    if folded in _YES:
        return True
    if folded in _NO:
        return False
    raise CellError(f"'{text}' is not yes or no")


_REF_SEPARATOR = re.compile(r"[;,]")


@lru_cache(maxsize=1024)  # an import reads each row's cell more than once
def parse_refs(text: str) -> tuple[str, ...]:
    """Refs separated by ``;`` (commas accepted too), in order, without blanks or repeats."""
    if not text or text.isspace():
        return ()
    return tuple(dict.fromkeys(filter(None, map(str.strip, _REF_SEPARATOR.split(text)))))


def format_date(value: date | None) -> str:
    return value.isoformat() if value else ""


def format_yes_no(value: bool) -> str:
    return "yes" if value else "no"
