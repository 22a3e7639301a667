"""Dates in article text: absolute, and relative to the publication date, with reasoning."""

from __future__ import annotations

from datetime import date

import pytest

from layers.draft.dates import find_dates

D = date


def only(text: str, published: date):
    found = find_dates(text, published)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "published", "start", "end"),
    [
        ("on 10 December 2025", D(2025, 12, 16), D(2025, 12, 10), D(2025, 12, 10)),
        ("on December 10, 2025", D(2026, 3, 1), D(2025, 12, 10), D(2025, 12, 10)),
        ("on Dec. 10", D(2025, 12, 16), D(2025, 12, 10), D(2025, 12, 10)),
        ("on 10th December", D(2025, 12, 16), D(2025, 12, 10), D(2025, 12, 10)),
        ("on Sept. 3", D(2025, 9, 20), D(2025, 9, 3), D(2025, 9, 3)),
        # no year: the year nearest to publication, across the year boundary both ways
        ("on Dec. 30", D(2026, 1, 2), D(2025, 12, 30), D(2025, 12, 30)),
        ("from Jan. 3", D(2025, 12, 30), D(2026, 1, 3), D(2026, 1, 3)),
        ("on 2025-12-10", D(2025, 12, 16), D(2025, 12, 10), D(2025, 12, 10)),
        # ranges, within and across months and years
        ("Dec. 8-12", D(2025, 12, 16), D(2025, 12, 8), D(2025, 12, 12)),
        ("8–12 December 2025", D(2025, 12, 16), D(2025, 12, 8), D(2025, 12, 12)),
        ("Nov. 30 to Dec. 3, 2025", D(2025, 12, 16), D(2025, 11, 30), D(2025, 12, 3)),
        ("Dec. 30 to Jan. 2", D(2026, 1, 5), D(2025, 12, 30), D(2026, 1, 2)),
    ],
)
def test_absolute_dates(text, published, start, end):
    found = only(text, published)
    assert (found.start, found.end, found.precision) == (start, end, "day")
    assert found.words in text


def test_month_only_is_month_precision():
    found = only("in February 2024 the wing", D(2025, 1, 1))
    assert (found.start, found.end, found.precision) == (D(2024, 2, 1), D(2024, 2, 29), "month")


def test_year_filled_in_is_explained():
    found = only("on Dec. 30", D(2026, 1, 2))
    assert "no year given → 2025" in found.reasoning


def test_impossible_date_is_not_a_date():
    assert find_dates("on 31 November 2025", D(2025, 12, 1)) == []


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("on Saturday", D(2025, 11, 16), D(2025, 11, 15)),  # published Sunday
        ("on Saturday", D(2025, 11, 15), D(2025, 11, 15)),  # published that Saturday
        ("flew Saturday", D(2026, 1, 2), D(2025, 12, 27)),  # across the year
        ("on Monday", D(2025, 3, 1), D(2025, 2, 24)),  # across the month
        ("last Saturday", D(2025, 11, 15), D(2025, 11, 8)),  # strictly before
        ("next Monday", D(2025, 11, 16), D(2025, 11, 17)),
    ],
)
def test_weekdays_relative_to_publication(text, published, expected):
    found = only(text, published)
    assert found.start == found.end == expected


def test_weekday_reasoning_states_the_rule():
    found = only("on Saturday", D(2025, 11, 16))
    assert found.reasoning == (
        "Saturday on or before Sun 16 Nov 2025 (publication) → Sat 15 Nov 2025"
    )


def test_weekday_before_a_written_date_is_not_counted_twice():
    found = only("on Saturday, Nov. 15", D(2025, 11, 20))
    assert found.start == D(2025, 11, 15)
    assert found.words == "Nov. 15"


@pytest.mark.parametrize(
    ("text", "published", "start", "end"),
    [
        ("this weekend", D(2025, 11, 16), D(2025, 11, 15), D(2025, 11, 16)),  # Sunday
        ("this weekend", D(2025, 11, 17), D(2025, 11, 15), D(2025, 11, 16)),  # Monday
        ("this weekend", D(2025, 11, 14), D(2025, 11, 15), D(2025, 11, 16)),  # Friday
        ("over the weekend", D(2026, 1, 5), D(2026, 1, 3), D(2026, 1, 4)),
        ("last weekend", D(2025, 11, 16), D(2025, 11, 8), D(2025, 11, 9)),
        ("last week", D(2026, 1, 2), D(2025, 12, 22), D(2025, 12, 28)),  # across the year
        ("earlier this week", D(2025, 12, 4), D(2025, 12, 1), D(2025, 12, 4)),
    ],
)
def test_periods_relative_to_publication(text, published, start, end):
    found = only(text, published)
    assert (found.start, found.end, found.precision) == (start, end, "approximate")
    assert "(publication)" in found.reasoning


def test_last_month_across_the_year():
    found = only("last month", D(2026, 1, 15))
    assert (found.start, found.end, found.precision) == (D(2025, 12, 1), D(2025, 12, 31), "month")


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("yesterday", D(2026, 1, 1), D(2025, 12, 31)),
        ("three days ago", D(2025, 3, 2), D(2025, 2, 27)),
        ("2 days ago", D(2025, 3, 1), D(2025, 2, 27)),
    ],
)
def test_counted_back_days(text, published, expected):
    assert only(text, published).start == expected


def test_dates_in_text_order_with_spans():
    text = "On Saturday the jets flew; on Dec. 10 they returned."
    found = find_dates(text, D(2025, 12, 16))
    assert [f.start for f in found] == [D(2025, 12, 13), D(2025, 12, 10)]
    assert all(text[f.span[0] : f.span[1]] == f.words for f in found)


@pytest.mark.parametrize(
    "text",
    ["", "The committee may meet again.", "a march to the sea", "the 35th Fighter Wing", "F-15 2"],
)
def test_text_without_dates(text):
    assert find_dates(text, D(2025, 12, 16)) == []
