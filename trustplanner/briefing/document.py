"""The briefing renderer: A4 portrait page geometry, page furniture and the story.

Every page carries the protective marking centred at the top and bottom and "Page x of y";
the total comes from a canvas that holds pages back until the document is complete. The PDF has
an outline entry (bookmark) for every section and appendix, its title, subject, author and
marking in its metadata, its language (en-GB) and the date it was made. Only with
``deterministic`` (for tests) is the output byte-stable: a fixed date, so the same data always
gives the same file.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.lib.styles import StyleSheet1
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from trustplanner.briefing.blocks import CELL_HEIGHT, PdfSectionWriter, esc, fit_cell, keep_last_words
from trustplanner.briefing.data import BriefingData
from trustplanner.briefing.print_text import TextParagraph as Paragraph
from trustplanner.briefing.print_text import draw, fit, printable
from trustplanner.briefing.print_text import width as text_width
from trustplanner.briefing.sections import SECTIONS, Cover, Section, cover, numbered
from trustplanner.briefing.styles import BAND_FILL, HEADING, MUTED, RULE, briefing_fonts, briefing_styles
from trustplanner.briefing.wording import uk_date
from trustplanner.briefing.writer import TableNumbers

#: pale enough that every word printed over it stays readable in greyscale
DRAFT_MARK = Color(0.86, 0.86, 0.86)


class NumberedCanvas(Canvas):
    """Holds each page until :meth:`save`, then stamps "Page x of y" on all of them."""

    def __init__(self, *args, label_font: str = "Helvetica", label_right: float = 0,
                 label_y: float = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self._held_pages: list[dict] = []
        self._label = (label_font, label_right, label_y)
        self.page_total = 0

        self._section_marks: list[tuple[str, str, float]] = []

    def mark_section(self, key: str, title: str, top: float) -> None:
        """An outline entry for a heading drawn ``top`` points up this page. It is made when the
        page is written: until then reportlab counts every held page as the first."""
        self._section_marks.append((key, title, top))

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._held_pages.append(dict(self.__dict__))
        self._section_marks = []
        self._startPage()

    def save(self) -> None:
        total = len(self._held_pages)
        font, right, y = self._label
        for state in self._held_pages:
            self.__dict__.update(state)
            self.page_total = total
            for key, title, top in self._section_marks:
                self.bookmarkPage(key, fit="XYZ", top=top)
                self.addOutlineEntry(title, key, level=0)
            self.saveState()
            self.setFont(font, 8.5)
            self.setFillColor(MUTED)
            self.drawRightString(right, y, f"Page {self._pageNumber} of {self.page_total}")
            self.restoreState()
            super().showPage()
        self.showOutline()  # a reader opens with the sections listed beside the page
        super().save()


class BriefingDocument:
    """Lays out one briefing. ``render`` returns the number of pages written."""

    page_size = A4
    left = right = 20 * mm
    top = 24 * mm
    bottom = 22 * mm
    furniture_y = 11 * mm  # baseline of the footer line and, from the top, of the marking
    #: what the running header of later pages and the metadata's keywords call the document
    running_title = "Programme briefing"

    def __init__(self, data: BriefingData, sections: Sequence[Section] = SECTIONS, *,
                 deterministic: bool = False):
        self.data = data
        self.sections = sections
        self.deterministic = deterministic
        self.fonts = briefing_fonts()
        self.styles = briefing_styles()
        width, height = self.page_size
        self.frame_width = width - self.left - self.right
        self.frame_height = height - self.top - self.bottom
        self._marking_fitted: tuple[str, float] | None = None

    def render(self, target: str | Path | BinaryIO) -> int:
        header = self.data.header
        marking = printable(header.marking)[:500]
        doc = BaseDocTemplate(
            str(target) if isinstance(target, Path) else target,
            pagesize=self.page_size,
            leftMargin=self.left, rightMargin=self.right,
            topMargin=self.top, bottomMargin=self.bottom,
            title=printable(header.title),
            author=printable(header.council)[:500],
            subject=(f"{marking}: {printable(header.meeting_name)[:500]}, {uk_date(header.meeting)}: "
                     f"position as at {uk_date(header.as_of)}"),
            keywords=[marking, self.running_title.lower()],
            creator="TrustPlanner",
            lang="en-GB",
            invariant=1 if self.deterministic else 0,
        )
        frame = Frame(self.left, self.bottom, self.frame_width, self.frame_height,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
        doc.addPageTemplates([
            PageTemplate("first", [frame], onPage=self._first_page),
            PageTemplate("later", [frame], onPage=self._later_page),
        ])
        canvas_maker = partial(
            NumberedCanvas,
            label_font=self.fonts.regular,
            label_right=self.page_size[0] - self.right,
            label_y=self.furniture_y,
        )
        doc.build(self.story(), canvasmaker=canvas_maker)
        return doc.canv.page_total

    def story(self) -> list[Flowable]:
        story: list[Flowable] = [NextPageTemplate("later")]
        story.extend(header_block(self.cover(), self.styles, self.frame_width))
        tables = TableNumbers()  # numbered through the document, as the Word version numbers them
        for number, section in numbered(self.data, self.sections):
            writer = PdfSectionWriter(number, section.title, self.styles, self.frame_width, self.frame_height,
                                      tables=tables)
            writer.heading()
            section.build(self.data, writer)
            story.extend(writer.flowables)
        return story

    def cover(self) -> Cover:
        return cover(self.data)

    # Page furniture -------------------------------------------------------------------------

    def _marking_text(self) -> tuple[str, float]:
        """The marking and its size: smaller for a long one, and cut to 0.42 of the page."""
        if self._marking_fitted is None:
            room = 0.42 * self.page_size[0]
            marking = fit(printable(self.data.header.marking), self.fonts.bold, 6, room)
            size = 10.0
            while size > 6 and text_width(marking, self.fonts.bold, size) > room:
                size -= 0.5  # a long marking must not run into the footer either side of it
            self._marking_fitted = fit(marking, self.fonts.bold, size, room), size
        return self._marking_fitted

    def _marking(self, canvas: Canvas) -> None:
        width, height = self.page_size
        marking, size = self._marking_text()
        canvas.setFillColor(HEADING)
        draw(canvas, width / 2, height - self.furniture_y - 3, marking, self.fonts.bold, size, "middle")
        draw(canvas, width / 2, self.furniture_y, marking, self.fonts.bold, size, "middle")

    def _footer(self, canvas: Canvas) -> None:
        header = self.data.header
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(self.left, self.bottom - 5 * mm, self.page_size[0] - self.right, self.bottom - 5 * mm)
        canvas.setFillColor(MUTED)
        marking, size = self._marking_text()
        room = (self.page_size[0] - text_width(marking, self.fonts.bold, size)) / 2 - self.left - 10
        meeting = fit(f"{printable(header.meeting_name)}, {uk_date(header.meeting)}", self.fonts.regular, 8.5, room)
        draw(canvas, self.left, self.furniture_y, meeting, self.fonts.regular, 8.5)

    def _draft(self, canvas: Canvas) -> None:
        """A draft says so across the page, pale and behind the text, so no one mistakes it for
        the issued briefing (drawn first: the page's content prints over it)."""
        if not self.data.draft:
            return
        width, height = self.page_size
        canvas.saveState()
        canvas.setFillColor(DRAFT_MARK)
        canvas.translate(width / 2, height / 2)
        canvas.rotate(52)
        canvas.setFont(self.fonts.bold, 120)
        canvas.drawCentredString(0, -40, "DRAFT")
        canvas.restoreState()

    def _first_page(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        canvas.saveState()
        self._draft(canvas)
        self._marking(canvas)
        self._footer(canvas)
        canvas.restoreState()

    def _later_page(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        width, height = self.page_size
        header = self.data.header
        canvas.saveState()
        self._draft(canvas)
        self._marking(canvas)
        self._footer(canvas)
        y = height - self.top + 5 * mm
        canvas.setFont(self.fonts.regular, 8)
        canvas.setFillColor(MUTED)
        stamp = "DRAFT: " if self.data.draft else (f"Version {self.data.version}: " if self.data.version else "")
        running = f"{stamp}{self.running_title}: position as at {uk_date(header.as_of)}"
        room = self.frame_width - stringWidth(running, self.fonts.regular, 8) - 12
        council = fit(printable(header.council), self.fonts.regular, 8, room)
        draw(canvas, self.left, y + 1.5 * mm, council, self.fonts.regular, 8)
        canvas.setFont(self.fonts.regular, 8)
        canvas.drawRightString(width - self.right, y + 1.5 * mm, running)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(self.left, y, width - self.right, y)
        canvas.restoreState()


def header_block(details: Cover, styles: StyleSheet1, width: float) -> list[Flowable]:
    """The cover: council, meeting, title, then the details in a banded table."""
    widths = [w * width for w in (0.22, 0.31, 0.19, 0.28)]

    def pair(key: str, value: str, column: int) -> list[object]:
        value_width = widths[column + 1] - 12  # the cells' padding
        return [Paragraph(esc(key), styles["HeaderKey"]),
                fit_cell(Paragraph(esc(value), styles["HeaderValue"]), value_width, CELL_HEIGHT / 6)]

    rows = [pair(key, value, 0) + pair(key2, value2, 2) for key, value, key2, value2 in details.rows]
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
        *(Paragraph(line, styles["Council"]) for line in details.lines),
        Paragraph(keep_last_words(details.title), styles["Title"]),
        table,
        Spacer(1, 6),
    ]


def render_briefing(data: BriefingData, target: str | Path | BinaryIO, *, deterministic: bool = False) -> int:
    """Render ``data`` as a PDF to a path or binary file; returns the page count. The PDF carries
    the date it was made; ``deterministic`` (tests only) fixes it so the bytes depend on the data alone."""
    return BriefingDocument(data, deterministic=deterministic).render(target)
