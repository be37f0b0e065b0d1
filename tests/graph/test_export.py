"""Exports: GEXF/GraphML read back with networkx, VOSviewer's documented columns, CSV,
and the same files from both stores."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest

from graph import queries
from graph.errors import InvalidQueryError
from graph.export import export_network
from graph.store.base import GraphStore


def test_gexf_reads_back_with_attributes(seeded: GraphStore, tmp_path: Path) -> None:
    (path,) = export_network(seeded, "gexf", tmp_path / "net.gexf")
    g = nx.read_gexf(path)
    assert g.number_of_nodes() == seeded.counts()["nodes"]["Author"]
    mao = queries.resolve_name(seeded, "Mao")
    node = g.nodes[mao.id]
    assert node["label"] == "Ziming Mao"
    assert node["papers"] == 15
    assert isinstance(node["community"], int)
    cao = queries.resolve_name(seeded, "Shiyi Cao").id
    edge = g.edges[mao.id, cao]
    assert edge["weight"] == 2
    assert edge["first_year"] <= edge["last_year"]


def test_graphml_matches_gexf(seeded: GraphStore, tmp_path: Path) -> None:
    (gml,) = export_network(seeded, "graphml", tmp_path / "net.graphml")
    (gexf,) = export_network(seeded, "gexf", tmp_path / "net.gexf")
    a, b = nx.read_graphml(gml), nx.read_gexf(gexf)
    assert sorted(a.nodes) == sorted(b.nodes)
    assert a.number_of_edges() == b.number_of_edges()


def test_vosviewer_map_and_network(seeded: GraphStore, tmp_path: Path) -> None:
    map_path, net_path = export_network(
        seeded, "vosviewer", tmp_path / "zhuo", author="Zhuo", depth=1
    )
    with map_path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert list(rows[0]) == [
        "id",
        "label",
        "cluster",
        "weight<Links>",
        "weight<Total link strength>",
        "weight<Documents>",
    ]
    co = queries.coauthors(seeded, "Zhuo", limit=1000)
    assert len(rows) == co.count + 1  # Zhuo and the people who wrote with him
    ids = {int(r["id"]) for r in rows}
    assert ids == set(range(1, len(rows) + 1))
    lines = net_path.read_text(encoding="utf-8").splitlines()
    for line in lines:
        a, b, strength = (int(x) for x in line.split("\t"))
        assert a < b and a in ids and b in ids and strength >= 1
    zhuo = next(r for r in rows if r["label"] == "Danyang Zhuo")
    assert int(zhuo["weight<Links>"]) == co.count


@pytest.mark.neo4j
def test_csv_export_is_the_same_from_both_stores(
    seeded_embedded: GraphStore, seeded_neo4j: GraphStore, tmp_path: Path
) -> None:
    a = export_network(seeded_embedded, "csv", tmp_path / "emb")
    b = export_network(seeded_neo4j, "csv", tmp_path / "neo")
    for x, y in zip(a, b, strict=True):
        assert x.read_text(encoding="utf-8") == y.read_text(encoding="utf-8")


def test_unknown_format_and_depth() -> None:
    from graph.store.memory import MemoryStore

    with pytest.raises(InvalidQueryError):
        export_network(MemoryStore(None), "pajek", Path("x"))
    with pytest.raises(InvalidQueryError):
        export_network(MemoryStore(None), "csv", Path("x"), author="a", depth=9)


# -- institutions and countries ----------------------------------------------------------

PLACE_LEVELS = ("institution", "country")


@pytest.fixture
def bylines(empty_store: GraphStore) -> GraphStore:
    from tests.bylines import load_bylines

    return load_bylines(empty_store)


def _pair_weights(store: GraphStore, level: str) -> dict[frozenset[str], int]:
    """The catalogue's answer: papers per pair."""
    return {
        frozenset((p.a.id, p.b.id)): p.papers
        for p in queries.collaboration(store, level, 10**6).pairs
    }


@pytest.mark.parametrize("level", PLACE_LEVELS)
@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_place_network_reads_back(
    bylines: GraphStore, tmp_path: Path, level: str, fmt: str
) -> None:
    (path,) = export_network(bylines, fmt, tmp_path / f"net.{fmt}", network=level)
    g = nx.read_gexf(path) if fmt == "gexf" else nx.read_graphml(path)
    net = queries.collaboration_network(bylines, level, None)
    assert sorted(g.nodes) == sorted(n.id for n in net.nodes)
    for n in net.nodes:
        attrs = g.nodes[n.id]
        assert attrs["label"] == n.name
        assert attrs["papers"] == n.papers and attrs["community"] == n.community
        assert attrs["country"] == (n.name if level == "country" else n.country)
    assert {frozenset(e): int(d["weight"]) for *e, d in g.edges(data=True)} == _pair_weights(
        bylines, level
    )
    if level == "institution":
        uf = next(n for n in net.nodes if n.name == "Univ Florida")
        assert g.nodes[uf.id]["country_code"] == "US"


@pytest.mark.parametrize("level", PLACE_LEVELS)
def test_place_network_for_vosviewer(bylines: GraphStore, tmp_path: Path, level: str) -> None:
    map_path, net_path = export_network(bylines, "vosviewer", tmp_path / level, network=level)
    assert (map_path.name, net_path.name) == (f"{level}_map.txt", f"{level}_network.txt")
    with map_path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert list(rows[0]) == [
        "id",
        "label",
        "cluster",
        "weight<Links>",
        "weight<Total link strength>",
        "weight<Documents>",
    ]
    net = queries.collaboration_network(bylines, level, None)
    by_name = {n.name: n for n in net.nodes}
    assert len(rows) == len(net.nodes)
    number = {}
    for r in rows:
        node = by_name[r["label"]]
        number[int(r["id"])] = node.id
        assert int(r["cluster"]) == node.community
        assert int(r["weight<Documents>"]) == node.papers
        assert int(r["weight<Links>"]) == node.partners  # the whole network is exported
    strengths = {}
    for line in net_path.read_text(encoding="utf-8").splitlines():
        a, b, strength = (int(x) for x in line.split("\t"))
        assert a < b
        strengths[frozenset((number[a], number[b]))] = strength
    assert strengths == _pair_weights(bylines, level)
    total = {r["label"]: int(r["weight<Total link strength>"]) for r in rows}
    if level == "country":
        assert total["United States"] == 3 + 2 + 1 + 1 + 1  # BR, GB, CH, JP, ZA


def test_place_network_as_csv(bylines: GraphStore, tmp_path: Path) -> None:
    nodes, edges = export_network(bylines, "csv", tmp_path / "countries", network="country")
    with nodes.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == [
        "id",
        "name",
        "country_code",
        "country",
        "papers",
        "partners",
        "community",
    ]
    assert {r["id"]: (r["name"], int(r["papers"])) for r in rows}["BR"] == ("Brazil", 5)
    with edges.open(encoding="utf-8") as fh:
        links = list(csv.DictReader(fh))
    assert list(links[0]) == ["source", "target", "papers", "examples"]
    assert {frozenset((r["source"], r["target"])): int(r["papers"]) for r in links} == (
        _pair_weights(bylines, "country")
    )
    br_us = next(r for r in links if (r["source"], r["target"]) == ("BR", "US"))
    assert len(br_us["examples"].split()) == 3


def test_vosviewer_labels_stay_in_their_cell(tmp_path: Path) -> None:
    """VOSviewer also splits on commas and semicolons: such a label is quoted, and a tab or
    a line break in a name never starts a new cell or row."""
    from graph.model import SourceRow
    from graph.resolve import Resolver
    from graph.store.memory import MemoryStore
    from loaders.records import AuthorRef, InstitutionRef, PaperRecord

    odd = InstitutionRef('University of California, Berkeley; "EECS"\tDept\nCS', country="USA")
    plain = InstitutionRef("Univ Oxford", country="England")
    record = PaperRecord(
        title="Odd names",
        line=1,
        year=2020,
        authors=(
            AuthorRef("A One", 1, institutions=(odd,)),
            AuthorRef("B Two", 2, institutions=(plain,)),
        ),
    )
    store = MemoryStore(None)
    batch, _ = Resolver(store, SourceRow("S", "x", "test", "0" * 64, "2026-01-01")).resolve(
        [record]
    )
    store.write(batch)
    map_path, _ = export_network(store, "vosviewer", tmp_path / "odd", network="institution")
    lines = map_path.read_text(encoding="utf-8").split("\n")
    assert len(lines) == 4 and lines[-1] == ""  # header, two items, final newline
    assert all(line.count("\t") == 5 for line in lines[:3])
    with map_path.open(encoding="utf-8") as fh:
        labels = sorted(r["label"] for r in csv.DictReader(fh, delimiter="\t"))
    assert labels[0] == "Univ Oxford"
    assert labels[1].startswith('University of California, Berkeley; "EECS"')


def test_place_network_options_are_checked(bylines: GraphStore, tmp_path: Path) -> None:
    with pytest.raises(InvalidQueryError, match="unknown network"):
        export_network(bylines, "gexf", tmp_path / "x.gexf", network="venue")
    with pytest.raises(InvalidQueryError, match="co-author network only"):
        export_network(bylines, "gexf", tmp_path / "x.gexf", author="Bruna", network="country")
