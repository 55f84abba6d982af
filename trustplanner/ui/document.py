"""The open plan as the window sees it: the plan file, its lock, its undo stack, a snapshot."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from trustplanner.services.snapshot import PlanSnapshot, load_snapshot
from trustplanner.store.lock import PlanLock
from trustplanner.store.plan_file import PlanFile

log = logging.getLogger(__name__)
HEARTBEAT_MS = 60_000


class PlanDocument(QObject):
    """Owns one open plan. Pages read :attr:`snapshot` and listen to :attr:`changed`."""

    changed = Signal()

    def __init__(self, plan: PlanFile, lock: PlanLock | None, *, read_only_reason: str = "", parent=None):
        super().__init__(parent)
        self.plan = plan
        self.lock = lock
        self.read_only_reason = read_only_reason
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(200)
        self._snapshot: PlanSnapshot | None = None
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(HEARTBEAT_MS)
        self._heartbeat.timeout.connect(self._beat)
        if lock is not None:
            self._heartbeat.start()

    @property
    def path(self) -> Path:
        return self.plan.path

    @property
    def read_only(self) -> bool:
        return self.plan.read_only

    @property
    def snapshot(self) -> PlanSnapshot:
        if self._snapshot is None:
            self._snapshot = load_snapshot(self.plan)
        return self._snapshot

    def reload(self) -> None:
        """Drop the cached snapshot and tell every page the plan changed."""
        self._snapshot = None
        self.changed.emit()

    def push(self, command: QUndoCommand) -> None:
        """Run an edit through the undo stack (its redo() calls a service)."""
        self.undo_stack.push(command)

    def close(self) -> None:
        self._heartbeat.stop()
        if self.lock is not None:
            self.lock.release()
        self.plan.close()

    def _beat(self) -> None:
        try:
            self.lock.heartbeat()
        except OSError:
            log.warning("could not refresh the plan lock heartbeat")
