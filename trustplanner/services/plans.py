"""Creating a plan and changing its programme details."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path

from trustplanner.domain.enums import DeliveryModel
from trustplanner.domain.model import (
    DEFAULT_MARKING,
    DEFAULT_TOLERANCE_DAYS,
    Programme,
    Service,
)
from trustplanner.domain.problems import Problem, ValidationFailed
from trustplanner.domain.programme_rules import programme_breaches
from trustplanner.domain.service_rules import name_repeated, name_taken, service_breaches
from trustplanner.domain.milestone_rules import actual_problem
from trustplanner.domain.template import template_milestones, template_problems
from trustplanner.store.milestone_store import write_milestones, write_services
from trustplanner.services.snapshot import programme_record, programme_row
from trustplanner.services.history import change
from trustplanner.store.plan_file import PLAN_SUFFIX, PlanFile, create_plan_file
from trustplanner.store.tables import ProgrammeRow


def programme_problems(programme: Programme, source: str = "programme") -> list[Problem]:
    """The rules are :mod:`trustplanner.domain.programme_rules`; ``source`` labels each problem."""
    return [Problem.of_edit(source, b.column, b.message) for b in programme_breaches(programme)]


def new_plan(
    path: str | Path,
    *,
    council: str,
    trust: str,
    go_live: date,
    shadow_start: date | None = None,
    delivery_model: DeliveryModel = DeliveryModel.INDEPENDENT_TRUST,
    decision_date: date | None = None,
    tolerance_days: int = DEFAULT_TOLERANCE_DAYS,
    marking: str = DEFAULT_MARKING,
    status_date: date | None = None,
    template: bool = False,
    done: Mapping[str, date] | None = None,
    not_needed: Collection[str] = (),
) -> PlanFile:
    """Create a plan file with its programme (and the standard template when asked).

    ``done`` (ref -> actual date) and ``not_needed`` (refs) say where a plan started mid-programme
    already is; see :mod:`trustplanner.domain.template`.
    """
    programme = Programme(
        council=council.strip(),
        trust=trust.strip(),
        delivery_model=delivery_model,
        go_live=go_live,
        shadow_start=shadow_start,
        decision_date=decision_date,
        tolerance_days=tolerance_days,
        marking=marking.strip(),
        status_date=status_date or date.today(),
    )
    problems = programme_problems(programme) or template_start_problems(programme, done or {}, not_needed)
    if problems:
        raise ValidationFailed(problems)
    plan = create_plan_file(path)
    try:
        with change(plan, f"Create the plan for {programme.council} to {programme.trust}", undoable=False) as unit:
            session = unit.session
            session.add(ProgrammeRow(id=1, **_programme_columns(programme)))
            session.flush()
            if template:
                write_milestones(session, template_milestones(go_live, programme.shadow_start, done=done,
                                                                 not_needed=not_needed))
    except Exception:
        plan.close()
        Path(path).unlink(missing_ok=True)
        raise
    return plan


def template_start_problems(programme: Programme, done: Mapping[str, date],
                            not_needed: Collection[str]) -> list[Problem]:
    """What :func:`new_plan` refuses in where a plan starts: unknown refs, a ref both done and not
    needed, an actual date after the status date (today when the programme has none)."""
    status = programme.status_date or date.today()
    problems = [Problem.of_edit("template", "ref", message) for message in template_problems(done, not_needed)]
    for ref, day in done.items():
        if message := actual_problem(day, status):
            problems.append(Problem.of_edit("template", "actual", f"{ref}: {message} (status date "
                                                                  f"{status:%d/%m/%Y})"))
    return problems


def programme_of(plan: PlanFile) -> Programme:
    with plan.reading() as session:
        return programme_record(programme_row(session))


PROGRAMME_LABELS = {
    "council": "council", "trust": "trust", "delivery_model": "delivery model", "decision_date": "decision date",
    "shadow_start": "shadow start", "go_live": "go-live", "tolerance_days": "tolerance", "marking": "marking",
    "status_date": "status date", "tupe_notice_days": "TUPE notice",
}


def describe_programme_change(old: Programme, new: Programme) -> str:
    """How a change of programme details reads in the history: "Set status date to 14/08/2020"."""
    parts = []
    for name, label in PROGRAMME_LABELS.items():
        value = getattr(new, name)
        if value == getattr(old, name):
            continue
        if value is None:
            parts.append(f"clear the {label}")
            continue
        if isinstance(value, date):
            text = f"{value:%d/%m/%Y}"
        elif name == "tolerance_days":
            text = f"{value} working days"
        elif name == "tupe_notice_days":
            text = f"{value} days"
        else:
            text = getattr(value, "label", None) or str(value)
        parts.append(f"{label} to {text}")
    if not parts:
        return "Change programme details (no change)"
    text = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return text[0].upper() + text[1:] if text.startswith("clear") else "Set " + text


def update_programme(plan: PlanFile, **changes: object) -> Programme:
    """Change programme details (e.g. ``status_date=...``) as one change; derived deadlines follow."""
    unknown = set(changes) - set(PROGRAMME_LABELS)
    if unknown:
        raise TypeError(f"unknown programme details: {', '.join(sorted(unknown))}")
    with change(plan, "Change programme details") as unit:
        session = unit.session
        row = programme_row(session)
        old = programme_record(row)
        updated = replace(old, **{k: v.strip() if isinstance(v, str) else v for k, v in changes.items()})
        problems = programme_problems(updated) or window_problems(updated, changes)
        if problems:
            raise ValidationFailed(problems)
        unit.what = describe_programme_change(old, updated)
        for column, value in _programme_columns(updated).items():
            setattr(row, column, value)
        return updated


#: the programme dates a change may put outside the plan window (go-live and decision make the window)
_WINDOWED = {"status_date": "status_date", "shadow_start": "shadow"}


def window_problems(programme: Programme, changes: dict[str, object], source: str = "programme") -> list[Problem]:
    """Dates just typed (``changes``) outside the plan's sensible window (trustplanner.domain.plan_window)."""
    from trustplanner.domain.plan_window import plan_window

    window = plan_window(programme)
    return [Problem.of_edit(source, column, message) for name, column in _WINDOWED.items()
            if name in changes and (message := window.problem(getattr(programme, name)))]


def _programme_columns(programme: Programme) -> dict[str, object]:
    return {
        "council": programme.council,
        "trust": programme.trust,
        "delivery_model": programme.delivery_model,
        "decision_date": programme.decision_date,
        "shadow_start": programme.shadow_start,
        "go_live": programme.go_live,
        "tolerance_days": programme.tolerance_days,
        "marking": programme.marking,
        "status_date": programme.status_date,
        "tupe_notice_days": programme.tupe_notice_days,
    }


def save_copy(plan: PlanFile, target: str | Path) -> Path:
    """Write a consistent copy of the open plan to ``target`` (replacing a file there)."""
    from trustplanner.store.plan_file import copy_plan_file

    target = Path(target)
    if target.suffix.lower() != PLAN_SUFFIX:
        target = target.with_name(target.name + PLAN_SUFFIX)
    partial = target.with_name(target.name + ".part")
    partial.unlink(missing_ok=True)
    copy_plan_file(plan.path, partial)
    partial.replace(target)
    return target


def service_problems(services: list[Service], programme: Programme, existing: list[Service],
                     source: str = "services") -> list[Problem]:
    """What is wrong with adding ``services`` to a plan that already has ``existing``.

    The rules and their wording are the services file's too (:mod:`trustplanner.domain.service_rules`).
    """
    problems: list[Problem] = []
    taken = {s.name.casefold() for s in existing}
    seen: set[str] = set()
    for number, service in enumerate(services, start=1):
        name = service.name.strip()
        key = name.casefold()
        if name and key in taken:
            problems.append(Problem(source, number, "name", name_taken(name)))
        elif name and key in seen:
            problems.append(Problem(source, number, "name", name_repeated(name)))
        seen.add(key)
        problems.extend(Problem(source, number, b.column, b.message) for b in service_breaches(service, programme))
    return problems


def add_services(plan: PlanFile, services: list[Service]) -> None:
    """Add new services to the plan in one transaction (all or none)."""
    from trustplanner.services.snapshot import read_snapshot

    cleaned = [replace(s, name=s.name.strip()) for s in services]
    with change(plan, "Add services: " + ", ".join(s.name for s in cleaned)) as unit:
        session = unit.session
        snapshot = read_snapshot(session)
        problems = service_problems(cleaned, snapshot.programme, list(snapshot.services))
        if problems:
            raise ValidationFailed(problems)
        write_services(session, cleaned)
