from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from trustplanner.domain.enums import Stage
from trustplanner.domain.model import Milestone, Programme, Service, stage_of
from trustplanner.domain.enums import DeliveryModel
from trustplanner.domain.schedule import (
    critical_path,
    describe_cycle,
    find_cycles,
    knock_on,
    topological_order,
    unknown_dependencies,
)


def ms(ref, day, deps=(), actual=None, baseline=None):
    return Milestone(ref=ref, title=ref, workstream="Governance", stage=Stage.SHADOW,
                     baseline=baseline or day, forecast=day, actual=actual, depends_on=tuple(deps))


def test_unknown_dependencies_are_named():
    found = unknown_dependencies([ms("A", date(2017, 1, 2), ["Z"]), ms("B", date(2017, 1, 3), ["A"])])
    assert [(u.ref, u.missing) for u in found] == [("A", "Z")]


def test_cycles_are_found_and_described_in_order():
    graph = {"A": ["C"], "B": ["A"], "C": ["B"], "D": ["A"], "E": ["E"]}
    cycles = find_cycles(graph)
    assert cycles == [["A", "C", "B"], ["E"]]
    assert describe_cycle(cycles[0]) == "A -> C -> B -> A"


def test_no_cycles_in_a_chain_of_ten_thousand():
    graph = {f"M{i}": [f"M{i - 1}"] if i else [] for i in range(10_000)}
    assert find_cycles(graph) == []


@given(st.dictionaries(st.sampled_from("ABCDEFG"), st.lists(st.sampled_from("ABCDEFG"), max_size=3)))
def test_graph_without_reported_cycles_has_a_topological_order(graph):
    if find_cycles(graph):
        return
    order = topological_order([ms(ref, date(2017, 1, 2), deps) for ref, deps in graph.items()])
    position = {ref: i for i, ref in enumerate(order)}
    for ref, deps in graph.items():
        for dep in deps:
            if dep in graph:
                assert position[dep] < position[ref]


def test_knock_on_pushes_dependants_transitively_and_reports_the_cause():
    plan = [
        ms("A", date(2017, 2, 20)),               # slipped predecessor
        ms("B", date(2017, 2, 10), ["A"]),        # would start before A finishes
        ms("C", date(2017, 2, 15), ["B"]),        # pushed in turn through B
        ms("D", date(2017, 3, 1), ["A"]),         # already after A: untouched
    ]
    pushes = {k.ref: k for k in knock_on(plan)}
    assert set(pushes) == {"B", "C"}
    assert pushes["B"].pushed_to == date(2017, 2, 20) and pushes["B"].caused_by == "A"
    assert pushes["C"].pushed_to == date(2017, 2, 20) and pushes["C"].caused_by == "B"
    assert pushes["B"].days == 6


def test_completed_milestones_are_never_pushed():
    plan = [ms("A", date(2017, 2, 20)), ms("B", date(2017, 1, 10), ["A"], actual=date(2017, 1, 10))]
    assert knock_on(plan) == []


def test_critical_path_follows_the_latest_predecessor():
    plan = [
        ms("A", date(2017, 1, 2)),
        ms("B", date(2017, 2, 1), ["A"]),
        ms("C", date(2017, 1, 20), ["A"]),
        ms("GO", date(2017, 2, 1), ["B", "C"]),
    ]
    path = critical_path(plan, "GO")
    assert [step.ref for step in path] == ["A", "B", "GO"]
    assert [step.float_days for step in path] == [22, 0, 0]


def test_stage_of_service_on_a_date():
    programme = Programme(council="C", trust="T", delivery_model=DeliveryModel.COUNCIL_OWNED_COMPANY,
                          go_live=date(2017, 4, 1), shadow_start=date(2016, 9, 1))
    social_care = Service("Children's social care")
    early_help = Service("Early help", go_live=date(2017, 10, 1))
    iro = Service("Independent reviewing officers", retained=True)
    assert stage_of(social_care, programme, date(2016, 8, 31)) is Stage.COUNCIL
    assert stage_of(social_care, programme, date(2016, 9, 1)) is Stage.SHADOW
    assert stage_of(social_care, programme, date(2017, 3, 31)) is Stage.SHADOW
    assert stage_of(social_care, programme, date(2017, 4, 1)) is Stage.INDEPENDENT
    assert stage_of(early_help, programme, date(2017, 6, 1)) is Stage.SHADOW
    assert stage_of(iro, programme, date(2018, 1, 1)) is Stage.RETAINED


# Go-live outlook: does the chain that drives the go-live milestone finish in time? ------------------
GO_LIVE = date(2017, 4, 3)  # a Monday


def test_go_live_on_track_gives_the_float_of_the_chain():
    from trustplanner.domain.schedule import go_live_outlook

    plan = [ms("A", date(2017, 3, 20)), ms("B", date(2017, 3, 24), ["A"]), ms("GL", GO_LIVE, ["B"])]
    outlook = go_live_outlook(plan, "GL", GO_LIVE)
    # B on Friday 24 March can slip to Friday 31 March: five working days (27-31 March)
    assert (outlook.on_track, outlook.through, outlook.float_days) == (True, "B", 5)


def test_go_live_at_risk_names_the_chain_and_how_late():
    from trustplanner.domain.schedule import go_live_outlook

    plan = [ms("A", date(2017, 4, 7)), ms("B", date(2017, 3, 1)), ms("GL", GO_LIVE, ["A", "B"])]
    outlook = go_live_outlook(plan, "GL", GO_LIVE)
    assert (outlook.on_track, outlook.through, outlook.late_days) == (False, "A", 4)  # 4-7 April
    late_goal = go_live_outlook([ms("GL", date(2017, 4, 5))], "GL", GO_LIVE)
    assert (late_goal.on_track, late_goal.through, late_goal.late_days) == (False, "GL", 2)


def test_done_steps_do_not_count_and_a_done_go_live_is_done():
    from trustplanner.domain.schedule import go_live_outlook

    plan = [ms("A", date(2017, 5, 1), actual=date(2017, 3, 1)), ms("GL", GO_LIVE, ["A"])]
    assert go_live_outlook(plan, "GL", GO_LIVE).through is None
    assert go_live_outlook([ms("GL", GO_LIVE, actual=GO_LIVE)], "GL", GO_LIVE).complete
