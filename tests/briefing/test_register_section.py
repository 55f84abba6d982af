"""The risks and decisions as printed: read back from the PDF (recommendations, top risks on the
executive summary, heat map, escalated risks, changes, decisions, exempt items and the appendix)."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pytest
from briefing_pdf import PROGRAMME, between, drawn_lines, flat, milestone, read_pages, snapshot, whole_text

from trustplanner.briefing.document import render_briefing
from trustplanner.briefing.glyphs import glyphs
from trustplanner.domain.risks import (
    Appetite,
    Decision,
    DecisionStatus,
    Forum,
    Risk,
    RiskAction,
    RiskRegister,
    RiskReview,
    RiskStatus,
    Score,
)
from trustplanner.services.briefings import prepare_briefing, produce_briefing
from trustplanner.services.demo import create_demo_plan

AS_OF = date(2017, 1, 10)  # the status date of briefing_pdf.PROGRAMME
LAST = date(2016, 12, 12)

REGISTER = RiskRegister(
    appetite=Appetite(escalate_to="programme board"),
    risks=(
        Risk("R01", "Agency social workers leave around go-live", Score(4, 5), cause="Because a third are agency",
             event="there is a risk that they leave", effect="resulting in caseloads above 20",
             owner="Director of Children's Social Care", raised=date(2016, 6, 1), inherent=Score(5, 5),
             target=Score(2, 4), controls="Social work academy; weekly caseload report",
             escalated_to="programme board", escalated_on=date(2016, 12, 1)),
        Risk("R02", "Placement costs exceed the contract sum", Score(4, 4), owner="Section 151 Officer",
             raised=date(2016, 6, 1), cause="Because placements cost more", event="there is a risk of overspend",
             effect="resulting in a shortfall"),
        Risk("R03", "Ofsted registration late", Score(2, 5), owner="DCS", raised=date(2017, 1, 3)),
        Risk("R04", "Leadership churn", Score(2, 2), owner="Chair", raised=date(2016, 6, 1)),
        Risk("R05", "Articles not agreed", Score(1, 3), owner="Head of Legal", raised=date(2016, 5, 1),
             status=RiskStatus.CLOSED),
        Risk("R99", "Secret negotiating position on the contract sum", Score(5, 5), owner="Chief Executive",
             raised=date(2016, 6, 1), exempt=True),
    ),
    reviews=(
        RiskReview("R01", date(2016, 11, 1), Score(4, 4), Score(4, 5)),
        RiskReview("R02", date(2017, 1, 9), Score(3, 4), Score(4, 4)),
        RiskReview("R05", date(2017, 1, 6), Score(2, 3), Score(1, 3)),
    ),
    actions=(
        RiskAction("R01", "Second cohort of social workers in post", "Director of HR", date(2017, 2, 27)),
        RiskAction("R02", "Placement sufficiency review", "Head of Commissioning", date(2017, 2, 8)),
    ),
    decisions=(
        Decision("D01", "Council guarantee for the LGPS admission agreement", Forum.CABINET, DecisionStatus.NEEDED,
                 decision="Agree that the council guarantees the admission.", needed_by=date(2017, 2, 6),
                 meeting="Cabinet 6 February 2017", key_decision=True),  # 26 clear days from 10/01
        Decision("D02", "Move the TUPE staff list sign-off", Forum.PROGRAMME_BOARD, DecisionStatus.MADE,
                 made_on=date(2017, 1, 5)),
        Decision("D03", "Go/no-go for go-live", Forum.CABINET, DecisionStatus.NEEDED, needed_by=date(2017, 3, 22),
                 key_decision=True),
        Decision("D04", "Data sharing agreement", Forum.OFFICER, DecisionStatus.NEEDED, officer="Chief Executive",
                 needed_by=date(2017, 1, 31)),
        Decision("D05", "Set up the company", Forum.CABINET, DecisionStatus.MADE, made_on=date(2016, 4, 13)),
        Decision("D09", "Confidential contract sum settlement", Forum.CABINET, DecisionStatus.NEEDED,
                 needed_by=date(2017, 2, 1), exempt=True, exempt_paragraph=3),
    ),
)


def plan_snapshot(marking: str):
    return snapshot(milestone("A-1", date(2017, 2, 1)), programme=replace(PROGRAMME, marking=marking))


def render(marking: str = "OFFICIAL", *, register: RiskRegister = REGISTER, last: date | None = LAST) -> bytes:
    data = prepare_briefing(plan_snapshot(marking), register=register, last_briefing_as_of=last,
                            last_overall=None if last is None else prepare_briefing(plan_snapshot(marking)).overall)
    buffer = io.BytesIO()
    render_briefing(data, buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def public() -> str:
    return whole_text(read_pages(render("OFFICIAL")))


@pytest.fixture(scope="module")
def sensitive_pdf() -> bytes:
    return render("OFFICIAL-SENSITIVE")


@pytest.fixture(scope="module")
def sensitive(sensitive_pdf) -> str:
    return whole_text(read_pages(sensitive_pdf))


def section(text: str, title: str, next_title: str | None) -> str:
    return between(text, title, next_title)


def test_cabinet_is_recommended_to_approve_its_decisions_ahead_of_the_notes(public):
    recs = section(public, "Recommendations", "Services and stages")
    assert ("(a) approve D01, Council guarantee for the LGPS admission agreement (needed at Cabinet 6 February "
            "2017, a key decision short of 28 clear days' notice);") in recs
    assert recs.index("approve D01") < recs.index("(b) note the progress")
    assert "D03" not in recs  # needed after the next meeting (10/01 + 42 days = 21/02)
    assert "D04" not in recs  # a delegated officer's, not cabinet's
    assert "note the 2 risks at or above the escalation score of 15 (R01 and R02)" in recs


def test_the_header_says_key_decision_when_cabinet_is_asked_to_take_one(public):
    assert "Key decision Yes" in public
    quiet = whole_text(read_pages(render(register=RiskRegister(decisions=REGISTER.decisions[1:2]))))
    assert "Key decision No" in quiet


def test_top_three_risks_with_direction_of_travel_in_the_executive_summary(public):
    summary = section(public, "Executive summary", "Services and stages")
    table = section(summary, "Top 3 risks by current score", None)
    assert "direction of travel is since the last briefing (12 December 2016): ↑ worse, ↓ better, → no change" in table
    assert table.index("R01") < table.index("R02") < table.index("R03")
    assert "R01 Agency social workers leave around go-live Director of Children's Social Care 20 R → no change" \
        in table
    assert "R02 Placement costs exceed the contract sum Section 151 Officer 16 R ↑ worse" in table
    assert "R04" not in table and "R99" not in table


def test_page_one_names_the_three_highest_risks_with_their_direction(public):
    page_one = section(public, "Executive summary", "Status this period against last period")
    assert ("The three highest risks are R01 (20 out of 25, no change), R02 (16, worse) and R03 (10, no change), "
            "named in the table of top risks below.") in page_one
    assert "R99" not in page_one  # exempt: not in a public briefing


def test_the_arrows_are_in_the_briefing_font_and_drawn_as_arrows(sensitive_pdf):
    assert all(ord(glyph) in glyphs().every_face for glyph in "↑↓→×")  # DejaVu Sans, every face: no words needed
    lines = drawn_lines(sensitive_pdf)
    assert any("↑ worse" in line for line in lines) and any("→ no change" in line for line in lines)


def test_heat_map_has_counts_bands_and_a_legend(public):
    risks = section(public, "Risks", "Decisions")
    assert "Heat map of current scores" in risks
    for legend in ("R Red: 13–25 (hatched)", "A Amber: 5–12 (dotted)", "G Green: 1–4 (plain)"):
        assert legend in risks
    assert "4 open risks in all" in risks  # R01–R04: R05 closed, R99 exempt
    assert "Escalated at 15 or more to the programme board" in risks


def test_heat_map_cells_hold_the_counts(sensitive_pdf):
    page = next(p for p in read_pages(sensitive_pdf) if "Heat map of current scores" in p.text)
    counts = [t.strip() for _, _, t in page.runs if t.strip() == "1"]
    # four single-risk cells, plus the axes' own "1"s (likelihood 1 and impact 1)
    assert len(counts) == 4 + 2


def test_escalated_risks_print_cause_event_effect_scores_owner_controls_and_next_action(public):
    risks = section(public, "Risks", "Decisions")
    card = section(risks, "R01 Agency social workers", "R02 Placement")
    assert "RED (R) 20 · → no change" in card
    for text in ("Cause Because a third are agency", "Event there is a risk that they leave",
                 "Effect resulting in caseloads above 20",
                 "Scores 25 → 20 → 8 (inherent → current → target); open",
                 "Owner Director of Children's Social Care", "Controls Social work academy; weekly caseload report",
                 "Next action Second cohort of social workers in post (Director of HR, due 27 February 2017)",
                 "Escalated to the programme board on 1 December 2016"):
        assert text in card
    r02 = section(risks, "R02 Placement costs exceed the contract sum ·", "New, escalated")
    assert "Scores — → 16 → — " in r02 and "Escalated not yet recorded" in r02
    assert "R03 Ofsted" not in section(risks, "Risks at or above", "New, escalated")  # 10: below 15


def test_new_escalated_and_closed_since_the_last_briefing(public):
    changes = section(public, "New, escalated and closed risks since the last briefing", "Decisions")
    assert "Risks raised, escalated or closed since the last briefing (12 December 2016)" in changes
    assert "R03 Ofsted registration late New 03/01/2017 10" in changes
    assert "R05 Articles not agreed Closed 06/01/2017 3" in changes
    assert "R02 Placement costs exceed the contract sum Escalated 09/01/2017 16 ↑ worse" in changes
    assert "R01" not in changes  # escalated before the last briefing


def test_a_first_briefing_looks_back_30_days():
    text = whole_text(read_pages(render(last=None)))
    assert "New, escalated and closed risks in the last 30 days" in text
    assert "direction of travel is since each risk's last review" in text


def test_decisions_needed_with_forum_date_and_notice_flag_and_made_since(public):
    decisions = section(public, "Decisions", None)
    needed = section(decisions, "Decisions needed before the next meeting", "Decisions made")
    assert "the next meeting (taken as 21 February 2017, six weeks on)" in decisions
    # the decision's wording is printed across the row beneath it
    assert ("D01 Council guarantee for the LGPS admission agreement Cabinet Cabinet 6 February 2017 (06/02/2017) "
            "Yes: short of 28 clear days' notice Agree that the council guarantees the admission.") in needed
    assert "D04 Data sharing agreement Delegated officer: Chief Executive 31/01/2017 No" in needed
    assert needed.index("D04") < needed.index("D01")  # soonest first
    assert "D03" not in needed
    made = section(decisions, "Decisions made since the last briefing", None)
    assert "D02 Move the TUPE staff list sign-off Programme board 05/01/2017 No" in made
    assert "D05" not in made


def test_a_public_briefing_leaves_exempt_items_out_and_says_how_many(public):
    assert "R99" not in public and "Secret negotiating position" not in public
    assert "D09" not in public and "Confidential contract sum settlement" not in public
    assert "1 exempt risk is left out of this public briefing (Schedule 12A)." in public
    assert "1 exempt decision is left out of this public briefing (Schedule 12A)." in public
    assert "Exempt information" not in public


def test_official_sensitive_lists_exempt_items_in_an_appendix_only(sensitive):
    body, appendix = sensitive.split("Appendix B: Exempt information", 1)
    assert "Secret negotiating position" not in body and "Confidential contract sum settlement" not in body
    assert "approve the recommendation on D09 set out in the exempt appendix (Schedule 12A, paragraph 3)" in body
    assert "Not for publication." in appendix
    assert "D09 Confidential contract sum settlement Cabinet 01/02/2017 3" in appendix
    assert "R99 Secret negotiating position on the contract sum" in appendix
    assert "exempt risk is left out" not in sensitive


def test_a_plan_without_a_register_has_no_risk_or_decision_sections():
    text = whole_text(read_pages(render(register=RiskRegister())))
    assert "Heat map" not in text and "Decisions needed" not in text and "Top 3 risks" not in text


def test_a_log_without_risks_has_a_decisions_section_only():
    text = whole_text(read_pages(render(register=RiskRegister(decisions=REGISTER.decisions[:2]))))
    assert "Decisions needed before the next meeting" in text and "Heat map" not in text


def test_no_escalated_risk_and_no_change_say_so_in_sentences():
    quiet = RiskRegister(risks=(Risk("R1", "Quiet", Score(1, 2), owner="A", raised=date(2016, 1, 1)),))
    text = flat(whole_text(read_pages(render(register=quiet))))
    assert "No open risk is at or above the escalation score." in text
    assert "No risk was raised, escalated or closed since the last briefing (12 December 2016)." in text


@pytest.fixture(scope="module")
def demo_briefings(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo-briefing")
    with create_demo_plan(folder / "demo.tplan") as plan:
        public = produce_briefing(plan, folder / "public.pdf")
        sensitive = produce_briefing(plan, folder / "sensitive.pdf", marking="OFFICIAL-SENSITIVE")
    return ((public, whole_text(read_pages((folder / "public.pdf").read_bytes()))),
            (sensitive, whole_text(read_pages((folder / "sensitive.pdf").read_bytes()))))


def test_the_demo_briefing_shows_the_register_and_the_log(demo_briefings):
    (issued, text), (_, sensitive) = demo_briefings
    recs = section(text, "Recommendations", "Services and stages")
    assert recs.index("(a) approve D04, Council guarantee for the LGPS admission agreement") < recs.index("note")
    top = section(text, "Top 3 risks by current score", "Recommendations")
    assert [ref for ref in ("R04", "R02", "R01") if ref in top] == ["R04", "R02", "R01"]
    assert "↑ worse" in top  # re-scored at the status date
    assert "Risk RED (R)" in section(text, "Status this period", "Top 3 risks")
    assert "2017/18 contract sum and its change-control route" not in text  # D03 is exempt
    assert "Exempt information" not in text and "Appendix D: Exempt information" in sensitive
    assert "approve the recommendation on D03 set out in the exempt appendix" in sensitive
    assert issued.pages >= 17
