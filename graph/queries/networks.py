"""Networks: the whole co-authorship graph, ego networks and communities (one function,
one seed, for every view and export)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

import networkx as nx

from graph.answers import (
    CoauthorNetwork,
    EgoNetwork,
    NetworkAuthor,
    NetworkEdge,
)
from graph.errors import InvalidQueryError
from graph.queries.names import resolve_name
from graph.store.base import GraphReader
from graph.store.records import (
    AuthorSummary,
    Coauthorship,
)

MAX_EGO_DEPTH = 4
COMMUNITY_SEED = 42


def _coauthorship(store: GraphReader) -> tuple[list[AuthorSummary], list[Coauthorship]]:
    """The whole co-authorship graph, from the store's one whole-graph read."""
    authors: list[AuthorSummary] = []
    edges: list[Coauthorship] = []
    for block in store.iter_coauthorships():
        authors.append(block.author)
        edges.extend(block.links)
    return authors, edges


def _network_author(a: AuthorSummary, coauthors: int) -> NetworkAuthor:
    return NetworkAuthor(
        id=a.id,
        name=a.name,
        paper_count=a.paper_count,
        coauthors=coauthors,
        has_profile=a.has_profile,
    )


def coauthor_network(store: GraphReader, limit: int | None = 300) -> CoauthorNetwork:
    """The co-authorship graph among the ``limit`` authors with the most co-authors
    (ties: more papers, then name, then id), or among every author when ``limit`` is None.

    Degrees, weights and years come from the store's whole-graph read, and the joint
    papers of the edges shown from one ``joint_papers`` read.
    """
    if limit is not None and limit < 1:
        raise InvalidQueryError("limit must be at least 1", details={"limit": limit})
    everyone, links = _coauthorship(store)
    degree: Counter[str] = Counter()
    for e in links:
        degree[e.source] += 1
        degree[e.target] += 1
    ranked = sorted(everyone, key=lambda a: (-degree[a.id], -a.paper_count, a.name, a.id))
    shown = ranked if limit is None else ranked[:limit]
    ids = {a.id for a in shown}
    kept = sorted(
        (e for e in links if e.source in ids and e.target in ids),
        key=lambda e: (e.source, e.target),
    )
    joint = store.joint_papers([(e.source, e.target) for e in kept]) if kept else []
    return CoauthorNetwork(
        authors=[_network_author(a, degree[a.id]) for a in shown],
        edges=[
            NetworkEdge(
                source=e.source,
                target=e.target,
                papers=papers,
                first_year=e.first_year,
                last_year=e.last_year,
            )
            for e, papers in zip(kept, joint, strict=True)
        ],
        total_authors=len(everyone),
        limit=limit,
    )


def ego_network(
    store: GraphReader, author: str, *, depth: int = 1, max_nodes: int | None = None
) -> EgoNetwork:
    """One author and the co-authors within ``depth`` hops, with every co-authorship
    among them. Ring 1 is the author's co-authors, most joint papers first (ties: name,
    id); ring k+1 the co-authors of ring k not in an earlier ring, most joint papers
    with ring k first (ties: id). ``max_nodes`` keeps the strongest of each ring that
    fit, ring by ring. One ``coauthor_papers`` read per author shown."""
    if not 1 <= depth <= MAX_EGO_DEPTH:
        raise InvalidQueryError(
            f"depth must be between 1 and {MAX_EGO_DEPTH}", details={"depth": depth}
        )
    who = resolve_name(store, author)
    co = {who.id: store.coauthor_papers(who.id)}  # every author shown -> their co-authors
    names = {a.id: a.name for a in store.get_authors(sorted(co[who.id]))}
    rings, reachable = [[who.id]], [1]
    while len(rings) <= depth:
        if len(rings) == 1:
            candidates = sorted(co[who.id], key=lambda b: (-len(co[who.id][b]), names[b], b))
        else:
            reach: defaultdict[str, int] = defaultdict(int)
            for a in rings[-1]:
                for b, ps in co[a].items():
                    if b not in co:
                        reach[b] += len(ps)
            candidates = sorted(reach, key=lambda b: (-reach[b], b))
        room = len(candidates) if max_nodes is None else max(max_nodes - len(co), 0)
        rings.append(candidates[:room])
        reachable.append(len(candidates))
        for a in rings[-1]:
            co[a] = store.coauthor_papers(a)

    shown = [a for ring in rings for a in ring]
    people = {a.id: a for a in store.get_authors(shown)}
    pairs = {(min(a, b), max(a, b)): ps for a in shown for b, ps in co[a].items() if b in co}
    years = {
        p.id: p.year
        for p in store.get_papers(sorted({p for ps in pairs.values() for p in ps}))
        if p.year is not None
    }
    edges = []
    for (a, b), papers in sorted(pairs.items()):
        ys = [years[p] for p in papers if p in years]
        edges.append(
            NetworkEdge(
                source=a,
                target=b,
                papers=sorted(papers),
                first_year=min(ys, default=None),
                last_year=max(ys, default=None),
            )
        )
    return EgoNetwork(
        resolved=who,
        rings=rings,
        reachable=reachable,
        authors=[_network_author(people[a], len(co[a])) for a in shown],
        edges=edges,
    )


def communities(nodes: Iterable[str], edges: Iterable[tuple[str, str, int]]) -> list[list[str]]:
    """Louvain communities of a network given as node ids and ``(source, target,
    weight)`` edges, the weight being joint papers (of two authors, institutions or
    countries): largest first (ties: smallest id), members sorted. Seeded, and the graph
    built in id order, so the same network always splits the same way: the views and
    every export agree.
    """
    g = nx.Graph()
    g.add_nodes_from(sorted(nodes))
    g.add_weighted_edges_from(sorted(edges))
    found = nx.community.louvain_communities(g, weight="weight", seed=COMMUNITY_SEED)
    return [sorted(c) for c in sorted(found, key=lambda c: (-len(c), min(c)))]
