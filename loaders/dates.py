"""Month-day dates as web pages print them: "May 22", "Dec 22, 2025", "July 4 2024".

Profile and listing pages drop the year for dates in the current year, so a year-less
date only means something together with the day the page was captured (the manifest's
``captured``): it belongs to that year. Every loader that meets such dates uses this
module so that the rule lives in one place. Pure functions, no I/O.
"""

from __future__ import annotations

import datetime as dt
import re

from loaders.text import quote

__all__ = [
    "DATE_PATTERN",
    "MONTHS",
    "DateParseError",
    "parse_date",
    "resolve_date",
]

MONTHS: dict[str, int] = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}

# Longest names first so that "June" is not read as "Jun" + "e".
_MONTH_ALT = "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True))

DATE_PATTERN = rf"(?:{_MONTH_ALT})\.? \d{{1,2}}(?:,? \d{{4}})?"
"""A regex fragment (no groups) matching one month-day date with an optional year.

Month names are capitalized as pages print them; other loaders embed this fragment in
their own line patterns and hand the matched text to :func:`parse_date`. The year needs
four digits so that "Oct 15, 2025 2" (a date followed by an upvote count) still splits.
"""

_DATE_RE = re.compile(
    rf"(?P<month>{_MONTH_ALT})\.? (?P<day>\d{{1,2}})(?:,? (?P<year>\d{{4}}))?",
    re.IGNORECASE,
)


class DateParseError(ValueError):
    """The text is not a month-day date, or names a day that does not exist."""


def resolve_date(
    month: int, day: int, year: int | None, *, captured: dt.date | None = None
) -> dt.date | None:
    """Build the date, taking a missing year from the capture date.

    Returns ``None`` when the year is missing and no capture date is known: guessing
    "this year" from the clock would make a load depend on the day it runs.
    """
    if year is None:
        if captured is None:
            return None
        year = captured.year
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise DateParseError(f"no such day: {year}-{month:02d}-{day:02d}") from exc


def parse_date(text: str, *, captured: dt.date | None = None) -> dt.date | None:
    """Parse the whole of ``text`` as "Mon D" or "Mon D, YYYY".

    >>> parse_date("Dec 22, 2025")
    datetime.date(2025, 12, 22)
    >>> parse_date("May 22", captured=dt.date(2026, 6, 18))
    datetime.date(2026, 5, 22)
    >>> parse_date("May 22") is None
    True
    """
    match = _DATE_RE.fullmatch(text.strip())
    if match is None:
        raise DateParseError(f"not a date: {quote(text)}")
    year = int(match["year"]) if match["year"] else None
    return resolve_date(MONTHS[match["month"].lower()], int(match["day"]), year, captured=captured)
