"""No personal data reaches the log: staff with known names and salaries are imported, every error
path we can provoke is provoked, and the log files are searched for each name and salary.

The log holds what happened (commands, error types, where in the code), never a row's values:
SQL parameters are hidden by the engine and exceptions are logged without their messages.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from trustplanner.io.formats.staff import COLUMNS

CSC = "Children's social care"
PEOPLE = {"TFC-70001": ("Perpetua Quillfeather", "73917.53"), "TFC-70002": ("Barnaby Wolstenholme", "58264.19"),
          "TFC-70003": ("Ottoline Brackenbury", "61408.77")}


def secrets() -> list[str]:
    """Every name and salary, in each way it could be written (file text, pounds, pence)."""
    found = []
    for name, salary in PEOPLE.values():
        pounds, pence = salary.split(".")
        found += [name, *name.split(), salary, f"{int(pounds):,}.{pence}", pounds + pence]
    return found


def staff_row(ref: str, name: str, cost: str, **cells: str) -> list[str]:
    values = {"ref": ref, "name": name, "service": CSC, "team": "Assessment East", "role": "Social worker",
              "grade": "PO3", "employment": "permanent", "fte": "1", "annual_cost": cost, "tupe": "yes",
              "pension": "lgps", "caseload": "18", "transfer_date": "", "eli_sent": "", "consultation": "informed",
              **cells}
    return [values[c] for c in COLUMNS]


@pytest.fixture
def log_dir(tmp_path, monkeypatch) -> Path:
    """The package logs into tmp_path/logs through the real handler and formatter, made afresh."""
    folder = tmp_path / "logs"
    monkeypatch.setenv("TRUSTPLANNER_LOG_DIR", str(folder))
    logger = logging.getLogger("trustplanner")
    monkeypatch.setattr(logger, "handlers", [])  # configure_logging() then makes its handler here
    yield folder
    for handler in logger.handlers:
        handler.close()


@pytest.fixture
def staffed(sample_plan, cli, write_csv, log_dir):
    path = write_csv("extract.csv", [COLUMNS, *(staff_row(ref, *person) for ref, person in PEOPLE.items())])
    result = cli("import", sample_plan, "staff", path)
    assert result.rc == 0, result.err
    return sample_plan


def logged(log_dir: Path) -> str:
    for handler in logging.getLogger("trustplanner").handlers:
        handler.flush()
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(log_dir.iterdir()))


def test_no_name_or_salary_reaches_the_log_whatever_goes_wrong(staffed, cli, write_csv, log_dir, tmp_path,
                                                               monkeypatch, make_read_only):
    from trustplanner.services import staff as staff_service

    name, salary = PEOPLE["TFC-70001"]
    everyone = [staff_row(ref, *person) for ref, person in PEOPLE.items()]
    later = ("--as-of", "01/02/2017")

    # a rejected file: the problem lines quote the cells, on the terminal only
    rejected = write_csv("rejected.csv", [COLUMNS, staff_row("TFC-70001", name, salary, fte=name)])
    result = cli("import", staffed, "staff", rejected, *later)
    assert result.rc == 1 and name in result.err

    # a duplicate, as two imports racing used to store: the store refuses it (one line, no values)
    changed = write_csv("changed.csv", [COLUMNS, *(staff_row(ref, n, "70000") for ref, (n, _) in PEOPLE.items())])
    with monkeypatch.context() as patch:
        patch.setattr(staff_service, "open_versions", lambda session: {})  # blind to the rows already there
        result = cli("import", staffed, "staff", changed)
    assert result.rc == 1 and "would have stored one record twice" in result.err

    # a bug that makes the database refuse a row: IntegrityError's text would carry the statement's parameters
    original = staff_service._insert_versions
    with monkeypatch.context() as patch:
        patch.setattr(staff_service, "_insert_versions", lambda session, records, services, valid_from: original(
            session, records, {**services, CSC: None}, valid_from))
        result = cli("import", staffed, "staff", changed, *later)
    assert result.rc == 1 and "unexpected error (IntegrityError)" in result.err

    # an unexpected exception whose message (and whose cause's message) holds a name and a salary
    def parse(path, snapshot, fill=None):  # noqa: ANN001, ANN202
        try:
            int(f"{name} {salary}")
        except ValueError as exc:
            raise KeyError(f"no grade for {name} on {salary}") from exc

    with monkeypatch.context() as patch:
        patch.setattr(staff_service.staff_rows, "parse", parse)
        result = cli("import", staffed, "staff", write_csv("fine.csv", [COLUMNS, *everyone]), *later)
    assert result.rc == 1 and "unexpected error (KeyError)" in result.err

    # a damaged plan, and a read-only one
    damaged = tmp_path / "damaged.tplan"
    damaged.write_bytes(staffed.read_bytes()[: staffed.stat().st_size // 2])
    assert cli("export", damaged, tmp_path / "out").rc == 1
    read_only = tmp_path / "read-only.tplan"
    shutil.copyfile(staffed, read_only)
    make_read_only(read_only)
    assert cli("import", read_only, "staff", changed, *later).rc == 1

    # a background job in the app that fails
    pytest.importorskip("PySide6")
    from trustplanner.ui.workers import Worker

    def job() -> None:
        raise RuntimeError(f"cannot brief on {name}, paid {salary}")

    Worker(job, "briefing").run()

    text = logged(log_dir)
    # what went wrong is there (so this is not a search of an empty log) ...
    for evidence in ("IntegrityError", "[SQLITE_CONSTRAINT_NOTNULL]", "KeyError", "ValueError", "RuntimeError",
                     "briefing failed", "Traceback (most recent call last)", "_insert_versions"):
        assert evidence in text
    # ... and no one's name or pay
    leaked = [secret for secret in secrets() if secret in text]
    assert leaked == [], f"the log holds {leaked}"


def test_a_log_that_cannot_be_written_never_reaches_the_screen(tmp_path, monkeypatch, capsys):
    import logging

    from trustplanner.logging_setup import QuietFileHandler

    handler = QuietFileHandler(tmp_path / "t.log", maxBytes=1000, backupCount=1, encoding="utf-8")

    def full_disk(record):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(handler, "shouldRollover", full_disk)  # the handler's first step of every write
    logger = logging.getLogger("trustplanner.quiet-test")
    logger.addHandler(handler)
    try:
        logger.error("a line the disk has no room for")
    finally:
        logger.removeHandler(handler)
        handler.close()
    assert capsys.readouterr().err == ""
