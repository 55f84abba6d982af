"""Money as integer pence: parsing what people type in spreadsheets, and formatting it back.

Accepted: ``41000``, ``41,000``, ``£41,000``, ``£41,000.00``, ``-1,200`` and ``(1,200)`` for a
negative. Refused with a reason: fractions of a penny, words, two numbers, misplaced thousands
separators (``1,20``) and continental forms (``1.200,00``), which are ambiguous.
"""

from __future__ import annotations

import re

_NUMBER = re.compile(r"^(?P<whole>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<fraction>\d+))?$", re.ASCII)
_PLAIN = re.compile(r"£?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d\d))?\Z", re.ASCII)  # 41236.48, £41,236.48, 41,000
_NUMERIC = re.compile(r"[\d.,£]+", re.ASCII)  # digits and separators only (maybe ill-placed)


class MoneyError(ValueError):
    """The text is not an amount of money; the message says why."""


def parse_money(text: str) -> int:
    """Pence from text such as ``£41,000.00`` or ``(1,200)``."""
    if plain := _PLAIN.match(text):  # the common forms, read at once (the same answer as below)
        whole, pence = plain.groups()
        return int(whole.replace(",", "")) * 100 + int(pence or 0)
    original = text
    text = text.strip().replace("\u00a0", " ")
    if not text:
        raise MoneyError("an amount is required")
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1].strip()
    if text.startswith("-"):
        if negative:
            raise MoneyError(f"'{original}' is not an amount of money")
        negative, text = True, text[1:].strip()
    if text.startswith("£"):
        text = text[1:].strip()
    if text.startswith("-") and not negative:
        negative, text = True, text[1:].strip()
    words = text.split()
    if len(words) > 1:
        if all(_NUMERIC.fullmatch(word.lstrip("-")) and any(c.isdigit() for c in word) for word in words):
            raise MoneyError(f"'{original}' has more than one number in it")
        raise MoneyError(f"'{original}' is not an amount of money")
    match = _NUMBER.match(text)
    if match is None:
        if _NUMERIC.fullmatch(text) and "£" not in text:
            raise MoneyError(f"'{original}' is ambiguous; write it like 1,200,000.00 or 1200000")
        raise MoneyError(f"'{original}' is not an amount of money")
    fraction = match.group("fraction") or ""
    if len(fraction) > 2:
        if fraction.rstrip("0") and len(fraction.rstrip("0")) > 2:
            raise MoneyError(f"'{original}' has a fraction of a penny")
        fraction = fraction[:2]
    pence = int(match.group("whole").replace(",", "")) * 100 + int(fraction.ljust(2, "0") or 0)
    return -pence if negative else pence


def format_pounds(pence: int, *, symbol: bool = True, decimals: bool = True) -> str:
    """``£41,000.00`` (or ``-£1,200.00``); without decimals the pence are rounded half away from zero."""
    sign = "-" if pence < 0 else ""
    pence = abs(pence)
    text = f"{pence // 100:,}.{pence % 100:02d}" if decimals else f"{(pence + 50) // 100:,}"
    return f"{sign}{'£' if symbol else ''}{text}"


def format_plain(pence: int) -> str:
    """Export form: ``41000.00`` (no symbol, no separators), read back exactly by :func:`parse_money`."""
    sign = "-" if pence < 0 else ""
    pence = abs(pence)
    return f"{sign}{pence // 100}.{pence % 100:02d}"
