"""Citations: the most cited works, co-citation, bibliographic coupling, and who cites
whom among a few authors. Every answer carries the papers behind it.

Definitions (the same on both stores, composed from graph/store/base.py's citation
reads):

- Local citations of a work: the corpus papers citing it (CITES); global citations: the
  largest count a source gives (WoS ``TC``, Scopus ``Cited by``, S2, OpenAlex,
  Crossref), where one does.
- Co-citation of two works: the papers citing both. Bibliographic coupling of two
  (corpus) papers: the works both cite.
- At the author level a work stands for its authors: its Author nodes when the corpus
  holds it, else its first author as a reference wrote it, folded to family name and
  first initial (loaders.references.cited_author_key): node id ``name:zhang z``, label
  ``zhang z``. No Author node is made for them and no guess joins ``name:zhang z`` to
  an Author called Zhiliang Zhang. Two authors are co-cited by a paper citing a work of
  each, coupled by a work that a paper of each cites; so the co-authors of one cited
  work are co-cited by every paper citing it, as its reference entry names both.
- With an author, co-citation and coupling keep the pairs of theirs: at the paper
  level the pairs of one of their papers with any other work (``a`` is theirs), at
  the author level the pairs of the author with another author (``a`` is them).
  Without one, every pair of the graph, from one read of the whole citation graph.

Pairs come most co-cited (or most shared) first, ties by ``a`` then ``b`` id; a pair
of the whole graph has ``a.id < b.id``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import combinations
from typing import Literal

from graph.answers import (
    AuthorCitations,
    CitationLink,
    CitationsAnswer,
    CitedAnswer,
    CitedItem,
    CocitationAnswer,
    CocitationPair,
    CommonReference,
    CouplingAnswer,
    CouplingPair,
    PairEnd,
    ResolvedName,
)
from graph.errors import InvalidQueryError
from graph.queries.names import resolve_name, resolve_names
from graph.store.base import GraphReader
from graph.store.records import CitedWork
from loaders.references import cited_author_key

__all__ = [
    "LEVELS",
    "MAX_TOP",
    "citations_among",
    "cocitation",
    "coupling",
    "most_cited",
]

LEVELS = ("paper", "author")
MAX_TOP = 10_000
_CHUNK = 5000  # papers per cited_works read when the whole graph's works are labelled

Level = Literal["paper", "author"]
# a pair (a id, b id) -> the paper ids behind it (citing papers, or shared works)
Pairs = dict[tuple[str, str], set[str]]


def _check(level: str, min_count: int, top: int) -> Level:
    if level not in LEVELS:
        raise InvalidQueryError(
            f"level must be 'paper' or 'author', not {level!r}", details={"level": level}
        )
    if min_count < 1:
        raise InvalidQueryError("min must be at least 1", details={"min": min_count})
    if not 1 <= top <= MAX_TOP:
        raise InvalidQueryError(f"top must be between 1 and {MAX_TOP}", details={"top": top})
    return "paper" if level == "paper" else "author"


def _works(store: GraphReader, ids: Iterable[str]) -> dict[str, CitedWork]:
    wanted = sorted(set(ids))
    out: dict[str, CitedWork] = {}
    for start in range(0, len(wanted), _CHUNK):
        out.update((w.id, w) for w in store.cited_works(wanted[start : start + _CHUNK]))
    return out


def _author_ends(work: CitedWork) -> list[PairEnd]:
    """The author-level nodes a work stands for (see the module docstring)."""
    if work.authors:
        return [PairEnd(id=a, label=name) for a, name in work.authors]
    key = cited_author_key(work.first_author) if work.first_author else None
    return [PairEnd(id=f"name:{key}", label=key)] if key else []


def _ranked(pairs: Pairs, min_count: int, top: int) -> list[tuple[tuple[str, str], list[str]]]:
    kept = ((ab, sorted(ps)) for ab, ps in pairs.items() if len(ps) >= min_count)
    return sorted(kept, key=lambda kv: (-len(kv[1]), kv[0]))[:top]


def _paper_ends(
    store: GraphReader, ranked: Sequence[tuple[tuple[str, str], list[str]]]
) -> dict[str, PairEnd]:
    works = _works(store, (x for (a, b), _ in ranked for x in (a, b)))
    return {w.id: PairEnd(id=w.id, label=w.title) for w in works.values()}


# -- most cited ------------------------------------------------------------------------


def most_cited(store: GraphReader, top: int = 20, by: str = "local") -> CitedAnswer:
    """The ``top`` works cited most by the corpus (``local``), or with the largest count
    a source gives (``global``); each with both counts and its citing papers."""
    if by not in ("local", "global"):
        raise InvalidQueryError(f"by must be 'local' or 'global', not {by!r}", details={"by": by})
    _check("paper", 1, top)
    ids = store.most_cited(top, by)
    citing = store.citing_papers(ids)
    works = _works(store, ids)
    data = []
    for pid in ids:
        w = works.get(pid)
        if w is None:
            continue
        names = [name for _, name in w.authors] or ([w.first_author] if w.first_author else [])
        data.append(
            CitedItem(
                id=w.id,
                title=w.title,
                year=w.year,
                cited_only=w.cited_only,
                authors=names,
                local_citations=len(citing.get(pid, [])),
                global_citations=w.cited_by,
                citing=citing.get(pid, []),
            )
        )
    return CitedAnswer(by="local" if by == "local" else "global", data=data)


# -- co-citation -----------------------------------------------------------------------


def _pairs_of_sets(groups: Iterable[tuple[str, Sequence[str]]]) -> Pairs:
    """For every (what, members): each pair of members gets ``what``."""
    pairs: Pairs = defaultdict(set)
    for what, members in groups:
        for a, b in combinations(sorted(set(members)), 2):
            pairs[(a, b)].add(what)
    return pairs


def _author_groups(
    store: GraphReader, groups: Sequence[tuple[str, Sequence[str]]]
) -> tuple[list[tuple[str, list[str]]], dict[str, PairEnd]]:
    """Each (what, works) as (what, the author-level nodes of the works)."""
    works = _works(store, (w for _, ws in groups for w in ws))
    ends = {pid: _author_ends(w) for pid, w in works.items()}
    labels = {e.id: e for es in ends.values() for e in es}
    return [(what, [e.id for w in ws for e in ends.get(w, ())]) for what, ws in groups], labels


def _cocitation_pairs(level: Level, store: GraphReader) -> tuple[Pairs, dict[str, PairEnd] | None]:
    groups = list(store.iter_references())
    if level == "paper":
        return _pairs_of_sets(groups), None
    by_author, labels = _author_groups(store, groups)
    return _pairs_of_sets(by_author), labels


def _theirs(
    mine: Sequence[str], around: dict[str, list[str]], further: dict[str, list[str]]
) -> Pairs:
    """Pairs (p, x) of the author's papers ``mine``: p -> ``around`` -> y -> ``further``
    -> x, keyed by the y in between (a pair of two of theirs once, smaller id first)."""
    own = set(mine)
    pairs: Pairs = defaultdict(set)
    for p in mine:
        for y in around.get(p, ()):
            for x in further.get(y, ()):
                if x != p:
                    pairs[(min(p, x), max(p, x)) if x in own else (p, x)].add(y)
    return pairs


def _author_pairs(author: str, groups: Iterable[tuple[str, list[str]]]) -> Pairs:
    pairs: Pairs = defaultdict(set)
    for what, nodes in groups:
        if author in nodes:
            for other in set(nodes) - {author}:
                pairs[(author, other)].add(what)
    return pairs


def _answer_pairs(
    store: GraphReader,
    level: Level,
    pairs: Pairs,
    labels: dict[str, PairEnd] | None,
    min_count: int,
    top: int,
    resolved: ResolvedName | None,
) -> Iterator[tuple[PairEnd, PairEnd, list[str]]]:
    ranked = _ranked(pairs, min_count, top)
    if level == "paper":
        labels = _paper_ends(store, ranked)
    else:
        labels = dict(labels or {})
        if resolved is not None:
            labels[resolved.id] = PairEnd(id=resolved.id, label=resolved.name)
    for (a, b), ps in ranked:
        yield labels[a], labels[b], ps


def cocitation(
    store: GraphReader,
    level: str = "paper",
    min_count: int = 2,
    top: int = 50,
    author: str | None = None,
) -> CocitationAnswer:
    """Works (or authors) cited together by at least ``min_count`` papers, most
    co-cited first, with the citing papers; with ``author``, only the pairs of theirs."""
    lvl = _check(level, min_count, top)
    resolved = resolve_name(store, author) if author is not None else None
    labels: dict[str, PairEnd] | None = None
    if resolved is None:
        pairs, labels = _cocitation_pairs(lvl, store)
    else:
        mine = store.author_papers(resolved.id)
        citing = store.citing_papers(mine)
        refs = store.references_of(sorted({c for cs in citing.values() for c in cs}))
        if lvl == "paper":
            pairs = _theirs(mine, citing, refs)
        else:
            groups, labels = _author_groups(store, sorted(refs.items()))
            pairs = _author_pairs(resolved.id, groups)
    return CocitationAnswer(
        level=lvl,
        pairs=[
            CocitationPair(a=a, b=b, count=len(ps), citing=ps)
            for a, b, ps in _answer_pairs(store, lvl, pairs, labels, min_count, top, resolved)
        ],
        resolved=resolved,
    )


# -- bibliographic coupling --------------------------------------------------------------


def _inverted(refs: Iterable[tuple[str, Sequence[str]]]) -> list[tuple[str, list[str]]]:
    """citing -> cited, turned into cited -> citing (by cited id)."""
    citing: dict[str, list[str]] = defaultdict(list)
    for c, cited in refs:
        for q in cited:
            citing[q].append(c)
    return sorted(citing.items())


def coupling(
    store: GraphReader,
    level: str = "paper",
    min_count: int = 2,
    top: int = 50,
    author: str | None = None,
) -> CouplingAnswer:
    """Papers (or authors) sharing at least ``min_count`` cited works, most shared
    first, with the shared works; with ``author``, only the pairs of theirs."""
    lvl = _check(level, min_count, top)
    resolved = resolve_name(store, author) if author is not None else None
    labels: dict[str, PairEnd] | None = None
    if resolved is None:
        groups = _inverted(store.iter_references())
        if lvl == "paper":
            pairs = _pairs_of_sets(groups)
        else:
            by_author, labels = _author_groups(store, groups)
            pairs = _pairs_of_sets(by_author)
    else:
        mine = store.author_papers(resolved.id)
        refs = store.references_of(mine)
        citing = store.citing_papers(sorted({q for qs in refs.values() for q in qs}))
        if lvl == "paper":
            pairs = _theirs(mine, refs, citing)
        else:
            groups, labels = _author_groups(store, sorted(citing.items()))
            pairs = _author_pairs(resolved.id, groups)
    return CouplingAnswer(
        level=lvl,
        pairs=[
            CouplingPair(a=a, b=b, count=len(ps), shared=ps)
            for a, b, ps in _answer_pairs(store, lvl, pairs, labels, min_count, top, resolved)
        ],
        resolved=resolved,
    )


# -- who cites whom among a few authors ---------------------------------------------------


def citations_among(store: GraphReader, queries: Sequence[str]) -> CitationsAnswer:
    """For 2..10 authors: which of them cite which (the citing and cited papers of each
    ordered pair, an author citing themselves left out), and the works every one of them
    cites (with which of their papers cite it)."""
    resolved = resolve_names(store, queries)
    papers = {r.id: store.author_papers(r.id) for r in resolved}
    refs = store.references_of(sorted({p for ps in papers.values() for p in ps}))
    owners: dict[str, set[str]] = defaultdict(set)
    for aid, ps in papers.items():
        for p in ps:
            owners[p].add(aid)
    ends = {r.id: PairEnd(id=r.id, label=r.name) for r in resolved}

    links: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    cites: dict[str, dict[str, set[str]]] = {r.id: defaultdict(set) for r in resolved}
    for r in resolved:
        for p in papers[r.id]:
            for q in refs.get(p, ()):
                cites[r.id][q].add(p)
                for other in owners.get(q, set()) - {r.id}:
                    links[(r.id, other)].add((p, q))
    common_ids = set.intersection(*(set(c) for c in cites.values()))
    works = _works(store, common_ids)
    common = [
        CommonReference(
            id=q,
            title=works[q].title,
            year=works[q].year,
            cited_only=works[q].cited_only,
            by={r.name: sorted(cites[r.id][q]) for r in resolved},
        )
        for q in common_ids
        if q in works
    ]
    common.sort(key=lambda c: (-sum(len(ps) for ps in c.by.values()), c.id))
    ranked = sorted(links.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return CitationsAnswer(
        resolved=resolved,
        links=[
            AuthorCitations(
                citing=ends[a],
                cited=ends[b],
                count=len(ls),
                links=[CitationLink(citing=p, cited=q) for p, q in sorted(ls)],
            )
            for (a, b), ls in ranked
        ],
        common=common,
    )
