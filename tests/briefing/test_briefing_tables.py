"""The briefing's tables as print: references never broken inside a token, numbers aligned right
in the PDF and in Word, and every table numbered, with "(continued)" where it runs onto a page."""

from __future__ import annotations

import io
import re
import shutil
from datetime import date, timedelta

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from briefing_pdf import flat, milestone, read_pages, snapshot
from docx.enum.text import WD_ALIGN_PARAGRAPH
from reportlab.lib.enums import TA_LEFT, TA_RIGHT

from trustplanner.briefing.blocks import data_table, ref_lines
from trustplanner.briefing.document import render_briefing
from trustplanner.briefing.docx_writer import render_briefing_docx
from trustplanner.briefing.milestone_section import DAYS_OVERDUE, REF
from trustplanner.briefing.print_text import width
from trustplanner.briefing.styles import briefing_styles
from trustplanner.briefing.writer import Cell, Column
from trustplanner.services.briefings import prepare_briefing
from trustplanner.services.snapshot import load_snapshot
from trustplanner.services.status_areas import load_sources
from trustplanner.store.plan_file import open_plan_file

AS_OF = date(2017, 1, 10)
FRAME = 481.89  # the A4 text width in points
LONG_REFS = ("TUPE-REP-20170401", "PENS-ELI-20171001", "WORKSTREAM-GOVERNANCE-0042")


def pdf_of(data) -> bytes:
    buffer = io.BytesIO()
    render_briefing(data, buffer)
    return buffer.getvalue()


def word_of(data):
    buffer = io.BytesIO()
    render_briefing_docx(data, buffer)
    buffer.seek(0)
    return docx.Document(buffer)


@pytest.fixture(scope="module")
def overdue_data():
    """Overdue milestones with long references and one with an ordinary 11-character one."""
    refs = (*LONG_REFS, "GOV-FIN-014", "HR-05")
    milestones = [milestone(ref, date(2016, 12, 1) + timedelta(days=i), title=f"Task {i} for the transfer")
                  for i, ref in enumerate(refs)]
    return prepare_briefing(snapshot(*milestones), as_of=AS_OF)


@pytest.fixture(scope="module")
def overdue_text(overdue_data) -> str:
    return "\n".join(page.text for page in read_pages(pdf_of(overdue_data)))


# References ----------------------------------------------------------------------------------

def test_a_long_ref_is_split_only_after_a_hyphen(overdue_text):
    for ref in LONG_REFS:
        head = ref.split("-")[0]
        # every piece of the ref as printed: a line that starts the ref runs to a hyphen or to its end
        starts = [m.group(0) for m in re.finditer(rf"{head}-[A-Z0-9-]*", overdue_text)]
        assert starts, ref
        for start in starts:
            assert start == ref or (start.endswith("-") and ref.startswith(start)), (ref, start)
        joined = re.sub(r"-\s*\n\s*", "-", overdue_text)
        assert ref in joined


def test_an_ordinary_ref_of_eleven_characters_is_on_one_line(overdue_text):
    assert re.search(r"^GOV-FIN-014\b", overdue_text, re.MULTILINE)


def test_ref_lines_end_at_hyphens_and_fit_their_room():
    lines = ref_lines("TUPE-REP-20170401", "TPSans", 8, 60)
    assert lines == ["TUPE-REP-", "20170401"]
    assert all(width(line, "TPSans", 8) <= 60 for line in lines)
    assert ref_lines("TUPE-REP-20170401", "TPSans", 8, 200) == ["TUPE-REP-20170401"]
    assert ref_lines("A-B-C", "TPSans", 8, 1) == ["A-", "B-", "C"]


def test_the_milestone_ref_column_holds_eleven_characters_at_the_table_size():
    size = briefing_styles()["Cell"].fontSize
    room = REF.fraction * FRAME - 8
    assert width("TUPE-CON-01", "TPSans", size) <= room
    assert ref_lines("TUPE-CON-01", "TPSans", size, room) == ["TUPE-CON-01"]


# Alignment -----------------------------------------------------------------------------------

def test_number_columns_are_right_aligned_in_the_pdf_heading_included():
    styles = briefing_styles()
    columns = (REF, Column("Title", 0.6), DAYS_OVERDUE, Column("Cost", 0.135, align="right"))
    table = data_table(columns, [("A-1", "Title", "12", Cell("£1.2m")), ("A-2", Cell("Plain"), "3", "4.5")],
                       styles, FRAME)
    cells = table._cellvalues
    for row in cells:
        assert row[1].style.alignment == TA_LEFT
        assert row[2].style.alignment == TA_RIGHT
        assert row[3].style.alignment == TA_RIGHT
    assert cells[0][2].style.fontName == styles["CellHead"].fontName  # the heading keeps its bold


@pytest.fixture(scope="module")
def demo_data(demo_file, tmp_path_factory):
    path = tmp_path_factory.mktemp("tables") / "demo.tplan"
    shutil.copy(demo_file, path)
    plan = open_plan_file(path, migrate=False, read_only=True)
    try:
        shot = load_snapshot(plan)
        return prepare_briefing(shot, **load_sources(plan, shot.status_date))
    finally:
        plan.close()


@pytest.fixture(scope="module")
def demo_word(demo_data):
    return word_of(demo_data)


def column_cells(table, heading: str) -> list:
    headings = [cell.text for cell in table.rows[0].cells]
    index = headings.index(heading)
    return [row.cells[index] for row in table.rows]


def test_number_columns_are_right_aligned_in_word(demo_word, overdue_data):
    budget = next(t for t in demo_word.tables if t.rows[0].cells[0].text == "Service"
                  and t.rows[0].cells[1].text == "Budget")
    for heading in ("Budget", "Forecast outturn", "Variance", "Variance %"):
        for cell in column_cells(budget, heading):
            assert cell.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT, (heading, cell.text)
    for cell in column_cells(budget, "Service"):
        assert cell.paragraphs[0].alignment != WD_ALIGN_PARAGRAPH.RIGHT
    overdue = next(t for t in word_of(overdue_data).tables if t.rows[0].cells[0].text == "Ref"
                   and "Days overdue" in [c.text for c in t.rows[0].cells])
    days = column_cells(overdue, "Days overdue")
    assert len(days) == 1 + 5 and all(c.text == "Days overdue" or c.text.isdigit() for c in days)
    assert all(c.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT for c in days)
    assert all(c.paragraphs[0].alignment != WD_ALIGN_PARAGRAPH.RIGHT for c in column_cells(overdue, "Ref"))


def test_number_columns_are_right_aligned_on_the_pdf_page(overdue_data):
    """Drawn right-aligned: the day counts' right edges line up, whatever their widths."""
    pages = read_pages(pdf_of(overdue_data))
    page = next(p for p in pages if "Days overdue" in flat(p.text))
    heading_x = page.runs_equal("Days")
    assert heading_x
    counts = [(x, t.strip()) for x, _y, t in page.runs if t.strip().isdigit() and x > heading_x[0][0] - 5]
    assert counts
    rights = {round(x + width(t, "TPSans", 8)) for x, t in counts}
    assert len(rights) == 1, counts


# Numbered tables -----------------------------------------------------------------------------

CAPTION = re.compile(r"^Table \d+: .+$", re.MULTILINE)


def pdf_captions(pages) -> list[str]:
    return [line.strip() for page in pages for line in CAPTION.findall(page.text)]


@pytest.fixture(scope="module")
def big_plan():
    """200 overdue milestones: the overdue table runs over many pages."""
    milestones = [
        milestone(f"OD-{i:03d}", date(2016, 10, 3) + timedelta(days=i % 60),
                  title=f"Overdue task {i} for the transfer of case records",
                  commentary=f"Recovery action {i}: new date agreed at programme board.")
        for i in range(200)
    ]
    return prepare_briefing(snapshot(*milestones), as_of=AS_OF)


@pytest.fixture(scope="module")
def big_pages(big_plan):
    return read_pages(pdf_of(big_plan))


def test_every_page_a_long_table_runs_on_to_starts_with_its_continued_caption(big_pages):
    holding = [i for i, page in enumerate(big_pages) if "Recovery action" in page.text]
    assert len(holding) >= 5
    first = holding[0]
    number = re.search(r"Table (\d+): Overdue milestones$", big_pages[first].text, re.MULTILINE).group(1)
    assert "(continued)" not in big_pages[first].text
    for index in holding[1:]:
        page = big_pages[index]
        body = [(y, t) for _x, y, t in page.runs if y < page.height - 24 * 72 / 25.4]  # below the running head
        top = max(body)[1].strip()
        assert top == f"Table {number}: Overdue milestones (continued)", (index, top)
    assert holding == list(range(first, holding[-1] + 1))  # the table runs on page after page


def test_a_table_is_captioned_once_then_continued_once_a_page(big_pages):
    captions = pdf_captions(big_pages)
    overdue = [c for c in captions if "Overdue milestones" in c]
    assert overdue[0].endswith(": Overdue milestones")
    assert overdue[1:] == [f"{overdue[0]} (continued)"] * (len([p for p in big_pages if "Recovery action" in p.text]) - 1)
    for index, caption in enumerate(captions):
        if caption.endswith(" (continued)"):  # straight after its table's first caption, or a continued one
            assert captions[index - 1] in (caption, caption.removesuffix(" (continued)")), caption


def test_tables_are_numbered_in_order_alike_in_the_pdf_and_word(demo_data, demo_word):
    pdf = [c for c in pdf_captions(read_pages(pdf_of(demo_data))) if not c.endswith("(continued)")]
    word = [p.text for p in demo_word.paragraphs if p.style.name == "Caption"]
    assert len(word) > 10
    assert word == pdf
    assert [int(re.match(r"Table (\d+):", c).group(1)) for c in word] == list(range(1, len(word) + 1))
    assert "Table 1: Status this period against last period" in word
    assert any(c.endswith(": Overdue milestones") for c in word)


def test_word_captions_come_just_before_their_tables_and_stay_with_them(demo_word):
    body = list(demo_word.element.body.iterchildren())
    captions = [e for e in body if e.tag.endswith("}p") and e.pPr is not None and e.pPr.pStyle is not None
                and e.pPr.pStyle.val == "Caption"]
    assert captions
    for element in captions:
        assert body[body.index(element) + 1].tag.endswith("}tbl")
        assert element.pPr.keepNext is not None


# Commentary across the row -------------------------------------------------------------------

COMMENT = ("Legal advice received on 12 January: the trust will be data controller for the case records "
           "of transferring services and the council for the rest; the assessment is being revised to match.")


def test_commentary_prints_across_the_row_beneath_its_milestone():
    styles = briefing_styles()
    columns = (REF, Column("Milestone", 0.5), Column("Owner", 0.2, ), Column("RAG", 0.15, rag=True))
    table = data_table(columns, [("A-1", Cell("Data roles agreed", note=COMMENT), Cell("ICT", note="SIRO"), None),
                                 ("A-2", Cell("No comment"), "Legal", None)], styles, FRAME)
    assert len(table._cellvalues) == 4  # heading, A-1, its commentary, A-2
    assert ("SPAN", (1, 2), (-1, 2)) in table._spanCmds  # from the title's column to the right edge
    assert ("SPAN", (0, 1), (0, 2)) in table._spanCmds  # the ref spans the row and its commentary
    owner = table._cellvalues[1][2]
    assert "SIRO" in " ".join(p.text for p in owner)  # a narrower column's note stays in its cell


def test_the_printed_commentary_runs_the_width_of_the_table(tmp_path):
    data = prepare_briefing(snapshot(milestone("LATE-1", date(2016, 12, 1), title="Data roles agreed",
                                               commentary=COMMENT)), as_of=AS_OF)
    text = "\n".join(page.text for page in read_pages(pdf_of(data)))
    lines = [line for line in text.splitlines() if "Legal advice received" in line]
    assert lines and len(lines[0]) > 70, lines  # the title column holds about 30 characters a line


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1,
                    max_size=400),
       width=st.floats(min_value=20, max_value=480), breaks=st.integers(0, 3))
def test_the_quick_height_bound_is_never_below_the_laid_out_height(text, width, breaks):
    from trustplanner.briefing.blocks import _at_most, _height
    from trustplanner.briefing.print_text import TextParagraph
    from trustplanner.briefing.writer import esc

    styles = briefing_styles()
    markup = "<br/>".join([esc(text)] * (breaks + 1))
    paragraph = TextParagraph(markup, styles["Cell"])
    assert _at_most(paragraph, width) >= _height(paragraph, width)
