"""Entry point of the windowed ``TrustPlanner`` executable that build.spec freezes.

    TrustPlanner [PLAN]

A windowed exe has no console: ``sys.stdout`` and ``sys.stderr`` are None there, so they are
pointed at the null device and what is worth keeping goes to the log file
(:mod:`trustplanner.logging_setup`).

``TRUSTPLANNER_SMOKE_EXIT_MS=N`` closes the windows and quits N milliseconds after start-up,
so scripts/build_frozen.py can start the frozen app headless and see it exit by itself.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

SMOKE_EXIT_ENV = "TRUSTPLANNER_SMOKE_EXIT_MS"

log = logging.getLogger("trustplanner.gui")


def _give_streams_a_home() -> None:
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


def _plan_argument(args: list[str]) -> Path | None:
    """The plan to open: ``TrustPlanner PLAN`` (as Explorer passes a double-clicked file)."""
    if args and args[0] == "open":  # the same words as ``trustplanner-cli open PLAN``
        args = args[1:]
    return Path(args[0]) if args else None


def _schedule_smoke_exit(milliseconds: int) -> None:
    from PySide6.QtCore import QTimer

    from trustplanner.ui.app import create_application

    app = create_application()

    def leave() -> None:
        log.info("smoke run: closing after %d ms", milliseconds)
        app.closeAllWindows()
        app.quit()

    QTimer.singleShot(milliseconds, leave)


def main(argv: list[str] | None = None) -> int:
    _give_streams_a_home()
    from trustplanner.logging_setup import configure_logging

    configure_logging()
    args = sys.argv[1:] if argv is None else argv
    try:
        from trustplanner.ui.app import run_app

        smoke = os.environ.get(SMOKE_EXIT_ENV, "").strip()
        if smoke:
            _schedule_smoke_exit(int(smoke))
        return run_app(_plan_argument(args))
    except Exception:
        log.exception("the desktop app could not start")
        raise


if __name__ == "__main__":
    sys.exit(main())
