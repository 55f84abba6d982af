"""The PDF writer: numbered paragraphs, tables, RAG cells, figures and cards as reportlab flowables.

Tables take column widths as fractions of the frame width, repeat their heading row on every
page and never split a row (reportlab's default). So that one row always fits a page, cell text
is capped: plain text at :data:`CELL_LIMIT` characters, and any cell taller than
:data:`CELL_HEIGHT` is cut there with a note of how much more the plan holds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from html import unescape

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table, TableStyle

from trustplanner.briefing.print_text import TextParagraph as Paragraph
from trustplanner.briefing.print_text import continues, printable
from trustplanner.briefing.print_text import width as text_width
from trustplanner.briefing.styles import (
    BAND_FILL,
    GRID,
    HEAD_FILL,
    HEADING,
    RAG_BADGE_STYLE,
    RAG_FILL,
    RAG_STRONG,
    RAG_TAG,
    RAG_TAG_KEY,
    RULE,
    briefing_styles,
)
from trustplanner.briefing.wording import NO_VALUE, rag_phrase, rag_word
from trustplanner.briefing.writer import (  # noqa: F401 - Column, esc and clip are used from here too
    CELL_LIMIT,
    RIGHT,
    Card,
    Cell,
    Column,
    Figure,
    RagCell,
    SectionWriter,
    TableNumbers,
    TableSpec,
    clip,
    esc,
)
from trustplanner.domain.enums import Rag

#: Tallest a table cell is drawn (points): about 60 lines of cell text, so a row with its
#: table's heading row, sub-heading and note still fits the A4 frame (711 points tall).
CELL_HEIGHT = 600.0
#: Left plus right padding of a table cell (points).
CELL_PADDING = 8.0
#: A table this share of the frame or shorter is kept on one page with its heading.
KEEP_WHOLE_SHARE = 0.25
#: A last word this many characters or shorter is kept on the line of the word before it.
SHORT_LAST_WORD = 12
#: ... unless the word before is longer than this (the pair would crowd the line).
LONG_WORD = 25

_MARKUP_PIECE = re.compile(r"(<[^>]*>|&#?\w+;)")


def keep_last_words(markup: str) -> str:
    """``markup`` with its last two words joined by a no-break space when the last is short, so a
    paragraph or title never ends with one word alone on its last line (the PDF only)."""
    markup = markup.rstrip()
    pieces = _MARKUP_PIECE.split(markup)
    if any(piece.startswith("<br") for piece in pieces[-3:]):
        return markup
    plain = "".join(unescape(piece) if piece.startswith("&") else piece
                    for piece in pieces if not piece.startswith("<"))
    words = plain.split()
    if len(words) < 3 or len(words[-1]) > SHORT_LAST_WORD or len(words[-2]) > LONG_WORD:
        return markup
    for index in range(len(pieces) - 1, -1, -1):
        piece = pieces[index]
        if piece.startswith(("<", "&")):
            continue
        space = piece.rfind(" ")
        if space >= 0:
            pieces[index] = f"{piece[:space]}&nbsp;{piece[space + 1:]}"
            return "".join(pieces)
    return markup


class SectionHeading(Paragraph):
    """A section's heading that is also its entry in the PDF's outline (bookmarks)."""

    def __init__(self, text, style=None, *args, outline: str = "", key: str = "", **kwargs):
        super().__init__(text, style, *args, **kwargs)
        self.outline = outline
        self.key = key

    def split(self, availWidth, availHeight):
        pieces = super().split(availWidth, availHeight)
        if pieces and isinstance(pieces[0], SectionHeading):
            pieces[0].outline, pieces[0].key = self.outline, self.key
        return pieces

    def draw(self) -> None:
        super().draw()
        if not self.outline:
            return
        _, top = self.canv.absolutePosition(0, self.height + self.style.fontSize * 0.4)
        mark = getattr(self.canv, "mark_section", None)
        if mark is not None:  # a canvas that holds its pages back marks each as it is written
            mark(self.key, self.outline, top)
        else:
            self.canv.bookmarkPage(self.key, fit="XYZ", top=top)
            self.canv.addOutlineEntry(self.outline, self.key, level=0)


class RagTag(Flowable):
    """A RAG status as a small rounded tag carrying its letter (or word and letter), centred in
    the cell; its form (styles.RAG_TAG) reads in greyscale as well as in colour."""

    padding = 4.0

    def __init__(self, rag: Rag, text: str, font: str, size: float = 8.5):
        super().__init__()
        self.rag, self.text, self.font, self.size = rag, text, font, size

    def wrap(self, availWidth, availHeight):
        while self.size > 6 and self._tag_width() > availWidth:
            self.size -= 0.5
        self.width, self.height = availWidth, self.size + 5
        return self.width, self.height

    def _tag_width(self) -> float:
        return max(stringWidth(self.text, self.font, self.size) + 2 * self.padding, 2.2 * self.size)

    def draw(self) -> None:
        form = RAG_TAG[self.rag]
        canvas = self.canv
        tag = min(self._tag_width(), self.width)
        x = (self.width - tag) / 2
        inset = form.border_width / 2  # the border is drawn inside the tag's box
        canvas.saveState()
        canvas.setFillColor(form.fill)
        canvas.setStrokeColor(form.border)
        canvas.setLineWidth(form.border_width)
        if form.dash:
            canvas.setDash(list(form.dash))
        canvas.roundRect(x + inset, inset, tag - 2 * inset, self.height - 2 * inset, 3, stroke=1, fill=1)
        canvas.setFillColor(form.ink)
        canvas.setFont(self.font, self.size)
        canvas.drawCentredString(self.width / 2, (self.height - self.size) / 2 + 0.18 * self.size, self.text)
        canvas.restoreState()


def fit_cell(content: object, width: float, height: float = CELL_HEIGHT) -> object:
    """A table cell's flowables cut so they are no taller than ``height``: the paragraph that
    runs over is split where the room ends and a note says how many characters are not shown."""
    flowables = content if isinstance(content, list) else [content]
    if not all(isinstance(f, Flowable) for f in flowables):
        return content
    if all(isinstance(f, Paragraph) for f in flowables) and height >= sum(
            min(max(_characters(f), 1) * f.style.leading + f.getSpaceBefore() + f.getSpaceAfter(),
                _at_most(f, width)) for f in flowables):
        return content  # fits even at its tallest (see _at_most): no need to lay it out to know
    used = 0.0
    for index, flowable in enumerate(flowables):
        tall = _height(flowable, width)
        if used + tall <= height:
            used += tall
            continue
        total = sum(_characters(f) for f in flowables[index:])
        note = Paragraph(f"… {continues(total)}", briefing_styles()["CellNote"])
        room = height - used - _height(note, width)
        kept = flowables[:index]
        if isinstance(flowable, Paragraph) and room > flowable.style.leading:
            parts = flowable.split(width, room)
            if len(parts) == 2:
                kept.append(parts[0])
                note = Paragraph(f"… {continues(total - _characters(parts[0]))}", briefing_styles()["CellNote"])
        return [*kept, note]
    return content


def _height(flowable: Flowable, width: float) -> float:
    return flowable.wrap(width, 1e9)[1] + flowable.getSpaceBefore() + flowable.getSpaceAfter()


def _at_most(flowable: Flowable, width: float) -> float | None:
    """An upper bound on a paragraph's height ``width`` wide, without laying it out (None for
    other flowables). No glyph is wider than its font size, and wrapping at word ends fills every
    line at least half full (a longer word is split), so the lines are at most twice the text's
    width over the line's, plus one, plus one per line break."""
    if not isinstance(flowable, Paragraph) or width <= 0:
        return None
    style = flowable.style
    breaks = sum(1 for frag in getattr(flowable, "frags", ()) if getattr(frag, "lineBreak", False))
    lines = int(2 * _characters(flowable) * style.fontSize / width) + 1 + breaks
    return lines * style.leading + flowable.getSpaceBefore() + flowable.getSpaceAfter()


def _cell_height(content: object, width: float) -> float:
    """How tall a cell's content is laid out ``width`` wide, or a bound above it when that is
    known to be small (0 for plain text: one short line)."""
    flowables = content if isinstance(content, list) else [content]
    return sum(_quick_height(f, width) for f in flowables if isinstance(f, Flowable))


def _quick_height(flowable: Flowable, width: float) -> float:
    bound = _at_most(flowable, width)
    return bound if bound is not None and bound <= CELL_HEIGHT / 4 else _height(flowable, width)


def _characters(flowable: Flowable) -> int:
    return len(flowable.printed_text()) if isinstance(flowable, Paragraph) else 0


@dataclass
class PdfSectionWriter(SectionWriter):
    """Collects one numbered section's flowables."""

    number: int
    title: str
    styles: StyleSheet1
    width: float
    height: float
    flowables: list[Flowable] = field(default_factory=list)
    _paragraphs: int = 0
    tables: TableNumbers = field(default_factory=TableNumbers)

    def heading(self) -> None:
        self.flowables.append(CondPageBreak(0.18 * self.height))
        appendix = isinstance(self.number, str)
        text = (f"Appendix {self.number}: {esc(self.title)}" if appendix
                else f"{self.number}&nbsp;&nbsp;&nbsp;{esc(self.title)}")
        outline = f"Appendix {self.number}: {printable(self.title)}" if appendix else f"{self.number} {printable(self.title)}"
        self.flowables.append(SectionHeading(text, self.styles["Section"], outline=outline,
                                             key=f"section-{self.number}"))

    def para(self, markup: str) -> None:
        self._paragraphs += 1
        self.flowables.append(Paragraph(keep_last_words(markup), self.styles["Numbered"],
                                        bulletText=f"{self.number}.{self._paragraphs}"))

    def item(self, markup: str, label: str) -> None:
        self.flowables.append(Paragraph(keep_last_words(markup), self.styles["Recommendation"], bulletText=label))

    def table_block(self, subheading: str, intro: str, table: TableSpec | None, empty: str) -> None:
        """The heading never ends a page on its own."""
        head: list[Flowable] = [Paragraph(esc(subheading), self.styles["Subsection"])]
        if intro:
            head.append(Paragraph(intro, self.styles["Note"]))
        if table is None:
            head.append(Paragraph(empty, self.styles["Empty"]))
            self.flowables.append(KeepTogether(head))
            return
        drawn = data_table(table.columns, table.rows, self.styles, self.width, word_rag=table.word_rag,
                           total_rows=table.total_rows)
        number, _ = self.tables.caption(subheading)
        numbered = NumberedTable(drawn, number, subheading, self.styles)
        self.flowables.extend(keep_with_heading(head, numbered, self.width, self.height))
        self.flowables.append(Spacer(1, 4))

    def note(self, markup: str) -> None:
        self.flowables.append(Paragraph(markup, self.styles["Note"]))

    def bullets(self, subheading: str, items: Sequence[str]) -> None:
        head = Paragraph(esc(subheading), self.styles["Subsection"])
        lines = [Paragraph(markup, self.styles["Recommendation"], bulletText="•") for markup in items]
        self.flowables.append(KeepTogether([head, *lines[:2]]))
        self.flowables.extend(lines[2:])

    def badge(self, label: str, rag: Rag) -> None:
        badge = Table(
            [[Paragraph(esc(label), self.styles["BadgeLabel"]),
              Paragraph(rag_phrase(rag), self.styles[RAG_BADGE_STYLE[rag]])]],
            colWidths=[0.22 * self.width, 0.2 * self.width],
            hAlign="LEFT",
        )
        badge.setStyle(TableStyle([
            ("BACKGROUND", (1, 0), (1, 0), RAG_STRONG[rag]),
            ("BOX", (0, 0), (-1, -1), 0.8, HEADING),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ]))
        self.flowables.extend((badge, Spacer(1, 8)))

    def figure(self, figure: Figure, subheading: str = "", note: str = "", space_after: float = 6) -> None:
        if subheading:
            head: list[Flowable] = [Paragraph(esc(subheading), self.styles["Subsection"])]
            if note:
                head.append(Paragraph(note, self.styles["Note"]))
            self.flowables.append(KeepTogether([*head, figure.drawing]))
        else:
            self.flowables.append(figure.drawing)
        self.flowables.append(Spacer(1, space_after))

    def cards(self, subheading: str, note: str, cards: Sequence[Card], empty: str) -> None:
        head: list[Flowable] = [Paragraph(esc(subheading), self.styles["Subsection"])]
        if note:
            head.append(Paragraph(note, self.styles["Note"]))
        if not cards:
            self.flowables.append(KeepTogether([*head, Paragraph(empty, self.styles["Empty"])]))
            return
        drawn = [card_table(card, self.styles, self.width) for card in cards]
        self.flowables.extend((KeepTogether([*head, drawn[0]]), Spacer(1, 6)))
        for table in drawn[1:]:
            self.flowables.extend((KeepTogether([table]), Spacer(1, 6)))  # a card never splits across pages

    def need_room(self, points: float) -> None:
        self.flowables.insert(0, CondPageBreak(points))  # before the heading: it moves with what follows

    def rag_key(self) -> None:
        self.note(RAG_TAG_KEY)


def caption_style(styles: StyleSheet1) -> ParagraphStyle:
    """A table's numbered caption: small bold, in the heading colour."""
    return _caption_style(styles["CellHead"])


@cache
def _caption_style(head: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle("TableCaption", parent=head, fontSize=8.5, leading=11, spaceBefore=0, spaceAfter=3)


class NumberedTable(Flowable):
    """A table under its caption, "Table N: sub-heading". Where the table splits across pages,
    the part on the next page is under "Table N: sub-heading (continued)" (and the table's
    heading row, which reportlab repeats)."""

    def __init__(self, table: Table, number: int, subheading: str, styles: StyleSheet1, *,
                 continued: bool = False):
        super().__init__()
        self.table = table
        self.number = number
        self.subheading = subheading
        self.styles = styles
        self.continued = continued
        more = " (continued)" if continued else ""
        self.caption = Paragraph(f"Table {number}: {esc(subheading)}{more}", caption_style(styles))
        self._caption_height = 0.0
        self._table_height = 0.0

    def wrap(self, availWidth, availHeight):
        _, tall = self.caption.wrap(availWidth, availHeight)
        self._caption_height = tall + self.caption.getSpaceAfter()
        width, self._table_height = self.table.wrap(availWidth, availHeight - self._caption_height)
        self.width, self.height = max(width, availWidth), self._caption_height + self._table_height
        return self.width, self.height

    def draw(self) -> None:
        self.caption.drawOn(self.canv, 0, self._table_height + self.caption.getSpaceAfter())
        self.table.drawOn(self.canv, 0, 0)

    def split(self, availWidth, availHeight):
        _, tall = self.caption.wrap(availWidth, availHeight)
        room = availHeight - tall - self.caption.getSpaceAfter()
        parts = self.table.split(availWidth, room) if room > 0 else []
        if len(parts) < 2:
            return []
        first, *rest = parts
        following = [NumberedTable(part, self.number, self.subheading, self.styles, continued=True)
                     for part in rest]
        return [self.caption, first, *following]

    def first_rows_height(self) -> float:
        """The caption, heading row and first row: what must fit where the table starts."""
        return self._caption_height + sum(self.table._rowHeights[:2])


def keep_with_heading(head: list[Flowable], table: NumberedTable, width: float, height: float) -> list[Flowable]:
    """Short tables stay whole with their heading; longer ones start where at least the
    heading, the caption, the header row and the first row fit, then flow across pages."""
    _, table_height = table.wrap(width, height)
    head_height = sum(f.wrap(width, height)[1] + f.getSpaceAfter() + f.getSpaceBefore() for f in head)
    if table_height <= KEEP_WHOLE_SHARE * height:
        return [KeepTogether([*head, table])]
    return [CondPageBreak(head_height + table.first_rows_height() + 12), *head, table]


def rag_paragraph(rag: Rag | None, styles: StyleSheet1, *, word: bool = False) -> Flowable:
    """A RAG cell's content: its tag (see :class:`RagTag`), or a dash when there is no status."""
    if rag is None:
        return Paragraph(NO_VALUE, styles["CellRag"])
    text = f"{rag_word(rag)} ({rag.letter})" if word else rag.letter
    return RagTag(rag, text, styles["CellRag"].fontName)


def data_table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[object]],
    styles: StyleSheet1,
    width: float,
    *,
    word_rag: bool = False,
    total_rows: int = 0,
) -> Table:
    """A bordered table with a repeated heading row. Cells may be text, :class:`Cell` values,
    flowables, :class:`RagCell` values or, in RAG columns, a ``Rag`` (drawn as a small tag
    carrying its letter, or word and letter). The last ``total_rows`` rows are ruled off and banded."""
    header = [fit_cell(Paragraph(esc(c.heading), _aligned(styles["CellHead"], c.align)),
                       c.fraction * width - CELL_PADDING)
              for c in columns]
    body: list[list[object]] = []
    commands: list[tuple] = [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("LINEBELOW", (0, 0), (-1, 0), 1, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    # the widest column's note (a milestone's commentary, a plan's mitigation) prints across the row
    # beneath; notes in other columns (an owner under a workstream) stay in their cell
    widest = max(range(len(columns)), key=lambda i: columns[i].fraction)
    r = 0
    for row in rows:
        r += 1
        cells: list[object] = []
        note: tuple[int, Paragraph] | None = None  # the row's commentary, printed across the row below it
        for c, (column, value) in enumerate(zip(columns, row, strict=True)):
            room = column.fraction * width - CELL_PADDING
            if c == widest and c > 0 and isinstance(value, Cell) and value.note.strip():
                note = (c, Paragraph(esc(clip(value.note)), styles["CellNote"]))
                value = Cell(value.markup, "", value.align)
            if column.rag:
                rag = value if isinstance(value, Rag) else None
                cells.append(rag_paragraph(rag, styles, word=word_rag))
            elif isinstance(value, RagCell):
                cells.append(rag_paragraph(value.rag, styles, word=value.word))
            elif isinstance(value, Cell):
                align = value.align if value.align != "left" else column.align
                cells.append(fit_cell(cell_flowables(value, styles, align), room))
            elif isinstance(value, Flowable) or isinstance(value, list):
                cells.append(fit_cell(value, room))
            elif column.ref:
                cells.append(fit_cell(ref_paragraph(clip(str(value)), styles["Cell"], room), room))
            else:
                style = styles["CellNumber"] if column.align == RIGHT else styles["Cell"]
                cells.append(fit_cell(Paragraph(esc(clip(str(value))), style), room))
        body.append(cells)
        if note is not None:
            # the commentary runs from its own column to the table's right edge, under the row, and
            # the cells to its left span both, so a long comment is a few full-width lines, not a
            # tall narrow column; the two rows never part at a page break
            c, paragraph = note
            room = sum(column.fraction for column in columns[c:]) * width - CELL_PADDING
            below = fit_cell(paragraph, room)
            body.append([""] * c + [below] + [""] * (len(columns) - c - 1))
            r += 1
            commands.extend([("SPAN", (c, r), (-1, r)), ("TOPPADDING", (c, r), (-1, r), 1)])
            tallest = max(_cell_height(cell, column.fraction * width - CELL_PADDING)
                          for cell, column in zip(cells, columns))
            if tallest + _cell_height(below, room) + 4 * CELL_PADDING <= CELL_HEIGHT:
                # only a pair that fits a page is kept whole (a span across the two rows keeps them together)
                commands.extend([*(("SPAN", (j, r - 1), (j, r)) for j in range(c)), ("NOSPLIT", (0, r - 1), (-1, r))])
    if total_rows:
        commands.extend([
            ("LINEABOVE", (0, -total_rows), (-1, -total_rows), 1, RULE),
            ("BACKGROUND", (0, -total_rows), (-1, -1), BAND_FILL),
        ])
    table = Table(
        [header, *body],
        colWidths=[c.fraction * width for c in columns],
        repeatRows=1,
        splitByRow=1,
        hAlign="LEFT",
    )
    table.setStyle(TableStyle(commands))
    return table


def _aligned(style: ParagraphStyle, align: str) -> ParagraphStyle:
    return _right(style) if align == RIGHT else style


@cache
def _right(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-Right", parent=style, alignment=TA_RIGHT)


#: where a reference may break: after a hyphen (or a space), never inside a token
_REF_BREAKS = re.compile(r"(?<=[-\s])")


def ref_lines(text: str, font: str, size: float, room: float) -> list[str]:
    """A reference broken into lines no wider than ``room`` points, each line ending at a hyphen
    (or a space): TUPE-REP-20170401 is "TUPE-REP-" above "20170401", never "TUPE-REP-20" above
    "170401". Only a piece between hyphens wider than the room is left to break where it must."""
    lines: list[str] = []
    current = ""
    for piece in _REF_BREAKS.split(text):
        if not piece:
            continue
        if current and text_width(printable((current + piece).rstrip()), font, size) > room:
            lines.append(current.rstrip())
            current = piece.lstrip()
        else:
            current += piece
    if current.strip():
        lines.append(current.rstrip())
    return lines or [""]


def ref_paragraph(text: str, style: ParagraphStyle, room: float) -> Paragraph:
    """A reference cell: lines broken only after a hyphen (see :func:`ref_lines`)."""
    lines = ref_lines(text, style.fontName, style.fontSize, room)
    return Paragraph("<br/>".join(esc(line) for line in lines), style)


def cell_flowables(value: Cell, styles: StyleSheet1, align: str | None = None) -> Paragraph | list[Flowable]:
    """A cell's paragraph, with its note (commentary) beneath in the note style."""
    style = styles["CellNumber"] if (align or value.align) == RIGHT else styles["Cell"]
    first = Paragraph(value.markup, style)
    if value.note.strip():
        return [first, Paragraph(esc(clip(value.note)), styles["CellNote"])]
    return first


def card_table(card: Card, styles: StyleSheet1, width: float) -> Table:
    """A card as a two-column table: the title across both on the band's tint, keys shaded."""
    rows = [[Paragraph(card.title, styles["Cell"]), ""]]
    # every value is clipped (600 characters at most): a few lines, so no cell needs cutting to fit
    rows += [[Paragraph(esc(key), styles["CellHead"]), Paragraph(markup, styles["Cell"])] for key, markup in card.rows]
    table = Table(rows, colWidths=[0.2 * width, 0.8 * width], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("SPAN", (0, 0), (1, 0)),
        ("BACKGROUND", (0, 0), (1, 0), RAG_FILL[card.band]),
        ("BACKGROUND", (0, 1), (0, -1), BAND_FILL),
        ("BOX", (0, 0), (-1, -1), 0.8, HEADING),
        ("LINEBELOW", (0, 0), (-1, -2), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]))
    return table
