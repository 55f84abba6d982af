"""Cell text to dates and refs: what a council officer types into a spreadsheet."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trustplanner.domain.dates import EARLIEST_DATE, LATEST_DATE
from trustplanner.io.values import CellError, format_date, parse_date, parse_optional_date, parse_refs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2017-04-01", date(2017, 4, 1)),
        ("  2017-04-01  ", date(2017, 4, 1)),
        ("2017-04-01 00:00:00", date(2017, 4, 1)),  # what a date cell looks like as text
        ("01/09/2016", date(2016, 9, 1)),  # UK day-first: 1 September, never 9 January
        ("1/9/2016", date(2016, 9, 1)),
        ("13/01/2017", date(2017, 1, 13)),
        ("29/02/2016", date(2016, 2, 29)),
        ("1 April 2017", date(2017, 4, 1)),
        ("1st April 2017", date(2017, 4, 1)),
        ("12 Sept 2016", date(2016, 9, 12)),
        ("31 dec 2016", date(2016, 12, 31)),
    ],
)
def test_parse_date_accepts_iso_uk_and_words(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("31/02/2020", "not a real date"),
        ("29/02/2017", "not a real date"),
        ("2017-13-01", "not a real date"),
        ("next week", "not a date"),
        ("", "not a date"),
        ("01/09/16", "year in full"),
        ("1/9/17", "year in full"),
        ("1 Smarch 2017", "not a date"),
        ("2017/04/01", "not a date"),
        ("42614", "not a date"),  # an Excel serial number is not a date to a person
    ],
)
def test_parse_date_rejects_with_a_plain_message_quoting_the_text(text, says):
    with pytest.raises(CellError) as caught:
        parse_date(text)
    assert says in str(caught.value)
    if text:
        assert text in str(caught.value)


def test_two_digit_year_is_rejected_not_guessed():
    with pytest.raises(CellError, match="in full"):
        parse_date("01/04/17")


def test_optional_date_is_none_when_blank_and_still_strict_otherwise():
    assert parse_optional_date("") is None
    assert parse_optional_date("   ") is None
    with pytest.raises(CellError):
        parse_optional_date("soon")


@given(st.dates(min_value=EARLIEST_DATE, max_value=LATEST_DATE))
def test_any_date_written_iso_or_uk_reads_back_as_itself(day):
    assert parse_date(day.isoformat()) == day
    assert parse_date(f"{day.day:02d}/{day.month:02d}/{day.year:04d}") == day
    assert parse_date(f"{day.day}/{day.month}/{day.year:04d}") == day
    assert parse_date(format_date(day)) == day


@pytest.mark.parametrize(
    ("text", "refs"),
    [
        ("", ()),
        ("GOV-01", ("GOV-01",)),
        ("GOV-01;HR-02", ("GOV-01", "HR-02")),
        (" GOV-01 ; HR-02 ;", ("GOV-01", "HR-02")),
        ("HR-02;GOV-01", ("HR-02", "GOV-01")),
        ("GOV-01, HR-02", ("GOV-01", "HR-02")),
        ("GOV-01;GOV-01;;HR-02", ("GOV-01", "HR-02")),
    ],
)
def test_parse_refs_splits_on_semicolons_and_drops_blanks_and_repeats(text, refs):
    assert parse_refs(text) == refs
