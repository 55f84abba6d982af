"""The declarative base shared by every table, with stable constraint names for Alembic."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sqlalchemy import MetaData, String
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def area(name: str, label: str = ""):  # noqa: ANN201
    """Class decorator: the area of the plan a table belongs to ("milestones", "staff", ...), and
    how one of its rows is named in messages (a format string over its stored columns, e.g. "{ref}").

    The change history names the areas each change touched from this, and pages refresh by area.
    """

    def declare(cls):  # noqa: ANN001, ANN202
        cls.__table__.info["area"] = name
        cls.__table__.info["label"] = label
        return cls

    return declare


class StrEnumType(TypeDecorator):
    """Stores a ``StrEnum`` by its value in a plain string column (portable, no native enums)."""

    impl = String(32)
    cache_ok = True

    def __init__(self, enum_type: type[StrEnum], *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.enum_type = enum_type

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        return None if value is None else self.enum_type(value).value

    def process_result_value(self, value: Any, dialect: Any) -> StrEnum | None:
        return None if value is None else self.enum_type(value)
