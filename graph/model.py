"""The graph model: node and relationship rows, id rules and name/title normalization.

Both stores (Neo4j and the embedded networkx one) write exactly these rows, so the
identity rules and property-merge rules live here once. Ids are deterministic hashes
of an entity's strongest identity key at creation time: a load that is interrupted and
re-run creates the same ids again, which is what makes ``MERGE``-style writes
idempotent and re-runs safe.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

__all__ = [
    "NODE_LABELS",
    "REL_TYPES",
    "AuthorRow",
    "AuthoredRow",
    "FromSourceRow",
    "GraphBatch",
    "HasTopicRow",
    "PaperRow",
    "PublishedInRow",
    "SourceRow",
    "TopicRow",
    "VenueRow",
    "make_id",
    "name_key",
    "surname_key",
    "title_key",
    "venue_key",
]

NODE_LABELS = ("Author", "Paper", "Venue", "Topic", "Source")
REL_TYPES = ("AUTHORED", "PUBLISHED_IN", "HAS_TOPIC", "FROM_SOURCE")

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def _fold(text: str) -> str:
    """Case- and accent-folded text (ß -> ss, é -> e, Ø -> o)."""
    if text.isascii():  # most names and titles; NFKD and the extra folds change nothing
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.translate(_EXTRA_FOLDS)


_EXTRA_FOLDS = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i"}
)


def name_key(name: str) -> str:
    """The key two spellings of one person's name share.

    Folds case, accents, dots, hyphens and spacing; it does not expand initials
    ("J. Smith" stays "j smith", never "john smith").

    >>> name_key("  Ziming   LIU ")
    'ziming liu'
    >>> name_key("François Lévy-Dupont")
    'francois levy dupont'
    >>> name_key("J.R.R. Tolkien")
    'j r r tolkien'
    """
    folded = _fold(name).replace(".", " ")
    return " ".join(_NON_WORD.sub(" ", folded).replace("_", " ").split())


def surname_key(key: str) -> str:
    """Last token of a name key: what a one-word query such as "Zhang" is compared to."""
    parts = key.split()
    return parts[-1] if parts else ""


def title_key(title: str) -> str:
    """Normalized title: folded, punctuation dropped, spaces collapsed.

    >>> title_key("EnergonAI: An Inference System for 10-100 Billion Parameter Transformer Models")
    'energonai an inference system for 10 100 billion parameter transformer models'
    """
    return " ".join(_NON_WORD.sub(" ", _fold(title)).replace("_", " ").split())


def venue_key(name: str) -> str:
    return title_key(name)


def make_id(prefix: str, key: str) -> str:
    """Deterministic short id: ``prefix`` + 16 hex chars of SHA-1 of the identity key."""
    return prefix + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class AuthorRow:
    id: str
    name: str
    name_key: str
    surname_key: str
    aliases: list[str] = field(default_factory=list)
    orcid: str | None = None
    dblp_pid: str | None = None
    openalex_id: str | None = None
    has_profile: bool = False
    h_index: int | None = None
    citations: int | None = None
    profile_paper_count: int | None = None
    novelty: float | None = None
    ai_score: float | None = None
    affiliations: list[str] = field(default_factory=list)


@dataclass(slots=True)
class PaperRow:
    id: str
    title: str
    title_key: str
    year: int | None = None
    date: str | None = None  # ISO date
    abstract: str | None = None
    doi: str | None = None
    arxiv_id: str | None = None
    dblp_key: str | None = None
    openalex_id: str | None = None
    url: str | None = None
    code_url: str | None = None
    has_code: bool = False
    author_count: int | None = None
    authors_truncated: bool = False
    score: float | None = None
    upvotes: int | None = None
    organization: str | None = None


@dataclass(slots=True)
class VenueRow:
    id: str
    name: str
    acronym: str | None = None
    kind: str = "other"


@dataclass(slots=True)
class TopicRow:
    id: str
    name: str
    kind: str  # arxiv_category | keyword | concept
    code: str | None = None
    archive: str | None = None


@dataclass(slots=True)
class SourceRow:
    id: str
    path: str
    format: str
    sha256: str
    loaded_at: str
    status: str = "partial"  # "complete" once every batch of the document landed


@dataclass(slots=True)
class AuthoredRow:
    author_id: str
    paper_id: str
    position: int | None
    inferred: bool
    equal_contribution: bool = False


@dataclass(slots=True)
class PublishedInRow:
    paper_id: str
    venue_id: str
    year: int | None


@dataclass(slots=True)
class HasTopicRow:
    paper_id: str
    topic_id: str
    source: str  # "arxiv_category" | "keyword" | "openalex" | ...


@dataclass(slots=True)
class FromSourceRow:
    node_id: str  # a Paper or Author id
    source_id: str
    line: int | None = None


@dataclass(slots=True)
class GraphBatch:
    """One transaction's worth of rows. Every store writes a batch all-or-nothing, and
    every row merges idempotently, so writing the same batch twice changes nothing."""

    authors: list[AuthorRow] = field(default_factory=list)
    papers: list[PaperRow] = field(default_factory=list)
    venues: list[VenueRow] = field(default_factory=list)
    topics: list[TopicRow] = field(default_factory=list)
    sources: list[SourceRow] = field(default_factory=list)
    authored: list[AuthoredRow] = field(default_factory=list)
    published_in: list[PublishedInRow] = field(default_factory=list)
    has_topic: list[HasTopicRow] = field(default_factory=list)
    from_source: list[FromSourceRow] = field(default_factory=list)

    def __len__(self) -> int:
        return sum(
            len(rows)
            for rows in (
                self.authors,
                self.papers,
                self.venues,
                self.topics,
                self.sources,
                self.authored,
                self.published_in,
                self.has_topic,
                self.from_source,
            )
        )
