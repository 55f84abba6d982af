"""A plan milestone that meets a statutory TUPE deadline carries that deadline under its title in the
milestone tables, and the derived deadline has no row of its own there; the TUPE deadlines table
names the plan's milestone that meets each one. Read back from the PDF."""

from __future__ import annotations

import io
import shutil
from dataclasses import replace
from datetime import date

import docx
import pytest
from briefing_pdf import between, body_text, read_pages

from trustplanner.briefing.document import render_briefing
from trustplanner.briefing.docx_writer import render_briefing_docx
from trustplanner.services.briefings import prepare_briefing
from trustplanner.services.snapshot import load_snapshot
from trustplanner.services.status_areas import load_sources
from trustplanner.store.plan_file import open_plan_file


def _data(demo_file, tmp_path_factory, change=None):
    path = tmp_path_factory.mktemp("pairing") / "demo.tplan"
    shutil.copy(demo_file, path)
    plan = open_plan_file(path, migrate=False, read_only=True)
    try:
        shot = load_snapshot(plan)
        if change is not None:
            shot = replace(shot, milestones=tuple(change(m) for m in shot.milestones))
        return prepare_briefing(shot, **load_sources(plan, shot.status_date))
    finally:
        plan.close()


def _text(demo_file, tmp_path_factory, change=None) -> str:
    data = _data(demo_file, tmp_path_factory, change)
    buffer = io.BytesIO()
    render_briefing(data, buffer)
    return body_text(read_pages(buffer.getvalue()))


@pytest.fixture(scope="module")
def demo_text(demo_file, tmp_path_factory) -> str:
    return _text(demo_file, tmp_path_factory)


def _milestone_tables(text: str) -> str:
    return between(text, "Overdue milestones", "Knock-on of slippage") + between(
        text, "Due in the next 90 days Ref", "Deadlines derived from the staff data")


def test_the_plans_eli_milestone_carries_the_legal_deadline_and_the_deadline_has_no_row(demo_text):
    tables = _milestone_tables(demo_text)
    assert ("HR-05 Employee liability information (ELI) sent to TfC Legal deadline 03/03/2017 (TUPE-ELI-20170401): "
            "5 working days to spare HR & TUPE") in tables
    assert "TUPE-ELI-" not in tables.replace("(TUPE-ELI-", "")  # no row of its own
    assert "TUPE-LGPS " not in tables.replace("(TUPE-LGPS)", "")


def test_representatives_are_a_local_setting_and_lgps_a_legal_deadline(demo_text):
    tables = _milestone_tables(demo_text)
    assert ("HR-04 Formal TUPE information and consultation with trade unions starts Local notice setting (56 days) "
            "03/02/2017 (TUPE-REP-20170401): 12 working days to spare") in tables
    assert "Legal deadline 31/03/2017 (TUPE-LGPS): 15 working days to spare" in tables


def test_a_forecast_after_the_deadline_says_by_how_many_working_days(demo_file, tmp_path_factory):
    late = _text(demo_file, tmp_path_factory,
                 lambda m: replace(m, forecast=date(2017, 3, 7)) if m.ref == "HR-05" else m)
    assert "forecast 2 working days after the legal deadline" in _milestone_tables(late)


def test_the_tupe_deadlines_table_names_the_plans_milestone(demo_text):
    deadlines = between(demo_text, "Ref Deadline Plan's milestone Due Actual RAG", "Appendix")
    assert ("TUPE-ELI-20170401 Employee liability information sent to the trust, at least 28 days before transfers "
            "on 01/04/2017 (legal minimum) HR-05, 24/02/2017 03/03/2017 — G") in deadlines
    assert "(legal) PEN-04, 10/03/2017 31/03/2017" in deadlines
    assert "(local setting: 56 days' notice) — 04/08/2017" in deadlines  # no plan milestone meets it


def test_word_prints_the_deadline_on_its_own_line_under_the_title(demo_file, tmp_path_factory):
    buffer = io.BytesIO()
    render_briefing_docx(_data(demo_file, tmp_path_factory), buffer)
    buffer.seek(0)
    cells = [cell.text for table in docx.Document(buffer).tables for row in table.rows for cell in row.cells]
    assert any(text.startswith("Employee liability information (ELI) sent to TfC\nLegal deadline 03/03/2017 "
                               "(TUPE-ELI-20170401): 5 working days to spare\n") for text in cells)
