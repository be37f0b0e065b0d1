"""Crossref works, as the REST API and the public data files hand them out.

Shapes (loaders/jsondoc.py reads them): a single work response
``{"status": "ok", "message-type": "work", "message": {...}}``, a work list
``{"message-type": "work-list", "message": {"items": [...]}}``, a public data file
``{"items": [...]}``, a bare work or array of works, and JSON lines of any of these.

Mapping decisions:

- title: the first ``title``, markup stripped ("<i>N</i>-aryl" -> "N-aryl"); subtitles
  are not appended. doi: ``DOI`` cleaned; kind: ``type`` as written
  ("journal-article"); url: the landing page (``resource.primary.URL``), since ``URL``
  is only the DOI link.
- Authors (``author``, editors are not authors) in list order: ``name`` is
  "Given Family" (+ suffix), a given name of initials only dotted and
  ``initials_only`` set; ``raw`` is "Family, Given" (Crossref writes the parts apart);
  an organisation author is its ``name``. ORCID cleaned (publisher-asserted ones too:
  ``authenticated-orcid`` only says who asserted it).
- Affiliations: each ``affiliation[].name`` is an InstitutionRef with the whole string as
  ``address``, its first comma part as ``name`` and its last as ``country`` (as written,
  when the string has at least two parts; graph/places.py decides whether it names a
  country), ROR from an ``id`` of type ROR. ``affiliation`` is the first one's name.
- year/date: ``issued`` (the earliest publication date), else ``published``,
  ``published-print``, ``published-online``; ``date`` only when the parts give a day.
- Venue: ``container-title`` with ``short-container-title`` as acronym; journal-article
  -> journal, proceedings-article -> conference, posted-content -> preprint, else other.
- ``subject`` -> TopicRef(kind "subject_category"); ``is-referenced-by-count`` ->
  cited_by; ``abstract`` (JATS) -> text; ``volume`` and the first page of ``page``
  ("123-130") -> volume and first_page.
- ``reference`` -> CitedRef: ``raw`` the ``unstructured`` citation, else the structured
  parts joined the way Web of Science writes a cited reference ("T Tucker, 2009, Am. J.
  Hum. Genet., V85, P142, DOI 10.1016/..."), else the reference's ``key``; doi, first
  author, year, article title, source (journal, else book or series title), volume and
  first page as given.

Errors: an empty file, unreadable JSON (also nesting past the recursion limit), or a
first value that is not a work raises :class:`ParseError` (so does a failed API response,
whose ``message`` is not a work). A later value that is not a work, a work without
title, or a field of the wrong type (``author`` given as a string) becomes a
:class:`RecordError` naming the field; reading goes on.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from loaders.format import Format, starts_with
from loaders.identifiers import clean_doi, clean_orcid, clean_ror
from loaders.jsondoc import Item, iter_records
from loaders.jsonfields import BadRecord, JsonObject, WrongShape, element, type_name
from loaders.markup import strip_markup
from loaders.personname import given_family
from loaders.records import (
    AuthorRef,
    CitedRef,
    InstitutionRef,
    PaperRecord,
    ParsedDocument,
    TopicRef,
    VenueKind,
    VenueRef,
)
from loaders.references import first_page

__all__ = ["FORMAT", "iter_crossref", "looks_like_crossref", "parse_crossref"]

_RECORDS = (("message", "items"), ("message",), ("items",))
_ENVELOPE_RE = re.compile(r'^[\s\[]*\{\s*"status"\s*:\s*"[^"]*"\s*,\s*"message-type"\s*:')
_WORK_KEY_RE = re.compile(r'"(?:container-title|is-referenced-by-count|reference-count)"\s*:')
_DATES = ("issued", "published", "published-print", "published-online")
_VENUE_KINDS: dict[str, VenueKind] = {
    "journal-article": "journal",
    "proceedings-article": "conference",
    "posted-content": "preprint",
}
_YEAR_RE = re.compile(r"\b(\d{4})")


def looks_like_crossref(head: str) -> bool:
    """JSON that opens as an API response does, or a work: a DOI and a key only Crossref
    writes (a ``message-type`` elsewhere in some JSON is not enough).

    >>> looks_like_crossref('{"status":"ok","message-type":"work","message":{}}')
    True
    >>> looks_like_crossref('{"DOI":"10.1/x","container-title":["J"]}')
    True
    >>> looks_like_crossref('{"counts": {"envelope": {"message-type": "work"}}}')
    False
    """
    head = head.lstrip("\ufeff")
    if _ENVELOPE_RE.match(head):
        return True
    return starts_with(head, "{", "[") and '"DOI"' in head and bool(_WORK_KEY_RE.search(head))


def _first(obj: JsonObject, key: str) -> str | None:
    values = obj.texts(key)
    return values[0] if values else None


def _institution(where: str, entry: Any) -> InstitutionRef | None:
    affiliation = element(where, entry)
    address = affiliation.text("name")
    if address is None:
        return None
    parts = [p.strip() for p in address.split(",") if p.strip()]
    ror = None
    for id_where, ident in affiliation.items("id"):
        given = element(id_where, ident)
        if (given.text("id-type") or "").upper() == "ROR":
            ror = clean_ror(given.text("id"))
    return InstitutionRef(
        name=parts[0] if parts else address,
        country=parts[-1] if len(parts) > 1 else None,
        address=address,
        ror=ror,
    )


def _author(where: str, entry: Any, position: int) -> AuthorRef:
    author = element(where, entry)
    given, family = author.text("given"), author.text("family")
    if family is not None:
        name, initials_only = given_family(given, family)
        suffix = author.text("suffix")
        name = f"{name} {suffix}" if suffix else name
        raw = f"{family}, {given}" if given else family
    else:
        organisation = author.text("name") or given
        if organisation is None:
            raise BadRecord(f"{where} has neither a family name nor a name")
        name, raw, initials_only = organisation, organisation, False
    found = (_institution(w, e) for w, e in author.items("affiliation"))
    institutions = tuple(i for i in found if i is not None)
    return AuthorRef(
        name=name,
        position=position,
        raw=raw,
        orcid=clean_orcid(author.text("ORCID")),
        affiliation=institutions[0].name if institutions else None,
        institutions=institutions,
        initials_only=initials_only,
    )


def _date_parts(work: JsonObject) -> tuple[int | None, dt.date | None]:
    """(year, date) from the first of the publication dates that gives a year."""
    for key in _DATES:
        parts = work.obj(key).array("date-parts")
        first = parts[0] if parts else None
        if first is None:
            continue
        if not isinstance(first, list) or not all(
            isinstance(p, int) and not isinstance(p, bool) for p in first if p is not None
        ):
            raise BadRecord(f"{work.name(key)}.date-parts is not a list of numbers")
        numbers = [p for p in first if p is not None]
        if not numbers:
            continue
        if not dt.MINYEAR <= numbers[0] <= dt.MAXYEAR:
            raise BadRecord(f"{work.name(key)} has no year a calendar holds")
        if len(numbers) < 3:
            return numbers[0], None
        try:
            return numbers[0], dt.date(*numbers[:3])
        except (ValueError, OverflowError):
            raise BadRecord(f"{work.name(key)} is not a valid date") from None
    return None, None


def _venue(work: JsonObject, year: int | None) -> VenueRef | None:
    name = _first(work, "container-title")
    if name is None:
        return None
    kind = _VENUE_KINDS.get(work.text("type") or "", "other")
    return VenueRef(name=name, acronym=_first(work, "short-container-title"), kind=kind, year=year)


def _reference(where: str, entry: Any) -> CitedRef | None:
    ref = element(where, entry)
    doi = clean_doi(ref.text("DOI"))
    author, year_text = ref.text("author"), ref.ident("year")
    source = ref.text("journal-title") or ref.text("volume-title") or ref.text("series-title")
    volume, page = ref.text("volume"), ref.text("first-page")
    year = _YEAR_RE.search(year_text) if year_text else None
    parts = [
        author,
        year_text,
        source,
        f"V{volume}" if volume else None,
        f"P{page}" if page else None,
        f"DOI {doi}" if doi else None,
    ]
    raw = ref.text("unstructured") or ", ".join(p for p in parts if p) or ref.text("key")
    if raw is None:
        return None
    return CitedRef(
        raw=raw,
        doi=doi,
        first_author=author,
        year=int(year.group(1)) if year else None,
        title=ref.text("article-title"),
        source=source,
        volume=volume,
        page=page,
    )


def _work(work: JsonObject, line: int) -> PaperRecord:
    doi = clean_doi(work.text("DOI"))
    title = _first(work, "title")
    title = strip_markup(title) if title else None
    if not title:
        raise BadRecord("title is missing" + (f" (DOI {doi})" if doi else ""))
    year, date = _date_parts(work)
    references = (_reference(w, e) for w, e in work.items("reference"))
    abstract = work.text("abstract")
    return PaperRecord(
        title=title,
        line=line,
        authors=tuple(_author(w, e, n) for n, (w, e) in enumerate(work.items("author"), 1)),
        year=year,
        date=date,
        abstract=(strip_markup(abstract) or None) if abstract else None,
        doi=doi,
        url=work.obj("resource").obj("primary").text("URL"),
        venue=_venue(work, year),
        volume=work.text("volume"),
        first_page=first_page(work.text("page")),
        topics=tuple(
            TopicRef(name=s, kind="subject_category") for s in dict.fromkeys(work.texts("subject"))
        ),
        kind=work.text("type"),
        cited_by=work.number("is-referenced-by-count"),
        references=tuple(r for r in references if r is not None),
    )


def _read(value: Any, line: int) -> list[Item]:
    if not isinstance(value, dict):
        raise WrongShape(f"{type_name(value)}, not a Crossref work")
    work = JsonObject(value)
    if not (work.has("DOI") or work.has("container-title") or work.has("reference-count")):
        raise WrongShape("not a Crossref work or work list")
    return [_work(work, line)]


def iter_crossref(stream: BinaryIO, *, path: str) -> Iterator[Item]:
    """Yield the works (PaperRecord) and bad records of a Crossref JSON stream."""
    return iter_records(stream, path=path, records=_RECORDS, read=_read)


def parse_crossref(data: bytes | str, *, path: str) -> ParsedDocument:
    """Read a whole Crossref document (work, work list, data file or JSON lines)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    doc = ParsedDocument(path=path, format="crossref")
    for item in iter_crossref(io.BytesIO(raw), path=path):
        doc.read += 1
        doc.add(item)
    return doc


FORMAT = Format(
    name="crossref",
    description="Crossref works (REST API JSON, work lists or data-file JSON lines)",
    sniff=looks_like_crossref,
    stream=iter_crossref,
)
