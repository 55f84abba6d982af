"""Drawing helpers shared by the briefing's charts (reportlab graphics)."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth


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
    """``text`` on at most two lines no wider than ``room``; the second cut with an ellipsis."""
    words, lines, current = text.split(), [], ""
    for word in words:
        trial = f"{current} {word}".strip()
        if stringWidth(trial, font, size) <= room or not current:
            current = trial
        else:
            lines.append(current)
            current = word
    lines.append(current)
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])]
    fitted = []
    for line in lines:
        while stringWidth(line, font, size) > room and len(line) > 1:
            line = line[:-2] + "…"
        fitted.append(line)
    return fitted
