"""The demo plan with every text a user can type replaced, for briefing tests that must not fail."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from trustplanner.domain.snapshot import PlanSnapshot


def load_demo(path: Path) -> tuple[PlanSnapshot, dict[str, object]]:
    """The demo plan at ``path`` as a snapshot and the sources its briefing is prepared from."""
    from trustplanner.services.snapshot import load_snapshot
    from trustplanner.services.status_areas import load_sources
    from trustplanner.store.plan_file import open_plan_file

    plan = open_plan_file(path, read_only=True)
    try:
        snapshot = load_snapshot(plan)
        return snapshot, load_sources(plan, snapshot.status_date)
    finally:
        plan.close()


def with_texts(snapshot: PlanSnapshot, sources: dict[str, object], texts: Iterable[str],
               ) -> tuple[PlanSnapshot, dict[str, object]]:
    """``snapshot`` and ``sources`` with their user texts taken in turn from ``texts`` (cycled):
    the council, trust, marking, service names (renamed everywhere), milestone titles,
    workstreams, owners and commentary, staff teams, budget line, savings and funding texts."""
    supply = itertools.cycle(list(texts) or [""])
    pick = lambda: next(supply)  # noqa: E731
    names = {service.name: f"{pick()} {n}" for n, service in enumerate(snapshot.services)}  # stay distinct

    def service(name: str | None) -> str | None:
        return names.get(name, name) if name is not None else None

    programme = dataclasses.replace(snapshot.programme, council=pick(), trust=pick(), marking=pick())
    services = tuple(dataclasses.replace(s, name=names[s.name]) for s in snapshot.services)
    milestones = tuple(
        dataclasses.replace(m, title=pick(), workstream=pick(), owner=pick(), commentary=pick(),
                            service=service(m.service))
        for m in snapshot.milestones
    )
    staff = [dataclasses.replace(r, service=service(r.service), team=pick(), role=pick(), name=pick())
             for r in sources.get("staff") or []]
    finance = sources.get("finance")
    if finance is not None:
        finance = dataclasses.replace(
            finance,
            lines=tuple(dataclasses.replace(line, service=service(line.service), description=pick())
                        for line in finance.lines),
            savings=tuple(dataclasses.replace(s, service=service(s.service), description=pick(), mitigation=pick())
                          for s in finance.savings),
            funding=tuple(dataclasses.replace(f, description=pick()) for f in finance.funding),
        )
    return PlanSnapshot(programme, services, milestones), {**sources, "staff": staff, "finance": finance}


def briefing_pdf(snapshot: PlanSnapshot, sources: dict[str, object], *, as_of: date | None = None,
                 marking: str | None = None, author: str | None = None) -> bytes:
    import io

    from trustplanner.briefing.document import render_briefing
    from trustplanner.services.briefings import prepare_briefing

    data = prepare_briefing(snapshot, as_of=as_of, marking=marking, author=author, **sources)
    buffer = io.BytesIO()
    render_briefing(data, buffer)
    return buffer.getvalue()
