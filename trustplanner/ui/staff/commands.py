"""Importing an HR extract as one undoable edit.

The staff before the import is captured first, and the staff after it once it has run, so undo
and redo put the plan back exactly, whatever has happened to the file since.
"""

from __future__ import annotations

from datetime import date

from trustplanner.services.staff import StaffImportResult, StaffState, import_staff, restore_staff_state, staff_state
from trustplanner.ui.commands import PlanCommand


class ImportStaff(PlanCommand):
    def __init__(self, document, path: str, extract_date: date | None):
        super().__init__(document, f"Import staff as at {extract_date:%d/%m/%Y}" if extract_date else "Import staff")
        self.path, self.extract_date = path, extract_date
        self.result: StaffImportResult | None = None
        self.before: StaffState | None = None
        self.after: StaffState | None = None

    def apply(self) -> None:
        if self.after is not None:  # redo after an undo
            restore_staff_state(self.document.plan, self.after)
            return
        self.before = staff_state(self.document.plan)
        self.result = import_staff(self.document.plan, self.path, extract_date=self.extract_date)
        self.after = staff_state(self.document.plan)

    def revert(self) -> None:
        restore_staff_state(self.document.plan, self.before)
