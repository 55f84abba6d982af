"""The command line: the same services as the desktop app, for scripts and other tools.

Exit status: 0 success; 1 rejected input or a rule problem (each listed, the plan unchanged);
2 usage errors; 3 the plan is open for editing elsewhere (nothing changed).

Commands that change a plan open it through ``store.access.open_for_writing`` (its edit lock);
commands that only read it (export, check, history) work while it is open elsewhere. What every
command shares is in :mod:`trustplanner.cli_common`; ``trustplanner review`` is in
:mod:`trustplanner.cli_review`.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from trustplanner import __version__
from trustplanner.cli_common import (
    EXIT_IN_USE,
    EXIT_OK,
    EXIT_REJECTED,
    EXIT_STATUS_HELP,
    EXIT_USAGE,
    _date_arg,
    _dated,
    _delivery_model_arg,
    _limit_arg,
    _optional_date_arg,
    _read,
    _say_stale_cleared,
    _tolerance_arg,
    _wait_arg,
    _write,
    _writer,
)
from trustplanner.cli_review import _review_parser, cmd_review
from trustplanner.domain.enums import DeliveryModel
from trustplanner.domain.problems import TrustPlannerError, ValidationFailed
from trustplanner.logging_setup import configure_logging
from trustplanner.store.lock import PlanLocked as PlanLockedError

log = logging.getLogger(__name__)

class _Parser(argparse.ArgumentParser):
    """Usage errors in one line, with where to look for help (argparse prints the whole usage)."""

    def error(self, message: str):  # noqa: ANN201
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    from trustplanner.services.kinds import KINDS

    parser = _Parser(
        prog="trustplanner",
        description="Plan and report the move of a council's children's services into a trust.",
        epilog=EXIT_STATUS_HELP,
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
    new.add_argument("--done-before", type=_date_arg, metavar="DATE",
                     help="with --template: record every template milestone dated before DATE as complete, "
                          "on its template date (a plan started mid-programme)")
    new.add_argument("--not-needed", metavar="REF[,REF]", default="",
                     help="with --template: leave out these template milestones (their dependants keep the chain)")
    new.add_argument("--service", action="append", default=[], metavar="NAME", dest="services",
                     help="a service moving to the trust, with the programme's dates (repeat for each; "
                          "or import a services file later)")
    new.add_argument("--status-date", type=_date_arg, metavar="DATE", help="the date the plan reports at "
                                                                          "(default: today)")
    new.add_argument("--tolerance", type=_tolerance_arg, metavar="DAYS",
                     help="working days a forecast may slip against baseline before it is red (default 10)")
    new.add_argument("--marking", metavar="TEXT", help="protective marking (default OFFICIAL)")

    demo = commands.add_parser("demo", help="create the Sunderland demo plan")
    demo.add_argument("plan", type=Path, metavar="PLAN")

    names = [kind.name for kind in KINDS]
    imp = _writer(commands, "import", "import " + ", ".join(names) + " from CSV or XLSX")
    imp.add_argument("kind", choices=names, metavar="KIND", help=", ".join(names))
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--as-of", type=_date_arg, metavar="DATE",
                     help="; ".join(f"{kind.name}: {kind.as_of_help}" for kind in KINDS if kind.takes_date))
    imp.add_argument("--blank", choices=("keep", "clear"), default="keep",
                     help="what a blank cell does to a value the plan already holds for that row: keep it "
                          "(default; the import says which cells kept their values) or clear it")

    exp = commands.add_parser("export", help="export the plan as CSV files in the import format")
    exp.add_argument("plan", type=Path, metavar="PLAN")
    exp.add_argument("folder", type=Path, metavar="DIR")
    exp.add_argument("--with-personal-data", action="store_true",
                     help="include staff names and salaries (left blank otherwise; importing the file back "
                          "keeps the plan's names and salaries)")

    brief = _writer(commands, "briefing", "write the cabinet briefing PDF: a draft, or with --issue the "
                                          "version the plan keeps")
    brief.add_argument("-o", "--output", type=Path, metavar="OUT.pdf",
                       help="where to write it (default: beside the plan, as 'Cabinet briefing YYYY-MM-DD.pdf' "
                            "for the meeting date, '... (draft).pdf' for a draft, numbered if that name is taken)")
    brief.add_argument("--issue", action="store_true",
                       help="issue it: the plan keeps the PDF, its SHA-256, the version for the meeting (1, 2, ...), "
                            "who and when, and the figures it printed. Without it the PDF is a draft with DRAFT "
                            "across every page and nothing is recorded. Takes the edit lock only to issue.")
    brief.add_argument("--docx", type=Path, metavar="OUT.docx",
                       help="also (or, without -o, only) write the briefing as an editable Word document; "
                            "the Word version is a working copy and is never recorded as issued")
    brief.add_argument("--since", metavar="N|DATE",
                       help="compare with issued briefing #N of the register (or the last issued with its position "
                            "on or before DATE) instead of the last one")
    brief.add_argument("--as-of", type=_date_arg, metavar="DATE", help="default: the plan's status date")
    brief.add_argument("--meeting", type=_date_arg, metavar="DATE", help="cabinet meeting date")
    brief.add_argument("--marking", metavar="TEXT", help="protective marking, e.g. OFFICIAL-SENSITIVE")
    brief.add_argument("--units", choices=("m", "k"), default="m",
                       help="money in the finance section: m for £m to one decimal place (default), k for £000")

    rep = _writer(commands, "report", "the cabinet report's choices and officers' text for one meeting: list "
                                      "them, or set them (recorded, undoable)")
    rep.add_argument("--meeting", type=_date_arg, metavar="DATE", required=True, help="the meeting the report is for")
    rep.add_argument("--key-decision", choices=("yes", "no"))
    rep.add_argument("--forward-plan", metavar="REF", help="the key decision's forward plan reference")
    rep.add_argument("--exempt", metavar="PARAGRAPH|no",
                     help="exempt under paragraph 1-7 of Schedule 12A, or 'no' for a public report")
    rep.add_argument("--call-in", choices=("yes", "no"), help="whether the decision is subject to call-in")
    rep.add_argument("--next-meeting", type=_optional_date_arg, metavar="DATE|none",
                     help="the next meeting's date: the body lists what is due before it ('none': six weeks on)")
    rep.add_argument("--report-date", type=_optional_date_arg, metavar="DATE|none",
                     help="the date printed in the report's header ('none': the day it is produced)")
    rep.add_argument("--text", action="append", default=[], metavar="SECTION=TEXT",
                     help="an officers' section; SECTION is one of " + ", ".join(_report_keys()) +
                          " (an empty TEXT clears it). Repeat for more")
    reg = commands.add_parser("briefings", help="list the briefings issued from the plan (number, meeting, version, "
                                                "position date, overall status, SHA-256), or check a PDF",
                              epilog=EXIT_STATUS_HELP)
    reg.add_argument("plan", type=Path, metavar="PLAN")
    reg.add_argument("--verify", type=Path, metavar="FILE.pdf",
                     help="say whether FILE.pdf is exactly a briefing issued from this plan, and which (exit 1 if not)")
    reg.add_argument("--save", metavar="N", help="write issued briefing #N's PDF, as the plan keeps it, to -o")
    reg.add_argument("-o", "--output", type=Path, metavar="OUT.pdf", help="where --save writes")

    chg = commands.add_parser("changes", help="what changed since the last issued briefing (or another): "
                                              "milestones, re-baselines, risks, decisions, workforce and finance",
                              epilog=EXIT_STATUS_HELP)
    chg.add_argument("plan", type=Path, metavar="PLAN")
    chg.add_argument("--since", metavar="N|DATE",
                     help="issued briefing #N of the register, or the last issued with its position on or before DATE")
    chg.add_argument("--as-of", type=_date_arg, metavar="DATE", help="default: the plan's status date")

    open_ = commands.add_parser("open", help="open a plan in the desktop app")
    open_.add_argument("plan", type=Path, metavar="PLAN")
    open_.add_argument("--read-only", action="store_true",
                       help="open it to look at and print briefings, without taking the edit lock (the window "
                            "shows changes made by its editor and can take over editing when nobody has it)")
    open_.add_argument("--review", action="store_true",
                       help="open it as a reviewer: read-only and without the edit lock (someone may be editing "
                            "it); only your challenges and sign-offs are recorded, under the name and role the "
                            "app asks for once")
    open_.add_argument("--prefer-last", action="store_true",
                       help="open the plan the app had open last instead, if there is one (PLAN otherwise)")

    check = commands.add_parser("check", help="list every problem in the plan: schedule rules, risks past "
                                              "review, overdue risk actions, escalation and key decisions "
                                              "short of notice")
    check.add_argument("plan", type=Path, metavar="PLAN")
    check.add_argument("--as-of", type=_date_arg, metavar="DATE", help="default: the plan's status date")

    hist = commands.add_parser("history", help="list the plan's changes (number, when, who, what)",
                               epilog=EXIT_STATUS_HELP)
    hist.add_argument("plan", type=Path, metavar="PLAN")
    hist.add_argument("--limit", type=_limit_arg, metavar="N", help="only the last N changes")
    hist.add_argument("--purge-before", type=_date_arg, metavar="DATE",
                      help="delete the record of changes made before DATE (data retention); they can then no longer "
                           "be undone. Takes the edit lock.")
    hist.add_argument("--wait", type=_wait_arg, default=0.0, metavar="SECONDS",
                      help="with --purge-before: wait up to this long for the edit lock")

    cats = commands.add_parser("risk-categories", help="list the plan's risk categories (the standard seven, then "
                                                       "its own), or add, rename or remove one of its own "
                                                       "(recorded in the history, undoable)",
                               epilog=EXIT_STATUS_HELP)
    cats.add_argument("plan", type=Path, metavar="PLAN")
    change = cats.add_mutually_exclusive_group()
    change.add_argument("--add", metavar="NAME", help="add a category of the plan's own, e.g. 'Partnership'")
    change.add_argument("--rename", nargs=2, metavar=("OLD", "NEW"), help="rename one of the plan's own")
    change.add_argument("--remove", metavar="NAME", help="remove one of the plan's own (refused while risks are in "
                                                         "it)")
    cats.add_argument("--wait", type=_wait_arg, default=0.0, metavar="SECONDS",
                      help="with a change: if the plan is open for editing elsewhere, wait up to this long for it")

    _review_parser(commands)

    _writer(commands, "undo", "undo the latest change that can be undone (recorded as a change itself)")
    _writer(commands, "redo", "redo the change undone last")

    restore = _writer(commands, "restore", "put a backup in place of a damaged plan (the replaced file is kept)")
    restore.add_argument("backup", type=Path, metavar="BACKUP",
                         help="a backup beside the plan: PLAN.backup-DATE-TIME.tplan")

    set_ = _writer(commands, "set", "change programme details (recorded in the history, undoable)")
    set_.add_argument("--status-date", type=_date_arg, metavar="DATE")
    set_.add_argument("--tolerance", type=_tolerance_arg, metavar="DAYS", help="working days of slip before red")
    set_.add_argument("--marking", metavar="TEXT", help="protective marking, e.g. OFFICIAL-SENSITIVE")
    set_.add_argument("--go-live", type=_date_arg, metavar="DATE")
    set_.add_argument("--shadow", type=_date_arg, metavar="DATE", help="shadow operation start")
    set_.add_argument("--decision", type=_date_arg, metavar="DATE", help="the cabinet decision in principle")
    set_.add_argument("--council", metavar="NAME")
    set_.add_argument("--trust", metavar="NAME")
    for option, words in REPORT_SETTINGS.items():  # the cabinet report's header, remembered per plan
        set_.add_argument(f"--{option.replace('_', '-')}", dest=option, metavar="TEXT",
                          help=f"the briefing's '{words}' (printed in the report header)")
    for command in commands.choices.values():
        for action in command._actions:  # every date option says which forms it takes
            if action.type is _date_arg:
                action.help = _dated(action.help or "")
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
    except PlanLockedError as exc:
        print(f"trustplanner: {exc}", file=sys.stderr)
        return EXIT_IN_USE
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
    except BrokenPipeError:  # the reader went away (`trustplanner changes PLAN | head`): nothing to say
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the interpreter's own flush at exit stays quiet
        return EXIT_OK
    except Exception as exc:  # the user gets one line; the log gets the traceback
        log.exception("unexpected error in %s", args.command)
        print(f"trustplanner: unexpected error ({type(exc).__name__}); details are in the log file",
              file=sys.stderr)
        return EXIT_REJECTED


def cmd_new(args: argparse.Namespace) -> int:
    from trustplanner.domain.model import DEFAULT_MARKING, DEFAULT_TOLERANCE_DAYS
    from trustplanner.services.plans import new_plan

    from trustplanner.domain.model import Programme, Service
    from trustplanner.services.plans import add_services
    from trustplanner.services.snapshot import load_snapshot

    from trustplanner.domain.plan_window import plan_window
    from trustplanner.domain.template import done_before

    not_needed = [ref.strip().upper() for ref in args.not_needed.split(",") if ref.strip()]
    done = None
    if (args.done_before or not_needed) and not args.template:
        print("trustplanner: --done-before and --not-needed go with --template", file=sys.stderr)
        return EXIT_USAGE
    if args.done_before:
        window = plan_window(Programme(council=args.council, trust=args.trust, delivery_model=args.delivery_model,
                                       go_live=args.go_live, shadow_start=args.shadow))
        if problem := window.problem(args.done_before):
            print(f"trustplanner: --done-before: {problem}", file=sys.stderr)
            return EXIT_REJECTED
        status = args.status_date or date.today()
        if args.done_before > status + timedelta(days=1):
            print(f"trustplanner: --done-before {args.done_before:%d/%m/%Y} is after the status date "
                  f"({status:%d/%m/%Y}): nothing can be done yet on a later date", file=sys.stderr)
            return EXIT_REJECTED
        done = done_before(args.go_live, args.shadow, args.done_before, not_needed)
    created = False
    try:
        with new_plan(args.plan, council=args.council, trust=args.trust, go_live=args.go_live,
                      shadow_start=args.shadow, delivery_model=args.delivery_model, template=args.template,
                      done=done, not_needed=not_needed,
                      status_date=args.status_date,
                      tolerance_days=DEFAULT_TOLERANCE_DAYS if args.tolerance is None else args.tolerance,
                      marking=DEFAULT_MARKING if args.marking is None else args.marking) as plan:
            created = True
            if args.services:
                add_services(plan, [Service(name=name) for name in args.services])
            snapshot = load_snapshot(plan)
    except Exception:
        if created:  # services refused: no plan is left half-made (as the wizard does)
            Path(args.plan).unlink(missing_ok=True)
        raise
    made = [f"{len(snapshot.milestones)} template milestones"] if args.template else []
    if done:
        made[0] += f" ({len(done)} recorded done before {args.done_before:%d/%m/%Y})"
    if snapshot.services:
        made.append(f"{len(snapshot.services)} service{'' if len(snapshot.services) == 1 else 's'} "
                    f"({', '.join(s.name for s in snapshot.services)})")
    print(f"Created {args.plan}" + (f" with {_and(made)}" if made else ""))
    if not snapshot.services:
        print(f"No services yet: add them with trustplanner import {args.plan} services FILE (columns "
              f"{', '.join(_kind_columns('services'))}), or give --service NAME to trustplanner new.")
    return EXIT_OK


def _kind_columns(name: str) -> tuple[str, ...]:
    from trustplanner.services.kinds import kind_named

    return kind_named(name).columns


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
    from trustplanner.services.kinds import kind_named

    kind = kind_named(args.kind)
    if args.as_of and not kind.takes_date:
        dated = _and([k.name for k in _kinds() if k.takes_date])
        print(f"trustplanner: --as-of applies to {dated} imports only", file=sys.stderr)
        return EXIT_USAGE
    with _write(args) as plan:
        result = kind.import_file(plan, args.file, as_of=args.as_of, blank=args.blank)
    print(f"Imported {args.file}: {result.summary()}")
    if result.ignored_columns:
        print(f"Ignored columns: {', '.join(result.ignored_columns)}")
    for note in result.notes():
        print(note)
    return EXIT_OK


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _kinds():  # noqa: ANN202
    from trustplanner.services.kinds import KINDS

    return KINDS


def cmd_export(args: argparse.Namespace) -> int:
    from trustplanner.services.exports import export_plan, personal_note

    with _read(args.plan) as plan:
        written = export_plan(plan, args.folder, with_personal_data=args.with_personal_data)
    for path in written:
        print(f"Wrote {path}")
    for note in personal_note(args.with_personal_data):
        print(note)
    return EXIT_OK


def cmd_briefing(args: argparse.Namespace) -> int:
    from trustplanner.services.briefings import (
        briefing_beside_plan,
        find_briefing,
        produce_briefing,
        write_briefing_docx,
    )

    options = dict(as_of=args.as_of, meeting=args.meeting, marking=args.marking, units=args.units)
    if args.docx is not None and args.output is None and not args.issue:  # only the Word version
        with _read(args.plan) as plan:
            word = write_briefing_docx(plan, args.docx, **options)
        _say_word(word)
        return EXIT_OK
    with (_write(args) if args.issue else _read(args.plan)) as plan:
        since = find_briefing(plan, args.since) if args.since else None
        output = args.output
        if output is None:
            from trustplanner.services.snapshot import load_snapshot

            output = briefing_beside_plan(args.plan, args.meeting or args.as_of or load_snapshot(plan).status_date,
                                          draft=not args.issue)
        made = produce_briefing(plan, output, **options, issue=args.issue, since=since)
        what = f"Issued version {made.version} of the briefing for {made.meeting:%d/%m/%Y}" if made.issued \
            else "Wrote a DRAFT briefing (not recorded; --issue issues it)"
        print(f"{what} to {Path(output).resolve()} ({made.pages} pages, as of {made.as_of:%d/%m/%Y}, "
              f"overall {made.overall.label.upper()})")
        if made.issued:
            print(f"SHA-256 {made.sha256}")
            from trustplanner.services.report_drafts import load_draft

            if missing := load_draft(plan, made.meeting).draft.missing():
                print(f"Note: issued without {'; '.join(s.title for s in missing)} (trustplanner report "
                      "sets them; a reissue makes the next version)")
        if args.docx is not None:
            _say_word(write_briefing_docx(plan, args.docx, **options))
    return EXIT_OK


def _say_word(word) -> None:  # noqa: ANN001 - a WordBriefing
    print(f"Wrote the Word version of the briefing to {Path(word.path).resolve()} (a working copy, not recorded "
          f"as issued; as of {word.as_of:%d/%m/%Y}, overall {word.overall.label.upper()})")


def _report_keys() -> tuple[str, ...]:
    from trustplanner.domain.report import SECTION_KEYS

    return SECTION_KEYS


def cmd_report(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from trustplanner.domain.report import OFFICER_SECTIONS, SECTION_KEYS
    from trustplanner.services.report_drafts import load_draft, save_draft

    texts = {}
    for item in args.text:
        key, sep, text = item.partition("=")
        if not sep or key.strip() not in SECTION_KEYS:
            print(f"trustplanner: report: --text {item[:40]!r}: say SECTION=TEXT with SECTION one of "
                  f"{', '.join(SECTION_KEYS)}", file=sys.stderr)
            return EXIT_USAGE
        texts[key.strip()] = text
    choices = [args.key_decision, args.forward_plan, args.exempt, args.call_in, args.next_meeting, args.report_date]
    if not texts and all(c is None for c in choices):
        with _read(args.plan) as plan:
            loaded = load_draft(plan, args.meeting)
        draft = loaded.draft
        start = {"saved": "saved", "last briefing": "not saved yet: starts from the last issued briefing's text",
                 "new": "not saved yet"}[loaded.source]
        print(f"Report for the meeting of {args.meeting:%d/%m/%Y} ({start})")
        print(f"  Key decision: {'yes' if draft.key_decision else 'no'}"
              + (f", forward plan {draft.forward_plan_ref}" if draft.forward_plan_ref else ""))
        print(f"  {'Exempt, Schedule 12A paragraph ' + str(draft.exempt_paragraph) if draft.exempt else 'Public'}; "
              f"{'subject to call-in' if draft.call_in else 'not subject to call-in'}")
        print(f"  Next meeting: {f'{draft.next_meeting:%d/%m/%Y}' if draft.next_meeting else 'not set (six weeks on)'}; "
              f"report date: {f'{draft.report_date:%d/%m/%Y}' if draft.report_date else 'not set (the day it is produced)'}")
        for section in OFFICER_SECTIONS:
            text = draft.text(section.key)
            state = f"{len(text)} characters" if text else ("MISSING (required)" if section.required else "empty")
            print(f"  {section.key:<20} {section.title}: {state}")
        return EXIT_OK
    with _write(args) as plan:
        draft = load_draft(plan, args.meeting).draft
        if args.key_decision is not None:
            draft = replace(draft, key_decision=args.key_decision == "yes")
        if args.forward_plan is not None:
            draft = replace(draft, forward_plan_ref=args.forward_plan)
        if args.exempt is not None:
            if args.exempt.strip().lower() == "no":
                draft = replace(draft, exempt=False, exempt_paragraph=None)
            elif args.exempt.strip().isdigit():
                draft = replace(draft, exempt=True, exempt_paragraph=int(args.exempt))
            else:
                print("trustplanner: report: --exempt takes a paragraph number 1 to 7, or 'no'", file=sys.stderr)
                return EXIT_USAGE
        if args.call_in is not None:
            draft = replace(draft, call_in=args.call_in == "yes")
        if args.next_meeting is not None:
            draft = replace(draft, next_meeting=args.next_meeting or None)
        if args.report_date is not None:
            draft = replace(draft, report_date=args.report_date or None)
        for key, text in texts.items():
            draft = draft.with_text(key, text)
        save_draft(plan, args.meeting, draft)
        missing = load_draft(plan, args.meeting).draft.missing()
    print(f"Saved the report for the meeting of {args.meeting:%d/%m/%Y}."
          + (f" Still to write: {'; '.join(s.title for s in missing)}." if missing else ""))
    return EXIT_OK


def cmd_briefings(args: argparse.Namespace) -> int:
    from trustplanner.services.briefings import (
        briefing_pdf,
        find_briefing,
        list_briefings,
        verify_briefing,
    )

    with _read(args.plan) as plan:
        if args.verify is not None:
            found = verify_briefing(plan, args.verify)
            if found is None:
                print(f"{args.verify}: NOT a briefing issued from {args.plan.name} (no issued briefing has "
                      "exactly these bytes)")
                return EXIT_REJECTED
            print(f"{args.verify}: the briefing issued as {found.label}, position as at {found.as_of:%d/%m/%Y}, "
                  f"issued {found.produced_at:%d/%m/%Y %H:%M} by {found.issued_by or 'not recorded'}")
            return EXIT_OK
        if args.save is not None:
            if args.output is None:
                print("trustplanner: --save needs -o OUT.pdf", file=sys.stderr)
                return EXIT_USAGE
            record = find_briefing(plan, args.save)
            content = briefing_pdf(plan, record)
            from trustplanner.services.briefings import write_file

            write_file(args.output, content)
            print(f"Wrote briefing {record.label} to {args.output.resolve()}")
            return EXIT_OK
        records = list_briefings(plan)
    if not records:
        print(f"No briefing has been issued from {args.plan.name} yet.")
        return EXIT_OK
    print(f"{'No.':<5}{'Meeting':<12}{'Ver':<5}{'Position':<12}{'Overall':<9}{'Issued':<18}{'By':<14}SHA-256")
    for r in reversed(records):
        print(f"#{r.number:<4}{r.meeting:%d/%m/%Y}  v{r.version:<4}{r.as_of:%d/%m/%Y}  {r.overall.label.upper():<9}"
              f"{r.produced_at:%d/%m/%Y %H:%M}  {(r.issued_by or '—')[:13]:<14}{r.sha256 or '(PDF not kept)'}")
    return EXIT_OK


def cmd_changes(args: argparse.Namespace) -> int:
    from trustplanner.briefing.change_lines import change_lines
    from trustplanner.services.briefings import changes_since, find_briefing

    with _read(args.plan) as plan:
        since = find_briefing(plan, args.since) if args.since else None
        record, changes = changes_since(plan, since, args.as_of)
    if record is None or changes is None:
        print("No briefing has been issued from this plan before that date, so there is nothing to compare with.")
        return EXIT_OK
    print(f"Changes since briefing {record.label}, position as at {record.as_of:%d/%m/%Y}, "
          f"to {changes.now.as_of:%d/%m/%Y}:")
    for heading, lines in change_lines(changes):
        print(f"\n{heading}")
        for line in lines:
            print(f"  {line}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from trustplanner.store.access import restore_from_backup

    def waiting(locked) -> None:  # noqa: ANN001
        print(f"trustplanner: waiting up to {args.wait:g} s: {locked}", file=sys.stderr)

    kept = restore_from_backup(args.plan, args.backup, wait=args.wait, waiting=waiting,
                               clear_stale=_say_stale_cleared)
    print(f"Restored {args.plan} from {args.backup.name}; changes made after that backup are not in it.")
    if kept is not None:
        print(f"The file it replaced is kept as {kept.name}.")
    return EXIT_OK


def _run_app(plan: Path | None, *, read_only: bool = False, prefer_last: bool = False, review: bool = False) -> int:
    from trustplanner.ui.app import run_app  # Qt is loaded only for the desktop app

    return run_app(plan, read_only=read_only, prefer_last=prefer_last, review=review)


def cmd_open(args: argparse.Namespace) -> int:
    return _run_app(args.plan, read_only=args.read_only, prefer_last=args.prefer_last, review=args.review)


def cmd_check(args: argparse.Namespace) -> int:
    from trustplanner.services.checks import check_whole_plan, pairing_warnings
    from trustplanner.services.position import plan_position
    from trustplanner.services.snapshot import load_snapshot

    with _read(args.plan) as plan:
        snapshot = load_snapshot(plan)
        where = plan_position(plan, snapshot, args.as_of)  # the Overview's and the briefing's figures
        problems = check_whole_plan(plan, snapshot, args.as_of)
    for problem in problems:
        print(problem)
    for warning in pairing_warnings(snapshot):
        print(f"warning: {warning}", file=sys.stderr)
    as_of = args.as_of or snapshot.status_date
    if problems:
        print(f"{len(problems)} problem(s) as of {as_of:%d/%m/%Y}.", file=sys.stderr)
        print(where.describe(), file=sys.stderr)
        return EXIT_REJECTED
    print(f"No problems as of {as_of:%d/%m/%Y}: {len(snapshot.milestones)} milestones checked.")
    print(where.describe())
    return EXIT_OK


def cmd_history(args: argparse.Namespace) -> int:
    from trustplanner.services import history

    if args.purge_before is not None:
        if args.limit is not None:
            print("trustplanner: --limit and --purge-before go separately", file=sys.stderr)
            return EXIT_USAGE
        with _write(args) as plan:
            count = history.purge_before(plan, args.purge_before)
        print(f"Purged {count} change{'' if count == 1 else 's'} made before {args.purge_before:%d/%m/%Y}; "
              "the plan itself is unchanged.")
        return EXIT_OK
    with _read(args.plan) as plan:
        entries = history.entries(plan, limit=args.limit)
        undone = history.undone_ids(plan)
    if not entries:
        print(f"{args.plan.name} has no recorded changes.")
    for entry in entries:
        print(entry.line() + ("  (undone)" if entry.id in undone else ""))
    return EXIT_OK


def cmd_risk_categories(args: argparse.Namespace) -> int:
    from trustplanner.services import risk_categories as categories

    if args.add is None and args.rename is None and args.remove is None:
        with _read(args.plan) as plan:
            listed = categories.load_categories(plan)
        for category in listed:
            print(category.label + ("" if category.standard else "  (the plan's own)"))
        return EXIT_OK
    with _write(args) as plan:
        if args.add is not None:
            added = categories.add_category(plan, args.add)
            print(f"Added the risk category {added.label}.")
        elif args.rename is not None:
            old = categories.rename_category(plan, *args.rename)
            print(f"Renamed the risk category {old.label} to {args.rename[1].strip()}.")
        else:
            removed = categories.remove_category(plan, args.remove)
            print(f"Removed the risk category {removed.label}.")
    return EXIT_OK


def _reverse(args: argparse.Namespace, undo: bool) -> int:
    from trustplanner.services import history

    with _write(args) as plan:
        entry = (history.undo if undo else history.redo)(plan)
    print(f"{entry.what} (entry {entry.target_id}); recorded as entry {entry.id}.")
    return EXIT_OK


def cmd_undo(args: argparse.Namespace) -> int:
    return _reverse(args, undo=True)


def cmd_redo(args: argparse.Namespace) -> int:
    return _reverse(args, undo=False)


#: ``set`` options for the report header (domain.report.ReportDefaults), with the words the header prints
REPORT_SETTINGS = {"meeting_name": "Meeting", "report_of": "Report of", "cabinet_member": "Cabinet member",
                   "portfolio": "Portfolio", "author": "Author", "contact": "Contact", "wards": "Wards affected"}
SETTINGS = {"status_date": "status_date", "tolerance": "tolerance_days", "marking": "marking", "go_live": "go_live",
            "shadow": "shadow_start", "decision": "decision_date", "council": "council", "trust": "trust"}


def cmd_set(args: argparse.Namespace) -> int:
    from trustplanner.services import history
    from trustplanner.services.plans import update_programme

    from trustplanner.services.report_drafts import set_defaults

    changes = {field: getattr(args, option) for option, field in SETTINGS.items() if getattr(args, option) is not None}
    report = {name: getattr(args, name) for name in REPORT_SETTINGS if getattr(args, name) is not None}
    if not changes and not report:
        print("trustplanner: set: say what to change, e.g. --status-date 14/08/2020 (see trustplanner set --help)",
              file=sys.stderr)
        return EXIT_USAGE
    with _write(args) as plan:
        before = history.revision(plan)
        if changes:
            update_programme(plan, **changes)
        if report:
            set_defaults(plan, **report)
        recorded = history.entries(plan, after_revision=before)
    for entry in recorded:
        print(f"{entry.what}; recorded as entry {entry.id}.")
    if not recorded:
        print("Nothing changed: the plan already has those details.")
    return EXIT_OK


COMMANDS = {
    "new": cmd_new,
    "demo": cmd_demo,
    "import": cmd_import,
    "export": cmd_export,
    "briefing": cmd_briefing,
    "briefings": cmd_briefings,
    "report": cmd_report,
    "changes": cmd_changes,
    "check": cmd_check,
    "open": cmd_open,
    "history": cmd_history,
    "undo": cmd_undo,
    "redo": cmd_redo,
    "set": cmd_set,
    "risk-categories": cmd_risk_categories,
    "review": cmd_review,
    "restore": cmd_restore,
}
