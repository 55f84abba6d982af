import json
import socket
from datetime import date, datetime, timedelta

import pytest

from trustplanner.domain.problems import PlanFileError
from trustplanner.services.plans import new_plan, update_programme
from trustplanner.store.lock import PlanLock, PlanLocked, is_stale, lock_path, read_owner
from trustplanner.store.plan_file import open_plan_file


def write_lock(plan_path, *, pid, host=None, heartbeat=None):
    now = datetime.now()
    lock_path(plan_path).write_text(json.dumps({
        "user": "asmith", "host": host or socket.gethostname(), "pid": pid,
        "since": (now - timedelta(hours=1)).isoformat(), "heartbeat": (heartbeat or now).isoformat(),
    }))


def test_second_holder_is_told_who_has_the_plan_and_since_when(tmp_path):
    plan_path = tmp_path / "p.tplan"
    write_lock(plan_path, pid=1, host="COUNCIL-LAPTOP-7")  # another machine, fresh heartbeat
    with pytest.raises(PlanLocked) as info:
        PlanLock(plan_path).acquire()
    assert "asmith on COUNCIL-LAPTOP-7 since" in str(info.value)


def test_lock_of_a_dead_process_on_this_machine_is_stale_and_cleared(tmp_path):
    plan_path = tmp_path / "p.tplan"
    write_lock(plan_path, pid=2**22 + 12345)
    assert is_stale(read_owner(plan_path))
    lock = PlanLock(plan_path)
    lock.acquire()
    assert read_owner(plan_path).pid == lock.owner.pid
    lock.release()
    assert not lock_path(plan_path).exists()


def test_lock_without_heartbeat_for_ten_minutes_is_stale(tmp_path):
    plan_path = tmp_path / "p.tplan"
    write_lock(plan_path, pid=1, host="ELSEWHERE", heartbeat=datetime.now() - timedelta(minutes=11))
    assert is_stale(read_owner(plan_path))


def test_garbled_lock_file_is_treated_as_stale_once_it_is_half_a_minute_old(tmp_path):
    import os
    import time

    plan_path = tmp_path / "p.tplan"
    lock_path(plan_path).write_text("{not json")
    old = time.time() - 31
    os.utime(lock_path(plan_path), (old, old))
    PlanLock(plan_path).acquire()


def test_read_only_plan_refuses_every_change(tmp_path):
    path = tmp_path / "p.tplan"
    new_plan(path, council="C", trust="T", go_live=date(2027, 4, 1)).close()
    with open_plan_file(path, read_only=True) as plan:
        with pytest.raises(PlanFileError, match="read-only"):
            update_programme(plan, council="Other")


def test_lock_whose_heartbeat_is_more_than_ten_minutes_in_the_future_is_stale_and_cleared(tmp_path):
    # another computer's clock is an hour ahead: its heartbeat would look fresh for ever
    plan_path = tmp_path / "p.tplan"
    write_lock(plan_path, pid=1, host="SKEWED-LAPTOP", heartbeat=datetime.now() + timedelta(hours=1))
    assert is_stale(read_owner(plan_path))
    lock = PlanLock(plan_path)
    lock.acquire()
    assert read_owner(plan_path).host == socket.gethostname()
    lock.release()


@pytest.mark.parametrize("skew", [timedelta(minutes=-9), timedelta(minutes=9)], ids=["behind", "ahead"])
def test_lock_from_another_computer_within_ten_minutes_either_way_is_held(tmp_path, skew):
    plan_path = tmp_path / "p.tplan"
    write_lock(plan_path, pid=1, host="SKEWED-LAPTOP", heartbeat=datetime.now() + skew)
    assert not is_stale(read_owner(plan_path))
    with pytest.raises(PlanLocked, match="asmith on SKEWED-LAPTOP"):
        PlanLock(plan_path).acquire()


@pytest.mark.parametrize("minutes", [-11, 11], ids=["past", "future"])
def test_staleness_is_judged_against_the_time_given(minutes):
    from trustplanner.store.lock import LockOwner

    now = datetime(2027, 3, 1, 12, 0)
    heartbeat = (now + timedelta(minutes=minutes)).isoformat()
    owner = LockOwner("asmith", "ELSEWHERE", 1, heartbeat, heartbeat)
    assert is_stale(owner, now)
    assert not is_stale(owner, now + timedelta(minutes=minutes))


def test_lock_file_records_the_display_name_and_an_old_file_without_one_still_reads(tmp_path, monkeypatch):
    import trustplanner.store.lock as lock_module

    monkeypatch.setattr(lock_module, "display_name", lambda: "Alex Smith")
    plan_path = tmp_path / "p.tplan"
    lock = PlanLock(plan_path)
    lock.acquire()
    assert json.loads(lock_path(plan_path).read_text())["name"] == "Alex Smith"
    assert read_owner(plan_path).describe().startswith(f"Alex Smith ({read_owner(plan_path).user}) on ")
    lock.release()
    write_lock(plan_path, pid=1, host="COUNCIL-LAPTOP-7")  # written by an older TrustPlanner: no name
    assert read_owner(plan_path).name == ""
    assert read_owner(plan_path).describe().startswith("asmith on COUNCIL-LAPTOP-7 since ")


def test_display_name_on_linux_is_the_first_gecos_field(monkeypatch):
    import pwd

    import trustplanner.store.lock as lock_module

    entry = type("Entry", (), {"pw_gecos": "Alex Smith,Room 4,,"})()
    monkeypatch.setattr(pwd, "getpwuid", lambda uid: entry)
    assert lock_module.display_name() == "Alex Smith"


def take_over(plan_path, host="LAPTOP-7"):
    """Another copy of TrustPlanner on another computer cleared this lock as stale and took its own."""
    now = datetime.now()
    lock_path(plan_path).write_text(json.dumps({
        "user": "jbloggs", "host": host, "pid": 4242, "name": "Jo Bloggs",
        "since": now.isoformat(timespec="seconds"), "heartbeat": now.isoformat(timespec="seconds")}))


def test_a_lock_taken_over_is_noticed_and_its_heartbeat_does_not_write_over_the_new_holder(tmp_path):
    from trustplanner.store.lock import LockTakenOver

    plan_path = tmp_path / "p.tplan"
    lock = PlanLock(plan_path)
    lock.acquire()
    lock.heartbeat()
    lock.verify()
    take_over(plan_path)
    with pytest.raises(LockTakenOver, match="taken over by Jo Bloggs \\(jbloggs\\) on LAPTOP-7 at"):
        lock.heartbeat()
    assert read_owner(plan_path).host == "LAPTOP-7"  # no flipping back and forth
    lock_path(plan_path).unlink()  # even were the file to go again, this lock stays lost
    with pytest.raises(LockTakenOver):
        lock.verify()
    lock.release()
    assert not lock_path(plan_path).exists()


def test_a_lock_file_cleared_by_someone_but_not_taken_is_put_back(tmp_path):
    plan_path = tmp_path / "p.tplan"
    lock = PlanLock(plan_path)
    lock.acquire()
    lock_path(plan_path).unlink()
    lock.verify()
    assert lock.owner.same_holder(read_owner(plan_path))
    lock.release()


def test_every_write_is_refused_once_the_lock_was_taken_over_and_the_plan_is_unchanged(tmp_path):
    from trustplanner.services import history
    from trustplanner.store.access import open_for_writing
    from trustplanner.store.lock import LockTakenOver

    path = tmp_path / "p.tplan"
    new_plan(path, council="C", trust="T", go_live=date(2027, 4, 1)).close()
    plan = open_for_writing(path)
    update_programme(plan, council="Sunderland")
    before = history.canonical_dump(plan)
    take_over(path)
    with pytest.raises(LockTakenOver, match="taken over .*nothing was changed"):
        update_programme(plan, council="Other")
    with pytest.raises(LockTakenOver):
        history.undo(plan)
    with pytest.raises(LockTakenOver):
        history.purge_before(plan, date.today())
    with open_plan_file(path) as other:  # this process's own second connection (a briefing worker's) too
        with pytest.raises(LockTakenOver):
            update_programme(other, council="Other")
        assert history.canonical_dump(other) == before
    plan.close()
    assert read_owner(path).host == "LAPTOP-7"


def test_declining_to_clear_a_stale_lock_keeps_it(tmp_path):
    from trustplanner.store.lock import StaleLockKept

    plan_path = tmp_path / "p.tplan"
    write_lock(plan_path, pid=2**22 + 12345)
    asked = []
    with pytest.raises(StaleLockKept):
        PlanLock(plan_path).acquire(clear_stale=lambda owner: asked.append(owner.user) or False)
    assert asked == ["asmith"] and read_owner(plan_path).user == "asmith"
    PlanLock(plan_path).acquire(clear_stale=lambda owner: True)
    assert read_owner(plan_path).user != "asmith" or read_owner(plan_path).pid != 2**22 + 12345


def test_an_empty_lock_file_just_made_by_another_process_is_held_not_stale(tmp_path):
    """Between creating its lock exclusively and writing it, a process's lock file is empty."""
    import os
    import time

    from trustplanner.store.lock import PlanLock, PlanLocked, is_stale, lock_path, read_owner

    plan = tmp_path / "p.tplan"
    plan.write_bytes(b"")
    lock_path(plan).write_text("")
    assert not is_stale(read_owner(plan))
    with pytest.raises(PlanLocked):
        PlanLock(plan).acquire()
    old = time.time() - 31
    os.utime(lock_path(plan), (old, old))  # left empty by a crash: stale after half a minute
    assert is_stale(read_owner(plan))
