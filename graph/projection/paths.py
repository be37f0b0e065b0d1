"""Paths on the projection: shortest (with a tie-break both stores share), the k
shortest, the strongest, and everyone's distance from one author.

The tie-break among equally short paths: the path whose sequence of author ids is
smallest, compared hop by hop from the source (so the first hop goes to the smallest
id that still lies on a shortest path, and so on). It is found without listing the
paths: a bidirectional breadth-first search gives the distance, the authors on some
shortest path are peeled off layer by layer, and the path walks through them taking
the smallest id each time.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

import numpy as np

from graph.projection.core import Array, Projection
from graph.projection.window import WHOLE, Window

__all__ = ["distances_from", "k_shortest_paths", "shortest_path", "strongest_path"]


@dataclass(frozen=True, slots=True)
class _Search:
    length: int
    dist: tuple[Array, Array]  # hops from the source / from the target (-1: not reached)
    levels: tuple[int, int]  # how far each side searched


def _live_edges(proj: Projection, window: Window) -> Array | None:
    return None if window.whole else proj.weights(window) > 0


def _step(proj: Projection, frontier: Array, edge_ok: Array | None, node_ok: Array | None) -> Array:
    nb, _, _ = proj.expand(frontier, edge_ok)
    return nb if node_ok is None else nb[node_ok[nb]]


def _distinct(found: Array, dist: Array, level: int) -> Array:
    """The distinct authors among ``found`` (all just given ``level`` in ``dist``), in
    ascending order: by sorting when they are few, by one scan of ``dist`` when a hub
    made them many (a scan of n is cheaper than sorting millions of repeats)."""
    if found.size * 16 < dist.size:
        return np.unique(found)
    return np.flatnonzero(dist == level)


def _search(
    proj: Projection,
    a: int,
    b: int,
    max_hops: int,
    edge_ok: Array | None,
    node_ok: Array | None,
) -> _Search | None:
    """Bidirectional breadth-first search, one whole level at a time, always growing
    the side whose frontier has fewer adjacency entries."""
    dist = (np.full(proj.n, -1, dtype=np.int32), np.full(proj.n, -1, dtype=np.int32))
    dist[0][a] = 0
    dist[1][b] = 0
    fronts = [np.array([a], dtype=np.int64), np.array([b], dtype=np.int64)]
    levels = [0, 0]
    while fronts[0].size and fronts[1].size and levels[0] + levels[1] < max_hops:
        cost = [int((proj.indptr[f + 1] - proj.indptr[f]).sum()) for f in fronts]
        side = 0 if cost[0] <= cost[1] else 1
        mine, other = dist[side], dist[1 - side]
        nb = _step(proj, fronts[side], edge_ok, node_ok)
        nb = nb[mine[nb] < 0]
        levels[side] += 1
        mine[nb] = levels[side]
        nb = _distinct(nb, mine, levels[side])
        fronts[side] = nb
        met = nb[other[nb] >= 0]
        if met.size:
            return _Search(levels[side] + int(other[met].min()), dist, (levels[0], levels[1]))
    return None


def _walk(
    proj: Projection,
    a: int,
    found: _Search,
    edge_ok: Array | None,
    node_ok: Array | None,
) -> list[int]:
    """The id-smallest shortest path, from the search's two distance maps."""
    length = found.length
    da, db = found.dist
    la, _ = found.levels
    pivot = min(la, length)
    position = np.full(proj.n, -1, dtype=np.int32)  # place on some shortest path
    layer = np.flatnonzero((da == pivot) & (db == length - pivot))
    position[layer] = pivot
    for i in range(pivot - 1, -1, -1):  # towards the source: only the source side knows
        nb = _step(proj, layer, edge_ok, node_ok)
        layer = np.unique(nb[da[nb] == i])
        position[layer] = i
    layer = np.flatnonzero(position == pivot)
    for i in range(pivot + 1, length + 1):  # towards the target
        nb = _step(proj, layer, edge_ok, node_ok)
        layer = np.unique(nb[db[nb] == length - i])
        position[layer] = i
    path = [a]
    for i in range(1, length + 1):
        nb = _step(proj, np.array([path[-1]], dtype=np.int64), edge_ok, node_ok)
        path.append(int(nb[position[nb] == i].min()))
    return path


def shortest_path(
    proj: Projection,
    a: int,
    b: int,
    max_hops: int,
    window: Window = WHOLE,
    *,
    edge_ok: Array | None = None,
    node_ok: Array | None = None,
) -> list[int] | None:
    """The id-smallest shortest path from ``a`` to ``b`` within ``max_hops``, over the
    co-authorships of the window (and ``edge_ok``), avoiding authors not in ``node_ok``."""
    if a == b:
        return [a]
    live = _live_edges(proj, window)
    if edge_ok is not None:
        live = edge_ok if live is None else live & edge_ok
    found = _search(proj, a, b, max_hops, live, node_ok)
    return None if found is None else _walk(proj, a, found, live, node_ok)


def k_shortest_paths(
    proj: Projection, a: int, b: int, k: int, max_hops: int, window: Window = WHOLE
) -> list[list[int]]:
    """The ``k`` shortest simple paths (Yen's algorithm), shortest first and, among
    equally long ones, id-smallest first: every spur path is the id-smallest shortest
    one, so the candidates come out in (length, ids) order."""
    first = shortest_path(proj, a, b, max_hops, window)
    if first is None:
        return []
    found = [first]
    seen = {tuple(first)}
    candidates: list[tuple[int, tuple[int, ...]]] = []
    while len(found) < k:
        prev = found[-1]
        for i in range(len(prev) - 1):
            root = prev[: i + 1]
            edge_ok = np.ones(proj.m, dtype=bool)
            for p in found:
                if p[: i + 1] == root and len(p) > i + 1:
                    e = proj.edge_between(p[i], p[i + 1])
                    if e is not None:
                        edge_ok[e] = False
            node_ok = np.ones(proj.n, dtype=bool)
            node_ok[root[:-1]] = False
            spur = shortest_path(
                proj, root[-1], b, max_hops - i, window, edge_ok=edge_ok, node_ok=node_ok
            )
            if spur is None:
                continue
            total = tuple(root[:-1] + spur)
            if total not in seen:
                seen.add(total)
                heapq.heappush(candidates, (len(total), total))
        if not candidates:
            break
        found.append(list(heapq.heappop(candidates)[1]))
    return found


def strongest_path(
    proj: Projection, a: int, b: int, max_hops: int, window: Window = WHOLE
) -> list[int] | None:
    """The path of at most ``max_hops`` hops whose summed 1/joint-papers is least
    (Newman's collaboration distance: a hop over ten joint papers is ten times shorter
    than one over a single paper). Equally strong paths are told apart by fewer hops,
    then by smaller ids hop by hop. Dijkstra over (author, hops) states keyed by
    (cost, hops, ids), so the hop limit cannot hide a cheaper path that needs fewer
    hops to an author on the way."""
    if a == b:
        return [a]
    weights = proj.weights(window)
    heap: list[tuple[float, int, tuple[int, ...]]] = [(0.0, 0, (a,))]
    best: dict[tuple[int, int], tuple[float, tuple[int, ...]]] = {}
    settled: set[tuple[int, int]] = set()
    while heap:
        cost, hops, path = heapq.heappop(heap)
        u = path[-1]
        if (u, hops) in settled:
            continue
        settled.add((u, hops))
        if u == b:
            return list(path)
        if hops >= max_hops:
            continue
        lo, hi = int(proj.indptr[u]), int(proj.indptr[u + 1])
        w = weights[proj.eid[lo:hi]]
        for v, papers in zip(proj.nbr[lo:hi].tolist(), w.tolist(), strict=True):
            state = (v, hops + 1)
            if papers <= 0 or state in settled or v in path:
                continue
            key = (cost + 1.0 / papers, (*path, v))
            if state not in best or key < best[state]:
                best[state] = key
                heapq.heappush(heap, (key[0], hops + 1, key[1]))
    return None


def distances_from(proj: Projection, a: int, window: Window = WHOLE) -> list[int]:
    """How many authors are 1, 2, 3 ... hops from ``a`` (index k-1 holds hop k)."""
    live = _live_edges(proj, window)
    seen = np.zeros(proj.n, dtype=bool)  # reached
    done = np.zeros(proj.n, dtype=bool)  # reached before this level
    seen[a] = done[a] = True
    frontier = np.array([a], dtype=np.int64)
    counts: list[int] = []
    while True:
        nb = _step(proj, frontier, live, None)
        nb = nb[~seen[nb]]
        seen[nb] = True
        frontier = np.unique(nb) if nb.size * 16 < proj.n else np.flatnonzero(seen & ~done)
        if not frontier.size:
            return counts
        done[frontier] = True
        counts.append(int(frontier.size))
