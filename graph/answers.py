"""The typed answers of the query catalogue.

These pydantic models are the boundary every front end shares: the CLI prints
``model_dump(by_alias=True)`` with ``--json``, the API uses them as response models, and
the views are built from them. One definition means the CLI and the HTTP API cannot
drift apart.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from graph.schema import AUTHOR, identifiers_of

__all__ = [
    "AuthorCitations",
    "CitationLink",
    "CitationsAnswer",
    "CitedAnswer",
    "CitedItem",
    "CocitationAnswer",
    "CocitationPair",
    "CommonReference",
    "CouplingAnswer",
    "CouplingPair",
    "PairEnd",
    "AuthorRef",
    "Candidate",
    "CentralAnswer",
    "CentralAuthor",
    "CommunitiesAnswer",
    "Community",
    "DistancesAnswer",
    "HopCount",
    "PathItem",
    "PathsAnswer",
    "RecommendAnswer",
    "SecondDegree",
    "SecondDegreeAnswer",
    "TimelineAnswer",
    "TimelineYear",
    "TopicRef",
    "AuthorInstitutions",
    "CollaborationAnswer",
    "CollaborationEdge",
    "CollaborationNetwork",
    "CollaborationPair",
    "InstitutionNetwork",
    "InstitutionRef",
    "InstitutionYear",
    "InstitutionsAnswer",
    "Member",
    "MembersAnswer",
    "NamedNode",
    "PlaceNode",
    "AuthorCandidate",
    "AuthorItem",
    "AuthorMetrics",
    "AuthorProfile",
    "AuthorTopic",
    "Coauthor",
    "CoauthorCount",
    "CoauthorNetwork",
    "CoauthorsAnswer",
    "Collaborator",
    "EvidenceAnswer",
    "EvidenceClue",
    "EvidenceOccurrence",
    "EvidenceSource",
    "IdentityAuthor",
    "EgoNetwork",
    "Hop",
    "Network",
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
    "TopicDetail",
    "TopicPair",
    "TopicShare",
    "TopicsAnswer",
    "identifier_fields",
]


def identifier_fields(label: str) -> dict[str, Any]:
    """An optional string field per external identifier of ``label``, named by its node
    property, for ``pydantic.create_model``: a model built with these gains a field for
    each identifier graph/schema.py declares, and so does the OpenAPI document."""
    return {i.prop: (str | None, None) for i in identifiers_of(label)}


class AuthorCandidate(BaseModel):
    id: str
    name: str
    paper_count: int
    has_profile: bool
    match: Literal["id", "exact", "reordered", "surname", "initials", "given", "contains"] = "exact"
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


_WEAK = (
    "True when the answer rests on a weak identity merge: on every paper behind it, one "
    "of the two people was joined to their author on topic, venue or affiliation "
    "similarity alone (`coauthor-kg explain` shows the evidence)."
)


class Collaborator(BaseModel):
    id: str
    name: str
    papers: list[PaperRef]
    weak: bool = Field(False, description=_WEAK)


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
    weak: bool = Field(False, description=_WEAK)


class PathAnswer(BaseModel):
    resolved: list[ResolvedName]
    length: int | None
    hops: list[Hop]


class Coauthor(BaseModel):
    id: str
    name: str
    papers: list[PaperRef]
    weak: bool = Field(False, description=_WEAK)


class CoauthorsAnswer(BaseModel):
    resolved: ResolvedName
    data: list[Coauthor]
    count: int


class StatsAnswer(BaseModel):
    nodes: dict[str, int] = Field(
        description="Nodes by label; Paper counts the corpus papers only."
    )
    relationships: dict[str, int]
    cited_only_papers: int = Field(
        default=0,
        description="Works only the corpus's references name (Paper nodes marked "
        "cited-only), not counted in nodes.Paper.",
    )


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
    has_profile: bool = False


class NetworkEdge(BaseModel):
    source: str
    target: str
    papers: list[str] = Field(description="Ids of the papers the two wrote together.")
    first_year: int | None = Field(default=None, description="Of the earliest joint paper.")
    last_year: int | None = Field(default=None, description="Of the latest joint paper.")


class Network(BaseModel):
    """Authors and the co-authorships among them (``source`` < ``target``, by ids)."""

    authors: list[NetworkAuthor]
    edges: list[NetworkEdge]


class CoauthorNetwork(Network):
    """The co-authorship graph, or its top authors by number of co-authors."""

    total_authors: int
    limit: int | None = None


class EgoNetwork(Network):
    """One author and the co-authors within a few hops, in rings: ring 0 is the author,
    ring k the authors k hops away (strongest first); ``reachable[k]`` is how many
    authors are k hops away before a size limit cut ring k."""

    resolved: ResolvedName
    rings: list[list[str]]
    reachable: list[int]


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


AuthorProfile = create_model(
    "AuthorProfile",
    __doc__="""One author: identifiers, names, metrics, papers (newest first, a page of them),
    topics and the co-authors with the most joint papers.""",
    __module__=__name__,
    id=(str, ...),
    name=(str, ...),
    aliases=(list[str], ...),
    has_profile=(bool, ...),
    **identifier_fields(AUTHOR),
    affiliations=(list[str], Field(default_factory=list)),
    metrics=(AuthorMetrics, ...),
    papers=(list[PaperItem], ...),
    topics=(list[AuthorTopic], ...),
    top_coauthors=(list[CoauthorCount], ...),
)


class AuthorItem(BaseModel):
    id: str
    name: str
    paper_count: int
    has_profile: bool


class TopicDetail(BaseModel):
    """A topic with a page of its papers (newest first) and of its authors (most
    papers first); ``limit``/``offset`` apply to both lists."""

    id: str
    name: str
    kind: str
    code: str | None = None
    archive: str | None = None
    paper_count: int
    author_count: int
    papers: list[PaperItem]
    authors: list[AuthorItem]


# -- institutions and countries -------------------------------------------------------


class NamedNode(BaseModel):
    """One end of a collaboration pair: an institution or a country (ISO code as id)."""

    id: str
    name: str


class CollaborationPair(BaseModel):
    a: NamedNode
    b: NamedNode
    papers: int
    examples: list[str] = Field(description="Ids of (up to five of) the papers behind it.")


class CollaborationAnswer(BaseModel):
    level: Literal["institution", "country"]
    pairs: list[CollaborationPair]


class InstitutionRef(BaseModel):
    id: str
    name: str
    country: str | None = None
    papers: list[str] = Field(default_factory=list)


class InstitutionYear(BaseModel):
    year: int | None
    institutions: list[InstitutionRef]


class AuthorInstitutions(BaseModel):
    id: str
    name: str
    by_year: list[InstitutionYear]


class InstitutionsAnswer(BaseModel):
    resolved: list[ResolvedName]
    authors: list[AuthorInstitutions]


class Member(BaseModel):
    id: str
    name: str
    papers: list[str]
    first_year: int | None = None
    last_year: int | None = None


class MembersAnswer(BaseModel):
    institution: InstitutionRef
    alternatives: list[InstitutionRef] = Field(default_factory=list)
    members: list[Member]


# -- identity evidence (graph/queries/identity.py) ------------------------------------------


class EvidenceClue(BaseModel):
    """One piece of evidence: its kind, its weight in bits (0 for a rule: id, owner,
    correction, new) and what it is."""

    kind: str
    bits: float
    detail: str


class EvidenceSource(BaseModel):
    id: str
    path: str | None = None
    format: str | None = None


class EvidenceOccurrence(BaseModel):
    """One occurrence of the author: a name in one source's author list of one paper,
    and why it was attributed to this author."""

    paper: PaperRef
    source: EvidenceSource
    spelling: str
    position: int | None = None
    evidence: list[EvidenceClue]
    strength: float = Field(
        description="The posterior that the occurrence is this author (1 for the rules)."
    )
    weak: bool = Field(description="Joined on similarity alone (topic, venue, affiliation).")
    namesakes: float | None = Field(
        None, description="How many people the graph estimated the name may stand for."
    )
    candidates: int = Field(0, description="Compatible authors the evidence was weighed on.")


class IdentityAuthor(BaseModel):
    id: str
    name: str
    aliases: list[str]
    ids: dict[str, str]


class EvidenceAnswer(BaseModel):
    """An author and, per occurrence, the evidence that joined it: the same object as
    `coauthor-kg explain AUTHOR --json` and `GET /authors/{id}/evidence`."""

    resolved: ResolvedName
    author: IdentityAuthor
    occurrences: list[EvidenceOccurrence]
    kinds: dict[str, int] = Field(
        description="How many occurrences each kind of evidence took part in."
    )
    weak: int = Field(description="How many occurrences rest on a weak merge.")


class PlaceNode(BaseModel):
    """An institution or a country (ISO 3166-1 code as id) in a collaboration network."""

    id: str
    name: str
    country_code: str | None = Field(default=None, description="An institution's country.")
    country: str | None = None
    papers: int = Field(description="Papers with an author there.")
    partners: int = Field(
        description="Institutions (or countries) it shares a paper with, in the whole graph."
    )
    community: int = Field(
        description="Louvain community among the nodes shown, numbered from 1, largest first."
    )


class CollaborationEdge(BaseModel):
    source: str
    target: str
    papers: int = Field(description="Papers listing both (source < target, by ids).")
    examples: list[str] = Field(description="Ids of (up to five of) the papers behind it.")


class CollaborationNetwork(BaseModel):
    """The institutions (or countries) with the most partners, and the collaborations
    among them: the network whose edges ``collaboration`` lists as pairs."""

    level: Literal["institution", "country"]
    nodes: list[PlaceNode]
    edges: list[CollaborationEdge]
    total_nodes: int
    limit: int | None = None


class InstitutionNetwork(BaseModel):
    """One institution: its members (most papers there first), the co-authorships among
    them, and the institutions they wrote with (``papers``: the joint papers, most
    first). ``total_*`` count them before a size limit."""

    institution: InstitutionRef
    alternatives: list[InstitutionRef] = Field(default_factory=list)
    members: list[Member]
    coauthorships: list[NetworkEdge]
    partners: list[InstitutionRef]
    total_members: int
    total_partners: int


# -- citations ------------------------------------------------------------------------


class CitedItem(BaseModel):
    id: str
    title: str = Field(description="A cited-only work's title is what a reference says.")
    year: int | None = None
    cited_only: bool = Field(description="Only the corpus's references name this work.")
    authors: list[str] = Field(
        description="Its authors; for a cited-only work the first author as cited."
    )
    local_citations: int = Field(description="Papers of the corpus citing it.")
    global_citations: int | None = Field(
        default=None, description="The largest count a source gives (WoS TC, Scopus, S2...)."
    )
    citing: list[str] = Field(description="Ids of the corpus papers citing it.")


class CitedAnswer(BaseModel):
    """The most cited works, by local citations (from the corpus) or global counts."""

    by: Literal["local", "global"]
    data: list[CitedItem]


class PairEnd(BaseModel):
    """A paper (id, title) or an author: an Author node (id, name) or, for a cited-only
    work's first author, ``name:<folded family name and initial>`` (label the same)."""

    id: str
    label: str


class CocitationPair(BaseModel):
    a: PairEnd
    b: PairEnd
    count: int = Field(description="Papers citing both.")
    citing: list[str] = Field(description="Ids of the papers citing both.")


class CocitationAnswer(BaseModel):
    """Pairs cited together, most co-cited first; with an author, the pairs of theirs
    (``a`` is the author, or one of their papers)."""

    level: Literal["paper", "author"]
    pairs: list[CocitationPair]
    resolved: ResolvedName | None = None


class CouplingPair(BaseModel):
    a: PairEnd
    b: PairEnd
    count: int = Field(description="Works both cite.")
    shared: list[str] = Field(description="Ids of the works both cite.")


class CouplingAnswer(BaseModel):
    """Pairs sharing references (bibliographic coupling), most shared first; with an
    author, the pairs of theirs (``a`` is the author, or one of their papers)."""

    level: Literal["paper", "author"]
    pairs: list[CouplingPair]
    resolved: ResolvedName | None = None


class CitationLink(BaseModel):
    citing: str = Field(description="Id of the citing paper.")
    cited: str = Field(description="Id of the cited paper.")


class AuthorCitations(BaseModel):
    """Papers of ``citing`` that cite papers of ``cited`` (two of the queried authors)."""

    citing: PairEnd
    cited: PairEnd
    count: int = Field(description="Citations (citing paper, cited paper).")
    links: list[CitationLink]


class CommonReference(BaseModel):
    """A work every queried author cites, and which of their papers cite it."""

    id: str
    title: str
    year: int | None = None
    cited_only: bool
    by: dict[str, list[str]] = Field(description="Author name -> ids of their citing papers.")


class CitationsAnswer(BaseModel):
    resolved: list[ResolvedName]
    links: list[AuthorCitations] = Field(description="Who cites whom, most citations first.")
    common: list[CommonReference] = Field(
        description="Works all of them cite, most citing papers first."
    )


# -- analytics on the projection (graph/projection) -------------------------------------


class AuthorRef(BaseModel):
    id: str
    name: str


class PathItem(BaseModel):
    length: int
    hops: list[Hop]


class PathsAnswer(BaseModel):
    """The k shortest chains of co-authorships, shortest first (ties: smaller ids)."""

    resolved: list[ResolvedName]
    since: int | None = None
    until: int | None = None
    paths: list[PathItem]


class HopCount(BaseModel):
    hops: int
    authors: int


class DistancesAnswer(BaseModel):
    """How far everyone is from one author, in co-authorship hops."""

    resolved: ResolvedName
    since: int | None = None
    until: int | None = None
    reachable: int = Field(description="Authors connected to this one by some chain.")
    unreachable: int = Field(description="Authors no chain reaches.")
    mean: float | None = Field(description="Mean hops to the reachable authors.")
    max: int | None = Field(description="Hops to the farthest reachable author.")
    distribution: list[HopCount]


class SecondDegree(BaseModel):
    id: str
    name: str
    common_coauthors: list[AuthorRef] = Field(
        description="The author's co-authors who wrote with this person."
    )


class SecondDegreeAnswer(BaseModel):
    """Co-authors of co-authors who never wrote with the author, most shared co-authors
    first."""

    resolved: ResolvedName
    since: int | None = None
    until: int | None = None
    data: list[SecondDegree]
    count: int


class TopicRef(BaseModel):
    id: str
    name: str


class Candidate(BaseModel):
    id: str
    name: str
    score: float = Field(description="adamic_adar x (1 + topic_similarity).")
    adamic_adar: float = Field(
        description="Sum over common co-authors of 1/ln(their number of co-authors), "
        "once per queried author they wrote with."
    )
    topic_similarity: float = Field(description="Cosine of topic paper counts, 0..1.")
    common_coauthors: list[AuthorRef]
    shared_topics: list[TopicRef]


class RecommendAnswer(BaseModel):
    """People none of the queried authors has written with, best first."""

    resolved: list[ResolvedName]
    since: int | None = None
    until: int | None = None
    candidates: list[Candidate]


class Community(BaseModel):
    rank: int = Field(description="1 is the largest community.")
    size: int
    members: list[AuthorRef] = Field(description="Its most connected members first.")


class CommunitiesAnswer(BaseModel):
    """Leiden communities of the co-authorship graph (largest first); authors with no
    co-author form communities of one, counted in ``singletons`` and not listed."""

    since: int | None = None
    until: int | None = None
    authors: int
    count: int = Field(description="Communities of two or more authors.")
    singletons: int
    communities: list[Community]


class CentralAuthor(BaseModel):
    id: str
    name: str
    score: float
    coauthors: int


class CentralAnswer(BaseModel):
    measure: Literal["degree", "pagerank", "betweenness"]
    estimated: bool = Field(description="True when betweenness was estimated by sampling.")
    since: int | None = None
    until: int | None = None
    data: list[CentralAuthor]


class TimelineYear(BaseModel):
    year: int
    papers: dict[str, int] = Field(description="Papers of each author that year.")
    joint_papers: int | None = Field(
        default=None, description="Papers the two wrote together that year (a pair only)."
    )
    new_coauthors: dict[str, list[AuthorRef]] = Field(
        description="Each author's co-authors whose first joint paper is from that year."
    )


class TimelineAnswer(BaseModel):
    """Collaboration over time for one author or a pair, year by year (years with
    nothing are left out; papers without a year are not counted)."""

    resolved: list[ResolvedName]
    since: int | None = None
    until: int | None = None
    years: list[TimelineYear]
