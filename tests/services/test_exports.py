"""export_plan writes the import format; what it writes imports back to the same plan."""

from __future__ import annotations

import csv
import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from trustplanner.services.exports import export_plan
from trustplanner.services.imports import import_file
from trustplanner.services.plans import new_plan
from trustplanner.store.plan_file import open_plan_file

MILESTONE_COLUMNS = ["ref", "title", "workstream", "service", "stage", "owner", "baseline", "forecast", "actual",
                     "depends_on", "rag", "commentary", "meets"]


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_export_returns_the_files_it_wrote_in_a_new_folder(sample_plan, tmp_path):
    with open_plan_file(sample_plan) as plan:
        written = export_plan(plan, tmp_path / "a" / "b")
    folder = tmp_path / "a" / "b"
    assert written == [folder / name for name in ("services.csv", "milestones.csv", "staff.csv", "budget.csv",
                                                  "savings.csv", "risks.csv", "risk_actions.csv", "decisions.csv",
                                                  "recommendations.csv", "challenges.csv", "signoffs.csv")]
    assert all(path.is_file() for path in written)


def test_export_writes_refs_in_order_iso_dates_and_sorted_dependencies(make_plan, tmp_path):
    plan_path = make_plan(milestones=[
        ["B10", "Ten", "Finance", "", "shadow", "", "01/03/2017", "", "", "B2;A1", "amber", "Short of £"],
        ["A1", "One", "Finance", "", "council", "", "2016-06-01", "", "2016-06-02", "", "complete", ""],
        ["B2", "Two", "Finance", "Early help", "shadow", "", "1 Feb 2017", "2017-02-03", "", "", "", ""],
    ])
    with open_plan_file(plan_path) as plan:
        _, milestones, *_ = export_plan(plan, tmp_path / "out")
    rows = read_rows(milestones)
    assert rows[0] == MILESTONE_COLUMNS
    assert rows[1:] == [
        ["A1", "One", "Finance", "", "council", "", "2016-06-01", "2016-06-01", "2016-06-02", "", "", "", ""],
        ["B10", "Ten", "Finance", "", "shadow", "", "2017-03-01", "2017-03-01", "", "A1;B2", "amber", "Short of £",
         ""],
        ["B2", "Two", "Finance", "Early help", "shadow", "", "2017-02-01", "2017-02-03", "", "", "", "", ""],
    ]


def test_export_of_services_is_in_the_services_import_format(sample_plan, tmp_path):
    with open_plan_file(sample_plan) as plan:
        services, *_ = export_plan(plan, tmp_path)
    assert read_rows(services) == [
        ["name", "shadow", "go_live", "retained"],
        ["Adoption agency", "", "", "yes"],
        ["Children's social care", "", "", "no"],
        ["Early help", "2016-10-01", "", "no"],
    ]


def test_export_is_utf8_with_bom_and_crlf_and_repeatable(sample_plan, tmp_path):
    with open_plan_file(sample_plan) as plan:
        first = [p.read_bytes() for p in export_plan(plan, tmp_path / "one")]
        second = [p.read_bytes() for p in export_plan(plan, tmp_path / "two")]
    assert first == second
    for data in first:
        assert data.startswith(b"\xef\xbb\xbf")
        assert data.endswith(b"\r\n")
    assert "£1.2m".encode() in first[1]


def test_export_of_an_empty_plan_writes_just_the_headers(make_plan, tmp_path):
    plan_path = make_plan(services=(), milestones=())
    with open_plan_file(plan_path) as plan:
        services, milestones, staff, *_ = export_plan(plan, tmp_path / "out")
    assert services.read_bytes() == b"\xef\xbb\xbfname,shadow,go_live,retained\r\n"
    assert read_rows(milestones) == [MILESTONE_COLUMNS]
    assert staff.read_bytes().startswith(b"\xef\xbb\xbfref,name,service,team,role,grade,employment,fte,")


# Text a user might type in a cell: any printable characters, quotes, separators and £ (and in a
# commentary, line breaks); not control or text-direction characters, which an import refuses.
_printable = st.characters(blacklist_categories=("Cs", "Cc"),
                           blacklist_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
line_text = st.text(alphabet=st.one_of(_printable, st.sampled_from('",;£\'=+-@')), max_size=60)
cell_text = st.text(alphabet=st.one_of(_printable, st.sampled_from('\n\r\t",;£\'=+-@')), max_size=60)


@pytest.fixture(scope="module")
def empty_plan_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("empty") / "empty.tplan"
    new_plan(path, council="C", trust="T", go_live=date(2017, 4, 1), status_date=date(2017, 1, 16)).close()
    return path


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=line_text, owner=line_text, commentary=cell_text,
       forecast=st.dates(min_value=date(2016, 1, 1), max_value=date(2017, 1, 13)))
def test_export_import_export_is_byte_identical_for_any_cell_text(empty_plan_file, title, owner, commentary,
                                                                  forecast):
    assume(title.strip() and len(title.strip()) <= 300)
    explained = commentary if commentary.strip() else "x"  # a red override needs a commentary
    rows = [MILESTONE_COLUMNS,
            ["P1", title, "Finance", "", "shadow", owner, "2016-01-04", forecast.isoformat(), "", "", "", commentary],
            ["P2", "Second", "Governance", "", "council", "", "2017-03-01", "", "", "P1", "red", explained]]
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        source = folder / "source.csv"
        with source.open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle, lineterminator="\r\n").writerows(rows)
        first, second = [], []
        for name, input_file, out in (("a", source, first), ("b", None, second)):
            shutil.copyfile(empty_plan_file, folder / f"{name}.tplan")
            with open_plan_file(folder / f"{name}.tplan") as plan:
                import_file(plan, "milestones", input_file or folder / "a-out" / "milestones.csv")
                out.extend(p.read_bytes() for p in export_plan(plan, folder / f"{name}-out"))
        assert second == first
