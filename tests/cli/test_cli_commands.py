"""`trustplanner new | demo | check`, usage errors and plan files that cannot be opened."""

from __future__ import annotations

import csv
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from trustplanner import __version__
from trustplanner.resources import resource_path


def test_the_installed_entry_point_reports_its_version(tmp_path):
    completed = subprocess.run([sys.executable, "-m", "trustplanner", "--version"], capture_output=True,
                               text=True, timeout=60, cwd=tmp_path)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == f"TrustPlanner {__version__}"


def test_version_and_help_exit_0(cli):
    assert cli("--version").rc == 0
    result = cli("--help")
    assert result.rc == 0
    for command in ("new", "demo", "import", "export", "briefing", "check"):
        assert command in result.out


# --- usage errors: exit 2 ---------------------------------------------------------------------

NEW = ["new", "{plan}", "--council", "Sunderland City Council", "--trust", "Together for Children"]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["frobnicate"], "frobnicate"),
        (["import"], "required"),
        (["import", "{plan}"], "required"),
        (["import", "{plan}", "milestones"], "required"),
        (["import", "{plan}", "hazards", "m.csv"], "hazards"),
        (["export", "{plan}"], "required"),
        (["check"], "required"),
        (["check", "{plan}", "--as-of", "next week"], "next week"),
        ([*NEW], "--go-live"),
        ([*NEW, "--go-live", "31/02/2020"], "31/02/2020"),
        ([*NEW, "--go-live", "next week"], "next week"),
        ([*NEW, "--go-live", "01/04/17"], "01/04/17"),
        ([*NEW, "--go-live", "2017-04-01", "--shadow", "soon"], "soon"),
        ([*NEW, "--go-live", "2017-04-01", "--delivery-model", "franchise"], "franchise"),
        (["new", "{plan}", "--trust", "T", "--go-live", "2017-04-01"], "--council"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else None,
)
def test_usage_errors_exit_2_and_create_nothing(cli, tmp_path, args, says):
    plan = tmp_path / "new.tplan"
    result = cli(*[a.format(plan=plan) for a in args])
    assert result.rc == 2
    assert "Traceback" not in result.err
    assert says in result.err
    assert result.err.count("\n") == 1 and "--help)" in result.err  # one line, and where to look
    assert not plan.exists()


# --- new and check ------------------------------------------------------------------------------


def test_new_plan_is_created_and_checks_clean(cli, tmp_path):
    plan = tmp_path / "sunderland.tplan"
    result = cli("new", plan, "--council", "Sunderland City Council", "--trust", "Together for Children",
                 "--go-live", "01/04/2017", "--shadow", "2016-09-01", "--delivery-model", "council owned company")
    assert result.rc == 0, result.err
    assert str(plan) in result.out
    assert plan.exists()

    check = cli("check", plan)
    assert check.rc == 0
    assert "No problems" in check.out and "0 milestones" in check.out


def test_new_plan_with_template_then_check(cli, tmp_path):
    plan = tmp_path / "template.tplan"
    go_live = date(date.today().year + 3, 4, 1)
    result = cli("new", plan, "--council", "C", "--trust", "T", "--go-live", go_live.isoformat(), "--template")
    assert result.rc == 0, result.err
    count = int(result.out.split(" with ")[1].split()[0])
    assert count >= 20

    check = cli("check", plan)  # the template names no owners: that is all check finds
    assert check.rc == 1, check.out + check.err
    assert [line.split(": ", 1)[1] for line in check.out.splitlines()] == \
        ["has no owner: name who is accountable for it"] * count

    assert cli("export", plan, tmp_path / "out").rc == 0
    with (tmp_path / "out" / "milestones.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    assert len(rows) == count


def test_template_plan_whose_dates_have_passed_lists_every_overdue_milestone(cli, tmp_path):
    plan = tmp_path / "late.tplan"
    created = cli("new", plan, "--council", "C", "--trust", "T", "--go-live", "2017-04-01", "--template")
    count = int(created.out.split(" with ")[1].split()[0])

    check = cli("check", plan)
    assert check.rc == 1
    lines = [line for line in check.out.splitlines() if "has no owner" not in line]
    assert len(lines) == count
    assert all("red" in line and "commentary" in line for line in lines)
    assert len({line.split(":")[0] for line in lines}) == count  # each line names its milestone
    assert f"{2 * count} problem" in check.err

    early = cli("check", plan, "--as-of", "01/01/2015")
    assert [line for line in early.out.splitlines() if "has no owner" not in line] == []
    assert "01/01/2015" in early.err


def test_new_refuses_to_overwrite_a_file(cli, sample_plan, plan_dump):
    before = plan_dump(sample_plan)
    result = cli("new", sample_plan, "--council", "C", "--trust", "T", "--go-live", "2017-04-01")
    assert result.rc == 1
    assert len(result.err.strip().splitlines()) == 1
    assert str(sample_plan) in result.err and "already exists" in result.err
    assert plan_dump(sample_plan) == before


def test_new_with_shadow_after_go_live_is_rejected_and_leaves_no_file(cli, tmp_path):
    plan = tmp_path / "bad.tplan"
    result = cli("new", plan, "--council", "C", "--trust", "T", "--go-live", "2017-04-01",
                 "--shadow", "2017-05-01")
    assert result.rc == 1
    assert "shadow" in result.err and "Traceback" not in result.err
    assert not plan.exists()


@pytest.mark.parametrize("command", ["new", "demo"])
def test_new_or_demo_in_a_missing_folder_is_refused_in_one_line(cli, tmp_path, command):
    plan = tmp_path / "no such folder" / "plan.tplan"
    args = ["--council", "C", "--trust", "T", "--go-live", "2017-04-01"] if command == "new" else []
    result = cli(command, plan, *args)
    assert result.rc == 1
    assert len(result.err.strip().splitlines()) == 1 and str(plan) in result.err
    assert not plan.parent.exists()


def test_check_passes_a_clean_plan(cli, sample_plan):
    result = cli("check", sample_plan)
    assert result.rc == 0
    # the Overview's and the briefing's position: M3 and M4 green, M5 amber; both transferring
    # services in shadow on 16/01/2017 (Early help from 01/10/2016), adoption retained
    assert result.out.strip().splitlines() == [
        "No problems as of 16/01/2017: 5 milestones checked.",
        "Position on 16/01/2017: amber overall (milestones amber); services: 2 shadow, 1 retained by council.",
    ]


SCHEDULE = [
    # ref, title, workstream, service, stage, owner, baseline, forecast, actual, depends_on, rag, commentary
    ["K1", "Contract signed", "Commissioning & contract", "", "shadow", "Programme Director", "2017-03-01", "2017-03-01", "", "", "", ""],
    ["K2", "Services go live", "Governance", "", "shadow", "Programme Director", "2017-02-20", "2017-02-20", "", "K1", "", ""],
    ["K3", "Payroll cut-over", "HR & TUPE", "", "shadow", "Programme Director", "2017-01-10", "2017-01-10", "", "", "", ""],
    ["K4", "Budget set", "Finance", "", "shadow", "Programme Director", "2017-02-01", "2017-02-01", "", "", "amber", ""],
    ["K5", "Board trained", "Governance", "", "shadow", "Programme Director", "2017-02-01", "2017-02-01", "", "", "red", "Chair ill"],
]


@pytest.fixture
def troubled_plan(make_plan):
    """K2 is forecast before K1, which it depends on; K3 is overdue without a commentary; K4 is an
    amber override that has lost its commentary. (The import refuses K4's case, so it is written
    through the store.)"""
    from dataclasses import replace

    from trustplanner.store.milestone_store import write_milestones
    from trustplanner.services.snapshot import read_snapshot
    from trustplanner.store.plan_file import open_plan_file

    ok_rows = [r if r[0] != "K4" else [*r[:11], "Budget gap"] for r in SCHEDULE]
    path = make_plan("troubled.tplan", milestones=ok_rows)
    with open_plan_file(path) as plan, plan.transaction() as session:
        k4 = read_snapshot(session).milestone("K4")
        write_milestones(session, [replace(k4, commentary="")])
    return path


def test_check_lists_every_rule_problem_by_ref(cli, troubled_plan):
    result = cli("check", troubled_plan)

    assert result.rc == 1
    lines = result.out.splitlines()
    assert len(lines) == 3, result.out
    assert any(line.startswith("K2: ") and "K1" in line and "01/03/2017" in line for line in lines)
    assert any(line.startswith("K3: ") and "red" in line and "commentary" in line for line in lines)
    assert any(line.startswith("K4: ") and "amber" in line and "commentary" in line for line in lines)
    assert "3 problem(s) as of 16/01/2017" in result.err


def test_check_as_of_an_earlier_date(cli, troubled_plan):
    result = cli("check", troubled_plan, "--as-of", "09/01/2017")
    assert result.rc == 1
    assert [line.split(":")[0] for line in result.out.splitlines()] == ["K2", "K4"]
    assert "09/01/2017" in result.err


def test_check_reports_a_dependency_cycle_by_ref(cli, make_plan):
    from dataclasses import replace

    from trustplanner.store.milestone_store import write_milestones
    from trustplanner.services.snapshot import read_snapshot
    from trustplanner.store.plan_file import open_plan_file

    path = make_plan("cycle.tplan")
    with open_plan_file(path) as plan, plan.transaction() as session:
        write_milestones(session, [replace(read_snapshot(session).milestone("M2"), depends_on=("M1", "M4"))])

    result = cli("check", path)

    assert result.rc == 1
    cycle_lines = [line for line in result.out.splitlines() if "cycle" in line]
    assert len(cycle_lines) == 1
    assert cycle_lines[0].split(":")[0] in ("M2", "M3", "M4")
    assert all(ref in cycle_lines[0] for ref in ("M2", "M4"))


# --- demo -------------------------------------------------------------------------------------


def _demo_files_exist() -> bool:
    return all(resource_path("demo", name).is_file() for name in ("services.csv", "milestones.csv"))


def test_demo_creates_the_sunderland_plan(cli, tmp_path, plan_dump):
    if not _demo_files_exist():
        pytest.skip("resources/demo/services.csv and milestones.csv are not written yet")
    plan = tmp_path / "demo.tplan"

    result = cli("demo", plan)

    assert result.rc == 0, result.err
    assert "Sunderland City Council" in result.out and "16/01/2017" in result.out
    with resource_path("demo", "milestones.csv").open(encoding="utf-8-sig", newline="") as handle:
        demo_refs = {r["ref"] for r in csv.DictReader(handle) if r["ref"].strip()}
    # and five TUPE deadlines derived from the demo's staff data (ELI and staff representatives for
    # the transfers on 01/04/2017 and 01/10/2017, and the LGPS admission agreement)
    assert f"{len(demo_refs) + 5} milestones" in result.out

    assert cli("export", plan, tmp_path / "out").rc == 0
    before = plan_dump(plan)
    again = cli("import", plan, "milestones", tmp_path / "out" / "milestones.csv")
    assert again.rc == 0
    assert f"0 added, 0 changed, {len(demo_refs)} unchanged" in again.out
    assert plan_dump(plan) == before

    refused = cli("demo", plan)
    assert refused.rc == 1 and "already exists" in refused.err
    assert plan_dump(plan) == before


# --- plan files that cannot be opened ------------------------------------------------------------


def _text_file(path: Path, sample: Path) -> None:
    path.write_text("council,trust\nSunderland,TfC\n", encoding="utf-8")


def _truncated_plan(path: Path, sample: Path) -> None:
    path.write_bytes(sample.read_bytes()[:4096])


def _half_a_plan(path: Path, sample: Path) -> None:
    data = sample.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _short_header(path: Path, sample: Path) -> None:
    path.write_bytes(sample.read_bytes()[:50])


def _pdf(path: Path, sample: Path) -> None:
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< >>\n%%EOF\n")


def _other_sqlite(path: Path, sample: Path) -> None:
    import sqlite3

    connection = sqlite3.connect(path)
    connection.execute("create table notes (text)")
    connection.commit()
    connection.close()


def _folder(path: Path, sample: Path) -> None:
    path.mkdir()


def _missing(path: Path, sample: Path) -> None:
    pass


@pytest.mark.parametrize("make", [_text_file, _truncated_plan, _half_a_plan, _short_header, _pdf, _other_sqlite,
                                  _folder, _missing], ids=lambda f: f.__name__.strip("_"))
@pytest.mark.parametrize("command", ["check", "export", "import"])
def test_a_file_that_is_not_a_plan_gives_one_line_and_exit_1(cli, sample_plan, tmp_path, write_csv, make,
                                                            command):
    plan = tmp_path / "broken.tplan"
    make(plan, sample_plan)
    before = plan.read_bytes() if plan.is_file() else None
    args = {"check": ["check", plan], "export": ["export", plan, tmp_path / "out"],
            "import": ["import", plan, "services", write_csv("s.csv", [["name"], ["Libraries"]])]}[command]

    result = cli(*args)

    assert result.rc == 1
    assert "Traceback" not in result.err
    assert "unexpected" not in result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert str(plan) in lines[0]
    assert (plan.read_bytes() if plan.is_file() else None) == before
    assert not (tmp_path / "out").exists()


def test_check_warns_of_a_statutory_deadline_the_staff_data_does_not_call_for(cli, sample_plan, write_csv):
    rows = [["ref", "title", "workstream", "stage", "owner", "baseline", "meets"],
            ["HR-05", "ELI sent", "HR & TUPE", "shadow", "Director of HR", "2017-02-24", "eli"]]
    assert cli("import", sample_plan, "milestones", write_csv("eli.csv", rows)).rc == 0
    result = cli("check", sample_plan)
    assert result.rc == 0, result.out + result.err  # a warning, not a problem
    assert ("warning: HR-05: meets the ELI deadline for transfers on 01/04/2017, but no staff transfer on that "
            "date: there is no deadline to pair it with") in result.err.splitlines()
