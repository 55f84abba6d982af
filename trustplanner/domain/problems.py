"""Problems found in input or in a plan, phrased so a user can find and fix them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong. ``row`` is the row number a spreadsheet shows (header is row 1)."""

    source: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.source if self.row is None else f"{self.source}:{self.row}"
        return f"{where}: {self.column}: {self.message}" if self.column else f"{where}: {self.message}"


@dataclass(frozen=True)
class Breach:
    """One rule a record breaks: the column to fix and what is wrong with it.

    The domain's rule modules return these; the import turns each into a Problem at FILE:ROW,
    an edit into one labelled with the record it changes.
    """

    column: str
    message: str


def too_long(limit: int) -> str:
    """The words for a text longer than its column allows, in a file or in the app."""
    return f"is longer than {limit} characters"


class TrustPlannerError(Exception):
    """Base for errors whose message is fit to show a user as it is."""


class ValidationFailed(TrustPlannerError):
    """Input was rejected; nothing was changed. ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.source, p.row or 0, p.column or "", p.message))
        super().__init__("\n".join(str(p) for p in self.problems))


class PlanFileError(TrustPlannerError):
    """A plan file cannot be created or opened; the message says why in one line."""


class NotFound(TrustPlannerError):
    pass
