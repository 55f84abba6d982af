"""`trustplanner import PLAN risks|risk_actions|decisions FILE`, export and check.

Each refusal exits 1, prints ``FILE:ROW: column: message`` lines, and leaves the plan file
byte-for-byte as it was (compared as an SQL dump). The sample plan (tests/conftest.py) holds
milestones M1–M5 and the services Children's social care, Early help and Adoption agency; its
status date is 16/01/2017.
"""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest

from trustplanner.io.formats.decisions import COLUMNS as DECISION_COLUMNS
from trustplanner.io.formats.risks import ACTION_COLUMNS, RISK_COLUMNS

CSC = "Children's social care"


def risk(ref: str, **cells: str) -> list[str]:
    values = {"ref": ref, "title": "Agency social workers leave at go-live", "cause": "Because a third are agency",
              "event": "there is a risk that they leave", "effect": "resulting in high caseloads",
              "category": "workforce", "owner": "Director of Children's Social Care", "raised": "2016-09-01",
              "status": "open", "proximity": "before go-live", "response": "treat",
              "controls": "Recruitment cohort; weekly caseload report", "inherent_likelihood": "5",
              "inherent_impact": "4", "likelihood": "3", "impact": "4", "target_likelihood": "2",
              "target_impact": "4", "review_by": "2017-02-13", "milestones": "M3;M5", "services": CSC}
    unknown = set(cells) - set(values)
    assert not unknown, unknown
    values.update(cells)
    return [values[c] for c in RISK_COLUMNS]


def action(risk_ref: str, text: str, **cells: str) -> list[str]:
    values = {"risk": risk_ref, "action": text, "owner": "HR Director", "due": "2017-02-01", "status": "open"}
    values.update(cells)
    return [values[c] for c in ACTION_COLUMNS]


def decision(ref: str, **cells: str) -> list[str]:
    values = {"ref": ref, "title": "Contract sum", "decision": "Recommend the contract sum", "forum": "cabinet",
              "status": "needed", "needed_by": "2017-02-15", "made_on": "", "key_decision": "yes",
              "reasons": "Needed before go-live", "options": "Fixed; demand-led", "exempt": "paragraph 3",
              "milestones": "M3", "risks": "R1"}
    values.update(cells)
    return [values[c] for c in DECISION_COLUMNS]


GOOD_RISKS = [risk("R1"), risk("R2", title="Contract not signed", category="legal and contract", likelihood="high",
                              impact="very high", milestones="M4", services="", proximity="2017-03-10",
                              inherent_likelihood="", inherent_impact="", status="occurred")]


@pytest.fixture
def risk_plan(sample_plan, cli, write_csv):
    result = cli("import", sample_plan, "risks", write_csv("first-risks.csv", [RISK_COLUMNS, *GOOD_RISKS]))
    assert result.rc == 0, result.err
    return sample_plan


def lines_for(err: str, path: Path) -> list[str]:
    return [text for text in err.splitlines() if text.startswith(str(path))]


def refused(cli, plan, plan_dump, kind, path):
    before = plan_dump(plan)
    result = cli("import", plan, kind, path)
    assert result.rc == 1, result.out
    assert plan_dump(plan) == before
    return lines_for(result.err, path)


# Risks ----------------------------------------------------------------------------------------

def test_risks_import_and_export_in_the_import_format(risk_plan, cli, tmp_path):
    result = cli("export", risk_plan, tmp_path / "out")
    assert result.rc == 0, result.err
    with (tmp_path / "out" / "risks.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["ref"] for r in rows] == ["R1", "R2"]
    r2 = rows[1]
    assert (r2["category"], r2["likelihood"], r2["impact"], r2["status"], r2["proximity"], r2["milestones"]) == (
        "legal_contract", "4", "5", "occurred", "2017-03-10", "M4")
    assert rows[0]["proximity"] == "before go-live" and rows[0]["services"] == CSC


@pytest.mark.parametrize(("cells", "column", "message"), [
    ({"likelihood": "6"}, "likelihood", "6 is outside the scale: scores are whole numbers 1 to 5 (or very low, low, "
                                        "medium, high, very high)"),
    ({"impact": "0"}, "impact", "0 is outside the scale"),
    ({"target_impact": "2.5"}, "target_impact", "'2.5' is not a whole number"),
    ({"inherent_likelihood": "extreme"}, "inherent_likelihood", "'extreme' is not a score"),
    ({"inherent_impact": ""}, "inherent_impact", "give both likelihood and impact, or neither"),
    ({"likelihood": ""}, "likelihood", "likelihood is required"),
    ({"milestones": "M3;M99"}, "milestones", "unknown milestone 'M99' (not a milestone ref or title in this plan)"),
    ({"services": "Youth offending"}, "services", "unknown service 'Youth offending'"),
    ({"category": "weather"}, "category", "unknown category 'weather'; use delivery, financial, workforce"),
    ({"status": "maybe"}, "status", "unknown status 'maybe'"),
    ({"response": "ignore"}, "response", "unknown response 'ignore'; use treat, tolerate, transfer or terminate"),
    ({"proximity": "soon"}, "proximity", "'soon' is not a date, before go-live or after go-live"),
    ({"owner": ""}, "owner", "a risk needs one owner"),
    ({"review_by": "31/02/2017"}, "review_by", "is not a real date"),
])
def test_a_bad_risk_row_is_refused_and_the_plan_left_as_it_was(sample_plan, cli, write_csv, plan_dump, cells,
                                                                column, message):
    path = write_csv("risks.csv", [RISK_COLUMNS, risk("R1"), risk("R2", **cells)])
    lines = refused(cli, sample_plan, plan_dump, "risks", path)
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{path}:3: {column}: ")
    assert message in lines[0]


def test_every_bad_row_is_listed(sample_plan, cli, write_csv, plan_dump):
    path = write_csv("risks.csv", [RISK_COLUMNS, risk("R1", likelihood="9"), risk("R1"), risk("R3", milestones="X")])
    lines = refused(cli, sample_plan, plan_dump, "risks", path)
    assert [line.split(": ")[1] for line in lines] == ["likelihood", "ref", "milestones"]


def test_milestones_and_services_link_by_ref_or_name(sample_plan, cli, write_csv, tmp_path):
    path = write_csv("risks.csv", [RISK_COLUMNS, risk("R1", milestones="contract sum agreed; M5",
                                                       services="early help;Children's social care")])
    assert cli("import", sample_plan, "risks", path).rc == 0
    cli("export", sample_plan, tmp_path / "out")
    with (tmp_path / "out" / "risks.csv").open(encoding="utf-8-sig", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert (row["milestones"], row["services"]) == ("M3;M5", "Children's social care;Early help")


def test_reimporting_the_same_file_changes_nothing_and_says_so(sample_plan, cli, write_csv, plan_dump):
    path = write_csv("risks.csv", [RISK_COLUMNS, *GOOD_RISKS])
    assert cli("import", sample_plan, "risks", path).rc == 0
    before = plan_dump(sample_plan)
    result = cli("import", sample_plan, "risks", path)
    assert result.rc == 0
    assert "risks: 0 added, 0 changed, 2 unchanged" in result.out
    assert "Nothing changed" in result.out
    assert plan_dump(sample_plan) == before


def test_a_rescore_through_import_is_recorded_as_a_review(risk_plan, cli, write_csv):
    path = write_csv("risks.csv", [RISK_COLUMNS, risk("R1", likelihood="4", impact="5"), GOOD_RISKS[1]])
    result = cli("import", risk_plan, "risks", path, "--as-of", "2017-01-20")
    assert result.rc == 0, result.err
    assert "1 changed" in result.out and "1 re-score recorded as review on 20/01/2017" in result.out
    db = sqlite3.connect(risk_plan)
    assert db.execute("SELECT reviewed_on, before_likelihood, before_impact, after_likelihood, after_impact, note "
                      "FROM risk_review").fetchall() == [("2017-01-20", 3, 4, 4, 5, "Re-scored by the import of "
                                                                                  "risks.csv")]
    # a change that is not a re-score records no review
    path = write_csv("risks2.csv", [RISK_COLUMNS, risk("R1", likelihood="4", impact="5", title="New title")])
    result = cli("import", risk_plan, "risks", path)
    assert "re-score" not in result.out
    assert db.execute("SELECT count(*) FROM risk_review").fetchone() == (1,)


def test_risks_from_a_workbook_and_from_windows_1252(sample_plan, cli, write_xlsx, write_csv):
    book = write_xlsx("register.xlsx", {"risks": [RISK_COLUMNS, risk("R1", controls="£16m investment")]})
    result = cli("import", sample_plan, "risks", book)
    assert result.rc == 0, result.err
    legacy = write_csv("legacy.csv", [RISK_COLUMNS, risk("R1", controls="£16m investment", title="Changed")],
                       encoding="cp1252")
    result = cli("import", sample_plan, "risks", legacy)
    assert result.rc == 0, result.err
    assert "1 changed" in result.out


def test_a_blank_cell_keeps_the_plans_value_unless_asked(risk_plan, cli, write_csv, tmp_path):
    path = write_csv("risks.csv", [RISK_COLUMNS, risk("R1", controls="")])
    result = cli("import", risk_plan, "risks", path)
    assert result.rc == 0 and "Kept: 1 blank cell kept the plan's values: controls (R1)" in result.out
    result = cli("import", risk_plan, "risks", path, "--blank", "clear")
    assert result.rc == 0 and "1 changed" in result.out


# Actions --------------------------------------------------------------------------------------

def test_actions_import_and_are_known_by_risk_and_wording(risk_plan, cli, write_csv):
    path = write_csv("actions.csv", [ACTION_COLUMNS, action("R1", "Second cohort in post"),
                                     action("R1", "Agency conversion offer", status="done"), action("r2", "Chase")])
    result = cli("import", risk_plan, "risk_actions", path)
    assert result.rc == 0, result.err
    assert "risk_actions: 3 added" in result.out
    path = write_csv("actions2.csv", [ACTION_COLUMNS, action("R1", "second cohort in post", due="2017-03-01")])
    result = cli("import", risk_plan, "risk_actions", path)
    assert "0 added, 1 changed, 0 unchanged" in result.out


@pytest.mark.parametrize(("cells", "column", "message"), [
    ({"risk": "R9"}, "risk", "unknown risk 'R9' (not a risk ref in this plan: import the risks first)"),
    ({"action": ""}, "action", "action is required"),
    ({"due": "next week"}, "due", "'next week' is not a date"),
    ({"status": "started"}, "status", "unknown status 'started'; use open, done or cancelled"),
])
def test_a_bad_action_row_is_refused(risk_plan, cli, write_csv, plan_dump, cells, column, message):
    row = action(cells.pop("risk", "R1"), cells.pop("action", "Chase"), **cells)
    path = write_csv("actions.csv", [ACTION_COLUMNS, row])
    lines = refused(cli, risk_plan, plan_dump, "risk_actions", path)
    assert len(lines) == 1 and lines[0].startswith(f"{path}:2: {column}: {message}")


def test_the_same_action_twice_in_a_file_is_refused(risk_plan, cli, write_csv, plan_dump):
    path = write_csv("actions.csv", [ACTION_COLUMNS, action("R1", "Chase"), action("R1", "chase")])
    assert refused(cli, risk_plan, plan_dump, "risk_actions", path) == [
        f"{path}:3: action: the same action for R1 is also on row 2"]


# Decisions ------------------------------------------------------------------------------------

def test_decisions_import_with_forums_meetings_and_exemptions(risk_plan, cli, write_csv, tmp_path):
    path = write_csv("decisions.csv", [DECISION_COLUMNS, decision("D1"),
                                       decision("D2", forum="Delegated officer: Director of HR", status="made",
                                                made_on="2017-01-05", needed_by="", key_decision="no", exempt="no",
                                                risks=""),
                                       decision("D3", needed_by="Cabinet 8 February 2017", exempt="yes"),
                                       decision("D4", forum="DfE or commissioner", needed_by="Commissioner's review",
                                                key_decision="no", exempt="")])
    result = cli("import", risk_plan, "decisions", path)
    assert result.rc == 0, result.err
    cli("export", risk_plan, tmp_path / "out")
    with (tmp_path / "out" / "decisions.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = {r["ref"]: r for r in csv.DictReader(handle)}
    assert rows["D1"]["exempt"] == "paragraph 3" and rows["D1"]["forum"] == "Cabinet"
    assert rows["D2"]["forum"] == "delegated officer: Director of HR"
    assert rows["D3"]["needed_by"] == "Cabinet 8 February 2017" and rows["D3"]["exempt"] == "yes"
    assert rows["D4"]["forum"] == "DfE or commissioner" and rows["D4"]["exempt"] == "no"


@pytest.mark.parametrize(("cells", "column", "message"), [
    ({"status": "made", "made_on": ""}, "made_on", "a made decision needs made_on, the date it was made"),
    ({"needed_by": ""}, "needed_by", "a needed decision needs needed_by: the date or the meeting it is needed by"),
    ({"milestones": "M42"}, "milestones", "unknown milestone 'M42' (not a milestone ref or title in this plan)"),
    ({"risks": "R1;R77"}, "risks", "unknown risk 'R77' (not a risk ref in this plan: import the risks first)"),
    ({"forum": "parish council"}, "forum", "unknown forum 'parish council'; use cabinet, shadow board"),
    ({"status": "pending"}, "status", "unknown status 'pending'; use needed, made, deferred or superseded"),
    ({"exempt": "paragraph 9"}, "exempt", "Schedule 12A has paragraphs 1 to 7, not 9"),
    ({"exempt": "secret"}, "exempt", "'secret' is not no, yes or a paragraph of Schedule 12A"),
    ({"key_decision": "perhaps"}, "key_decision", "'perhaps' is not yes or no"),
    ({"made_on": "2017-13-01", "status": "made"}, "made_on", "is not a real date"),
    ({"needed_by": "32/01/2017"}, "needed_by", "'32/01/2017' is not a real date"),
])
def test_a_bad_decision_row_is_refused(risk_plan, cli, write_csv, plan_dump, cells, column, message):
    path = write_csv("decisions.csv", [DECISION_COLUMNS, decision("D1"), decision("D2", **cells)])
    lines = refused(cli, risk_plan, plan_dump, "decisions", path)
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{path}:3: {column}: ")
    assert message in lines[0]


# Round trip and check -------------------------------------------------------------------------

def test_export_import_export_is_byte_identical(risk_plan, cli, write_csv, tmp_path):
    assert cli("risk-categories", risk_plan, "--add", "Placements, sufficiency & \"costs\"").rc == 0
    tricky = risk("R3", cause='=HYPERLINK("x")', controls="Line one\nLine two, with a comma and \"quotes\"",
                  title="+44 helpline", milestones="M5;M1", category="placements, sufficiency & \"costs\"")
    assert cli("import", risk_plan, "risks", write_csv("more.csv", [RISK_COLUMNS, tricky])).rc == 0
    assert cli("import", risk_plan, "risk_actions", write_csv("a.csv", [ACTION_COLUMNS, action("R3", "-call")])).rc == 0
    assert cli("import", risk_plan, "decisions", write_csv("d.csv", [DECISION_COLUMNS, decision("D1")])).rc == 0
    assert cli("export", risk_plan, tmp_path / "one").rc == 0
    fresh = tmp_path / "fresh.tplan"
    fresh.write_bytes(Path(risk_plan).read_bytes())
    import sqlite3 as db

    with db.connect(fresh) as connection:  # an empty register in the same plan
        connection.execute("PRAGMA foreign_keys=ON")
        connection.execute("DELETE FROM decision")
        connection.execute("DELETE FROM risk")
    for kind in ("risks", "risk_actions", "decisions"):
        result = cli("import", fresh, kind, tmp_path / "one" / f"{kind}.csv")
        assert result.rc == 0, result.err
    assert cli("export", fresh, tmp_path / "two").rc == 0
    for kind in ("risks", "risk_actions", "decisions"):
        assert (tmp_path / "one" / f"{kind}.csv").read_bytes() == (tmp_path / "two" / f"{kind}.csv").read_bytes()


def test_check_lists_the_registers_flags(risk_plan, cli, write_csv):
    rows = [risk("R1", review_by="2017-01-13"), risk("R2", likelihood="5", impact="3", review_by="")]
    assert cli("import", risk_plan, "risks", write_csv("r.csv", [RISK_COLUMNS, *rows])).rc == 0
    assert cli("import", risk_plan, "risk_actions", write_csv("a.csv", [ACTION_COLUMNS, action("R1", "Chase", due="2017-01-10"),
                                                                        action("R1", "Done", due="2017-01-10", status="done")])).rc == 0
    assert cli("import", risk_plan, "decisions", write_csv("d.csv", [DECISION_COLUMNS, decision("D1", needed_by="2017-02-13"),
                                                                     decision("D2", needed_by="2017-02-14")])).rc == 0
    result = cli("check", risk_plan)
    assert result.rc == 1
    assert result.out.splitlines() == [
        "D1: key decision needed by 13/02/2017 has 27 clear days' notice (as of 16/01/2017); a key decision needs 28",
        "R1: action 'Chase' (HR Director) was due 10/01/2017",
        "R1: review was due by 13/01/2017",
        "R2: current score 15 is at or above the escalation score 15, but no escalation to programme board is recorded",
    ]


def test_a_plan_without_a_register_still_checks_clean(sample_plan, cli):
    assert cli("check", sample_plan).rc == 0
