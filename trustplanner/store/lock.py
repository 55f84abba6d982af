"""Who has a plan open: a small lock file beside the plan (``PLAN.tplan.lock``).

It works across machines on a shared folder. The holder refreshes a heartbeat; a lock whose
holder process is gone (same machine) or whose heartbeat is more than ``STALE_AFTER`` away from
now, in either direction, is stale and may be cleared. (A heartbeat in the future comes from a
computer whose clock is ahead; were only old heartbeats stale, its lock would never be.) Opening
read-only takes no lock.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path

from trustplanner.domain.problems import TrustPlannerError

STALE_AFTER = timedelta(minutes=10)


@dataclass(frozen=True)
class LockOwner:
    user: str
    host: str
    pid: int
    since: str
    heartbeat: str

    def describe(self) -> str:
        since = datetime.fromisoformat(self.since)
        return f"{self.user} on {self.host} since {since:%d/%m/%Y %H:%M}"


class PlanLocked(TrustPlannerError):
    def __init__(self, path: Path, owner: LockOwner):
        self.path, self.owner = path, owner
        super().__init__(f"{path.name} is open for editing by {owner.describe()}")


def lock_path(plan_path: Path) -> Path:
    return plan_path.with_name(plan_path.name + ".lock")


def whoami() -> tuple[str, str]:
    """This process's login name and computer name, as the lock and the change history record them."""
    try:
        user = getpass.getuser()
    except Exception:  # no login name in some service accounts
        user = "unknown user"
    return user, socket.gethostname()


def _me(since: str | None = None) -> LockOwner:
    now = datetime.now().isoformat(timespec="seconds")
    user, host = whoami()
    return LockOwner(user, host, os.getpid(), since or now, now)


def read_owner(plan_path: Path) -> LockOwner | None:
    try:
        data = json.loads(lock_path(plan_path).read_text(encoding="utf-8"))
        return LockOwner(**{k: data[k] for k in ("user", "host", "pid", "since", "heartbeat")})
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return LockOwner("unknown user", "unknown computer", -1, datetime.min.isoformat(), datetime.min.isoformat())


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


class PlanLock:
    """The lock this process holds on a plan."""

    def __init__(self, plan_path: Path):
        self.plan_path = Path(plan_path)
        self.path = lock_path(self.plan_path)
        self.owner: LockOwner | None = None

    def acquire(self) -> None:
        """Take the lock, clearing a stale one; raises :class:`PlanLocked` if someone has it."""
        current = read_owner(self.plan_path)
        if current is not None and not self._is_mine(current):
            if not is_stale(current):
                raise PlanLocked(self.plan_path, current)
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

    def heartbeat(self) -> None:
        if self.owner is None:
            return
        self.owner = _me(self.owner.since)
        temporary = self.path.with_name(self.path.name + ".tmp")
        temporary.write_text(json.dumps(asdict(self.owner)), encoding="utf-8")
        temporary.replace(self.path)

    def release(self) -> None:
        if self.owner is not None and self._is_mine(read_owner(self.plan_path)):
            self.path.unlink(missing_ok=True)
        self.owner = None

    @staticmethod
    def _is_mine(owner: LockOwner | None) -> bool:
        return owner is not None and owner.pid == os.getpid() and owner.host == socket.gethostname()
