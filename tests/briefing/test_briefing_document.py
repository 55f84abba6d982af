"""The rendered briefing, read back with pypdf."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from briefing_pdf import between, flat, milestone, read_pages, snapshot, whole_text

from trustplanner.briefing.document import BriefingDocument, render_briefing
from trustplanner.briefing.sections import SECTIONS, Section
from trustplanner.domain.model import Service
from trustplanner.services.briefings import prepare_briefing

AS_OF = date(2017, 1, 10)

OVERDUE = "Overdue milestones"
DUE_NEXT = "Due in the next 90 days"
DUE_BEFORE = "Due before the next meeting"
SLIPPED = "Slipped against baseline"
KNOCK_ON = "Knock-on of slippage"
COMPLETED = "Completed in the last 30 days"


def render(data) -> bytes:
    buffer = io.BytesIO()
    render_briefing(data, buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def typical():
    plan = snapshot(
        milestone("DONE-1", date(2017, 1, 3), actual=date(2017, 1, 5)),
        milestone("OLD-1", date(2016, 11, 1), actual=date(2016, 11, 1)),
        milestone("LATE-1", date(2016, 12, 15), date(2016, 12, 20),
                  commentary="Recovery: legal sign-off booked for 13 January."),
        milestone("SOON-1", date(2017, 2, 1)),
        milestone("SLIP-1", date(2017, 2, 1), date(2017, 2, 20), commentary="Awaiting the actuary."),
        milestone("DEP-1", date(2017, 2, 10), depends_on=("SLIP-1",)),
        milestone("FAR-1", date(2017, 6, 30)),
        services=(
            Service("Children's social care"),
            Service("Quality assurance and performance", go_live=date(2017, 10, 2)),
            Service("Independent reviewing officers", retained=True),
        ),
    )
    data = prepare_briefing(plan, as_of=AS_OF, meeting=date(2017, 1, 17))
    return read_pages(render(data))


@pytest.fixture(scope="module")
def long_overdue():
    """150 overdue milestones with commentary: the overdue table runs over several pages."""
    milestones = [
        milestone(f"OD-{i:03d}", date(2016, 10, 3) + timedelta(days=i % 60),
                  title=f"Overdue task {i} for the transfer of case records",
                  commentary=f"Recovery action {i}: new date agreed at programme board, ends here {i}.",
                  owner="Head of HR")
        for i in range(150)
    ]
    data = prepare_briefing(snapshot(*milestones), as_of=AS_OF)
    return read_pages(render(data))


def test_marking_is_at_the_top_and_bottom_of_every_page(long_overdue):
    assert len(long_overdue) > 3
    for page in long_overdue:
        places = page.runs_equal("OFFICIAL-SENSITIVE")
        assert any(y > page.height - 45 for _, y in places), page.text[:200]
        assert any(y < 45 for _, y in places), page.text[-200:]
        assert all(page.width * 0.3 < x < page.width * 0.5 for x, y in places if y > page.height - 45 or y < 45)


def test_every_page_says_page_x_of_y(long_overdue):
    total = len(long_overdue)
    for number, page in enumerate(long_overdue, start=1):
        assert f"Page {number} of {total}" in page.text


def test_render_returns_the_page_count():
    data = prepare_briefing(snapshot(milestone("A-1", date(2017, 2, 1))), as_of=AS_OF)
    buffer = io.BytesIO()
    pages = render_briefing(data, buffer)
    assert pages == len(read_pages(buffer.getvalue()))


def test_overdue_milestone_is_under_overdue_and_not_under_due_next(typical):
    text = whole_text(typical)
    overdue = between(text, OVERDUE, DUE_BEFORE)
    due_next = between(text, "Appendix A: Milestones in full", "Appendix B")
    due_next = due_next[due_next.index(DUE_NEXT):]  # the full 90 days are an appendix
    assert "LATE-1" in overdue
    assert "Recovery: legal sign-off booked" in overdue
    assert "LATE-1" not in due_next
    assert "SOON-1" in due_next and "SLIP-1" in due_next and "DEP-1" in due_next
    assert "SOON-1" not in overdue and "FAR-1" not in due_next


def test_completed_table_lists_only_the_recent_window(typical):
    completed = between(whole_text(typical), COMPLETED, DUE_NEXT)  # in the appendix, before the 90 days
    assert "DONE-1" in completed
    assert "OLD-1" not in completed


def test_slipped_table_and_knock_on_name_the_pushed_dependant(typical):
    text = whole_text(typical)
    slipped = between(text, SLIPPED, KNOCK_ON)
    assert "SLIP-1" in slipped and "LATE-1" in slipped
    assert "SOON-1" not in slipped
    assert "Recovery: legal sign-off" not in slipped  # printed once, under Overdue
    assert "See the commentary under “Overdue milestones”." in slipped
    knock = between(text, KNOCK_ON, "Page")
    assert "DEP-1" in knock and "20/02/2017" in knock and "SLIP-1" in knock


def test_an_empty_table_is_a_sentence_not_a_grid():
    data = prepare_briefing(snapshot(milestone("FAR-1", date(2017, 6, 30))), as_of=AS_OF)
    text = whole_text(read_pages(render(data)))
    assert "No milestones were completed in the last 30 days." in text
    assert "No milestones are overdue." in text
    assert "No milestones are due in the next 90 days." in text
    assert "No open milestones have slipped against their baseline." in text
    assert "Slippage does not push any dependent milestone later." in text
    assert "Days overdue" not in text and "Slip (days)" not in text


def test_long_table_repeats_its_heading_row_on_every_page_it_spans(long_overdue):
    pages_with_rows = [p for p in long_overdue if "ends here" in flat(p.text)]
    assert len(pages_with_rows) >= 3
    for page in pages_with_rows:
        assert "Ref Milestone Workstream / owner Baseline Forecast Days overdue RAG" in flat(page.text)


def test_no_table_row_is_split_across_pages(long_overdue):
    for i in range(150):
        ref = f"OD-{i:03d}"
        holding = [p for p in long_overdue if f"Recovery action {i}:" in p.text]
        assert len(holding) == 1, ref
        assert ref in holding[0].text
        page_text = flat(holding[0].text)
        assert f"ends here {i}." in page_text, ref


def test_rag_is_a_word_and_letter_in_the_summary_and_a_letter_in_tables(typical):
    text = whole_text(typical)
    summary = between(text, "Executive summary", "Services and stages")
    assert "Overall status" in summary
    assert "RED (R)" in summary  # one overdue of five open: 20% red
    overdue_rows = between(text, OVERDUE, DUE_NEXT)
    assert re.search(r"\bR\b", overdue_rows)


def test_header_block_reads_like_a_cabinet_report(typical):
    first = flat(typical[0].text)
    for expected in ("Sunderland City Council", "Report to Cabinet",
                     "Children's Services Transition: Programme", "Date of meeting", "17/01/2017",
                     "Position as at", "10/01/2017", "Director of Children's Services",
                     "Together for Children Sunderland", "Protective"):
        assert expected in first


def test_sections_are_numbered_in_order_and_no_placeholders_are_printed(typical):
    flat_text = whole_text(typical)
    # the position comes first (page one), then what the meeting is asked to do
    headings = ["1 Purpose of the report", "2 Executive summary", "3 Recommendations",
                "4 Services and stages", "5 Milestones"]
    positions = [flat_text.index(h) for h in headings]
    assert positions == sorted(positions)
    for absent in ("Workforce", "Finance", "Risks", "Decisions"):
        assert absent not in flat_text


def test_services_show_their_stage_on_the_as_of_date(typical):
    services = between(whole_text(typical), "Services by stage", "5 Milestones")
    assert "Children's social care" in services
    assert "Shadow" in services
    assert "Retained by council" in services


def test_a_later_section_is_added_without_touching_the_others():
    def workforce(data, writer):
        writer.para("Agency rate is 12%.")

    data = prepare_briefing(snapshot(milestone("A-1", date(2017, 2, 1))), as_of=AS_OF)
    buffer = io.BytesIO()
    BriefingDocument(data, (*SECTIONS, Section("Workforce and TUPE", workforce))).render(buffer)
    text = whole_text(read_pages(buffer.getvalue()))
    assert "6 Workforce and TUPE" in text and "6.1 Agency rate is 12%." in text


def test_output_is_byte_stable_when_deterministic():
    data = prepare_briefing(snapshot(milestone("A-1", date(2017, 2, 1))), as_of=AS_OF)

    def stable() -> bytes:
        buffer = io.BytesIO()
        render_briefing(data, buffer, deterministic=True)
        return buffer.getvalue()

    assert stable() == stable()


def test_user_text_with_markup_characters_is_printed_as_written():
    data = prepare_briefing(
        snapshot(milestone("A-1", date(2016, 12, 1), title="R&D <review> of ICT", commentary="Costs < £5k & agreed")),
        as_of=AS_OF,
    )
    text = whole_text(read_pages(render(data)))
    assert "R&D <review> of ICT" in text
    assert "Costs < £5k & agreed" in text


def test_very_long_commentary_is_shortened_so_its_row_fits_a_page():
    essay = "The recovery plan depends on several partners. " * 400
    data = prepare_briefing(snapshot(milestone("A-1", date(2016, 12, 1), commentary=essay)), as_of=AS_OF)
    text = whole_text(read_pages(render(data)))
    assert re.search(r"… \(continues; [\d,]+ more characters in the plan\)", text)


def test_plan_without_services_says_all_follow_the_programme_dates():
    data = prepare_briefing(snapshot(milestone("A-1", date(2017, 2, 1))), as_of=AS_OF)
    text = whole_text(read_pages(render(data)))
    assert "every transferring service follows the programme dates" in text
    assert "shadow stage" in text


def test_a_reported_rag_better_than_the_dates_prints_the_dates_rag_and_notes_the_report():
    from dataclasses import replace

    from trustplanner.domain.enums import Rag

    # 01/02 -> 22/02/2017: 15 working days slip against the tolerance of 10: red by its dates
    reported_amber = replace(milestone("N15", date(2017, 2, 1), date(2017, 2, 22),
                                       commentary="Lease terms with the landlord."), rag_override=Rag.AMBER)
    data = prepare_briefing(snapshot(reported_amber), as_of=AS_OF)
    [line] = data.milestones.slipped
    assert line.rag is Rag.RED
    assert line.reported_note == "Reported amber; the dates show red: 15 working days slip, tolerance 10."

    slipped = between(whole_text(read_pages(render(data))), SLIPPED, KNOCK_ON)
    assert "Reported amber; the dates show red: 15 working days slip, tolerance 10." in slipped
    assert re.search(r"\b15 R\b", slipped)  # slip column, then the RAG letter: the dates' status
