"""Money as integer pence: parsing what people type in spreadsheets, and formatting it back.

Accepted: ``41000``, ``41,000``, ``£41,000``, ``£41,000.00``, ``-1,200`` and ``(1,200)`` for a
negative. Refused with a reason: fractions of a penny, words, two numbers, misplaced thousands
separators (``1,20``) and continental forms (``1.200,00``), which are ambiguous.

Formatting is done here and nowhere else, so one amount prints one way on every page, in every
briefing section and in every export. Rounding is exact (``decimal.Decimal``) and half up, i.e.
half away from zero: £2,500 is £3,000 to the nearest thousand, £2,499.99 is £2,000, £1,150,000
is £1.2m. Tables whose columns must add up to their printed total use largest-remainder
rounding (``domain.budget.round_to_total``), whose total is this rounding of the exact total.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, localcontext

_NUMBER = re.compile(r"^(?P<whole>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<fraction>\d+))?$", re.ASCII)
_PLAIN = re.compile(r"£?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d\d))?\Z", re.ASCII)  # 41236.48, £41,236.48, 41,000
_NUMERIC = re.compile(r"[\d.,£]+", re.ASCII)  # digits and separators only (maybe ill-placed)


class MoneyError(ValueError):
    """The text is not an amount of money; the message says why."""


#: the largest amount a plan holds, either way (£10 billion: no council's children's budget comes near;
#: a bigger figure is a mistake, and past 2**63 pence SQLite could not store it at all)
LARGEST_PENCE = 10**12


def parse_money(text: str) -> int:
    """Pence from text such as ``£41,000.00`` or ``(1,200)``, at most :data:`LARGEST_PENCE` either way."""
    pence = _parse_money(text)
    if abs(pence) > LARGEST_PENCE:
        raise MoneyError(f"'{text.strip()}' is more than £{LARGEST_PENCE // 100:,}; check the figure")
    return pence


def _parse_money(text: str) -> int:
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


#: pence in one unit of each printed form
POUND = 100
THOUSAND = 100_000
TENTH_OF_A_MILLION = 10_000_000
MILLION = 100_000_000


def round_half_up(pence: int, unit: int) -> int:
    """``pence`` rounded to a whole number of ``unit`` (pence), half away from zero, in pence."""
    with localcontext() as context:
        context.prec = max(28, len(str(abs(pence))) + 2)
        units = (Decimal(pence) / Decimal(unit)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return int(units) * unit


def shown_sign(pence: int, unit: int) -> int:
    """1, -1 or 0: which way ``pence`` goes once rounded to ``unit`` as it is shown (a variance of
    +£30,000 shown as £0.0m is on budget as far as the reader can see, so it is not coloured)."""
    rounded = round_half_up(pence, unit)
    return (rounded > 0) - (rounded < 0)


def _sign(pence: int, signed: bool) -> str:
    return "-" if pence < 0 else ("+" if signed and pence > 0 else "")


def format_pounds(pence: int, *, symbol: bool = True, decimals: bool = True, signed: bool = False) -> str:
    """``£41,000.00`` (or ``-£1,200.00``); without decimals, whole pounds rounded half up.

    ``signed`` puts ``+`` before a positive amount (a change or a variance).
    """
    if not decimals:
        pence = round_half_up(pence, POUND)
    sign = _sign(pence, signed)
    pence = abs(pence)
    text = f"{pence // 100:,}.{pence % 100:02d}" if decimals else f"{pence // 100:,}"
    return f"{sign}{'£' if symbol else ''}{text}"


def thousands_digits(pence: int) -> str:
    """The £000 table form of the size of an amount: £2,500 is ``3``, £1,234,567 is ``1,235``."""
    return f"{round_half_up(abs(pence), THOUSAND) // THOUSAND:,}"


def millions_digits(pence: int) -> str:
    """The £m table form (one decimal place) of the size of an amount: £1,150,000 is ``1.2``."""
    tenths = round_half_up(abs(pence), TENTH_OF_A_MILLION) // TENTH_OF_A_MILLION
    return f"{tenths // 10:,}.{tenths % 10}"


def format_thousands(pence: int, *, signed: bool = False) -> str:
    """To the nearest £1,000 in pounds: ``£3,000`` for £2,500, ``-£2,000`` for -£2,499.99."""
    return format_pounds(round_half_up(pence, THOUSAND), decimals=False, signed=signed)


def format_millions(pence: int, *, signed: bool = False) -> str:
    """``£12.4m`` to one decimal place: ``£0.1m`` for £50,000, ``-£0.2m`` for -£150,000."""
    rounded = round_half_up(pence, TENTH_OF_A_MILLION)
    return f"{_sign(rounded, signed)}£{millions_digits(rounded)}m"


def format_compact(pence: int) -> str:
    """An aggregate for prose and tiles: ``£2.9m`` once it is a million pounds or more to the
    nearest £1,000, else to the nearest £1,000 (``£430,000``)."""
    if abs(round_half_up(pence, THOUSAND)) >= MILLION:
        return format_millions(pence)
    return format_thousands(pence)


def format_plain(pence: int) -> str:
    """Export form: ``41000.00`` (no symbol, no separators), read back exactly by :func:`parse_money`."""
    sign = "-" if pence < 0 else ""
    pence = abs(pence)
    return f"{sign}{pence // 100}.{pence % 100:02d}"
