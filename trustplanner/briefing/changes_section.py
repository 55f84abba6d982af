"""The "Changes since the last briefing" section: the one list of what moved (briefing.change_lines),
grouped as the reader asks, from the frozen figures of the briefing compared with."""

from __future__ import annotations

from trustplanner.briefing.change_lines import change_lines, summary_sentence
from trustplanner.briefing.data import BriefingData
from trustplanner.briefing.wording import long_date
from trustplanner.briefing.writer import SectionWriter, esc


def applies_changes(data: BriefingData) -> bool:
    return data.changes is not None


def changes_section(data: BriefingData, w: SectionWriter) -> None:
    changes = data.changes
    assert changes is not None
    w.para(f"This section compares the position as at {long_date(data.header.as_of)} with the briefing issued "
           f"for the meeting of {long_date(changes.since.meeting)} (position as at {long_date(changes.since.as_of)}), "
           "from the figures that briefing printed.")
    w.para(esc(summary_sentence(changes)))
    for heading, lines in change_lines(changes):
        w.bullets(heading, [esc(line) for line in lines])
