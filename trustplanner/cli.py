"""The command line: the same services as the desktop app, for scripts and other tools.

Exit status: 0 success; 1 rejected input or a rule problem (each listed, the plan unchanged);
2 usage errors.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from trustplanner import __version__
from trustplanner.domain.enums import DeliveryModel, parse_choice
from trustplanner.domain.problems import TrustPlannerError, ValidationFailed
from trustplanner.io.values import CellError, parse_date
from trustplanner.logging_setup import configure_logging

log = logging.getLogger(__name__)

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2


def _date_arg(text: str) -> date:
    try:
        return parse_date(text)
    except CellError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _delivery_model_arg(text: str) -> DeliveryModel:
    model = parse_choice(DeliveryModel, text)
    if model is None:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a delivery model; use one of: {', '.join(m.value for m in DeliveryModel)}")
    return model


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="trustplanner",
        description="Plan and report the move of a council's children's services into a trust.",
    )
    parser.add_argument("--version", action="version", version=f"TrustPlanner {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    new = commands.add_parser("new", help="create a new plan file")
    new.add_argument("plan", type=Path, metavar="PLAN")
    new.add_argument("--council", required=True, help="e.g. 'Sunderland City Council'")
    new.add_argument("--trust", required=True, help="the company or trust taking the services")
    new.add_argument("--go-live", required=True, type=_date_arg, metavar="DATE")
    new.add_argument("--shadow", type=_date_arg, metavar="DATE", help="shadow operation start")
    new.add_argument("--delivery-model", type=_delivery_model_arg, default=DeliveryModel.INDEPENDENT_TRUST,
                     metavar="MODEL", help="council_owned_company, independent_trust (default) or mutual")
    new.add_argument("--template", action="store_true", help="seed the standard transition milestones")

    demo = commands.add_parser("demo", help="create the Sunderland demo plan")
    demo.add_argument("plan", type=Path, metavar="PLAN")

    imp = commands.add_parser("import", help="import services or milestones from CSV or XLSX")
    imp.add_argument("plan", type=Path, metavar="PLAN")
    imp.add_argument("kind", choices=("services", "milestones", "staff", "budget", "savings"), metavar="KIND",
                     help="services, milestones, staff, budget or savings")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--as-of", type=_date_arg, metavar="DATE",
                     help="staff: the date of the HR extract; budget: the date whose monitoring period the "
                          "forecasts are reported for (default: the plan's status date)")

    exp = commands.add_parser("export", help="export the plan as CSV files in the import format")
    exp.add_argument("plan", type=Path, metavar="PLAN")
    exp.add_argument("folder", type=Path, metavar="DIR")

    brief = commands.add_parser("briefing", help="write the cabinet briefing PDF")
    brief.add_argument("plan", type=Path, metavar="PLAN")
    brief.add_argument("-o", "--output", required=True, type=Path, metavar="OUT.pdf")
    brief.add_argument("--as-of", type=_date_arg, metavar="DATE", help="default: the plan's status date")
    brief.add_argument("--meeting", type=_date_arg, metavar="DATE", help="cabinet meeting date")
    brief.add_argument("--marking", metavar="TEXT", help="protective marking, e.g. OFFICIAL-SENSITIVE")
    brief.add_argument("--units", choices=("m", "k"), default="m",
                       help="money in the finance section: m for £m to one decimal place (default), k for £000")

    open_ = commands.add_parser("open", help="open a plan in the desktop app")
    open_.add_argument("plan", type=Path, metavar="PLAN")

    check = commands.add_parser("check", help="list every schedule rule problem in the plan")
    check.add_argument("plan", type=Path, metavar="PLAN")
    check.add_argument("--as-of", type=_date_arg, metavar="DATE", help="default: the plan's status date")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    configure_logging()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage message
        return EXIT_OK if exc.code == 0 else EXIT_USAGE
    if args.command is None:
        return _run_app(None)
    log.info("command %s", args.command)
    try:
        return COMMANDS[args.command](args)
    except ValidationFailed as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"Rejected: {len(exc.problems)} problem(s); nothing was changed.", file=sys.stderr)
        return EXIT_REJECTED
    except TrustPlannerError as exc:
        print(f"trustplanner: {exc}", file=sys.stderr)
        return EXIT_REJECTED
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the user gets one line; the log gets the traceback
        log.exception("unexpected error in %s", args.command)
        print(f"trustplanner: unexpected error ({type(exc).__name__}); details are in the log file",
              file=sys.stderr)
        return EXIT_REJECTED


def _open(path: Path):
    from trustplanner.store.plan_file import open_plan_file

    return open_plan_file(path)


def cmd_new(args: argparse.Namespace) -> int:
    from trustplanner.services.plans import new_plan

    with new_plan(args.plan, council=args.council, trust=args.trust, go_live=args.go_live,
                  shadow_start=args.shadow, delivery_model=args.delivery_model, template=args.template) as plan:
        from trustplanner.services.snapshot import load_snapshot

        count = len(load_snapshot(plan).milestones)
    print(f"Created {args.plan}" + (f" with {count} template milestones" if args.template else ""))
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from trustplanner.services.demo import create_demo_plan
    from trustplanner.services.snapshot import load_snapshot

    with create_demo_plan(args.plan) as plan:
        snapshot = load_snapshot(plan)
    print(f"Created the demo plan {args.plan}: {snapshot.programme.council} to {snapshot.programme.trust}, "
          f"{len(snapshot.services)} services, {len(snapshot.milestones)} milestones, "
          f"status date {snapshot.status_date:%d/%m/%Y}")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from trustplanner.services.imports import import_file

    if args.kind == "staff":
        return _import_staff(args)
    if args.kind in ("budget", "savings"):
        return _import_finance(args)
    if args.as_of:
        print("trustplanner: --as-of applies to staff and budget imports only", file=sys.stderr)
        return EXIT_USAGE
    with _open(args.plan) as plan:
        result = import_file(plan, args.kind, args.file)
    print(f"Imported {args.file}: {result.summary()}")
    if result.ignored_columns:
        print(f"Ignored columns: {', '.join(result.ignored_columns)}")
    for push in result.knock_ons:
        print(f"Knock-on: {push.ref} forecast {push.forecast:%d/%m/%Y} falls before {push.caused_by}; "
              f"it would move to {push.pushed_to:%d/%m/%Y} ({push.days} working days). Not applied.")
    return EXIT_OK


def _import_staff(args: argparse.Namespace) -> int:
    from trustplanner.services.staff import import_staff

    with _open(args.plan) as plan:
        result = import_staff(plan, args.file, extract_date=args.as_of)
    print(f"Imported {args.file}: {result.summary()}")
    if result.ignored_columns:
        print(f"Ignored columns: {', '.join(result.ignored_columns)}")
    return EXIT_OK


def _import_finance(args: argparse.Namespace) -> int:
    from trustplanner.services.budget import import_budget, import_savings

    if args.kind == "savings" and args.as_of:
        print("trustplanner: --as-of applies to staff and budget imports only", file=sys.stderr)
        return EXIT_USAGE
    with _open(args.plan) as plan:
        if args.kind == "budget":
            result = import_budget(plan, args.file, as_of=args.as_of)
        else:
            result = import_savings(plan, args.file)
    print(f"Imported {args.file}: {result.summary()}")
    if result.ignored_columns:
        print(f"Ignored columns: {', '.join(result.ignored_columns)}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from trustplanner.services.exports import export_plan

    with _open(args.plan) as plan:
        written = export_plan(plan, args.folder)
    for path in written:
        print(f"Wrote {path}")
    return EXIT_OK


def cmd_briefing(args: argparse.Namespace) -> int:
    from trustplanner.services.briefings import produce_briefing

    with _open(args.plan) as plan:
        issued = produce_briefing(plan, args.output, as_of=args.as_of, meeting=args.meeting, marking=args.marking,
                                  units=args.units)
    print(f"Wrote the briefing to {Path(args.output).resolve()} ({issued.pages} pages, as of "
          f"{issued.as_of:%d/%m/%Y}, overall {issued.overall.label.upper()})")
    return EXIT_OK


def _run_app(plan: Path | None) -> int:
    from trustplanner.ui.app import run_app  # Qt is loaded only for the desktop app

    return run_app(plan)


def cmd_open(args: argparse.Namespace) -> int:
    return _run_app(args.plan)


def cmd_check(args: argparse.Namespace) -> int:
    from trustplanner.services.checks import check_plan
    from trustplanner.services.position import plan_position
    from trustplanner.services.snapshot import load_snapshot

    with _open(args.plan) as plan:
        snapshot = load_snapshot(plan)
        where = plan_position(plan, snapshot, args.as_of)  # the Overview's and the briefing's figures
    problems = check_plan(snapshot, args.as_of)
    for problem in problems:
        print(problem)
    as_of = args.as_of or snapshot.status_date
    if problems:
        print(f"{len(problems)} problem(s) as of {as_of:%d/%m/%Y}.", file=sys.stderr)
        print(where.describe(), file=sys.stderr)
        return EXIT_REJECTED
    print(f"No problems as of {as_of:%d/%m/%Y}: {len(snapshot.milestones)} milestones checked.")
    print(where.describe())
    return EXIT_OK


COMMANDS = {
    "new": cmd_new,
    "demo": cmd_demo,
    "import": cmd_import,
    "export": cmd_export,
    "briefing": cmd_briefing,
    "check": cmd_check,
    "open": cmd_open,
}
