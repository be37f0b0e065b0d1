"""The analytics questions: k shortest paths, distances, second-degree collaborators,
recommendations, communities, centrality and timelines. All but the timeline run on
the co-authorship projection (graph/projection), which every worker maps from the
same files; each answer is the object the CLI prints with ``--json``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import StringConstraints

from api.deps import ReadProjection, ReadStore, Years
from api.routes.examples import responses
from graph import queries
from graph.answers import (
    CentralAnswer,
    CommunitiesAnswer,
    DistancesAnswer,
    PathsAnswer,
    RecommendAnswer,
    SecondDegreeAnswer,
    TimelineAnswer,
)
from graph.queries.structure import Measure

__all__ = ["router"]

router = APIRouter(tags=["analytics"])

Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]
_ERRORS = (404, 409, 422)


def _author(example: str) -> object:
    return Query(
        alias="author",
        description="Author name or id.",
        openapi_examples={example: {"value": example}},
    )


def _top(what: str) -> object:
    return Query(
        ge=1, le=1000, description=f"How many {what}.", openapi_examples={"few": {"value": 5}}
    )


@router.get(
    "/paths",
    response_model=PathsAnswer,
    summary="The k shortest chains of co-authorships between two authors",
    responses=responses("paths", *_ERRORS),
)
def paths(
    store: ReadStore,
    projection: ReadProjection,
    window: Years,
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
    k: Annotated[
        int,
        Query(
            ge=1,
            le=queries.MAX_PATHS,
            description="How many paths.",
            openapi_examples={"three": {"value": 3}},
        ),
    ] = 3,
    max_hops: Annotated[
        int,
        Query(
            ge=1,
            le=20,
            description="Give up beyond this many hops.",
            openapi_examples={"ten": {"value": 10}},
        ),
    ] = 10,
) -> PathsAnswer:
    """Shortest first; equally long chains by their author ids, hop by hop. The same
    object as `coauthor-kg query path FROM TO --k K --json`."""
    return queries.collaboration_paths(
        store, source, target, k, max_hops, window=window, projection=projection
    )


@router.get(
    "/distances",
    response_model=DistancesAnswer,
    summary="How far everyone is from one author, in co-authorship hops",
    responses=responses("distances", *_ERRORS),
)
def distances(
    store: ReadStore,
    projection: ReadProjection,
    window: Years,
    author: Annotated[Name, _author("Zhuo")],
) -> DistancesAnswer:
    """The same object as `coauthor-kg query distances NAME --json`."""
    return queries.distances(store, author, window=window, projection=projection)


@router.get(
    "/second-degree",
    response_model=SecondDegreeAnswer,
    summary="Co-authors of an author's co-authors, with the co-authors linking them",
    responses=responses("second_degree", *_ERRORS),
)
def second_degree(
    store: ReadStore,
    projection: ReadProjection,
    window: Years,
    author: Annotated[Name, _author("Mao")],
    limit: Annotated[int, _top("people")] = 50,
) -> SecondDegreeAnswer:
    """Most common co-authors first. The same object as
    `coauthor-kg query second-degree NAME --json`."""
    return queries.second_degree(store, author, limit=limit, window=window, projection=projection)


@router.get(
    "/recommend",
    response_model=RecommendAnswer,
    summary="Collaborators to meet: people none of the authors has written with",
    responses=responses("recommend", *_ERRORS),
)
def recommend(
    store: ReadStore,
    projection: ReadProjection,
    window: Years,
    authors: Annotated[
        list[Name],
        Query(
            alias="author",
            min_length=1,
            max_length=queries.MAX_AUTHORS,
            description="1 to 10 author names or ids; repeat the parameter for each.",
            openapi_examples={"demo": {"value": ["Mao", "Zhuo", "Zhang"]}},
        ),
    ],
    top: Annotated[int, _top("candidates")] = 10,
) -> RecommendAnswer:
    """Ranked by Adamic-Adar over common co-authors times (1 + topic similarity), each
    with its evidence. The same object as `coauthor-kg query recommend NAME... --json`."""
    return queries.recommend(store, authors, top=top, window=window, projection=projection)


@router.get(
    "/communities",
    response_model=CommunitiesAnswer,
    summary="Communities of the co-authorship graph (Leiden), largest first",
    responses=responses("communities", 422),
)
def communities(
    store: ReadStore,
    projection: ReadProjection,
    window: Years,
    top: Annotated[int, _top("communities")] = 20,
    members: Annotated[int, _top("members per community")] = 10,
) -> CommunitiesAnswer:
    """The same object as `coauthor-kg query communities --json`; the views and
    exports colour and number authors by these communities."""
    return queries.communities(
        store, top=top, members=members, window=window, projection=projection
    )


@router.get(
    "/central",
    response_model=CentralAnswer,
    summary="The most central authors: degree, PageRank or betweenness",
    responses=responses("central", 422),
)
def central(
    store: ReadStore,
    projection: ReadProjection,
    window: Years,
    measure: Annotated[
        Measure,
        Query(
            description="degree: co-authors; pagerank: weighted by joint papers; "
            "betweenness: shortest paths through the author (sampled on big graphs).",
            openapi_examples={"pagerank": {"value": "pagerank"}},
        ),
    ] = "degree",
    top: Annotated[int, _top("authors")] = 20,
) -> CentralAnswer:
    """The same object as `coauthor-kg query central --measure M --json`."""
    return queries.central(store, measure, top=top, window=window, projection=projection)


@router.get(
    "/timeline",
    response_model=TimelineAnswer,
    summary="Collaboration over time: papers and new co-authors per year",
    responses=responses("timeline", *_ERRORS),
)
def timeline(
    store: ReadStore,
    window: Years,
    authors: Annotated[
        list[Name],
        Query(
            alias="author",
            min_length=1,
            max_length=2,
            description="An author, or two (repeat the parameter).",
            openapi_examples={"pair": {"value": ["Mao", "Zhuo"]}},
        ),
    ],
) -> TimelineAnswer:
    """The same object as `coauthor-kg query timeline NAME [NAME] --json`."""
    return queries.timeline(store, authors, window=window)
