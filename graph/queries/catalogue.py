"""Catalogue pages: graph counts, one topic, one author's profile."""

from __future__ import annotations

from pydantic import BaseModel

from graph.answers import (
    AuthorItem,
    AuthorMetrics,
    AuthorProfile,
    AuthorTopic,
    CoauthorCount,
    PaperItem,
    StatsAnswer,
    TopicDetail,
)
from graph.errors import NotFoundError
from graph.store.base import GraphReader
from graph.store.records import (
    PaperSummary,
)


def stats(store: GraphReader) -> StatsAnswer:
    c = store.counts()
    return StatsAnswer(
        nodes=c["nodes"],
        relationships=c["relationships"],
        cited_only_papers=c["cited_only"]["Paper"],
    )


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
