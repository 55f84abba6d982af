"""Preparing, producing and recording the cabinet briefing."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader

from trustplanner.domain.enums import DeliveryModel, Rag, Stage
from trustplanner.domain.model import Milestone, Programme, Service
from trustplanner.domain.problems import PlanFileError, TrustPlannerError, ValidationFailed
from trustplanner.briefing import document as briefing_document
from trustplanner.services import briefings
from trustplanner.services.briefings import list_briefings, prepare_briefing, produce_briefing
from trustplanner.store.milestone_store import write_milestones
from trustplanner.services.plans import new_plan, update_programme
from trustplanner.services.snapshot import PlanSnapshot, load_snapshot
from trustplanner.store.plan_file import open_plan_file

AS_OF = date(2017, 1, 10)
PROGRAMME = Programme(
    council="Sunderland City Council", trust="Together for Children Sunderland",
    delivery_model=DeliveryModel.COUNCIL_OWNED_COMPANY, go_live=date(2017, 4, 3),
    shadow_start=date(2016, 9, 1), status_date=AS_OF, marking="OFFICIAL",
)


def ms(ref: str, baseline: date, forecast: date | None = None, actual: date | None = None,
       depends_on: tuple[str, ...] = ()) -> Milestone:
    return Milestone(ref, f"Milestone {ref}", "Governance", Stage.SHADOW, baseline, forecast or baseline,
                     actual=actual, depends_on=depends_on)


def snap(*milestones: Milestone, services: tuple[Service, ...] = ()) -> PlanSnapshot:
    return PlanSnapshot(PROGRAMME, services, milestones)


def refs(lines) -> list[str]:
    return [line.ref for line in lines]


def pdf_text(path) -> str:
    return re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in PdfReader(path).pages))


# prepare_briefing ----------------------------------------------------------------------------

def test_prepare_defaults_to_the_status_date_and_the_programme_marking():
    data = prepare_briefing(snap(ms("A", date(2017, 2, 1))))
    assert data.header.as_of == AS_OF
    assert data.header.meeting == AS_OF
    assert data.header.marking == "OFFICIAL"
    assert data.header.report_of == "Director of Children's Services"


def test_prepare_takes_the_given_meeting_marking_and_author():
    data = prepare_briefing(snap(), as_of=AS_OF, meeting=date(2017, 1, 17), marking=" OFFICIAL-SENSITIVE ",
                            author="Strategic Director of People")
    assert (data.header.meeting, data.header.marking, data.header.report_of) == (
        date(2017, 1, 17), "OFFICIAL-SENSITIVE", "Strategic Director of People")


def test_meeting_before_the_position_date_is_refused():
    with pytest.raises(ValidationFailed, match="meeting"):
        prepare_briefing(snap(), as_of=AS_OF, meeting=date(2017, 1, 9))


def test_overdue_and_due_next_never_share_a_milestone():
    data = prepare_briefing(snap(
        ms("LATE", date(2016, 12, 1)),
        ms("TODAY", AS_OF),
        ms("SOON", date(2017, 3, 1)),
        ms("EDGE", date(2017, 4, 10)),  # exactly 90 days on
        ms("FAR", date(2017, 4, 11)),
        ms("DONE", date(2016, 12, 1), actual=date(2016, 12, 1)),
    ), as_of=AS_OF)
    assert refs(data.milestones.overdue) == ["LATE"]
    assert refs(data.milestones.due_next) == ["TODAY", "SOON", "EDGE"]
    assert data.milestones.overdue[0].overdue_days == 25  # Christmas and New Year bank holidays excluded
    assert data.milestones.overdue[0].rag is Rag.RED


def test_first_briefing_lists_completions_of_the_last_30_days():
    data = prepare_briefing(snap(
        ms("NEW", date(2017, 1, 5), actual=date(2017, 1, 5)),
        ms("EDGE", date(2016, 12, 11), actual=date(2016, 12, 11)),  # exactly 30 days back: excluded
        ms("OLD", date(2016, 11, 1), actual=date(2016, 11, 1)),
    ), as_of=AS_OF)
    assert not data.milestones.since_last_briefing
    assert refs(data.milestones.completed) == ["NEW"]


def test_later_briefing_lists_completions_since_the_last_one():
    data = prepare_briefing(snap(
        ms("NEW", date(2017, 1, 5), actual=date(2017, 1, 5)),
        ms("OLDER", date(2016, 11, 1), actual=date(2016, 11, 2)),
        ms("BEFORE", date(2016, 10, 1), actual=date(2016, 10, 31)),
    ), as_of=AS_OF, last_briefing_as_of=date(2016, 11, 1), last_overall=Rag.AMBER)
    assert data.milestones.since_last_briefing
    assert refs(data.milestones.completed) == ["OLDER", "NEW"]
    overall, milestones = data.status
    assert (overall.area, overall.last_period) == ("Overall", Rag.AMBER)
    assert milestones.last_period is Rag.AMBER


def test_a_last_briefing_that_is_not_earlier_is_ignored():
    data = prepare_briefing(snap(), as_of=AS_OF, last_briefing_as_of=AS_OF, last_overall=Rag.RED)
    assert data.last_briefing_as_of is None
    assert all(row.last_period is None for row in data.status)


def test_slipped_lists_open_milestones_largest_slip_first():
    data = prepare_briefing(snap(
        ms("SMALL", date(2017, 2, 1), date(2017, 2, 3)),
        ms("BIG", date(2017, 2, 1), date(2017, 3, 1)),
        ms("EARLY", date(2017, 2, 1), date(2017, 1, 20)),
        ms("LATE-DONE", date(2016, 12, 1), actual=date(2016, 12, 20)),
    ), as_of=AS_OF)
    assert refs(data.milestones.slipped) == ["BIG", "SMALL"]
    assert data.milestones.slipped[0].slippage_days == 20


def test_knock_on_names_the_pushed_dependants_and_where_the_slip_began():
    data = prepare_briefing(snap(
        ms("A", date(2017, 2, 1), date(2017, 3, 1)),
        ms("B", date(2017, 2, 10), depends_on=("A",)),
        ms("C", date(2017, 2, 20), depends_on=("B",)),
        ms("D", date(2017, 3, 20), depends_on=("A",)),
    ), as_of=AS_OF)
    pushes = {k.ref: k for k in data.milestones.knock_ons}
    assert set(pushes) == {"B", "C"}
    assert pushes["B"].pushed_to == date(2017, 3, 1) and pushes["B"].caused_by == "A"
    assert (pushes["C"].caused_by, pushes["C"].root) == ("B", "A")
    assert pushes["C"].working_days == 7


def test_a_dependency_loop_is_reported_instead_of_knock_on():
    data = prepare_briefing(snap(
        ms("A", date(2017, 2, 1), depends_on=("B",)),
        ms("B", date(2017, 2, 2), depends_on=("A",)),
    ), as_of=AS_OF)
    assert data.milestones.knock_ons == ()
    assert "loop" in data.milestones.knock_on_note


def test_overall_status_follows_the_milestones():
    green = prepare_briefing(snap(ms("A", date(2017, 2, 1))), as_of=AS_OF)
    red = prepare_briefing(snap(ms("A", date(2016, 12, 1)), ms("B", date(2017, 2, 1))), as_of=AS_OF)
    assert (green.overall, red.overall, red.milestones_rag) == (Rag.GREEN, Rag.RED, Rag.RED)


def test_services_carry_their_stage_on_the_as_of_date():
    data = prepare_briefing(snap(services=(
        Service("Social care"),
        Service("QA and performance", go_live=date(2017, 10, 2)),
        Service("Early help", shadow=date(2017, 2, 1)),
        Service("Reviewing officers", retained=True),
    )), as_of=AS_OF)
    stages = {line.name: line.stage for line in data.services}
    assert stages == {"Social care": Stage.SHADOW, "QA and performance": Stage.SHADOW,
                      "Early help": Stage.COUNCIL, "Reviewing officers": Stage.RETAINED}
    retained = data.services[-1]
    assert retained.shadow is None and retained.go_live is None


def test_recommendations_cite_recovery_actions_only_where_some_are_recorded():
    data = prepare_briefing(snap(ms("LATE", date(2016, 12, 1)), ms("B", date(2017, 2, 1))), as_of=AS_OF)
    text = " ".join(data.recommendations)
    assert "LATE" in text and "recovery" not in text  # nothing recorded: nothing cited
    assert data.recommendations[-1].endswith(".")
    late = replace(ms("LATE", date(2016, 12, 1)), commentary="Actuary chased; report due 20 Jan")
    text = " ".join(prepare_briefing(snap(late, ms("B", date(2017, 2, 1))), as_of=AS_OF).recommendations)
    assert "LATE) and the recovery actions recorded for them" in text
    other = ms("ALSO", date(2016, 12, 2))
    text = " ".join(prepare_briefing(snap(late, other), as_of=AS_OF).recommendations)
    assert "recovery actions recorded for LATE (none yet for the others)" in text


# produce_briefing on a plan file --------------------------------------------------------------

@pytest.fixture
def plan(tmp_path):
    with new_plan(tmp_path / "plan.tplan", council="Sunderland City Council",
                  trust="Together for Children Sunderland", go_live=date(2017, 4, 3),
                  shadow_start=date(2016, 9, 1), status_date=date(2016, 12, 1),
                  marking="OFFICIAL-SENSITIVE", template=True) as plan:
        yield plan


def edit(plan, **changes_by_ref):
    snapshot = load_snapshot(plan)
    with plan.transaction() as session:
        write_milestones(session, [replace(snapshot.milestone(ref), **changes) for ref, changes in changes_by_ref.items()])


def test_produce_writes_the_pdf_and_records_the_briefing(plan, tmp_path):
    out = tmp_path / "briefing.pdf"
    issued = produce_briefing(plan, out, meeting=date(2016, 12, 13), issue=True)
    assert out.read_bytes().startswith(b"%PDF")
    assert issued.path == out and issued.as_of == date(2016, 12, 1) and issued.meeting == date(2016, 12, 13)
    assert issued.pages == len(PdfReader(out).pages) >= 2
    [record] = list_briefings(plan)
    assert (record.as_of, record.meeting, record.marking) == (date(2016, 12, 1), date(2016, 12, 13), "OFFICIAL-SENSITIVE")
    assert record.path == out.resolve() and record.file_exists
    assert record.overall is issued.overall
    assert "OFFICIAL-SENSITIVE" in pdf_text(out)
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".part"] == []


def test_next_briefing_lists_completions_since_the_last_and_its_status(plan, tmp_path):
    first = produce_briefing(plan, tmp_path / "december.pdf", issue=True)
    edit(plan, **{"HR-01": {"actual": date(2016, 12, 5)}, "GOV-07": {"actual": date(2016, 12, 20)}})
    update_programme(plan, status_date=date(2017, 1, 10))
    produce_briefing(plan, tmp_path / "january.pdf", issue=True)
    text = pdf_text(tmp_path / "january.pdf")
    completed = text[text.index("Completed since the last briefing"):text.index("Due in the next 90 days")]
    assert "after 1 December 2016" in completed
    assert "HR-01" in completed and "GOV-07" in completed
    assert "Last period is the status reported in the briefing as at 1 December 2016" in text
    summary = text[text.index("Status this period"):text.index("Services and stages")]
    assert summary.count(f"{first.overall.label.upper()} ({first.overall.letter})") >= 2


def test_a_briefing_at_the_same_position_date_is_not_the_last_briefing(plan, tmp_path):
    produce_briefing(plan, tmp_path / "one.pdf", issue=True)
    produce_briefing(plan, tmp_path / "two.pdf", issue=True)
    text = pdf_text(tmp_path / "two.pdf")
    assert "Completed in the last 30 days" in text
    assert "no last period" in text


def test_briefings_are_listed_newest_first(plan, tmp_path):
    produce_briefing(plan, tmp_path / "one.pdf", issue=True)
    produce_briefing(plan, tmp_path / "two.pdf", as_of=date(2016, 12, 15), issue=True)
    assert [r.path.name for r in list_briefings(plan)] == ["two.pdf", "one.pdf"]


def test_a_failed_render_leaves_no_file_and_no_record(plan, tmp_path, monkeypatch):
    out = tmp_path / "briefing.pdf"

    def broken_render(data, stream):
        stream.write(b"%PDF-1.4 half a document")
        raise RuntimeError("renderer fell over")

    monkeypatch.setattr(briefing_document, "render_briefing", broken_render)
    with pytest.raises(RuntimeError):
        produce_briefing(plan, out, issue=True)
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.tplan"]
    assert list_briefings(plan) == []


def test_a_failed_render_keeps_the_earlier_file_of_the_same_name(plan, tmp_path, monkeypatch):
    out = tmp_path / "briefing.pdf"
    produce_briefing(plan, out, issue=True)
    before = out.read_bytes()
    monkeypatch.setattr(briefing_document, "render_briefing", lambda data, stream: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        produce_briefing(plan, out, issue=True)
    assert out.read_bytes() == before
    assert len(list_briefings(plan)) == 1


def test_a_failed_move_into_place_records_nothing(plan, tmp_path, monkeypatch):
    def no_replace(src, dst):
        raise PermissionError("the file is open in another program")

    monkeypatch.setattr(briefings.os, "replace", no_replace)
    with pytest.raises(TrustPlannerError, match=r"briefing\.pdf: cannot be written .*close it and try again"):
        produce_briefing(plan, tmp_path / "briefing.pdf", issue=True)
    assert list_briefings(plan) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.tplan"]


def test_a_missing_folder_is_reported_before_anything_is_written(plan, tmp_path):
    with pytest.raises(TrustPlannerError, match="does not exist"):
        produce_briefing(plan, tmp_path / "nowhere" / "briefing.pdf", issue=True)
    assert list_briefings(plan) == []


def test_a_read_only_plan_refuses_before_writing_anything(plan, tmp_path):
    plan.close()
    with open_plan_file(tmp_path / "plan.tplan", read_only=True) as readonly:
        with pytest.raises(PlanFileError, match="read-only"):
            produce_briefing(readonly, tmp_path / "briefing.pdf", issue=True)
        assert list_briefings(readonly) == []
    assert not (tmp_path / "briefing.pdf").exists()


def test_read_only_plan_prints_a_briefing_without_recording_it(tmp_path):
    from trustplanner.services.demo import create_demo_plan
    from trustplanner.store.plan_file import open_plan_file

    path = tmp_path / "ro.tplan"
    create_demo_plan(path).close()
    with open_plan_file(path, read_only=True) as plan:
        issued = produce_briefing(plan, tmp_path / "ro.pdf")
        assert issued.path.is_file() and issued.pages >= 1
        assert list_briefings(plan) == []


def test_critical_path_to_go_live_lists_the_open_driving_chain(tmp_path):
    from trustplanner.services.demo import create_demo_plan
    from trustplanner.services.snapshot import load_snapshot

    with create_demo_plan(tmp_path / "demo.tplan") as plan:
        data = prepare_briefing(load_snapshot(plan))
    [path] = data.milestones.critical_paths
    assert path.target == "GOV-12"
    # GOV-12 (go-live) is driven by the go/no-go, which waits on the occupation licences, which wait
    # on the shareholder agreement; everything before that is complete.
    assert [step.ref for step in path.steps] == ["LEG-03", "PRO-01", "GOV-11", "GOV-12"]
    assert [step.float_days for step in path.steps] == [15, 3, 7, 0]
    assert not any(step.complete for step in path.steps)


def test_overall_status_is_the_worst_area_so_a_red_budget_is_not_hidden(tmp_path):
    from trustplanner.domain.budget import BudgetLine
    from trustplanner.services.budget import FinanceSnapshot
    from trustplanner.services.plans import add_services
    from trustplanner.services.snapshot import load_snapshot

    with new_plan(tmp_path / "p.tplan", council="C", trust="T", go_live=date(2018, 4, 1),
                  shadow_start=date(2017, 10, 1), status_date=date(2016, 4, 4), template=True) as plan:
        add_services(plan, [Service("Children's social care")])
        snapshot = load_snapshot(plan)
    # every milestone is in the future and on baseline: green
    overspend = BudgetLine("Children's social care", 2016, "CSC1", "Placements", 10_000_000_00, 11_000_000_00, True)
    data = prepare_briefing(snapshot, finance=FinanceSnapshot((overspend,), {}, (), (), {}))
    rows = {row.area: row for row in data.status}
    assert rows["Milestones"].this_period is Rag.GREEN
    assert rows["Finance"].this_period is Rag.RED  # a 10% overspend
    assert data.overall is Rag.RED and rows["Overall"].this_period is Rag.RED
    assert rows["Overall"].rule.startswith("the worst of the areas' statuses")
