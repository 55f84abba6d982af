"""The Word version: the same headings and numbers as the PDF, read back with python-docx and pypdf."""

from __future__ import annotations

import io
import re
import shutil
from collections import Counter

import docx
import pytest
from briefing_pdf import between, flat, read_pages, whole_text
from PIL import Image
from pypdf import PdfReader
from reportlab.graphics.shapes import Drawing, Polygon

from trustplanner.briefing import docx_writer
from trustplanner.briefing.document import render_briefing
from trustplanner.briefing.docx_writer import MarkupError, Run, render_briefing_docx, runs
from trustplanner.briefing.raster import DPI, drawing_png
from trustplanner.briefing.register_section import heat_map
from trustplanner.briefing.styles import RAG_FILL, briefing_styles
from trustplanner.domain.enums import Rag
from trustplanner.domain.problems import TrustPlannerError
from trustplanner.services.briefings import list_briefings, prepare_briefing, write_briefing_docx
from trustplanner.services.snapshot import load_snapshot
from trustplanner.services.status_areas import load_sources
from trustplanner.store.plan_file import open_plan_file

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def demo_data(demo_file, tmp_path_factory):
    path = tmp_path_factory.mktemp("word") / "demo.tplan"
    shutil.copy(demo_file, path)
    plan = open_plan_file(path, migrate=False, read_only=True)
    try:
        snapshot = load_snapshot(plan)
        return prepare_briefing(snapshot, marking="OFFICIAL-SENSITIVE",
                                **load_sources(plan, snapshot.status_date))
    finally:
        plan.close()


@pytest.fixture(scope="module")
def pdf(demo_data) -> bytes:
    buffer = io.BytesIO()
    render_briefing(demo_data, buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def word(demo_data):
    buffer = io.BytesIO()
    render_briefing_docx(demo_data, buffer)
    buffer.seek(0)
    return docx.Document(buffer)


def pdf_headings(pdf: bytes) -> list[str]:
    """The text the PDF prints in its section-heading size."""
    found = []
    heading = briefing_styles()["Section"].fontSize
    for page in PdfReader(io.BytesIO(pdf)).pages:
        def visit(text, cm, tm, _font, size):
            if text.strip() and abs(size * (tm[3] or 1) * (cm[3] or 1) - heading) < 0.01:
                found.append(flat(text).strip())
        page.extract_text(visitor_text=visit)
    return found


def table_after(document, heading: str):
    """The first table after the Heading 2 paragraph ``heading``."""
    body = document.element.body
    seen = False
    for element in body.iterchildren():
        if element.tag == f"{W}p" and "".join(t.text or "" for t in element.iter(f"{W}t")) == heading:
            seen = True
        elif seen and element.tag == f"{W}tbl":
            return docx.table.Table(element, document)
    raise AssertionError(f"no table after {heading!r}")


def numbers(text: str) -> Counter:
    return Counter(re.findall(r"\d[\d,./]*\d|\d", text))


def test_heading_1_texts_are_the_pdfs_section_headings(word, pdf):
    headings = [flat(p.text) for p in word.paragraphs if p.style.name == "Heading 1"]
    assert headings == pdf_headings(pdf)
    assert headings[0] == "1 Purpose of the report" and len(headings) >= 9
    [title] = [p.text for p in word.paragraphs if p.style.name == "Title"]
    assert title == "Children's Services Transition: Programme Briefing"


@pytest.mark.parametrize("heading, end", [
    ("Status this period against last period", "Top "),
    ("Overdue milestones", "Due before the next meeting"),
    ("Due in the next 90 days", "Appendix B"),
    ("Slipped against baseline", "Knock-on of slippage"),
])
def test_table_figures_are_the_pdfs(word, pdf, heading, end):
    table = table_after(word, heading)
    rows = [[flat(cell.text) for cell in row.cells] for row in table.rows[1:]]
    assert rows, "the demo has rows in this table"
    printed = between(whole_text(read_pages(pdf)), heading, end)
    squeezed = printed.replace(" ", "")  # the PDF may break a long ref across lines (issue 12 §5)
    for row in rows:
        assert row[0].replace(" ", "") in squeezed  # the area or the milestone's ref
    in_word = numbers(" ".join(" ".join(row[1:]) for row in rows))
    assert in_word and not in_word - numbers(printed), "every figure in the Word table is printed in the PDF's"


def test_rag_cells_are_shaded_and_carry_their_letter(word):
    table = table_after(word, "Overdue milestones")
    header = [cell.text for cell in table.rows[0].cells]
    column = header.index("RAG")
    for row in table.rows[1:]:
        cell = row.cells[column]
        fill = cell._tc.tcPr.find(f"{W}shd").get(f"{W}fill")
        rag = {r.letter: r for r in Rag}[cell.text]
        assert fill == RAG_FILL[rag].hexval()[2:].upper()


def test_every_table_repeats_its_header_row(word):
    tables = word.tables[1:]  # the first is the cover's details, not a table of rows
    assert len(tables) > 10
    for table in tables:
        first = table.rows[0]._tr
        assert first.trPr is not None and first.trPr.find(f"{W}tblHeader") is not None


def test_every_picture_has_alt_text(word):
    shapes = list(word.inline_shapes)
    assert len(shapes) == 3  # FTE chart, budget chart, heat map
    for shape in shapes:
        assert shape._inline.docPr.get("descr", "").strip()
    texts = [shape._inline.docPr.get("descr") for shape in shapes]
    heat = next(text for text in texts if "likelihood" in text)
    assert "likelihood 5, impact 4: 1 risk (red)" in heat


def test_marking_in_header_and_footer_with_page_fields(word):
    section = word.sections[0]
    for part in (section.header, section.first_page_header, section.footer, section.first_page_footer):
        assert "OFFICIAL-SENSITIVE" in " ".join(p.text for p in part.paragraphs)
    footer = section.footer._element
    instructions = [t.text.strip() for t in footer.iter(f"{W}instrText")]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert "Page 1 of 1" in section.footer.paragraphs[0].text  # until Word updates the fields


def test_page_and_properties(word, demo_data):
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == 20
    properties = word.core_properties
    assert properties.title == demo_data.header.title
    assert properties.author == demo_data.header.council
    assert properties.language == "en-GB"
    assert "position as at" in properties.subject


def test_markup_becomes_runs_and_unknown_tags_are_refused():
    assert runs("<b>RED</b> &amp; A<br/>next") == [
        Run("RED", bold=True), Run(" & A"), Run("", line_break=True), Run("next")]
    assert runs('<font name="TPFallback">文</font>') == [Run("文")]
    with pytest.raises(MarkupError):
        runs("<u>underlined</u>")


def test_heat_map_rasterised_at_200_dpi(demo_data):
    drawing = heat_map(demo_data.register, 481.9)
    image = Image.open(io.BytesIO(drawing_png(drawing)))
    scale = DPI / 72
    assert image.size == (round(drawing.width * scale + 0.4999), round(drawing.height * scale + 0.4999))
    # likelihood 1, impact 1 is a plain green cell: left 46, bottom 30, 30 points square
    x, y = (46 + 20) * scale, (drawing.height - 30 - 8) * scale
    assert image.getpixel((int(x), int(y))) == tuple(round(c * 255) for c in RAG_FILL[Rag.GREEN].rgb())
    assert image.getpixel((image.size[0] - 2, image.size[1] - 2)) == (255, 255, 255)


def test_a_shape_the_rasteriser_does_not_know_is_refused():
    drawing = Drawing(10, 10)
    drawing.add(Polygon([0, 0, 5, 5, 10, 0]))
    with pytest.raises(TypeError, match="Polygon"):
        drawing_png(drawing)


# The service --------------------------------------------------------------------------------

@pytest.fixture
def plan(demo_file, tmp_path):
    path = tmp_path / "demo.tplan"
    shutil.copy(demo_file, path)
    plan = open_plan_file(path, migrate=False)
    yield plan
    plan.close()


def test_the_word_version_is_never_recorded(plan, tmp_path):
    out = tmp_path / "briefing.docx"
    word = write_briefing_docx(plan, out, marking="OFFICIAL")
    assert docx.Document(str(out)).core_properties.title
    assert word.path == out and list_briefings(plan) == []


def test_a_failed_write_leaves_the_old_file(plan, tmp_path, monkeypatch):
    out = tmp_path / "briefing.docx"
    out.write_bytes(b"the old one")

    def broken(data, stream):
        stream.write(b"half a document")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(docx_writer, "render_briefing_docx", broken)
    with pytest.raises(TrustPlannerError, match="briefing.docx"):
        write_briefing_docx(plan, out)
    assert out.read_bytes() == b"the old one"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []
