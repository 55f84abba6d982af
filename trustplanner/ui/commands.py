"""Undoable edits. Each command holds plain records and calls a service in redo() and undo().

A command whose first redo() fails is marked obsolete by :func:`push_edit`, so a refused edit
never lands on the undo stack.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtGui import QUndoCommand

from trustplanner.domain.model import Milestone, Programme
from trustplanner.services import milestones as milestone_service
from trustplanner.services import plans as plan_service
from trustplanner.services.import_undo import undo_import
from trustplanner.services.imports import ImportResult, import_file


class PlanCommand(QUndoCommand):
    def __init__(self, document, text: str):
        super().__init__(text)
        self.document = document
        self.error: BaseException | None = None

    def redo(self) -> None:
        try:
            self.apply()
        except Exception as exc:  # reported by push_edit; the stack drops the command
            self.error = exc
            self.setObsolete(True)
        finally:
            self.document.reload()

    def undo(self) -> None:
        try:
            self.revert()
        finally:
            self.document.reload()

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError


def push_edit(document, command: PlanCommand) -> BaseException | None:
    """Push ``command``; returns the error if the service refused it (nothing changed)."""
    document.push(command)
    return command.error


class UpdateMilestone(PlanCommand):
    def __init__(self, document, old: Milestone, new: Milestone, text: str | None = None):
        super().__init__(document, text or f"Edit {old.ref}")
        self.old, self.new = old, new

    def apply(self) -> None:
        milestone_service.update_milestone(self.document.plan, self.old.ref, self.new)

    def revert(self) -> None:
        milestone_service.update_milestone(self.document.plan, self.new.ref, self.old)


class AddMilestone(PlanCommand):
    def __init__(self, document, milestone: Milestone, text: str | None = None):
        super().__init__(document, text or f"Add {milestone.ref}")
        self.milestone = milestone

    def apply(self) -> None:
        milestone_service.add_milestone(self.document.plan, self.milestone)

    def revert(self) -> None:
        milestone_service.delete_milestone(self.document.plan, self.milestone.ref)


class DeleteMilestone(PlanCommand):
    def __init__(self, document, ref: str):
        super().__init__(document, f"Delete {ref}")
        self.ref = ref
        self.removed: Milestone | None = None
        self.dependants: list[str] = []

    def apply(self) -> None:
        self.removed, self.dependants = milestone_service.delete_milestone(self.document.plan, self.ref)

    def revert(self) -> None:
        milestone_service.restore_milestone(self.document.plan, self.removed, self.dependants)


class Rebaseline(PlanCommand):
    def __init__(self, document, ref: str, new_baseline: date, reason: str, decision: str):
        super().__init__(document, f"Re-baseline {ref}")
        self.ref, self.new_baseline, self.reason, self.decision = ref, new_baseline, reason, decision
        self.old_baseline: date | None = None

    def apply(self) -> None:
        old = milestone_service.rebaseline(self.document.plan, self.ref, self.new_baseline,
                                           reason=self.reason, decision=self.decision)
        self.old_baseline = old.baseline

    def revert(self) -> None:
        milestone_service.undo_rebaseline(self.document.plan, self.ref, self.old_baseline)


class UpdateProgramme(PlanCommand):
    def __init__(self, document, old: Programme, text: str, **changes: object):
        super().__init__(document, text)
        self.old = old
        self.changes = changes

    def apply(self) -> None:
        plan_service.update_programme(self.document.plan, **self.changes)

    def revert(self) -> None:
        fields = {name: getattr(self.old, name) for name in self.changes}
        plan_service.update_programme(self.document.plan, **fields)


def set_status_date(document, day: date) -> UpdateProgramme:
    return UpdateProgramme(document, document.snapshot.programme, f"Set status date to {day:%d/%m/%Y}",
                           status_date=day)


class ImportTable(PlanCommand):
    def __init__(self, document, kind: str, path: str):
        super().__init__(document, f"Import {kind}")
        self.kind, self.path = kind, path
        self.result: ImportResult | None = None
        self.before = None

    def apply(self) -> None:
        self.before = self.document.snapshot
        self.result = import_file(self.document.plan, self.kind, self.path)

    def revert(self) -> None:
        undo_import(self.document.plan, self.kind, self.before, self.result)


def duplicate_of(milestone: Milestone, taken: set[str]) -> Milestone:
    """A copy with the next free ref (HR-02 -> HR-02-copy, HR-02-copy2, ...), no actual date."""
    ref, n = f"{milestone.ref}-copy", 1
    while ref in taken:
        n += 1
        ref = f"{milestone.ref}-copy{n}"
    return replace(milestone, ref=ref, title=f"{milestone.title} (copy)", actual=None, rag_override=None)
