"""Read-only files, folders and disks, and full disks: a write is refused with one line naming the
cause and exit 1, the plan is unchanged, and reading (check, export, history) still works.

Read-only files and folders are made with permissions, or as root (which ignores them) with
``chattr +i``; read-only and full disks are small tmpfs mounts, which need root (skipped
otherwise). A process's file-size limit (``RLIMIT_FSIZE``, which refuses a write with EFBIG)
stands in for a full disk for anyone on Linux and macOS.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from trustplanner.services.plans import update_programme
from trustplanner.store.disk import PlanReadOnly
from trustplanner.store.lock import lock_path
from trustplanner.store.plan_file import open_plan_file

UNCHANGED = "nothing was changed"
RUNNING_AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def plan(demo_file, tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    path = folder / "plan.tplan"
    shutil.copyfile(demo_file, path)
    return path


@pytest.fixture
def staff_file(demo_file, tmp_path, cli):
    """A valid HR extract that changes everyone's annual cost (so an import writes plenty)."""
    import csv

    folder = tmp_path / "export"
    assert cli("export", demo_file, folder, "--with-personal-data").rc == 0
    with (folder / "staff.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    cost = rows[0].index("annual_cost")
    for row in rows[1:]:
        row[cost] = f"{float(row[cost]) + 1:.2f}"
    path = tmp_path / "extract.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def one_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "unexpected error" not in err and "OperationalError" not in err
    return lines[0]


WRITES = [
    pytest.param(lambda plan, staff, out: ("import", plan, "staff", staff, "--as-of", "01/02/2017"), id="import"),
    pytest.param(lambda plan, staff, out: ("briefing", plan, "--issue", "-o", out), id="briefing"),
    pytest.param(lambda plan, staff, out: ("set", plan, "--council", "Another council"), id="set"),
]


def _reads_still_work(cli, plan: Path, tmp_path: Path) -> None:
    checked = cli("check", plan)
    # the demo's own, listed: two knock-ons and four in the register
    assert checked.rc == 1 and "6 problem(s) as of 16/01/2017." in checked.err
    history = cli("history", plan, "--limit", "1")
    assert history.rc == 0 and "The Sunderland demo plan is ready" in history.out
    exported = cli("export", plan, tmp_path / "out")
    assert exported.rc == 0, exported.err
    assert (tmp_path / "out" / "staff.csv").stat().st_size > 1000


@pytest.mark.parametrize("command", WRITES)
def test_writing_to_a_read_only_plan_file_is_refused_with_one_line(cli, plan, staff_file, tmp_path, plan_dump,
                                                                    make_read_only, command):
    before = plan_dump(plan)
    make_read_only(plan)
    result = cli(*command(plan, staff_file, tmp_path / "briefing.pdf"))
    assert result.rc == 1
    assert one_line(result.err) == f"trustplanner: plan.tplan is read-only (file permissions); {UNCHANGED}"
    assert plan_dump(plan) == before
    assert not lock_path(plan).exists()
    assert not (tmp_path / "briefing.pdf").exists()


def test_a_read_only_plan_file_can_still_be_checked_exported_and_listed(cli, plan, tmp_path, make_read_only):
    make_read_only(plan)
    _reads_still_work(cli, plan, tmp_path)


def test_a_plan_in_a_read_only_folder_is_refused_for_writing_and_read_without_a_lock(
        cli, plan, staff_file, tmp_path, plan_dump, make_read_only):
    before = plan_dump(plan)
    make_read_only(plan.parent)  # the edit lock (and SQLite's journal) cannot be made beside the plan
    result = cli("import", plan, "staff", staff_file)
    assert result.rc == 1
    assert one_line(result.err) == (f"trustplanner: the folder {plan.parent} is read-only, so plan.tplan cannot be "
                                    f"changed there; {UNCHANGED} (copy it to a folder you can write to)")
    _reads_still_work(cli, plan, tmp_path)
    assert plan_dump(plan) == before
    assert sorted(p.name for p in plan.parent.iterdir()) == ["plan.tplan"]


def test_a_write_the_engine_finds_read_only_is_one_line_too(plan, make_read_only):
    # a writer that opened the plan without asking whether it can be written (the app's background jobs)
    make_read_only(plan)
    with open_plan_file(plan) as opened:
        with pytest.raises(PlanReadOnly, match=f"^plan.tplan is read-only \\(file permissions\\); {UNCHANGED}$"):
            update_programme(opened, council="Another council")


# -- mounts ------------------------------------------------------------------------------------------

def _mount_tmpfs(folder: Path, size: str) -> None:
    if not sys.platform.startswith("linux") or not RUNNING_AS_ROOT:
        pytest.skip("mounting a small tmpfs needs root on Linux")
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")


@pytest.fixture
def mount(tmp_path):
    """``mount(size)``: a fresh tmpfs of that size (e.g. "2m"), unmounted at teardown."""
    mounted = []

    def make(size: str) -> Path:
        folder = tmp_path / f"mnt{len(mounted)}"
        _mount_tmpfs(folder, size)
        mounted.append(folder)
        return folder

    yield make
    for folder in mounted:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path, leave: int) -> None:
    """Fill the disk holding ``folder`` until about ``leave`` bytes remain free."""
    filler = folder / "filler"
    with filler.open("wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 4096)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    with filler.open("r+b") as handle:
        handle.truncate(max(filler.stat().st_size - leave, 0))
    assert shutil.disk_usage(folder).free <= leave + 8192


def test_a_plan_on_a_read_only_mount_is_refused_for_writing_and_still_read(cli, demo_file, staff_file, tmp_path,
                                                                           mount, plan_dump):
    disk = mount("2m")
    plan = disk / "plan.tplan"
    shutil.copyfile(demo_file, plan)
    before = plan_dump(plan)
    done = subprocess.run(["mount", "-o", "remount,ro", str(disk)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot remount read-only: {done.stderr.strip()}")
    result = cli("import", plan, "staff", staff_file)
    assert result.rc == 1
    assert one_line(result.err) == (f"trustplanner: plan.tplan is read-only (the disk or share it is on is "
                                    f"read-only); {UNCHANGED}")
    _reads_still_work(cli, plan, tmp_path)
    assert plan_dump(plan) == before


def test_an_import_onto_a_full_disk_is_refused_with_one_line_and_the_plan_is_unchanged(
        cli, demo_file, staff_file, mount, plan_dump):
    disk = mount("2m")
    plan = disk / "plan.tplan"
    shutil.copyfile(demo_file, plan)
    before = plan_dump(plan)
    fill(disk, leave=16 * 1024)  # room for the edit lock, not for the import
    result = cli("import", plan, "staff", staff_file, "--as-of", "01/02/2017")
    assert result.rc == 1
    assert one_line(result.err) == (f"trustplanner: the disk is full: plan.tplan could not be written; {UNCHANGED} "
                                    "(free some space and try again)")
    assert plan_dump(plan) == before
    assert sorted(p.name for p in disk.iterdir()) == ["filler", "plan.tplan"]  # no lock, no journal
    (disk / "filler").unlink()
    assert cli("import", plan, "staff", staff_file, "--as-of", "01/02/2017").rc == 0  # and then it works


def test_a_full_disk_leaves_no_edit_lock_behind(cli, demo_file, staff_file, mount, plan_dump):
    disk = mount("2m")
    plan = disk / "plan.tplan"
    shutil.copyfile(demo_file, plan)
    fill(disk, leave=0)
    result = cli("import", plan, "staff", staff_file)
    assert result.rc == 1
    assert one_line(result.err) == (f"trustplanner: the disk is full: the edit lock of plan.tplan could not be "
                                    f"written; {UNCHANGED} (free some space and try again)")
    assert not lock_path(plan).exists()


def test_a_briefing_onto_a_full_disk_leaves_the_old_pdf_and_no_part_written_file(cli, plan, mount):
    disk = mount("1m")
    out = disk / "briefing.pdf"
    out.write_bytes(b"%PDF-1.4 the briefing of last month")
    fill(disk, leave=40 * 1024)  # the demo briefing is over 100 KB
    result = cli("briefing", plan, "-o", out)
    assert result.rc == 1
    assert one_line(result.err) == (f"trustplanner: the disk is full: {out} could not be written; {UNCHANGED} "
                                    "(free some space and try again)")
    assert out.read_bytes() == b"%PDF-1.4 the briefing of last month"
    assert sorted(p.name for p in disk.iterdir()) == ["briefing.pdf", "filler"]
    assert "Record the briefing" not in cli("history", plan, "--limit", "1").out


def test_an_export_onto_a_full_disk_is_one_line_and_leaves_no_part_written_file(cli, plan, mount):
    disk = mount("1m")
    fill(disk, leave=24 * 1024)  # services and milestones fit; staff (55 KB) does not
    result = cli("export", plan, disk / "export")
    assert result.rc == 1
    assert one_line(result.err) == (f"trustplanner: the disk is full: the export to {disk / 'export'} stopped at "
                                    "staff.csv (no file is left half-written); free some space and export again")
    assert sorted(p.name for p in (disk / "export").iterdir()) == ["milestones.csv", "services.csv"]


# -- a file-size limit (EFBIG), for anyone ------------------------------------------------------------

LIMITED = textwrap.dedent("""
    import resource, sys
    limit = int(sys.argv[1])
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))  # Python ignores SIGXFSZ: writes fail with EFBIG
    from trustplanner.cli import main
    sys.exit(main(sys.argv[2:]))
""")


def run_limited(limit: int, *args: object, log_dir: Path) -> subprocess.CompletedProcess:
    if sys.platform == "win32":
        pytest.skip("RLIMIT_FSIZE is POSIX only")
    env = {**os.environ, "TRUSTPLANNER_LOG_DIR": str(log_dir), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([sys.executable, "-c", LIMITED, str(limit), *map(str, args)], capture_output=True,
                          text=True, env=env, timeout=120)


def test_an_import_past_the_file_size_limit_is_refused_as_a_full_disk(plan, staff_file, tmp_path, plan_dump):
    before = plan_dump(plan)
    result = run_limited(plan.stat().st_size, "import", plan, "staff", staff_file, "--as-of", "01/02/2017",
                         log_dir=tmp_path / "logs")
    assert result.returncode == 1, result.stderr
    assert one_line(result.stderr) == (f"trustplanner: the disk is full: plan.tplan could not be written; "
                                       f"{UNCHANGED} (free some space and try again)")
    assert plan_dump(plan) == before
    db = sqlite3.connect(plan)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()


def test_a_briefing_past_the_file_size_limit_leaves_the_old_pdf(plan, tmp_path):
    out = tmp_path / "briefing.pdf"
    out.write_bytes(b"%PDF-1.4 the briefing of last month")
    result = run_limited(50_000, "briefing", plan, "-o", out, log_dir=tmp_path / "logs")
    assert result.returncode == 1, result.stderr
    assert one_line(result.stderr) == (f"trustplanner: the disk is full: {out} could not be written; {UNCHANGED} "
                                       "(free some space and try again)")
    assert out.read_bytes() == b"%PDF-1.4 the briefing of last month"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_a_new_plan_in_a_read_only_folder_is_refused_with_one_line(cli, tmp_path, make_read_only):
    folder = tmp_path / "plans"
    folder.mkdir()
    make_read_only(folder)
    result = cli("new", folder / "new.tplan", "--council", "C", "--trust", "T", "--go-live", "01/04/2027")
    assert result.rc == 1
    assert one_line(result.err) == (f"trustplanner: the folder {folder} is read-only, so new.tplan cannot be "
                                    f"created there; {UNCHANGED}")
    assert list(folder.iterdir()) == []
