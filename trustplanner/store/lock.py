"""Who has a plan open: a small lock file beside the plan (``PLAN.tplan.lock``).

It works across machines on a shared folder. The holder refreshes a heartbeat; a lock whose
holder process is gone (same machine) or whose heartbeat is more than ``STALE_AFTER`` away from
now, in either direction, is stale and may be cleared. (A heartbeat in the future comes from a
computer whose clock is ahead; were only old heartbeats stale, its lock would never be.) Opening
read-only takes no lock.

A holder can lose its lock without knowing: a laptop that sleeps for more than ten minutes looks
gone, and another copy may clear its lock and take one of its own. So the holder checks the lock
file is still its own (:meth:`PlanLock.verify`) before every write and every heartbeat, and once
it finds another holder there it never writes again (:class:`LockTakenOver`).
"""

from __future__ import annotations

import getpass
import json
import os
import socket
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path

from trustplanner.domain.problems import PlanFileError, TrustPlannerError

STALE_AFTER = timedelta(minutes=10)


@dataclass(frozen=True)
class LockOwner:
    user: str
    host: str
    pid: int
    since: str
    heartbeat: str
    #: the holder's full name where the system has one ("Alex Smith"); empty in older lock files
    name: str = ""

    def who(self) -> str:
        """The holder by name where known, with the account: "Alex Smith (asmith)"."""
        return f"{self.name} ({self.user})" if self.name and self.name != self.user else self.user

    def describe(self) -> str:
        return f"{self.who()} on {self.host} since {self.since_text()}"

    def since_text(self) -> str:
        try:
            return f"{datetime.fromisoformat(self.since):%d/%m/%Y %H:%M}"
        except (ValueError, TypeError):
            return "an unknown time"

    def heartbeat_text(self) -> str:
        try:
            return f"{datetime.fromisoformat(self.heartbeat):%d/%m/%Y %H:%M}"
        except (ValueError, TypeError):
            return "an unknown time"

    def same_holder(self, other: LockOwner | None) -> bool:
        """The same open copy of TrustPlanner (the heartbeat may differ)."""
        return other is not None and (self.user, self.host, self.pid, self.since) == (
            other.user, other.host, other.pid, other.since)


class PlanLocked(TrustPlannerError):
    def __init__(self, path: Path, owner: LockOwner):
        self.path, self.owner = path, owner
        super().__init__(f"{path.name} is open for editing by {owner.describe()}")


class StaleLockKept(PlanLocked):
    """A stale lock the user chose not to clear (the plan is then not opened for editing)."""


class LockTakenOver(PlanFileError):
    """Another copy of TrustPlanner took this process's edit lock (after a sleep, say): it may not write again."""

    def __init__(self, path: Path, owner: LockOwner | None):
        self.path, self.owner = path, owner
        by = f"{owner.who()} on {owner.host} at {owner.since_text()}" if owner else "another copy of TrustPlanner"
        super().__init__(f"{path.name}: the edit lock was taken over by {by}; nothing was changed. "
                         "Open the plan again to see it as it is now")


def lock_path(plan_path: Path) -> Path:
    return plan_path.with_name(plan_path.name + ".lock")


def whoami() -> tuple[str, str]:
    """This process's login name and computer name, as the lock and the change history record them."""
    try:
        user = getpass.getuser()
    except Exception:  # no login name in some service accounts
        user = "unknown user"
    return user, socket.gethostname()


def display_name() -> str:
    """This user's full name where the system keeps one (Windows' display name, the Unix gecos field); else ""."""
    try:
        if os.name == "nt":
            import ctypes

            size = ctypes.c_ulong(0)
            secur32 = ctypes.windll.secur32
            name_display = 3  # EXTENDED_NAME_FORMAT NameDisplay
            secur32.GetUserNameExW(name_display, None, ctypes.byref(size))
            if not size.value:
                return ""
            buffer = ctypes.create_unicode_buffer(size.value)
            if not secur32.GetUserNameExW(name_display, buffer, ctypes.byref(size)):
                return ""
            return buffer.value.strip()
        import pwd

        return pwd.getpwuid(os.getuid()).pw_gecos.split(",")[0].strip()
    except Exception:  # no directory, no such API: the account name will do
        return ""


def _me(since: str | None = None, name: str | None = None) -> LockOwner:
    now = datetime.now().isoformat(timespec="seconds")
    user, host = whoami()
    return LockOwner(user, host, os.getpid(), since or now, now, display_name() if name is None else name)


def read_owner(plan_path: Path) -> LockOwner | None:
    try:
        data = json.loads(lock_path(plan_path).read_text(encoding="utf-8"))
        owner = LockOwner(**{k: data[k] for k in ("user", "host", "pid", "since", "heartbeat")},
                          name=str(data.get("name") or ""))
        if not isinstance(owner.pid, int):
            raise TypeError("pid")
        return owner
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return _unreadable_owner(plan_path)


#: how long a lock file that cannot be read (yet) counts as held: another process may be between
#: creating it and writing its contents
UNREADABLE_GRACE = timedelta(seconds=30)


def _unreadable_owner(plan_path: Path) -> LockOwner:
    """The owner of a lock file that cannot be read: held for a short while after it was last written.

    A lock just created exclusively by another process is empty until that process writes it; reading
    it as stale there would let two processes both believe they hold the lock.
    """
    try:
        written = datetime.fromtimestamp(lock_path(plan_path).stat().st_mtime)
    except OSError:
        written = datetime.min + STALE_AFTER
    heard = written - STALE_AFTER + UNREADABLE_GRACE
    return LockOwner("unknown user", "unknown computer", -1, written.isoformat(), heard.isoformat())


def is_stale(owner: LockOwner, now: datetime | None = None) -> bool:
    now = now or datetime.now()
    if owner.host == socket.gethostname() and not _process_alive(owner.pid):
        return True
    try:
        return abs(now - datetime.fromisoformat(owner.heartbeat)) > STALE_AFTER
    except (ValueError, TypeError):  # TypeError: a heartbeat with a time zone, compared with one without
        return True


def _process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if os.name == "nt":
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


#: the locks this process holds, by plan path: a write through any connection to the plan is checked against it
_HELD: dict[Path, PlanLock] = {}


def _key(plan_path: Path) -> Path:
    try:
        return Path(plan_path).resolve()
    except OSError:
        return Path(plan_path).absolute()


def held_lock(plan_path: Path) -> PlanLock | None:
    """The edit lock this process holds on the plan at ``plan_path``, if any."""
    return _HELD.get(_key(plan_path))


class PlanLock:
    """The lock this process holds on a plan."""

    def __init__(self, plan_path: Path):
        self.plan_path = Path(plan_path)
        self.path = lock_path(self.plan_path)
        self.owner: LockOwner | None = None
        #: who took the lock from this process, once it was found taken over (then it never writes again)
        self.taken_over_by: LockOwner | None = None
        self.lost = False

    def acquire(self, clear_stale: Callable[[LockOwner], bool] | None = None) -> None:
        """Take the lock; raises :class:`PlanLocked` if someone has it.

        A stale lock (its holder is gone) is cleared when ``clear_stale(owner)`` says so; without
        ``clear_stale`` it is cleared. Declining raises :class:`StaleLockKept` naming the holder.
        """
        current = read_owner(self.plan_path)
        if current is not None and not self._is_mine(current):
            if not is_stale(current):
                raise PlanLocked(self.plan_path, current)
            if clear_stale is not None and not clear_stale(current):
                raise StaleLockKept(self.plan_path, current)
            if not current.same_holder(read_owner(self.plan_path)):  # someone else cleared it meanwhile
                raise PlanLocked(self.plan_path, read_owner(self.plan_path) or current)
            self.path.unlink(missing_ok=True)
        self.owner = _me()
        try:
            handle = open(self.path, "x", encoding="utf-8")  # exclusive create: no race
        except FileExistsError:
            raise PlanLocked(self.plan_path, read_owner(self.plan_path) or self.owner) from None
        try:
            with handle:
                json.dump(asdict(self.owner), handle)
        except OSError:  # e.g. a full disk: a lock file cut short would be nobody's
            self.owner = None
            self.path.unlink(missing_ok=True)
            raise
        _HELD[_key(self.plan_path)] = self

    def verify(self) -> None:
        """Raise :class:`LockTakenOver` unless the lock file is still this process's own.

        A lock file that has gone (someone cleared it as stale and nobody took it) is put back;
        if another copy creates one first, that copy has taken over.
        """
        if self.lost:
            raise LockTakenOver(self.plan_path, self.taken_over_by)
        if self.owner is None:
            return
        current = read_owner(self.plan_path)
        if current is None:
            try:
                with open(self.path, "x", encoding="utf-8") as handle:
                    json.dump(asdict(self.owner), handle)
                return
            except FileExistsError:
                current = read_owner(self.plan_path)
            except OSError:  # the folder went away for a moment: the write itself will say so
                return
        if self.owner.same_holder(current):
            return
        self.lost, self.taken_over_by = True, current
        raise LockTakenOver(self.plan_path, current)

    def heartbeat(self) -> None:
        """Say this process is still here; raises :class:`LockTakenOver` (writing nothing) if it no longer holds the lock."""
        if self.owner is None:
            return
        self.verify()
        self.owner = _me(self.owner.since, self.owner.name)
        temporary = self.path.with_name(self.path.name + ".tmp")
        temporary.write_text(json.dumps(asdict(self.owner)), encoding="utf-8")
        temporary.replace(self.path)

    def release(self) -> None:
        if self.owner is not None and not self.lost and self.owner.same_holder(read_owner(self.plan_path)):
            self.path.unlink(missing_ok=True)
        self.owner = None
        if _HELD.get(_key(self.plan_path)) is self:
            del _HELD[_key(self.plan_path)]

    @staticmethod
    def _is_mine(owner: LockOwner | None) -> bool:
        return owner is not None and owner.pid == os.getpid() and owner.host == socket.gethostname()
