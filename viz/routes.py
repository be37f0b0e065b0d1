"""The views over HTTP: the same self-contained pages the CLI writes, as ``text/html``.

Domain errors (an unknown or ambiguous name, a bad count of authors) are raised, not
caught: the app's one error handler (api/errors.py) renders them like every other route.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import HTMLResponse
from pydantic import StringConstraints

from api.deps import read_store
from graph import queries
from graph.store.base import GraphStore
from viz.render import render_html
from viz.views import (
    DEFAULT_EGO_NODES,
    DEFAULT_OVERVIEW_AUTHORS,
    MAX_VIEW_NODES,
    ego_view,
    overview_view,
    shared_view,
    topics_view,
)

__all__ = ["make_views_router", "router"]

Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Authors = Annotated[
    list[Name],
    Query(
        alias="author",
        min_length=queries.MIN_AUTHORS,
        max_length=queries.MAX_AUTHORS,
        description="2 to 10 author names or ids; repeat the parameter for each.",
    ),
]
_HTML: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/html": {}}, "description": "A self-contained HTML page."}
}


def _page(html: str) -> HTMLResponse:
    # the page carries its own Content-Security-Policy <meta>; framing (which a meta
    # policy cannot forbid) is left to this site
    return HTMLResponse(html, headers={"X-Frame-Options": "SAMEORIGIN"})


def make_views_router(get_store: Callable[..., Any]) -> APIRouter:
    """The /views routes, with the store injected by ``get_store`` (a FastAPI
    dependency: a function or generator that yields the store for one request)."""
    router = APIRouter(prefix="/views", tags=["views"])
    # (annotations are strings here: a local alias such as Annotated[..., Depends(get_store)]
    # would not resolve, so the dependency is a default value)

    @router.get(
        "/ego/{author}",
        response_class=HTMLResponse,
        responses=_HTML,
        summary="One author and their co-authors, as an interactive graph",
    )
    def ego(
        author: Annotated[str, Path(min_length=1, max_length=200, description="Name or id.")],
        depth: Annotated[int, Query(ge=1, le=2, description="1: co-authors; 2: theirs too.")] = 1,
        max_nodes: Annotated[
            int, Query(ge=2, le=MAX_VIEW_NODES, description="Most authors to show.")
        ] = DEFAULT_EGO_NODES,
        store: GraphStore = Depends(get_store),
    ) -> HTMLResponse:
        """The same page as `coauthor-kg viz ego AUTHOR -o FILE.html`."""
        return _page(render_html(ego_view(store, author, depth=depth, max_nodes=max_nodes)))

    @router.get(
        "/shared",
        response_class=HTMLResponse,
        responses=_HTML,
        summary="The collaborators 2-10 authors share, as an interactive graph",
    )
    def shared(authors: Authors, store: GraphStore = Depends(get_store)) -> HTMLResponse:
        """The same page as `coauthor-kg viz shared NAME NAME... -o FILE.html`."""
        return _page(render_html(shared_view(store, authors)))

    @router.get(
        "/topics",
        response_class=HTMLResponse,
        responses=_HTML,
        summary="The topics of 2-10 authors, shared ones highlighted",
    )
    def topics(authors: Authors, store: GraphStore = Depends(get_store)) -> HTMLResponse:
        """The same page as `coauthor-kg viz topics NAME NAME... -o FILE.html`."""
        return _page(render_html(topics_view(store, authors)))

    @router.get(
        "/overview",
        response_class=HTMLResponse,
        responses=_HTML,
        summary="The co-authorship graph of the best-connected authors, by community",
    )
    def overview(
        limit: Annotated[
            int,
            Query(ge=1, le=MAX_VIEW_NODES, description="Authors to show, most co-authors first."),
        ] = DEFAULT_OVERVIEW_AUTHORS,
        store: GraphStore = Depends(get_store),
    ) -> HTMLResponse:
        """The same page as `coauthor-kg viz overview --limit N -o FILE.html`."""
        return _page(render_html(overview_view(store, limit)))

    return router


router = make_views_router(read_store)
"""The router the app mounts: the store comes from api.deps.read_store."""
