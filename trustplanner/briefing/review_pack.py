"""The review pack: an A4 document for a reviewer's report, laid out with the briefing's machinery.

Its sections talk to the same :class:`SectionWriter` as the briefing's, so the PDF
(:class:`ReviewPackDocument`, the briefing's page template: marking top and bottom, "Page x of y",
outline, metadata) and the Word copy (:class:`ReviewPackWordDocument`) say the same. A pack is
always a draft: "DRAFT" across every page, nothing recorded in the plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from trustplanner.briefing.docx_writer import BriefingWordDocument
from trustplanner.briefing.document import BriefingDocument
from trustplanner.briefing.review_pack_data import PACK_TITLE, ReviewPackData
from trustplanner.briefing.review_pack_lines import since_intro, since_lines
from trustplanner.briefing.sections import Cover, Section
from trustplanner.briefing.wording import NO_VALUE, count, long_date, uk_date
from trustplanner.briefing.writer import RIGHT, Cell, Column, SectionWriter, esc
from trustplanner.domain.review import SIGNED_OFF

#: how much of an evidence file's SHA-256 the pack prints: enough to tell two files apart by eye
SHA_SHOWN = 12


def pack_cover(data: ReviewPackData) -> Cover:
    h, review = data.header, data.review
    state = "Open" if review.is_open else f"Closed {uk_date(review.closed)}"
    return Cover(
        lines=(esc(h.council), esc(f"{review.role.label} review")),
        title=esc(f"{PACK_TITLE}: {review.name}"),
        rows=(
            ("Review", review.name, "Kind", review.kind.label),
            ("Reviewer", f"{review.reviewer} ({review.role.label.lower()})", "Opened", uk_date(review.opened)),
            ("Position as at", uk_date(h.as_of), "Review status", state),
            ("Trust", h.trust, "Go-live", uk_date(h.go_live)),
            ("Protective marking", h.marking, "Pack made", uk_date(data.made_on)),
            ("Version", "Draft (not recorded in the plan)", "", ""),
        ),
    )


def position_section(data: ReviewPackData, w: SectionWriter) -> None:
    w.badge("Overall status", data.overall)
    w.para(f"The programme's position as at {long_date(data.header.as_of)}, the date the review looks at, as the "
           "briefing sets each status.")
    columns = (Column("Area", 0.18), Column("Status", 0.2, rag=True), Column("Commentary", 0.62))
    # the Overall row's briefing commentary compares with the last briefing, which the pack does not
    rows = [(row.area, row.this_period, "" if row.area == "Overall" else row.commentary) for row in data.status]
    w.table_block("Status by area", "", w.table(columns, rows, word_rag=True), "")
    rules = [f"<b>{esc(row.area)}</b>: {esc(row.rule)}" for row in data.status if row.rule]
    if rules:
        w.note("How each status is set: " + "; ".join(rules) + ".")
    w.rag_key()


def since_section(data: ReviewPackData, w: SectionWriter) -> None:
    since = data.since
    w.para(esc(since_intro(since)))
    groups = since_lines(since)
    for heading, lines in groups:
        w.bullets(heading, [esc(line) for line in lines])
    if not groups:
        w.para("Nothing has moved since then, and no challenge is open.")


def signoffs_section(data: ReviewPackData, w: SectionWriter) -> None:
    w.para(f"The completed milestones {esc(data.review.reviewer)} accepted in this review, on the evidence "
           "referenced. A file's SHA-256 was recorded when it was signed off; a sign-off no longer stands when "
           "the milestone's actual date or the file has changed since.")
    columns = (Column("Milestone", 0.3, ref=True), Column("Actual", 0.13), Column("Signed off", 0.13),
               Column("Evidence", 0.3), Column("Standing", 0.14))
    rows = []
    for line in data.signoffs:
        evidence = line.evidence
        dated = f" ({uk_date(evidence.on)})" if evidence.on else ""
        standing = "Stands" if line.standing.status == SIGNED_OFF else "No longer stands"
        where = "; ".join(part for part in (evidence.where, evidence.sha256 and
                                            f"SHA-256 {evidence.sha256[:SHA_SHOWN]}") if part)
        rows.append((Cell(f"<b>{esc(line.ref)}</b> {esc(line.title)}"), uk_date(line.actual),
                     uk_date(line.signed_on), Cell(esc(evidence.title + dated), note=where),
                     Cell(esc(standing), note=line.standing.reason)))
    w.table_block("Sign-offs and their evidence", "", w.table(columns, rows) if rows else None,
                  "No milestone has been signed off in this review.")


def challenges_section(data: ReviewPackData, w: SectionWriter) -> None:
    closed = sum(1 for c in data.challenges if c.is_closed)
    w.para(f"{count(len(data.challenges), 'challenge').capitalize()} raised in this review, {closed} closed by the "
           "reviewer. The manager's response and any conditions are beneath each question.")
    columns = (Column("No.", 0.06, align=RIGHT), Column("On", 0.1, ref=True), Column("Question", 0.48),
               Column("Raised", 0.13), Column("Outcome", 0.23))
    rows = []
    for c in data.challenges:
        parts = [f"Response ({c.responded_by}, {uk_date(c.responded_on)}): {c.response.rstrip('.')}" if c.response
                 else "", f"Conditions: {c.conditions.rstrip('.')}" if c.conditions else ""]
        response = ". ".join(p for p in parts if p) + ("." if any(parts) else "")
        asked = " <i>(evidence asked for)</i>" if c.evidence_requested else ""
        outcome = c.outcome.label + (f", {uk_date(c.closed_on)}" if c.closed_on else "")
        rows.append((str(c.id), c.target, Cell(esc(c.question) + asked, note=response), uk_date(c.raised_on),
                     outcome))
    w.table_block("Each challenge, its response and its outcome", "", w.table(columns, rows) if rows else None,
                  "No challenge has been raised in this review.")


def recommendations_section(data: ReviewPackData, w: SectionWriter) -> None:
    """The hook for recommendations and their progress (issue 13 §2): the recommendations service
    fills ``data.recommendations`` and replaces this builder with its own table."""
    w.bullets("Recommendations", [esc(str(item)) for item in data.recommendations])


def risks_section(data: ReviewPackData, w: SectionWriter) -> None:
    if data.escalation_score is None:
        w.para("The plan has no risk register.")
        return
    columns = (Column("Ref", 0.1, ref=True), Column("Risk", 0.4), Column("Score", 0.08, align=RIGHT),
               Column("Owner", 0.18), Column("Escalated to", 0.24))
    rows = [(r.ref, r.title, str(r.current), r.owner or NO_VALUE,
             f"{r.escalated_to} ({uk_date(r.escalated_on)})" if r.escalated_to else "Not recorded")
            for r in data.escalated]
    w.table_block("Open risks at or above the escalation score",
                  f"Open risks scoring {data.escalation_score} or more as at {long_date(data.header.as_of)}.",
                  w.table(columns, rows) if rows else None, "No risk is at the escalation level.")


def decisions_section(data: ReviewPackData, w: SectionWriter) -> None:
    columns = (Column("Ref", 0.1, ref=True), Column("Decision", 0.42), Column("Forum", 0.18),
               Column("Needed by", 0.13), Column("Meeting", 0.17))
    rows = [(d.ref, d.title, d.forum, uk_date(d.needed_by), d.meeting or NO_VALUE) for d in data.decisions_awaited]
    w.table_block("Decisions needed and not yet made", "",
                  w.table(columns, rows) if rows else None, "No decision is awaited.")


PACK_SECTIONS: tuple[Section, ...] = (
    Section("Position at the review's date", position_section),
    Section("Since the last review", since_section),
    Section("Milestones signed off", signoffs_section),
    Section("Challenges and their outcomes", challenges_section),
    Section("Recommendations and their progress", recommendations_section,
            lambda data: bool(data.recommendations)),
    Section("Risks at escalation level", risks_section),
    Section("Decisions awaited", decisions_section),
)


class ReviewPackDocument(BriefingDocument):
    running_title = PACK_TITLE

    def __init__(self, data: ReviewPackData, sections: Sequence[Section] = PACK_SECTIONS, *,
                 deterministic: bool = False):
        super().__init__(data, sections, deterministic=deterministic)  # type: ignore[arg-type]

    def cover(self) -> Cover:
        return pack_cover(self.data)


class ReviewPackWordDocument(BriefingWordDocument):
    running_title = PACK_TITLE
    comments = "Written by TrustPlanner: a working copy of the review pack, not recorded in the plan."

    def __init__(self, data: ReviewPackData, sections: Sequence[Section] = PACK_SECTIONS):
        super().__init__(data, sections)  # type: ignore[arg-type]

    def cover(self) -> Cover:
        return pack_cover(self.data)


def render_review_pack(data: ReviewPackData, target: str | Path | BinaryIO, *, deterministic: bool = False) -> int:
    """The pack as a PDF; returns the page count."""
    return ReviewPackDocument(data, deterministic=deterministic).render(target)


def render_review_pack_docx(data: ReviewPackData, target: str | Path | BinaryIO) -> None:
    ReviewPackWordDocument(data).render(target)
