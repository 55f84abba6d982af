"""Producing the cabinet briefing: prepare plain data from a plan, render it, record it.

The record of each issued briefing keeps the headline statuses it reported, so the next
briefing can show "last period" and list what was completed since.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from trustplanner.briefing.register_data import RegisterBriefing
from trustplanner.briefing.data import (
    BriefingData,
    BriefingHeader,
    CriticalPath,
    CriticalPathLine,
    KnockOnLine,
    MilestoneRow,
    MilestoneSection,
    ServiceStageLine,
    StatusRow,
)
from trustplanner.briefing.wording import count, rag_word, refs, uk_date, working_days
from trustplanner.domain.calendar import working_days_between
from trustplanner.domain.dates import refuse_out_of_range
from trustplanner.domain.enums import Rag, Stage
from trustplanner.domain.risks import RiskRegister
from trustplanner.domain.model import Milestone, Service, stage_of
from trustplanner.domain.problems import PlanFileError, Problem, TrustPlannerError, ValidationFailed
from trustplanner.domain.rag import rag_disagreement
from trustplanner.domain.schedule import critical_path, find_cycles, knock_on
from trustplanner.domain.staff import StaffRecord
from trustplanner.domain.windows import BRIEFING_DUE_DAYS, FIRST_BRIEFING_COMPLETED_DAYS, window_end, window_start
from trustplanner.services.budget import FinanceSnapshot
from trustplanner.services.history import change
from trustplanner.services.milestone_lines import MilestoneLine, milestone_lines
from trustplanner.services.register_briefing import cabinet_recommendations, prepare_register
from trustplanner.services.position import milestones_status, position
from trustplanner.services.status_areas import STATUS_AREAS, load_sources, prepare_areas
from trustplanner.services.snapshot import PlanSnapshot, load_snapshot
from trustplanner.store import disk
from trustplanner.store.plan_file import PlanFile
from trustplanner.store.tables import BriefingRow

DEFAULT_REPORT_OF = "Director of Children's Services"


@dataclass(frozen=True)
class IssuedBriefing:
    path: Path
    as_of: date
    meeting: date
    overall: Rag
    pages: int


@dataclass(frozen=True)
class BriefingRecord:
    """A briefing issued earlier, as the plan remembers it."""

    id: int
    produced_at: datetime
    as_of: date
    meeting: date
    marking: str
    path: Path
    overall: Rag
    milestones: Rag

    @property
    def file_exists(self) -> bool:
        return self.path.is_file()


def prepare_briefing(
    snapshot: PlanSnapshot,
    *,
    as_of: date | None = None,
    meeting: date | None = None,
    marking: str | None = None,
    author: str | None = None,
    last_briefing_as_of: date | None = None,
    last_overall: Rag | None = None,
    last_milestones: Rag | None = None,
    staff: list[StaffRecord] | None = None,
    finance: FinanceSnapshot | None = None,
    register: RiskRegister | None = None,
    units: str = "m",
) -> BriefingData:
    """Everything the briefing shows, worked out from ``snapshot`` as at ``as_of``.

    ``last_*`` describe the previous briefing (if any): its as-of date starts the "completed
    since the last briefing" window and its statuses fill the "last period" column.
    ``staff`` are the staff on the as-of date; with none there is no workforce section.
    ``finance`` is the plan's finance data; with none (or an empty one) there is no finance
    section. ``units`` is how it prints money: ``m`` for £m to one decimal place, ``k`` for £000.
    The Finance status row's rule is in :mod:`trustplanner.services.finance_briefing`.
    """
    programme = snapshot.programme
    as_of = as_of or snapshot.status_date
    meeting = meeting or as_of
    marking = (marking or "").strip() or programme.marking
    if meeting < as_of:
        raise ValidationFailed([Problem(
            "briefing", None, "meeting",
            f"the meeting ({uk_date(meeting)}) cannot be before the position date ({uk_date(as_of)})",
        )])
    if last_briefing_as_of is not None and last_briefing_as_of >= as_of:
        last_briefing_as_of = last_overall = last_milestones = None

    milestones = _milestone_section(snapshot, as_of, last_briefing_as_of)
    milestones_rag = milestones_status(snapshot, as_of)
    last_overall = last_overall if last_briefing_as_of else None
    last_milestones = (last_milestones or last_overall) if last_briefing_as_of else None

    header = BriefingHeader(
        council=programme.council,
        trust=programme.trust,
        delivery_model=programme.delivery_model.label,
        meeting=meeting,
        as_of=as_of,
        report_of=(author or "").strip() or DEFAULT_REPORT_OF,
        marking=marking,
        go_live=programme.go_live,
        shadow_start=programme.shadow_start,
    )
    areas = [StatusRow("Milestones", milestones_rag, last_milestones, _milestone_commentary(milestones))]
    prepared = prepare_areas(snapshot, {"staff": staff, "finance": finance, "register": register}, as_of, units)
    rows = [area.row(prepared[area.name]) for area in STATUS_AREAS if prepared[area.name] is not None]
    areas.extend(rows)
    # The programme is as well as its worst area: a green schedule does not offset a red budget.
    where = position(snapshot, as_of, [(row.area, row.this_period) for row in rows])
    overall = where.overall
    overall_note = _trend(overall, last_overall)
    if len(areas) > 1:
        overall_note = f"The worst of the areas below. {overall_note}"
    status = (StatusRow("Overall", overall, last_overall, overall_note), *areas)
    register_part = prepare_register(register, as_of=as_of, meeting=meeting,
                                     last_briefing_as_of=last_briefing_as_of, marking=marking)
    services = tuple(
        ServiceStageLine(name=s.name, shadow=s.shadow if s.has_shadow_period else None, go_live=s.go_live,
                         stage=s.stage)
        for s in where.services
    )
    return BriefingData(
        header=header,
        overall=overall,
        milestones_rag=milestones_rag,
        status=status,
        summary=_summary(snapshot, as_of, overall, milestones) + _top_risks_sentence(register_part),
        recommendations=_recommendations(header, overall, milestones, register_part),
        services=services,
        programme_stage=_programme_stage(snapshot, as_of),
        milestones=milestones,
        tolerance_days=programme.tolerance_days,
        last_briefing_as_of=last_briefing_as_of,
        parts={area.section: prepared[area.name] for area in STATUS_AREAS},
        register=register_part,
    )


def default_briefing_name(meeting: date) -> str:
    return f"Cabinet briefing {meeting:%Y-%m-%d}.pdf"


def briefing_beside_plan(plan_path: Path, meeting: date) -> Path:
    """Where a briefing goes when nobody says: beside the plan, under a name no file there has yet."""
    folder = Path(plan_path).resolve().parent
    name = default_briefing_name(meeting)
    target, number = folder / name, 2
    while target.exists():
        target = folder / f"{Path(name).stem} ({number}).pdf"
        number += 1
    return target


def produce_briefing(
    plan: PlanFile,
    out: Path,
    *,
    as_of: date | None = None,
    meeting: date | None = None,
    marking: str | None = None,
    author: str | None = None,
    record: bool = True,
    units: str = "m",
) -> IssuedBriefing:
    """Write the briefing PDF to ``out`` and (unless ``record`` is False) record it in the plan.

    The PDF is rendered to a temporary file beside ``out`` and moved into place only when
    complete; if rendering or recording fails, ``out`` is left as it was and nothing is recorded.
    A read-only plan can still print briefings with ``record=False``. ``units`` is how the
    finance section prints money: ``m`` (£m to one decimal place) or ``k`` (£000).
    """
    out = Path(out)
    if record and plan.read_only:
        raise PlanFileError(f"{plan.path.name} is open read-only, so a briefing cannot be recorded in it")
    if not out.parent.is_dir():
        raise TrustPlannerError(f"{out}: folder {out.parent} does not exist")
    refuse_out_of_range("briefing", {"as of": as_of, "meeting": meeting})
    snapshot = load_snapshot(plan)
    as_of = as_of or snapshot.status_date
    last = _last_briefing_before(plan, as_of)
    data = prepare_briefing(
        snapshot, as_of=as_of, meeting=meeting, marking=marking, author=author,
        last_briefing_as_of=last.as_of if last else None,
        last_overall=last.overall if last else None,
        last_milestones=last.milestones if last else None,
        **load_sources(plan, as_of),  # what each status area is prepared from
        units=units,
    )
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{out.stem}-", suffix=".pdf.part", dir=out.parent)
    except OSError as exc:
        raise disk.os_error(exc, out) from None
    temp = Path(temp_name)
    try:
        try:
            with os.fdopen(handle, "wb") as stream:
                from trustplanner.briefing.document import render_briefing  # reportlab loads only to print

                pages = render_briefing(data, stream)
        except OSError as exc:  # a full disk: the part-written file goes, the old PDF stays
            raise disk.os_error(exc, out) from None
        os.chmod(temp, FILE_MODE)  # mkstemp makes it private; a briefing is an ordinary file
        if not record:
            _move_into_place(temp, out)
        else:
            with change(plan, f"Record the briefing for the meeting of {data.header.meeting:%d/%m/%Y}") as unit:
                session = unit.session
                session.add(BriefingRow(
                    produced_at=datetime.now().replace(microsecond=0),
                    as_of=data.header.as_of,
                    meeting=data.header.meeting,
                    marking=data.header.marking,
                    path=str(out.resolve()),
                    overall_rag=data.overall,
                    milestones_rag=data.milestones_rag,
                ))
                session.flush()
                _move_into_place(temp, out)  # last step before commit: a failed move rolls the record back
    finally:
        temp.unlink(missing_ok=True)
    return IssuedBriefing(out, data.header.as_of, data.header.meeting, data.overall, pages)


def _move_into_place(temp: Path, out: Path) -> None:
    try:
        os.replace(temp, out)
    except OSError as exc:  # e.g. the PDF is open in a viewer that locks it (Windows)
        raise TrustPlannerError(f"{out}: cannot be written ({exc.strerror or type(exc).__name__}); "
                                "if it is open in a PDF viewer, close it and try again") from None


def _file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


#: read once at import: changing the umask later would race with background threads
FILE_MODE = _file_mode()


def list_briefings(plan: PlanFile) -> list[BriefingRecord]:
    """Briefings issued from this plan, most recently produced first."""
    with plan.reading() as session:
        rows = session.scalars(select(BriefingRow).order_by(BriefingRow.produced_at.desc(), BriefingRow.id.desc()))
        return [_record(row) for row in rows]


def _last_briefing_before(plan: PlanFile, as_of: date) -> BriefingRecord | None:
    with plan.reading() as session:
        row = session.scalars(
            select(BriefingRow)
            .where(BriefingRow.as_of < as_of)
            .order_by(BriefingRow.as_of.desc(), BriefingRow.produced_at.desc(), BriefingRow.id.desc())
            .limit(1)
        ).first()
        return _record(row) if row else None


def _record(row: BriefingRow) -> BriefingRecord:
    return BriefingRecord(row.id, row.produced_at, row.as_of, row.meeting, row.marking, Path(row.path),
                          row.overall_rag, row.milestones_rag)


# Working out the milestone tables -----------------------------------------------------------

def _milestone_section(snapshot: PlanSnapshot, as_of: date, last_as_of: date | None) -> MilestoneSection:
    computed = milestone_lines(snapshot, as_of)
    tolerance = snapshot.programme.tolerance_days
    lines = {line.ref: _row(line, as_of, tolerance) for line in computed}
    overdue_refs = {line.ref for line in computed if line.overdue}
    since = last_as_of or window_start(as_of, FIRST_BRIEFING_COMPLETED_DAYS)
    due_until = window_end(as_of, BRIEFING_DUE_DAYS)
    open_lines = [line for line in lines.values() if line.actual is None]

    def by_date(items: list[MilestoneRow]) -> tuple[MilestoneRow, ...]:
        return tuple(sorted(items, key=lambda line: (line.effective_date, line.ref)))

    completed = [line for line in lines.values() if line.actual and since < line.actual <= as_of]
    overdue = [line for line in open_lines if line.ref in overdue_refs]
    due_next = [line for line in open_lines if as_of <= line.forecast <= due_until]
    slipped = sorted((line for line in open_lines if line.slippage_days > 0),
                     key=lambda line: (-line.slippage_days, line.forecast, line.ref))
    knock_ons, note = _knock_ons(snapshot.milestones)
    return MilestoneSection(
        total=len(lines),
        complete=sum(1 for line in lines.values() if line.actual is not None),
        completed_since=since,
        since_last_briefing=last_as_of is not None,
        due_until=due_until,
        completed=by_date(completed),
        overdue=by_date(overdue),
        due_next=by_date(due_next),
        slipped=tuple(slipped),
        knock_ons=knock_ons,
        knock_on_note=note,
        critical_paths=() if note else _critical_paths(snapshot, lines),
    )


def _critical_paths(snapshot: PlanSnapshot, lines: dict[str, MilestoneRow]) -> tuple[CriticalPath, ...]:
    """For each go-live milestone (an independent-stage milestone baselined on its go-live date),
    the chain of latest-finishing predecessors that drives it."""
    paths = []
    for milestone in snapshot.milestones:
        if milestone.stage is not Stage.INDEPENDENT or milestone.baseline != snapshot.go_live_of(milestone.service):
            continue
        # what is done cannot slip: the path that matters starts at the first open step
        steps = [step for step in critical_path(snapshot.milestones, milestone.ref)
                 if lines[step.ref].actual is None]
        if len(steps) < 2:
            continue
        paths.append(CriticalPath(milestone.ref, tuple(
            CriticalPathLine(step.ref, lines[step.ref].title, step.date, False, lines[step.ref].rag, step.float_days)
            for step in steps)))
    return tuple(paths)


def _row(line: MilestoneLine, as_of: date, tolerance: int) -> MilestoneRow:
    """The printed form of a milestone line: its status comes from ``milestone_lines``, as on screen."""
    milestone = line.milestone
    return MilestoneRow(
        ref=milestone.ref,
        title=milestone.title,
        workstream=milestone.workstream,
        owner=milestone.owner,
        baseline=milestone.baseline,
        forecast=milestone.forecast,
        actual=milestone.actual,
        rag=line.rag,
        slippage_days=line.slip_days,
        overdue_days=max(working_days_between(milestone.forecast, as_of), 0) if line.overdue else 0,
        commentary=milestone.commentary,
        service=milestone.service,
        reported_note=_reported_note(milestone, as_of, tolerance),
    )


def _reported_note(milestone: Milestone, as_of: date, tolerance: int) -> str:
    disagreement = rag_disagreement(milestone, as_of, tolerance)
    return f"{disagreement[0].upper()}{disagreement[1:]}." if disagreement else ""


def _knock_ons(milestones: tuple[Milestone, ...]) -> tuple[tuple[KnockOnLine, ...], str]:
    by_ref = {m.ref: m for m in milestones}
    if find_cycles({m.ref: m.depends_on for m in milestones}):
        return (), "The plan's dependencies contain a loop, so the knock-on of slippage cannot be worked out until it is fixed."
    pushes = knock_on(milestones)
    cause_of = {k.ref: k.caused_by for k in pushes}
    lines = []
    for push in pushes:
        root, seen = push.caused_by, {push.ref}
        while root in cause_of and root not in seen:
            seen.add(root)
            root = cause_of[root]
        lines.append(KnockOnLine(push.ref, by_ref[push.ref].title, push.forecast, push.pushed_to,
                                 push.days, push.caused_by, root))
    return tuple(sorted(lines, key=lambda k: (k.pushed_to, k.ref))), ""


def _programme_stage(snapshot: PlanSnapshot, as_of: date) -> Stage:
    return stage_of(Service(name=""), snapshot.programme, as_of)


# Words ---------------------------------------------------------------------------------------

def _trend(now: Rag, last: Rag | None) -> str:
    if last is None:
        return "First briefing from this plan; no earlier status to compare."
    if now is last:
        return f"Unchanged since the last briefing ({rag_word(last)})."
    if now.severity > last.severity:
        return f"Worse than the last briefing ({rag_word(last)})."
    return f"Improved since the last briefing ({rag_word(last)})."


def _milestone_commentary(section: MilestoneSection) -> str:
    if not section.total:
        return "No milestones in the plan yet."
    parts = [
        f"{section.complete} of {section.total} complete",
        f"{len(section.overdue)} overdue",
        f"{len(section.slipped)} slipped against baseline",
        f"{len(section.due_next)} due in the next {BRIEFING_DUE_DAYS} days",
    ]
    text = "; ".join(parts) + "."
    if section.knock_ons:
        text += f" Slippage pushes {count(len(section.knock_ons), 'dependent milestone')} later."
    return text


def _summary(snapshot: PlanSnapshot, as_of: date, overall: Rag, section: MilestoneSection) -> tuple[str, ...]:
    programme = snapshot.programme
    if as_of < programme.go_live:
        to_go = working_days_between(as_of, programme.go_live)
        timing = f"Go-live is planned for {uk_date(programme.go_live)}, {working_days(to_go)} away."
    elif as_of == programme.go_live:
        timing = f"Go-live is today, {uk_date(programme.go_live)}."
    else:
        timing = f"Go-live was on {uk_date(programme.go_live)}."
    first = f"The programme is {rag_word(overall)} overall as at {uk_date(as_of)}. {timing}"
    if not section.total:
        return (first,)
    since = ""
    if section.since_last_briefing:
        since = f" ({len(section.completed) or 'none'} of them since the last briefing)"
    second = (
        f"Of the {count(section.total, 'milestone')}, {_is(section.complete)} complete{since}; "
        f"{_is(len(section.overdue))} overdue and "
        f"{_is(len(section.slipped), 'has', 'have')} slipped against baseline."
    )
    items = [first, second]
    if section.overdue:
        worst = max(section.overdue, key=lambda line: (line.overdue_days, line.ref))
        items.append(
            f"The most overdue is {worst.ref} ({_quoted(worst.title)}), {working_days(worst.overdue_days)} "
            f"past its forecast of {uk_date(worst.forecast)}."
        )
    return tuple(items)


def _top_risks_sentence(register: RegisterBriefing | None) -> tuple[str, ...]:
    """Page one's line on the highest risks (the table of them follows the status table)."""
    if register is None or not register.top:
        return ()
    parts = [f"{line.ref} ({line.current}{' out of 25' if n == 0 else ''}, {line.direction_word})"
             for n, line in enumerate(register.top)]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    noun = "highest risk is" if len(parts) == 1 else f"{('two', 'three')[len(parts) - 2]} highest risks are"
    return (f"The {noun} {listed}, named in the table of top risks below.",)


def _quoted(text: str) -> str:
    """User text in one of our sentences, isolated (U+2068 to U+2069) so right-to-left text in it
    cannot pull the words after it into its order when the briefing is printed."""
    return f"\u2068{text}\u2069"


def _is(n: int, singular: str = "is", plural: str = "are") -> str:
    """``none is``, ``1 is``, ``3 are``."""
    return f"{n or 'none'} {singular if n <= 1 else plural}"


def _recommendations(header: BriefingHeader, overall: Rag, section: MilestoneSection,
                     register: RegisterBriefing | None = None) -> tuple[str, ...]:
    """The decisions cabinet is asked to take first ("approve …"), then what it is asked to note."""
    asks = cabinet_recommendations(register) if register else []
    items = [*asks,
        f"note the progress in moving children's services to {header.trust}, and the overall "
        f"status of {rag_word(overall)} as at {uk_date(header.as_of)};"
    ]
    if section.completed:
        when = "since the last briefing" if section.since_last_briefing else f"in the last {FIRST_BRIEFING_COMPLETED_DAYS} days"
        items.append(f"note the {count(len(section.completed), 'milestone')} completed {when};")
    if section.overdue:
        # a milestone's recovery action is its commentary: cite them only where some are written
        explained = [line.ref for line in section.overdue if line.commentary.strip()]
        recovery = ("" if not explained else " and the recovery actions recorded for them"
                    if len(explained) == len(section.overdue) else
                    f" and the recovery actions recorded for {refs(explained)} (none yet for the others)")
        items.append(
            f"note the {count(len(section.overdue), 'overdue milestone')} "
            f"({refs([line.ref for line in section.overdue])}){recovery};"
        )
    if section.knock_ons:
        items.append(
            f"note that slippage pushes {count(len(section.knock_ons), 'dependent milestone')} "
            f"later ({refs([k.ref for k in section.knock_ons])});"
        )
    if register and register.escalated:
        items.append(
            f"note the {count(len(register.escalated), 'risk')} at or above the escalation score of "
            f"{register.escalation_score} ({refs([line.ref for line in register.escalated])});"
        )
    items[-1] = items[-1].rstrip(";") + "."
    if len(items) > 1:
        items[-2] = items[-2].rstrip(";") + "; and"
    return tuple(items)
