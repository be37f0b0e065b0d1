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
from dataclasses import dataclass, field, fields
from typing import Any

from graph.schema import AUTHOR, INSTITUTION, PAPER, identifiers_of

__all__ = [
    "AbsorbedRow",
    "AffiliatedWithRow",
    "AuthorRow",
    "AuthoredRow",
    "CitesRow",
    "FromSourceRow",
    "GraphBatch",
    "HasTopicRow",
    "InstitutionRow",
    "PaperRow",
    "PublishedInRow",
    "SourceRow",
    "TopicRow",
    "VenueRow",
    "flat_prop_names",
    "flat_props",
    "ids_from_props",
    "make_id",
    "name_key",
    "paper_index_keys",
    "surname_key",
    "title_key",
]


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
    # external identifiers, keyed by graph/schema.py's Identifier.prop ("orcid", ...)
    ids: dict[str, str] = field(default_factory=dict)
    has_profile: bool = False
    h_index: int | None = None
    citations: int | None = None
    profile_paper_count: int | None = None
    novelty: float | None = None
    ai_score: float | None = None
    affiliations: list[str] = field(default_factory=list)
    # identity (graph/author_identity.py): the keys candidates are found by, whether the
    # name is only initials ("Z. Zhang"), the source whose load created the author, and
    # the e-mail addresses seen (folded)
    initial_key: str = ""
    given_key: str = ""
    initials_only: bool = False
    created_by: str | None = None
    emails: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.initial_key and not self.given_key:
            parts = self.name_key.split()
            if len(parts) >= 2:
                self.initial_key = f"{parts[0][0]} {parts[-1]}"
                self.given_key = parts[0]


@dataclass(slots=True)
class PaperRow:
    id: str
    title: str
    title_key: str
    year: int | None = None
    date: str | None = None  # ISO date
    abstract: str | None = None
    # external identifiers, keyed by graph/schema.py's Identifier.prop ("doi", ...)
    ids: dict[str, str] = field(default_factory=dict)
    url: str | None = None
    code_url: str | None = None
    has_code: bool = False
    author_count: int | None = None
    authors_truncated: bool = False
    score: float | None = None
    upvotes: int | None = None
    organization: str | None = None
    # the largest citation count a source reports (WoS TC, Scopus Cited by, S2)
    cited_by: int | None = None
    # ``year`` is a publication year a source gave (a venue's or a database record's),
    # not a preprint or profile-page date: such a year wins over those (merge_paper)
    year_published: bool = False
    # a work only the corpus's references name (graph/schema.py's CITES): never counted
    # as a corpus paper; its description comes from a reference until the corpus loads it
    cited_only: bool = False
    # the cited-reference key references to this work meet on (loaders/references.py)
    cited_key: str | None = None
    # the first author as the reference writes it ("Zhang ZL"): a cited-only work has no
    # Author nodes
    first_author: str | None = None


@dataclass(slots=True)
class InstitutionRow:
    id: str
    name: str
    name_key: str = ""  # the folded name searched by `query members`
    country_code: str | None = None  # ISO 3166-1 alpha-2 (graph/places.py)
    country: str | None = None
    ids: dict[str, str] = field(default_factory=dict)
    aliases: list[str] = field(default_factory=list)  # the spellings seen


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
    """An author on a paper. One row per occurrence (a source's author list); rows of
    one author and paper merge (graph/resolve.merge_authored). The identity evidence
    (graph/author_identity.Occurrence) is kept per occurrence: ``occurrences`` holds one
    JSON object per source, ``sources`` their source ids; ``evidence`` and ``strength``
    are those of the strongest occurrence, ``weak`` is true while every occurrence
    rests on similarity alone. Tuples, not lists: a load holds millions of these, and
    tuples of strings are not tracked by the garbage collector."""

    author_id: str
    paper_id: str
    position: int | None
    inferred: bool
    equal_contribution: bool = False
    sources: tuple[str, ...] = ()
    evidence: str = "new"
    strength: float = 1.0
    weak: bool = False
    occurrences: tuple[str, ...] = ()


@dataclass(slots=True)
class AffiliatedWithRow:
    """An author at an institution, as one paper's byline says (``paper_id``, ``year``)."""

    author_id: str
    institution_id: str
    paper: str  # the paper id
    year: int | None


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
class CitesRow:
    citing_id: str
    cited_id: str


@dataclass(slots=True)
class AbsorbedRow:
    """A cited-only paper found to be ``into_id`` (a corpus record carries a key of each):
    written after everything else of the batch, it moves the citations of ``stub_id`` to
    ``into_id``, gives ``into_id`` the identifiers it lacks, and removes ``stub_id``. A
    store does nothing when ``stub_id`` is not a cited-only paper."""

    stub_id: str
    into_id: str


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
    institutions: list[InstitutionRow] = field(default_factory=list)
    affiliated_with: list[AffiliatedWithRow] = field(default_factory=list)
    cites: list[CitesRow] = field(default_factory=list)
    absorbed: list[AbsorbedRow] = field(default_factory=list)

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
                self.institutions,
                self.affiliated_with,
                self.cites,
                self.absorbed,
            )
        )


_ID_PROPS: dict[type, tuple[str, ...]] = {
    AuthorRow: tuple(i.prop for i in identifiers_of(AUTHOR)),
    PaperRow: tuple(i.prop for i in identifiers_of(PAPER)),
    InstitutionRow: tuple(i.prop for i in identifiers_of(INSTITUTION)),
}
_FLAT_NAMES: dict[type, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {}


def flat_props(row: Any) -> dict[str, Any]:
    """A row as node properties: its fields, with ``ids`` spread into one property per
    identifier kind of its label (``None`` where absent), in field order.

    Both stores and the bulk CSVs hold identifiers as plain properties (indexable,
    readable in Cypher); rows hold them as one mapping so merge rules, writers and
    lookups can loop over graph/schema.py instead of naming each kind. Not ``asdict``:
    its recursive deep copy was a large share of a load's time; lists are copied so a
    node never shares a list with a row.
    """
    cls = type(row)
    spec = _FLAT_NAMES.get(cls)
    if spec is None:
        names = tuple(f.name for f in fields(row))
        cut = names.index("ids") if "ids" in names else len(names)
        spec = _FLAT_NAMES[cls] = (names[:cut], _ID_PROPS.get(cls, ()), names[cut + 1 :])
    before, id_props, after = spec
    out = {n: getattr(row, n) for n in before}
    if id_props:
        ids = row.ids
        for prop in id_props:
            out[prop] = ids.get(prop)
    for n in after:
        out[n] = getattr(row, n)
    for n, v in out.items():
        if type(v) is list:
            out[n] = list(v)
    return out


def flat_prop_names(cls: type) -> tuple[str, ...]:
    """The property names :func:`flat_props` gives a row of ``cls``, in order."""
    names = tuple(f.name for f in fields(cls))
    if "ids" not in names:
        return names
    cut = names.index("ids")
    return (*names[:cut], *_ID_PROPS.get(cls, ()), *names[cut + 1 :])


def ids_from_props(label: str, props: Any) -> dict[str, str]:
    """The ``ids`` mapping of a row, read back from node properties."""
    return {i.prop: v for i in identifiers_of(label) if (v := props.get(i.prop))}


def paper_index_keys(row: PaperRow) -> list[str]:
    """The identity keys a stored paper answers to (graph/resolve.py asks them): one per
    identifier; ``title:`` for a corpus paper only (a reference's title or raw text is no
    evidence that a corpus record is the same work); ``cited:`` for its cited-reference
    key, which references match; and ``stub:`` for that key while the paper is cited-only,
    which a corpus record matches to absorb it (two corpus papers never merge on it)."""
    keys = [kind.key_of(v) for kind in identifiers_of(PAPER) if (v := row.ids.get(kind.prop))]
    if not row.cited_only:
        keys.append("title:" + row.title_key)
    if row.cited_key:
        keys.append("cited:" + row.cited_key)
        if row.cited_only:
            keys.append("stub:" + row.cited_key)
    return keys
