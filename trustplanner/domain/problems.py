"""Problems found in input or in a plan, phrased so a user can find and fix them."""

from __future__ import annotations

from dataclasses import dataclass, field

#: column ids as the app and its messages say them; a file's problems keep the file's own header
COLUMN_WORDS = {
    "depends_on": "depends on", "go_live": "go-live", "shadow": "shadow start", "decision": "decision date",
    "status_date": "status date", "tupe_notice_days": "TUPE notice", "rag": "RAG", "fte": "FTE",
    "annual_cost": "annual cost", "cost_centre": "cost centre", "title": "milestone", "tolerance": "tolerance",
}


def column_words(column: str) -> str:
    """``depends_on`` as a person reads it: ``depends on``."""
    return COLUMN_WORDS.get(column, column.replace("_", " "))


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong. ``row`` is the row number a spreadsheet shows (header is row 1).

    ``column`` is the column id code compares with; ``heading`` how it is shown (None: as ``column``,
    which for a file is the header the file has). Problems from an edit are made by :meth:`of_edit`.
    """

    source: str
    row: int | None
    column: str | None
    message: str
    heading: str | None = field(default=None, compare=False)

    @classmethod
    def of_edit(cls, source: str, column: str | None, message: str) -> Problem:
        """A problem with something typed in the app or given on the command line: the column in words."""
        return cls(source, None, column, message, column_words(column) if column else None)

    @property
    def shown_column(self) -> str | None:
        return self.heading or self.column

    def __str__(self) -> str:
        where = self.source if self.row is None else f"{self.source}:{self.row}"
        shown = self.shown_column
        return f"{where}: {shown}: {self.message}" if shown else f"{where}: {self.message}"


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
