"""Reading a CSV or XLSX file into rows of text cells, numbered as a spreadsheet shows them.

CSV files are read the way Excel on Windows writes them: UTF-8 with or without a byte-order
mark, or Windows-1252 (so a pound sign survives). Workbooks use the sheet named like the kind
of data, else the first sheet.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from operator import itemgetter
from datetime import date, datetime, time
from pathlib import Path

from trustplanner.domain.problems import Problem, ValidationFailed

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
#: Kinds of data a workbook sheet may be named after; a workbook whose first sheet is named for
#: another kind is not silently read as this one.
KNOWN_KINDS = ("services", "milestones", "staff", "budget", "savings", "risks", "decisions")


@dataclass
class Table:
    source: str
    columns: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


def normalise_header(name: str) -> str:
    return "_".join(name.strip().casefold().replace("-", " ").split())


def read_table(path: str | Path, kind: str, *, required: tuple[str, ...], optional: tuple[str, ...]) -> Table:
    """Read ``path`` and check its header. Raises :class:`ValidationFailed` for any problem."""
    source = str(path)
    raw = _read_bytes(Path(path), source)
    if raw.startswith(ZIP_MAGIC):
        header, records = _read_workbook(raw, source, kind)
    elif raw.startswith(OLE_MAGIC):
        raise _fail(source, "is an old-style Excel .xls file; save it as .xlsx or CSV and import that")
    else:
        header, records = _read_csv(raw, source)
    return _build_table(source, header, records, required, optional)


def _read_bytes(path: Path, source: str) -> bytes:
    if not path.exists():
        raise _fail(source, "no such file")
    if path.is_dir():
        raise _fail(source, "is a folder, not a file")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise _fail(source, f"cannot be read ({exc.strerror})") from None
    if not raw.strip(b" \t\r\n\xef\xbb\xbf"):
        raise _fail(source, "the file is empty")
    return raw


def _read_csv(raw: bytes, source: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    if b"\x00" in raw[:4096]:
        raise _fail(source, "is not a CSV or Excel file (it contains binary data)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            raise _fail(source, "is not a CSV or Excel file (unreadable text encoding)") from None
    if text.startswith("%PDF"):
        raise _fail(source, "is a PDF, not a CSV or Excel file")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        records = [(number, cells) for number, cells in enumerate(reader, start=1)]
    except csv.Error as exc:
        raise _fail(source, f"is not a readable CSV file ({exc})") from None
    if not records:
        raise _fail(source, "the file is empty")
    return records[0][1], records[1:]


def _read_workbook(raw: bytes, source: str, kind: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    import openpyxl  # imported here: only workbook imports pay for it

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise _fail(source, f"is not a readable Excel workbook ({type(exc).__name__})") from None
    try:
        names = workbook.sheetnames
        wanted = next((n for n in names if normalise_header(n) == kind), None)
        if wanted is None:
            first = normalise_header(names[0]) if names else ""
            if not names or first in KNOWN_KINDS:
                listed = ", ".join(names) or "none"
                raise _fail(source, f"has no sheet named '{kind}' (its sheets: {listed})")
            wanted = names[0]
        sheet = workbook[wanted]
        records = [
            (number, [_cell_text(value) for value in row])
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    finally:
        workbook.close()
    while records and not any(records[0][1]):
        records.pop(0)  # leading blank rows: the header is the first row with anything in it
    if not records:
        raise _fail(source, f"sheet '{wanted}' is empty")
    return records[0][1], records[1:]


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _build_table(source, header, records, required, optional) -> Table:
    problems: list[Problem] = []
    columns: list[str] = []
    positions: dict[str, int] = {}
    ignored: list[str] = []
    for index, name in enumerate(header):
        key = normalise_header(name)
        if not key:
            continue
        if key in positions:
            problems.append(Problem(source, 1, key, "column appears twice in the header"))
            continue
        if key in required or key in optional:
            positions[key] = index
            columns.append(key)
        else:
            ignored.append(name.strip())
    for name in required:
        if name not in positions:
            problems.append(Problem(source, 1, name, "required column is missing"))
    if problems:
        raise ValidationFailed(problems)
    table = Table(source, columns, ignored_columns=ignored)
    keys, indexes = list(positions), list(positions.values())
    width = max(indexes, default=-1) + 1
    # The cells of the known columns, in column order (itemgetter returns a tuple for two or more).
    pick = itemgetter(*indexes) if len(indexes) > 1 else lambda cells: tuple(cells[i] for i in indexes)
    rows = table.rows
    for number, cells in records:
        if not "".join(cells).strip():  # blank row: no cell has anything but whitespace
            continue
        if len(cells) < width:  # a short row: missing cells are blank
            cells = [*cells, *[""] * (width - len(cells))]
        rows.append((number, dict(zip(keys, map(str.strip, pick(cells))))))
    if not table.rows:
        raise _fail(source, "has a header but no data rows")
    return table


def _fail(source: str, message: str) -> ValidationFailed:
    return ValidationFailed([Problem(source, None, None, message)])
