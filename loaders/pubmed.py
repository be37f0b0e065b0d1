"""PubMed XML (E-utilities ``efetch`` / "Save as XML": ``<PubmedArticleSet>``), streamed.

Why expat directly: the DOCTYPE names NLM's DTD by an https URL, which must never be
fetched, and each article's record needs the line it starts on, which ElementTree's
parsers do not report. expat reads no external DTD unless asked (parameter-entity
parsing stays off) and an external entity declared inside the document is refused:
its article becomes a RecordError and nothing is read from where it points. Each
``<PubmedArticle>`` is built into a small element tree (TreeBuilder fed from expat's
callbacks), turned into a record and dropped, so memory stays flat however big the
file is.

Mapping decisions:

- Authors: ``AuthorList/Author`` with ``LastName``/``ForeName`` -> "ForeName LastName",
  ``raw`` the short form PubMed itself prints ("Yang B": LastName and Initials, as the
  MEDLINE ``AU`` field), so the XML and MEDLINE renderings of one article give the same
  authors. A ForeName that is only initials, or a missing ForeName with ``Initials``,
  is initials-only. ``CollectiveName`` entries (consortia) are not people and are left
  out; positions count the people. ``ValidYN="N"`` entries (names an erratum withdrew)
  are left out. ``CompleteYN="N"`` sets authors_truncated. ``EqualContrib="Y"`` ->
  equal_contribution. ``Identifier Source="ORCID"`` -> orcid. Every
  ``AffiliationInfo/Affiliation`` of the author -> an InstitutionRef (ROR from its
  ``Identifier Source="ROR"``); PubMed pairs them with the author.
- Identifiers: ``MedlineCitation/PMID`` -> pmid; ``PubmedData/ArticleIdList`` doi and
  pmc; the doi also from ``ELocationID EIdType="doi"``.
- ``Journal/Title`` -> venue (kind journal), ``ISOAbbreviation`` -> its acronym;
  ``JournalIssue/Volume`` and the first page of ``Pagination/MedlinePgn`` (else
  ``StartPage``) -> volume and first_page.
  ``PubDate`` Year/Month/Day -> year and date (date only when all three are given),
  ``MedlineDate`` ("2018 Nov-Dec") -> year only; without a PubDate year, ``ArticleDate``.
- Abstract: the ``AbstractText`` parts, each after its ``Label`` ("OBJECTIVE: ...").
  Inline markup (``<i>``, ``<sup>``) keeps its text everywhere.
- Topics: ``MeshHeading/DescriptorName`` -> mesh (code = its UI, qualifiers not kept);
  ``KeywordList/Keyword`` -> author_keyword. kind: the first ``PublicationType``.
- References: every ``Reference`` under ``PubmedData`` (some articles spread them over
  dozens of ``ReferenceList`` blocks) -> CitedRef(raw = ``Citation``, pmid/doi from its
  ``ArticleIdList``, and source/year/volume/first page when the citation is in NLM's
  "Source. YYYY Mon DD;Vol(Issue):Pages" form).
- ``PubmedBookArticle`` (a book or chapter from the NCBI Bookshelf) is not read: it is a
  RecordError naming its line. ``DeleteCitation`` lists are not records.

Errors: an empty file, text that is not XML before the root opens, or a root other than
``<PubmedArticleSet>`` raise :class:`ParseError`. XML that breaks inside the set (a
truncated download) yields the records before it, then one RecordError naming the line,
and stops: expat cannot resume after it. An article without PMID or title is a
RecordError and reading goes on.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import BinaryIO
from xml.parsers import expat

from loaders.affiliations import institution
from loaders.dates import MONTHS
from loaders.errors import ParseError
from loaders.format import Format, starts_with
from loaders.identifiers import clean_doi, clean_orcid, clean_pmcid, clean_pmid, clean_ror
from loaders.personname import dotted, given_family
from loaders.records import (
    AuthorRef,
    CitedRef,
    InstitutionRef,
    PaperRecord,
    ParsedDocument,
    RecordError,
    TopicRef,
    VenueRef,
)
from loaders.references import first_page

__all__ = ["FORMAT", "iter_pubmed", "nlm_citation", "parse_pubmed"]

Item = PaperRecord | RecordError

_ROOT = "PubmedArticleSet"
_RECORDS = frozenset({"PubmedArticle", "PubmedBookArticle"})
_CHUNK = 1 << 16
_YEAR_RE = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_NLM_CITATION_RE = re.compile(
    r"^(?P<source>.+?)\.\s+(?P<year>\d{4})\b[^;]*;\s*(?P<volume>[^(:;]*?)\s*(?:\([^)]*\))?"
    r":\s*(?P<page>[^-,;\s]+)"
)


class _Fatal(Exception):
    """The document is not PubMed XML at all."""


class _Handlers:
    """expat callbacks: build the open article into a tree, queue finished ones."""

    def __init__(self, parser: expat.XMLParserType) -> None:
        self.parser = parser
        self.depth = 0
        self.opened = False  # the root element has started
        self.tree: ET.TreeBuilder | None = None
        self.line = 0
        self.refused = False  # the open article refers to an external entity
        self.done: list[tuple[int, ET.Element, bool]] = []
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.data
        parser.ExternalEntityRefHandler = self.external
        parser.SkippedEntityHandler = self.skipped
        parser.buffer_text = True

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if self.depth == 0 and name != _ROOT:
            raise _Fatal(f"root element <{name}> is not <{_ROOT}>")
        self.opened = True
        if self.depth == 1 and name in _RECORDS:
            self.tree = ET.TreeBuilder()
            self.line = self.parser.CurrentLineNumber
            self.refused = False
        if self.tree is not None:
            self.tree.start(name, attrs)
        self.depth += 1

    def end(self, name: str) -> None:
        self.depth -= 1
        if self.tree is None:
            return
        self.tree.end(name)
        if self.depth == 1:
            self.done.append((self.line, self.tree.close(), self.refused))
            self.tree = None

    def data(self, text: str) -> None:
        if self.tree is not None:
            self.tree.data(text)

    def external(
        self, context: str, base: str | None, system_id: str | None, public_id: str | None
    ) -> int:
        """An entity the document declares as a file or URL: never read."""
        self.refused = True
        return 1

    def skipped(self, name: str, is_parameter_entity: bool) -> None:
        """An entity only the unread DTD could define: kept visible as written."""
        if not is_parameter_entity:
            self.data(f"&{name};")


def _text(el: ET.Element | None) -> str | None:
    if el is None:
        return None
    text = " ".join("".join(el.itertext()).split())
    return text or None


def _institution(info: ET.Element) -> InstitutionRef | None:
    inst = institution(_text(info.find("Affiliation")) or "")
    ror = next(
        (clean_ror(i.text) for i in info.iterfind("Identifier") if i.get("Source") == "ROR"), None
    )
    if inst is not None and ror:
        return InstitutionRef(name=inst.name, country=inst.country, address=inst.address, ror=ror)
    return inst


def _author(el: ET.Element, position: int) -> AuthorRef | None:
    last = _text(el.find("LastName"))
    if last is None:  # a CollectiveName, or an entry without a name
        return None
    fore = _text(el.find("ForeName"))
    initials = _text(el.find("Initials"))
    suffix = _text(el.find("Suffix"))
    name, initials_only = given_family(fore or (dotted(initials) if initials else None), last)
    name = f"{name} {suffix}" if suffix else name
    institutions = tuple(i for i in map(_institution, el.iterfind("AffiliationInfo")) if i)
    orcid = next(
        (clean_orcid(i.text) for i in el.iterfind("Identifier") if i.get("Source") == "ORCID"),
        None,
    )
    return AuthorRef(
        name=name,
        position=position,
        raw=f"{last} {initials}" if initials else last,
        equal_contribution=el.get("EqualContrib") == "Y",
        orcid=orcid,
        affiliation=institutions[0].name if institutions else None,
        institutions=institutions,
        initials_only=initials_only,
    )


def _authors(article: ET.Element) -> tuple[tuple[AuthorRef, ...], bool]:
    authors: list[AuthorRef] = []
    truncated = False
    for author_list in article.iterfind("AuthorList"):
        truncated = truncated or author_list.get("CompleteYN") == "N"
        for el in author_list.iterfind("Author"):
            if el.get("ValidYN") == "N":
                continue
            ref = _author(el, len(authors) + 1)
            if ref is not None:
                authors.append(ref)
    return tuple(authors), truncated


def _month(text: str | None) -> int | None:
    if not text:
        return None
    if text.isdigit():
        return int(text) if len(text) <= 2 and 1 <= int(text) <= 12 else None
    return MONTHS.get(text.lower().rstrip("."))


def _date_parts(el: ET.Element | None) -> tuple[int | None, dt.date | None]:
    if el is None:
        return None, None
    year_text = _text(el.find("Year")) or _text(el.find("MedlineDate")) or ""
    m = _YEAR_RE.search(year_text)
    if m is None:
        return None, None
    year = int(m.group(1))
    month = _month(_text(el.find("Month")))
    day = _text(el.find("Day"))
    if month is None or day is None or not day.isdigit() or len(day) > 2:
        return year, None
    try:
        return year, dt.date(year, month, int(day))
    except ValueError:
        return year, None


def nlm_citation(raw: str) -> CitedRef:
    """A reference as PubMed writes it: "Nature. 2000 Nov 16;408(6810):381-6" gives
    source "Nature", year 2000, volume "408", page "381"; other forms keep raw only."""
    m = _NLM_CITATION_RE.match(raw)
    if m is None:
        return CitedRef(raw=raw)
    return CitedRef(
        raw=raw,
        source=m.group("source").strip(),
        year=int(m.group("year")),
        volume=m.group("volume").strip() or None,
        page=m.group("page"),
    )


def _reference(el: ET.Element) -> CitedRef | None:
    raw = _text(el.find("Citation"))
    ids = {a.get("IdType"): (a.text or "").strip() for a in el.iterfind("ArticleIdList/ArticleId")}
    if raw is None:
        raw = ids.get("doi") or ids.get("pubmed")
        if not raw:
            return None
    parsed = nlm_citation(raw)
    return CitedRef(
        raw=raw,
        doi=clean_doi(ids.get("doi")),
        pmid=clean_pmid(ids.get("pubmed")),
        source=parsed.source,
        year=parsed.year,
        volume=parsed.volume,
        page=parsed.page,
    )


def _abstract(article: ET.Element) -> str | None:
    parts: list[str] = []
    for el in article.iterfind("Abstract/AbstractText"):
        text = _text(el)
        if text:
            label = el.get("Label")
            parts.append(f"{label}: {text}" if label else text)
    return " ".join(parts) or None


def _topics(citation: ET.Element) -> tuple[TopicRef, ...]:
    topics: list[TopicRef] = []
    seen: set[tuple[str, str]] = set()
    for el in citation.iterfind("MeshHeadingList/MeshHeading/DescriptorName"):
        name = _text(el)
        if name and (name.casefold(), "mesh") not in seen:
            seen.add((name.casefold(), "mesh"))
            topics.append(TopicRef(name=name, kind="mesh", code=el.get("UI")))
    for el in citation.iterfind("KeywordList/Keyword"):
        name = _text(el)
        if name and (name.casefold(), "author_keyword") not in seen:
            seen.add((name.casefold(), "author_keyword"))
            topics.append(TopicRef(name=name, kind="author_keyword"))
    return tuple(topics)


def _start_page(article: ET.Element) -> str | None:
    """``MedlinePgn`` "1025-32" -> "1025" (or ``StartPage`` when that is given)."""
    pages = _text(article.find("Pagination/MedlinePgn")) or _text(
        article.find("Pagination/StartPage")
    )
    return first_page(pages)


def _article(el: ET.Element, line: int, refused: bool, path: str) -> Item:
    if el.tag == "PubmedBookArticle":
        return RecordError(path, line, "a PubmedBookArticle (NCBI Bookshelf record) is not read")
    if refused:
        return RecordError(path, line, "the article refers to an external entity (not read)")
    citation = el.find("MedlineCitation")
    article = citation.find("Article") if citation is not None else None
    if citation is None or article is None:
        return RecordError(path, line, "no MedlineCitation/Article")
    pmid = clean_pmid(_text(citation.find("PMID")))
    if pmid is None:
        return RecordError(path, line, "article has no PMID")
    title = _text(article.find("ArticleTitle")) or _text(article.find("VernacularTitle"))
    if title is None:
        return RecordError(path, line, f"PMID {pmid} has no ArticleTitle")
    ids = {a.get("IdType"): a.text for a in el.iterfind("PubmedData/ArticleIdList/ArticleId")}
    elocation = next(
        (e.text for e in article.iterfind("ELocationID") if e.get("EIdType") == "doi"), None
    )
    journal = article.find("Journal")
    year, date = _date_parts(article.find("Journal/JournalIssue/PubDate"))
    if year is None:
        year, date = _date_parts(article.find("ArticleDate"))
    journal_title = _text(journal.find("Title")) if journal is not None else None
    authors, truncated = _authors(article)
    references = (_reference(r) for r in el.iterfind("PubmedData//Reference"))
    return PaperRecord(
        title=title,
        line=line,
        authors=authors,
        authors_truncated=truncated,
        year=year,
        date=date,
        abstract=_abstract(article),
        doi=clean_doi(ids.get("doi")) or clean_doi(elocation),
        pmid=pmid,
        pmcid=clean_pmcid(ids.get("pmc")),
        url=f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/",
        venue=VenueRef(
            name=journal_title,
            acronym=_text(journal.find("ISOAbbreviation")) if journal is not None else None,
            kind="journal",
            year=year,
        )
        if journal_title
        else None,
        volume=_text(article.find("Journal/JournalIssue/Volume")),
        first_page=_start_page(article),
        topics=_topics(citation),
        kind=_text(article.find("PublicationTypeList/PublicationType")),
        references=tuple(r for r in references if r is not None),
    )


def iter_pubmed(stream: BinaryIO, *, path: str) -> Iterator[Item]:
    """Yield one PaperRecord (or RecordError) per article of a PubMed XML stream."""
    parser = expat.ParserCreate()
    handlers = _Handlers(parser)
    seen_bytes = False
    while True:
        chunk = stream.read(_CHUNK)
        seen_bytes = seen_bytes or bool(chunk.strip())
        if not seen_bytes and not chunk:
            raise ParseError(path, "the file is empty", line=1)
        try:
            parser.Parse(chunk, not chunk)
        except _Fatal as exc:
            raise ParseError(path, str(exc), line=parser.CurrentLineNumber) from None
        except expat.ExpatError as exc:
            yield from _drain(handlers, path)
            if not handlers.opened:
                raise ParseError(
                    path, f"not XML: {expat.errors.messages[exc.code]}", line=exc.lineno
                ) from None
            yield RecordError(
                path, exc.lineno, f"the XML breaks here: {expat.errors.messages[exc.code]}"
            )
            return
        yield from _drain(handlers, path)
        if not chunk:
            return


def _drain(handlers: _Handlers, path: str) -> Iterator[Item]:
    done, handlers.done = handlers.done, []
    for line, el, refused in done:
        yield _article(el, line, refused, path)


def parse_pubmed(data: bytes | str, *, path: str) -> ParsedDocument:
    """Read a whole PubMed XML document into a ParsedDocument."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    doc = ParsedDocument(path=path, format="pubmed_xml")
    for item in iter_pubmed(io.BytesIO(raw), path=path):
        doc.read += 1
        doc.add(item)
    return doc


def _sniff(head: str) -> bool:
    """XML whose DOCTYPE or root is ``PubmedArticleSet``."""
    return starts_with(head, "<") and (f"<{_ROOT}" in head or f"<!DOCTYPE {_ROOT}" in head)


FORMAT = Format(
    name="pubmed_xml",
    description="PubMed XML (E-utilities efetch, PubmedArticleSet), streamed",
    sniff=_sniff,
    stream=iter_pubmed,
)
