"""A plan's own risk categories through the services: added, renamed, removed (refused while risks are
in one), given to risks, and each change undone as one history entry with the risks' categories."""

from dataclasses import replace
from datetime import date

import pytest

from trustplanner.domain.problems import NotFound, ValidationFailed
from trustplanner.domain.risks import Category, Risk, Score
from trustplanner.services import history
from trustplanner.services.plans import new_plan
from trustplanner.services.risk_categories import add_category, load_categories, remove_category, rename_category
from trustplanner.services.risks import add_risk, load_register, update_risk


@pytest.fixture
def plan(tmp_path):
    plan = new_plan(tmp_path / "p.tplan", council="C", trust="T", go_live=date(2027, 4, 1))
    yield plan
    plan.close()


def labels(plan):
    return [c.label for c in load_categories(plan)]


def test_the_standard_seven_come_first_then_the_plans_own_in_the_order_added(plan):
    add_category(plan, "  Placements and sufficiency ")
    add_category(plan, "Partnership")
    assert labels(plan)[:7] == ["Delivery", "Financial", "Workforce", "Legal and contract",
                                "Safeguarding and quality", "Reputational", "ICT and data"]
    assert labels(plan)[7:] == ["Placements and sufficiency", "Partnership"]


def test_a_risk_in_the_plans_category_keeps_it_when_renamed_and_blocks_its_removal(plan):
    partnership = add_category(plan, "Partnership")
    add_risk(plan, Risk("R1", "Partner pulls out", Score(3, 4), owner="DCS", category=partnership))
    add_risk(plan, Risk("R2", "Second partner", Score(2, 2), owner="DCS", category=partnership))
    rename_category(plan, "partnership", "Partners")
    assert load_register(plan).risk("R1").category == Category(partnership.key, "Partners")
    with pytest.raises(ValidationFailed) as refused:
        remove_category(plan, "Partners")
    assert str(refused.value.problems[0]) == (
        "risk categories: risks R1, R2 are in the category Partners: give them another category first")
    assert "Partners" in labels(plan)


def test_a_standard_category_cannot_be_renamed_or_removed_and_an_unknown_one_is_not_found(plan):
    with pytest.raises(ValidationFailed, match="standard seven cannot be renamed or removed"):
        rename_category(plan, "Financial", "Money")
    with pytest.raises(ValidationFailed, match="standard seven"):
        remove_category(plan, "hr")
    with pytest.raises(NotFound, match="no risk category 'Weather' in this plan; its own are none yet"):
        remove_category(plan, "Weather")
    with pytest.raises(ValidationFailed, match="is the standard category Financial"):
        add_category(plan, "finance")


def test_a_risk_cannot_be_given_a_category_the_plan_does_not_list(plan):
    with pytest.raises(ValidationFailed, match="category: unknown category 'Weather'; use delivery"):
        add_risk(plan, Risk("R1", "Storm", Score(1, 1), owner="DCS", category=Category("weather", "Weather")))
    assert load_register(plan).risks == ()


def test_undo_puts_back_the_list_and_the_risks_categories(plan):
    add_risk(plan, Risk("R1", "Partner pulls out", Score(3, 4), owner="DCS"))
    partnership = add_category(plan, "Partnership")
    update_risk(plan, "R1", replace(load_register(plan).risk("R1"), category=partnership))
    rename_category(plan, "Partnership", "Partners")
    history.undo(plan)  # the rename
    assert load_register(plan).risk("R1").category.label == "Partnership"
    history.undo(plan)  # the risk's new category
    assert load_register(plan).risk("R1").category.key == "delivery"
    remove_category(plan, "Partnership")
    assert "Partnership" not in labels(plan)
    history.undo(plan)  # the removal
    assert labels(plan)[-1] == "Partnership"
    assert [e.what for e in history.entries(plan)][-7:-4] == [
        "Add risk category Partnership", "Edit risk R1", "Rename risk category Partnership to Partners"]
