"""Producing the cabinet briefing: prepare plain data from a plan, render it, issue it.

A briefing is a draft ("DRAFT" across every page, nothing recorded) until it is issued. An
issued briefing is kept whole in the plan: its PDF's bytes and SHA-256, its version for its
meeting, who issued it and when, and the figures it printed (``domain.briefing_figures``).
It is never changed; reissuing makes the next version. The next briefing's "last period" and
its "changes since the last briefing" come from those frozen figures.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path


from trustplanner.briefing.change_lines import summary_sentence
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
from trustplanner.briefing.register_data import RegisterBriefing
from trustplanner.briefing.wording import count, rag_word, refs, long_date, uk_date, working_days
from trustplanner.domain.briefing_changes import BriefingChanges, changes_between
from trustplanner.domain.briefing_figures import BriefingFigures
from trustplanner.domain.calendar import working_days_between
from trustplanner.domain.dates import refuse_out_of_range
from trustplanner.domain.enums import Rag, Stage
from trustplanner.domain.model import Milestone, Service, stage_of
from trustplanner.domain.problems import (
    PlanFileError,
    Problem,
    TrustPlannerError,
    ValidationFailed,
)
from trustplanner.domain.rag import MILESTONES_RULE, OVERALL_RULE, rag_disagreement
from trustplanner.domain.report import ReportDefaults, ReportDraft
from trustplanner.domain.risks import RiskRegister
from trustplanner.domain.schedule import critical_path, find_cycles, go_live_outlook, knock_on
from trustplanner.domain.staff import StaffRecord
from trustplanner.domain.statutory import pairing_sentence, pairings
from trustplanner.domain.windows import (
    BRIEFING_DUE_DAYS,
    FIRST_BRIEFING_COMPLETED_DAYS,
    next_meeting,
    window_end,
    window_start,
)
from trustplanner.services.budget import FinanceSnapshot
from trustplanner.services.briefing_register import (  # noqa: F401 - the register's names, from here too
    BriefingRecord,
    briefing_pdf,
    compare_briefings,
    find_briefing,
    last_briefing_before,
    list_briefings,
    next_version,
    next_version_in,
    verify_briefing,
)
from trustplanner.services.history import NOTE, change
from trustplanner.services.report_drafts import read_defaults, read_draft
from trustplanner.services.milestone_lines import MilestoneLine, milestone_lines
from trustplanner.services.position import milestones_status, position
from trustplanner.services.register_briefing import (
    cabinet_recommendations,
    prepare_register,
)
from trustplanner.services.snapshot import PlanSnapshot, load_snapshot
from trustplanner.services.status_areas import STATUS_AREAS, load_sources, prepare_areas
from trustplanner.store import disk
from trustplanner.store.lock import whoami
from trustplanner.store.plan_file import PlanFile
from trustplanner.store.tables import BriefingFileRow, BriefingRow

DEFAULT_REPORT_OF = "Director of Children's Services"


@dataclass(frozen=True)
class IssuedBriefing:
    """What producing a briefing made: a draft (``version`` None) or an issued one."""

    path: Path
    as_of: date
    meeting: date
    overall: Rag
    pages: int
    version: int | None = None
    sha256: str = ""

    @property
    def issued(self) -> bool:
        return self.version is not None


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
    last_figures: BriefingFigures | None = None,
    draft: bool = False,
    version: int | None = None,
    defaults: ReportDefaults | None = None,
    report: ReportDraft | None = None,
) -> BriefingData:
    """Everything the briefing shows, worked out from ``snapshot`` as at ``as_of``.

    ``last_*`` describe the previous briefing (if any): its as-of date starts the "completed
    since the last briefing" window and its statuses fill the "last period" column.
    ``staff`` are the staff on the as-of date; with none there is no workforce section.
    ``finance`` is the plan's finance data; with none (or an empty one) there is no finance
    section. ``units`` is how it prints money: ``m`` for £m to one decimal place, ``k`` for £000.
    The Finance status row's rule is in :mod:`trustplanner.services.finance_briefing`.
    ``last_figures`` are the frozen figures of the briefing to compare with (the last issued one,
    or one chosen); they give every area's last period and the changes section, and stand for
    the ``last_*`` statuses. ``draft`` prints "DRAFT" on every page; ``version`` is an issue's.
    """
    if last_figures is not None:
        last_briefing_as_of, last_overall = last_figures.as_of, last_figures.overall
        last_area = last_figures.area("Milestones")
        last_milestones = last_area.rag if last_area else None
    programme = snapshot.programme
    defaults = defaults or ReportDefaults()
    as_of = as_of or snapshot.status_date
    meeting = meeting or as_of
    marking = (marking or "").strip() or programme.marking
    if meeting < as_of:
        raise ValidationFailed([Problem(
            "briefing", None, "meeting",
            f"the meeting ({uk_date(meeting)}) cannot be before the position date ({uk_date(as_of)})",
        )])
    if last_briefing_as_of is not None and last_briefing_as_of >= as_of:
        last_briefing_as_of = last_overall = last_milestones = last_figures = None

    report = report or ReportDraft()
    following, assumed = next_meeting(meeting, report.next_meeting)
    milestones = _milestone_section(snapshot, as_of, last_briefing_as_of, following)
    milestones_rag = milestones_status(snapshot, as_of)
    last_overall = last_overall if last_briefing_as_of else None
    last_milestones = (last_milestones or last_overall) if last_briefing_as_of else None

    header = BriefingHeader(
        council=programme.council,
        trust=programme.trust,
        delivery_model=programme.delivery_model.label,
        meeting=meeting,
        as_of=as_of,
        report_of=(author or "").strip() or defaults.report_of or DEFAULT_REPORT_OF,
        marking=marking,
        go_live=programme.go_live,
        shadow_start=programme.shadow_start,
        meeting_name=defaults.meeting_name or "Cabinet",
        cabinet_member=defaults.cabinet_member,
        portfolio=defaults.portfolio,
        author=defaults.author,
        contact=defaults.contact,
        wards=defaults.wards,
        next_meeting=following,
        next_meeting_assumed=assumed,
        report_date=report.report_date,
    )
    areas = [StatusRow("Milestones", milestones_rag, last_milestones, _milestone_commentary(milestones),
                       MILESTONES_RULE)]
    prepared = prepare_areas(snapshot, {"staff": staff, "finance": finance, "register": register}, as_of, units)
    rows = [area.row(prepared[area.name]) for area in STATUS_AREAS if prepared[area.name] is not None]
    if last_figures is not None:  # each area's last period is what the last briefing printed for it
        rows = [replace(row, last_period=(a.rag if (a := last_figures.area(row.area)) else None)) for row in rows]
    areas.extend(rows)
    # The programme is as well as its worst area: a green schedule does not offset a red budget.
    where = position(snapshot, as_of, [(row.area, row.this_period) for row in rows])
    overall = where.overall
    overall_note = _trend(overall, last_overall)
    status = (StatusRow("Overall", overall, last_overall, overall_note, OVERALL_RULE), *areas)
    register_part = prepare_register(register, as_of=as_of, meeting=meeting, next_meeting=report.next_meeting,
                                     last_briefing_as_of=last_briefing_as_of, marking=marking)
    services = tuple(
        ServiceStageLine(name=s.name, shadow=s.shadow if s.has_shadow_period else None, go_live=s.go_live,
                         stage=s.stage)
        for s in where.services
    )
    data = BriefingData(
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
        draft=draft,
        version=version,
        report=report,
    )
    from trustplanner.services.briefing_figures import (
        freeze,  # imports this module's data types
    )

    figures = freeze(data, snapshot, register)
    changes = changes_between(last_figures, figures) if last_figures is not None else None
    summary = data.summary + ((summary_sentence(changes),) if changes is not None else ())
    return replace(data, figures=figures, changes=changes, summary=summary)


def default_briefing_name(meeting: date, suffix: str = ".pdf", *, draft: bool = False) -> str:
    return f"Cabinet briefing {meeting:%Y-%m-%d}{' (draft)' if draft else ''}{suffix}"


def briefing_beside_plan(plan_path: Path, meeting: date, suffix: str = ".pdf", *, draft: bool = False) -> Path:
    """Where a briefing goes when nobody says: beside the plan, under a name no file there has yet."""
    folder = Path(plan_path).resolve().parent
    name = default_briefing_name(meeting, suffix, draft=draft)
    target, number = folder / name, 2
    while target.exists():
        target = folder / f"{Path(name).stem} ({number}){suffix}"
        number += 1
    return target


def write_file(out: Path, content: bytes) -> None:
    """Write ``content`` to ``out`` whole or not at all (an issued briefing saved from the plan)."""
    out = Path(out)
    if not out.parent.is_dir():
        raise TrustPlannerError(f"{out}: folder {out.parent} does not exist")
    temp = _write_beside(out, content)
    try:
        _move_into_place(temp, out)
    finally:
        temp.unlink(missing_ok=True)


def produce_briefing(
    plan: PlanFile,
    out: Path,
    *,
    as_of: date | None = None,
    meeting: date | None = None,
    marking: str | None = None,
    author: str | None = None,
    issue: bool = False,
    units: str = "m",
    since: BriefingRecord | None = None,
) -> IssuedBriefing:
    """Write the briefing PDF to ``out``: a draft, or with ``issue`` the next version for its meeting.

    A draft has "DRAFT" across every page and leaves no record. Issuing keeps the PDF's bytes,
    SHA-256, version, who and when, and the frozen figures in the plan, in one change that is a
    record (it cannot be undone: a briefing that went to a meeting stays on the register).
    The PDF is rendered in memory and moved into place only when complete; if rendering or
    issuing fails, ``out`` is left as it was and nothing is recorded. A read-only plan prints
    drafts. ``since`` compares with that issued briefing instead of the last one before it.
    """
    out = Path(out)
    if issue and plan.read_only:
        raise PlanFileError(f"{plan.path.name} is open read-only, so a briefing cannot be issued from it")
    if not out.parent.is_dir():
        raise TrustPlannerError(f"{out}: folder {out.parent} does not exist")
    version = next_version(plan, meeting or as_of or load_snapshot(plan).status_date) if issue else None
    data = _prepare_from_plan(plan, as_of=as_of, meeting=meeting, marking=marking, author=author, units=units,
                              since=since, draft=not issue, version=version)
    from trustplanner.briefing.document import render_briefing  # reportlab loads only to print

    content, pages = _rendered(render_briefing, data, out)
    digest = hashlib.sha256(content).hexdigest()
    temp = _write_beside(out, content)
    try:
        if not issue:
            _move_into_place(temp, out)
        else:
            with change(plan, f"Issue the briefing for the meeting of {data.header.meeting:%d/%m/%Y}, "
                              f"version {version}") as unit:
                unit._kind = NOTE  # a record, not an edit: undo never takes an issued briefing back
                session = unit.session
                if next_version_in(session, data.header.meeting) != version:  # another issue got there first
                    raise TrustPlannerError("another briefing for that meeting was issued meanwhile; try again")
                row = BriefingRow(
                    produced_at=datetime.now().replace(microsecond=0),
                    as_of=data.header.as_of,
                    meeting=data.header.meeting,
                    marking=data.header.marking,
                    path=str(out.resolve()),
                    overall_rag=data.overall,
                    milestones_rag=data.milestones_rag,
                    version=version,
                    issued_by=whoami()[0],
                    sha256=digest,
                    figures=data.figures.to_json() if data.figures else None,
                    report=data.report.to_json(),
                )
                session.add(row)
                session.flush()
                session.add(BriefingFileRow(briefing_id=row.id, content=content))
                session.flush()
                _move_into_place(temp, out)  # last step before commit: a failed move rolls the record back
    finally:
        temp.unlink(missing_ok=True)
    return IssuedBriefing(out, data.header.as_of, data.header.meeting, data.overall, pages, version,
                          digest if issue else "")


def _rendered(render, data: BriefingData, out: Path) -> tuple[bytes, object]:  # noqa: ANN001
    """``render(data, stream)`` into memory: the bytes and what it returned. An ``OSError`` on the
    way (a font that cannot be read) is said in words against ``out``, as a write error is."""
    buffer = io.BytesIO()
    try:
        result = render(data, buffer)
    except OSError as exc:
        raise disk.os_error(exc, out) from None
    return buffer.getvalue(), result


def _write_beside(out: Path, content: bytes) -> Path:
    """``content`` in a temporary file beside ``out`` (same folder, so the move is atomic)."""
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{out.stem}-", suffix=f"{out.suffix}.part", dir=out.parent)
    except OSError as exc:
        raise disk.os_error(exc, out) from None
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.chmod(temp, FILE_MODE)  # mkstemp makes it private; a briefing is an ordinary file
    except OSError as exc:  # a full disk: the part-written file goes, the old PDF stays
        temp.unlink(missing_ok=True)
        raise disk.os_error(exc, out) from None
    return temp


def _prepare_from_plan(plan: PlanFile, *, as_of: date | None, meeting: date | None, marking: str | None,
                       author: str | None, units: str, since: BriefingRecord | None = None, draft: bool = True,
                       version: int | None = None) -> BriefingData:
    """The briefing's data from the plan: compared with ``since`` or the last briefing issued
    before ``as_of``, with the plan's report header and the meeting's report draft."""
    refuse_out_of_range("briefing", {"as of": as_of, "meeting": meeting})
    snapshot = load_snapshot(plan)
    as_of = as_of or snapshot.status_date
    last = since or last_briefing_before(plan, as_of)
    with plan.reading() as session:  # the header fields the plan remembers, and this meeting's draft
        defaults = read_defaults(session)
        report = read_draft(session, meeting or as_of).draft
        if report.report_date is None:  # a report is dated the day it is produced (a back-dated one, its meeting)
            report = replace(report, report_date=min(date.today(), meeting or as_of))
    return prepare_briefing(
        snapshot, as_of=as_of, meeting=meeting, marking=marking, author=author,
        last_figures=last.figures if last else None,
        **load_sources(plan, as_of),  # what each status area is prepared from
        units=units, draft=draft, version=version, defaults=defaults, report=report,
    )


@dataclass(frozen=True)
class WordBriefing:
    """A briefing written as a Word document: a working copy, never recorded as issued."""

    path: Path
    as_of: date
    meeting: date
    overall: Rag


def write_briefing_docx(
    plan: PlanFile,
    out: Path,
    *,
    as_of: date | None = None,
    meeting: date | None = None,
    marking: str | None = None,
    author: str | None = None,
    units: str = "m",
) -> WordBriefing:
    """Write the briefing to ``out`` as an editable Word document, from the same prepared data
    as the PDF (the options are :func:`produce_briefing`'s). Nothing is recorded in the plan, so a
    read-only plan can write one. As with the PDF, the file is written beside ``out`` and moved
    into place only when complete: a failure leaves ``out`` as it was."""
    out = Path(out)
    if not out.parent.is_dir():
        raise TrustPlannerError(f"{out}: folder {out.parent} does not exist")
    data = _prepare_from_plan(plan, as_of=as_of, meeting=meeting, marking=marking, author=author, units=units)
    from trustplanner.briefing.docx_writer import render_briefing_docx  # loads only to write

    write_file(out, _rendered(render_briefing_docx, data, out)[0])
    return WordBriefing(out, data.header.as_of, data.header.meeting, data.overall)


def _move_into_place(temp: Path, out: Path) -> None:
    try:
        os.replace(temp, out)
    except OSError as exc:  # e.g. the file is open in a viewer or in Word, which lock it (Windows)
        viewer = "Word" if out.suffix.lower() == ".docx" else "a PDF viewer"
        raise TrustPlannerError(f"{out}: cannot be written ({exc.strerror or type(exc).__name__}); "
                                f"if it is open in {viewer}, close it and try again") from None


def _file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


#: read once at import: changing the umask later would race with background threads
FILE_MODE = _file_mode()


def changes_since(plan: PlanFile, since: BriefingRecord | None = None,
                  as_of: date | None = None) -> tuple[BriefingRecord | None, BriefingChanges | None]:
    """What changed from ``since`` (default: the last issued briefing before ``as_of``) to the plan now."""
    snapshot = load_snapshot(plan)
    as_of = as_of or snapshot.status_date
    since = since or last_briefing_before(plan, as_of)
    if since is None:
        return None, None
    data = prepare_briefing(snapshot, as_of=as_of, last_figures=since.figures, **load_sources(plan, as_of))
    return since, data.changes


# Working out the milestone tables -----------------------------------------------------------

def _milestone_section(snapshot: PlanSnapshot, as_of: date, last_as_of: date | None,
                       next_meeting_on: date | None = None) -> MilestoneSection:
    computed = milestone_lines(snapshot, as_of)
    tolerance = snapshot.programme.tolerance_days
    paired = pairings(snapshot)
    notice = snapshot.programme.tupe_notice_days
    lines = {line.ref: _row(line, as_of, tolerance, paired.get(line.ref), notice) for line in computed}
    met = {deadline.ref for deadline in paired.values()}  # printed under the plan's milestone instead
    overdue_refs = {line.ref for line in computed if line.overdue}
    since = last_as_of or window_start(as_of, FIRST_BRIEFING_COMPLETED_DAYS)
    due_until = window_end(as_of, BRIEFING_DUE_DAYS)
    shown = [line for line in lines.values() if line.ref not in met]
    open_lines = [line for line in shown if line.actual is None]

    def by_date(items: list[MilestoneRow]) -> tuple[MilestoneRow, ...]:
        return tuple(sorted(items, key=lambda line: (line.effective_date, line.ref)))

    completed = [line for line in shown if line.actual and since < line.actual <= as_of]
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
        next_meeting_until=next_meeting_on or next_meeting(as_of, None)[0],
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


def _row(line: MilestoneLine, as_of: date, tolerance: int, deadline: Milestone | None = None,
         notice_days: int = 56) -> MilestoneRow:
    """The printed form of a milestone line: its status comes from ``milestone_lines``, as on screen;
    ``deadline``: the statutory deadline it meets."""
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
        deadline_note=pairing_sentence(milestone, deadline, notice_days) if deadline else "",
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
        timing = f"Go-live is planned for {long_date(programme.go_live)}, {working_days(to_go)} away."
    elif as_of == programme.go_live:
        timing = f"Go-live is today, {long_date(programme.go_live)}."
    else:
        timing = f"Go-live was on {long_date(programme.go_live)}."
    first = f"The programme is {rag_word(overall)} overall as at {long_date(as_of)}. {timing}"
    outlook = " ".join(go_live_sentences(snapshot)) if as_of < programme.go_live else ""
    if outlook:
        first = f"{first} {outlook}"
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
            f"past its forecast of {long_date(worst.forecast)}."
        )
    return tuple(items)


def go_live_sentences(snapshot: PlanSnapshot) -> tuple[str, ...]:
    """Whether each go-live date holds, from the chain that drives its go-live milestone (page one)."""
    sentences = []
    for milestone in snapshot.milestones:
        go_live = snapshot.go_live_of(milestone.service)
        if milestone.stage is not Stage.INDEPENDENT or milestone.baseline != go_live:
            continue
        outlook = go_live_outlook(snapshot.milestones, milestone.ref, go_live)
        which = f"Go-live on {long_date(go_live)}" + (f" ({milestone.service})" if milestone.service else "")
        if outlook.complete:
            sentences.append(f"{which} is done: {milestone.ref} is complete.")
        elif outlook.on_track and outlook.through:
            sentences.append(f"{which} is on track: the chain through {outlook.through} has "
                             f"{working_days(outlook.float_days)} of float.")
        elif outlook.on_track:
            sentences.append(f"{which} is on track: nothing open precedes {milestone.ref}.")
        elif outlook.through == milestone.ref:
            sentences.append(f"{which} is at risk: {milestone.ref} itself is forecast "
                             f"{working_days(outlook.late_days)} after go-live.")
        elif outlook.late_days == 0:
            sentences.append(f"{which} is at risk: the chain through {outlook.through} finishes on the go-live "
                             "date, with no time before it.")
        else:
            sentences.append(f"{which} is at risk: the chain through {outlook.through} finishes "
                             f"{working_days(outlook.late_days)} after go-live.")
    return tuple(sentences)


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
        f"status of {rag_word(overall)} as at {long_date(header.as_of)};"
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
