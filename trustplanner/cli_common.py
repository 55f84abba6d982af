"""What every command shares: exit codes, argument types, and opening a plan to read, to write
(through its edit lock) or to write review records (without it)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from trustplanner.domain.dates import date_problem
from trustplanner.domain.enums import DeliveryModel, parse_choice
from trustplanner.io.values import DATE_FORMS, CellError, read_typed_date

EXIT_OK, EXIT_REJECTED, EXIT_USAGE, EXIT_IN_USE = 0, 1, 2, 3
EXIT_STATUS_HELP = ("exit status: 0 success; 1 rejected input (each problem listed as FILE:ROW: column: message, "
                    "the plan unchanged); 2 usage error; 3 the plan is open for editing elsewhere (nothing changed; "
                    "--wait SECONDS waits for it)")


def _date_arg(text: str) -> date:
    try:
        day = read_typed_date(text)
    except CellError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if problem := date_problem(day):
        raise argparse.ArgumentTypeError(problem)
    return day


def _optional_date_arg(text: str) -> date | bool:
    """A date, or ``none`` (False) to clear one."""
    return False if text.strip().lower() in ("none", "") else _date_arg(text)


def _dated(help_text: str = "") -> str:
    """An option's help with the date forms it takes (the app's date fields take the same)."""
    return f"{help_text} ({DATE_FORMS})" if help_text else DATE_FORMS


def _delivery_model_arg(text: str) -> DeliveryModel:
    model = parse_choice(DeliveryModel, text)
    if model is None:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a delivery model; use one of: {', '.join(m.value for m in DeliveryModel)}")
    return model


def _tolerance_arg(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of working days") from None


def _wait_arg(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if not 0 <= seconds <= 86_400:
        raise argparse.ArgumentTypeError("wait 0 to 86400 seconds")
    return seconds


def _limit_arg(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a positive whole number")
    return value


def _writer(commands, name: str, help_text: str) -> argparse.ArgumentParser:  # noqa: ANN001
    """A command that changes the plan: it takes the plan's edit lock, or waits for it."""
    command = commands.add_parser(name, help=help_text, epilog=EXIT_STATUS_HELP)
    command.add_argument("plan", type=Path, metavar="PLAN")
    command.add_argument("--wait", type=_wait_arg, default=0.0, metavar="SECONDS",
                         help="if the plan is open for editing elsewhere, wait up to this long for it")
    return command


def _read(path: Path):  # noqa: ANN202
    """Open for reading: works while the plan is open for editing elsewhere."""
    from trustplanner.store.access import open_for_reading

    return open_for_reading(path, clear_stale=_say_stale_cleared)  # an upgrade takes the lock: say so


def _write(args: argparse.Namespace):  # noqa: ANN202
    """Open for writing through the plan's edit lock (exit 3 if someone else holds it)."""
    from trustplanner.store.access import open_for_writing

    def waiting(locked) -> None:  # noqa: ANN001
        print(f"trustplanner: waiting up to {args.wait:g} s: {locked}", file=sys.stderr)

    return open_for_writing(args.plan, wait=args.wait, waiting=waiting, clear_stale=_say_stale_cleared)


def _review_write(args: argparse.Namespace):  # noqa: ANN202
    """Open for review writes: no edit lock, so they work while the plan is open for editing elsewhere
    (each is a short transaction that waits for the editor's; only review records are written)."""
    from trustplanner.store.access import open_for_review

    return open_for_review(args.plan, clear_stale=_say_stale_cleared)


def _say_stale_cleared(owner) -> bool:  # noqa: ANN001
    """A stale lock's holder is gone: clear it, and say so in one line."""
    print(f"trustplanner: cleared a stale edit lock of {owner.who()} on {owner.host} (open since "
          f"{owner.since_text()}, last heard from {owner.heartbeat_text()})", file=sys.stderr)
    return True
