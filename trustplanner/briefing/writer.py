"""What a section says, in a form every output can render: the writer interface and its values.

Sections talk only to a :class:`SectionWriter`. They hand it paragraphs in the briefing's
markup (see :data:`MARKUP_TAGS`), tables of :class:`Cell` values, figures and cards; the PDF
writer (:mod:`trustplanner.briefing.blocks`) and the Word writer
(:mod:`trustplanner.briefing.docx_writer`) each turn them into their own objects, so the text of
a section is written once (docs/design/0012-briefing-writers.md).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.graphics.shapes import Drawing

from trustplanner.briefing import print_text
from trustplanner.domain.enums import Rag

#: Longest text one table cell shows; longer commentary is cut with a pointer to the plan.
CELL_LIMIT = 600

#: The markup a section may use in paragraphs and cells: bold, italic, a line break, and the
#: font of a run the main font lacks (added by :func:`esc`). Entities: &amp; &lt; &gt; &nbsp;.
MARKUP_TAGS = frozenset({"b", "i", "br", "font"})


def esc(text: str) -> str:
    """User text made printable and safe for the briefing's markup (the one place it is;
    see :mod:`trustplanner.briefing.print_text`)."""
    return print_text.markup(text)


def clip(text: str, limit: int = CELL_LIMIT) -> str:
    return print_text.clip(text, limit)


#: Columns aligned to the right: numbers (days, counts, money, percentages), heading included.
RIGHT = "right"


@dataclass(frozen=True)
class Column:
    """A table column: its heading, its share of the text width, and how its cells print.
    ``align`` is ``"left"`` or ``"right"`` (numbers; the heading too); a ``ref`` column holds
    references, which break across lines only after a hyphen, never inside a token."""

    heading: str
    fraction: float
    rag: bool = False  # cells hold a Rag: a tag in the PDF, a tinted cell in Word
    align: str = "left"
    ref: bool = False


@dataclass(frozen=True)
class Cell:
    """A table cell: a paragraph of markup and an optional note (commentary, plain text,
    clipped) beneath it. Numbers are aligned right (``align="right"``, or a right column's)."""

    markup: str
    note: str = ""
    align: str = "left"


@dataclass(frozen=True)
class RagCell:
    """A cell showing a RAG status by its letter (or word and letter): a tag in the PDF, a tinted
    cell in Word."""

    rag: Rag | None
    word: bool = False


@dataclass(frozen=True)
class TableSpec:
    """A table to print: a heading row (repeated on every page) and rows of cells. A cell is
    plain text, a :class:`Cell`, a :class:`RagCell` or, in a RAG column, a ``Rag``. The last
    ``total_rows`` rows are totals: ruled off and banded."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[object, ...], ...]
    word_rag: bool = False
    total_rows: int = 0


@dataclass(frozen=True)
class Figure:
    """A chart and what it shows in words (the Word picture's alternative text)."""

    drawing: Drawing
    alt_text: str


@dataclass(frozen=True)
class Card:
    """A boxed record (an escalated risk): a title on its band's tint, then key and value rows.
    ``title`` and the values are markup; the keys are plain text."""

    title: str
    band: Rag
    rows: tuple[tuple[str, str], ...]


def table_caption(number: int, subheading: str, *, continued: bool = False) -> str:
    """A table's caption as printed (plain text): "Table 3: Overdue milestones", and on a page
    the table runs on to, "Table 3: Overdue milestones (continued)"."""
    text = f"Table {number}: {print_text.printable(subheading)}"
    return f"{text} (continued)" if continued else text


@dataclass
class TableNumbers:
    """Numbers the tables through one document: one is shared by all of a document's section
    writers, so the PDF and the Word version (built from the same sections) number alike."""

    captions: list[str] = field(default_factory=list)

    def caption(self, subheading: str) -> tuple[int, str]:
        """The next table's number and caption."""
        number = len(self.captions) + 1
        self.captions.append(table_caption(number, subheading))
        return number, self.captions[-1]


class SectionWriter(ABC):
    """Collects one numbered section: paragraphs are numbered 3.1, 3.2, ..."""

    number: int
    title: str
    #: the width of the text column in points, for the section's charts
    width: float
    #: the document's table numbers (shared by every section of one document)
    tables: TableNumbers

    def table(self, columns: Sequence[Column], rows: Sequence[Sequence[object]], *, word_rag: bool = False,
              total_rows: int = 0) -> TableSpec:
        return TableSpec(tuple(columns), tuple(tuple(row) for row in rows), word_rag, total_rows)

    @abstractmethod
    def heading(self) -> None:
        """The section's numbered heading."""

    @abstractmethod
    def para(self, markup: str) -> None:
        """A numbered paragraph; ``markup`` is briefing markup (escape user text with esc)."""

    @abstractmethod
    def item(self, markup: str, label: str) -> None:
        """A lettered item under the last numbered paragraph: (a), (b), ..."""

    @abstractmethod
    def table_block(self, subheading: str, intro: str, table: TableSpec | None, empty: str) -> None:
        """A sub-heading, a line saying what the table shows (markup), then the table under its
        numbered caption ("Table N: sub-heading", see :class:`TableNumbers`) or, when there are no
        rows, a sentence saying so."""

    @abstractmethod
    def note(self, markup: str) -> None:
        """An unnumbered line in small print: a key, a source."""

    @abstractmethod
    def bullets(self, subheading: str, items: Sequence[str]) -> None:
        """A sub-heading and a bulleted list of lines (markup), the heading kept with the first."""

    @abstractmethod
    def badge(self, label: str, rag: Rag) -> None:
        """A status as a word, a colour and a letter, so it reads printed in greyscale."""

    @abstractmethod
    def figure(self, figure: Figure, subheading: str = "", note: str = "", space_after: float = 6) -> None:
        """A chart, after an optional sub-heading and note (markup) kept with it."""

    @abstractmethod
    def cards(self, subheading: str, note: str, cards: Sequence[Card], empty: str) -> None:
        """A sub-heading and note (markup), then each card whole, or ``empty`` when there are none."""

    def need_room(self, points: float) -> None:
        """Start the section on a new page unless ``points`` are left (paged outputs only)."""

    def rag_key(self) -> None:
        """A line in small print saying how the RAG statuses in tables are drawn, where an
        output draws them as more than a tinted cell with its letter (the PDF's tags)."""
