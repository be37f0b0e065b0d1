"""Typed records: the only thing a loader hands to the rest of the system.

Loaders are pure parsers (text in, records out). Records carry what a document *says*,
spelled as it says it, plus where it says it (line numbers), so that identity
resolution can decide later what is the same entity and every fact can be traced back
to its source. Nothing here knows about graph ids or stores.

Frozen slotted dataclasses rather than pydantic models: loaders build millions of these
on a DBLP-sized load and validation cost matters there; the API layer has its own
pydantic schemas.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "AuthorRef",
    "CitedRef",
    "InstitutionRef",
    "OwnerMetrics",
    "PaperRecord",
    "ParsedDocument",
    "PersonRecord",
    "RecordError",
    "TopicKind",
    "TopicRef",
    "VenueKind",
    "VenueRef",
]

VenueKind = Literal["conference", "journal", "preprint", "workshop", "other"]
TopicKind = Literal[
    "arxiv_category",
    "keyword",  # a keyword the document gives without saying whose (BibTeX keywords)
    "concept",  # an OpenAlex concept or topic
    "author_keyword",  # WoS DE, Scopus Author Keywords, MEDLINE OT, RIS KW
    "index_keyword",  # WoS ID (Keywords Plus), Scopus Index Keywords
    "mesh",  # MeSH headings (PubMed MH / MeshHeadingList)
    "subject_category",  # WoS WC/SC categories, Scopus/S2 fields of study
]


@dataclass(frozen=True, slots=True)
class InstitutionRef:
    """An institution as one affiliation string or record names it.

    ``name`` is the organisation as written (WoS ``C1`` gives the first comma part of
    the address, "Univ Calif Berkeley"); ``address`` keeps the whole string; ``country``
    as written (graph/resolve.py normalizes it); ``ror`` when the source gives one.
    """

    name: str
    country: str | None = None
    address: str | None = None
    ror: str | None = None


@dataclass(frozen=True, slots=True)
class CitedRef:
    """One item of a paper's reference list, as the citing document writes it.

    ``raw`` is the reference text as written (a WoS ``CR`` line, a Scopus ``References``
    item, a Crossref ``unstructured`` string). The parsed parts feed the cited-reference
    key (first author's family name and initial, year, source, volume, first page) that
    matches a work cited by several records when no identifier does.
    """

    raw: str
    doi: str | None = None
    pmid: str | None = None
    s2_id: str | None = None
    openalex_id: str | None = None
    lens_id: str | None = None
    arxiv_id: str | None = None
    dblp_key: str | None = None  # a dblp ``<cite>`` names the cited record's key
    first_author: str | None = None  # "Zhang ZL", "Zhang, Z.L." as written
    year: int | None = None
    title: str | None = None
    source: str | None = None  # journal / book as written ("NATURE", "Nature")
    volume: str | None = None
    page: str | None = None  # first page


@dataclass(frozen=True, slots=True)
class AuthorRef:
    """One name in one paper's author list, as the document spells it.

    ``name`` is already cleaned of markup (bold, LaTeX, footnote marks) but keeps the
    document's spelling; ``raw`` keeps the text before cleaning so an alias can show it.
    ``position`` is 1-based in the document's list, or ``None`` when the author is not
    listed (``inferred``: the profile owner added because the page is theirs).
    """

    name: str
    position: int | None = None
    raw: str | None = None
    inferred: bool = False
    equal_contribution: bool = False
    orcid: str | None = None
    dblp_pid: str | None = None
    openalex_id: str | None = None
    affiliation: str | None = None
    scopus_author_id: str | None = None
    s2_author_id: str | None = None
    researcher_id: str | None = None  # WoS ResearcherID (RI)
    email: str | None = None
    institutions: tuple[InstitutionRef, ...] = ()
    # the document spells only initials for the given name ("Zhang, Z.", "ZHANG Z")
    initials_only: bool = False


@dataclass(frozen=True, slots=True)
class VenueRef:
    """Where a paper appeared; ``name`` is as written ("SC '23", "ASPLOS 2025")."""

    name: str
    acronym: str | None = None
    kind: VenueKind = "other"
    year: int | None = None


@dataclass(frozen=True, slots=True)
class TopicRef:
    """A topic a document itself assigns (e.g. an OpenAlex concept)."""

    name: str
    kind: TopicKind = "keyword"
    code: str | None = None


@dataclass(frozen=True, slots=True)
class PaperRecord:
    """One paper as one document describes it.

    ``authors_truncated`` is True when the document itself shows the list is cut
    ("et al.", "and others", an author count larger than the names given).
    ``categories`` are arXiv category codes exactly as written ("DC", "cs.DC", "eess.SP");
    graph/topics.py maps them to official ones. ``line`` is the 1-based line in the
    source where the record starts, for error messages and provenance.
    """

    title: str
    line: int
    authors: tuple[AuthorRef, ...] = ()
    authors_truncated: bool = False
    author_count: int | None = None
    year: int | None = None
    date: dt.date | None = None
    abstract: str | None = None
    doi: str | None = None
    arxiv_id: str | None = None
    dblp_key: str | None = None
    openalex_id: str | None = None
    wos_ut: str | None = None
    scopus_eid: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    s2_id: str | None = None
    lens_id: str | None = None
    url: str | None = None
    code_url: str | None = None
    has_code: bool = False
    venue: VenueRef | None = None
    # where in the venue, as written ("580", "123"): with the first author and year they
    # make the key a reference to this paper has (loaders/references.work_key)
    volume: str | None = None
    first_page: str | None = None
    categories: tuple[str, ...] = ()
    topics: tuple[TopicRef, ...] = ()
    score: float | None = None
    upvotes: int | None = None
    organization: str | None = None
    kind: str | None = None  # "publication", "preprint", "article", "inproceedings", ...
    # the citation count the source reports (WoS TC, Scopus "Cited by", S2 citationCount)
    cited_by: int | None = None
    references: tuple[CitedRef, ...] = ()


@dataclass(frozen=True, slots=True)
class OwnerMetrics:
    """Profile-level metrics a researcher page shows about its owner."""

    h_index: int | None = None
    paper_count: int | None = None
    citations: int | None = None
    novelty: float | None = None  # fraction 0..1 ("58%" -> 0.58)
    ai_score: float | None = None
    primary_category: str | None = None


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """A person described by the document itself (a profile or CV owner, a DBLP
    person record), as opposed to a name in an author list."""

    name: str
    line: int
    aliases: tuple[str, ...] = ()
    metrics: OwnerMetrics | None = None
    affiliations: tuple[str, ...] = ()
    employers: tuple[str, ...] = ()
    email: str | None = None
    homepage: str | None = None
    orcid: str | None = None
    dblp_pid: str | None = None
    openalex_id: str | None = None
    scopus_author_id: str | None = None
    s2_author_id: str | None = None
    researcher_id: str | None = None


@dataclass(frozen=True, slots=True)
class RecordError:
    """A record the loader could not use. Never dropped silently: it is reported with
    the file, the line (or record number) and why."""

    path: str
    line: int | None
    reason: str
    record: int | None = None

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
        elif self.record is not None:
            where += f" (record {self.record})"
        return f"{where}: {self.reason}"


@dataclass(slots=True)
class ParsedDocument:
    """What one loader read from one document.

    ``owner`` is the person whose profile/CV this is (every paper of a profile is
    theirs). ``read`` counts the records the loader saw, so that
    read == len(papers) + len(people) + len(errors) can be checked by the load summary.
    ``warnings`` are about the document as a whole and cost no record (text that had
    to be cleaned), for the load summary.
    """

    path: str
    format: str
    papers: list[PaperRecord] = field(default_factory=list)
    people: list[PersonRecord] = field(default_factory=list)
    owner: PersonRecord | None = None
    errors: list[RecordError] = field(default_factory=list)
    read: int = 0
    captured: dt.date | None = None
    warnings: list[str] = field(default_factory=list)

    def add(self, record: PaperRecord | PersonRecord | RecordError) -> None:
        """File one record yielded by a streaming parser under papers, people or errors
        (``read`` is the caller's to count: some parsers pass over records they count)."""
        if isinstance(record, PaperRecord):
            self.papers.append(record)
        elif isinstance(record, PersonRecord):
            self.people.append(record)
        else:
            self.errors.append(record)
