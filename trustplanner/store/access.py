"""The one way to open a plan: for writing (taking its edit lock) or for reading (taking none).

Every writer, the desktop app and each command-line write alike, opens through
:func:`open_for_writing`, so that only one process edits a plan at a time; readers (export,
check, history, a read-only window) open through :func:`open_for_reading` while it is held.
A plan that cannot be written at all (a read-only file, folder or disk) is refused for writing
with one line naming the cause (:class:`~trustplanner.store.disk.PlanReadOnly`) before any lock
is taken, and can still be opened for reading.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from trustplanner.domain.problems import PlanFileError
from trustplanner.store import disk
from trustplanner.store.lock import LockOwner, PlanLock, PlanLocked, StaleLockKept
from trustplanner.store.plan_file import (
    PlanFile,
    PlanNeedsUpgrade,
    open_plan_file,
    restore_plan_file,
)

POLL_SECONDS = 0.25


class LockUnavailable(PlanFileError):
    """The lock file cannot be written (a read-only folder or medium): the plan can only be read."""


def open_for_writing(path: str | Path, *, wait: float = 0.0,
                     waiting: Callable[[PlanLocked], None] | None = None,
                     clear_stale: Callable[[LockOwner], bool] | None = None) -> PlanFile:
    """Take the plan's edit lock and open it for writing (migrating an older plan first).

    Raises :class:`PlanLocked` naming who holds it and since when; with ``wait`` (seconds) keeps
    trying until then, telling ``waiting`` once that it waits. A stale lock is cleared when
    ``clear_stale(owner)`` agrees (the app asks; the command line says so); without it, it is
    cleared. The lock is released by ``PlanFile.close``.
    """
    path = Path(path)
    if not path.exists():
        raise PlanFileError(f"{path}: no such plan file")
    cause = disk.read_only_cause(path)
    if cause is not None:
        raise disk.read_only_error(path, cause)
    lock = _take_lock(path, wait, waiting, clear_stale)
    try:
        plan = open_plan_file(path)
    except BaseException:
        lock.release()
        raise
    plan.lock = lock
    return plan


def restore_from_backup(path: str | Path, backup: str | Path, *, wait: float = 0.0,
                        waiting: Callable[[PlanLocked], None] | None = None,
                        clear_stale: Callable[[LockOwner], bool] | None = None) -> Path | None:
    """Replace the plan at ``path`` with ``backup`` under its edit lock; returns where the old file was kept."""
    path = Path(path)
    lock = _take_lock(path, wait, waiting, clear_stale)
    try:
        return restore_plan_file(path, Path(backup))
    finally:
        lock.release()


def _take_lock(path: Path, wait: float, waiting: Callable[[PlanLocked], None] | None,
               clear_stale: Callable[[LockOwner], bool] | None = None) -> PlanLock:
    lock = PlanLock(path)
    deadline = time.monotonic() + max(wait, 0.0)
    told = False
    while True:
        try:
            lock.acquire(clear_stale)
            break
        except StaleLockKept:  # the user said no: asking again would not change that
            raise
        except PlanLocked as locked:
            if time.monotonic() >= deadline:
                raise
            if waiting is not None and not told:
                waiting(locked)
                told = True
            time.sleep(POLL_SECONDS)
        except OSError as exc:
            error = disk.os_error(exc, lock.path, what=f"the edit lock of {path.name}")
            if isinstance(error, disk.DiskFull):
                raise error from None
            raise LockUnavailable(f"{path}: cannot take the edit lock ({exc.strerror or exc}); "
                                  "the folder may be read-only") from None
    return lock


def open_for_reading(path: str | Path, *, clear_stale: Callable[[LockOwner], bool] | None = None) -> PlanFile:
    """Open a plan read-only, while it may be open for editing elsewhere.

    A plan in an older format is upgraded first when nobody is editing it (upgrading writes, so it
    takes the edit lock: a stale lock is cleared only when ``clear_stale(owner)`` agrees, as for a
    writer; declining raises StaleLockKept and nothing is changed).
    """
    path = Path(path)
    try:
        return open_plan_file(path, read_only=True)
    except PlanNeedsUpgrade as old:
        cause = disk.read_only_cause(path)
        if cause is not None:
            raise PlanFileError(f"{old}, but {path.name} is read-only ({cause}); copy it to a folder you can "
                                "write to and open the copy") from None
        open_for_writing(path, clear_stale=clear_stale).close()  # upgrades it (refused while someone edits it)
    return open_plan_file(path, read_only=True)


def open_for_review(path: str | Path, *, clear_stale: Callable[[LockOwner], bool] | None = None) -> PlanFile:
    """Open a plan for a reviewer: read-only, taking no edit lock, but able to write review records.

    Each review write is a short transaction of its own that waits for the editor's (if someone has
    the plan open for editing) and is refused if it would touch anything but review records
    (``trustplanner.services.history.change(..., review=True)``).
    """
    plan = open_for_reading(path, clear_stale=clear_stale)
    plan.allow_review_writes()
    return plan
