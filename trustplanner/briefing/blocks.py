"""Building blocks every section uses: numbered paragraphs, tables and RAG cells.

Tables take column widths as fractions of the frame width, repeat their heading row on every
page and never split a row (reportlab's default). So that one row always fits a page, cell text
is capped: plain text at :data:`CELL_LIMIT` characters, and any cell taller than
:data:`CELL_HEIGHT` is cut there with a note of how much more the plan holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib.styles import StyleSheet1
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Spacer,
    Table,
    TableStyle,
)

from trustplanner.briefing import print_text
from trustplanner.briefing.print_text import TextParagraph as Paragraph
from trustplanner.briefing.print_text import continues
from trustplanner.briefing.styles import (
    GRID,
    HEAD_FILL,
    RAG_FILL,
    RULE,
    briefing_styles,
)
from trustplanner.briefing.wording import NO_VALUE, rag_word
from trustplanner.domain.enums import Rag

#: Longest text one table cell shows; longer commentary is cut with a pointer to the plan.
CELL_LIMIT = 600
#: Tallest a table cell is drawn (points): about 60 lines of cell text, so a row with its
#: table's heading row, sub-heading and note still fits the A4 frame (711 points tall).
CELL_HEIGHT = 600.0
#: Left plus right padding of a table cell (points).
CELL_PADDING = 8.0
#: A table this share of the frame or shorter is kept on one page with its heading.
KEEP_WHOLE_SHARE = 0.25


def esc(text: str) -> str:
    """User text made printable and safe for reportlab's paragraph markup (the one place it is;
    see :mod:`trustplanner.briefing.print_text`)."""
    return print_text.markup(text)


def clip(text: str, limit: int = CELL_LIMIT) -> str:
    return print_text.clip(text, limit)


def fit_cell(content: object, width: float, height: float = CELL_HEIGHT) -> object:
    """A table cell's flowables cut so they are no taller than ``height``: the paragraph that
    runs over is split where the room ends and a note says how many characters are not shown."""
    flowables = content if isinstance(content, list) else [content]
    if not all(isinstance(f, Flowable) for f in flowables):
        return content
    if all(isinstance(f, Paragraph) for f in flowables) and height >= sum(
            max(_characters(f), 1) * f.style.leading + f.getSpaceBefore() + f.getSpaceAfter() for f in flowables):
        return content  # fits even at one character a line: no need to lay it out to know
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


def _characters(flowable: Flowable) -> int:
    return len(flowable.printed_text()) if isinstance(flowable, Paragraph) else 0


@dataclass(frozen=True)
class Column:
    heading: str
    fraction: float
    rag: bool = False  # cells hold a Rag and are tinted


@dataclass
class SectionWriter:
    """Collects one numbered section's flowables: paragraphs are numbered 3.1, 3.2, ..."""

    number: int
    title: str
    styles: StyleSheet1
    width: float
    height: float
    flowables: list[Flowable] = field(default_factory=list)
    _paragraphs: int = 0

    def heading(self) -> None:
        self.flowables.append(CondPageBreak(0.18 * self.height))
        self.flowables.append(Paragraph(f"{self.number}&nbsp;&nbsp;&nbsp;{esc(self.title)}",
                                        self.styles["Section"]))

    def para(self, markup: str) -> None:
        """A numbered paragraph; ``markup`` is reportlab markup (escape user text with esc)."""
        self._paragraphs += 1
        self.flowables.append(Paragraph(markup, self.styles["Numbered"],
                                        bulletText=f"{self.number}.{self._paragraphs}"))

    def item(self, markup: str, label: str) -> None:
        """A lettered item under the last numbered paragraph: (a), (b), ..."""
        self.flowables.append(Paragraph(markup, self.styles["Recommendation"], bulletText=label))

    def add(self, *flowables: Flowable) -> None:
        self.flowables.extend(flowables)

    def table_block(self, subheading: str, intro: str, table: Table | None, empty: str) -> None:
        """A sub-heading, a line saying what the table shows, then the table or, when there
        are no rows, a sentence saying so. The heading never ends a page on its own."""
        head: list[Flowable] = [Paragraph(esc(subheading), self.styles["Subsection"])]
        if intro:
            head.append(Paragraph(intro, self.styles["Note"]))
        if table is None:
            head.append(Paragraph(empty, self.styles["Empty"]))
            self.flowables.append(KeepTogether(head))
            return
        self.flowables.extend(keep_with_heading(head, table, self.width, self.height))
        self.flowables.append(Spacer(1, 4))


def keep_with_heading(head: list[Flowable], table: Table, width: float, height: float) -> list[Flowable]:
    """Short tables stay whole with their heading; longer ones start where at least the
    heading, the header row and the first row fit, then flow across pages."""
    _, table_height = table.wrap(width, height)
    head_height = sum(f.wrap(width, height)[1] + f.getSpaceAfter() + f.getSpaceBefore() for f in head)
    if table_height <= KEEP_WHOLE_SHARE * height:
        return [KeepTogether([*head, table])]
    first_rows = sum(table._rowHeights[:2])
    return [CondPageBreak(head_height + first_rows + 12), *head, table]


def rag_paragraph(rag: Rag | None, styles: StyleSheet1, *, word: bool = False) -> Paragraph:
    if rag is None:
        return Paragraph(NO_VALUE, styles["CellRag"])
    text = f"{rag_word(rag)} ({rag.letter})" if word else rag.letter
    return Paragraph(text, styles["CellRag"])


def data_table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[object]],
    styles: StyleSheet1,
    width: float,
    *,
    word_rag: bool = False,
) -> Table:
    """A bordered table with a repeated heading row. Cells may be text, flowables or, in RAG
    columns, a ``Rag`` (drawn as a tinted cell carrying its letter, or word and letter)."""
    header = [fit_cell(Paragraph(esc(c.heading), styles["CellHead"]), c.fraction * width - CELL_PADDING)
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
    for r, row in enumerate(rows, start=1):
        cells: list[object] = []
        for c, (column, value) in enumerate(zip(columns, row, strict=True)):
            room = column.fraction * width - CELL_PADDING
            if column.rag:
                rag = value if isinstance(value, Rag) else None
                cells.append(rag_paragraph(rag, styles, word=word_rag))
                if rag is not None:
                    commands.append(("BACKGROUND", (c, r), (c, r), RAG_FILL[rag]))
            elif isinstance(value, Flowable) or isinstance(value, list):
                cells.append(fit_cell(value, room))
            else:
                cells.append(fit_cell(Paragraph(esc(clip(str(value))), styles["Cell"]), room))
        body.append(cells)
    table = Table(
        [header, *body],
        colWidths=[c.fraction * width for c in columns],
        repeatRows=1,
        splitByRow=1,
        hAlign="LEFT",
    )
    table.setStyle(TableStyle(commands))
    return table


def cell(markup: str, styles: StyleSheet1, note: str = "") -> list[Flowable]:
    """A table cell of one paragraph, with an optional italic note (commentary) beneath."""
    parts: list[Flowable] = [Paragraph(markup, styles["Cell"])]
    if note.strip():
        parts.append(Paragraph(esc(clip(note)), styles["CellNote"]))
    return parts
