"""Institutions and countries: who collaborates across them, where authors were, and who
was at one institution. The same objects as the CLI's `query collaboration`,
`query institutions` and `query members` with --json."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from api.deps import ReadStore
from api.routes.examples import responses
from graph import queries
from graph.answers import CollaborationAnswer, InstitutionsAnswer, MembersAnswer

__all__ = ["router"]

router = APIRouter(tags=["institutions"])


@router.get(
    "/collaboration",
    response_model=CollaborationAnswer,
    summary="Institution or country pairs that wrote papers together, most first",
    responses=responses("collaboration", 422),
)
def collaboration(
    store: ReadStore,
    level: Annotated[
        Literal["institution", "country"],
        Query(description="Pairs of institutions, or of countries (international papers)."),
    ] = "institution",
    top: Annotated[int, Query(ge=1, le=10000, description="How many pairs.")] = 50,
) -> CollaborationAnswer:
    """The same object as `coauthor-kg query collaboration --level LEVEL --json`."""
    return queries.collaboration(store, level, top)


@router.get(
    "/authors/{author_id}/institutions",
    response_model=InstitutionsAnswer,
    summary="The institutions on an author's bylines, year by year",
    responses=responses("institutions", 404, 409, 422),
)
def author_institutions(
    store: ReadStore,
    author_id: Annotated[
        str,
        Path(
            min_length=1,
            max_length=200,
            description="An author id (or a name, resolved as everywhere else).",
            openapi_examples={"id": {"value": "Abd9754a4a0518763"}},
        ),
    ],
) -> InstitutionsAnswer:
    """The same object as `coauthor-kg query institutions AUTHOR --json`."""
    return queries.institutions_of(store, [author_id])


@router.get(
    "/institutions/{institution_id}/members",
    response_model=MembersAnswer,
    summary="The authors of the graph at one institution, with their papers there",
    responses=responses("members", 404, 409, 422),
)
def institution_members(
    store: ReadStore,
    institution_id: Annotated[
        str,
        Path(
            min_length=1,
            max_length=300,
            description="An institution id (or a name: one that matches one institution).",
            openapi_examples={"name": {"value": "Univ Florida"}},
        ),
    ],
) -> MembersAnswer:
    """The same object as `coauthor-kg query members INSTITUTION --json`."""
    return queries.institution_members(store, institution_id)
