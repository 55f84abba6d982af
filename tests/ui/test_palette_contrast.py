"""The RAG colours carry text at WCAG AA contrast (4.5:1), measured with the WCAG 2.x formula.

Relative luminance: each sRGB channel c (0..1) is linearised as c/12.92 when c <= 0.03928, else
((c + 0.055)/1.055) ** 2.4; L = 0.2126 R + 0.7152 G + 0.0722 B; the contrast ratio of two colours
is (L1 + 0.05)/(L2 + 0.05), lighter over darker.
"""

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from trustplanner.briefing import styles as pdf
from trustplanner.domain.enums import Rag
from trustplanner.ui import palette
from trustplanner.ui.delegates import paint_rag_badge
from trustplanner.ui.overview.tables import paint_rag_pill

AA = 4.5
RAGS = (Rag.RED, Rag.AMBER, Rag.GREEN, Rag.COMPLETE)


def luminance(red: float, green: float, blue: float) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(a: QColor, b: QColor) -> float:
    first, second = (luminance(c.redF(), c.greenF(), c.blueF()) for c in (a, b))
    lighter, darker = max(first, second), min(first, second)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_formula_gives_the_known_figures():
    assert contrast(QColor("white"), QColor("black")) == pytest.approx(21.0)
    assert contrast(QColor("#777777"), QColor("white")) == pytest.approx(4.48, abs=0.01)
    assert contrast(QColor("white"), QColor("#ef8f00")) == pytest.approx(2.44, abs=0.01)  # the figure


@pytest.mark.parametrize("rag", RAGS)
def test_the_word_on_a_rag_badge_meets_aa(rag):
    assert contrast(palette.RAG_FILL[rag], palette.RAG_ON_FILL[rag]) >= AA


@pytest.mark.parametrize("rag", RAGS)
@pytest.mark.parametrize("background", ["#ffffff", "alternate", palette.ALTERNATE_ROW.name()])
def test_text_coloured_by_rag_meets_aa_on_rows_and_alternate_rows(qapp, rag, background):
    behind = qapp.palette().alternateBase().color() if background == "alternate" else QColor(background)
    assert contrast(palette.RAG_TEXT[rag], behind) >= AA


def _painted(paint, rag) -> QImage:
    image = QImage(80, 28, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint(painter, QRect(0, 0, 80, 28), rag)
    painter.end()
    return image


@pytest.mark.parametrize("paint", [paint_rag_badge, paint_rag_pill], ids=["badge", "pill"])
@pytest.mark.parametrize("rag", RAGS)
def test_badges_as_painted_put_readable_letters_on_their_fill(qapp, paint, rag):
    image = _painted(paint, rag)
    fill = palette.RAG_FILL[rag]
    colours = {image.pixelColor(x, y).rgb() for x in range(image.width()) for y in range(image.height())}
    assert fill.rgb() in colours
    best = max(contrast(QColor.fromRgb(c), fill) for c in colours if QColor.fromRgb(c) != QColor("white")
               or palette.RAG_ON_FILL[rag] == QColor("white"))
    assert best >= AA  # the glyphs' solid pixels are the text colour


@pytest.mark.parametrize("rag", RAGS)
def test_the_briefings_overall_badge_prints_its_word_at_aa(rag):
    style = pdf.briefing_styles()[pdf.RAG_BADGE_STYLE[rag]]
    ink = QColor(style.textColor.hexval().replace("0x", "#"))
    strong = QColor(pdf.RAG_STRONG[rag].hexval().replace("0x", "#"))
    assert contrast(ink, strong) >= AA


@pytest.mark.parametrize("rag", RAGS)
def test_briefing_cells_print_dark_text_on_light_rag_fills(rag):
    fill = QColor(pdf.RAG_FILL[rag].hexval().replace("0x", "#"))
    assert contrast(QColor(pdf.INK.hexval().replace("0x", "#")), fill) >= AA


def test_forecasts_take_their_milestones_rag_colour(demo_document):
    from trustplanner.services.milestone_lines import milestone_lines
    from trustplanner.ui.models.milestone_table import Column, MilestoneTableModel

    model = MilestoneTableModel()
    model.set_lines(milestone_lines(demo_document.snapshot))
    seen = set()
    for row in range(model.rowCount()):
        line = model.index(row, 0).data(Qt.ItemDataRole.UserRole + 2)
        brush = model.index(row, Column.FORECAST).data(Qt.ItemDataRole.ForegroundRole)
        if line.rag is Rag.COMPLETE:
            continue
        assert brush is not None and brush.color() == palette.RAG_TEXT[line.rag], line.ref
        seen.add(line.rag)
    assert seen == {Rag.RED, Rag.AMBER, Rag.GREEN}
