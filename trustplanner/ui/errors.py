"""Showing errors to the user: the same one-line messages as the command line, never a traceback."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from trustplanner.domain.problems import TrustPlannerError, ValidationFailed
from trustplanner.logging_setup import log_folder

log = logging.getLogger(__name__)


def error_text(error: BaseException) -> str:
    if isinstance(error, ValidationFailed):
        return "\n".join(str(p) for p in error.problems)
    if isinstance(error, TrustPlannerError):
        return str(error)
    return (f"Something unexpected went wrong ({type(error).__name__}). Your plan is safe: every change "
            f"is saved as it is made.\n\nDetails are in the log in {log_folder()}.")


def show_error(parent: QWidget | None, title: str, error: BaseException) -> None:
    if not isinstance(error, TrustPlannerError):
        log.error("unexpected error", exc_info=error)  # the log's formatter leaves out the message
    box = QMessageBox(QMessageBox.Icon.Warning, title, error_text(error), QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorDialog")
    box.exec()


def install_exception_hook() -> None:
    """Unexpected errors in slots are logged and shown; the app keeps running."""

    def hook(kind, value, tb):  # noqa: ANN001
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        log.error("unhandled error", exc_info=(kind, value, tb))
        app = QApplication.instance()
        if app is not None and not getattr(app, "_showing_error", False):
            app._showing_error = True
            try:
                show_error(app.activeWindow(), "TrustPlanner", value)
            finally:
                app._showing_error = False

    sys.excepthook = hook
