"""What each view must contain, worked out from the query answers alone (not from viz/),
so the node and edge counts a test finds in a page are checked against the catalogue."""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx

from graph import queries
from graph.store.base import GraphStore
from graph.store.memory import MemoryStore

__all__ = ["coauthor_graph", "ego_counts", "overview_counts", "shared_counts", "topics_counts"]

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


def overview_counts(store: GraphStore, limit: int | None) -> tuple[int, int]:
    net = queries.coauthor_network(store, limit)
    return len(net.authors), len(net.edges)


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
