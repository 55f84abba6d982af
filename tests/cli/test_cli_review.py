"""`trustplanner review PLAN start|challenge|respond|close|sign-off|list`.

Each write is one entry in the history; bad input exits 1 with one line and leaves the plan file
byte-for-byte as it was (compared as an SQL dump). The sample plan (tests/conftest.py) has M1 and M2
complete, M3–M5 open.
"""

from __future__ import annotations

import pytest

from trustplanner.services.reviews import file_sha256

Q3 = "Q3 2016 progress review"


@pytest.fixture
def reviewed(sample_plan, cli):
    result = cli("review", sample_plan, "start", Q3, "--kind", "progress", "--reviewer", "Jane Smith",
                 "--as-of", "13/01/2017")
    assert result.rc == 0, result.err
    return sample_plan


def refused(cli, plan, plan_dump, *args) -> str:
    """Run a review command that must be refused: exit 1, one line, the plan unchanged; returns the line."""
    before = plan_dump(plan)
    result = cli("review", plan, *args)
    assert result.rc == 1, result.out
    assert plan_dump(plan) == before
    assert result.out == ""
    [line] = result.err.splitlines()
    return line


def test_start_says_what_it_opened_and_is_in_the_history(reviewed, cli):
    history = cli("history", reviewed, "--limit", "1")
    assert history.out.rstrip().endswith(f"Start the {Q3}")
    listed = cli("review", reviewed, "list")
    assert listed.rc == 0
    assert f"{Q3}: progress, Jane Smith (commissioner), opened" in listed.out
    assert "position on 13/01/2017, open" in listed.out


def test_start_takes_a_role_and_refuses_a_second_review_of_the_same_name(reviewed, cli, plan_dump):
    line = refused(cli, reviewed, plan_dump, "start", Q3, "--kind", "gateway", "--reviewer", "Ann Other")
    assert line == f"trustplanner: review '{Q3}': name: there is already a review '{Q3}' in this plan"
    result = cli("review", reviewed, "start", "Ofsted visit", "--kind", "dfe-six-monthly", "--reviewer", "HMI",
                 "--role", "ofsted")
    assert result.rc == 0, result.err
    assert "(dfe six-monthly, HMI, ofsted)" in result.out


def test_a_challenge_goes_to_the_latest_open_review(reviewed, cli):
    result = cli("review", reviewed, "challenge", "M5", "Why has it slipped?", "--evidence")
    assert result.rc == 0, result.err
    assert result.out.startswith(f"Challenge 1 on M5 raised in '{Q3}', asking for evidence; recorded as entry ")
    history = cli("history", reviewed, "--limit", "1")
    assert history.out.rstrip().endswith(f"Challenge M5 ({Q3})")
    listed = cli("review", reviewed, "list")
    assert "  challenge 1 on M5: open, 0 days, evidence asked for: Why has it slipped?" in listed.out


def test_a_challenge_on_an_unknown_ref_is_refused_in_one_line(reviewed, cli, plan_dump):
    line = refused(cli, reviewed, plan_dump, "challenge", "M9", "Why?")
    assert line.startswith("trustplanner: challenge on M9: target: unknown ref 'M9'")


def test_a_challenge_in_an_unknown_review_is_refused(reviewed, cli, plan_dump):
    line = refused(cli, reviewed, plan_dump, "challenge", "M5", "Why?", "--review", "Q4")
    assert line.startswith("trustplanner: there is no review 'Q4' in this plan")


def test_no_open_review_is_one_line(make_plan, cli, plan_dump):
    plan = make_plan("fresh.tplan")
    line = refused(cli, plan, plan_dump, "challenge", "M5", "Why?")
    assert line.startswith("trustplanner: there is no open review in this plan")


def test_respond_then_close_as_the_reviewer(reviewed, cli):
    cli("review", reviewed, "challenge", "finance", "Is the contract sum funded?")
    answered = cli("review", reviewed, "respond", "1", "Cabinet approved it", "--by", "Section 151 Officer")
    assert answered.rc == 0, answered.err
    assert answered.out.startswith("Responded to challenge 1 on finance: it is answered")
    closed = cli("review", reviewed, "close", "1", "--outcome", "accepted-with-conditions", "--conditions",
                 "Quarterly report", "--by", "Jane Smith")
    assert closed.rc == 0, closed.err
    assert closed.out.startswith("Closed challenge 1 on finance: accepted with conditions")
    listed = cli("review", reviewed, "list").out
    assert "  challenge 1 on finance: accepted with conditions" in listed
    assert "    response (Section 151 Officer, " in listed and "    conditions: Quarterly report" in listed


def test_closing_by_anyone_but_the_reviewer_is_refused(reviewed, cli, plan_dump):
    cli("review", reviewed, "challenge", "M5", "Why?")
    line = refused(cli, reviewed, plan_dump, "close", "1", "--outcome", "accepted", "--by", "Programme Director")
    assert line == (f"trustplanner: challenge 1: closed by: only the reviewer (Jane Smith) closes a challenge of "
                    f"'{Q3}', not Programme Director")


def test_a_response_to_a_closed_challenge_is_refused(reviewed, cli, plan_dump):
    cli("review", reviewed, "challenge", "M5", "Why?")
    assert cli("review", reviewed, "close", "1", "--outcome", "not-accepted", "--by", "Jane Smith").rc == 0
    line = refused(cli, reviewed, plan_dump, "respond", "1", "Another go")
    assert line == ("trustplanner: challenge 1: response: challenge 1 was closed (not accepted) by Jane Smith: it "
                    "takes no more responses")


def test_an_unknown_challenge_and_conditions_without_that_outcome_are_refused(reviewed, cli, plan_dump):
    assert refused(cli, reviewed, plan_dump, "respond", "7", "Answer") == \
        "trustplanner: there is no challenge 7 in this plan"
    cli("review", reviewed, "challenge", "M5", "Why?")
    line = refused(cli, reviewed, plan_dump, "close", "1", "--outcome", "accepted", "--conditions", "Some",
                   "--by", "Jane Smith")
    assert line == "trustplanner: challenge 1: conditions: conditions go with the outcome accepted-with-conditions"


def test_a_bad_outcome_is_a_usage_error_and_changes_nothing(reviewed, cli, plan_dump):
    cli("review", reviewed, "challenge", "M5", "Why?")
    before = plan_dump(reviewed)
    result = cli("review", reviewed, "close", "1", "--outcome", "answered")
    assert result.rc == 2 and "invalid choice: 'answered'" in result.err
    assert plan_dump(reviewed) == before


def test_sign_off_with_a_file_records_its_hash(reviewed, cli, tmp_path):
    certificate = tmp_path / "certificate.pdf"
    certificate.write_bytes(b"%PDF-1.4 certificate of incorporation")
    result = cli("review", reviewed, "sign-off", "M1", "--evidence", "Certificate of incorporation", "--file",
                 certificate, "--evidence-date", "01/06/2016")
    assert result.rc == 0, result.err
    digest = file_sha256(certificate)
    assert result.out.startswith(f"Signed off M1 (complete 01/06/2016) in '{Q3}' on Certificate of incorporation "
                                 f"(SHA-256 {digest[:12]}…)")
    listed = cli("review", reviewed, "list").out
    assert "  sign-off of M1 (complete 01/06/2016) on " in listed and str(certificate) in listed
    assert "M1: signed off" in listed and "M2: complete, not signed off" in listed
    certificate.write_bytes(b"%PDF-1.4 altered")
    assert "M1: complete, not signed off (its evidence file" in cli("review", reviewed, "list").out


def test_sign_off_with_a_link_in_a_named_review(reviewed, cli):
    result = cli("review", reviewed, "sign-off", "M2", "--evidence", "Board minutes", "--link",
                 "https://example.org/minutes", "--review", Q3)
    assert result.rc == 0, result.err
    assert "https://example.org/minutes" in cli("review", reviewed, "list").out


def test_sign_off_of_an_open_milestone_is_refused(reviewed, cli, plan_dump):
    line = refused(cli, reviewed, plan_dump, "sign-off", "M3", "--evidence", "Draft", "--link", "https://x.org")
    assert line == ("trustplanner: sign-off of M3: milestone: M3 is not complete (it has no actual date): only a "
                    "completed milestone is signed off")


def test_sign_off_with_a_missing_file_is_refused(reviewed, cli, plan_dump, tmp_path):
    missing = tmp_path / "missing.pdf"
    line = refused(cli, reviewed, plan_dump, "sign-off", "M1", "--evidence", "Certificate", "--file", missing)
    assert line == f"trustplanner: sign-off of M1: file: cannot read the evidence file {missing}: there is no such file"


def test_each_review_write_is_undone_by_review_undo_and_never_by_the_plans_undo(reviewed, cli, plan_dump):
    cli("review", reviewed, "challenge", "M5", "Why?")
    before = cli("review", reviewed, "list").out
    cli("review", reviewed, "respond", "1", "Because", "--by", "PD")
    plan_undo = cli("undo", reviewed)  # the plan's undo: a manager's Ctrl+Z cannot take back review records
    assert "Respond" not in plan_undo.out and "Challenge" not in plan_undo.out
    assert "answered" in cli("review", reviewed, "list").out and "Because" in cli("review", reviewed, "list").out
    assert cli("redo", reviewed).rc == 0  # put the plan's change back
    undone = cli("review", reviewed, "undo")
    assert undone.rc == 0 and undone.out.startswith("Undo Respond to challenge 1")
    assert cli("review", reviewed, "list").out == before


def test_list_of_a_plan_without_reviews(make_plan, cli):
    plan = make_plan("fresh.tplan")
    result = cli("review", plan, "list")
    assert (result.rc, result.out) == (0, "fresh.tplan has no reviews.\n")
