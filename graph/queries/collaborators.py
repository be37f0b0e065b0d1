"""Collaborators: co-authors, shared collaborators, topic overlap; each in a window of
years when given one (papers outside it do not count)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import combinations

from graph.answers import (
    AuthorTopic,
    Coauthor,
    CoauthorsAnswer,
    Collaborator,
    PairShared,
    SharedAnswer,
    TopicPair,
    TopicsAnswer,
    TopicShare,
)
from graph.projection import WHOLE, Window
from graph.queries.identity import weak_pairs
from graph.queries.names import resolve_name, resolve_names
from graph.queries.papers import _paper_order, _paper_refs
from graph.store.base import GraphReader


def coauthors(
    store: GraphReader, query: str, limit: int = 50, offset: int = 0, *, window: Window = WHOLE
) -> CoauthorsAnswer:
    """Everyone who shares at least one paper with the author (inside the window), most
    joint papers first."""
    who = resolve_name(store, query)
    co = store.coauthor_papers(who.id)
    refs = _paper_refs(store, {p: [who.name] for ps in co.values() for p in ps})
    inside = {b: [p for p in ps if window.holds(refs[p].year)] for b, ps in co.items()}
    names = {a.id: a.name for a in store.get_authors(sorted(b for b, ps in inside.items() if ps))}
    weak = weak_pairs(
        store, [pair for b, ps in inside.items() for p in ps for pair in ((who.id, p), (b, p))]
    )
    rows = [
        Coauthor(
            id=b,
            name=names[b],
            papers=sorted((refs[p] for p in ps), key=_paper_order),
            weak=all((who.id, p) in weak or (b, p) in weak for p in ps),
        )
        for b, ps in inside.items()
        if b in names
    ]
    rows.sort(key=lambda c: (-len(c.papers), c.name, c.id))
    return CoauthorsAnswer(
        resolved=who,
        data=rows[offset : offset + limit],
        count=len(rows),
    )


def shared_collaborators(
    store: GraphReader, queries: Sequence[str], *, window: Window = WHOLE
) -> SharedAnswer:
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
    joints = {
        c: {
            a: kept
            for a, ps in co.joint.items()
            if (kept := [p for p in ps if p in refs and window.holds(refs[p].year)])
        }
        for c, co in shared.items()
    }
    weak = weak_pairs(
        store,
        [
            pair
            for c, joint in joints.items()
            for aid, ps in joint.items()
            for p in ps
            for pair in ((c, p), (aid, p))
        ],
    )

    def rests_on_weak(c: str, joint: dict[str, list[str]], group: Sequence[str]) -> bool:
        """Some queried author is linked to the collaborator only through papers (in
        the window) on which one of the two was joined weakly."""
        return any(all((c, p) in weak or (a, p) in weak for p in joint[a]) for a in group)

    def shared_among(group: Sequence[str]) -> list[Collaborator]:
        out = []
        for c, joint in joints.items():
            if not all(a in joint for a in group):
                continue
            papers = sorted({p for a in group for p in joint[a]})
            out.append(
                Collaborator(
                    id=c,
                    name=shared[c].name,
                    papers=sorted((refs[p] for p in papers if p in refs), key=_paper_order),
                    weak=rests_on_weak(c, joint, group),
                )
            )
        out.sort(key=lambda x: (-len(x.papers), x.name, x.id))
        return out

    pairwise = [
        PairShared(authors=[names[a], names[b]], shared=shared_among([a, b]))
        for a, b in combinations(ids, 2)
    ]
    return SharedAnswer(
        resolved=resolved,
        shared_by_all=shared_among(ids),
        pairwise=pairwise,
    )


def cosine(a: dict[str, int], b: dict[str, int]) -> float:
    """Cosine similarity of two count vectors (rounded to 6 places; 0 when one is empty)."""
    dot = sum(a[t] * b[t] for t in a.keys() & b.keys())
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return round(dot / (na * nb), 6) if na and nb else 0.0


def _jaccard(a: set[str], b: set[str]) -> float:
    union = a | b
    return round(len(a & b) / len(union), 6) if union else 0.0


def topic_counts(
    store: GraphReader, ids: Sequence[str], window: Window = WHOLE
) -> dict[str, dict[str, int]]:
    """Author id -> {topic id: the author's papers with that topic inside the window}.
    One read for the whole graph; two per author for a window (their papers by topic,
    then those papers' years)."""
    if window.whole:
        return store.author_topic_counts(ids)
    per_topic = {a: store.author_topic_papers(a) for a in ids}
    years = {
        p.id: p.year
        for p in store.get_papers(
            sorted({p for tp in per_topic.values() for ps in tp.values() for p in ps})
        )
    }
    out: dict[str, dict[str, int]] = {}
    for a, tp in per_topic.items():
        counts = {t: sum(1 for p in ps if window.holds(years.get(p))) for t, ps in tp.items()}
        out[a] = {t: n for t, n in counts.items() if n}
    return out


def topic_overlap(
    store: GraphReader, queries: Sequence[str], *, window: Window = WHOLE
) -> TopicsAnswer:
    """The topics each author has papers in, the shared ones with paper counts per
    author, and per pair the Jaccard and count-weighted cosine similarity."""
    resolved = resolve_names(store, queries)
    names = [r.name for r in resolved]
    per_id = topic_counts(store, [r.id for r in resolved], window)
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
            cosine=cosine(counts[a], counts[b]),
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
