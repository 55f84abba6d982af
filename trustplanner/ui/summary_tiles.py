"""What the Staff and Budget pages' summaries share: a row of headline tiles and chart cards."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from math import ceil
from typing import TypeVar

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QGridLayout, QWidget

from trustplanner.ui.overview.cards import Card, Tile

T = TypeVar("T", bound=Tile)


class TileGrid(QGridLayout):
    """Tiles side by side, equally wide; when the window is too narrow for one row of them at
    their minimum width they go into two (or more) balanced rows instead of being squeezed."""

    def __init__(self, spacing: int = 8):
        super().__init__()
        self.setSpacing(spacing)
        self.tiles: list[Tile] = []
        self._columns = 0

    def add_tile(self, tile: Tile) -> None:
        tile.setMinimumWidth(0)  # its words decide how narrow it can be
        self.tiles.append(tile)
        self._place(len(self.tiles))

    def _columns_for(self, width: int) -> int:
        count = len(self.tiles)
        widest = max((tile.minimumSizeHint().width() for tile in self.tiles), default=1)
        fit = max(1, (width + self.spacing()) // (widest + self.spacing()))
        if fit >= count:
            return count
        rows = ceil(count / fit)
        return ceil(count / rows)

    def _place(self, columns: int) -> None:
        if columns == self._columns:
            return
        for tile in self.tiles:
            self.removeWidget(tile)
        for column in range(max(self._columns, columns)):
            self.setColumnStretch(column, 1 if column < columns else 0)
        for n, tile in enumerate(self.tiles):
            self.addWidget(tile, n // columns, n % columns)
        self._columns = columns

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt's name
        columns = self._columns_for(rect.width())
        if columns != self._columns:
            self._place(columns)
            self.invalidate()
            parent = self.parentWidget()
            if parent is not None:
                parent.updateGeometry()
        super().setGeometry(rect)


def tile_row(titles: Iterable[str], make: Callable[[str], T]) -> tuple[QGridLayout, dict[str, T]]:
    """One tile per title side by side, equally wide, each value large and its caption on one line."""
    grid = TileGrid()
    tiles: dict[str, T] = {}
    for title in titles:
        tile = make(title)
        font = tile.value.font()
        font.setPointSizeF(tile.title.font().pointSizeF() * 1.6)
        tile.value.setFont(font)
        tile.caption.setWordWrap(False)  # one line each, so every tile is as tall as its minimum
        tiles[title] = tile
        grid.add_tile(tile)
    return grid, tiles


def chart_card(title: str, chart: QWidget) -> Card:
    """A titled card holding ``chart``, which takes its spare height."""
    card = Card(title)
    card.body.addWidget(chart, 1)
    return card
