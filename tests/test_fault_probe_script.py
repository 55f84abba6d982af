"""The fault probe (scripts/fault_probe.py) keeps running: one kill, end to end, through the real CLI.

The probe is a measurement, not a test: this only checks that it still sets up, runs a family and
prints its table, so that it does not rot between the times it is run by hand.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "fault_probe.py"
CLASSES = {"ok", "refused cleanly", "internal error", "unclear", "too slow"}


def test_the_fault_probe_kills_one_import_and_prints_the_outcome(tmp_path):
    runs_file = tmp_path / "runs.json"
    done = subprocess.run([sys.executable, str(SCRIPT), "--family", "kills", "--limit", "1", "--json", str(runs_file)],
                          capture_output=True, text=True, timeout=120)

    assert done.returncode == 0, done.stderr
    row = re.search(r"^kills\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s", done.stdout, re.MULTILINE)
    assert row, done.stdout
    runs, *counts = (int(n) for n in row.groups())
    assert runs == 1 and sum(counts) == 1
    [run] = json.loads(runs_file.read_text(encoding="utf-8"))["kills"]
    assert run["command"] == "trustplanner import plan.tplan services services-k.csv"
    assert run["cls"] in CLASSES and run["case"].startswith("import services, SIGKILL")
