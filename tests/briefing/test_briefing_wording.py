from datetime import date

from trustplanner.briefing.blocks import clip
from trustplanner.briefing.wording import count, long_date, rag_phrase, rag_word, refs, uk_date
from trustplanner.domain.enums import Rag


def test_dates_are_written_day_month_year():
    assert uk_date(date(2017, 4, 1)) == "01/04/2017"
    assert uk_date(None) == "—"


def test_counts_agree_with_their_noun():
    assert count(0, "milestone") == "no milestones"
    assert count(1, "milestone") == "1 milestone"
    assert count(3, "milestone") == "3 milestones"


def test_rag_reads_without_colour():
    assert rag_word(Rag.AMBER) == "AMBER"
    assert rag_phrase(Rag.RED) == "RED (R)"
    assert rag_word(None) == "—"


def test_long_ref_lists_are_summarised():
    assert refs(["A"]) == "A"
    assert refs(["A", "B"]) == "A and B"
    assert refs([f"R{i}" for i in range(10)], limit=4) == "R0, R1, R2 and 7 more"


def test_clip_keeps_short_text_and_shortens_long_text_on_a_word():
    assert clip("  two   words ") == "two words"
    long = "word " * 500
    clipped = clip(long, 100)
    kept, note = clipped.split(" … ")
    assert len(clipped) <= 100 and kept.split(" ") == ["word"] * len(kept.split(" "))
    assert note == f"(continues; {len(long.strip()) - len(kept):,} more characters in the plan)"


def test_prose_dates_are_day_month_year_in_words_without_a_leading_zero():
    assert long_date(date(2017, 4, 1)) == "1 April 2017"
    assert long_date(date(2016, 12, 31)) == "31 December 2016"
    assert long_date(None) == "—"


def test_prose_in_the_briefing_uses_long_dates_and_tables_keep_short_ones(tmp_path):
    from pypdf import PdfReader

    from trustplanner.services.briefings import produce_briefing
    from trustplanner.services.demo import create_demo_plan

    plan = create_demo_plan(tmp_path / "d.tplan")
    try:
        out = produce_briefing(plan, tmp_path / "d.pdf").path
    finally:
        plan.close()
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)
    assert "The programme is RED overall as at 16 January 2017. Go-live is planned for 1 April 2017" in text
    assert "ahead of go-live on 1 April 2017." in text
    assert "ICT-02 Data controller roles" in text and "09/12/2016 06/01/2017" in text  # the table's dates


def test_every_table_of_services_lists_them_in_the_plans_order(tmp_path):
    from pypdf import PdfReader

    from trustplanner.services.briefings import produce_briefing
    from trustplanner.services.demo import create_demo_plan
    from trustplanner.services.snapshot import load_snapshot

    plan = create_demo_plan(tmp_path / "d.tplan")
    try:
        names = [s.name for s in load_snapshot(plan).services]
        out = produce_briefing(plan, tmp_path / "d.pdf").path
    finally:
        plan.close()
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out).pages)

    def order_in(start: str, end: str) -> list[str]:
        part = text[text.index(start):]
        part = part[:part.index(end)]
        return sorted((n for n in names if n in part), key=part.index)

    assert names[0] == "Children's social care" and "Adoption agency" in names
    tables = {
        "services": order_in("Table 3: Services by stage", "5 Milestones"),
        "workforce": order_in("Workforce by service Service", "All services"),
        "budget": order_in("Budget and forecast by service, 2016/17 at P10 (£m) Service", "Total"),
    }
    for table, order in tables.items():
        assert order == names, (table, order)
