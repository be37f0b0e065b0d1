"""The collaboration networks of institutions and countries, and one institution's
network, on both stores: checked by hand against tests/bylines.py, and against the
catalogue's pairs (``collaboration``) and its one community function."""

from __future__ import annotations

import pytest

from graph import queries
from graph.errors import InvalidQueryError, NotFoundError
from graph.store.base import GraphStore
from graph.store.memory import MemoryStore
from tests.bylines import load_bylines

ALL = 10**6


@pytest.fixture
def store(empty_store: GraphStore) -> GraphStore:
    return load_bylines(empty_store)


def test_country_network_by_hand(store: GraphStore) -> None:
    net = queries.collaboration_network(store, "country", None)
    assert net.level == "country" and net.total_nodes == 6 and net.limit is None
    # most partner countries first (ties: more papers, then name)
    assert [(n.id, n.papers, n.partners) for n in net.nodes] == [
        ("US", 6, 5),
        ("CH", 2, 3),
        ("BR", 5, 2),
        ("JP", 2, 2),
        ("GB", 2, 2),
        ("ZA", 1, 2),
    ]
    assert {n.id: n.name for n in net.nodes}["GB"] == "United Kingdom"
    assert all(n.country is None and n.country_code is None for n in net.nodes)
    assert {(e.source, e.target): e.papers for e in net.edges} == {
        ("BR", "US"): 3,
        ("GB", "US"): 2,
        ("BR", "CH"): 1,
        ("CH", "JP"): 1,
        ("CH", "US"): 1,
        ("GB", "ZA"): 1,
        ("JP", "US"): 1,
        ("US", "ZA"): 1,
    }
    titles = {
        p.id: p.title for p in store.get_papers(sorted({p for e in net.edges for p in e.examples}))
    }
    (br_us,) = [e for e in net.edges if (e.source, e.target) == ("BR", "US")]
    assert sorted(titles[p] for p in br_us.examples) == [
        "Fire ecology",
        "Forest fragments",
        "Seed dispersal",
    ]


@pytest.mark.parametrize("level", ["institution", "country"])
def test_edges_are_the_collaboration_pairs(store: GraphStore, level: str) -> None:
    net = queries.collaboration_network(store, level, None)
    pairs = queries.collaboration(store, level, ALL).pairs
    assert {(e.source, e.target): (e.papers, e.examples) for e in net.edges} == {
        (p.a.id, p.b.id): (p.papers, p.examples) for p in pairs
    }
    names = {p.a.id: p.a.name for p in pairs} | {p.b.id: p.b.name for p in pairs}
    assert all(names[n.id] == n.name for n in net.nodes if n.id in names)


@pytest.mark.parametrize("level", ["institution", "country"])
def test_communities_are_the_catalogue_function(store: GraphStore, level: str) -> None:
    net = queries.collaboration_network(store, level, None)
    expected = queries.communities(
        (n.id for n in net.nodes), ((e.source, e.target, e.papers) for e in net.edges)
    )
    got: dict[int, list[str]] = {}
    for n in sorted(net.nodes, key=lambda n: n.id):
        got.setdefault(n.community, []).append(n.id)
    assert [got[i] for i in range(1, len(got) + 1)] == expected


def test_institution_network_limit_keeps_the_best_connected(store: GraphStore) -> None:
    net = queries.collaboration_network(store, "institution", 3)
    assert net.total_nodes == 7 and net.limit == 3
    assert [(n.name, n.partners) for n in net.nodes] == [
        ("Univ Florida", 6),
        ("Univ Sao Paulo", 3),
        ("ETH Zurich", 3),  # ties Sao Paulo on partners, fewer papers (2 < 5)
    ]
    uf = net.nodes[0]
    assert (uf.country_code, uf.country, uf.papers) == ("US", "United States", 6)
    shown = {n.id for n in net.nodes}
    assert all({e.source, e.target} <= shown for e in net.edges)
    assert sorted(e.papers for e in net.edges) == [1, 1, 3]  # UF-USP 3, UF-ETH, USP-ETH


def test_one_institution_by_hand(store: GraphStore) -> None:
    net = queries.institution_network(store, "Univ Florida")
    assert net.institution.name == "Univ Florida" and len(net.institution.papers) == 6
    assert [(m.name, len(m.papers)) for m in net.members] == [("Emilio Bruna", 5), ("Mei Lee", 3)]
    (both,) = net.coauthorships
    assert len(both.papers) == 2 and (both.first_year, both.last_year) == (2017, 2020)
    assert [(p.name, len(p.papers)) for p in net.partners] == [
        ("Univ Sao Paulo", 3),
        ("Univ Oxford", 2),
        ("ETH Zurich", 1),
        ("Inst Nacl Pesquisas Amazonia", 1),
        ("Kyoto Univ", 1),
        ("Univ Cape Town", 1),
    ]
    assert (net.total_members, net.total_partners) == (2, 6)
    # the partners' joint papers are the collaboration pairs that include Univ Florida
    pairs = queries.collaboration(store, "institution", ALL).pairs
    with_uf = {
        (p.b.id if p.a.id == net.institution.id else p.a.id): p.papers
        for p in pairs
        if net.institution.id in (p.a.id, p.b.id)
    }
    assert {p.id: len(p.papers) for p in net.partners} == with_uf


def test_one_institution_cut(store: GraphStore) -> None:
    net = queries.institution_network(store, "Univ Florida", members=1, partners=2)
    assert [m.name for m in net.members] == ["Emilio Bruna"]
    assert net.coauthorships == []
    assert [p.name for p in net.partners] == ["Univ Sao Paulo", "Univ Oxford"]
    assert (net.total_members, net.total_partners) == (2, 6)


def test_bad_questions(store: GraphStore) -> None:
    with pytest.raises(InvalidQueryError):
        queries.collaboration_network(store, "planet")
    with pytest.raises(InvalidQueryError):
        queries.collaboration_network(store, "country", 0)
    with pytest.raises(InvalidQueryError):
        queries.institution_network(store, "Univ Florida", partners=0)
    with pytest.raises(NotFoundError):
        queries.institution_network(store, "Univ Nowhere")


def test_a_graph_without_institutions() -> None:
    net = queries.collaboration_network(MemoryStore(None), "country")
    assert (net.nodes, net.edges, net.total_nodes) == ([], [], 0)


def test_both_stores_answer_the_same(store: GraphStore) -> None:
    embedded = load_bylines(MemoryStore(None))
    for level in ("institution", "country"):
        assert (
            queries.collaboration_network(store, level, None).model_dump()
            == queries.collaboration_network(embedded, level, None).model_dump()
        )
    assert (
        queries.institution_network(store, "Univ Florida").model_dump()
        == queries.institution_network(embedded, "Univ Florida").model_dump()
    )
