"""One cited reference, as Web of Science or Scopus writes it, to a :class:`CitedRef`;
and the key that lets the same cited work, written by either database, meet.

Web of Science writes a cited reference (``CR``) as comma-separated fields in a fixed
order: ``Zhang ZL, 2020, NATURE, V580, P123, DOI 10.1038/...``: first author with
initials run together, year, the source abbreviated (J9 style, capitals, cut at 20
characters for books), then labelled volume, page and DOI. Quirks handled here: the
label doubled (``DOI DOI 10...``), several DOIs in brackets (``DOI [10.1/a, DOI
10.1/B]``: the first is taken), runs of trailing spaces, anonymous references with no
author (``1997, UDANA INSPIRED UTTER``, ``[Anonymous], 2010, ...``), ``IN PRESS``
written into the source, and sources that themselves contain ", " (book titles).

Scopus (its CSV ``References`` items, and the ``N1 - References:`` items of its RIS)
writes ``Zhang, Z.L., Liu, H., Title of the paper (2020) Nature, 580 (7), pp. 123-130``:
all authors as "Family, I.", the title, the year in parentheses, then the full source
title, volume (issue) and page range; books put the year right after the authors and
their title after it. The 2023 layout moves the year to the end (``Zhang Z.L., Title,
Nature, 580, 7, pp. 123-130, (2020)``); both are read.

The cited-reference key
-----------------------
:func:`cited_key` is ``family|initial|year|p<first page>`` when the reference gives a
first page, else ``family|initial|year|s<source initials>``. Family name and initial
are folded (case, accents; the family to its letters only, so "Di Paolo" = "DIPAOLO");
the page to its letters and digits ("pS293", "pp. S293-S300" -> s293). A first page
of 1 starts too many works (reports, chapters, one-page-numbered proceedings papers)
to stand for one, so it is keyed with the volume's first run of digits
(``|v308|p1``), or falls back to the source without one.

Why the page and not the source: WoS writes the source abbreviated ("J PERS SOC
PSYCHOL", "NATURE") and Scopus spells it out ("Journal of Personality and Social
Psychology"), so no normalization of the source makes both sides equal in general,
while (family, initial, year, first page) is already very selective and both
databases write it the same way. The volume is left out of the key although it is
selective too, because the two write it differently for everything but journals:
WoS gives a proceedings volume ("LECT NOTES COMPUT SC, V5668, P43", "..., VOL 1,
P268") that Scopus omits or places elsewhere, and Scopus drops a journal volume WoS
gives. Without a page (books, theses, reports, article-numbered papers) the fallback
compares the initial letters of the source's first two words that are not function
words ("J PERS SOC PSYCHOL" and "Journal of Personality and Social Psychology" both
give "jp"): first letters survive abbreviation ("HLTH" for "health") and WoS's
20-character cut, whole words do not. That key is much weaker, so it is only used
when nothing better is written. A reference with no year or no author has no key
(``None``): "[Anonymous], 2010, ..." would otherwise join unrelated works.

Known limits: a first author written "Family Given" ("Laurance William F", a form WoS
keeps for some sources) cannot be told from a compound family name ("Di Paolo E. A.")
and keys under the whole run of words.
"""

from __future__ import annotations

import re

from loaders.identifiers import clean_doi, clean_pmid, doi_in_text
from loaders.names import fold, initials_only
from loaders.records import AuthorRef, CitedRef, PaperRecord

__all__ = [
    "cited_author_key",
    "cited_key",
    "first_page",
    "parse_scopus_ref",
    "parse_wos_ref",
    "split_outside_brackets",
    "work_key",
]

_YEAR_RE = re.compile(r"^(?:1[5-9]|20)\d\d[a-z]?$")
_WOS_VOLUME_RE = re.compile(r"^V(\S*\d\S*|[IVXLC]+)$")
_WOS_PAGE_RE = re.compile(r"^[Pp]([A-Za-z]?\d\S*)$")
_WOS_LABEL_RE = re.compile(r"^(?:ARTN|UNSP|PII|PMID)\s+\S+$")
_DOI_LABEL_RE = re.compile(r"^(?:\s|\[|DOI\b)+", re.IGNORECASE)
_ANONYMOUS = {"[anonymous]", "anonymous", "[no title captured]", "[no author name available]"}
_IN_PRESS_RE = re.compile(r"\bIN PRESS\b", re.IGNORECASE)

_SCOPUS_YEAR_RE = re.compile(r"\((1[5-9]\d\d|20\d\d)[a-z]?\)")
_SCOPUS_PAGES_RE = re.compile(r"^pp?\.\s*([^\s\-–,]+)")
_SCOPUS_VOLUME_RE = re.compile(r"^(\d+[A-Za-z]?)(?:\s*\((.*)\))?(?:\s+\S+)?$")
_MEDLINE_RE = re.compile(r"\[Medline:\s*(\d+)\]|\bPMID:?\s*(\d+)", re.IGNORECASE)
_BRACKET_TAG_RE = re.compile(r"\[[^\[\]]*\]")  # no "[" inside: linear on "[[[["
_DIGITS_RE = re.compile(r"\d+")
_NOT_ALNUM_RE = re.compile(r"[^a-z0-9]")
_NOT_LETTER_RE = re.compile(r"[^a-z]")
_WORD_RE = re.compile(r"[a-z0-9]+")
_PAGE_RANGE_RE = re.compile(r"\s*[-\u2013\u2014,]\s*")
_STOPWORDS = frozenset(
    {"a", "an", "and", "at", "de", "der", "des", "di", "du", "en", "et", "for", "from"}
    | {"in", "la", "le", "of", "on", "the", "to", "und", "von"}
)


def split_outside_brackets(text: str, sep: str = ", ") -> list[str]:
    """``text`` split at ``sep`` where it is not inside ``[...]`` (WoS brackets the
    DOIs of one reference and the author names of one address), parts stripped.

    >>> split_outside_brackets("A, 2000, X, DOI [10.1/a, DOI 10.1/B]")
    ['A', '2000', 'X', 'DOI [10.1/a, DOI 10.1/B]']
    """
    parts: list[str] = []
    depth = 0
    start = 0
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif depth == 0 and text.startswith(sep, i):
            parts.append(text[start:i].strip())
            i += len(sep)
            start = i
            continue
        i += 1
    parts.append(text[start:].strip())
    return [p for p in parts if p]


def first_page(pages: str | None) -> str | None:
    """The first page of a page range as written ("123-130", "S293–S300", "e12, e14").

    >>> first_page("123-130"), first_page("S293\u2013S300"), first_page(None)
    ('123', 'S293', None)
    """
    first = _PAGE_RANGE_RE.split(pages.strip(), maxsplit=1)[0] if pages else ""
    return first or None


def _first_doi(field: str) -> str | None:
    """The first DOI of a WoS ``DOI ...`` field: ``DOI 10.1/a``, ``DOI DOI 10.1/a`` or
    ``DOI [10.1/a, DOI 10.1/A]``."""
    first = _DOI_LABEL_RE.sub("", field).rstrip("] ").split(", ")[0]
    doi = _DOI_LABEL_RE.sub("", first).strip()
    return clean_doi(doi) if doi.startswith("10.") else None


def parse_wos_ref(raw: str) -> CitedRef:
    """A WoS ``CR`` line to its parts; ``raw`` keeps the line (trimmed of its spaces).

    >>> ref = parse_wos_ref("Zhang ZL, 2020, NATURE, V580, P123, DOI DOI 10.1038/X1  ")
    >>> ref.first_author, ref.year, ref.source, ref.volume, ref.page, ref.doi
    ('Zhang ZL', 2020, 'NATURE', '580', '123', '10.1038/x1')
    >>> parse_wos_ref("1997, UDANA INSPIRED UTTER").first_author is None
    True
    """
    text = " ".join(raw.split())
    parts = split_outside_brackets(text)
    author: str | None = None
    year: int | None = None
    i = 0
    if parts and _YEAR_RE.match(parts[0]):
        year = int(parts[0][:4])
        i = 1
    elif parts:
        author = None if parts[0].lower() in _ANONYMOUS else parts[0]
        i = 1
        if i < len(parts) and _YEAR_RE.match(parts[i]):
            year = int(parts[i][:4])
            i += 1
    rest = parts[i:]
    volume = page = doi = None
    while rest:
        last = rest[-1]
        if last.upper().startswith("DOI ") or last.upper().startswith("DOI["):
            doi = doi or _first_doi(last)
        elif (m := _WOS_PAGE_RE.match(last)) and page is None:
            page = m.group(1)
        elif (m := _WOS_VOLUME_RE.match(last)) and volume is None:
            volume = m.group(1)
        elif not _WOS_LABEL_RE.match(last):
            break
        rest.pop()
    return CitedRef(
        raw=text,
        doi=doi,
        first_author=author,
        year=year,
        source=", ".join(rest) or None,
        volume=volume,
        page=page,
    )


def _is_scopus_initials(part: str) -> bool:
    """ "Z.L.", "D.R.", "J.-P.": the initials that follow a family name in Scopus."""
    return "." in part and initials_only(part)


def _scopus_authors(parts: list[str]) -> tuple[str | None, int]:
    """The first author as written and how many leading parts are author names."""
    i = 0
    first: str | None = None
    while i < len(parts):
        if i + 1 < len(parts) and _is_scopus_initials(parts[i + 1]):
            name = f"{parts[i]}, {parts[i + 1]}"
            i += 2
        elif _short_name(parts[i]):  # 2023 layout: "Zhang Z.L."
            name = parts[i]
            i += 1
        else:
            break
        first = first or name
    return first, i


def _short_name(part: str) -> bool:
    family, _, given = part.rpartition(" ")
    return bool(family) and "." in given and initials_only(given)


def _volume_and_page(parts: list[str]) -> tuple[str | None, str | None, int]:
    """Volume, first page and the index where they start, from the parts after the
    source (``580 (7)``, ``pp. 123-130``, ``p. 283``)."""
    volume = page = None
    start = len(parts)
    for j, part in enumerate(parts):
        if (m := _SCOPUS_PAGES_RE.match(part)) and page is None:
            page = m.group(1)
            start = min(start, j)
        elif (m := _SCOPUS_VOLUME_RE.match(part)) and volume is None and page is None:
            volume = m.group(1)
            start = min(start, j)
    return volume, page, start


def parse_scopus_ref(raw: str) -> CitedRef:
    """A Scopus reference item to its parts; ``raw`` keeps it (spacing collapsed).

    >>> r = parse_scopus_ref("Nayak, V., D'Souza, D.R., A survey (2018) Int J, 3 (7), pp. 366-374")
    >>> r.first_author, r.title, r.year, r.source, r.volume, r.page
    ('Nayak, V.', 'A survey', 2018, 'Int J', '3', '366')
    """
    text = " ".join(raw.split())
    pmid_match = _MEDLINE_RE.search(text)
    pmid = clean_pmid(pmid_match.group(1) or pmid_match.group(2)) if pmid_match else None
    year_match = _SCOPUS_YEAR_RE.search(text)
    year = int(year_match.group(1)) if year_match else None
    head = text[: year_match.start()] if year_match else text
    tail = text[year_match.end() :] if year_match else ""
    parts = split_outside_brackets(head)
    first, n = _scopus_authors(parts)
    title = source = volume = page = None
    after = split_outside_brackets(tail.lstrip(" ,.")) if tail.strip(" ,.") else []
    if after:
        # "Title (2020) Source, 580 (7), pp. 1-9": what follows the year is the source
        title = ", ".join(parts[n:]) or None
        volume, page, start = _volume_and_page(after[1:])
        source = None if after[0].lower().startswith(("http", "www.")) else after[0]
    else:
        # 2023 layout "Title, Source, 580, 7, pp. 1-9, (2020)", or no year at all
        rest = parts[n:]
        volume, page, start = _volume_and_page(rest)
        if start < len(rest) and start >= 1:
            source = rest[start - 1]
            title = ", ".join(rest[: start - 1]) or None
        else:
            title = ", ".join(rest) or None
    if title is not None and not _BRACKET_TAG_RE.sub("", title).strip(" ,."):
        title = None  # "[doi] [Medline: 31051507]": tags of the item before, no title
    return CitedRef(
        raw=text,
        doi=doi_in_text(text),
        pmid=pmid,
        first_author=first,
        year=year,
        title=title,
        source=source,
        volume=volume,
        page=page,
    )


def _family_and_initial(author: str) -> tuple[str, str]:
    """Folded family name (letters only) and first initial of a cited first author:
    "Zhang ZL", "Zhang, Z.L.", "Zhang Z.L.", "Di Paolo E. A.", and the initials-first
    form of Semantic Scholar and Crossref ("A. Turing", "D. R. Hartree")."""
    if "," in author:
        family, _, given = author.partition(",")
    else:
        words = author.split()
        given_words: list[str] = []
        while len(words) > 1 and initials_only(words[-1], compact=True):
            given_words.insert(0, words.pop())
        while not given_words and len(words) > 1 and initials_only(words[0]):
            given_words.append(words.pop(0))
        family, given = " ".join(words), " ".join(given_words)
    return _NOT_LETTER_RE.sub("", fold(family)), _NOT_LETTER_RE.sub("", fold(given))[:1]


def cited_author_key(author: str) -> str | None:
    """A cited first author folded to family name and first initial, the way the cited
    key reads them: "Zhang ZL", "Zhang, Z.L." and "Z. L. Zhang" all give "zhang z".

    >>> cited_author_key("Zhang, Z.L."), cited_author_key("[Anonymous]")
    ('zhang z', None)
    """
    if author.strip().lower() in _ANONYMOUS:
        return None
    family, initial = _family_and_initial(author)
    return f"{family} {initial}".strip() if family else None


def _source_initials(source: str) -> str:
    words = [
        w for w in _WORD_RE.findall(fold(_IN_PRESS_RE.sub(" ", source))) if w not in _STOPWORDS
    ]
    return "".join(w[0] for w in words[:2])


def cited_key(ref: CitedRef) -> str | None:
    """The normalized key of the cited work (see the module docstring), or None when the
    reference names no author or no year.

    >>> wos = parse_wos_ref("Ahmad MO, 2018, J SYST SOFTWARE, V137, P96")
    >>> sco = parse_scopus_ref("Ahmad, M.O., Dennehy, D., Conboy, K., Oivo, M., Kanban "
    ...     "in software engineering (2018) Journal of Systems and Software, 137, pp. 96-113")
    >>> cited_key(wos) == cited_key(sco) == "ahmad|m|2018|p96"
    True
    """
    if not ref.first_author or ref.year is None:
        return None
    family, initial = _family_and_initial(ref.first_author)
    if not family:
        return None
    head = f"{family}|{initial}|{ref.year}"
    page = _NOT_ALNUM_RE.sub("", fold(ref.page)) if ref.page else ""
    volume = _DIGITS_RE.search(ref.volume) if ref.volume else None
    if page and page != "1":
        return f"{head}|p{page}"
    if page and volume:
        return f"{head}|v{volume.group()}|p{page}"
    initials = _source_initials(ref.source) if ref.source else ""
    return f"{head}|s{initials}" if initials else None


def _written_first_author(author: AuthorRef) -> str:
    """The first author of a record as a reference list writes one: the name as the
    export spells it when that is "Family, Given" or "Family Initials" (WoS ``AU``,
    Scopus, RIS, PubMed), else the display name turned around at its last word ("Heather
    Piwowar" -> "Piwowar, Heather"), which cannot see a compound family name."""
    raw = (author.raw or "").strip()
    if "," in raw:
        return raw
    words = raw.split()
    if len(words) > 1 and initials_only(words[-1], compact=True):
        return raw
    given, _, family = author.name.strip().rpartition(" ")
    return f"{family}, {given}" if given else family


def work_key(rec: PaperRecord) -> str | None:
    """The :func:`cited_key` a reference to this record would have, from its first
    listed author, year, venue, volume and first page; None unless the record gives a
    first page. A corpus paper meets references through this key, and the source-only
    fallback (two initials of the venue) is too weak to join a paper of the corpus to
    every same-author same-year reference in that venue.

    >>> work_key(PaperRecord(title="Kanban", line=1, year=2018, first_page="96",
    ...     authors=(AuthorRef(name="M. O. Ahmad", raw="Ahmad, MO"),)))
    'ahmad|m|2018|p96'
    """
    listed = [a for a in rec.authors if not a.inferred]
    if not listed or not rec.first_page:
        return None
    first = min(listed, key=lambda a: a.position if a.position is not None else len(listed))
    key = cited_key(
        CitedRef(
            raw="",
            first_author=_written_first_author(first),
            year=rec.year,
            source=rec.venue.name if rec.venue else None,
            volume=rec.volume,
            page=rec.first_page,
        )
    )
    return key if key is not None and "|p" in key else None
