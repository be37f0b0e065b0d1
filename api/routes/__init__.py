"""The API's routers, one module per area. ``ROUTERS`` is what api/app.py includes, in
this order; the HTML views come last, so `coauthor-kg serve` serves them with everything
else, over the same store, error handler and OpenAPI document."""

from __future__ import annotations

from fastapi import APIRouter

from api.routes import (
    analytics,
    authors,
    catalogue,
    citations,
    cypher,
    documents,
    health,
    identity,
    institutions,
    queries,
    views,
)

__all__ = ["ROUTERS"]

ROUTERS: list[APIRouter] = [
    health.router,
    authors.router,
    identity.router,
    queries.router,
    analytics.router,
    institutions.router,
    citations.router,
    catalogue.router,
    cypher.router,
    documents.router,
    views.router,
]
