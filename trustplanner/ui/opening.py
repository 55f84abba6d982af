"""Opening a plan in the window: the lock, the read-only offer, and clear errors."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QMessageBox, QWidget

from trustplanner.services.demo import create_demo_plan
from trustplanner.store.access import LockUnavailable, open_for_reading, open_for_writing
from trustplanner.store.disk import PlanReadOnly
from trustplanner.store.lock import PlanLocked
from trustplanner.ui.document import PlanDocument
from trustplanner.ui.errors import show_error

log = logging.getLogger(__name__)


def ask_read_only(parent: QWidget | None, locked: PlanLocked) -> bool:
    """Offer read-only when someone else has the plan open. Tests replace this."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle("Plan already open")
    box.setText(f"<b>{locked.path.name}</b> is open by {locked.owner.describe()}.")
    box.setInformativeText("You can open it read-only to look at it and print briefings; changes will be "
                           "switched off. To edit it, ask them to close it first.")
    read_only = box.addButton("Open read-only", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(read_only)
    box.exec()
    return box.clickedButton() is read_only


def open_document(path: Path, parent: QWidget | None = None) -> PlanDocument | None:
    """Open ``path`` for editing, or read-only if someone else has it; None if it cannot be opened."""
    path = Path(path)
    read_only_reason = ""
    try:
        try:
            plan = open_for_writing(path)
        except PlanLocked as locked:
            if not ask_read_only(parent, locked):
                return None
            read_only_reason = f"Read-only: {locked.owner.describe()} has this plan open for editing."
            plan = open_for_reading(path)
        except PlanReadOnly as read_only:
            read_only_reason = f"Read-only: {path.name} cannot be changed here ({read_only.cause})."
            plan = open_for_reading(path)
        except LockUnavailable:
            read_only_reason = "Read-only: the plan's folder cannot be written to."
            plan = open_for_reading(path)
        document = PlanDocument(plan, read_only_reason=read_only_reason)
    except Exception as exc:
        show_error(parent, "Cannot open plan", exc)
        return None
    log.info("opened a plan%s", " read-only" if plan.read_only else "")
    return document


def demo_plan_path() -> Path:
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)) / "demo"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "sunderland-demo.tplan"


def ensure_demo_plan(parent: QWidget | None = None) -> Path | None:
    path = demo_plan_path()
    if not path.exists():
        try:
            create_demo_plan(path).close()
        except Exception as exc:
            show_error(parent, "Cannot create the demo plan", exc)
            return None
    return path
