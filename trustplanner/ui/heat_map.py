"""The 5×5 heat map of the register: likelihood across, impact up, each cell coloured by the plan's
bands and showing how many open risks sit there (so it reads in greyscale). A cell is a button:
click it (or Space on it) to filter the table to it, click it again to clear."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QToolButton, QWidget

from trustplanner.domain.risk_rules import band
from trustplanner.domain.risks import Appetite, Risk, RiskStatus
from trustplanner.ui.palette import DARK_TEXT, RAG_FILL, RAG_ON_FILL

CELL = 22


def _pale(colour: QColor) -> QColor:
    """The band's colour faded (a cell with no risk in it)."""
    return QColor.fromRgbF(*(0.72 + 0.28 * c for c in colour.getRgbF()[:3]))


def cell_counts(risks) -> dict[tuple[int, int], list[str]]:  # noqa: ANN001
    """{(likelihood, impact): refs} of the open risks' current scores."""
    cells: dict[tuple[int, int], list[str]] = {}
    for risk in risks:
        if risk.status is RiskStatus.OPEN:
            cells.setdefault((risk.current.likelihood, risk.current.impact), []).append(risk.ref)
    return cells


class HeatMap(QWidget):
    #: (likelihood, impact) chosen, or None when the chosen cell was clicked again
    cell_chosen = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName("Heat map of open risks")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.chosen: tuple[int, int] | None = None
        self.buttons: dict[tuple[int, int], QToolButton] = {}
        self.counts: dict[tuple[int, int], list[str]] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(1)
        impact = QLabel("Impact")
        impact.setAlignment(Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(impact, 0, 0, 1, 3)
        for impact_value in range(5, 0, -1):
            row = 6 - impact_value
            label = QLabel(str(impact_value))
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(label, row, 0)
            for likelihood in range(1, 6):
                button = QToolButton()
                button.setCheckable(True)
                button.setFixedSize(CELL + 8, CELL)
                button.clicked.connect(lambda _checked=False, cell=(likelihood, impact_value): self._clicked(cell))
                self.buttons[(likelihood, impact_value)] = button
                grid.addWidget(button, row, likelihood)
        for likelihood in range(1, 6):
            label = QLabel(str(likelihood))
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(label, 6, likelihood)
        caption = QLabel("Likelihood")
        caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        grid.addWidget(caption, 7, 1, 1, 5)
        self.show_risks((), Appetite())

    def show_risks(self, risks: tuple[Risk, ...] | list[Risk], appetite: Appetite) -> None:
        self.counts = cell_counts(risks)
        if self.chosen is not None and self.chosen not in self.counts:
            self.chosen = None
        for (likelihood, impact), button in self.buttons.items():
            refs = self.counts.get((likelihood, impact), [])
            score = likelihood * impact
            rag = band(score, appetite)
            fill = RAG_FILL[rag] if refs else _pale(RAG_FILL[rag])
            text = RAG_ON_FILL[rag] if refs else DARK_TEXT
            chosen = self.chosen == (likelihood, impact)
            border = "3px solid #10315e" if chosen else "1px solid #ffffff"
            button.setStyleSheet(f"QToolButton {{ background: {fill.name()}; color: {text.name()}; "
                                 f"border: {border}; font-weight: bold; }}")
            button.setText(str(len(refs)) if refs else "")
            button.setChecked(chosen)
            words = f"{len(refs)} open risk{'s' if len(refs) != 1 else ''}" + (f": {', '.join(refs)}" if refs else "")
            button.setToolTip(f"Likelihood {likelihood} × impact {impact} = {score} ({rag.label.lower()}): {words}"
                              + ("\nClick again to show every risk" if chosen else
                                 "\nClick to list these risks" if refs else ""))
            button.setAccessibleName(f"Likelihood {likelihood}, impact {impact}: {words}")
            button.setEnabled(bool(refs) or chosen)

    def _clicked(self, cell: tuple[int, int]) -> None:
        self.set_chosen(None if self.chosen == cell else cell)
        self.cell_chosen.emit(self.chosen)

    def set_chosen(self, cell: tuple[int, int] | None) -> None:
        self.chosen = cell
        for key, button in self.buttons.items():
            button.setChecked(key == cell)
        self._restyle()

    def _restyle(self) -> None:
        for key, button in self.buttons.items():
            style = button.styleSheet()
            border = "3px solid #10315e" if key == self.chosen else "1px solid #ffffff"
            start = style.find("border:")
            end = style.find(";", start)
            button.setStyleSheet(style[:start] + f"border: {border}" + style[end:])
