"""Revision 0010 adds the plan's own risk categories: a revision 0008 plan upgrades with every risk in the
category it had, and can then hold categories of its own; going back down is refused while a risk is in one."""

from __future__ import annotations

from dataclasses import replace

import pytest

from plan_revisions import downgrade, table_names

from trustplanner.services.demo import create_demo_plan
from trustplanner.services.risk_categories import add_category, load_categories
from trustplanner.services.risks import load_register, update_risk
from trustplanner.store.plan_file import open_plan_file


def test_a_revision_0008_plan_upgrades_keeping_each_risks_category(tmp_path):
    path = tmp_path / "demo.tplan"
    create_demo_plan(path).close()
    with open_plan_file(path) as plan:
        before = {r.ref: r.category for r in load_register(plan).risks}
    assert len(set(before.values())) > 3  # the demo files its risks under several categories
    downgrade(path, "0008")
    assert "risk_category" not in table_names(path)
    with open_plan_file(path) as plan:
        register = load_register(plan)
        assert {r.ref: r.category for r in register.risks} == before
        assert [c.label for c in register.categories][-1] == "ICT and data"
        long_name = "Placements, sufficiency and the regional adoption agency's commissioning"
        own = add_category(plan, long_name)
        update_risk(plan, "R01", replace(register.risk("R01"), category=own))
        assert load_register(plan).risk("R01").category.label == long_name


def test_going_back_to_0008_is_refused_while_a_risk_is_in_the_plans_own_category(tmp_path):
    path = tmp_path / "demo.tplan"
    with create_demo_plan(path) as plan:
        own = add_category(plan, "Partnership")
        update_risk(plan, "R03", replace(load_register(plan).risk("R03"), category=own))
    with pytest.raises(RuntimeError, match="risk R03 is in the plan's own categories"):
        downgrade(path, "0008")
    with open_plan_file(path) as plan:
        assert [c.label for c in load_categories(plan)][-1] == "Partnership"
