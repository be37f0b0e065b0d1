"""Scopus CSV export, in both of its layouts.

A header row of column names, one row per document; UTF-8 with a byte-order mark;
standard CSV quoting (a cell can span lines). Columns are found by name, so exports
with more, fewer or reordered columns read the same. The two layouts:

- before 2023: unquoted header; ``Authors`` is ``Govil N., Sharma A.`` (", " between
  authors, initials only); ``Author(s) ID`` is ``57209571323;57220907015;``; no full
  names anywhere.
- 2023: quoted header; ``Authors`` is ``Zheng Y.; Liu H.`` and ``Author full names``
  ``Zheng, Yue (57218135275); Liu, Hui (56120191700)``.

Mapping decisions:

- Authors: ``name`` from ``Author full names`` ("Yue Zheng") when the export has it,
  else from ``Authors``, initials only ("N. Govil", ``initials_only``); ``raw`` is the
  ``Authors`` form. A suffix written as its own part ("Slingluff C.L., Jr") stays with
  its name. ``[No author name available]`` means no authors.
- ``scopus_author_id``: the id in parentheses in the full name, else the id at the same
  position of ``Author(s) ID`` (only when both lists have the same length).
- Institutions: ``Authors with affiliations`` pairs each author with their affiliations
  ("Govil, N., Department of CEA, ..., India; Sharma, A., ..."); an author's entry may
  hold several affiliations joined by ", ", which are told apart by the ``Affiliations``
  column (the record's distinct affiliations). Each affiliation becomes an institution
  through loaders/affiliations.py ("Department of Radiology, The First Hospital of China
  Medical University, Shenyang, China" -> "The First Hospital of China Medical
  University", country "China").
- ``Correspondence Address`` gives the emails of the authors it names.
- ``References``: "; "-separated items (loaders/references.py); ``Cited by`` is
  ``cited_by``; ``Author Keywords`` / ``Index Keywords`` are topics; ``EID``, ``DOI``,
  ``PubMed ID`` identifiers; ``Link`` the url; ``Document Type`` the kind; the venue is
  ``Source title`` (a conference for "Conference ..." types); ``Volume`` and ``Page
  start`` the volume and first page.
- Title: the English one. Scopus writes a document's original-language title after
  it in brackets ("Teaching Agile ...: A Case Study [Çevik Yöntemlerle ...]"), which
  the same work's Web of Science record does not: the bracketed tail is dropped.
- Misaligned rows: one export concatenated to another can have more "Funding Text"
  columns than its header names, which shifts every later cell. Extra cells are taken
  as further funding texts after the last one the header names; whether a row lines up
  is checked on its ``EID`` cell, and a row that does not is a RecordError rather than
  a paper whose cells are in the wrong places.

Errors: a first row that is not a Scopus header (it needs ``Title``, ``Source title``
and ``EID`` or ``Author(s) ID``) raises :class:`ParseError`; a row without a title,
undecodable, or not lining up with the header becomes a RecordError naming its first
line.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from loaders.affiliations import institution
from loaders.errors import ParseError
from loaders.format import Format
from loaders.identifiers import clean_doi, clean_pmid, clean_scopus_author_id, clean_scopus_eid
from loaders.markup import strip_markup
from loaders.names import NameIndex, initials_only, person_name, split_inverted
from loaders.records import (
    AuthorRef,
    InstitutionRef,
    PaperRecord,
    RecordError,
    TopicKind,
    TopicRef,
    VenueKind,
    VenueRef,
)
from loaders.references import parse_scopus_ref
from loaders.textlines import utf8_lines

__all__ = ["FORMAT", "iter_scopus", "looks_like_scopus"]

Item = PaperRecord | RecordError
Row = dict[str, str]

# A References cell of a long review runs past csv's default 128 KiB field limit.
_FIELD_LIMIT = 64 * 1024 * 1024
_NO_AUTHOR = "[No author name available]"
_NO_ABSTRACT = "[No abstract available]"
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_ID_IN_NAME_RE = re.compile(r"\s*\((\d+)\)\s*$")
_FUNDING_RE = re.compile(r"^Funding Text (\d{1,4})$")
# a trailing "[original-language title]" (three words at least: not a "[Review]" tag)
_ORIGINAL_TITLE = re.compile(r"\s*\[[^\[\]\s]+(?:\s+[^\[\]\s]+){2,}\]\s*$")
_TOPIC_COLUMNS: tuple[tuple[str, TopicKind], ...] = (
    ("Author Keywords", "author_keyword"),
    ("Index Keywords", "index_keyword"),
)


class _BadRow(ValueError):
    """A row this loader cannot use; becomes a RecordError for its line."""


def _is_header(cells: Sequence[str]) -> bool:
    """Scopus's own column names: "Source title" (Lens writes "Source Title") and an
    EID or Scopus author-id column."""
    names = {c.strip() for c in cells}
    return {"Title", "Source title"} <= names and bool({"EID", "Author(s) ID"} & names)


def looks_like_scopus(head: str) -> bool:
    """Whether a file's first line is a Scopus CSV header (either layout).

    >>> looks_like_scopus('\\ufeff"Authors","Author full names","Author(s) ID","Title","Year",'
    ...     '"Source title","Volume"\\n')
    True
    >>> looks_like_scopus("PT\\tAU\\tTI\\tSO\\n")
    False
    """
    first = head.lstrip("\ufeff").split("\n", 1)[0]
    try:
        cells = next(csv.reader([first]))
    except (csv.Error, StopIteration):
        return False
    return _is_header(cells)


# ------------------------------------------------------------------------ authors


def _split_authors(cell: str) -> list[str]:
    """``Authors`` to names: "; " separates them in the 2023 layout, ", " before; a
    suffix part ("Jr") joins the name before it."""
    if not cell.strip() or cell.strip() == _NO_AUTHOR:
        return []
    parts = [p.strip() for p in cell.split("; " if "; " in cell else ", ")]
    names: list[str] = []
    for part in parts:
        if names and part.lower() in _SUFFIXES:
            names[-1] += ", " + part
        elif part:
            names.append(part)
    return names


def _short_parts(short: str) -> tuple[str, str, str]:
    """``"Zheng Y."`` -> family, initials, suffix (``"Slingluff C.L., Jr"``)."""
    base, _, suffix = short.partition(", ")
    family, _, given = base.rpartition(" ")
    if not family or not initials_only(given):
        return base, "", suffix
    return family, given, suffix


def _full_spelling(full: str) -> tuple[str, str]:
    """``"Zheng, Yue"`` -> family, given (a suffix after a second comma left out)."""
    family, given = split_inverted(full)
    return family, given.partition(",")[0].strip()


class _Authors:
    def __init__(self, row: Row) -> None:
        self.short = _split_authors(row.get("Authors", ""))
        fulls = [f.strip() for f in row.get("Author full names", "").split("; ") if f.strip()]
        self.full = fulls if len(fulls) == len(self.short) else [""] * len(self.short)
        ids = [i.strip() for i in re.split(r";\s*", row.get("Author(s) ID", "")) if i.strip()]
        self.ids: list[str | None] = []
        for i, full in enumerate(self.full):
            m = _ID_IN_NAME_RE.search(full)
            written = m.group(1) if m else ids[i] if len(ids) == len(self.short) else None
            self.ids.append(clean_scopus_author_id(written))
            self.full[i] = _ID_IN_NAME_RE.sub("", full)
        self.institutions: list[list[InstitutionRef]] = [[] for _ in self.short]
        self.email: list[str | None] = [None] * len(self.short)
        forms = []
        for short, full in zip(self.short, self.full, strict=True):
            family, given, _ = _short_parts(short)
            spellings = [(family, given)]
            if full:
                spellings.append(_full_spelling(full))
            forms.append(spellings)
        self.index = NameIndex(forms)

    def prefixes(self, i: int) -> list[str]:
        """How ``Authors with affiliations`` may begin author ``i``'s entry."""
        if i >= len(self.short):
            return []
        family, given, suffix = _short_parts(self.short[i])
        inverted = f"{family}, {given}" + (f", {suffix}" if suffix else "")
        return sorted({self.short[i], inverted}, key=len, reverse=True)

    def refs(self) -> tuple[AuthorRef, ...]:
        out = []
        for i, short in enumerate(self.short):
            if self.full[i]:
                name, initials = person_name(self.full[i])
            else:
                family, given, suffix = _short_parts(short)
                inverted = f"{family}, {given}" + (f", {suffix}" if suffix else "")
                name, initials = person_name(inverted)
            insts = tuple(self.institutions[i])
            out.append(
                AuthorRef(
                    name=name,
                    position=i + 1,
                    raw=short,
                    scopus_author_id=self.ids[i],
                    email=self.email[i],
                    affiliation=insts[0].name if insts else None,
                    institutions=insts,
                    initials_only=initials,
                )
            )
        return tuple(out)


def _split_affiliations(text: str, known: list[str]) -> list[str]:
    """One author's affiliations, joined by ", ", told apart by the record's list."""
    found: list[str] = []
    pos = 0
    while pos < len(text):
        match = next((a for a in known if text.startswith(a, pos)), None)
        if match is None:
            found.append(text[pos:].strip(" ,"))
            break
        found.append(match)
        pos += len(match)
        while pos < len(text) and text[pos] in ", ":
            pos += 1
    return [f for f in found if f]


def _attach_affiliations(authors: _Authors, row: Row) -> None:
    entries = [e for e in row.get("Authors with affiliations", "").split("; ") if e.strip()]
    known = sorted(
        {" ".join(a.split()) for a in row.get("Affiliations", "").split("; ") if a.strip()},
        key=len,
        reverse=True,
    )
    texts: list[list[str]] = [[] for _ in authors.short]
    current = -1
    for entry in entries:
        nxt = current + 1
        prefix = next(
            (p for p in authors.prefixes(nxt) if entry == p or entry.startswith(p + ",")), None
        )
        if prefix is not None:
            current = nxt
            texts[current].append(entry[len(prefix) :].lstrip(" .,"))
        elif current >= 0:
            texts[current].append(entry)  # an affiliation that itself holds "; "
        else:
            return  # entries that do not follow the author list: pair nothing
    for i, parts in enumerate(texts):
        text = " ".join("; ".join(p for p in parts if p).split())
        for affiliation in _split_affiliations(text, known) if text else ():
            inst = institution(affiliation)
            if inst is not None and inst not in authors.institutions[i]:
                authors.institutions[i].append(inst)


def _attach_emails(authors: _Authors, row: Row) -> None:
    """``Correspondence Address``: "Name; address; email: x" for each author named
    (the entries are joined by "; " or, in older exports, by a newline)."""
    name: str | None = None
    for item in (i.strip() for i in re.split(r"[;\n]", row.get("Correspondence Address", ""))):
        if name is None:
            name = item or None
        elif item.lower().startswith("email:"):
            i = authors.index.find_written(name)
            if i is not None and authors.email[i] is None:
                authors.email[i] = item[len("email:") :].strip() or None
            name = None


# ----------------------------------------------------------------------- the rest


def _cell(row: Row, column: str) -> str | None:
    value = " ".join(row.get(column, "").split())
    return value or None


def _int(text: str | None) -> int | None:
    # bounded: int() refuses 4,300 digits, and no count or page has 16
    return int(text) if text and text.isdigit() and len(text) <= 15 else None


def _venue(row: Row, year: int | None) -> VenueRef | None:
    name = _cell(row, "Source title")
    if name is None:
        return None
    dtype = (_cell(row, "Document Type") or "").lower()
    kind: VenueKind = (
        "conference"
        if dtype.startswith("conference")
        else "other"
        if dtype.startswith("book")
        else "journal"
    )
    return VenueRef(name=name, kind=kind, year=year)


def _topics(row: Row) -> tuple[TopicRef, ...]:
    seen: dict[tuple[str, str], TopicRef] = {}
    for column, kind in _TOPIC_COLUMNS:
        for item in (i.strip() for i in (_cell(row, column) or "").split(";")):
            if item:
                seen.setdefault((item.casefold(), kind), TopicRef(name=item, kind=kind))
    return tuple(seen.values())


def _paper(row: Row, line: int) -> PaperRecord:
    title = strip_markup(row.get("Title", ""))
    english = _ORIGINAL_TITLE.sub("", title)
    if english:
        title = english
    if not title:
        raise _BadRow("no title")
    authors = _Authors(row)
    _attach_affiliations(authors, row)
    _attach_emails(authors, row)
    year = _int(_cell(row, "Year"))
    abstract = _cell(row, "Abstract")
    references = _cell(row, "References")
    return PaperRecord(
        title=title,
        line=line,
        authors=authors.refs(),
        year=year,
        abstract=None if abstract == _NO_ABSTRACT else abstract,
        doi=clean_doi(_cell(row, "DOI")),
        scopus_eid=clean_scopus_eid(_cell(row, "EID")),
        pmid=clean_pmid(_cell(row, "PubMed ID")),
        url=_cell(row, "Link"),
        venue=_venue(row, year),
        volume=_cell(row, "Volume"),
        first_page=_cell(row, "Page start"),
        topics=_topics(row),
        kind=_cell(row, "Document Type"),
        cited_by=_int(_cell(row, "Cited by")),
        references=tuple(
            parse_scopus_ref(item) for item in (references or "").split("; ") if item.strip()
        ),
    )


# ------------------------------------------------------------------------ reading


def _aligned(header: list[str], row: list[str]) -> Row:
    """The row as column -> cell, with cells beyond the header taken as further
    "Funding Text" columns (see the module docstring)."""
    extra = len(row) - len(header)
    names = header
    if extra > 0:
        funding = [i for i, h in enumerate(header) if _FUNDING_RE.match(h)]
        if not funding:
            raise _BadRow(f"{len(row)} fields against a {len(header)}-field header")
        last = funding[-1]
        n = int(_FUNDING_RE.match(header[last]).group(1))  # type: ignore[union-attr]
        names = [
            *header[: last + 1],
            *(f"Funding Text {n + k}" for k in range(1, extra + 1)),
            *header[last + 1 :],
        ]
    elif extra < 0:
        raise _BadRow(f"{len(row)} fields against a {len(header)}-field header")
    cells = dict(zip(names, row, strict=True))
    eid = cells.get("EID", "").strip()
    if eid and clean_scopus_eid(eid) is None:
        raise _BadRow("the cells do not line up with the header (no EID in the EID column)")
    return cells


def iter_scopus(stream: BinaryIO, *, path: str) -> Iterator[Item]:
    """Yield one PaperRecord (or RecordError) per data row."""
    if csv.field_size_limit() < _FIELD_LIMIT:
        csv.field_size_limit(_FIELD_LIMIT)
    undecodable: set[int] = set()
    reader = csv.reader(utf8_lines(stream, undecodable))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise ParseError(path, f"not CSV ({exc})", line=1) from None
    if header is None or not any(c.strip() for c in header):
        raise ParseError(path, "the file is empty", line=1)
    if not _is_header(header):
        raise ParseError(path, "not a Scopus CSV export (no Title/Source title header)", line=1)
    header = [c.strip() for c in header]
    last = reader.line_num
    while True:
        start = last + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            last = reader.line_num
            yield RecordError(path, start, f"not CSV ({exc})")
            continue
        last = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if any(n in undecodable for n in range(start, last + 1)):
            yield RecordError(path, start, "the row is not UTF-8")
            continue
        try:
            yield _paper(_aligned(header, row), start)
        except _BadRow as exc:
            yield RecordError(path, start, str(exc))


FORMAT = Format(
    name="scopus",
    description="Scopus CSV export (before 2023 and 2023 layouts), streamed",
    sniff=looks_like_scopus,
    stream=iter_scopus,
)
