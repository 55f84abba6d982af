"""The import service: a file is validated whole against the plan and applied whole, or not at all.

The sample plan is described in tests/conftest.py (status date 16/01/2017, milestones M1..M5).
"""

from __future__ import annotations

from datetime import date

import pytest

from trustplanner.domain.enums import Rag, Stage
from trustplanner.domain.problems import ValidationFailed
from trustplanner.domain.rag import commentary_problem, effective_rag, rag_disagreement
from trustplanner.services.imports import import_file
from trustplanner.services.snapshot import load_snapshot
from trustplanner.store.plan_file import open_plan_file

HEADER = ["ref", "title", "workstream", "service", "stage", "owner", "baseline", "forecast", "actual",
          "depends_on", "rag", "commentary"]


def row(ref, **cells):
    values = {"ref": ref, "title": f"Milestone {ref}", "workstream": "Finance", "service": "", "stage": "shadow",
              "owner": "", "baseline": "2017-03-01", "forecast": "", "actual": "", "depends_on": "", "rag": "",
              "commentary": ""}
    values.update(cells)
    return [values[column] for column in HEADER]


@pytest.fixture
def importer(sample_plan, write_csv):
    """``importer(kind, rows, preview=False, blank="keep")`` imports into the sample plan; returns the result."""
    counter = iter(range(1, 1000))

    def run(kind, rows, *, preview=False, plan_path=sample_plan, blank="keep"):
        path = write_csv(f"{kind}-{next(counter)}.csv", rows)
        with open_plan_file(plan_path) as plan:
            return import_file(plan, kind, path, preview=preview, blank=blank)

    return run


def snapshot_of(path):
    with open_plan_file(path) as plan:
        return load_snapshot(plan)


def problems_of(importer, kind, rows):
    with pytest.raises(ValidationFailed) as caught:
        importer(kind, rows)
    return [(p.row, p.column, p.message) for p in caught.value.problems]


def test_result_names_what_was_added_changed_and_unchanged(importer, sample_plan):
    result = importer("milestones", [
        HEADER,
        row("M3", title="Contract sum agreed", owner="Section 151 Officer", baseline="2017-02-01",
            forecast="2017-01-31", depends_on="M2"),
        row("M4", title="Go-live: services transfer to the trust", workstream="Governance", stage="independent",
            baseline="2017-04-03", forecast="2017-04-03", depends_on="M3;M2"),
        row("N1", depends_on="M3"),
    ])
    assert (result.added, result.changed, result.unchanged) == (["N1"], ["M3"], ["M4"])
    assert result.applied
    assert result.summary() == "milestones: 1 added, 1 changed, 1 unchanged"
    snapshot = snapshot_of(sample_plan)
    assert snapshot.milestone("M3").forecast == date(2017, 1, 31)
    assert snapshot.milestone("N1").forecast == date(2017, 3, 1)  # a blank forecast is the baseline
    assert snapshot.milestone("N1").depends_on == ("M3",)


def test_preview_reports_but_changes_nothing(importer, sample_plan, plan_dump):
    before = plan_dump(sample_plan)
    result = importer("milestones", [HEADER, row("N1"), row("N2", depends_on="N1")], preview=True)
    assert result.added == ["N1", "N2"] and not result.applied
    assert plan_dump(sample_plan) == before


def test_a_file_with_nothing_new_writes_nothing(importer, sample_plan, plan_dump):
    before = plan_dump(sample_plan)
    result = importer("services", [["name"], ["Early help"], ["adoption AGENCY"]])
    assert result.unchanged == ["Early help", "Adoption agency"] and not result.applied
    assert plan_dump(sample_plan) == before


def test_unknown_kind_is_rejected(sample_plan, write_csv):
    with open_plan_file(sample_plan) as plan, pytest.raises(
            ValidationFailed, match="unknown kind 'risk'; choose one of: services, milestones, staff, budget, savings"):
        import_file(plan, "risk", write_csv("x.csv", [["name"], ["x"]]))


def test_rejected_file_leaves_the_plan_exactly_as_it_was(importer, sample_plan, plan_dump):
    before = plan_dump(sample_plan)
    found = problems_of(importer, "milestones", [HEADER, row("N1"), row("N2", depends_on="N1;NOPE")])
    assert found == [(3, "depends_on", "depends on unknown milestone NOPE")]
    assert plan_dump(sample_plan) == before


def test_vocabularies_are_matched_loosely_and_stored_canonically(importer, sample_plan):
    importer("milestones", [HEADER, row("N1", workstream="hr & tupe", stage="Shadow", service="early HELP"),
                            row("N2", workstream="Youth justice board", stage="INDEPENDENT")])
    snapshot = snapshot_of(sample_plan)
    n1, n2 = snapshot.milestone("N1"), snapshot.milestone("N2")
    assert (n1.workstream, n1.stage, n1.service) == ("HR & TUPE", Stage.SHADOW, "Early help")
    assert (n2.workstream, n2.stage) == ("Youth justice board", Stage.INDEPENDENT)


def test_retained_is_not_a_milestone_stage(importer):
    assert problems_of(importer, "milestones", [HEADER, row("N1", stage="retained")]) == [
        (2, "stage", "unknown stage 'retained'; use council, shadow or independent")]


@pytest.mark.parametrize("refs", ["N 1", "N1;N2", "N1,N2"])
def test_refs_with_separators_are_refused(importer, refs):
    [(number, column, message)] = problems_of(importer, "milestones", [HEADER, row(refs)])
    assert (number, column) == (2, "ref")


# --- reported RAG -------------------------------------------------------------------------------
# The rag cell is the milestone's reported RAG. Whether the dates agree depends on the day, so a
# disagreement is kept and flagged (trustplanner check, the Milestones page, the briefing), never
# refused; only a report that contradicts the row itself (complete without an actual date, or an
# actual date with another RAG) is refused.


def test_reported_amber_and_red_are_stored_and_letters_are_accepted(importer, sample_plan):
    importer("milestones", [HEADER, row("N1", rag="A", commentary="Landlord slow"),
                            row("N2", rag="r", commentary="No budget")])
    snapshot = snapshot_of(sample_plan)
    assert snapshot.milestone("N1").rag_override is Rag.AMBER
    assert snapshot.milestone("N2").rag_override is Rag.RED


def test_a_reported_rag_matching_the_dates_is_kept_and_complete_comes_from_the_actual_date(importer, sample_plan):
    importer("milestones", [HEADER, row("N1", rag="green"), row("N2", actual="2017-01-05", rag="complete")])
    snapshot = snapshot_of(sample_plan)
    assert snapshot.milestone("N1").rag_override is Rag.GREEN
    assert snapshot.milestone("N2").rag_override is None
    assert effective_rag(snapshot.milestone("N2"), snapshot.status_date, 10) is Rag.COMPLETE


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ({"rag": "complete"}, "complete goes with an actual date"),
        ({"rag": "amber", "actual": "2017-01-05", "commentary": "x"},
         "a milestone with an actual date is complete, not amber"),
    ],
)
def test_a_reported_rag_that_contradicts_the_row_is_refused(importer, cells, message):
    assert problems_of(importer, "milestones", [HEADER, row("N1", **cells)]) == [(2, "rag", message)]


def test_the_users_cp1252_file_with_uk_dates_imports_and_keeps_its_reported_amber(sample_plan, write_csv, cli):
    """A council's own file: Windows-1252, dd/mm/yyyy, and one row reported amber that the dates
    call red on the plan's status date (16/01/2017). It used to be refused whole."""
    commentary = "Landlord’s surveyor late – £40k dilapidations still to agree"
    path = write_csv("council milestones.csv", [
        HEADER,
        # 01/02/2017 -> 22/02/2017: 15 working days (2 + 5 + 5 + 3), beyond the tolerance of 10
        row("N15", title="Lease of Jack Crawford House signed", workstream="Property", baseline="01/02/2017",
            forecast="22/02/2017", rag="amber", commentary=commentary),
        row("N16", title="Café contract novated", baseline="01/03/2017", forecast="01/03/2017", rag="green"),
    ], encoding="cp1252")
    with open_plan_file(sample_plan) as plan:
        result = import_file(plan, "milestones", path)

    assert result.added == ["N15", "N16"] and result.applied
    snapshot = snapshot_of(sample_plan)
    n15 = snapshot.milestone("N15")
    assert (n15.rag_override, n15.commentary, n15.forecast) == (Rag.AMBER, commentary, date(2017, 2, 22))
    assert effective_rag(n15, snapshot.status_date, 10) is Rag.RED
    checked = cli("check", sample_plan)
    assert [line for line in checked.out.splitlines() if "has no owner" not in line] == \
        ["N15: reported amber; the dates show red: 15 working days slip, tolerance 10"]
    assert checked.rc == 1


def test_a_reported_rag_better_than_the_dates_is_kept_and_the_dates_decide_the_status(importer, sample_plan):
    # overdue on 16/01/2017: forecast 03/01/2017 has passed, so red by its dates
    importer("milestones", [HEADER, row("N1", baseline="2017-01-03", forecast="2017-01-03", rag="green")])
    snapshot = snapshot_of(sample_plan)
    n1 = snapshot.milestone("N1")
    assert n1.rag_override is Rag.GREEN
    assert effective_rag(n1, snapshot.status_date, 10) is Rag.RED
    assert rag_disagreement(n1, snapshot.status_date, 10) == (
        "reported green; the dates show red: forecast 03/01/2017 has passed")


def test_a_reported_rag_worse_than_the_dates_is_kept_and_is_the_status(importer, sample_plan):
    importer("milestones", [HEADER, row("N1", rag="red", commentary="Board cannot meet before April")])
    snapshot = snapshot_of(sample_plan)
    n1 = snapshot.milestone("N1")
    assert n1.rag_override is Rag.RED
    assert effective_rag(n1, snapshot.status_date, 10) is Rag.RED
    assert rag_disagreement(n1, snapshot.status_date, 10) is None


def test_amber_without_commentary_is_imported_and_flagged(importer, sample_plan):
    result = importer("milestones", [HEADER, row("N1", rag="amber", commentary="")])
    assert result.added == ["N1"] and result.applied
    snapshot = snapshot_of(sample_plan)
    assert snapshot.milestone("N1").rag_override is Rag.AMBER
    assert commentary_problem(snapshot.milestone("N1"), snapshot.status_date, 10) == (
        "amber milestone needs a commentary")


def test_a_blank_rag_cell_keeps_an_override_unless_blanks_clear(importer, sample_plan):
    importer("milestones", [HEADER, row("N1", rag="red", commentary="Risk")])
    kept = importer("milestones", [HEADER, row("N1", rag="", commentary="Risk")])
    assert snapshot_of(sample_plan).milestone("N1").rag_override == Rag.RED
    assert kept.unchanged == ["N1"] and [(c.record, c.column) for c in kept.blanks] == [("N1", "rag")]
    importer("milestones", [HEADER, row("N1", rag="", commentary="Risk")], blank="clear")
    assert snapshot_of(sample_plan).milestone("N1").rag_override is None


def test_an_override_overtaken_by_its_dates_survives_reimport(importer, sample_plan):
    """Re-importing an export must not fail because time has made a kept override look 'better'."""
    from trustplanner.services.plans import update_programme

    importer("milestones", [HEADER, row("N1", forecast="2017-03-01", rag="amber", commentary="Watch")])
    with open_plan_file(sample_plan) as plan:
        update_programme(plan, status_date=date(2017, 3, 10))  # now overdue: red by its dates
    result = importer("milestones", [HEADER, row("N1", forecast="2017-03-01", rag="amber", commentary="Watch")])
    assert result.unchanged == ["N1"]


def test_a_kept_report_that_loses_its_commentary_is_imported_and_flagged(importer, sample_plan):
    """Changed from refusing the file: a missing commentary is a judgement to flag, not a structure error."""
    importer("milestones", [HEADER, row("N1", rag="amber", commentary="Landlord slow")])
    result = importer("milestones", [HEADER, row("N1", rag="amber", commentary="")], blank="clear")
    assert result.changed == ["N1"]
    assert snapshot_of(sample_plan).milestone("N1").commentary == ""


def test_an_actual_date_beside_a_reported_amber_is_refused(importer, sample_plan, plan_dump):
    importer("milestones", [HEADER, row("N1", rag="amber", commentary="Landlord slow")])
    before = plan_dump(sample_plan)

    found = problems_of(importer, "milestones",
                        [HEADER, row("N1", actual="2017-01-10", rag="amber", commentary="Landlord slow")])

    assert found == [(2, "rag", "a milestone with an actual date is complete, not amber")]
    assert plan_dump(sample_plan) == before


def test_an_actual_date_without_a_rag_column_ends_the_plans_report(importer, sample_plan, write_csv):
    importer("milestones", [HEADER, row("N1", rag="amber", commentary="Landlord slow")])
    columns = [c for c in HEADER if c != "rag"]
    path = write_csv("no-rag.csv", [columns, [v for c, v in zip(HEADER, row("N1", actual="2017-01-10",
                                                                            commentary="Landlord slow"))
                                             if c != "rag"]])
    with open_plan_file(sample_plan) as plan:
        import_file(plan, "milestones", path)
    n1 = snapshot_of(sample_plan).milestone("N1")
    assert (n1.actual, n1.rag_override) == (date(2017, 1, 10), None)


# --- other milestone rules -----------------------------------------------------------------------


def test_baseline_of_an_existing_milestone_cannot_change_by_import(importer):
    [(number, column, message)] = problems_of(importer, "milestones", [
        HEADER, row("M3", title="Contract sum agreed", baseline="2017-02-08", depends_on="M2")])
    assert (number, column) == (2, "baseline")
    assert "01/02/2017" in message and "re-baseline" in message


def test_actual_date_cannot_be_in_the_future(importer):
    future = date.today().replace(year=date.today().year + 1).isoformat()
    [(number, column, message)] = problems_of(importer, "milestones", [HEADER, row("N1", actual=future)])
    assert (number, column) == (2, "actual") and "future" in message


def test_dependency_on_a_milestone_already_in_the_plan(importer, sample_plan):
    result = importer("milestones", [HEADER, row("N1", depends_on="M4; M1")])
    assert result.added == ["N1"]
    assert snapshot_of(sample_plan).milestone("N1").depends_on == ("M1", "M4")


def test_knock_ons_are_reported_in_the_result_and_not_applied(importer, sample_plan):
    result = importer("milestones", [HEADER, row("N1", forecast="2017-05-02", depends_on="M4"),
                                     row("N2", forecast="2017-04-20", depends_on="N1")])
    assert [(k.ref, k.forecast, k.pushed_to, k.caused_by) for k in result.knock_ons] == [
        ("N2", date(2017, 4, 20), date(2017, 5, 2), "N1")]
    assert snapshot_of(sample_plan).milestone("N2").forecast == date(2017, 4, 20)


# --- services ------------------------------------------------------------------------------------


def test_services_are_added_and_updated_by_name_ignoring_case(importer, sample_plan):
    result = importer("services", [["name", "shadow", "go_live", "retained"],
                                   ["EARLY HELP", "2016-11-01", "", "no"],
                                   ["Libraries", "", "2017-06-01", "no"]])
    assert (result.added, result.changed, result.unchanged) == (["Libraries"], ["Early help"], [])
    services = {s.name: s for s in snapshot_of(sample_plan).services}
    assert services["Early help"].shadow == date(2016, 11, 1)
    assert services["Libraries"].go_live == date(2017, 6, 1)
    assert "EARLY HELP" not in services


@pytest.mark.parametrize(
    ("cells", "column", "says"),
    [
        (["Libraries", "2016-09-01", "", "yes"], "retained", "retained"),
        (["Libraries", "2017-05-01", "2017-04-01", "no"], "shadow", "after go-live"),
        (["Libraries", "", "2016-08-01", "no"], "go_live", "after go-live"),  # the programme's shadow start
        (["Libraries", "", "", "perhaps"], "retained", "perhaps"),
        (["", "", "", "no"], "name", "required"),
    ],
)
def test_service_rows_that_break_the_rules(importer, cells, column, says):
    found = problems_of(importer, "services", [["name", "shadow", "go_live", "retained"], cells])
    assert len(found) == 1
    assert found[0][:2] == (2, column) and says in found[0][2]
