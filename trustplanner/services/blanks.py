"""Blank cells in an import: keep the plan's value, or clear it (docs/design/0003-import-format.md).

A blank cell in a row for a record the plan already holds would clear that record's value. By
default (``keep``) it keeps the plan's value instead, so a file that leaves columns empty, such
as an export without personal data, never wipes what the plan holds; ``clear`` makes blanks mean
"no value". Either way every such cell is reported, so nothing changes or stays without a word.

The plan's value is taken as the export writes it (the export -> import round trip is exact),
filled into the blank cell before the file's rows are checked, so kept values are checked
with the rest of the row.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from trustplanner.io.tables import Table

KEEP, CLEAR = "keep", "clear"
MODES = (KEEP, CLEAR)


@dataclass(frozen=True)
class BlankCell:
    """A blank cell in the file where the plan holds a value."""

    record: str  # how the record is known: "M03", "CC100 2024/25"
    row: int
    column: str
    value: str  # the plan's value, as the export writes it
    personal: bool = False


@dataclass
class BlankCells:
    """Finds (and with ``keep`` fills) a file's blank cells that would clear a value the plan holds."""

    mode: str
    existing: Mapping[object, Mapping[str, str]]  # key -> column -> the export's text
    key_of: Callable[[Mapping[str, str]], object]  # a file row's cells -> its key
    label_of: Callable[[Mapping[str, str]], str]  # an existing record's cells -> how it is known
    columns: Sequence[str]  # the columns a blank may keep
    #: column -> the text a blank cell means for this record (a blank forecast is the baseline)
    same: Mapping[str, Callable[[Mapping[str, str]], str]] = field(default_factory=dict)
    #: column -> a column that, when not blank in the row, makes this one's blank mean blank (rag -> actual)
    unless: Mapping[str, str] = field(default_factory=dict)
    personal: Collection[str] = ()
    #: optional columns a file may leave out altogether: then each record keeps the plan's values for them
    #: (absent is not blank: ``clear`` does not clear them, and nothing is reported cell by cell)
    absent_keeps: Collection[str] = ()
    found: list[BlankCell] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"blank must be one of {', '.join(MODES)}, not {self.mode!r}")

    def apply(self, table: Table) -> None:
        """Note every blank cell that would clear a plan value; with ``keep`` put the plan's value in it."""
        self.found = []
        self._keep_absent(table)
        columns = [c for c in self.columns if c in table.columns]
        if not columns or not self.existing:
            return
        for number, cells in table.rows:
            if all(cells.get(c) for c in columns):
                continue
            old = self.existing.get(self.key_of(cells))
            if old is None:
                continue
            for column in columns:
                if cells.get(column) or not old.get(column):
                    continue
                blank_means = self.same.get(column)
                if blank_means is not None and blank_means(old).casefold() == old[column].casefold():
                    continue
                other = self.unless.get(column)
                if other is not None and cells.get(other):
                    continue
                self.found.append(BlankCell(self.label_of(old), number, column, old[column],
                                            column in self.personal))
                if self.mode == KEEP:
                    cells[column] = old[column]


    def _keep_absent(self, table: Table) -> None:
        absent = [c for c in self.absent_keeps if c not in table.columns]
        if not absent:
            return
        for _number, cells in table.rows:
            old = self.existing.get(self.key_of(cells)) or {}
            for column in absent:
                cells[column] = old.get(column, "")  # a new record: as if the column were there and blank
        table.columns.extend(absent)


def by_key(rows: Iterable[Sequence[str]], columns: Sequence[str],
           key_of: Callable[[Mapping[str, str]], object]) -> dict[object, dict[str, str]]:
    """Export rows as ``{key: {column: text}}``."""
    found = {}
    for row in rows:
        cells = dict(zip(columns, row))
        found[key_of(cells)] = cells
    return found


def blank_notes(found: Sequence[BlankCell], mode: str) -> list[str]:
    """One line saying which blank cells kept or cleared the plan's values, by column."""
    if not found:
        return []
    by_column: dict[str, list[str]] = {}
    for cell in found:
        by_column.setdefault(cell.column, []).append(cell.record)
    parts = []
    for column, records in by_column.items():
        shown = ", ".join(records[:3]) + (f" and {len(records) - 3:,} more" if len(records) > 3 else "")
        parts.append(f"{column} ({shown})")
    count = f"{len(found):,} blank cell{'s' if len(found) != 1 else ''}"
    if mode == KEEP:
        return [f"Kept: {count} kept the plan's values: {'; '.join(parts)}. "
                "Import with --blank clear to clear them."]
    return [f"Cleared: {count} cleared the plan's values: {'; '.join(parts)}."]
