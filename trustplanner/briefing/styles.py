"""The briefing's one stylesheet, its fonts and its colours.

Fonts are registered once per process. DejaVu Sans is used when it is bundled under
``resources/fonts`` or installed on the system (it covers names such as "Łukasz" that the
built-in fonts cannot draw); otherwise reportlab's built-in Helvetica. Nothing is downloaded.
Characters DejaVu Sans lacks are drawn from a fallback font (see :mod:`trustplanner.briefing.glyphs`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from trustplanner.domain.enums import Rag
from trustplanner.resources import resource_path

_DEJAVU_FOLDERS = (
    resource_path("fonts"),
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts"),
    Path("/Library/Fonts"),
)
_DEJAVU_FILES = {
    "regular": "DejaVuSans.ttf",
    "bold": "DejaVuSans-Bold.ttf",
    "italic": "DejaVuSans-Oblique.ttf",
    "bold_italic": "DejaVuSans-BoldOblique.ttf",
}


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str
    italic: str
    bold_italic: str


HELVETICA = Fonts("Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique")

# Colours: a dark blue for structure, greys for rules, and RAG fills that still read in
# greyscale because every RAG cell also carries its letter or word (and, in the PDF, a tag of
# its own form: RAG_TAG).
INK = colors.HexColor("#1A1A1A")
HEADING = colors.HexColor("#1F3864")
MUTED = colors.HexColor("#595959")
#: small print and cell commentary: dark enough to print (12.6:1 on white), upright
NOTE_INK = colors.HexColor("#333333")
RULE = colors.HexColor("#A6A6A6")
GRID = colors.HexColor("#BFBFBF")
HEAD_FILL = colors.HexColor("#DCE3EE")
BAND_FILL = colors.HexColor("#F2F4F8")

RAG_FILL = {
    Rag.RED: colors.HexColor("#F4B6B0"),
    Rag.AMBER: colors.HexColor("#FBD89A"),
    Rag.GREEN: colors.HexColor("#BFE0B0"),
    Rag.COMPLETE: colors.HexColor("#C5D6EC"),
}
RAG_STRONG = {
    Rag.RED: colors.HexColor("#B3261E"),
    Rag.AMBER: colors.HexColor("#C77700"),
    Rag.GREEN: colors.HexColor("#2E7D32"),
    Rag.COMPLETE: colors.HexColor("#2F5496"),
}
#: the style of a word printed on RAG_STRONG: dark on amber (white on it is 3.5:1, below WCAG AA)
RAG_BADGE_STYLE = {Rag.RED: "Badge", Rag.AMBER: "BadgeDark", Rag.GREEN: "Badge", Rag.COMPLETE: "Badge"}


@dataclass(frozen=True)
class TagForm:
    """How a RAG tag in a table cell is drawn: a small rounded tag carrying the letter (or word).

    Each RAG has its own form, so a page printed in greyscale tells them apart by more than the
    letter: red is solid and dark, amber a mid-grey fill inside a thick border, green white with
    a thin outline, complete white with a dashed outline."""

    fill: colors.Color
    border: colors.Color
    border_width: float
    ink: colors.Color
    dash: tuple[float, ...] = ()


RAG_TAG = {
    Rag.RED: TagForm(colors.HexColor("#B3261E"), colors.HexColor("#B3261E"), 0.8, colors.white),
    Rag.AMBER: TagForm(colors.HexColor("#E39B1F"), colors.HexColor("#6B4100"), 2.0, INK),
    Rag.GREEN: TagForm(colors.white, colors.HexColor("#2E7D32"), 0.75, colors.HexColor("#1B5E20")),
    Rag.COMPLETE: TagForm(colors.white, colors.HexColor("#2F5496"), 0.9, HEADING, dash=(2.0, 1.5)),
}
#: the key printed under a table of RAG tags (PDF only: Word shades the cell)
RAG_TAG_KEY = ("Status tags: red is a solid dark tag, amber a shaded tag with a thick border, "
               "green a white tag with a thin outline, complete a dashed outline.")


@cache
def briefing_fonts() -> Fonts:
    """Register the briefing's fonts (once) and say which to use."""
    for folder in _DEJAVU_FOLDERS:
        files = {key: folder / name for key, name in _DEJAVU_FILES.items()}
        if all(path.is_file() for path in files.values()):
            names = Fonts(
                "TPSans", "TPSans-Bold", "TPSans-Italic", "TPSans-BoldItalic",
            )
            for key, path in files.items():
                pdfmetrics.registerFont(TTFont(getattr(names, key), str(path)))
            pdfmetrics.registerFontFamily(
                names.regular, normal=names.regular, bold=names.bold,
                italic=names.italic, boldItalic=names.bold_italic,
            )
            return names
    return HELVETICA


@cache
def briefing_styles() -> StyleSheet1:
    """The named styles every section uses; sections never make styles of their own."""
    f = briefing_fonts()
    sheet = StyleSheet1()
    body = ParagraphStyle(
        "Body", fontName=f.regular, fontSize=11, leading=14.5, textColor=INK,
        spaceAfter=6, alignment=TA_LEFT,
    )
    sheet.add(body)
    sheet.add(ParagraphStyle(
        "Numbered", parent=body, leftIndent=30, bulletIndent=0, bulletFontName=f.regular,
    ))
    sheet.add(ParagraphStyle(
        "Recommendation", parent=body, leftIndent=46, bulletIndent=30, bulletFontName=f.regular,
        spaceAfter=4,
    ))
    sheet.add(ParagraphStyle(
        "Council", parent=body, fontName=f.bold, fontSize=11, leading=14, textColor=MUTED,
        spaceAfter=2,
    ))
    sheet.add(ParagraphStyle(
        "Title", parent=body, fontName=f.bold, fontSize=17, leading=21, textColor=HEADING,
        spaceBefore=2, spaceAfter=10,
    ))
    sheet.add(ParagraphStyle(
        "Section", parent=body, fontName=f.bold, fontSize=13.5, leading=17, textColor=HEADING,
        spaceBefore=12, spaceAfter=6,
    ))
    sheet.add(ParagraphStyle(
        "Subsection", parent=body, fontName=f.bold, fontSize=11.5, leading=15, textColor=HEADING,
        spaceBefore=8, spaceAfter=4,
    ))
    sheet.add(ParagraphStyle("Note", parent=body, fontSize=9, leading=12, textColor=NOTE_INK))
    sheet.add(ParagraphStyle("Empty", parent=body, fontName=f.italic, leftIndent=30))
    sheet.add(ParagraphStyle("HeaderKey", parent=body, fontName=f.bold, fontSize=9, leading=12,
                             spaceAfter=0, textColor=HEADING))
    sheet.add(ParagraphStyle("HeaderValue", parent=body, fontSize=9, leading=12, spaceAfter=0))
    cell = ParagraphStyle("Cell", parent=body, fontSize=9, leading=11.5, spaceAfter=0)
    sheet.add(cell)
    sheet.add(ParagraphStyle("CellNumber", parent=cell, alignment=TA_RIGHT))
    sheet.add(ParagraphStyle("CellHead", parent=cell, fontName=f.bold, textColor=HEADING))
    sheet.add(ParagraphStyle("CellNote", parent=cell, textColor=NOTE_INK, spaceBefore=2))
    sheet.add(ParagraphStyle("CellRag", parent=cell, fontName=f.bold, alignment=TA_CENTER))
    sheet.add(ParagraphStyle("Badge", parent=body, fontName=f.bold, fontSize=11, leading=14,
                             textColor=colors.white, alignment=TA_CENTER, spaceAfter=0))
    sheet.add(ParagraphStyle("BadgeDark", parent=sheet["Badge"], textColor=INK))
    sheet.add(ParagraphStyle("BadgeLabel", parent=body, fontName=f.bold, fontSize=11, leading=14,
                             textColor=HEADING, spaceAfter=0))
    return sheet
