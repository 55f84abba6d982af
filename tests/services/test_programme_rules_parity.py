"""One set of programme rules: creating a plan (the wizard, ``trustplanner new``) and changing its
details (``trustplanner set``, the app) refuse the same bad value with the same words."""

from __future__ import annotations

from datetime import date

import pytest

from trustplanner.domain.problems import ValidationFailed
from trustplanner.services.plans import new_plan, update_programme
from trustplanner.store.plan_file import open_plan_file

GOOD = dict(council="Sunderland City Council", trust="Together for Children Sunderland", go_live=date(2017, 4, 1),
            shadow_start=date(2016, 9, 1))

# name: (the bad details, expected column, text)
CASES = {
    "no council": ({"council": "  "}, "council", "council name is required"),
    "no trust": ({"trust": ""}, "trust", "trust name is required"),
    "shadow after go-live": ({"shadow_start": date(2017, 5, 1)}, "shadow", "shadow start must not be after go-live"),
    "decision after go-live": ({"decision_date": date(2017, 5, 1)}, "decision",
                               "decision date must not be after go-live"),
    "tolerance too long": ({"tolerance_days": 251}, "tolerance", "must be 0 to 250 working days"),
    "negative tolerance": ({"tolerance_days": -1}, "tolerance", "must be 0 to 250 working days"),
    "no marking": ({"marking": " "}, "marking", "protective marking is required"),
    "marking too long": ({"marking": "OFFICIAL-SENSITIVE: " + "COMMERCIAL " * 5}, "marking",
                         "is longer than 60 characters (it is printed on one line at the top and bottom of every "
                         "briefing page); e.g. OFFICIAL-SENSITIVE"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_programme_details_get_the_same_message_when_created_and_when_changed(sample_plan, tmp_path, case):
    details, column, message = CASES[case]

    with pytest.raises(ValidationFailed) as created:
        new_plan(tmp_path / "new.tplan", **{**GOOD, **details})
    with open_plan_file(sample_plan) as plan, pytest.raises(ValidationFailed) as changed:
        update_programme(plan, **details)

    assert [(p.column, p.message) for p in created.value.problems] == [(column, message)]
    assert [(p.column, p.message) for p in changed.value.problems] == [(column, message)]
    assert not (tmp_path / "new.tplan").exists()


def test_a_tupe_notice_out_of_range_is_refused_in_the_programme_s_words(sample_plan):
    with open_plan_file(sample_plan) as plan, pytest.raises(ValidationFailed) as changed:
        update_programme(plan, tupe_notice_days=366)
    assert [(p.source, p.column, p.message) for p in changed.value.problems] == [
        ("programme", "tupe_notice_days", "the TUPE notice must be 0 to 365 days")]
