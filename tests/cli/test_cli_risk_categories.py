"""`trustplanner risk-categories PLAN [--add NAME | --rename OLD NEW | --remove NAME]`, and a plan's own
categories in a risks file: imported by name, refused when unknown, exported as they were read."""

from __future__ import annotations

import csv

from test_cli_risks import refused, risk

from trustplanner.io.formats.risks import RISK_COLUMNS
from trustplanner.services.risks import load_register
from trustplanner.store.plan_file import open_plan_file


def test_listing_shows_the_standard_seven_then_the_plans_own(sample_plan, cli):
    assert cli("risk-categories", sample_plan, "--add", "Placements and sufficiency").rc == 0
    result = cli("risk-categories", sample_plan)
    assert result.rc == 0, result.err
    assert result.out.splitlines() == ["Delivery", "Financial", "Workforce", "Legal and contract",
                                       "Safeguarding and quality", "Reputational", "ICT and data",
                                       "Placements and sufficiency  (the plan's own)"]


def test_add_rename_and_remove_each_say_what_they_did_and_are_undoable(sample_plan, cli):
    assert cli("risk-categories", sample_plan, "--add", "Partnership").out == "Added the risk category Partnership.\n"
    result = cli("risk-categories", sample_plan, "--rename", "partnership", "Partners")
    assert result.out == "Renamed the risk category Partnership to Partners.\n"
    assert cli("risk-categories", sample_plan, "--remove", "Partners").rc == 0
    assert "Partners" not in cli("risk-categories", sample_plan).out
    assert cli("undo", sample_plan).rc == 0
    assert cli("risk-categories", sample_plan).out.splitlines()[-1] == "Partners  (the plan's own)"


def test_removing_a_category_in_use_is_refused_and_the_plan_left_as_it_was(sample_plan, cli, write_csv, plan_dump):
    assert cli("risk-categories", sample_plan, "--add", "Partnership").rc == 0
    rows = [risk("R1", category="partnership"), risk("R2", category="Partnership")]
    assert cli("import", sample_plan, "risks", write_csv("r.csv", [RISK_COLUMNS, *rows])).rc == 0
    before = plan_dump(sample_plan)
    result = cli("risk-categories", sample_plan, "--remove", "Partnership")
    assert result.rc == 1
    assert "risks R1, R2 are in the category Partnership: give them another category first" in result.err
    assert result.err.splitlines()[-1] == "Rejected: 1 problem(s); nothing was changed."
    assert plan_dump(sample_plan) == before


def test_a_taken_name_or_a_standard_category_is_refused(sample_plan, cli, plan_dump):
    before = plan_dump(sample_plan)
    for args, message in ((("--add", "HR"), "'HR' is the standard category Workforce"),
                          (("--add", ""), "a category needs a name"),
                          (("--remove", "Delivery"), "the standard seven cannot be renamed or removed"),
                          (("--remove", "Weather"), "no risk category 'Weather' in this plan")):
        result = cli("risk-categories", sample_plan, *args)
        assert result.rc == 1 and message in result.err, (args, result.err)
    assert plan_dump(sample_plan) == before


def test_an_unknown_category_in_a_file_lists_the_plans_choices(sample_plan, cli, write_csv, plan_dump):
    assert cli("risk-categories", sample_plan, "--add", "Partnership").rc == 0
    path = write_csv("risks.csv", [RISK_COLUMNS, risk("R1"), risk("R2", category="Weather")])
    lines = refused(cli, sample_plan, plan_dump, "risks", path)
    assert lines == [f"{path}:3: category: unknown category 'Weather'; use delivery, financial, workforce, "
                     "legal and contract, safeguarding and quality, reputational, ict and data or Partnership"]


def test_the_plans_own_category_imports_by_name_and_exports_as_it_reads(sample_plan, cli, write_csv, tmp_path):
    assert cli("risk-categories", sample_plan, "--add", "Placements and sufficiency").rc == 0
    path = write_csv("risks.csv", [RISK_COLUMNS, risk("R1", category="PLACEMENTS AND SUFFICIENCY"),
                                   risk("R2", category="hr")])
    assert cli("import", sample_plan, "risks", path).rc == 0
    with open_plan_file(sample_plan) as plan:
        assert [r.category.label for r in load_register(plan).risks] == ["Placements and sufficiency", "Workforce"]
    assert cli("export", sample_plan, tmp_path / "out").rc == 0
    with (tmp_path / "out" / "risks.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert [r["category"] for r in csv.DictReader(handle)] == ["Placements and sufficiency", "workforce"]
    again = cli("import", sample_plan, "risks", tmp_path / "out" / "risks.csv")
    assert again.rc == 0 and "0 added, 0 changed, 2 unchanged" in again.out, again.out + again.err
