"""Opening a plan in the window: the lock, the read-only offer, and clear errors."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QMessageBox, QWidget

from trustplanner.services.demo import create_demo_plan
from trustplanner.store.access import LockUnavailable, open_for_reading, open_for_writing, restore_from_backup
from trustplanner.store.disk import PlanReadOnly
from trustplanner.store.integrity import PlanDamaged
from trustplanner.store.lock import PlanLocked
from trustplanner.ui.document import PlanDocument
from trustplanner.ui.errors import show_error

log = logging.getLogger(__name__)


def ask_read_only(parent: QWidget | None, locked: PlanLocked) -> bool:
    """Offer read-only when someone else has the plan open. Tests replace this."""
    return _ask(parent, QMessageBox.Icon.Information, "Plan already open",
                f"<b>{locked.path.name}</b> is open by {locked.owner.describe()}.",
                "You can open it read-only to look at it and print briefings; changes will be "
                "switched off. To edit it, ask them to close it first.", "Open read-only")


def ask_restore(parent: QWidget | None, damaged: PlanDamaged) -> bool:
    """Offer to put the newest whole backup in place of a damaged plan. Tests replace this."""
    saved = datetime.fromtimestamp(damaged.backup.stat().st_mtime)
    return _ask(parent, QMessageBox.Icon.Warning, "Plan damaged",
                f"<b>{damaged.path.name}</b> is damaged ({damaged.reason}) and was not opened.",
                f"The newest backup beside it is {damaged.backup.name}, saved on {saved:%d/%m/%Y at %H:%M}. "
                "Restoring puts it in place of the damaged file, which is kept beside it (renamed "
                "…replaced-DATE). Changes made after the backup was saved are not in it.", "Restore the backup")


def _ask(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, detail: str, action: str) -> bool:
    """A question with one action (the default) and Cancel; True if the action was chosen."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(detail)
    chosen = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(chosen)
    box.exec()
    return box.clickedButton() is chosen


def open_document(path: Path, parent: QWidget | None = None) -> PlanDocument | None:
    """Open ``path`` for editing, or read-only if someone else has it; None if it cannot be opened.

    A damaged plan is offered its newest whole backup (kept beside it: store.integrity).
    """
    path = Path(path)
    try:
        return _open_document(path, parent)
    except PlanDamaged as error:
        damaged = error
        if damaged.backup is None or not ask_restore(parent, damaged):
            show_error(parent, "Cannot open plan", damaged)
            return None
    try:
        kept = restore_from_backup(path, damaged.backup)
    except Exception as exc:
        show_error(parent, "Cannot restore the backup", exc)
        return None
    log.info("restored a damaged plan from its backup")
    document = open_document(path, parent)
    if document is not None and kept is not None:
        document.notice = f"Restored from {damaged.backup.name}; the damaged file is kept as {kept.name}."
    return document


def _open_document(path: Path, parent: QWidget | None) -> PlanDocument | None:
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
        try:
            document = PlanDocument(plan, read_only_reason=read_only_reason)
            document.snapshot  # noqa: B018  (read it all now: damage shows here, not in a page)
        except BaseException:
            plan.close()  # gives the edit lock back
            raise
    except PlanDamaged:
        raise
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
