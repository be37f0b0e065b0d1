"""The query catalogue: every question coauthor-kg answers, for both stores.

Each question is composed here, in this package, from the store's primitive reads
(graph/store/base.py), so its meaning is defined once; views, exports, the API and the
CLI only render answers. Every answer says what each name resolved to, lists the
alternatives, and carries the papers that justify it. Orderings are total (ties broken
by id) so both stores give byte-identical JSON.

One module per area: names (resolution), papers, collaborators (co-authors, shared
collaborators, topics, paths), networks (whole graph, ego, communities), catalogue
(stats, topic and author pages), institutions (institutions and countries, and their
networks), citations (most cited, co-citation, coupling, who cites whom).
"""

from __future__ import annotations

from graph.queries.catalogue import author_profile, stats, topic_detail
from graph.queries.citations import citations_among, cocitation, coupling, most_cited
from graph.queries.collaborators import (
    DEFAULT_MAX_HOPS,
    coauthors,
    collaboration_path,
    shared_collaborators,
    topic_overlap,
)
from graph.queries.identity import explain
from graph.queries.institutions import (
    collaboration,
    collaboration_network,
    institution_members,
    institution_network,
    institutions_of,
    resolve_institution,
)
from graph.queries.names import (
    MAX_ALTERNATIVES,
    MAX_AUTHORS,
    MIN_AUTHORS,
    resolve_name,
    resolve_names,
    search_authors,
)
from graph.queries.networks import (
    COMMUNITY_SEED,
    MAX_EGO_DEPTH,
    coauthor_network,
    communities,
    ego_network,
)
from graph.queries.papers import search_papers

__all__ = [
    "COMMUNITY_SEED",
    "DEFAULT_MAX_HOPS",
    "MAX_ALTERNATIVES",
    "MAX_AUTHORS",
    "MAX_EGO_DEPTH",
    "MIN_AUTHORS",
    "author_profile",
    "citations_among",
    "cocitation",
    "coupling",
    "most_cited",
    "coauthor_network",
    "coauthors",
    "collaboration",
    "collaboration_network",
    "collaboration_path",
    "communities",
    "ego_network",
    "explain",
    "institution_members",
    "institution_network",
    "institutions_of",
    "resolve_institution",
    "resolve_name",
    "resolve_names",
    "search_authors",
    "search_papers",
    "shared_collaborators",
    "stats",
    "topic_detail",
    "topic_overlap",
]
