"""Papers: the papers behind an answer, and paper search."""

from __future__ import annotations

from graph.answers import (
    PaperAuthor,
    PaperHit,
    PaperRef,
    PapersAnswer,
)
from graph.errors import InvalidQueryError
from graph.model import title_key
from graph.store.base import GraphReader
from graph.store.records import (
    PaperSummary,
)


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
