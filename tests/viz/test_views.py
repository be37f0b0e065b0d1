"""The views' content, checked against the query catalogue (no browser here)."""

from __future__ import annotations

import pytest

from graph import queries
from graph.errors import InvalidQueryError, NotFoundError
from graph.export import build_network, build_place_network
from graph.store.base import GraphStore
from graph.store.memory import MemoryStore
from tests.bylines import load_bylines
from tests.viz.expect import (
    coauthor_graph,
    ego_counts,
    shared_counts,
    topics_counts,
)
from viz import views
from viz.layout import spring_positions

DEMO = ("Mao", "Zhuo", "Zhang")


def _counts(view: views.GraphView) -> tuple[int, int]:
    return len(view.nodes), len(view.edges)


def test_shared_view_matches_the_answer(seeded_embedded: MemoryStore) -> None:
    view = views.shared_view(seeded_embedded, DEMO)
    assert _counts(view) == shared_counts(seeded_embedded, DEMO)
    answer = queries.shared_collaborators(seeded_embedded, DEMO)
    by_id = {n.id: n for n in view.nodes}
    for r in answer.resolved:
        assert by_id[r.id].category == "queried"
    for pair in answer.pairwise:
        for c in pair.shared:
            assert by_id[c.id].category == "shared_some"
            assert by_id[c.id].heading == c.name
    # the one collaborator Mao and Zhuo share (Shiyi Cao), with both their papers
    (pair,) = [p for p in answer.pairwise if p.shared]
    (collab,) = pair.shared
    edge_papers = {p for e in view.edges if collab.id in (e.source, e.target) for p in e.papers}
    assert edge_papers == {p.id for p in collab.papers}
    assert "No collaborator is shared by all 3 authors." in view.notes
    # every edge's papers are in the page's paper table, with titles
    assert all(p in view.papers and view.papers[p].title for e in view.edges for p in e.papers)


def test_topics_view_matches_the_answer(seeded_embedded: MemoryStore) -> None:
    view = views.topics_view(seeded_embedded, DEMO)
    assert _counts(view) == topics_counts(seeded_embedded, DEMO)
    answer = queries.topic_overlap(seeded_embedded, DEMO)
    cat = {n.id: n.category for n in view.nodes}
    assert {t.id for t in answer.shared_by_all} == {i for i, c in cat.items() if c == "topic_all"}
    assert len(answer.shared_by_all) == 29
    # edge width is the author's paper count in the topic, and the edge lists them
    names = {r.id: r.name for r in answer.resolved}
    for e in view.edges:
        (topic,) = [t for t in answer.topics[names[e.source]] if t.id == e.target]
        assert e.value == topic.papers == len(e.papers)


def test_ego_view_depth_1_and_2(seeded_embedded: MemoryStore) -> None:
    one = views.ego_view(seeded_embedded, "Zhuo")
    assert _counts(one) == ego_counts(seeded_embedded, "Zhuo")
    assert one.nodes[0].heading == "Danyang Zhuo" and one.nodes[0].category == "ego"
    assert one.subset is None
    two = views.ego_view(seeded_embedded, "Zhuo", depth=2)
    assert len(two.nodes) > len(one.nodes)
    assert {n.category for n in two.nodes} == {"ego", "coauthor", "coauthor2"}
    # every depth-2 author is a co-author of some depth-1 author, none of the ego
    ring1 = {n.id for n in two.nodes if n.category == "coauthor"}
    for n in two.nodes:
        if n.category == "coauthor2":
            theirs = {c.id for c in queries.coauthors(seeded_embedded, n.id, limit=1000).data}
            assert theirs & ring1 and two.nodes[0].id not in theirs


def test_ego_view_cut_says_so(seeded_embedded: MemoryStore) -> None:
    view = views.ego_view(seeded_embedded, "Zhuo", max_nodes=10)
    assert len(view.nodes) == 10
    assert view.subset is not None and "9 co-authors" in view.subset and "of 79" in view.subset
    strongest = queries.coauthors(seeded_embedded, "Zhuo", limit=9).data
    assert {n.id for n in view.nodes[1:]} == {c.id for c in strongest}


def test_overview_is_the_coauthor_graph(seeded_embedded: MemoryStore) -> None:
    oracle = coauthor_graph(seeded_embedded)
    view = views.overview_view(seeded_embedded, None)
    assert _counts(view) == (oracle.number_of_nodes(), oracle.number_of_edges())
    assert view.subset is None
    for e in view.edges:
        assert sorted(e.papers) == sorted(oracle[e.source][e.target]["papers"])
    # Louvain is seeded: the same communities every time
    again = views.overview_view(seeded_embedded, None)
    assert [n.color for n in again.nodes] == [n.color for n in view.nodes]


def test_overview_communities_are_the_exports(seeded: GraphStore) -> None:
    """The overview of every author and a whole-graph export split the graph into the
    same communities, numbered alike (the view counts from 0, the export from 1)."""
    view = views.overview_view(seeded, None)
    exported = build_network(seeded)
    shown = {n.id: int(n.category.removeprefix("community_")) + 1 for n in view.nodes}
    assert shown == dict(exported.nodes(data="community"))
    assert len(set(shown.values())) > 1


def test_overview_top_n_by_degree_says_it_is_a_subset(seeded_embedded: MemoryStore) -> None:
    oracle = coauthor_graph(seeded_embedded)
    view = views.overview_view(seeded_embedded, 20)
    assert len(view.nodes) == 20
    assert view.subset is not None and "top 20 of 170 authors" in view.subset
    shown_degrees = sorted((oracle.degree(n.id) for n in view.nodes), reverse=True)
    all_degrees = sorted((d for _, d in oracle.degree()), reverse=True)
    assert shown_degrees == all_degrees[:20]
    ids = {n.id for n in view.nodes}
    assert len(view.edges) == oracle.subgraph(ids).number_of_edges()


def test_coauthor_network_against_networkx(seeded_embedded: MemoryStore) -> None:
    oracle = coauthor_graph(seeded_embedded)
    net = queries.coauthor_network(seeded_embedded, None)
    assert net.total_authors == oracle.number_of_nodes() == 170
    assert {a.id: a.coauthors for a in net.authors} == dict(oracle.degree())
    assert {(e.source, e.target): e.papers for e in net.edges} == {
        tuple(sorted((a, b))): sorted(d["papers"]) for a, b, d in oracle.edges(data=True)
    }
    with pytest.raises(InvalidQueryError):
        queries.coauthor_network(seeded_embedded, 0)


@pytest.mark.neo4j
def test_coauthor_network_same_on_both_stores(
    seeded_embedded: GraphStore, seeded_neo4j: GraphStore
) -> None:
    a = queries.coauthor_network(seeded_embedded, 40).model_dump()
    b = queries.coauthor_network(seeded_neo4j, 40).model_dump()
    assert a == b


def test_big_views_are_laid_out_before_rendering(big: MemoryStore) -> None:
    view = views.overview_view(big, 1500)
    assert len(view.nodes) == 1500 > views.PHYSICS_MAX_NODES
    assert view.physics is False
    assert all(n.x is not None and n.y is not None for n in view.nodes)
    assert any("physics is off" in note for note in view.notes)
    small = views.overview_view(big, 200)
    assert small.physics is True and all(n.x is None for n in small.nodes)


def test_layout_is_deterministic_and_spreads_components() -> None:
    nodes = [f"n{i}" for i in range(60)]
    edges = [(f"n{i}", f"n{i + 1}", 1.0) for i in range(0, 39)]  # one chain of 40
    edges += [(f"n{i}", f"n{i + 1}", 1.0) for i in range(40, 59, 2)]  # ten pairs
    a = spring_positions(nodes, edges)
    assert a == spring_positions(nodes, edges)
    assert set(a) == set(nodes)
    assert len({a[n] for n in nodes}) == len(nodes)  # no two nodes on one spot
    xs = [p[0] for p in a.values()]
    ys = [p[1] for p in a.values()]
    # centred, and the pairs are packed next to the chain, not flung far away
    assert abs((max(xs) + min(xs)) / 2) < 1 and abs((max(ys) + min(ys)) / 2) < 1
    assert max(max(xs) - min(xs), max(ys) - min(ys)) < 2000


@pytest.mark.parametrize(
    ("build", "error"),
    [
        (lambda s: views.ego_view(s, "Nobody Atall"), NotFoundError),
        (lambda s: views.ego_view(s, "Zhuo", depth=3), InvalidQueryError),
        (lambda s: views.shared_view(s, ["Zhuo"]), InvalidQueryError),
        (lambda s: views.topics_view(s, ["Zhuo", "Danyang Zhuo"]), InvalidQueryError),
        (lambda s: views.overview_view(s, 0), InvalidQueryError),
    ],
)
def test_bad_requests_raise_domain_errors(seeded_embedded: MemoryStore, build, error) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error):
        build(seeded_embedded)


# -- countries and one institution --------------------------------------------------------


@pytest.fixture(scope="module")
def bylines() -> MemoryStore:
    store = MemoryStore(None)
    load_bylines(store)
    return store


def test_countries_view_is_the_country_network(bylines: MemoryStore) -> None:
    view = views.countries_view(bylines)
    net = queries.collaboration_network(bylines, "country", None)
    assert [(n.id, n.heading, n.value) for n in view.nodes] == [
        (c.id, c.name, c.papers) for c in net.nodes
    ]
    pairs = {(p.a.id, p.b.id): p for p in queries.collaboration(bylines, "country", 10**6).pairs}
    assert len(view.edges) == len(pairs) == 8
    for e in view.edges:
        pair = pairs[(e.source, e.target)]
        assert e.value == pair.papers
        assert sorted(e.papers) == pair.examples
        assert all(view.papers[p].title for p in e.papers)
    # the colours are the communities the country export writes
    exported = build_place_network(bylines, "country")
    shown = {n.id: int(n.category.removeprefix("community_")) + 1 for n in view.nodes}
    assert shown == dict(exported.nodes(data="community"))
    us = next(n for n in view.nodes if n.id == "US")
    assert us.facts[:2] == [
        "6 papers with an author there",
        "papers with 5 other countries, 5 in this view",
    ]
    assert view.subset is None and view.physics is True


def test_countries_view_top_n_and_empty(bylines: MemoryStore, seeded_embedded: MemoryStore) -> None:
    view = views.countries_view(bylines, 2)
    assert [n.id for n in view.nodes] == ["US", "CH"]
    assert [(e.source, e.target) for e in view.edges] == [("CH", "US")]
    assert view.subset is not None and "top 2 of 6 countries" in view.subset
    empty = views.countries_view(seeded_embedded)  # the seeds name no country
    assert (empty.nodes, empty.edges) == ([], [])
    assert views.NO_PLACES in empty.notes


def test_institution_view_highlights_the_members(bylines: MemoryStore) -> None:
    view = views.institution_view(bylines, "Univ Florida")
    net = queries.institution_network(bylines, "Univ Florida")
    by_id = {n.id: n for n in view.nodes}
    centre = by_id[net.institution.id]
    assert (centre.category, centre.shape, centre.value) == ("institution", "square", 6)
    members = {n.heading: n for n in view.nodes if n.category == "member"}
    assert {k: n.value for k, n in members.items()} == {"Emilio Bruna": 5, "Mei Lee": 3}
    assert len({n.color for n in members.values()}) == 1  # one colour for the centre's people
    partners = {n.heading: n.category for n in view.nodes if n.category.startswith("partner")}
    assert partners == {
        "Univ Sao Paulo": "partner_abroad",
        "Univ Oxford": "partner_abroad",
        "ETH Zurich": "partner_abroad",
        "Inst Nacl Pesquisas Amazonia": "partner_abroad",
        "Kyoto Univ": "partner_abroad",
        "Univ Cape Town": "partner_abroad",
    }
    # every member's edge to the centre lists their papers there; every partner's edge
    # its joint papers; the dashed edge is the two members' joint papers
    papers_of = {(e.source, e.target): e for e in view.edges}
    for m in net.members:
        assert sorted(papers_of[(m.id, centre.id)].papers) == m.papers
    for p in net.partners:
        edge = papers_of[(centre.id, p.id)]
        assert edge.value == len(p.papers) and sorted(edge.papers) == p.papers
    (dashed,) = [e for e in view.edges if e.dashes]
    assert dashed.value == 2
    assert len(view.edges) == 2 + 1 + 6
    assert [item.label for item in view.legend][:3] == [
        "Univ Florida",
        "member of Univ Florida",
        "members who wrote together",
    ]
    assert view.subset is None


def test_institution_view_at_home_and_cut(bylines: MemoryStore) -> None:
    view = views.institution_view(bylines, "Univ Sao Paulo")
    cats = {n.heading: n.category for n in view.nodes}
    assert cats["Inst Nacl Pesquisas Amazonia"] == "partner_home"  # Brazil too
    assert cats["Univ Florida"] == "partner_abroad"
    assert any(i.label == "partner institution in Brazil" for i in view.legend)
    cut = views.institution_view(bylines, "Univ Florida", members=1, partners=2)
    assert [n.heading for n in cut.nodes] == [
        "Univ Florida",
        "Emilio Bruna",
        "Univ Sao Paulo",
        "Univ Oxford",
    ]
    assert cut.subset is not None
    assert "1 member with the most papers there (of 2)" in cut.subset
    assert "2 partners with the most joint papers (of 6)" in cut.subset


@pytest.mark.parametrize(
    ("build", "error"),
    [
        (lambda s: views.institution_view(s, "Univ Nowhere"), NotFoundError),
        (lambda s: views.institution_view(s, "Univ Florida", members=0), InvalidQueryError),
        (lambda s: views.institution_view(s, "Univ Florida", partners=0), InvalidQueryError),
        (lambda s: views.countries_view(s, 0), InvalidQueryError),
    ],
)
def test_bad_place_requests_raise_domain_errors(bylines: MemoryStore, build, error) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error):
        build(bylines)
