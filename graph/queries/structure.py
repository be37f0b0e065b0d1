"""The shape of the whole graph, on the projection: communities and centrality.

:func:`communities` is the one community function: the CLI and API answer, the overview
view and every export (through :func:`community_groups`) all use the projection's
Leiden communities of the whole graph, seed 42, so an author is in the same community
wherever it is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, get_args

import numpy as np

from graph.answers import AuthorRef, CentralAnswer, CentralAuthor, CommunitiesAnswer, Community
from graph.errors import InvalidQueryError
from graph.projection import WHOLE, Projection, Window, analytics, projection_for
from graph.store.base import GraphReader

__all__ = ["MEASURES", "Measure", "central", "communities", "community_groups"]

Measure = Literal["degree", "pagerank", "betweenness"]
MEASURES: tuple[str, ...] = get_args(Measure)
MAX_TOP = 1000


def _check_top(name: str, value: int) -> None:
    if not 1 <= value <= MAX_TOP:
        raise InvalidQueryError(f"{name} must be between 1 and {MAX_TOP}", details={name: value})


def _names(store: GraphReader, ids: Sequence[str]) -> dict[str, str]:
    return {a.id: a.name for a in store.get_authors(sorted(set(ids)))}


def communities(
    store: GraphReader,
    *,
    top: int = 20,
    members: int = 10,
    window: Window = WHOLE,
    projection: Projection | None = None,
) -> CommunitiesAnswer:
    """The ``top`` largest communities of the co-authorship graph (in the window), each
    with its size and its ``members`` most connected authors (most co-authors first,
    ties by id)."""
    _check_top("top", top)
    _check_top("members", members)
    proj = projection or projection_for(store)
    rank = np.asarray(analytics.communities(proj, window))
    sizes = np.bincount(rank) if rank.size else np.empty(0, dtype=np.int64)
    groups = int((sizes >= 2).sum())
    degree = proj.degree(window)
    shown: list[list[int]] = []
    for r in range(min(top, groups)):
        idx = np.flatnonzero(rank == r)
        order = np.lexsort((idx, -degree[idx]))[:members]
        shown.append(idx[order].tolist())
    ids = [proj.ids_of(s) for s in shown]
    names = _names(store, [a for group in ids for a in group])
    return CommunitiesAnswer(
        since=window.since,
        until=window.until,
        authors=proj.n,
        count=groups,
        singletons=int((sizes == 1).sum()),
        communities=[
            Community(
                rank=r + 1,
                size=int(sizes[r]),
                members=[AuthorRef(id=a, name=names[a]) for a in group],
            )
            for r, group in enumerate(ids)
        ],
    )


def community_groups(
    store: GraphReader, ids: Sequence[str], *, projection: Projection | None = None
) -> dict[int, list[str]]:
    """The whole graph's communities, restricted to the authors ``ids``: community rank
    (0 is the largest in the whole graph) -> those of ``ids`` in it (sorted), in rank
    order. For views and exports of part of the graph: an author has the same
    community number in every view and export."""
    proj = projection or projection_for(store)
    rank = np.asarray(analytics.communities(proj, WHOLE))
    found: dict[int, list[str]] = {}
    unknown = proj.n  # an author the projection lacks is a community of one
    for a in sorted(set(ids)):
        i = proj.index(a)
        if i is None:
            key, unknown = unknown, unknown + 1
        else:
            key = int(rank[i])
        found.setdefault(key, []).append(a)
    return {k: found[k] for k in sorted(found)}


def central(
    store: GraphReader,
    measure: str = "degree",
    *,
    top: int = 20,
    window: Window = WHOLE,
    projection: Projection | None = None,
) -> CentralAnswer:
    """The ``top`` authors by a centrality measure (ties by id): ``degree`` (number of
    co-authors), ``pagerank`` (weighted by joint papers) or ``betweenness`` (shortest
    paths by hops; estimated by sampling above a few thousand authors)."""
    if measure not in MEASURES:
        raise InvalidQueryError(
            f"unknown measure {measure!r} (known: {', '.join(MEASURES)})",
            details={"measure": measure},
        )
    _check_top("top", top)
    proj = projection or projection_for(store)
    degree = proj.degree(window)
    if measure == "degree":
        scores = degree.astype(np.float64)
    elif measure == "pagerank":
        scores = np.asarray(analytics.pagerank(proj, window))
    else:
        scores = np.asarray(analytics.betweenness(proj, window))
    scores = np.round(scores, 9)
    order = np.lexsort((np.arange(proj.n), -scores))[:top]
    ids = proj.ids_of(order)
    names = _names(store, ids)
    return CentralAnswer(
        measure=measure,  # type: ignore[arg-type]
        estimated=measure == "betweenness" and proj.n > analytics.BETWEENNESS_EXACT_MAX,
        since=window.since,
        until=window.until,
        data=[
            CentralAuthor(id=a, name=names[a], score=float(scores[i]), coauthors=int(degree[i]))
            for a, i in zip(ids, order.tolist(), strict=True)
        ],
    )
