"""The review pack laid out from plain data: its sections in order, a recommendations section only when
there are recommendations, "DRAFT" and the marking on every page, "Page x of y"."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

from pypdf import PdfReader

from trustplanner.briefing.data import BriefingHeader, StatusRow
from trustplanner.briefing.review_pack import render_review_pack
from trustplanner.briefing.review_pack_data import ReviewPackData, SinceLastReview
from trustplanner.domain.enums import Rag
from trustplanner.domain.review import Challenge, Review, ReviewKind

REVIEW = Review("Q3 2020 progress review", ReviewKind.PROGRESS, "Jane Smith", date(2020, 10, 5),
                as_of=date(2020, 9, 30))


def pack(**changes) -> ReviewPackData:
    header = BriefingHeader(council="Sunderland City Council", trust="Together for Children", delivery_model="Trust",
                            meeting=date(2020, 10, 12), as_of=date(2020, 9, 30), report_of="", marking="OFFICIAL-SENSITIVE",
                            go_live=date(2021, 4, 1), title=f"Commissioner review pack: {REVIEW.name}",
                            meeting_name=REVIEW.name)
    data = ReviewPackData(
        header=header, review=REVIEW, overall=Rag.AMBER,
        status=(StatusRow("Overall", Rag.AMBER, None, ""), StatusRow("Milestones", Rag.AMBER, None, "2 overdue")),
        since=SinceLastReview(REVIEW, None, date(2020, 9, 30), note="there is no earlier review than 'Q3' to compare with"),
        challenges=(Challenge(1, REVIEW.name, "plan", "Is go-live realistic?", "Jane Smith", date(2020, 10, 6)),),
        escalation_score=15, made_on=date(2020, 10, 12))
    return replace(data, **changes)


def read(data: ReviewPackData) -> PdfReader:
    buffer = io.BytesIO()
    render_review_pack(data, buffer, deterministic=True)
    return PdfReader(buffer)


def test_the_pack_lists_its_sections_and_leaves_recommendations_out_when_there_are_none():
    reader = read(pack())
    assert [item.title for item in reader.outline] == [
        "1 Position at the review's date", "2 Since the last review", "3 Milestones signed off",
        "4 Challenges and their outcomes", "5 Risks at escalation level", "6 Decisions awaited"]
    pages = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert "DRAFT" in text and text.count("OFFICIAL-SENSITIVE") >= 2 and f"Page {number} of {pages}" in text


def test_recommendations_get_their_section_after_the_challenges_once_there_are_some():
    reader = read(pack(recommendations=("OFS-1 Strengthen management oversight: on track",)))
    titles = [item.title for item in reader.outline]
    assert titles[3:6] == ["4 Challenges and their outcomes", "5 Recommendations and their progress",
                           "6 Risks at escalation level"]
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "OFS-1 Strengthen management oversight: on track" in text
