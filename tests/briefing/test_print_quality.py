"""Print quality of the briefing PDF (issue 12 §5): outline, metadata, type sizes, RAG tags and
no last word alone on a line; read back with pypdf."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import pytest
from briefing_pdf import drawn_lines, flat, milestone, snapshot
from pypdf import PdfReader
from reportlab.lib.rl_accel import fp_str

from trustplanner.briefing.blocks import keep_last_words
from trustplanner.briefing.document import BriefingDocument, render_briefing
from trustplanner.briefing.print_text import TextParagraph
from trustplanner.briefing.sections import SECTIONS, Section
from trustplanner.briefing.styles import RAG_FILL, RAG_TAG, RAG_TAG_KEY, briefing_styles
from trustplanner.briefing.writer import Column
from trustplanner.domain.enums import Rag
from trustplanner.services.briefings import prepare_briefing

AS_OF = date(2017, 1, 10)


def plan():
    return snapshot(
        milestone("DONE-1", date(2017, 1, 3), actual=date(2017, 1, 5)),
        milestone("LATE-1", date(2016, 12, 15), date(2016, 12, 20), commentary="Legal sign-off booked."),
        milestone("SOON-1", date(2017, 2, 1)),
    )


def render(*, deterministic: bool = False, sections=SECTIONS) -> bytes:
    buffer = io.BytesIO()
    data = prepare_briefing(plan(), as_of=AS_OF)
    if sections is SECTIONS:
        render_briefing(data, buffer, deterministic=deterministic)
    else:
        BriefingDocument(data, sections, deterministic=deterministic).render(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return render()


def sized_runs(pdf: bytes) -> list[tuple[int, float, str, str]]:
    """(page, size in points, font name, text) of every text run drawn."""
    runs = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages):
        def visit(text, cm, tm, font, size, number=number):
            if text.strip():
                name = str(font.get("/BaseFont", "")) if font else ""
                runs.append((number, round(size * (tm[3] or 1) * (cm[3] or 1), 2), name, flat(text).strip()))
        page.extract_text(visitor_text=visit)
    return runs


# Outline and metadata -------------------------------------------------------------------------

def test_every_section_heading_has_an_outline_entry_on_its_page(pdf):
    heading_size = briefing_styles()["Section"].fontSize
    headings = [(page, text) for page, size, _, text in sized_runs(pdf) if size == heading_size]
    assert len(headings) >= 5 and headings[0][1] == "1 Purpose of the report"
    assert any(text.startswith("Appendix ") for _, text in headings)
    reader = PdfReader(io.BytesIO(pdf))
    outline = [(reader.get_destination_page_number(entry), entry.title) for entry in reader.outline]
    assert outline == headings
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_metadata_names_the_briefing_its_marking_and_language(pdf):
    reader = PdfReader(io.BytesIO(pdf))
    meta = reader.metadata
    assert meta["/Title"] == prepare_briefing(plan(), as_of=AS_OF).header.title
    assert meta["/Author"] == "Sunderland City Council"
    assert meta["/Subject"].startswith("OFFICIAL-SENSITIVE: ") and "position as at 10/01/2017" in meta["/Subject"]
    assert "OFFICIAL-SENSITIVE" in meta["/Keywords"]
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def test_the_pdf_carries_the_date_it_was_made_unless_deterministic(pdf):
    made = PdfReader(io.BytesIO(pdf)).metadata.creation_date
    assert made.date() == datetime.now().date()
    stable = PdfReader(io.BytesIO(render(deterministic=True))).metadata.creation_date
    assert stable.date() == date(2000, 1, 1)
    assert render(deterministic=True) == render(deterministic=True)


# Type sizes -----------------------------------------------------------------------------------

def test_body_text_is_11_point_and_table_text_9_point_and_commentary_upright(pdf):
    runs = sized_runs(pdf)
    assert {size for _, size, _, text in runs if text.startswith("The report gives the position")} == {11}
    assert {size for _, size, _, text in runs if text == "SOON-1"} == {9}
    commentary = [(size, font) for _, size, font, text in runs if text == "Legal sign-off booked."]
    assert commentary and all(size >= 9 and not re.search("Italic|Oblique", font) for size, font in commentary)
    small = [size for _, size, _, text in runs if text.startswith("How each status is set")]
    assert small and min(small) >= 9


def contrast(colour) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in colour.rgb())
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


def test_commentary_and_small_print_are_black_enough_to_print():
    styles = briefing_styles()
    for name in ("CellNote", "Note"):
        assert contrast(styles[name].textColor) >= 7, name
        assert styles[name].fontSize >= 9 and styles[name].fontName == styles["Body"].fontName, name


# RAG tags -------------------------------------------------------------------------------------

def grey(colour) -> float:
    """The luminance a greyscale printer gives a colour (ITU-R 601 weights, 0 black to 1 white)."""
    r, g, b = colour.rgb()
    return 0.299 * r + 0.587 * g + 0.114 * b


def test_each_rag_tag_has_a_form_of_its_own_in_greyscale():
    forms = {rag: (round(grey(f.fill), 2), f.border_width, bool(f.dash)) for rag, f in RAG_TAG.items()}
    assert len(set(forms.values())) == 4
    amber, green = RAG_TAG[Rag.AMBER], RAG_TAG[Rag.GREEN]
    assert abs(grey(amber.fill) - grey(green.fill)) >= 0.3
    assert amber.border_width - green.border_width >= 1
    assert grey(RAG_TAG[Rag.RED].fill) < 0.4 < grey(amber.fill) < 0.8 < grey(green.fill)
    for rag, form in RAG_TAG.items():
        assert contrast_between(form.ink, form.fill) >= 4.5, rag


def contrast_between(a, b) -> float:
    la, lb = 1.05 / contrast(a) - 0.05, 1.05 / contrast(b) - 0.05
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def rag_table_section(data, w):
    w.table_block("Statuses", "", w.table((Column("Area", 0.4), Column("Status", 0.2, rag=True)),
                                          [(rag.name, rag) for rag in Rag]), "")


def fill_operator(colour) -> bytes:
    return f"{fp_str(*colour.rgb())} rg".encode()  # as reportlab writes a fill colour


def test_a_rag_cell_is_a_small_tag_not_a_tinted_cell():
    pdf = render(deterministic=True, sections=(Section("Statuses", rag_table_section),))
    page = PdfReader(io.BytesIO(pdf)).pages[-1]
    content = page.get_contents().get_data()
    assert fill_operator(RAG_TAG[Rag.AMBER].fill) in content and fill_operator(RAG_TAG[Rag.RED].fill) in content
    for rag in Rag:
        assert fill_operator(RAG_FILL[rag]) not in content, rag  # the old full-cell tint
    lines = drawn_lines(pdf)
    assert {"R", "A", "G", "C"} <= set(lines)


def test_the_status_table_is_followed_by_the_key_to_the_tags(pdf):
    text = flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))
    assert RAG_TAG_KEY in text
    assert text.index("How each status is set") < text.index(RAG_TAG_KEY) < text.index("3 Recommendations")


# No word alone on a last line ------------------------------------------------------------------

@pytest.mark.parametrize(("markup", "expected"), [
    ("The plan is on track.", "The plan is on&nbsp;track."),
    ("Costs are <b>agreed</b> now ", "Costs are <b>agreed</b>&nbsp;now"),
    ('See <font name="TPFallback">文</font> here', 'See <font name="TPFallback">文</font>&nbsp;here'),
    ("R&amp;D then Q&amp;A", "R&amp;D then&nbsp;Q&amp;A"),
    ("Two words", "Two words"),  # a two-word paragraph may break as it likes
    ("Line one<br/>two", "Line one<br/>two"),
    ("Ends with a long word: interdepartmentalism", "Ends with a long word: interdepartmentalism"),
])
def test_keep_last_words(markup, expected):
    assert keep_last_words(markup) == expected


def test_a_paragraph_never_ends_with_one_word_alone_on_its_last_line():
    style = briefing_styles()["Numbered"]

    def last_line(markup: str) -> list[str]:
        paragraph = TextParagraph(markup, style)
        paragraph.wrap(400, 1000)
        line = paragraph.blPara.lines[-1]
        if hasattr(line, "words"):  # a line of fragments (the no-break space is one of its own)
            return "".join(fragment.text for fragment in line.words).split(" ")
        return line[1]  # a plain paragraph's line: (space left, words)

    # a paragraph that, unhelped, leaves its last word alone on the last line
    text = next(t for n in range(1, 12) for k in range(1, 12)
                if last_line(t := " ".join(["programme"] * n + ["x" * k, "go"])) == ["go"])
    assert last_line(keep_last_words(text)) == [text.split()[-2] + "\xa0go"]  # the pair, unbreakable
