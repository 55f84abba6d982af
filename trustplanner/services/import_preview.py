"""What importing a file would do, in words: the data of the one import preview, for any record kind.

Each kind builds its preview by running its own import with ``preview=True`` (so what is shown
is exactly what the import will do) and describing the records in the words its users write:
dates as 14/08/2020, money as £41,000, choices by their labels. The dialog only lays this out.
Personal data (a person's name and salary) is marked, so the dialog can hide it until asked.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from enum import Enum
from pathlib import Path

from trustplanner.domain.money import format_pounds
from trustplanner.domain.problems import Problem
from trustplanner.domain.words import with_article
from trustplanner.services.blanks import KEEP, BlankCell

BLANK = "(blank)"


@dataclass(frozen=True)
class FieldChange:
    """One field of a record that the import changes, before and after, in words."""

    label: str
    before: str
    after: str
    personal: bool = False


@dataclass(frozen=True)
class ChangedRecord:
    """A record the file changes: how it is known (``title``) and each field that changes."""

    key: str
    title: str
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class RecordList:
    """Records the import adds or removes, one row of text each under ``headers``."""

    title: str  # "Added", "Joiners", ...
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    personal: frozenset[int] = frozenset()  # columns holding personal data
    numeric: frozenset[int] = frozenset()  # columns read right-aligned
    wide: int = 0  # the column that takes the spare width


@dataclass(frozen=True)
class ImportPreview:
    """What importing one file would add, change and remove, or why it cannot be imported."""

    kind: str
    source: str  # the file's name
    as_of: date | None = None
    counts: tuple[tuple[int, str], ...] = ()  # (2, "changed milestones"), in the order to show them
    context: str = ""  # "staff as at 16/01/2017", "forecasts recorded for P10 2016/17"
    added: RecordList | None = None
    changed: tuple[ChangedRecord, ...] = ()
    changed_heading: str = "Record"  # what the first column of the changes names
    removed: RecordList | None = None
    unchanged: int = 0
    notes: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    personal_data: str = ""  # "names and salaries" when the preview holds any, else ""
    #: blank cells in the file where the plan holds a value (kept or cleared as ``blank`` says)
    blanks: tuple[BlankCell, ...] = ()
    blank: str = KEEP
    importable: bool = False  # Import would change the plan
    outcome: object = field(default=None, compare=False)  # the import's own result (preview=True)

    @property
    def rejected(self) -> bool:
        return bool(self.problems)


def rejected(kind: str, path: str | Path, problems: Sequence[Problem], as_of: date | None = None,
             blank: str = KEEP) -> ImportPreview:
    """The preview of a file that cannot be imported: every problem, nothing else."""
    return ImportPreview(kind, Path(path).name, as_of, problems=tuple(problems), blank=blank)


def blank_effect(cell: BlankCell, blank: str) -> str:
    """What a blank cell does to the plan's value: 'keeps' it or 'clears owner'."""
    return "keeps the plan's value" if blank == KEEP else f"clears {cell.column}"


def problem_place(problem: Problem) -> str:
    """FILE:ROW (the file's name only), or FILE when the problem is with the whole file."""
    name = Path(problem.source).name or problem.source
    return name if problem.row is None else f"{name}:{problem.row}"


def count(n: int, singular: str, plural: str | None = None) -> tuple[int, str]:
    return n, singular if n == 1 else (plural or singular + "s")


def describe(value: object) -> str:
    """A field value as the plan's users write it."""
    if value is None or value == "" or value == ():
        return BLANK
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, Enum):
        return str(getattr(value, "label", value.value))
    if isinstance(value, tuple):
        return "; ".join(str(v) for v in value)
    return str(value)


def money_change(before: int | None, after: int | None) -> tuple[str, str]:
    """Two amounts in whole pounds, or to the penny when whole pounds would not show the difference."""
    if before is None or after is None:
        return (BLANK if before is None else format_pounds(before, decimals=False),
                BLANK if after is None else format_pounds(after, decimals=False))
    whole = format_pounds(before, decimals=False), format_pounds(after, decimals=False)
    return (format_pounds(before), format_pounds(after)) if whole[0] == whole[1] else whole


def field_changes(old: object, new: object, labels: Mapping[str, str], *, money: Collection[str] = (),
                  personal: Collection[str] = (), skip: Collection[str] = (),
                  shown: Mapping[str, object] | None = None) -> tuple[FieldChange, ...]:
    """Every field of two records of one dataclass that differs, in ``labels``' order then the rest.

    ``shown`` gives a field's own way of writing a value (a callable), where :func:`describe` is not enough.
    """
    own = [f.name for f in fields(old) if f.name not in skip]
    names = [n for n in labels if n in own] + [n for n in own if n not in labels]
    changes = []
    for name in names:
        before, after = getattr(old, name), getattr(new, name)
        if before == after:
            continue
        if name in money:
            texts = money_change(before, after)
        elif shown and name in shown:
            texts = shown[name](before), shown[name](after)
        else:
            texts = describe(before), describe(after)
        changes.append(FieldChange(labels.get(name, name), *texts, personal=name in personal))
    return tuple(changes)


def ignored_note(kind: str, columns: Iterable[str]) -> list[str]:
    columns = list(columns)
    return [f"Ignored columns (not part of {with_article(kind)} file): {', '.join(columns)}."] if columns else []
