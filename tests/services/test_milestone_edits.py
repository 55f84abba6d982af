from dataclasses import replace
from datetime import date

import pytest

from trustplanner.domain.enums import Rag, Stage
from trustplanner.domain.model import Milestone
from trustplanner.domain.problems import ValidationFailed
from trustplanner.services import history
from trustplanner.services.milestones import (
    add_milestone,
    baseline_history,
    delete_milestone,
    rebaseline,
    update_milestone,
)
from trustplanner.services.plans import new_plan, update_programme
from trustplanner.services.snapshot import load_snapshot


@pytest.fixture
def plan(tmp_path):
    with new_plan(tmp_path / "p.tplan", council="C", trust="T", go_live=date(2017, 4, 1),
                  status_date=date(2016, 1, 4), template=True) as plan:
        yield plan


def test_update_changes_one_milestone_and_returns_the_old_one(plan):
    old = load_snapshot(plan).milestone("HR-02")
    returned = update_milestone(plan, "HR-02", replace(old, forecast=date(2016, 12, 9), commentary="Union dates"))
    assert returned == old
    assert load_snapshot(plan).milestone("HR-02").forecast == date(2016, 12, 9)


def test_update_refuses_a_cycle_and_changes_nothing(plan):
    before = load_snapshot(plan)
    gov1 = before.milestone("GOV-01")
    with pytest.raises(ValidationFailed, match="dependency cycle: GOV-01 -> GOV-02 -> GOV-01|cycle"):
        update_milestone(plan, "GOV-01", replace(gov1, depends_on=("GOV-02",)))
    assert load_snapshot(plan) == before


def test_update_keeps_a_reported_rag_the_dates_disagree_with_and_a_red_without_commentary(plan):
    """Changed from refusing both: they depend on the date, so `check` and the page flag them."""
    update_programme(plan, status_date=date(2017, 1, 16))
    overdue = load_snapshot(plan).milestone("HR-02")  # due 7 Dec 2016, no actual
    update_milestone(plan, "HR-02", replace(overdue, rag_override=Rag.AMBER, commentary="x"))
    assert load_snapshot(plan).milestone("HR-02").rag_override is Rag.AMBER
    green = load_snapshot(plan).milestone("GOV-09")
    update_milestone(plan, "GOV-09", replace(green, rag_override=Rag.RED, commentary=""))
    assert load_snapshot(plan).milestone("GOV-09").rag_override is Rag.RED


def test_update_refuses_a_reported_rag_beside_an_actual_date(plan):
    m = load_snapshot(plan).milestone("GOV-01")
    with pytest.raises(ValidationFailed, match="a milestone with an actual date is complete, not amber"):
        update_milestone(plan, "GOV-01", replace(m, actual=date(2016, 1, 4), rag_override=Rag.AMBER))


def test_baseline_changes_only_by_rebaseline_which_is_recorded_and_undoable(plan):
    m = load_snapshot(plan).milestone("FIN-01")
    with pytest.raises(ValidationFailed, match="re-baseline"):
        update_milestone(plan, "FIN-01", replace(m, baseline=date(2016, 12, 1)))
    with pytest.raises(ValidationFailed) as missing:
        rebaseline(plan, "FIN-01", date(2016, 12, 1), reason="", decision="")
    assert {p.column for p in missing.value.problems} == {"reason", "decision"}
    rebaseline(plan, "FIN-01", date(2016, 12, 1), reason="Budget timetable moved", decision="Programme board 12/10")
    assert load_snapshot(plan).milestone("FIN-01").baseline == date(2016, 12, 1)
    [change] = baseline_history(plan, "FIN-01")
    assert (change.old_baseline, change.new_baseline, change.decision) == (m.baseline, date(2016, 12, 1),
                                                                           "Programme board 12/10")
    history.undo(plan)
    assert load_snapshot(plan).milestone("FIN-01").baseline == m.baseline
    assert baseline_history(plan, "FIN-01") == []


def test_delete_and_restore_keeps_dependants_linked(plan):
    before = load_snapshot(plan)
    removed, dependants = delete_milestone(plan, "HR-02")
    assert dependants == ["HR-03", "HR-04"]
    after = load_snapshot(plan)
    assert "HR-02" not in after.milestone("HR-03").depends_on
    history.undo(plan)
    assert load_snapshot(plan) == before


def test_add_refuses_duplicate_ref_unknown_service_and_unknown_dependency(plan):
    new = Milestone(ref="GOV-01", title="Dup", workstream="Governance", stage=Stage.SHADOW,
                    baseline=date(2016, 5, 2), forecast=date(2016, 5, 2), service="Nowhere", depends_on=("ZZ-9",))
    with pytest.raises(ValidationFailed) as info:
        add_milestone(plan, new)
    messages = str(info.value)
    assert "already used" in messages and "unknown service" in messages and "unknown milestone ZZ-9" in messages


def test_rename_keeps_dependencies_pointing_at_the_milestone(plan):
    m = load_snapshot(plan).milestone("HR-02")
    update_milestone(plan, "HR-02", replace(m, ref="HR-02A"))
    snapshot = load_snapshot(plan)
    assert "HR-02A" in snapshot.milestone("HR-03").depends_on


def test_undo_import_restores_the_plan_exactly(plan, tmp_path):
    from trustplanner.services.imports import import_file

    csv = tmp_path / "m.csv"
    csv.write_text("ref,title,workstream,stage,baseline,forecast,depends_on,commentary\n"
                   "HR-02,Formal TUPE consultation starts,HR & TUPE,shadow,2016-12-07,2016-12-14,HR-01,Late\n"
                   "NEW-01,Extra milestone,Governance,shadow,2016-12-01,2016-12-01,HR-02,\n", encoding="utf-8")
    before = load_snapshot(plan)
    result = import_file(plan, "milestones", csv)
    assert (result.added, result.changed) == (["NEW-01"], ["HR-02"])
    history.undo(plan)
    assert load_snapshot(plan) == before
    history.redo(plan)
    assert load_snapshot(plan).milestone("NEW-01").depends_on == ("HR-02",)


def test_add_services_is_all_or_nothing(plan):
    from trustplanner.domain.model import Service
    from trustplanner.services.plans import add_services

    with pytest.raises(ValidationFailed) as info:
        add_services(plan, [Service("Early help"), Service("Adoption", shadow=date(2016, 9, 1), retained=True),
                            Service("early help")])
    assert {p.column for p in info.value.problems} == {"retained", "name"}
    assert load_snapshot(plan).services == ()
    add_services(plan, [Service("Early help", go_live=date(2017, 10, 1)), Service("IRO", retained=True)])
    assert [s.name for s in load_snapshot(plan).services] == ["Early help", "IRO"]
