"""Icons from resources/icons, loaded once."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QIcon

from trustplanner.resources import resource_path


@lru_cache(maxsize=None)
def icon(name: str) -> QIcon:
    path = resource_path("icons", name)
    return QIcon(str(path)) if path.exists() else QIcon()


def app_icon() -> QIcon:
    return icon("trustplanner.svg")
