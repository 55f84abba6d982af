"""Percentages and one-decimal figures, exact and rounded half up: one helper for every page,
briefing section and export.

A share is a ``Fraction`` (never a float), so 0.25% rounds to 0.3%, not to whatever the nearest
binary fraction is; half a tenth always goes away from zero.
"""

from __future__ import annotations

from fractions import Fraction

NOT_APPLICABLE = "n/a"
NO_FIGURE = "—"


def share(part: int, whole: int) -> Fraction | None:
    """``part`` as a fraction of ``whole``; None when there is nothing to divide by."""
    return Fraction(part, whole) if whole else None


def round_fraction(value: Fraction, places: int = 0) -> Fraction:
    """``value`` to ``places`` decimal places, half away from zero, exactly."""
    scale = 10**places
    scaled = abs(value) * scale
    whole, rest = divmod(scaled.numerator, scaled.denominator)
    if rest * 2 >= scaled.denominator:
        whole += 1
    return Fraction(whole if value >= 0 else -whole, scale)


def decimal_text(value: Fraction, places: int = 1) -> str:
    """``12.5`` style: ``value`` to ``places`` decimal places, half up, with thousands separators."""
    rounded = round_fraction(value, places)
    scaled = abs(rounded) * 10**places
    units = scaled.numerator // scaled.denominator
    whole, fraction = divmod(units, 10**places)
    sign = "-" if rounded < 0 else ""
    return f"{sign}{whole:,}.{fraction:0{places}d}" if places else f"{sign}{whole:,}"


def percent_text(value: Fraction | None, *, places: int = 1, signed: bool = False, brackets: bool = False,
                 missing: str = NO_FIGURE) -> str:
    """A share as a percentage: ``4.2%``; ``+4.2%`` when ``signed``; a negative as ``-1.5%`` or,
    with ``brackets``, ``(1.5%)``; ``missing`` when there is nothing to divide by. A share that
    rounds to nothing has no sign."""
    if value is None:
        return missing
    rounded = round_fraction(value * 100, places)
    text = decimal_text(abs(rounded), places) + "%"
    if rounded < 0:
        return f"({text})" if brackets else f"-{text}"
    return f"+{text}" if signed and rounded > 0 else text
