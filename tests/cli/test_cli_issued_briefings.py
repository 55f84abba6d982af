"""`briefing --issue`, `briefings [--verify|--save]` and `changes [--since]` on the command line."""

from __future__ import annotations

import re
import shutil

import pytest


@pytest.fixture
def demo(demo_file, tmp_path):
    path = tmp_path / "demo.tplan"
    shutil.copy(demo_file, path)
    return path


def test_draft_then_issue_then_list_verify_and_save(cli, demo, tmp_path, plan_dump):
    before = plan_dump(demo)
    draft = cli("briefing", demo, "-o", tmp_path / "draft.pdf")
    assert draft.rc == 0 and "DRAFT" in draft.out
    assert plan_dump(demo) == before  # a draft records nothing
    assert "No briefing has been issued" in cli("briefings", demo).out

    issued = cli("briefing", demo, "--issue", "-o", tmp_path / "issued.pdf", "--meeting", "18/01/2017")
    assert issued.rc == 0, issued.err
    assert "Issued version 1 of the briefing for 18/01/2017" in issued.out
    sha = re.search(r"SHA-256 ([0-9a-f]{64})", issued.out).group(1)
    listing = cli("briefings", demo)
    assert listing.rc == 0
    assert re.search(rf"#1\s+18/01/2017\s+v1\s+16/01/2017\s+RED\s+.*{sha}", listing.out), listing.out

    ok = cli("briefings", demo, "--verify", tmp_path / "issued.pdf")
    assert ok.rc == 0 and "the briefing issued as #1 (meeting 18/01/2017, version 1)" in ok.out
    changed = bytearray((tmp_path / "issued.pdf").read_bytes())
    changed[-20] ^= 1
    (tmp_path / "changed.pdf").write_bytes(bytes(changed))
    refused = cli("briefings", demo, "--verify", tmp_path / "changed.pdf")
    assert refused.rc == 1 and "NOT a briefing issued from demo.tplan" in refused.out
    assert cli("briefings", demo, "--verify", tmp_path / "draft.pdf").rc == 1

    (tmp_path / "issued.pdf").unlink()
    saved = cli("briefings", demo, "--save", "1", "-o", tmp_path / "copy.pdf")
    assert saved.rc == 0 and cli("briefings", demo, "--verify", tmp_path / "copy.pdf").rc == 0


def test_changes_since_the_last_or_a_chosen_briefing(cli, demo, tmp_path):
    assert "nothing to compare with" in cli("changes", demo).out
    assert cli("briefing", demo, "--issue", "--as-of", "12/12/2016", "--meeting", "14/12/2016",
               "-o", tmp_path / "dec.pdf").rc == 0
    result = cli("changes", demo)
    assert result.rc == 0
    assert "Changes since briefing #1 (meeting 14/12/2016, version 1), position as at 12/12/2016, to 16/01/2017" \
        in result.out
    assert "Milestones completed\n  FIN-02" in result.out
    assert result.out == cli("changes", demo, "--since", "1").out == cli("changes", demo, "--since", "31/12/2016").out
    missing = cli("changes", demo, "--since", "7")
    assert missing.rc == 1 and missing.err.count("\n") == 1 and "there is no briefing #7" in missing.err


def test_issuing_from_a_read_only_plan_is_refused_but_a_draft_is_written(cli, demo, tmp_path, make_read_only):
    make_read_only(demo)
    assert cli("briefing", demo, "-o", tmp_path / "draft.pdf").rc == 0
    refused = cli("briefing", demo, "--issue", "-o", tmp_path / "issued.pdf")
    assert refused.rc == 1 and "read-only" in refused.err and not (tmp_path / "issued.pdf").exists()


def test_the_report_header_and_draft_on_the_command_line(cli, demo, plan_dump):
    assert cli("set", demo, "--cabinet-member", "Cllr Louise Farthing", "--portfolio", "Children").rc == 0
    saved = cli("report", demo, "--meeting", "18/01/2017", "--key-decision", "yes", "--forward-plan", "FP/2017/004",
                "--text", "reasons=To keep go-live on 1 April 2017.")
    assert saved.rc == 0 and "Still to write: Alternative options considered; " in saved.out
    listing = cli("report", demo, "--meeting", "18/01/2017")
    assert "Key decision: yes, forward plan FP/2017/004" in listing.out
    assert "options              Alternative options considered: MISSING (required)" in listing.out
    before = plan_dump(demo)
    bad = cli("report", demo, "--meeting", "18/01/2017", "--exempt", "9")
    assert bad.rc == 1 and "Schedule 12A has paragraphs 1 to 7, not 9" in bad.err and plan_dump(demo) == before
    assert cli("report", demo, "--meeting", "18/01/2017", "--text", "nonsense=x").rc == 2


def test_bad_input_to_the_register_commands_is_one_line_and_exit_1(cli, demo, tmp_path):
    assert cli("briefing", demo, "--issue", "-o", tmp_path / "a.pdf").rc == 0
    word = cli("changes", demo, "--since", "abc")
    assert word.rc == 1 and word.err.count("\n") == 1
    assert "'abc' is neither a briefing number (#1 to #1) nor a date" in word.err
    missing = cli("briefings", demo, "--verify", tmp_path / "nowhere.pdf")
    assert missing.rc == 1 and "nowhere.pdf: cannot be read" in missing.err and "unexpected" not in missing.err
    long = cli("report", demo, "--meeting", "16/01/2017", "--text", "legal=" + "x" * 20_001)
    assert long.rc == 1 and "Legal implications: at most 20,000 characters (20,001 given)" in long.err


def test_the_next_meeting_set_for_a_report_bounds_what_is_due_and_needed_before_it(cli, demo, tmp_path, plan_dump):
    def text_of(name: str) -> str:
        from pypdf import PdfReader
        return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(tmp_path / name).pages)

    assert cli("briefing", demo, "--meeting", "18/01/2017", "-o", tmp_path / "six-weeks.pdf").rc == 0
    assumed = text_of("six-weeks.pdf")
    assert "up to the next meeting (taken as 1 March 2017, six weeks on);" in assumed
    assert "approve D04" in assumed  # needed at cabinet on 8 February, before 1 March

    set_it = cli("report", demo, "--meeting", "18/01/2017", "--next-meeting", "01/02/2017", "--report-date", "12/01/2017")
    assert set_it.rc == 0
    assert "Next meeting: 01/02/2017; report date: 12/01/2017" in cli("report", demo, "--meeting", "18/01/2017").out
    assert cli("briefing", demo, "--meeting", "18/01/2017", "-o", tmp_path / "set.pdf").rc == 0
    known = text_of("set.pdf")
    assert "up to the next meeting on 1 February 2017;" in known and "Report date 12/01/2017" in known
    assert "approve D04" not in known  # needed after the next meeting, so not asked of this one
    assert "IMP-04" not in known.split("Table 5: Due before the next meeting")[1].split("Slipped against")[0]

    before = plan_dump(demo)
    bad = cli("report", demo, "--meeting", "18/01/2017", "--next-meeting", "10/01/2017")
    assert bad.rc == 1 and "the next meeting (10/01/2017) must be after this one (18/01/2017)" in bad.err
    assert plan_dump(demo) == before
    assert cli("report", demo, "--meeting", "18/01/2017", "--next-meeting", "none").rc == 0
    assert "Next meeting: not set (six weeks on)" in cli("report", demo, "--meeting", "18/01/2017").out


def test_a_reader_that_goes_away_early_is_not_an_error(demo):
    """`trustplanner history PLAN | head -1`: the pipe closes before the output is written."""
    import subprocess
    import sys

    process = subprocess.Popen([sys.executable, "-m", "trustplanner", "history", str(demo)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # the reader is gone before the first line
    err = process.stderr.read().decode()
    assert process.wait(timeout=120) == 0, err
    assert "unexpected" not in err and "Traceback" not in err
