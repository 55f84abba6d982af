"""What a plan's own risk category may be called, how text finds a category, and the keys given."""

import pytest

from trustplanner.domain.risk_categories import category_of, category_words, find_category, name_problem, new_key
from trustplanner.domain.risks import STANDARD_CATEGORIES, Category

PARTNERSHIP = Category("partnership", "Partnership")
PLAN = STANDARD_CATEGORIES + (PARTNERSHIP, Category("placements", "Placements and sufficiency"))


@pytest.mark.parametrize(("text", "key"), [
    ("delivery", "delivery"), ("Legal and contract", "legal_contract"), ("legal_contract", "legal_contract"),
    ("HR", "workforce"), ("ict & data", "ict_data"), ("PARTNERSHIP", "partnership"),
    ("placements and sufficiency", "placements"), (" Placements  and Sufficiency ", "placements"),
])
def test_text_finds_a_standard_category_or_one_of_the_plans(text, key):
    assert find_category(PLAN, text).key == key


def test_the_plans_own_category_is_found_only_in_that_plan():
    assert find_category(STANDARD_CATEGORIES, "Partnership") is None
    assert find_category(PLAN, "weather") is None
    assert find_category(PLAN, "") is None


@pytest.mark.parametrize(("name", "message"), [
    ("", "a category needs a name"),
    ("   ", "a category needs a name"),
    ("x" * 81, "the name is longer than 80 characters"),
    ("Bad\tname", "the name contains a control character; delete it"),
    ("--", "a category's name needs a letter or a digit"),
    ("Financial", "'Financial' is the standard category Financial"),
    ("finance", "'finance' is the standard category Financial"),
    ("legal contract", "'legal contract' is the standard category Legal and contract"),
    ("partnership", "there is already a category 'Partnership'"),
])
def test_a_name_that_is_blank_too_long_or_taken_is_refused(name, message):
    assert name_problem(PLAN, name) == message


def test_a_good_name_and_a_rename_to_a_new_spelling_of_itself_are_allowed():
    assert name_problem(PLAN, "Commissioning") is None
    assert name_problem(PLAN, "PARTNERSHIP", renaming=PARTNERSHIP) is None
    assert name_problem(PLAN, "Placements and sufficiency", renaming=PARTNERSHIP) == \
        "there is already a category 'Placements and sufficiency'"


def test_a_new_key_is_a_slug_never_one_already_taken():
    assert new_key(PLAN, "Commissioning & Markets") == "commissioning_markets"
    assert new_key(PLAN, "Partnership!") == "partnership_2"
    assert new_key(PLAN, "Legal, contract") == "legal_contract_2"  # a standard key is never reused
    assert new_key(PLAN, "£££") == "category"


def test_a_stored_key_the_plan_no_longer_lists_is_shown_as_it_is():
    assert category_of(PLAN, "partnership") == PARTNERSHIP
    assert category_of(PLAN, "gone") == Category("gone", "gone")


def test_the_choices_read_as_a_list():
    assert category_words(PLAN).endswith("ict and data, Partnership or Placements and sufficiency")
    assert category_words([PARTNERSHIP]) == "Partnership"
