"""Right-to-left text in visual order, one printed line at a time (Unicode's bidi algorithm).

Levels come from python-bidi's reference implementation (``bidi.algorithm``), run on each line
as it is drawn; the reordering (rules L1 to L4 of UAX #9) is done here so that every character
keeps the font and style of the fragment it came from. Combining marks are kept after their
letter (L3), as fonts without a shaping engine draw them.
"""

from __future__ import annotations

import copy
import re
import unicodedata

from bidi import algorithm
from bidi.mirror import MIRRORED

_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]")
_TRAILING = frozenset(("WS", "B", "S", "BN"))
_LRM = "\u200e"


def has_rtl(text: str) -> bool:
    """Whether ``text`` holds any right-to-left letter or Arabic digit."""
    return bool(_RTL.search(text))


def is_rtl(text: str) -> bool:
    """Whether ``text``'s first strong letter is right-to-left (its paragraph direction)."""
    return algorithm.get_base_level(text) == 1


def _levels(text: str, base: int) -> list[int]:
    storage = algorithm.get_empty_storage()
    storage["base_level"] = base
    storage["base_dir"] = ("L", "R")[base]
    algorithm.get_embedding_levels(text, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    algorithm.explicit_embed_and_overrides(storage, False)
    algorithm.resolve_weak_types(storage, False)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    levels = [base] * len(text)
    last = base
    kept = {char["index"]: char["level"] for char in storage["chars"]}
    for index in range(len(text)):  # characters X9 set aside take their neighbour's level
        last = levels[index] = kept.get(index, last)
    # L1: white space at the end of the line goes to the paragraph level
    for index in range(len(text) - 1, -1, -1):
        if unicodedata.bidirectional(text[index]) not in _TRAILING and not text[index].isspace():
            break
        levels[index] = base
    return levels


def visual_order(text: str, base: int) -> list[int]:
    """The indices of ``text``'s characters in the order they are drawn, left to right."""
    if not text:
        return []
    levels = _levels(text, base)
    order = list(range(len(text)))
    highest = max(levels)
    lowest_odd = min((level for level in levels if level % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):  # L2
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    i = 0  # L3: marks reversed ahead of their right-to-left letter go back after it
    while i < len(order):
        if levels[order[i]] % 2 and unicodedata.category(text[order[i]]) in ("Mn", "Me"):
            j = i
            while j < len(order) and levels[order[j]] % 2 and unicodedata.category(text[order[j]]) in ("Mn", "Me"):
                j += 1
            if j < len(order) and levels[order[j]] % 2:
                order[i:j + 1] = [order[j], *order[i:j]]
            i = j + 1
        else:
            i += 1
    return order


def _mirrored(ch: str, level: int) -> str:
    return MIRRORED.get(ch, ch) if level % 2 else ch  # L4: "(" faces the other way in RTL


def visual(text: str, rtl: bool | None = None) -> str:
    """One line of ``text`` in visual order; its direction from its first strong letter."""
    if not has_rtl(text):
        return text
    base = int(is_rtl(text) if rtl is None else rtl)
    levels = _levels(text, base)
    return "".join(_mirrored(text[i], levels[i]) for i in visual_order(text, base) if text[i] != _LRM)


def visual_lines(para, *, rtl: bool):
    """A copy of reportlab's broken-up paragraph (``blPara``) with each line in visual order."""
    result = copy.copy(para)
    base = int(rtl)
    if para.kind == 0:
        result.lines = [
            (space, visual(" ".join(words), rtl).split(" ")) if has_rtl(" ".join(words)) else (space, words)
            for space, words in para.lines
        ]
        return result
    result.lines = [_visual_frag_line(line, base) for line in para.lines]
    return result


def _visual_frag_line(line, base: int):
    frags = line.words
    text = "".join(getattr(f, "text", "") for f in frags)
    if not has_rtl(text) or any(hasattr(f, "cbDefn") for f in frags):
        return line
    owner = [n for n, f in enumerate(frags) for _ in f.text]
    levels = _levels(text, base)
    words = []
    for i in visual_order(text, base):
        if text[i] == _LRM:  # a mark has done its work once the line is in order
            continue
        ch = _mirrored(text[i], levels[i])
        if words and words[-1][0] == owner[i]:
            words[-1][1].append(ch)
        else:
            words.append((owner[i], [ch]))
    reordered = copy.copy(line)
    reordered.words = []
    for n, chars in words:
        frag = copy.copy(frags[n])
        frag.text = "".join(chars)
        reordered.words.append(frag)
    return reordered
