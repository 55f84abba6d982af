"""Logging to a rotating file in the user's app-data folder. Never log names or salaries.

Messages passed to the log hold ids, counts and kinds, never a row's values. Exceptions are
logged as where they happened (their types and the code frames) without their messages: a
message may quote a cell (``ValueError: invalid literal for int(): 'Gemma Dobson'``) or an SQL
statement's parameters. The handler's formatter does this for ``log.exception`` and
``exc_info``, so nothing else need remember to.
"""

from __future__ import annotations

import errno
import logging
import os
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path

from trustplanner import APP_NAME


def log_folder() -> Path:
    override = os.environ.get("TRUSTPLANNER_LOG_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or os.environ.get("APPDATA") or Path.home())
        return base / APP_NAME / "logs"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Logs" / APP_NAME
    base = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state")
    return base / APP_NAME.lower() / "logs"


def _safe_detail(exc: BaseException) -> str:
    """What may be said of an exception besides its type: a database or system error code, never text."""
    original = getattr(exc, "orig", None)  # SQLAlchemy's wrapper of a driver error
    for error in (exc, original):
        name = getattr(error, "sqlite_errorname", None)
        if name:
            return f" [{name}]"
    if isinstance(exc, OSError) and exc.errno in errno.errorcode:
        return f" [{errno.errorcode[exc.errno]}]"
    return ""


def scrubbed_traceback(exc: BaseException) -> str:
    """The traceback of ``exc`` and the exceptions it came from, with each exception's message left out."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and all(current is not seen for seen in chain):
        chain.append(current)
        current = current.__cause__ if current.__cause__ is not None else (
            None if current.__suppress_context__ else current.__context__)
    parts: list[str] = []
    for position, error in enumerate(reversed(chain)):
        if position:
            parts.append("\nwhich led to:\n")
        parts.append("Traceback (most recent call last):\n")
        parts.extend(traceback.format_tb(error.__traceback__))
        kind = type(error)
        module = "" if kind.__module__ == "builtins" else f"{kind.__module__}."
        parts.append(f"{module}{kind.__qualname__}{_safe_detail(error)} (message not logged: it may hold plan data)")
    return "".join(parts)


class ScrubbingFormatter(logging.Formatter):
    """Formats records as usual, but an exception as :func:`scrubbed_traceback` (no messages)."""

    def formatException(self, ei) -> str:  # noqa: ANN001, N802
        return scrubbed_traceback(ei[1]) if ei and ei[1] is not None else ""


class QuietFileHandler(RotatingFileHandler):
    """The log file, whose own failures (a full disk, a lost share) never reach the user's screen.

    The standard handler prints "--- Logging error ---" and a traceback to stderr, which would break
    the command line's one-line answer; a log that cannot be written is simply not written.
    """

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: ARG002, N802
        return


def configure_logging(level: int = logging.INFO) -> Path | None:
    """Send the package's log records to ``trustplanner.log``; returns its path (None if unwritable)."""
    root = logging.getLogger("trustplanner")
    root.setLevel(level)
    if any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        return Path(next(h for h in root.handlers if isinstance(h, RotatingFileHandler)).baseFilename)
    try:
        folder = log_folder()
        folder.mkdir(parents=True, exist_ok=True)
        handler = QuietFileHandler(folder / "trustplanner.log", maxBytes=1_000_000, backupCount=5,
                                   encoding="utf-8")
    except OSError:
        root.addHandler(logging.NullHandler())
        return None
    handler.setFormatter(ScrubbingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.propagate = False
    return Path(handler.baseFilename)
