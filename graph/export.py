"""Hand the co-authorship network to the tools bibliometricians already use.

GraphML and GEXF (Gephi) carry node and edge attributes (paper counts, first and last
year of collaboration, Louvain community); VOSviewer gets its documented pair of
tab-separated files (a map file with ``id``, ``label``, ``cluster`` and ``weight<…>``
columns, and a network file of ``id1 id2 strength`` lines without a header, ids being
the map's integers); CSV gives plain ``nodes.csv`` and ``edges.csv``.

The network is built from the query catalogue's primitives, so an export reads the
same graph from either store.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

import networkx as nx

from graph import queries
from graph.errors import InvalidQueryError
from graph.store.base import GraphStore

__all__ = ["EXPORT_FORMATS", "build_network", "export_network"]

EXPORT_FORMATS = ("graphml", "gexf", "vosviewer", "csv")
_COMMUNITY_SEED = 42


def _ego_ids(store: GraphStore, author_id: str, depth: int) -> list[str]:
    seen = {author_id}
    frontier = [author_id]
    for _ in range(depth):
        nb = store.neighbours(frontier)
        frontier = sorted({b for u in frontier for b in nb.get(u, ())} - seen)
        seen.update(frontier)
        if not frontier:
            break
    return sorted(seen)


def build_network(store: GraphStore, author: str | None = None, depth: int = 1) -> nx.Graph:
    """Authors as nodes, co-authorship as weighted edges (weight = joint papers).

    With ``author``, only the ego network to ``depth`` hops; else the whole graph."""
    if not 1 <= depth <= 4:
        raise InvalidQueryError("depth must be between 1 and 4", details={"depth": depth})
    if author is None:
        ids = [a.id for a in store.search_authors("", 2**31 - 1)]
    else:
        ids = _ego_ids(store, queries.resolve_name(store, author).id, depth)
    wanted = set(ids)
    g = nx.Graph()
    for person in store.get_authors(ids):
        g.add_node(
            person.id, label=person.name, papers=person.paper_count, profile=person.has_profile
        )
    joint: dict[tuple[str, str], list[str]] = {}
    for a in ids:
        for b, papers in store.coauthor_papers(a).items():
            if b in wanted and a < b:
                joint[(a, b)] = papers
    years = {
        p.id: p.year for p in store.get_papers(sorted({p for ps in joint.values() for p in ps}))
    }
    for (a, b), papers in sorted(joint.items()):
        ys = sorted(y for p in papers if (y := years.get(p)) is not None)
        g.add_edge(
            a,
            b,
            weight=len(papers),
            first_year=ys[0] if ys else 0,
            last_year=ys[-1] if ys else 0,
        )
    communities = nx.community.louvain_communities(g, weight="weight", seed=_COMMUNITY_SEED)
    ordered = sorted(communities, key=lambda c: (-len(c), min(c)))
    for index, members in enumerate(ordered, start=1):
        for node in members:
            g.nodes[node]["community"] = index
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
    store: GraphStore, fmt: str, out: Path, author: str | None = None, depth: int = 1
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
