from datetime import date, timedelta

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


@pytest.mark.parametrize(("go_live", "shadow"), [
    (date(2027, 4, 1), date(2026, 10, 1)),   # a six-month shadow period (issue 12's example)
    (date(2027, 4, 1), date(2025, 10, 1)),   # eighteen months
    (date(2017, 4, 1), date(2016, 9, 3)),    # a Saturday: shadow work starts on the Monday
    (date(2027, 4, 1), date(2027, 3, 31)),   # a day's shadow
])
def test_template_is_anchored_to_the_shadow_start_as_well_as_go_live(go_live, shadow):
    milestones = {m.ref: m for m in template_milestones(go_live, shadow)}
    start = milestones["GOV-05"].baseline
    assert is_working_day(start) and shadow <= start <= shadow + timedelta(days=3)
    assert milestones["GOV-09"].baseline == go_live
    for m in milestones.values():
        if m.stage is Stage.COUNCIL:
            assert m.baseline < start, m.ref
        elif m.ref != "GOV-05":
            assert start <= m.baseline, m.ref
    assert not knock_on(milestones.values())


def test_done_milestones_keep_their_anchored_dates_and_not_needed_ones_are_bridged():
    plain = {m.ref: m for m in template_milestones(date(2027, 4, 1), date(2026, 10, 1))}
    mid = {m.ref: m for m in template_milestones(date(2027, 4, 1), date(2026, 10, 1),
                                                 done={"GOV-01": date(2026, 2, 2)}, not_needed={"GOV-05", "HR-02"})}
    assert mid["GOV-01"].actual == date(2026, 2, 2) and mid["GOV-01"].baseline == plain["GOV-01"].baseline
    assert "GOV-05" not in mid and "HR-02" not in mid
    assert mid["HR-01"].depends_on == ("GOV-04", "CON-01")
    assert mid["HR-04"].depends_on == ("HR-01",)
    assert not unknown_dependencies(mid.values())


def test_the_templates_eli_and_lgps_milestones_meet_their_statutory_deadlines():
    meets = {m.ref: m.meets for m in template_milestones(date(2017, 4, 1)) if m.meets}
    assert meets == {"HR-04": "eli", "PEN-02": "lgps"}
