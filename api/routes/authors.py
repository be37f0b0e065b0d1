"""Authors: search with resolution scores, one author's profile, their co-authors."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel

from api.deps import Limit, Offset, ReadStore, Years
from api.routes.examples import responses
from graph import queries
from graph.answers import AuthorProfile, CoauthorsAnswer, SearchAnswer
from graph.errors import NotFoundError

__all__ = ["router"]

router = APIRouter(tags=["authors"])

AuthorId = Annotated[
    str,
    Path(
        min_length=1,
        max_length=200,
        description="An author id, as listed by /authors?q=...",
        openapi_examples={"Ziming Mao": {"value": "Abd9754a4a0518763"}},
    ),
]


@router.get(
    "/authors",
    response_model=SearchAnswer,
    summary="Search authors by name, with resolution scores",
    responses=responses("search_authors", 422),
)
def search_authors(
    store: ReadStore,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=200,
            description="A name, a surname, initials (Z. Zhang) or part of a name.",
            openapi_examples={"surname": {"value": "Zhang"}, "full name": {"value": "Ziming Mao"}},
        ),
    ],
    limit: Limit = 20,
    offset: Offset = 0,
) -> SearchAnswer:
    """The candidates a name resolves to, best first: the same object as
    `coauthor-kg query authors TEXT --json`."""
    return queries.search_authors(store, q, limit=limit, offset=offset)


@router.get(
    "/authors/{author_id}",
    response_model=AuthorProfile,
    summary="One author: names, metrics, papers, topics, top co-authors",
    responses=responses("author_profile", 404, 422),
)
def author_profile(
    store: ReadStore,
    author_id: AuthorId,
    limit: Annotated[int, Query(ge=1, le=1000, description="Papers per page.")] = 100,
    offset: Offset = 0,
) -> BaseModel:
    """``limit``/``offset`` page the papers (newest first); ``metrics.paper_count`` is
    their total."""
    return queries.author_profile(store, author_id, limit=limit, offset=offset)


@router.get(
    "/authors/{author_id}/coauthors",
    response_model=CoauthorsAnswer,
    summary="Everyone who wrote a paper with the author",
    responses=responses("coauthors", 404, 422),
)
def coauthors(
    store: ReadStore, author_id: AuthorId, window: Years, limit: Limit = 50, offset: Offset = 0
) -> CoauthorsAnswer:
    """Most joint papers first, each with the papers: the same object as
    `coauthor-kg query coauthors ID --json`."""
    if not store.get_authors([author_id]):
        raise NotFoundError(f"no author with id {author_id!r}", details={"id": author_id})
    return queries.coauthors(store, author_id, limit=limit, offset=offset, window=window)
