"""The record kinds a plan holds, each declared once.

A kind says what its file format's columns are, how a file of it is imported (validated whole,
previewed, applied as one change), how it is exported, and which area of the plan it belongs to.
The command line's KIND choices, File → Import, the export and the history's areas all loop over
:data:`KINDS`; nothing else dispatches on a kind's name. Adding a kind is its own modules (table
and migration, format, service) plus one line here (docs/design/0007-record-kinds.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from trustplanner.domain.problems import ValidationFailed
from trustplanner.store.plan_file import PlanFile

if TYPE_CHECKING:
    from trustplanner.services.import_preview import ImportPreview


class ImportOutcome(Protocol):
    """What every kind's import returns: a one-line summary, columns ignored, and whether it changed the plan."""

    ignored_columns: list[str]
    applied: bool

    def summary(self) -> str: ...

    def notes(self) -> list[str]: ...


@dataclass(frozen=True)
class RecordKind:
    name: str  # the command line's KIND and the export's file name
    label: str  # as menus show it
    noun: str  # one record, as messages say it
    area: str  # the area of the plan (store.base.area) its rows belong to
    columns: tuple[str, ...]  # the file format, in the export's order
    import_file: Callable[..., ImportOutcome]  # (plan, path, *, as_of=None, preview=False, blank="keep")
    export_rows: Callable[[PlanFile], Iterable[Sequence[str]]]
    #: what --as-of means for this kind ("" when the kind takes no date)
    as_of_help: str = ""
    #: columns holding personal data (names, salaries): left blank by the export unless asked for
    personal_columns: tuple[str, ...] = ()
    #: those columns, as messages say them ("names and salaries")
    personal_words: str = ""
    #: what importing a file would do, in words: (plan, path, *, as_of=None, blank="keep") -> ImportPreview
    preview_file: Callable[..., ImportPreview] | None = None
    #: the import preview's caption for the date (when the kind takes one)
    date_label: str = ""
    #: (plan) -> the earliest date an import may carry, e.g. the latest HR extract's (None: any)
    earliest_date: Callable[[PlanFile], date | None] | None = None

    @property
    def personal(self) -> bool:
        """Its export holds personal data."""
        return bool(self.personal_columns)

    @property
    def takes_date(self) -> bool:
        return bool(self.as_of_help)

    def suggested_date(self, plan: PlanFile, status_date: date) -> date:
        """The date an import of this kind is offered with: the status date, or a later one it must carry."""
        earliest = self.earliest_date(plan) if self.earliest_date else None
        return max(status_date, earliest) if earliest else status_date

    def preview(self, plan: PlanFile, path: str | Path, as_of: date | None = None, blank: str = "keep"
                ) -> ImportPreview:
        """What importing ``path`` (as of ``as_of``, blank cells meaning ``blank``) would do; a file with
        problems gives them all."""
        from trustplanner.services.import_preview import rejected

        try:
            return self.preview_file(plan, path, as_of=as_of if self.takes_date else None, blank=blank)
        except ValidationFailed as exc:
            return rejected(self.name, path, exc.problems, as_of, blank)


def _services(plan: PlanFile, path: str | Path, *, as_of: date | None = None, preview: bool = False,
              blank: str = "keep"):  # noqa: ANN202
    from trustplanner.services.imports import import_services

    return import_services(plan, path, preview=preview, blank=blank)


def _milestones(plan: PlanFile, path: str | Path, *, as_of: date | None = None, preview: bool = False,
                blank: str = "keep"):  # noqa: ANN202
    from trustplanner.services.imports import import_milestones

    return import_milestones(plan, path, preview=preview, blank=blank)


def _staff(plan: PlanFile, path: str | Path, *, as_of: date | None = None, preview: bool = False,
           blank: str = "keep"):  # noqa: ANN202
    from trustplanner.services.staff import import_staff

    return import_staff(plan, path, extract_date=as_of, preview=preview, blank=blank)


def _budget(plan: PlanFile, path: str | Path, *, as_of: date | None = None, preview: bool = False,
            blank: str = "keep"):  # noqa: ANN202
    from trustplanner.services.budget import import_budget

    return import_budget(plan, path, as_of=as_of, preview=preview, blank=blank)


def _savings(plan: PlanFile, path: str | Path, *, as_of: date | None = None, preview: bool = False,
             blank: str = "keep"):  # noqa: ANN202
    from trustplanner.services.budget import import_savings

    return import_savings(plan, path, preview=preview, blank=blank)


def _risks(plan: PlanFile, path: str | Path, *, as_of: date | None = None, preview: bool = False,
           blank: str = "keep"):  # noqa: ANN202
    from trustplanner.services.risks import import_risks

    return import_risks(plan, path, as_of=as_of, preview=preview, blank=blank)


def _risk_actions(plan: PlanFile, path: str | Path, *, as_of: date | None = None, preview: bool = False,
                  blank: str = "keep"):  # noqa: ANN202
    from trustplanner.services.risks import import_risk_actions

    return import_risk_actions(plan, path, preview=preview, blank=blank)


def _decisions(plan: PlanFile, path: str | Path, *, as_of: date | None = None, preview: bool = False,
               blank: str = "keep"):  # noqa: ANN202
    from trustplanner.services.decisions import import_decisions

    return import_decisions(plan, path, preview=preview, blank=blank)


def _recommendations(plan: PlanFile, path: str | Path, *, as_of: date | None = None, preview: bool = False,
                     blank: str = "keep"):  # noqa: ANN202
    from trustplanner.services.recommendations import import_recommendations

    return import_recommendations(plan, path, preview=preview, blank=blank)


def _latest_extract(plan: PlanFile) -> date | None:
    from trustplanner.services.staff import latest_extract_date

    with plan.reading() as session:
        return latest_extract_date(session)


def _kinds() -> tuple[RecordKind, ...]:
    from trustplanner.io.formats import budget as budget_rows
    from trustplanner.io.formats import decisions as decision_rows
    from trustplanner.io.formats import milestones as import_milestones
    from trustplanner.io.formats import recommendations as recommendation_rows
    from trustplanner.io.formats import risks as risk_rows
    from trustplanner.io.formats import services as import_services
    from trustplanner.io.formats import staff as staff_rows
    from trustplanner.services import decisions, exports, recommendations, risks
    from trustplanner.services.finance_preview import preview_budget, preview_savings
    from trustplanner.services.plan_previews import preview_milestones, preview_services
    from trustplanner.services.register_preview import (
        preview_decisions,
        preview_recommendations,
        preview_risk_actions,
        preview_risks,
    )
    from trustplanner.services.staff_preview import preview_staff

    return (
        RecordKind("services", "Services", "service", "services", import_services.COLUMNS, _services,
                   exports.service_rows, preview_file=preview_services),
        RecordKind("milestones", "Milestones", "milestone", "milestones", import_milestones.COLUMNS, _milestones,
                   exports.milestone_rows, preview_file=preview_milestones),
        RecordKind("staff", "Staff", "person or post", "staff", staff_rows.COLUMNS, _staff, exports.staff_rows,
                   as_of_help="the date of the HR extract (default: the plan's status date)",
                   personal_columns=("name", "annual_cost"), personal_words="names and salaries",
                   preview_file=preview_staff, date_label="Staff as at (extract &date)",
                   earliest_date=_latest_extract),
        RecordKind("budget", "Budget", "budget line", "budget", budget_rows.BUDGET_COLUMNS, _budget,
                   exports.budget_rows,
                   as_of_help="the date whose monitoring period the forecasts are reported for (default: the "
                              "plan's status date)",
                   preview_file=preview_budget, date_label="Forecasts reported at (&date)"),
        RecordKind("savings", "Savings", "savings plan", "savings", budget_rows.SAVINGS_COLUMNS, _savings,
                   exports.savings_rows, preview_file=preview_savings),
        RecordKind("risks", "Risks", "risk", "risks", risk_rows.RISK_COLUMNS, _risks, risks.risk_export_rows,
                   as_of_help="the date a changed score is recorded as reviewed (default: the plan's status date)",
                   preview_file=preview_risks, date_label="Re-scores reviewed on (&date)"),
        RecordKind("risk_actions", "Risk actions", "risk action", "risk_actions", risk_rows.ACTION_COLUMNS,
                   _risk_actions, risks.action_export_rows, preview_file=preview_risk_actions),
        RecordKind("decisions", "Decisions", "decision", "decisions", decision_rows.COLUMNS, _decisions,
                   decisions.decision_export_rows, preview_file=preview_decisions),
        RecordKind("recommendations", "Recommendations", "recommendation", "recommendations",
                   recommendation_rows.COLUMNS, _recommendations, recommendations.recommendation_export_rows,
                   preview_file=preview_recommendations),
    )


KINDS: tuple[RecordKind, ...] = _kinds()


def kind_named(name: str) -> RecordKind:
    for kind in KINDS:
        if kind.name == name:
            return kind
    raise KeyError(name)
