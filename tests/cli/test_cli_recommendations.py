"""`trustplanner import PLAN recommendations FILE`, `trustplanner export` writing recommendations,
challenges and sign-offs, and `trustplanner review PLAN judge REC_REF --rag RAG`.

A refused write exits 1, names each problem in one line, and leaves the plan byte-for-byte as it was.
"""

from __future__ import annotations

import csv

import pytest

from trustplanner.services.recommendations import load_judgements, load_recommendations
from trustplanner.store.plan_file import open_plan_file

COLUMNS = ["ref", "source", "text", "owner", "target", "milestones"]


def write(path, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([COLUMNS, *rows])
    return path


@pytest.fixture
def with_recommendations(sample_plan, cli, tmp_path):
    path = write(tmp_path / "recs.csv", [["OF1", "ofsted", "Reduce caseloads", "DCS", "31/03/2017", "M3"],
                                        ["CM1", "commissioner", "Strengthen management oversight", "", "", ""]])
    result = cli("import", sample_plan, "recommendations", path)
    assert result.rc == 0, result.err
    assert "recommendations: 2 added, 0 changed, 0 unchanged" in result.out
    return sample_plan


def test_a_bad_recommendations_file_is_refused_whole(sample_plan, cli, tmp_path, plan_dump):
    path = write(tmp_path / "bad.csv", [["OF1", "ofsted", "Reduce caseloads", "", "2017-13-01", "M3"],
                                       ["OF2", "press", "Care leavers", "", "", "M99"]])
    before = plan_dump(sample_plan)
    result = cli("import", sample_plan, "recommendations", path)
    assert result.rc == 1
    assert f"{path}:2: target: " in result.err
    assert f"{path}:3: source: unknown source 'press'; use ofsted, commissioner, dfe or other" in result.err
    assert f"{path}:3: milestones: unknown milestone 'M99'" in result.err
    assert plan_dump(sample_plan) == before


def test_judge_records_the_reviews_judgement(with_recommendations, cli):
    assert cli("review", with_recommendations, "start", "Q3 review", "--kind", "progress",
               "--reviewer", "Jane Smith").rc == 0
    result = cli("review", with_recommendations, "judge", "OF1", "--rag", "amber", "--comment", "Caseloads at 22")
    assert result.rc == 0, result.err
    assert result.out.startswith("Judged progress on OF1 as amber in 'Q3 review'; recorded as entry ")
    with open_plan_file(with_recommendations) as plan:
        [judgement] = load_judgements(plan)
        assert (judgement.rag.value, judgement.comment) == ("amber", "Caseloads at 22")
        assert next(r for r in load_recommendations(plan) if r.ref == "OF1").rag.value == "amber"


def test_judging_an_unknown_recommendation_is_one_line_and_changes_nothing(with_recommendations, cli, plan_dump):
    assert cli("review", with_recommendations, "start", "Q3 review", "--kind", "progress",
               "--reviewer", "Jane Smith").rc == 0
    before = plan_dump(with_recommendations)
    result = cli("review", with_recommendations, "judge", "XX9", "--rag", "red")
    assert result.rc == 1
    [line] = result.err.splitlines()
    assert line == "trustplanner: there is no recommendation XX9 in this plan (recommendations: CM1, OF1)"
    assert plan_dump(with_recommendations) == before


def test_judge_takes_only_a_progress_rag(with_recommendations, cli):
    result = cli("review", with_recommendations, "judge", "OF1", "--rag", "complete")
    assert result.rc == 2


def test_export_writes_recommendations_challenges_and_signoffs(with_recommendations, cli, tmp_path):
    cli("review", with_recommendations, "start", "Q3 review", "--kind", "progress", "--reviewer", "Jane Smith")
    cli("review", with_recommendations, "challenge", "M3", "When is the contract sum agreed?")
    result = cli("export", with_recommendations, tmp_path / "out")
    assert result.rc == 0, result.err
    recs = (tmp_path / "out" / "recommendations.csv").read_text(encoding="utf-8-sig").splitlines()
    assert recs[0] == "ref,source,text,owner,target,rag,milestones,status,evidence"
    assert recs[2] == "OF1,ofsted,Reduce caseloads,DCS,2017-03-31,,M3,open,"
    challenges = (tmp_path / "out" / "challenges.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(challenges) == 2 and ",M3,When is the contract sum agreed?," in challenges[1]
    assert (tmp_path / "out" / "signoffs.csv").read_text(encoding="utf-8-sig").startswith("milestone,review,")
