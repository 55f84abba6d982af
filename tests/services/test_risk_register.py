"""The register and the log through the services the app will call: each edit one change in the history
(undo puts the plan back exactly), re-scores kept as reviews, escalations, the appetite, re-baselines citing
a decision, and the demo's register and log importing cleanly into the demo plan."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date

import pytest

from trustplanner.domain.problems import NotFound, ValidationFailed
from trustplanner.domain.risks import (
    ActionStatus,
    Appetite,
    Decision,
    DecisionStatus,
    Forum,
    Risk,
    RiskAction,
    RiskStatus,
    Score,
)
from trustplanner.resources import resource_path
from trustplanner.services import history
from trustplanner.services.checks import check_whole_plan
from trustplanner.services.decisions import add_decision, delete_decision, record_decision_made
from trustplanner.services.kinds import kind_named
from trustplanner.services.milestones import rebaseline
from trustplanner.services.risks import (
    add_action,
    add_risk,
    delete_risk,
    load_register,
    record_escalation,
    rescore_risk,
    set_risk_appetite,
    update_action,
    update_risk,
)
from trustplanner.services.snapshot import load_snapshot
from trustplanner.store.plan_file import open_plan_file

RISK = Risk("R1", "Agency reliance", Score(3, 4), owner="DCS", milestones=("M3", "M5"),
            services=("Children's social care",))


@pytest.fixture
def plan(sample_plan):
    with open_plan_file(sample_plan) as opened:
        yield opened


def test_add_update_and_delete_a_risk_each_undo_exactly(plan, sample_plan, plan_data_dump):
    empty = plan_data_dump(sample_plan)
    add_risk(plan, RISK)
    assert load_register(plan).risks == (RISK,)
    added = plan_data_dump(sample_plan)
    update_risk(plan, "R1", replace(RISK, ref="R1a", title="Agency social workers", milestones=("M4",)))
    assert [(r.ref, r.milestones) for r in load_register(plan).risks] == [("R1a", ("M4",))]
    history.undo(plan)
    assert plan_data_dump(sample_plan) == added
    add_action(plan, RiskAction("R1", "Recruit"))
    delete_risk(plan, "R1")
    assert load_register(plan).actions == ()
    history.undo(plan)
    assert load_register(plan).actions_of("R1") == (RiskAction("R1", "Recruit"),)
    history.undo(plan)
    history.undo(plan)
    assert plan_data_dump(sample_plan) == empty


def test_a_rescore_is_a_dated_review_and_gives_the_direction_of_travel(plan):
    from trustplanner.domain.risk_rules import Direction, direction_since_review

    add_risk(plan, RISK)
    review = rescore_risk(plan, "R1", Score(4, 4), on=date(2017, 1, 20), note="Agency leavers in December")
    assert (review.before, review.after, review.on) == (Score(3, 4), Score(4, 4), date(2017, 1, 20))
    register = load_register(plan)
    assert register.risk("R1").current == Score(4, 4)
    [stored] = register.reviews_of("R1")
    assert (stored.note, stored.before, stored.after) == ("Agency leavers in December", Score(3, 4), Score(4, 4))
    assert stored.by
    assert direction_since_review(register.risk("R1"), register.reviews) is Direction.WORSE
    # an edit that changes the current score is a review too, dated the status date by default
    update_risk(plan, "R1", replace(register.risk("R1"), current=Score(2, 4)), note="Cohort in post")
    reviews = load_register(plan).reviews_of("R1")
    assert [(r.on, r.after) for r in reviews] == [(date(2017, 1, 16), Score(2, 4)), (date(2017, 1, 20), Score(4, 4))]


def test_a_rescore_sets_the_next_review_date_and_clears_past_review(plan):
    from trustplanner.domain.risk_rules import review_overdue

    add_risk(plan, replace(RISK, review_by=date(2017, 1, 13)))
    assert review_overdue(load_register(plan).risk("R1"), date(2017, 1, 16))
    rescore_risk(plan, "R1", Score(4, 4), on=date(2017, 1, 16), note="Board review", next_review=date(2017, 2, 13))
    risk = load_register(plan).risk("R1")
    assert risk.review_by == date(2017, 2, 13) and review_overdue(risk, date(2017, 1, 16)) is None
    with pytest.raises(ValidationFailed) as caught:
        rescore_risk(plan, "R1", Score(3, 4), on=date(2017, 1, 20), note="x", next_review=date(2017, 1, 20))
    assert caught.value.problems[0].column == "review_by"
    assert "must come after this one" in caught.value.problems[0].message
    assert load_register(plan).risk("R1").current == Score(4, 4)


def test_a_rescore_off_the_scale_is_refused(plan):
    add_risk(plan, RISK)
    with pytest.raises(ValidationFailed) as caught:
        rescore_risk(plan, "R1", Score(6, 1))
    assert caught.value.problems[0].column == "likelihood"
    assert load_register(plan).reviews == ()


def test_an_escalation_recorded_clears_the_check(plan, sample_plan):
    add_risk(plan, replace(RISK, current=Score(4, 4)))
    snapshot = load_snapshot(plan)
    assert [p.rule for p in check_whole_plan(plan, snapshot)] == ["escalation"]
    record_escalation(plan, "R1", "cabinet", date(2017, 1, 12))
    assert check_whole_plan(plan, snapshot) == []
    assert load_register(plan).risk("R1").escalated_to == "cabinet"


def test_the_appetite_sets_the_escalation_score(plan):
    add_risk(plan, RISK)  # 12
    snapshot = load_snapshot(plan)
    assert check_whole_plan(plan, snapshot) == []
    old = set_risk_appetite(plan, Appetite(green_max=3, amber_max=9, escalation_score=12, escalate_to="cabinet"))
    assert old == Appetite()
    assert load_register(plan).appetite.escalation_score == 12
    [problem] = check_whole_plan(plan, snapshot)
    assert "no escalation to cabinet" in problem.message
    with pytest.raises(ValidationFailed):
        set_risk_appetite(plan, Appetite(green_max=10, amber_max=5))


def test_actions_edit_by_their_wording(plan):
    add_risk(plan, RISK)
    add_action(plan, RiskAction("R1", "Recruit", "HR", date(2017, 1, 10)))
    old = update_action(plan, "R1", "recruit", RiskAction("R1", "Recruit", "HR", date(2017, 1, 10), ActionStatus.DONE))
    assert old.status is ActionStatus.OPEN
    assert load_register(plan).actions[0].status is ActionStatus.DONE
    with pytest.raises(NotFound):
        update_action(plan, "R1", "Nothing like it", RiskAction("R1", "x"))


def test_an_occurred_risk_is_an_issue_with_its_resolution(plan):
    issue = replace(RISK, status=RiskStatus.OCCURRED, issue_impact="Three agency workers left",
                    resolution="Cover from the academy cohort", resolution_due=date(2017, 2, 1))
    add_risk(plan, issue)
    stored = load_register(plan).risk("R1")
    assert stored.is_issue and stored.resolution_due == date(2017, 2, 1)


def test_a_rebaseline_cites_a_made_decision_from_the_log(plan):
    add_decision(plan, Decision("D1", "Revised consultation start", Forum.PROGRAMME_BOARD, DecisionStatus.NEEDED,
                                needed_by=date(2017, 1, 18)))
    with pytest.raises(ValidationFailed) as caught:
        rebaseline(plan, "M5", date(2017, 3, 1), reason="Staff list late", decision_ref="D1")
    assert "decision D1 is needed, not made" in str(caught.value)
    with pytest.raises(ValidationFailed) as caught:
        rebaseline(plan, "M5", date(2017, 3, 1), reason="Staff list late", decision_ref="D9")
    assert "there is no decision D9" in str(caught.value)
    record_decision_made(plan, "D1", date(2017, 1, 11))
    rebaseline(plan, "M5", date(2017, 3, 1), reason="Staff list late", decision_ref="D1")
    [change] = load_snapshot(plan).baseline_changes_of("M5")
    assert change.decision_ref == "D1"
    assert change.decision == "D1: Programme board, 11/01/2017: Revised consultation start"
    with pytest.raises(ValidationFailed) as caught:
        delete_decision(plan, "D1")
    assert "the re-baseline of M5 cites this decision" in str(caught.value)


def test_a_rebaseline_can_record_its_new_decision_in_the_same_change(plan):
    new = Decision("D2", "Move M5 to March", Forum.PROGRAMME_BOARD, DecisionStatus.MADE, made_on=date(2017, 1, 11))
    entries = len(history.entries(plan))
    rebaseline(plan, "M5", date(2017, 3, 1), reason="Staff list late", new_decision=new)
    assert len(history.entries(plan)) == entries + 1
    [change] = load_snapshot(plan).baseline_changes_of("M5")
    assert change.decision_ref == "D2"
    history.undo(plan)
    assert load_register(plan).decisions == () and load_snapshot(plan).baseline_changes_of("M5") == ()
    with pytest.raises(ValidationFailed) as caught:  # a new decision that is not made cannot approve it
        rebaseline(plan, "M5", date(2017, 3, 1), reason="Late", new_decision=replace(new, status=DecisionStatus.NEEDED,
                                                                                  made_on=None, needed_by=date(2017, 2, 1)))
    assert "decision D2 is needed, not made" in str(caught.value)
    assert load_register(plan).decisions == ()


def test_a_rebaseline_with_free_text_decision_still_works(plan):
    rebaseline(plan, "M5", date(2017, 3, 1), reason="Late", decision="Programme board 11/01/2017")
    [change] = load_snapshot(plan).baseline_changes_of("M5")
    assert (change.decision, change.decision_ref) == ("Programme board 11/01/2017", "")
    with pytest.raises(ValidationFailed):
        rebaseline(plan, "M4", date(2017, 5, 1), reason="Late", decision="")


def test_the_previews_say_what_an_import_would_do(plan, write_csv):
    from trustplanner.io.formats.risks import RISK_COLUMNS

    add_risk(plan, RISK)
    row = {"ref": "R1", "title": "Agency reliance", "category": "delivery", "owner": "DCS", "likelihood": "4",
           "impact": "4", "milestones": "M3;M5", "services": "Children's social care"}
    path = write_csv("risks.csv", [RISK_COLUMNS, [row.get(c, "") for c in RISK_COLUMNS],
                                   [{**row, "ref": "R2"}.get(c, "") for c in RISK_COLUMNS]])
    preview = kind_named("risks").preview(plan, path, date(2017, 1, 20))
    assert preview.importable and not preview.rejected
    assert [r[0] for r in preview.added.rows] == ["R2"]
    [changed] = preview.changed
    assert [(f.label, f.before, f.after) for f in changed.fields] == [("Current score", "12 (3×4)", "16 (4×4)")]
    assert preview.context == "1 re-scored: recorded as reviews on 20/01/2017"
    assert load_register(plan).reviews == ()  # a preview writes nothing


def test_the_demo_plan_holds_the_demo_register_and_log(demo_file, tmp_path, plan_dump):
    """The demo imports the three files (risks as the December board scored them), then re-scores four
    risks at the status date: importing the files again changes only those four back."""
    from trustplanner.services.demo import DEMO_RISK_REVIEWS, DEMO_STATUS_DATE

    path = tmp_path / "demo.tplan"
    shutil.copyfile(demo_file, path)
    with open_plan_file(path) as plan:
        register = load_register(plan)
        assert len(register.risks) >= 9 and len(register.actions) >= 10 and len(register.decisions) >= 7
        assert [(r.risk, r.on, r.after) for r in register.reviews] == [
            (ref, DEMO_STATUS_DATE, score) for ref, score, _ in DEMO_RISK_REVIEWS]
        milestones = {m.ref for m in load_snapshot(plan).milestones}
        assert all(set(r.milestones) <= milestones for r in register.risks)
        before = plan_dump(path)
        for kind in ("risk_actions", "decisions"):
            assert not kind_named(kind).import_file(plan, resource_path("demo", f"{kind}.csv")).applied
        assert plan_dump(path) == before
        rules = {p.rule for p in check_whole_plan(plan, load_snapshot(plan))}
        assert {"risk-review", "overdue-action", "escalation", "key-decision-notice"} <= rules
        result = kind_named("risks").import_file(plan, resource_path("demo", "risks.csv"), preview=True)
        assert sorted(result.rescored) == sorted(ref for ref, _, _ in DEMO_RISK_REVIEWS)


def test_the_register_has_a_risk_status_red_at_the_escalation_score(plan):
    from trustplanner.domain.enums import Rag
    from trustplanner.services.position import plan_position
    from trustplanner.services.risk_status import prepare_risk_position, risk_status_row

    assert prepare_risk_position(load_register(plan), date(2017, 1, 16)) is None  # no risks: no row
    add_risk(plan, replace(RISK, current=Score(1, 4)))
    assert prepare_risk_position(load_register(plan), date(2017, 1, 16)).rag is Rag.GREEN
    add_action(plan, RiskAction("R1", "Recruit", "HR", date(2017, 1, 10)))
    position = prepare_risk_position(load_register(plan), date(2017, 1, 16))
    assert (position.rag, position.commentary) == (Rag.AMBER, "1 action overdue.")
    add_risk(plan, replace(RISK, ref="R2", current=Score(5, 3)))
    row = risk_status_row(prepare_risk_position(load_register(plan), date(2017, 1, 16)))
    assert (row.area, row.this_period, row.last_period) == ("Risk", Rag.RED, None)
    assert row.commentary == "1 open risk at or above the escalation score (15); 1 action overdue."
    assert "risk red" in plan_position(plan, load_snapshot(plan)).describe()
