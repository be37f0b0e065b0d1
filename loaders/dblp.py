"""dblp XML (the ``dblp.xml`` dump and excerpts of it), streamed in constant memory.

Why expat and not ElementTree: dblp.xml spells accented letters as HTML entities
(``&ouml;``) that only its external DTD defines. ElementTree cannot load an external DTD
and stops at "undefined entity"; pyexpat can, through its external entity handler. That
handler reads the DTD from a local file only, never from the URL or path the DOCTYPE
names: ``dtd_path`` when given, else the file the DOCTYPE names (its base name, ending
in ``.dtd``) next to the XML file, else the copy shipped in ``loaders/data/dblp.dtd``
(dblp's DTD of May 10, 2023, CC0; 65 named character entities). Every other external
entity is refused, so a document cannot make the loader read arbitrary files.

Each record is built at its end tag and dropped, so memory stays flat however big the
file is (tests/loaders/test_dblp.py checks that it does not grow with the record count).

Mapping decisions:

- Author identity. In the dump a dblp name *is* a person identifier: homonyms are told
  apart by a four-digit suffix ("Frank Hoffmann 0001"). ``AuthorRef.name`` is the display
  name without the suffix, ``AuthorRef.dblp_pid`` the full dblp name (with the suffix when
  there is one), ``AuthorRef.raw`` the text as written. ``PersonRecord.dblp_pid`` uses the
  same namespace (the person record's primary name) so the resolver can join the two.
  dblp's numeric person key ("homepages/149/5206") has no field in the records and is not
  kept; an author listed under one of a person's alias names carries the alias as
  ``dblp_pid`` because mapping aliases to primary names would need the whole dump.
- Record kinds. article, inproceedings, incollection, book, phdthesis, mastersthesis and
  data become PaperRecords (``kind`` = element name). www records keyed ``homepages/...``
  become PersonRecords (name = first author, aliases = the other names, affiliations from
  ``<note type="affiliation">``, orcid from an orcid.org ``<url>``, homepage = the first
  other non-registry url). These are counted in ``read`` but yield nothing and no error:
  proceedings (a volume, not a paper; its editors are not its authors), www records that
  are not homepages or are disambiguation pages (one name shared by several unidentified
  people), and ``dblpnote/*`` placeholders ("(error)", "(was never published)"). So for
  dblp, read == papers + people + errors + skipped records.
- Venue. journal -> kind journal, except "CoRR" -> preprint (dblp's name for arXiv);
  an inproceedings' booktitle -> conference, or workshop when the name says "Workshop";
  an incollection's booktitle -> other (it names a book).
- Links. A doi.org ``<ee>`` -> doi (lowercased), an arxiv.org/abs or /pdf ``<ee>`` ->
  arxiv_id (version dropped), the first other ``<ee>`` -> url.
- ``<volume>`` -> volume, the first page of ``<pages>`` ("123-130") -> first_page.
- ``<cite>`` -> a CitedRef naming the cited record's dblp key (``raw`` and
  ``dblp_key``); dblp writes ``...`` for a reference it could not identify, which is
  not kept.
- Not kept, for want of a field in PaperRecord: crossref, editors.

Errors. An empty file, a file that is not XML before its root opens, or a root other than
``<dblp>`` raise :class:`ParseError`. An undefined entity also raises: it means the DTD is
missing or incomplete, a set-up problem that would corrupt every later name. XML that
breaks inside ``<dblp>`` (a truncated dump) yields the records before it, then one
:class:`RecordError` naming the line, and stops: expat cannot resume after it. A record
without key or title, with a year that is not a number or an ``orcid`` attribute that is
not an ORCID iD (values of the wrong type), is a RecordError and parsing goes on.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote
from xml.parsers import expat

from loaders.errors import ParseError
from loaders.format import Format, starts_with
from loaders.identifiers import clean_doi, clean_orcid, url_host_path
from loaders.records import (
    AuthorRef,
    CitedRef,
    PaperRecord,
    ParsedDocument,
    PersonRecord,
    RecordError,
    VenueKind,
    VenueRef,
)
from loaders.references import first_page
from loaders.text import escape, quote

__all__ = [
    "FORMAT",
    "SHIPPED_DTD",
    "DblpReader",
    "iter_dblp",
    "looks_like_dblp",
    "parse_dblp",
    "split_homonym",
]

SHIPPED_DTD = Path(__file__).resolve().parent / "data" / "dblp.dtd"

PAPER_TAGS = frozenset(
    {"article", "inproceedings", "incollection", "book", "phdthesis", "mastersthesis", "data"}
)
PERSON_TAGS = frozenset({"www", "person"})
SKIPPED_TAGS = frozenset({"proceedings"})

_CHUNK = 1 << 20
_UNDEFINED_ENTITY = expat.errors.codes[expat.errors.XML_ERROR_UNDEFINED_ENTITY]
_HOMONYM_RE = re.compile(r"^(.*\S)\s+(\d{4})$")
_ARXIV_PATH_RE = re.compile(r"^/(?:abs|pdf)/(.+?)(?:v\d+)?(?:\.pdf)?/?$")
_YEAR_RE = re.compile(r"\d{4}")
_SNIFF_RE = re.compile(r"<!DOCTYPE\s+dblp\b|<dblp[\s>/]")
# Profile registries a dblp person record links to; they identify, they are not homepages.
_REGISTRY_HOSTS = (
    "orcid.org",
    "researcherid.com",
    "scopus.com",
    "scholar.google",
    "wikidata.org",
    "d-nb.info",
    "viaf.org",
    "isni.org",
    "id.loc.gov",
    "zbmath.org",
    "mathgenealogy.org",
    "genealogy.math.ndsu.nodak.edu",
    "dl.acm.org",
    "ieeexplore.ieee.org",
    "researchgate.net",
    "linkedin.com",
    "twitter.com",
    "x.com",
    "wikipedia.org",
)

Item = PaperRecord | PersonRecord | RecordError


class _Fatal(Exception):
    """Stops the whole document; becomes a ParseError with the line."""

    def __init__(self, reason: str, line: int | None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


@dataclass(slots=True)
class _Field:
    name: str
    text: str
    attrs: dict[str, str]


@dataclass(slots=True)
class _Open:
    """The record being read: only its own fields, dropped at its end tag."""

    tag: str
    attrs: dict[str, str]
    line: int
    fields: list[_Field] = field(default_factory=list)


def split_homonym(dblp_name: str) -> tuple[str, str | None]:
    """Split dblp's homonym suffix off a name.

    >>> split_homonym("Frank Hoffmann 0001")
    ('Frank Hoffmann', '0001')
    >>> split_homonym("Jon Barker")
    ('Jon Barker', None)
    """
    m = _HOMONYM_RE.match(dblp_name)
    if m is None:
        return dblp_name, None
    return m.group(1), m.group(2)


def looks_like_dblp(head: bytes) -> bool:
    """True when the first bytes are dblp XML (its DOCTYPE or its ``<dblp>`` root).

    >>> looks_like_dblp(b'<?xml version="1.0"?>\\n<!DOCTYPE dblp SYSTEM "dblp.dtd">')
    True
    >>> looks_like_dblp(b"@article{x, title={dblp}}")
    False
    """
    text = head[:4096].decode("latin-1").lstrip("\ufeff\xef\xbb\xbf \t\r\n")
    return text.startswith("<") and _SNIFF_RE.search(text) is not None


def _norm(text: str) -> str:
    return " ".join(text.split())


def _texts(rec: _Open, name: str) -> list[str]:
    return [_norm(f.text) for f in rec.fields if f.name == name]


def _first(rec: _Open, name: str) -> str | None:
    for f in rec.fields:
        if f.name == name:
            return _norm(f.text) or None
    return None


def _venue(rec: _Open, year: int | None) -> VenueRef | None:
    journal = _first(rec, "journal")
    if journal:
        kind: VenueKind = "preprint" if journal == "CoRR" else "journal"
        return VenueRef(name=journal, kind=kind, year=year)
    booktitle = _first(rec, "booktitle")
    if not booktitle:
        return None
    kind = "other"
    if rec.tag == "inproceedings":
        kind = "workshop" if "workshop" in booktitle.lower() else "conference"
    return VenueRef(name=booktitle, kind=kind, year=year)


def _links(ees: list[str]) -> tuple[str | None, str | None, str | None]:
    """(doi, arxiv_id, url) from a record's electronic editions, first of each kind."""
    doi = arxiv = url = None
    for ee in ees:
        host, path = url_host_path(ee)
        if host in ("doi.org", "dx.doi.org", "www.doi.org"):
            doi = doi or clean_doi(unquote(path.lstrip("/")))
            continue
        if host.endswith("arxiv.org"):
            m = _ARXIV_PATH_RE.match(path)
            if m is not None:
                arxiv = arxiv or m.group(1)
                continue
        url = url or ee or None
    return doi, arxiv, url


def _orcid(f: _Field) -> str | None:
    """The ``orcid`` attribute of a name, or None when it has none; ``ValueError`` when
    it has one that is not an ORCID iD."""
    given = f.attrs.get("orcid")
    orcid = clean_orcid(given)
    if given is not None and orcid is None:
        raise ValueError(f"orcid {quote(given)} is not an ORCID iD")
    return orcid


def _author(f: _Field, position: int) -> AuthorRef:
    full = _norm(f.text)
    display, _ = split_homonym(full)
    return AuthorRef(
        name=display,
        position=position,
        raw=full,
        orcid=_orcid(f),
        dblp_pid=full,
    )


def _paper(rec: _Open, key: str, path: str) -> PaperRecord | RecordError:
    this = f"<{rec.tag[:40]} key={quote(key)}>"
    title = _first(rec, "title")
    if title is None:
        return RecordError(path, rec.line, f"{this} has no title")
    year_text = _first(rec, "year")
    year = None
    if year_text is not None:
        if not _YEAR_RE.fullmatch(year_text):
            return RecordError(path, rec.line, f"{this} year {quote(year_text)} is not a year")
        year = int(year_text)
    author_fields = [f for f in rec.fields if f.name == "author"]
    for pos, f in enumerate(author_fields, 1):
        if not _norm(f.text):
            return RecordError(path, rec.line, f"{this} author {pos} is empty")
        try:
            _orcid(f)
        except ValueError as exc:
            return RecordError(path, rec.line, f"{this} author {pos}: {exc}")
    doi, arxiv_id, url = _links(_texts(rec, "ee"))
    return PaperRecord(
        title=title,
        line=rec.line,
        authors=tuple(_author(f, pos) for pos, f in enumerate(author_fields, 1)),
        year=year,
        doi=doi,
        arxiv_id=arxiv_id,
        dblp_key=key,
        url=url,
        venue=_venue(rec, year),
        volume=_first(rec, "volume"),
        first_page=first_page(_first(rec, "pages")),
        kind=rec.tag,
        references=tuple(
            CitedRef(raw=cite, dblp_key=cite) for cite in _texts(rec, "cite") if cite != "..."
        ),
    )


def _is_registry(url: str) -> bool:
    host = url_host_path(url)[0]
    return any(
        host == h or host.endswith("." + h) or host.startswith(h + ".") for h in _REGISTRY_HOSTS
    )


def _person(rec: _Open, key: str, path: str) -> PersonRecord | RecordError | None:
    if not key.startswith("homepages/"):
        return None
    if any(f.name == "note" and f.attrs.get("type") == "disambiguation" for f in rec.fields):
        return None
    names = [f for f in rec.fields if f.name == "author" and _norm(f.text)]
    if not names:
        return RecordError(path, rec.line, f"person record {quote(key)} names nobody")
    try:
        orcid = _orcid(names[0])
    except ValueError as exc:
        return RecordError(path, rec.line, f"person record {quote(key)}: {exc}")
    primary = _norm(names[0].text)
    display, _ = split_homonym(primary)
    aliases: list[str] = []
    for f in names[1:]:
        alias, _ = split_homonym(_norm(f.text))
        if alias != display and alias not in aliases:
            aliases.append(alias)
    urls = _texts(rec, "url")
    for u in urls:
        if orcid is None and "orcid.org" in u:
            orcid = clean_orcid(u)
    notes = [f for f in rec.fields if f.name == "note"]
    affiliations = tuple(_norm(f.text) for f in notes if f.attrs.get("type") == "affiliation")
    return PersonRecord(
        name=display,
        line=rec.line,
        aliases=tuple(aliases),
        affiliations=affiliations,
        homepage=next((u for u in urls if u and not _is_registry(u)), None),
        orcid=orcid,
        dblp_pid=primary,
    )


def _build(rec: _Open, path: str) -> Item | None:
    key = rec.attrs.get("key")
    if not key:
        return RecordError(path, rec.line, f"<{rec.tag[:40]}> record has no key")
    if rec.tag in PAPER_TAGS:
        return None if key.startswith("dblpnote/") else _paper(rec, key, path)
    if rec.tag in PERSON_TAGS:
        return _person(rec, key, path)
    if rec.tag in SKIPPED_TAGS:
        return None
    return RecordError(
        path, rec.line, f"<{rec.tag[:40]} key={quote(key)}> is not a dblp record element"
    )


class _Handlers:
    """expat callbacks: keep the one open record, hand finished ones to ``done``."""

    def __init__(self, parser: expat.XMLParserType, path: str, dtd_path: str | None) -> None:
        self.parser = parser
        self.path = path
        self.dtd_path = dtd_path
        self.depth = 0
        self.root_open = False
        self.record: _Open | None = None
        self.field_name: str | None = None
        self.field_attrs: dict[str, str] = {}
        self.parts: list[str] | None = None
        self.done: list[Item] = []
        self.seen = 0
        self.doctype_system_id: str | None = None
        self.dtd_loaded: Path | None = None

    def install(self) -> None:
        p = self.parser
        p.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_UNLESS_STANDALONE)
        p.buffer_text = True
        p.buffer_size = 1 << 16
        p.StartElementHandler = self.start
        p.EndElementHandler = self.end
        p.CharacterDataHandler = self.chars
        p.StartDoctypeDeclHandler = self.doctype
        p.ExternalEntityRefHandler = self.external
        p.SkippedEntityHandler = self.skipped

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.depth += 1
        if self.depth == 1:
            if name != "dblp":
                raise _Fatal(
                    f"root element <{name[:40]}> is not <dblp>", self.parser.CurrentLineNumber
                )
            self.root_open = True
        elif self.depth == 2:
            self.record = _Open(name, attrs, self.parser.CurrentLineNumber)
        elif self.depth == 3 and self.record is not None:
            self.field_name, self.field_attrs, self.parts = name, attrs, []

    def chars(self, data: str) -> None:
        if self.parts is not None:
            self.parts.append(data)

    def end(self, name: str) -> None:
        if self.depth == 3 and self.record is not None and self.parts is not None:
            text = "".join(self.parts)
            self.record.fields.append(_Field(self.field_name or name, text, self.field_attrs))
            self.parts = None
        elif self.depth == 2 and self.record is not None:
            self.seen += 1
            item = _build(self.record, self.path)
            if item is not None:
                self.done.append(item)
            self.record = None
        self.depth -= 1

    def doctype(
        self, name: str, system_id: str | None, public_id: str | None, has_internal: int
    ) -> None:
        self.doctype_system_id = system_id

    def _find_dtd(self, system_id: str) -> Path:
        if self.dtd_path is not None:
            return Path(self.dtd_path)
        base = system_id.replace("\\", "/").rsplit("/", 1)[-1]
        if base.endswith(".dtd") and os.path.isfile(self.path):
            sibling = Path(self.path).parent / base
            with contextlib.suppress(OSError):  # a name no file system takes
                if sibling.is_file():
                    return sibling
        return SHIPPED_DTD

    def external(
        self, context: str | None, base: str | None, system_id: str | None, public_id: str | None
    ) -> int:
        line = self.parser.CurrentLineNumber
        if system_id is None or system_id != self.doctype_system_id or self.dtd_loaded:
            raise _Fatal(
                f"refused external entity {quote(system_id or '')}: only the DTD is read", line
            )
        dtd = self._find_dtd(system_id)
        try:
            data = dtd.read_bytes()
        except OSError as exc:
            raise _Fatal(
                f"cannot read DTD {escape(str(dtd), limit=300)}: {exc.strerror}", line
            ) from exc
        sub = self.parser.ExternalEntityParserCreate(context)
        try:
            sub.Parse(data, True)
        except expat.ExpatError as exc:
            where = escape(str(dtd), limit=300)
            raise _Fatal(f"DTD {where}:{exc.lineno} is not a valid DTD: {exc}", line) from exc
        self.dtd_loaded = dtd
        return 1

    def skipped(self, name: str, is_parameter_entity: int) -> None:
        where = f"DTD {self.dtd_loaded}" if self.dtd_loaded else "no DTD was loaded"
        raise _Fatal(
            f"undefined entity &{name[:40]}; ({where}; dblp XML needs the entities of dblp.dtd)",
            self.parser.CurrentLineNumber,
        )


class DblpReader:
    """Iterates one dblp XML stream; ``read`` counts every record element seen so far,
    including the skipped ones (proceedings, non-person www, dblpnote), which the
    iterator itself does not yield."""

    def __init__(
        self,
        stream: BinaryIO,
        *,
        path: str,
        dtd_path: str | os.PathLike[str] | None = None,
        encoding: str | None = None,
    ) -> None:
        self.stream = stream
        self.path = path
        self.dtd_path = None if dtd_path is None else os.fspath(dtd_path)
        self.encoding = encoding
        self._handlers: _Handlers | None = None

    @property
    def read(self) -> int:
        return self._handlers.seen if self._handlers is not None else 0

    def __iter__(self) -> Iterator[Item]:
        parser = expat.ParserCreate(self.encoding)
        h = _Handlers(parser, self.path, self.dtd_path)
        h.install()
        self._handlers = h
        size = 0
        while True:
            chunk = self.stream.read(_CHUNK)
            size += len(chunk)
            if not chunk and not size:
                raise ParseError(self.path, "empty file", line=1)
            try:
                parser.Parse(chunk, not chunk)
            except _Fatal as exc:
                yield from self._drain(h)  # the records before the fault are good
                raise ParseError(self.path, exc.reason, line=exc.line) from None
            except expat.ExpatError as exc:
                yield from self._drain(h)
                yield self._broken(h, exc)
                return
            except (LookupError, UnicodeError) as exc:  # an encoding expat cannot read
                reason = f"the XML declaration names an encoding that cannot be read ({exc})"
                raise ParseError(self.path, escape(reason, limit=200), line=1) from None
            yield from self._drain(h)
            if not chunk:
                return

    @staticmethod
    def _drain(h: _Handlers) -> Iterator[Item]:
        done, h.done = h.done, []
        yield from done

    def _broken(self, h: _Handlers, exc: expat.ExpatError) -> RecordError:
        reason = expat.ErrorString(exc.code)
        undefined = exc.code == _UNDEFINED_ENTITY
        if not h.root_open or undefined:
            hint = ""
            if undefined:
                hint = ' (no DTD: dblp XML needs <!DOCTYPE dblp SYSTEM "dblp.dtd">)'
            raise ParseError(self.path, f"not dblp XML: {reason}{hint}", line=exc.lineno)
        where = ""
        if h.record is not None:
            key = h.record.attrs.get("key")
            where = (
                f" inside <{h.record.tag[:40]} key={quote(key or '')}> from line {h.record.line}"
            )
        h.seen += 1
        return RecordError(
            self.path,
            exc.lineno,
            f"XML not well-formed: {reason} at column {exc.offset + 1}{where}; reading stopped",
        )


def iter_dblp(
    stream: BinaryIO, *, path: str, dtd_path: str | os.PathLike[str] | None = None
) -> Iterator[Item]:
    """Yield the papers, people and bad records of a dblp XML stream one at a time.

    Use :class:`DblpReader` directly to also get the count of records seen.
    """
    return iter(DblpReader(stream, path=path, dtd_path=dtd_path))


def parse_dblp(
    data: bytes | str, *, path: str, dtd_path: str | os.PathLike[str] | None = None
) -> ParsedDocument:
    """Read a whole dblp XML document. Text input is taken as already decoded, whatever
    encoding its XML declaration names."""
    if isinstance(data, str):
        reader = DblpReader(
            io.BytesIO(data.encode("utf-8")), path=path, dtd_path=dtd_path, encoding="UTF-8"
        )
    else:
        reader = DblpReader(io.BytesIO(data), path=path, dtd_path=dtd_path)
    doc = ParsedDocument(path=path, format="dblp")
    for item in reader:
        doc.add(item)
    doc.read = reader.read
    return doc


def _sniff(head: str) -> bool:
    """XML that names dblp: its ``<dblp>`` root or its ``dblp.dtd``."""
    return starts_with(head, "<") and ("<dblp" in head or "dblp.dtd" in head)


FORMAT = Format(
    name="dblp",
    description="DBLP XML (the dblp.xml dump or excerpts of it), streamed",
    sniff=_sniff,
    stream=DblpReader,
)
