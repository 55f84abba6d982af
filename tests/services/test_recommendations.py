"""Recommendations through the registry: a file imported whole or rejected whole (FILE:ROW: column:
message), export -> import -> export byte-identical, each review's progress judgement recorded and
undone, and the challenges and sign-offs written by the export.

The sample plan (tests/conftest.py) has milestones M1–M5 (M1 and M2 complete); its status date is 16/01/2017.
"""

from __future__ import annotations

import csv
from datetime import date

import pytest

from trustplanner.domain.enums import Rag
from trustplanner.domain.problems import NotFound, ValidationFailed
from trustplanner.domain.recommendations import (
    Judgement,
    RecommendationSource,
    RecommendationStatus,
)
from trustplanner.domain.review import Outcome, ReviewKind
from trustplanner.services import history
from trustplanner.services.exports import export_plan
from trustplanner.services.kinds import kind_named
from trustplanner.services.recommendations import (
    judge,
    load_judgements,
    load_recommendations,
)
from trustplanner.services.reviews import (
    close_challenge,
    close_review,
    raise_challenge,
    respond,
    sign_off,
    start_review,
)
from trustplanner.store.plan_file import open_plan_file

COLUMNS = ["ref", "source", "text", "owner", "target", "rag", "milestones", "status", "evidence"]
GOOD = [["OF1", "Ofsted", "Reduce social workers' caseloads", "Director of Children's Services", "2017-03-31",
         "amber", "M3; Shadow board appointed", "open", ""],
        ["CM1", "commissioner", "Appoint a permanent finance director", "Chief Executive", "2017-02-28", "G",
         "", "complete", "Appointment letter, 9 January 2017"]]


def write(path, rows, columns=COLUMNS):
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows([columns, *rows])
    return path


@pytest.fixture
def plan(sample_plan):
    with open_plan_file(sample_plan) as opened:
        yield opened


def test_an_import_through_the_registry_stores_each_recommendation_with_its_milestones(plan, tmp_path):
    outcome = kind_named("recommendations").import_file(plan, write(tmp_path / "r.csv", GOOD))
    assert outcome.summary() == "recommendations: 2 added, 0 changed, 0 unchanged"
    first, second = load_recommendations(plan)
    assert (first.ref, first.source, first.rag, first.status, first.evidence) == (
        "CM1", RecommendationSource.COMMISSIONER, Rag.GREEN, RecommendationStatus.COMPLETE,
        "Appointment letter, 9 January 2017")
    assert (second.ref, second.target, second.milestones) == ("OF1", date(2017, 3, 31), ("M2", "M3"))
    assert history.entries(plan, limit=1)[-1].areas == ("recommendations",)


def test_a_bad_file_is_rejected_whole_naming_each_row_and_column(plan, tmp_path):
    bad = [GOOD[0],
           ["OF2", "inspectorate", "Improve the front door", "", "2017-02-30", "", "M9", "", ""],
           ["OF1", "ofsted", "Duplicate", "", "", "purple", "", "", ""]]
    path = write(tmp_path / "bad.csv", bad)
    with pytest.raises(ValidationFailed) as failed:
        kind_named("recommendations").import_file(plan, path)
    said = [str(p) for p in failed.value.problems]
    assert f"{path}:3: source: unknown source 'inspectorate'; use ofsted, commissioner, dfe or other" in said
    assert any(s.startswith(f"{path}:3: target: ") for s in said)
    assert f"{path}:3: milestones: unknown milestone 'M9' (not a milestone ref or title in this plan)" in said
    assert f"{path}:4: ref: OF1 is also on row 2" in said
    assert f"{path}:4: rag: unknown rag 'purple'; use red, amber or green (or leave it blank)" in said
    assert load_recommendations(plan) == ()


def test_complete_is_a_status_not_a_progress_rag(plan, tmp_path):
    path = write(tmp_path / "r.csv", [["OF1", "ofsted", "Caseloads", "", "", "complete", "", "", ""]])
    with pytest.raises(ValidationFailed) as failed:
        kind_named("recommendations").import_file(plan, path)
    assert [p.column for p in failed.value.problems] == ["rag"]


def test_export_import_export_is_byte_identical(plan, sample_plan, tmp_path, make_plan):
    kind_named("recommendations").import_file(plan, write(tmp_path / "r.csv", GOOD))
    first = export_plan(plan, tmp_path / "one")
    again = make_plan()
    with open_plan_file(again) as other:
        kind_named("recommendations").import_file(other, tmp_path / "one" / "recommendations.csv")
        second = export_plan(other, tmp_path / "two")
    name = "recommendations.csv"
    assert (tmp_path / "two" / name).read_bytes() == (tmp_path / "one" / name).read_bytes()
    assert [p.name for p in first] == [p.name for p in second]
    assert (tmp_path / "one" / name).read_text(encoding="utf-8-sig").splitlines()[0] == ",".join(COLUMNS)


def test_reimporting_changes_only_what_differs_and_blank_cells_keep(plan, tmp_path):
    kind = kind_named("recommendations")
    kind.import_file(plan, write(tmp_path / "r.csv", GOOD))
    changed = [["OF1", "ofsted", "Reduce social workers' caseloads", "", "2017-04-30", "red", "M3;M2", "open", ""]]
    outcome = kind.import_file(plan, write(tmp_path / "r2.csv", changed))
    assert outcome.summary() == "recommendations: 0 added, 1 changed, 0 unchanged"
    of1 = next(r for r in load_recommendations(plan) if r.ref == "OF1")
    assert (of1.owner, of1.target, of1.rag) == ("Director of Children's Services", date(2017, 4, 30), Rag.RED)


def test_the_preview_lists_what_an_import_would_add_and_changes_nothing(plan, tmp_path):
    preview = kind_named("recommendations").preview(plan, write(tmp_path / "r.csv", GOOD))
    assert preview.importable
    assert [row[0] for row in preview.added.rows] == ["OF1", "CM1"]
    assert preview.added.headers[preview.added.wide] == "Recommendation"
    assert load_recommendations(plan) == ()


@pytest.fixture
def judged(plan, tmp_path):
    kind_named("recommendations").import_file(plan, write(tmp_path / "r.csv", GOOD))
    start_review(plan, "Q3 review", kind=ReviewKind.PROGRESS, reviewer="Jane Smith", on=date(2017, 1, 20))
    return plan


def test_a_judgement_is_recorded_sets_the_progress_rag_and_is_undone(judged):
    judgement = judge(judged, "OF1", "red", comment="Caseloads still 24 on average")
    assert judgement == Judgement("Q3 review", "OF1", Rag.RED, "Caseloads still 24 on average")
    assert load_judgements(judged) == (judgement,)
    assert next(r for r in load_recommendations(judged) if r.ref == "OF1").rag is Rag.RED
    entry = history.entries(judged, limit=1)[-1]
    assert (entry.what, entry.user) == ("Judge progress on OF1 as red (Q3 review)", "Jane Smith")
    history.undo(judged, review=True)
    assert load_judgements(judged) == ()
    assert next(r for r in load_recommendations(judged) if r.ref == "OF1").rag is Rag.AMBER


def test_judging_again_in_the_same_review_replaces_the_judgement(judged):
    judge(judged, "OF1", Rag.RED)
    judge(judged, "OF1", Rag.AMBER, comment="Better")
    assert load_judgements(judged) == (Judgement("Q3 review", "OF1", Rag.AMBER, "Better"),)


def test_a_judgement_is_refused_for_an_unknown_recommendation_a_closed_review_or_complete(judged):
    with pytest.raises(NotFound, match="there is no recommendation XX1 in this plan"):
        judge(judged, "XX1", Rag.RED)
    with pytest.raises(ValidationFailed, match="not a progress RAG"):
        judge(judged, "OF1", Rag.COMPLETE)
    close_review(judged, on=date(2017, 1, 31))
    with pytest.raises(ValidationFailed, match="was closed on 31/01/2017"):
        judge(judged, "OF1", Rag.RED, review="Q3 review")
    assert load_judgements(judged) == ()


def test_a_closed_review_takes_no_more_challenges_and_cannot_close_twice(judged):
    closed = close_review(judged, "Q3 review", on=date(2017, 1, 31))
    assert closed.closed == date(2017, 1, 31)
    assert history.entries(judged, limit=1)[-1].what == "Close the review 'Q3 review'"
    with pytest.raises(ValidationFailed, match="was closed"):
        close_review(judged, "Q3 review", on=date(2017, 2, 1))
    with pytest.raises(ValidationFailed, match="was closed"):
        raise_challenge(judged, "M3", "Why?", review="Q3 review")


def test_the_export_writes_challenges_and_signoffs(judged, tmp_path):
    raised = raise_challenge(judged, "M3", "Is the contract sum agreed?", evidence=True, on=date(2017, 1, 20))
    respond(judged, raised.id, "Cabinet 22 March", by="Programme Director", on=date(2017, 1, 23))
    close_challenge(judged, raised.id, Outcome.ACCEPTED, by="Jane Smith", on=date(2017, 1, 25))
    sign_off(judged, "M1", evidence="Certificate of incorporation", link="https://example.org/cert",
             on=date(2017, 1, 25))
    export_plan(judged, tmp_path / "out")
    with (tmp_path / "out" / "challenges.csv").open(encoding="utf-8-sig", newline="") as handle:
        challenges = list(csv.DictReader(handle))
    assert [(c["target"], c["review"], c["evidence_requested"], c["response"], c["outcome"], c["closed_on"])
            for c in challenges] == [("M3", "Q3 review", "yes", "Cabinet 22 March", "accepted", "2017-01-25")]
    with (tmp_path / "out" / "signoffs.csv").open(encoding="utf-8-sig", newline="") as handle:
        signoffs = list(csv.DictReader(handle))
    assert [(s["milestone"], s["actual"], s["evidence"], s["link"]) for s in signoffs] == [
        ("M1", "2016-06-01", "Certificate of incorporation", "https://example.org/cert")]
