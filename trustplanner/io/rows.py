"""Turning one row's cells into typed values while collecting every problem on the way."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from trustplanner.domain.problems import Problem
from trustplanner.io.values import CellError, parse_optional_date, parse_yes_no

T = TypeVar("T")


class RowReader:
    """Reads cells of one row; a bad cell records a :class:`Problem` and yields ``None``."""

    __slots__ = ("source", "row", "cells", "problems")  # one per row of a file: kept small

    def __init__(self, source: str, row: int, cells: dict[str, str], problems: list[Problem]):
        self.source, self.row, self.cells, self.problems = source, row, cells, problems

    def has(self, column: str) -> bool:
        return column in self.cells

    def text(self, column: str, *, required: bool = False, max_length: int | None = None) -> str:
        value = self.cells.get(column, "")
        if required and not value:
            self.error(column, f"{column} is required")
        if max_length and len(value) > max_length:
            self.error(column, f"is longer than {max_length} characters")
        return value

    def parse(self, column: str, parser: Callable[[str], T]) -> T | None:
        try:
            return parser(self.cells.get(column, ""))
        except CellError as exc:
            self.error(column, str(exc))
            return None

    def date(self, column: str, *, required: bool = False) -> date | None:
        text = self.cells.get(column, "")
        if required and not text:
            self.error(column, f"{column} date is required")
            return None
        try:  # self.parse(column, parse_optional_date), without the indirection: a file has thousands
            return parse_optional_date(text)
        except CellError as exc:
            self.error(column, str(exc))
            return None

    def yes_no(self, column: str) -> bool | None:
        return self.parse(column, parse_yes_no)

    def error(self, column: str | None, message: str) -> None:
        self.problems.append(Problem(self.source, self.row, column, message))
