"""The API's routers, one module per area. ``ROUTERS`` is what api/app.py includes, in
this order; the HTML views (viz/routes.py) come last, so `coauthor-kg serve` serves them
with everything else, over the same store, error handler and OpenAPI document."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import read_store
from api.routes import authors, catalogue, cypher, documents, health, queries
from viz.routes import make_views_router

__all__ = ["ROUTERS"]

ROUTERS: list[APIRouter] = [
    health.router,
    authors.router,
    queries.router,
    catalogue.router,
    cypher.router,
    documents.router,
    # built here rather than taking viz.routes.router: viz/routes.py uses
    # api.routes.examples, so when it is imported first this package is initialised
    # while that module has make_views_router but no router yet
    make_views_router(read_store),
]
