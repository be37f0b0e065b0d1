"""RIS files from any exporter (Scopus, IEEE Xplore, Zotero, EndNote, WoS, ...).

rispy reads the tags of a record; this module finds the records and reads what the
tags mean. Around rispy, because of how it handles real exports:

- rispy splits on ``\\n`` only and finds a record by a line starting with ``TY``: after
  a bare CR (IEEE Xplore separates records with ``\\r\\n\\n\\r``) the ``TY`` line starts
  with ``\\r`` and the whole record is silently skipped. Line breaks (CRLF, CR, LF) are
  read here.
- A record without ``ER`` is merged into the next one (whose ``TY`` it ignores) or, at
  the end of the file, dropped, both silently; tagged lines outside ``TY``..``ER`` are
  skipped. Records are therefore delimited here, each with the line it starts on, and
  every anomaly becomes a :class:`RecordError`, so read == papers + errors.
- rispy makes each continuation line of a list tag a new list item: the
  ``N1  - References: a;`` note of Scopus continues over one line per reference, and
  would become hundreds of notes. Continuation lines are joined to their tag's line
  (with a space) before rispy sees the record.
- A non-list tag that repeats keeps only its first value by default; ``AD`` repeats
  (one per address in Scopus) and is read as a list, and any other repeated tag as
  one too (``enforce_list_tags=False``), so nothing is dropped unseen.

Mapping decisions:

- Authors: ``AU`` (or ``A1`` when there is no ``AU``). "Family, Given[, Suffix]" or a
  given-first name without comma (IEEE "A. S. Z. Belloum", Zotero single-field names),
  see loaders/personname.py. ``A2``/``A3``/``A4`` are editors, series editors and sponsors,
  never authors. An ``AU`` line repeating the line just before it is dropped: IEEE
  Xplore writes some sole authors twice (``AU  - G. Kalbe`` twice); two adjacent
  authors of one paper with one spelling are far rarer than that quirk.
- Addresses: ``AD`` lines are not paired with authors (Scopus lists each address once),
  so they go to the author only when there is one author. A Scopus
  ``N1  - Correspondence Address: Jain, A.; <address>; email: <email>`` names its
  author: the author of that name (compared in display form, "G. L." = "G.L.") gets the
  address (when it has none) and the email.
- Notes (Scopus): ``Cited By :1066`` -> cited_by; ``References: a; b; ...`` -> one
  CitedRef per ``; ``-separated item, read as a Scopus reference
  (loaders/references.parse_scopus_ref).
- ``VL`` -> volume, ``SP`` -> first_page.
- Title ``TI`` or ``T1`` (markup stripped; none -> RecordError). Year: the first
  four-digit year of ``PY``, ``Y1`` or ``DA`` (Zotero writes ``DA  - 2024/07//``); date
  only from a full ``YYYY/MM/DD``.
- Venue: ``T2``, else ``C3`` (Zotero's proceedings title), else ``JO``/``JF``/``JA``/
  ``J2``; kind journal for JOUR/EJOUR/MGZN, conference for CONF/CPAPER, and for SER
  (Scopus's proceedings in a book series) when the name says it is a conference.
- Identifiers: ``DO`` -> doi; a Scopus EID in ``UR`` (``...record.uri?eid=2-s2.0-...``)
  or ``AN``, a WoS UT in ``AN``. url: the first ``UR`` that is not a DOI link.
- ``KW`` -> author_keyword topics (first spelling of each, case-folded). Scopus RIS
  mixes author and index keywords under ``KW`` with no way to tell them apart.
- kind: the ``TY`` code as written (JOUR, CONF, SER, CHAP, ...).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

import rispy

from loaders.affiliations import institution
from loaders.errors import ParseError
from loaders.format import Format
from loaders.identifiers import clean_doi, clean_scopus_eid, clean_wos_ut, doi_in_text
from loaders.markup import strip_markup
from loaders.personname import inverted_name
from loaders.records import (
    AuthorRef,
    CitedRef,
    InstitutionRef,
    PaperRecord,
    ParsedDocument,
    RecordError,
    TopicRef,
    VenueKind,
    VenueRef,
)
from loaders.references import parse_scopus_ref

__all__ = ["FORMAT", "parse_ris"]

_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")
_YEAR_RE = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_FULL_DATE_RE = re.compile(r"^\s*(\d{4})/(\d{1,2})/(\d{1,2})\b")
_CITED_BY_RE = re.compile(r"^Cited By\s*:\s*(\d{1,15})\s*$", re.IGNORECASE)
_REFERENCES_PREFIX = "References:"
_REFERENCE_SPLIT_RE = re.compile(r";\s+")
_CORRESPONDENCE_PREFIX = "Correspondence Address:"
_EMAIL_RE = re.compile(r"^email:\s*(\S+@\S+)$", re.IGNORECASE)
_CONFERENCE_RE = re.compile(
    r"conference|proceedings|symposium|workshop|congress|colloquium|meeting", re.IGNORECASE
)
_JOURNAL_TYPES = frozenset({"JOUR", "EJOUR", "MGZN", "JFULL"})
_CONFERENCE_TYPES = frozenset({"CONF", "CPAPER"})

# rispy's list tags plus AD, which Scopus repeats once per address
_LIST_TAGS = [*rispy.LIST_TYPE_TAGS, "AD"]


def _tag(line: str) -> str | None:
    """The tag of a ``XX  - value`` line, by rispy's own rule; None for other lines."""
    if line[2:5] == "  -" and line[:2].isupper() and line[:1].isalpha():
        return line[:2]
    return None


@dataclass(slots=True)
class _Raw:
    """One record's lines from ``TY`` to before ``ER``, continuation lines joined."""

    line: int
    lines: list[str]


def _records(text: str, path: str) -> Iterator[_Raw | RecordError]:
    """The records of a RIS text, and one error per run of lines that is no record."""
    current: _Raw | None = None
    stray: int | None = None  # first line of tagged lines seen outside a record
    for number, line in enumerate(_LINE_BREAK_RE.split(text), 1):
        tag = _tag(line)
        if current is None:
            if tag == "TY":
                if stray is not None:
                    yield _stray(path, stray)
                    stray = None
                current = _Raw(number, [line])
            elif tag == "ER" and stray is not None:
                yield _stray(path, stray)
                stray = None
            elif tag is not None and stray is None:
                stray = number
            continue
        if tag == "ER":
            yield current
            current = None
        elif tag == "TY":
            yield RecordError(
                path, current.line, f"record has no ER line before the next TY at line {number}"
            )
            current = _Raw(number, [line])
        elif tag is not None:
            current.lines.append(line)
        elif line.strip():
            current.lines[-1] = current.lines[-1].rstrip() + " " + line.strip()
    if current is not None:
        yield RecordError(path, current.line, "record has no ER line before the end of the file")
    if stray is not None:
        yield _stray(path, stray)


def _stray(path: str, line: int) -> RecordError:
    return RecordError(path, line, "tagged lines outside a record (no TY line opens them)")


_PARSER = rispy.RisParser(list_tags=_LIST_TAGS, enforce_list_tags=False)


def _fields(raw: _Raw) -> dict[str, Any]:
    entries = _PARSER.parse("\n".join([*raw.lines, "ER  - "]))
    return entries[0]


def _all(fields: dict[str, Any], key: str) -> list[str]:
    value = fields.get(key)
    values = value if isinstance(value, list) else [value] if value is not None else []
    return [v for v in (str(x).strip() for x in values) if v]


def _first(fields: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        values = _all(fields, key)
        if values:
            return values[0]
    return None


def _names(fields: dict[str, Any]) -> list[str]:
    names = _all(fields, "authors") or _all(fields, "first_authors")
    kept: list[str] = []
    for name in names:
        if not kept or name != kept[-1]:
            kept.append(name)
    return kept


def _author(raw: str, position: int) -> AuthorRef:
    name, initials_only = inverted_name(raw)
    return AuthorRef(name=name, position=position, raw=raw, initials_only=initials_only)


def _with_institutions(
    author: AuthorRef, institutions: tuple[InstitutionRef, ...], email: str | None = None
) -> AuthorRef:
    """The author with these institutions unless it already has some; the email kept
    when one is given."""
    institutions = author.institutions or institutions
    return replace(
        author,
        institutions=institutions,
        affiliation=institutions[0].name if institutions else None,
        email=email or author.email,
    )


def _correspondence(note: str) -> tuple[str, InstitutionRef | None, str | None]:
    """(author as written, address, email) of a Scopus correspondence note."""
    parts = [p.strip() for p in note[len(_CORRESPONDENCE_PREFIX) :].split(";")]
    email = None
    if parts and (m := _EMAIL_RE.match(parts[-1])):
        email = m.group(1)
        parts.pop()
    address = "; ".join(parts[1:])
    return parts[0], institution(address) if address else None, email


def _authors(fields: dict[str, Any], notes: list[str]) -> tuple[AuthorRef, ...]:
    authors = [_author(raw, pos) for pos, raw in enumerate(_names(fields), 1)]
    addresses = [i for i in (institution(a) for a in _all(fields, "author_address")) if i]
    if len(authors) == 1 and addresses:
        authors[0] = _with_institutions(authors[0], tuple(addresses))
    for note in notes:
        if not note.startswith(_CORRESPONDENCE_PREFIX):
            continue
        who, inst, email = _correspondence(note)
        name = _author(who, 0).name
        for i, author in enumerate(authors):
            if author.name == name and inst is not None:
                authors[i] = _with_institutions(author, (inst,), email)
    return tuple(authors)


def _references(notes: list[str]) -> tuple[CitedRef, ...]:
    refs: list[CitedRef] = []
    for note in notes:
        if note.startswith(_REFERENCES_PREFIX):
            body = note[len(_REFERENCES_PREFIX) :].strip().rstrip(";")
            refs.extend(parse_scopus_ref(i) for i in _REFERENCE_SPLIT_RE.split(body) if i.strip())
    return tuple(refs)


def _cited_by(notes: list[str]) -> int | None:
    for note in notes:
        m = _CITED_BY_RE.match(note)
        if m:
            return int(m.group(1))
    return None


def _full_date(value: str) -> dt.date | None:
    m = _FULL_DATE_RE.match(value)
    if m is None:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _year_and_date(fields: dict[str, Any]) -> tuple[int | None, dt.date | None]:
    values = [v for key in ("year", "publication_year", "date") for v in _all(fields, key)]
    years = (int(m.group(1)) for m in map(_YEAR_RE.search, values) if m)
    return next(years, None), next(filter(None, map(_full_date, values)), None)


def _venue(fields: dict[str, Any], ris_type: str, year: int | None) -> VenueRef | None:
    name = _first(
        fields,
        "secondary_title",
        "custom3",
        "journal_name",
        "alternate_title3",
        "alternate_title2",
        "alternate_title1",
    )
    if name is None:
        return None
    kind: VenueKind = "other"
    if ris_type in _JOURNAL_TYPES:
        kind = "journal"
    elif ris_type in _CONFERENCE_TYPES or (ris_type == "SER" and _CONFERENCE_RE.search(name)):
        kind = "conference"
    return VenueRef(name=strip_markup(name), kind=kind, year=year)


def _topics(fields: dict[str, Any]) -> tuple[TopicRef, ...]:
    seen: set[str] = set()
    topics: list[TopicRef] = []
    for keyword in _all(fields, "keywords"):
        if keyword.casefold() not in seen:
            seen.add(keyword.casefold())
            topics.append(TopicRef(name=keyword, kind="author_keyword"))
    return tuple(topics)


def _paper(raw: _Raw, path: str) -> PaperRecord | RecordError:
    fields = _fields(raw)
    title = _first(fields, "title", "primary_title")
    if title is None or not strip_markup(title):
        return RecordError(path, raw.line, "record has no title (TI or T1)")
    ris_type = _first(fields, "type_of_reference") or ""
    notes = _all(fields, "notes")
    urls = _all(fields, "urls")
    accession = _first(fields, "accession_number")
    year, date = _year_and_date(fields)
    doi = clean_doi(_first(fields, "doi")) or next(filter(None, map(doi_in_text, urls)), None)
    return PaperRecord(
        title=strip_markup(title),
        line=raw.line,
        authors=_authors(fields, notes),
        year=year,
        date=date,
        abstract=_first(fields, "abstract", "notes_abstract"),
        doi=doi,
        wos_ut=clean_wos_ut(accession),
        scopus_eid=next(filter(None, map(clean_scopus_eid, [*urls, accession])), None),
        url=next((u for u in urls if doi_in_text(u) is None), None),
        venue=_venue(fields, ris_type, year),
        volume=_first(fields, "volume"),
        first_page=_first(fields, "start_page"),
        topics=_topics(fields),
        kind=ris_type or None,
        cited_by=_cited_by(notes),
        references=_references(notes),
    )


def parse_ris(
    text: str, *, path: str, owner: str | None = None, captured: dt.date | None = None
) -> ParsedDocument:
    """Read every record of a RIS text; a record that cannot be read is a RecordError.
    An export belongs to no one: ``owner`` is not used."""
    doc = ParsedDocument(path=path, format="ris", captured=captured)
    for item in _records(text.lstrip("\ufeff"), path):
        doc.read += 1
        doc.add(item if isinstance(item, RecordError) else _paper(item, path))
    if doc.read == 0 and text.strip():
        # text with no tagged line at all is no RIS export: say so rather than load nothing
        raise ParseError(path, "no RIS record: no 'TY  - ' line", line=1)
    return doc


def _sniff(head: str) -> bool:
    """The first tagged line is a record's ``TY  - `` (a download may start with
    untagged "Provider:"/"Content:" lines)."""
    for line in _LINE_BREAK_RE.split(head.lstrip("\ufeff")):
        if _tag(line):
            return line.startswith("TY  - ")
    return False


FORMAT = Format(
    name="ris",
    description="RIS records (Scopus, IEEE Xplore, Zotero, EndNote, ... exports)",
    sniff=_sniff,
    parse=parse_ris,
)
