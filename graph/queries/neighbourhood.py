"""Beyond an author's co-authors, on the projection: second-degree collaborators, and
collaborator recommendations for one or several authors."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from graph.answers import (
    AuthorRef,
    Candidate,
    RecommendAnswer,
    ResolvedName,
    SecondDegree,
    SecondDegreeAnswer,
    TopicRef,
)
from graph.errors import InvalidQueryError
from graph.projection import WHOLE, Projection, Window, projection_for
from graph.projection.core import Array
from graph.queries.collaborators import cosine, topic_counts
from graph.queries.names import MAX_AUTHORS, resolve_name, resolve_names
from graph.store.base import GraphReader

__all__ = ["MAX_RESULTS", "recommend", "second_degree"]

MAX_RESULTS = 1000
FIRST_BATCH = 20
"""Candidates whose topics the first read fetches (at least twice the answer's size,
with the queried authors'): usually enough for the pruning to stop there; each further
read doubles the batch. A bigger first batch costs the server more than the rare second
read it saves."""


def _live(proj: Projection, window: Window) -> Array | None:
    return None if window.whole else proj.weights(window) > 0


def _beyond(proj: Projection, sources: Sequence[int], window: Window) -> tuple[Array, Array]:
    """(person, linking co-author) pairs: every co-author of a co-author of the sources
    who is neither a source nor a co-author of one; a linking co-author appears once
    per source they wrote with."""
    live = _live(proj, window)
    first = np.concatenate([proj.expand(np.array([s], dtype=np.int64), live)[0] for s in sources])
    known = np.zeros(proj.n, dtype=bool)
    known[list(sources)] = True
    known[first] = True
    person, via, _ = proj.expand(first, live)
    keep = ~known[person]
    return person[keep], via[keep]


def _refs(store: GraphReader, ids: Sequence[str]) -> dict[str, AuthorRef]:
    return {a.id: AuthorRef(id=a.id, name=a.name) for a in store.get_authors(sorted(set(ids)))}


def second_degree(
    store: GraphReader,
    author: str,
    *,
    limit: int = 50,
    window: Window = WHOLE,
    projection: Projection | None = None,
) -> SecondDegreeAnswer:
    """Co-authors of the author's co-authors who never wrote with the author, most
    common co-authors first (ties by id), each with those co-authors."""
    if not 1 <= limit <= MAX_RESULTS:
        raise InvalidQueryError(
            f"limit must be between 1 and {MAX_RESULTS}", details={"limit": limit}
        )
    who = resolve_name(store, author)
    proj = projection or projection_for(store)
    a = proj.index(who.id)
    empty = np.empty(0, dtype=np.int64)
    person, via = _beyond(proj, [a], window) if a is not None else (empty, empty)
    pairs = np.unique(person * proj.n + via)  # sorted by person, then linking co-author
    p_of, v_of = np.divmod(pairs, proj.n)
    people, counts = np.unique(p_of, return_counts=True)
    shown = people[np.lexsort((people, -counts))[:limit]].tolist()
    via_ids = {
        p: proj.ids_of(v_of[np.searchsorted(p_of, p) : np.searchsorted(p_of, p, "right")])
        for p in shown
    }
    shown_ids = proj.ids_of(shown)
    refs = _refs(store, [*shown_ids, *(x for v in via_ids.values() for x in v)])
    return SecondDegreeAnswer(
        resolved=who,
        since=window.since,
        until=window.until,
        data=[
            SecondDegree(
                id=pid,
                name=refs[pid].name,
                common_coauthors=[refs[x] for x in via_ids[p]],
            )
            for p, pid in zip(shown, shown_ids, strict=True)
        ],
        count=int(people.size),
    )


def _resolve(store: GraphReader, authors: Sequence[str]) -> list[ResolvedName]:
    if len(authors) == 1:
        return [resolve_name(store, authors[0])]
    if not authors or len(authors) > MAX_AUTHORS:
        raise InvalidQueryError(
            f"give between 1 and {MAX_AUTHORS} authors (got {len(authors)})",
            details={"count": len(authors)},
        )
    return resolve_names(store, authors)


def recommend(
    store: GraphReader,
    authors: Sequence[str],
    *,
    top: int = 10,
    window: Window = WHOLE,
    projection: Projection | None = None,
) -> RecommendAnswer:
    """People none of the authors has written with, ranked by
    ``adamic_adar x (1 + topic_similarity)``.

    Candidates are co-authors of their co-authors. ``adamic_adar`` sums, over each
    common co-author z and each queried author z wrote with, 1/ln(z's number of
    co-authors): a common co-author with few co-authors says more than a hub.
    ``topic_similarity`` is the cosine between the candidate's topic paper counts and
    the queried authors' summed ones. As the factor is at most 2, candidates are read
    in Adamic-Adar order only until none left can enter the top: the answer is exact,
    and the store is asked for the topics of a few batches of candidates, not of all."""
    if not 1 <= top <= MAX_RESULTS:
        raise InvalidQueryError(f"top must be between 1 and {MAX_RESULTS}", details={"top": top})
    resolved = _resolve(store, authors)
    proj = projection or projection_for(store)
    sources = [i for r in resolved if (i := proj.index(r.id)) is not None]
    person, via = (
        _beyond(proj, sources, window)
        if sources
        else (np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64))
    )
    degree = proj.degree(window)
    people, inverse = np.unique(person, return_inverse=True)
    aa = np.bincount(inverse, weights=1.0 / np.log(degree[via]), minlength=people.size)
    order = np.lexsort((people, -np.round(aa, 9)))

    # the queried authors' topics come with the first batch of candidates': one read
    first = order[: max(FIRST_BATCH, 2 * top)]
    queried = [r.id for r in resolved]
    counts = topic_counts(store, [*queried, *proj.ids_of(people[first])], window)
    group: dict[str, int] = {}
    for a in queried:
        for t, n in counts.get(a, {}).items():
            group[t] = group.get(t, 0) + n
    scored: list[tuple[float, int, float, float, dict[str, int]]] = []
    start, size = 0, len(first)
    while start < len(order):
        if len(scored) >= top and 2 * aa[order[start]] < scored[top - 1][0]:
            break
        chunk = order[start : start + size]
        chunk_ids = proj.ids_of(people[chunk])
        their = counts if start == 0 else topic_counts(store, chunk_ids, window)
        for k, a in zip(chunk.tolist(), chunk_ids, strict=True):
            sim = cosine(group, their.get(a, {}))
            score = round(float(aa[k]) * (1 + sim), 9)
            scored.append((score, int(people[k]), round(float(aa[k]), 9), sim, their.get(a, {})))
        scored.sort(key=lambda s: (-s[0], s[1]))
        del scored[top:]
        start, size = start + size, 2 * size

    best = [s[1] for s in scored]
    ids: dict[int, str] = dict(zip(best, proj.ids_of(best), strict=True))
    link_ids = {p: proj.ids_of(np.unique(via[person == p])) for p in best}
    refs = _refs(store, [*ids.values(), *(x for v in link_ids.values() for x in v)])
    shared = {
        p: sorted(set(group) & set(theirs), key=lambda t: (-theirs[t] - group[t], t))
        for p, (*_, theirs) in zip(best, scored, strict=True)
    }
    topics = {
        t.id: t.name for t in store.get_topics(sorted({t for ts in shared.values() for t in ts}))
    }
    return RecommendAnswer(
        resolved=resolved,
        since=window.since,
        until=window.until,
        candidates=[
            Candidate(
                id=ids[p],
                name=refs[ids[p]].name,
                score=round(score, 6),
                adamic_adar=round(adamic_adar, 6),
                topic_similarity=sim,
                common_coauthors=[refs[x] for x in link_ids[p]],
                shared_topics=[TopicRef(id=t, name=topics[t]) for t in shared[p] if t in topics],
            )
            for score, p, adamic_adar, sim, _ in scored
        ],
    )
