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

Errors: an empty file, text that is not JSON, or a first object that is neither a work,
an author nor a list page raises :class:`ParseError`. A later object of the wrong shape,
a work without title, or a bad JSON line becomes a :class:`RecordError`; reading goes on.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from loaders.errors import ParseError
from loaders.format import Format, starts_with
from loaders.identifiers import clean_arxiv_id, clean_doi, clean_openalex_id, clean_orcid
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

__all__ = [
    "FORMAT",
    "iter_openalex",
    "looks_like_openalex",
    "parse_openalex",
    "rebuild_abstract",
]

Item = PaperRecord | PersonRecord | RecordError

_DECODER = json.JSONDecoder()
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
    for word, positions in inverted.items():
        if not isinstance(positions, list):
            raise _BadRecord(f"abstract_inverted_index[{word!r}] is not a list")
        placed.extend((int(p), word) for p in positions)
    placed.sort()
    return " ".join(word for _, word in placed)


def _short(openalex_url: Any) -> str | None:
    return clean_openalex_id(openalex_url) if isinstance(openalex_url, str) else None


def _doi(value: Any) -> str | None:
    return clean_doi(value) if isinstance(value, str) else None


def _orcid(value: Any) -> str | None:
    return clean_orcid(value) if isinstance(value, str) else None


def _norm(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _arxiv_from_url(url: Any) -> str | None:
    if not isinstance(url, str):
        return None
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host.endswith("arxiv.org"):
        m = _ARXIV_PATH_RE.match(parts.path)
        return m.group(1) if m is not None else None
    doi = _doi(url) if host.endswith("doi.org") else None
    m = _ARXIV_DOI_RE.match(doi or "")
    return m.group(1) if m is not None else None


def _arxiv_id(work: dict[str, Any], doi: str | None) -> str | None:
    ids = _dict(work.get("ids"))
    given = clean_arxiv_id(ids["arxiv"]) if isinstance(ids.get("arxiv"), str) else None
    if given:
        return given
    for loc in _list(work.get("locations")):
        loc = _dict(loc)
        for key in ("landing_page_url", "pdf_url"):
            found = _arxiv_from_url(loc.get(key))
            if found:
                return found
    m = _ARXIV_DOI_RE.match(doi or "")
    return m.group(1) if m is not None else None


def _author_ref(authorship: Any, position: int) -> AuthorRef:
    a = _dict(authorship)
    author = _dict(a.get("author"))
    raw = _norm(a.get("raw_author_name"))
    name = _norm(author.get("display_name")) or raw
    if name is None:
        raise _BadRecord(f"authorship {position} has no author name")
    institutions = [_norm(_dict(i).get("display_name")) for i in _list(a.get("institutions"))]
    raw_affs = [_norm(s) for s in _list(a.get("raw_affiliation_strings"))]
    affiliation = next((i for i in institutions + raw_affs if i), None)
    return AuthorRef(
        name=name,
        position=position,
        raw=raw,
        orcid=_orcid(author.get("orcid")),
        openalex_id=_short(author.get("id")),
        affiliation=affiliation,
    )


def _topics(work: dict[str, Any]) -> tuple[TopicRef, ...]:
    topics: list[TopicRef] = []
    seen: set[str] = set()
    for entry in _list(work.get("topics")) + _list(work.get("concepts")):
        name = _norm(_dict(entry).get("display_name"))
        if name is None or name.casefold() in seen:
            continue
        seen.add(name.casefold())
        topics.append(TopicRef(name=name, kind="concept", code=_short(_dict(entry).get("id"))))
    return tuple(topics)


def _venue(work: dict[str, Any], year: int | None) -> VenueRef | None:
    source = _dict(_dict(work.get("primary_location")).get("source"))
    name = _norm(source.get("display_name"))
    if name is None:
        return None
    kind = _SOURCE_KINDS.get(str(source.get("type")), "other")
    return VenueRef(name=name, kind=kind, year=year)


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise _BadRecord(f"publication_date {value!r} is not an ISO date") from exc


def _work(work: dict[str, Any], line: int) -> PaperRecord:
    openalex_id = _short(work.get("id"))
    title = _norm(work.get("display_name")) or _norm(work.get("title"))
    if title is None:
        raise _BadRecord(f"work {openalex_id} has no title")
    year = work.get("publication_year")
    if year is not None and not isinstance(year, int):
        raise _BadRecord(f"work {openalex_id}: publication_year {year!r} is not a number")
    doi = _doi(work.get("doi"))
    inverted = work.get("abstract_inverted_index")
    landing = _dict(work.get("primary_location")).get("landing_page_url")
    biblio = _dict(work.get("biblio"))
    cited_by = work.get("cited_by_count")
    return PaperRecord(
        title=title,
        line=line,
        authors=tuple(
            _author_ref(a, pos) for pos, a in enumerate(_list(work.get("authorships")), 1)
        ),
        authors_truncated=bool(work.get("is_authors_truncated")),
        year=year,
        date=_date(work.get("publication_date")),
        abstract=(rebuild_abstract(inverted) or None) if isinstance(inverted, dict) else None,
        doi=doi,
        arxiv_id=_arxiv_id(work, doi),
        openalex_id=openalex_id,
        url=landing if isinstance(landing, str) and "doi.org/" not in landing else None,
        venue=_venue(work, year),
        volume=_norm(biblio.get("volume")),
        first_page=_norm(biblio.get("first_page")),
        topics=_topics(work),
        kind=_norm(work.get("type")),
        cited_by=cited_by if isinstance(cited_by, int) else None,
        references=tuple(
            CitedRef(raw=short, openalex_id=short)
            for short in map(_short, _list(work.get("referenced_works")))
            if short
        ),
    )


def _person(author: dict[str, Any], line: int) -> PersonRecord:
    name = _norm(author.get("display_name"))
    if name is None:
        raise _BadRecord(f"author {_short(author.get('id'))} has no display_name")
    aliases: list[str] = []
    for alt in _list(author.get("display_name_alternatives")):
        alias = _norm(alt)
        if alias and alias != name and alias not in aliases:
            aliases.append(alias)
    institutions = [_dict(a).get("institution") for a in _list(author.get("affiliations"))]
    if not institutions:
        institutions = _list(author.get("last_known_institutions"))
    affiliations: list[str] = []
    for inst in institutions:
        inst_name = _norm(_dict(inst).get("display_name"))
        if inst_name and inst_name not in affiliations:
            affiliations.append(inst_name)
    stats = _dict(author.get("summary_stats"))
    return PersonRecord(
        name=name,
        line=line,
        aliases=tuple(aliases),
        metrics=OwnerMetrics(
            h_index=stats.get("h_index"),
            paper_count=author.get("works_count"),
            citations=author.get("cited_by_count"),
        ),
        affiliations=tuple(affiliations),
        orcid=_orcid(author.get("orcid")),
        openalex_id=_short(author.get("id")),
    )


def _record(obj: Any, line: int) -> PaperRecord | PersonRecord:
    """One work or author object -> its record; the id's letter says which."""
    short = _short(obj.get("id")) if isinstance(obj, dict) else None
    if isinstance(obj, dict) and short and short.startswith("W"):
        return _work(obj, line)
    if isinstance(obj, dict) and short and short.startswith("A"):
        return _person(obj, line)
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
    items: list[tuple[int, Any]] = []
    i = _skip_ws(text, i + 1)
    if text.startswith("]", i):
        return items, i + 1
    while True:
        value, end = _DECODER.raw_decode(text, i)
        items.append((lines.at(i), value))
        i = _skip_ws(text, end)
        if text.startswith(",", i):
            i = _skip_ws(text, i + 1)
        elif text.startswith("]", i):
            return items, i + 1
        else:
            raise json.JSONDecodeError("Expecting ',' delimiter", text, i)


def _document(text: str) -> list[tuple[int, Any]]:
    """(line, object) pairs of one JSON document: the works of a list page (or of a
    bare array) one by one, else the document's single object."""
    lines = _Lines(text)
    i = _skip_ws(text, 0)
    if text.startswith("[", i):
        items, i = _array(text, i, lines)
    elif text.startswith("{", i):
        items, i = _object(text, i, lines)
    else:
        raise json.JSONDecodeError("Expecting a JSON object", text, i)
    if _skip_ws(text, i) != len(text):
        raise json.JSONDecodeError("Extra data", text, _skip_ws(text, i))
    return items


def _object(text: str, start: int, lines: _Lines) -> tuple[list[tuple[int, Any]], int]:
    """Walk a top-level object member by member so that a ``results`` array's elements
    keep their own lines; any other object is one item at its opening line."""
    members: dict[str, Any] = {}
    results: list[tuple[int, Any]] | None = None
    i = _skip_ws(text, start + 1)
    while not text.startswith("}", i):
        key, i = _DECODER.raw_decode(text, i)
        i = _skip_ws(text, i)
        if not text.startswith(":", i):
            raise json.JSONDecodeError("Expecting ':' delimiter", text, i)
        i = _skip_ws(text, i + 1)
        if key == "results" and text.startswith("[", i):
            results, i = _array(text, i, lines)
        else:
            members[key], i = _DECODER.raw_decode(text, i)
        i = _skip_ws(text, i)
        if text.startswith(",", i):
            i = _skip_ws(text, i + 1)
        elif not text.startswith("}", i):
            raise json.JSONDecodeError("Expecting ',' delimiter", text, i)
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
        obj = json.loads(first)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        if _looks_like_one_line_object(first.decode("utf-8", "replace")):
            yield RecordError(path, first_no, f"not JSON: {exc}")
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
            obj = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield RecordError(path, line_no, f"not JSON: {exc}")
            continue
        yield from reader.items(line_no, obj)


def _whole(data: bytes, first_no: int, reader: _Reader, path: str) -> Iterator[Item]:
    """A JSON document spread over many lines; ``first_no`` is its first non-blank line."""
    try:
        text = data.decode("utf-8-sig")
        pairs = _document(text)
    except UnicodeDecodeError as exc:
        raise ParseError(path, f"not UTF-8 text: {exc.reason}", line=None) from None
    except json.JSONDecodeError as exc:
        raise ParseError(path, f"not JSON: {exc.msg}", line=first_no + exc.lineno - 1) from None
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
