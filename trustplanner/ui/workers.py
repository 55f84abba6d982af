"""Long work off the UI thread: a QRunnable that runs a plain function and reports by signals.

The job never touches a widget; the signals holder lives in the UI thread, so its slots run
there. Work that reads or writes a plan opens its own PlanFile, because an SQLite connection
belongs to the thread that made it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from trustplanner.domain.problems import TrustPlannerError
from trustplanner.services.briefings import IssuedBriefing, WordBriefing, produce_briefing, write_briefing_docx
from trustplanner.store.plan_file import open_plan_file

log = logging.getLogger(__name__)


class WorkerSignals(QObject):
    """``succeeded(result)`` or ``failed(error)``, then always ``finished()``."""

    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()


class Worker(QRunnable):
    def __init__(self, job: Callable[[], Any], name: str = "background job"):
        super().__init__()
        self.job = job
        self.name = name
        self.signals = WorkerSignals()  # made in the UI thread, so its slots run there
        self.setAutoDelete(False)  # the caller keeps the worker until finished()

    def run(self) -> None:
        try:
            result = self.job()
        except BaseException as exc:  # noqa: BLE001 - every failure must reach the UI thread
            if not isinstance(exc, TrustPlannerError):
                log.error("%s failed", self.name, exc_info=exc)  # the log's formatter leaves out the message
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)
        finally:
            self.signals.finished.emit()


def start(worker: Worker, pool: QThreadPool | None = None) -> Worker:
    (pool or QThreadPool.globalInstance()).start(worker)
    return worker


def produce_briefing_job(plan_path: Path, out: Path, *, read_only: bool, issue: bool = False,
                         as_of: date | None = None, meeting: date | None = None, marking: str | None = None,
                         author: str | None = None, units: str = "m") -> IssuedBriefing:
    """Open the plan afresh in this thread and produce the briefing: a draft, or with ``issue``
    the next issued version (refused by the service on a plan open read-only). A file that cannot
    be written is reported in words, not as an unexpected error.
    """
    plan = open_plan_file(plan_path, migrate=False, read_only=read_only)
    try:
        options: dict[str, Any] = dict(as_of=as_of, meeting=meeting, marking=marking, author=author,
                                       issue=issue, units=units)
        try:
            return produce_briefing(plan, out, **options)
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            raise TrustPlannerError(f"{out}: cannot be written ({reason})") from exc
    finally:
        plan.close()


def word_briefing_job(plan_path: Path, out: Path, *, as_of: date | None = None, meeting: date | None = None,
                      marking: str | None = None, author: str | None = None, units: str = "m") -> WordBriefing:
    """Open the plan afresh (read-only: the Word version is never recorded) and write the Word briefing."""
    plan = open_plan_file(plan_path, migrate=False, read_only=True)
    try:
        try:
            return write_briefing_docx(plan, out, as_of=as_of, meeting=meeting, marking=marking, author=author,
                                       units=units)
        except OSError as exc:
            raise TrustPlannerError(f"{out}: cannot be written ({exc.strerror or type(exc).__name__})") from exc
    finally:
        plan.close()
