"""Small things a user hit on the command line (issue 10 §6): services with a template, the kinds and
date forms in the help, briefings beside the plan, dates far from the plan, wording."""

from __future__ import annotations

from datetime import date

import pytest

from trustplanner.io.values import DATE_FORMS
from trustplanner.services.kinds import KINDS


def test_new_with_a_template_and_no_services_says_how_to_add_them(cli, tmp_path):
    plan = tmp_path / "p.tplan"
    result = cli("new", plan, "--council", "C", "--trust", "T", "--go-live", "01/04/2027", "--template")
    assert result.rc == 0, result.err
    assert f"trustplanner import {plan} services FILE" in result.out
    assert "--service NAME" in result.out


def test_new_with_services_creates_them(cli, tmp_path):
    plan = tmp_path / "p.tplan"
    result = cli("new", plan, "--council", "C", "--trust", "T", "--go-live", "01/04/2027", "--template",
                 "--service", "Early help", "--service", "Children's social care")
    assert result.rc == 0, result.err
    assert "2 services (Early help, Children's social care)" in result.out
    assert "No services yet" not in result.out
    assert cli("export", plan, tmp_path / "out").rc == 0
    text = (tmp_path / "out" / "services.csv").read_text(encoding="utf-8-sig")
    assert "Early help" in text and "Children's social care" in text


def test_import_help_lists_every_kind_in_the_registry(cli):
    result = cli("import", "--help")
    assert result.rc == 0
    for kind in KINDS:
        assert kind.name in result.out


def _date_options(parser):  # noqa: ANN001, ANN202
    from trustplanner.cli import _date_arg

    for name, command in parser._subparsers._group_actions[0].choices.items():
        for action in command._actions:
            if action.type is _date_arg:
                yield name, action


def test_every_date_option_says_the_forms_it_takes(cli):
    from trustplanner.cli import build_parser

    options = list(_date_options(build_parser()))
    assert len(options) >= 10
    for name, action in options:
        assert DATE_FORMS in action.help, (name, action.option_strings)
    shown = " ".join(cli("set", "--help").out.split())
    assert " ".join(f"--status-date DATE {DATE_FORMS}".split()) in shown


def test_t_means_today_on_the_command_line_as_in_the_app(cli, sample_plan):
    result = cli("check", sample_plan, "--as-of", "t")
    assert f"as of {date.today():%d/%m/%Y}" in result.out + result.err


def test_briefing_without_output_is_written_beside_the_plan(cli, sample_plan):
    result = cli("briefing", sample_plan, "--meeting", "20/01/2017", "--issue")
    assert result.rc == 0, result.err
    out = sample_plan.resolve().parent / "Cabinet briefing 2017-01-20.pdf"
    assert out.is_file() and str(out) in result.out
    again = cli("briefing", sample_plan, "--meeting", "20/01/2017", "--issue")
    assert again.rc == 0, again.err
    assert (sample_plan.resolve().parent / "Cabinet briefing 2017-01-20 (2).pdf").is_file()  # never overwrites
    draft = cli("briefing", sample_plan, "--meeting", "20/01/2017")
    assert draft.rc == 0 and "DRAFT" in draft.out
    assert (sample_plan.resolve().parent / "Cabinet briefing 2017-01-20 (draft).pdf").is_file()


@pytest.mark.parametrize(("option", "day"), [("--status-date", "01/01/2071"), ("--shadow", "01/01/2001")])
def test_set_refuses_a_date_far_from_the_plan_with_the_reason(cli, sample_plan, plan_dump, option, day):
    before = plan_dump(sample_plan)
    result = cli("set", sample_plan, option, day)
    assert result.rc == 1
    assert f"{day} is outside this plan's dates (01/01/2012 to 01/04/2027" in result.err
    assert "status_date" not in result.err
    assert plan_dump(sample_plan) == before


def test_set_error_names_the_detail_in_words(cli, sample_plan):
    result = cli("set", sample_plan, "--shadow", "01/05/2017")  # after go-live
    assert result.rc == 1
    assert "programme: shadow start:" in result.err


def test_a_milestone_file_with_dates_far_from_the_plan_is_imported_and_flagged(cli, sample_plan, write_csv):
    header = ["ref", "title", "workstream", "service", "stage", "owner", "baseline", "forecast", "actual",
              "depends_on", "rag", "commentary"]
    path = write_csv("far.csv", [header, ["M9", "Far", "Finance", "", "shadow", "", "2071-02-01",
                                                    "2071-02-01", "", "", "", ""]])
    result = cli("import", sample_plan, "milestones", path)
    assert result.rc == 0, result.err
    assert "1 added" in result.out
    assert "Check: M9: baseline 01/02/2071 is outside this plan's dates" in result.out


def test_import_problems_name_the_column_as_the_file_heads_it(cli, sample_plan, write_csv):
    """The FILE:ROW: column: form keeps what the user typed in the header ("Depends On"), never the id."""
    header = ["Ref", "Title", "Workstream", "Service", "Stage", "Owner", "Baseline", "Forecast", "Actual",
              "Depends On", "RAG", "Commentary"]
    path = write_csv("typed.csv", [header, ["M9", "Nine", "Finance", "", "shadow", "", "2017-02-01", "", "",
                                            "M99", "", ""]])
    result = cli("import", sample_plan, "milestones", path)
    assert result.rc == 1
    assert f"{path}:2: Depends On: " in result.err
    assert "depends_on" not in result.err


def test_edit_problems_never_show_internal_ids(sample_plan):
    from trustplanner.domain.problems import ValidationFailed
    from trustplanner.services.milestones import update_milestone
    from trustplanner.services.snapshot import load_snapshot
    from trustplanner.store.plan_file import open_plan_file
    from dataclasses import replace

    with open_plan_file(sample_plan) as plan:
        m3 = load_snapshot(plan).milestone("M3")
        with pytest.raises(ValidationFailed) as caught:
            update_milestone(plan, "M3", replace(m3, depends_on=("M99",)))
    text = str(caught.value)
    assert ": depends on: " in text and "depends_on" not in text


def test_new_with_a_refused_service_leaves_no_plan(cli, tmp_path):
    plan = tmp_path / "p.tplan"
    result = cli("new", plan, "--council", "C", "--trust", "T", "--go-live", "01/04/2027",
                 "--service", "Early help", "--service", "early help")
    assert result.rc == 1
    assert "early help" in result.err.casefold()
    assert not plan.exists()
