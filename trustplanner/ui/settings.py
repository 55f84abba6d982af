"""Every persisted user setting, declared once with its type and default, over QSettings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from trustplanner import APP_NAME, ORGANISATION

MAX_RECENT = 8


class Settings:
    def __init__(self, store: QSettings | None = None):
        self.store = store or QSettings(ORGANISATION, APP_NAME)

    # recent files and folders
    def recent_files(self) -> list[str]:
        value = self.store.value("files/recent", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in value or []]

    def add_recent_file(self, path: Path) -> None:
        text = str(Path(path).resolve())
        files = [text] + [f for f in self.recent_files() if f != text]
        self.store.setValue("files/recent", files[:MAX_RECENT])
        self.store.setValue("files/last_plan", text)
        self.set_last_folder(Path(text).parent)

    def remove_recent_file(self, path: str) -> None:
        self.store.setValue("files/recent", [f for f in self.recent_files() if f != path])

    def last_plan(self) -> str | None:
        value = self.store.value("files/last_plan", "")
        return str(value) if value else None

    def clear_last_plan(self) -> None:
        self.store.remove("files/last_plan")

    def last_folder(self) -> str:
        return str(self.store.value("files/last_folder", str(Path.home())))

    def set_last_folder(self, folder: Path) -> None:
        self.store.setValue("files/last_folder", str(folder))

    # window state: geometry, splitters, table headers
    def state(self, key: str) -> QByteArray | None:
        value = self.store.value(f"state/{key}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_state(self, key: str, value: QByteArray) -> None:
        self.store.setValue(f"state/{key}", value)

    # the reviewer this copy of TrustPlanner reviews as (asked once, File → Reviewer…)
    def reviewer(self) -> tuple[str, str] | None:
        """(name, role value) as last given, or None if never asked."""
        name = str(self.store.value("review/name", "") or "").strip()
        role = str(self.store.value("review/role", "") or "").strip()
        return (name, role) if name and role else None

    def set_reviewer(self, name: str, role: str) -> None:
        self.store.setValue("review/name", name.strip())
        self.store.setValue("review/role", role)

    def value(self, key: str, default: str = "") -> str:
        return str(self.store.value(f"options/{key}", default))

    def set_value(self, key: str, value: str) -> None:
        self.store.setValue(f"options/{key}", value)
