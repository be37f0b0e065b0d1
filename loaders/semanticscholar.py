"""Semantic Scholar (S2) papers and authors, from the Graph API or the bulk datasets.

Shapes (loaders/jsondoc.py reads them, one value at a time):

- a paper (``/paper/{id}``) or an author (``/author/{id}``) object;
- a list page ``{"data": [...], "offset": ..., "next": ...}`` of either (search,
  ``/author/{id}/papers``), or of ``{"citingPaper": {...}}`` / ``{"citedPaper": {...}}``
  items (``/paper/{id}/citations`` and ``/references``), which are unwrapped;
- a batch array (``/paper/batch``), ``null`` where an id was not found;
- the bulk datasets' JSON lines, one paper or author per line, whose keys are
  lowercase (``corpusid``, ``externalids``, ``citationcount``): keys are matched
  ignoring case.

Mapping decisions:

- ``paperId`` -> ``s2_id`` (the bulk papers dataset has no ``paperId``: then the id at
  the end of ``url``); ``externalIds`` DOI, ArXiv, PubMed, PubMedCentral, DBLP -> doi,
  arxiv_id, pmid, pmcid, dblp_key, each cleaned by loaders/identifiers.py. CorpusId and
  MAG have no field on the records and are not kept.
- Authors in list order (``position`` 1-based), ``name`` the S2 display name with leading
  initials dotted ("A Turing" -> "A. Turing", ``initials_only``), ``raw`` as written,
  ``authorId`` -> ``s2_author_id``. An author entry that is a full author object (it has
  aliases, affiliations, hIndex...: ``/paper/{id}`` with ``fields=authors.aliases``) is
  also a :class:`PersonRecord`, so that its aliases reach identity resolution; its
  ``affiliations`` are where the person is now, not where the paper was written, so
  they stay on the PersonRecord and are not the AuthorRef's institutions.
- ``citationCount`` -> ``cited_by``; ``fieldsOfStudy`` and ``s2FieldsOfStudy`` categories
  -> TopicRef(kind "subject_category"), first spelling of each kept; ``publicationDate``
  -> date; the first ``publicationTypes`` entry -> kind, as written.
- Venue: ``publicationVenue.name``, else ``journal.name``, else ``venue``; its kind from
  ``publicationVenue.type``, else from ``publicationTypes`` (Conference, JournalArticle);
  a venue named arXiv is a preprint server.
- ``references`` -> CitedRef: ``raw`` and ``title`` the referenced paper's title (S2 gives
  no citation text), s2_id, doi and pmid from its ids, first author's name as written,
  year, journal name, volume and first page.
- ``citations`` are the papers that cite this one. Each becomes its own PaperRecord
  (with its authors), whose ``references`` end with a CitedRef to this paper: the
  citing -> cited direction is then the same for every source, a record's references,
  and the graph layer can add CITES edges from references alone. A citing paper's
  record lists only the references this document shows it has.
- An author object -> a PersonRecord (aliases, affiliations, homepage, ORCID, a single
  DBLP name as ``dblp_pid``, h-index / paper count / citations as metrics), then each of
  its ``papers`` as a PaperRecord. The person is one of the authors of each: when a
  paper's author list is missing or lacks their id, they are added as an ``inferred``
  author without position.

Errors: an empty file, unreadable JSON (also nesting past the recursion limit), or a
first value that is neither a paper, an author nor a list page raises
:class:`ParseError`. A later value of the wrong shape, a paper without title, or a
field of the wrong type (``authors`` given as a string) becomes a :class:`RecordError`
naming the field; for a citing paper only that paper is skipped. Reading goes on.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, BinaryIO

from loaders.format import Format, starts_with
from loaders.identifiers import (
    clean_arxiv_id,
    clean_dblp_key,
    clean_dblp_pid,
    clean_doi,
    clean_orcid,
    clean_pmcid,
    clean_pmid,
    clean_s2_author_id,
    clean_s2_paper_id,
)
from loaders.jsondoc import Item, iter_records
from loaders.jsonfields import BadRecord, JsonObject, WrongShape, element, type_name
from loaders.markup import strip_markup
from loaders.personname import display_name
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
from loaders.references import first_page

__all__ = ["FORMAT", "iter_semanticscholar", "looks_like_semanticscholar", "parse_semanticscholar"]

_RECORDS = (("data",),)
_SNIFF_RE = re.compile(r'"(?:paperId|authorId|corpusid|citingPaper|citedPaper)"\s*:')
_FULL_AUTHOR = ("aliases", "affiliations", "homepage", "paperCount", "hIndex")
_VENUE_KINDS: dict[str, VenueKind] = {"journal": "journal", "conference": "conference"}
_TYPE_KINDS: dict[str, VenueKind] = {"Conference": "conference", "JournalArticle": "journal"}


def looks_like_semanticscholar(head: str) -> bool:
    """JSON whose first bytes hold an S2 paper or author key.

    >>> looks_like_semanticscholar('{"paperId": "2d5673caa9e6af3a7b82a43f19ee920992db07ad"}')
    True
    >>> looks_like_semanticscholar('{"id": "https://openalex.org/W1", "doi": null}')
    False
    """
    return starts_with(head, "{", "[") and _SNIFF_RE.search(head) is not None


# ------------------------------------------------------------------ papers


def _title(obj: JsonObject) -> str | None:
    title = obj.text("title")
    return (strip_markup(title) or None) if title else None


def _venue(paper: JsonObject, year: int | None) -> VenueRef | None:
    pub, journal = paper.obj("publicationVenue"), paper.obj("journal")
    name = pub.text("name") or journal.text("name") or paper.text("venue")
    if name is None:
        return None
    types = paper.texts("publicationTypes")
    kinds: list[VenueKind | None] = [
        "preprint" if name.casefold() == "arxiv" else None,
        _VENUE_KINDS.get((pub.text("type") or "").lower()),
        *(_TYPE_KINDS.get(t) for t in types),
    ]
    return VenueRef(name=name, kind=next((k for k in kinds if k), "other"), year=year)


def _topics(paper: JsonObject) -> tuple[TopicRef, ...]:
    names = paper.texts("fieldsOfStudy")
    for where, entry in paper.items("s2FieldsOfStudy"):
        category = element(where, entry).text("category")
        if category:
            names.append(category)
    seen: set[str] = set()
    topics: list[TopicRef] = []
    for name in names:
        if name.casefold() not in seen:
            seen.add(name.casefold())
            topics.append(TopicRef(name=name, kind="subject_category"))
    return tuple(topics)


def _date(paper: JsonObject) -> dt.date | None:
    value = paper.text("publicationDate")
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadRecord(f"{paper.name('publicationDate')} is not an ISO date") from None


def _s2_id(paper: JsonObject) -> str | None:
    return clean_s2_paper_id(paper.ident("paperId")) or clean_s2_paper_id(paper.text("url"))


def _author(
    where: str, entry: Any, position: int, line: int
) -> tuple[AuthorRef, PersonRecord | None]:
    """One author list entry, and its PersonRecord when it is a full author object."""
    author = element(where, entry)
    raw = author.text("name")
    if raw is None:
        raise BadRecord(f"{author.name('name')} is missing")
    name, initials_only = display_name(raw)
    ids = author.obj("externalIds")
    ref = AuthorRef(
        name=name,
        position=position,
        raw=raw,
        s2_author_id=clean_s2_author_id(author.ident("authorId")),
        orcid=clean_orcid(ids.ident("ORCID")),
        dblp_pid=_dblp_pid(ids),
        initials_only=initials_only,
    )
    full = any(author.has(k) for k in _FULL_AUTHOR)
    return ref, _person(author, line) if full else None


def _authors(paper: JsonObject, line: int) -> tuple[tuple[AuthorRef, ...], list[PersonRecord]]:
    refs: list[AuthorRef] = []
    people: list[PersonRecord] = []
    for position, (where, entry) in enumerate(paper.items("authors"), 1):
        ref, person = _author(where, entry, position, line)
        refs.append(ref)
        if person is not None:
            people.append(person)
    return tuple(refs), people


def _cited(paper: JsonObject) -> CitedRef | None:
    """A reference to ``paper``, as a citing paper's reference list would hold it."""
    ids = paper.obj("externalIds")
    s2_id, doi, title = _s2_id(paper), clean_doi(ids.ident("DOI")), _title(paper)
    raw = title or doi or s2_id
    if raw is None:
        return None
    authors = paper.array("authors")
    first = element(f"{paper.name('authors')}[0]", authors[0]).text("name") if authors else None
    journal = paper.obj("journal")
    return CitedRef(
        raw=raw,
        doi=doi,
        pmid=clean_pmid(ids.ident("PubMed")),
        s2_id=s2_id,
        first_author=first,
        year=paper.number("year"),
        title=title,
        source=journal.text("name") or paper.text("venue"),
        volume=journal.text("volume"),
        page=first_page(journal.text("pages")),
    )


def _paper(
    paper: JsonObject, line: int, extra_refs: Iterable[CitedRef] = ()
) -> tuple[PaperRecord, list[PersonRecord]]:
    s2_id = _s2_id(paper)
    title = _title(paper)
    if title is None:
        known = f" (paper {s2_id})" if s2_id else ""
        raise BadRecord(f"{paper.name('title')} is missing{known}")
    year = paper.number("year")
    ids = paper.obj("externalIds")
    authors, people = _authors(paper, line)
    references = [_cited(_unwrap(w, e)) for w, e in paper.items("references")]
    types = paper.texts("publicationTypes")
    record = PaperRecord(
        title=title,
        line=line,
        authors=authors,
        year=year,
        date=_date(paper),
        abstract=paper.text("abstract"),
        doi=clean_doi(ids.ident("DOI")),
        arxiv_id=clean_arxiv_id(ids.ident("ArXiv")),
        dblp_key=clean_dblp_key(ids.ident("DBLP")),
        pmid=clean_pmid(ids.ident("PubMed")),
        pmcid=clean_pmcid(ids.ident("PubMedCentral")),
        s2_id=s2_id,
        url=paper.text("url"),
        venue=_venue(paper, year),
        volume=paper.obj("journal").text("volume"),
        first_page=first_page(paper.obj("journal").text("pages")),
        topics=_topics(paper),
        kind=types[0] if types else None,
        cited_by=paper.number("citationCount"),
        references=(*(r for r in references if r is not None), *extra_refs),
    )
    return record, people


def _unwrap(where: str, entry: Any) -> JsonObject:
    """A citing or cited paper, out of a citations/references page item if wrapped."""
    obj = element(where, entry)
    for key in ("citingPaper", "citedPaper"):
        if obj.has(key):
            return element(obj.name(key), obj.raw(key))
    return obj


def _paper_items(paper: JsonObject, line: int, path: str) -> Iterator[Item]:
    """A paper, the people it fully describes, then the papers citing it."""
    record, people = _paper(paper, line)
    cited = _cited(paper)
    yield from people
    yield record
    for where, entry in paper.items("citations"):
        try:
            citing, _ = _paper(_unwrap(where, entry), line, (cited,) if cited else ())
        except BadRecord as exc:
            yield RecordError(path, line, str(exc))
            continue
        yield citing


# ------------------------------------------------------------------ authors


def _dblp_pid(ids: JsonObject) -> str | None:
    """The DBLP person name, when S2 links exactly one (several: a merged profile)."""
    names = ids.texts("DBLP")
    return clean_dblp_pid(names[0]) if len(names) == 1 else None


def _person(author: JsonObject, line: int) -> PersonRecord:
    name = author.text("name")
    if name is None:
        raise BadRecord(f"{author.name('name')} is missing")
    aliases = [a for a in dict.fromkeys(author.texts("aliases")) if a != name]
    ids = author.obj("externalIds")
    return PersonRecord(
        name=name,
        line=line,
        aliases=tuple(aliases),
        metrics=OwnerMetrics(
            h_index=author.number("hIndex"),
            paper_count=author.number("paperCount"),
            citations=author.number("citationCount"),
        ),
        affiliations=tuple(dict.fromkeys(author.texts("affiliations"))),
        homepage=author.text("homepage"),
        orcid=clean_orcid(ids.ident("ORCID")),
        dblp_pid=_dblp_pid(ids),
        s2_author_id=clean_s2_author_id(author.ident("authorId")),
    )


def _with_person(record: PaperRecord, person: PersonRecord) -> PaperRecord:
    """The paper with ``person`` among its authors (added as inferred if missing)."""
    if person.s2_author_id and any(a.s2_author_id == person.s2_author_id for a in record.authors):
        return record
    owner = AuthorRef(name=person.name, s2_author_id=person.s2_author_id, inferred=True)
    return dataclasses.replace(record, authors=(*record.authors, owner))


def _author_items(author: JsonObject, line: int, path: str) -> Iterator[Item]:
    """An author, then each of their papers."""
    person = _person(author, line)
    yield person
    for where, entry in author.items("papers"):
        try:
            paper, people = _paper(element(where, entry), line)
        except BadRecord as exc:
            yield RecordError(path, line, str(exc))
            continue
        yield from people
        yield _with_person(paper, person)


# ------------------------------------------------------------------ documents


def _reader(path: str) -> Callable[[Any, int], list[Item]]:
    def read(value: Any, line: int) -> list[Item]:
        """The records of one top-level value (a paper or an author with theirs)."""
        if value is None:
            raise BadRecord("null: an id the batch request did not find")
        if not isinstance(value, dict):
            raise WrongShape(f"{type_name(value)}, not a Semantic Scholar paper or author")
        obj = _unwrap("", value)
        if obj.has("authorId") and not obj.has("title"):
            return list(_author_items(obj, line, path))
        if obj.has("paperId") or obj.has("corpusId") or obj.has("title"):
            return list(_paper_items(obj, line, path))
        raise WrongShape("not a Semantic Scholar paper, author or list page")

    return read


def iter_semanticscholar(stream: BinaryIO, *, path: str) -> Iterator[Item]:
    """Yield the papers, people and bad records of an S2 JSON stream."""
    return iter_records(stream, path=path, records=_RECORDS, read=_reader(path))


def parse_semanticscholar(data: bytes | str, *, path: str) -> ParsedDocument:
    """Read a whole S2 document (paper, author, list page, batch or JSON lines)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    doc = ParsedDocument(path=path, format="s2")
    for item in iter_semanticscholar(io.BytesIO(raw), path=path):
        doc.read += 1
        doc.add(item)
    return doc


FORMAT = Format(
    name="s2",
    description="Semantic Scholar papers or authors (Graph API JSON or dataset JSON lines)",
    sniff=looks_like_semanticscholar,
    stream=iter_semanticscholar,
)
