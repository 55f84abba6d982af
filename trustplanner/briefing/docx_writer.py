"""The Word writer: the same sections, written into an editable .docx with python-docx.

Headings use Word's own Title and Heading styles (so Word builds the navigation pane and a
tagged PDF), tables repeat their heading row, charts are pictures with alternative text, the
marking is centred in the header and footer and "Page X of Y" is made of PAGE and NUMPAGES
fields. Only what the writer interface carries is written: the text comes from the sections.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from trustplanner.briefing.data import BriefingData
from trustplanner.briefing.print_text import clip, printable
from trustplanner.briefing.raster import drawing_png
from trustplanner.briefing.sections import SECTIONS, Cover, Section, cover, numbered
from trustplanner.briefing.styles import BAND_FILL, HEAD_FILL, HEADING, INK, MUTED, RAG_FILL, RAG_STRONG
from trustplanner.briefing.wording import NO_VALUE, rag_phrase, rag_word, uk_date
from trustplanner.briefing.writer import (
    MARKUP_TAGS,
    Card,
    Cell,
    Figure,
    RagCell,
    SectionWriter,
    TableNumbers,
    TableSpec,
    esc,
)
from trustplanner.domain.enums import Rag

#: Word's font for the briefing: on every council PC, and Word finds any glyph it lacks elsewhere
FONT = "Arial"
LANGUAGE = "en-GB"
#: the PDF's page geometry (briefing.document.BriefingDocument)
LEFT = RIGHT = Mm(20)
TOP, BOTTOM, FURNITURE = Mm(24), Mm(22), Mm(9)
TEXT_WIDTH = Mm(170)
INDENT = Pt(30)  # numbered paragraphs hang from here, as in the PDF


_SPACE = re.compile(r"[ \t\r\n]+")  # a no-break space is kept, as the PDF keeps it


class MarkupError(ValueError):
    """A section used markup the Word writer does not know (a programming error)."""


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    line_break: bool = False  # a <br/>: the run is empty and breaks the line


class _RunParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.runs: list[Run] = []
        self.bold = self.italic = 0

    def handle_starttag(self, tag, attrs):  # noqa: ANN001 - HTMLParser's signature
        if tag not in MARKUP_TAGS:
            raise MarkupError(f"briefing markup: unknown tag <{tag}>")
        if tag == "b":
            self.bold += 1
        elif tag == "i":
            self.italic += 1
        elif tag == "br":
            self.runs.append(Run("", line_break=True))

    def handle_startendtag(self, tag, attrs):  # noqa: ANN001
        self.handle_starttag(tag, attrs)
        if tag in ("b", "i"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag):  # noqa: ANN001
        if tag not in MARKUP_TAGS:
            raise MarkupError(f"briefing markup: unknown tag </{tag}>")
        if tag == "b":
            self.bold = max(0, self.bold - 1)
        elif tag == "i":
            self.italic = max(0, self.italic - 1)

    def handle_data(self, data):  # noqa: ANN001
        if data:
            self.runs.append(Run(data, self.bold > 0, self.italic > 0))


def runs(markup: str) -> list[Run]:
    """Briefing markup as runs of bold and italic text. White space is made single spaces, as
    the PDF lays it out; a no-break space stays."""
    parser = _RunParser()
    parser.feed(markup)
    parser.close()
    return [Run(_SPACE.sub(" ", run.text), run.bold, run.italic, run.line_break) for run in parser.runs]


def plain(markup: str) -> str:
    """The text of briefing markup, as a reader sees it."""
    return "".join("\n" if run.line_break else run.text for run in runs(markup))


# Low-level helpers -----------------------------------------------------------------------------

def _hex(color) -> str:  # noqa: ANN001 - a reportlab colour
    return color.hexval()[2:].upper()


def _rgb(color) -> RGBColor:  # noqa: ANN001
    return RGBColor.from_string(_hex(color))


def _shade(element, color) -> None:  # noqa: ANN001 - a cell's or run's properties
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), _hex(color))
    element.append(shd)


def _add_runs(paragraph, markup: str, *, size: float | None = None, bold: bool = False,
              italic: bool = False, color=None) -> None:  # noqa: ANN001
    for part in runs(markup):
        run = paragraph.add_run()
        if part.line_break:
            run.add_break(WD_BREAK.LINE)
            continue
        run.text = part.text
        run.bold = part.bold or bold or None
        run.italic = part.italic or italic or None
        if size:
            run.font.size = Pt(size)
        if color is not None:
            run.font.color.rgb = _rgb(color)


def _field(paragraph, instruction: str, shown: str) -> None:  # noqa: ANN001
    """A Word field (PAGE, NUMPAGES) that Word updates; ``shown`` until it does."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None), ("text", shown), ("end", None)):
        run = paragraph.add_run()
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
            run._r.append(element)
        elif kind == "text":
            run.text = text
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        run.font.size = Pt(8.5)
        run.font.color.rgb = _rgb(MUTED)


def _repeat_header(row) -> None:  # noqa: ANN001
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    properties.append(element)


def _no_split(row) -> None:  # noqa: ANN001
    element = OxmlElement("w:cantSplit")
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)


def _grid_widths(grid, widths: Sequence[int]) -> None:  # noqa: ANN001
    """The table grid's column widths too: some readers (LibreOffice) lay out by them, not the cells'."""
    for column, width in zip(grid._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        column.set(qn("w:w"), str(int(width / 635)))  # EMU to twentieths of a point


def _keep_with_next(paragraph) -> None:  # noqa: ANN001
    paragraph.paragraph_format.keep_with_next = True


# The writer ----------------------------------------------------------------------------------

@dataclass
class DocxSectionWriter(SectionWriter):
    """Writes one numbered section into ``document``."""

    number: int
    title: str
    document: object
    width: float = TEXT_WIDTH.pt
    _paragraphs: int = field(default=0)
    tables: TableNumbers = field(default_factory=TableNumbers)

    def heading(self) -> None:
        text = (f"Appendix {self.number}: {printable(self.title)}" if isinstance(self.number, str)
                else f"{self.number}\t{printable(self.title)}")
        self.document.add_heading(text, level=1)

    def para(self, markup: str) -> None:
        self._paragraphs += 1
        paragraph = self.document.add_paragraph(style="List Number Briefing")
        paragraph.add_run(f"{self.number}.{self._paragraphs}\t")
        _add_runs(paragraph, markup)

    def item(self, markup: str, label: str) -> None:
        paragraph = self.document.add_paragraph(style="List Item Briefing")
        paragraph.add_run(f"{label}\t")
        _add_runs(paragraph, markup)

    def _subheading(self, text: str, note: str) -> None:
        _keep_with_next(self.document.add_heading(printable(text), level=2))
        if note:
            paragraph = self.document.add_paragraph(style="Briefing Note")
            _add_runs(paragraph, note)
            _keep_with_next(paragraph)

    def table_block(self, subheading: str, intro: str, table: TableSpec | None, empty: str) -> None:
        self._subheading(subheading, intro)
        if table is None:
            _add_runs(self.document.add_paragraph(style="Briefing Empty"), empty)
            return
        number, caption = self.tables.caption(subheading)
        write_caption(self.document, number, caption)
        write_table(self.document, table)

    def note(self, markup: str) -> None:
        _add_runs(self.document.add_paragraph(style="Briefing Note"), markup)

    def bullets(self, subheading: str, items: Sequence[str]) -> None:
        self._subheading(subheading, "")
        for markup in items:
            paragraph = self.document.add_paragraph(style="List Item Briefing")
            paragraph.add_run("•\t")
            _add_runs(paragraph, markup)

    def badge(self, label: str, rag: Rag) -> None:
        paragraph = self.document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(8)
        first = paragraph.add_run(f"{printable(label)}\t")
        first.bold = True
        first.font.size = Pt(11)
        first.font.color.rgb = _rgb(HEADING)
        word = paragraph.add_run(f"\u00a0{rag_phrase(rag)}\u00a0")
        word.bold = True
        word.font.size = Pt(11)
        word.font.color.rgb = _rgb(INK) if rag is Rag.AMBER else RGBColor(0xFF, 0xFF, 0xFF)
        _shade(word._r.get_or_add_rPr(), RAG_STRONG[rag])

    def figure(self, figure: Figure, subheading: str = "", note: str = "", space_after: float = 6) -> None:
        if subheading:
            self._subheading(subheading, note)
        paragraph = self.document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(space_after)
        width = min(Pt(figure.drawing.width), TEXT_WIDTH)
        shape = paragraph.add_run().add_picture(io.BytesIO(drawing_png(figure.drawing)), width=width)
        properties = shape._inline.docPr
        properties.set("descr", printable(figure.alt_text))
        properties.set("title", printable(subheading) if subheading else "Chart")

    def cards(self, subheading: str, note: str, cards: Sequence[Card], empty: str) -> None:
        self._subheading(subheading, note)
        if not cards:
            _add_runs(self.document.add_paragraph(style="Briefing Empty"), empty)
            return
        for card in cards:
            write_card(self.document, card)
            self.document.add_paragraph().paragraph_format.space_after = Pt(0)


def _cell_text(cell, markup: str, *, align: str = "left", bold: bool = False, color=None) -> None:  # noqa: ANN001
    paragraph = cell.paragraphs[0]
    paragraph.style = "Briefing Cell"
    if align == "right":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif align == "center":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _add_runs(paragraph, markup, bold=bold, color=color)


def write_caption(document, number: int, caption: str) -> None:
    """A table's caption in Word's Caption style, kept with the table: "Table " and a SEQ Table
    field (so Word lists it among the document's tables), then the rest of ``caption``."""
    paragraph = document.add_paragraph(style="Caption")
    _keep_with_next(paragraph)
    prefix = f"Table {number}"
    assert caption.startswith(prefix)
    paragraph.add_run("Table ")
    for kind, text in (("begin", None), ("instr", " SEQ Table \\* ARABIC "), ("separate", None),
                       ("text", str(number)), ("end", None)):
        run = paragraph.add_run()
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
            run._r.append(element)
        elif kind == "text":
            run.text = text
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
    paragraph.add_run(caption[len(prefix):])


def write_table(document, table: TableSpec) -> None:  # noqa: ANN001
    """A table with its heading row marked to repeat on every page; rows never split."""

    grid = document.add_table(rows=1 + len(table.rows), cols=len(table.columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    grid.autofit = False
    widths = [int(TEXT_WIDTH * column.fraction) for column in table.columns]
    header = grid.rows[0]
    _repeat_header(header)
    for index, column in enumerate(table.columns):
        target = header.cells[index]
        _cell_text(target, esc(column.heading), align=column.align, bold=True, color=HEADING)
        _shade(target._tc.get_or_add_tcPr(), HEAD_FILL)
    first_total = len(table.rows) - table.total_rows
    for r, values in enumerate(table.rows):
        row = grid.rows[r + 1]
        _no_split(row)
        for c, (column, value) in enumerate(zip(table.columns, values, strict=True)):
            target = row.cells[c]
            if r >= first_total:
                _shade(target._tc.get_or_add_tcPr(), BAND_FILL)
            rag, word = None, table.word_rag
            if column.rag:
                rag = value if isinstance(value, Rag) else None
                value = RagCell(rag, word)
            if isinstance(value, RagCell):
                text = NO_VALUE if value.rag is None else (
                    f"{rag_word(value.rag)} ({value.rag.letter})" if value.word else value.rag.letter)
                _cell_text(target, text, align="center", bold=True)
                if value.rag is not None:
                    _shade(target._tc.get_or_add_tcPr(), RAG_FILL[value.rag])
            elif isinstance(value, Cell):
                _cell_text(target, value.markup, align=value.align if value.align != "left" else column.align)
                if value.note.strip():
                    note = target.add_paragraph(style="Briefing Cell Note")
                    note.add_run(printable(clip(value.note, 600)))
            else:
                _cell_text(target, esc(clip(str(value), 600)), align=column.align)
    for row in grid.rows:
        for index, width in enumerate(widths):
            row.cells[index].width = width
    _grid_widths(grid, widths)


def write_card(document, card: Card) -> None:  # noqa: ANN001

    grid = document.add_table(rows=1 + len(card.rows), cols=2)
    grid.style = "Table Grid"
    grid.autofit = False
    title = grid.rows[0].cells[0].merge(grid.rows[0].cells[1])
    _repeat_header(grid.rows[0])
    _cell_text(title, card.title)
    _shade(title._tc.get_or_add_tcPr(), RAG_FILL[card.band])
    for r, (key, markup) in enumerate(card.rows, start=1):
        row = grid.rows[r]
        _no_split(row)
        _cell_text(row.cells[0], esc(key), bold=True, color=HEADING)
        _shade(row.cells[0]._tc.get_or_add_tcPr(), BAND_FILL)
        _cell_text(row.cells[1], markup)
    for row in grid.rows[1:]:
        row.cells[0].width = int(TEXT_WIDTH * 0.2)
        row.cells[1].width = int(TEXT_WIDTH * 0.8)
    _grid_widths(grid, [int(TEXT_WIDTH * 0.2), int(TEXT_WIDTH * 0.8)])


# The document ----------------------------------------------------------------------------------

class BriefingWordDocument:
    """The briefing as a Word document."""

    #: what the running header calls the document, and the properties' note on what the file is
    running_title = "Programme briefing"
    comments = "Written by TrustPlanner: a working copy of the briefing, not an issued one."

    def __init__(self, data: BriefingData, sections: Sequence[Section] = SECTIONS):
        self.data = data
        self.sections = sections

    def render(self, target: str | Path | BinaryIO) -> None:
        document = Document()
        self._page(document)
        self._styles(document)
        self._properties(document)
        self._furniture(document)
        self._cover(document, self.cover())
        tables = TableNumbers()  # numbered through the document, as the PDF numbers them
        for number, section in numbered(self.data, self.sections):
            writer = DocxSectionWriter(number, section.title, document, tables=tables)
            writer.heading()
            section.build(self.data, writer)
        document.save(str(target) if isinstance(target, Path) else target)

    def cover(self) -> Cover:
        return cover(self.data)

    def _page(self, document) -> None:  # noqa: ANN001
        section = document.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin, section.right_margin = LEFT, RIGHT
        section.top_margin, section.bottom_margin = TOP, BOTTOM
        section.header_distance = section.footer_distance = FURNITURE

    def _styles(self, document) -> None:  # noqa: ANN001
        styles = document.styles
        defaults = styles.element.find(qn("w:docDefaults"))
        run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        language = run_defaults.find(qn("w:lang"))
        if language is None:
            language = OxmlElement("w:lang")
            run_defaults.append(language)
        for attribute in ("w:val", "w:eastAsia", "w:bidi"):
            language.set(qn(attribute), LANGUAGE)
        normal = styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(10)
        normal.font.color.rgb = _rgb(INK)
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.line_spacing = 1.1
        for name, size, before, after in (("Title", 17, 2, 10), ("Heading 1", 12.5, 12, 6), ("Heading 2", 10.5, 8, 4)):
            style = styles[name]
            style.font.name = FONT
            style.font.size = Pt(size)
            style.font.bold = True
            style.font.italic = False
            style.font.color.rgb = _rgb(HEADING)
            style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:asciiTheme"), "")
            for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                style.element.rPr.rFonts.attrib.pop(qn(theme), None)
            style.paragraph_format.space_before = Pt(before)
            style.paragraph_format.space_after = Pt(after)
        title_border = styles["Title"].element.pPr.find(qn("w:pBdr"))
        if title_border is not None:
            styles["Title"].element.pPr.remove(title_border)
        styles["Heading 1"].paragraph_format.tab_stops.add_tab_stop(INDENT)
        from docx.enum.style import WD_STYLE_TYPE

        def paragraph_style(name: str, base: str = "Normal"):  # noqa: ANN202
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles[base]
            return style

        numbered_style = paragraph_style("List Number Briefing")
        numbered_style.paragraph_format.left_indent = INDENT
        numbered_style.paragraph_format.first_line_indent = -INDENT
        numbered_style.paragraph_format.tab_stops.add_tab_stop(INDENT)
        item = paragraph_style("List Item Briefing")
        item.paragraph_format.left_indent = Pt(46)
        item.paragraph_format.first_line_indent = Pt(-16)
        item.paragraph_format.tab_stops.add_tab_stop(Pt(46))
        item.paragraph_format.space_after = Pt(4)
        note = paragraph_style("Briefing Note")
        note.font.size = Pt(8.5)
        note.font.color.rgb = _rgb(MUTED)
        empty = paragraph_style("Briefing Empty")
        empty.font.italic = True
        empty.paragraph_format.left_indent = INDENT
        council = paragraph_style("Briefing Council")
        council.font.size = Pt(11)
        council.font.bold = True
        council.font.color.rgb = _rgb(MUTED)
        council.paragraph_format.space_after = Pt(2)
        cell = paragraph_style("Briefing Cell")
        cell.font.size = Pt(8)
        cell.paragraph_format.space_after = Pt(0)
        cell.paragraph_format.line_spacing = 1.0
        cell_note = paragraph_style("Briefing Cell Note", "Briefing Cell")
        cell_note.font.italic = True
        cell_note.font.color.rgb = _rgb(MUTED)
        cell_note.paragraph_format.space_before = Pt(2)
        marking = paragraph_style("Briefing Marking")
        marking.font.bold = True
        marking.font.size = Pt(10)
        marking.font.color.rgb = _rgb(HEADING)
        marking.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        marking.paragraph_format.space_after = Pt(0)
        furniture = paragraph_style("Briefing Furniture")
        furniture.font.size = Pt(8)
        furniture.font.color.rgb = _rgb(MUTED)
        furniture.paragraph_format.space_after = Pt(0)

    def _properties(self, document) -> None:  # noqa: ANN001
        header = self.data.header
        properties = document.core_properties
        properties.title = printable(header.title)
        properties.subject = (f"{printable(header.meeting_name)}, {uk_date(header.meeting)}: "
                              f"position as at {uk_date(header.as_of)}")
        properties.author = printable(header.council)[:255]
        properties.keywords = printable(header.marking)
        properties.category = printable(header.marking)
        properties.language = LANGUAGE
        properties.comments = self.comments
        properties.last_modified_by = "TrustPlanner"
        now = datetime.now().replace(microsecond=0)
        properties.created = properties.modified = now
        properties.revision = 1

    def _furniture(self, document) -> None:  # noqa: ANN001
        header = self.data.header
        section = document.sections[0]
        section.different_first_page_header_footer = True
        marking = printable(header.marking)
        for part in (section.first_page_header, section.header):
            paragraph = part.paragraphs[0]
            paragraph.style = "Briefing Marking"
            paragraph.add_run(marking)
        running = section.header.add_paragraph(style="Briefing Furniture")
        running.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
        running.paragraph_format.space_before = Pt(4)
        running.add_run(f"{printable(header.council)}\t{self.running_title}: position as at {uk_date(header.as_of)}")
        meeting = f"{printable(header.meeting_name)}, {uk_date(header.meeting)}"
        for part in (section.first_page_footer, section.footer):
            paragraph = part.paragraphs[0]
            paragraph.style = "Briefing Furniture"
            stops = paragraph.paragraph_format.tab_stops
            stops.add_tab_stop(Mm(85), WD_TAB_ALIGNMENT.CENTER)
            stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
            paragraph.add_run(f"{meeting}\t")
            mark = paragraph.add_run(marking)
            mark.bold = True
            mark.font.size = Pt(10)
            mark.font.color.rgb = _rgb(HEADING)
            paragraph.add_run("\tPage ")
            _field(paragraph, "PAGE", "1")
            paragraph.add_run(" of ")
            _field(paragraph, "NUMPAGES", "1")

    def _cover(self, document, details: Cover) -> None:  # noqa: ANN001
        for line in details.lines:
            _add_runs(document.add_paragraph(style="Briefing Council"), line)
        title = document.add_paragraph(style="Title")
        _add_runs(title, details.title)
        grid = document.add_table(rows=len(details.rows), cols=4)
        grid.autofit = False
        widths = [int(TEXT_WIDTH * w) for w in (0.22, 0.31, 0.19, 0.28)]
        for row, values in zip(grid.rows, details.rows, strict=True):
            for index, value in enumerate(values):
                target = row.cells[index]
                target.width = widths[index]
                _shade(target._tc.get_or_add_tcPr(), BAND_FILL)
                if index % 2 == 0:
                    _cell_text(target, esc(value), bold=True, color=HEADING)
                else:
                    _cell_text(target, esc(value))
        _grid_widths(grid, widths)
        document.add_paragraph().paragraph_format.space_after = Pt(0)


def render_briefing_docx(data: BriefingData, target: str | Path | BinaryIO) -> None:
    """Write ``data`` as a Word document to a path or binary file."""
    BriefingWordDocument(data).render(target)
