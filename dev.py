#!/usr/bin/env python3
"""One-command set-up for TrustPlanner on a fresh machine (Windows, macOS or Linux).

    python dev.py start   create .venv, install, build the demo plan and open the app on the plan it had
                          open last (the demo plan the first time); the terminal waits until the app closes
    python dev.py test    create .venv, install with test extras, run the whole test suite

Only Python 3.11+ is needed; everything else comes from the package index.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
OUT = ROOT / "out"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_environment(extras: str) -> Path:
    if sys.version_info < (3, 11):
        sys.exit(f"TrustPlanner needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    python = venv_python()
    if not python.exists():
        print(f"Creating the virtual environment in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=VENV.exists()).create(VENV)
    fingerprint = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    stamp = VENV / f".installed-{extras or 'app'}"
    if not stamp.exists() or stamp.read_text() != fingerprint:
        print("Installing TrustPlanner and its dependencies ...", flush=True)
        target = f".[{extras}]" if extras else "."
        run([python, "-m", "pip", "install", "--disable-pip-version-check", "-q", "--upgrade", "pip"])
        run([python, "-m", "pip", "install", "--disable-pip-version-check", "-q", "-e", target])
        stamp.write_text(fingerprint)
    return python


def run(command: list, **kwargs) -> None:
    result = subprocess.run([str(part) for part in command], cwd=ROOT, **kwargs)
    if result.returncode != 0:
        sys.exit(result.returncode)


def start() -> None:
    python = ensure_environment("")
    OUT.mkdir(exist_ok=True)
    plan = OUT / "sunderland-demo.tplan"
    briefing = OUT / "sunderland-demo-briefing.pdf"
    if not plan.exists():
        run([python, "-m", "trustplanner", "demo", plan])
        run([python, "-m", "trustplanner", "briefing", plan, "-o", briefing])
    print(f"\nDemo plan:     {plan}\nCabinet brief: {briefing}\nCommand line:  {trustplanner_command()}\n"
          "Opening TrustPlanner on the plan it had open last (the demo plan the first time); this terminal "
          "waits until the app is closed ...", flush=True)
    # the app knows its last plan (its own settings); dev.py never reads them, so it needs no Qt
    run([python, "-m", "trustplanner", "open", "--prefer-last", plan])


def trustplanner_command() -> Path:
    """Where the ``trustplanner`` command is installed: .venv/bin/trustplanner or .venv\\Scripts\\trustplanner.exe."""
    return VENV / ("Scripts/trustplanner.exe" if os.name == "nt" else "bin/trustplanner")


def test(extra_args: list[str]) -> None:
    python = ensure_environment("test")
    run([python, "-m", "pytest", *extra_args])


def main() -> None:
    args = sys.argv[1:]
    if not args or args[0] not in ("start", "test"):
        sys.exit(__doc__)
    if args[0] == "start":
        start()
    else:
        test(args[1:])


if __name__ == "__main__":
    main()
