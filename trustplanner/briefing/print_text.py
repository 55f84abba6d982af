"""Text from the plan made printable: whatever a user typed or imported prints, and never breaks
the briefing (docs/design/0008-briefing-text.md).

Only the print changes; the stored text is never touched. :func:`printable` works in logical
order: control characters become visible markers (``[NUL]``, ``[ESC]``), bidirectional controls
are dropped (direction comes from the letters; the end of an isolate, U+2069, which a sentence
puts after the user text it quotes, becomes a left-to-right mark), Arabic letters are shaped into their joined
presentation forms, and a character no shipped font draws is printed by name (``[unicorn
face]``), never as an empty box. :func:`markup` escapes the result for a paragraph and names the
font of each run DejaVu Sans cannot draw. Right-to-left text is put in visual order per line
when it is drawn, by :class:`TextParagraph` (see :mod:`trustplanner.briefing.bidi_lines`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from trustplanner.briefing.bidi_lines import has_rtl, is_rtl, visual, visual_lines
from trustplanner.briefing.glyphs import glyphs

_C0_NAMES = (
    "NUL SOH STX ETX EOT ENQ ACK BEL BS HT LF VT FF CR SO SI DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB "
    "ESC FS GS RS US"
).split()
#: printed as a plain space: line breaks and tabs in commentary, and Unicode's own separators
_SPACES = frozenset("\t\n\r\v\f\x85\u2028\u2029")
#: explicit direction controls: embeddings, overrides, isolates and marks
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
#: invisible characters that only modify their neighbour: variation selectors, skin tones
_MODIFIERS = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef\U0001f3fb-\U0001f3ff]")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
_REGIONAL = range(0x1F1E6, 0x1F200)
_LRM = "\u200e"
_PDI = "\u2069"


def printable(text: str | None) -> str:
    """``text`` as the briefing prints it, in logical order, every character drawable."""
    text = str(text or "")
    if not text:
        return ""
    text = "".join(f"[U+{ord(ch):04X}]" if "\ud800" <= ch <= "\udfff" else ch for ch in text)
    text = unicodedata.normalize("NFC", text)
    if _ARABIC.search(text):
        text = _shape_arabic(text)
    g = glyphs()
    # in right-to-left text a marker is held left to right by marks, or its brackets would turn
    mark = _LRM if has_rtl(text) else ""

    def marker(words: str) -> str:
        return f"{mark}[{words}]{mark}"

    out: list[str] = []
    previous_named = False
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        cp = ord(ch)
        named = False
        if ch in _SPACES:
            out.append(" ")
        elif cp < 0x20:
            out.append(marker(_C0_NAMES[cp]))
        elif cp == 0x7F:
            out.append(marker("DEL"))
        elif 0x80 <= cp < 0xA0:
            out.append(marker(f"U+{cp:04X}"))
        elif ch == _PDI:
            out.append(mark)  # a quote isolated in our sentence ends: the sentence's order resumes
        elif ch in _BIDI_CONTROLS or ch == "\u00ad":
            pass
        elif _MODIFIERS.match(ch) and (previous_named or not g.drawable(ch)):
            named = previous_named  # a skin tone or emoji style adds nothing to a name in words
        elif cp in _REGIONAL and i + 1 < n and ord(text[i + 1]) in _REGIONAL:
            out.append(marker(f"flag: {chr(cp - 0x1F1E6 + 65)}{chr(ord(text[i + 1]) - 0x1F1E6 + 65)}"))
            i += 1
            named = True
        elif g.drawable(ch):
            out.append(ch)
        else:
            category = unicodedata.category(ch)
            if category.startswith("Z"):
                out.append(" ")
            elif category == "Cf":
                named = previous_named  # zero width joiners, tags: invisible anyway
            elif category in ("Cn", "Co", "Cs"):
                out.append(marker(f"U+{cp:04X}"))
                named = True
            else:
                out.append(marker(unicodedata.name(ch, f"U+{cp:04X}").lower()))
                named = True
        previous_named = named
        i += 1
    return "".join(out)


def markup(text: str | None) -> str:
    """``text`` escaped for reportlab's paragraph markup, with each run of characters DejaVu
    Sans lacks wrapped in a ``<font>`` tag naming the font that has them."""
    text = printable(text)
    if has_rtl(text):
        text += _LRM  # ends the user's right-to-left run, so our words after it keep their order
    g = glyphs()
    parts: list[str] = []
    current: str | None = None
    run: list[str] = []

    def close() -> None:
        if run:
            body = escape("".join(run))
            parts.append(f'<font name="{current}">{body}</font>' if current else body)
            run.clear()

    for ch in text:
        font = g.markup_font(ch) if ord(ch) > 0x7E else None
        if font != current:
            close()
            current = font
        run.append(ch)
    close()
    return "".join(parts)


def clip(text: str | None, limit: int) -> str:
    """``text`` with white space made single spaces and, past ``limit`` characters, cut at a
    word with a note of how much more the plan holds."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    kept = text[: limit - 50]
    if " " in kept[-40:]:
        kept = kept.rsplit(" ", 1)[0]
    return f"{kept} … {continues(len(text) - len(kept))}"


def continues(more: int) -> str:
    return f"(continues; {more:,} more character{'' if more == 1 else 's'} in the plan)"


class TextParagraph(Paragraph):
    """A paragraph whose right-to-left text is drawn in visual order, line by line.

    Lines are broken in logical order (as typed), then each line is reordered as it is drawn,
    so a long Hebrew or Arabic commentary reads from its first line down. A paragraph that
    starts with right-to-left text is aligned right."""

    def __init__(self, text, style=None, *args, **kwargs):
        super().__init__(text, style, *args, **kwargs)
        self._rtl = False
        if text is None:  # a piece split from a paragraph: split() gives it the paragraph's direction
            return
        plain = self.printed_text()
        if has_rtl(plain):
            self._rtl = is_rtl(plain)
            if self._rtl and self.style.alignment == TA_LEFT:
                self.style = _right_aligned(self.style)

    def split(self, availWidth, availHeight):  # noqa: N803 - reportlab's names
        pieces = super().split(availWidth, availHeight)
        for piece in pieces:
            if isinstance(piece, TextParagraph) and piece is not self:
                piece._rtl = self._rtl
        return pieces

    def printed_text(self) -> str:
        """The paragraph's printed text (also of a piece split from a longer one)."""
        return "".join(" ".join(f.words) if hasattr(f, "words") else getattr(f, "text", "") for f in self.frags)

    def drawPara(self, debug=0):  # noqa: N802 - reportlab's name
        logical = self.blPara
        if not any(has_rtl(_line_text(line, logical.kind)) for line in logical.lines):
            return super().drawPara(debug)
        self.blPara = visual_lines(logical, rtl=self._rtl)
        try:
            return super().drawPara(debug)
        finally:
            self.blPara = logical


def _line_text(line, kind: int) -> str:
    if kind == 0:
        return " ".join(line[1])
    return "".join(getattr(f, "text", "") for f in line.words)


@cache
def _right_aligned(style):
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(f"{style.name}-RTL", parent=style, alignment=TA_RIGHT)


# Text drawn straight on the canvas or in a chart ----------------------------------------------

def fit(text: str, font: str, size: float, room: float) -> str:
    """Printable ``text`` cut with an ellipsis so it is no wider than ``room`` points."""
    most = int(room / (0.2 * size)) + 2  # more characters than fit: few glyphs are under 0.2 em
    if len(text) <= most and width(text, font, size) <= room:
        return text
    text = text[:most]
    low, high = 0, len(text)  # the longest prefix that fits with the ellipsis
    while low < high:
        middle = (low + high + 1) // 2
        if width(text[:middle].rstrip() + "…", font, size) <= room:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def width(text: str, font: str, size: float) -> float:
    """The width of printable ``text`` drawn in ``font`` with fallbacks."""
    return sum(stringWidth(part, name, size) for name, part in glyphs().runs(text, font))


def draw(canvas, x: float, y: float, text: str, font: str, size: float, anchor: str = "start") -> None:
    """Draw one line of printable ``text`` on a canvas: visual order, each run in a font that
    has it. ``anchor`` is ``start``, ``middle`` or ``end``, as in reportlab's graphics."""
    for name, part, offset in placed(text, font, size, anchor):
        canvas.setFont(name, size)
        canvas.drawString(x + offset, y, part)


def placed(text: str, font: str, size: float, anchor: str = "start") -> list[tuple[str, str, float]]:
    """``text`` as (font, text, x offset) pieces in visual order, placed for ``anchor``."""
    line = visual(text)
    pieces, x = [], 0.0
    for name, part in glyphs().runs(line, font):
        pieces.append((name, part, x))
        x += stringWidth(part, name, size)
    shift = {"start": 0.0, "middle": -x / 2, "end": -x}[anchor]
    return [(name, part, offset + shift) for name, part, offset in pieces]


# Arabic shaping -----------------------------------------------------------------------------

@cache
def _reshaper():
    try:
        from arabic_reshaper import ArabicReshaper

        return ArabicReshaper(configuration={
            "delete_harakat": False,  # vowel marks are kept; bidi's L3 step puts them after their letter
            "ARABIC LIGATURE ALLAH": False,  # letters only: the word ligatures are not in the font
        }).reshape
    except Exception:  # noqa: BLE001 - a broken reshaper configuration must not stop a briefing
        return None


def _shape_arabic(text: str) -> str:
    """Arabic letters in the joined form each takes beside its neighbours, as a font without a
    shaping engine needs them; a word whose shaped form the font cannot draw stays as typed."""
    reshape = _reshaper()
    if reshape is None:
        return text
    g = glyphs()
    words = re.split(r"(\s+)", text)
    for index, word in enumerate(words):
        if _ARABIC.search(word):
            try:
                shaped = reshape(word)
            except Exception:  # noqa: BLE001 - any odd input prints unshaped rather than failing
                continue
            if all(ord(ch) in g.regular for ch in shaped if _is_presentation_form(ch)):
                words[index] = shaped
    return "".join(words)


def _is_presentation_form(ch: str) -> bool:
    return "\ufb50" <= ch <= "\ufdff" or "\ufe70" <= ch <= "\ufeff"
