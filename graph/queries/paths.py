"""Collaboration paths and distances, on the co-authorship projection (graph/projection):
which authors a path runs through is computed there, the papers of each hop are read
from the store."""

from __future__ import annotations

from itertools import pairwise

from graph.answers import (
    DistancesAnswer,
    Hop,
    HopCount,
    PaperLink,
    PathAnswer,
    PathItem,
    PathsAnswer,
    ResolvedName,
)
from graph.errors import InvalidQueryError
from graph.projection import WHOLE, Projection, Window, projection_for
from graph.projection.paths import (
    distances_from,
    k_shortest_paths,
    shortest_path,
    strongest_path,
)
from graph.queries.identity import weak_pairs
from graph.queries.names import resolve_name, resolve_names
from graph.store.base import GraphReader

__all__ = [
    "DEFAULT_MAX_HOPS",
    "MAX_PATHS",
    "collaboration_path",
    "collaboration_paths",
    "distances",
]

DEFAULT_MAX_HOPS = 10
MAX_HOPS = 20
MAX_PATHS = 10


def _ends(
    store: GraphReader, source: str, target: str, max_hops: int
) -> tuple[ResolvedName, ResolvedName]:
    if not 1 <= max_hops <= MAX_HOPS:
        raise InvalidQueryError(
            f"max_hops must be between 1 and {MAX_HOPS}", details={"max_hops": max_hops}
        )
    ra, rb = resolve_names(store, [source, target])  # one read for both names
    return ra, rb


def _hops(store: GraphReader, paths: list[list[str]], window: Window) -> list[list[Hop]]:
    """Each hop of each path with the paper that links the two: one on which neither was
    joined by a weak identity merge when there is one, then their most recent joint
    paper inside the window (ties: smallest id); the hop is ``weak`` when that paper
    rests on a weak merge. Four reads for all the paths."""
    everyone = sorted({a for p in paths for a in p})
    names = {x.id: x.name for x in store.get_authors(everyone)}
    links = sorted({link for p in paths for link in pairwise(p)})
    joint = dict(zip(links, store.joint_papers(links), strict=True)) if links else {}
    summaries = {
        p.id: p for p in store.get_papers(sorted({p for ps in joint.values() for p in ps}))
    }
    weak = weak_pairs(
        store, [pair for (x, y), ps in joint.items() for p in ps for pair in ((x, p), (y, p))]
    )
    out = []
    for path in paths:
        hops = []
        for x, y in pairwise(path):
            inside = [summaries[p] for p in joint[(x, y)] if window.holds(summaries[p].year)]
            best = min(
                inside,
                key=lambda p: ((x, p.id) in weak or (y, p.id) in weak, -(p.year or 0), p.id),
            )
            link = PaperLink(id=best.id, title=best.title)
            hop_weak = (x, best.id) in weak or (y, best.id) in weak
            hops.append(
                Hop.model_validate(
                    {"from": names[x], "to": names[y], "paper": link, "weak": hop_weak}
                )
            )
        out.append(hops)
    return out


def collaboration_path(
    store: GraphReader,
    source: str,
    target: str,
    max_hops: int = DEFAULT_MAX_HOPS,
    *,
    strongest: bool = False,
    window: Window = WHOLE,
    projection: Projection | None = None,
) -> PathAnswer:
    """A shortest chain of co-authorships from one author to another (among equally
    short ones, the one whose author ids are smallest hop by hop from the source), or
    with ``strongest`` the strongest-ties chain (least summed 1/joint papers); each hop
    with a paper that links the two."""
    ra, rb = _ends(store, source, target, max_hops)
    proj = projection or projection_for(store)
    a, b = proj.index(ra.id), proj.index(rb.id)
    found = None
    if a is not None and b is not None:
        search = strongest_path if strongest else shortest_path
        found = search(proj, a, b, max_hops, window)
    (hops,) = _hops(store, [proj.ids_of(found)], window) if found is not None else ([],)
    return PathAnswer(
        resolved=[ra, rb],
        length=len(hops) if found is not None else None,
        hops=hops,
    )


def collaboration_paths(
    store: GraphReader,
    source: str,
    target: str,
    k: int = 3,
    max_hops: int = DEFAULT_MAX_HOPS,
    *,
    window: Window = WHOLE,
    projection: Projection | None = None,
) -> PathsAnswer:
    """The ``k`` shortest chains (no author twice in a chain), shortest first; equally
    long ones by their author ids, hop by hop."""
    if not 1 <= k <= MAX_PATHS:
        raise InvalidQueryError(f"k must be between 1 and {MAX_PATHS}", details={"k": k})
    ra, rb = _ends(store, source, target, max_hops)
    proj = projection or projection_for(store)
    a, b = proj.index(ra.id), proj.index(rb.id)
    found = [] if a is None or b is None else k_shortest_paths(proj, a, b, k, max_hops, window)
    hops = _hops(store, [proj.ids_of(p) for p in found], window)
    return PathsAnswer(
        resolved=[ra, rb],
        since=window.since,
        until=window.until,
        paths=[PathItem(length=len(h), hops=h) for h in hops],
    )


def distances(
    store: GraphReader,
    author: str,
    *,
    window: Window = WHOLE,
    projection: Projection | None = None,
) -> DistancesAnswer:
    """How many authors are 1, 2, 3 ... co-authorship hops away, how many no chain
    reaches, and the mean and largest distance."""
    who = resolve_name(store, author)
    proj = projection or projection_for(store)
    a = proj.index(who.id)
    counts = distances_from(proj, a, window) if a is not None else []
    reachable = sum(counts)
    return DistancesAnswer(
        resolved=who,
        since=window.since,
        until=window.until,
        reachable=reachable,
        unreachable=max(proj.n - 1 - reachable, 0),
        mean=round(sum(h * c for h, c in enumerate(counts, 1)) / reachable, 4)
        if reachable
        else None,
        max=len(counts) or None,
        distribution=[HopCount(hops=h, authors=c) for h, c in enumerate(counts, 1)],
    )
