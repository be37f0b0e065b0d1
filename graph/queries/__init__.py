"""The query catalogue: every question coauthor-kg answers, for both stores.

Each question is composed here, in this package, from the store's primitive reads
(graph/store/base.py), so its meaning is defined once; views, exports, the API and the
CLI only render answers. Every answer says what each name resolved to, lists the
alternatives, and carries the papers that justify it. Orderings are total (ties broken
by id) so both stores give byte-identical JSON.

One module per area: names (resolution), papers, collaborators (co-authors, shared
collaborators, topics), paths (collaboration paths, distances), networks (whole graph,
ego), structure (communities, centrality), neighbourhood (second-degree collaborators,
recommendations), timeline (collaboration over time), catalogue (stats, topic and
author pages), institutions (institutions and countries, and their networks), citations
(most cited, co-citation, coupling, who cites whom). Paths, distances, structure and
neighbourhood run on the co-authorship projection (graph/projection); every question
about collaboration takes a window of years (``window``).
"""

from __future__ import annotations

from graph.queries.catalogue import author_profile, stats, topic_detail
from graph.queries.citations import citations_among, cocitation, coupling, most_cited
from graph.queries.collaborators import coauthors, shared_collaborators, topic_overlap
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
from graph.queries.neighbourhood import recommend, second_degree
from graph.queries.networks import (
    MAX_EGO_DEPTH,
    coauthor_network,
    ego_network,
    weighted_communities,
)
from graph.queries.papers import search_papers
from graph.queries.paths import (
    DEFAULT_MAX_HOPS,
    MAX_PATHS,
    collaboration_path,
    collaboration_paths,
    distances,
)
from graph.queries.structure import MEASURES, central, communities, community_groups
from graph.queries.timeline import timeline

__all__ = [
    "DEFAULT_MAX_HOPS",
    "MAX_PATHS",
    "MEASURES",
    "MAX_ALTERNATIVES",
    "MAX_AUTHORS",
    "MAX_EGO_DEPTH",
    "MIN_AUTHORS",
    "author_profile",
    "citations_among",
    "cocitation",
    "coupling",
    "most_cited",
    "central",
    "coauthor_network",
    "coauthors",
    "collaboration",
    "collaboration_network",
    "collaboration_path",
    "collaboration_paths",
    "communities",
    "community_groups",
    "distances",
    "ego_network",
    "explain",
    "institution_members",
    "institution_network",
    "institutions_of",
    "recommend",
    "resolve_institution",
    "resolve_name",
    "resolve_names",
    "search_authors",
    "search_papers",
    "second_degree",
    "shared_collaborators",
    "stats",
    "timeline",
    "topic_detail",
    "topic_overlap",
    "weighted_communities",
]
