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


def test_garbled_lock_file_is_treated_as_stale(tmp_path):
    plan_path = tmp_path / "p.tplan"
    lock_path(plan_path).write_text("{not json")
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
