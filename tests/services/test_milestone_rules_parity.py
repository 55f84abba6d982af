"""One set of milestone rules: a bad value gets the same words from the import and from an edit.

Each case is entered twice into the sample plan (tests/conftest.py): once as a row of a
milestones CSV, once through the app's edit service. Structure errors keep the file's
``FILE:ROW: column: message`` form on import; the column and message are the same text.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from trustplanner.domain.enums import Rag, Stage
from trustplanner.domain.model import Milestone
from trustplanner.domain.problems import ValidationFailed
from trustplanner.services.imports import import_file
from trustplanner.services.milestones import add_milestone, update_milestone
from trustplanner.services.snapshot import load_snapshot
from trustplanner.store.plan_file import open_plan_file

HEADER = ["ref", "title", "workstream", "service", "stage", "baseline", "forecast", "actual", "depends_on", "rag",
          "commentary"]
FUTURE = date.today() + timedelta(days=60)
NEW = Milestone(ref="N1", title="Milestone N1", workstream="Finance", stage=Stage.SHADOW,
                baseline=date(2017, 3, 1), forecast=date(2017, 3, 1))


def csv_row(milestone: Milestone, **cells) -> list[str]:
    values = {"ref": milestone.ref, "title": milestone.title, "workstream": milestone.workstream,
              "service": milestone.service or "", "stage": milestone.stage.value,
              "baseline": f"{milestone.baseline:%d/%m/%Y}", "forecast": f"{milestone.forecast:%d/%m/%Y}",
              "actual": f"{milestone.actual:%d/%m/%Y}" if milestone.actual else "",
              "depends_on": ";".join(milestone.depends_on),
              "rag": milestone.rag_override.value if milestone.rag_override else "", "commentary": milestone.commentary}
    values.update(cells)
    return [values[column] for column in HEADER]


def import_problems(plan_path, write_csv, rows):
    path = write_csv("bad.csv", [HEADER, *rows])
    with open_plan_file(plan_path) as plan, pytest.raises(ValidationFailed) as caught:
        import_file(plan, "milestones", path)
    return [(p.source, p.row, p.column, p.message) for p in caught.value.problems]


def edit_problems(plan_path, edit):
    with open_plan_file(plan_path) as plan, pytest.raises(ValidationFailed) as caught:
        edit(plan)
    return [(p.column, p.message) for p in caught.value.problems]


def m3(plan_path) -> Milestone:
    with open_plan_file(plan_path) as plan:
        return load_snapshot(plan).milestone("M3")


# name: (the bad milestone for an edit (None: change M3), the CSV cells that say the same, expected column, text)
CASES = {
    "ref with a space": (replace(NEW, ref="N 1"), {}, "ref", "ref 'N 1' may not contain spaces, commas or semicolons"),
    "ref with a semicolon": (replace(NEW, ref="N1;N2"), {}, "ref",
                             "ref 'N1;N2' may not contain spaces, commas or semicolons"),
    "ref missing": (replace(NEW, ref=""), {}, "ref", "ref is required"),
    "title missing": (replace(NEW, title=""), {}, "title", "title is required"),
    "workstream missing": (replace(NEW, workstream=""), {}, "workstream", "workstream is required"),
    "retained is not a stage": (replace(NEW, stage=Stage.RETAINED), {}, "stage",
                                "unknown stage 'retained'; use council, shadow or independent"),
    "unknown service": (replace(NEW, service="Libraries"), {}, "service",
                        "unknown service 'Libraries' (services in this plan: Children's social care, Early help, "
                        "Adoption agency)"),
    "actual in the future": (replace(NEW, actual=FUTURE), {}, "actual",
                             f"actual date {FUTURE:%d/%m/%Y} is in the future"),
    "depends on itself": (replace(NEW, depends_on=("N1",)), {}, "depends_on", "N1 cannot depend on itself"),
    "unknown dependency": (replace(NEW, depends_on=("ZZ-99",)), {}, "depends_on",
                           "depends on unknown milestone ZZ-99"),
    "complete without an actual date": (replace(NEW, rag_override=Rag.COMPLETE), {}, "rag",
                                        "complete goes with an actual date"),
    "amber beside an actual date": (replace(NEW, actual=date(2017, 1, 5), rag_override=Rag.AMBER, commentary="x"),
                                    {}, "rag", "a milestone with an actual date is complete, not amber"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_new_milestone_gets_the_same_message_from_import_and_from_the_app(sample_plan, write_csv, case):
    milestone, cells, column, message = CASES[case]

    from_import = import_problems(sample_plan, write_csv, [csv_row(milestone, **cells)])
    from_edit = edit_problems(sample_plan, lambda plan: add_milestone(plan, milestone))

    assert from_edit == [(column, message)]
    assert [(c, m) for _, _, c, m in from_import] == [(column, message)]
    [(source, row, _, _)] = from_import
    assert source.endswith("bad.csv") and row == 2


def test_a_dependency_cycle_gets_the_same_message(sample_plan, write_csv):
    # M4 depends on M2 and M3 in the sample plan; making M3 depend on M4 closes a loop
    looped = replace(m3(sample_plan), depends_on=("M2", "M4"))

    from_import = import_problems(sample_plan, write_csv, [csv_row(looped)])
    from_edit = edit_problems(sample_plan, lambda plan: update_milestone(plan, "M3", looped))

    assert from_edit == [("depends_on", "dependency cycle: M3 -> M4 -> M3")]
    assert [(c, m) for _, _, c, m in from_import] == from_edit


def test_a_baseline_change_gets_the_same_message(sample_plan, write_csv):
    moved = replace(m3(sample_plan), baseline=date(2017, 2, 8))

    from_import = import_problems(sample_plan, write_csv, [csv_row(moved)])
    from_edit = edit_problems(sample_plan, lambda plan: update_milestone(plan, "M3", moved))

    expected = ("baseline", "differs from the plan's baseline 01/02/2017; a baseline changes only by a recorded "
                            "re-baseline with its reason and approving decision")
    assert from_edit == [expected]
    assert [(c, m) for _, _, c, m in from_import] == [expected]


def test_a_ref_used_twice_is_worded_alike_and_the_import_names_the_other_row(sample_plan, write_csv):
    from_import = import_problems(sample_plan, write_csv, [csv_row(NEW), csv_row(NEW)])
    from_edit = edit_problems(sample_plan, lambda plan: add_milestone(plan, replace(NEW, ref="M3")))

    assert from_edit == [("ref", "M3 is already used by another milestone")]
    assert [(r, c, m) for _, r, c, m in from_import] == [(3, "ref", "N1 is already used by another milestone, "
                                                                    "on row 2")]
