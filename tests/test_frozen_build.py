"""The frozen build (build.spec): its Windows metadata, and, when asked for, the whole build once.

The build itself takes a minute or two, so it runs only with ``TRUSTPLANNER_BUILD_TEST=1``
(as .ci/run does); scripts/build_frozen.py says what it checks.
"""

from __future__ import annotations

import importlib.util
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

import trustplanner

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"
ICON = ROOT / "resources" / "icons" / "trustplanner.ico"


def _script(name: str):
    spec = importlib.util.spec_from_file_location(f"_frozen_{name}", SCRIPTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_windows_version_is_read_from_the_package():
    assert _script("windows_version_info").package_constants()["__version__"] == trustplanner.__version__


@pytest.mark.parametrize(("version", "numbers", "prerelease"), [
    ("0.1.0", (0, 1, 0, 0), False),
    ("1.2", (1, 2, 0, 0), False),
    ("2.0.0rc1", (2, 0, 0, 0), True),
    ("3.1.4.1", (3, 1, 4, 1), False),
])
def test_windows_version_is_four_numbers_and_flags_prereleases(version, numbers, prerelease):
    info = _script("windows_version_info")
    assert info.version_tuple(version) == numbers
    assert info.is_prerelease(version) is prerelease


@pytest.mark.parametrize("version", ["dev", "1.70000.0"])
def test_windows_version_refuses_what_windows_cannot_show(version):
    with pytest.raises(ValueError):
        _script("windows_version_info").version_tuple(version)


def test_app_icon_holds_every_size_from_16_to_256_as_png():
    data = ICON.read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sizes = set()
    for index in range(count):
        width, height, _, _, _, _, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * index)
        assert width == height
        assert data[offset:offset + 8] == b"\x89PNG\r\n\x1a\n" and offset + length <= len(data)
        sizes.add(width or 256)
    assert {16, 24, 32, 48, 64, 128, 256} <= sizes


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("TRUSTPLANNER_BUILD_TEST") != "1",
                    reason="builds the frozen app (a minute or two); set TRUSTPLANNER_BUILD_TEST=1")
def test_frozen_build_writes_the_demo_briefing_and_starts_the_app():
    result = subprocess.run([sys.executable, str(SCRIPTS / "build_frozen.py")], cwd=ROOT,
                            stdin=subprocess.DEVNULL, timeout=45 * 60)
    assert result.returncode == 0, "scripts/build_frozen.py failed; its output says which check"
