#!/usr/bin/env python3
"""Benchmark budget monitoring at scale: 5,000 budget lines with 12 periods of forecast history,
each measure beside a bare baseline in the same run.

    python benchmarks/bench_budget.py [--runs 7] [--lines 5000] [--only MEASURE] [--keep DIR] [-v]
                                      [--profile MEASURE]

Timed as ``bench_plan.py`` times (read its docstring): in this process with
``time.perf_counter``, one untimed warm-up, the median of ``--runs`` runs, measure and baseline
interleaved, a full garbage collection and TrustPlanner's memo caches emptied before each run.

The plan is the benchmark programme (``generate.PROGRAMME``: go-live 1 April 2018; Early help
goes live on 1 January 2018, so three periods of 2017/18 are the trust's) with its six services.
Twelve budget files are generated, one per monitoring period of 2017/18: the same 5,000 lines
each month, about a third of the forecasts moving each month, and the budgets revised in a few
lines. The plan holding all twelve was built by importing them in order with ``as_of`` the 12th
of each month (P1 April 2017 to P12 March 2018); it also holds 150 savings plans, funding
changes and an explicit contract sum, so the briefing's finance section is full.

import    ``import_budget(plan, p12.csv, as_of=12/03/2018)`` into a fresh copy of the plan holding
          P1-P11: read and validate 5,000 rows, compare each with its stored line, update the
          lines that changed, record 5,000 P12 forecasts, commit. Baseline: the csv module reads
          the same file and sqlite3 updates all 5,000 budget_line rows and inserts the 5,000
          budget_forecast rows (line id looked up by year and cost centre in the statement) into
          a fresh copy of the same plan file, no validation, one commit.
first     ``import_budget(plan, p01.csv, as_of=12/04/2017)`` into a fresh copy of a plan with no
          budget: 5,000 new lines and their P1 forecasts. Baseline: csv reads the file and sqlite3
          inserts the same 5,000 budget_line rows and 5,000 budget_forecast rows. For information.
load      ``load_finance(plan)`` on the full plan: 5,000 lines, 60,000 history rows, the savings,
          funding and contract sums, as records. Baseline: sqlite3 selects the same rows (lines
          with their service name). For information.
briefing  ``produce_briefing(plan, out.pdf, as_of=12/03/2018)`` on the full plan: snapshot,
          staff (none), finance figures from 5,000 lines and their history, layout, PDF,
          recorded in the plan. Baseline: reportlab alone laying out the finance section's tables
          (the same rows and cell text, taken from the briefing service's own data) in a plain A4
          document, no logic. Without a finance section in the briefing the baseline lays out the
          by-service budget table worked out here, and the output says so.

Nothing here is collected by pytest (it lives outside ``tests/`` and has no ``test_`` names).
"""

from __future__ import annotations

import random
import sqlite3
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import SERVICES  # noqa: E402
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

from trustplanner.domain.budget import FundingChange, FundingKind  # noqa: E402
from trustplanner.services.briefings import prepare_briefing, produce_briefing  # noqa: E402
from trustplanner.services.budget import (  # noqa: E402
    add_funding_change,
    import_budget,
    import_savings,
    load_finance,
    set_contract_sum,
)
from trustplanner.services.snapshot import load_snapshot  # noqa: E402
from trustplanner.store.plan_file import open_plan_file  # noqa: E402

TARGETS = {"import": Target(ratio=3.0, seconds=2.0), "first": Target(), "load": Target(),
           "briefing": Target(seconds=3.0)}
BUDGET_COLUMNS = ("service", "year", "cost_centre", "description", "budget", "forecast", "transfers")
SAVINGS_COLUMNS = ("ref", "service", "year", "description", "target", "forecast", "rag", "mitigation")
YEAR = 2017  # 2017/18
PERIOD_DATES = [date(2017 + (month < 4), month, 12) for month in (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)]
AS_OF = PERIOD_DATES[-1]  # P12: 12 March 2018


# The files -----------------------------------------------------------------------------------

AREAS = ("Placements", "Social work team", "Family support", "Transport", "Commissioned service",
         "Business support", "Training", "Premises", "Equipment", "Grant-funded project")


def _money(pence: int, form: int) -> str:
    """1234567.00, 1,234,567, £1,234,567.00; a negative in brackets."""
    pounds, rest = divmod(abs(pence), 100)
    if form % 3 == 0:
        text = f"{pounds}.{rest:02d}"
    elif form % 3 == 1:
        text = f"{pounds:,}.{rest:02d}" if rest else f"{pounds:,}"
    else:
        text = f"£{pounds:,}.{rest:02d}"
    return f"({text})" if pence < 0 else text


def make_periods(count: int, seed: int = 2017) -> list[list[list[str]]]:
    """Twelve months of the same ``count`` lines: budgets, and forecasts drifting month by month."""
    rnd = random.Random(seed)
    lines = []
    for number in range(1, count + 1):
        name, _, _, retained = SERVICES[number % len(SERVICES)]
        budget = rnd.randint(5_000, 2_000_000) * 100 + rnd.choice((0, 0, 0, rnd.randint(1, 99)))
        if number % 97 == 0:
            budget = -budget // 10  # a net income line
        lines.append([name, f"CC-{number:05d}", f"{rnd.choice(AREAS)} {number % 40 + 1}", budget, budget,
                      "no" if retained == "yes" or number % 11 == 0 else "yes"])
    periods = []
    for month in range(12):
        rows = []
        for number, line in enumerate(lines):
            roll = rnd.random()
            if roll < 0.33:
                line[4] += rnd.randint(-4_000_000, 6_000_000)  # the forecast moves by up to £60,000
            elif roll < 0.34:
                line[3] += rnd.randint(-1_000_000, 1_000_000)  # a budget is revised
            service, centre, description, budget, forecast, transfers = line
            rows.append([service, "2017/18", centre, description, _money(budget, number + month),
                         _money(forecast, number + month + 1), transfers])
        periods.append(rows)
    return periods


def make_savings(count: int, seed: int = 2018) -> list[list[str]]:
    rnd = random.Random(seed)
    rows = []
    for number in range(1, count + 1):
        name = SERVICES[number % len(SERVICES)][0]
        target = rnd.randint(20, 800) * 100_000
        rag = rnd.choice(("green", "green", "amber", "red"))
        forecast = target if rag == "green" else target * rnd.randint(0, 90) // 100
        mitigation = "" if rag == "green" else (f"Recovery plan agreed with the budget holder; "
                                                f"{rnd.randint(2, 9)} actions due by P{rnd.randint(3, 12)}")
        rows.append([f"SV-{number:04d}", name, "2017/18", f"{rnd.choice(AREAS)}: efficiency {number}",
                     _money(target, number), _money(forecast, number), rag, mitigation])
    return rows


FUNDING = (
    FundingChange(YEAR, "Improvement investment", 800_000_000, FundingKind.IMPROVEMENT_INVESTMENT),
    FundingChange(YEAR, "Contingency for placements", 150_000_000, FundingKind.CONTINGENCY_SET_ASIDE),
    FundingChange(YEAR, "Contingency released at P6", 60_000_000, FundingKind.CONTINGENCY_RELEASED),
    FundingChange(YEAR, "CR01: leaving care accommodation", 38_500_000, FundingKind.CHANGE_REQUEST_ACCEPTED),
    FundingChange(YEAR, "CR02: legal services at market rates", 64_000_000, FundingKind.CHANGE_REQUEST_REFUSED),
    FundingChange(YEAR, "Council top-up", 400_000_000, FundingKind.COUNCIL_TOP_UP),
)


# Set-up --------------------------------------------------------------------------------------

class Workbench(Copies):
    def __init__(self, folder: Path, count: int):
        self.folder = folder
        self.count = count
        data = folder / "data"
        data.mkdir(parents=True, exist_ok=True)
        self.periods = [write_csv(data / f"budget-p{n:02d}.csv", BUDGET_COLUMNS, rows)
                        for n, rows in enumerate(make_periods(count), start=1)]
        savings = write_csv(data / "savings.csv", SAVINGS_COLUMNS, make_savings(150))
        self.template = services_template(folder, data, SERVICES)
        self.eleven = self.fresh_copy("p01-p11")
        with open_plan_file(self.eleven) as plan:
            for path, on in zip(self.periods[:-1], PERIOD_DATES[:-1], strict=True):
                import_budget(plan, path, as_of=on)
        self.full = self.fresh_copy("full", source=self.eleven)
        with open_plan_file(self.full) as plan:
            import_budget(plan, self.periods[-1], as_of=AS_OF)
            import_savings(plan, savings)
            for change in FUNDING:
                add_funding_change(plan, change)
            set_contract_sum(plan, YEAR, 50_000_000_000)


# The measures --------------------------------------------------------------------------------

def measure_import(bench: Workbench) -> Callable[[], float]:
    def check(result) -> None:  # noqa: ANN001
        assert result.applied and len(result.added) + len(result.changed) + result.unchanged == bench.count
        bench.import_summary = result.summary()
    return plan_run(bench, lambda plan: import_budget(plan, bench.periods[-1], as_of=AS_OF), check,
                    source=bench.eleven)


def _pence(text: str) -> int:
    negative = text.startswith("(")
    pounds, _, pence = text.strip("()").lstrip("£").replace(",", "").partition(".")
    value = int(pounds) * 100 + int(pence or 0)
    return -value if negative else value


LINE_UPDATE = ("UPDATE budget_line SET service_id = ?, description = ?, budget = ?, forecast = ?, transfers = ? "
               "WHERE year = ? AND cost_centre = ?")
LINE_INSERT = ("INSERT INTO budget_line (service_id, year, cost_centre, description, budget, forecast, transfers) "
               "VALUES (?, ?, ?, ?, ?, ?, ?)")
HISTORY_INSERT = ("INSERT INTO budget_forecast (budget_line_id, period, forecast) "
                  "SELECT id, ?, ? FROM budget_line WHERE year = ? AND cost_centre = ?")


def _bare(connection: sqlite3.Connection, path: Path, period: int, *, new: bool) -> None:
    records = read_csv(path)
    service_ids = dict(connection.execute("SELECT name, id FROM service"))
    values = [(service_ids[r[0]], r[3], _pence(r[4]), _pence(r[5]), r[6] == "yes", YEAR, r[2]) for r in records]
    if new:
        connection.executemany(LINE_INSERT, [(v[0], v[5], v[6], v[1], v[2], v[3], v[4]) for v in values])
    else:
        connection.executemany(LINE_UPDATE, values)
    connection.executemany(HISTORY_INSERT, [(period, v[3], YEAR, v[6]) for v in values])


def baseline_import(bench: Workbench) -> Callable[[], float]:
    return bare_sqlite(bench, lambda connection: _bare(connection, bench.periods[-1], 12, new=False),
                       source=bench.eleven)


def measure_first(bench: Workbench) -> Callable[[], float]:
    def check(result) -> None:  # noqa: ANN001
        assert result.applied and len(result.added) == bench.count
    return plan_run(bench, lambda plan: import_budget(plan, bench.periods[0], as_of=PERIOD_DATES[0]), check)


def baseline_first(bench: Workbench) -> Callable[[], float]:
    return bare_sqlite(bench, lambda connection: _bare(connection, bench.periods[0], 1, new=True))


def measure_load(bench: Workbench) -> Callable[[], float]:
    plan = open_plan_file(bench.full)

    def run() -> float:
        clear_caches()
        start = time.perf_counter()
        finance = load_finance(plan)
        elapsed = time.perf_counter() - start
        assert len(finance.lines) == bench.count and sum(map(len, finance.history.values())) == 12 * bench.count
        return elapsed
    return run


def baseline_load(bench: Workbench) -> Callable[[], float]:
    connection = sqlite3.connect(bench.full)

    def run() -> float:
        start = time.perf_counter()
        lines = connection.execute(
            "SELECT l.id, s.name, l.year, l.cost_centre, l.description, l.budget, l.forecast, l.transfers "
            "FROM budget_line l JOIN service s ON s.id = l.service_id ORDER BY l.year, l.cost_centre").fetchall()
        history = connection.execute("SELECT budget_line_id, period, forecast FROM budget_forecast").fetchall()
        connection.execute("SELECT p.ref, s.name, p.year, p.description, p.target, p.forecast, p.rag, p.mitigation "
                           "FROM savings_plan p JOIN service s ON s.id = p.service_id ORDER BY p.ref").fetchall()
        connection.execute("SELECT year, description, amount, kind FROM funding_change ORDER BY year, id").fetchall()
        connection.execute("SELECT year, amount FROM contract_sum").fetchall()
        elapsed = time.perf_counter() - start
        assert len(lines) == bench.count and len(history) == 12 * bench.count
        return elapsed
    return run


def measure_briefing(bench: Workbench) -> Callable[[], float]:
    plan = open_plan_file(bench.full)
    out = bench.folder / "briefing.pdf"

    def run() -> float:
        clear_caches()
        start = time.perf_counter()
        issued = produce_briefing(plan, out, as_of=AS_OF)
        elapsed = time.perf_counter() - start
        bench.briefing_pages = issued.pages
        return elapsed
    return run


def briefing_tables(bench: Workbench) -> tuple[Tables, bool]:
    """The finance section's tables as plain text: (columns as (heading, width share), rows), and
    whether the briefing has a finance section at all.

    The rows come from the briefing service's own data, so the baseline lays out exactly the
    rows and text the briefing does; the work of choosing and rounding them is not timed.
    """
    with open_plan_file(bench.full) as plan:
        snapshot, finance = load_snapshot(plan), load_finance(plan)
    try:
        section = prepare_briefing(snapshot, as_of=AS_OF, finance=finance).finance
    except TypeError:  # a briefing without a finance section
        section = None
    if section is None:
        return _own_tables(snapshot, finance), False
    e = escape

    def amount(value) -> str:  # noqa: ANN001
        return "—" if value is None else value.text

    unit = section.units.heading
    money = 0.12
    tables: Tables = [
        ([("Service", 0.4), (f"Budget {unit}", money), (f"Forecast {unit}", money), (f"Variance {unit}", money),
          ("Variance %", 0.12)],
         [[e(r.group), r.budget.text, r.forecast.text, r.variance.text, r.percent.text]
          for r in (*section.services, section.total)]),
        ([("Cost centre", 0.14), ("Description", 0.4), ("Service", 0.3), (f"Variance {unit}", 0.16)],
         [[e(v.cost_centre), e(v.description), e(v.service), v.variance.text] for v in section.variances]),
        ([("Cost centre", 0.12), ("Description", 0.34), ("Service", 0.18), (f"{section.previous_period or 'Before'}",
                                                                            0.12),
          (section.period_label, 0.12), (f"Movement {unit}", 0.12)],
         [[e(m.cost_centre), e(m.description), e(m.service), m.before.text, m.now.text, m.movement.text]
          for m in section.movement]),
        ([("Deliverability", 0.28), ("Plans", 0.12), (f"Target {unit}", money), (f"Forecast {unit}", money),
          (f"Shortfall {unit}", money), ("Share", 0.12)],
         [[e(r.label), str(r.count), r.target.text, r.forecast.text, r.shortfall.text,
           r.share.text if r.share else ""] for r in (*section.savings_by_rag, section.savings_total)]),
        ([("Year", 0.2), ("Plans", 0.12), (f"Target {unit}", money), (f"Forecast {unit}", money),
          (f"Shortfall {unit}", money), (f"At risk {unit}", money)],
         [[e(r.label), str(r.count), r.target.text, r.forecast.text, r.shortfall.text, amount(r.at_risk)]
          for r in section.savings_by_year]),
        ([("Ref", 0.1), ("Plan and mitigation", 0.44), ("Service", 0.16), (f"Target {unit}", 0.1),
          (f"Forecast {unit}", 0.1), ("RAG", 0.1)],
         [[e(s.ref), f"{e(s.description)}<br/><i>{e(s.mitigation)}</i>", e(s.service), s.target.text,
           s.forecast.text, s.rag.letter] for s in section.savings_at_risk]),
        ([("Year", 0.16), (f"Derived {unit}", 0.14), (f"Explicit {unit}", 0.14), (f"Difference {unit}", 0.14),
          (f"Trust forecast {unit}", 0.14), (f"Gap {unit}", 0.14)],
         [[c.year, c.derived.text, amount(c.explicit), amount(c.reconciliation), c.trust_forecast.text, c.gap.text]
          for c in section.contract_sums]),
        ([("Year", 0.14), ("Kind", 0.22), ("Description", 0.48), (f"Amount {unit}", 0.16)],
         [[f.year, e(f.kind), e(f.description), f.amount.text] for f in section.funding]),
        ([("Year", 0.25), (f"Set aside {unit}", 0.25), (f"Released {unit}", 0.25), (f"Held {unit}", 0.25)],
         [[c.year, c.set_aside.text, c.released.text, c.held.text] for c in section.contingency]),
        ([("Year", 0.16), ("Stage", 0.24), (f"Council {unit}", 0.15), (f"Trust {unit}", 0.15),
          (f"Total {unit}", 0.15), ("Trust share", 0.15)],
         [[h.year, e(h.stage), h.council.text, h.trust.text, h.total.text, h.trust_share.text]
          for h in section.handover]),
    ]
    return tables, True


def _own_tables(snapshot, finance) -> Tables:  # noqa: ANN001
    from trustplanner.services import finance as figures

    rows = figures.year_budget(finance, YEAR, 12)
    return [([("Service", 0.4), ("Budget", 0.2), ("Forecast", 0.2), ("Variance", 0.2)],
             [[escape(r.group), f"{r.budget / 100:,.0f}", f"{r.forecast / 100:,.0f}", f"{r.variance / 100:,.0f}"]
              for r in (*rows, figures.total(rows))])]


def baseline_briefing(bench: Workbench) -> Callable[[], float]:
    tables, bench.has_finance_section = briefing_tables(bench)
    bench.briefing_rows = sum(len(rows) for _, rows in tables)
    return layout_tables(bench, tables)


MEASURES: dict[str, tuple[Callable, Callable]] = {
    "import": (measure_import, baseline_import),
    "first": (measure_first, baseline_first),
    "load": (measure_load, baseline_load),
    "briefing": (measure_briefing, baseline_briefing),
}


# Running -------------------------------------------------------------------------------------

def report(bench: Workbench, results: dict[str, str]) -> None:
    print()
    if "import" in results:
        print(f"Import of P12: {bench.import_summary}.")
    if "briefing" in results:
        what = ("the finance section's tables" if bench.has_finance_section
                else "a by-service budget table (the briefing has no finance section yet)")
        print(f"Briefing: {bench.briefing_pages} pages; baseline: {what}, {bench.briefing_rows} rows, "
              f"{bench.baseline_pages} pages.")


def main() -> int:
    args = arguments("Benchmark budget monitoring: 5,000 lines, 12 periods.", MEASURES, lines=5_000)
    return run_benchmark(
        args, prefix="tp-bench-budget-", build=lambda folder: Workbench(folder, args.lines),
        title=(f"TrustPlanner budget benchmark: {args.lines:,} budget lines, 12 periods of history; "
               f"median of {args.runs} runs after 1 warm-up"),
        measures=MEASURES, targets=TARGETS, report=report)


if __name__ == "__main__":
    sys.exit(main())
