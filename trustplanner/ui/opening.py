"""Opening a plan in the window: the lock, the read-only offer, and clear errors."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QMessageBox, QWidget

from trustplanner.services.demo import create_demo_plan
from trustplanner.store.access import (
    LockUnavailable,
    open_for_reading,
    open_for_review,
    open_for_writing,
    restore_from_backup,
)
from trustplanner.store.disk import PlanReadOnly
from trustplanner.store.integrity import PlanDamaged
from trustplanner.store.lock import LockOwner, PlanLocked, StaleLockKept
from trustplanner.ui.document import PlanDocument
from trustplanner.ui.errors import show_error

log = logging.getLogger(__name__)


def ask_read_only(parent: QWidget | None, locked: PlanLocked) -> bool:
    """Offer read-only when someone else has the plan open. Tests replace this."""
    return _ask(parent, QMessageBox.Icon.Information, "Plan already open",
                f"<b>{locked.path.name}</b> is open by {locked.owner.describe()}.",
                "You can open it read-only to look at it and print briefings; editing will be switched off "
                "and their changes will show as they make them. When they close it, the window offers to "
                "take over editing.", "Open read-only")


def ask_clear_stale(parent: QWidget | None, path: Path, owner: LockOwner) -> str | None:
    """Ask before clearing a stale lock: "edit" (clear it), "read-only", or None. Tests replace this."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Plan may still be open")
    box.setText(f"<b>{path.name}</b> was opened for editing by {owner.describe()}, and was last heard from "
                f"at {owner.heartbeat_text()}.")
    box.setInformativeText(
        "That copy of TrustPlanner seems to have closed or gone to sleep. If you are sure it is not still in "
        "use, you can take over editing: it will then not be able to save changes. Otherwise open the plan "
        "read-only.")
    take = box.addButton("Take over editing", QMessageBox.ButtonRole.AcceptRole)
    read_only = box.addButton("Open read-only", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(read_only)
    box.exec()
    clicked = box.clickedButton()
    return "edit" if clicked is take else "read-only" if clicked is read_only else None


def take_lock(path: Path, parent: QWidget | None):  # noqa: ANN201
    """Open ``path`` for writing, asking before clearing a stale lock; (plan, None), or (None, the answer given)."""
    answers: list[str | None] = []

    def clear_stale(owner: LockOwner) -> bool:
        answers.append(ask_clear_stale(parent, path, owner))
        return answers[-1] == "edit"

    try:
        return open_for_writing(path, clear_stale=clear_stale), None
    except StaleLockKept as kept:
        return None, (answers[-1] if answers else None, kept)


def ask_clear_stale_to_upgrade(parent: QWidget | None, path: Path, owner: LockOwner) -> bool:
    """Before a read-only open upgrades a plan over a stale lock: clear it? Tests replace this."""
    return _ask(parent, QMessageBox.Icon.Question, "Plan may still be open",
                f"<b>{path.name}</b> must be upgraded to this version of TrustPlanner before it can be opened, "
                f"and it was opened for editing by {owner.describe()}, last heard from at {owner.heartbeat_text()}.",
                "Upgrading changes the file, so it clears that copy's edit lock: if it is still in use it will "
                "not be able to save changes. If you are not sure, cancel and ask them to close it.",
                "Clear the lock and upgrade")


def _read(path: Path, parent: QWidget | None):  # noqa: ANN202
    """Open read-only; an upgrade first asks before it clears a stale lock, as opening to edit does."""
    try:
        return open_for_reading(path, clear_stale=lambda owner: ask_clear_stale_to_upgrade(parent, path, owner))
    except StaleLockKept:
        raise _Declined from None


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


def open_review_document(path: Path, reviewer: tuple[str, str], parent: QWidget | None = None) -> PlanDocument | None:
    """Open ``path`` for review: read-only, no edit lock, only review records written (as ``reviewer``:
    name and role value); None if it cannot be opened."""
    from trustplanner.domain.review import ReviewerRole

    name, role = reviewer
    try:
        plan = open_for_review(Path(path), clear_stale=lambda owner: ask_clear_stale_to_upgrade(parent, path, owner))
    except StaleLockKept:
        return None
    except Exception as exc:
        show_error(parent, "Cannot open plan", exc)
        return None
    try:
        document = PlanDocument(plan, read_only_reason=review_banner_text(name, ReviewerRole(role)))
        document.reviewer = (name, role)
        document.snapshot  # noqa: B018  (read it all now: damage shows here, not in a page)
    except Exception as exc:
        plan.close()
        show_error(parent, "Cannot open plan", exc)
        return None
    log.info("opened a plan for review")
    return document


def review_banner_text(name: str, role) -> str:  # noqa: ANN001 - a ReviewerRole
    from trustplanner.domain.review import ReviewerRole

    words = role.label if role in (ReviewerRole.DFE_ADVISER, ReviewerRole.OFSTED) else role.label.lower()
    return f"Reviewing as {name} ({words}) — the plan is read-only; your challenges and sign-offs are recorded"


def open_document(path: Path, parent: QWidget | None = None, *, read_only: bool = False) -> PlanDocument | None:
    """Open ``path`` for editing, or read-only if someone else has it (or ``read_only``); None if it cannot be opened.

    A damaged plan is offered its newest whole backup (kept beside it: store.integrity).
    """
    path = Path(path)
    try:
        return _open_document(path, parent, read_only)
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


def _open_document(path: Path, parent: QWidget | None, read_only: bool = False) -> PlanDocument | None:
    read_only_reason, can_take_over = "", False
    try:
        try:
            if read_only:
                raise _ReadOnlyChosen
            plan, declined = take_lock(path, parent)
            if plan is None:
                answer, kept = declined
                if answer != "read-only":
                    return None
                read_only_reason, can_take_over = f"Read-only: {kept.owner.describe()} left this plan open.", True
                plan = _read(path, parent)
        except _ReadOnlyChosen:
            read_only_reason, can_take_over = "Read-only: opened to look at.", True
            plan = _read(path, parent)
        except PlanLocked as locked:
            if not ask_read_only(parent, locked):
                return None
            read_only_reason = f"Read-only: {locked.owner.describe()} has this plan open for editing."
            can_take_over = True
            plan = _read(path, parent)
        except PlanReadOnly as read_only:
            read_only_reason = f"Read-only: {path.name} cannot be changed here ({read_only.cause})."
            plan = _read(path, parent)
        except LockUnavailable:
            read_only_reason = "Read-only: the plan's folder cannot be written to."
            plan = _read(path, parent)
        try:
            document = PlanDocument(plan, read_only_reason=read_only_reason, can_take_over=can_take_over)
            document.snapshot  # noqa: B018  (read it all now: damage shows here, not in a page)
        except BaseException:
            plan.close()  # gives the edit lock back
            raise
    except PlanDamaged:
        raise
    except _Declined:  # the user kept a stale lock rather than upgrade over it: nothing opened, nothing said
        return None
    except Exception as exc:
        show_error(parent, "Cannot open plan", exc)
        return None
    log.info("opened a plan%s", " read-only" if plan.read_only else "")
    return document


class _ReadOnlyChosen(Exception):
    pass


class _Declined(Exception):
    pass


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
