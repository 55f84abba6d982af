"""A plan milestone that meets a statutory deadline pairs with the derived deadline for its service's
transfer date; the pairing is computed from the plan, never stored."""

from __future__ import annotations

from datetime import date

from trustplanner.domain.enums import DeliveryModel, Stage
from trustplanner.domain.milestone_rules import milestone_breaches
from trustplanner.domain.model import Milestone, Programme, Service
from trustplanner.domain.snapshot import PlanSnapshot
from trustplanner.domain.statutory import Meets, paired_deadline, pairings, parse_meets

GO_LIVE = date(2017, 4, 1)
LATER = date(2017, 10, 1)


def _milestone(ref: str, *, meets: str = "", service: str | None = None, derived: bool = False) -> Milestone:
    day = date(2017, 2, 24)
    return Milestone(ref, ref, "HR & TUPE", Stage.SHADOW, day, day, service=service, derived=derived, meets=meets)


def _snapshot(*milestones: Milestone) -> PlanSnapshot:
    programme = Programme("Council", "Trust", DeliveryModel.COUNCIL_OWNED_COMPANY, GO_LIVE)
    services = (Service("Early help"), Service("Education", go_live=LATER))
    derived = tuple(_milestone(ref, derived=True)
                    for ref in ("TUPE-ELI-20170401", "TUPE-REP-20170401", "TUPE-ELI-20171001", "TUPE-LGPS"))
    return PlanSnapshot(programme, services, derived + milestones)


def test_eli_pairs_with_the_deadline_for_the_services_go_live_or_the_programmes():
    own, early, late = (_milestone("HR-05", meets="eli"), _milestone("HR-06", meets="eli", service="Early help"),
                        _milestone("HR-07", meets="eli", service="Education"))
    snapshot = _snapshot(own, early, late)
    assert paired_deadline(snapshot, own).ref == "TUPE-ELI-20170401"
    assert paired_deadline(snapshot, early).ref == "TUPE-ELI-20170401"
    assert paired_deadline(snapshot, late).ref == "TUPE-ELI-20171001"
    assert {ref: m.ref for ref, m in pairings(snapshot).items()} == {
        "HR-05": "TUPE-ELI-20170401", "HR-06": "TUPE-ELI-20170401", "HR-07": "TUPE-ELI-20171001"}


def test_rep_and_lgps_pair_and_a_missing_deadline_is_no_pairing():
    rep, lgps, none = (_milestone("HR-04", meets="rep"), _milestone("PEN-04", meets="lgps"), _milestone("GOV-01"))
    late_rep = _milestone("HR-08", meets="rep", service="Education")  # no REP deadline derived for 01/10/2017
    snapshot = _snapshot(rep, lgps, none, late_rep)
    assert paired_deadline(snapshot, rep).ref == "TUPE-REP-20170401"
    assert paired_deadline(snapshot, lgps).ref == "TUPE-LGPS"
    assert paired_deadline(snapshot, none) is None
    assert paired_deadline(snapshot, late_rep) is None
    assert "HR-08" not in pairings(snapshot)


def test_meets_labels_say_legal_or_local():
    assert Meets.ELI.label() == "ELI sent (legal minimum: 28 days before transfer)"
    assert Meets.REP.label(90) == "Staff representatives informed (local setting: 90 days' notice)"
    assert Meets.LGPS.label() == "LGPS admission agreement (legal: before the first transfer)"
    assert parse_meets(" ELI ") is Meets.ELI and parse_meets("") is Meets.NONE and parse_meets("x") is None


def test_a_derived_deadline_cannot_meet_one_and_an_unknown_kind_is_refused():
    derived = _milestone("TUPE-ELI-20170401", meets="eli", derived=True)
    assert [(b.column, b.message) for b in milestone_breaches(derived, {}, [], date(2017, 1, 1))] == [
        ("meets", "a derived TUPE deadline cannot meet another deadline")]
    odd = _milestone("HR-09", meets="tupe")
    assert [b.message for b in milestone_breaches(odd, {}, [], date(2017, 1, 1))] == [
        "unknown statutory deadline 'tupe'; use eli, rep or lgps"]
