"""The multi-author questions, answered with exactly the objects the CLI prints."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import StringConstraints

from api.deps import ReadProjection, ReadStore, Years
from api.routes.examples import responses
from graph import queries
from graph.answers import PathAnswer, SharedAnswer, TopicsAnswer

__all__ = ["router"]

router = APIRouter(tags=["queries"])

Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Authors = Annotated[
    list[Name],
    Query(
        alias="author",
        min_length=queries.MIN_AUTHORS,
        max_length=queries.MAX_AUTHORS,
        description="2 to 10 author names or ids; repeat the parameter for each.",
        openapi_examples={"demo": {"value": ["Mao", "Zhuo", "Zhang"]}},
    ),
]
_AMBIGUOUS = (404, 409, 422)


@router.get(
    "/shared-collaborators",
    response_model=SharedAnswer,
    summary="Collaborators the authors share, all together and pairwise",
    responses=responses("shared", *_AMBIGUOUS),
)
def shared_collaborators(store: ReadStore, authors: Authors, window: Years) -> SharedAnswer:
    """The same object as `coauthor-kg query shared NAME... --json`."""
    return queries.shared_collaborators(store, authors, window=window)


@router.get(
    "/topic-overlap",
    response_model=TopicsAnswer,
    summary="Topics the authors share, with Jaccard and cosine per pair",
    responses=responses("topics", *_AMBIGUOUS),
)
def topic_overlap(store: ReadStore, authors: Authors, window: Years) -> TopicsAnswer:
    """The same object as `coauthor-kg query topics NAME... --json`."""
    return queries.topic_overlap(store, authors, window=window)


@router.get(
    "/path",
    response_model=PathAnswer,
    summary="A shortest chain of co-authorships between two authors",
    responses=responses("path", *_AMBIGUOUS),
)
def collaboration_path(
    store: ReadStore,
    source: Annotated[
        Name,
        Query(
            alias="from",
            description="Author name or id.",
            openapi_examples={"Mao": {"value": "Mao"}},
        ),
    ],
    target: Annotated[
        Name,
        Query(
            alias="to",
            description="Author name or id.",
            openapi_examples={"Zhuo": {"value": "Zhuo"}},
        ),
    ],
    projection: ReadProjection,
    window: Years,
    max_hops: Annotated[
        int,
        Query(
            ge=1,
            le=20,
            description="Give up beyond this many hops.",
            openapi_examples={"ten": {"value": 10}},
        ),
    ] = 10,
    strongest: Annotated[
        bool,
        Query(
            description="The strongest-ties chain (least summed 1/joint papers) instead of "
            "the shortest.",
            openapi_examples={"strongest": {"value": True}},
        ),
    ] = False,
) -> PathAnswer:
    """``length`` is null when no chain within ``max_hops`` exists. Among equally short
    chains, the one whose author ids are smallest hop by hop from ``from``. The same
    object as `coauthor-kg query path FROM TO --json`."""
    return queries.collaboration_path(
        store,
        source,
        target,
        max_hops,
        strongest=strongest,
        window=window,
        projection=projection,
    )
