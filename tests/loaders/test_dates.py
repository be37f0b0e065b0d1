"""loaders.dates: month-day dates with the year taken from the capture date."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from loaders.dates import DATE_PATTERN, DateParseError, parse_date, resolve_date

CAPTURED = dt.date(2026, 6, 18)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dec 22, 2025", dt.date(2025, 12, 22)),
        ("Jul 20, 2024", dt.date(2024, 7, 20)),
        ("May 22", dt.date(2026, 5, 22)),
        ("Feb 6", dt.date(2026, 2, 6)),
        ("June 2", dt.date(2026, 6, 2)),
        ("Sept. 3, 2024", dt.date(2024, 9, 3)),
        ("September 30 2019", dt.date(2019, 9, 30)),
        ("  Apr 1, 2021 ", dt.date(2021, 4, 1)),
        ("dec 1, 2020", dt.date(2020, 12, 1)),
    ],
)
def test_parse_date(text: str, expected: dt.date) -> None:
    assert parse_date(text, captured=CAPTURED) == expected


def test_year_given_wins_over_capture_year() -> None:
    assert parse_date("Nov 3, 2013", captured=CAPTURED) == dt.date(2013, 11, 3)


def test_yearless_without_capture_date_is_unknown() -> None:
    assert parse_date("May 22") is None
    assert parse_date("May 22, 2025") == dt.date(2025, 5, 22)


@pytest.mark.parametrize(
    "text", ["", "Code", "22 May", "May", "Mayday 3", "May 22, 25", "DCMay 22"]
)
def test_not_a_date(text: str) -> None:
    with pytest.raises(DateParseError, match="not a date"):
        parse_date(text, captured=CAPTURED)


def test_impossible_day() -> None:
    with pytest.raises(DateParseError, match="no such day: 2026-02-30"):
        parse_date("Feb 30", captured=CAPTURED)
    # 29 February exists only in leap years: the capture year decides.
    assert parse_date("Feb 29", captured=dt.date(2024, 1, 1)) == dt.date(2024, 2, 29)
    with pytest.raises(DateParseError):
        parse_date("Feb 29", captured=CAPTURED)
    assert isinstance(DateParseError("x"), ValueError)


def test_resolve_date() -> None:
    assert resolve_date(5, 22, None, captured=CAPTURED) == dt.date(2026, 5, 22)
    assert resolve_date(5, 22, None) is None
    assert resolve_date(5, 22, 2020, captured=CAPTURED) == dt.date(2020, 5, 22)


def test_pattern_embeds_and_leaves_trailing_numbers() -> None:
    """Other loaders embed DATE_PATTERN; an upvote count after a date must stay apart."""
    line = re.compile(rf"({DATE_PATTERN})(?: (\d+))?")
    match = line.fullmatch("Oct 15, 2025 2")
    assert match is not None
    assert match.groups() == ("Oct 15, 2025", "2")
    match = line.fullmatch("Mar 16 2")
    assert match is not None
    assert match.groups() == ("Mar 16", "2")
    header = re.fullmatch(rf"([A-Z]{{2}})({DATE_PATTERN})(Code)?", "DCDec 22, 2025Code")
    assert header is not None
    assert header.groups() == ("DC", "Dec 22, 2025", "Code")
