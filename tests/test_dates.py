"""Event dates resolved against the publication date, with ACLED time precision."""

from __future__ import annotations

import datetime as dt

import pytest

from incimap.geo.dates import display_date
from incimap.geo.reader.dates import DateRef, find_dates, resolve_date

WED = dt.date(2025, 3, 12)  # the seed article: published on a Wednesday


@pytest.mark.parametrize(
    ("expression", "published", "expected", "precision"),
    [
        ("on Tuesday", WED, "2025-03-11", 1),
        ("Tuesday", WED, "2025-03-11", 1),
        ("Tuesday night", WED, "2025-03-11", 1),
        ("late on Tuesday", WED, "2025-03-11", 1),
        ("on Wednesday", WED, "2025-03-12", 1),  # same day as publication
        ("on Thursday", WED, "2025-03-06", 1),  # never after publication
        ("last Wednesday", WED, "2025-03-05", 1),
        ("last Tuesday", WED, "2025-03-11", 1),
        ("next Friday", WED, "2025-03-14", 1),
        ("yesterday", WED, "2025-03-11", 1),
        ("Yesterday", WED, "2025-03-11", 1),
        ("today", WED, "2025-03-12", 1),
        ("last night", WED, "2025-03-11", 1),
        ("the day before yesterday", WED, "2025-03-10", 1),
        ("two days ago", WED, "2025-03-10", 1),
        ("3 weeks ago", WED, "2025-02-19", 2),
        ("last week", WED, "2025-03-03", 2),
        ("earlier this week", WED, "2025-03-10", 2),
        ("over the weekend", WED, "2025-03-08", 2),
        ("last weekend", dt.date(2025, 3, 9), "2025-03-01", 2),
        ("on 11 March", WED, "2025-03-11", 1),
        ("11 March", WED, "2025-03-11", 1),
        ("the 11th of March", WED, "2025-03-11", 1),
        ("March 11", WED, "2025-03-11", 1),
        ("March 11, 2025", WED, "2025-03-11", 1),
        ("11 March 2025", WED, "2025-03-11", 1),
        ("Tuesday, March 11, 2025", WED, "2025-03-11", 1),
        ("2025-03-11", WED, "2025-03-11", 1),
        ("on 20 March", WED, "2025-03-20", 1),  # within the 14-day grace: announced events
        ("on 28 March", WED, "2024-03-28", 1),  # otherwise the most recent one
        ("on 28 December", dt.date(2025, 1, 5), "2024-12-28", 1),
        ("In October last year", WED, "2024-10-01", 3),
        ("in October 2024", WED, "2024-10-01", 3),
        ("In August", WED, "2024-08-01", 3),
        ("in March", WED, "2025-03-01", 3),
        ("in early March", WED, "2025-03-01", 3),
        ("last month", WED, "2025-02-01", 3),
        ("earlier this month", WED, "2025-03-01", 3),
        ("last month", dt.date(2025, 1, 10), "2024-12-01", 3),
        ("in 2023", WED, "2023-01-01", 3),
        ("last year", WED, "2024-01-01", 3),
        ("earlier this year", WED, "2025-01-01", 3),
        ("August", WED, "2024-08-01", 3),  # bare month accepted when asked directly
    ],
)
def test_resolve_date(expression, published, expected, precision):
    ref = resolve_date(expression, published)
    assert ref is not None
    assert (ref.date.isoformat(), ref.precision) == (expected, precision)
    assert (ref.start, ref.end, ref.text) == (0, len(expression), expression)


@pytest.mark.parametrize(
    "expression", ["the march", "the previous day", "11/03/2025", "", "Quetta", "31 February"]
)
def test_resolve_date_refuses_non_dates(expression):
    assert resolve_date(expression, WED) is None


def dates_in(text: str, published: dt.date = WED) -> list[tuple[str, str, int]]:
    return [(d.text, d.date.isoformat(), d.precision) for d in find_dates(text, published)]


def test_find_dates_in_seed_like_text():
    text = ("Troops rescued 104 passengers from a train ambushed on Tuesday. "
            "Hostages were guarded by suicide bombers on Wednesday. "
            "In October last year, gunmen shot dead 20 miners. In August, they had killed over "
            "50 people.")
    assert dates_in(text) == [
        ("on Tuesday", "2025-03-11", 1),
        ("on Wednesday", "2025-03-12", 1),
        ("In October last year", "2024-10-01", 3),
        ("In August", "2024-08-01", 3),
    ]


def test_find_dates_offsets_index_the_text():
    text = "Gunmen struck on 11 March 2025 near the market."
    (ref,) = find_dates(text, WED)
    assert text[ref.start:ref.end] == ref.text == "on 11 March 2025"
    assert isinstance(ref, DateRef) and ref.iso() == "2025-03-11"


def test_longest_expression_wins_over_its_parts():
    assert dates_in("The attack on Tuesday, March 11, 2025 was claimed.") == [
        ("on Tuesday, March 11, 2025", "2025-03-11", 1)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "March organisers said the route was changed.",  # capitalised verb at sentence start
        "Thousands joined the march through the city.",
        "May God protect them, she said.",
        "Protesters will march to the square.",
        "Killed 27 militants",
    ],
)
def test_month_words_that_are_not_dates_do_not_fire(text):
    assert find_dates(text, WED) == []


def test_numbers_next_to_dates_are_left_alone():
    assert dates_in("About 50 people gathered in 2023.") == [("in 2023", "2023-01-01", 3)]


# --------------------------------------------------------------------------- display


@pytest.mark.parametrize(
    ("iso", "precision", "shown"),
    [
        ("2025-03-11", 1, "11 Mar 2025"),
        ("2025-03-10", 2, "week of 10 Mar 2025"),
        ("2024-08-01", 3, "Aug 2024"),
        ("2023-01-01", 3, "2023"),  # "in 2023": a year, not January
        ("2024-08", 3, "Aug 2024"),
        ("2024", 3, "2024"),
        ("", 1, ""),
        ("not a date", 1, "not a date"),
    ],
)
def test_display_date_never_shows_more_than_its_precision(iso, precision, shown):
    assert display_date(iso, precision) == shown


def test_month_precision_date_never_shows_a_day():
    assert "1" not in display_date("2024-08-01", 3)


def test_the_day_the_taken_were_released_is_no_date_of_the_taking():
    from incimap.geo.models import Span
    from incimap.geo.reader.dates import sentence_dates

    def dates(text):
        return [d.date for d in sentence_dates(Span(0, len(text), text), dt.date(2025, 6, 12))]

    assert dates("Two traders seized by gunmen in Segou were released on Wednesday.") == []
    assert dates("Two traders were seized by gunmen in Segou on Wednesday.") == [
        dt.date(2025, 6, 11)]
    # Freed by troops: the rescue is an event of that day.
    assert dates("Two traders were freed on Wednesday in a raid by troops.") == [
        dt.date(2025, 6, 11)]
