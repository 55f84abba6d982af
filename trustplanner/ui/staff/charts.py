"""Workforce charts painted with QPainter (PySide6-Essentials has no QtCharts).

Each chart takes figures already worked out by services.workforce, so it shows exactly what the
briefing shows. Positions are shares of the current size: rows shrink (to a minimum) to fit the
height they are given, and labels are elided, never cut. Every bar has a tooltip, and the chart
an accessible description in words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QWidget

from trustplanner.domain.staff import Consultation, Employment
from trustplanner.services.workforce import TransferWave, WorkforceFigures, fte_text
from trustplanner.ui.charts import MUTED, TRACK, Chart

EMPLOYMENT_ORDER = (Employment.PERMANENT, Employment.FIXED_TERM, Employment.SECONDEE, Employment.AGENCY,
                    Employment.VACANCY)
EMPLOYMENT_COLOURS = {
    Employment.PERMANENT: QColor("#24508f"),
    Employment.FIXED_TERM: QColor("#6f9bd6"),
    Employment.SECONDEE: QColor("#7b61b8"),
    Employment.AGENCY: QColor("#e07b00"),
    Employment.VACANCY: QColor("#c3c9d2"),
}
CONSULTATION_STEPS = (Consultation.COMPLETE, Consultation.CONSULTED, Consultation.INFORMED)
CONSULTATION_COLOURS = {
    Consultation.COMPLETE: QColor("#1f6b3a"),
    Consultation.CONSULTED: QColor("#4f9a62"),
    Consultation.INFORMED: QColor("#a6d3b0"),
    Consultation.NOT_STARTED: QColor("#e8ebf0"),
}
WAVE_COLOUR = QColor("#1f7a80")
ELI_COLOUR = QColor("#24508f")
GAP = 8  # between one transfer date's bars and the next


def people(n: int) -> str:
    return f"{n:,} {'person' if n == 1 else 'people'}"


class FteByServiceChart(Chart):
    """FTE by employment type, one stacked bar per service, with a key."""

    empty_text = "No staff as at this date."

    def __init__(self, parent: QWidget | None = None):
        super().__init__("FTE by employment type per service", parent)
        self.figures: list[WorkforceFigures] = []

    def set_figures(self, figures: Sequence[WorkforceFigures]) -> None:
        self.figures = list(figures)
        self.setAccessibleDescription("; ".join(
            f"{f.group}: " + ", ".join(f"{e.label} {fte_text(f.fte[e])} FTE" for e in EMPLOYMENT_ORDER if f.fte[e])
            for f in self.figures))
        self.updateGeometry()
        self.update()

    def rows(self) -> int:
        return len(self.figures)

    def key_height(self, width: int) -> int:
        return self.key_lines([e.label for e in EMPLOYMENT_ORDER], width)

    def paint(self, painter: QPainter) -> None:
        self.key(painter, [(e.label, EMPLOYMENT_COLOURS[e]) for e in EMPLOYMENT_ORDER])
        metrics = self.fontMetrics()
        totals = [sum(f.fte.values()) for f in self.figures]
        name_width = min(max(metrics.horizontalAdvance(f.group) for f in self.figures) + 10, int(self.width() * 0.42))
        total_width = max(metrics.horizontalAdvance(fte_text(t)) for t in totals) + 8
        span = max(self.width() - name_width - total_width, 10)
        scale = span / max(max(totals), 1)
        row_height = self.row_height()
        bar_height = min(16.0, row_height - 6)
        top = self.key_height(self.width())
        for row, (f, total) in enumerate(zip(self.figures, totals)):
            y = top + row * row_height
            self.text(painter, QRectF(0, y, name_width - 8, row_height), f.group)
            x = float(name_width)
            for employment in EMPLOYMENT_ORDER:
                width = f.fte[employment] * scale
                count = f.headcount[employment]
                counted = (f"{count:,} vacant post{'s' if count != 1 else ''}" if employment is Employment.VACANCY
                           else people(count))
                self.bar(painter, QRectF(x, y + (row_height - bar_height) / 2, width, bar_height),
                         EMPLOYMENT_COLOURS[employment],
                         f"{f.group}: {employment.label.lower()} {fte_text(f.fte[employment])} FTE ({counted})"
                         if width else None)
                x += width
            self.text(painter, QRectF(x + 6, y, total_width, row_height), fte_text(total), colour=MUTED,
                      tip=f"{f.group}: {fte_text(total)} FTE in all")


class TransferWavesChart(Chart):
    """How many people transfer on each date, and their FTE."""

    empty_text = "No one transfers under TUPE in this staff data."

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Transfers by date", parent)
        self.waves: list[TransferWave] = []

    def set_waves(self, waves: Sequence[TransferWave]) -> None:
        self.waves = list(waves)
        self.setAccessibleDescription("; ".join(
            f"{w.day:%d/%m/%Y}: {people(w.headcount)}, {fte_text(w.fte)} FTE" for w in self.waves))
        self.updateGeometry()
        self.update()

    def rows(self) -> int:
        return len(self.waves)

    def _caption(self, wave: TransferWave) -> str:
        return f"{people(wave.headcount)} · {fte_text(wave.fte)} FTE"

    def _date_width(self) -> int:
        bold = QFont(self.font())
        bold.setBold(True)
        return QFontMetrics(bold).horizontalAdvance("00/00/0000") + 10

    def _two_lines(self, width: int) -> bool:
        """Whether the caption needs a line of its own under the date (a narrow chart)."""
        widest = max((self.fontMetrics().horizontalAdvance(self._caption(w)) for w in self.waves), default=0)
        return self._date_width() + widest > width

    def row_heights(self) -> tuple[int, int]:
        line = self.fontMetrics().height() * (2 if self._two_lines(max(self.width(), 200)) else 1)
        return line + 22, line + 16

    def paint(self, painter: QPainter) -> None:
        line = self.fontMetrics().height()
        most = max(w.headcount for w in self.waves)
        row_height = self.row_height()
        two_lines = self._two_lines(self.width())
        date_width = self._date_width()
        bold = QFont(self.font())
        bold.setBold(True)
        for row, wave in enumerate(self.waves):
            y = row * row_height
            painter.setFont(bold)
            self.text(painter, QRectF(0, y, date_width, line), f"{wave.day:%d/%m/%Y}")
            painter.setFont(self.font())
            if two_lines:
                self.text(painter, QRectF(0, y + line, self.width(), line), self._caption(wave), colour=MUTED)
                y += line
            else:
                self.text(painter, QRectF(date_width, y, self.width() - date_width, line), self._caption(wave),
                          colour=MUTED, align=Qt.AlignmentFlag.AlignRight)
            bar_height = 12.0
            tip = (f"Transfer on {wave.day:%d/%m/%Y}: {people(wave.headcount)}, {fte_text(wave.fte)} FTE, "
                   f"{wave.lgps_members:,} in the LGPS")
            self.bar(painter, QRectF(0, y + line + 3, self.width(), bar_height), TRACK)
            self.bar(painter, QRectF(0, y + line + 3, max(self.width() * wave.headcount / most, 3), bar_height),
                     WAVE_COLOUR, tip)


class TupeProgressChart(Chart):
    """For each transfer date: ELI sent (x of n) and how far consultation has got."""

    empty_text = "No TUPE steps to track: no one transfers in this staff data."

    def __init__(self, parent: QWidget | None = None):
        super().__init__("TUPE step progress", parent)
        self.waves: list[TransferWave] = []
        self.eli_due: dict[date, date] = {}

    def set_waves(self, waves: Sequence[TransferWave], eli_due: Mapping[date, date] | None = None) -> None:
        """``eli_due``: the ELI deadline of each transfer date (from the derived TUPE milestones)."""
        self.waves = list(waves)
        self.eli_due = dict(eli_due or {})
        self.setAccessibleDescription("; ".join(
            f"{w.day:%d/%m/%Y}: ELI sent for {w.eli_sent:,} of {w.headcount:,}"
            + (f" (due {self.eli_due[w.day]:%d/%m/%Y})" if w.day in self.eli_due else "") + "; consultation "
            + ", ".join(f"{c.label.lower()} {w.consultation.get(c, 0):,}" for c in (*CONSULTATION_STEPS,
                                                                                    Consultation.NOT_STARTED))
            for w in self.waves))
        self.updateGeometry()
        self.update()

    def rows(self) -> int:
        return len(self.waves)

    def _key_items(self) -> list[tuple[str, QColor]]:
        return [(c.label, CONSULTATION_COLOURS[c]) for c in (*CONSULTATION_STEPS, Consultation.NOT_STARTED)]

    def key_height(self, width: int) -> int:
        return self.key_lines([label for label, _ in self._key_items()], width)

    def row_heights(self) -> tuple[int, int]:
        line = self.fontMetrics().height()
        return 3 * line + 16 + GAP, 3 * line + 6 + GAP

    def paint(self, painter: QPainter) -> None:
        self.key(painter, self._key_items())
        metrics = self.fontMetrics()
        line = metrics.height()
        top = self.key_height(self.width())
        row_height = self.row_height()
        label_width = max(metrics.horizontalAdvance(t) for t in ("ELI sent", "Consultation")) + 10
        count_width = min(metrics.horizontalAdvance("00,000 of 00,000") + 8, int(self.width() * 0.34))
        bar_left, bar_width = label_width, max(self.width() - label_width - count_width, 10)
        bold = QFont(self.font())
        bold.setBold(True)
        for row, wave in enumerate(self.waves):
            y = top + row * row_height
            n = max(wave.headcount, 1)
            painter.setFont(bold)
            title = f"{wave.day:%d/%m/%Y} · {people(wave.headcount)}"
            title_width = QFontMetrics(bold).horizontalAdvance(title) + 12
            self.text(painter, QRectF(0, y, self.width(), line), title)
            painter.setFont(self.font())
            due = self.eli_due.get(wave.day)
            if due is not None and title_width + metrics.horizontalAdvance(f"ELI due {due:%d/%m/%Y}") <= self.width():
                self.text(painter, QRectF(title_width, y, self.width() - title_width, line), f"ELI due {due:%d/%m/%Y}",
                          colour=MUTED, align=Qt.AlignmentFlag.AlignRight,
                          tip=f"Employee liability information is due by {due:%d/%m/%Y}, 28 days before the transfer")
            step = (row_height - line - 2 - GAP) / 2
            bar_height = min(12.0, step - 4)
            for n_row, (label, count_text) in enumerate((
                    ("ELI sent", f"{wave.eli_sent:,} of {wave.headcount:,}"),
                    ("Consultation", f"{wave.consultation.get(Consultation.COMPLETE, 0):,} complete"))):
                row_y = y + line + 2 + n_row * step
                self.text(painter, QRectF(0, row_y, label_width - 6, step), label, colour=MUTED)
                self.text(painter, QRectF(bar_left + bar_width + 6, row_y, count_width - 6, step), count_text,
                          colour=MUTED)
                bar_y = row_y + (step - bar_height) / 2
                if n_row == 0:
                    self.bar(painter, QRectF(bar_left, bar_y, bar_width, bar_height), TRACK,
                             f"ELI not yet sent for {wave.headcount - wave.eli_sent:,} of {wave.headcount:,}")
                    self.bar(painter, QRectF(bar_left, bar_y, bar_width * wave.eli_sent / n, bar_height), ELI_COLOUR,
                             f"ELI sent for {wave.eli_sent:,} of {wave.headcount:,}")
                    continue
                not_started = wave.consultation.get(Consultation.NOT_STARTED, 0)
                self.bar(painter, QRectF(bar_left, bar_y, bar_width, bar_height), TRACK,
                         f"Consultation not started: {not_started:,} of {wave.headcount:,}")
                x = float(bar_left)
                for consultation in CONSULTATION_STEPS:
                    count = wave.consultation.get(consultation, 0)
                    width = bar_width * count / n
                    self.bar(painter, QRectF(x, bar_y, width, bar_height), CONSULTATION_COLOURS[consultation],
                             f"Consultation {consultation.label.lower()}: {count:,} of {wave.headcount:,}"
                             if count else None)
                    x += width
