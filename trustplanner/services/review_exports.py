"""The review records as CSV: challenges and sign-offs, written by ``trustplanner export`` beside each
kind's file. They are exported only: a reviewer writes them one at a time, never from a file."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from trustplanner.domain.review import Challenge, SignOff
from trustplanner.io.values import format_date, format_yes_no
from trustplanner.services.reviews import list_challenges, list_signoffs
from trustplanner.store.plan_file import PlanFile

CHALLENGE_COLUMNS = ("id", "review", "target", "question", "raised_by", "raised_on", "evidence_requested",
                     "response", "responded_by", "responded_on", "outcome", "conditions", "closed_by", "closed_on")
SIGNOFF_COLUMNS = ("milestone", "review", "reviewer", "signed_on", "actual", "evidence", "evidence_date", "file",
                   "link", "sha256")


def challenge_cells(c: Challenge) -> list[str]:
    return [str(c.id), c.review, c.target, c.question, c.raised_by, format_date(c.raised_on),
            format_yes_no(c.evidence_requested), c.response, c.responded_by, format_date(c.responded_on),
            c.outcome.value, c.conditions, c.closed_by, format_date(c.closed_on)]


def signoff_cells(s: SignOff) -> list[str]:
    e = s.evidence
    return [s.milestone, s.review, s.reviewer, format_date(s.on), format_date(s.actual), e.title, format_date(e.on),
            e.path, e.link, e.sha256]


def challenge_rows(plan: PlanFile) -> list[list[str]]:
    return [challenge_cells(c) for c in list_challenges(plan)]


def signoff_rows(plan: PlanFile) -> list[list[str]]:
    return [signoff_cells(s) for s in list_signoffs(plan)]


@dataclass(frozen=True)
class ExportOnly:
    """A table the export writes that no import reads."""

    file_name: str
    columns: tuple[str, ...]
    rows: Callable[[PlanFile], Sequence[Sequence[str]]]


REVIEW_EXPORTS = (ExportOnly("challenges.csv", CHALLENGE_COLUMNS, challenge_rows),
                  ExportOnly("signoffs.csv", SIGNOFF_COLUMNS, signoff_rows))
