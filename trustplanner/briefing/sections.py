"""The briefing's sections, in order, as a list of builders.

Each :class:`Section` says whether it applies to the data and adds its own flowables through a
:class:`SectionWriter`, which numbers it. Workforce, Finance, Risks and Decisions join later as
new entries in :data:`SECTIONS` whose ``applies`` checks their own part of the data; no other
section changes and no empty placeholder is printed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.styles import StyleSheet1
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from trustplanner.briefing.blocks import (
    CELL_HEIGHT,
    Column,
    SectionWriter,
    data_table,
    esc,
    fit_cell,
)
from trustplanner.briefing.changes_section import applies_changes, changes_section
from trustplanner.briefing.data import BriefingData
from trustplanner.briefing.finance_section import finance_section
from trustplanner.briefing.milestone_section import milestones_section
from trustplanner.briefing.print_text import TextParagraph as Paragraph
from trustplanner.briefing.register_section import (
    applies_appendix,
    applies_decisions,
    applies_risks,
    decisions_section,
    exempt_appendix,
    risks_section,
    top_risks_block,
)
from trustplanner.briefing.styles import (
    BAND_FILL,
    HEADING,
    RAG_BADGE_STYLE,
    RAG_STRONG,
    RULE,
)
from trustplanner.briefing.wording import count, rag_phrase, uk_date
from trustplanner.briefing.workforce_section import workforce_section
from trustplanner.domain.enums import Stage
from trustplanner.domain.windows import BRIEFING_DUE_DAYS


@dataclass(frozen=True)
class Section:
    title: str
    build: Callable[[BriefingData, SectionWriter], None]
    applies: Callable[[BriefingData], bool] = lambda data: True


def header_block(data: BriefingData, styles: StyleSheet1, width: float) -> list[Flowable]:
    """The cover details a cabinet report opens with."""
    h = data.header

    widths = [w * width for w in (0.22, 0.31, 0.19, 0.28)]
    key_decision = "Yes" if data.register is not None and data.register.asks_key_decision else "No"

    def pair(key: str, value: str, column: int = 0) -> list[object]:
        value_width = widths[column + 1] - 12  # the cells' padding
        return [Paragraph(esc(key), styles["HeaderKey"]),
                fit_cell(Paragraph(esc(value), styles["HeaderValue"]), value_width, CELL_HEIGHT / 6)]

    rows = [
        pair("Meeting", h.meeting_name) + pair("Date of meeting", uk_date(h.meeting), 2),
        pair("Report of", h.report_of) + pair("Position as at", uk_date(h.as_of), 2),
        pair("Trust", h.trust) + pair("Delivery model", h.delivery_model, 2),
        pair("Shadow operation", uk_date(h.shadow_start)) + pair("Go-live", uk_date(h.go_live), 2),
        pair("Protective marking", h.marking) + pair("Key decision", key_decision, 2),
    ]
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), BAND_FILL),
        ("LINEABOVE", (0, 0), (-1, 0), 1.2, HEADING),
        ("LINEBELOW", (0, -1), (-1, -1), 0.6, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
    ]))
    return [
        Paragraph(esc(h.council), styles["Council"]),
        Paragraph(f"Report to {esc(h.meeting_name)}", styles["Council"]),
        Paragraph(esc(h.title), styles["Title"]),
        table,
        Spacer(1, 6),
    ]


def purpose(data: BriefingData, w: SectionWriter) -> None:
    h = data.header
    w.para(
        f"To update {esc(h.meeting_name)} on the move of children's services from "
        f"{esc(h.council)} to {esc(h.trust)}, ahead of go-live on {uk_date(h.go_live)}."
    )
    w.para(
        f"The report gives the position as at {uk_date(h.as_of)}: the overall status of the "
        "programme, the stage each service has reached, and the milestones completed, overdue, "
        f"due in the next {BRIEFING_DUE_DAYS} days and slipped against their agreed baseline."
    )


def recommendations(data: BriefingData, w: SectionWriter) -> None:
    w.para(f"{esc(data.header.meeting_name)} is recommended to:")
    for index, text in enumerate(data.recommendations):
        w.item(esc(text), f"({chr(ord('a') + index)})")


def executive_summary(data: BriefingData, w: SectionWriter) -> None:
    w.add(_overall_badge(data, w.styles, w.width), Spacer(1, 8))
    for text in data.summary:
        w.para(esc(text))
    columns = (
        Column("Area", 0.15),
        Column("This period", 0.17, rag=True),
        Column("Last period", 0.17, rag=True),
        Column("Trend", 0.08),
        Column("Commentary", 0.43),
    )
    rows = [(row.area, row.this_period, row.last_period, row.trend or "—", row.commentary) for row in data.status]
    last = (
        f"Last period is the status reported in the briefing as at {uk_date(data.last_briefing_as_of)}; "
        "trend: ↑ better, ↓ worse, → the same."
        if data.last_briefing_as_of
        else "This is the first briefing from this plan, so there is no last period to show (—)."
    )
    w.table_block(
        "Status this period against last period",
        last,
        data_table(columns, rows, w.styles, w.width, word_rag=True),
        "",
    )
    top_risks_block(data, w)


def _overall_badge(data: BriefingData, styles: StyleSheet1, width: float) -> Table:
    """Overall status as a word, a colour and a letter, so it reads printed in greyscale."""
    badge = Table(
        [[Paragraph("Overall status", styles["BadgeLabel"]),
          Paragraph(rag_phrase(data.overall), styles[RAG_BADGE_STYLE[data.overall]])]],
        colWidths=[0.22 * width, 0.2 * width],
        hAlign="LEFT",
    )
    badge.setStyle(TableStyle([
        ("BACKGROUND", (1, 0), (1, 0), RAG_STRONG[data.overall]),
        ("BOX", (0, 0), (-1, -1), 0.8, HEADING),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
    ]))
    return badge


def services_and_stages(data: BriefingData, w: SectionWriter) -> None:
    as_of = uk_date(data.header.as_of)
    if not data.services:
        w.para(
            "The plan does not list services separately: every transferring service follows the "
            f"programme dates, so on {as_of} all of them are in the "
            f"<b>{esc(data.programme_stage.label.lower())}</b> stage."
        )
        return
    by_stage = {stage: sum(1 for s in data.services if s.stage is stage) for stage in Stage}
    phrases = {
        Stage.INDEPENDENT: "operating independently in the trust",
        Stage.SHADOW: "running in shadow form",
        Stage.COUNCIL: "still run by the council ahead of shadow operation",
        Stage.RETAINED: "retained by the council and will not transfer",
    }
    parts = [
        f"{by_stage[stage]} {'is' if by_stage[stage] == 1 else 'are'} {phrase}"
        for stage, phrase in phrases.items() if by_stage[stage]
    ]
    listed = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
    if len(data.services) == 1:
        w.para(f"On {as_of} the one service in the plan is {phrases[data.services[0].stage]}.")
    else:
        w.para(f"On {as_of}, of the {count(len(data.services), 'service')} in the plan, {listed}.")
    columns = (
        Column("Service", 0.46),
        Column("Shadow from", 0.15),
        Column("Go-live", 0.15),
        Column(f"Stage on {as_of}", 0.24),
    )
    rows = [
        (line.name, "—" if line.retained else uk_date(line.shadow),
         "—" if line.retained else uk_date(line.go_live), line.stage.label)
        for line in data.services
    ]
    w.table_block("Services by stage", "", data_table(columns, rows, w.styles, w.width), "")


SECTIONS: tuple[Section, ...] = (
    Section("Purpose of the report", purpose),
    Section("Recommendations", recommendations, lambda data: bool(data.recommendations)),
    Section("Executive summary", executive_summary),
    Section("Changes since the last briefing", changes_section, applies_changes),
    Section("Services and stages", services_and_stages),
    Section("Milestones", milestones_section),
    Section("Workforce and TUPE", workforce_section, lambda data: data.workforce is not None),
    Section("Budget handover and savings", finance_section, lambda data: data.finance is not None),
    Section("Risks", risks_section, applies_risks),
    Section("Decisions", decisions_section, applies_decisions),
    Section("Exempt appendix", exempt_appendix, applies_appendix),
)
