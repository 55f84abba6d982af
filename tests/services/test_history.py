"""The change history: every write is one entry with exactly its rows; undo and redo put them back."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date, timedelta

import pytest

from trustplanner.domain.budget import FundingChange, FundingKind
from trustplanner.domain.problems import TrustPlannerError, ValidationFailed
from trustplanner.services import history
from trustplanner.services.budget import add_funding_change, import_savings, set_contract_sum, update_savings_plan
from trustplanner.services.imports import import_file
from trustplanner.services.milestones import delete_milestone, rebaseline, update_milestone
from trustplanner.services.plans import update_programme
from trustplanner.services.snapshot import load_snapshot
from trustplanner.store.lock import whoami
from trustplanner.store.plan_file import open_plan_file

SAVINGS_HEADER = ["ref", "service", "year", "description", "target", "forecast", "rag", "mitigation"]


@pytest.fixture
def plan(demo_file, tmp_path):
    copy = tmp_path / "plan.tplan"
    shutil.copyfile(demo_file, copy)
    with open_plan_file(copy) as opened:
        yield opened


def latest(plan) -> history.Entry:
    return history.entries(plan, limit=1)[-1]


def derived_dates(plan) -> dict[str, date]:
    return {m.ref: m.forecast for m in load_snapshot(plan).milestones if m.derived}


def test_an_edit_is_one_entry_naming_who_what_and_the_areas_it_touched(plan):
    before = history.revision(plan)
    hr02 = load_snapshot(plan).milestone("HR-02")
    update_milestone(plan, "HR-02", replace(hr02, owner="Head of HR"))
    entry = latest(plan)
    assert (entry.what, entry.kind, entry.areas) == ("Edit HR-02", "change", ("milestones",))
    assert (entry.user, entry.host) == whoami()
    assert entry.revision == history.revision(plan) == before + 1


def test_a_refused_edit_or_an_unchanged_import_records_nothing(plan, write_csv):
    before = history.revision(plan)
    hr02 = load_snapshot(plan).milestone("HR-02")
    with pytest.raises(ValidationFailed):
        update_milestone(plan, "HR-02", replace(hr02, title=""))
    path = write_csv("savings.csv", [SAVINGS_HEADER, ["SV9", "Early help", "2016/17", "x", "100", "100", "green", ""]])
    import_savings(plan, path)
    assert history.revision(plan) == before + 1
    import_savings(plan, path)  # the same file again: nothing differs
    assert history.revision(plan) == before + 1


def test_undo_and_redo_put_back_exactly_the_rows_of_the_entry(plan):
    start = history.canonical_dump(plan)
    rebaseline(plan, "FIN-01", date(2016, 12, 1), reason="Budget timetable moved", decision="Programme board 12/10")
    changed = history.canonical_dump(plan)
    undone = history.undo(plan)
    assert (undone.kind, undone.what) == ("undo", "Undo Re-baseline FIN-01 to 01/12/2016")
    assert history.canonical_dump(plan) == start
    history.redo(plan)
    assert history.canonical_dump(plan) == changed


def test_undoing_a_services_import_moves_the_derived_tupe_deadlines_back(plan, write_csv):
    before = derived_dates(plan)
    assert before, "the demo has staff transferring, so it has derived deadlines"
    path = write_csv("services.csv", [["name", "go_live"], ["Children's social care", "2017-10-02"]])
    import_file(plan, "services", path)
    moved = derived_dates(plan)
    assert moved != before
    assert any(ref.endswith("20171002") for ref in moved)
    path.unlink()  # redo must not need the file
    history.undo(plan)
    assert derived_dates(plan) == before
    history.redo(plan)
    assert derived_dates(plan) == moved


def test_a_go_live_change_is_undone_with_its_derived_deadlines(plan):
    start = history.canonical_dump(plan)
    update_programme(plan, go_live=date(2017, 10, 2))
    assert history.canonical_dump(plan) != start
    history.undo(plan)
    assert history.canonical_dump(plan) == start


def test_undo_refuses_when_a_later_change_touched_the_same_rows(plan):
    hr02 = load_snapshot(plan).milestone("HR-02")
    update_milestone(plan, "HR-02", replace(hr02, owner="Head of HR"))
    first = latest(plan)
    update_milestone(plan, "HR-02", replace(hr02, owner="HR business partner"), what="Edit HR-02 again")
    second = latest(plan)
    user, _ = whoami()
    with pytest.raises(history.UndoRefused) as refused:
        history.undo(plan, first.id)
    assert str(refused.value) == (f"HR-02 was changed later (entry {second.id}, Edit HR-02 again by {user}); "
                                  "undo that first")
    assert load_snapshot(plan).milestone("HR-02").owner == "HR business partner"  # nothing changed


def test_undo_of_an_earlier_entry_is_allowed_when_nothing_later_touched_its_rows(plan):
    hr02 = load_snapshot(plan).milestone("HR-02")
    update_milestone(plan, "HR-02", replace(hr02, owner="Head of HR"))
    first = latest(plan)
    set_contract_sum(plan, 2017, 70_000_000_00)
    history.undo(plan, first.id)
    snapshot = load_snapshot(plan)
    assert snapshot.milestone("HR-02").owner == hr02.owner
    assert history.stacks(plan).undo[-1].what == "Set the contract sum for 2017/18 to £70,000,000"


def test_a_delete_is_undone_with_the_links_of_the_milestones_that_depended_on_it(plan):
    before = load_snapshot(plan)
    delete_milestone(plan, "HR-02")
    assert not any("HR-02" in m.depends_on for m in load_snapshot(plan).milestones)
    history.undo(plan)
    assert load_snapshot(plan) == before


def test_the_demo_cannot_be_undone_past_its_starting_point(plan):
    with pytest.raises(history.NothingToUndo, match="nothing to undo"):
        history.undo(plan)
    with pytest.raises(history.NothingToUndo, match="nothing to redo"):
        history.redo(plan)


def test_a_new_change_after_an_undo_clears_redo(plan):
    update_savings_plan(plan, load_savings_ref(plan), mitigation="Agency conversion")
    history.undo(plan)
    assert history.stacks(plan).redo
    add_funding_change(plan, FundingChange(2017, "Top-up", 4_000_000_00, FundingKind.COUNCIL_TOP_UP))
    assert history.stacks(plan).redo == ()
    with pytest.raises(history.NothingToUndo):
        history.redo(plan)


def load_savings_ref(plan) -> str:
    from trustplanner.services.budget import load_finance

    return load_finance(plan).savings[0].ref


def test_the_stacks_survive_closing_and_reopening_the_plan(plan):
    hr02 = load_snapshot(plan).milestone("HR-02")
    update_milestone(plan, "HR-02", replace(hr02, owner="Head of HR"))
    set_contract_sum(plan, 2017, 1)
    history.undo(plan)
    path = plan.path
    plan.close()
    with open_plan_file(path) as reopened:
        stacks = history.stacks(reopened)
        assert [e.what for e in stacks.undo] == ["Edit HR-02"]
        assert [e.what for e in stacks.redo] == ["Set the contract sum for 2017/18 to £0.01"]
        history.redo(reopened)
        history.undo(reopened)
        history.undo(reopened)
        assert load_snapshot(reopened).milestone("HR-02").owner == hr02.owner


def _age_entries(path, days: int, first: int, last: int) -> None:
    """Make entries ``first``..``last`` look ``days`` old (as if made that long ago)."""
    import sqlite3

    connection = sqlite3.connect(path)
    with connection:
        connection.execute("UPDATE history_entry SET at = datetime(at, ?) WHERE id BETWEEN ? AND ?",
                           (f"-{days} days", first, last))
    connection.close()


def test_purging_drops_old_entries_records_the_purge_and_leaves_the_plan_as_it_is(plan):
    start = history.canonical_dump(plan)
    hr02 = load_snapshot(plan).milestone("HR-02")
    update_milestone(plan, "HR-02", replace(hr02, owner="Head of HR"))  # today's change stays
    kept = latest(plan)
    _age_entries(plan.path, 400, 1, kept.id - 1)
    assert history.purge_before(plan, date.today() - timedelta(days=30)) == kept.id - 1
    entries = history.entries(plan)
    assert [e.id for e in entries][:1] == [kept.id]
    assert entries[-1].what == f"Purge the record of {kept.id - 1} changes made before " \
                               f"{date.today() - timedelta(days=30):%d/%m/%Y}"
    history.undo(plan)  # the history carries on after a purge, and the note is no change to undo
    assert history.canonical_dump(plan) == start


def test_a_purge_may_not_reach_past_today(plan):
    count = len(history.entries(plan))
    with pytest.raises(TrustPlannerError, match="is after today"):
        history.purge_before(plan, date.today() + timedelta(days=1))
    assert len(history.entries(plan)) == count


def test_programme_changes_read_as_what_was_set(plan):
    update_programme(plan, status_date=date(2020, 8, 14))
    assert latest(plan).what == "Set status date to 14/08/2020"
    update_programme(plan, tolerance_days=12, marking="OFFICIAL-SENSITIVE")
    assert latest(plan).what == "Set tolerance to 12 working days and marking to OFFICIAL-SENSITIVE"
