"""Papers, topics and venues: search, list and look up by id."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel

from api.deps import Limit, Offset, ReadStore
from api.routes.examples import responses
from api.schemas import PaperDetail, TopicItem, TopicsPage, VenueItem, VenuesPage, paper_detail
from graph import queries
from graph.answers import PapersAnswer, TopicDetail
from graph.errors import NotFoundError

__all__ = ["router"]

router = APIRouter(tags=["papers, topics, venues"])


@router.get(
    "/papers",
    response_model=PapersAnswer,
    summary="Search papers by title",
    responses=responses("papers", 422),
)
def search_papers(
    store: ReadStore,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=500,
            description="Words of the title (case, accents and punctuation ignored).",
            openapi_examples={"serving": {"value": "serving"}},
        ),
    ],
    limit: Limit = 20,
    offset: Offset = 0,
) -> PapersAnswer:
    """Each hit with its full author list (positions), truncation flag, venues and
    source files: the same object as `coauthor-kg query papers TEXT --json`."""
    return queries.search_papers(store, q, limit=limit, offset=offset)


@router.get(
    "/papers/{paper_id}",
    response_model=PaperDetail,
    summary="One paper: authors with positions, venues, topics, sources",
    responses=responses("paper", 404, 422),
)
def paper(
    store: ReadStore,
    paper_id: Annotated[
        str,
        Path(
            min_length=1,
            max_length=200,
            openapi_examples={"EnergonAI": {"value": "P00be5837a1c55b61"}},
        ),
    ],
) -> BaseModel:
    detail = store.paper_detail(paper_id)
    if detail is None:
        raise NotFoundError(f"no paper with id {paper_id!r}", details={"id": paper_id})
    return paper_detail(detail)


@router.get(
    "/topics",
    response_model=TopicsPage,
    summary="Every topic (arXiv categories and keywords), by id",
    responses=responses("topic_list", 422),
)
def topics(store: ReadStore, limit: Limit = 100, offset: Offset = 0) -> TopicsPage:
    page, total = store.list_topics(limit, offset)
    return TopicsPage(
        data=[
            TopicItem(id=t.id, name=t.name, kind=t.kind, code=t.code, paper_count=t.paper_count)
            for t in page
        ],
        count=total,
    )


@router.get(
    "/topics/{topic_id}",
    response_model=TopicDetail,
    summary="One topic with its papers and authors",
    responses=responses("topic", 404, 422),
)
def topic(
    store: ReadStore,
    topic_id: Annotated[
        str,
        Path(
            min_length=1,
            max_length=200,
            openapi_examples={"cs.AI": {"value": "arxiv:cs.AI"}},
        ),
    ],
    limit: Limit = 100,
    offset: Offset = 0,
) -> TopicDetail:
    """Papers newest first, authors with the most papers first; ``limit``/``offset``
    page both lists, ``paper_count``/``author_count`` are their totals."""
    return queries.topic_detail(store, topic_id, limit=limit, offset=offset)


@router.get(
    "/venues",
    response_model=VenuesPage,
    summary="Every venue (conference, journal, preprint server), by id",
    responses=responses("venues", 422),
)
def venues(store: ReadStore, limit: Limit = 100, offset: Offset = 0) -> VenuesPage:
    page, total = store.list_venues(limit, offset)
    return VenuesPage(
        data=[
            VenueItem(
                id=v.id, name=v.name, kind=v.kind, acronym=v.acronym, paper_count=v.paper_count
            )
            for v in page
        ],
        count=total,
    )
