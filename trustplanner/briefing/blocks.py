"""Building blocks every section uses: numbered paragraphs, tables and RAG cells.

Tables take column widths as fractions of the frame width, repeat their heading row on every
page and never split a row (reportlab's default); cell text is capped so one row always fits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.lib.styles import StyleSheet1
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from trustplanner.briefing.styles import GRID, HEAD_FILL, RAG_FILL, RULE
from trustplanner.briefing.wording import NO_VALUE, rag_word
from trustplanner.domain.enums import Rag

#: Longest text one table cell shows; longer commentary is cut with a pointer to the plan.
CELL_LIMIT = 600
#: A table this share of the frame or shorter is kept on one page with its heading.
KEEP_WHOLE_SHARE = 0.25


def esc(text: str) -> str:
    """User text made safe for reportlab's paragraph markup."""
    return escape(text or "")


def clip(text: str, limit: int = CELL_LIMIT) -> str:
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    return text[: limit - 30].rsplit(" ", 1)[0] + " … (shortened; see the plan)"


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
    header = [Paragraph(esc(c.heading), styles["CellHead"]) for c in columns]
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
            if column.rag:
                rag = value if isinstance(value, Rag) else None
                cells.append(rag_paragraph(rag, styles, word=word_rag))
                if rag is not None:
                    commands.append(("BACKGROUND", (c, r), (c, r), RAG_FILL[rag]))
            elif isinstance(value, Flowable) or isinstance(value, list):
                cells.append(value)
            else:
                cells.append(Paragraph(esc(clip(str(value))), styles["Cell"]))
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
