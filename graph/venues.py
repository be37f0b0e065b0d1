"""One Venue per series: "Proceedings of the 2021 ACM SIGCOMM Conference", "ACM SIGCOMM
2021" and "SIGCOMM" are one venue; the year of each paper lives on its PUBLISHED_IN
edge, not in the venue's name.

The series key is the name folded with years ("2021", "'23") and ordinals ("16th")
left out. When what remains is one acronym plus the words every
proceedings title carries ("Proceedings of the ... Conference", the publisher), the
acronym alone is the key; so is an acronym given in parentheses ("... Implementation
(OSDI 22)"). A workshop or a named track keeps its other words, so "SIGCOMM Workshop on
Hot Topics" stays apart from SIGCOMM. Matching a spelled-out name to its acronym
("Symposium on Operating Systems Principles" = SOSP) would need a venue registry; the
sources here rarely give both, so those stay two venues.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from graph.model import title_key

__all__ = ["VenueSeries", "venue_series"]

_YEAR = re.compile(r"(?<![\w])(?:'\d{2}|(?:19|20)\d{2})(?![\w])")
_ORDINAL = re.compile(r"(?<![\w])\d+(?:st|nd|rd|th)(?![\w])", re.IGNORECASE)
_ACRONYM = re.compile(r"^[A-Z][A-Za-z]*[A-Z][A-Za-z0-9]*$|^[A-Z]{2,}[0-9]*$")
_PAREN = re.compile(r"\(\s*([A-Z][A-Za-z]*[A-Z][A-Za-z0-9]*)(?:\s*['’]?\d{2,4})?\s*\)")
# words every proceedings title wraps an acronym in, and the publishers
_GENERIC = frozenset(
    {
        *("proceedings", "proc", "of", "the", "annual", "international", "intl"),
        *("conference", "conf", "symposium", "symp"),
        *("acm", "ieee", "usenix", "ifip", "springer"),
    }
)


@dataclass(frozen=True, slots=True)
class VenueSeries:
    key: str  # what the Venue id is made from
    name: str  # the series as shown (years and ordinals left out)
    acronym: str | None


def _strip(text: str) -> str:
    text = _ORDINAL.sub(" ", _YEAR.sub(" ", text))
    text = re.sub(r"\(\s*\)", " ", text)
    return " ".join(text.split()).strip(" ,;:-")


@functools.lru_cache(maxsize=1 << 14)
def venue_series(name: str, acronym: str | None = None) -> VenueSeries:
    """The series a venue name (and the acronym a source gives) belongs to.

    >>> venue_series("Proceedings of the 2021 ACM SIGCOMM Conference").key
    'sigcomm'
    >>> venue_series("SIGCOMM").key, venue_series("SC '23").key
    ('sigcomm', 'sc')
    >>> venue_series("16th USENIX Symposium on Operating Systems Design (OSDI 22)").key
    'osdi'
    >>> venue_series("Proceedings of the ACM SIGCOMM 2021 Workshop on Hot Topics").key
    'proceedings of the acm sigcomm workshop on hot topics'
    """
    if acronym and _strip(acronym):
        short = _strip(acronym)
        return VenueSeries(title_key(short), short, short)
    stripped = _strip(name)
    paren = _PAREN.search(name)
    if paren:
        short = paren.group(1)
        return VenueSeries(title_key(short), short, short)
    words = stripped.replace(",", " ").split()
    acronyms = [w for w in words if _ACRONYM.match(w) and w.lower() not in _GENERIC]
    rest = [w for w in words if w not in acronyms and w.lower() not in _GENERIC]
    if len(acronyms) == 1 and not rest:
        return VenueSeries(title_key(acronyms[0]), acronyms[0], acronyms[0])
    shown = stripped or name.strip()
    return VenueSeries(title_key(shown), shown, None)
