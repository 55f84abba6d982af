"""Every page fits the screens councils use: 1366x768 at 100%, and 1366x690 (what the taskbar
leaves) at 125% and 150% Windows scaling.

QT_SCALE_FACTOR only counts before a QApplication exists, so each screen is rendered by
layout_probe.py in its own process, which prints what it found as JSON.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = Path(__file__).with_name("layout_probe.py")
SCREENS = (("1", 1366, 768), ("1.25", 1366, 690), ("1.5", 1366, 690))


def _start(scale: str, width: int, height: int) -> subprocess.Popen:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": scale}
    return subprocess.Popen([sys.executable, str(PROBE), str(width), str(height)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="module")
def probes():
    running = {screen: _start(*screen) for screen in SCREENS}  # two CPUs: three short processes at once
    results = {}
    for screen, process in running.items():
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err[-3000:]
        results[screen] = json.loads(out)
    return results


@pytest.mark.parametrize("screen", SCREENS, ids=[f"{w}x{h}@{s}" for s, w, h in SCREENS])
def test_every_page_fits_without_clipped_squeezed_or_hidden_widgets(probes, screen):
    result = probes[screen]
    findings = [f"{f['page']}: {f['check']}: {f['widget']}: {f['detail']}" for f in result["findings"]]
    assert not findings, f"at {result['window'][0]}x{result['window'][1]} logical px:\n" + "\n".join(findings)
