from datetime import date

import pytest

from trustplanner.domain.calendar import is_working_day
from trustplanner.domain.enums import Stage, Workstream
from trustplanner.domain.schedule import find_cycles, knock_on, unknown_dependencies
from trustplanner.domain.template import template_milestones


@pytest.mark.parametrize("go_live", [date(2017, 4, 1), date(2020, 11, 1), date(2026, 10, 1)])
def test_template_is_scheduled_backwards_from_go_live_on_working_days(go_live):
    milestones = template_milestones(go_live)
    go = [m for m in milestones if m.stage is Stage.INDEPENDENT and m.baseline == go_live]
    assert len(go) == 1
    for m in milestones:
        if m is not go[0]:
            assert is_working_day(m.baseline), m.ref
        assert m.forecast == m.baseline
    assert not unknown_dependencies(milestones)
    assert not find_cycles({m.ref: m.depends_on for m in milestones})
    assert not knock_on(milestones)  # every dependant falls on or after what it depends on


def test_template_covers_the_legal_minimum_for_eli():
    milestones = {m.ref: m for m in template_milestones(date(2017, 4, 1))}
    eli = next(m for m in milestones.values() if "liability information" in m.title)
    assert (date(2017, 4, 1) - eli.baseline).days >= 28


def test_template_spans_every_core_workstream():
    used = {m.workstream for m in template_milestones(date(2017, 4, 1))}
    assert used == {w.value for w in Workstream}
