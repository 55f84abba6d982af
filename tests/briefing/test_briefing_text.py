"""Whatever text a plan holds, the briefing prints it: no failure, no empty boxes, right-to-left
text in reading order, and every character of a long word (docs/design/0008-briefing-text.md)."""

from __future__ import annotations

import io
import re
import shutil
import unicodedata
from datetime import date

import pytest
from briefing_pdf import drawn_lines, milestone, read_pages, snapshot, whole_text
from hostile_text import briefing_pdf, load_demo, with_texts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from trustplanner.briefing.blocks import Column, data_table
from trustplanner.briefing.document import render_briefing
from trustplanner.briefing.glyphs import glyphs
from trustplanner.briefing.print_text import TextParagraph, markup, printable
from trustplanner.briefing.styles import briefing_styles
from trustplanner.services.briefings import prepare_briefing

AS_OF = date(2017, 1, 10)
LATE = dict(baseline=date(2016, 12, 1))  # overdue on AS_OF, so its title and commentary are printed

#: pieces random text is made of, besides any character at all
HOSTILE = [
    "😀", "🦄", "👍🏽", "👨‍👩‍👧", "🇬🇧", "🏴󠁧󠁢󠁥󠁮󠁧󠁿", "שלום עולם", "مرحبا بالعالم", "لا", "e\u0301", "\u0301", "a\u20dd",
    "中文", "\u0000", "\u001b[31m", "\u007f", "\u0085", "\u202e", "\u2066", "\u200d", "\ufe0f", "\u00ad",
    "<", "&", "&amp;", "<font name='Courier'>", "</font>", "<para>", "<b>", "]]>", "\ud800", "\U000f0000",
    "x" * 700, "\t", "\n", " ",
]
texts = st.lists(st.one_of(st.text(max_size=40), st.sampled_from(HOSTILE)), max_size=12).map("".join)


def render(data) -> bytes:
    buffer = io.BytesIO()
    render_briefing(data, buffer)
    return buffer.getvalue()


def late_briefing(**fields) -> bytes:
    plan = snapshot(milestone("LATE-1", **LATE, **fields))
    return render(prepare_briefing(plan, as_of=AS_OF))


def squashed(text: str) -> str:
    return re.sub(r"\s+", "", text)


# Any text at all ----------------------------------------------------------------------------

@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_any_text_prints_with_glyphs_only_and_lays_out_in_a_narrow_cell(text):
    shown = printable(text)
    missing = [ch for ch in shown if ch != " " and not glyphs().drawable(ch)]
    assert not missing, f"no font draws {[unicodedata.name(ch, hex(ord(ch))) for ch in missing]}"
    assert not re.search("[\x00-\x1f\x7f-\x9f]", shown)

    styles = briefing_styles()
    table = data_table([Column("Narrow", 0.1), Column("Wide", 0.9)],
                       [(text, [TextParagraph(markup(text), styles["Cell"]),
                                TextParagraph(markup(text), styles["CellNote"])])], styles, 480)
    _, height = table.wrap(480, 700)
    assert height < 700
    canvas = Canvas(io.BytesIO())
    table.drawOn(canvas, 0, 0)  # drawing is where right-to-left lines are put in order
    canvas.save()


@pytest.fixture(scope="module")
def demo(demo_file):
    return load_demo(demo_file)


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(texts, min_size=1, max_size=8), marking=texts, author=texts)
def test_a_whole_briefing_of_random_text_in_every_field_never_fails(demo, pieces, marking, author):
    plan, sources = with_texts(*demo, pieces)
    pdf = briefing_pdf(plan, sources, marking=marking, author=author)
    assert PdfReader(io.BytesIO(pdf)).pages


def test_the_briefing_command_prints_a_plan_whose_titles_hold_long_words_emoji_and_hebrew(demo_file, tmp_path, cli):
    from trustplanner.services.milestones import update_milestone
    from trustplanner.store.plan_file import open_plan_file

    path = tmp_path / "plan.tplan"
    shutil.copy(demo_file, path)
    word = "0123456789" * 200
    plan = open_plan_file(path)
    try:
        first, second = load_demo(path)[0].milestones[:2]
        import dataclasses

        update_milestone(plan, first.ref, dataclasses.replace(first, title=word, commentary="🦄 " + word))
        update_milestone(plan, second.ref, dataclasses.replace(second, title="שלום עולם 😀 中文"))
    finally:
        plan.close()
    result = cli("briefing", path, "-o", tmp_path / "out.pdf")
    assert result.rc == 0, result.err
    assert (tmp_path / "out.pdf").stat().st_size > 10_000


# Long words and huge cells ------------------------------------------------------------------

def test_every_character_of_a_1500_character_word_in_a_milestone_title_is_printed():
    # 1,500 characters fill most of a cell at 9 pt; longer is cut with a note (fit_cell)
    word = "".join(chr(ord("a") + i % 26) for i in range(1500))
    plan = snapshot(milestone("SOON-1", date(2017, 2, 1), title=word))  # due next: a table, not a sentence
    pages = read_pages(render(prepare_briefing(plan, as_of=AS_OF)))
    assert word in squashed(whole_text(pages))
    assert all(len(line) < 120 for page in pages for line in page.text.splitlines())  # broken across lines


def test_a_20000_character_title_is_cut_with_a_note_of_how_much_more_the_plan_holds():
    title = " ".join(f"word{i}" for i in range(3000))  # 20,889 characters
    pages = read_pages(late_briefing(title=title))
    text = whole_text(pages)
    shown = re.search(r"… \(continues; ([\d,]+) more characters in the plan\)", text)
    assert shown and 10_000 < int(shown[1].replace(",", "")) < len(title)
    assert "word0 word1 word2" in text and "word2999" not in text.split("Overdue milestones")[-1]
    assert len(pages) < 15


def test_a_20000_character_marking_and_council_are_cut_to_fit_every_page_in_bounded_time():
    import dataclasses
    import time

    from briefing_pdf import PROGRAMME

    programme = dataclasses.replace(PROGRAMME, council="Council " * 2500, marking="OFFICIAL " * 2500)
    plan = snapshot(*[milestone(f"LATE-{i}", **LATE, commentary="Recovery agreed. " * 30) for i in range(30)],
                    programme=programme)
    started = time.monotonic()
    pages = read_pages(render(prepare_briefing(plan, as_of=AS_OF)))
    assert time.monotonic() - started < 10  # the page furniture is fitted once, not per character
    for page in pages:
        furniture = [t.strip() for x, y, t in page.runs if y > page.height - 45 or y < 45]
        markings = [t for t in furniture if t.startswith("OFFICIAL")]
        assert len(markings) == 2 and all(t.endswith("…") and len(t) < 80 for t in markings)


# Characters fonts lack ----------------------------------------------------------------------

def test_an_emoji_no_shipped_font_has_is_printed_by_name():
    text = whole_text(read_pages(late_briefing(title="Launch party 🦄 booked")))
    assert "Launch party [unicorn face] booked" in text


def test_control_characters_print_as_visible_markers():
    text = whole_text(read_pages(late_briefing(title="Pay\x00roll\x1b[31m sign-off")))
    assert "Pay[NUL]roll[ESC][31m sign-off" in text


def test_chinese_is_drawn_with_the_fallback_font_on_the_page_that_shows_it():
    pdf = late_briefing(title="Translation into 中文 agreed")
    for page in PdfReader(io.BytesIO(pdf)).pages:
        fonts = {str(font.get_object()["/BaseFont"]) for font in page["/Resources"]["/Font"].values()}
        if "中文" in page.extract_text():
            assert any("DroidSansFallback" in name for name in fonts), fonts
            break
    else:
        pytest.fail("中文 is not in the briefing's text")


def test_a_plain_briefing_does_not_carry_the_fallback_font():
    pdf = late_briefing(title="Ordinary words")
    assert b"DroidSansFallback" not in pdf


# Right-to-left text ------------------------------------------------------------------------
# drawn_lines reads each line's glyphs in the order they are drawn, left to right: right-to-left
# text is right when its last letter is drawn first.

def test_hebrew_is_drawn_right_to_left():
    lines = drawn_lines(late_briefing(title="שלום עולם"))
    assert "םלוע םולש" in lines  # the title's table cell
    assert not any("שלום" in line for line in lines)


def test_a_long_hebrew_commentary_reads_from_its_first_line_down():
    words = ["בראשית", *["אחד", "שתיים", "שלוש", "ארבע", "חמש", "שש", "שבע", "שמונה", "תשע", "עשר"] * 6, "סוף"]
    lines = [line for line in drawn_lines(late_briefing(commentary=" ".join(words))) if re.search("[\u05d0-\u05ea]", line)]
    assert len(lines) > 3
    assert lines[0].endswith("םייתש דחא תישארב")  # drawn last, so read first: at the right end
    assert lines[-1].startswith("ףוס רשע עשת")
    assert all(re.fullmatch("[\u05d0-\u05ea ]+", line) for line in lines)


def test_a_number_after_a_right_to_left_title_stays_with_the_words_it_belongs_to():
    lines = drawn_lines(late_briefing(title="שלום עולם"))
    assert any(line.startswith("The most overdue is LATE-1 (םלוע םולש), 25 working days past") for line in lines)


def test_an_emoji_name_in_hebrew_text_keeps_its_brackets_and_words_in_order():
    lines = drawn_lines(late_briefing(title="מסיבה 🦄"))
    assert "[unicorn face] הביסמ" in lines


def test_a_sentence_split_across_pages_keeps_its_direction_on_the_next_page():
    import dataclasses

    from briefing_pdf import PROGRAMME

    plan = snapshot(milestone("LATE-1", **LATE), programme=dataclasses.replace(PROGRAMME, trust="שלום עולם " * 300))
    pdf = render(prepare_briefing(plan, as_of=AS_OF))
    assert len(read_pages(pdf)) > 2
    lines = drawn_lines(pdf)
    end = next(i for i, line in enumerate(lines) if "ahead of go-live" in line)
    # an English sentence: our words stay last, and the last two are kept together on the next line
    assert lines[end].startswith("םלוע םולש") and lines[end + 1].endswith("April 2017."), lines[end:end + 2]
    assert " ".join(lines[end:end + 2]).endswith(", ahead of go-live on 3 April 2017."), lines[end:end + 2]


def test_arabic_letters_are_drawn_joined_and_right_to_left():
    lines = drawn_lines(late_briefing(title="مرحبا بكم"))
    # the letters in their joined forms, last word first: ﺑﻜﻢ is "bkm" joined, ﻣﺮﺣﺒﺎ "mrhba"
    assert "\ufee2\ufedc\ufe91 \ufe8e\ufe92\ufea3\ufeae\ufee3" in lines


def test_a_cell_of_right_to_left_text_is_aligned_right():
    pages = read_pages(late_briefing(title="Ordinary words", owner="שרה"))
    owner = [x for page in pages for x, _, t in page.runs if t.strip() == "שרה"]
    workstream = [x for page in pages for x, _, t in page.runs if t.strip() == "Governance"]
    assert owner and workstream and min(owner) > min(workstream) + 20
