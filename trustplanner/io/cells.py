"""What a text cell may hold, and how a cell that a spreadsheet would run as a formula is written.

Control characters are refused wherever they are (docs/design/0003-import-format.md): NUL and the
other C0 controls, DEL, the C1 controls (U+0080 to U+009F) and the characters that override the
direction of text (U+202A to U+202E, U+2066 to U+2069: they make text show other than it is
stored). Tabs and line breaks (including U+2028 and U+2029) are allowed in free-text columns
(commentary, descriptions, mitigations) only.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to Excel
(OWASP's CSV injection), so an export writes it with a leading apostrophe, which Excel shows
as text and drops, and an import drops that apostrophe again: export then import gives back
what was exported. A plain number such as ``-1200.00`` is data, written as it is.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_NEVER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LINE_OR_TAB = re.compile("[\t\n\r\u2028\u2029]")  # with Unicode's line and paragraph separators


def _starts_formula(text: str) -> bool:
    """Whether ``text``, after any apostrophes it starts with, starts like a formula."""
    return text.lstrip("'").startswith(FORMULA_STARTS)


def escape_formula(text: str) -> str:
    """``text`` as an export writes it: with an apostrophe first when a spreadsheet would run it.

    Text that already starts with apostrophes before a formula character gets one more, so that
    :func:`unescape_formula` gives back exactly ``text``.
    """
    if text and _starts_formula(text) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def unescape_formula(text: str) -> str:
    """A cell as imported: one leading apostrophe dropped when what follows starts like a formula."""
    if text.startswith("'") and _starts_formula(text[1:]):
        return text[1:]
    return text


def cell_problem(text: str, free_text: bool, free_columns: tuple[str, ...] = ()) -> str | None:
    """What is wrong with the characters of ``text`` (a cell as read, before trimming), or None.

    ``free_text``: the cell's column may hold tabs and line breaks; ``free_columns`` names the
    file's columns that may (for the message).
    """
    if text.isprintable():  # nearly every cell: no control, format or line character at all
        return None
    if match := _NEVER.search(text):
        char = match.group()
        code = f"U+{ord(char):04X}"
        where = f"at position {match.start() + 1}"
        if char == "\x00":
            return f"contains a NUL character ({code}) {where}; delete it"
        if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
            return (f"contains a text-direction control character ({code}) {where}, which changes how the text "
                    "around it is shown; delete it")
        return f"contains a control character ({code}) {where}; delete it"
    if free_text:
        return None
    trimmed = text.strip()  # tabs and line breaks around the text are trimmed, as spaces are
    if match := _LINE_OR_TAB.search(trimmed):
        position = len(text) - len(text.lstrip()) + match.start() + 1
        what = "a tab" if match.group() == "\t" else "a line break"
        allowed = (f"only {_or(free_columns)} may have tabs and line breaks" if free_columns else
                   "tabs and line breaks are for free-text columns only")
        return f"contains {what} at position {position}; {allowed}"
    return None


def _or(words: tuple[str, ...]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
