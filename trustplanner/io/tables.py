"""Reading a CSV or XLSX file into rows of text cells, numbered as a spreadsheet shows them.

CSV files are read the way Excel writes them: UTF-8 with or without a byte-order mark, or
Windows-1252 (so a pound sign survives), decoded strictly (:mod:`trustplanner.io.encodings`).
Workbooks use the sheet named like the kind of data, else the first sheet.

Any file may be hostile, so reading is bounded: the file's size, a workbook's unzipped size,
the cells read (counted as they are read, whatever the sheet claims) and the time a workbook
takes; XML is parsed by defusedxml (no entities, no external references). Whatever is wrong
with a file, the answer is a :class:`ValidationFailed`, never a parser's own error.
"""

from __future__ import annotations

import csv
import io
import re
import time as clock
import warnings
import zipfile
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from operator import itemgetter
from pathlib import Path

from trustplanner.domain.problems import Problem, ValidationFailed
from trustplanner.io.cells import cell_problem, unescape_formula
from trustplanner.io.encodings import EncodingProblem, decode_text

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
#: Kinds of data a workbook sheet may be named after; a workbook whose first sheet is named for
#: another kind is not silently read as this one.
KNOWN_KINDS = ("services", "milestones", "staff", "budget", "savings", "risks", "risk_actions", "decisions")
MEGABYTE = 1024 * 1024
#: the largest file an import reads, and the most a workbook may unzip to
MAX_FILE_BYTES = 200 * MEGABYTE
MAX_UNZIPPED_BYTES = 100 * MEGABYTE
MAX_WORKBOOK_PARTS = 10_000
#: the most cells an import takes (a 20,000-row HR extract is 300,000)
MAX_CELLS = 1_000_000
#: how long reading a workbook's sheet may take
MAX_READ_SECONDS = 30.0
#: the start of every XML part is checked for declarations no workbook from Excel has
_XML_DECLARATIONS = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_XML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


@dataclass
class Table:
    source: str
    columns: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    #: column id -> the header as the file has it ("Depends on" for depends_on): what problems show
    headers: dict[str, str] = field(default_factory=dict)


def as_in_file(table: Table, problems: list[Problem]) -> list[Problem]:
    """``problems`` of ``table``'s rows naming each column by the header the file gives it."""
    def shown(problem: Problem) -> Problem:
        header = table.headers.get(problem.column or "")
        if problem.source != table.source or not header or header == problem.column:
            return problem
        return replace(problem, heading=header)

    return [shown(p) for p in problems]


def normalise_header(name: str) -> str:
    return "_".join(name.strip().casefold().replace("-", " ").split())


def read_table(path: str | Path, kind: str, *, required: tuple[str, ...], optional: tuple[str, ...],
               free_text: tuple[str, ...] = ()) -> Table:
    """Read ``path`` and check its header and cells. Raises :class:`ValidationFailed` for any problem.

    ``free_text`` columns (commentary, descriptions) may hold tabs and line breaks; no cell may
    hold other control characters (:func:`trustplanner.io.cells.cell_problem`).
    """
    source = str(path)
    raw = _read_bytes(Path(path), source)
    if raw.startswith(ZIP_MAGIC):
        header, records = _read_workbook(raw, source, kind)
    elif raw.startswith(OLE_MAGIC):
        raise _fail(source, "is an old-style Excel .xls file; save it as .xlsx or CSV and import that")
    else:
        header, records = _read_csv(raw, source)
    return _build_table(source, header, records, required, optional, free_text)


def _read_bytes(path: Path, source: str) -> bytes:
    if not path.exists():
        raise _fail(source, "no such file")
    if path.is_dir():
        raise _fail(source, "is a folder, not a file")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _fail(source, f"is {_megabytes(size)}; the most an import takes is {_megabytes(MAX_FILE_BYTES)}")
        raw = path.read_bytes()
    except OSError as exc:
        raise _fail(source, f"cannot be read ({exc.strerror or type(exc).__name__})") from None
    if not raw.strip(b" \t\r\n\xef\xbb\xbf"):
        raise _fail(source, "the file is empty")
    return raw


def _read_csv(raw: bytes, source: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _fail(source, "is UTF-16 text (Excel's 'Unicode Text'); save it as UTF-8 (in Excel: 'CSV UTF-8 "
                            "(Comma delimited)') and import that")
    if _looks_binary(raw[:4096]):
        raise _fail(source, "is not a CSV or Excel file (it contains binary data)")
    if raw.startswith(b"%PDF"):
        raise _fail(source, "is a PDF, not a CSV or Excel file")
    try:
        text = decode_text(raw)
    except EncodingProblem as exc:
        raise _fail(source, str(exc)) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    records = []
    cells_read = 0
    try:
        for number, cells in enumerate(reader, start=1):
            cells_read += len(cells) or 1
            if cells_read > MAX_CELLS:
                raise _too_many_cells(source)
            records.append((number, cells))
    except csv.Error as exc:
        raise _fail(source, f"is not a readable CSV file ({exc})") from None
    if not records:
        raise _fail(source, "the file is empty")
    _refuse_cut_short(records, text, source)
    return records[0][1], records[1:]


def _refuse_cut_short(records: list[tuple[int, list[str]]], text: str, source: str) -> None:
    """A file whose last row stops part-way, with no line break after it, was cut short (a copy or a
    download that did not finish); reading it would take its last record as whole, or, for an HR
    extract, everyone after it as leavers."""
    number, last = records[-1]
    header = records[0][1]
    if len(records) > 1 and not text.endswith(("\n", "\r")) and len(last) < len(header):
        raise ValidationFailed([Problem(source, number, None,
                                        f"the file seems cut short: its last row stops after {len(last)} of "
                                        f"{len(header)} columns; import the whole file")])


_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r")


def _looks_binary(start: bytes) -> bool:
    """Whether the start of a file is binary data rather than text with a stray control character in a cell.

    Text with a NUL or escape in a cell is read, and the cell refused with its row and column.
    """
    controls = len(start) - len(start.translate(None, _CONTROL_BYTES))
    if not controls:  # nearly every file
        return False
    return start.count(0) >= max(2, len(start) // 100) or controls >= max(4, len(start) // 20)


def _read_workbook(raw: bytes, source: str, kind: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    _check_archive(raw, source)
    import openpyxl  # imported here: only workbook imports pay for it

    if not openpyxl.DEFUSEDXML:  # openpyxl uses defusedxml when installed, unless OPENPYXL_DEFUSEDXML says not
        raise _fail(source, "cannot be read safely: the workbook reader is not using defusedxml (is "
                            "OPENPYXL_DEFUSEDXML set?); save the workbook as CSV and import that")

    with warnings.catch_warnings():  # openpyxl warns (to stderr) about what it cannot read; we say it ourselves
        warnings.simplefilter("ignore")
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        except ValidationFailed:
            raise
        except Exception as exc:  # noqa: BLE001 - a damaged workbook can fail in any of openpyxl's parsers
            raise _unreadable(source, exc) from None
        try:
            header, records = _read_sheet(workbook, source, kind)
        except ValidationFailed:
            raise
        except Exception as exc:  # noqa: BLE001 - the sheet's XML is parsed as it is read
            raise _unreadable(source, exc) from None
        finally:
            workbook.close()
    return header, records


def _read_sheet(workbook, source: str, kind: str) -> tuple[list[str], list[tuple[int, list[str]]]]:  # noqa: ANN001
    names = workbook.sheetnames
    wanted = next((n for n in names if normalise_header(n) == kind), None)
    if wanted is None:
        first = normalise_header(names[0]) if names else ""
        if not names or first in KNOWN_KINDS:
            listed = ", ".join(names) or "none"
            raise _fail(source, f"has no sheet named '{kind}' (its sheets: {listed})")
        wanted = names[0]
    sheet = workbook[wanted]
    if sheet.max_row and sheet.max_column:  # the sheet's own claim of its size (its dimension)
        rows = sheet.max_row - sheet.min_row + 1
        columns = sheet.max_column - sheet.min_column + 1
        if rows * columns > MAX_CELLS:
            raise _fail(source, f"sheet '{wanted}' has {rows * columns:,} cells ({rows:,} rows by {columns:,} "
                                f"columns); the most an import takes is {MAX_CELLS:,}")
    sheet.reset_dimensions()  # read every row and cell there is, not only those the claim covers
    deadline = clock.monotonic() + MAX_READ_SECONDS
    records = []
    cells_read = 0
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells_read += len(row) or 1
        if cells_read > MAX_CELLS:
            raise _too_many_cells(source, wanted)
        if not number % 1000 and clock.monotonic() > deadline:
            raise _fail(source, f"sheet '{wanted}' took more than {MAX_READ_SECONDS:g} s to read (stopped at row "
                                f"{number:,}); import it as CSV, or in smaller files")
        records.append((number, [_cell_text(value) for value in row]))
    while records and not "".join(records[0][1]).strip():
        records.pop(0)  # leading blank rows: the header is the first row with anything in it
    if not records:
        raise _fail(source, f"sheet '{wanted}' is empty")
    return records[0][1], records[1:]


def _check_archive(raw: bytes, source: str) -> None:
    """Refuse a workbook by its zip directory before any of it is unzipped or parsed."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            parts = archive.infolist()
            if len(parts) > MAX_WORKBOOK_PARTS:
                raise _fail(source, f"is not a workbook TrustPlanner can read: it has {len(parts):,} parts "
                                    f"(the most is {MAX_WORKBOOK_PARTS:,})")
            unzipped = sum(part.file_size for part in parts)
            if unzipped > MAX_UNZIPPED_BYTES:
                raise _fail(source, f"unzips to {_megabytes(unzipped)}; the most an import takes is "
                                    f"{_megabytes(MAX_UNZIPPED_BYTES)} (save it as CSV, or in smaller files)")
            for part in parts:
                if part.filename.endswith((".xml", ".rels")):
                    with archive.open(part) as stream:
                        start = stream.read(4096)
                    if _XML_DECLARATIONS.search(start):
                        raise _fail(source, f"is not a workbook TrustPlanner will read: its part {part.filename} "
                                            "declares XML entities or a document type, which workbooks saved by "
                                            "Excel never do")
    except ValidationFailed:
        raise
    except Exception as exc:  # noqa: BLE001 - zipfile and zlib raise several kinds for a damaged archive
        raise _unreadable(source, exc) from None


def _unreadable(source: str, exc: Exception) -> ValidationFailed:
    """One line for a workbook that cannot be read, saying what is wrong in the user's words."""
    while exc.__cause__ is not None:  # openpyxl re-raises its parsers' errors as ValueError
        exc = exc.__cause__
    name = type(exc).__name__
    if isinstance(exc, (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile)) or "zlib" in type(exc).__module__:
        why = "it is cut short or damaged"
    elif isinstance(exc, KeyError):
        why = "a part of it is missing"
    elif isinstance(exc, SyntaxError):  # xml.etree's ParseError: malformed XML, e.g. a sheet cut short
        why = f"its XML is malformed ({exc.msg if hasattr(exc, 'msg') and exc.msg else exc})"
    elif type(exc).__module__.startswith("defusedxml"):
        why = "it declares XML entities or external references, which workbooks saved by Excel never do"
    else:
        why = f"it is damaged or not a workbook ({name})"
    return _fail(source, f"is not a readable Excel workbook ({why}); open it in Excel and save it again, or save "
                         "it as CSV")


def _too_many_cells(source: str, sheet: str | None = None) -> ValidationFailed:
    what = f"sheet '{sheet}'" if sheet else "it"
    return _fail(source, f"{what} has more than {MAX_CELLS:,} cells; the most an import takes is {MAX_CELLS:,}")


def _megabytes(size: int) -> str:
    if size < MEGABYTE:
        return f"{size:,} bytes"
    return f"{size / MEGABYTE:,.0f} MB" if size >= 10 * MEGABYTE else f"{size / MEGABYTE:,.1f} MB"


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
    text = str(value)
    if "_x" in text:  # Excel writes control characters (and "_x") as _xHHHH_
        text = _XML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    return text  # trimmed with the CSV's cells, after their characters are checked


def _build_table(source, header, records, required, optional, free_text=()) -> Table:  # noqa: ANN001
    problems: list[Problem] = []
    columns: list[str] = []
    positions: dict[str, int] = {}
    headers: dict[str, str] = {}
    ignored: list[str] = []
    for index, name in enumerate(header):
        key = normalise_header(name)
        if not key:
            continue
        if key in positions:
            problems.append(Problem(source, 1, key, "column appears twice in the header", name.strip()))
            continue
        if key in required or key in optional:
            positions[key] = index
            columns.append(key)
            headers[key] = name.strip()
        else:
            ignored.append(name.strip())
    for name in required:
        if name not in positions:
            problems.append(Problem(source, 1, name, "required column is missing"))
    if problems:
        raise ValidationFailed(problems)
    table = Table(source, columns, ignored_columns=ignored, headers=headers)
    keys, indexes = list(positions), list(positions.values())
    width = max(indexes, default=-1) + 1
    # The cells of the known columns, in column order (itemgetter returns a tuple for two or more).
    pick = itemgetter(*indexes) if len(indexes) > 1 else lambda cells: tuple(cells[i] for i in indexes)
    free = tuple(key for key in keys if key in free_text)
    rows = table.rows
    for number, cells in records:
        if not "".join(cells).strip():  # blank row: no cell has anything but whitespace
            continue
        if len(cells) < width:  # a short row: missing cells are blank
            cells = [*cells, *[""] * (width - len(cells))]
        values = pick(cells)
        known = "".join(values)
        if not known.isprintable():  # a control character, tab or line break somewhere in the row
            for key, value in zip(keys, values):
                if message := cell_problem(value, key in free, free):
                    problems.append(Problem(source, number, key, message, headers[key]))
        values = map(str.strip, values)
        if "'" in known:
            values = map(unescape_formula, values)
        rows.append((number, dict(zip(keys, values))))
    if problems:
        raise ValidationFailed(problems)
    if not table.rows:
        raise _fail(source, "has a header but no data rows")
    return table


def _fail(source: str, message: str) -> ValidationFailed:
    return ValidationFailed([Problem(source, None, None, message)])
