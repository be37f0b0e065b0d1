"""Identity: why an author's occurrences were attributed to them (graph/author_identity.py
keeps the evidence on each AUTHORED relationship), and which answers rest on weak
merges."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from graph.answers import (
    EvidenceAnswer,
    EvidenceClue,
    EvidenceOccurrence,
    EvidenceSource,
    IdentityAuthor,
    PaperRef,
)
from graph.errors import NotFoundError
from graph.occurrence import Occurrence
from graph.queries.names import resolve_name
from graph.store.base import GraphReader

__all__ = ["explain", "weak_pairs"]


def explain(store: GraphReader, query: str) -> EvidenceAnswer:
    """The author ``query`` names and every occurrence of theirs with its evidence,
    newest paper first (ties by paper id, then source)."""
    who = resolve_name(store, query)
    detail = store.author_detail(who.id)
    if detail is None:  # resolved a moment ago; removed by a correction since
        raise NotFoundError(f"no author with id {who.id!r}", details={"id": who.id})
    rows = store.authorships(who.id)
    papers = {p.id: p for p in store.get_papers([r.paper_id for r in rows])}
    parsed = [
        (r, [Occurrence.from_json(o) for o in r.occurrences] or [_unrecorded(r.sources)])
        for r in rows
    ]
    source_ids = sorted({o.source for _, occs in parsed for o in occs})
    sources = {s.id: s for s in store.get_sources(source_ids)}
    out: list[EvidenceOccurrence] = []
    for row, occs in parsed:
        paper = papers.get(row.paper_id)
        ref = PaperRef(
            id=row.paper_id,
            title=paper.title if paper else "",
            year=paper.year if paper else None,
        )
        for occ in occs:
            src = sources.get(occ.source)
            out.append(
                EvidenceOccurrence(
                    paper=ref,
                    source=EvidenceSource(
                        id=occ.source,
                        path=src.path if src else None,
                        format=src.format if src else None,
                    ),
                    spelling=occ.spelling,
                    position=row.position,
                    evidence=[EvidenceClue(kind=k, bits=b, detail=d) for k, b, d in occ.evidence],
                    strength=occ.strength,
                    weak=occ.weak,
                    namesakes=occ.namesakes,
                    candidates=occ.candidates,
                )
            )
    out.sort(key=lambda o: (-(o.paper.year or 0), o.paper.id, o.source.id))
    kinds = Counter(k for o in out for k in dict.fromkeys(c.kind for c in o.evidence))
    return EvidenceAnswer(
        resolved=who,
        author=IdentityAuthor(
            id=detail.id, name=detail.name, aliases=list(detail.aliases), ids=detail.ids
        ),
        occurrences=out,
        kinds=dict(sorted(kinds.items())),
        weak=sum(o.weak for o in out),
    )


def _unrecorded(sources: Iterable[str]) -> Occurrence:
    """An authorship written before evidence was kept (an older store)."""
    return Occurrence(
        next(iter(sources), ""), "", (("unrecorded", 0.0, "loaded before evidence was kept"),)
    )


def weak_pairs(store: GraphReader, pairs: Sequence[tuple[str, str]]) -> set[tuple[str, str]]:
    """The (author, paper) pairs among ``pairs`` whose authorship rests on a weak merge:
    one batched read, none when there are no pairs."""
    unique = list(dict.fromkeys(pairs))
    if not unique:
        return set()
    return {p for p, weak in zip(unique, store.weak_authorships(unique), strict=True) if weak}
