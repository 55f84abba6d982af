"""Opening a plan in the window: the lock, the read-only offer, and clear errors."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QMessageBox, QWidget

from trustplanner.domain.problems import TrustPlannerError
from trustplanner.services.demo import create_demo_plan
from trustplanner.store.lock import PlanLock, PlanLocked
from trustplanner.store.plan_file import open_plan_file
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
    lock = PlanLock(path)
    read_only_reason = ""
    try:
        if not path.exists():
            raise TrustPlannerError(f"{path}: no such plan file")
        try:
            lock.acquire()
        except PlanLocked as locked:
            if not ask_read_only(parent, locked):
                return None
            lock, read_only_reason = None, f"Read-only: {locked.owner.describe()} has this plan open."
        except OSError:
            lock, read_only_reason = None, "Read-only: the plan's folder cannot be written to."
        plan = open_plan_file(path, read_only=lock is None)
    except Exception as exc:
        if lock is not None:
            lock.release()
        show_error(parent, "Cannot open plan", exc)
        return None
    log.info("opened a plan%s", " read-only" if lock is None else "")
    return PlanDocument(plan, lock, read_only_reason=read_only_reason)


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
