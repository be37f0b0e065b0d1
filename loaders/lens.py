"""Lens.org scholarly search exports (CSV, one work per row).

The export is UTF-8 with a byte-order mark, CRLF line ends, and quoted cells that may
hold bare newlines (publisher names); it is read as a stream, one row at a time, and
each record's ``line`` is the physical line its row starts on.

Mapping decisions:

- ``Author/s`` ("; "-separated) lists names given name first ("Denis Blackmore"),
  unlike the other exports; leading initials are dotted ("A.V. Arhangel'ski" ->
  "A. V. Arhangel'ski", ``initials_only``). Chinese names written surname first in
  capitals ("HE Sheng-zhong") are turned around ("Sheng-zhong He"); a leading "null"
  is Lens's placeholder for a missing given name and is dropped. ``raw`` is the name as
  written. The export has no affiliations.
- ``DOI``, ``PMID``, ``PMCID`` cleaned by loaders/identifiers.py. The ``Lens ID`` and
  ``Microsoft Academic ID`` have no identifier field on the records and are not kept.
- ``References`` holds Lens IDs only: each is a CitedRef whose ``raw`` is the Lens ID.
- ``Citing Works Count`` -> cited_by; ``Publication Year`` -> year; ``Date Published``
  -> date; ``Publication Type`` -> kind, as written.
- Venue: ``Source Title``; journal article -> journal, conference proceedings (article)
  -> conference, preprint -> preprint, else other.
- Topics: ``Keywords`` -> author_keyword, ``MeSH Terms`` -> mesh, ``Fields of Study``
  -> concept (they are Microsoft Academic fields of study, the vocabulary OpenAlex
  concepts continue: "Flyback converter", "Computer science").
- url: ``External URL`` unless it is only the DOI link.

Errors: an empty file, or a first row without the ``Lens ID`` and ``Title`` columns,
raises :class:`ParseError`. A row with more or fewer cells than the header, without a
title (Lens exports journal issues that way), or with a year or count that is not a
number becomes a :class:`RecordError` naming its line; reading goes on.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from typing import BinaryIO

from loaders.errors import ParseError
from loaders.format import Format
from loaders.identifiers import clean_doi, clean_lens_id, clean_pmcid, clean_pmid
from loaders.markup import strip_markup
from loaders.personname import display_name
from loaders.records import (
    AuthorRef,
    CitedRef,
    PaperRecord,
    ParsedDocument,
    RecordError,
    TopicKind,
    TopicRef,
    VenueKind,
    VenueRef,
)

__all__ = ["FORMAT", "iter_lens", "looks_like_lens", "parse_lens"]

Item = PaperRecord | RecordError

_REQUIRED = ("Lens ID", "Title")
_VENUE_KINDS: dict[str, VenueKind] = {
    "journal article": "journal",
    "conference proceedings": "conference",
    "conference proceedings article": "conference",
    "preprint": "preprint",
}
_TOPIC_COLUMNS: tuple[tuple[str, TopicKind], ...] = (
    ("Keywords", "author_keyword"),
    ("MeSH Terms", "mesh"),
    ("Fields of Study", "concept"),
)
_CAPS_SURNAME_RE = re.compile(r"^([^\W\d_]{2,}) (.+)$")
_DOI_LINK_RE = re.compile(r"^https?://(?:dx\.)?doi\.org/", re.IGNORECASE)


class _BadRow(ValueError):
    """A row this loader cannot use; becomes a RecordError for its line."""


def looks_like_lens(head: str) -> bool:
    """A CSV whose header starts with Lens's first column.

    >>> looks_like_lens('\\ufeffLens ID,Title,Date Published,Publication Year')
    True
    >>> looks_like_lens('Authors,Author full names,Author(s) ID,Title')
    False
    """
    return head.lstrip("\ufeff \t\r\n").startswith(("Lens ID,", '"Lens ID",'))


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def _author(raw: str, position: int) -> AuthorRef:
    """One ``Author/s`` name, turned into "Given Family" order."""
    written = " ".join(raw.split())
    if written.startswith("null "):
        written = written[len("null ") :]
    m = _CAPS_SURNAME_RE.match(written)
    if m and m.group(1).isupper() and not m.group(2).isupper():
        written = f"{m.group(2)} {m.group(1).title()}"
    name, initials_only = display_name(written)
    return AuthorRef(name=name, position=position, raw=raw, initials_only=initials_only)


def _number(row: dict[str, str], column: str) -> int | None:
    cell = row.get(column, "").strip()
    if not cell:
        return None
    if not cell.isdigit() or len(cell) > 15:  # int() refuses 4,300 digits
        raise _BadRow(f"{column} is not a number")
    return int(cell)


def _date(row: dict[str, str]) -> dt.date | None:
    cell = row.get("Date Published", "").strip()
    if not cell:
        return None
    try:
        return dt.date.fromisoformat(cell)
    except ValueError:
        raise _BadRow("Date Published is not an ISO date") from None


def _topics(row: dict[str, str]) -> tuple[TopicRef, ...]:
    topics: list[TopicRef] = []
    for column, kind in _TOPIC_COLUMNS:
        for name in dict.fromkeys(_split(row.get(column, ""))):
            topics.append(TopicRef(name=name, kind=kind))
    return tuple(topics)


def _paper(row: dict[str, str], line: int) -> PaperRecord:
    title = strip_markup(row.get("Title", ""))
    if not title:
        raise _BadRow(f"no Title (Lens ID {row.get('Lens ID', '').strip() or '?'})")
    year = _number(row, "Publication Year")
    kind = " ".join(row.get("Publication Type", "").split()) or None
    source = " ".join(row.get("Source Title", "").split())
    external = row.get("External URL", "").strip()
    return PaperRecord(
        title=title,
        line=line,
        authors=tuple(_author(n, p) for p, n in enumerate(_split(row.get("Author/s", "")), 1)),
        year=year,
        date=_date(row),
        abstract=" ".join(row.get("Abstract", "").split()) or None,
        doi=clean_doi(row.get("DOI")),
        pmid=clean_pmid(row.get("PMID")),
        pmcid=clean_pmcid(row.get("PMCID")),
        lens_id=clean_lens_id(row.get("Lens ID")),
        url=external if external and not _DOI_LINK_RE.match(external) else None,
        venue=(
            VenueRef(name=source, kind=_VENUE_KINDS.get(kind or "", "other"), year=year)
            if source
            else None
        ),
        topics=_topics(row),
        kind=kind,
        cited_by=_number(row, "Citing Works Count"),
        references=tuple(
            CitedRef(raw=ref, lens_id=clean_lens_id(ref))
            for ref in _split(row.get("References", ""))
        ),
    )


class _Lines:
    """The lines of a text stream, counted, for the CSV reader."""

    def __init__(self, text: io.TextIOBase) -> None:
        self.text = text
        self.count = 0

    def __iter__(self) -> Iterator[str]:
        for line in self.text:
            self.count += 1
            yield line


def iter_lens(stream: BinaryIO, *, path: str) -> Iterator[Item]:
    """Yield the works (PaperRecord) and bad rows of a Lens CSV export."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    lines = _Lines(text)
    rows = csv.reader(lines)
    try:
        header = next(rows, None)
        if header is None:
            raise ParseError(path, "empty file", line=1)
        header = [h.strip() for h in header]
        if not all(column in header for column in _REQUIRED):
            raise ParseError(path, "not a Lens export: no 'Lens ID' and 'Title' columns", line=1)
        start = lines.count + 1
        for cells in rows:
            line, start = start, lines.count + 1
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(header):
                yield RecordError(
                    path, line, f"row has {len(cells)} cells, the header {len(header)}"
                )
                continue
            try:
                yield _paper(dict(zip(header, cells, strict=True)), line)
            except _BadRow as exc:
                yield RecordError(path, line, str(exc))
    except UnicodeDecodeError as exc:
        raise ParseError(path, f"not UTF-8 text: {exc.reason}", line=lines.count) from None
    except csv.Error as exc:
        raise ParseError(path, f"not readable CSV: {exc}", line=lines.count) from None
    finally:
        text.detach()


def parse_lens(data: bytes | str, *, path: str) -> ParsedDocument:
    """Read a whole Lens CSV export."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    doc = ParsedDocument(path=path, format="lens")
    for item in iter_lens(io.BytesIO(raw), path=path):
        doc.read += 1
        doc.add(item)
    return doc


FORMAT = Format(
    name="lens",
    description="Lens.org scholarly search export (CSV)",
    sniff=looks_like_lens,
    stream=iter_lens,
)
