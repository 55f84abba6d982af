"""The sections officers write by hand (domain.report): printed where a council report carries them,
only when written; a required one left empty is named on the first page, never silently dropped."""

from __future__ import annotations

from trustplanner.briefing.data import BriefingData
from trustplanner.briefing.writer import SectionWriter, esc
from trustplanner.domain.report import officer_section

IMPLICATIONS = ("financial", "legal", "hr", "equality", "risk", "data_protection", "corporate_parenting")


def _paragraphs(text: str) -> list[str]:
    """The officer's text as they typed it: a blank line starts a new paragraph, a line break stays."""
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n")]
    return [esc(block).replace("\n", "<br/>") for block in blocks if block]


def written(key: str):  # noqa: ANN201 - a Section's "applies"
    return lambda data: bool(data.report.text(key))


def text_section(key: str):  # noqa: ANN201 - a Section's "build"
    def build(data: BriefingData, w: SectionWriter) -> None:
        for markup in _paragraphs(data.report.text(key)):
            w.para(markup)
    return build


def applies_implications(data: BriefingData) -> bool:
    return any(data.report.text(key) for key in IMPLICATIONS)


def implications_section(data: BriefingData, w: SectionWriter) -> None:
    for key in IMPLICATIONS:
        paragraphs = _paragraphs(data.report.text(key))
        if not paragraphs:
            continue
        title = officer_section(key).title
        w.para(f"<b>{esc(title)}.</b> {paragraphs[0]}")
        for markup in paragraphs[1:]:
            w.para(markup)


def missing_note(data: BriefingData) -> str:
    """In a draft, the sentence that names the required sections not yet written (so none is
    dropped unnoticed); empty when none is missing, and in an issued briefing (whoever issued it
    was told which were missing when they issued it)."""
    missing = data.report.missing()
    if not missing or not data.draft:
        return ""
    return f"<b>To be written before this report is issued:</b> {esc('; '.join(s.title for s in missing))}."
