"""`trustplanner review PLAN since` and `trustplanner review PLAN pack -o OUT.pdf [--docx OUT.docx]`.

On a copy of the demo plan (status date 16/01/2017): a briefing issued as at 12/12/2016, the Q4 review
looking at 14/12/2016 with a challenge on HR-02, then the Q1 review (position 16/01/2017) signing off
FIN-02 (complete 16/12/2016) on a file and closing a challenge on GOV-11 with conditions.
"""

from __future__ import annotations


import docx
import pytest
from pypdf import PdfReader

from trustplanner.services.reviews import file_sha256

Q4, Q1 = "Q4 2016 progress review", "Q1 2017 progress review"
PACK_HEADINGS = ["1 Position at the review's date", "2 Since the last review", "3 Milestones signed off",
                 "4 Challenges and their outcomes", "5 Risks at escalation level", "6 Decisions awaited"]


@pytest.fixture
def reviewed(tmp_path, cli):
    from trustplanner.services.demo import create_demo_plan

    plan = tmp_path / "demo.tplan"
    create_demo_plan(plan, with_reviews=False).close()  # these tests make their own reviews
    evidence = tmp_path / "s151-letter.txt"
    evidence.write_text("The 2017/18 contract sum is agreed.\n")
    steps = [
        ("briefing", plan, "--issue", "-o", tmp_path / "dec.pdf", "--as-of", "12/12/2016"),
        ("review", plan, "start", Q4, "--kind", "progress", "--reviewer", "Jane Smith", "--as-of", "14/12/2016"),
        ("review", plan, "challenge", "HR-02", "Why has the measures letter slipped?", "--evidence"),
        ("review", plan, "start", Q1, "--kind", "progress", "--reviewer", "Jane Smith"),
        ("review", plan, "sign-off", "FIN-02", "--evidence", "Section 151 letter on the contract sum",
         "--file", evidence),
        ("review", plan, "challenge", "GOV-11", "Is the shadow board ready to take decisions?"),
        ("review", plan, "respond", "2", "The terms of reference were agreed in December."),
        ("review", plan, "close", "2", "--outcome", "accepted-with-conditions", "--conditions",
         "Minutes shared monthly", "--by", "Jane Smith"),
    ]
    for step in steps:
        result = cli(*step)
        assert result.rc == 0, (step, result.err)
    return plan, evidence


def test_since_prints_each_group_under_its_heading_one_line_an_item(reviewed, cli):
    plan, _ = reviewed
    result = cli("review", plan, "since")
    assert result.rc == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].startswith(f"Since the last review, '{Q4}' (position on 14 December 2016), to the position on "
                               "16 January 2017: compared with the figures of briefing #1")
    completed = lines.index("Milestones completed")
    assert lines[completed + 1:completed + 3] == [
        "  FIN-02 2017/18 contract sum agreed between council and TfC: complete 16 December 2016, signed off",
        ("  HR-03 Measures letter: TfC confirms measures envisaged: complete 21 December 2016, "
         "complete, not signed off")]
    overdue = lines.index("Newly overdue")
    assert lines[overdue + 1].startswith("  ICT-02 Data controller roles") and "Forecasts moved" not in lines
    challenges = lines.index("Challenges still open")
    [open_one] = lines[challenges + 1:]
    assert open_one.startswith(f"  Challenge 1 on HR-02 ({Q4}): open, ")
    assert open_one.endswith(": Why has the measures letter slipped?")
    assert "GOV-11" not in result.out  # closed: not listed


def test_since_for_the_first_review_says_there_is_nothing_to_compare_with(reviewed, cli):
    plan, _ = reviewed
    result = cli("review", plan, "since", "--review", Q4)
    assert result.rc == 0, result.err
    assert result.out.splitlines()[0] == f"There is no earlier review than '{Q4}' to compare with."


def test_the_pack_is_a_pdf_with_its_sections_sign_offs_evidence_and_challenges(reviewed, cli, tmp_path, plan_dump):
    plan, evidence = reviewed
    before = plan_dump(plan)
    out, word = tmp_path / "pack.pdf", tmp_path / "pack.docx"
    result = cli("review", plan, "pack", "-o", out, "--docx", word)
    assert result.rc == 0, result.err
    assert result.out.startswith(f"Wrote the review pack for '{Q1}' (position on 16/01/2017, draft, ")
    assert plan_dump(plan) == before  # a draft: nothing recorded
    reader = PdfReader(out)
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert [item.title for item in reader.outline] == PACK_HEADINGS
    for heading in PACK_HEADINGS:
        assert heading in text
    assert "Section 151 letter on the contract sum" in text
    assert f"SHA-256 {file_sha256(evidence)[:12]}" in text
    assert "Is the shadow board ready to take decisions?" in text
    assert "Minutes shared monthly" in text
    assert "Recommendations" not in text  # none yet: the section is left out
    pages = len(reader.pages)
    assert f"Page {pages} of {pages}" in reader.pages[-1].extract_text()
    assert reader.metadata.title == f"Commissioner review pack: {Q1}"
    assert all("OFFICIAL" in page.extract_text() for page in reader.pages)

    document = docx.Document(str(word))
    headings = [p.text.replace("\t", " ") for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == PACK_HEADINGS
    cells = " ".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert "Section 151 letter on the contract sum" in cells
    assert "Is the shadow board ready to take decisions?" in cells


def test_the_pack_of_a_named_review_looks_at_its_own_position(reviewed, cli, tmp_path):
    plan, _ = reviewed
    out = tmp_path / "q4.pdf"
    result = cli("review", plan, "pack", "-o", out, "--review", Q4)
    assert result.rc == 0, result.err
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)
    assert "as at 14 December 2016" in text
    assert "Why has the measures letter slipped?" in text
    assert "No milestone has been signed off in this review." in text


@pytest.mark.parametrize("action", [("pack", "-o", "pack.pdf"), ("since",)])
def test_an_unknown_review_is_one_line_and_exit_1(reviewed, cli, tmp_path, action):
    plan, _ = reviewed
    args = [tmp_path / a if a.endswith(".pdf") else a for a in action]
    result = cli("review", plan, *args, "--review", "Q9 review")
    assert result.rc == 1
    assert result.out == ""
    assert result.err.splitlines() == [
        f"trustplanner: there is no review 'Q9 review' in this plan (reviews: '{Q4}', '{Q1}')"]
    assert not (tmp_path / "pack.pdf").exists()
