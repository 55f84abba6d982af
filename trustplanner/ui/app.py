"""Starting the desktop app."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from trustplanner import APP_NAME, ORGANISATION, __version__
from trustplanner.ui.errors import install_exception_hook
from trustplanner.ui.icons import app_icon

log = logging.getLogger(__name__)


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    app.setStyle("Fusion")
    return app


def plan_to_open(plan: Path | None, last: str | None, *, prefer_last: bool = False) -> Path | None:
    """``plan``, or the plan last opened when there is none (or ``prefer_last`` and the last still exists)."""
    last_path = Path(last) if last and Path(last).exists() else None
    if prefer_last and last_path is not None:
        return last_path
    return plan if plan is not None else last_path


def run_app(plan: Path | None = None, *, read_only: bool = False, prefer_last: bool = False,
            review: bool = False) -> int:
    """Open the window on ``plan`` (``read_only``: without taking its edit lock; ``review``: for review), else
    the last plan, else the start page; ``prefer_last``: the last plan when there is one, ``plan`` only otherwise
    (``dev.py start``)."""
    app = create_application()
    install_exception_hook()
    from trustplanner.ui.main_window import MainWindow

    window = MainWindow()
    window.show()
    target = plan_to_open(plan, window.settings.last_plan(), prefer_last=prefer_last)
    if target is not None:
        window.open_plan(target, read_only=read_only and target == plan, review=review and target == plan)
    log.info("desktop app started")
    return app.exec()
