"""Property: whatever sequence of changes is made, undoing them all returns the plan as it started,
and redoing them all returns it as it ended (compared as a canonical dump of every table)."""

from __future__ import annotations

import csv
import shutil
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trustplanner.domain.budget import FundingChange, FundingKind
from trustplanner.domain.enums import Stage
from trustplanner.domain.model import Milestone
from trustplanner.domain.problems import TrustPlannerError
from trustplanner.resources import resource_path
from trustplanner.services import history
from trustplanner.services.budget import (
    add_funding_change,
    load_finance,
    remove_funding_change,
    set_contract_sum,
    update_budget_line,
    update_savings_plan,
)
from trustplanner.services.imports import import_file
from trustplanner.services.milestones import add_milestone, delete_milestone, rebaseline, update_milestone
from trustplanner.services.plans import update_programme
from trustplanner.services.snapshot import load_snapshot
from trustplanner.services.staff import import_staff
from trustplanner.store.plan_file import open_plan_file


def _pick(items, n):
    return items[n % len(items)]


def edit_forecast(plan, n, tmp):
    m = _pick([m for m in load_snapshot(plan).milestones if not m.derived], n)
    update_milestone(plan, m.ref, replace(m, forecast=m.forecast + timedelta(days=n % 40 - 10),
                                          commentary=f"moved {n}"))


def add_and_link(plan, n, tmp):
    snapshot = load_snapshot(plan)
    before = _pick([m for m in snapshot.milestones if not m.derived], n)
    add_milestone(plan, Milestone(ref=f"X-{n}", title=f"Extra {n}", workstream="Governance", stage=Stage.SHADOW,
                                  baseline=date(2017, 2, 1), forecast=date(2017, 2, 1), depends_on=(before.ref,)))


def delete_one(plan, n, tmp):
    delete_milestone(plan, _pick([m for m in load_snapshot(plan).milestones if not m.derived], n).ref)


def rebaseline_one(plan, n, tmp):
    m = _pick([m for m in load_snapshot(plan).milestones if not m.derived], n)
    rebaseline(plan, m.ref, m.baseline + timedelta(days=1 + n % 30), reason="moved", decision="Programme board")


def move_go_live(plan, n, tmp):
    update_programme(plan, go_live=_pick([date(2017, 4, 1), date(2017, 10, 2), date(2017, 7, 3)], n))


def move_a_service(plan, n, tmp):
    service = _pick([s for s in load_snapshot(plan).services if not s.retained], n)
    path = tmp / f"services-{n}.csv"
    path.write_text(f"name,go_live\n{service.name},{_pick(['2017-10-02', '2017-07-03', ''], n)}\n", encoding="utf-8")
    import_file(plan, "services", path)


def staff_extract(plan, n, tmp):
    """The demo's January extract with some people gone and one working part-time."""
    with open(resource_path("demo", "staff.csv"), encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header, people = rows[0], rows[1:]
    kept = [row for i, row in enumerate(people) if (i + n) % 7]
    kept[0][header.index("fte")] = "0.5"
    path = tmp / f"staff-{n}.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *kept])
    import_staff(plan, path, extract_date=date(2017, 1, 20 + n % 5))


def finance_edits(plan, n, tmp):
    finance = load_finance(plan)
    line = _pick(list(finance.lines), n)
    update_budget_line(plan, line.year, line.cost_centre, forecast=line.forecast + n * 100)


def savings_edit(plan, n, tmp):
    saving = _pick(list(load_finance(plan).savings), n)
    update_savings_plan(plan, saving.ref, forecast=saving.forecast // 2, mitigation=f"Plan {n}")


def funding(plan, n, tmp):
    funding = load_finance(plan).funding
    if n % 2 and funding:
        remove_funding_change(plan, _pick(list(funding), n))
    else:
        add_funding_change(plan, FundingChange(2017, f"Top-up {n}", 100_000 * (n + 1), FundingKind.COUNCIL_TOP_UP))


def contract_sum(plan, n, tmp):
    set_contract_sum(plan, 2017, None if n % 3 == 0 else 60_000_000_00 + n)


def status_date(plan, n, tmp):
    update_programme(plan, status_date=date(2017, 1, 2) + timedelta(days=n % 60), tolerance_days=5 + n % 10)


CHANGES = [edit_forecast, add_and_link, delete_one, rebaseline_one, move_go_live, move_a_service, staff_extract,
           finance_edits, savings_edit, funding, contract_sum, status_date]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(CHANGES), st.integers(0, 10_000)), min_size=1, max_size=6))
def test_undo_all_returns_the_start_and_redo_all_returns_the_end(demo_file, tmp_path_factory, changes):
    tmp = tmp_path_factory.mktemp("changes")
    path = tmp / "plan.tplan"
    shutil.copyfile(demo_file, path)
    with open_plan_file(path) as plan:
        start = history.canonical_dump(plan)
        made = 0
        for change, n in changes:
            before = history.revision(plan)
            try:
                change(plan, n, tmp)
            except TrustPlannerError:  # refused (e.g. a baseline after its dependants): nothing recorded
                assert history.revision(plan) == before
                continue
            made += history.revision(plan) - before
        end = history.canonical_dump(plan)
        for _ in range(made):
            history.undo(plan)
        assert history.canonical_dump(plan) == start
        with pytest.raises(history.NothingToUndo):
            history.undo(plan)
        for _ in range(made):
            history.redo(plan)
        assert history.canonical_dump(plan) == end
