"""``dev.py start`` opens the plan the app had open last (the demo the first time), without Qt; the
README says where the ``trustplanner`` command lives and that ``start`` keeps its terminal busy."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _dev():  # noqa: ANN202
    spec = importlib.util.spec_from_file_location("dev_script", ROOT / "dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_start_asks_the_app_for_its_last_plan_and_falls_back_to_the_demo(monkeypatch, tmp_path, capsys):
    dev = _dev()
    commands = []
    monkeypatch.setattr(dev, "OUT", tmp_path)
    monkeypatch.setattr(dev, "ensure_environment", lambda extras: Path(sys.executable))
    monkeypatch.setattr(dev, "run", lambda command, **kwargs: commands.append([str(c) for c in command]))
    (tmp_path / "sunderland-demo.tplan").write_text("")  # already built
    dev.start()
    assert commands == [[sys.executable, "-m", "trustplanner", "open", "--prefer-last",
                         str(tmp_path / "sunderland-demo.tplan")]]
    said = capsys.readouterr().out
    assert "waits until the app is closed" in said
    assert str(dev.trustplanner_command()) in said
    assert "PySide6" not in (ROOT / "dev.py").read_text()


def test_the_app_prefers_its_last_plan_only_when_asked_and_only_if_it_still_exists(tmp_path):
    from trustplanner.ui.app import plan_to_open

    demo, last = tmp_path / "demo.tplan", tmp_path / "last.tplan"
    last.write_text("")
    assert plan_to_open(demo, str(last), prefer_last=True) == last
    assert plan_to_open(demo, str(last)) == demo
    assert plan_to_open(None, str(last)) == last
    assert plan_to_open(demo, str(tmp_path / "gone.tplan"), prefer_last=True) == demo
    assert plan_to_open(demo, None, prefer_last=True) == demo


def test_the_cli_passes_prefer_last_to_the_app(cli, monkeypatch, tmp_path):
    import trustplanner.cli as cli_module

    calls = []
    monkeypatch.setattr(cli_module, "_run_app", lambda plan, **kw: calls.append((plan, kw)) or 0)
    assert cli("open", "--prefer-last", tmp_path / "demo.tplan").rc == 0
    assert calls == [(tmp_path / "demo.tplan", {"read_only": False, "prefer_last": True, "review": False})]
    assert cli("open", "--review", tmp_path / "demo.tplan").rc == 0  # a reviewer's window
    assert calls[-1] == (tmp_path / "demo.tplan", {"read_only": False, "prefer_last": False, "review": True})


def test_the_readme_says_where_the_command_is_and_that_start_blocks():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert ".venv/bin/trustplanner" in text and ".venv\\Scripts\\trustplanner.exe" in text
    assert "terminal stays busy until the app is closed" in text
