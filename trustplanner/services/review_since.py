""""Since my last review": what moved in the plan since the reviewer's previous review.

"Since" is the previous review's position date (closed or not). The plan is compared from the
frozen figures of the last briefing issued with its position on or before that date, with the
one rule every "what changed" list uses (``domain.briefing_changes.changes_between``), so a
reviewer, a briefing and ``trustplanner changes`` never disagree about what slipped. Completed
milestones carry whether they stand signed off; open challenges their age in days.
"""

from __future__ import annotations

from datetime import date

from trustplanner.briefing.data import BriefingData
from trustplanner.briefing.review_pack_data import Completion, OpenChallenge, SinceLastReview, position_of
from trustplanner.briefing.wording import long_date
from trustplanner.domain.briefing_changes import changes_between
from trustplanner.domain.problems import NotFound
from trustplanner.domain.review import NOT_SIGNED_OFF, Review
from trustplanner.domain.review_rules import SignOffStanding, same_person
from trustplanner.services.briefing_register import BriefingRecord, list_briefings
from trustplanner.services.reviews import ReviewRecords, load_review_records, signed_off_status
from trustplanner.services.snapshot import PlanSnapshot, load_snapshot
from trustplanner.services.status_areas import load_sources
from trustplanner.store.plan_file import PlanFile




def find_review(records: ReviewRecords, name: str | None) -> Review | None:
    """The review named, or else the open review opened last (None when no review is open)."""
    if name is not None:
        found = next((r for r in records.reviews if r.name == name.strip()), None)
        if found is None:
            known = ", ".join(f"'{r.name}'" for r in records.reviews) or "none yet"
            raise NotFound(f"there is no review '{name.strip()}' in this plan (reviews: {known})")
        return found
    return next((r for r in reversed(records.reviews) if r.is_open), None)


def previous_review(records: ReviewRecords, review: Review | None) -> Review | None:
    """The review before ``review`` (its reviewer's own if they had one, else anyone's); with no
    review, the latest there is."""
    reviews = list(records.reviews)  # oldest first
    if review is None:
        return reviews[-1] if reviews else None
    earlier = reviews[:reviews.index(review)]
    own = [r for r in earlier if same_person(r.reviewer, review.reviewer)]
    return (own or earlier or [None])[-1]


def briefing_on_or_before(plan: PlanFile, day: date) -> BriefingRecord | None:
    """The last briefing issued with its position on or before ``day``."""
    earlier = [r for r in list_briefings(plan) if r.as_of <= day]
    return max(earlier, key=lambda r: (r.as_of, r.produced_at, r.id), default=None)


def prepare_position(plan: PlanFile, snapshot: PlanSnapshot, as_of: date,
                     sources: dict[str, object] | None = None) -> BriefingData:
    """The briefing's prepared data as at ``as_of`` (its status rows, register and frozen figures);
    ``sources`` are what its areas are prepared from, when already loaded."""
    from trustplanner.services.briefings import prepare_briefing  # the briefing service imports a lot

    sources = sources if sources is not None else load_sources(plan, as_of)
    return prepare_briefing(snapshot, as_of=as_of, **sources)


def since_last_review(plan: PlanFile, review_name: str | None = None, *, today: date | None = None,
                      position: BriefingData | None = None) -> SinceLastReview:
    """What moved since the previous review of ``review_name`` (default: the open review opened
    last; with none open, since the latest review), to that review's position date (else the
    plan's status date). ``position`` is the data already prepared as at that date, if any."""
    records = load_review_records(plan)
    snapshot = load_snapshot(plan)
    review = find_review(records, review_name)
    last = previous_review(records, review)
    as_of = position_of(review) if review else snapshot.status_date
    today = today or date.today()
    open_challenges = tuple(OpenChallenge(c, c.age(today)) for c in records.challenges if not c.is_closed)
    result = SinceLastReview(review, last, as_of, open_challenges=open_challenges)
    if last is None:
        return _noted(result, f"there is no earlier review than '{review.name}' to compare with" if review
                      else "there is no review in this plan yet to compare with")
    since = position_of(last)
    briefing = briefing_on_or_before(plan, since)
    if briefing is None:
        return _noted(result, f"no briefing was issued before the last review: '{last.name}' looked at the "
                              f"position on {long_date(since)}, and the plan keeps no figures from then to "
                              "compare with")
    if position is None or position.header.as_of != as_of:
        position = prepare_position(plan, snapshot, as_of)
    changes = changes_between(briefing.figures, position.figures)
    standing = signed_off_status(snapshot, records.signoffs)
    completed = tuple(Completion(m, standing.get(m.ref, SignOffStanding(NOT_SIGNED_OFF)))
                      for m in changes.completed)
    return SinceLastReview(review, last, as_of, briefing.label, briefing.as_of, changes, completed, open_challenges)


def _noted(result: SinceLastReview, note: str) -> SinceLastReview:
    return SinceLastReview(result.review, result.last, result.as_of, open_challenges=result.open_challenges,
                           note=note)
