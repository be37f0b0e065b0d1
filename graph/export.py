"""Hand the co-authorship network to the tools bibliometricians already use.

GraphML and GEXF (Gephi) carry node and edge attributes (paper counts, first and last
year of collaboration, community); VOSviewer gets its documented pair of
tab-separated files (a map file with ``id``, ``label``, ``cluster`` and ``weight<…>``
columns, and a network file of ``id1 id2 strength`` lines without a header, ids being
the map's integers); CSV gives plain ``nodes.csv`` and ``edges.csv``.

The network and its communities are the query catalogue's (graph/queries): the
communities are the whole graph's (Leiden on the projection), the ones the overview
view and the API show, so an author has the same community number in every export, and
an export reads the same graph from either store.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

import networkx as nx

from graph import queries
from graph.answers import Network
from graph.errors import InvalidQueryError
from graph.store.base import GraphReader

__all__ = ["EXPORT_FORMATS", "build_network", "export_network"]

EXPORT_FORMATS = ("graphml", "gexf", "vosviewer", "csv")


def build_network(store: GraphReader, author: str | None = None, depth: int = 1) -> nx.Graph:
    """Authors as nodes, co-authorship as weighted edges (weight = joint papers), each
    author's community in the whole graph (graph.queries.community_groups, numbered
    from 1, the largest first).

    With ``author``, only the ego network to ``depth`` hops; else the whole graph."""
    if not 1 <= depth <= queries.MAX_EGO_DEPTH:
        raise InvalidQueryError(
            f"depth must be between 1 and {queries.MAX_EGO_DEPTH}", details={"depth": depth}
        )
    net: Network = (
        queries.coauthor_network(store, None)
        if author is None
        else queries.ego_network(store, author, depth=depth)
    )
    g = nx.Graph()
    for person in sorted(net.authors, key=lambda a: a.id):
        g.add_node(
            person.id, label=person.name, papers=person.paper_count, profile=person.has_profile
        )
    for e in sorted(net.edges, key=lambda e: (e.source, e.target)):
        g.add_edge(
            e.source,
            e.target,
            weight=len(e.papers),
            first_year=e.first_year or 0,
            last_year=e.last_year or 0,
        )
    for rank, members in queries.community_groups(store, list(g.nodes)).items():
        for node in members:
            g.nodes[node]["community"] = rank + 1
    return g


def _write_vosviewer(g: nx.Graph, out: Path) -> list[Path]:
    """VOSviewer map + network files (its manual's "map file" and "network file")."""
    base = out.with_suffix("")
    map_path = base.parent / f"{base.name}_map.txt"
    net_path = base.parent / f"{base.name}_network.txt"
    number = {node: i for i, node in enumerate(sorted(g.nodes), start=1)}
    with map_path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(
            [
                "id",
                "label",
                "cluster",
                "weight<Links>",
                "weight<Total link strength>",
                "weight<Documents>",
            ]
        )
        for node in sorted(g.nodes):
            data = g.nodes[node]
            w.writerow(
                [
                    number[node],
                    data["label"].replace("\t", " "),
                    data.get("community", 1),
                    g.degree(node),
                    g.degree(node, weight="weight"),
                    data["papers"],
                ]
            )
    with net_path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        for a, b, data in sorted(g.edges(data=True), key=lambda e: (number[e[0]], number[e[1]])):
            w.writerow([*sorted((number[a], number[b])), data["weight"]])
    return [map_path, net_path]


def _write_csv(g: nx.Graph, out: Path) -> list[Path]:
    base = out.with_suffix("")
    nodes, edges = base.parent / f"{base.name}_nodes.csv", base.parent / f"{base.name}_edges.csv"
    with nodes.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "name", "papers", "has_profile", "community"])
        for node in sorted(g.nodes):
            d = g.nodes[node]
            w.writerow([node, d["label"], d["papers"], d["profile"], d.get("community", "")])
    with edges.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["source", "target", "papers", "first_year", "last_year"])
        for a, b, d in sorted(g.edges(data=True)):
            w.writerow([a, b, d["weight"], d["first_year"], d["last_year"]])
    return [nodes, edges]


def export_network(
    store: GraphReader, fmt: str, out: Path, author: str | None = None, depth: int = 1
) -> Sequence[Path]:
    """Write the network in ``fmt``; returns the files written."""
    if fmt not in EXPORT_FORMATS:
        raise InvalidQueryError(
            f"unknown export format {fmt!r} (known: {', '.join(EXPORT_FORMATS)})",
            details={"format": fmt},
        )
    g = build_network(store, author, depth)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "graphml":
        nx.write_graphml(g, out)
        return [out]
    if fmt == "gexf":
        nx.write_gexf(g, out)
        return [out]
    if fmt == "vosviewer":
        return _write_vosviewer(g, out)
    return _write_csv(g, out)
