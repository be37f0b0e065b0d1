"""Whole-graph algorithms on the projection, through igraph (C): communities,
PageRank, betweenness. Results for the whole graph are saved beside the projection's
arrays the first time they are computed (graph/projection/files.py), so every process
after that maps them instead of computing them; results for a time window are
computed on demand and kept in memory for the life of the projection.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable

import igraph
import numpy as np

from graph.projection.core import Array, Projection
from graph.projection.files import save_array
from graph.projection.window import WHOLE, Window

__all__ = [
    "BETWEENNESS_EXACT_MAX",
    "BETWEENNESS_SAMPLES",
    "COMMUNITY_SEED",
    "betweenness",
    "communities",
    "pagerank",
]

COMMUNITY_SEED = 42
BETWEENNESS_EXACT_MAX = 5000
"""Up to this many authors betweenness is exact; above, it is estimated from a seeded
sample of source authors (Brandes' algorithm from each, scaled up)."""
BETWEENNESS_SAMPLES = 64
PAGERANK_DAMPING = 0.85

# igraph draws from one process-wide generator: seeding it and running an algorithm
# must not interleave with another thread doing the same
_RNG = threading.Lock()


def _derived(proj: Projection, name: str, window: Window, compute: Callable[[], Array]) -> Array:
    if not window.whole:
        return proj.memo((name, window), compute)

    def whole() -> Array:
        if proj.where is not None:
            path = proj.where / f"{name}.npy"
            if path.exists():
                return np.load(path, mmap_mode="r")
        value = compute()
        if proj.where is not None:
            save_array(proj.where, name, value)
        return value

    return proj.memo((name, WHOLE), whole)


def _ends(proj: Projection) -> tuple[Array, Array]:
    """Both ends of every co-authorship, by co-authorship number."""

    def compute() -> tuple[Array, Array]:
        rows = np.repeat(np.arange(proj.n, dtype=np.int64), np.diff(proj.indptr))
        forward = rows < proj.nbr
        src = np.empty(proj.m, dtype=np.int64)
        dst = np.empty(proj.m, dtype=np.int64)
        src[proj.eid[forward]] = rows[forward]
        dst[proj.eid[forward]] = proj.nbr[forward]
        return src, dst

    return proj.memo("ends", compute)


def _graph(proj: Projection, window: Window) -> igraph.Graph:
    """The window's co-authorship graph in igraph: every author a vertex, numbered as
    in the projection; edges in co-authorship order, "weight" their joint papers."""

    def compute() -> igraph.Graph:
        src, dst = _ends(proj)
        w = proj.weights(window)
        live = w > 0
        g = igraph.Graph(n=proj.n, edges=np.column_stack([src[live], dst[live]]).tolist())
        g.es["weight"] = w[live].astype(np.float64).tolist()
        return g

    return proj.memo(("igraph", window), compute)


def _seeded(run: Callable[[], Array]) -> Array:
    with _RNG:
        igraph.set_random_number_generator(random.Random(COMMUNITY_SEED))
        try:
            return run()
        finally:
            igraph.set_random_number_generator(random)


def communities(proj: Projection, window: Window = WHOLE) -> Array:
    """Each author's community: Leiden (modularity, edges weighted by joint papers,
    seed 42, two iterations as igraph does by default: iterating until stable costs
    many times longer for a barely higher modularity), numbered 0.. from the
    largest community down (ties: the one with the smallest author index first). An
    author without a co-author in the window is a community of one."""

    def compute() -> Array:
        g = _graph(proj, window)

        def run() -> Array:
            found = g.community_leiden(
                objective_function="modularity", weights="weight", n_iterations=2
            )
            return np.asarray(found.membership, dtype=np.int64)

        raw = _seeded(run) if proj.n else np.empty(0, dtype=np.int64)
        sizes = np.bincount(raw) if raw.size else np.empty(0, dtype=np.int64)
        first = np.full(sizes.size, proj.n, dtype=np.int64)
        np.minimum.at(first, raw, np.arange(proj.n))
        order = np.lexsort((first, -sizes))
        rank = np.empty(sizes.size, dtype=np.int32)
        rank[order] = np.arange(sizes.size, dtype=np.int32)
        return rank[raw] if raw.size else np.empty(0, dtype=np.int32)

    return _derived(proj, "community", window, compute)


def pagerank(proj: Projection, window: Window = WHOLE) -> Array:
    """PageRank of each author (damping 0.85), a co-authorship passing rank in
    proportion to its joint papers."""

    def compute() -> Array:
        g = _graph(proj, window)
        if not proj.n:
            return np.empty(0, dtype=np.float64)
        return np.asarray(
            g.pagerank(directed=False, damping=PAGERANK_DAMPING, weights="weight"),
            dtype=np.float64,
        )

    return _derived(proj, "pagerank", window, compute)


def betweenness(proj: Projection, window: Window = WHOLE) -> Array:
    """Betweenness of each author over shortest paths by hops: the number of pairs of
    other authors whose shortest paths run through them (shared among equally short
    paths). Exact up to BETWEENNESS_EXACT_MAX authors; above, estimated from
    BETWEENNESS_SAMPLES source authors drawn with the seed (each author's sum over paths
    from the sample, scaled by n / samples)."""

    def compute() -> Array:
        g = _graph(proj, window)
        if proj.n <= BETWEENNESS_EXACT_MAX:
            return np.asarray(g.betweenness(directed=False), dtype=np.float64)
        sample = sorted(random.Random(COMMUNITY_SEED).sample(range(proj.n), BETWEENNESS_SAMPLES))
        part = np.asarray(g.betweenness(directed=False, sources=sample), dtype=np.float64)
        return part * (proj.n / BETWEENNESS_SAMPLES)

    return _derived(proj, "betweenness", window, compute)
