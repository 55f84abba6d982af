"""The workforce and TUPE section: headline figures, the table by service, a chart of FTE by
employment type, transfers by date and the TUPE deadlines.

It prints only what the prepared :class:`WorkforceBriefing` holds, which is already
disclosure-controlled (see ``services.workforce_briefing``): counts, FTE, rates and aggregate
costs, never a name, a ref or anyone's pay. Withheld figures have no number to print.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from trustplanner.briefing.chart_text import chart_label, nice_step, wrap_label
from trustplanner.briefing.data import BriefingData
from trustplanner.briefing.styles import GRID, INK, MUTED, RULE, briefing_fonts
from trustplanner.briefing.wording import count, rag_phrase, long_date, uk_date
from trustplanner.briefing.workforce_data import (
    SMALL,
    WITHHELD,
    Figure,
    FteBar,
    Segment,
    TransferLine,
    WorkforceBriefing,
    WorkforceRow,
)
from trustplanner.briefing.appendix import appendix_of
from trustplanner.briefing.writer import RIGHT, Cell, Column, SectionWriter, TableSpec, esc
from trustplanner.briefing.writer import Figure as Chart
from trustplanner.domain.figures import decimal_text
from trustplanner.domain.staff import FTE_SCALE


def workforce_section(data: BriefingData, w: SectionWriter) -> None:
    wf = data.workforce
    assert wf is not None  # the section applies only with staff data
    for text in _headline(wf, data.header.trust):
        w.para(text)
    w.para(
        f"The workforce status is <b>{rag_phrase(wf.rag)}</b>. {esc(wf.rag_commentary)}"
    )
    protection = (
        "To protect individuals this section gives no names, staff references or anyone’s pay, "
        "and no figure for a group of fewer than five people: such a count is shown as <b>&lt;5</b> "
        "and the group’s FTE, rates and caseload as <b>—</b>."
    )
    if wf.secondary_suppression:
        protection += (" A figure that could otherwise be worked out from a total and the figures "
                       "beside it is also shown as <b>—</b>.")
    w.para(protection)
    if label := appendix_of(data, workforce_tables):
        w.para(f"Appendix {label} gives the workforce by service, FTE by employment type, the transfers by "
               "date and the TUPE deadlines.")


def workforce_tables(data: BriefingData, w: SectionWriter) -> None:
    """The appendix: the workforce tables and chart the body's paragraphs summarise."""
    wf = data.workforce
    assert wf is not None  # the appendix applies only with staff data
    numbers = _NumberCells()
    w.table_block(
        "Workforce by service",
        f"People employed or working through agencies on {long_date(wf.as_of)}; services marked "
        "(retained) stay with the council. Agency rate = agency "
        "FTE ÷ (in post + agency); vacancy rate = vacant FTE ÷ (in post + vacant), as the DfE "
        "measures them. Average caseload is cases per case-holding worker.",
        _service_table(wf, numbers, w),
        "",
    )
    _chart_block(wf, w)
    w.table_block(
        "Transfers by date",
        "Employees in TUPE scope, by the date they transfer. Agency workers and vacant posts never "
        "transfer. ELI is the employee liability information the trust must have at least 28 days "
        "before the transfer.",
        _transfer_table(wf, numbers, w),
        "No one in the staff data transfers under TUPE.",
    )
    w.table_block(
        "TUPE deadlines",
        "Deadlines derived from the staff data and kept in step with the go-live dates; they also "
        "appear among the milestones, or under the plan's own milestone that meets them. "
        "RAG: C complete, G on track, A at risk, R missed or overdue.",
        _deadline_table(wf, w),
        "There are no TUPE deadlines, as no one in the staff data transfers.",
    )


def _headline(wf: WorkforceBriefing, trust: str) -> list[str]:
    total = wf.total
    services = count(len(wf.services), "service")
    retained = sum(1 for row in wf.services if row.retained)
    if retained:
        services += (f" ({retained} of them retained by the council)" if retained > 1
                     else " (one retained by the council)")
    people = (f"{total.headcount.text} people ({total.fte.text} FTE)" if total.headcount.shown
              else f"{_words(total.headcount)} people")
    first = (f"On {long_date(wf.as_of)} the staff data for the {services} shows {people} employed or "
             f"working through agencies, and {count(wf.vacant_posts.value or 0, 'vacant post')}"
             + (f" ({wf.vacant_fte.text} FTE)." if wf.vacant_posts.value else "."))
    dates = count(len(wf.transfers), "transfer date")
    if not wf.transfers:
        first += " No one in the staff data transfers to the trust under TUPE."
    elif wf.transferring.shown:
        first += (f" {wf.transferring.text} of them ({wf.transferring_fte.text} FTE) transfer to "
                  f"{esc(trust)} under TUPE, on {dates}.")
    elif wf.transferring.text == SMALL:
        first += f" Fewer than five of them transfer to {esc(trust)} under TUPE, on {dates}."
    else:
        first += f" Staff transfer to {esc(trust)} under TUPE on {dates}, as the table below shows."
    items = [first]

    rates = []
    if total.agency_rate.shown:
        rates.append(f"the agency rate is <b>{total.agency_rate.text}</b> of FTE")
    if total.vacancy_rate.shown:
        rates.append(f"the vacancy rate is {total.vacancy_rate.text}")
    second = ""
    if rates:
        second = f"Across all services {' and '.join(rates)}."
    else:
        by_service = [row for row in wf.services if row.agency_rate.shown]
        if by_service:
            top = max(by_service, key=lambda row: row.agency_rate.value)
            second = ("The agency rate across all services is withheld to protect small groups; by service "
                      f"it is highest in {esc(top.group)}, at <b>{top.agency_rate.text}</b> of FTE.")
    if wf.social_worker_agency_rate.shown:
        second += f" The agency rate among social workers is <b>{wf.social_worker_agency_rate.text}</b>."
    if total.average_caseload.shown:
        second += f" Case-holding staff have {total.average_caseload.text} cases each on average."
    if second:
        items.append(second.strip())

    cost = wf.agency_cost
    if cost.cost.shown:
        text = f"Agency workers cost {cost.cost.text} a year."
        if cost.premium.shown:
            compared = cost.services_compared
            where = (f"In {esc(compared[0])}" if len(compared) == 1
                     else f"In the {count(len(compared), 'service')} with five or more agency and five or "
                          "more permanent staff")
            premium = cost.premium.value or 0
            if premium >= 0:
                text += (f" {where}, that is <b>{cost.premium.text}</b> a year more than employees on the "
                         "same FTE would cost at the service’s average permanent cost.")
            else:
                text += (f" {where}, that is {cost.premium.text.lstrip('-')} a year less than employees on "
                         "the same FTE would cost at the service’s average permanent cost.")
        items.append(text)
    return items


def _name(group: str, retained: bool) -> str:
    return f"{group} (retained)" if retained else group


def _words(figure: Figure) -> str:
    return "fewer than five" if figure.text == SMALL else figure.text


class _NumberCells:
    """Right-aligned number cells; the total row in bold."""

    def __call__(self, figure: Figure | str, *, bold: bool = False) -> Cell:
        text = esc(figure.text if isinstance(figure, Figure) else figure)
        return Cell(f"<b>{text}</b>" if bold else text, align="right")

    def text(self, markup: str, *, bold: bool = False) -> Cell:
        return Cell(f"<b>{markup}</b>" if bold else markup)


def _service_table(wf: WorkforceBriefing, num: _NumberCells, w: SectionWriter) -> TableSpec:
    columns = (
        Column("Service", 0.305),
        Column("Headcount", 0.135, align=RIGHT),
        Column("FTE", 0.11, align=RIGHT),
        Column("Agency rate", 0.14, align=RIGHT),
        Column("Vacancy rate", 0.14, align=RIGHT),
        Column("Average caseload", 0.17, align=RIGHT),
    )

    def row(line: WorkforceRow, bold: bool = False) -> tuple:
        return (num.text(esc(_name(line.group, line.retained)), bold=bold), num(line.headcount, bold=bold),
                num(line.fte, bold=bold), num(line.agency_rate, bold=bold), num(line.vacancy_rate, bold=bold),
                num(line.average_caseload, bold=bold))

    rows = [row(line) for line in wf.services]
    rows.append(row(wf.total, bold=True))
    return w.table(columns, rows, total_rows=1)


def _transfer_table(wf: WorkforceBriefing, num: _NumberCells, w: SectionWriter) -> TableSpec | None:
    if not wf.transfers:
        return None
    columns = (
        Column("Transfer date", 0.14),
        Column("Headcount", 0.135, align=RIGHT),
        Column("FTE", 0.10, align=RIGHT),
        Column("LGPS members", 0.13, align=RIGHT),
        Column("ELI sent", 0.13, align=RIGHT),
        Column("Consultation (people at each step)", 0.365),
    )

    def row(line: TransferLine) -> tuple:
        bold = line.day is None
        steps = "; ".join(f"{esc(label.lower())} {esc(figure.text)}" for label, figure in line.consultation
                          if figure.value != 0) if line.headcount.shown else WITHHELD
        return (num.text("All dates" if bold else uk_date(line.day), bold=bold), num(line.headcount, bold=bold),
                num(line.fte, bold=bold), num(line.lgps_members, bold=bold), num(line.eli_sent, bold=bold),
                num.text(steps[:1].upper() + steps[1:], bold=bold))

    rows = [row(line) for line in wf.transfers]
    if wf.transfers_total is not None:
        rows.append(row(wf.transfers_total))
    return w.table(columns, rows, total_rows=1 if wf.transfers_total is not None else 0)


def _deadline_table(wf: WorkforceBriefing, w: SectionWriter) -> TableSpec | None:
    if not wf.deadlines:
        return None
    columns = (
        Column("Ref", 0.21, ref=True),
        Column("Deadline", 0.31),
        Column("Plan's milestone", 0.15),
        Column("Due", 0.13),
        Column("Actual", 0.13),
        Column("RAG", 0.07, rag=True),
    )
    rows = [(d.ref, d.description, d.plan_milestone or "—", uk_date(d.due), uk_date(d.actual), d.rag)
            for d in wf.deadlines]
    return w.table(columns, rows)


# The chart ------------------------------------------------------------------------------------

#: fill, hatching ("diagonal", "vertical" or ""), label colour, dashed outline; chosen so the
#: segments differ in greyscale by lightness and pattern, not by colour alone
_LOOK = {
    Segment.PERMANENT: (colors.HexColor("#1F3864"), "", colors.white, False),
    Segment.TEMPORARY: (colors.HexColor("#8FAADC"), "", INK, False),
    Segment.AGENCY: (colors.HexColor("#F8CBAD"), "diagonal", INK, False),
    Segment.COMBINED: (colors.HexColor("#D9D9D9"), "vertical", INK, False),
    Segment.VACANT: (colors.white, "", INK, True),
}
_HATCH = colors.HexColor("#7F4F2A")
BAR = 13.0
GAP = 7.0
FONT_SIZE = 7.5


#: bars in one drawing; more services are drawn as further charts, as a drawing cannot split
BARS_PER_CHART = 22


def _chart_block(wf: WorkforceBriefing, w: SectionWriter) -> None:
    bars = list(wf.chart)
    if not bars:
        return
    note = ("FTE of people and vacant posts in each service on the position date. “Combined” "
            "joins a group of fewer than five people with another so neither can be seen.")
    largest = max(bar.total for bar in bars)  # one scale for every drawing, so bars compare
    for start in range(0, len(bars), BARS_PER_CHART):
        part = bars[start:start + BARS_PER_CHART]
        chart = Chart(fte_chart(part, w.width, largest), chart_words(part))
        if start == 0:
            w.figure(chart, "FTE by employment type", note)
        else:
            w.figure(chart)


def chart_words(bars: Sequence[FteBar]) -> str:
    """What the FTE chart shows, in words: each service's FTE by employment type."""
    parts = []
    for bar in bars:
        name = _name(bar.group, bar.retained)
        if bar.withheld:
            parts.append(f"{name}: not shown (fewer than five people, or withheld to protect a small group)")
            continue
        segments = ", ".join(f"{segment.label.lower()} {decimal_text(Fraction(fte, FTE_SCALE), 1)}"
                             for segment, fte in bar.segments)
        parts.append(f"{name}: {segments or 'none'}")
    return "Bar chart of FTE by employment type in each service. " + "; ".join(parts) + "."


def fte_chart(bars: Sequence[FteBar], width: float, largest: int | None = None) -> Drawing:
    """Stacked horizontal bars of FTE by segment, one per service, with a legend below; the
    axis runs to at least ``largest`` (ten-thousandths of FTE)."""
    font = briefing_fonts()
    label_width = 0.27 * width
    left = label_width + 6
    right = width - 12
    used = [s for s in Segment if any(seg is s for bar in bars for seg, _ in bar.segments)]
    legend_rows = _legend_rows(used, width, font.regular)
    legend_height = 14 * len(legend_rows) + 6
    axis_height = 22
    plot_height = len(bars) * (BAR + GAP)
    height = plot_height + axis_height + legend_height + 4
    drawing = Drawing(width, height)
    largest = max([bar.total for bar in bars] + [largest or 0]) / FTE_SCALE
    step = nice_step(largest)
    top_tick = step * max(1, -(-largest // step)) if largest else step
    scale = (right - left) / top_tick
    base_y = legend_height + axis_height

    # grid and axis
    tick = 0.0
    while tick <= top_tick + 1e-9:
        x = left + tick * scale
        drawing.add(Line(x, base_y, x, base_y + plot_height, strokeColor=GRID, strokeWidth=0.4))
        drawing.add(String(x, base_y - 10, f"{tick:g}", fontName=font.regular, fontSize=FONT_SIZE,
                           fillColor=MUTED, textAnchor="middle"))
        tick += step
    drawing.add(Line(left, base_y, right, base_y, strokeColor=RULE, strokeWidth=0.8))
    drawing.add(String((left + right) / 2, base_y - 20, "FTE", fontName=font.regular, fontSize=FONT_SIZE,
                       fillColor=MUTED, textAnchor="middle"))

    for index, bar in enumerate(bars):
        y = base_y + plot_height - (index + 1) * (BAR + GAP) + GAP / 2
        lines = wrap_label(_name(bar.group, bar.retained), font.regular, FONT_SIZE, label_width)
        for n, text in enumerate(lines):
            offset = (len(lines) - 1) * 4.5 - n * 9
            drawing.add(chart_label(label_width, y + BAR / 2 - 2.5 + offset, text, font.regular, FONT_SIZE, INK, "end"))
        if bar.withheld:
            drawing.add(String(left + 4, y + BAR / 2 - 2.5, "Not shown: fewer than five people, or withheld "
                               "to protect a small group", fontName=font.italic, fontSize=FONT_SIZE,
                               fillColor=MUTED))
            continue
        x = left
        for segment, fte in bar.segments:
            length = fte / FTE_SCALE * scale
            _segment(drawing, segment, x, y, length, fte, font.regular)
            x += length
    _legend(drawing, legend_rows, font.regular)
    return drawing


def _segment(drawing: Drawing, segment: Segment, x: float, y: float, length: float, fte: int, font: str) -> None:
    fill, hatch, ink, dashed = _LOOK[segment]
    drawing.add(Rect(x, y, length, BAR, fillColor=fill, strokeColor=colors.HexColor("#404040"),
                     strokeWidth=0.5, strokeDashArray=[2, 1.5] if dashed else None))
    if hatch:
        for x1, y1, x2, y2 in _hatch_lines(x, y, length, BAR, hatch):
            drawing.add(Line(x1, y1, x2, y2, strokeColor=_HATCH, strokeWidth=0.5))
    text = decimal_text(Fraction(fte, FTE_SCALE), 1)  # as the tables print FTE
    text_width = stringWidth(text, font, FONT_SIZE)
    if length >= text_width + 6:
        if hatch:  # a white patch keeps the number readable over the hatching
            drawing.add(Rect(x + length / 2 - text_width / 2 - 1.5, y + BAR / 2 - 4, text_width + 3, 9,
                             fillColor=colors.white, strokeColor=None))
        drawing.add(String(x + length / 2, y + BAR / 2 - 2.5, text, fontName=font, fontSize=FONT_SIZE,
                           fillColor=ink, textAnchor="middle"))


def _hatch_lines(x: float, y: float, w: float, h: float, kind: str, step: float = 3.5):
    """Line segments filling a rectangle with a pattern, clipped to its edges."""
    if kind == "vertical":
        u = step
        while u < w:
            yield x + u, y, x + u, y + h
            u += step
        return
    t = -h + step / 2
    while t < w:  # lines u - v = t at 45 degrees
        v0, v1 = max(0.0, -t), min(h, w - t)
        if v0 < v1:
            yield x + v0 + t, y + v0, x + v1 + t, y + v1
        t += step


def _legend_rows(used: Sequence[Segment], width: float, font: str) -> list[list[Segment]]:
    rows: list[list[Segment]] = [[]]
    x = 0.0
    for segment in used:
        item = 15 + stringWidth(segment.label, font, FONT_SIZE + 0.5) + 12
        if rows[-1] and x + item > width:
            rows.append([])
            x = 0.0
        rows[-1].append(segment)
        x += item
    return rows


def _legend(drawing: Drawing, rows: list[list[Segment]], font: str) -> None:
    for r, row in enumerate(rows):
        y = 14 * (len(rows) - 1 - r) + 2
        x = 0.0
        for segment in row:
            fill, hatch, _, dashed = _LOOK[segment]
            drawing.add(Rect(x, y, 11, 9, fillColor=fill, strokeColor=colors.HexColor("#404040"),
                             strokeWidth=0.5, strokeDashArray=[2, 1.5] if dashed else None))
            if hatch:
                for x1, y1, x2, y2 in _hatch_lines(x, y, 11, 9, hatch):
                    drawing.add(Line(x1, y1, x2, y2, strokeColor=_HATCH, strokeWidth=0.5))
            drawing.add(String(x + 15, y + 1.5, segment.label, fontName=font, fontSize=FONT_SIZE + 0.5,
                               fillColor=INK))
            x += 15 + stringWidth(segment.label, font, FONT_SIZE + 0.5) + 12

