"""`trustplanner new --template --done-before`: a plan started mid-programme is not red on day one."""

from __future__ import annotations

from datetime import date

from trustplanner.services.checks import check_plan
from trustplanner.services.snapshot import load_snapshot
from trustplanner.store.plan_file import open_plan_file

ISSUE = ["--council", "Anyshire County Council", "--trust", "Anyshire Children's Trust",
         "--go-live", "01/04/2027", "--shadow", "01/10/2026", "--status-date", "01/12/2026", "--template"]


def overdue(path):
    with open_plan_file(path) as plan:
        snapshot = load_snapshot(plan)
    status = snapshot.status_date
    return snapshot, [m.ref for m in snapshot.milestones if m.actual is None and m.forecast < status]


def test_done_before_the_status_date_leaves_nothing_overdue_and_shadow_starts_on_the_shadow_date(cli, tmp_path):
    path = tmp_path / "mid.tplan"
    result = cli("new", path, *ISSUE, "--done-before", "01/12/2026")
    assert result.rc == 0, result.err
    snapshot, late = overdue(path)
    assert late == []
    gov05 = snapshot.milestone("GOV-05")
    assert gov05.baseline == date(2026, 10, 1) and gov05.actual == date(2026, 10, 1)
    done = [m for m in snapshot.milestones if m.actual]
    assert done and all(m.actual == m.baseline < date(2026, 12, 1) for m in done)
    assert all(m.actual is None for m in snapshot.milestones if m.baseline >= date(2026, 12, 1))
    assert check_plan(snapshot) == []
    checked = cli("check", path)  # the template names no owners: each open milestone is flagged, nothing else
    assert checked.rc == 1
    assert [line.split(": ", 1)[1] for line in checked.out.splitlines()] == \
        ["has no owner: name who is accountable for it"] * (29 - len(done))


def test_without_done_before_the_work_before_the_plan_shows_overdue(cli, tmp_path):
    path = tmp_path / "honest.tplan"
    assert cli("new", path, *ISSUE).rc == 0
    snapshot, late = overdue(path)
    assert "GOV-01" in late and "GOV-05" in late and len(late) >= 10
    assert snapshot.milestone("GOV-05").baseline == date(2026, 10, 1)
    assert all(m.actual is None for m in snapshot.milestones)


def test_done_before_outside_the_plan_window_is_refused_in_one_line(cli, tmp_path):
    path = tmp_path / "bad.tplan"
    result = cli("new", path, *ISSUE, "--done-before", "01/12/2050")
    assert result.rc == 1
    assert result.err.strip().count("\n") == 0 and "outside this plan's dates" in result.err
    assert not path.exists()


def test_done_before_after_the_status_date_is_refused(cli, tmp_path):
    path = tmp_path / "later.tplan"
    result = cli("new", path, *ISSUE, "--done-before", "01/03/2027")
    assert result.rc == 1 and "after the status date" in result.err and not path.exists()


def test_not_needed_milestones_are_left_out_and_the_chain_is_kept(cli, tmp_path):
    path = tmp_path / "lean.tplan"
    assert cli("new", path, *ISSUE, "--not-needed", "HR-02,ofs-01").rc == 0
    with open_plan_file(path) as plan:
        snapshot = load_snapshot(plan)
    refs = {m.ref for m in snapshot.milestones}
    assert "HR-02" not in refs and "OFS-01" not in refs and len(refs) == 27
    assert snapshot.milestone("HR-03").depends_on == ("HR-01",)  # HR-03 -> HR-02 -> HR-01
    assert "LEG-02" in snapshot.milestone("GOV-08").depends_on  # through OFS-01
    assert cli("new", tmp_path / "x.tplan", *ISSUE, "--not-needed", "ZZ-99").rc == 1
