#!/usr/bin/env python3
"""Benchmark the risk register at scale: 2,000 risks with 10,000 actions and 20,000 reviews, each
measure beside a bare baseline in the same run.

    python benchmarks/bench_risks.py [--runs 7] [--risks 2000] [--only MEASURE] [--keep DIR] [-v]
                                     [--profile MEASURE]

Timed as ``bench_plan.py`` times (read its docstring): in this process with
``time.perf_counter``, one untimed warm-up, the median of ``--runs`` runs, measure and baseline
interleaved, a full garbage collection and TrustPlanner's memo caches emptied before each run.

The plan is the benchmark programme (``generate.PROGRAMME``, status date 31 March 2017) with its
six services. Eleven risks files are generated: the first adds the 2,000 risks, each later one
re-scores every risk's current score (so each import records 2,000 reviews); the full plan holds
all eleven (20,000 reviews), 10,000 actions (five a risk, a quarter done) and 100 decisions.
Scores are drawn so that about one risk in fifteen is at the escalation score (15), as in a
register a board works from; the others spread over the green and amber bands.

import    ``import_risks(plan, risks-11.csv)`` into a fresh copy of the plan holding ten rounds:
          read and validate 2,000 rows, compare each with its stored risk, update the 2,000
          re-scored risks and record 2,000 reviews, commit. Baseline: the csv module reads the
          same file and sqlite3 updates the 2,000 risk rows' scores and inserts 2,000 risk_review
          rows (risk id looked up by ref in the statement) into a fresh copy of the same plan
          file, no validation, one commit.
first     ``import_risks(plan, risks-01.csv)`` into a fresh copy of a plan with no risks: 2,000 new
          risks with their service links. Baseline: csv reads the file and sqlite3 inserts the
          2,000 risk rows and their risk_service rows. For information.
actions   ``import_risk_actions(plan, actions.csv)``: 10,000 actions into a copy of the plan holding
          the risks. Baseline: sqlite3 inserts the same 10,000 risk_action rows. For information.
briefing  ``produce_briefing(plan, out.pdf)`` on the full plan: snapshot, the register's status,
          the register part (heat map, top risks, escalated risks with their next action, changes
          since the last briefing, decisions), layout, PDF, recorded in the plan. Baseline:
          reportlab alone laying out the register part's tables (the same rows and cell text,
          taken from the briefing service's own data) in a plain A4 document, no logic.

Nothing here is collected by pytest (it lives outside ``tests/`` and has no ``test_`` names).
"""

from __future__ import annotations

import random
import sqlite3
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import PROGRAMME, SERVICES  # noqa: E402
from harness import (  # noqa: E402
    Copies,
    Tables,
    Target,
    arguments,
    bare_sqlite,
    clear_caches,
    layout_tables,
    plan_run,
    read_csv,
    run_benchmark,
    services_template,
    write_csv,
)

from trustplanner.io.formats.decisions import COLUMNS as DECISION_COLUMNS  # noqa: E402
from trustplanner.io.formats.risks import ACTION_COLUMNS, RISK_COLUMNS  # noqa: E402
from trustplanner.services.briefings import prepare_briefing, produce_briefing  # noqa: E402
from trustplanner.services.decisions import import_decisions  # noqa: E402
from trustplanner.services.risks import import_risk_actions, import_risks, load_register  # noqa: E402
from trustplanner.services.snapshot import load_snapshot  # noqa: E402
from trustplanner.store.plan_file import open_plan_file  # noqa: E402

TARGETS = {"import": Target(seconds=3.0), "first": Target(), "actions": Target(),
           "briefing": Target(seconds=3.0)}
ROUNDS = 10  # re-scoring imports after the first: 10 x 2,000 = 20,000 reviews
ACTIONS_PER_RISK = 5
STATUS = PROGRAMME["status_date"]
CATEGORIES = ("delivery", "financial", "workforce", "legal_contract", "safeguarding_quality", "reputational",
              "ict_data")
OWNERS = ("Director of Children's Services", "Section 151 Officer", "Director of HR", "Head of Legal",
          "Head of Commissioning", "Senior Information Risk Owner", "Programme Director", "Chief Executive")
#: (likelihood, impact) pairs by weight: about 1 in 15 at 15 or more
PAIRS = [((l, i), 1 if l * i >= 15 else 4 if l * i >= 5 else 3) for l in range(1, 6) for i in range(1, 6)]


def _score(rnd: random.Random) -> tuple[int, int]:
    pairs, weights = zip(*PAIRS, strict=True)
    return rnd.choices(pairs, weights)[0]


def make_rounds(count: int, seed: int = 2017) -> list[list[list[str]]]:
    """The first risks file and ``ROUNDS`` re-scores of it (every current score changes each round)."""
    rnd = random.Random(seed)
    base = []
    for n in range(1, count + 1):
        service = SERVICES[n % len(SERVICES)][0] if n % 3 else ""
        raised = STATUS - timedelta(days=rnd.randint(1, 600))
        base.append({
            "ref": f"R{n:05d}", "title": f"Risk {n}: {rnd.choice(CATEGORIES).replace('_', ' ')} pressure",
            "cause": f"Because of pressure {n} on the programme",
            "event": f"there is a risk that milestone work {n} slips",
            "effect": "resulting in a later go-live and extra cost", "category": rnd.choice(CATEGORIES),
            "owner": rnd.choice(OWNERS), "raised": raised.isoformat(), "status": "closed" if n % 25 == 0 else "open",
            "proximity": rnd.choice(("before go-live", "after go-live", "2018-01-31")), "response": "treat",
            "controls": f"Weekly review at the programme board; mitigation plan {n}",
            "inherent_likelihood": "5", "inherent_impact": "5", "target_likelihood": "1", "target_impact": "3",
            "review_by": (STATUS + timedelta(days=rnd.randint(-20, 60))).isoformat(), "milestones": "",
            "services": service,
        })
    rounds = []
    for _ in range(ROUNDS + 1):
        rows = []
        for risk in base:
            old = (risk.get("likelihood"), risk.get("impact"))
            new = old
            while new == old:
                new = tuple(map(str, _score(rnd)))
            risk["likelihood"], risk["impact"] = new
            rows.append([risk.get(column, "") for column in RISK_COLUMNS])
        rounds.append(rows)
    return rounds


def make_actions(count: int, seed: int = 2018) -> list[list[str]]:
    rnd = random.Random(seed)
    rows = []
    for n in range(1, count + 1):
        for a in range(ACTIONS_PER_RISK):
            due = STATUS + timedelta(days=rnd.randint(-30, 120))
            rows.append([f"R{n:05d}", f"Action {a + 1} on risk {n}", rnd.choice(OWNERS), due.isoformat(),
                         "done" if rnd.random() < 0.25 else "open"])
    return rows


def make_decisions(count: int = 100, seed: int = 2019) -> list[list[str]]:
    rnd = random.Random(seed)
    rows = []
    for n in range(1, count + 1):
        made = rnd.random() < 0.5
        forum = rnd.choice(("Cabinet", "Programme board", "Shadow board"))
        day = (STATUS + timedelta(days=rnd.randint(-40, -1) if made else rnd.randint(1, 90))).isoformat()
        values = {"ref": f"D{n:04d}", "title": f"Decision {n} on the transfer", "decision": f"Agree proposal {n}.",
                  "forum": forum, "status": "made" if made else "needed", "needed_by": "" if made else day,
                  "made_on": day if made else "", "key_decision": "yes" if n % 4 == 0 else "no",
                  "reasons": "", "options": "", "exempt": "paragraph 3" if n % 10 == 0 else "no",
                  "milestones": "", "risks": f"R{n:05d}"}
        rows.append([values[column] for column in DECISION_COLUMNS])
    return rows


# Set-up --------------------------------------------------------------------------------------

class Workbench(Copies):
    def __init__(self, folder: Path, count: int):
        self.folder = folder
        self.count = count
        data = folder / "data"
        data.mkdir(parents=True, exist_ok=True)
        self.rounds = [write_csv(data / f"risks-{n:02d}.csv", RISK_COLUMNS, rows)
                       for n, rows in enumerate(make_rounds(count), start=1)]
        self.actions = write_csv(data / "actions.csv", ACTION_COLUMNS, make_actions(count))
        decisions = write_csv(data / "decisions.csv", DECISION_COLUMNS, make_decisions())
        self.template = services_template(folder, data, SERVICES)
        self.first_round = self.fresh_copy("round-01")
        with open_plan_file(self.first_round) as plan:
            import_risks(plan, self.rounds[0], as_of=STATUS - timedelta(days=ROUNDS * 7 + 7))
        self.before_last = self.fresh_copy("rounds-01-10", source=self.first_round)
        with open_plan_file(self.before_last) as plan:
            for n, path in enumerate(self.rounds[1:-1], start=1):
                import_risks(plan, path, as_of=STATUS - timedelta(days=(ROUNDS - n) * 7))
        self.full = self.fresh_copy("full", source=self.before_last)
        with open_plan_file(self.full) as plan:
            import_risks(plan, self.rounds[-1], as_of=STATUS)
            import_risk_actions(plan, self.actions)
            import_decisions(plan, decisions)
            register = load_register(plan)
        assert len(register.reviews) == ROUNDS * count and len(register.actions) == ACTIONS_PER_RISK * count


# The measures --------------------------------------------------------------------------------

def measure_import(bench: Workbench) -> Callable[[], float]:
    def check(result) -> None:  # noqa: ANN001
        assert result.applied and len(result.rescored) == bench.count
        bench.import_summary = result.summary()
    return plan_run(bench, lambda plan: import_risks(plan, bench.rounds[-1], as_of=STATUS), check,
                    source=bench.before_last)


REVIEW_INSERT = ("INSERT INTO risk_review (risk_id, reviewed_on, before_likelihood, before_impact, after_likelihood, "
                 "after_impact, note, reviewed_by, recorded_at) SELECT id, ?, likelihood, impact, ?, ?, ?, ?, ? "
                 "FROM risk WHERE ref = ?")
SCORE_UPDATE = "UPDATE risk SET likelihood = ?, impact = ? WHERE ref = ?"


def baseline_import(bench: Workbench) -> Callable[[], float]:
    index = {column: i for i, column in enumerate(RISK_COLUMNS)}

    def work(connection: sqlite3.Connection) -> None:
        rows = read_csv(bench.rounds[-1])
        now = time.strftime("%Y-%m-%d %H:%M:%S")
        connection.executemany(REVIEW_INSERT, [
            (STATUS.isoformat(), int(r[index["likelihood"]]), int(r[index["impact"]]), "import", "bench", now,
             r[index["ref"]]) for r in rows])
        connection.executemany(SCORE_UPDATE, [(int(r[index["likelihood"]]), int(r[index["impact"]]), r[index["ref"]])
                                              for r in rows])
    return bare_sqlite(bench, work, source=bench.before_last)


def measure_first(bench: Workbench) -> Callable[[], float]:
    def check(result) -> None:  # noqa: ANN001
        assert result.applied and len(result.added) == bench.count
    return plan_run(bench, lambda plan: import_risks(plan, bench.rounds[0]), check)


RISK_INSERT = ("INSERT INTO risk (ref, title, cause, event, effect, category, owner, raised, status, proximity, phase, "
               "response, controls, inherent_likelihood, inherent_impact, likelihood, impact, target_likelihood, "
               "target_impact, review_by, exempt, escalated_to, issue_impact, resolution) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, '', '', '')")
SERVICE_LINK = ("INSERT INTO risk_service (risk_id, service_id) SELECT r.id, s.id FROM risk r, service s "
                "WHERE r.ref = ? AND s.name = ?")


def baseline_first(bench: Workbench) -> Callable[[], float]:
    i = {column: n for n, column in enumerate(RISK_COLUMNS)}

    def work(connection: sqlite3.Connection) -> None:
        rows = read_csv(bench.rounds[0])
        values = []
        for r in rows:
            proximity, phase = (r[i["proximity"]], None) if r[i["proximity"]][:1].isdigit() \
                else (None, r[i["proximity"]])
            values.append((r[i["ref"]], r[i["title"]], r[i["cause"]], r[i["event"]], r[i["effect"]], r[i["category"]],
                           r[i["owner"]], r[i["raised"]], r[i["status"]], proximity, phase, r[i["response"]],
                           r[i["controls"]], *(int(r[i[c]]) for c in (
                               "inherent_likelihood", "inherent_impact", "likelihood", "impact", "target_likelihood",
                               "target_impact")), r[i["review_by"]]))
        connection.executemany(RISK_INSERT, values)
        connection.executemany(SERVICE_LINK, [(r[i["ref"]], r[i["services"]]) for r in rows if r[i["services"]]])
    return bare_sqlite(bench, work)


def measure_actions(bench: Workbench) -> Callable[[], float]:
    def check(result) -> None:  # noqa: ANN001
        assert result.applied and len(result.added) == ACTIONS_PER_RISK * bench.count
    return plan_run(bench, lambda plan: import_risk_actions(plan, bench.actions), check, source=bench.first_round)


ACTION_INSERT = ("INSERT INTO risk_action (risk_id, action, owner, due, status) SELECT id, ?, ?, ?, ? FROM risk "
                 "WHERE ref = ?")


def baseline_actions(bench: Workbench) -> Callable[[], float]:
    def work(connection: sqlite3.Connection) -> None:
        connection.executemany(ACTION_INSERT, [(r[1], r[2], r[3], r[4], r[0]) for r in read_csv(bench.actions)])
    return bare_sqlite(bench, work, source=bench.first_round)


def measure_briefing(bench: Workbench) -> Callable[[], float]:
    plan = open_plan_file(bench.full)
    out = bench.folder / "briefing.pdf"

    def run() -> float:
        clear_caches()
        start = time.perf_counter()
        issued = produce_briefing(plan, out)
        elapsed = time.perf_counter() - start
        bench.briefing_pages = issued.pages
        return elapsed
    return run


def briefing_tables(bench: Workbench) -> Tables:
    """The register part's tables as plain text, from the briefing service's own data: the
    baseline lays out the same rows and text; choosing them is not timed."""
    with open_plan_file(bench.full) as plan:
        data = prepare_briefing(load_snapshot(plan), register=load_register(plan))
    rb = data.register
    e = escape
    bench.escalated = len(rb.escalated)
    return [
        ([("Ref", 0.08), ("Risk", 0.45), ("Owner", 0.21), ("Score", 0.1), ("Direction", 0.16)],
         [[e(r.ref), e(r.title), e(r.owner), str(r.current), r.direction] for r in rb.top]),
        ([("Ref", 0.08), ("Risk, cause, event, effect", 0.4), ("Scores", 0.12), ("Owner", 0.14),
          ("Controls", 0.13), ("Next action", 0.13)],
         [[e(r.ref), f"{e(r.title)}<br/>{e(r.cause)}<br/>{e(r.event)}<br/>{e(r.effect)}",
           f"{r.inherent} → {r.current} → {r.target} {r.direction}", e(r.owner), e(r.controls),
           f"{e(r.next_action)} ({r.next_action_due})"] for r in rb.escalated]),
        ([("Ref", 0.08), ("Risk", 0.46), ("Change", 0.13), ("Date", 0.12), ("Score", 0.08), ("Direction", 0.13)],
         [[e(c.ref), e(c.title), c.change, str(c.on), str(c.current), c.direction] for c in rb.changes]),
        ([("Ref", 0.08), ("Decision", 0.44), ("Forum", 0.16), ("Needed by", 0.16), ("Key", 0.16)],
         [[e(d.ref), f"{e(d.title)}<br/>{e(d.wording)}", e(d.forum), str(d.needed_by), str(d.key_decision)]
          for d in rb.decisions_needed]),
        ([("Ref", 0.08), ("Decision", 0.44), ("Forum", 0.16), ("Made on", 0.16), ("Key", 0.16)],
         [[e(d.ref), f"{e(d.title)}<br/>{e(d.wording)}", e(d.forum), str(d.made_on), str(d.key_decision)]
          for d in rb.decisions_made]),
    ]


def baseline_briefing(bench: Workbench) -> Callable[[], float]:
    tables = briefing_tables(bench)
    bench.briefing_rows = sum(len(rows) for _, rows in tables)
    return layout_tables(bench, tables)


MEASURES: dict[str, tuple[Callable, Callable]] = {
    "import": (measure_import, baseline_import),
    "first": (measure_first, baseline_first),
    "actions": (measure_actions, baseline_actions),
    "briefing": (measure_briefing, baseline_briefing),
}


# Running -------------------------------------------------------------------------------------

def report(bench: Workbench, results: dict[str, str]) -> None:
    print()
    if "import" in results:
        print(f"Re-score import: {bench.import_summary}.")
    if "briefing" in results:
        print(f"Briefing: {bench.briefing_pages} pages, {bench.escalated} escalated risks; baseline: the register "
              f"part's tables, {bench.briefing_rows} rows, {bench.baseline_pages} pages.")


def main() -> int:
    args = arguments("Benchmark the risk register: 2,000 risks, 10,000 actions, 20,000 reviews.", MEASURES,
                     risks=2_000)
    return run_benchmark(
        args, prefix="tp-bench-risks-", build=lambda folder: Workbench(folder, args.risks),
        title=(f"TrustPlanner risk register benchmark: {args.risks:,} risks, {ACTIONS_PER_RISK * args.risks:,} "
               f"actions, {ROUNDS * args.risks:,} reviews; median of {args.runs} runs after 1 warm-up"),
        measures=MEASURES, targets=TARGETS, report=report)


if __name__ == "__main__":
    sys.exit(main())
