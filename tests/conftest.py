"""Shared fixtures: logs go to a temporary folder, and small helpers for building plans and files.

``sample_plan`` is a plan (status date 16/01/2017, go-live 01/04/2017, shadow from 01/09/2016,
tolerance 10 working days) built through the real import service from ``SAMPLE_SERVICES`` and
``SAMPLE_MILESTONES``:

* M1 complete (actual 01/06/2016), M2 complete and depends on M1 (service Early help),
* M3 green, depends on M2; M4 green go-live milestone, depends on M2 and M3;
* M5 amber by its dates (slipped 5 working days) with a commentary containing ``£``, a comma,
  quotes and a line break.

It breaks no schedule rule, so ``trustplanner check`` passes on it.
"""

from __future__ import annotations

import csv
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

STATUS_DATE = date(2017, 1, 16)
GO_LIVE = date(2017, 4, 1)
SHADOW_START = date(2016, 9, 1)

SERVICE_HEADER = ["name", "shadow", "go_live", "retained"]
SAMPLE_SERVICES = [
    ["Children's social care", "", "", "no"],
    ["Early help", "2016-10-01", "", "no"],
    ["Adoption agency", "", "", "yes"],
]

MILESTONE_HEADER = ["ref", "title", "workstream", "service", "stage", "owner", "baseline", "forecast",
                    "actual", "depends_on", "rag", "commentary"]
M5_COMMENTARY = 'Pension figures late: "revised" cost £1.2m, not £0.9m\nActuary report due 20 Jan'
SAMPLE_MILESTONES = [
    ["M1", "Company incorporated", "Legal & company", "", "council", "Head of Legal",
     "2016-06-01", "2016-06-01", "2016-06-01", "", "", ""],
    ["M2", "Shadow board appointed", "Governance", "Early help", "shadow", "Chief Executive",
     "2016-12-01", "2016-12-01", "2016-12-05", "M1", "", ""],
    ["M3", "Contract sum agreed", "Finance", "", "shadow", "Section 151 Officer",
     "2017-02-01", "2017-02-01", "", "M2", "", ""],
    ["M4", "Go-live: services transfer to the trust", "Governance", "", "independent", "Programme Director",
     "2017-04-03", "2017-04-03", "", "M2;M3", "", ""],
    ["M5", "Measures letters issued", "HR & TUPE", "Children's social care", "shadow", "HR Director",
     "2017-02-15", "2017-02-22", "", "", "", M5_COMMENTARY],
]


@pytest.fixture(autouse=True)
def _log_to_tmp(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("TRUSTPLANNER_LOG_DIR", str(tmp_path_factory.mktemp("logs")))


@dataclass
class CliResult:
    rc: int
    out: str
    err: str


@pytest.fixture
def cli(capsys) -> Callable[..., CliResult]:
    """Run ``trustplanner ARGS`` in-process; returns the exit status and what it printed."""

    from trustplanner.cli import main

    def run(*args: object) -> CliResult:
        capsys.readouterr()
        rc = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return CliResult(rc, out, err)

    return run


def _write_csv(path: Path, rows: Sequence[Sequence[object]], encoding: str) -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)
    return path


@pytest.fixture
def write_csv(tmp_path) -> Callable[..., Path]:
    """``write_csv(name, rows, encoding="utf-8-sig")``: a CSV in tmp_path, written as Excel does."""

    def write(name: str, rows: Sequence[Sequence[object]], *, encoding: str = "utf-8-sig") -> Path:
        return _write_csv(tmp_path / name, rows, encoding)

    return write


@pytest.fixture
def write_xlsx(tmp_path) -> Callable[..., Path]:
    """``write_xlsx(name, {"Sheet": rows, ...})``: a workbook with the sheets in the given order."""

    def write(name: str, sheets: dict[str, Sequence[Sequence[object]]]) -> Path:
        import openpyxl

        workbook = openpyxl.Workbook()
        workbook.remove(workbook.active)
        for title, rows in sheets.items():
            sheet = workbook.create_sheet(title)
            for row in rows:
                sheet.append(list(row))
        path = tmp_path / name
        workbook.save(path)
        return path

    return write


@pytest.fixture(scope="session")
def _built_plans(tmp_path_factory) -> dict[str, Path]:
    """Plans already built this session, by their contents; tests get copies (building runs migrations)."""
    return {}


@pytest.fixture
def make_plan(tmp_path, tmp_path_factory, _built_plans) -> Callable[..., Path]:
    """``make_plan(name, services=..., milestones=...)``: a closed plan file built via the import service."""
    from trustplanner.services.imports import import_file
    from trustplanner.services.plans import new_plan

    def build(path: Path, services, milestones, status_date: date) -> None:
        seed = path.with_suffix(".seed")
        seed.mkdir()
        with new_plan(path, council="Sunderland City Council", trust="Together for Children Sunderland",
                      go_live=GO_LIVE, shadow_start=SHADOW_START, status_date=status_date) as plan:
            if services:
                import_file(plan, "services", _write_csv(seed / "services.csv", [SERVICE_HEADER, *services],
                                                         "utf-8-sig"))
            if milestones:
                import_file(plan, "milestones", _write_csv(seed / "milestones.csv",
                                                           [MILESTONE_HEADER, *milestones], "utf-8-sig"))

    def make(name: str = "plan.tplan", *, services: Sequence[Sequence[str]] = SAMPLE_SERVICES,
             milestones: Sequence[Sequence[str]] = SAMPLE_MILESTONES, status_date: date = STATUS_DATE) -> Path:
        key = repr((services, milestones, status_date))
        if key not in _built_plans:
            built = tmp_path_factory.mktemp("built") / "plan.tplan"
            build(built, services, milestones, status_date)
            _built_plans[key] = built
        path = tmp_path / name
        shutil.copyfile(_built_plans[key], path)
        return path

    return make


@pytest.fixture
def sample_plan(make_plan) -> Path:
    return make_plan()


def dump_plan(path: Path) -> str:
    """Everything stored in a plan file, as SQL text (equal text means an identical plan)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return "\n".join(connection.iterdump())
    finally:
        connection.close()


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory) -> Path:
    """The Sunderland demo plan, built once: tests copy it rather than change it."""
    from trustplanner.services.demo import create_demo_plan

    path = tmp_path_factory.mktemp("demo") / "demo.tplan"
    create_demo_plan(path).close()
    return path


#: the change history's own tables: a change adds to them, an undo adds more (it is recorded too)
HISTORY_TABLES = ("history_entry", "history_row", "plan_revision")


def dump_plan_data(path: Path) -> str:
    """:func:`dump_plan` without the change history: equal text means identical plan contents."""
    def about_history(line: str) -> bool:
        return any(f'"{t}"' in line or f"TABLE {t} " in line or f"ON {t}" in line or f"TABLE {t}(" in line
                   for t in HISTORY_TABLES)

    return "\n".join(line for line in dump_plan(path).splitlines() if not about_history(line))


@pytest.fixture
def plan_dump() -> Callable[[Path], str]:
    return dump_plan


@pytest.fixture
def plan_data_dump() -> Callable[[Path], str]:
    return dump_plan_data


RUNNING_AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def make_read_only() -> Callable[[Path], Path]:
    """``make_read_only(path)``: the file or folder cannot be written for the rest of the test.

    By permissions; as root, which ignores permissions, by the immutable attribute (``chattr +i``),
    and the test is skipped where neither is available. Undone at teardown.
    """
    undo: list[Callable[[], None]] = []

    def make(path: Path) -> Path:
        if not RUNNING_AS_ROOT:
            mode = path.stat().st_mode
            path.chmod(0o555 if path.is_dir() else 0o444)
            undo.append(lambda: path.chmod(mode))
            if path.is_dir() and os.access(path, os.W_OK):
                pytest.skip("folder permissions do not make a folder read-only here (Windows)")
            return path
        chattr = shutil.which("chattr")
        if chattr is None:
            pytest.skip("running as root, which ignores file permissions, and chattr is not available")
        done = subprocess.run([chattr, "+i", str(path)], capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"running as root, which ignores file permissions, and chattr +i failed: "
                        f"{done.stderr.strip()}")
        undo.append(lambda: subprocess.run([chattr, "-i", str(path)], check=True))
        return path

    yield make
    for step in reversed(undo):
        step()
