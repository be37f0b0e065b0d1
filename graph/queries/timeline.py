"""Collaboration over time: one author's, or a pair's, papers and new co-authors year
by year. Read from the store (papers and their years), not the projection."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from graph.answers import AuthorRef, ResolvedName, TimelineAnswer, TimelineYear
from graph.errors import InvalidQueryError
from graph.projection import WHOLE, Window
from graph.queries.names import resolve_name, resolve_names
from graph.store.base import GraphReader

__all__ = ["timeline"]


def timeline(
    store: GraphReader, authors: Sequence[str], *, window: Window = WHOLE
) -> TimelineAnswer:
    """Per year (inside the window): each author's papers; for a pair, the papers the
    two wrote together; and each author's new co-authors, those whose first joint paper
    (ever) is from that year, by name then id."""
    if len(authors) not in (1, 2):
        raise InvalidQueryError(
            f"give one author or a pair (got {len(authors)})", details={"count": len(authors)}
        )
    resolved: list[ResolvedName] = (
        [resolve_name(store, authors[0])] if len(authors) == 1 else resolve_names(store, authors)
    )
    own = {r.id: store.author_papers(r.id) for r in resolved}
    co = {r.id: store.coauthor_papers(r.id) for r in resolved}
    wanted = {p for ps in own.values() for p in ps} | {
        p for c in co.values() for ps in c.values() for p in ps
    }
    year = {p.id: p.year for p in store.get_papers(sorted(wanted))}
    firsts = {
        r.id: {
            b: min(ys)
            for b, ps in co[r.id].items()
            if (ys := [y for p in ps if (y := year.get(p)) is not None])
        }
        for r in resolved
    }
    names = {
        a.id: a.name for a in store.get_authors(sorted({b for f in firsts.values() for b in f}))
    }
    papers: dict[int, dict[str, int]] = defaultdict(dict)
    new: dict[int, dict[str, list[AuthorRef]]] = defaultdict(dict)
    for r in resolved:
        for p in own[r.id]:
            y = year.get(p)
            if y is not None and window.holds(y):
                papers[y][r.name] = papers[y].get(r.name, 0) + 1
        for b, y in firsts[r.id].items():
            if window.holds(y) and b in names:
                new[y].setdefault(r.name, []).append(AuthorRef(id=b, name=names[b]))
    joint: dict[int, int] = defaultdict(int)
    if len(resolved) == 2:
        for p in set(own[resolved[0].id]) & set(own[resolved[1].id]):
            y = year.get(p)
            if y is not None and window.holds(y):
                joint[y] += 1
    years = []
    for y in sorted(papers.keys() | new.keys()):
        years.append(
            TimelineYear(
                year=y,
                papers={r.name: papers[y].get(r.name, 0) for r in resolved},
                joint_papers=joint.get(y, 0) if len(resolved) == 2 else None,
                new_coauthors={
                    r.name: sorted(new[y].get(r.name, []), key=lambda x: (x.name, x.id))
                    for r in resolved
                },
            )
        )
    return TimelineAnswer(resolved=resolved, since=window.since, until=window.until, years=years)
