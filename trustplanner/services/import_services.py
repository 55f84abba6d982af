"""Rows of a services file (columns name, shadow, go_live, retained) into Service records."""

from __future__ import annotations

from pathlib import Path

from trustplanner.domain.model import Service
from trustplanner.domain.problems import Problem, ValidationFailed
from trustplanner.io.rows import RowReader
from trustplanner.io.tables import Table, read_table
from trustplanner.services.snapshot import PlanSnapshot

REQUIRED = ("name",)
OPTIONAL = ("shadow", "go_live", "retained")
COLUMNS = REQUIRED + OPTIONAL


def parse(path: str | Path, snapshot: PlanSnapshot) -> tuple[Table, list[Service]]:
    table = read_table(path, "services", required=REQUIRED, optional=OPTIONAL)
    problems: list[Problem] = []
    existing = {s.name.casefold(): s for s in snapshot.services}
    seen: dict[str, int] = {}
    services: list[Service] = []
    programme = snapshot.programme
    for number, cells in table.rows:
        row = RowReader(table.source, number, cells, problems)
        name = row.text("name", required=True, max_length=200)
        if name:
            key = name.casefold()
            if key in seen:
                row.error("name", f"service '{name}' is also on row {seen[key]}")
            seen.setdefault(key, number)
            name = existing[key].name if key in existing else name
        old = existing.get(name.casefold())
        shadow = row.date("shadow") if row.has("shadow") else (old.shadow if old else None)
        go_live = row.date("go_live") if row.has("go_live") else (old.go_live if old else None)
        retained = row.yes_no("retained") if row.has("retained") else (old.retained if old else False)
        if retained and (shadow or go_live):
            row.error("retained", "a retained service stays with the council: leave shadow and go_live blank")
        elif not retained:
            effective_go_live = go_live or programme.go_live
            effective_shadow = shadow or programme.shadow_start
            if effective_shadow and effective_shadow > effective_go_live:
                column = "shadow" if shadow else "go_live"
                row.error(column, f"shadow start {effective_shadow:%d/%m/%Y} is after go-live "
                                  f"{effective_go_live:%d/%m/%Y}")
        services.append(Service(name=name, shadow=shadow, go_live=go_live, retained=bool(retained)))
    if problems:
        raise ValidationFailed(problems)
    return table, services
