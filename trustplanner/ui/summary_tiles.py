"""What the Staff and Budget pages' summaries share: a row of headline tiles and chart cards."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from PySide6.QtWidgets import QGridLayout, QWidget

from trustplanner.ui.overview.cards import Card, Tile

T = TypeVar("T", bound=Tile)


def tile_row(titles: Iterable[str], make: Callable[[str], T]) -> tuple[QGridLayout, dict[str, T]]:
    """One tile per title side by side, equally wide, each value large and its caption on one line."""
    grid = QGridLayout()
    grid.setSpacing(8)
    tiles: dict[str, T] = {}
    for column, title in enumerate(titles):
        tile = make(title)
        font = tile.value.font()
        font.setPointSizeF(tile.title.font().pointSizeF() * 1.6)
        tile.value.setFont(font)
        tile.caption.setWordWrap(False)  # one line each, so every tile is as tall as its minimum
        tiles[title] = tile
        grid.addWidget(tile, 0, column)
        grid.setColumnStretch(column, 1)
    return grid, tiles


def chart_card(title: str, chart: QWidget) -> Card:
    """A titled card holding ``chart``, which takes its spare height."""
    card = Card(title)
    card.body.addWidget(chart, 1)
    return card
