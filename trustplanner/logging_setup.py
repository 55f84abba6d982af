"""Logging to a rotating file in the user's app-data folder. Never log names or salaries."""

from __future__ import annotations

import logging
import os
import sys
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


def configure_logging(level: int = logging.INFO) -> Path | None:
    """Send the package's log records to ``trustplanner.log``; returns its path (None if unwritable)."""
    root = logging.getLogger("trustplanner")
    root.setLevel(level)
    if any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        return Path(next(h for h in root.handlers if isinstance(h, RotatingFileHandler)).baseFilename)
    try:
        folder = log_folder()
        folder.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(folder / "trustplanner.log", maxBytes=1_000_000, backupCount=5,
                                      encoding="utf-8")
    except OSError:
        root.addHandler(logging.NullHandler())
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.propagate = False
    return Path(handler.baseFilename)
