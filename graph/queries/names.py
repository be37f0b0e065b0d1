"""Name resolution: which author a query string means, never a silent guess.

A name may come in either order: "Given Family" as most sources print it, "Family,
Given" as bibliographies do, and "Family Given" as Chinese names often are ("You Yang"
for Yang You in a CV's advisor lines). The comma settles the order; without one, the
order as written is tried before the other. A given name alone ("Ziming") resolves when
one author has it and is ambiguous (409, with candidates) when several do: a first name
is too weak to prefer one of them by paper count."""

from __future__ import annotations

import re
from collections.abc import Sequence

from graph.answers import (
    AuthorCandidate,
    ResolvedName,
    SearchAnswer,
)
from graph.errors import AmbiguousNameError, InvalidQueryError, NotFoundError
from graph.model import name_key
from graph.store.base import GraphReader
from graph.store.records import (
    AuthorSummary,
)

MIN_AUTHORS = 2
MAX_AUTHORS = 10
MAX_ALTERNATIVES = 10


def _rank(a: AuthorSummary) -> tuple[int, int, str, str]:
    """Profile owners first, then more papers; name and id only make the order total."""
    return (0 if a.has_profile else 1, -a.paper_count, a.name, a.id)


def _candidate(a: AuthorSummary, match: str, score: float) -> AuthorCandidate:
    return AuthorCandidate(
        id=a.id,
        name=a.name,
        paper_count=a.paper_count,
        has_profile=a.has_profile,
        match=match,  # type: ignore[arg-type]
        score=round(score, 3),
    )


_MATCH_SCORE = {
    "id": 1.0,
    "exact": 1.0,
    "reordered": 0.95,
    "surname": 0.8,
    "initials": 0.7,
    "given": 0.5,
    "contains": 0.4,
}
# How many substring matches a given-name lookup reads; with this many it cannot know
# that the one given-name match it found is the only one.
_GIVEN_SCAN = 200


def _score(a: AuthorSummary, match: str) -> float:
    bonus = 0.1 if a.has_profile else 0.0
    return min(1.0, _MATCH_SCORE[match] * 0.9 + bonus + min(a.paper_count, 100) / 10000)


_AUTHOR_ID = re.compile(r"[A-Za-z][0-9a-f]{16}")


def _could_be_id(query: str) -> bool:
    """Ids are a letter + 16 hex digits (graph/model.make_id): any other string skips
    the by-id lookup, one round trip per name on Neo4j."""
    return _AUTHOR_ID.fullmatch(query.strip()) is not None


def _orders(query: str) -> tuple[str, str | None]:
    """The name key of a query in "given family" order, and the key of the other order
    to try when that finds nobody (None when the order is settled or there is one word).

    >>> _orders("Mao, Ziming")
    ('ziming mao', None)
    >>> _orders("You Yang")
    ('you yang', 'yang you')
    """
    if "," in query:
        family, _, given = query.partition(",")
        return name_key(f"{given} {family}"), None
    tokens = name_key(query).split()
    other = " ".join(tokens[1:] + tokens[:1]) if len(tokens) > 1 else None
    return " ".join(tokens), other


def _exact(
    store: GraphReader, key: str, exact_by_key: dict[str, list[AuthorSummary]] | None
) -> list[AuthorSummary]:
    if exact_by_key is not None and key in exact_by_key:
        return exact_by_key[key]
    return [a for a in store.authors_by_name([key], []) if a.name_key == key]


def _initials(store: GraphReader, key: str) -> list[AuthorSummary]:
    """ "Z Zhang" / "Zili X. Zhang": same surname, and the given names agree by prefix."""
    tokens = key.split()
    given = tokens[:-1]

    def agrees(a: AuthorSummary) -> bool:
        theirs = a.name_key.split()[:-1]
        return len(theirs) >= len(given) and all(
            t.startswith(g) for g, t in zip(given, theirs, strict=False)
        )

    return [a for a in store.authors_by_name([], [tokens[-1]]) if agrees(a)]


def _given(store: GraphReader, key: str) -> tuple[list[AuthorSummary], bool]:
    """Authors whose first name is ``key``, and whether that list may be incomplete."""
    found = store.search_authors(key, _GIVEN_SCAN)
    return [a for a in found if a.name_key.split()[:1] == [key]], len(found) >= _GIVEN_SCAN


def _candidates(
    store: GraphReader, query: str, exact_by_key: dict[str, list[AuthorSummary]] | None = None
) -> tuple[str, list[AuthorSummary]]:
    """The best match tier for a query string: id, exact name, the other order, then
    surname and given name (one word) or initials (in either order).
    ``exact_by_key``: exact-name matches already read for several queries at once."""
    if _could_be_id(query):
        by_id = store.get_authors([query.strip()])
        if by_id:
            return "id", by_id
    key, other = _orders(query)
    if not key:
        raise InvalidQueryError(f"empty author name {query!r}", details={"query": query})
    exact = _exact(store, key, exact_by_key)
    if exact:
        return "exact", exact
    reordered = _exact(store, other, exact_by_key) if other else []
    if reordered:
        return "reordered", reordered
    if " " not in key:
        surname = store.authors_by_name([], [key])
        if surname:
            return "surname", surname
        given, _ = _given(store, key)
        return ("given", given) if given else ("surname", [])
    initials = _initials(store, key)
    if not initials and other:
        initials = _initials(store, other)
    return "initials", initials


def _exact_matches(store: GraphReader, queries: Sequence[str]) -> dict[str, list[AuthorSummary]]:
    """Exact-name candidates of every query that is not an id (in both orders), in one
    read."""
    keys = sorted(
        {k for q in queries if not _could_be_id(q) for k in _orders(q) if k is not None and k}
    )
    found: dict[str, list[AuthorSummary]] = {k: [] for k in keys}
    for a in store.authors_by_name(keys, []) if keys else []:
        if a.name_key in found:
            found[a.name_key].append(a)
    return found


def resolve_name(
    store: GraphReader,
    query: str,
    exact_by_key: dict[str, list[AuthorSummary]] | None = None,
) -> ResolvedName:
    """One author for a query string, or an error that lists the candidates.

    Exact full name first (in either order), then surname, preferring profile owners,
    then paper count; a tie on both is :class:`AmbiguousNameError`, never a silent
    guess. So is a given name alone that several authors share.
    """
    match, cands = _candidates(store, query, exact_by_key)
    if not cands:
        near = store.search_authors(name_key(query), MAX_ALTERNATIVES)
        raise NotFoundError(
            f"no author matches {query!r}",
            details={
                "query": query,
                "candidates": [c.model_dump() for c in _as_candidates(near, "contains")],
            },
        )
    ranked = sorted(cands, key=_rank)
    best = ranked[0]
    given_only = match == "given" and (len(ranked) > 1 or _given(store, name_key(query))[1])
    if given_only or (len(ranked) > 1 and _rank(ranked[1])[:2] == _rank(best)[:2]):
        tied = ranked if given_only else [a for a in ranked if _rank(a)[:2] == _rank(best)[:2]]
        raise AmbiguousNameError(
            f"{query!r} matches {len(tied)} authors equally well "
            f"({', '.join(a.name for a in tied[:5])}); use a fuller name or an id",
            details={
                "query": query,
                "candidates": [c.model_dump() for c in _as_candidates(ranked, match)],
            },
        )
    return ResolvedName(
        query=query,
        id=best.id,
        name=best.name,
        match=match,
        alternatives=_as_candidates(ranked[1 : 1 + MAX_ALTERNATIVES], match),
    )


def _as_candidates(authors: Sequence[AuthorSummary], match: str) -> list[AuthorCandidate]:
    return [_candidate(a, match, _score(a, match)) for a in authors]


def resolve_names(store: GraphReader, queries: Sequence[str]) -> list[ResolvedName]:
    """Resolve 2..10 names to distinct authors."""
    if not MIN_AUTHORS <= len(queries) <= MAX_AUTHORS:
        raise InvalidQueryError(
            f"give between {MIN_AUTHORS} and {MAX_AUTHORS} authors (got {len(queries)})",
            details={"count": len(queries)},
        )
    exact = _exact_matches(store, queries)
    resolved = [resolve_name(store, q, exact) for q in queries]
    seen: dict[str, str] = {}
    for r in resolved:
        if r.id in seen:
            raise InvalidQueryError(
                f"{seen[r.id]!r} and {r.query!r} are the same author ({r.name})",
                details={"queries": [seen[r.id], r.query], "id": r.id},
            )
        seen[r.id] = r.query
    return resolved


def search_authors(
    store: GraphReader, query: str, limit: int = 20, offset: int = 0
) -> SearchAnswer:
    """Resolution candidates for a string, best first, with scores."""
    key = name_key(query)
    if not key:
        raise InvalidQueryError("empty search string", details={"query": query})
    found: dict[str, AuthorCandidate] = {}
    tiers: list[tuple[str, list[AuthorSummary]]] = []
    try:
        tiers.append(_candidates(store, query))
    except InvalidQueryError:
        raise
    tiers.append(("contains", store.search_authors(key, offset + limit + 50)))
    for match, authors in tiers:
        for a in authors:
            if a.id not in found:
                found[a.id] = _candidate(a, match, _score(a, match))
    ordered = sorted(found.values(), key=lambda c: (-c.score, -c.paper_count, c.name, c.id))
    return SearchAnswer(query=query, data=ordered[offset : offset + limit], count=len(ordered))
