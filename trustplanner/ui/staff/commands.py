"""Importing an HR extract as one edit (recorded in the plan's history, so Edit → Undo takes it back)."""

from __future__ import annotations

from datetime import date

from trustplanner.services.staff import StaffImportResult, import_staff
from trustplanner.ui.commands import PlanEdit


class ImportStaff(PlanEdit):
    def __init__(self, document, path: str, extract_date: date | None):
        super().__init__(document, f"Import staff as at {extract_date:%d/%m/%Y}" if extract_date else "Import staff")
        self.path, self.extract_date = path, extract_date
        self.result: StaffImportResult | None = None

    def apply(self) -> None:
        self.result = import_staff(self.document.plan, self.path, extract_date=self.extract_date)
