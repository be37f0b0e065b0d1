"""The analytics questions on the seeds, on both stores, each held to an oracle built
without graph/projection: a networkx graph of the co-authorships made from the
store's one-author reads (co-authors with their joint papers, and the papers' years).

And the parity check: every analytics answer, as JSON, is the same on both stores.
"""

from __future__ import annotations

import itertools
import json
import math
from collections import Counter

import networkx as nx
import pytest

from graph import queries
from graph.errors import InvalidQueryError
from graph.projection import WHOLE, Window, projection_for
from graph.store.base import GraphStore

MAO, ZHUO, ZHANG = "Abd9754a4a0518763", "Ade370e0681be8e20", "A72dad5b1700bb514"
SHIYI = "Af07929d65d66d798"


def oracle(store: GraphStore, window: Window = WHOLE) -> nx.Graph:
    """Co-authorships with a joint paper inside the window; ``weight`` = those papers."""
    ids = [b.author.id for b in store.iter_coauthorships()]
    g = nx.Graph()
    g.add_nodes_from(ids)
    per_author = {a: store.coauthor_papers(a) for a in ids}
    papers = {p for co in per_author.values() for ps in co.values() for p in ps}
    year = {p.id: p.year for p in store.get_papers(sorted(papers))}
    for a, co in per_author.items():
        for b, ps in co.items():
            inside = [p for p in ps if window.holds(year[p])]
            if a < b and inside:
                g.add_edge(a, b, weight=len(inside))
    return g


@pytest.fixture(scope="module")
def graphs() -> dict[tuple[str, Window], nx.Graph]:
    return {}


def _graph(store: GraphStore, graphs: dict, window: Window = WHOLE) -> nx.Graph:  # type: ignore[type-arg]
    key = (store.kind, window)
    if key not in graphs:
        graphs[key] = oracle(store, window)
    return graphs[key]


def _ids(answer_hops: list, names: dict[str, str]) -> list[str]:  # type: ignore[type-arg]
    return [names[h.from_] for h in answer_hops] + [names[answer_hops[-1].to]]


def test_seed_path_is_unchanged(seeded: GraphStore) -> None:
    answer = queries.collaboration_path(seeded, "Mao", "Zhuo")
    assert [(h.from_, h.to) for h in answer.hops] == [
        ("Ziming Mao", "Shiyi Cao"),
        ("Shiyi Cao", "Danyang Zhuo"),
    ]


def test_shortest_path_is_the_id_smallest_of_the_shortest(seeded: GraphStore, graphs) -> None:  # type: ignore[no-untyped-def]
    g = _graph(seeded, graphs)
    proj = projection_for(seeded)
    from graph.projection.paths import shortest_path

    hubs = sorted(g.nodes, key=lambda a: (-g.degree(a), a))[:6]
    tails = sorted(g.nodes)[::17]
    checked = 0
    for a, b in itertools.product(hubs, tails):
        if a == b:
            continue
        got = shortest_path(proj, proj.index(a), proj.index(b), 20)
        if not nx.has_path(g, a, b):
            assert got is None
            continue
        best = min(nx.all_shortest_paths(g, a, b))
        assert proj.ids_of(got) == best, (a, b)
        checked += 1
    assert checked > 10


def test_k_shortest_paths_in_length_then_id_order(seeded: GraphStore, graphs) -> None:  # type: ignore[no-untyped-def]
    g = _graph(seeded, graphs)
    answer = queries.collaboration_paths(seeded, "Mao", "Zhuo", k=5)
    names = {seeded.get_authors([n])[0].name: n for n in g.nodes}
    got = [_ids(p.hops, names) for p in answer.paths]
    expected = sorted(nx.all_simple_paths(g, MAO, ZHUO, cutoff=3), key=lambda p: (len(p), p))[:5]
    assert got == expected
    assert got[0] == [MAO, SHIYI, ZHUO]


def test_strongest_path_has_the_least_summed_inverse_papers(seeded: GraphStore, graphs) -> None:  # type: ignore[no-untyped-def]
    g = _graph(seeded, graphs)
    for _u, _v, d in g.edges(data=True):
        d["cost"] = 1 / d["weight"]
    names = {seeded.get_authors([n])[0].name: n for n in g.nodes}
    for src, dst in (("Mao", "Zhang"), ("Zhuo", "Liu"), ("Mao", "Zhuo")):
        answer = queries.collaboration_path(seeded, src, dst, 20, strongest=True)
        a, b = (r.id for r in answer.resolved)
        if not nx.has_path(g, a, b):
            assert answer.length is None
            continue
        path = _ids(answer.hops, names)
        cost = sum(g[x][y]["cost"] for x, y in itertools.pairwise(path))
        assert math.isclose(cost, nx.dijkstra_path_length(g, a, b, weight="cost"))


def test_distances_are_the_hop_distribution(seeded: GraphStore, graphs) -> None:  # type: ignore[no-untyped-def]
    g = _graph(seeded, graphs)
    answer = queries.distances(seeded, "Zhuo")
    lengths = nx.single_source_shortest_path_length(g, ZHUO)
    per_hop = Counter(d for d in lengths.values() if d > 0)
    assert [(d.hops, d.authors) for d in answer.distribution] == sorted(per_hop.items())
    assert answer.reachable == len(lengths) - 1
    assert answer.unreachable == g.number_of_nodes() - len(lengths)
    assert answer.max == max(per_hop)


def test_second_degree_collaborators_and_their_links(seeded: GraphStore, graphs) -> None:  # type: ignore[no-untyped-def]
    g = _graph(seeded, graphs)
    answer = queries.second_degree(seeded, "Mao", limit=1000)
    first = set(g[MAO])
    expected = {c: sorted(set(g[c]) & first) for f in first for c in g[f]}
    expected = {c: v for c, v in expected.items() if c != MAO and c not in first}
    assert answer.count == len(expected)
    assert {s.id: [c.id for c in s.common_coauthors] for s in answer.data} == expected
    counts = [len(s.common_coauthors) for s in answer.data]
    assert counts == sorted(counts, reverse=True)


def test_recommendations_are_ranked_by_their_evidence(seeded: GraphStore, graphs) -> None:  # type: ignore[no-untyped-def]
    g = _graph(seeded, graphs)
    group = [MAO, ZHUO]
    answer = queries.recommend(seeded, ["Mao", "Zhuo"], top=5)
    circle = set(group) | {c for a in group for c in g[a]}
    candidates = {c for a in group for z in g[a] for c in g[z]} - circle
    topics = seeded.author_topic_counts(sorted(candidates | set(group)))
    mine: Counter[str] = Counter()
    for a in group:
        mine.update(topics.get(a, {}))

    def score(c: str) -> float:
        aa = sum(1 / math.log(g.degree(z)) for a in group for z in set(g[a]) & set(g[c]))
        theirs = topics.get(c, {})
        dot = sum(mine[t] * n for t, n in theirs.items())
        norm = math.sqrt(sum(v * v for v in mine.values())) * math.sqrt(
            sum(v * v for v in theirs.values())
        )
        return aa * (1 + (dot / norm if norm else 0.0))

    ranked = sorted(candidates, key=lambda c: (-round(score(c), 6), c))[:5]
    assert [c.id for c in answer.candidates] == ranked
    for c in answer.candidates:
        assert c.id not in circle
        assert math.isclose(c.score, score(c.id), abs_tol=1e-5)
        assert {z.id for z in c.common_coauthors} == {
            z for a in group for z in set(g[a]) & set(g[c.id])
        }
        assert {t.id for t in c.shared_topics} == set(mine) & set(topics.get(c.id, {}))


def test_one_author_recommendations_exclude_their_coauthors(seeded: GraphStore) -> None:
    answer = queries.recommend(seeded, ["Mao"], top=3)
    mine = set(seeded.coauthor_papers(MAO))
    assert answer.candidates and not {c.id for c in answer.candidates} & mine
    assert answer.candidates[0].name == "Danyang Zhuo"
    assert [t.name for t in answer.candidates[0].common_coauthors] == ["Shiyi Cao"]


def test_communities_cover_the_graph_and_are_the_views(seeded: GraphStore, graphs) -> None:  # type: ignore[no-untyped-def]
    g = _graph(seeded, graphs)
    answer = queries.communities(seeded, top=1000, members=1000)
    assert answer.authors == g.number_of_nodes()
    sizes = [c.size for c in answer.communities]
    assert sizes == sorted(sizes, reverse=True) and min(sizes) >= 2
    assert sum(sizes) + answer.singletons == g.number_of_nodes()
    groups = queries.community_groups(seeded, list(g.nodes))
    assert [sorted(m.id for m in c.members) for c in answer.communities] == [
        members for members in groups.values() if len(members) > 1
    ]
    for c in answer.communities:  # a community is connected
        assert nx.is_connected(g.subgraph(m.id for m in c.members))
    again = queries.communities(seeded, top=1000, members=1000)
    assert again == answer


def _pagerank(g: nx.Graph, damping: float = 0.85) -> dict[str, float]:
    """Weighted PageRank by power iteration; an author without co-authors spreads their
    rank evenly (networkx's own needs scipy)."""
    n = g.number_of_nodes()
    rank = dict.fromkeys(g, 1 / n)
    strength = {a: sum(d["weight"] for d in g[a].values()) for a in g}
    for _ in range(1000):
        alone = sum(rank[a] for a in g if not strength[a])
        new = {
            a: (1 - damping) / n
            + damping * alone / n
            + damping * sum(rank[b] * d["weight"] / strength[b] for b, d in g[a].items())
            for a in g
        }
        if max(abs(new[a] - rank[a]) for a in g) < 1e-13:
            return new
        rank = new
    return rank


def test_centrality_measures(seeded: GraphStore, graphs) -> None:  # type: ignore[no-untyped-def]
    g = _graph(seeded, graphs)
    degree = queries.central(seeded, "degree", top=5)
    assert [(a.id, a.score) for a in degree.data] == sorted(
        ((a, float(d)) for a, d in g.degree()), key=lambda x: (-x[1], x[0])
    )[:5]
    between = queries.central(seeded, "betweenness", top=5)
    exact = nx.betweenness_centrality(g, normalized=False)
    assert not between.estimated
    for a in between.data:
        assert math.isclose(a.score, exact[a.id], rel_tol=1e-6)
    rank = queries.central(seeded, "pagerank", top=5)
    oracle_rank = _pagerank(g)
    for a in rank.data:
        assert math.isclose(a.score, oracle_rank[a.id], rel_tol=1e-4)
    with pytest.raises(InvalidQueryError):
        queries.central(seeded, "fame")


def test_a_window_counts_only_joint_papers_inside_it(seeded: GraphStore, graphs) -> None:  # type: ignore[no-untyped-def]
    window = Window(2024, None)
    g = _graph(seeded, graphs, window)
    proj = projection_for(seeded)
    assert int((proj.weights(window) > 0).sum()) == g.number_of_edges()
    answer = queries.collaboration_path(seeded, "Mao", "Zhuo", window=window)
    if nx.has_path(g, MAO, ZHUO):
        assert answer.length == nx.shortest_path_length(g, MAO, ZHUO)
    else:
        assert answer.length is None
    co = queries.coauthors(seeded, "Zhuo", limit=1000, window=window)
    assert {c.id for c in co.data} == set(g[ZHUO])
    assert all(p.year is not None and p.year >= 2024 for c in co.data for p in c.papers)
    dist = queries.distances(seeded, "Zhuo", window=window)
    assert dist.reachable == len(nx.node_connected_component(g, ZHUO)) - 1
    shared = queries.shared_collaborators(seeded, ["Mao", "Zhuo"], window=Window(None, 2023))
    assert shared.shared_by_all == []  # Shiyi Cao wrote with Mao in 2025-2026 only
    with pytest.raises(InvalidQueryError):
        Window(2025, 2020)


def test_timeline_counts_papers_and_first_collaborations(seeded: GraphStore) -> None:
    answer = queries.timeline(seeded, ["Mao"])
    years = {p.id: p.year for p in seeded.get_papers(seeded.author_papers(MAO))}
    per_year = Counter(y for y in years.values() if y is not None)
    assert {y.year: y.papers["Ziming Mao"] for y in answer.years if y.papers["Ziming Mao"]} == (
        dict(per_year)
    )
    new = sum(len(y.new_coauthors["Ziming Mao"]) for y in answer.years)
    assert new == len(seeded.coauthor_papers(MAO))
    pair = queries.timeline(seeded, ["Mao", "Zhuo"], window=Window(2024, 2025))
    assert [y.year for y in pair.years] == [2024, 2025]
    assert all(y.joint_papers == 0 for y in pair.years)
    with pytest.raises(InvalidQueryError):
        queries.timeline(seeded, ["Mao", "Zhuo", "Zhang"])


def analytics_answers(store: GraphStore) -> str:
    window = Window(2024, None)
    out = {
        "path": queries.collaboration_path(store, "Mao", "Zhuo"),
        "strongest": queries.collaboration_path(store, "Zhuo", "Liu", 20, strongest=True),
        "paths": queries.collaboration_paths(store, "Mao", "Zhuo", k=4),
        "distances": queries.distances(store, "Zhuo"),
        "distances_2024": queries.distances(store, "Zhuo", window=window),
        "second": queries.second_degree(store, "Mao"),
        "recommend": queries.recommend(store, ["Mao", "Zhuo", "Zhang"]),
        "recommend_2024": queries.recommend(store, ["Zhuo"], window=window),
        "communities": queries.communities(store, top=100, members=100),
        "communities_2024": queries.communities(store, window=window),
        **{m: queries.central(store, m) for m in queries.MEASURES},
        "pagerank_2024": queries.central(store, "pagerank", window=window),
        "timeline": queries.timeline(store, ["Mao", "Zhuo"]),
        "shared_2024": queries.shared_collaborators(store, ["Mao", "Zhuo"], window=window),
        "topics_2024": queries.topic_overlap(store, ["Mao", "Zhuo"], window=window),
        "coauthors_2024": queries.coauthors(store, "Zhuo", window=window),
    }
    return json.dumps(
        {k: v.model_dump(by_alias=True) for k, v in out.items()}, sort_keys=True, indent=1
    )


@pytest.mark.neo4j
def test_both_stores_answer_the_analytics_identically(
    seeded_embedded: GraphStore, seeded_neo4j: GraphStore
) -> None:
    a, b = projection_for(seeded_embedded), projection_for(seeded_neo4j)
    assert a.stamp == b.stamp
    for name in ("ids", "indptr", "nbr", "eid", "e_papers", "e_first", "e_last", "y_year"):
        assert (getattr(a, name) == getattr(b, name)).all(), name
    assert analytics_answers(seeded_neo4j) == analytics_answers(seeded_embedded)


@pytest.mark.parametrize("limit", [1, 5, 17, 60, 169, 170, 500])
def test_top_authors_network_from_the_projection_is_the_whole_ones_top(
    seeded: GraphStore, limit: int
) -> None:
    """With a limit the network is picked on the projection; without, it is the
    store's whole-graph read: the first must be the top of the second (ties at the cut
    by name, then id)."""
    whole = queries.coauthor_network(seeded, None)
    top = queries.coauthor_network(seeded, limit)
    assert [a.id for a in top.authors] == [a.id for a in whole.authors][:limit]
    assert top.authors == whole.authors[:limit]
    ids = {a.id for a in top.authors}
    assert top.edges == [e for e in whole.edges if e.source in ids and e.target in ids]
    assert top.total_authors == whole.total_authors
