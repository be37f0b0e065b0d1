"""Citations: the most cited works, co-citation, bibliographic coupling and who cites whom.
The same objects as the CLI's `query cited`, `query cocitation`, `query coupling` and
`query citations` with --json."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import StringConstraints

from api.deps import ReadStore
from api.routes.examples import responses
from graph import queries
from graph.answers import CitationsAnswer, CitedAnswer, CocitationAnswer, CouplingAnswer
from graph.queries.citations import MAX_TOP

__all__ = ["router"]

router = APIRouter(tags=["citations"])

Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Level = Annotated[
    Literal["paper", "author"],
    Query(
        description="Pairs of papers, or of their authors (a cited-only work: its first author)."
    ),
]
Min = Annotated[int, Query(alias="min", ge=1, description="Keep pairs with at least this many.")]
Top = Annotated[int, Query(ge=1, le=MAX_TOP, description="How many pairs.")]
Author = Annotated[
    Name | None,
    Query(
        description="Only the pairs of this author (name or id), or of their papers.",
        openapi_examples={"one author": {"value": "Gallagher"}},
    ),
]
_ERRORS = (404, 409, 422)


@router.get(
    "/cited",
    response_model=CitedAnswer,
    summary="The most cited works, with local and global citation counts",
    responses=responses("cited", 422),
)
def cited(
    store: ReadStore,
    top: Annotated[int, Query(ge=1, le=MAX_TOP, description="How many works.")] = 20,
    by: Annotated[
        Literal["local", "global"],
        Query(description="local: citations from the corpus; global: the count sources give."),
    ] = "local",
) -> CitedAnswer:
    """The same object as `coauthor-kg query cited --json`."""
    return queries.most_cited(store, top, by)


@router.get(
    "/cocitation",
    response_model=CocitationAnswer,
    summary="Works (or authors) cited together, most co-cited first",
    responses=responses("cocitation", *_ERRORS),
)
def cocitation(
    store: ReadStore,
    level: Level = "paper",
    min_count: Min = 2,
    top: Top = 50,
    author: Author = None,
) -> CocitationAnswer:
    """Each pair with the papers citing both. The same object as `coauthor-kg query
    cocitation --json`."""
    return queries.cocitation(store, level, min_count, top, author)


@router.get(
    "/coupling",
    response_model=CouplingAnswer,
    summary="Papers (or authors) sharing references, most shared first",
    responses=responses("coupling", *_ERRORS),
)
def coupling(
    store: ReadStore,
    level: Level = "paper",
    min_count: Min = 2,
    top: Top = 50,
    author: Author = None,
) -> CouplingAnswer:
    """Each pair with the works both cite (bibliographic coupling). The same object as
    `coauthor-kg query coupling --json`."""
    return queries.coupling(store, level, min_count, top, author)


@router.get(
    "/citations",
    response_model=CitationsAnswer,
    summary="Who cites whom among 2-10 authors, and the works all of them cite",
    responses=responses("citations", *_ERRORS),
)
def citations(
    store: ReadStore,
    authors: Annotated[
        list[Name],
        Query(
            alias="author",
            min_length=queries.MIN_AUTHORS,
            max_length=queries.MAX_AUTHORS,
            description="2 to 10 author names or ids; repeat the parameter for each.",
            openapi_examples={"two": {"value": ["Gallagher", "Zahavi"]}},
        ),
    ],
) -> CitationsAnswer:
    """The same object as `coauthor-kg query citations NAME NAME... --json`."""
    return queries.citations_among(store, authors)
