"""``trustplanner review``: a commissioner's review of the plan from the command line (start a
review, challenge, respond, close, sign off, judge, list, since, pack); see docs/design/0015."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from trustplanner.cli_common import (
    EXIT_OK,
    EXIT_REJECTED,
    EXIT_STATUS_HELP,
    _date_arg,
    _dated,
    _limit_arg,
    _read,
    _review_write,
    _wait_arg,
)
from trustplanner.domain.problems import ValidationFailed
from trustplanner.domain.recommendations import PROGRESS_RAGS
from trustplanner.domain.review import (
    CLOSING_OUTCOMES,
    Outcome,
    ReviewerRole,
    ReviewKind,
)

def _review_parser(commands) -> None:
    review = commands.add_parser("review", help="commissioner review: start a review, raise and answer challenges, "
                                                "close them, sign off completed milestones on evidence, judge "
                                                "recommendations' progress, list them (each write recorded in the "
                                                "history, undoable; works while the plan is open for editing)",
                                 epilog=EXIT_STATUS_HELP)
    review.add_argument("plan", type=Path, metavar="PLAN")
    actions = review.add_subparsers(dest="review_action", metavar="ACTION", required=True)

    def writer(name: str, help_text: str) -> argparse.ArgumentParser:
        action = actions.add_parser(name, help=help_text, epilog=EXIT_STATUS_HELP)
        action.add_argument("--wait", type=_wait_arg, default=0.0, metavar="SECONDS",
                            help="kept for scripts: a review write takes no edit lock, so it works while the plan "
                                 "is open for editing elsewhere (it waits for the editor's change in hand)")
        return action

    def which_review(action: argparse.ArgumentParser) -> None:
        action.add_argument("--review", metavar="NAME", help="the review (default: the open review opened last)")

    start = writer("start", "open a review of the plan's position")
    start.add_argument("name", metavar="NAME", help="e.g. 'Q3 2020 progress review'")
    start.add_argument("--kind", required=True, choices=[k.value for k in ReviewKind])
    start.add_argument("--reviewer", required=True, metavar="NAME", help="who reviews (raises challenges, closes "
                                                                          "them and signs off)")
    start.add_argument("--role", choices=[r.value for r in ReviewerRole], default=ReviewerRole.COMMISSIONER.value)
    start.add_argument("--as-of", type=_date_arg, metavar="DATE",
                       help=_dated("the position date it looks at (default: the plan's status date)"))
    challenge = writer("challenge", "challenge a milestone, risk or decision, or workforce, finance or the plan")
    challenge.add_argument("ref", metavar="REF", help="a milestone, risk or decision ref, or workforce, finance, plan")
    challenge.add_argument("question", metavar="QUESTION")
    challenge.add_argument("--evidence", action="store_true", help="ask for evidence")
    which_review(challenge)
    respond = writer("respond", "the manager's response to a challenge (it is then answered)")
    respond.add_argument("challenge", type=_limit_arg, metavar="CHALLENGE_ID")
    respond.add_argument("response", metavar="RESPONSE")
    respond.add_argument("--by", metavar="NAME", help="who responds (default: your login name)")
    close = writer("close", "the reviewer's judgement, closing a challenge")
    close.add_argument("challenge", type=_limit_arg, metavar="CHALLENGE_ID")
    close.add_argument("--outcome", required=True, choices=sorted(o.value for o in CLOSING_OUTCOMES))
    close.add_argument("--conditions", default="", metavar="TEXT", help="with accepted-with-conditions: which")
    close.add_argument("--by", metavar="NAME", help="who closes it (default: your login name); only the review's "
                                                    "reviewer may")
    sign = writer("sign-off", "accept a completed milestone on evidence (its file's SHA-256 is recorded)")
    sign.add_argument("ref", metavar="MILESTONE_REF")
    sign.add_argument("--evidence", required=True, metavar="TITLE", help="the evidence document's title")
    sign.add_argument("--file", type=Path, metavar="PATH", help="the evidence file (read to record its SHA-256)")
    sign.add_argument("--link", default="", metavar="URL", help="where the evidence is, if not a file")
    sign.add_argument("--evidence-date", type=_date_arg, metavar="DATE", help=_dated("the evidence's date"))
    which_review(sign)
    judge = writer("judge", "the review's judgement of a recommendation's progress (red, amber or green)")
    judge.add_argument("ref", metavar="REC_REF", help="the recommendation's ref")
    judge.add_argument("--rag", required=True, choices=[r.value for r in PROGRESS_RAGS])
    judge.add_argument("--comment", default="", metavar="TEXT")
    which_review(judge)
    writer("undo", "undo the last review record written (a review started, a challenge, response, close, sign-off "
                   "or judgement); review records have their own undo, apart from the plan's")
    listing = actions.add_parser("list", help="reviews, their challenges (age in days, outcome) and sign-offs")
    listing.add_argument("--review", metavar="NAME", help="only this review")
    since = actions.add_parser("since", help="since the last review: forecasts moved, milestones completed (signed "
                                             "off or not), newly overdue, re-baselines, risks escalated, open "
                                             "challenges")
    since.add_argument("--review", metavar="NAME", help="the review (default: the open review opened last); "
                                                        "compared with the review before it")
    pack = actions.add_parser("pack", help="the review pack: an A4 PDF (a draft, not recorded) for the reviewer's "
                                           "report, and with --docx a Word copy")
    pack.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.pdf")
    pack.add_argument("--docx", type=Path, metavar="OUT.docx", help="also write it as a Word document")
    pack.add_argument("--review", metavar="NAME", help="the review (default: the open review opened last, else "
                                                       "the latest)")


def cmd_review(args: argparse.Namespace) -> int:
    from trustplanner.services import history, recommendations
    from trustplanner.services import reviews as review

    if args.review_action == "list":
        return _list_reviews(args)
    if args.review_action in ("since", "pack"):
        return _review_since(args) if args.review_action == "since" else _review_pack(args)
    try:
        with _review_write(args) as plan:
            if args.review_action == "start":
                started = review.start_review(plan, args.name, kind=ReviewKind(args.kind), reviewer=args.reviewer,
                                              role=ReviewerRole(args.role), as_of=args.as_of)
                said = (f"Started the review '{started.name}' ({started.kind.label.lower()}, {started.reviewer}, "
                        f"{started.role.label.lower()}) of the position on {started.as_of:%d/%m/%Y}")
            elif args.review_action == "challenge":
                raised = review.raise_challenge(plan, args.ref, args.question, review=args.review,
                                                evidence=args.evidence)
                said = (f"Challenge {raised.id} on {raised.target} raised in '{raised.review}'"
                        + (", asking for evidence" if raised.evidence_requested else ""))
            elif args.review_action == "respond":
                answered = review.respond(plan, args.challenge, args.response, by=args.by)
                said = f"Responded to challenge {answered.id} on {answered.target}: it is answered"
            elif args.review_action == "close":
                closed = review.close_challenge(plan, args.challenge, Outcome(args.outcome),
                                                conditions=args.conditions, by=args.by)
                said = f"Closed challenge {closed.id} on {closed.target}: {closed.outcome.label.lower()}"
            elif args.review_action == "undo":
                entry = history.undo(plan, review=True)
                print(f"{entry.what}; recorded as entry {entry.id}.")
                return EXIT_OK
            elif args.review_action == "judge":
                judged = recommendations.judge(plan, args.ref, args.rag, comment=args.comment, review=args.review)
                said = f"Judged progress on {judged.recommendation} as {judged.rag.value} in '{judged.review}'"
            else:
                signed = review.sign_off(plan, args.ref, evidence=args.evidence, path=args.file, link=args.link,
                                         evidence_on=args.evidence_date, review=args.review)
                said = (f"Signed off {signed.milestone} (complete {signed.actual:%d/%m/%Y}) in '{signed.review}' on "
                        f"{signed.evidence.title}" + (f" (SHA-256 {signed.evidence.sha256[:12]}…)"
                                                      if signed.evidence.sha256 else ""))
            entry = history.entries(plan, limit=1)[-1]
    except ValidationFailed as exc:  # one line a problem: a review write has one thing wrong, as a rule
        for problem in exc.problems:
            print(f"trustplanner: {problem}", file=sys.stderr)
        return EXIT_REJECTED
    print(f"{said}; recorded as entry {entry.id}.")
    return EXIT_OK


def _list_reviews(args: argparse.Namespace) -> int:
    from trustplanner.services.reviews import load_review_records, signed_off_status
    from trustplanner.services.snapshot import load_snapshot

    with _read(args.plan) as plan:
        records = load_review_records(plan)
        snapshot = load_snapshot(plan)
    reviews = records.reviews
    if args.review is not None:
        reviews = tuple(r for r in reviews if r.name == args.review.strip())
        if not reviews:
            known = ", ".join(f"'{r.name}'" for r in records.reviews) or "none yet"
            print(f"trustplanner: there is no review '{args.review.strip()}' in this plan (reviews: {known})",
                  file=sys.stderr)
            return EXIT_REJECTED
    if not records.reviews:
        print(f"{args.plan.name} has no reviews.")
        return EXIT_OK
    today = date.today()
    for r in reviews:
        state = "open" if r.is_open else f"closed {r.closed:%d/%m/%Y}"
        as_of = f", position on {r.as_of:%d/%m/%Y}" if r.as_of else ""
        print(f"{r.name}: {r.kind.label.lower()}, {r.reviewer} ({r.role.label.lower()}), opened "
              f"{r.opened:%d/%m/%Y}{as_of}, {state}")
        for c in records.challenges_of(r.name):
            days = c.age(today)
            print(f"  challenge {c.id} on {c.target}: {c.outcome.label.lower()}, {days} day{'' if days == 1 else 's'}"
                  f"{', evidence asked for' if c.evidence_requested else ''}: {c.question}")
            if c.response:
                print(f"    response ({c.responded_by}, {c.responded_on:%d/%m/%Y}): {c.response}")
            if c.conditions:
                print(f"    conditions: {c.conditions}")
        for s in records.signoffs_of(r.name):
            where = f", {s.evidence.where}" if s.evidence.where else ""
            print(f"  sign-off of {s.milestone} (complete {s.actual:%d/%m/%Y}) on {s.on:%d/%m/%Y} by {s.reviewer}: "
                  f"{s.evidence.title}{where}")
    status = signed_off_status(snapshot, records.signoffs)
    for ref, standing in status.items():
        print(f"{ref}: {standing.status}" + (f" ({standing.reason})" if standing.reason else ""))
    return EXIT_OK


def _review_since(args: argparse.Namespace) -> int:
    from trustplanner.briefing.review_pack_lines import since_intro, since_lines
    from trustplanner.services.review_since import since_last_review

    with _read(args.plan) as plan:
        since = since_last_review(plan, args.review)
    print(since_intro(since))
    groups = since_lines(since)
    for heading, lines in groups:
        print(f"\n{heading}")
        for line in lines:
            print(f"  {line}")
    if not groups:
        print("Nothing has moved, and no challenge is open.")
    return EXIT_OK


def _review_pack(args: argparse.Namespace) -> int:
    from trustplanner.services.review_pack import write_review_pack

    with _read(args.plan) as plan:
        made = write_review_pack(plan, args.output, review=args.review, docx=args.docx)
    print(f"Wrote the review pack for '{made.review}' (position on {made.as_of:%d/%m/%Y}, draft, {made.pages} "
          f"page{'' if made.pages == 1 else 's'}) to {made.path}" + (f" and {made.docx}" if made.docx else ""))
    return EXIT_OK
