"""The layers in pyproject.toml's import-linter contracts hold (Qt only under ui/, and so on)."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_hold():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    assert lint, "import-linter is part of the test extra"
    result = subprocess.run([lint, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _python_files(folder: str) -> list[Path]:
    return sorted((ROOT / "trustplanner" / folder).rglob("*.py"))


def test_only_the_change_history_opens_write_transactions():
    """Every write goes through services.history.change, so it is recorded and can be undone."""
    allowed = {ROOT / "trustplanner" / "services" / "history.py", ROOT / "trustplanner" / "store" / "plan_file.py"}
    offenders = [str(path.relative_to(ROOT)) for path in _python_files("")
                 if path not in allowed and ".transaction()" in path.read_text(encoding="utf-8")]
    assert offenders == []


def test_derived_data_is_brought_in_step_in_one_place():
    allowed = {ROOT / "trustplanner" / "services" / "derived.py", ROOT / "trustplanner" / "services" / "tupe_milestones.py"}
    offenders = [str(path.relative_to(ROOT)) for path in _python_files("")
                 if path not in allowed and "sync_tupe_milestones" in path.read_text(encoding="utf-8")]
    assert offenders == []


def test_no_kind_is_dispatched_by_name_outside_its_declaration():
    """Menus, the command line and the export loop over services.kinds.KINDS instead."""
    import re

    pattern = re.compile(r"""kind\s*(==|in)\s*[("']""")
    offenders = [f"{path.relative_to(ROOT)}:{n}" for path in (ROOT / "trustplanner" / "cli.py",
                                                               *_python_files("services"))
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert offenders == []
