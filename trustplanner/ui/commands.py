"""Edits the window makes. Each calls one service, which records the change in the plan's history.

An edit here is not an undo command: undo and redo are the history's (see
:class:`trustplanner.ui.document.HistoryCommand`). These classes only say which service to call
and with what, so menus and pages can build them and :func:`push_edit` can run them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from trustplanner.domain.model import Milestone, Programme
from trustplanner.services import milestones as milestone_service
from trustplanner.services import plans as plan_service
from trustplanner.services.kinds import ImportOutcome, RecordKind


class PlanEdit:
    """One edit of the open plan: :meth:`apply` calls a service (one change in the history)."""

    def __init__(self, document, text: str):
        self.document = document
        self.text = text

    def apply(self) -> None:  # pragma: no cover - every edit overrides
        raise NotImplementedError


def push_edit(document, edit: PlanEdit) -> BaseException | None:
    """Run ``edit``; returns the error if the service refused it (then nothing changed)."""
    return document.run(edit.apply)


class UpdateMilestone(PlanEdit):
    def __init__(self, document, old: Milestone, new: Milestone, text: str | None = None):
        super().__init__(document, text or f"Edit {old.ref}")
        self.old, self.new = old, new

    def apply(self) -> None:
        milestone_service.update_milestone(self.document.plan, self.old.ref, self.new, what=self.text)


class AddMilestone(PlanEdit):
    def __init__(self, document, milestone: Milestone, text: str | None = None):
        super().__init__(document, text or f"Add {milestone.ref}")
        self.milestone = milestone

    def apply(self) -> None:
        milestone_service.add_milestone(self.document.plan, self.milestone, what=self.text)


class DeleteMilestone(PlanEdit):
    def __init__(self, document, ref: str):
        super().__init__(document, f"Delete {ref}")
        self.ref = ref

    def apply(self) -> None:
        milestone_service.delete_milestone(self.document.plan, self.ref)


class Rebaseline(PlanEdit):
    """``decision_ref``: the decision in the log that approved it (then ``decision`` may be blank);
    ``new_decision``: one the dialog recorded, added to the log in the same undo step."""

    def __init__(self, document, ref: str, new_baseline: date, reason: str, decision: str,
                 decision_ref: str | None = None, new_decision=None):  # noqa: ANN001
        super().__init__(document, f"Re-baseline {ref}")
        self.ref, self.new_baseline, self.reason, self.decision = ref, new_baseline, reason, decision
        self.decision_ref, self.new_decision = decision_ref, new_decision

    def apply(self) -> None:
        milestone_service.rebaseline(self.document.plan, self.ref, self.new_baseline,
                                     reason=self.reason, decision=self.decision, decision_ref=self.decision_ref,
                                     new_decision=self.new_decision)


class UpdateProgramme(PlanEdit):
    def __init__(self, document, old: Programme, text: str, **changes: object):
        super().__init__(document, text)
        self.old = old
        self.changes = changes

    def apply(self) -> None:
        plan_service.update_programme(self.document.plan, **self.changes)


def set_status_date(document, day: date) -> UpdateProgramme:
    return UpdateProgramme(document, document.snapshot.programme, f"Set status date to {day:%d/%m/%Y}",
                           status_date=day)


class ImportRecords(PlanEdit):
    """Import a file of any record kind (as of ``as_of`` when the kind takes a date; blank cells keep or clear)."""

    def __init__(self, document, kind: RecordKind, path: str, as_of: date | None = None, blank: str = "keep"):
        super().__init__(document, f"Import {kind.label.lower()}")
        self.kind, self.path, self.as_of, self.blank = kind, path, as_of, blank
        self.result: ImportOutcome | None = None

    def apply(self) -> None:
        self.result = self.kind.import_file(self.document.plan, self.path, as_of=self.as_of, blank=self.blank)


def duplicate_of(milestone: Milestone, taken: set[str]) -> Milestone:
    """A copy with the next free ref (HR-02 -> HR-02-copy, HR-02-copy2, ...), no actual date."""
    ref, n = f"{milestone.ref}-copy", 1
    while ref in taken:
        n += 1
        ref = f"{milestone.ref}-copy{n}"
    return replace(milestone, ref=ref, title=f"{milestone.title} (copy)", actual=None, rag_override=None)


class SaveReport(PlanEdit):
    """The Briefings page's Report details: the header fields and one meeting's draft."""

    def __init__(self, document, meeting: date, defaults, draft):  # noqa: ANN001
        super().__init__(document, f"Edit the report for {meeting:%d/%m/%Y}")
        self.meeting, self.defaults, self.draft = meeting, defaults, draft

    def apply(self) -> None:
        from trustplanner.services.report_drafts import save_report

        save_report(self.document.plan, self.meeting, self.defaults, self.draft)
