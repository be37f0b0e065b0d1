"""What each view must contain, worked out without viz/, so the node and edge counts a
test finds in a page are checked against something else: the catalogue's answers for the
shared, topics and ego views, and for the overview (which is the catalogue's
``coauthor_network`` drawn) every paper's author list."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence

import networkx as nx

from graph import queries
from graph.store.base import GraphStore
from graph.store.memory import MemoryStore

__all__ = [
    "coauthor_graph",
    "ego_counts",
    "overview_counts",
    "overview_graph",
    "recommend_counts",
    "shared_counts",
    "timeline_counts",
    "topics_counts",
]

ALL = 10**6


def shared_counts(store: GraphStore, names: Sequence[str]) -> tuple[int, int]:
    """Queried authors + every collaborator listed; an edge per (queried author,
    collaborator) with a paper naming that author, plus one per queried pair who are
    co-authors."""
    answer = queries.shared_collaborators(store, names)
    lists = [answer.shared_by_all, *(p.shared for p in answer.pairwise)]
    collaborators = {c.id for cs in lists for c in cs}
    links = {(name, c.id) for cs in lists for c in cs for p in c.papers for name in p.authors}
    ids = [r.id for r in answer.resolved]
    direct = 0
    for i, a in enumerate(ids):
        theirs = {c.id for c in queries.coauthors(store, a, limit=ALL).data}
        direct += sum(1 for b in ids[i + 1 :] if b in theirs)
    return len(ids) + len(collaborators), len(links) + direct


def topics_counts(store: GraphStore, names: Sequence[str]) -> tuple[int, int]:
    """Queried authors + every topic any of them has; an edge per (author, topic)."""
    answer = queries.topic_overlap(store, names)
    topics = {t.id for ts in answer.topics.values() for t in ts}
    return len(answer.resolved) + len(topics), sum(len(ts) for ts in answer.topics.values())


def ego_counts(store: GraphStore, name: str) -> tuple[int, int]:
    """Depth 1, nothing cut: the author, their co-authors, and every co-authorship
    among them."""
    answer = queries.coauthors(store, name, limit=ALL)
    shown = {answer.resolved.id} | {c.id for c in answer.data}
    pairs = set()
    for a in shown:
        for c in queries.coauthors(store, a, limit=ALL).data:
            if c.id in shown:
                pairs.add(frozenset((a, c.id)))
    return len(shown), len(pairs)


def overview_graph(store: GraphStore, limit: int | None) -> nx.Graph:
    """The overview worked out from every paper's author list (the paper pages' read), not
    from queries.coauthor_network, which the view itself uses: the ``limit`` authors with
    the most co-authors (ties: more papers, then name, then id; everyone when None), and
    an edge, weighted by joint papers, between any two of them who share a paper."""
    g = nx.Graph()
    authors = store.search_authors("", ALL)  # every name key contains ""
    g.add_nodes_from(a.id for a in authors)
    papers: Counter[str] = Counter()
    for paper_id in store.search_papers("", ALL, 0)[0]:
        detail = store.paper_detail(paper_id)
        assert detail is not None, paper_id
        on_paper = sorted({a.id for a in detail.authors})
        papers.update(on_paper)
        for a, b in itertools.combinations(on_paper, 2):
            g.add_edge(a, b, weight=g.get_edge_data(a, b, {"weight": 0})["weight"] + 1)
    ranked = sorted(authors, key=lambda a: (-g.degree(a.id), -papers[a.id], a.name, a.id))
    shown = ranked if limit is None else ranked[:limit]
    return nx.Graph(g.subgraph(a.id for a in shown))


def overview_counts(store: GraphStore, limit: int | None) -> tuple[int, int]:
    g = overview_graph(store, limit)
    return g.number_of_nodes(), g.number_of_edges()


def coauthor_graph(store: MemoryStore) -> nx.Graph:
    """The co-author graph straight from the embedded store's networkx graph: an
    oracle for queries.coauthor_network that shares no code with it."""
    g = nx.Graph()
    authors = [n for n, label in store.g.nodes(data="label") if label == "Author"]
    g.add_nodes_from(authors)
    for p, label in store.g.nodes(data="label"):
        if label != "Paper":
            continue
        names = sorted(a for a in store.g.predecessors(p) if store.g.nodes[a]["label"] == "Author")
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                if g.has_edge(a, b):
                    g[a][b]["papers"].append(p)
                else:
                    g.add_edge(a, b, papers=[p])
    return g


def recommend_counts(store: GraphStore, names: Sequence[str]) -> tuple[int, int]:
    """Queried authors + candidates + their common co-authors; an edge per common
    co-author and each queried author they wrote with, and per candidate and each of
    their common co-authors."""
    answer = queries.recommend(store, names)
    links = {z.id for c in answer.candidates for z in c.common_coauthors}
    queried = [r.id for r in answer.resolved]
    to_queried = sum(
        1
        for q in queried
        for z in links
        if z in {c.id for c in queries.coauthors(store, q, limit=ALL).data}
    )
    to_candidates = sum(len(c.common_coauthors) for c in answer.candidates)
    return len(queried) + len(answer.candidates) + len(links), to_queried + to_candidates


def timeline_counts(store: GraphStore, names: Sequence[str]) -> tuple[int, int]:
    """Queried authors + one node per year + one per new co-author and queried author;
    the line through the years (starting at the first author) and an edge per new
    co-author."""
    answer = queries.timeline(store, names)
    new = sum(len(people) for y in answer.years for people in y.new_coauthors.values())
    years = len(answer.years)
    return len(answer.resolved) + years + new, years + new
