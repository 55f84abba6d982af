"""A milestones file may say which statutory deadline each milestone meets (the ``meets`` column):
eli, rep or lgps, case ignored; an unknown word refuses the whole file; export writes it back."""

from __future__ import annotations

import csv

import pytest

from trustplanner.domain.problems import ValidationFailed
from trustplanner.services.exports import export_plan
from trustplanner.services.imports import import_file
from trustplanner.services.snapshot import load_snapshot
from trustplanner.store.plan_file import open_plan_file

HEADER = ["ref", "title", "workstream", "stage", "baseline", "meets"]


def _rows(*meets: str) -> list[list[str]]:
    return [HEADER, *([f"P{n}", f"Plan milestone {n}", "HR & TUPE", "shadow", "2017-02-24", word]
                      for n, word in enumerate(meets, start=1))]


def test_meets_is_read_whatever_its_case_and_written_back_by_export(sample_plan, write_csv, tmp_path):
    with open_plan_file(sample_plan) as plan:
        import_file(plan, "milestones", write_csv("in.csv", _rows("ELI", " Rep", "", "lgps")))
        assert {m.ref: m.meets for m in load_snapshot(plan).milestones if m.ref.startswith("P")} == {
            "P1": "eli", "P2": "rep", "P3": "", "P4": "lgps"}
        exported = export_plan(plan, tmp_path / "one")[1]
        with exported.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert [(r["ref"], r["meets"]) for r in rows if r["ref"].startswith("P")] == [
            ("P1", "eli"), ("P2", "rep"), ("P3", ""), ("P4", "lgps")]
        import_file(plan, "milestones", exported)
        again = export_plan(plan, tmp_path / "two")[1]
    assert again.read_bytes() == exported.read_bytes()


def test_a_file_without_a_meets_column_keeps_what_the_plan_says(sample_plan, write_csv):
    with open_plan_file(sample_plan) as plan:
        import_file(plan, "milestones", write_csv("in.csv", _rows("eli")))
        rows = [[cell for cell, column in zip(row, HEADER) if column != "meets"] for row in _rows("")]
        rows[1][1] = "Renamed"
        import_file(plan, "milestones", write_csv("again.csv", rows))
        kept = load_snapshot(plan).milestone("P1")
    assert (kept.title, kept.meets) == ("Renamed", "eli")


def test_an_unknown_deadline_refuses_the_whole_file(sample_plan, write_csv):
    path = write_csv("in.csv", _rows("eli", "tupe"))
    with open_plan_file(sample_plan) as plan, pytest.raises(ValidationFailed) as caught:
        import_file(plan, "milestones", path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:3: meets: unknown statutory deadline 'tupe'; use eli, rep or lgps"]
    with open_plan_file(sample_plan) as plan:
        assert not [m for m in load_snapshot(plan).milestones if m.ref.startswith("P")]


def test_meets_is_read_from_a_workbook(sample_plan, write_xlsx):
    path = write_xlsx("in.xlsx", {"Milestones": _rows("LGPS")})
    with open_plan_file(sample_plan) as plan:
        import_file(plan, "milestones", path)
        assert load_snapshot(plan).milestone("P1").meets == "lgps"
