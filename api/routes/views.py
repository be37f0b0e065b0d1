"""The views over HTTP: the same self-contained pages `coauthor-kg viz` writes, as
``text/html``.

Domain errors (an unknown or ambiguous name, a bad count of authors) are raised, not
caught: the app's one error handler (api/errors.py) renders them like every other route,
as JSON, and the OpenAPI document says so: a page for 200, the error body otherwise.

The routes' ``response_class`` is the bare ``Response``, whose media type is None,
although each returns an ``HTMLResponse``: FastAPI documents a route's error responses
in its response class's media type, so ``HTMLResponse`` there would document the JSON
error bodies as text/html.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response
from fastapi.responses import HTMLResponse
from pydantic import StringConstraints

from api.deps import ReadStore
from api.routes.examples import error_responses
from graph import queries
from viz.citations import citation_view
from viz.render import render_html
from viz.views import (
    DEFAULT_EGO_NODES,
    DEFAULT_INSTITUTION_MEMBERS,
    DEFAULT_INSTITUTION_PARTNERS,
    DEFAULT_OVERVIEW_AUTHORS,
    MAX_VIEW_NODES,
    countries_view,
    ego_view,
    institution_view,
    overview_view,
    shared_view,
    topics_view,
)

__all__ = ["router"]

router = APIRouter(prefix="/views", tags=["views"])

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
_PAGE: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {"text/html": {"schema": {"type": "string"}}},
        "description": "A self-contained HTML page (scripts, styles and data inline).",
    }
}
_ABOUT_AUTHORS = {**_PAGE, **error_responses(404, 409, 422)}


def _page(html: str) -> HTMLResponse:
    # the page carries its own Content-Security-Policy <meta>; framing (which a meta
    # policy cannot forbid) is left to this site
    return HTMLResponse(html, headers={"X-Frame-Options": "SAMEORIGIN"})


@router.get(
    "/ego/{author}",
    response_class=Response,
    responses=_ABOUT_AUTHORS,
    summary="One author and their co-authors, as an interactive graph",
)
def ego(
    store: ReadStore,
    author: Annotated[
        str,
        Path(
            min_length=1,
            max_length=200,
            description="An author name (full name or surname) or id.",
            openapi_examples={
                "surname": {"value": "Zhuo"},
                "id": {"value": "Ade370e0681be8e20"},
            },
        ),
    ],
    depth: Annotated[
        int,
        Query(
            ge=1,
            le=2,
            description="1: co-authors; 2: theirs too.",
            openapi_examples={"co-authors of co-authors": {"value": 2}},
        ),
    ] = 1,
    max_nodes: Annotated[
        int,
        Query(
            ge=2,
            le=MAX_VIEW_NODES,
            description="Most authors to show; the strongest collaborators are kept.",
            openapi_examples={"small": {"value": 20}},
        ),
    ] = DEFAULT_EGO_NODES,
) -> HTMLResponse:
    """The same page as `coauthor-kg viz ego AUTHOR -o FILE.html`."""
    return _page(render_html(ego_view(store, author, depth=depth, max_nodes=max_nodes)))


@router.get(
    "/shared",
    response_class=Response,
    responses=_ABOUT_AUTHORS,
    summary="The collaborators 2-10 authors share, as an interactive graph",
)
def shared(store: ReadStore, authors: Authors) -> HTMLResponse:
    """The same page as `coauthor-kg viz shared NAME NAME... -o FILE.html`."""
    return _page(render_html(shared_view(store, authors)))


@router.get(
    "/topics",
    response_class=Response,
    responses=_ABOUT_AUTHORS,
    summary="The topics of 2-10 authors, shared ones highlighted",
)
def topics(store: ReadStore, authors: Authors) -> HTMLResponse:
    """The same page as `coauthor-kg viz topics NAME NAME... -o FILE.html`."""
    return _page(render_html(topics_view(store, authors)))


@router.get(
    "/overview",
    response_class=Response,
    responses={**_PAGE, **error_responses(422)},
    summary="The co-authorship graph of the best-connected authors, by community",
)
def overview(
    store: ReadStore,
    limit: Annotated[
        int,
        Query(
            ge=1,
            le=MAX_VIEW_NODES,
            description="Authors to show, most co-authors first.",
            openapi_examples={"top 50": {"value": 50}},
        ),
    ] = DEFAULT_OVERVIEW_AUTHORS,
) -> HTMLResponse:
    """The same page as `coauthor-kg viz overview --limit N -o FILE.html`."""
    return _page(render_html(overview_view(store, limit)))


@router.get(
    "/countries",
    response_class=Response,
    responses={**_PAGE, **error_responses(422)},
    summary="Countries and the papers written across them, by community",
)
def countries(
    store: ReadStore,
    limit: Annotated[
        int | None,
        Query(
            ge=1,
            le=MAX_VIEW_NODES,
            description="Countries to show, most partner countries first (default: all).",
            openapi_examples={"top 20": {"value": 20}},
        ),
    ] = None,
) -> HTMLResponse:
    """The same page as `coauthor-kg viz countries -o FILE.html`."""
    return _page(render_html(countries_view(store, limit)))


@router.get(
    "/institutions/{institution}",
    response_class=Response,
    responses={**_PAGE, **error_responses(404, 409, 422)},
    summary="One institution's members and the institutions they wrote with",
)
def institution(
    store: ReadStore,
    institution: Annotated[
        str,
        Path(
            min_length=1,
            max_length=300,
            description="An institution id, or a name that matches one institution.",
            openapi_examples={"name": {"value": "Univ Florida"}},
        ),
    ],
    members: Annotated[
        int,
        Query(
            ge=1,
            le=MAX_VIEW_NODES,
            description="Most members to show, most papers there first.",
            openapi_examples={"few": {"value": 5}},
        ),
    ] = DEFAULT_INSTITUTION_MEMBERS,
    partners: Annotated[
        int,
        Query(
            ge=1,
            le=MAX_VIEW_NODES,
            description="Most partner institutions to show, most joint papers first.",
            openapi_examples={"few": {"value": 3}},
        ),
    ] = DEFAULT_INSTITUTION_PARTNERS,
) -> HTMLResponse:
    """The same page as `coauthor-kg viz institution NAME -o FILE.html`."""
    return _page(
        render_html(institution_view(store, institution, members=members, partners=partners))
    )


@router.get(
    "/citations",
    response_class=Response,
    responses=_ABOUT_AUTHORS,
    summary="Who cites whom among 2-10 authors, with arrows, and the works all of them cite",
)
def citations(store: ReadStore, authors: Authors) -> HTMLResponse:
    """The same page as `coauthor-kg viz citations NAME NAME... -o FILE.html`."""
    return _page(render_html(citation_view(store, authors)))
