"""The briefing's sections, in order, as a list of builders.

Each :class:`Section` says whether it applies to the data and writes itself through a
:class:`SectionWriter` (the PDF's or the Word document's), which numbers it. Workforce, Finance, Risks and Decisions join later as
new entries in :data:`SECTIONS` whose ``applies`` checks their own part of the data; no other
section changes and no empty placeholder is printed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from trustplanner.briefing.changes_section import applies_changes, changes_section
from trustplanner.briefing.data import BriefingData
from trustplanner.briefing.glossary import glossary_section
from trustplanner.briefing.report_sections import (
    applies_implications,
    implications_section,
    missing_note,
    text_section,
    written,
)
from trustplanner.briefing.finance_section import finance_section, finance_tables
from trustplanner.briefing.milestone_section import applies_in_full, milestones_in_full, milestones_section
from trustplanner.briefing.register_section import (
    applies_appendix,
    applies_decisions,
    applies_risks,
    decisions_section,
    exempt_appendix,
    risks_section,
    top_risks_block,
)
from trustplanner.briefing.wording import NO_VALUE, count, long_date, uk_date
from trustplanner.briefing.workforce_section import workforce_section, workforce_tables
from trustplanner.briefing.writer import Column, SectionWriter, esc
from trustplanner.domain.enums import Stage
from trustplanner.domain.windows import BRIEFING_DUE_DAYS


@dataclass(frozen=True)
class Section:
    title: str
    build: Callable[[BriefingData, SectionWriter], None]
    applies: Callable[[BriefingData], bool] = lambda data: True
    #: lettered (Appendix A, B, ...) after the numbered body, and listed in the cover
    appendix: bool = False


@dataclass(frozen=True)
class Cover:
    """The cover details a cabinet report opens with: lines above the title (markup), the title
    (markup) and rows of two key and value pairs (plain text)."""

    lines: tuple[str, ...]
    title: str
    rows: tuple[tuple[str, str, str, str], ...]


def cover(data: BriefingData) -> Cover:
    h = data.header
    report = data.report
    asked = data.register is not None and data.register.asks_key_decision
    key_decision = "Yes" if report.key_decision or asked else "No"
    if key_decision == "Yes" and report.forward_plan_ref:
        key_decision += f" (forward plan {report.forward_plan_ref})"
    access = f"Exempt: Schedule 12A, paragraph {report.exempt_paragraph}" if report.exempt else "Public"

    def given(*parts: str) -> str:
        return ", ".join(p for p in parts if p.strip()) or NO_VALUE

    return Cover(
        lines=(esc(h.council), f"Report to {esc(h.meeting_name)}"),
        title=esc(h.title),
        rows=(
            ("Meeting", h.meeting_name, "Date of meeting", uk_date(h.meeting)),
            ("Report of", h.report_of, "Position as at", uk_date(h.as_of)),
            ("Cabinet member", given(h.cabinet_member, h.portfolio), "Wards affected", given(h.wards)),
            ("Author", given(h.author, h.contact), "Key decision", key_decision),
            ("Trust", h.trust, "Delivery model", h.delivery_model),
            ("Shadow operation", uk_date(h.shadow_start), "Go-live", uk_date(h.go_live)),
            ("Protective marking", h.marking, "Public or exempt", access),
            ("Call-in", "Subject to call-in" if report.call_in else "Not subject to call-in",
             "Version", f"{data.version}" if data.version else "Draft"),
            ("Report date", uk_date(h.report_date),
             "Next meeting", uk_date(h.next_meeting) + (" (taken as six weeks on)" if h.next_meeting_assumed else "")),
            ("Appendices", "; ".join(appendices(data)) or NO_VALUE, "", ""),
        ),
    )


def numbered(data: BriefingData, sections: Sequence[Section] | None = None) -> list[tuple[int | str, Section]]:
    """The sections that apply to ``data``, with the numbers they print under: 1, 2, ... for the
    body, then A, B, ... for the appendices."""
    applying = [section for section in (SECTIONS if sections is None else sections) if section.applies(data)]
    body = [s for s in applying if not s.appendix]
    appendices = [s for s in applying if s.appendix]
    return [*enumerate(body, start=1), *((chr(ord("A") + i), s) for i, s in enumerate(appendices))]


def appendices(data: BriefingData) -> list[str]:
    """"A Glossary", ...: the appendices, as page one lists them."""
    return [f"{label} {section.title}" for label, section in numbered(data) if isinstance(label, str)]


def purpose(data: BriefingData, w: SectionWriter) -> None:
    h = data.header
    if note := missing_note(data):
        w.para(note)
    w.para(
        f"To update {esc(h.meeting_name)} on the move of children's services from "
        f"{esc(h.council)} to {esc(h.trust)}, ahead of go-live on {long_date(h.go_live)}."
    )
    w.para(
        f"The report gives the position as at {long_date(h.as_of)}: the overall status of the "
        "programme, the stage each service has reached, and the milestones completed, overdue, "
        f"due in the next {BRIEFING_DUE_DAYS} days and slipped against their agreed baseline."
    )


def recommendations(data: BriefingData, w: SectionWriter) -> None:
    w.para(f"{esc(data.header.meeting_name)} is recommended to:")
    for index, text in enumerate(data.recommendations):
        w.item(esc(text), f"({chr(ord('a') + index)})")


def executive_summary(data: BriefingData, w: SectionWriter) -> None:
    w.badge("Overall status", data.overall)
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
        f"Last period is the status reported in the briefing as at {long_date(data.last_briefing_as_of)}; "
        "trend: ↑ better, ↓ worse, → the same."
        if data.last_briefing_as_of
        else "This is the first briefing from this plan, so there is no last period to show (—)."
    )
    w.table_block(
        "Status this period against last period",
        last,
        w.table(columns, rows, word_rag=True),
        "",
    )
    rules = [f"<b>{esc(row.area)}</b>: {esc(row.rule)}" for row in data.status if row.rule]
    if rules:
        w.note("How each status is set: " + "; ".join(rules) + ".")
    w.rag_key()
    top_risks_block(data, w)


def services_and_stages(data: BriefingData, w: SectionWriter) -> None:
    as_of = long_date(data.header.as_of)
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
        Column(f"Stage on {uk_date(data.header.as_of)}", 0.24),
    )
    rows = [
        (line.name, "—" if line.retained else uk_date(line.shadow),
         "—" if line.retained else uk_date(line.go_live), line.stage.label)
        for line in data.services
    ]
    w.table_block("Services by stage", "", w.table(columns, rows), "")


SECTIONS: tuple[Section, ...] = (
    # page one gives the position first: status with trend and why, go-live, top risks; then what is asked
    Section("Purpose of the report", purpose),
    Section("Executive summary", executive_summary),
    Section("Recommendations", recommendations, lambda data: bool(data.recommendations)),
    Section("Reasons for the recommendations", text_section("reasons"), written("reasons")),
    Section("Alternative options considered", text_section("options"), written("options")),
    Section("Changes since the last briefing", changes_section, applies_changes),
    Section("Services and stages", services_and_stages),
    Section("Milestones", milestones_section),
    Section("Workforce and TUPE", workforce_section, lambda data: data.workforce is not None),
    Section("Budget handover and savings", finance_section, lambda data: data.finance is not None),
    Section("Risks", risks_section, applies_risks),
    Section("Decisions", decisions_section, applies_decisions),
    Section("Implications", implications_section, applies_implications),
    Section("Consultation", text_section("consultation"), written("consultation")),
    Section("Background papers", text_section("background"), written("background")),
    Section("Milestones in full", milestones_in_full, applies_in_full, appendix=True),
    Section("Workforce and TUPE tables", workforce_tables, lambda data: data.workforce is not None, appendix=True),
    Section("Finance tables", finance_tables, lambda data: data.finance is not None, appendix=True),
    Section("Exempt information (not for publication)", exempt_appendix, applies_appendix, appendix=True),
    Section("Glossary", glossary_section, appendix=True),
)
