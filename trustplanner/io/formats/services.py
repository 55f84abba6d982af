"""Rows of a services file (columns name, shadow, go_live, retained) into Service records."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from trustplanner.domain.model import Service
from trustplanner.domain.problems import Problem, ValidationFailed
from trustplanner.domain.service_rules import name_repeated, service_breaches
from trustplanner.domain.snapshot import PlanSnapshot
from trustplanner.io.rows import RowReader
from trustplanner.io.tables import Table, as_in_file, read_table

REQUIRED = ("name",)
OPTIONAL = ("shadow", "go_live", "retained")
COLUMNS = REQUIRED + OPTIONAL


def parse(path: str | Path, snapshot: PlanSnapshot, fill: Callable[[Table], None] | None = None,
          ) -> tuple[Table, list[Service]]:
    """``fill`` sees the cells before they are checked (it fills blank cells that keep the plan's values)."""
    table = read_table(path, "services", required=REQUIRED, optional=OPTIONAL)
    if fill is not None:
        fill(table)
    problems: list[Problem] = []
    existing = {s.name.casefold(): s for s in snapshot.services}
    seen: dict[str, int] = {}
    services: list[Service] = []
    programme = snapshot.programme
    for number, cells in table.rows:
        row = RowReader(table.source, number, cells, problems)
        name = row.text("name")
        key = name.strip().casefold()
        if name:
            if key in seen:
                row.error("name", f"{name_repeated(name)}, also on row {seen[key]}")
            seen.setdefault(key, number)
            name = existing[key].name if key in existing else name
        old = existing.get(key)
        shadow = row.date("shadow") if row.has("shadow") else (old.shadow if old else None)
        go_live = row.date("go_live") if row.has("go_live") else (old.go_live if old else None)
        retained = row.yes_no("retained") if row.has("retained") else (old.retained if old else False)
        service = Service(name=name, shadow=shadow, go_live=go_live, retained=bool(retained))
        for breach in service_breaches(service, programme):
            row.error(breach.column, breach.message)
        services.append(service)
    if problems:
        raise ValidationFailed(as_in_file(table, problems))
    return table, services
