"""Where a section's appendix is: the letter a body paragraph cites ("Appendix B gives ...")."""

from __future__ import annotations

from collections.abc import Callable

from trustplanner.briefing.data import BriefingData
from trustplanner.briefing.writer import SectionWriter


def appendix_of(data: BriefingData, build: Callable[[BriefingData, SectionWriter], None]) -> str:
    """The letter of the appendix ``build`` writes for ``data``, or "" when it does not apply."""
    from trustplanner.briefing.sections import numbered  # the sections list imports the section modules

    return next((str(label) for label, section in numbered(data) if section.build is build), "")
