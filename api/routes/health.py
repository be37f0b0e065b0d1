"""Is the store there, and how big is the graph."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Request

from api.deps import ReadStore, SettingsDep, StoreAccess
from api.routes.examples import responses
from api.schemas import Health
from graph import queries
from graph.answers import StatsAnswer
from loaders.errors import CoauthorKGError

__all__ = ["router"]

router = APIRouter(tags=["health"])


def _kind(name: str) -> Literal["embedded", "neo4j"]:
    return "neo4j" if name == "neo4j" else "embedded"


def _maybe_access(request: Request) -> StoreAccess | None:
    return getattr(request.app.state, "access", None)


@router.get(
    "/health",
    response_model=Health,
    summary="Store kind and whether it answers",
    responses={200: responses("health")[200]},
)
def health(
    access: Annotated[StoreAccess | None, Depends(_maybe_access)], settings: SettingsDep
) -> Health:
    """Always 200 while the API runs (it takes no lock, so a long load never delays it);
    ``reachable`` says whether the store answers right now. Neo4j is pinged."""
    if access is None:
        return Health(
            status="unavailable",
            store=_kind(settings.store_kind),
            reachable=False,
            message="store not open",
        )
    kind = _kind(access.store.kind)
    try:
        access.store.ping()
    except CoauthorKGError as exc:
        return Health(status="unavailable", store=kind, reachable=False, message=exc.message)
    return Health(status="ok", store=kind, reachable=True)


@router.get(
    "/stats",
    response_model=StatsAnswer,
    summary="Counts per node label and relationship type",
    responses=responses("stats"),
)
def stats(store: ReadStore) -> StatsAnswer:
    """The same object as `coauthor-kg stats --json`."""
    return queries.stats(store)
