"""OpenAlex works and authors, in the three shapes OpenAlex hands them out.

- An API list response ``{"meta": ..., "results": [work, ...]}`` (pages of at most 200
  works): read whole, but each work is decoded on its own so that its record carries the
  line its object starts on.
- A single Work or Author object (``/works/W...``, ``/authors/A...``).
- Snapshot JSON lines, one work per line (hundreds of GB in the full snapshot): streamed
  one line at a time, in constant memory.

The shape is detected from the first line: if it is a complete JSON value the file is
JSON lines (a one-line single object is then simply a one-line file), else the whole text
is one JSON document. Each object is then told apart by its id: ``W...`` is a work,
``A...`` an author, an object with ``results`` a list page.

Mapping decisions:

- Ids in short form ("https://openalex.org/W2741809807" -> "W2741809807"); doi without
  "https://doi.org/", lowercased; orcid without "https://orcid.org/".
- Authors in authorship order (``position`` is the 1-based index; ``author_position``
  only says first/middle/last). ``name`` is OpenAlex's display name, ``raw`` the name
  as printed on the paper (``raw_author_name``), ``affiliation`` the first institution
  (else the first raw affiliation string). ``is_authors_truncated`` -> authors_truncated
  (list endpoints cut authorships at 100).
- topics, then concepts -> TopicRef(kind "concept", name, code = short id), first
  spelling of each name kept.
- arXiv id from ``ids.arxiv``, else an arxiv.org/abs or /pdf location, else an arXiv DOI
  (10.48550/arxiv.<id>) of the work or a location.
- Venue from ``primary_location.source``: type journal -> journal, conference ->
  conference, repository -> preprint (arXiv, HAL, Zenodo...), anything else -> other.
- Abstract rebuilt from ``abstract_inverted_index`` (words put back at their positions).
- ``referenced_works`` -> one CitedRef per OpenAlex work id (``raw`` the short id);
  ``cited_by_count`` -> cited_by; ``biblio.volume`` / ``biblio.first_page`` -> volume
  and first_page.
- A single Author object becomes a PersonRecord: aliases from
  ``display_name_alternatives``, affiliations from ``affiliations`` (as listed, newest
  first) or ``last_known_institutions``, metrics h-index / works / citations.

Errors: an empty file, text that is not JSON (or JSON nested deeper than a decoder can
follow, anywhere), or a first object that is neither a work, an author nor a list page
raises :class:`ParseError`. A later object of the wrong shape, a work without title, a
member of the wrong type (``authorships`` as a string: the record would otherwise load
as a paper without authors) or a bad JSON line becomes a :class:`RecordError` that
names the member; reading goes on. Decoding and typed access go through
loaders/jsonsafe.py.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from loaders.errors import ParseError
from loaders.format import Format, starts_with
from loaders.identifiers import (
    clean_arxiv_id,
    clean_doi,
    clean_openalex_id,
    clean_orcid,
    url_host_path,
)
from loaders.jsonsafe import (
    JSONError,
    TooDeep,
    WrongType,
    items,
    loads,
    member,
    position,
    raw_decode,
)
from loaders.records import (
    AuthorRef,
    CitedRef,
    OwnerMetrics,
    PaperRecord,
    ParsedDocument,
    PersonRecord,
    RecordError,
    TopicRef,
    VenueKind,
    VenueRef,
)
from loaders.text import escape, quote

__all__ = [
    "FORMAT",
    "iter_openalex",
    "looks_like_openalex",
    "parse_openalex",
    "rebuild_abstract",
]

Item = PaperRecord | PersonRecord | RecordError

_WS_RE = re.compile(r"[ \t\n\r]*")
_ARXIV_DOI_RE = re.compile(r"10\.48550/arxiv\.(.+)$", re.IGNORECASE)
_ARXIV_PATH_RE = re.compile(r"^/(?:abs|pdf)/(.+?)(?:v\d+)?(?:\.pdf)?/?$")
_SNIFF_RE = re.compile(r'"id"\s*:\s*"https://openalex\.org/[WA]\d+"')
_SOURCE_KINDS: dict[str, VenueKind] = {
    "journal": "journal",
    "conference": "conference",
    "repository": "preprint",
}


class _BadRecord(ValueError):
    """An object this loader cannot use; becomes a RecordError for its line."""


Obj = dict[str, Any]


class _WrongShape(_BadRecord):
    """Not a work, an author or a list page; fatal when it is the first object."""


def looks_like_openalex(head: bytes) -> bool:
    """True when the first bytes hold an OpenAlex work or author id.

    >>> looks_like_openalex(b'{"id":"https://openalex.org/W2741809807","doi":null}')
    True
    >>> looks_like_openalex(b'{"id":"0704.0001","submitter":"P"}')
    False
    """
    return _SNIFF_RE.search(head[:4096].decode("utf-8", errors="replace")) is not None


def rebuild_abstract(inverted: dict[str, list[int]]) -> str:
    """Put an ``abstract_inverted_index`` back into running text.

    >>> rebuild_abstract({"Despite": [0], "interest": [2], "growing": [1]})
    'Despite growing interest'
    """
    placed: list[tuple[int, str]] = []
    for word in inverted:
        placed.extend((p, word) for p in items(inverted, word, int, "abstract_inverted_index."))
    placed.sort()
    return " ".join(word for _, word in placed)


def _text(obj: Obj, key: str, where: str = "") -> str | None:
    """A string member, blanks collapsed; None when absent, null or blank."""
    value = member(obj, key, str, where)
    return (" ".join(value.split()) or None) if value is not None else None


def _obj(obj: Obj, key: str, where: str = "") -> Obj:
    """An object member; an empty one when absent or null."""
    return member(obj, key, dict, where) or {}


def _short(obj: Obj, key: str = "id", where: str = "") -> str | None:
    value = member(obj, key, str, where)
    return clean_openalex_id(value) if value is not None else None


def _orcid(obj: Obj, where: str = "") -> str | None:
    value = member(obj, "orcid", str, where)
    return clean_orcid(value) if value is not None else None


def _arxiv_from_url(url: str | None) -> str | None:
    if url is None:
        return None
    host, path = url_host_path(url)
    if host.endswith("arxiv.org"):
        m = _ARXIV_PATH_RE.match(path)
        return m.group(1) if m is not None else None
    doi = clean_doi(url) if host.endswith("doi.org") else None
    m = _ARXIV_DOI_RE.match(doi or "")
    return m.group(1) if m is not None else None


def _arxiv_id(work: Obj, doi: str | None) -> str | None:
    arxiv = member(_obj(work, "ids"), "arxiv", str, "ids.")
    urls = [
        member(loc, key, str, f"locations[{n}].")
        for n, loc in enumerate(items(work, "locations", dict))
        for key in ("landing_page_url", "pdf_url")
    ]  # read (and type-checked) whether or not ids.arxiv makes them unnecessary
    given = clean_arxiv_id(arxiv) if arxiv is not None else None
    if given:
        return given
    for url in urls:
        found = _arxiv_from_url(url)
        if found:
            return found
    m = _ARXIV_DOI_RE.match(doi or "")
    return m.group(1) if m is not None else None


def _author_ref(authorship: Obj, position: int) -> AuthorRef:
    where = f"authorships[{position - 1}]."
    author = _obj(authorship, "author", where)
    raw = _text(authorship, "raw_author_name", where)
    name = _text(author, "display_name", where + "author.") or raw
    if name is None:
        raise _BadRecord(f"authorship {position} has no author name")
    institutions = [
        _text(inst, "display_name", f"{where}institutions[{n}].")
        for n, inst in enumerate(items(authorship, "institutions", dict, where))
    ]
    raw_affs = [
        " ".join(s.split()) or None
        for s in items(authorship, "raw_affiliation_strings", str, where)
    ]
    affiliation = next((i for i in institutions + raw_affs if i), None)
    return AuthorRef(
        name=name,
        position=position,
        raw=raw,
        orcid=_orcid(author, where + "author."),
        openalex_id=_short(author, "id", where + "author."),
        affiliation=affiliation,
    )


def _topics(work: Obj) -> tuple[TopicRef, ...]:
    topics: list[TopicRef] = []
    seen: set[str] = set()
    for key in ("topics", "concepts"):
        for n, entry in enumerate(items(work, key, dict)):
            name = _text(entry, "display_name", f"{key}[{n}].")
            if name is None or name.casefold() in seen:
                continue
            seen.add(name.casefold())
            code = _short(entry, "id", f"{key}[{n}].")
            topics.append(TopicRef(name=name, kind="concept", code=code))
    return tuple(topics)


def _venue(work: Obj, year: int | None) -> VenueRef | None:
    source = _obj(_obj(work, "primary_location"), "source", "primary_location.")
    name = _text(source, "display_name", "primary_location.source.")
    if name is None:
        return None
    kind = _SOURCE_KINDS.get(member(source, "type", str, "primary_location.source.") or "")
    return VenueRef(name=name, kind=kind or "other", year=year)


def _date(work: Obj) -> dt.date | None:
    value = member(work, "publication_date", str)
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise _BadRecord(f"publication_date {quote(value)} is not an ISO date") from exc


def _work(work: Obj, line: int) -> PaperRecord:
    openalex_id = _short(work)
    display_name, plain_title = _text(work, "display_name"), _text(work, "title")
    title = display_name or plain_title
    if title is None:
        raise _BadRecord(f"work {escape(openalex_id or '')} has no title")
    year = member(work, "publication_year", int)
    doi_text = member(work, "doi", str)
    doi = clean_doi(doi_text) if doi_text is not None else None
    inverted = member(work, "abstract_inverted_index", dict)
    landing = member(_obj(work, "primary_location"), "landing_page_url", str, "primary_location.")
    biblio = _obj(work, "biblio")
    cited_by = member(work, "cited_by_count", int)
    return PaperRecord(
        title=title,
        line=line,
        authors=tuple(
            _author_ref(a, pos) for pos, a in enumerate(items(work, "authorships", dict), 1)
        ),
        authors_truncated=bool(member(work, "is_authors_truncated", bool)),
        year=year,
        date=_date(work),
        abstract=(rebuild_abstract(inverted) or None) if inverted is not None else None,
        doi=doi,
        arxiv_id=_arxiv_id(work, doi),
        openalex_id=openalex_id,
        url=landing if landing is not None and "doi.org/" not in landing else None,
        venue=_venue(work, year),
        volume=_text(biblio, "volume", "biblio."),
        first_page=_text(biblio, "first_page", "biblio."),
        topics=_topics(work),
        kind=_text(work, "type"),
        cited_by=cited_by,
        references=tuple(
            CitedRef(raw=short, openalex_id=short)
            for short in (clean_openalex_id(w) for w in items(work, "referenced_works", str))
            if short
        ),
    )


def _person(author: Obj, line: int) -> PersonRecord:
    name = _text(author, "display_name")
    if name is None:
        raise _BadRecord(f"author {escape(_short(author) or '')} has no display_name")
    aliases: list[str] = []
    for alt in items(author, "display_name_alternatives", str):
        alias = " ".join(alt.split())
        if alias and alias != name and alias not in aliases:
            aliases.append(alias)
    institutions = [
        _obj(a, "institution", f"affiliations[{n}].")
        for n, a in enumerate(items(author, "affiliations", dict))
    ]
    if not institutions:
        institutions = items(author, "last_known_institutions", dict)
    affiliations: list[str] = []
    for inst in institutions:
        inst_name = _text(inst, "display_name", "institution.")
        if inst_name and inst_name not in affiliations:
            affiliations.append(inst_name)
    stats = _obj(author, "summary_stats")
    return PersonRecord(
        name=name,
        line=line,
        aliases=tuple(aliases),
        metrics=OwnerMetrics(
            h_index=member(stats, "h_index", int, "summary_stats."),
            paper_count=member(author, "works_count", int),
            citations=member(author, "cited_by_count", int),
        ),
        affiliations=tuple(affiliations),
        orcid=_orcid(author),
        openalex_id=_short(author),
    )


def _record(obj: Any, line: int) -> PaperRecord | PersonRecord:
    """One work or author object -> its record; the id's letter says which. A member
    of the wrong type makes the record unusable (the message names the member)."""
    if not isinstance(obj, dict):
        raise _WrongShape("not an OpenAlex work, author or list response")
    try:
        short = _short(obj)
    except WrongType as exc:
        raise _WrongShape("not an OpenAlex work, author or list response") from exc
    try:
        if short and short.startswith("W"):
            return _work(obj, line)
        if short and short.startswith("A"):
            return _person(obj, line)
    except WrongType as exc:
        raise _BadRecord(str(exc)) from None
    raise _WrongShape("not an OpenAlex work, author or list response")


class _Reader:
    """Turns (line, object) pairs into records; the first object decides the format."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.shape_known = False

    def items(self, line: int, obj: Any) -> Iterator[Item]:
        page = obj.get("results") if isinstance(obj, dict) else None
        for one in page if isinstance(page, list) else [obj]:
            rec: Item
            try:
                rec = _record(one, line)
            except _WrongShape as exc:
                if not self.shape_known:
                    raise ParseError(self.path, str(exc), line=line) from None
                yield RecordError(self.path, line, str(exc))
                continue
            except _BadRecord as exc:
                rec = RecordError(self.path, line, str(exc))
            self.shape_known = True
            yield rec


class _Lines:
    """Maps string offsets to 1-based lines, for offsets that only grow."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.offset = 0
        self.line = 1

    def at(self, offset: int) -> int:
        self.line += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.line


def _skip_ws(text: str, i: int) -> int:
    m = _WS_RE.match(text, i)
    return m.end() if m is not None else i


def _array(text: str, i: int, lines: _Lines) -> tuple[list[tuple[int, Any]], int]:
    """(line, value) of each element of the JSON array at ``text[i] == "["``, and the
    offset just past the array."""
    found: list[tuple[int, Any]] = []
    i = _skip_ws(text, i + 1)
    if text.startswith("]", i):
        return found, i + 1
    while True:
        value, end = raw_decode(text, i)
        found.append((lines.at(i), value))
        i = _skip_ws(text, end)
        if text.startswith(",", i):
            i = _skip_ws(text, i + 1)
        elif text.startswith("]", i):
            return found, i + 1
        else:
            raise JSONError("expecting ',' delimiter", *position(text, i))


def _document(text: str) -> list[tuple[int, Any]]:
    """(line, object) pairs of one JSON document: the works of a list page (or of a
    bare array) one by one, else the document's single object."""
    lines = _Lines(text)
    i = _skip_ws(text, 0)
    if text.startswith("[", i):
        found, i = _array(text, i, lines)
    elif text.startswith("{", i):
        found, i = _object(text, i, lines)
    else:
        raise JSONError("expecting a JSON object", *position(text, i))
    if _skip_ws(text, i) != len(text):
        raise JSONError("extra data", *position(text, _skip_ws(text, i)))
    return found


def _object(text: str, start: int, lines: _Lines) -> tuple[list[tuple[int, Any]], int]:
    """Walk a top-level object member by member so that a ``results`` array's elements
    keep their own lines; any other object is one item at its opening line."""
    members: dict[str, Any] = {}
    results: list[tuple[int, Any]] | None = None
    i = _skip_ws(text, start + 1)
    while not text.startswith("}", i):
        if not text.startswith('"', i):
            raise JSONError("expecting property name enclosed in double quotes", *position(text, i))
        key, i = raw_decode(text, i)
        i = _skip_ws(text, i)
        if not text.startswith(":", i):
            raise JSONError("expecting ':' delimiter", *position(text, i))
        i = _skip_ws(text, i + 1)
        if key == "results" and text.startswith("[", i):
            results, i = _array(text, i, lines)
        else:
            members[key], i = raw_decode(text, i)
        i = _skip_ws(text, i)
        if text.startswith(",", i):
            i = _skip_ws(text, i + 1)
        elif not text.startswith("}", i):
            raise JSONError("expecting ',' delimiter", *position(text, i))
    if results is not None:
        return results, i + 1
    return [(1 + text.count("\n", 0, start), members)], i + 1


def _looks_like_one_line_object(text: str) -> bool:
    s = text.strip()
    return len(s) > 1 and s.startswith("{") and s.endswith("}")


def iter_openalex(stream: BinaryIO, *, path: str) -> Iterator[Item]:
    """Yield the works (PaperRecord), authors (PersonRecord) and bad records of a stream."""
    reader = _Reader(path)
    first_no, first = 0, b""
    for raw in stream:
        first_no += 1
        if raw.strip():
            first = raw
            break
    if not first:
        raise ParseError(path, "empty file", line=1)
    try:
        obj = loads(first)
    except TooDeep as exc:
        raise ParseError(path, f"not usable JSON: {exc.on_line}", line=first_no) from None
    except JSONError as exc:
        if _looks_like_one_line_object(first.decode("utf-8", "replace")):
            yield RecordError(path, first_no, f"not JSON: {exc.on_line}")
            yield from _json_lines(stream, first_no, reader, path)
            return
        yield from _whole(first + stream.read(), first_no, reader, path)
        return
    yield from reader.items(first_no, obj)
    yield from _json_lines(stream, first_no, reader, path)


def _json_lines(stream: BinaryIO, after: int, reader: _Reader, path: str) -> Iterator[Item]:
    for line_no, raw in enumerate(stream, after + 1):
        if not raw.strip():
            continue
        try:
            obj = loads(raw)
        except TooDeep as exc:
            raise ParseError(path, f"not usable JSON: {exc.on_line}", line=line_no) from None
        except JSONError as exc:
            yield RecordError(path, line_no, f"not JSON: {exc.on_line}")
            continue
        yield from reader.items(line_no, obj)


def _whole(data: bytes, first_no: int, reader: _Reader, path: str) -> Iterator[Item]:
    """A JSON document spread over many lines; ``first_no`` is its first non-blank line."""
    try:
        text = data.decode("utf-8-sig")
        pairs = _document(text)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + first_no
        raise ParseError(path, f"not UTF-8 text: {exc.reason}", line=line) from None
    except JSONError as exc:
        line = first_no + exc.line - 1 if exc.line is not None else first_no
        kind = "not usable JSON" if isinstance(exc, TooDeep) else "not JSON"
        raise ParseError(path, f"{kind}: {exc.on_line}", line=line) from None
    for line, obj in pairs:
        yield from reader.items(first_no + line - 1, obj)


def parse_openalex(data: bytes | str, *, path: str) -> ParsedDocument:
    """Read a whole OpenAlex document (list page, single object or JSON lines)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    doc = ParsedDocument(path=path, format="openalex")
    for item in iter_openalex(io.BytesIO(raw), path=path):
        doc.read += 1
        doc.add(item)
    return doc


def _sniff(head: str) -> bool:
    """JSON that names OpenAlex or has its work and author keys."""
    return starts_with(head, "{", "[") and (
        "openalex.org" in head or '"authorships"' in head or '"display_name"' in head
    )


FORMAT = Format(
    name="openalex",
    description="OpenAlex works or authors (API JSON or JSON lines), streamed",
    sniff=_sniff,
    stream=iter_openalex,
)
