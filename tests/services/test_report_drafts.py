"""The cabinet report's header fields and per-meeting drafts: saved, undone, carried to the next meeting."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from trustplanner.domain.problems import ValidationFailed
from trustplanner.domain.report import ReportDraft
from trustplanner.services import history
from trustplanner.services.briefings import list_briefings, produce_briefing
from trustplanner.services.report_drafts import load_defaults, load_draft, save_draft, set_defaults
from trustplanner.store.plan_file import open_plan_file

JAN, FEB = date(2017, 1, 18), date(2017, 2, 15)


@pytest.fixture
def plan(demo_file, tmp_path):
    path = tmp_path / "demo.tplan"
    shutil.copy(demo_file, path)
    with open_plan_file(path) as plan:
        yield plan


def test_header_fields_are_remembered_and_undoable(plan):
    set_defaults(plan, cabinet_member="Cllr Louise Farthing", portfolio="Children, Learning and Skills")
    assert load_defaults(plan).cabinet_member == "Cllr Louise Farthing"
    history.undo(plan)
    assert load_defaults(plan).cabinet_member == ""
    with pytest.raises(ValidationFailed, match="at most 200 characters"):
        set_defaults(plan, author="x" * 201)


def test_a_draft_is_kept_per_meeting_and_one_undo_takes_an_edit_back(plan):
    assert load_draft(plan, JAN).source == "new"
    save_draft(plan, JAN, ReportDraft(key_decision=True, forward_plan_ref=" FP/2017/004 ",
                                      texts={"reasons": "To keep go-live on 1 April 2017.  "}))
    loaded = load_draft(plan, JAN)
    assert loaded.source == "saved"
    assert (loaded.draft.forward_plan_ref, loaded.draft.text("reasons")) == ("FP/2017/004",
                                                                               "To keep go-live on 1 April 2017.")
    save_draft(plan, JAN, loaded.draft.with_text("options", "Delay go-live to July: rejected."))
    history.undo(plan)
    assert load_draft(plan, JAN).draft.text("options") == ""
    assert load_draft(plan, JAN).draft.text("reasons")
    assert load_draft(plan, FEB).source == "new"  # another meeting's draft is its own


def test_an_exempt_report_cites_a_schedule_12a_paragraph(plan):
    with pytest.raises(ValidationFailed, match="cites its paragraph of Schedule 12A"):
        save_draft(plan, JAN, ReportDraft(exempt=True))
    with pytest.raises(ValidationFailed, match="paragraphs 1 to 7, not 8"):
        save_draft(plan, JAN, ReportDraft(exempt=True, exempt_paragraph=8))
    assert load_draft(plan, JAN).source == "new"


def test_the_next_meeting_starts_from_the_last_issued_briefings_text(plan, tmp_path):
    save_draft(plan, JAN, ReportDraft(key_decision=True, texts={"legal": "The monitoring officer has advised."}))
    produce_briefing(plan, tmp_path / "jan.pdf", meeting=JAN, issue=True)
    [issued] = list_briefings(plan)
    next_one = load_draft(plan, FEB)
    assert next_one.source == "last briefing"
    assert next_one.draft.text("legal") == "The monitoring officer has advised."
    assert not next_one.draft.key_decision  # a per-meeting choice starts afresh
    assert issued.meeting == JAN


def test_required_sections_left_empty_are_named():
    missing = [s.key for s in ReportDraft(texts={"reasons": "x", "options": " "}).missing()]
    assert "reasons" not in missing and "options" in missing and "background" in missing
    assert "consultation" not in missing  # not required


def test_the_briefing_prints_what_officers_wrote_and_a_draft_names_what_is_missing(plan, tmp_path):
    from pypdf import PdfReader

    from trustplanner.services.report_drafts import set_defaults

    set_defaults(plan, cabinet_member="Cllr Louise Farthing", portfolio="Children, Learning and Skills",
                 author="Jane Smith", contact="0191 520 5555")
    save_draft(plan, JAN, ReportDraft(key_decision=True, forward_plan_ref="FP/2017/004", exempt=True,
                                      exempt_paragraph=3, texts={
                                          "reasons": "The fund will not admit the trust without a guarantee.",
                                          "legal": "The monitoring officer has advised.",
                                          "background": "Cabinet report of 22 June 2016."}))

    def text(path):
        return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(path).pages)

    draft = text(produce_briefing(plan, tmp_path / "draft.pdf", meeting=JAN).path)
    assert "Cabinet member Cllr Louise Farthing, Children, Learning and Skills" in draft
    assert "Yes (forward plan FP/2017/004)" in draft and "Exempt: Schedule 12A, paragraph 3" in draft
    assert "Reasons for the recommendations 4.1 The fund will not admit the trust without a guarantee." in draft
    assert "Legal implications. The monitoring officer has advised." in draft
    assert "Background papers" in draft and "Cabinet report of 22 June 2016." in draft
    assert "To be written before this report is issued: Alternative options considered; Financial implications;" \
        in draft
    import re

    assert not re.search(r"\b\d+ Consultation \d+\.1 ", draft)  # optional and not written: no section
    issued = text(produce_briefing(plan, tmp_path / "issued.pdf", meeting=JAN, issue=True).path)
    assert "To be written" not in issued and "Legal implications. The monitoring officer has advised." in issued
