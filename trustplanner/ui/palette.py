"""The RAG palette of the app, in one place (docs/design/0010).

Three colours per status, each chosen for WCAG AA (4.5:1) where it carries text:

- ``RAG_FILL``: badges, pills, bars and diamonds;
- ``RAG_ON_FILL``: the letter or word printed on a fill (dark on amber: white on amber is 2.4:1);
- ``RAG_TEXT``: text coloured by its status (a forecast, a slip, a count) on white and on the
  alternate row colour.

tests/ui/test_palette_contrast.py measures them.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

from trustplanner.domain.enums import Rag

DARK_TEXT = QColor("#1d2533")

RAG_FILL = {
    Rag.RED: QColor("#c62828"),
    Rag.AMBER: QColor("#ef8f00"),
    Rag.GREEN: QColor("#2e7d32"),
    Rag.COMPLETE: QColor("#1f5fa8"),
}
RAG_ON_FILL = {
    Rag.RED: QColor("white"),
    Rag.AMBER: DARK_TEXT,
    Rag.GREEN: QColor("white"),
    Rag.COMPLETE: QColor("white"),
}
RAG_TEXT = {
    Rag.RED: QColor("#b3261e"),
    Rag.AMBER: QColor("#8f5200"),
    Rag.GREEN: QColor("#276b2b"),
    Rag.COMPLETE: QColor("#1f5fa8"),
}
#: the rows' alternate colour that RAG_TEXT must also read on, whatever the style's (Fusion #f7f7f7)
ALTERNATE_ROW = QColor("#f0f0f0")
