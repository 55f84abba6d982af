"""Random bytes and random cell values, fed to every import kind through the command line.

Whatever the file holds, `trustplanner import` ends in one of two ways: exit 0 with a plan whose
integrity check is ok, that exports and whose briefing can be prepared; or exit 1 with every line
on stderr a problem (`FILE:ROW: column: message` or `FILE: message`) and then the "Rejected" line,
the plan's contents unchanged. Never an internal error. Each kind starts from a copy of the demo
plan and a few rows of the demo's own file of that kind.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trustplanner.cli import main
from trustplanner.resources import resource_path
from trustplanner.services.kinds import KINDS

KIND_NAMES = [kind.name for kind in KINDS]
REJECTED = re.compile(r"Rejected: \d+ problem\(s\); nothing was changed\.")
#: cells a user or a hostile file might well put anywhere
AWKWARD_CELLS = [
    "", " ", "0001-01-01", "9999-12-31", "31/02/2017", "2017-04-01", "01/04/2017", "0000/01", "9999/00", "2016/17",
    "2017/18", "1e999", "-0", "NaN", "inf", "-1", "0", "1.00001", "99999999999999999999999", "£1,000,000,000,000",
    "=cmd|' /C calc'!A0", "'=1+1", "@SUM(A1)", "+44", "'", "\x00", "\x1b[31m", "\u202eevil", "\t", "\n", "\r\n",
    "yes", "no", "maybe", "green", "amber", "red", "complete", "shadow", "council", "independent", "permanent",
    "vacancy", "agency", "LGPS", "Children's social care", "Early help", "CON-01", "CON-01;GOV-05", "SC101",
    "x" * 400, "Café £5 – Zoë", "\ufeff", "😀", "ﷺ", "_x001B_",
]
#: columns that take (nearly) any text, so that a changed cell there is often applied
TEXT_COLUMNS = {"title", "owner", "commentary", "name", "team", "role", "grade", "description", "mitigation"}
cell_value = st.one_of(st.sampled_from(AWKWARD_CELLS), st.text(max_size=40),
                       st.text(alphabet=st.characters(max_codepoint=0x2100), max_size=12))


def _demo_rows(kind: str) -> list[list[str]]:
    with resource_path("demo", f"{kind}.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[:4]  # the header and three rows


DEMO_ROWS = {name: _demo_rows(name) for name in KIND_NAMES}


class Workspace:
    """A copy of the demo plan per kind, replaced whenever an import changed it."""

    def __init__(self, folder: Path, demo: Path):
        self.folder, self.demo, self.runs = folder, demo, 0
        self.plans: dict[str, Path] = {}
        self.outcomes: dict[str, list[int]] = {name: [] for name in KIND_NAMES}

    def plan(self, kind: str) -> Path:
        if kind not in self.plans:
            path = self.folder / f"{kind}-{self.runs}.tplan"
            shutil.copyfile(self.demo, path)
            self.plans[kind] = path
        return self.plans[kind]

    def file(self, name: str) -> Path:
        self.runs += 1
        return self.folder / f"{self.runs}-{name}"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory, demo_file):
    space = Workspace(tmp_path_factory.mktemp("fuzz"), demo_file)
    yield space
    # the figures, shown with -s: how many imports of each kind were applied and how many refused
    print("\nfuzzed imports (applied/refused): " + ", ".join(
        f"{kind} {outcomes.count(0)}/{outcomes.count(1)}" for kind, outcomes in space.outcomes.items()))


def run(*args: object) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        rc = main([str(a) for a in args])
    return rc, err.getvalue()


def check_import(workspace: Workspace, kind: str, path: Path, dump) -> None:  # noqa: ANN001
    plan = workspace.plan(kind)
    before = dump(plan)
    rc, err = run("import", plan, kind, path)
    workspace.outcomes[kind].append(rc)
    assert "unexpected error" not in err, err
    assert rc in (0, 1), (rc, err)
    if rc == 1:
        *problems, last = err.splitlines()
        assert REJECTED.fullmatch(last), err
        shape = re.compile(re.escape(str(path)) + r"(?::\d+)?: (?:[a-z_]+: )?\S.*")
        assert problems and all(shape.fullmatch(line) for line in problems), err
        assert dump(plan) == before
        return
    connection = sqlite3.connect(plan)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        connection.close()
    out = workspace.file("export")
    assert run("export", plan, out) == (0, "")
    _prepare_briefing(plan)
    del workspace.plans[kind]  # the next example starts from the demo again


def _prepare_briefing(path: Path) -> None:
    from trustplanner.services.briefings import prepare_briefing
    from trustplanner.services.snapshot import load_snapshot
    from trustplanner.services.status_areas import load_sources
    from trustplanner.store.plan_file import open_plan_file

    with open_plan_file(path) as plan:
        snapshot = load_snapshot(plan)
        prepare_briefing(snapshot, as_of=snapshot.status_date, **load_sources(plan, snapshot.status_date))


def _xlsx(rows: list[list[str]], sheet: str) -> bytes:
    import openpyxl
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for row in rows:
        worksheet.append([ILLEGAL_CHARACTERS_RE.sub("", cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


VALID_FILES = {name: {"csv": _csv(DEMO_ROWS[name]), "xlsx": _xlsx(DEMO_ROWS[name], name)} for name in KIND_NAMES}


@st.composite
def damaged_bytes(draw, kind: str) -> tuple[str, bytes]:
    """Random bytes; or a valid file (CSV or XLSX) with some bytes changed, inserted or cut off."""
    form = draw(st.sampled_from(["random", "after-header", "mutated-csv", "mutated-xlsx", "cut-xlsx"]))
    if form == "random":
        return "csv", draw(st.binary(max_size=600))
    if form == "after-header":
        return "csv", VALID_FILES[kind]["csv"].split(b"\r\n")[0] + b"\r\n" + draw(st.binary(max_size=600))
    extension = "xlsx" if "xlsx" in form else "csv"
    data = bytearray(VALID_FILES[kind][extension])
    if form == "cut-xlsx":
        return extension, bytes(data[:draw(st.integers(0, len(data) - 1))])
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data) - 1))
        data[at:at + 1] = draw(st.binary(min_size=0, max_size=3))
    return extension, bytes(data)


@st.composite
def changed_cells(draw, kind: str) -> tuple[str, bytes]:
    """A valid file with one to three of its cells (never the header) replaced by anything."""
    rows = [list(row) for row in DEMO_ROWS[kind]]
    texts = [index for index, name in enumerate(rows[0]) if name in TEXT_COLUMNS]
    for _ in range(draw(st.integers(1, 3))):
        row = draw(st.integers(1, len(rows) - 1))
        column = draw(st.one_of(st.integers(0, len(rows[0]) - 1), st.sampled_from(texts)))
        rows[row][column] = draw(cell_value)
    if draw(st.integers(0, 3)) == 0:
        return "xlsx", _xlsx(rows, kind)
    return "csv", _csv(rows)


FUZZ = settings(max_examples=25, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.mark.parametrize("kind", KIND_NAMES)
@FUZZ
@given(data=st.data())
def test_random_bytes_are_imported_whole_or_refused_in_problem_lines(workspace, plan_data_dump, kind, data):
    extension, content = data.draw(damaged_bytes(kind))
    path = workspace.file(f"{kind}.{extension}")
    path.write_bytes(content)
    check_import(workspace, kind, path, plan_data_dump)


@pytest.mark.parametrize("kind", KIND_NAMES)
@FUZZ
@given(data=st.data())
def test_random_cells_are_imported_whole_or_refused_in_problem_lines(workspace, plan_data_dump, kind, data):
    extension, content = data.draw(changed_cells(kind))
    path = workspace.file(f"{kind}.{extension}")
    path.write_bytes(content)
    check_import(workspace, kind, path, plan_data_dump)
