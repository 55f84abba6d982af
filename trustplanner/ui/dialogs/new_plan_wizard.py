"""The new plan wizard: programme, stages, services, the milestone template, what of it is already done
(only with the template), then where to save.

Nothing is written until Finish; a plan that fails part-way is removed so no half-made file is left.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QFileDialog, QWidget, QWizard

from trustplanner.domain.enums import DeliveryModel
from trustplanner.domain.model import Programme
from trustplanner.domain.problems import PlanFileError, TrustPlannerError
from trustplanner.services.plans import add_services, new_plan
from trustplanner.store.plan_file import PLAN_SUFFIX
from trustplanner.ui import dialogs
from trustplanner.ui.dialogs.new_plan_done_page import AlreadyDonePage
from trustplanner.ui.dialogs.new_plan_pages import (
    ProgrammePage,
    SavePage,
    ServicesPage,
    StagesPage,
    TemplatePage,
    problem_lines,
)
from trustplanner.ui.icons import app_icon
from trustplanner.ui.settings import Settings

log = logging.getLogger(__name__)


class NewPlanWizard(QWizard):
    """Collects a programme; :meth:`create_plan` writes it (see :func:`run_new_plan_wizard`)."""

    def __init__(self, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.created_path: Path | None = None
        self.setWindowTitle("New plan")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setPixmap(QWizard.WizardPixmap.LogoPixmap, app_icon().pixmap(QSize(48, 48)))
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Create plan")
        self.setMinimumSize(780, 420)  # 1366x690 at 150% leaves 439 px; the Already-done list scrolls
        self.programme_page = ProgrammePage()
        self.stages_page = StagesPage()
        self.services_page = ServicesPage()
        self.template_page = TemplatePage()
        self.done_page = AlreadyDonePage()
        self.save_page = SavePage()
        for page in (self.programme_page, self.stages_page, self.services_page, self.template_page):
            self.addPage(page)
        self.template_id = self.pageIds()[-1]
        self.done_id = self.addPage(self.done_page)
        self.save_id = self.addPage(self.save_page)

    def nextId(self) -> int:
        """The Already-done page only follows the template page when the template is seeded."""
        if self.currentId() == self.template_id and not self.template_page.seed.isChecked():
            return self.save_id
        return super().nextId()

    def decision_date(self) -> date | None:
        page = self.programme_page
        return page.decision_date.date().toPython() if page.has_decision.isChecked() else None

    def draft_programme(self) -> Programme:
        stages = self.stages_page
        return Programme(
            council=self.programme_page.council.text().strip(),
            trust=self.programme_page.trust.text().strip(),
            delivery_model=DeliveryModel(self.programme_page.delivery_model.currentData()),
            go_live=stages.go_live.date().toPython(),
            shadow_start=stages.shadow_start.date().toPython(),
            decision_date=self.decision_date(),
            tolerance_days=stages.tolerance.value(),
            marking=stages.marking.text().strip(),
        )

    def choose_save_path(self, suggested: str) -> str:
        """Ask where to save (tests replace this)."""
        name, _ = QFileDialog.getSaveFileName(self, "Save the new plan as", suggested or self.settings.last_folder(),
                                              f"TrustPlanner plans (*{PLAN_SUFFIX})")
        return name

    def target_path(self) -> Path:
        text = self.save_page.path.text().strip()
        if not text:
            raise PlanFileError("Choose where to save the plan.")
        path = Path(text).expanduser()
        if path.suffix.lower() != PLAN_SUFFIX:
            path = path.with_name(path.name + PLAN_SUFFIX)
        if not path.parent.is_dir():
            raise PlanFileError(f"The folder {path.parent} does not exist.")
        if path.exists():
            raise PlanFileError(f"A file called {path.name} is already in {path.parent}. Choose another name: "
                                "TrustPlanner never overwrites a plan.")
        return path

    def create_plan(self) -> Path:
        """Write the plan and its services; on any failure remove the file and re-raise."""
        path = self.target_path()
        services = self.services_page.services()
        p = self.draft_programme()
        template = self.template_page.seed.isChecked()
        done = self.done_page.done() if template else None
        not_needed = self.done_page.not_needed() if template else ()
        plan = new_plan(path, council=p.council, trust=p.trust, go_live=p.go_live, shadow_start=p.shadow_start,
                        delivery_model=p.delivery_model, decision_date=p.decision_date,
                        tolerance_days=p.tolerance_days, marking=p.marking,
                        template=template, done=done, not_needed=not_needed)
        try:
            if services:
                add_services(plan, services)
        except BaseException:
            plan.close()
            path.unlink(missing_ok=True)
            raise
        plan.close()
        log.info("created a new plan with %d services", len(services))
        return path

    def accept(self) -> None:
        if self.created_path is None:
            try:
                self.created_path = self.create_plan()
            except Exception as exc:
                if not isinstance(exc, TrustPlannerError):
                    log.exception("could not create the plan")
                self.currentPage().messages.show_message(problem_lines(exc))
                return
            self.settings.set_last_folder(self.created_path.parent)
        super().accept()


def run_new_plan_wizard(parent: QWidget | None, settings: Settings) -> Path | None:
    """Ask for a new programme and create its plan file; the path, or None if cancelled."""
    wizard = NewPlanWizard(settings, parent)
    if dialogs.run_dialog(wizard) and wizard.created_path is not None:
        return wizard.created_path
    return None
