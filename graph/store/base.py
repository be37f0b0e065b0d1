"""The store interface, in parts: what a load writes through, what the resolver looks up,
what the query catalogue reads, and what a store can do beyond that (its capabilities).

The reads are deliberately small *primitives* (candidates for a name, co-authors with
their papers, topics of an author, neighbours of a frontier) rather than whole
questions. graph/queries.py composes the questions from these once, so the two stores
cannot disagree on what "shared collaborator" or "shortest path" means: a parity test
only has to show that the primitives agree. Each primitive is one indexed round trip on
Neo4j, so composing in Python costs a handful of round trips per question.

Code outside this package never asks which store it holds: it reads
:class:`Capabilities`. ``kind`` is a display name only.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from graph.model import AuthoredRow, GraphBatch
from graph.store.identity import IdentityEditor, IdentityLookup
from graph.store.records import (
    Affiliation,
    AuthorDetail,
    AuthorLinks,
    AuthorSummary,
    CitedWork,
    CypherResult,
    InstitutionSummary,
    PaperDetail,
    PaperSummary,
    SharedCoauthor,
    SourceSummary,
    TopicDetail,
    TopicSummary,
    VenueSummary,
)

__all__ = [
    "Capabilities",
    "GraphReader",
    "GraphStore",
    "GraphWriter",
    "LoadTarget",
]


@dataclass(frozen=True, slots=True)
class Capabilities:
    """What a store can do beyond the common interface, declared by each store."""

    overlapped_writes: bool = False
    """``write`` may run on another thread while the caller resolves the next batch:
    the store's writes wait on a server and are thread-safe (graph/ingest.py)."""
    concurrent_reads: bool = False
    """Reads may run while a write is in progress, the store isolating them; otherwise
    the caller keeps reads and writes apart (api/deps.py)."""
    multi_process: bool = False
    """Several processes may open the store at once and see each other's writes
    (``coauthor-kg serve --workers``)."""
    remote: bool = False
    """The graph is on a server, which may be down, refuse the credentials or lack the
    database: worth checking with ``ping`` before serving (api/app.py)."""


class GraphWriter(Protocol):
    """What graph/ingest.py writes a load through."""

    @property
    def capabilities(self) -> Capabilities: ...
    def ensure_schema(self) -> None: ...
    def write(self, batch: GraphBatch) -> None:
        """Merge one batch atomically and idempotently."""
        ...

    def mark_source_complete(self, source_id: str) -> None: ...
    def source_complete(self, sha256: str) -> bool: ...
    def is_empty(self) -> bool:
        """No node at all (the resolver then skips identity lookups)."""
        ...

    def flush(self) -> None:
        """Make everything written so far durable (embedded: atomic save)."""
        ...

    def rollback(self) -> None:
        """After a failed load: forget what ``flush`` has not made durable. A store that
        commits every batch as it is written has nothing to forget (a re-run resumes)."""
        ...


class LoadTarget(GraphWriter, IdentityLookup, Protocol):
    """What a load goes into: a writer that answers the resolver's identity lookups."""


class GraphReader(Protocol):
    """The reads graph/queries.py composes every question from."""

    def authors_by_name(
        self, name_keys: Sequence[str], surname_keys: Sequence[str]
    ) -> list[AuthorSummary]:
        """Authors whose full name key, or surname key, is one of those given."""
        ...

    def search_authors(self, text_key: str, limit: int) -> list[AuthorSummary]:
        """Authors whose name key contains ``text_key`` (for fuzzy search)."""
        ...

    def get_authors(self, ids: Sequence[str]) -> list[AuthorSummary]: ...
    def coauthor_papers(self, author_id: str) -> dict[str, list[str]]:
        """Co-author id -> ids of the papers they share with ``author_id``."""
        ...

    def neighbours(self, ids: Sequence[str]) -> dict[str, list[str]]:
        """Co-author ids of each given author (one BFS level)."""
        ...

    def author_topic_papers(self, author_id: str) -> dict[str, list[str]]:
        """Topic id -> ids of the author's papers with that topic."""
        ...

    # Batched reads: one round trip for what a question needs about several authors at
    # once, and only the part of it the answer can use (a prolific author has thousands
    # of co-authors; moving them all to Python was most of a question's time).
    def shared_coauthor_papers(self, ids: Sequence[str]) -> dict[str, SharedCoauthor]:
        """Co-authors of at least two of ``ids`` (none of ``ids`` themselves): co-author
        id -> their name and {queried id: sorted ids of their joint papers}, only the
        queried authors they share a paper with. The name comes along so the answer
        needs no second read of the people."""
        ...

    def author_topic_counts(self, ids: Sequence[str]) -> dict[str, dict[str, int]]:
        """Author id -> {topic id: number of the author's papers with that topic}."""
        ...

    def joint_papers(self, pairs: Sequence[tuple[str, str]]) -> list[list[str]]:
        """For each (a, b) pair, the sorted ids of the papers both wrote."""
        ...

    def get_papers(self, ids: Sequence[str]) -> list[PaperSummary]: ...
    def get_topics(self, ids: Sequence[str]) -> list[TopicSummary]: ...
    def counts(self) -> dict[str, dict[str, int]]:
        """{"nodes": {label: n}, "relationships": {type: n}, "cited_only": {"Paper": n}}:
        ``nodes`` counts corpus papers only, cited-only ones are counted apart."""
        ...

    # The one read of the whole graph: views of every author, exports, and later the
    # in-memory projection the graph algorithms run on.
    def iter_coauthorships(self) -> Iterator[AuthorLinks]:
        """Every author, by id, with their co-authorships with authors of a larger id
        (each edge once): joint paper count, first and last year, and the joint papers
        per year. Read in pages
        where the store is a server, so memory holds one page of it at a time."""
        ...

    # What the projection (graph/projection) is stamped with and kept beside.
    def completed_sources(self) -> list[str]:
        """The sha256 of every Source whose load completed, sorted."""
        ...

    @property
    def derived_dir(self) -> Path | None:
        """Where data derived from this store is kept (the co-authorship projection):
        beside the store; None keeps it in memory only."""
        ...

    # -- detail reads (API pages) ------------------------------------------------------
    def author_papers(self, author_id: str) -> list[str]:
        """Ids of every paper the author wrote (sorted); [] for an unknown id. The
        co-author and topic primitives miss solo papers without topics."""
        ...

    def author_detail(self, author_id: str) -> AuthorDetail | None: ...
    def paper_detail(self, paper_id: str) -> PaperDetail | None: ...
    def topic_detail(self, topic_id: str) -> TopicDetail | None: ...
    def search_papers(self, text_key: str, limit: int, offset: int) -> tuple[list[str], int]:
        """Ids of corpus papers whose title key contains ``text_key``, and the total."""
        ...

    def list_topics(self, limit: int, offset: int) -> tuple[list[TopicSummary], int]: ...
    def list_venues(self, limit: int, offset: int) -> tuple[list[VenueSummary], int]: ...
    # -- institutions (AFFILIATED_WITH) --------------------------------------------------
    def get_institutions(self, ids: Sequence[str]) -> list[InstitutionSummary]:
        """The institutions among ``ids``, in the order given."""
        ...

    def search_institutions(self, text_key: str, limit: int) -> list[InstitutionSummary]:
        """Institutions whose folded name contains ``text_key``, by id."""
        ...

    def affiliations_of(self, author_ids: Sequence[str]) -> list[Affiliation]:
        """Every AFFILIATED_WITH of these authors, sorted by author, institution, paper."""
        ...

    def institution_affiliations(self, institution_id: str) -> list[Affiliation]:
        """Every AFFILIATED_WITH into one institution, sorted by author, paper."""
        ...

    def paper_institutions(self) -> dict[str, list[str]]:
        """Paper id -> the sorted ids of the institutions its authors list on it, for
        every paper with at least one."""
        ...

    # -- identity (graph/author_identity.py): the evidence kept per authorship ------------
    def authorships(self, author_id: str) -> list[AuthoredRow]:
        """Every AUTHORED of the author with its identity evidence, by paper id."""
        ...

    def weak_authorships(self, pairs: Sequence[tuple[str, str]]) -> list[bool]:
        """For each (author, paper): whether that authorship rests on a weak merge
        (AUTHORED ``weak``); False where there is none."""
        ...

    def get_sources(self, ids: Sequence[str]) -> list[SourceSummary]:
        """The loaded documents among ``ids``, in the order given."""

    # -- citations (CITES) ---------------------------------------------------------------
    def references_of(self, paper_ids: Sequence[str]) -> dict[str, list[str]]:
        """Citing paper id -> the sorted ids of the papers it cites (only papers that
        cite something)."""
        ...

    def citing_papers(self, paper_ids: Sequence[str]) -> dict[str, list[str]]:
        """Cited paper id -> the sorted ids of the papers citing it (only papers that
        are cited)."""
        ...

    def cited_works(self, paper_ids: Sequence[str]) -> list[CitedWork]:
        """The papers among ``paper_ids`` (cited-only ones included), in the order given."""
        ...

    # One author's pairs, counted where the graph is: a prolific author's papers reach
    # hundreds of thousands of (paper, citing or cited, other paper) paths once a
    # heavily cited work is among them; only the pairs an answer shows travel back.
    def cocited_pairs(
        self, paper_ids: Sequence[str], min_count: int, limit: int
    ) -> list[tuple[str, str, list[str]]]:
        """(p, x, citing): p one of ``paper_ids``, x a paper cited together with p by at
        least ``min_count`` papers (``citing``, sorted); the ``limit`` pairs most
        co-cited, ties by p then x. A pair of two of ``paper_ids`` comes once, p < x."""
        ...

    def coupled_pairs(
        self, paper_ids: Sequence[str], min_count: int, limit: int
    ) -> list[tuple[str, str, list[str]]]:
        """(p, x, shared): p one of ``paper_ids``, x a paper citing at least
        ``min_count`` of the works p cites (``shared``, sorted); the ``limit`` pairs
        sharing most, ties by p then x. A pair of two of ``paper_ids`` comes once, p < x."""
        ...

    def most_cited(self, limit: int, by: str) -> list[str]:
        """Ids of the ``limit`` papers cited most, by ``local`` citations (CITES from
        the corpus) or by the ``global`` count sources give (``cited_by``); ties by id.
        Only papers with at least one citation of that kind."""
        ...

    def iter_references(self) -> Iterator[tuple[str, tuple[str, ...]]]:
        """The whole citation graph: every citing paper (by id) with the sorted ids of
        what it cites. Read in pages where the store is a server."""
        ...

    def run_cypher(
        self, query: str, params: Mapping[str, Any], *, timeout_s: float, row_cap: int
    ) -> CypherResult:
        """A user's read-only Cypher; NotSupportedError where the store has no Cypher."""
        ...


class GraphStore(LoadTarget, GraphReader, IdentityEditor, Protocol):
    """A place the graph lives: both full stores (Neo4j and the embedded one)."""

    @property
    def kind(self) -> str:
        """A name to show ("neo4j", "embedded"), never to branch on."""
        ...

    def ping(self) -> None:
        """Raise StoreUnavailableError when the store does not answer."""
        ...

    def clear(self) -> None: ...
    def close(self) -> None: ...
