"""Drawing helpers shared by the briefing's charts (reportlab graphics)."""

from __future__ import annotations

from reportlab.graphics.shapes import Group, String

from trustplanner.briefing.print_text import fit, placed, printable, width


def nice_step(largest: float) -> float:
    """A tick interval of 1, 2 or 5 times a power of ten giving at most six intervals."""
    if largest <= 0:
        return 1.0
    step = 10 ** int(f"{largest:e}".split("e")[1])
    for factor in (0.1, 0.2, 0.5, 1, 2, 5, 10):
        if largest / (step * factor) <= 6:
            return step * factor
    return step * 10


def wrap_label(text: str, font: str, size: float, room: float) -> list[str]:
    """``text`` made printable, on at most two lines no wider than ``room``; the second cut
    with an ellipsis."""
    words, lines, current = printable(text).split(), [], ""
    for word in words:
        trial = f"{current} {word}".strip()
        if not current or width(trial, font, size) <= room:
            current = trial
        else:
            lines.append(current)
            current = word
            if len(lines) == 2:
                break
    lines.append(current)
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])]
    return [fit(line, font, size, room) for line in lines]


def chart_label(x: float, y: float, text: str, font: str, size: float, fill, anchor: str = "start") -> Group:
    """One line of printable ``text`` as chart strings: visual order, each run in a font that has it."""
    group = Group()
    for name, part, offset in placed(text, font, size, anchor):
        group.add(String(x + offset, y, part, fontName=name, fontSize=size, fillColor=fill))
    return group
