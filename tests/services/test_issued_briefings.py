"""Issued briefings are kept whole with their figures; later ones say what changed since.

Three briefings a month apart from the demo plan, with changes between them made the way a
transition manager makes them (a forecast moved, a milestone completed, a risk re-scored to the
escalation level, a savings plan moved to red): the third's changes section and status table list
exactly those, read back from the PDF.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader

from trustplanner.briefing.wording import long_date
from trustplanner.domain.budget import Deliverability
from trustplanner.domain.problems import NotFound
from trustplanner.domain.risks import Score
from trustplanner.services import history
from trustplanner.services.briefings import (
    briefing_pdf,
    changes_since,
    find_briefing,
    list_briefings,
    produce_briefing,
    verify_briefing,
)
from trustplanner.services.budget import update_savings_plan
from trustplanner.services.milestones import update_milestone
from trustplanner.services.plans import update_programme
from trustplanner.services.risks import rescore_risk
from trustplanner.services.snapshot import load_snapshot
from trustplanner.store.plan_file import open_plan_file


@pytest.fixture
def plan(demo_file, tmp_path):
    path = tmp_path / "demo.tplan"
    shutil.copy(demo_file, path)
    with open_plan_file(path) as plan:
        yield plan


def text_of(path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def section(text: str, start: str, end: str) -> str:
    return text[text.index(start):text.index(end, text.index(start))]


def test_three_briefings_a_month_apart_say_what_changed(plan, tmp_path):
    first = produce_briefing(plan, tmp_path / "1.pdf", issue=True, as_of=date(2016, 11, 14),
                             meeting=date(2016, 11, 16))
    second = produce_briefing(plan, tmp_path / "2.pdf", issue=True, as_of=date(2016, 12, 12),
                              meeting=date(2016, 12, 14))
    assert (first.version, second.version) == (1, 1)
    # what the manager changes between the second and the third
    snapshot = load_snapshot(plan)
    pen = snapshot.milestone("PEN-02")
    update_milestone(plan, "PEN-02", replace(pen, forecast=date(2017, 3, 3)))
    con = snapshot.milestone("CON-03")
    update_milestone(plan, "CON-03", replace(con, actual=date(2017, 1, 13)))
    rescore_risk(plan, "R06", Score(4, 4), on=date(2017, 1, 13), note="Test migration failed")
    update_savings_plan(plan, "SV16-05", rag=Deliverability.RED, mitigation="Recovery plan to March board")
    third = produce_briefing(plan, tmp_path / "3.pdf", issue=True, meeting=date(2017, 1, 18))

    text = text_of(tmp_path / "3.pdf")
    changes = section(text, "This section compares the position", "Services and stages")
    assert "the briefing issued for the meeting of 14 December 2016 (position as at 12 December 2016)" in changes
    moved = section(changes, "Forecasts moved", "Newly overdue" if "Newly overdue" in changes else "Risks")
    assert f"PEN-02 {pen.title}: {long_date(pen.forecast)} → 3 March 2017" in moved
    assert moved.count("→") == 1  # nothing else moved
    completed = section(changes, "Milestones completed", "Forecasts moved")
    # CON-03 as the manager recorded it; FIN-02 and HR-03 are the demo's actuals after the second's date
    assert re.findall(r"• ([A-Z]+-\d+) ", completed) == ["FIN-02", "HR-03", "CON-03"]
    risks = section(changes, "Risks ", "Status areas" if "Status areas" in changes else "Workforce")
    assert "Re-scored: R06" in risks and "8 → 16 (↑ worse)" in risks
    assert "Escalated: R06" in risks
    assert "New:" not in risks and "Closed:" not in risks
    finance = changes[changes.index("Finance • "):]
    assert re.search(r"Savings plans rated red: (\d+) → (\d+) \(1 up, worse\)", finance), finance
    assert "Savings plans rated amber" in finance and "Savings plans rated amber: " not in finance.split("rated red")[0]
    assert "1 risk escalated" in changes

    status = section(text, "Status this period against last period", "Top 3 risks")
    # every area has a last period now, from what the second briefing printed
    for area in ("Overall", "Milestones", "Workforce", "Finance", "Risk"):
        row = re.search(rf"{area} (RED|AMBER|GREEN) \([RAG]\) (RED|AMBER|GREEN) \([RAG]\) ([↑↓→])", status)
        assert row, (area, status)
    assert third.version == 1 and len(list_briefings(plan)) == 3


def test_an_issued_briefing_is_kept_whole_and_verified_byte_for_byte(plan, tmp_path):
    out = tmp_path / "issued.pdf"
    made = produce_briefing(plan, out, issue=True)
    assert made.sha256 == hashlib.sha256(out.read_bytes()).hexdigest()
    [record] = list_briefings(plan)
    assert (record.number, record.version, record.sha256, record.kept) == (1, 1, made.sha256, True)
    assert briefing_pdf(plan, record) == out.read_bytes()
    assert verify_briefing(plan, out) == record
    changed = bytearray(out.read_bytes())
    changed[len(changed) // 2] ^= 1
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(bytes(changed))
    assert verify_briefing(plan, tampered) is None
    out.unlink()  # moved or deleted: the plan still has it
    assert briefing_pdf(plan, record).startswith(b"%PDF")


def test_a_draft_says_draft_on_every_page_and_is_never_recorded(plan, tmp_path):
    draft = produce_briefing(plan, tmp_path / "draft.pdf")
    assert not draft.issued and draft.sha256 == ""
    pages = PdfReader(tmp_path / "draft.pdf").pages
    assert all("DRAFT" in page.extract_text() for page in pages)
    assert list_briefings(plan) == []
    issued = produce_briefing(plan, tmp_path / "issued.pdf", issue=True)
    assert not any("DRAFT" in page.extract_text() for page in PdfReader(issued.path).pages)
    assert verify_briefing(plan, tmp_path / "draft.pdf") is None


def test_reissuing_for_the_same_meeting_makes_the_next_version(plan, tmp_path):
    produce_briefing(plan, tmp_path / "a.pdf", issue=True, meeting=date(2017, 1, 18))
    again = produce_briefing(plan, tmp_path / "b.pdf", issue=True, meeting=date(2017, 1, 18))
    other = produce_briefing(plan, tmp_path / "c.pdf", issue=True, meeting=date(2017, 1, 25))
    assert (again.version, other.version) == (2, 1)
    assert "Version 2: Programme briefing" in PdfReader(again.path).pages[1].extract_text()
    assert [r.version for r in list_briefings(plan)] == [1, 2, 1]
    assert find_briefing(plan, "#2").path == again.path.resolve()


def test_undo_never_takes_an_issued_briefing_back(plan, tmp_path):
    update_programme(plan, tolerance_days=12)
    produce_briefing(plan, tmp_path / "a.pdf", issue=True)
    history.undo(plan)  # undoes the tolerance change before it, not the issue
    assert load_snapshot(plan).programme.tolerance_days != 12
    assert len(list_briefings(plan)) == 1


def test_changes_since_a_chosen_briefing_or_date(plan, tmp_path):
    produce_briefing(plan, tmp_path / "a.pdf", issue=True, as_of=date(2016, 12, 12))
    record, changes = changes_since(plan, find_briefing(plan, "12/12/2016"))
    assert record.number == 1 and changes.since.as_of == date(2016, 12, 12)
    with pytest.raises(NotFound, match="no briefing was issued with its position on or before 01/12/2016"):
        find_briefing(plan, "01/12/2016")
    with pytest.raises(NotFound, match="there is no briefing #4"):
        find_briefing(plan, "4")


def test_the_summary_says_whether_go_live_holds_from_the_critical_path(plan, tmp_path):
    produce_briefing(plan, tmp_path / "a.pdf")
    first = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(tmp_path / "a.pdf").pages[:2])
    assert re.search(r"Go-live on 1 April 2017 is on track: the chain through [A-Z]+-\d+ has \d+ working days? of float",
                     first), first
    through = re.search(r"the chain through ([A-Z]+-\d+)", first).group(1)
    step = load_snapshot(plan).milestone(through)
    update_milestone(plan, through, replace(step, forecast=date(2017, 4, 7)))
    produce_briefing(plan, tmp_path / "b.pdf")
    second = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(tmp_path / "b.pdf").pages[:2])
    # 1 April 2017 is a Saturday: 3 to 7 April are five working days after it
    assert f"Go-live on 1 April 2017 is at risk: the chain through {through} finishes 5 working days after go-live" \
        in second, second


def test_appendices_are_lettered_listed_on_page_one_and_the_glossary_comes_last(plan, tmp_path):
    out = produce_briefing(plan, tmp_path / "s.pdf", marking="OFFICIAL-SENSITIVE").path
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(out).pages]
    assert ("Appendices A Milestones in full; B Workforce and TUPE tables; C Finance tables; "
            "D Exempt information (not for publication); E Glossary") in pages[0]
    assert "Appendix E: Glossary" in pages[-1] or "Appendix E: Glossary" in pages[-2]
    everything = " ".join(pages)
    assert everything.index("Appendix B: Workforce and TUPE tables") < everything.index("Appendix C: Finance tables")
    # the body points to them, and the tables are there rather than in the body
    assert "Appendix B gives the workforce by service" in everything
    assert "Appendix C gives the tables behind these figures" in everything
    body = everything[:everything.index("Appendix A: Milestones in full")]
    assert "Workforce by service" not in body and "Savings deliverability" not in body
    assert "Workforce by service" in everything and "Savings deliverability" in everything
    glossary = everything[everything.index("Appendix E: Glossary"):]
    assert "TUPE The Transfer of Undertakings" in glossary and "Section 151 officer" in glossary
    order = [glossary.index(term) for term in ("Agency rate The share", "Baseline The date", "FTE Full-time",
                                                 "TUPE The Transfer")]
    assert order == sorted(order)  # alphabetical


def test_a_plan_without_staff_data_has_no_workforce_terms(tmp_path):
    from trustplanner.services.plans import new_plan

    plan = new_plan(tmp_path / "bare.tplan", council="C", trust="T", go_live=date(2017, 4, 1),
                    status_date=date(2017, 1, 2), template=True)
    try:
        text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(
            produce_briefing(plan, tmp_path / "b.pdf").path).pages)
    finally:
        plan.close()
    glossary = text[text.index("Appendix B: Glossary"):]
    assert "Baseline" in glossary and "TUPE" not in glossary and "LGPS" not in glossary
