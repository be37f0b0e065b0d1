"""The API's routers, one module per area. ``ROUTERS`` is what api/app.py includes, in
this order; the HTML views (viz) add their router to this list."""

from __future__ import annotations

from fastapi import APIRouter

from api.routes import authors, catalogue, cypher, documents, health, queries

__all__ = ["ROUTERS"]

ROUTERS: list[APIRouter] = [
    health.router,
    authors.router,
    queries.router,
    catalogue.router,
    cypher.router,
    documents.router,
    # views.router: the HTML views (/views/...) go here
]
