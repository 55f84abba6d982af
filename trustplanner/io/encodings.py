"""Decoding a CSV file's bytes strictly: UTF-8, or Windows-1252 only when nothing says otherwise.

A wrong guess would store mojibake ("CafŽ" for "Café") as if it were what the user typed, so
every doubt is a refusal asking for UTF-8 (docs/design/0003-import-format.md):

1. UTF-8, with or without a byte-order mark, when the whole file decodes as UTF-8.
2. A file that holds valid multi-byte UTF-8 sequences but also bytes that are not UTF-8 is
   UTF-8 with stray bytes (text pasted from elsewhere): refused, naming the first stray byte's
   line and column. So is any non-UTF-8 byte in a file that starts with the UTF-8 mark.
3. Otherwise Windows-1252 (Excel's "CSV (Comma delimited)" on Windows), unless the file has a
   byte Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D), or the text it reads as
   has a character where Windows text would not have one (:func:`implausible_character`),
   which is what Mac Roman ("CSV (Macintosh)") and DOS (CP437) files look like read as
   Windows-1252.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

UNDEFINED_IN_CP1252 = frozenset(b"\x81\x8d\x8f\x90\x9d")
SAVE_AS_UTF8 = "save it as UTF-8 (in Excel: 'CSV UTF-8 (Comma delimited)') and import that"

# one complete, valid multi-byte UTF-8 character (no overlong forms, no surrogates)
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")

#: marks Windows text has beside spaces, digits or other marks, never with a letter on both sides
_BETWEEN_LETTERS = frozenset("‚„…†‡ˆ‰‹›•–—˜™‘“”¦¨¯¸¬¤¢¡¿«»°±×÷")
#: opening marks, never straight after a letter (¡ and ¿ not after a figure either)
_OPENING = frozenset("‘“‚„¡¿")
#: accents and signs that never touch a letter in Windows text
_NEVER_BY_A_LETTER = frozenset("ˆ˜‡‰¨¯¸‚ƒ")
#: the letters a currency sign may stand before: £m, €k, £bn
_MONEY_UNITS = frozenset("mkbMKB")
#: marks that may be repeated as a divider (———, •••)
_DIVIDERS = frozenset("–—•…·")
#: what Mac Roman's dashes, quotes and € read as; never a word on their own (unlike Irish Ó)
_MAC_MARKS = frozenset("ÐÑÒÔÕÛ")
#: letters that may touch a digit (5µg, 1º)
_BY_DIGITS = frozenset("µªº")


class EncodingProblem(ValueError):
    """The bytes are not text TrustPlanner can read without guessing; the message says why."""


def decode_text(raw: bytes) -> str:
    """The file's text, by the rules above; raises :class:`EncodingProblem` when in doubt."""
    if raw.startswith(codecs.BOM_UTF8):
        try:
            return raw[len(codecs.BOM_UTF8):].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise EncodingProblem(_stray_byte(raw, exc.start + len(codecs.BOM_UTF8), marked=True)) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if _UTF8_SEQUENCE.search(raw):
        raise EncodingProblem(_stray_byte(raw, first_bad, marked=False))
    undefined = next((i for i, byte in enumerate(raw) if byte in UNDEFINED_IN_CP1252), None)
    if undefined is not None:
        line, column = _line_and_column(raw, undefined)
        raise EncodingProblem(
            f"is neither UTF-8 nor Windows-1252 text (byte 0x{raw[undefined]:02X} at line {line}, column {column}); "
            + SAVE_AS_UTF8)
    text = raw.decode("cp1252")
    if (where := implausible_character(text)) is not None:
        line = text.count("\n", 0, where) + 1
        column = where - (text.rfind("\n", 0, where) + 1) + 1
        raise EncodingProblem(
            f"looks like Mac or DOS text, not UTF-8 or Windows-1252: read as Windows text, line {line} has "
            f"'{_word_around(text, where)}' ('{text[where]}' at column {column} is unlikely there); " + SAVE_AS_UTF8)
    return text


def implausible_character(text: str) -> int | None:
    """The index of the first non-ASCII character Windows-1252 text would not have there, or None.

    ``text`` is a file's bytes read as Windows-1252. Real Windows text has accented letters
    inside words, £ and € by figures, curly quotes and dashes by spaces; text saved as Mac Roman
    or CP437 and read as Windows-1252 puts capitals, quotes and dashes inside words ("CafŽ",
    "Zo‘", "Caf‚", "Espa–a") and letters against figures ("œ5" for "£5", "30øC"). Flagged:

    * an accented capital straight after a lower-case letter or inside a word ("MŸller");
      Ð Ñ Ò Ô Õ Û with no letter on either side (Mac Roman's dashes, quotes and €);
    * a non-ASCII letter touching a digit (other than µ, ª, º);
    * a mark from :data:`_BETWEEN_LETTERS` with letters on both sides; a dagger before a letter;
    * an opening quote straight after a letter (¡ ¿ after a figure too); ˆ ˜ ‡ ‰ ¨ ¯ ¸ ‚ ƒ
      touching a letter;
    * £ or € straight after a letter, or before one other than m, k or b (£m, €bn);
    * the same non-ASCII character three or more times in a row (box drawing), except dashes,
      bullets and dots.
    """
    length = len(text)
    for match in _NON_ASCII.finditer(text):
        index = match.start()
        char = text[index]
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < length else " "
        if _implausible(char, before, after):
            return index
        if (char not in _DIVIDERS and index + 2 < length and text[index + 1] == char
                and text[index + 2] == char):
            return index
    return None


def _implausible(char: str, before: str, after: str) -> bool:
    letter_before, letter_after = before.isalpha(), after.isalpha()
    if char in _NEVER_BY_A_LETTER:
        return letter_before or letter_after
    if char.isalpha():
        if char not in _BY_DIGITS and (before.isdigit() or after.isdigit()):
            return True
        if char.isupper():
            if before.islower() or (letter_before and after.islower()):
                return True
            return char in _MAC_MARKS and not letter_before and not letter_after
        return False
    if char in "£€":
        return letter_before or (letter_after and after not in _MONEY_UNITS)
    if char in _OPENING and (letter_before or (char in "¡¿" and before.isdigit())):
        return True
    if char in "†‡" and letter_after:
        return True
    return char in _BETWEEN_LETTERS and letter_before and letter_after


def _stray_byte(raw: bytes, offset: int, *, marked: bool) -> str:
    line, column = _line_and_column(raw, offset)
    why = ("the file starts with the UTF-8 mark" if marked else
           "the rest of the file is UTF-8, so this is a stray byte, perhaps pasted from another program")
    return (f"is not valid UTF-8: byte 0x{raw[offset]:02X} at line {line}, column {column} is not UTF-8 text "
            f"({why}); retype that character and " + SAVE_AS_UTF8)


def _line_and_column(raw: bytes, offset: int) -> tuple[int, int]:
    """Line and column (both from 1, the column in characters) of the byte at ``offset``."""
    start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, len(raw[start:offset].decode("utf-8", errors="replace")) + 1


def _word_around(text: str, index: int, reach: int = 12) -> str:
    """The word around ``index`` (up to a space, comma or quote; at most ``reach`` either side), printable."""
    start = index
    while start > 0 and index - start < reach and not (text[start - 1].isspace() or text[start - 1] in ',"'):
        start -= 1
    end = index + 1
    while end < len(text) and end - index < reach and not (text[end].isspace() or text[end] in ',"'):
        end += 1
    return "".join(c if unicodedata.category(c)[0] != "C" else "?" for c in text[start:end])
