"""The milestones section: completed, overdue, due next, slipped, and the knock-on of slippage."""

from __future__ import annotations

from collections.abc import Sequence

from trustplanner.briefing.appendix import appendix_of
from trustplanner.briefing.writer import RIGHT, Cell, Column, SectionWriter, TableSpec, esc
from trustplanner.briefing.data import BriefingData, CriticalPathLine, KnockOnLine, MilestoneRow
from trustplanner.briefing.wording import count, long_date, next_meeting_words, uk_date, working_days
from trustplanner.domain.windows import BRIEFING_DUE_DAYS, FIRST_BRIEFING_COMPLETED_DAYS

REF = Column("Ref", 0.15, ref=True)  # 11 characters on one line; TUPE-REP-20170401 breaks after REP-
TITLE = Column("Milestone", 0.245)
OWNER = Column("Workstream / owner", 0.175)  # fits "Communications" at 9 pt
BASELINE = Column("Baseline", 0.125)  # a 9-point date on one line
FORECAST = Column("Forecast", 0.125)
ACTUAL = Column("Actual", 0.125)
DAYS_OVERDUE = Column("Days overdue", 0.105, align=RIGHT)
SLIP = Column("Slip (days)", 0.105, align=RIGHT)
RAG = Column("RAG", 0.07, rag=True)
SPARE = DAYS_OVERDUE.fraction  # tables without a days column give the title that width

def milestones_section(data: BriefingData, w: SectionWriter) -> None:
    section = data.milestones
    as_of = long_date(data.header.as_of)
    if not section.total:
        w.para("The plan has no milestones yet.")
        return
    open_count = section.total - section.complete
    w.para(
        f"The plan has {count(section.total, 'milestone')}: {section.complete} complete and "
        f"{open_count} open. The tables below show the position as at {as_of}."
    )
    w.para(
        "RAG status: <b>C</b> complete; <b>G</b> green, on track; <b>A</b> amber, slipped "
        f"within the tolerance of {working_days(data.tolerance_days)} or at risk; <b>R</b> red, "
        "slipped beyond tolerance, overdue or blocked. Dates are forecasts unless marked actual. "
        "Where a milestone's reported status is better than its dates show, the table shows the "
        "dates' status and notes the reported one."
    )
    tables = _Tables(w)
    heading = "Overdue milestones"
    w.table_block(
        heading,
        "Open milestones whose forecast date has passed, with the recovery action recorded. "
        "Days are working days, excluding weekends and bank holidays.",
        tables.overdue(heading, section.overdue),
        "No milestones are overdue.",
    )
    until = section.next_meeting_until or section.due_until
    heading = "Due before the next meeting"
    w.table_block(
        heading,
        f"Open milestones forecast from {as_of} up to {next_meeting_words(until, data.header.next_meeting_assumed)}; "
        f"Appendix {_appendix_letter(data)} lists everything due in the next {BRIEFING_DUE_DAYS} days and what was "
        "completed. A milestone's commentary is printed in the first table that lists it.",
        tables.due_next(heading, section.before_next_meeting),
        "No milestones are due before the next meeting.",
    )
    heading = "Slipped against baseline"
    w.table_block(
        heading,
        "Open milestones forecast later than their agreed baseline, largest slip first. "
        "Slip is in working days.",
        tables.slipped(heading, section.slipped),
        "No open milestones have slipped against their baseline.",
    )
    knock_intro = (
        "A milestone cannot finish before one it depends on, so slippage pushes its dependants. "
        "These are the dates they move to, in working days later; the plan has not yet been "
        "changed to show them."
    )
    w.table_block(
        "Knock-on of slippage",
        esc(section.knock_on_note) if section.knock_on_note else knock_intro,
        tables.knock_on(section.knock_ons),
        "Slippage does not push any dependent milestone later."
        if not section.knock_on_note else "Knock-on has not been calculated.",
    )
    for path in section.critical_paths:
        w.table_block(
            f"Critical path to go-live ({path.target})",
            "The open milestones that drive the go-live date: at each step, the predecessor that "
            "finishes last. Float is the working days to the next step; 0 means any slip there "
            "moves go-live.",
            tables.critical_path(path.steps),
            "",
        )


def _appendix_letter(data: BriefingData) -> str:
    return appendix_of(data, milestones_in_full)


def applies_in_full(data: BriefingData) -> bool:
    return bool(data.milestones.total)


def milestones_in_full(data: BriefingData, w: SectionWriter) -> None:
    """The appendix: the full lists the body leaves out (completed, and everything due in 90 days)."""
    section = data.milestones
    as_of = long_date(data.header.as_of)
    tables = _Tables(w)
    if section.since_last_briefing:
        heading = "Completed since the last briefing"
        intro = (f"Milestones completed after {long_date(section.completed_since)}, the position "
                 f"reported to the last briefing, up to {as_of}.")
        empty = "No milestones have been completed since the last briefing."
    else:
        heading = f"Completed in the last {FIRST_BRIEFING_COMPLETED_DAYS} days"
        intro = (f"This is the first briefing from this plan, so it lists milestones completed "
                 f"after {long_date(section.completed_since)} up to {as_of}.")
        empty = f"No milestones were completed in the last {FIRST_BRIEFING_COMPLETED_DAYS} days."
    w.table_block(heading, intro, tables.completed(heading, section.completed), empty)
    heading = f"Due in the next {BRIEFING_DUE_DAYS} days"
    w.table_block(
        heading,
        f"Open milestones forecast from {as_of} to {long_date(section.due_until)}. "
        "A milestone's commentary is printed in the first table that lists it.",
        tables.due_next(heading, section.due_next),
        f"No milestones are due in the next {BRIEFING_DUE_DAYS} days.",
    )


class _Tables:
    """Builds the milestone tables, printing each milestone's commentary only once: later
    tables point back to the first one that showed it."""

    def __init__(self, writer: SectionWriter):
        self.writer = writer
        self.shown: dict[str, str] = {}

    def _title(self, line: MilestoneRow, table: str, extra: str = "") -> Cell:
        extra = f"{extra} {line.reported_note}".strip()  # the RAG cell is the dates'; say what was reported
        note = line.commentary.strip()
        # the statutory deadline it meets, under the title (that deadline has no row of its own)
        title = esc(line.title) + (f"<br/>{esc(line.deadline_note)}" if line.deadline_note else "")
        if line.ref in self.shown and (note or extra):
            pointer = f"See the commentary under “{self.shown[line.ref]}”."
            return Cell(title, f"{extra} {pointer}" if extra else pointer)
        if note or extra:
            self.shown[line.ref] = table
            return Cell(title, f"{extra} {note}".strip())
        if line.rag.needs_commentary:
            return Cell(title, "No commentary recorded.")
        return Cell(title)

    def _owner(self, line: MilestoneRow) -> Cell:
        return Cell(esc(line.workstream), line.owner.strip())

    def _table(self, columns: Sequence[Column], rows: list) -> TableSpec | None:
        return self.writer.table(columns, rows) if rows else None

    def completed(self, heading: str, lines: Sequence[MilestoneRow]) -> TableSpec | None:
        title = Column("Milestone", TITLE.fraction + SPARE)
        rows = []
        for line in lines:
            late = f"Completed {working_days(line.slippage_days)} after baseline." if line.slippage_days > 0 else ""
            rows.append((line.ref, self._title(line, heading, late), self._owner(line),
                         uk_date(line.baseline), uk_date(line.actual), line.rag))
        return self._table((REF, title, OWNER, BASELINE, ACTUAL, RAG), rows)

    def overdue(self, heading: str, lines: Sequence[MilestoneRow]) -> TableSpec | None:
        rows = [
            (line.ref, self._title(line, heading), self._owner(line), uk_date(line.baseline),
             uk_date(line.forecast), str(line.overdue_days), line.rag)
            for line in lines
        ]
        return self._table((REF, TITLE, OWNER, BASELINE, FORECAST, DAYS_OVERDUE, RAG), rows)

    def due_next(self, heading: str, lines: Sequence[MilestoneRow]) -> TableSpec | None:
        title = Column("Milestone", TITLE.fraction + SPARE)
        rows = [
            (line.ref, self._title(line, heading), self._owner(line), uk_date(line.baseline),
             uk_date(line.forecast), line.rag)
            for line in lines
        ]
        return self._table((REF, title, OWNER, BASELINE, FORECAST, RAG), rows)

    def slipped(self, heading: str, lines: Sequence[MilestoneRow]) -> TableSpec | None:
        rows = [
            (line.ref, self._title(line, heading), self._owner(line), uk_date(line.baseline),
             uk_date(line.forecast), str(line.slippage_days), line.rag)
            for line in lines
        ]
        return self._table((REF, TITLE, OWNER, BASELINE, FORECAST, SLIP, RAG), rows)

    def critical_path(self, steps: Sequence[CriticalPathLine]) -> TableSpec | None:
        columns = (REF, Column("Milestone", 0.525), Column("Forecast", 0.125),
                   Column("Float (days)", 0.125, align=RIGHT), RAG)
        rows = [(step.ref, step.title, uk_date(step.date), str(step.float_days), step.rag) for step in steps]
        return self._table(columns, rows)

    def knock_on(self, lines: Sequence[KnockOnLine]) -> TableSpec | None:
        columns = (
            REF,
            Column("Dependent milestone", 0.26),
            Column("Forecast", 0.125),
            Column("Pushed to", 0.125),
            Column("Days later", 0.105, align=RIGHT),
            Column("Pushed by", 0.22),
        )
        rows = []
        for line in lines:
            cause = line.caused_by if line.root == line.caused_by else f"{line.caused_by} (slippage in {line.root})"
            rows.append((line.ref, line.title, uk_date(line.forecast), uk_date(line.pushed_to),
                         str(line.working_days), cause))
        return self._table(columns, rows)
