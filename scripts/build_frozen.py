"""Build the frozen app with build.spec, then prove the result works.

    python scripts/build_frozen.py            build dist/TrustPlanner/, then check it
    python scripts/build_frozen.py --no-build check an existing dist/TrustPlanner/

Needs the build extra (``pip install -e .[build]``). The checks run the frozen executables
only, never the source: the command line's --version, the demo plan and its briefing PDF,
England's bank holidays (a template plan's dates must match the source's to the day), and a
headless start of the desktop app on the demo plan that quits by itself. Exit status 0 when
every check passes.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from windows_version_info import package_constants  # noqa: E402

SPEC = ROOT / "build.spec"
DIST = ROOT / "dist"
APP_DIR = DIST / "TrustPlanner"
SUFFIX = ".exe" if os.name == "nt" else ""
GUI = APP_DIR / f"TrustPlanner{SUFFIX}"
CLI = APP_DIR / f"trustplanner-cli{SUFFIX}"
MIN_BRIEFING_BYTES = 10_000
SMOKE_EXIT_MS = 3000


class CheckFailed(Exception):
    pass


def build() -> float:
    """Run PyInstaller on build.spec; returns the seconds it took."""
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise CheckFailed("PyInstaller is not installed here: pip install -e .[build]") from None
    started = time.monotonic()
    command = [sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm", "--clean", "--log-level", "WARN",
               "--distpath", str(DIST), "--workpath", str(ROOT / "build")]
    print("$", " ".join(command), flush=True)
    if subprocess.run(command, cwd=ROOT).returncode != 0:
        raise CheckFailed("PyInstaller failed (its messages are above)")
    return time.monotonic() - started


def run(command: list, env: dict[str, str], timeout: float = 300) -> str:
    """Run one frozen executable; returns its standard output, or fails with everything it said."""
    shown = " ".join(str(part) for part in command)
    print("$", shown, flush=True)
    try:
        result = subprocess.run([str(part) for part in command], env=env, stdin=subprocess.DEVNULL,
                                capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise CheckFailed(f"{shown} did not finish within {timeout:.0f} s") from None
    if result.stdout.strip():
        print(result.stdout.rstrip())
    if result.returncode != 0:
        raise CheckFailed(f"{shown} exited with {result.returncode}:\n{result.stdout}{result.stderr}")
    return result.stdout


def check_executables() -> None:
    for exe in (GUI, CLI):
        if not exe.is_file():
            raise CheckFailed(f"{exe.relative_to(ROOT)} is missing")


def check_version(env: dict[str, str]) -> None:
    expected = f"TrustPlanner {package_constants()['__version__']}"
    said = run([CLI, "--version"], env).strip()
    if said != expected:
        raise CheckFailed(f"--version printed {said!r}, expected {expected!r}")


def check_demo_briefing(work: Path, env: dict[str, str]) -> Path:
    plan, pdf = work / "demo.tplan", work / "demo.pdf"
    run([CLI, "demo", plan], env)
    if not plan.is_file():
        raise CheckFailed(f"the demo plan {plan} was not written")
    run([CLI, "briefing", plan, "-o", pdf], env)
    if not pdf.is_file():
        raise CheckFailed(f"the briefing {pdf} was not written")
    size = pdf.stat().st_size
    if size <= MIN_BRIEFING_BYTES or not pdf.read_bytes().startswith(b"%PDF-"):
        raise CheckFailed(f"the briefing {pdf} is not a PDF of more than {MIN_BRIEFING_BYTES:,} bytes ({size:,})")
    print(f"Briefing: {pdf} ({size:,} bytes)")
    return plan


def check_bank_holidays(work: Path, env: dict[str, str]) -> None:
    """A template plan going live just after Easter: frozen and source dates must agree."""
    args = ["new", "{plan}", "--council", "Check Council", "--trust", "Check Trust", "--go-live", "2026-04-07",
            "--template"]
    exports = {}
    for name, program in (("frozen", [CLI]), ("source", [sys.executable, "-m", "trustplanner"])):
        plan, folder = work / f"holidays-{name}.tplan", work / f"holidays-{name}"
        source_env = dict(env, PYTHONPATH=str(ROOT)) if name == "source" else env
        run([*program, *(str(plan) if a == "{plan}" else a for a in args)], source_env)
        run([*program, "export", plan, folder], source_env)
        exports[name] = (folder / "milestones.csv").read_text(encoding="utf-8")
    if exports["frozen"] != exports["source"]:
        raise CheckFailed("the frozen app schedules the template differently from the source: "
                          "are the holidays package's England bank holidays bundled?")
    print(f"Bank holidays: {exports['frozen'].count(chr(10)) - 1} template milestones dated as from source")


def check_desktop_app(plan: Path, env: dict[str, str], log_file: Path) -> None:
    """Start the windowed app on the demo plan, headless; it must quit by itself, cleanly."""
    smoke_env = dict(env, TRUSTPLANNER_SMOKE_EXIT_MS=str(SMOKE_EXIT_MS))
    started = time.monotonic()
    run([GUI, plan], smoke_env, timeout=120)
    log = log_file.read_text(encoding="utf-8") if log_file.is_file() else ""
    for line in ("desktop app started", "opened a plan", "smoke run: closing"):
        if line not in log:
            raise CheckFailed(f"the desktop app's log has no '{line}':\n{log}")
    print(f"Desktop app: opened the demo plan and quit by itself after {time.monotonic() - started:.1f} s")


def check_log_clean(log_file: Path) -> None:
    log = log_file.read_text(encoding="utf-8") if log_file.is_file() else ""
    bad = [line for line in log.splitlines() if " ERROR " in line or "Traceback" in line]
    if bad:
        raise CheckFailed("the frozen app logged errors:\n" + log)


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def main() -> int:
    sys.stdout.reconfigure(line_buffering=True)  # keep this script's lines in order with its children's
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true", help="check dist/TrustPlanner as it is")
    options = parser.parse_args()
    try:
        seconds = None if options.no_build else build()
        check_executables()
        with tempfile.TemporaryDirectory(prefix="trustplanner-frozen-") as temp:
            work = Path(temp)
            env = dict(os.environ, TRUSTPLANNER_LOG_DIR=str(work / "logs"),
                       XDG_CONFIG_HOME=str(work / "config"), PYTHONIOENCODING="utf-8")
            env.setdefault("QT_QPA_PLATFORM", "offscreen")
            check_version(env)
            plan = check_demo_briefing(work, env)
            check_bank_holidays(work, env)
            log_file = work / "logs" / "trustplanner.log"
            check_desktop_app(plan, env, log_file)
            check_log_clean(log_file)
    except CheckFailed as failure:
        print(f"\nFAILED: {failure}", file=sys.stderr)
        return 1
    size, count = folder_size(APP_DIR)
    built = f"built in {seconds:.0f} s, " if seconds is not None else ""
    print(f"\nOK: {APP_DIR.relative_to(ROOT)} {built}{size / 1_048_576:.0f} MiB in {count} files; every check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
