"""One set of budget and savings rules: a bad value gets the same words from a budget or savings
file and from the Budget page's in-place edits (``update_budget_line``, ``update_savings_plan``).

Each case changes an existing record of the sample plan (tests/conftest.py; the Adoption agency
is retained) twice: once as a row of a file, once as an edit. The import says ``FILE:ROW``, the
edit names the record; the column and message are the same text.
"""

from __future__ import annotations

import pytest

from trustplanner.domain.budget import Deliverability
from trustplanner.domain.problems import ValidationFailed
from trustplanner.services.budget import import_budget, import_savings, update_budget_line, update_savings_plan
from trustplanner.io.formats.budget import BUDGET_COLUMNS, SAVINGS_COLUMNS
from trustplanner.services.imports import import_file
from trustplanner.store.plan_file import open_plan_file

CSC, ADOPT = "Children's social care", "Adoption agency"
LINES = {"SC1": [CSC, "2016/17", "SC1", "Placements", "1,000,000", "1,100,000", "yes"],
         "AD1": [ADOPT, "2016/17", "AD1", "Adoption", "50,000", "50,000", "no"]}
SAVINGS = {"S1": ["S1", CSC, "2016/17", "Agency", "100,000", "40,000", "red", "Recruit"],
           "S2": ["S2", CSC, "2016/17", "Transport", "50,000", "50,000", "green", ""]}
LONG = "D" * 301


@pytest.fixture
def finance_plan(sample_plan, write_csv):
    with open_plan_file(sample_plan) as plan:
        import_budget(plan, write_csv("budget.csv", [BUDGET_COLUMNS, *LINES.values()]))
        import_savings(plan, write_csv("savings.csv", [SAVINGS_COLUMNS, *SAVINGS.values()]))
    return sample_plan


def row_of(columns, base, cells):
    return [cells.get(column, value) for column, value in zip(columns, base)]


def import_problems(plan_path, write_csv, kind, row):
    columns = BUDGET_COLUMNS if kind == "budget" else SAVINGS_COLUMNS
    path = write_csv("bad.csv", [columns, row])
    with open_plan_file(plan_path) as plan, pytest.raises(ValidationFailed) as caught:
        import_file(plan, kind, path, blank="clear")  # a blank cell means blank, as an emptied field does
    return [(p.source, p.row, p.column, p.message) for p in caught.value.problems]


def edit_problems(plan_path, edit):
    with open_plan_file(plan_path) as plan, pytest.raises(ValidationFailed) as caught:
        edit(plan)
    return [(p.source, p.column, p.message) for p in caught.value.problems]


# name: (cost centre, the file's cells, the edit's changes, expected column, text)
BUDGET_CASES = {
    "description too long": ("SC1", {"description": LONG}, {"description": LONG}, "description",
                             "is longer than 300 characters"),
    "a retained service's budget transferring": ("AD1", {"transfers": "yes"}, {"transfers": True}, "transfers",
                                                 "Adoption agency is retained by the council, so its budget does "
                                                 "not transfer; set transfers to no"),
}


@pytest.mark.parametrize("case", list(BUDGET_CASES))
def test_a_bad_budget_line_gets_the_same_message_from_import_and_from_the_budget_page(finance_plan, write_csv,
                                                                                      case):
    cost_centre, cells, changes, column, message = BUDGET_CASES[case]

    from_import = import_problems(finance_plan, write_csv, "budget",
                                  row_of(BUDGET_COLUMNS, LINES[cost_centre], cells))
    from_edit = edit_problems(finance_plan, lambda plan: update_budget_line(plan, 2016, cost_centre, **changes))

    assert from_edit == [(f"{cost_centre} 2016/17", column, message)]
    assert [(c, m) for _, _, c, m in from_import] == [(column, message)]
    [(source, row, _, _)] = from_import
    assert source.endswith("bad.csv") and row == 2


# name: (ref, the file's cells, the edit's changes, expected column, text)
SAVINGS_CASES = {
    "negative target": ("S2", {"target": "(5,000)"}, {"target": -500_000}, "target",
                        "a savings target cannot be negative"),
    "negative forecast": ("S2", {"forecast": "-1"}, {"forecast": -100}, "forecast",
                          "forecast savings delivered cannot be negative"),
    "amber without a mitigation": ("S2", {"rag": "amber"}, {"rag": Deliverability.AMBER}, "mitigation",
                                   "an amber savings plan needs a mitigation"),
    "red losing its mitigation": ("S1", {"mitigation": ""}, {"mitigation": "  "}, "mitigation",
                                  "a red savings plan needs a mitigation"),
    "description too long": ("S1", {"description": LONG}, {"description": LONG}, "description",
                             "is longer than 300 characters"),
}


@pytest.mark.parametrize("case", list(SAVINGS_CASES))
def test_a_bad_savings_plan_gets_the_same_message_from_import_and_from_the_budget_page(finance_plan, write_csv,
                                                                                       case):
    ref, cells, changes, column, message = SAVINGS_CASES[case]

    from_import = import_problems(finance_plan, write_csv, "savings", row_of(SAVINGS_COLUMNS, SAVINGS[ref], cells))
    from_edit = edit_problems(finance_plan, lambda plan: update_savings_plan(plan, ref, **changes))

    assert from_edit == [(ref, column, message)]
    assert [(c, m) for _, _, c, m in from_import] == [(column, message)]
    [(source, row, _, _)] = from_import
    assert source.endswith("bad.csv") and row == 2
