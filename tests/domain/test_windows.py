"""The reporting windows: the next meeting, and a report draft's dates."""

from datetime import date


def test_the_next_meeting_is_the_reports_date_or_else_six_weeks_on():
    from trustplanner.domain.windows import next_meeting

    assert next_meeting(date(2017, 1, 18), date(2017, 2, 8)) == (date(2017, 2, 8), False)
    assert next_meeting(date(2017, 1, 18), None) == (date(2017, 3, 1), True)  # 42 days
    assert next_meeting(date(2017, 1, 18), date(2017, 1, 18)) == (date(2017, 3, 1), True)  # not after it


def test_a_report_drafts_dates_survive_storage_and_are_not_carried_to_the_next_meeting():
    from trustplanner.domain.report import ReportDraft

    draft = ReportDraft(next_meeting=date(2017, 3, 1), report_date=date(2017, 1, 10), texts={"legal": "Advice."})
    again = ReportDraft.from_json(draft.to_json())
    assert (again.next_meeting, again.report_date) == (date(2017, 3, 1), date(2017, 1, 10))
    assert ReportDraft.from_json('{"texts": {}}').next_meeting is None  # drafts saved before the dates existed
    carried = draft.carried_forward()
    assert carried.next_meeting is None and carried.report_date is None and carried.text("legal") == "Advice."
    assert draft.problems(date(2017, 1, 18)) == []
    assert draft.problems(date(2017, 3, 1)) == ["the next meeting (01/03/2017) must be after this one (01/03/2017)"]
    assert draft.problems(date(2017, 1, 9)) == ["the report date (10/01/2017) cannot be after the meeting (09/01/2017)"]
