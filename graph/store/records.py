"""What the store's reads return: small frozen records, the same from either store.

The detail records are made by the three functions at the bottom from a node's
properties and its relationship rows, whichever store read them. So the stores cannot
differ in a default (Neo4j keeps no null property; the embedded store keeps None), in
an ordering, or in which properties count as external identifiers: those are the
schema's (graph/schema.py), keyed by property name in ``ids``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from graph.model import AuthoredRow
from graph.schema import AUTHOR, PAPER, identifiers_of

__all__ = [
    "Affiliation",
    "AuthorDetail",
    "AuthorLinks",
    "AuthorSummary",
    "CitedWork",
    "Coauthorship",
    "CypherResult",
    "InstitutionSummary",
    "PaperAuthorship",
    "PaperDetail",
    "PaperSource",
    "PaperSummary",
    "PaperTopic",
    "PaperVenue",
    "SharedCoauthor",
    "SourceSummary",
    "TopicDetail",
    "TopicSummary",
    "VenueSummary",
    "author_detail",
    "paper_detail",
    "topic_detail",
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


@dataclass(frozen=True, slots=True)
class SourceSummary:
    """A loaded document: its Source node."""

    id: str
    path: str
    format: str


@dataclass(slots=True)
class CypherResult:
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = False


# -- institutions ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class InstitutionSummary:
    id: str
    name: str
    country_code: str | None
    country: str | None


@dataclass(frozen=True, slots=True)
class Affiliation:
    """One AFFILIATED_WITH relationship: an author at an institution on one paper."""

    author_id: str
    institution_id: str
    paper_id: str
    year: int | None


# -- citations ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CitedWork:
    """A paper as a citation answer shows it: ``authors`` are its Author nodes as (id,
    name) by position (then id), none for a cited-only work, whose ``first_author`` is
    the name as a reference wrote it; ``cited_by`` the largest count a source gave."""

    id: str
    title: str
    year: int | None
    cited_only: bool
    cited_by: int | None
    first_author: str | None
    authors: tuple[tuple[str, str], ...]


# -- the whole co-authorship graph ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Coauthorship:
    """One weighted co-authorship edge, ``source`` < ``target``: how many papers the two
    wrote together, the first and last year among those (None: no year known), and
    ``years``: (year, joint papers that year) by year, so that a time window can count
    exactly the joint papers inside it (graph/projection)."""

    source: str
    target: str
    papers: int
    first_year: int | None
    last_year: int | None
    years: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class AuthorLinks:
    """One author of the whole-graph stream and their co-authorships with the authors of
    a larger id (sorted by it), so that every edge comes once."""

    author: AuthorSummary
    links: tuple[Coauthorship, ...]


# -- detail records ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AuthorDetail:
    id: str
    name: str
    aliases: tuple[str, ...]
    affiliations: tuple[str, ...]
    has_profile: bool
    ids: dict[str, str]
    h_index: int | None
    citations: int | None
    profile_paper_count: int | None


@dataclass(frozen=True, slots=True)
class PaperAuthorship:
    id: str
    name: str
    position: int | None
    inferred: bool
    equal_contribution: bool


@dataclass(frozen=True, slots=True)
class PaperVenue:
    id: str
    name: str
    kind: str
    year: int | None


@dataclass(frozen=True, slots=True)
class PaperTopic:
    id: str
    name: str
    kind: str
    code: str | None
    source: str | None


@dataclass(frozen=True, slots=True)
class PaperSource:
    id: str
    path: str
    format: str
    line: int | None


@dataclass(frozen=True, slots=True)
class PaperDetail:
    """A paper with every author (by position, then id), venue, topic and source file
    (each by id). A cited-only paper (only references name it) has none of those, and
    its first author as a reference wrote it."""

    id: str
    title: str
    year: int | None
    date: str | None
    abstract: str | None
    ids: dict[str, str]
    url: str | None
    code_url: str | None
    author_count: int | None
    authors_truncated: bool
    authors: tuple[PaperAuthorship, ...]
    venues: tuple[PaperVenue, ...]
    topics: tuple[PaperTopic, ...]
    sources: tuple[PaperSource, ...]
    cited_by: int | None = None
    cited_only: bool = False
    first_author: str | None = None


@dataclass(frozen=True, slots=True)
class TopicDetail:
    id: str
    name: str
    kind: str
    code: str | None
    archive: str | None
    paper_ids: tuple[str, ...]
    author_ids: tuple[str, ...]


Props = Mapping[str, Any]


def _ids(label: str, props: Props) -> dict[str, str]:
    return {i.prop: value for i in identifiers_of(label) if (value := props.get(i.prop))}


def author_detail(props: Props) -> AuthorDetail:
    """An Author node's properties as a record."""
    return AuthorDetail(
        id=props["id"],
        name=props["name"],
        aliases=tuple(sorted(props.get("aliases") or ())),
        affiliations=tuple(sorted(props.get("affiliations") or ())),
        has_profile=bool(props.get("has_profile")),
        ids=_ids(AUTHOR, props),
        h_index=props.get("h_index"),
        citations=props.get("citations"),
        profile_paper_count=props.get("profile_paper_count"),
    )


def _position_order(a: PaperAuthorship) -> tuple[int, int, str]:
    return (0 if a.position is not None else 1, a.position or 0, a.id)


def paper_detail(
    props: Props,
    authors: Iterable[Props],
    venues: Iterable[Props],
    topics: Iterable[Props],
    sources: Iterable[Props],
) -> PaperDetail:
    """A Paper node's properties and its relationship rows (one mapping per related
    node, holding its properties and the relationship's) as a record."""
    return PaperDetail(
        id=props["id"],
        title=props["title"],
        year=props.get("year"),
        date=props.get("date"),
        abstract=props.get("abstract"),
        ids=_ids(PAPER, props),
        url=props.get("url"),
        code_url=props.get("code_url"),
        author_count=props.get("author_count"),
        authors_truncated=bool(props.get("authors_truncated")),
        authors=tuple(
            sorted(
                (
                    PaperAuthorship(
                        a["id"],
                        a["name"],
                        a.get("position"),
                        bool(a.get("inferred")),
                        bool(a.get("equal_contribution")),
                    )
                    for a in authors
                ),
                key=_position_order,
            )
        ),
        venues=tuple(
            sorted(
                (PaperVenue(v["id"], v["name"], v["kind"], v.get("year")) for v in venues),
                key=lambda v: v.id,
            )
        ),
        topics=tuple(
            sorted(
                (
                    PaperTopic(t["id"], t["name"], t["kind"], t.get("code"), t.get("source"))
                    for t in topics
                ),
                key=lambda t: t.id,
            )
        ),
        sources=tuple(
            sorted(
                (PaperSource(s["id"], s["path"], s["format"], s.get("line")) for s in sources),
                key=lambda s: s.id,
            )
        ),
        cited_by=props.get("cited_by"),
        cited_only=bool(props.get("cited_only")),
        first_author=props.get("first_author"),
    )


def topic_detail(props: Props, paper_ids: Iterable[str], author_ids: Iterable[str]) -> TopicDetail:
    """A Topic node's properties, the papers that have it and their authors."""
    return TopicDetail(
        id=props["id"],
        name=props["name"],
        kind=props["kind"],
        code=props.get("code"),
        archive=props.get("archive"),
        paper_ids=tuple(sorted(set(paper_ids))),
        author_ids=tuple(sorted(set(author_ids))),
    )


def authored_row(author_id: str, paper_id: str, props: Mapping[str, Any]) -> AuthoredRow:
    """An AUTHORED relationship's properties as the row a load wrote, on either store."""
    return AuthoredRow(
        author_id,
        paper_id,
        props.get("position"),
        bool(props.get("inferred")),
        bool(props.get("equal_contribution")),
        sources=tuple(props.get("sources") or ()),
        evidence=props.get("evidence") or "new",
        strength=float(props.get("strength", 1.0)),
        weak=bool(props.get("weak")),
        occurrences=tuple(props.get("occurrences") or ()),
    )
