"""The Sunderland demo plan in resources/demo is complete, consistent and tells its story.

Read with the csv module only, so the check does not depend on the importers.
"""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from trustplanner.domain.calendar import is_working_day
from trustplanner.domain.enums import Rag, Stage, Workstream
from trustplanner.domain.model import Milestone
from trustplanner.domain.rag import effective_rag, is_overdue, rag_disagreement
from trustplanner.domain.schedule import find_cycles, knock_on, unknown_dependencies

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
STATUS_DATE = date(2017, 1, 16)
TOLERANCE = 10
GO_LIVE = date(2017, 4, 1)

SERVICE_COLUMNS = ["name", "shadow", "go_live", "retained"]
MILESTONE_COLUMNS = [
    "ref", "title", "workstream", "service", "stage", "owner",
    "baseline", "forecast", "actual", "depends_on", "rag", "commentary", "meets",
]


def _read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    with open(DEMO / name, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text.strip() else None


@pytest.fixture(scope="module")
def service_rows() -> list[dict[str, str]]:
    header, rows = _read("services.csv")
    assert header == SERVICE_COLUMNS
    return rows


@pytest.fixture(scope="module")
def milestone_rows() -> list[dict[str, str]]:
    header, rows = _read("milestones.csv")
    assert header == MILESTONE_COLUMNS
    return rows


@pytest.fixture(scope="module")
def milestones(milestone_rows) -> list[Milestone]:
    return [
        Milestone(
            ref=row["ref"],
            title=row["title"],
            workstream=row["workstream"],
            stage=Stage(row["stage"]),
            baseline=_date(row["baseline"]),
            forecast=_date(row["forecast"]),
            service=row["service"] or None,
            owner=row["owner"],
            actual=_date(row["actual"]),
            depends_on=tuple(ref.strip() for ref in row["depends_on"].split(";") if ref.strip()),
            rag_override=Rag(row["rag"]) if row["rag"] else None,
            commentary=row["commentary"],
            meets=row["meets"],
        )
        for row in milestone_rows
    ]


def _rags(milestones) -> dict[str, Rag]:
    return {m.ref: effective_rag(m, STATUS_DATE, TOLERANCE) for m in milestones}


def test_services_are_the_sunderland_scope(service_rows):
    names = [row["name"] for row in service_rows]
    assert len(names) == len(set(names))
    retained = {row["name"] for row in service_rows if row["retained"] == "yes"}
    assert retained == {"Independent reviewing officers", "Adoption agency"}
    assert all(row["retained"] in ("yes", "no") for row in service_rows)
    for row in service_rows:
        for column in ("shadow", "go_live"):
            _date(row[column])  # blank or a valid ISO date
        if row["retained"] == "yes":
            assert not row["shadow"] and not row["go_live"]


def test_enough_milestones_with_unique_refs(milestones):
    assert len(milestones) >= 35
    refs = [m.ref for m in milestones]
    assert len(refs) == len(set(refs))


def test_every_workstream_is_used(milestones):
    assert {m.workstream for m in milestones} == {w.value for w in Workstream}


def test_services_referenced_exist(milestones, service_rows):
    names = {row["name"] for row in service_rows}
    assert {m.service for m in milestones if m.service} <= names


def test_dates_and_owners_are_plausible(milestones):
    for m in milestones:
        assert m.owner.strip(), m.ref
        assert m.stage in (Stage.COUNCIL, Stage.SHADOW, Stage.INDEPENDENT), m.ref
        if m.actual is not None:
            assert m.actual <= STATUS_DATE, m.ref
        if m.effective_date != GO_LIVE:
            for day in (m.baseline, m.forecast, m.actual):
                assert day is None or is_working_day(day), (m.ref, day)


def test_dependency_network_is_valid(milestones):
    assert unknown_dependencies(milestones) == []
    assert find_cycles({m.ref: m.depends_on for m in milestones}) == []
    assert sum(len(m.depends_on) for m in milestones) >= 40


def test_go_live_milestone_has_a_go_no_go_before_it(milestones):
    go_live = [m for m in milestones if m.stage is Stage.INDEPENDENT and m.baseline == GO_LIVE]
    assert len(go_live) == 1
    by_ref = {m.ref: m for m in milestones}
    assert any("go/no-go" in by_ref[dep].title.lower() for dep in go_live[0].depends_on)
    assert any(m.baseline > GO_LIVE for m in milestones), "post go-live milestones expected"


def test_amber_and_red_have_commentary(milestones):
    for m in milestones:
        if effective_rag(m, STATUS_DATE, TOLERANCE) in (Rag.AMBER, Rag.RED):
            assert m.commentary.strip(), f"{m.ref} needs a commentary"


def test_reported_statuses_agree_with_or_are_worse_than_the_dates(milestones):
    overridden = [m for m in milestones if m.rag_override is not None]
    assert overridden
    for m in overridden:
        assert rag_disagreement(m, STATUS_DATE, TOLERANCE) is None, m.ref
        assert m.commentary.strip(), m.ref


def test_the_plan_shows_every_status(milestones):
    counts = Counter(_rags(milestones).values())
    for rag in (Rag.COMPLETE, Rag.GREEN, Rag.AMBER, Rag.RED):
        assert counts[rag] >= 1, rag
    assert any(is_overdue(m, STATUS_DATE) for m in milestones)


def test_the_plan_shows_a_knock_on(milestones):
    pushes = knock_on(milestones)
    assert 1 <= len(pushes) <= 2
    for push in pushes:
        assert push.pushed_to > push.forecast


def test_the_plans_own_tupe_milestones_say_which_statutory_deadline_they_meet(milestones):
    assert {m.ref: m.meets for m in milestones if m.meets} == {"HR-04": "rep", "HR-05": "eli", "PEN-04": "lgps"}
