"""Each kind's import preview says in words what the import would do, and changes nothing."""

from datetime import date

from trustplanner.resources import resource_path
from trustplanner.services.demo import create_demo_plan
from trustplanner.services.import_preview import money_change
from trustplanner.services.kinds import KINDS, kind_named
from trustplanner.services.snapshot import load_snapshot


def test_every_kind_previews_its_demo_file_without_changing_the_plan(tmp_path):
    plan = create_demo_plan(tmp_path / "demo.tplan")
    # the demo plan holds no register yet; its actions and decisions files link to the risks file's risks
    kind_named("risks").import_file(plan, resource_path("demo", "risks.csv"))
    before = load_snapshot(plan)
    for kind in KINDS:
        preview = kind.preview(plan, resource_path("demo", f"{kind.name}.csv"))
        assert preview.kind == kind.name and not preview.rejected
        assert preview.counts and preview.counts[-1 if kind.name != "milestones" else 2][1] == "unchanged"
        assert (preview.as_of is not None) == kind.takes_date
    assert load_snapshot(plan) == before
    plan.close()


def test_a_rejected_file_gives_every_problem_and_cannot_be_imported(tmp_path):
    plan = create_demo_plan(tmp_path / "demo.tplan")
    bad = tmp_path / "bad.csv"
    bad.write_text("ref,service,employment,fte,annual_cost\nB1,Nowhere,permanent,2,x\n", encoding="utf-8")
    preview = kind_named("staff").preview(plan, bad)
    assert preview.rejected and not preview.importable and preview.added is None
    assert {(p.row, p.column) for p in preview.problems} >= {(2, "service"), (2, "fte"), (2, "annual_cost")}
    plan.close()


def test_staff_names_and_salaries_are_marked_personal(tmp_path):
    plan = create_demo_plan(tmp_path / "demo.tplan")
    preview = kind_named("staff").preview(plan, resource_path("demo", "staff-2016-10.csv"))
    assert preview.personal_data == "names and salaries"
    assert preview.added.personal == frozenset({1}) and preview.added.headers[1] == "Name"
    personal = {c.label for record in preview.changed for c in record.fields if c.personal}
    assert personal <= {"Name", "Annual cost"}
    plan.close()


def test_money_is_shown_in_whole_pounds_unless_only_the_pence_differ():
    assert money_change(4_000_000, 4_100_000) == ("£40,000", "£41,000")
    assert money_change(4_000_000, 4_000_025) == ("£40,000.00", "£40,000.25")


def test_a_budget_preview_says_the_period_its_forecasts_are_recorded_for(tmp_path):
    plan = create_demo_plan(tmp_path / "demo.tplan")
    preview = kind_named("budget").preview(plan, resource_path("demo", "budget.csv"), date(2017, 2, 13))
    assert preview.context == "forecasts recorded for P11 2016/17" and preview.importable
    assert "Lines already in the plan but not in this file are kept as they are." in preview.notes
    plan.close()


def test_an_older_monitoring_report_is_refused_in_the_preview_with_the_reason(tmp_path):
    plan = create_demo_plan(tmp_path / "demo.tplan")  # holds P9 and P10 2016/17
    preview = kind_named("budget").preview(plan, resource_path("demo", "budget-p09.csv"), date(2016, 12, 12))
    assert not preview.importable
    assert "forecasts for P10 2016/17 are already recorded" in preview.problems[0].message
    plan.close()


def test_a_milestones_preview_notes_a_reported_rag_the_dates_disagree_with(tmp_path):
    plan = create_demo_plan(tmp_path / "demo.tplan")  # status date 16/01/2017, tolerance 10
    path = tmp_path / "m.csv"
    path.write_text("ref,title,workstream,stage,baseline,forecast,rag,commentary\n"
                    "SUP-01,Support services catalogue and charges agreed,Support services,shadow,2016-12-16,"
                    "2017-01-31,amber,Charges still being costed\n", encoding="cp1252")
    preview = kind_named("milestones").preview(plan, path)
    assert preview.importable
    assert preview.notes[0].startswith("SUP-01: reported amber; the dates show red: ")
    plan.close()


def test_a_staff_import_is_offered_the_latest_extract_date_when_it_is_after_the_status_date(tmp_path, write_csv):
    from trustplanner.services.staff import import_staff

    plan = create_demo_plan(tmp_path / "demo.tplan")  # status date 16/01/2017; latest extract 16/01/2017
    staff = kind_named("staff")
    assert staff.suggested_date(plan, date(2017, 1, 16)) == date(2017, 1, 16)
    rows = resource_path("demo", "staff.csv").read_text(encoding="utf-8-sig").splitlines()
    later = tmp_path / "later.csv"
    later.write_text("\n".join(rows[:-1]) + "\n", encoding="utf-8")  # one leaver
    import_staff(plan, later, extract_date=date(2017, 1, 20))
    assert staff.suggested_date(plan, date(2017, 1, 16)) == date(2017, 1, 20)
    assert staff.suggested_date(plan, date(2017, 2, 1)) == date(2017, 2, 1)
    assert kind_named("savings").suggested_date(plan, date(2017, 1, 16)) == date(2017, 1, 16)
    plan.close()
