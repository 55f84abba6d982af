"""Which shipped font draws each character, so the briefing never prints an empty box.

DejaVu Sans, in the face a paragraph's style names, draws most text. A character one of its
faces lacks (Arabic has no oblique glyphs) is drawn upright from the regular face, registered a
second time as :data:`PLAIN` so bold and italic markup cannot switch it back to a face without
the glyph. A character DejaVu lacks altogether (Chinese, Japanese, Korean) comes from Droid Sans
Fallback, registered as :data:`FALLBACK` only when some text needs it (loading it takes ~0.4 s).
What no shipped font has is printed by name instead (see :mod:`trustplanner.briefing.print_text`).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from trustplanner.briefing.styles import _DEJAVU_FILES, HELVETICA, briefing_fonts
from trustplanner.resources import resource_path

PLAIN = "TPSans-Plain"
FALLBACK = "TPFallback"
FALLBACK_FILE = "DroidSansFallbackFull.ttf"
_FALLBACK_FOLDERS = (resource_path("fonts"), Path("/usr/share/fonts/truetype/droid"))


class Glyphs:
    """The characters each of the briefing's fonts can draw."""

    def __init__(self) -> None:
        fonts = briefing_fonts()
        self.fonts = fonts
        self._faces: dict[str, frozenset[int]] = {}
        if fonts == HELVETICA:  # no TrueType font found: the built-ins draw Windows-1252 only
            latin = frozenset(cp for cp in range(32, 0x250) if _in_cp1252(cp))
            self._faces = {name: latin for name in (fonts.regular, fonts.bold, fonts.italic, fonts.bold_italic)}
        else:
            for name in (fonts.regular, fonts.bold, fonts.italic, fonts.bold_italic):
                self._faces[name] = frozenset(pdfmetrics.getFont(name).face.charToGlyph)
        self.regular = self._faces[fonts.regular]
        self.every_face = frozenset.intersection(*self._faces.values())
        self._fallback: frozenset[int] | None = None

    def fallback(self) -> frozenset[int]:
        """The fallback font's characters; registers the font the first time it is asked."""
        if self._fallback is None:
            path = next((folder / FALLBACK_FILE for folder in _FALLBACK_FOLDERS
                         if (folder / FALLBACK_FILE).is_file()), None)
            if path is None or self.fonts == HELVETICA:
                self._fallback = frozenset()
            else:
                font = TTFont(FALLBACK, str(path))
                pdfmetrics.registerFont(font)
                pdfmetrics.registerFontFamily(FALLBACK, normal=FALLBACK, bold=FALLBACK, italic=FALLBACK,
                                              boldItalic=FALLBACK)
                self._fallback = frozenset(font.face.charToGlyph) - {0x20, 0xA0}
        return self._fallback

    def drawable(self, ch: str) -> bool:
        cp = ord(ch)
        return cp in self.regular or cp in self.fallback()

    def markup_font(self, ch: str) -> str | None:
        """The font a paragraph must name for ``ch``: None for the paragraph's own."""
        cp = ord(ch)
        if cp in self.every_face:
            return None
        if cp in self.regular:
            return _plain(self.fonts)
        if cp in self.fallback():
            return FALLBACK
        return None

    def canvas_font(self, ch: str, font: str) -> str:
        """The font that draws ``ch`` when ``font`` is asked for (on a canvas or in a chart)."""
        cp = ord(ch)
        face = self._faces.get(font, self.regular)
        if cp in face:
            return font
        if cp in self.regular:
            return self.fonts.regular
        if cp in self.fallback():
            return FALLBACK
        return font

    def runs(self, text: str, font: str) -> Iterator[tuple[str, str]]:
        """``text`` as (font, text) runs, each drawn by one font."""
        current, start = None, 0
        for i, ch in enumerate(text):
            name = self.canvas_font(ch, font)
            if name != current:
                if current is not None:
                    yield current, text[start:i]
                current, start = name, i
        if current is not None:
            yield current, text[start:]


@cache
def glyphs() -> Glyphs:
    return Glyphs()


@cache
def _plain(fonts) -> str:
    """The regular face under a name whose bold and italic are itself."""
    folder = Path(pdfmetrics.getFont(fonts.regular).face.filename).parent
    pdfmetrics.registerFont(TTFont(PLAIN, str(folder / _DEJAVU_FILES["regular"])))
    pdfmetrics.registerFontFamily(PLAIN, normal=PLAIN, bold=PLAIN, italic=PLAIN, boldItalic=PLAIN)
    return PLAIN


def _in_cp1252(cp: int) -> bool:
    try:
        chr(cp).encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True
