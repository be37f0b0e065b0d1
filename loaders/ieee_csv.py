"""IEEE Xplore CSV exports ("Export" > "CSV" on a search result).

One row per document, 30 columns; the loader needs only ``Document Title`` and
``Authors`` and reads the others when present.

Mapping decisions:

- Authors: ``Authors`` split on ``;``, given name first and abbreviated ("T. P.
  Straatsma", "J. -P. Nominé" -> "J.-P. Nominé"), so almost every name is
  initials-only. ``Author Affiliations`` is ``;``-separated in the same order: the
  n-th affiliation is the n-th author's, but only when both lists have the same length
  (one affiliation with a ``;`` inside would shift every later pairing, so then no
  author gets one). ``NA`` is Xplore's "no affiliation".
- ``Publication Title`` -> venue; kind from ``Document Identifier`` ("IEEE
  Conferences" -> conference, "... Journals"/"... Magazines"/"Early Access" ->
  journal). kind = ``Document Identifier`` as written.
- ``Publication Year`` -> year (no full publication date is given: ``Online Date`` is
  when Xplore put it online). ``DOI`` -> doi, ``PDF Link`` -> url, ``Article Citation
  Count`` -> cited_by. ``Reference Count`` is only a number: no references are given.
- Topics: ``Author Keywords`` -> author_keyword; ``IEEE Terms`` and the INSPEC terms ->
  index_keyword; ``Mesh_Terms`` -> mesh (each ``;``-separated, first spelling kept).
"""

from __future__ import annotations

import datetime as dt
import re

from loaders.affiliations import institution
from loaders.csv_rows import Row, csv_rows, header_fields
from loaders.format import Format
from loaders.identifiers import clean_doi
from loaders.markup import strip_markup
from loaders.personname import display_name
from loaders.records import (
    AuthorRef,
    PaperRecord,
    ParsedDocument,
    RecordError,
    TopicKind,
    TopicRef,
    VenueKind,
    VenueRef,
)

__all__ = ["FORMAT", "parse_ieee_csv"]

_YEAR_RE = re.compile(r"^\s*(\d{4})\b")
_COUNT_RE = re.compile(r"^\s*(\d{1,15})\s*$")  # bounded: int() refuses 4,300 digits
_TOPIC_COLUMNS: tuple[tuple[str, TopicKind], ...] = (
    ("Author Keywords", "author_keyword"),
    ("IEEE Terms", "index_keyword"),
    ("INSPEC Controlled Terms", "index_keyword"),
    ("INSPEC Non-Controlled Terms", "index_keyword"),
    ("Mesh_Terms", "mesh"),
)


def _split(value: str | None) -> list[str]:
    return [p.strip() for p in (value or "").split(";") if p.strip()]


def _authors(row: Row) -> tuple[AuthorRef, ...]:
    names = _split(row.get("Authors"))
    affiliations = _split(row.get("Author Affiliations"))
    paired = len(affiliations) == len(names)
    authors: list[AuthorRef] = []
    for position, raw in enumerate(names, 1):
        name, initials_only = display_name(raw)
        inst = institution(affiliations[position - 1]) if paired else None
        authors.append(
            AuthorRef(
                name=name,
                position=position,
                raw=raw,
                institutions=(inst,) if inst else (),
                affiliation=inst.name if inst else None,
                initials_only=initials_only,
            )
        )
    return tuple(authors)


def _venue(row: Row, year: int | None) -> VenueRef | None:
    name = row.get("Publication Title")
    if name is None:
        return None
    group = (row.get("Document Identifier") or "").lower()
    kind: VenueKind = "other"
    if "conference" in group:
        kind = "conference"
    elif any(word in group for word in ("journal", "magazine", "early access")):
        kind = "journal"
    return VenueRef(name=strip_markup(name), kind=kind, year=year)


def _topics(row: Row) -> tuple[TopicRef, ...]:
    seen: set[tuple[str, str]] = set()
    topics: list[TopicRef] = []
    for column, kind in _TOPIC_COLUMNS:
        for term in _split(row.get(column)):
            if (term.casefold(), kind) not in seen:
                seen.add((term.casefold(), kind))
                topics.append(TopicRef(name=term, kind=kind))
    return tuple(topics)


def _int(value: str | None) -> int | None:
    m = _COUNT_RE.match(value or "")
    return int(m.group(1)) if m else None


def _paper(row: Row, path: str) -> PaperRecord | RecordError:
    title = strip_markup(row.get("Document Title") or "")
    if not title:
        return RecordError(path, row.line, "row has no Document Title")
    m = _YEAR_RE.match(row.get("Publication Year") or "")
    year = int(m.group(1)) if m else None
    return PaperRecord(
        title=title,
        line=row.line,
        authors=_authors(row),
        year=year,
        abstract=row.get("Abstract"),
        doi=clean_doi(row.get("DOI")),
        url=row.get("PDF Link"),
        venue=_venue(row, year),
        topics=_topics(row),
        kind=row.get("Document Identifier"),
        cited_by=_int(row.get("Article Citation Count")),
    )


def parse_ieee_csv(
    text: str, *, path: str, owner: str | None = None, captured: dt.date | None = None
) -> ParsedDocument:
    """Read every row of an IEEE Xplore CSV export (``owner`` is not used)."""
    doc = ParsedDocument(path=path, format="ieee_csv", captured=captured)
    for item in csv_rows(text, path=path, required=("Document Title", "Authors")):
        doc.read += 1
        doc.add(item if isinstance(item, RecordError) else _paper(item, path))
    return doc


def _sniff(head: str) -> bool:
    """A CSV header that starts with Xplore's ``Document Title`` and has its columns."""
    fields = header_fields(head)
    return fields[:1] == ["Document Title"] and {"Authors", "Author Affiliations"} <= set(fields)


FORMAT = Format(
    name="ieee_csv",
    description="an IEEE Xplore search export (CSV)",
    sniff=_sniff,
    parse=parse_ieee_csv,
)
