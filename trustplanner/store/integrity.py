"""Telling a damaged plan from a whole one, and naming the backup to restore.

SQLite keeps no checksums, so a plan is checked in three ways (docs/design/0009):

- on every open, ``PRAGMA integrity_check`` (every page, and every index against its table;
  about 2 ms for the demo plan, so it is not kept for "suspicious" opens only);
- on every open, the file's size against the size its header declares (a copy cut short);
- while reading, a stored value that cannot be read as what it should be (a date that is not a
  date, text that is not text, two programmes, a column the schema lost) marks the plan damaged
  rather than failing inside the program.

What none of these can see is a flipped bit inside a stored text ("early" read as "ecrly"):
the file is whole, only a letter differs. Backups (daily, beside the plan) are the answer there.

A damaged plan is refused with one line that names the newest whole backup beside it and the
command that restores it; it is never read as if whole.
"""

from __future__ import annotations

import os
import sqlite3
import traceback
from datetime import datetime
from pathlib import Path

from sqlalchemy.exc import (
    DatabaseError,
    MultipleResultsFound,
    NoResultFound,
    StatementError,
)

from trustplanner.domain.problems import PlanFileError

#: file names of the copies kept beside a plan: ``PLAN.backup-STAMP[-revNNNN].tplan``
BACKUP_INFIX = ".backup-"

_STORE_FOLDER = str(Path(__file__).parent)


class PlanDamaged(PlanFileError):
    """The plan file is damaged. The message names the newest whole backup and how to restore it."""

    def __init__(self, path: Path, reason: str):
        self.path, self.reason = Path(path), _PLAIN.get(reason, reason)
        self.backup = newest_backup(self.path)
        super().__init__(damage_message(self.path, reason, self.backup))


class StoredDataDamaged(Exception):
    """Raised while reading when the stored data breaks what every plan holds (no programme).

    The plan file turns it into :class:`PlanDamaged` with its own path and backups.
    """


#: SQLite's words, as a user reads them
_PLAIN = {
    "database disk image is malformed": "its internal structure is broken",
    "file is not a database": "it is not readable as a plan",
}


def damage_message(path: Path, reason: str, backup: Path | None) -> str:
    head = f"{path} is damaged ({reason}) and was not opened"
    if backup is None:
        return (f"{head}; there is no backup beside it: ask your IT service to restore {path.name} "
                "from their backups")
    saved = datetime.fromtimestamp(backup.stat().st_mtime)
    return (f"{head}; the newest backup beside it is {backup.name} (saved {saved:%d/%m/%Y %H:%M}); "
            f"to restore it: trustplanner restore \"{path}\" \"{backup}\"")


def backups_of(path: Path) -> list[Path]:
    """The backups kept beside ``path``, newest first."""
    path = Path(path)
    found = [p for p in path.parent.glob(f"{path.stem}{BACKUP_INFIX}*{path.suffix}") if p.is_file()]
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name), reverse=True)


def newest_backup(path: Path) -> Path | None:
    """The newest backup beside ``path`` that is itself a whole plan."""
    for backup in backups_of(path):
        if check_file(backup) is None:
            return backup
    return None


def check_file(path: Path) -> str | None:
    """None if ``path`` is a whole SQLite file (integrity check, sizes agree); else what is wrong."""
    try:
        uri = Path(path).resolve().as_uri() + "?mode=ro"
        connection = sqlite3.connect(uri, uri=True)
    except (sqlite3.Error, OSError) as exc:
        return str(exc)
    try:
        connection.execute("BEGIN")
        result = check_connection(connection, Path(path))
        connection.execute("ROLLBACK")
        return result
    except sqlite3.Error as exc:
        return str(exc).splitlines()[0]
    finally:
        connection.close()


def check_connection(connection, path: Path) -> str | None:  # noqa: ANN001
    """What is wrong with the open database, or None. Call inside a read transaction.

    In a transaction no writer can be part-way through a commit, so the file's size is the
    size of what the header describes.
    """
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    page_count = connection.execute("PRAGMA page_count").fetchone()[0]
    declared = _declared_pages(path)
    rows = [row[0] for row in connection.execute("PRAGMA integrity_check(5)").fetchall()]
    if rows != ["ok"]:
        return _first_problem(rows)
    if os.path.getsize(path) < page_size * max(page_count, declared or 0):
        return "the file was cut short"
    return None


def _declared_pages(path: Path) -> int | None:
    """The page count in the file's header, when the header says it is valid."""
    with open(path, "rb") as handle:
        header = handle.read(100)
    if len(header) < 100:
        return None
    change_counter = int.from_bytes(header[24:28], "big")
    valid_for = int.from_bytes(header[92:96], "big")
    pages = int.from_bytes(header[28:32], "big")
    return pages if pages and change_counter == valid_for else None


def _first_problem(rows: list[str]) -> str:
    """SQLite's first finding, in one line: "its structure is broken (On tree page 47 cell 36: ...)"."""
    lines = [line.strip() for row in rows for line in row.splitlines()]
    found = next((line for line in lines if line and not line.startswith("***")), "unknown problem")
    if len(found) > 70:
        found = found[:67] + "..."
    return f"its structure is broken: {found}"


#: Errors that, raised while a stored row is read, mean the stored value itself is bad.
#: (Not OverflowError or TypeError: those come from values the program is about to write.)
_VALUE_ERRORS = (ValueError, LookupError, UnicodeDecodeError, MultipleResultsFound, NoResultFound)


def is_damage(exc: BaseException) -> bool:
    """Whether ``exc`` was raised because the plan holds what it cannot hold.

    SQLite's own "malformed" errors always are. A value error counts only when it was raised
    while SQLAlchemy or the store was turning a stored row into data (a date that is not a date),
    so that a mistake in the program's own rules is not blamed on the file.
    """
    if isinstance(exc, StoredDataDamaged):
        return True
    if isinstance(exc, (DatabaseError, sqlite3.DatabaseError)):
        message = str(getattr(exc, "orig", None) or exc).casefold()
        return any(word in message for word in ("malformed", "not a database", "corrupt", "disk image",
                                                "no such column", "no such table", "could not decode"))
    if isinstance(exc, StatementError):
        return False
    if not isinstance(exc, _VALUE_ERRORS):
        return False
    frames = traceback.extract_tb(exc.__traceback__)
    return bool(frames) and any(_reads_rows(frame.filename) for frame in frames[-4:])


def _reads_rows(filename: str) -> bool:
    return (f"{os.sep}sqlalchemy{os.sep}" in filename and f"{os.sep}sql{os.sep}compiler" not in filename) \
        or filename.startswith(_STORE_FOLDER)


def damage_reason(exc: BaseException) -> str:
    if isinstance(exc, StoredDataDamaged):
        return str(exc)
    if isinstance(exc, (DatabaseError, sqlite3.DatabaseError)):
        return str(getattr(exc, "orig", None) or exc).splitlines()[0]
    if isinstance(exc, (MultipleResultsFound, NoResultFound)):
        return "a record it must have once has a wrong number of copies"
    return f"a stored value cannot be read ({type(exc).__name__})"


#: the daily copies kept beside a plan opened for editing (migration backups are never pruned)
DAILY_BACKUPS_KEPT = 7


def is_daily_backup(path: Path) -> bool:
    """``PLAN.backup-YYYYMMDD.tplan`` (an upgrade's backup is ``PLAN.backup-YYYYMMDD-HHMMSS-revNNNN.tplan``)."""
    stamp = path.stem.rpartition(BACKUP_INFIX)[2]
    return len(stamp) == 8 and stamp.isdigit()
