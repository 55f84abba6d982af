"""Exporting a plan in the import format, so export -> import -> export is byte-identical.

No exported cell can run in a spreadsheet: one that starts like a formula is written with a
leading apostrophe, which the import drops again (:mod:`trustplanner.io.cells`). There is no
XLSX export; CSV is the only format written.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

from trustplanner.domain.budget import BudgetLine, SavingsPlan, year_label
from trustplanner.domain.model import Milestone, Service
from trustplanner.domain.money import format_plain
from trustplanner.domain.problems import TrustPlannerError
from trustplanner.domain.staff import FTE_SCALE, StaffRecord
from trustplanner.io.cells import escape_formula
from trustplanner.io.values import format_date, format_yes_no
from trustplanner.services.snapshot import load_snapshot
from trustplanner.store import disk
from trustplanner.store.plan_file import PlanFile


def export_plan(plan: PlanFile, folder: str | Path, *, with_personal_data: bool = False) -> list[Path]:
    """Write one CSV per record kind into ``folder`` (created if needed), and the review records' challenges
    and sign-offs (export only); returns the files written.

    A kind's personal columns (staff names and salaries) are written blank unless
    ``with_personal_data``; importing such a file keeps the plan's values (blank means keep).
    """
    from trustplanner.services.kinds import KINDS
    from trustplanner.services.review_exports import REVIEW_EXPORTS

    folder = Path(folder)
    written: list[Path] = []
    name = ""
    try:
        # Everything is read before anything is written: a plan found damaged part-way leaves no files.
        tables = [(f"{kind.name}.csv", kind.columns,
                   list(kind.export_rows(plan) if with_personal_data or not kind.personal
                        else _without(kind.columns, kind.personal_columns, kind.export_rows(plan))))
                  for kind in KINDS]
        tables += [(extra.file_name, extra.columns, list(extra.rows(plan))) for extra in REVIEW_EXPORTS]
        if not with_personal_data:  # finance keeps its figures, as totals no person can be picked out of
            bands = staff_costs_by_band(plan)
            if bands:
                tables.append((BANDS_FILE, BAND_COLUMNS, bands))
        folder.mkdir(parents=True, exist_ok=True)
        for name, columns, rows in tables:
            written.append(_write(folder / name, columns, rows))
        return written
    except OSError as exc:
        if exc.errno in disk.NO_ROOM:
            raise disk.DiskFull(f"the disk is full: the export to {folder} stopped at {name} (no file is left "
                                "half-written); free some space and export again") from None
        reason = exc.strerror or type(exc).__name__
        raise TrustPlannerError(f"{folder}: cannot write the export there ({reason})") from None


BANDS_FILE = "staff-costs-by-band.csv"
BAND_COLUMNS = ("grade", "count", "fte", "total_cost", "note")
#: a band with fewer people than this is pooled with the other small ones: its total would be a salary
SMALLEST_BAND = 5
OTHER_GRADES = f"Other grades (fewer than {SMALLEST_BAND} each)"


def staff_costs_by_band(plan: PlanFile) -> list[list[str]]:
    """Per grade band: how many people and posts, their FTE and their total annual cost (not per person).

    Bands of fewer than SMALLEST_BAND are pooled; a pool that is itself that small gives its count and
    FTE but not its cost, which would be one or two people's salaries.
    """
    from trustplanner.services.staff import load_staff

    bands: dict[str, list[StaffRecord]] = {}
    for record in load_staff(plan):
        bands.setdefault(record.grade.strip() or "(no grade)", []).append(record)
    rows, pooled = [], []
    for grade in sorted(bands, key=str.casefold):
        records = bands[grade]
        if len(records) < SMALLEST_BAND:
            pooled.extend(records)
            continue
        rows.append(_band_row(grade, records, ""))
    if pooled:
        small = len(pooled) < SMALLEST_BAND
        rows.append(_band_row(OTHER_GRADES, pooled, f"cost not shown: fewer than {SMALLEST_BAND} people" if small
                              else "", with_cost=not small))
    return rows


def _band_row(grade: str, records: list[StaffRecord], note: str, *, with_cost: bool = True) -> list[str]:
    return [grade, str(len(records)), format_fte(sum(r.fte for r in records)),
            format_plain(sum(r.annual_cost for r in records)) if with_cost else "", note]


def personal_note(with_personal_data: bool) -> list[str]:
    """What the export left out (or put in) of each kind's personal data, one line a kind."""
    from trustplanner.services.kinds import KINDS

    if with_personal_data:
        return [f"{kind.name}.csv: holds {kind.personal_words} (personal data); keep it safe and delete it "
                "when done" for kind in KINDS if kind.personal]
    return [f"{kind.name}.csv: {kind.personal_words} left out (personal data); add --with-personal-data to "
            "include them" for kind in KINDS if kind.personal]


def kinds_with_personal_data(plan: PlanFile) -> list:
    """The record kinds whose export would hold personal data from this plan (File → Export asks first)."""
    from trustplanner.services.kinds import KINDS

    found = []
    for kind in KINDS:
        if kind.personal:
            places = [kind.columns.index(column) for column in kind.personal_columns]
            if any(row[i] for row in kind.export_rows(plan) for i in places):
                found.append(kind)
    return found


def _without(columns: Sequence[str], personal: Sequence[str],
             rows: Iterable[Sequence[str]]) -> Iterable[Sequence[str]]:
    blank = {columns.index(column) for column in personal}
    for row in rows:
        yield ["" if index in blank else cell for index, cell in enumerate(row)]


def service_rows(plan: PlanFile) -> Iterable[Sequence[str]]:
    snapshot = load_snapshot(plan)
    return [service_cells(s) for s in sorted(snapshot.services, key=lambda s: s.name.casefold())]


def service_cells(s: Service) -> list[str]:
    return [s.name, format_date(s.shadow), format_date(s.go_live), format_yes_no(s.retained)]


def milestone_rows(plan: PlanFile) -> Iterable[Sequence[str]]:
    snapshot = load_snapshot(plan)
    return [milestone_cells(m) for m in sorted(snapshot.milestones, key=lambda m: m.ref) if not m.derived]


def milestone_cells(m: Milestone) -> list[str]:
    return [
        m.ref, m.title, m.workstream, m.service or "", m.stage.value, m.owner, format_date(m.baseline),
        format_date(m.forecast), format_date(m.actual), ";".join(sorted(m.depends_on)),
        m.rag_override.value if m.rag_override else "", m.commentary, m.meets,
    ]


def staff_rows(plan: PlanFile) -> Iterable[Sequence[str]]:
    from trustplanner.services.staff import load_staff

    return [staff_cells(r) for r in sorted(load_staff(plan), key=lambda r: r.ref)]


def staff_cells(r: StaffRecord) -> list[str]:
    return [
        r.ref, r.name, r.service, r.team, r.role, r.grade, r.employment.value, format_fte(r.fte),
        format_plain(r.annual_cost), format_yes_no(r.tupe), r.pension.value,
        "" if r.caseload is None else str(r.caseload), format_date(r.transfer_date), format_date(r.eli_sent),
        r.consultation.value,
    ]


def budget_rows(plan: PlanFile) -> Iterable[Sequence[str]]:
    from trustplanner.services.budget import load_finance

    finance = load_finance(plan)
    return [budget_cells(line) for line in sorted(finance.lines, key=lambda line: (line.year, line.cost_centre))]


def budget_cells(line: BudgetLine) -> list[str]:
    return [line.service, year_label(line.year), line.cost_centre, line.description, format_plain(line.budget),
            format_plain(line.forecast), format_yes_no(line.transfers)]


def savings_rows(plan: PlanFile) -> Iterable[Sequence[str]]:
    from trustplanner.services.budget import load_finance

    finance = load_finance(plan)
    return [savings_cells(saving) for saving in sorted(finance.savings, key=lambda saving: saving.ref)]


def savings_cells(saving: SavingsPlan) -> list[str]:
    return [saving.ref, saving.service, year_label(saving.year), saving.description, format_plain(saving.target),
            format_plain(saving.forecast), saving.rag.value, saving.mitigation]


def format_fte(fte: int) -> str:
    whole, part = divmod(fte, FTE_SCALE)
    return f"{whole}.{part:04d}".rstrip("0").rstrip(".") if part else str(whole)


def _write(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> Path:
    """Write the whole file beside ``path`` first and move it into place: never a half-written export."""
    temporary = path.with_name(path.name + ".part")
    try:
        with temporary.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerow(header)
            writer.writerows([escape_formula(cell) for cell in row] for row in rows)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path
