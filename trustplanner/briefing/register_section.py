"""The risks and decisions sections, the top risks on page one and the exempt appendix.

They print only what the prepared :class:`RegisterBriefing` holds (``services.register_briefing``).
The heat map reads in greyscale: every cell carries its count and its band's letter, red cells
are hatched and amber cells dotted, and a legend says which is which.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Line, Rect
from reportlab.lib import colors

from trustplanner.briefing.chart_text import chart_label
from trustplanner.briefing.data import BriefingData
from trustplanner.briefing.register_data import DecisionLine, RegisterBriefing, RiskLine
from trustplanner.briefing.styles import HEADING, INK, MUTED, RAG_FILL, RULE, briefing_fonts
from trustplanner.briefing.wording import NO_VALUE, count, long_date, next_meeting_words, rag_phrase, rag_word, uk_date
from trustplanner.briefing.writer import RIGHT, Card, Cell, Column, Figure, SectionWriter, TableSpec, clip, esc
from trustplanner.domain.decision_rules import KEY_DECISION_NOTICE_DAYS
from trustplanner.domain.enums import Rag
from trustplanner.domain.windows import FIRST_BRIEFING_COMPLETED_DAYS

#: points the risks section needs at the foot of a page before its heat map, or it starts a new page
HEAT_MAP_ROOM = 330.0
EXEMPT_NOTE = ("Exempt from publication under Schedule 12A to the Local Government Act 1972; printed only in an "
               "OFFICIAL-SENSITIVE briefing.")


def applies_risks(data: BriefingData) -> bool:
    return data.register is not None and data.register.has_register


def applies_decisions(data: BriefingData) -> bool:
    return data.register is not None and data.register.has_log


def applies_appendix(data: BriefingData) -> bool:
    return data.register is not None and data.register.has_appendix


def travel(line: RiskLine | object) -> str:
    """``↑ worse``: the arrow and its word, so the direction reads without the glyph."""
    return f"{line.direction} {line.direction_word}"


def scores(line: RiskLine) -> str:
    """Inherent → current → target, ``—`` where a score is not recorded."""
    def text(value: int | None) -> str:
        return NO_VALUE if value is None else str(value)
    return f"{text(line.inherent)} → <b>{line.current}</b> → {text(line.target)}"


def top_risks_block(data: BriefingData, w: SectionWriter) -> None:
    """Page one: the highest current scores with their direction of travel."""
    rb = data.register
    if rb is None or not rb.top:
        return
    since = (f"since the last briefing ({long_date(rb.since)})" if rb.since_last_briefing
             else "since each risk's last review")
    columns = (Column("Ref", 0.12, ref=True), Column("Risk", 0.41), Column("Owner", 0.21), Column("Score", 0.1, align=RIGHT),
               Column("Direction", 0.16))
    rows = [(line.ref, line.title, line.owner, _score_cell(line, w), travel(line)) for line in rb.top]
    w.table_block(
        f"Top {count(len(rb.top), 'risk')} by current score",
        f"Current score is likelihood × impact (1–25); direction of travel is {since}: ↑ worse, ↓ better, "
        "→ no "
        "change.",
        w.table(columns, rows),
        "",
    )


def _score_cell(line: RiskLine, w: SectionWriter) -> Cell:
    return Cell(f"<b>{line.current}</b> {line.band.letter}")


def risks_section(data: BriefingData, w: SectionWriter) -> None:
    rb = data.register
    assert rb is not None
    red_from = rb.amber_max + 1
    w.need_room(HEAT_MAP_ROOM)  # the heading, its first paragraph and the map together
    w.para(
        f"The register holds {count(rb.live, 'open risk')} (issues included). Scores are likelihood × impact on a "
        f"5×5 scale: green 1–{rb.green_max}, amber {rb.green_max + 1}–{rb.amber_max}, red {red_from}–25. A risk "
        f"scoring {rb.escalation_score} or more is escalated to the {esc(rb.escalate_to)}; "
        f"{count(len(rb.escalated), 'risk')} {'is' if len(rb.escalated) == 1 else 'are'} at that level."
    )
    if rb.exempt_risks_left_out:
        w.para(f"{count(rb.exempt_risks_left_out, 'exempt risk')} {_is(rb.exempt_risks_left_out)} left out of this "
               "public briefing (Schedule 12A).")
    w.figure(Figure(heat_map(rb, w.width), heat_map_words(rb)), "Heat map of current scores",
             "Each cell gives how many open risks have that likelihood and impact; R, A and G are the band "
             "(red cells hatched, amber dotted).", space_after=4)
    w.cards(f"Risks at or above the escalation score ({rb.escalation_score})",
            "Scores are inherent (before controls) → current → target. Direction of travel "
            + ("since the last briefing." if rb.since_last_briefing else "since the last review."),
            [risk_card(line) for line in rb.escalated],
            "No open risk is at or above the escalation score.")
    when = (f"since the last briefing ({long_date(rb.since)})" if rb.since_last_briefing
            else f"in the last {FIRST_BRIEFING_COMPLETED_DAYS} days (since {long_date(rb.since)})")
    columns = (Column("Ref", 0.12, ref=True), Column("Risk", 0.415), Column("Change", 0.13), Column("Date", 0.125),
               Column("Score", 0.08, align=RIGHT), Column("Direction", 0.13))
    rows = [(c.ref, c.title, c.change.capitalize(), uk_date(c.on), str(c.current), f"{c.direction} "
             f"{_word(c.direction)}") for c in rb.changes]
    w.table_block(
        f"New, escalated and closed risks {when.split(' (')[0]}",
        f"Risks raised, escalated or closed {when}. A closed risk is dated by its last review.",
        w.table(columns, rows) if rows else None,
        f"No risk was raised, escalated or closed {when}.",
    )


def _word(arrow: str) -> str:
    return {"↑": "worse", "↓": "better", "→": "no change"}[arrow]


def _is(n: int) -> str:
    return "is" if n == 1 else "are"


def risk_card(line: RiskLine) -> Card:
    """One escalated risk: cause, event and effect, the scores, owner, controls and the next action."""
    action = NO_VALUE
    if line.next_action:
        action = esc(clip(line.next_action, 300))
        extra = [part for part in (esc(line.next_action_owner) if line.next_action_owner else "",
                                   f"due {long_date(line.next_action_due)}" if line.next_action_due else "") if part]
        if extra:
            action += f" ({', '.join(extra)})"
    escalated = (f"to the {esc(line.escalated_to)} on {long_date(line.escalated_on)}" if line.escalated_on
                 else "not yet recorded")
    title = (f"<b>{esc(line.ref)}  {esc(clip(line.title, 300))}</b>  ·  {rag_phrase(line.band)} "
             f"{line.current}  ·  {travel(line)}")
    # every value is clipped (600 characters at most): a few lines, so no cell needs cutting to fit
    return Card(title, line.band, (
        ("Cause", esc(clip(line.cause or NO_VALUE))),
        ("Event", esc(clip(line.event or NO_VALUE))),
        ("Effect", esc(clip(line.effect or NO_VALUE))),
        ("Scores", f"{scores(line)}  (inherent → current → target); {esc(line.status.lower())}"),
        ("Owner", esc(line.owner or NO_VALUE)),
        ("Controls", esc(clip(line.controls or NO_VALUE))),
        ("Next action", action),
        ("Escalated", escalated),
    ))


#: the greyscale-safe pattern of each band (drawn over its tint)
PATTERN = {Rag.RED: "hatched", Rag.AMBER: "dotted", Rag.GREEN: "plain"}


def heat_map(rb: RegisterBriefing, width: float) -> Drawing:
    """The 5×5 matrix: likelihood up the side (5 at the top), impact along the bottom."""
    fonts = briefing_fonts()
    size, left, bottom = 30.0, 46.0, 30.0
    legend_x = left + 5 * size + 28
    drawing = Drawing(width, bottom + 5 * size + 14)
    for heat in rb.heat:
        x = left + (heat.impact - 1) * size
        y = bottom + (heat.likelihood - 1) * size
        drawing.add(Rect(x, y, size, size, fillColor=RAG_FILL[heat.band], strokeColor=colors.white, strokeWidth=1.5))
        _pattern(drawing, heat.band, x, y, size)
        drawing.add(chart_label(x + 3, y + size - 8, heat.band.letter, fonts.regular, 6, MUTED))
        if heat.count:
            drawing.add(Circle(x + size / 2, y + size / 2 - 2, 8.5, fillColor=colors.white, strokeColor=INK,
                               strokeWidth=0.6))
            drawing.add(chart_label(x + size / 2, y + size / 2 - 5, str(heat.count), fonts.bold, 9, INK, "middle"))
    for n in range(1, 6):
        drawing.add(chart_label(left - 6, bottom + (n - 1) * size + size / 2 - 3, str(n), fonts.regular, 8, INK,
                                "end"))
        drawing.add(chart_label(left + (n - 1) * size + size / 2, bottom - 10, str(n), fonts.regular, 8, INK,
                                "middle"))
    drawing.add(chart_label(left + 2.5 * size, bottom - 22, "Impact", fonts.bold, 8, HEADING, "middle"))
    drawing.add(chart_label(left - 2, bottom + 5 * size + 4, "Likelihood", fonts.bold, 8, HEADING, "end"))
    drawing.add(Line(left, bottom, left + 5 * size, bottom, strokeColor=RULE, strokeWidth=0.6))
    bands = ((Rag.RED, f"Red: {rb.amber_max + 1}–25"), (Rag.AMBER, f"Amber: {rb.green_max + 1}–{rb.amber_max}"),
             (Rag.GREEN, f"Green: 1–{rb.green_max}"))
    y = bottom + 5 * size - 18
    for rag, text in bands:
        drawing.add(Rect(legend_x, y, 16, 12, fillColor=RAG_FILL[rag], strokeColor=RULE, strokeWidth=0.5))
        _pattern(drawing, rag, legend_x, y, 16, 12)
        drawing.add(chart_label(legend_x + 22, y + 3, f"{rag.letter}  {text} ({PATTERN[rag]})", fonts.regular, 8,
                                INK))
        y -= 18
    drawing.add(chart_label(legend_x, y + 3, f"Escalated at {rb.escalation_score} or more to the", fonts.regular,
                            8, MUTED))
    drawing.add(chart_label(legend_x, y - 8, rb.escalate_to, fonts.regular, 8, MUTED))
    drawing.add(chart_label(legend_x, y - 24, f"{count(rb.live, 'open risk')} in all", fonts.regular, 8, MUTED))
    return drawing


def heat_map_words(rb: RegisterBriefing) -> str:
    """What the heat map shows, in words: the count and band of every cell that holds a risk."""
    held = sorted((h for h in rb.heat if h.count), key=lambda h: (-h.likelihood, -h.impact))
    cells = "; ".join(f"likelihood {h.likelihood}, impact {h.impact}: {count(h.count, 'risk')} "
                      f"({rag_word(h.band).lower()})" for h in held)
    return (f"Heat map of {count(rb.live, 'open risk')} by likelihood (1 to 5) and impact (1 to 5). "
            + (f"{cells}. Every other cell has none." if held else "No cell holds a risk.")
            + f" Red is {rb.amber_max + 1} to 25, amber {rb.green_max + 1} to {rb.amber_max}, green 1 to "
            f"{rb.green_max}; a risk scoring {rb.escalation_score} or more is escalated to the {rb.escalate_to}.")


def _pattern(drawing: Drawing, rag: Rag, x: float, y: float, w: float, h: float | None = None) -> None:
    h = w if h is None else h
    ink = colors.Color(0, 0, 0, alpha=0.45)
    if rag is Rag.RED:
        step = 6.0
        offset = step
        while offset < w + h:
            x0, y0 = x + max(0.0, offset - h), y + min(offset, h)
            x1, y1 = x + min(offset, w), y + max(0.0, offset - w)
            drawing.add(Line(x0, y0, x1, y1, strokeColor=ink, strokeWidth=0.5))
            offset += step
    elif rag is Rag.AMBER:
        for i in range(3, int(w), 6):
            for j in range(3, int(h), 6):
                drawing.add(Circle(x + i, y + j, 0.6, fillColor=ink, strokeColor=None))


def decisions_section(data: BriefingData, w: SectionWriter) -> None:
    rb = data.register
    assert rb is not None
    since = (f"since the last briefing ({long_date(rb.since)})" if rb.since_last_briefing
             else f"in the last {FIRST_BRIEFING_COMPLETED_DAYS} days (since {long_date(rb.since)})")
    w.para(
        f"{count(len(rb.decisions_needed), 'decision').capitalize()} {_is(len(rb.decisions_needed))} needed before "
        f"{next_meeting_words(rb.due_until, rb.due_assumed)}, "
        f"{len(rb.cabinet_asks) or 'none'} for {esc(data.header.meeting_name)} to take; "
        f"{count(len(rb.decisions_made), 'decision')} {'was' if len(rb.decisions_made) == 1 else 'were'} made "
        f"{since}. A key decision needs {KEY_DECISION_NOTICE_DAYS} clear days' notice on the forward plan; one needed "
        "sooner is flagged."
    )
    if rb.exempt_decisions_left_out:
        w.para(f"{count(rb.exempt_decisions_left_out, 'exempt decision')} {_is(rb.exempt_decisions_left_out)} left "
               "out of this public briefing (Schedule 12A).")
    w.table_block(
        "Decisions needed before the next meeting",
        "Soonest first, overdue ones included.",
        decisions_table(rb.decisions_needed, w, needed=True) if rb.decisions_needed else None,
        "No decision is needed before the next meeting.",
    )
    w.table_block(
        f"Decisions made {since.split(' (')[0]}",
        "",
        decisions_table(rb.decisions_made, w, needed=False) if rb.decisions_made else None,
        f"No decision was made {since}.",
    )


def key_words(line: DecisionLine) -> str:
    if not line.key_decision:
        return "No"
    return f"Yes: short of {KEY_DECISION_NOTICE_DAYS} clear days' notice" if line.notice_short else "Yes"


def decisions_table(lines: tuple[DecisionLine, ...], w: SectionWriter, *, needed: bool,
                    exempt: bool = False) -> TableSpec:
    columns = [Column("Ref", 0.12, ref=True), Column("Decision", 0.40 if not exempt else 0.32), Column("Forum", 0.16),
               Column("Needed by" if needed else "Made on", 0.16), Column("Key decision", 0.16)]
    if exempt:
        columns.insert(4, Column("Para.", 0.08, align=RIGHT))
    rows = []
    for line in lines:
        title = Cell(f"<b>{esc(clip(line.title, 300))}</b>", line.wording)
        when = (esc(line.meeting) if line.meeting else uk_date(line.needed_by)) if needed else uk_date(line.made_on)
        if needed and line.needed_by and line.meeting:
            when += f" ({uk_date(line.needed_by)})"
        flagged = key_words(line)
        if flagged.startswith("Yes:"):
            flagged = f"<b>{flagged}</b>"
        row = [line.ref, title, line.forum, Cell(when), Cell(flagged)]
        if exempt:
            row.insert(4, str(line.exempt_paragraph or NO_VALUE))
        rows.append(row)
    return w.table(columns, rows)


def exempt_appendix(data: BriefingData, w: SectionWriter) -> None:
    rb = data.register
    assert rb is not None
    w.para(f"<b>Not for publication.</b> {EXEMPT_NOTE} The items below are left out of the report above.")
    if rb.exempt_decisions:
        needed = tuple(d for d in rb.exempt_decisions if d.status == "Needed")
        made = tuple(d for d in rb.exempt_decisions if d.status != "Needed")
        if needed:
            w.table_block("Exempt decisions needed", "Para. is the paragraph of Schedule 12A.",
                          decisions_table(needed, w, needed=True, exempt=True), "")
        if made:
            w.table_block("Other exempt decisions", "Made, deferred or superseded.",
                          decisions_table(made, w, needed=False, exempt=True), "")
    if rb.exempt_risks:
        columns = (Column("Ref", 0.12, ref=True), Column("Risk", 0.36), Column("Owner", 0.18), Column("Scores", 0.16),
                   Column("Direction", 0.18))
        rows = [(line.ref, Cell(f"<b>{esc(clip(line.title, 300))}</b>", line.event), line.owner,
                 Cell(scores(line)), travel(line)) for line in rb.exempt_risks]
        w.table_block("Exempt risks", "Scores are inherent → current → target.",
                      w.table(columns, rows), "")
