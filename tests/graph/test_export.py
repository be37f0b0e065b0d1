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
