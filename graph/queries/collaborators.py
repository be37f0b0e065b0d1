"""Collaborators: co-authors, shared collaborators, topic overlap, collaboration paths."""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import combinations, pairwise

from graph.answers import (
    AuthorTopic,
    Coauthor,
    CoauthorsAnswer,
    Collaborator,
    Hop,
    PairShared,
    PaperLink,
    PathAnswer,
    SharedAnswer,
    TopicPair,
    TopicsAnswer,
    TopicShare,
)
from graph.errors import InvalidQueryError
from graph.queries.identity import weak_pairs
from graph.queries.names import resolve_name, resolve_names
from graph.queries.papers import _paper_order, _paper_refs
from graph.store.base import GraphReader
from graph.store.records import SharedCoauthor

DEFAULT_MAX_HOPS = 10


def coauthors(store: GraphReader, query: str, limit: int = 50, offset: int = 0) -> CoauthorsAnswer:
    """Everyone who shares at least one paper with the author, most joint papers first."""
    who = resolve_name(store, query)
    co = store.coauthor_papers(who.id)
    refs = _paper_refs(store, {p: [who.name] for ps in co.values() for p in ps})
    names = {a.id: a.name for a in store.get_authors(sorted(co))}
    weak = weak_pairs(
        store, [pair for b, ps in co.items() for p in ps for pair in ((who.id, p), (b, p))]
    )
    rows = [
        Coauthor(
            id=b,
            name=names[b],
            papers=sorted((refs[p] for p in ps), key=_paper_order),
            weak=all((who.id, p) in weak or (b, p) in weak for p in ps),
        )
        for b, ps in co.items()
        if b in names
    ]
    rows.sort(key=lambda c: (-len(c.papers), c.name, c.id))
    return CoauthorsAnswer(resolved=who, data=rows[offset : offset + limit], count=len(rows))


def shared_collaborators(store: GraphReader, queries: Sequence[str]) -> SharedAnswer:
    """Authors other than the queried ones who co-authored with every one of them,
    plus the same per pair; each with the papers that justify it.

    Three reads whatever the number of authors: names, the co-authors shared by at
    least two of them (with names and joint papers), then summaries of only those
    papers (none when nobody is shared)."""
    resolved = resolve_names(store, queries)
    ids = [r.id for r in resolved]
    names = {r.id: r.name for r in resolved}
    shared = store.shared_coauthor_papers(ids)

    paper_authors: dict[str, set[str]] = {}
    for co in shared.values():
        for aid, ps in co.joint.items():
            for p in ps:
                paper_authors.setdefault(p, set()).add(names[aid])
    refs = _paper_refs(store, {p: sorted(n) for p, n in paper_authors.items()})
    weak = weak_pairs(
        store,
        [
            pair
            for c, co in shared.items()
            for aid, ps in co.joint.items()
            for p in ps
            for pair in ((c, p), (aid, p))
        ],
    )

    def rests_on_weak(c: str, co: SharedCoauthor, group: Sequence[str]) -> bool:
        """Some queried author is linked to the collaborator only through papers on
        which one of the two was joined weakly."""
        return any(all((c, p) in weak or (a, p) in weak for p in co.joint[a]) for a in group)

    def shared_among(group: Sequence[str]) -> list[Collaborator]:
        out = []
        for c, co in shared.items():
            if not all(a in co.joint for a in group):
                continue
            papers = sorted({p for a in group for p in co.joint[a]})
            out.append(
                Collaborator(
                    id=c,
                    name=co.name,
                    papers=sorted((refs[p] for p in papers if p in refs), key=_paper_order),
                    weak=rests_on_weak(c, co, group),
                )
            )
        out.sort(key=lambda x: (-len(x.papers), x.name, x.id))
        return out

    pairwise = [
        PairShared(authors=[names[a], names[b]], shared=shared_among([a, b]))
        for a, b in combinations(ids, 2)
    ]
    return SharedAnswer(resolved=resolved, shared_by_all=shared_among(ids), pairwise=pairwise)


def _cosine(a: dict[str, int], b: dict[str, int]) -> float:
    dot = sum(a[t] * b[t] for t in a.keys() & b.keys())
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return round(dot / (na * nb), 6) if na and nb else 0.0


def _jaccard(a: set[str], b: set[str]) -> float:
    union = a | b
    return round(len(a & b) / len(union), 6) if union else 0.0


def topic_overlap(store: GraphReader, queries: Sequence[str]) -> TopicsAnswer:
    """The topics each author has papers in, the shared ones with paper counts per
    author, and per pair the Jaccard and count-weighted cosine similarity."""
    resolved = resolve_names(store, queries)
    names = [r.name for r in resolved]
    per_id = store.author_topic_counts([r.id for r in resolved])
    counts = {r.name: per_id.get(r.id, {}) for r in resolved}
    all_topics = sorted({t for c in counts.values() for t in c})
    info = {t.id: t for t in store.get_topics(all_topics)}

    def shares(topic_ids: set[str], group: Sequence[str]) -> list[TopicShare]:
        out = [
            TopicShare(
                id=t,
                name=info[t].name,
                kind=info[t].kind,
                code=info[t].code,
                papers={n: counts[n][t] for n in group},
            )
            for t in topic_ids
            if t in info
        ]
        out.sort(key=lambda s: (-sum(s.papers.values()), s.id))
        return out

    common = set.intersection(*(set(counts[n]) for n in names))
    pairwise = [
        TopicPair(
            authors=[a, b],
            shared=shares(set(counts[a]) & set(counts[b]), [a, b]),
            jaccard=_jaccard(set(counts[a]), set(counts[b])),
            cosine=_cosine(counts[a], counts[b]),
        )
        for a, b in combinations(names, 2)
    ]
    per_author = {
        n: sorted(
            (
                AuthorTopic(id=t, name=info[t].name, kind=info[t].kind, code=info[t].code, papers=c)
                for t, c in counts[n].items()
                if t in info
            ),
            key=lambda x: (-x.papers, x.id),
        )
        for n in names
    }
    return TopicsAnswer(
        resolved=resolved,
        shared_by_all=shares(common, names),
        pairwise=pairwise,
        topics=per_author,
    )


def _shortest_path(store: GraphReader, a: str, b: str, max_hops: int) -> list[str] | None:
    """Bidirectional breadth-first search over co-authorship, one store round trip per
    level. Parents and the meeting point are the smallest ids, so the path chosen among
    equally short ones is the same on every store."""
    if a == b:
        return [a]
    parents = ({a: ""}, {b: ""})
    depth = ({a: 0}, {b: 0})
    frontiers = ([a], [b])
    hops = 0
    while frontiers[0] and frontiers[1] and hops < max_hops:
        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        other = 1 - side
        seen = parents[side]
        new = {v: u for v, u in store.expand(frontiers[side]).items() if v not in seen}
        level = depth[side][frontiers[side][0]] + 1
        for v, u in new.items():
            parents[side][v] = u
            depth[side][v] = level
        hops += 1
        meets = [v for v in new if v in parents[other]]
        if meets:
            m = min(meets, key=lambda v: (depth[0][v] + depth[1][v], v))
            left: list[str] = []
            x = m
            while x:
                left.append(x)
                x = parents[0][x]
            right: list[str] = []
            x = parents[1][m]
            while x:
                right.append(x)
                x = parents[1][x]
            return list(reversed(left)) + right
        frontiers = (sorted(new), frontiers[1]) if side == 0 else (frontiers[0], sorted(new))
    return None


def collaboration_path(
    store: GraphReader, source: str, target: str, max_hops: int = DEFAULT_MAX_HOPS
) -> PathAnswer:
    """A shortest chain of co-authorships from one author to another, each hop with a
    paper that links the two (one on which neither was joined weakly when there is one,
    then the most recent; ties by id) and marked ``weak`` when it rests on a weak
    identity merge."""
    if not 1 <= max_hops <= 20:
        raise InvalidQueryError("max_hops must be between 1 and 20", details={"max_hops": max_hops})
    ra, rb = resolve_name(store, source), resolve_name(store, target)
    if ra.id == rb.id:
        raise InvalidQueryError(
            f"{source!r} and {target!r} are the same author ({ra.name})",
            details={"id": ra.id},
        )
    path = _shortest_path(store, ra.id, rb.id, max_hops)
    if path is None:
        return PathAnswer(resolved=[ra, rb], length=None, hops=[])
    names = {x.id: x.name for x in store.get_authors(path)}
    links = list(pairwise(path))
    joint = store.joint_papers(links)
    summaries = {p.id: p for p in store.get_papers(sorted({p for ps in joint for p in ps}))}
    weak = weak_pairs(
        store,
        [
            pair
            for (x, y), ps in zip(links, joint, strict=True)
            for p in ps
            for pair in ((x, p), (y, p))
        ],
    )
    hops = []
    for (x, y), papers in zip(links, joint, strict=True):
        # a paper whose two authorships are both firm first, then the most recent
        best = min(
            (summaries[p] for p in papers),
            key=lambda p: ((x, p.id) in weak or (y, p.id) in weak, -(p.year or 0), p.id),
        )
        link = PaperLink(id=best.id, title=best.title)
        hop_weak = (x, best.id) in weak or (y, best.id) in weak
        hops.append(
            Hop.model_validate({"from": names[x], "to": names[y], "paper": link, "weak": hop_weak})
        )
    return PathAnswer(resolved=[ra, rb], length=len(hops), hops=hops)
