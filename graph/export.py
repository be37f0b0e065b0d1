"""Hand a network to the tools bibliometricians already use: the co-authorship network,
or the collaboration network of institutions or of countries.

GraphML and GEXF (Gephi) carry node and edge attributes (name as the node label, paper
counts, country, Louvain community; edge weight = joint papers, plus first and last
year for co-authors, example papers for institutions and countries); VOSviewer gets its
documented pair of tab-separated files (a map file with ``id``, ``label``, ``cluster``
and ``weight<…>`` columns, and a network file of ``id1 id2 strength`` lines without a
header, ids being the map's integers); CSV gives plain ``nodes.csv`` and ``edges.csv``.

The networks and their communities are the query catalogue's (graph/queries/), the same
the views show, so an export reads the same graph from either store.

Citation networks (``network``): ``cocitation`` and ``coupling`` of works, and
``author-cocitation`` and ``author-coupling`` (graph/queries/citations.py says what an
author of a cited-only work is), are undirected: nodes labelled by title or name, edge
weight the co-citation count or the number of shared works, of the strongest
graph.queries.citations.MAX_TOP pairs; a node's ``papers`` (VOSviewer's
``weight<Documents>``) counts the papers behind its links (the citing papers, or the
shared works). ``citation`` is the directed citation graph itself, corpus papers and
cited-only works (flagged ``cited_only``) with one edge per CITES; VOSviewer and CSV keep
its edges as citing -> cited pairs (VOSviewer draws them undirected).
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

import networkx as nx

from graph import queries
from graph.answers import CocitationAnswer, CocitationPair, CouplingAnswer, Network
from graph.errors import InvalidQueryError
from graph.store.base import GraphReader

__all__ = [
    "EXPORT_FORMATS",
    "NETWORKS",
    "build_citation_network",
    "build_network",
    "build_pair_network",
    "build_place_network",
    "export_network",
]

EXPORT_FORMATS = ("graphml", "gexf", "vosviewer", "csv")
NETWORKS = (
    "coauthor",
    "institution",
    "country",
    "cocitation",
    "author-cocitation",
    "coupling",
    "author-coupling",
    "citation",
)
_PLACES = ("institution", "country")
_CHUNK = 5000  # papers per cited_works read

# CSV columns per network kind: (header, node or edge attribute)
_CSV_COLUMNS: dict[str, tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]] = {
    "coauthor": (
        (("name", "label"), ("papers", "papers"), ("has_profile", "profile")),
        (("papers", "weight"), ("first_year", "first_year"), ("last_year", "last_year")),
    ),
    "place": (
        (
            ("name", "label"),
            ("country_code", "country_code"),
            ("country", "country"),
            ("papers", "papers"),
            ("partners", "partners"),
        ),
        (("papers", "weight"), ("examples", "examples")),
    ),
}


def build_network(store: GraphReader, author: str | None = None, depth: int = 1) -> nx.Graph:
    """Authors as nodes, co-authorship as weighted edges (weight = joint papers), each
    author's community (graph.queries.communities, numbered from 1, largest first).

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
    found = queries.communities(
        (a.id for a in net.authors), ((e.source, e.target, len(e.papers)) for e in net.edges)
    )
    for index, members in enumerate(found, start=1):
        for node in members:
            g.nodes[node]["community"] = index
    return g


def build_place_network(store: GraphReader, level: str) -> nx.Graph:
    """Institutions (or countries) as nodes, collaboration as weighted edges (weight =
    papers listing both, the pairs of graph.queries.collaboration), the whole network
    (graph.queries.collaboration_network), each node with its community.

    Countries carry their own ISO code and name as ``country_code`` and ``country``, so
    Gephi can colour either network by country; a missing country is the empty string."""
    net = queries.collaboration_network(store, level, None)
    g = nx.Graph()
    for n in sorted(net.nodes, key=lambda n: n.id):
        code, country = (n.id, n.name) if net.level == "country" else (n.country_code, n.country)
        g.add_node(
            n.id,
            label=n.name,
            country_code=code or "",
            country=country or "",
            papers=n.papers,
            partners=n.partners,
            community=n.community,
        )
    for e in net.edges:
        g.add_edge(e.source, e.target, weight=e.papers, examples=" ".join(e.examples))
    return g


_LINE_BREAKS = str.maketrans(dict.fromkeys("\t\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029", " "))


def _map_label(text: str) -> str:
    """A label as a VOSviewer map file needs it: on one line, and in double quotes when
    it holds a comma or semicolon (which VOSviewer also takes for separators) or a
    quote ("University of California, Berkeley")."""
    text = text.translate(_LINE_BREAKS)
    if any(c in text for c in ',;"'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _write_vosviewer(g: nx.Graph, out: Path) -> list[Path]:
    """VOSviewer map + network files (its manual's "map file" and "network file")."""
    base = out.with_suffix("")
    map_path = base.parent / f"{base.name}_map.txt"
    net_path = base.parent / f"{base.name}_network.txt"
    number = {node: i for i, node in enumerate(sorted(g.nodes), start=1)}
    header = [
        "id",
        "label",
        "cluster",
        "weight<Links>",
        "weight<Total link strength>",
        "weight<Documents>",
    ]
    with map_path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("\t".join(header) + "\n")
        for node in sorted(g.nodes):
            data = g.nodes[node]
            row = [
                number[node],
                _map_label(data["label"]),
                data.get("community", 1),
                g.degree(node),
                g.degree(node, weight="weight"),
                data["papers"],
            ]
            fh.write("\t".join(str(x) for x in row) + "\n")
    with net_path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        for a, b, data in sorted(g.edges(data=True), key=lambda e: (number[e[0]], number[e[1]])):
            w.writerow([*sorted((number[a], number[b])), data["weight"]])
    return [map_path, net_path]


def _write_csv(g: nx.Graph, out: Path, kind: str) -> list[Path]:
    base = out.with_suffix("")
    nodes, edges = base.parent / f"{base.name}_nodes.csv", base.parent / f"{base.name}_edges.csv"
    node_columns, edge_columns = _CSV_COLUMNS[kind]
    with nodes.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", *(h for h, _ in node_columns), "community"])
        for node in sorted(g.nodes):
            d = g.nodes[node]
            w.writerow([node, *(d[a] for _, a in node_columns), d.get("community", "")])
    with edges.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["source", "target", *(h for h, _ in edge_columns)])
        for a, b, d in sorted(g.edges(data=True)):
            w.writerow([a, b, *(d[k] for _, k in edge_columns)])
    return [nodes, edges]


def export_network(
    store: GraphReader,
    fmt: str,
    out: Path,
    author: str | None = None,
    depth: int = 1,
    network: str = "coauthor",
) -> Sequence[Path]:
    """Write ``network`` in ``fmt``; returns the files written. ``author`` cuts the
    co-author network to its ego network (``depth`` hops), and a co-citation or
    coupling network to the author's pairs; institution, country and citation networks
    are the whole graph's."""
    if fmt not in EXPORT_FORMATS:
        raise InvalidQueryError(
            f"unknown export format {fmt!r} (known: {', '.join(EXPORT_FORMATS)})",
            details={"format": fmt},
        )
    if network not in NETWORKS:
        raise InvalidQueryError(
            f"unknown network {network!r} (known: {', '.join(NETWORKS)})",
            details={"network": network},
        )
    if network in _PLACES and author is not None:
        raise InvalidQueryError(
            "an author's network (--author) is a co-author network only",
            details={"network": network, "author": author},
        )
    if network == "citation" and author is not None:
        raise InvalidQueryError(
            "the citation network is the whole graph's: --author does not apply",
            details={"network": network, "author": author},
        )
    if network == "coauthor":
        g: nx.Graph = build_network(store, author, depth)
    elif network in _PLACES:
        g = build_place_network(store, network)
    elif network == "citation":
        g = build_citation_network(store)
    else:
        g = build_pair_network(store, network, author)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "graphml":
        nx.write_graphml(g, out)
        return [out]
    if fmt == "gexf":
        nx.write_gexf(g, out)
        return [out]
    if fmt == "vosviewer":
        return _write_vosviewer(g, out)
    if network == "coauthor":
        return _write_csv(g, out, "coauthor")
    if network in _PLACES:
        return _write_csv(g, out, "place")
    return _write_citation_csv(g, out)


# -- citation networks -----------------------------------------------------------------


def build_pair_network(store: GraphReader, network: str, author: str | None = None) -> nx.Graph:
    """The co-citation or coupling network (see the module docstring), of the whole graph
    or of one author's pairs, with Louvain communities weighted by link strength."""
    level = "author" if network.startswith("author-") else "paper"
    cocited = network.endswith("cocitation")
    ask = queries.cocitation if cocited else queries.coupling
    answer: CocitationAnswer | CouplingAnswer = ask(
        store, level, min_count=1, top=queries.citations.MAX_TOP, author=author
    )
    behind: dict[str, set[str]] = {}
    g = nx.Graph()
    for p in answer.pairs:
        papers = p.citing if isinstance(p, CocitationPair) else p.shared
        for end in (p.a, p.b):
            g.add_node(end.id, label=end.label)
            behind.setdefault(end.id, set()).update(papers)
        g.add_edge(p.a.id, p.b.id, weight=p.count)
    for node, behind_node in behind.items():
        g.nodes[node]["papers"] = len(behind_node)
    found = nx.community.louvain_communities(g, weight="weight", seed=queries.COMMUNITY_SEED)
    for index, members in enumerate(sorted(found, key=lambda c: (-len(c), min(c))), start=1):
        for node in members:
            g.nodes[node]["community"] = index
    return g


def build_citation_network(store: GraphReader) -> nx.DiGraph:
    """Every CITES edge, citing -> cited: corpus papers and cited-only works as nodes
    (label = title, year, ``cited_only``, ``papers`` = local citations)."""
    refs = dict(store.iter_references())
    ids = sorted({*refs, *(q for qs in refs.values() for q in qs)})
    works = {
        w.id: w
        for start in range(0, len(ids), _CHUNK)
        for w in store.cited_works(ids[start : start + _CHUNK])
    }
    cited = {q: 0 for q in ids}
    for qs in refs.values():
        for q in qs:
            cited[q] += 1
    g = nx.DiGraph()
    for pid in ids:
        w = works[pid]
        g.add_node(pid, label=w.title, year=w.year or 0, cited_only=w.cited_only, papers=cited[pid])
    for c, qs in sorted(refs.items()):
        for q in qs:
            g.add_edge(c, q, weight=1)
    return g


def _write_citation_csv(g: nx.Graph, out: Path) -> list[Path]:
    base = out.with_suffix("")
    nodes, edges = base.parent / f"{base.name}_nodes.csv", base.parent / f"{base.name}_edges.csv"
    extra = ("year", "cited_only") if g.is_directed() else ("community",)
    with nodes.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "label", "papers", *extra])
        for node in sorted(g.nodes):
            d = g.nodes[node]
            w.writerow([node, d["label"], d["papers"], *(d.get(x, "") for x in extra)])
    with edges.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["citing", "cited"] if g.is_directed() else ["source", "target", "weight"])
        for a, b, d in sorted(g.edges(data=True)):
            w.writerow([a, b] if g.is_directed() else [a, b, d["weight"]])
    return [nodes, edges]
