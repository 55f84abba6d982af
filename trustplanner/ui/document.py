"""The open plan as the window sees it: the plan file, its lock, a snapshot, and the undo stack.

The undo stack is a view of the plan's change history (trustplanner.services.history): each
command wraps one history entry, and undoing or redoing it asks the history to do so. The stack
is rebuilt from the history after every change, so it is the same after the plan is reopened,
and it includes changes made elsewhere (the command line). A timer watches the plan's revision
number, so changes made by another process are picked up within a few seconds.

The document also watches its edit lock: a heartbeat or an edit that finds another copy of
TrustPlanner holding it switches the document to read-only for good (:attr:`lost_lock`); a
read-only document opened by choice or because someone else was editing notices when nobody
holds the lock any more (:attr:`lock_free`), and can then take over editing (:meth:`start_editing`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from trustplanner.services import history
from trustplanner.services.snapshot import PlanSnapshot, load_snapshot
from trustplanner.store.access import open_for_reading
from trustplanner.store.lock import LockTakenOver, is_stale, read_owner
from trustplanner.store.plan_file import PlanFile

log = logging.getLogger(__name__)
HEARTBEAT_MS = 60_000
#: how often the window looks for changes made elsewhere (one small query)
WATCH_MS = 2_000


class HistoryCommand(QUndoCommand):
    """One entry of the plan's history on the undo stack."""

    def __init__(self, document: PlanDocument, entry: history.Entry):
        super().__init__(entry.what)
        self.document = document
        self.entry = entry

    def undo(self) -> None:
        if not self.document.syncing:
            self.document.reverse(self.entry, undo=True)

    def redo(self) -> None:
        if not self.document.syncing:
            self.document.reverse(self.entry, undo=False)


class PlanDocument(QObject):
    """Owns one open plan. Pages read :attr:`snapshot` and listen to :attr:`changed`."""

    #: the plan changed; the argument is the set of areas touched, or None for "anything"
    changed = Signal(object)
    #: someone else changed the plan: the new history entries (the window says what changed)
    changed_elsewhere = Signal(list)
    #: an undo or redo was refused (e.g. a later change touched the same rows); the message says why
    refused = Signal(str)
    #: an undo or redo was done: "Undone: Import savings plans from savings.csv"
    reversed = Signal(str)
    #: editing was switched off (the lock was taken over) or on, or the lock became free or taken
    lock_changed = Signal()

    def __init__(self, plan: PlanFile, lock=None, *, read_only_reason: str = "", can_take_over: bool = False,
                 parent=None):  # noqa: ANN001
        super().__init__(parent)
        self.plan = plan
        if lock is not None and plan.lock is None:
            plan.lock = lock
        self.read_only_reason = read_only_reason
        #: read-only by choice or because someone else was editing: may take over when nobody is
        self.can_take_over = bool(can_take_over and plan.read_only)
        #: set when another copy of TrustPlanner took the lock: this document never writes again
        self.lost_lock: LockTakenOver | None = None
        #: when this window last saved a change
        self.last_saved: datetime | None = None
        self.lock_free = self._nobody_holds_lock()
        #: (name, role value) when the plan is open for review: read-only, but review records are written
        self.reviewer: tuple[str, str] | None = None
        #: a line for the status bar when the window shows the plan (e.g. "Restored from ...")
        self.notice = ""
        self.undo_stack = QUndoStack(self)
        self.syncing = False
        self._snapshot: PlanSnapshot | None = None
        self._revision = history.revision(plan)
        self._rebuild_stack()
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(HEARTBEAT_MS)
        self._heartbeat.timeout.connect(self._beat)
        if self.lock is not None:
            self._heartbeat.start()
        self._watch = QTimer(self)
        self._watch.setInterval(WATCH_MS)
        self._watch.timeout.connect(self.check_for_changes)
        self._watch.start()

    @property
    def lock(self):  # noqa: ANN201
        return self.plan.lock

    @property
    def path(self) -> Path:
        return self.plan.path

    @property
    def read_only(self) -> bool:
        return self.plan.read_only

    @property
    def reviewing(self) -> bool:
        """Open for review: every plan edit is refused; only review records are written."""
        return self.reviewer is not None

    @property
    def revision(self) -> int:
        return self._revision

    @property
    def snapshot(self) -> PlanSnapshot:
        if self._snapshot is None:
            self._snapshot = load_snapshot(self.plan)
        return self._snapshot

    def reload(self, areas: frozenset[str] | None = None) -> None:
        """Drop the cached snapshot and tell the pages (those showing ``areas``) that the plan changed."""
        self._snapshot = None
        self.changed.emit(areas)

    def run(self, edit: Callable[[], object]) -> BaseException | None:
        """Run one edit (a service call that records a change); returns its error, if it was refused."""
        before = self._revision
        try:
            edit()
        except LockTakenOver as exc:
            self._lose_lock(exc)
            return exc
        except Exception as exc:  # shown by the caller; nothing was changed
            return exc
        finally:
            self._catch_up(rebuild=True)
        if self._revision != before:
            self.last_saved = datetime.now()
        return None

    def reverse(self, entry: history.Entry, *, undo: bool) -> None:
        """Undo or redo ``entry`` (called by its command on the undo stack)."""
        try:
            (history.undo if undo else history.redo)(self.plan, entry.id)
            self.last_saved = datetime.now()
            self.reversed.emit(f"{'Undone' if undo else 'Redone'}: {entry.what}")
        except LockTakenOver as exc:
            self._lose_lock(exc)
        except Exception as exc:
            log.info("%s of entry %d refused: %s", "undo" if undo else "redo", entry.id, type(exc).__name__)
            self.refused.emit(str(exc))
            QTimer.singleShot(0, self._rebuild_stack)  # the stack moved; put it back as the history has it
        self._catch_up(rebuild=False)

    def check_for_changes(self) -> list[history.Entry]:
        """Pick up changes made by another process or window; returns their entries."""
        if self.can_take_over:
            free = self._nobody_holds_lock()
            if free != self.lock_free:
                self.lock_free = free
                self.lock_changed.emit()
        try:
            if history.revision(self.plan) == self._revision:
                return []
        except Exception:  # a plan on a share that went away for a moment; try again next time
            log.warning("could not read the plan's revision")
            return []
        entries = self._catch_up(rebuild=True)
        if entries:
            self.changed_elsewhere.emit(entries)
        return entries

    def _catch_up(self, *, rebuild: bool) -> list[history.Entry]:
        entries = history.entries(self.plan, after_revision=self._revision)
        current = history.revision(self.plan)
        if current == self._revision and not entries:
            return []
        self._revision = current
        if rebuild:
            self._rebuild_stack()
        areas = frozenset(a for e in entries for a in e.areas) if entries else None
        self.reload(areas)
        return entries

    def _rebuild_stack(self) -> None:
        stacks = history.stacks(self.plan) if not self.plan.read_only else history.Stacks((), ())
        self.syncing = True
        try:
            self.undo_stack.clear()
            for entry in stacks.undo:
                self.undo_stack.push(HistoryCommand(self, entry))
            for entry in reversed(stacks.redo):
                self.undo_stack.push(HistoryCommand(self, entry))
            for _ in stacks.redo:
                self.undo_stack.undo()
        finally:
            self.syncing = False

    def push(self, command: QUndoCommand) -> None:  # pragma: no cover - kept for scripts
        self.undo_stack.push(command)

    def close(self) -> None:
        self._heartbeat.stop()
        self._watch.stop()
        self.plan.close()  # releases the lock

    # the edit lock ----------------------------------------------------------------------------
    def _nobody_holds_lock(self) -> bool:
        if not self.plan.read_only:
            return False
        owner = read_owner(self.path)
        return owner is None or is_stale(owner)

    def lost_lock_text(self) -> str:
        """The banner's words once the lock was taken over."""
        owner = self.lost_lock.owner if self.lost_lock is not None else None
        if owner is not None:
            try:
                taken = datetime.fromisoformat(owner.since)
                at = f"{taken:%H:%M}" if taken.date() == datetime.now().date() else f"{taken:%d/%m/%Y %H:%M}"
            except (ValueError, TypeError):
                at = "an unknown time"
            who = f"Another copy of TrustPlanner on {owner.host} ({owner.who()}) took over editing at {at}"
        else:
            who = "Another copy of TrustPlanner took over editing"
        saved = (f"your last change was saved at {self.last_saved:%H:%M}" if self.last_saved is not None
                 else "no change was saved from this window")
        return (f"Read-only: {who}; {saved}. This window shows the plan but will not change it; "
                "open the plan again to edit it when that copy is closed.")

    def _lose_lock(self, error: LockTakenOver) -> None:
        """Stop writing at once and for good: the plan is reopened read-only, the lock left to its new holder."""
        if self.lost_lock is not None:
            return
        log.warning("the plan's edit lock was taken over by another copy of TrustPlanner")
        self.lost_lock = error
        self._heartbeat.stop()
        old = self.plan
        old.lock = None  # not ours to release; and no backup is written from here
        try:
            self.plan = open_for_reading(self.path, clear_stale=lambda owner: False)  # never clears a lock
        except Exception:  # the plan cannot be read now: keep the connection, but it will not write
            log.warning("could not reopen the plan read-only")
            old.read_only = True
        else:
            old.close()
        self.can_take_over = False
        self.read_only_reason = self.lost_lock_text()
        # not now: this may run inside an undo command, which clearing the stack would delete
        QTimer.singleShot(0, self._rebuild_stack)
        self.lock_changed.emit()
        self.reload()

    def start_editing(self, plan: PlanFile) -> None:
        """Switch this read-only document to ``plan``, just opened for writing (taking over editing)."""
        if self.lost_lock is not None or not self.plan.read_only:
            plan.close()
            return
        old, self.plan = self.plan, plan
        old.close()
        self.can_take_over = False
        self.lock_free = False
        self.read_only_reason = ""
        self._heartbeat.start()
        self._revision = history.revision(plan)
        self._rebuild_stack()
        self.lock_changed.emit()
        self.reload()

    def _beat(self) -> None:
        if self.lock is None:
            return
        try:
            self.lock.heartbeat()
        except LockTakenOver as exc:
            self._lose_lock(exc)
        except OSError:
            log.warning("could not refresh the plan lock heartbeat")
