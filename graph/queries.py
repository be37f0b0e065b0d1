"""The query catalogue: every question coauthor-kg answers, for both stores.

Each question is composed here from the store's primitive reads (graph/store/base.py),
so its meaning is defined once. Every answer says what each name resolved to, lists
the alternatives, and carries the papers that justify it. Orderings are total (ties
broken by id) so both stores give byte-identical JSON.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from itertools import combinations, pairwise

import networkx as nx
from pydantic import BaseModel

from graph.answers import (
    AuthorCandidate,
    AuthorInstitutions,
    AuthorItem,
    AuthorMetrics,
    AuthorProfile,
    AuthorTopic,
    Coauthor,
    CoauthorCount,
    CoauthorNetwork,
    CoauthorsAnswer,
    CollaborationAnswer,
    CollaborationPair,
    Collaborator,
    EgoNetwork,
    Hop,
    InstitutionRef,
    InstitutionsAnswer,
    InstitutionYear,
    Member,
    MembersAnswer,
    NamedNode,
    Network,
    NetworkAuthor,
    NetworkEdge,
    PairShared,
    PaperAuthor,
    PaperHit,
    PaperItem,
    PaperLink,
    PaperRef,
    PapersAnswer,
    PathAnswer,
    ResolvedName,
    SearchAnswer,
    SharedAnswer,
    StatsAnswer,
    TopicDetail,
    TopicPair,
    TopicsAnswer,
    TopicShare,
)
from graph.errors import AmbiguousNameError, InvalidQueryError, NotFoundError
from graph.model import name_key, title_key
from graph.store.base import GraphReader
from graph.store.records import (
    Affiliation,
    AuthorSummary,
    Coauthorship,
    InstitutionSummary,
    PaperSummary,
)

__all__ = [
    "COMMUNITY_SEED",
    "MAX_AUTHORS",
    "MAX_EGO_DEPTH",
    "MIN_AUTHORS",
    "author_profile",
    "coauthor_network",
    "coauthors",
    "collaboration",
    "collaboration_path",
    "institution_members",
    "institutions_of",
    "communities",
    "ego_network",
    "resolve_name",
    "resolve_names",
    "search_authors",
    "search_papers",
    "shared_collaborators",
    "stats",
    "topic_detail",
    "topic_overlap",
]

MIN_AUTHORS = 2
MAX_AUTHORS = 10
MAX_ALTERNATIVES = 10
DEFAULT_MAX_HOPS = 10
MAX_EGO_DEPTH = 4
COMMUNITY_SEED = 42


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


_MATCH_SCORE = {"id": 1.0, "exact": 1.0, "surname": 0.8, "initials": 0.7, "contains": 0.4}


def _score(a: AuthorSummary, match: str) -> float:
    bonus = 0.1 if a.has_profile else 0.0
    return min(1.0, _MATCH_SCORE[match] * 0.9 + bonus + min(a.paper_count, 100) / 10000)


_AUTHOR_ID = re.compile(r"[A-Za-z][0-9a-f]{16}")


def _could_be_id(query: str) -> bool:
    """Ids are a letter + 16 hex digits (graph/model.make_id): any other string skips
    the by-id lookup, one round trip per name on Neo4j."""
    return _AUTHOR_ID.fullmatch(query.strip()) is not None


def _candidates(
    store: GraphReader, query: str, exact_by_key: dict[str, list[AuthorSummary]] | None = None
) -> tuple[str, list[AuthorSummary]]:
    """The best match tier for a query string: id, exact name, surname, initials.
    ``exact_by_key``: exact-name matches already read for several queries at once."""
    if _could_be_id(query):
        by_id = store.get_authors([query.strip()])
        if by_id:
            return "id", by_id
    key = name_key(query)
    if not key:
        raise InvalidQueryError(f"empty author name {query!r}", details={"query": query})
    tokens = key.split()
    if exact_by_key is not None and key in exact_by_key:
        exact = exact_by_key[key]
    else:
        exact = [a for a in store.authors_by_name([key], []) if a.name_key == key]
    if exact:
        return "exact", exact
    if len(tokens) == 1:
        return "surname", store.authors_by_name([], [key])
    # "Z Zhang" / "Zili X. Zhang": same surname, and the given names agree by prefix
    same_surname = store.authors_by_name([], [tokens[-1]])
    given = tokens[:-1]

    def agrees(a: AuthorSummary) -> bool:
        theirs = a.name_key.split()[:-1]
        return len(theirs) >= len(given) and all(
            t.startswith(g) for g, t in zip(given, theirs, strict=False)
        )

    return "initials", [a for a in same_surname if agrees(a)]


def _exact_matches(store: GraphReader, queries: Sequence[str]) -> dict[str, list[AuthorSummary]]:
    """Exact-name candidates of every query that is not an id, in one read."""
    keys = sorted({k for q in queries if not _could_be_id(q) and (k := name_key(q))})
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

    Exact full name first, then surname, preferring profile owners, then paper count;
    a tie on both is :class:`AmbiguousNameError`, never a silent guess.
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
    if len(ranked) > 1 and _rank(ranked[1])[:2] == _rank(best)[:2]:
        tied = [a for a in ranked if _rank(a)[:2] == _rank(best)[:2]]
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


def _paper_refs(store: GraphReader, paper_authors: dict[str, list[str]]) -> dict[str, PaperRef]:
    """PaperRef per paper id, ``authors`` = the queried authors on it."""
    if not paper_authors:
        return {}
    summaries = {p.id: p for p in store.get_papers(sorted(paper_authors))}
    return {
        pid: _ref(summaries[pid], sorted(set(names)))
        for pid, names in paper_authors.items()
        if pid in summaries
    }


def _ref(p: PaperSummary, names: list[str]) -> PaperRef:
    return PaperRef(id=p.id, title=p.title, year=p.year, authors=names)


def _paper_order(p: PaperRef) -> tuple[int, str]:
    return (-(p.year or 0), p.id)


def coauthors(store: GraphReader, query: str, limit: int = 50, offset: int = 0) -> CoauthorsAnswer:
    """Everyone who shares at least one paper with the author, most joint papers first."""
    who = resolve_name(store, query)
    co = store.coauthor_papers(who.id)
    refs = _paper_refs(store, {p: [who.name] for ps in co.values() for p in ps})
    names = {a.id: a.name for a in store.get_authors(sorted(co))}
    rows = [
        Coauthor(id=b, name=names[b], papers=sorted((refs[p] for p in ps), key=_paper_order))
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
    paper that links the two (the most recent; ties by id)."""
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
    hops = []
    for (x, y), papers in zip(links, joint, strict=True):
        best = min((summaries[p] for p in papers), key=lambda p: (-(p.year or 0), p.id))
        link = PaperLink(id=best.id, title=best.title)
        hops.append(Hop.model_validate({"from": names[x], "to": names[y], "paper": link}))
    return PathAnswer(resolved=[ra, rb], length=len(hops), hops=hops)


def stats(store: GraphReader) -> StatsAnswer:
    c = store.counts()
    return StatsAnswer(nodes=c["nodes"], relationships=c["relationships"])


def search_papers(store: GraphReader, text: str, limit: int = 20, offset: int = 0) -> PapersAnswer:
    """Papers whose normalized title contains the text, with their full author lists
    (positions, inferred owners), truncation flag, venues and the files they came from."""
    key = title_key(text)
    if not key:
        raise InvalidQueryError("empty search text", details={"query": text})
    ids, total = store.search_papers(key, limit, offset)
    hits = []
    for pid in ids:
        d = store.paper_detail(pid)
        if d is None:
            continue
        hits.append(
            PaperHit(
                id=pid,
                title=d.title,
                year=d.year,
                authors=[
                    PaperAuthor(id=a.id, name=a.name, position=a.position, inferred=a.inferred)
                    for a in d.authors
                ],
                authors_truncated=d.authors_truncated,
                venues=sorted({v.name for v in d.venues}),
                sources=sorted({s.path for s in d.sources}),
            )
        )
    return PapersAnswer(query=text, data=hits, count=total)


def _coauthorship(store: GraphReader) -> tuple[list[AuthorSummary], list[Coauthorship]]:
    """The whole co-authorship graph, from the store's one whole-graph read."""
    authors: list[AuthorSummary] = []
    edges: list[Coauthorship] = []
    for block in store.iter_coauthorships():
        authors.append(block.author)
        edges.extend(block.links)
    return authors, edges


def _network_author(a: AuthorSummary, coauthors: int) -> NetworkAuthor:
    return NetworkAuthor(
        id=a.id,
        name=a.name,
        paper_count=a.paper_count,
        coauthors=coauthors,
        has_profile=a.has_profile,
    )


def coauthor_network(store: GraphReader, limit: int | None = 300) -> CoauthorNetwork:
    """The co-authorship graph among the ``limit`` authors with the most co-authors
    (ties: more papers, then name, then id), or among every author when ``limit`` is None.

    Degrees, weights and years come from the store's whole-graph read, and the joint
    papers of the edges shown from one ``joint_papers`` read.
    """
    if limit is not None and limit < 1:
        raise InvalidQueryError("limit must be at least 1", details={"limit": limit})
    everyone, links = _coauthorship(store)
    degree: Counter[str] = Counter()
    for e in links:
        degree[e.source] += 1
        degree[e.target] += 1
    ranked = sorted(everyone, key=lambda a: (-degree[a.id], -a.paper_count, a.name, a.id))
    shown = ranked if limit is None else ranked[:limit]
    ids = {a.id for a in shown}
    kept = sorted(
        (e for e in links if e.source in ids and e.target in ids),
        key=lambda e: (e.source, e.target),
    )
    joint = store.joint_papers([(e.source, e.target) for e in kept]) if kept else []
    return CoauthorNetwork(
        authors=[_network_author(a, degree[a.id]) for a in shown],
        edges=[
            NetworkEdge(
                source=e.source,
                target=e.target,
                papers=papers,
                first_year=e.first_year,
                last_year=e.last_year,
            )
            for e, papers in zip(kept, joint, strict=True)
        ],
        total_authors=len(everyone),
        limit=limit,
    )


def ego_network(
    store: GraphReader, author: str, *, depth: int = 1, max_nodes: int | None = None
) -> EgoNetwork:
    """One author and the co-authors within ``depth`` hops, with every co-authorship
    among them. Ring 1 is the author's co-authors, most joint papers first (ties: name,
    id); ring k+1 the co-authors of ring k not in an earlier ring, most joint papers
    with ring k first (ties: id). ``max_nodes`` keeps the strongest of each ring that
    fit, ring by ring. One ``coauthor_papers`` read per author shown."""
    if not 1 <= depth <= MAX_EGO_DEPTH:
        raise InvalidQueryError(
            f"depth must be between 1 and {MAX_EGO_DEPTH}", details={"depth": depth}
        )
    who = resolve_name(store, author)
    co = {who.id: store.coauthor_papers(who.id)}  # every author shown -> their co-authors
    names = {a.id: a.name for a in store.get_authors(sorted(co[who.id]))}
    rings, reachable = [[who.id]], [1]
    while len(rings) <= depth:
        if len(rings) == 1:
            candidates = sorted(co[who.id], key=lambda b: (-len(co[who.id][b]), names[b], b))
        else:
            reach: defaultdict[str, int] = defaultdict(int)
            for a in rings[-1]:
                for b, ps in co[a].items():
                    if b not in co:
                        reach[b] += len(ps)
            candidates = sorted(reach, key=lambda b: (-reach[b], b))
        room = len(candidates) if max_nodes is None else max(max_nodes - len(co), 0)
        rings.append(candidates[:room])
        reachable.append(len(candidates))
        for a in rings[-1]:
            co[a] = store.coauthor_papers(a)

    shown = [a for ring in rings for a in ring]
    people = {a.id: a for a in store.get_authors(shown)}
    pairs = {(min(a, b), max(a, b)): ps for a in shown for b, ps in co[a].items() if b in co}
    years = {
        p.id: p.year
        for p in store.get_papers(sorted({p for ps in pairs.values() for p in ps}))
        if p.year is not None
    }
    edges = []
    for (a, b), papers in sorted(pairs.items()):
        ys = [years[p] for p in papers if p in years]
        edges.append(
            NetworkEdge(
                source=a,
                target=b,
                papers=sorted(papers),
                first_year=min(ys, default=None),
                last_year=max(ys, default=None),
            )
        )
    return EgoNetwork(
        resolved=who,
        rings=rings,
        reachable=reachable,
        authors=[_network_author(people[a], len(co[a])) for a in shown],
        edges=edges,
    )


def communities(net: Network) -> list[list[str]]:
    """Louvain communities of a network, edges weighted by joint papers: largest first
    (ties: smallest id), members sorted. Seeded, and the graph built in id order, so
    the same network always splits the same way: the overview and every export agree.
    """
    g = nx.Graph()
    g.add_nodes_from(sorted(a.id for a in net.authors))
    g.add_weighted_edges_from(sorted((e.source, e.target, len(e.papers)) for e in net.edges))
    found = nx.community.louvain_communities(g, weight="weight", seed=COMMUNITY_SEED)
    return [sorted(c) for c in sorted(found, key=lambda c: (-len(c), min(c)))]


def topic_detail(
    store: GraphReader, topic_id: str, *, limit: int = 100, offset: int = 0
) -> TopicDetail:
    """A topic with a page of its papers (newest first) and of its authors (most papers
    first); ``paper_count``/``author_count`` are their totals."""
    detail = store.topic_detail(topic_id)
    if detail is None:
        raise NotFoundError(f"no topic with id {topic_id!r}", details={"id": topic_id})
    papers = sorted(store.get_papers(detail.paper_ids), key=lambda p: (-(p.year or 0), p.id))
    authors = sorted(
        store.get_authors(detail.author_ids), key=lambda a: (-a.paper_count, a.name, a.id)
    )
    return TopicDetail(
        id=detail.id,
        name=detail.name,
        kind=detail.kind,
        code=detail.code,
        archive=detail.archive,
        paper_count=len(papers),
        author_count=len(authors),
        papers=[_paper_item(p) for p in papers[offset : offset + limit]],
        authors=[
            AuthorItem(id=a.id, name=a.name, paper_count=a.paper_count, has_profile=a.has_profile)
            for a in authors[offset : offset + limit]
        ],
    )


def _paper_item(p: PaperSummary) -> PaperItem:
    return PaperItem(id=p.id, title=p.title, year=p.year, venues=sorted(p.venues))


def author_profile(
    store: GraphReader, author_id: str, *, limit: int = 100, offset: int = 0, top: int = 10
) -> BaseModel:
    """Everything about one author by id: names and identifiers, metrics, a page of
    papers (newest first; ``metrics.paper_count`` is the total), every topic, and the
    ``top`` co-authors by joint papers."""
    author = store.author_detail(author_id)
    if author is None:
        raise NotFoundError(f"no author with id {author_id!r}", details={"id": author_id})
    papers = sorted(
        store.get_papers(store.author_papers(author_id)),
        key=lambda p: (-(p.year or 0), p.id),
    )
    co = store.coauthor_papers(author_id)
    names = {a.id: a.name for a in store.get_authors(sorted(co))}
    top_co = sorted(
        (CoauthorCount(id=b, name=names[b], papers=len(ps)) for b, ps in co.items() if b in names),
        key=lambda c: (-c.papers, c.name, c.id),
    )[:top]
    per_topic = store.author_topic_papers(author_id)
    info = {t.id: t for t in store.get_topics(sorted(per_topic))}
    topics = sorted(
        (
            AuthorTopic(
                id=t, name=info[t].name, kind=info[t].kind, code=info[t].code, papers=len(ps)
            )
            for t, ps in per_topic.items()
            if t in info
        ),
        key=lambda x: (-x.papers, x.id),
    )
    return AuthorProfile(
        id=author_id,
        name=author.name,
        aliases=list(author.aliases),
        has_profile=author.has_profile,
        **author.ids,
        affiliations=list(author.affiliations),
        metrics=AuthorMetrics(
            paper_count=len(papers),
            coauthor_count=len(co),
            h_index=author.h_index,
            citations=author.citations,
            profile_paper_count=author.profile_paper_count,
        ),
        papers=[_paper_item(p) for p in papers[offset : offset + limit]],
        topics=topics,
        top_coauthors=top_co,
    )


# -- institutions and countries -----------------------------------------------------------

MAX_EXAMPLES = 5


def collaboration(
    store: GraphReader, level: str = "institution", top: int = 50
) -> CollaborationAnswer:
    """Pairs of institutions (or countries) whose members wrote papers together: for each
    pair, how many papers list both, most first, with example paper ids. A paper counts
    once per pair however many of its authors are at either; a country pair needs two
    different countries on one paper (international collaboration)."""
    if level not in ("institution", "country"):
        raise InvalidQueryError(
            f"level must be 'institution' or 'country', not {level!r}", details={"level": level}
        )
    if top < 1:
        raise InvalidQueryError("top must be at least 1", details={"top": top})
    by_paper = store.paper_institutions()
    info = {
        i.id: i for i in store.get_institutions(sorted({i for v in by_paper.values() for i in v}))
    }
    names: dict[str, str] = {}
    papers_of: dict[tuple[str, str], list[str]] = defaultdict(list)
    for paper, insts in by_paper.items():
        if level == "institution":
            nodes = sorted(i for i in insts if i in info)
            names.update((i, info[i].name) for i in nodes)
        else:
            countries = {info[i].country_code: info[i].country for i in insts if i in info}
            countries.pop(None, None)
            nodes = sorted(c for c in countries if c is not None)
            names.update((c, countries[c] or c) for c in nodes)
        for a, b in combinations(nodes, 2):
            papers_of[(a, b)].append(paper)
    ranked = sorted(papers_of.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:top]
    return CollaborationAnswer(
        level="institution" if level == "institution" else "country",
        pairs=[
            CollaborationPair(
                a=NamedNode(id=a, name=names[a]),
                b=NamedNode(id=b, name=names[b]),
                papers=len(ps),
                examples=sorted(ps)[:MAX_EXAMPLES],
            )
            for (a, b), ps in ranked
        ],
    )


def _papers_years(store: GraphReader, affs: Sequence[Affiliation]) -> dict[str, int | None]:
    """The year of each affiliation's paper: the paper's own, else the edge's."""
    years = {p.id: p.year for p in store.get_papers(sorted({a.paper_id for a in affs}))}
    return {a.paper_id: years.get(a.paper_id, a.year) for a in affs}


def institutions_of(store: GraphReader, queries: Sequence[str]) -> InstitutionsAnswer:
    """For each of 1..10 authors, the institutions on their bylines, year by year (the
    papers behind each), newest year first; papers without a year come last."""
    if not 1 <= len(queries) <= MAX_AUTHORS:
        raise InvalidQueryError(
            f"give between 1 and {MAX_AUTHORS} authors (got {len(queries)})",
            details={"count": len(queries)},
        )
    exact = _exact_matches(store, queries)
    resolved = [resolve_name(store, q, exact) for q in queries]
    affs = store.affiliations_of([r.id for r in resolved])
    info = {i.id: i for i in store.get_institutions(sorted({a.institution_id for a in affs}))}
    years = _papers_years(store, affs)
    grouped: dict[str, dict[int | None, dict[str, list[str]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list))
    )
    for a in affs:
        grouped[a.author_id][years[a.paper_id]][a.institution_id].append(a.paper_id)
    out = []
    for r in resolved:
        by_year = grouped.get(r.id, {})
        ordered = sorted(by_year, key=lambda y: (y is None, -(y or 0)))
        out.append(
            AuthorInstitutions(
                id=r.id,
                name=r.name,
                by_year=[
                    InstitutionYear(
                        year=y,
                        institutions=[
                            _institution_ref(info[i], sorted(set(ps)))
                            for i, ps in sorted(by_year[y].items())
                            if i in info
                        ],
                    )
                    for y in ordered
                ],
            )
        )
    return InstitutionsAnswer(resolved=resolved, authors=out)


def _institution_ref(i: InstitutionSummary, papers: list[str] | None = None) -> InstitutionRef:
    return InstitutionRef(id=i.id, name=i.name, country=i.country, papers=papers or [])


def resolve_institution(
    store: GraphReader, query: str
) -> tuple[InstitutionSummary, list[InstitutionSummary]]:
    """An institution for an id or a name: the id itself, else the one institution whose
    folded name equals the query, else the only one containing it; several equally good
    matches are :class:`AmbiguousNameError` with the candidates."""
    by_id = store.get_institutions([query]) if _could_be_id(query) else []
    if by_id:
        return by_id[0], []
    key = title_key(query)
    if not key:
        raise InvalidQueryError("give an institution name or id", details={"query": query})
    hits = store.search_institutions(key, 50)
    exact = [i for i in hits if title_key(i.name) == key]
    chosen = exact if exact else hits
    if not chosen:
        raise NotFoundError(f"no institution matches {query!r}", details={"query": query})
    if len(chosen) > 1:
        raise AmbiguousNameError(
            f"{query!r} matches {len(chosen)} institutions "
            f"({', '.join(i.name for i in chosen[:5])}); use a fuller name or an id",
            details={
                "query": query,
                "candidates": [_institution_ref(i).model_dump() for i in chosen[:MAX_ALTERNATIVES]],
            },
        )
    return chosen[0], [i for i in hits if i.id != chosen[0].id][:MAX_ALTERNATIVES]


def institution_members(store: GraphReader, query: str) -> MembersAnswer:
    """The authors in the graph with a byline at one institution, with their papers
    there and the years they span; most papers first."""
    inst, others = resolve_institution(store, query)
    affs = store.institution_affiliations(inst.id)
    years = _papers_years(store, affs)
    papers: dict[str, set[str]] = defaultdict(set)
    for a in affs:
        papers[a.author_id].add(a.paper_id)
    people = {a.id: a for a in store.get_authors(sorted(papers))}
    members = []
    for aid, ps in papers.items():
        ys = [y for p in ps if (y := years[p]) is not None]
        members.append(
            Member(
                id=aid,
                name=people[aid].name if aid in people else aid,
                papers=sorted(ps),
                first_year=min(ys) if ys else None,
                last_year=max(ys) if ys else None,
            )
        )
    members.sort(key=lambda m: (-len(m.papers), m.name, m.id))
    return MembersAnswer(
        institution=_institution_ref(inst),
        alternatives=[_institution_ref(i) for i in others],
        members=members,
    )
