"""The store interface both stores satisfy (Neo4j and the embedded networkx one).

The interface is deliberately made of small *primitive* reads (candidates for a name,
co-authors with their papers, topics of an author, neighbours of a frontier) rather
than whole questions. graph/queries.py composes the questions from these once, so the
two stores cannot disagree on what "shared collaborator" or "shortest path" means: a
parity test only has to show that the primitives agree. Each primitive is one indexed
round trip on Neo4j, so composing in Python costs a handful of round trips per question.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from graph.model import GraphBatch
from graph.resolve import AuthorMatch

__all__ = [
    "AuthorSummary",
    "CypherResult",
    "GraphStore",
    "PaperSummary",
    "SharedCoauthor",
    "TopicSummary",
    "VenueSummary",
]


@dataclass(frozen=True, slots=True)
class AuthorSummary:
    id: str
    name: str
    has_profile: bool
    paper_count: int
    name_key: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PaperSummary:
    id: str
    title: str
    year: int | None
    venues: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TopicSummary:
    id: str
    name: str
    kind: str
    code: str | None = None
    paper_count: int = 0


@dataclass(frozen=True, slots=True)
class VenueSummary:
    id: str
    name: str
    kind: str
    acronym: str | None = None
    paper_count: int = 0


@dataclass(frozen=True, slots=True)
class SharedCoauthor:
    """A co-author of several queried authors: name, and queried id -> joint papers."""

    name: str
    joint: dict[str, list[str]]


@dataclass(slots=True)
class CypherResult:
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = False


@runtime_checkable
class GraphStore(Protocol):
    """A place the graph lives. ``kind`` is "neo4j" or "embedded"."""

    kind: str

    # -- writing (used by graph/ingest.py) ---------------------------------------------
    def ensure_schema(self) -> None: ...
    def write(self, batch: GraphBatch) -> None:
        """Merge one batch atomically and idempotently."""
        ...

    def mark_source_complete(self, source_id: str) -> None: ...
    def source_complete(self, sha256: str) -> bool: ...
    def clear(self) -> None: ...
    def flush(self) -> None:
        """Make everything written so far durable (embedded: atomic save)."""
        ...

    def close(self) -> None: ...

    # -- identity lookups (graph/resolve.IdentityLookup) -------------------------------
    def match_paper_keys(self, keys: Sequence[str]) -> dict[str, list[str]]: ...
    def paper_author_keys(self, paper_ids: Sequence[str]) -> dict[str, set[str]]: ...
    def match_author_keys(self, keys: Sequence[str]) -> dict[str, list[AuthorMatch]]: ...

    # -- primitive reads (graph/queries.py) --------------------------------------------
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

    def expand(self, frontier: Sequence[str]) -> dict[str, str]:
        """One breadth-first level: every co-author of a frontier author -> the smallest
        frontier id they wrote with (frontier authors included when adjacent)."""
        ...

    def joint_papers(self, pairs: Sequence[tuple[str, str]]) -> list[list[str]]:
        """For each (a, b) pair, the sorted ids of the papers both wrote."""
        ...

    def get_papers(self, ids: Sequence[str]) -> list[PaperSummary]: ...
    def get_topics(self, ids: Sequence[str]) -> list[TopicSummary]: ...
    def counts(self) -> dict[str, dict[str, int]]:
        """{"nodes": {label: n}, "relationships": {type: n}}."""
        ...

    # -- detail reads (API pages) ------------------------------------------------------
    def author_papers(self, author_id: str) -> list[str]:
        """Ids of every paper the author wrote (sorted); [] for an unknown id. The
        co-author and topic primitives miss solo papers without topics."""
        ...

    def author_props(self, author_id: str) -> dict[str, Any] | None:
        """The Author node's properties, or None when there is no such author."""
        ...

    def paper_detail(self, paper_id: str) -> dict[str, Any] | None:
        """Paper properties plus "authors" [{id, name, position, inferred}] (by position),
        "venues" [{id, name, kind, year}], "topics" [{id, name, kind, code, source}],
        "sources" [{id, path, format, line}], each list sorted deterministically."""
        ...

    def topic_detail(self, topic_id: str) -> dict[str, Any] | None:
        """Topic properties plus "paper_ids" and "author_ids" (sorted)."""
        ...

    def search_papers(self, text_key: str, limit: int, offset: int) -> tuple[list[str], int]:
        """Ids of papers whose title key contains ``text_key``, and the total count."""
        ...

    def list_topics(self, limit: int, offset: int) -> tuple[list[TopicSummary], int]: ...
    def list_venues(self, limit: int, offset: int) -> tuple[list[VenueSummary], int]: ...
    def run_cypher(
        self, query: str, params: Mapping[str, Any], *, timeout_s: float, row_cap: int
    ) -> CypherResult: ...
