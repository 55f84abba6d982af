"""`trustplanner export PLAN DIR`: the import format, so export -> import -> export is byte-identical."""

from __future__ import annotations

import csv

import pytest

SERVICE_HEADER = "name,shadow,go_live,retained"
MILESTONE_HEADER = "ref,title,workstream,service,stage,owner,baseline,forecast,actual,depends_on,rag,commentary,meets"

TRICKY_COMMENTARY = 'Costs up £250k, "provisional"; see note\nSecond line, with a comma\n\nFourth line – "quoted"'


@pytest.fixture
def rich_plan(sample_plan, cli, write_csv):
    """The sample plan plus milestones with awkward text and a red override, imported unsorted."""
    path = write_csv("extra.csv", [
        ["ref", "title", "workstream", "service", "stage", "owner", "baseline", "forecast", "actual", "depends_on",
         "rag", "commentary"],
        ["Z9", 'Staff "roadshows", phase 2', "Communications", "Children's social care", "shadow",
         "O'Neill, Head of Comms", "2017-03-01", "2017-03-08", "", "M4;M1", "red", TRICKY_COMMENTARY],
        ["A0", "Baseline budget £4.2m agreed", "Finance", "", "council", "", "2016-07-01", "2016-07-01", "2016-07-04",
         "", "", "Signed off by Section 151 Officer"],
        ["M6", "Property leases assigned", "Property", "Early help", "shadow", "", "2017-03-20", "2017-03-20", "",
         "A0", "amber", "Landlord consent, £1"],
    ], encoding="cp1252")
    result = cli("import", sample_plan, "milestones", path)
    assert result.rc == 0, result.err
    return sample_plan


def test_export_writes_both_files_in_the_import_format(cli, rich_plan, tmp_path):
    folder = tmp_path / "new" / "folder"

    result = cli("export", rich_plan, folder)

    assert result.rc == 0, result.err
    assert str(folder / "services.csv") in result.out and str(folder / "milestones.csv") in result.out
    services = (folder / "services.csv").read_bytes()
    milestones = (folder / "milestones.csv").read_bytes()
    for data, header in ((services, SERVICE_HEADER), (milestones, MILESTONE_HEADER)):
        assert data.startswith(b"\xef\xbb\xbf" + header.encode() + b"\r\n")
        data.decode("utf-8")
    with (folder / "milestones.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    assert [r[0] for r in rows] == ["A0", "M1", "M2", "M3", "M4", "M5", "M6", "Z9"]
    z9 = dict(zip(MILESTONE_HEADER.split(","), rows[-1]))
    assert z9 == {"ref": "Z9", "title": 'Staff "roadshows", phase 2', "workstream": "Communications",
                  "service": "Children's social care", "stage": "shadow", "owner": "O'Neill, Head of Comms",
                  "baseline": "2017-03-01", "forecast": "2017-03-08", "actual": "", "depends_on": "M1;M4",
                  "rag": "red", "commentary": TRICKY_COMMENTARY, "meets": ""}
    assert services.decode("utf-8-sig").split("\r\n")[1:] == [
        "Adoption agency,,,yes", "Children's social care,,,no", "Early help,2016-10-01,,no", ""]


def test_export_import_export_into_the_same_plan_is_byte_identical(cli, rich_plan, tmp_path, plan_dump):
    first, second = tmp_path / "first", tmp_path / "second"
    assert cli("export", rich_plan, first).rc == 0
    before = plan_dump(rich_plan)

    services = cli("import", rich_plan, "services", first / "services.csv")
    milestones = cli("import", rich_plan, "milestones", first / "milestones.csv")

    assert (services.rc, milestones.rc) == (0, 0), services.err + milestones.err
    assert "0 added, 0 changed, 3 unchanged" in services.out
    assert "0 added, 0 changed, 8 unchanged" in milestones.out
    assert plan_dump(rich_plan) == before
    assert cli("export", rich_plan, second).rc == 0
    for name in ("services.csv", "milestones.csv"):
        assert (second / name).read_bytes() == (first / name).read_bytes()


def test_export_import_export_into_a_fresh_plan_is_byte_identical(cli, rich_plan, make_plan, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    assert cli("export", rich_plan, first).rc == 0
    fresh = make_plan("fresh.tplan", services=(), milestones=())  # same programme, nothing in it

    services = cli("import", fresh, "services", first / "services.csv")
    milestones = cli("import", fresh, "milestones", first / "milestones.csv")

    assert (services.rc, milestones.rc) == (0, 0), services.err + milestones.err
    assert "3 added, 0 changed, 0 unchanged" in services.out
    assert "8 added, 0 changed, 0 unchanged" in milestones.out
    assert cli("export", fresh, second).rc == 0
    for name in ("services.csv", "milestones.csv"):
        assert (second / name).read_bytes() == (first / name).read_bytes()
    assert cli("check", fresh).out == cli("check", rich_plan).out


def test_export_overwrites_earlier_files_and_leaves_no_partial_files(cli, sample_plan, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "milestones.csv").write_text("old contents", encoding="utf-8")
    assert cli("export", sample_plan, folder).rc == 0
    assert sorted(p.name for p in folder.iterdir()) == ["budget.csv", "challenges.csv", "decisions.csv",
                                                        "milestones.csv", "recommendations.csv", "risk_actions.csv",
                                                        "risks.csv", "savings.csv", "services.csv", "signoffs.csv",
                                                        "staff.csv"]
    assert (folder / "milestones.csv").read_bytes().startswith(b"\xef\xbb\xbfref,")


def test_export_of_the_uk_dates_is_iso(cli, sample_plan, write_csv, tmp_path):
    path = write_csv("m.csv", [["Ref", "Title", "Workstream", "Stage", "Baseline", "Forecast", "Actual"],
                               ["N1", "x", "Finance", "shadow", "03/02/2017", "4 Feb 2017", "02/01/2017"]])
    assert cli("import", sample_plan, "milestones", path).rc == 0
    assert cli("export", sample_plan, tmp_path / "out").rc == 0
    text = (tmp_path / "out" / "milestones.csv").read_bytes().decode("utf-8-sig")
    assert "N1,x,Finance,,shadow,,2017-02-03,2017-02-04,2017-01-02,,," in text


def test_export_to_a_path_that_is_a_file_is_refused_in_one_line_naming_it(cli, sample_plan, tmp_path):
    target = tmp_path / "report.csv"
    target.write_text("keep me", encoding="utf-8")

    result = cli("export", sample_plan, target)

    assert result.rc == 1
    assert len(result.err.strip().splitlines()) == 1
    assert str(target) in result.err and "unexpected" not in result.err
    assert target.read_text(encoding="utf-8") == "keep me"
