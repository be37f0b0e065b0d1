"""Node positions computed before rendering, for graphs too big for in-browser physics.

vis-network draws 5,000 nodes quickly once it is given positions, but its physics takes
far too long to settle a graph that size, so big views arrive laid out. The layout is
the slow part: networkx ``spring_layout`` is pure Python and far too slow for thousands
of nodes, igraph's Fruchterman-Reingold is C. igraph is used when it is installed;
networkx remains the fallback (fine for a few hundred nodes).

Each connected component is laid out on its own and the components are packed in rows,
biggest first: a force layout of the whole graph flings the many two- and three-author
components far out and shrinks the main one to a dot when the view is fitted.
Everything is seeded, so the same graph always gets the same picture.
"""

from __future__ import annotations

import math
import random
import threading
from collections.abc import Sequence

import networkx as nx

__all__ = ["EXTENT_PER_NODE", "layout_engine", "spring_positions"]

EXTENT_PER_NODE = 45.0
"""Pixels of width per sqrt(node) of a component: readable spacing at zoom 1."""
MARGIN = 60.0

_IGRAPH_RNG = threading.Lock()  # igraph's generator is process-wide; renders may be concurrent

Edge = tuple[str, str, float]
Coords = dict[str, tuple[float, float]]


def layout_engine() -> str:
    """Which library :func:`spring_positions` will use: "igraph" or "networkx"."""
    try:
        import igraph  # noqa: F401
    except ImportError:
        return "networkx"
    return "igraph"


def spring_positions(nodes: Sequence[str], edges: Sequence[Edge], *, seed: int = 7) -> Coords:
    """Force-directed positions in vis-network pixel coordinates, centred on 0.

    ``edges`` are (source, target, weight); heavier edges pull harder.
    """
    if not nodes:
        return {}
    g = nx.Graph()
    g.add_nodes_from(nodes)
    g.add_weighted_edges_from(edges)
    order = {n: i for i, n in enumerate(nodes)}
    components = sorted(
        (sorted(c, key=order.__getitem__) for c in nx.connected_components(g)),
        key=lambda c: (-len(c), order[c[0]]),
    )
    engine = _igraph if layout_engine() == "igraph" else _nx
    blocks = []
    for comp in components:
        if len(comp) == 1:
            raw: Coords = {comp[0]: (0.0, 0.0)}
        else:
            sub = [(a, b, w) for a, b, w in g.subgraph(comp).edges(data="weight")]
            raw = engine(comp, sub, seed)
        blocks.append(_fit(raw, EXTENT_PER_NODE * math.sqrt(len(comp))))
    return _pack(blocks)


def _igraph(nodes: Sequence[str], edges: Sequence[Edge], seed: int) -> Coords:
    import igraph as ig

    index = {n: i for i, n in enumerate(nodes)}
    graph = ig.Graph(n=len(nodes), edges=[(index[a], index[b]) for a, b, _ in edges])
    weights = [1.0 + math.log(max(float(w), 1.0)) for _, _, w in edges]
    # igraph draws its start positions from this generator: seeded, same graph, same
    # layout. (Passing start positions instead is slower: packed into a small square they
    # defeat the grid approximation, 30+ s for 5,000 nodes.)
    with _IGRAPH_RNG:
        ig.set_random_number_generator(random.Random(seed))
        try:
            layout = graph.layout_fruchterman_reingold(weights=weights, grid="auto")
        finally:
            ig.set_random_number_generator(random)
    return {n: (float(x), float(y)) for n, (x, y) in zip(nodes, layout.coords, strict=True)}


def _nx(nodes: Sequence[str], edges: Sequence[Edge], seed: int) -> Coords:
    g = nx.Graph()
    g.add_nodes_from(nodes)
    g.add_weighted_edges_from(edges)
    pos = nx.spring_layout(g, seed=seed, weight="weight")
    return {n: (float(pos[n][0]), float(pos[n][1])) for n in nodes}


def _fit(raw: Coords, extent: float) -> Coords:
    """Scale so the wider side spans ``extent`` pixels, with the corner at (0, 0)."""
    xs = [p[0] for p in raw.values()]
    ys = [p[1] for p in raw.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    k = extent / span
    return {n: ((x - min(xs)) * k, (y - min(ys)) * k) for n, (x, y) in raw.items()}


def _pack(blocks: list[Coords]) -> Coords:
    """Shelf packing: blocks (biggest first) left to right in rows of a width that makes
    the whole roughly square, then everything centred on (0, 0)."""
    sizes = [
        (max(x for x, _ in b.values()) + MARGIN, max(y for _, y in b.values()) + MARGIN)
        for b in blocks
    ]
    width = max(sizes[0][0], math.sqrt(sum(w * h for w, h in sizes)) * 1.1)
    out: Coords = {}
    x = y = row_h = 0.0
    for block, (w, h) in zip(blocks, sizes, strict=True):
        if x > 0 and x + w > width:
            x, y, row_h = 0.0, y + row_h, 0.0
        for n, (bx, by) in block.items():
            out[n] = (bx + x, by + y)
        x += w
        row_h = max(row_h, h)
    xs = [p[0] for p in out.values()]
    ys = [p[1] for p in out.values()]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    return {n: (round(px - cx, 1), round(py - cy, 1)) for n, (px, py) in out.items()}
