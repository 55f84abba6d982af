#!/usr/bin/env python3
"""Generate a large, realistic plan for the benchmarks: services.csv and milestones.csv.

    python benchmarks/generate.py OUT_DIR [--milestones 2000] [--dependencies 3000] [--seed 2017]

The output is deterministic for a given seed and sizes (byte-identical files on every run and
machine) and always imports cleanly into a plan created with :data:`PROGRAMME`:

* refs like ``GOV-0001`` across the 12 standard workstreams, titles, owners and stages;
* a few services (one retained), about 40% of milestones tied to one;
* baselines spread over two years either side of the status date (1 April 2016 to
  31 March 2018), actual dates (some late) for most milestones due before the status date,
  a share of open milestones overdue or slipped against their baseline;
* some RAG overrides (always worse than the dates show, so the import accepts them), every one
  with a commentary, as are most slipped milestones;
* exactly the requested number of finish-to-start dependencies, acyclic: each milestone depends
  only on milestones with an earlier or equal baseline (and an earlier position), often in its
  own workstream, sometimes across workstreams.

Nothing here uses TrustPlanner itself, so the generator cannot hide a product bug.
"""

from __future__ import annotations

import argparse
import csv
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

# The programme the generated files belong to (the benchmark creates its plan with these).
PROGRAMME = {
    "council": "Northfield Metropolitan Borough Council",
    "trust": "Northfield Children's Trust",
    "decision_date": date(2016, 3, 15),
    "shadow_start": date(2017, 10, 1),
    "go_live": date(2018, 4, 1),
    "status_date": date(2017, 3, 31),
    "tolerance_days": 10,
}
FIRST_BASELINE = date(2016, 4, 1)
LAST_BASELINE = date(2018, 3, 31)

WORKSTREAMS = (  # (ref prefix, workstream as the app names it)
    ("GOV", "Governance"),
    ("LEG", "Legal & company"),
    ("COM", "Commissioning & contract"),
    ("FIN", "Finance"),
    ("HR", "HR & TUPE"),
    ("PEN", "Pensions"),
    ("PRO", "Property"),
    ("ICT", "ICT & data"),
    ("SUP", "Support services"),
    ("OFS", "Ofsted registration"),
    ("CMS", "Communications"),
    ("IMP", "Service improvement"),
)
SERVICES = (  # name, shadow, go_live, retained
    ("Children's social care", "", "", "no"),
    ("Early help", "2017-07-01", "2018-01-01", "no"),
    ("Youth offending service", "", "", "no"),
    ("Fostering and adoption", "", "2018-04-01", "no"),
    ("SEND and educational psychology", "2017-11-01", "2018-06-01", "no"),
    ("School admissions", "", "", "yes"),
)
TRANSFERRING = [name for name, _, _, retained in SERVICES if retained == "no"]

VERBS = ("Agree", "Draft", "Approve", "Complete", "Sign off", "Consult on", "Procure", "Test",
         "Publish", "Deliver", "Review", "Implement", "Transfer", "Migrate", "Register")
OBJECTS = ("service specification", "TUPE measures letter", "admission agreement", "lease schedule",
           "data-sharing agreement", "case management migration", "budget baseline", "SLA schedule",
           "staff consultation", "board appointments", "Ofsted registration pack", "pension bond",
           "support services catalogue", "communications plan", "performance framework",
           "risk register", "articles of association", "contract variation", "asset register",
           "information governance review", "payroll cut-over", "IT access cut-over",
           "safeguarding protocol", "commissioning intentions", "quality assurance framework")
OWNERS = ("Director of Children's Services", "Programme Manager", "Head of HR", "Chief Finance Officer",
          "Head of Legal", "ICT Lead", "Property Manager", "Communications Lead", "Pensions Officer",
          "Head of Commissioning", "Service Manager", "Quality Lead", "")
CAUSES = ("awaiting legal sign-off", "supplier capacity", "staff consultation extended",
          "dependency on the contract variation", "Ofsted feedback to address",
          "pension actuary report delayed", "data quality issues found in testing",
          "member briefing moved to the next cycle", "funding decision pending")
ACTIONS = ("recovery plan agreed at programme board", "extra resource assigned",
           "escalated to the sponsor", "revised date agreed with the supplier",
           "weekly check-ins until complete", "work re-sequenced to protect go-live")


@dataclass
class _Row:
    ref: str
    title: str
    workstream: str
    service: str
    stage: str
    owner: str
    baseline: date
    forecast: date
    actual: date | None
    rag: str
    commentary: str
    depends_on: list[str]


def _working_after(day: date, days: int) -> date:
    """Roughly ``days`` working days later (weekends skipped; no bank holidays needed here)."""
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def _weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _stage(day: date) -> str:
    if day >= PROGRAMME["go_live"]:
        return "independent"
    if day >= PROGRAMME["shadow_start"]:
        return "shadow"
    return "council"


def generate_rows(milestones: int = 2000, dependencies: int = 3000, seed: int = 2017) -> list[_Row]:
    rnd = random.Random(seed)
    status = PROGRAMME["status_date"]
    span = (LAST_BASELINE - FIRST_BASELINE).days
    baselines = sorted(_weekday(FIRST_BASELINE + timedelta(days=rnd.randrange(span))) for _ in range(milestones))
    counters = {prefix: 0 for prefix, _ in WORKSTREAMS}
    rows: list[_Row] = []
    for baseline in baselines:
        prefix, workstream = WORKSTREAMS[rnd.randrange(len(WORKSTREAMS))]
        counters[prefix] += 1
        ref = f"{prefix}-{counters[prefix]:04d}"
        title = f"{rnd.choice(VERBS)} {rnd.choice(OBJECTS)}"
        service = rnd.choice(TRANSFERRING) if rnd.random() < 0.4 else ""
        owner = rnd.choice(OWNERS)
        forecast, actual, rag, commentary = baseline, None, "", ""
        roll = rnd.random()
        if baseline <= status:
            if roll < 0.80:  # done, on time or late (never after the status date)
                late = rnd.choice((0, 0, 0, 0, 2, 5, 12))
                actual = min(_working_after(baseline, late), status)
                if late > 10:
                    commentary = f"Completed late: {rnd.choice(CAUSES)}."
            elif roll < 0.90:  # overdue: forecast passed, no actual
                commentary = f"Overdue: {rnd.choice(CAUSES)}; {rnd.choice(ACTIONS)}."
            else:  # slipped past the status date
                forecast = _working_after(status, rnd.randrange(3, 40))
                commentary = f"Slipped: {rnd.choice(CAUSES)}; {rnd.choice(ACTIONS)}."
        else:
            if roll < 0.18:  # slipped: some within tolerance, some beyond
                forecast = _working_after(baseline, rnd.choice((3, 5, 8, 15, 25, 40)))
                if rnd.random() < 0.9:  # a few slipped milestones lack a commentary: check finds them
                    commentary = f"Slipped: {rnd.choice(CAUSES)}; {rnd.choice(ACTIONS)}."
            elif roll < 0.24:  # on track by its dates, but the owner reports a risk: an override
                rag = rnd.choice(("amber", "amber", "red"))
                commentary = f"At risk: {rnd.choice(CAUSES)}; {rnd.choice(ACTIONS)}."
        rows.append(_Row(ref, title, workstream, service, _stage(forecast), owner, baseline, forecast,
                         actual, rag, commentary, []))
    _add_dependencies(rows, dependencies, rnd)
    return rows


def _add_dependencies(rows: list[_Row], total: int, rnd: random.Random) -> None:
    """Exactly ``total`` links, each to an earlier row (so acyclic), mostly close by in time."""
    by_workstream: dict[str, list[int]] = {}
    for index, row in enumerate(rows):
        by_workstream.setdefault(row.workstream, []).append(index)
    position = {index: i for members in by_workstream.values() for i, index in enumerate(members)}
    added = 0
    attempts = 0
    while added < total:
        attempts += 1
        if attempts > total * 50:
            raise ValueError(f"cannot place {total} dependencies among {len(rows)} milestones")
        index = rnd.randrange(1, len(rows))
        row = rows[index]
        if len(row.depends_on) >= 6:
            continue
        members = by_workstream[row.workstream]
        own = position[index]
        if rnd.random() < 0.65 and own > 0:  # same workstream, one of the few before it
            pred = members[rnd.randrange(max(0, own - 8), own)]
        else:  # another workstream's milestone from the preceding few months
            pred = rnd.randrange(max(0, index - 250), index)
        ref = rows[pred].ref
        if ref in row.depends_on:
            continue
        row.depends_on.append(ref)
        added += 1


def write_files(folder: Path, milestones: int = 2000, dependencies: int = 3000, seed: int = 2017) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    rows = generate_rows(milestones, dependencies, seed)
    services = folder / "services.csv"
    with services.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(("name", "shadow", "go_live", "retained"))
        writer.writerows(SERVICES)
    milestones_path = folder / "milestones.csv"
    with milestones_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(("ref", "title", "workstream", "service", "stage", "owner", "baseline", "forecast",
                         "actual", "depends_on", "rag", "commentary"))
        for r in rows:
            writer.writerow((r.ref, r.title, r.workstream, r.service, r.stage, r.owner, r.baseline.isoformat(),
                             r.forecast.isoformat(), r.actual.isoformat() if r.actual else "",
                             ";".join(r.depends_on), r.rag, r.commentary))
    return {"services": services, "milestones": milestones_path}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, metavar="OUT_DIR")
    parser.add_argument("--milestones", type=int, default=2000)
    parser.add_argument("--dependencies", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=2017)
    args = parser.parse_args()
    paths = write_files(args.out, args.milestones, args.dependencies, args.seed)
    for path in paths.values():
        print(f"Wrote {path}")


if __name__ == "__main__":
    main()
