"""Dialogs. Everything opens them through :func:`run_dialog` so tests can answer them."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog


def run_dialog(dialog: QDialog) -> bool:
    """Show ``dialog`` modally; True when the user accepted it."""
    return dialog.exec() == QDialog.DialogCode.Accepted
