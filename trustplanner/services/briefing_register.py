"""The register of issued briefings: each kept whole in the plan (PDF bytes, SHA-256, version per
meeting, who and when, the figures it printed), listed, found by number or date, verified
byte for byte, and compared (docs/design/0013)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select

from trustplanner.domain.briefing_changes import BriefingChanges, changes_between
from trustplanner.domain.briefing_figures import BriefingFigures
from trustplanner.domain.enums import Rag
from trustplanner.domain.problems import NotFound, TrustPlannerError
from trustplanner.io.values import read_typed_date
from trustplanner.store.plan_file import PlanFile
from trustplanner.store.tables import BriefingFileRow, BriefingRow


@dataclass(frozen=True)
class BriefingRecord:
    """A briefing issued earlier, as the plan keeps it. ``number`` orders the register (1 is the first
    issued from the plan); ``version`` counts issues for one meeting."""

    id: int
    produced_at: datetime
    as_of: date
    meeting: date
    marking: str
    path: Path
    overall: Rag
    milestones: Rag
    version: int = 1
    issued_by: str = ""
    sha256: str | None = None
    figures_json: str | None = None
    number: int = 0

    @property
    def file_exists(self) -> bool:
        return self.path.is_file()

    @property
    def kept(self) -> bool:
        """Whether the plan holds the PDF itself (briefings issued before revision 0009 do not)."""
        return self.sha256 is not None

    @property
    def figures(self) -> BriefingFigures:
        if self.figures_json:
            try:
                return BriefingFigures.from_json(self.figures_json)
            except (ValueError, KeyError, TypeError):
                pass  # unreadable: fall back to the two statuses every record has
        return BriefingFigures.headline_only(self.as_of, self.meeting, self.overall, self.milestones)

    @property
    def label(self) -> str:
        return f"#{self.number} (meeting {self.meeting:%d/%m/%Y}, version {self.version})"



def next_version(plan: PlanFile, meeting: date) -> int:
    with plan.reading() as session:
        return next_version_in(session, meeting)


def next_version_in(session, meeting: date) -> int:  # noqa: ANN001
    latest = session.scalar(select(func.max(BriefingRow.version)).where(BriefingRow.meeting == meeting))
    return (latest or 0) + 1



def list_briefings(plan: PlanFile) -> list[BriefingRecord]:
    """Briefings issued from this plan, most recently issued first."""
    return list(reversed(_register(plan)))


def _register(plan: PlanFile) -> list[BriefingRecord]:
    """The register oldest first, numbered 1, 2, ... in the order issued."""
    with plan.reading() as session:
        rows = session.scalars(select(BriefingRow).order_by(BriefingRow.produced_at, BriefingRow.id))
        return [_record(row, number) for number, row in enumerate(rows, start=1)]


def last_briefing_before(plan: PlanFile, as_of: date) -> BriefingRecord | None:
    """The briefing a new one as at ``as_of`` compares with: the latest issued with an earlier position."""
    earlier = [r for r in _register(plan) if r.as_of < as_of]
    return max(earlier, key=lambda r: (r.as_of, r.produced_at, r.id), default=None)


def find_briefing(plan: PlanFile, which: str) -> BriefingRecord:
    """An issued briefing named as the register numbers it ("3" or "#3") or by a position date
    (the latest issued with its position on or before that date)."""
    register = _register(plan)
    if not register:
        raise NotFound("no briefing has been issued from this plan yet")
    text = which.strip().lstrip("#")
    if text.isdigit() and len(text) < 5:
        number = int(text)
        if not 1 <= number <= len(register):
            raise NotFound(f"there is no briefing #{number}; the register has #1 to #{len(register)}")
        return register[number - 1]
    try:
        day = read_typed_date(which)
    except ValueError:
        raise NotFound(f"'{which[:40]}' is neither a briefing number (#1 to #{len(register)}) nor a date") from None
    earlier = [r for r in register if r.as_of <= day]
    if not earlier:
        raise NotFound(f"no briefing was issued with its position on or before {day:%d/%m/%Y}")
    return max(earlier, key=lambda r: (r.as_of, r.produced_at, r.id))


def briefing_pdf(plan: PlanFile, record: BriefingRecord) -> bytes:
    """The PDF an issued briefing printed, from the plan itself."""
    with plan.reading() as session:
        content = session.scalar(select(BriefingFileRow.content).where(BriefingFileRow.briefing_id == record.id))
    if content is None:
        raise NotFound(f"briefing {record.label} was issued before the plan kept the PDF; look for it at "
                       f"{record.path}")
    return content


def verify_briefing(plan: PlanFile, pdf: Path) -> BriefingRecord | None:
    """The issued briefing whose PDF is exactly ``pdf`` (same bytes), or None."""
    try:
        digest = hashlib.sha256(Path(pdf).read_bytes()).hexdigest()
    except OSError as exc:
        raise TrustPlannerError(f"{pdf}: cannot be read ({exc.strerror or type(exc).__name__})") from None
    return next((r for r in _register(plan) if r.sha256 == digest), None)



def compare_briefings(older: BriefingRecord, newer: BriefingRecord) -> BriefingChanges:
    """What changed from one issued briefing to another, from their frozen figures."""
    if (newer.as_of, newer.produced_at) < (older.as_of, older.produced_at):
        older, newer = newer, older
    return changes_between(older.figures, newer.figures)


def _record(row: BriefingRow, number: int = 0) -> BriefingRecord:
    return BriefingRecord(row.id, row.produced_at, row.as_of, row.meeting, row.marking, Path(row.path),
                          row.overall_rag, row.milestones_rag, row.version, row.issued_by, row.sha256,
                          row.figures, number)


