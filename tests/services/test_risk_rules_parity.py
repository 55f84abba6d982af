"""One set of register and log rules: a bad value gets the same words from a risks, actions or decisions
file and from the app's edits (``update_risk``, ``update_action``, ``update_decision``).

Each case changes an existing record twice: once as a row of a file, once as an edit. The import
says ``FILE:ROW``, the edit names the record; the column and message are the same text.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from trustplanner.domain.problems import ValidationFailed
from trustplanner.domain.risks import Decision, DecisionStatus, Forum, Risk, RiskAction, Score
from trustplanner.io.formats.decisions import COLUMNS as DECISION_COLUMNS
from trustplanner.io.formats.risks import ACTION_COLUMNS, RISK_COLUMNS
from trustplanner.services.decisions import add_decision, update_decision
from trustplanner.services.imports import import_file
from trustplanner.services.risks import add_action, add_risk, update_action, update_risk
from trustplanner.store.plan_file import open_plan_file

RISK = Risk("R1", "Agency reliance", Score(3, 4), owner="DCS", inherent=Score(4, 4), target=Score(2, 4),
            milestones=("M3",))
RISK_ROW = {"ref": "R1", "title": "Agency reliance", "category": "delivery", "owner": "DCS", "status": "open",
            "response": "treat", "inherent_likelihood": "4", "inherent_impact": "4", "likelihood": "3", "impact": "4",
            "target_likelihood": "2", "target_impact": "4", "milestones": "M3"}
ACTION = RiskAction("R1", "Recruit", "HR", date(2017, 2, 1))
ACTION_ROW = {"risk": "R1", "action": "Recruit", "owner": "HR", "due": "2017-02-01", "status": "open"}
DECISION = Decision("D1", "Contract sum", Forum.CABINET, DecisionStatus.NEEDED, needed_by=date(2017, 2, 15))
DECISION_ROW = {"ref": "D1", "title": "Contract sum", "forum": "cabinet", "status": "needed",
                "needed_by": "2017-02-15", "key_decision": "no", "exempt": "no"}


@pytest.fixture
def register_plan(sample_plan):
    with open_plan_file(sample_plan) as plan:
        add_risk(plan, RISK)
        add_action(plan, ACTION)
        add_decision(plan, DECISION)
    return sample_plan


def import_problems(plan_path, write_csv, kind, columns, cells):
    path = write_csv("bad.csv", [columns, [cells.get(c, "") for c in columns]])
    with open_plan_file(plan_path) as plan, pytest.raises(ValidationFailed) as caught:
        import_file(plan, kind, path, blank="clear")
    return [(p.source, p.row, p.column, p.message) for p in caught.value.problems]


def edit_problems(plan_path, edit):
    with open_plan_file(plan_path) as plan, pytest.raises(ValidationFailed) as caught:
        edit(plan)
    return [(p.source, p.column, p.message) for p in caught.value.problems]


# name: (the file's cells, the edited risk, expected column, text)
RISK_CASES = {
    "likelihood above 5": ({"likelihood": "6"}, replace(RISK, current=Score(6, 4)), "likelihood",
                           "6 is outside the scale: scores are whole numbers 1 to 5 (or very low, low, medium, high, "
                           "very high)"),
    "target impact of 0": ({"target_impact": "0"}, replace(RISK, target=Score(2, 0)), "target_impact",
                           "0 is outside the scale: scores are whole numbers 1 to 5 (or very low, low, medium, "
                           "high, very high)"),
    "no owner": ({"owner": ""}, replace(RISK, owner=""), "owner", "a risk needs one owner"),
    "two owners": ({"owner": "HR; Finance"}, replace(RISK, owner="HR; Finance"), "owner",
                   "a risk has one owner; name one person or post"),
    "no title": ({"title": ""}, replace(RISK, title=""), "title", "title is required"),
    "unknown milestone": ({"milestones": "M99"}, replace(RISK, milestones=("M99",)), "milestones",
                          "unknown milestone 'M99' (not a milestone ref or title in this plan)"),
}


@pytest.mark.parametrize("case", list(RISK_CASES))
def test_a_bad_risk_gets_the_same_message_from_import_and_from_an_edit(register_plan, write_csv, case):
    cells, edited, column, message = RISK_CASES[case]
    from_import = import_problems(register_plan, write_csv, "risks", RISK_COLUMNS, {**RISK_ROW, **cells})
    from_edit = edit_problems(register_plan, lambda plan: update_risk(plan, "R1", edited))
    assert from_edit == [("risk R1", column, message)]
    assert [(c, m) for _, _, c, m in from_import] == [(column, message)]
    [(source, row, _, _)] = from_import
    assert source.endswith("bad.csv") and row == 2


ACTION_CASES = {
    "no action": ({"action": ""}, replace(ACTION, action=""), "action", "action is required"),
    "unknown risk": ({"risk": "R9"}, replace(ACTION, risk="R9"), "risk",
                     "unknown risk 'R9' (not a risk ref in this plan: import the risks first)"),
}


@pytest.mark.parametrize("case", list(ACTION_CASES))
def test_a_bad_action_gets_the_same_message_from_import_and_from_an_edit(register_plan, write_csv, case):
    cells, edited, column, message = ACTION_CASES[case]
    from_import = import_problems(register_plan, write_csv, "risk_actions", ACTION_COLUMNS, {**ACTION_ROW, **cells})
    from_edit = edit_problems(register_plan, lambda plan: update_action(plan, "R1", "Recruit", edited))
    assert [(c, m) for _, c, m in from_edit] == [(column, message)]
    assert [(c, m) for _, _, c, m in from_import] == [(column, message)]


DECISION_CASES = {
    "made without a date": ({"status": "made"}, replace(DECISION, status=DecisionStatus.MADE), "made_on",
                            "a made decision needs made_on, the date it was made"),
    "needed without needed_by": ({"needed_by": ""}, replace(DECISION, needed_by=None), "needed_by",
                                 "a needed decision needs needed_by: the date or the meeting it is needed by"),
    "unknown milestone": ({"milestones": "M42"}, replace(DECISION, milestones=("M42",)), "milestones",
                          "unknown milestone 'M42' (not a milestone ref or title in this plan)"),
    "unknown risk": ({"risks": "R77"}, replace(DECISION, risks=("R77",)), "risks",
                     "unknown risk 'R77' (not a risk ref in this plan: import the risks first)"),
    "schedule 12A paragraph 8": ({"exempt": "paragraph 8"}, replace(DECISION, exempt=True, exempt_paragraph=8),
                                 "exempt", "Schedule 12A has paragraphs 1 to 7, not 8"),
}


@pytest.mark.parametrize("case", list(DECISION_CASES))
def test_a_bad_decision_gets_the_same_message_from_import_and_from_an_edit(register_plan, write_csv, case):
    cells, edited, column, message = DECISION_CASES[case]
    from_import = import_problems(register_plan, write_csv, "decisions", DECISION_COLUMNS, {**DECISION_ROW, **cells})
    from_edit = edit_problems(register_plan, lambda plan: update_decision(plan, "D1", edited))
    assert from_edit == [("decision D1", column, message)]
    assert [(c, m) for _, _, c, m in from_import] == [(column, message)]
