"""`trustplanner briefing PLAN --docx OUT.docx`: the Word version, never recorded as issued."""

from __future__ import annotations

import docx

from trustplanner.services.briefings import list_briefings
from trustplanner.store.plan_file import open_plan_file


def _issued(path):
    plan = open_plan_file(path, migrate=False, read_only=True)
    try:
        return list_briefings(plan)
    finally:
        plan.close()


def test_docx_alone_writes_word_and_records_nothing(cli, sample_plan, tmp_path, plan_dump):
    before = plan_dump(sample_plan)
    out = tmp_path / "Cabinet.docx"
    result = cli("briefing", sample_plan, "--docx", out, "--marking", "OFFICIAL-SENSITIVE")
    assert result.rc == 0, result.err
    assert f"Wrote the Word version of the briefing to {out.resolve()}" in result.out
    assert "not recorded as issued" in result.out
    document = docx.Document(str(out))
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"][0] == "1\tPurpose of the report"
    assert "OFFICIAL-SENSITIVE" in document.sections[0].header.paragraphs[0].text
    assert plan_dump(sample_plan) == before


def test_with_output_too_the_pdf_is_issued_and_the_word_file_written(cli, sample_plan, tmp_path):
    result = cli("briefing", sample_plan, "--issue", "-o", tmp_path / "b.pdf", "--docx", tmp_path / "b.docx")
    assert result.rc == 0, result.err
    assert (tmp_path / "b.pdf").read_bytes().startswith(b"%PDF") and (tmp_path / "b.docx").is_file()
    assert [record.path.name for record in _issued(sample_plan)] == ["b.pdf"]
    draft = cli("briefing", sample_plan, "-o", tmp_path / "c.pdf", "--docx", tmp_path / "c.docx")
    assert draft.rc == 0 and (tmp_path / "c.docx").is_file()
    assert len(_issued(sample_plan)) == 1  # a draft PDF and its Word copy are never recorded


def test_a_missing_folder_is_one_line_and_exit_1(cli, sample_plan, tmp_path):
    result = cli("briefing", sample_plan, "--docx", tmp_path / "nowhere" / "b.docx")
    assert result.rc == 1
    assert len(result.err.strip().splitlines()) == 1 and "does not exist" in result.err
