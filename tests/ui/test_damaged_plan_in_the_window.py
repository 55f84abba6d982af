"""Opening a damaged plan in the window: refused with the same line, or its backup restored."""

from __future__ import annotations

import pytest

import trustplanner.ui.opening as opening
from trustplanner.store.lock import lock_path
from trustplanner.store.plan_file import copy_plan_file


@pytest.fixture
def errors(monkeypatch):
    shown = []
    monkeypatch.setattr(opening, "show_error", lambda parent, title, error: shown.append(str(error)))
    return shown


def _damage(path):
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def test_a_damaged_plan_with_a_backup_is_restored_when_the_user_agrees(window, demo_path, monkeypatch, errors):
    backup = copy_plan_file(demo_path, demo_path.with_name("demo.backup-20170116-093000.tplan"))
    _damage(demo_path)
    offered = []
    monkeypatch.setattr(opening, "ask_restore", lambda parent, damaged: offered.append(damaged.backup) or True)
    assert window.open_plan(demo_path)
    assert offered == [backup] and errors == []
    assert not window.document.read_only
    assert window.document.snapshot.programme.council == "Sunderland City Council"
    assert window.statusBar().currentMessage().startswith(f"Restored from {backup.name}; the damaged file is kept as")
    assert len(list(demo_path.parent.glob("demo.replaced-*.tplan"))) == 1


def test_declining_the_backup_leaves_the_damaged_file_and_says_why(window, demo_path, monkeypatch, errors):
    copy_plan_file(demo_path, demo_path.with_name("demo.backup-20170116-093000.tplan"))
    _damage(demo_path)
    damaged_bytes = demo_path.read_bytes()
    monkeypatch.setattr(opening, "ask_restore", lambda parent, damaged: False)
    assert not window.open_plan(demo_path)
    assert len(errors) == 1 and "is damaged" in errors[0] and "trustplanner restore" in errors[0]
    assert demo_path.read_bytes() == damaged_bytes
    assert window.document is None
    assert not lock_path(demo_path).exists()  # the edit lock is given back


def test_damage_found_while_reading_gives_the_lock_back(window, demo_path, monkeypatch, errors):
    import sqlite3

    connection = sqlite3.connect(demo_path)
    connection.execute("UPDATE milestone SET forecast = '2017-02-31' WHERE ref = 'HR-02'")
    connection.commit()
    connection.close()
    monkeypatch.setattr(opening, "ask_restore", lambda parent, damaged: pytest.fail("no backup to offer"))
    assert not window.open_plan(demo_path)
    assert len(errors) == 1 and "is damaged (a stored value cannot be read" in errors[0]
    assert "there is no backup beside it" in errors[0]
    assert not lock_path(demo_path).exists()
