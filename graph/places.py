"""Countries and institutions as the graph keys them.

Databases spell countries their own way: Web of Science writes "Peoples R China",
"England", "U Arab Emirates" and ends US addresses with "CA 94720 USA"; Scopus and PubMed
write "China", "United Kingdom", "United States". Country collaboration counts are only
right when these meet, so every spelling is mapped to its ISO 3166-1 country through
pycountry (the ISO tables, kept current by its maintainers) plus the database-specific
forms pycountry does not know. The four UK nations are one country (ISO has no code for
England), as bibliometrix and VOSviewer count them.

An institution without a ROR id is keyed by its folded name and country: WoS's
abbreviated "Univ Calif Berkeley" and Scopus's "University of California, Berkeley" stay
two nodes (matching them needs a registry such as ROR, which the sources rarely give).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import pycountry

from graph.model import make_id, title_key

__all__ = ["Country", "country_from_address", "institution_id", "lookup_country"]


@dataclass(frozen=True, slots=True)
class Country:
    code: str  # ISO 3166-1 alpha-2
    name: str  # the short English name users expect ("China", "United States")


# Spellings pycountry's lookup does not resolve, as WoS, Scopus, PubMed and RIS
# exports write them (keys folded with _fold).
_ALIASES = {
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "north ireland": "GB",
    "northern ireland": "GB",
    "uk": "GB",
    "great britain": "GB",
    "peoples r china": "CN",
    "pr china": "CN",
    "p r china": "CN",
    "people s republic of china": "CN",
    "russia": "RU",
    "turkey": "TR",
    "turkiye": "TR",
    "u arab emirates": "AE",
    "cote ivoire": "CI",
    "ivory coast": "CI",
    "rep congo": "CG",
    "dem rep congo": "CD",
    "democratic republic of the congo": "CD",
    "trinidad tobago": "TT",
    "bosnia herceg": "BA",
    "papua n guinea": "PG",
    "macedonia": "MK",
    "byelarus": "BY",
    "laos": "LA",
    "syria": "SY",
    "swaziland": "SZ",
    "cape verde": "CV",
    "brunei": "BN",
    "micronesia": "FM",
    "st kitts nevi": "KN",
    "antigua barbu": "AG",
    "korea": "KR",
    "south korea": "KR",
    "north korea": "KP",
    "vatican": "VA",
    "kosovo": "XK",
}
# Short names for the countries whose ISO name is long-winded.
_SHORT_NAMES = {
    "US": "United States",
    "GB": "United Kingdom",
    "CN": "China",
    "KR": "South Korea",
    "KP": "North Korea",
    "RU": "Russia",
    "IR": "Iran",
    "TW": "Taiwan",
    "VN": "Vietnam",
    "BO": "Bolivia",
    "VE": "Venezuela",
    "TZ": "Tanzania",
    "SY": "Syria",
    "LA": "Laos",
    "MD": "Moldova",
    "CZ": "Czech Republic",
    "TR": "Turkey",
    "CD": "DR Congo",
    "XK": "Kosovo",
}
_US_TAIL = re.compile(r"(?:^|\s)(?:[A-Z]{2}\s+)?(?:\d{5}(?:-\d{4})?\s+)?USA$")
_NON_WORD = re.compile(r"[^a-z]+")


def _fold(text: str) -> str:
    return " ".join(_NON_WORD.sub(" ", title_key(text)).split())


@functools.cache
def lookup_country(text: str) -> Country | None:
    """The country a name or code stands for ("Peoples R China", "USA", "DE"), or None."""
    key = _fold(text)
    if not key:
        return None
    code = _ALIASES.get(key)
    if code is None:
        if len(text.strip()) <= 3 and not text.strip().isupper():
            return None  # "de", "Of": words, not ISO codes
        try:
            found = pycountry.countries.lookup(text.strip())
        except LookupError:
            return None
        code = found.alpha_2
    if code == "XK":
        return Country("XK", "Kosovo")
    entry = pycountry.countries.get(alpha_2=code)
    if entry is None:
        return None
    name = _SHORT_NAMES.get(code) or getattr(entry, "common_name", None) or entry.name
    return Country(code, name)


def country_from_address(address: str) -> Country | None:
    """The country an affiliation address ends with ("..., Berkeley, CA 94720 USA.",
    "..., Beijing 100871, Peoples R China", "Dept X, Univ Y, Lyon, France")."""
    parts = [p.strip() for p in address.strip().rstrip(".").split(",") if p.strip()]
    if not parts:
        return None
    last = parts[-1]
    if _US_TAIL.search(last):
        return lookup_country("US")
    found = lookup_country(last)
    if found is not None:
        return found
    # a postal code or city before the country in the same part ("75005 Paris France")
    words = last.split()
    for n in range(min(3, len(words)), 0, -1):
        found = lookup_country(" ".join(words[-n:]))
        if found is not None:
            return found
    return None


def institution_id(name: str, country: Country | None, ror: str | None) -> str:
    """The Institution node id: from the ROR id when known, else name and country."""
    if ror:
        return make_id("I", "ror:" + ror)
    return make_id("I", f"name:{title_key(name)}|{country.code if country else ''}")
