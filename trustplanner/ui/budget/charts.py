"""Finance charts painted with QPainter (PySide6-Essentials has no QtCharts).

Each chart is given figures already worked out by services.finance, so it shows exactly what
the tables and the briefing show. Amounts are in £m to one decimal place; every bar has a
tooltip to the pound and the chart an accessible description in words. Deliverability carries
its letter and shortfalls are hatched, so the charts read in greyscale too.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QWidget

from trustplanner.domain.budget import Deliverability, year_label
from trustplanner.domain.enums import Rag
from trustplanner.domain.figures import percent_text, share
from trustplanner.services.finance import ControlSplit, SavingsFigures
from trustplanner.ui.budget.models import (
    ServiceBudget,
    millions,
    over_in_millions,
    pounds,
    rag_colour,
    signed_pounds,
)
from trustplanner.ui.charts import MUTED, TEXT, TRACK, Chart
from trustplanner.ui.palette import RAG_ON_FILL

BUDGET_COLOUR = QColor("#9db4d6")
FORECAST_COLOUR = QColor("#24508f")
OVER_COLOUR = QColor("#b71c1c")
COUNCIL_COLOUR = QColor("#b9c0ca")
TRUST_COLOUR = QColor("#24508f")
RAG_ORDER = (Deliverability.RED, Deliverability.AMBER, Deliverability.GREEN)


class BudgetForecastChart(Chart):
    """Budget and forecast outturn side by side for each service; an overspent forecast is red."""

    empty_text = "No budget lines for this year."

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Budget and forecast by service", parent)
        self.figures: list[ServiceBudget] = []

    def set_figures(self, figures: Sequence[ServiceBudget]) -> None:
        self.figures = list(figures)
        self.setAccessibleDescription("; ".join(
            f"{f.service}: budget {pounds(f.budget)}, forecast {pounds(f.forecast)}, variance "
            f"{signed_pounds(f.variance)}" for f in self.figures))
        self.updateGeometry()
        self.update()

    def rows(self) -> int:
        return len(self.figures)

    def _key_items(self) -> list[tuple[str, QColor]]:
        return [("Budget", BUDGET_COLOUR), ("Forecast", FORECAST_COLOUR), ("Forecast over budget", OVER_COLOUR)]

    def key_height(self, width: int) -> int:
        return self.key_lines([label for label, _ in self._key_items()], width)

    def row_heights(self) -> tuple[int, int]:
        line = self.fontMetrics().height()
        return max(line, 17) + 7, max(line, 12) + 3

    def paint(self, painter: QPainter) -> None:
        self.key(painter, self._key_items())
        metrics = self.fontMetrics()
        name_width = min(max(metrics.horizontalAdvance(f.service) for f in self.figures) + 10, int(self.width() * 0.36))
        full = max(metrics.horizontalAdvance(self._value(f, True)) for f in self.figures) + 10
        with_variance = full <= self.width() * 0.3  # a narrow chart shows the forecast only
        value_width = full if with_variance else max(metrics.horizontalAdvance(self._value(f, False))
                                                     for f in self.figures) + 10
        span = max(self.width() - name_width - value_width, 10)
        scale = span / max(max(max(f.budget, f.forecast) for f in self.figures), 1)
        row_height = self.row_height()
        bar = max(min(8.0, (row_height - 5) / 2), 3.0)
        top = self.key_height(self.width())
        for row, f in enumerate(self.figures):
            y = top + row * row_height
            self.text(painter, QRectF(0, y, name_width - 8, row_height), f.service)
            bars_top = y + (row_height - 2 * bar - 1) / 2
            self.bar(painter, QRectF(name_width, bars_top, max(f.budget * scale, 1), bar), BUDGET_COLOUR,
                     f"{f.service}: budget {pounds(f.budget)}")
            over = over_in_millions(f.variance) > 0  # as the figure beside the bar shows it, in £m
            self.bar(painter, QRectF(name_width, bars_top + bar + 1, max(f.forecast * scale, 1), bar),
                     OVER_COLOUR if over else FORECAST_COLOUR,
                     f"{f.service}: forecast outturn {pounds(f.forecast)}, {signed_pounds(f.variance)} "
                     f"({'over' if over else 'under' if over_in_millions(f.variance) else 'on'} budget)")
            right = QRectF(self.width() - value_width + 6, y, value_width - 6, row_height)
            self.text(painter, right, self._value(f, with_variance), colour=OVER_COLOUR if over else MUTED, align=Qt.AlignmentFlag.AlignRight,
                      tip=f"{f.service}: forecast {pounds(f.forecast)} against a budget of {pounds(f.budget)}; "
                          f"variance {signed_pounds(f.variance)}")


    @staticmethod
    def _value(f: ServiceBudget, with_variance: bool) -> str:
        return f"{millions(f.forecast)} {millions(f.variance, signed=True)}" if with_variance else millions(f.forecast)


class SavingsRagChart(Chart):
    """Savings target by deliverability: the part forecast to be delivered solid, the shortfall hatched."""

    empty_text = "No savings plans for this year."

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Savings by deliverability", parent)
        self.figures: list[SavingsFigures] = []
        self.total: SavingsFigures | None = None
        self.at_risk = 0

    def set_figures(self, figures: Sequence[SavingsFigures], at_risk: int) -> None:
        """``figures``: finance.savings_by_rag (one per RAG, then the total); ``at_risk``: finance.at_risk."""
        self.figures = [f for f in figures if f.rag is not None]
        self.total = next((f for f in figures if f.rag is None), None)
        self.at_risk = at_risk
        self.setAccessibleDescription(f"At risk {pounds(at_risk)}; " + "; ".join(
            f"{f.rag.label}: {f.count} plans, target {pounds(f.target)}, forecast delivered {pounds(f.forecast)}"
            for f in self.figures))
        self.updateGeometry()
        self.update()

    def rows(self) -> int:
        return len(self.figures) if any(f.count for f in self.figures) else 0

    def _key_items(self) -> list[tuple[str, QColor]]:
        return [("Forecast delivered", MUTED), ("Shortfall (hatched)", TRACK)]

    def key_height(self, width: int) -> int:
        return self.fontMetrics().height() + 6 + self.key_lines([label for label, _ in self._key_items()], width)

    def row_heights(self) -> tuple[int, int]:
        line = self.fontMetrics().height()
        return 2 * line + 8, line + 12

    def paint(self, painter: QPainter) -> None:
        metrics = self.fontMetrics()
        line = metrics.height()
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        target = self.total.target if self.total else 0
        self.text(painter, QRectF(0, 0, self.width(), line + 2), f"At risk: {millions(self.at_risk)} of "
                  f"{millions(target)}", colour=OVER_COLOUR if self.at_risk else TEXT,
                  tip=f"Savings at risk (red and amber plans not forecast to be delivered): {pounds(self.at_risk)} "
                      f"of a target of {pounds(target)}")
        painter.setFont(self.font())
        self.key(painter, self._key_items(), top=line + 6)
        top = self.key_height(self.width())
        row_height = self.row_height()
        two_lines = row_height >= 2 * line + 6
        biggest = max(max(f.target, f.forecast) for f in self.figures) or 1
        badge_width = metrics.horizontalAdvance("W") + 10
        for row, f in enumerate(self.figures):
            y = top + row * row_height
            colour = rag_colour(f.rag)
            badge = QRectF(0, y + (line - min(line, 16)) / 2 + 1, badge_width, min(line, 16))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(badge, 3, 3)
            painter.setFont(bold)
            painter.setPen(RAG_ON_FILL[Rag(f.rag.value)])
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, f.rag.letter)
            painter.setFont(self.font())
            label = f"{f.rag.label} · {f.count} plan{'s' if f.count != 1 else ''}"
            label_width = metrics.horizontalAdvance(label) + 12
            room = self.width() - badge_width - 6 - label_width
            short = millions(max(f.shortfall, 0))
            amounts = next((text for text in (f"{millions(f.target)} target · {short} short",
                                              f"{millions(f.target)} · {short} short", f"{short} short")
                            if metrics.horizontalAdvance(text) <= room), f"{short} short")
            self.text(painter, QRectF(badge_width + 6, y, label_width, line + 2), label)
            self.text(painter, QRectF(badge_width + 6 + label_width, y, self.width() - badge_width - 6 - label_width,
                                      line + 2), amounts, colour=MUTED, align=Qt.AlignmentFlag.AlignRight,
                      tip=f"{f.rag.label}: target {pounds(f.target)}, forecast delivered {pounds(f.forecast)}, "
                          f"shortfall {pounds(max(f.shortfall, 0))}")
            bar_top = y + line + 4 if two_lines else y + line + 2
            bar_height = max(min(12.0, row_height - (bar_top - y) - 4), 4.0)
            left, span = badge_width + 6, self.width() - badge_width - 6
            self.bar(painter, QRectF(left, bar_top, span, bar_height), QColor("#f3f5f8"))
            delivered = min(f.forecast, f.target) * span / biggest
            self.bar(painter, QRectF(left, bar_top, delivered, bar_height), colour,
                     f"{f.rag.label}: forecast delivered {pounds(f.forecast)}")
            hatched = max(f.shortfall, 0) * span / biggest
            if hatched > 0:
                rect = QRectF(left + delivered, bar_top, hatched, bar_height)
                self.tips.append((rect, f"{f.rag.label}: shortfall {pounds(f.shortfall)}"))
                painter.setPen(QPen(colour, 1))
                painter.setBrush(QBrush(colour, Qt.BrushStyle.BDiagPattern))
                painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))

    def key(self, painter: QPainter, items, top: float = 0) -> None:
        """The key's shortfall swatch is hatched like the bars."""
        super().key(painter, items, top)
        metrics = self.fontMetrics()
        line = metrics.height() + 4
        x = 16 + metrics.horizontalAdvance(items[0][0]) + 12
        y = top
        if x + 16 + metrics.horizontalAdvance(items[1][0]) > self.width():
            x, y = 0, top + line
        painter.setPen(QPen(MUTED, 1))
        painter.setBrush(QBrush(MUTED, Qt.BrushStyle.BDiagPattern))
        painter.drawRect(QRectF(x + 0.5, y + (line - 11) / 2 + 0.5, 10, 10))


class ControlSplitChart(Chart):
    """Each year's budget split between council and trust control: the handover schedule in money."""

    empty_text = "No budget lines to split between council and trust."

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Budget under council and trust control by year", parent)
        self.splits: list[ControlSplit] = []
        self.chosen: int | None = None

    def set_splits(self, splits: Sequence[ControlSplit], chosen: int | None = None) -> None:
        self.splits = [s for s in splits if s.total]
        self.chosen = chosen
        self.setAccessibleDescription("; ".join(
            f"{year_label(s.year)}: council {pounds(s.council)}, trust {pounds(s.trust)}" for s in self.splits))
        self.updateGeometry()
        self.update()

    def rows(self) -> int:
        return len(self.splits)

    def _key_items(self) -> list[tuple[str, QColor]]:
        return [("Council", COUNCIL_COLOUR), ("Trust", TRUST_COLOUR)]

    def key_height(self, width: int) -> int:
        return self.key_lines([label for label, _ in self._key_items()], width)

    def sizeHint(self) -> QSize:
        return QSize(220, self.key_height(220) + 4 * self.fontMetrics().height() + 90)

    def minimumSizeHint(self) -> QSize:
        return QSize(150, self.key_height(150) + 4 * self.fontMetrics().height() + 40)

    def paint(self, painter: QPainter) -> None:
        self.key(painter, self._key_items())
        metrics = self.fontMetrics()
        line = metrics.height()
        top = self.key_height(self.width()) + line + 2  # room for the total over the tallest bar
        bottom = self.height() - 2 * line - 4
        height = max(bottom - top, 10)
        slot = self.width() / len(self.splits)
        bar_width = min(64.0, slot * 0.6)
        biggest = max(s.total for s in self.splits) or 1
        bold = QFont(self.font())
        bold.setBold(True)
        for n, split in enumerate(self.splits):
            centre = slot * n + slot / 2
            left = centre - bar_width / 2
            council_h = split.council * height / biggest
            trust_h = split.trust * height / biggest
            council_rect = QRectF(left, bottom - council_h, bar_width, council_h)
            trust_rect = QRectF(left, bottom - council_h - trust_h, bar_width, trust_h)
            label = year_label(split.year)
            self.bar(painter, council_rect, COUNCIL_COLOUR, f"{label}: {pounds(split.council)} under council control")
            self.bar(painter, trust_rect, TRUST_COLOUR, f"{label}: {pounds(split.trust)} under trust control")
            for rect, amount, colour in ((council_rect, split.council, TEXT), (trust_rect, split.trust, QColor("white"))):
                text = millions(amount)
                if amount and rect.height() >= line + 2 and metrics.horizontalAdvance(text) + 4 <= rect.width():
                    painter.setPen(colour)
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
            total_top = bottom - council_h - trust_h - line - 2
            self.text(painter, QRectF(centre - slot / 2, total_top, slot, line), millions(split.total), colour=MUTED,
                      align=Qt.AlignmentFlag.AlignHCenter, tip=f"{label}: {pounds(split.total)} in all")
            painter.setFont(bold if split.year == self.chosen else self.font())
            self.text(painter, QRectF(centre - slot / 2, bottom + 3, slot, line), label,
                      align=Qt.AlignmentFlag.AlignHCenter)
            painter.setFont(self.font())
            trust_share = percent_text(share(split.trust, split.total), places=0)
            caption = "all council" if not split.trust else ("all trust" if not split.council else f"trust {trust_share}")
            self.text(painter, QRectF(centre - slot / 2, bottom + 3 + line, slot, line), caption, colour=MUTED,
                      align=Qt.AlignmentFlag.AlignHCenter)
        painter.setPen(QPen(QColor("#c9ced6"), 1))
        painter.drawLine(0, int(bottom) + 1, self.width(), int(bottom) + 1)
