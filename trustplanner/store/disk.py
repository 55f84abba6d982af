"""Why a plan cannot be written, in one line: read-only files, folders and disks, full disks, and
SQLite's errors about them.

Every failure of the medium a plan lives on is put in words here, and only here: the engine
turns SQLite's errors into these (``plan_file._engine_for`` registers :func:`sqlite_error`), the
edit lock and file writers (briefing PDFs, exports) turn ``OSError`` into them with
:func:`os_error`, and opening for writing asks :func:`read_only_cause` first. The messages name
the plan by its file name and never hold row data.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path

from trustplanner.domain.problems import PlanFileError, TrustPlannerError

UNCHANGED = "nothing was changed"

# SQLite's primary result codes (the low byte of an extended code)
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR = 5, 6, 8, 10
SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_CONSTRAINT = 13, 14, 19
SQLITE_IOERR_READ, SQLITE_IOERR_SHORT_READ = 266, 522
SQLITE_CONSTRAINT_PRIMARYKEY, SQLITE_CONSTRAINT_UNIQUE = 1555, 2067

#: errno values that mean "no room": a full disk, a full quota, a file larger than this process may write
NO_ROOM = frozenset(code for code in (errno.ENOSPC, getattr(errno, "EDQUOT", None), errno.EFBIG) if code)
READ_ONLY_ERRNOS = frozenset(code for code in (errno.EROFS, errno.EACCES, errno.EPERM) if code)


class PlanReadOnly(PlanFileError):
    """The plan, its folder or the disk it is on cannot be written; ``cause`` says which, in words."""

    def __init__(self, message: str, cause: str):
        super().__init__(message)
        self.cause = cause


class DiskFull(PlanFileError):
    """The disk (or the space this process may use) is full; nothing was changed."""


class DiskFailed(PlanFileError):
    """The disk or share failed while reading or writing."""


class PlanBusy(PlanFileError):
    """Another program kept the plan's write lock for longer than we wait."""


class DuplicateRefused(PlanFileError):
    """A write would have stored one record twice (a natural key's unique constraint); nothing was changed."""


def _mount_is_read_only(path: Path) -> bool:
    statvfs = getattr(os, "statvfs", None)
    if statvfs is None:  # Windows: a read-only share shows as permissions
        return False
    try:
        return bool(statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _existing_folder(path: Path) -> Path:
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder


def read_only_cause(path: str | Path) -> str | None:
    """Why the plan at ``path`` cannot be written, as a clause ("the disk it is on is read-only"), or None.

    SQLite writes a journal beside the plan, so the folder must be writable too.
    """
    path = Path(path).absolute()
    folder = _existing_folder(path)
    if _mount_is_read_only(folder):
        return "the disk or share it is on is read-only"
    if path.exists() and not os.access(path, os.W_OK):
        return "file permissions"
    if not os.access(folder, os.W_OK):
        return f"the folder {folder} is read-only"
    return None


def read_only_error(path: str | Path, cause: str) -> PlanReadOnly:
    name = Path(path).name
    if cause.startswith("the folder") and not Path(path).exists():
        message = f"{cause}, so {name} cannot be created there; {UNCHANGED}"
    elif cause.startswith("the folder"):
        message = f"{cause}, so {name} cannot be changed there; {UNCHANGED} (copy it to a folder you can write to)"
    else:
        message = f"{name} is read-only ({cause}); {UNCHANGED}"
    return PlanReadOnly(message, cause)


def disk_full_error(path: str | Path) -> DiskFull:
    return DiskFull(f"the disk is full: {Path(path).name} could not be written; {UNCHANGED} "
                    "(free some space and try again)")


def _no_room_for(path: Path) -> bool:
    """After a write error that does not say why: is there no room (a full disk or a file-size limit)?"""
    try:
        if shutil.disk_usage(_existing_folder(path)).free < 1 << 20:
            return True
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # Windows
        return False
    soft, _hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    return soft != resource.RLIM_INFINITY


def _sqlite_code(exc: BaseException) -> tuple[int | None, str]:
    """(extended result code or None, first line of the message) of an sqlite3 error."""
    message = (str(exc).splitlines() or [""])[0]
    return getattr(exc, "sqlite_errorcode", None), message


_BY_MESSAGE = (("database or disk is full", SQLITE_FULL), ("readonly database", SQLITE_READONLY),
               ("unable to open database file", SQLITE_CANTOPEN), ("disk i/o error", SQLITE_IOERR),
               ("database is locked", SQLITE_BUSY), ("database table is locked", SQLITE_LOCKED),
               ("unique constraint failed", SQLITE_CONSTRAINT_UNIQUE))


def sqlite_error(exc: BaseException, path: str | Path) -> PlanFileError | None:
    """The one-line error for an SQLite error about the medium or the plan's lock (None for any other).

    ``exc`` is an ``sqlite3.Error`` or SQLAlchemy's wrapper of one. Errors that mean the file is
    damaged or not a plan are left alone: opening a plan words those.
    """
    original = getattr(exc, "orig", None) or exc
    if not isinstance(original, sqlite3.Error):
        return None
    path = Path(path)
    name = path.name
    code, message = _sqlite_code(original)
    if code is None:
        lowered = message.lower()
        code = next((c for text, c in _BY_MESSAGE if text in lowered), None)
        if code is None:
            return None
    primary = code & 0xFF
    if primary in (SQLITE_BUSY, SQLITE_LOCKED):
        return PlanBusy(f"{name} is being changed by another program and stayed locked; {UNCHANGED} "
                        "(try again in a moment)")
    if primary == SQLITE_FULL:
        return disk_full_error(path)
    if primary in (SQLITE_READONLY, SQLITE_CANTOPEN):
        cause = read_only_cause(path)
        if cause is not None:
            return read_only_error(path, cause)
        if primary == SQLITE_READONLY:
            return PlanReadOnly(f"{name} cannot be written ({message}); {UNCHANGED}", message)
        return PlanFileError(f"{name} cannot be opened ({message})")
    if primary == SQLITE_IOERR:
        if code in (SQLITE_IOERR_READ, SQLITE_IOERR_SHORT_READ):
            return DiskFailed(f"{name} could not be read from the disk ({message}); the disk or share may have "
                              "failed")
        if _no_room_for(path):  # SQLite reports a write refused for want of room (EFBIG) as an I/O error
            return disk_full_error(path)
        return DiskFailed(f"{name} could not be written ({message}); {UNCHANGED}; the disk or share may have failed")
    if code in (SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY):
        # the constraint's columns, never the values (e.g. "staff_version.ref, staff_version.valid_from")
        columns = message.split(":", 1)[1].strip() if ":" in message else "a natural key"
        return DuplicateRefused(f"{name}: {UNCHANGED}: the change would have stored one record twice ({columns}); "
                                "this is a fault in TrustPlanner, please report it")
    return None


def os_error(exc: OSError, path: str | Path, *, what: str | None = None) -> TrustPlannerError:
    """The one-line error for a failed write of ``path`` (a PDF, an export file, a lock file).

    ``what`` names the thing written when it is not the file's own name (e.g. "the edit lock of d.tplan").
    """
    path = Path(path)
    what = what or str(path)
    reason = exc.strerror or type(exc).__name__
    if exc.errno in NO_ROOM:
        return DiskFull(f"the disk is full: {what} could not be written; {UNCHANGED} (free some space and try again)")
    if exc.errno in READ_ONLY_ERRNOS:
        cause = read_only_cause(path) or reason.lower()
        return PlanReadOnly(f"{what} cannot be written ({cause}); {UNCHANGED}", cause)
    return TrustPlannerError(f"{what} cannot be written ({reason}); {UNCHANGED}")
