"""The typed answers of the query catalogue.

These pydantic models are the boundary every front end shares: the CLI prints
``model_dump(by_alias=True)`` with ``--json``, the API uses them as response models, and
the views are built from them. One definition means the CLI and the HTTP API cannot
drift apart.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "AuthorCandidate",
    "AuthorMetrics",
    "AuthorProfile",
    "AuthorTopic",
    "Coauthor",
    "CoauthorCount",
    "CoauthorsAnswer",
    "CoauthorNetwork",
    "Collaborator",
    "Hop",
    "NetworkAuthor",
    "NetworkEdge",
    "PairShared",
    "PaperItem",
    "PaperLink",
    "PaperRef",
    "PathAnswer",
    "ResolvedName",
    "SearchAnswer",
    "SharedAnswer",
    "StatsAnswer",
    "TopicPair",
    "TopicShare",
    "TopicsAnswer",
]


class AuthorCandidate(BaseModel):
    id: str
    name: str
    paper_count: int
    has_profile: bool
    match: Literal["id", "exact", "surname", "initials", "contains"] = "exact"
    score: float = 0.0


class ResolvedName(BaseModel):
    query: str
    id: str
    name: str
    match: str = "exact"
    alternatives: list[AuthorCandidate] = Field(default_factory=list)


class PaperRef(BaseModel):
    """A paper behind an answer; ``authors`` names the queried authors on it."""

    id: str
    title: str
    year: int | None = None
    authors: list[str] = Field(default_factory=list)


class Collaborator(BaseModel):
    id: str
    name: str
    papers: list[PaperRef]


class PairShared(BaseModel):
    authors: list[str]
    shared: list[Collaborator]


class SharedAnswer(BaseModel):
    resolved: list[ResolvedName]
    shared_by_all: list[Collaborator]
    pairwise: list[PairShared]


class TopicShare(BaseModel):
    id: str
    name: str
    kind: str
    code: str | None = None
    papers: dict[str, int]


class TopicPair(BaseModel):
    authors: list[str]
    shared: list[TopicShare]
    jaccard: float
    cosine: float


class AuthorTopic(BaseModel):
    id: str
    name: str
    kind: str
    code: str | None = None
    papers: int


class TopicsAnswer(BaseModel):
    resolved: list[ResolvedName]
    shared_by_all: list[TopicShare]
    pairwise: list[TopicPair]
    topics: dict[str, list[AuthorTopic]] = Field(
        default_factory=dict, description="Every topic each author has papers in."
    )


class PaperLink(BaseModel):
    id: str
    title: str


class Hop(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    from_: str = Field(alias="from")
    to: str
    paper: PaperLink


class PathAnswer(BaseModel):
    resolved: list[ResolvedName]
    length: int | None
    hops: list[Hop]


class Coauthor(BaseModel):
    id: str
    name: str
    papers: list[PaperRef]


class CoauthorsAnswer(BaseModel):
    resolved: ResolvedName
    data: list[Coauthor]
    count: int


class StatsAnswer(BaseModel):
    nodes: dict[str, int]
    relationships: dict[str, int]


class SearchAnswer(BaseModel):
    query: str
    data: list[AuthorCandidate]
    count: int


class PaperAuthor(BaseModel):
    id: str
    name: str
    position: int | None = None
    inferred: bool = False


class PaperHit(BaseModel):
    id: str
    title: str
    year: int | None = None
    authors: list[PaperAuthor]
    authors_truncated: bool
    venues: list[str]
    sources: list[str]


class PapersAnswer(BaseModel):
    query: str
    data: list[PaperHit]
    count: int


class NetworkAuthor(BaseModel):
    id: str
    name: str
    paper_count: int
    coauthors: int = Field(description="Number of distinct co-authors in the whole graph.")


class NetworkEdge(BaseModel):
    source: str
    target: str
    papers: list[str] = Field(description="Ids of the papers the two wrote together.")


class CoauthorNetwork(BaseModel):
    """The co-authorship graph, or its top authors by number of co-authors."""

    authors: list[NetworkAuthor]
    edges: list[NetworkEdge]
    total_authors: int
    limit: int | None = None


class PaperItem(BaseModel):
    """A paper in a list: enough to show it and to ask for its detail by id."""

    id: str
    title: str
    year: int | None = None
    venues: list[str] = Field(default_factory=list)


class CoauthorCount(BaseModel):
    id: str
    name: str
    papers: int = Field(description="Number of papers written together.")


class AuthorMetrics(BaseModel):
    paper_count: int = Field(description="Papers in the graph with this author.")
    coauthor_count: int
    h_index: int | None = None
    citations: int | None = None
    profile_paper_count: int | None = Field(
        default=None, description="The paper count the author's profile page states."
    )


class AuthorProfile(BaseModel):
    """One author: identifiers, names, metrics, papers (newest first, a page of them),
    topics and the co-authors with the most joint papers."""

    id: str
    name: str
    aliases: list[str]
    has_profile: bool
    orcid: str | None = None
    dblp_pid: str | None = None
    openalex_id: str | None = None
    affiliations: list[str] = Field(default_factory=list)
    metrics: AuthorMetrics
    papers: list[PaperItem]
    topics: list[AuthorTopic]
    top_coauthors: list[CoauthorCount]
