"""PubMed "PubMed format" text (MEDLINE tags; ``.nbib``, ``pubmed-*.txt``), streamed.

A record is a run of ``TAG - value`` lines starting at ``PMID-``; records are separated
by blank lines. A tag is four characters padded with blanks, then ``- ``; a value goes
on over continuation lines indented by six blanks. Line breaks are CRLF in PubMed's
downloads, read as any of CRLF, LF or CR.

Mapping decisions:

- Authors, in field order: ``FAU`` (full: "Sathyan, Sanish") opens an author, the
  ``AU`` after it is its short form ("Sathyan S") and becomes ``raw``; an ``AU`` with no
  ``FAU`` before it opens an author of its own (older records), read as family name
  plus undotted initials ("Smith JA" -> "J. A. Smith", initials-only). The ``AUID- ORCID:
  ...`` and ``AD`` lines after an author belong to that author (one AD per
  affiliation, as PubMed pairs them). ``AD`` lines before any author belong to the
  record: they go to the author only when there is one. ``CN`` (a collective author),
  ``FIR``/``IR`` (investigators) and ``FED``/``ED`` (editors) are not authors, and the
  ``AD``/``AUID`` lines after them are not given to the author before them.
- Identifiers: ``PMID`` -> pmid, ``PMC`` -> pmcid, the ``[doi]`` of ``AID`` (else of
  ``LID``) -> doi.
- ``TI`` title (else ``BTI`` for a book), ``AB`` abstract. ``DP`` ("2023 Jun",
  "2024 Mar 8", "2020 Mar-Apr") -> year, and date when it names a day. ``JT`` -> venue
  (kind journal) with ``TA`` as its acronym.
- Topics: ``MH`` -> mesh, the descriptor without the major-topic star and the
  qualifiers ("*Cognitive Dysfunction/epidemiology" -> "Cognitive Dysfunction");
  ``OT`` -> author_keyword. kind: the first ``PT``.
- The format carries neither references nor citation counts.

Errors: an empty file, or a first line that is not ``PMID-``, raises
:class:`ParseError`. A block of tagged lines that does not start with ``PMID-``, or a
record without PMID or title, is a RecordError naming its first line; reading goes on.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from loaders.affiliations import institution
from loaders.dates import MONTHS
from loaders.errors import ParseError
from loaders.format import Format
from loaders.identifiers import clean_doi, clean_orcid, clean_pmcid, clean_pmid
from loaders.personname import dotted, inverted_name
from loaders.records import (
    AuthorRef,
    PaperRecord,
    ParsedDocument,
    RecordError,
    TopicKind,
    TopicRef,
    VenueRef,
)

__all__ = ["FORMAT", "iter_medline", "parse_medline"]

Item = PaperRecord | RecordError

_TAG_RE = re.compile(r"^([A-Z][A-Z0-9]{1,3}) {0,2}- ?(.*)$")
_CONTINUATION = "      "
_PMID_LINE_RE = re.compile(r"PMID- ?\d+\s")
_DP_RE = re.compile(r"^(\d{4})(?:\s+([A-Za-z]{3,})(?:\s+(\d{1,2}))?\b)?")
_SHORT_NAME_RE = re.compile(r"^(.+)\s+([A-Z]{1,4})$")
_AID_RE = re.compile(r"^(.+?)\s*\[(\w+)\]\s*$")
_NOT_AUTHORS = frozenset({"CN", "FIR", "IR", "FED", "ED"})


@dataclass(slots=True)
class _Field:
    tag: str
    value: str


@dataclass(slots=True)
class _Person:
    """An author being read: its full and short names, ORCID and addresses."""

    full: str | None = None
    short: str | None = None
    orcid: str | None = None
    addresses: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Block:
    line: int
    fields: list[_Field] = field(default_factory=list)


def _blocks(lines: Iterator[str]) -> Iterator[_Block]:
    """Blank-line-separated runs of fields, with the line each starts on; a ``PMID-``
    line also starts a new one. A line that is neither tagged nor indented goes on the
    value before it inside a block, and opens a block of its own (tag "") outside one."""
    block: _Block | None = None
    for number, line in enumerate(lines, 1):
        text = line.rstrip("\r\n")
        if not text.strip():
            if block is not None:
                yield block
                block = None
            continue
        m = None if text.startswith(_CONTINUATION) else _TAG_RE.match(text)
        if m is None and block is not None:
            block.fields[-1].value += " " + text.strip()
            continue
        tag, value = (m.group(1), m.group(2).strip()) if m else ("", text.strip())
        if tag == "PMID" and block is not None:
            yield block
            block = None
        if block is None:
            block = _Block(number)
        block.fields.append(_Field(tag, value))
    if block is not None:
        yield block


def _short_name(short: str) -> tuple[str, bool]:
    """ "Smith JA" -> ("J. A. Smith", True); a form without trailing initials as written."""
    m = _SHORT_NAME_RE.match(short)
    if m is None:
        return short, False
    return f"{dotted(m.group(2))} {m.group(1)}", True


def _author(person: _Person, position: int) -> AuthorRef:
    if person.full:
        name, initials_only = inverted_name(person.full)
    else:
        name, initials_only = _short_name(person.short or "")
    institutions = tuple(i for i in map(institution, person.addresses) if i)
    return AuthorRef(
        name=name,
        position=position,
        raw=person.short or person.full,
        orcid=person.orcid,
        affiliation=institutions[0].name if institutions else None,
        institutions=institutions,
        initials_only=initials_only,
    )


def _authors(fields: list[_Field]) -> tuple[AuthorRef, ...]:
    people: list[_Person] = []
    current: _Person | None = None
    record_addresses: list[str] = []
    sink = _Person()  # collects what follows a collective author, an investigator, an editor
    for f in fields:
        if f.tag == "FAU":
            current = _Person(full=f.value)
            people.append(current)
        elif f.tag == "AU":
            if current is None or current is sink or current.short is not None:
                current = _Person()
                people.append(current)
            current.short = f.value
        elif f.tag in _NOT_AUTHORS:
            current = sink
        elif f.tag == "AUID" and current is not None and f.value.upper().startswith("ORCID"):
            current.orcid = clean_orcid(f.value)
        elif f.tag == "AD":
            (current.addresses if current is not None else record_addresses).append(f.value)
    if len(people) == 1 and not people[0].addresses:
        people[0].addresses = record_addresses
    return tuple(_author(p, pos) for pos, p in enumerate(people, 1) if p.full or p.short)


def _values(fields: list[_Field], tag: str) -> list[str]:
    return [f.value for f in fields if f.tag == tag and f.value]


def _first(fields: list[_Field], *tags: str) -> str | None:
    for tag in tags:
        values = _values(fields, tag)
        if values:
            return values[0]
    return None


def _doi(fields: list[_Field]) -> str | None:
    for tag in ("AID", "LID"):
        for value in _values(fields, tag):
            m = _AID_RE.match(value)
            if m and m.group(2).lower() == "doi":
                return clean_doi(m.group(1))
    return None


def _year_and_date(dp: str | None) -> tuple[int | None, dt.date | None]:
    m = _DP_RE.match(dp or "")
    if m is None:
        return None, None
    year = int(m.group(1))
    month = MONTHS.get((m.group(2) or "").lower())
    if month is None or m.group(3) is None:
        return year, None
    try:
        return year, dt.date(year, month, int(m.group(3)))
    except ValueError:
        return year, None


def _topics(fields: list[_Field]) -> tuple[TopicRef, ...]:
    topics: list[TopicRef] = []
    seen: set[tuple[str, str]] = set()
    for f in fields:
        kind: TopicKind
        if f.tag == "MH":
            name, kind = f.value.split("/")[0].strip().lstrip("*").strip(), "mesh"
        elif f.tag == "OT":
            name, kind = f.value, "author_keyword"
        else:
            continue
        if name and (name.casefold(), kind) not in seen:
            seen.add((name.casefold(), kind))
            topics.append(TopicRef(name=name, kind=kind))
    return tuple(topics)


def _record(block: _Block, path: str) -> Item:
    fields = block.fields
    if fields[0].tag != "PMID":
        first = f"{fields[0].tag} line" if fields[0].tag else "a line without a tag"
        return RecordError(path, block.line, f"record starts with {first}, not PMID-")
    pmid = clean_pmid(fields[0].value)
    if pmid is None:
        return RecordError(path, block.line, "PMID is not a PubMed id")
    title = _first(fields, "TI", "BTI")
    if title is None:
        return RecordError(path, block.line, f"PMID {pmid} has no title (TI)")
    year, date = _year_and_date(_first(fields, "DP"))
    journal = _first(fields, "JT")
    return PaperRecord(
        title=title,
        line=block.line,
        authors=_authors(fields),
        year=year,
        date=date,
        abstract=_first(fields, "AB"),
        doi=_doi(fields),
        pmid=pmid,
        pmcid=clean_pmcid(_first(fields, "PMC")),
        url=f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/",
        venue=VenueRef(name=journal, acronym=_first(fields, "TA"), kind="journal", year=year)
        if journal
        else None,
        topics=_topics(fields),
        kind=_first(fields, "PT"),
    )


def iter_medline(stream: BinaryIO, *, path: str) -> Iterator[Item]:
    """Yield one PaperRecord (or RecordError) per record of a MEDLINE text stream."""
    lines = io.TextIOWrapper(stream, encoding="utf-8-sig", newline=None)
    first = True
    where = 1  # the decoder reads ahead in chunks: the bad byte is at or after this line
    try:
        for block in _blocks(lines):
            if first and block.fields[0].tag != "PMID":
                raise ParseError(path, "not MEDLINE text: no PMID- line first", line=block.line)
            first = False
            where = block.line
            yield _record(block, path)
    except UnicodeDecodeError as exc:
        raise ParseError(
            path, f"not UTF-8 text ({exc.reason}) at or after this line", line=where
        ) from None
    if first:
        raise ParseError(path, "the file is empty", line=1)


def parse_medline(data: bytes | str, *, path: str) -> ParsedDocument:
    """Read a whole MEDLINE text into a ParsedDocument."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    doc = ParsedDocument(path=path, format="medline")
    for item in iter_medline(io.BytesIO(raw), path=path):
        doc.read += 1
        doc.add(item)
    return doc


def _sniff(head: str) -> bool:
    """The first line is a record's ``PMID- <digits>``."""
    return _PMID_LINE_RE.match(head.lstrip("\ufeff \t\r\n")) is not None


FORMAT = Format(
    name="medline",
    description='PubMed "PubMed format" / MEDLINE text (.nbib), streamed',
    sniff=_sniff,
    stream=iter_medline,
)
