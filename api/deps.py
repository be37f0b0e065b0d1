"""What a route gets injected: the app's one store (behind the right lock) and settings.

The app holds a :class:`StoreAccess` in ``app.state.access``; routes never reach for the
store any other way, so a test can hand ``create_app`` any store it likes.

Locking: loads are one at a time on every store, because two loads resolving
identities at once could each create the same author (:meth:`StoreAccess.load`). A load
holds nothing else while it parses and resolves: reads go on. The embedded store is a
networkx graph in this process, and writing mutates dicts a concurrent read may be
iterating (or rolls the whole graph back on failure), so there reads share a lock that
a load takes alone only while it writes a resolved document's batches
(:meth:`StoreAccess.exclusive`): a read sees the graph before that document or after
it, never half of it. Neo4j isolates transactions itself, so its reads take no lock.
"""

from __future__ import annotations

import collections.abc
import contextlib
import hmac
import threading
import types
import typing
from collections import Counter
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, Query, Request, Security
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from fastapi.security import APIKeyHeader

from graph.errors import StoreUnavailableError, WriteForbiddenError
from graph.settings import Settings
from graph.store.base import GraphStore

__all__ = [
    "API_KEY_HEADER",
    "Limit",
    "Offset",
    "ReadStore",
    "RWLock",
    "SettingsDep",
    "StoreAccess",
    "get_access",
    "get_settings",
    "read_store",
    "require_api_key",
    "single_values",
]

API_KEY_HEADER = "X-API-Key"
MAX_LIMIT = 1000
MAX_OFFSET = 1_000_000_000


class RWLock:
    """Many readers or one writer; a waiting writer holds new readers back so a steady
    stream of reads cannot starve a load."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False
        self._writers_waiting = 0

    @contextlib.contextmanager
    def read(self) -> Iterator[None]:
        with self._cond:
            while self._writing or self._writers_waiting:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                if not self._readers:
                    self._cond.notify_all()

    @contextlib.contextmanager
    def write(self) -> Iterator[None]:
        with self._cond:
            self._writers_waiting += 1
            try:
                while self._writing or self._readers:
                    self._cond.wait()
            finally:
                self._writers_waiting -= 1
            self._writing = True
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


class StoreAccess:
    """The app's store and how to use it safely from concurrent requests."""

    def __init__(self, store: GraphStore, *, owned: bool) -> None:
        self.store = store
        self.owned = owned  # closed on shutdown only when the app opened it
        self._lock = RWLock()
        self._loading = threading.Lock()
        self._shared_reads = not store.capabilities.concurrent_reads

    @contextlib.contextmanager
    def read(self) -> Iterator[GraphStore]:
        with self._lock.read() if self._shared_reads else contextlib.nullcontext():
            yield self.store

    @contextlib.contextmanager
    def load(self) -> Iterator[GraphStore]:
        """The store for one load at a time; reads go on (see :meth:`exclusive`)."""
        with self._loading:
            yield self.store

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[None]:
        """Inside :meth:`load`: no read runs meanwhile, where the store needs that (the
        embedded store, while a load writes its batches or rolls back)."""
        with self._lock.write() if self._shared_reads else contextlib.nullcontext():
            yield

    @contextlib.contextmanager
    def write(self) -> Iterator[GraphStore]:
        """The store alone, no load and no read (the embedded store) meanwhile."""
        with self.load() as store, self.exclusive():
            yield store


def get_access(request: Request) -> StoreAccess:
    access: StoreAccess | None = getattr(request.app.state, "access", None)
    if access is None:
        raise StoreUnavailableError("the store is not open (the app is starting or stopping)")
    return access


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def read_store(access: Annotated[StoreAccess, Depends(get_access)]) -> Iterator[GraphStore]:
    with access.read() as store:
        yield store


_api_key_header = APIKeyHeader(
    name=API_KEY_HEADER,
    auto_error=False,
    description="Must equal COAUTHOR_KG_API_KEY; uploads are disabled when that is unset.",
)


def require_api_key(
    settings: Annotated[Settings, Depends(get_settings)],
    key: Annotated[str | None, Security(_api_key_header)] = None,
) -> None:
    """403 unless the header matches the configured key (compared in constant time)."""
    expected = settings.api_key.get_secret_value() if settings.api_key else ""
    if not expected:
        raise WriteForbiddenError(
            "uploads are disabled: set COAUTHOR_KG_API_KEY on the server to enable them",
            details={"header": API_KEY_HEADER},
        )
    if key is None or not hmac.compare_digest(key.encode("utf-8"), expected.encode("utf-8")):
        raise WriteForbiddenError(
            f"missing or wrong {API_KEY_HEADER} header", details={"header": API_KEY_HEADER}
        )


_SEQUENCES = (list, tuple, set, frozenset, collections.abc.Sequence, collections.abc.Set)


def _takes_many(annotation: Any) -> bool:
    """Whether a parameter's type holds several values (``list[str]``, ``tuple | None``)."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return _takes_many(typing.get_args(annotation)[0])
    if origin is typing.Union or origin is types.UnionType:
        return any(_takes_many(a) for a in typing.get_args(annotation))
    return (origin or annotation) in _SEQUENCES


def _single_valued(dependant: Dependant) -> set[str]:
    """The query parameters of a route (and of its dependencies) that take one value."""
    names = {f.alias for f in dependant.query_params if not _takes_many(f.field_info.annotation)}
    for sub in dependant.dependencies:
        names |= _single_valued(sub)
    return names


def single_values(request: Request) -> None:
    """A query parameter that takes one value, given more than once (``/path?from=A
    &from=B``), is a 422: FastAPI would silently take the last one. Every route gets
    this check (api/app.py adds it to the app)."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    counts = Counter(key for key, _ in request.query_params.multi_items())
    repeated = {k for k, n in counts.items() if n > 1}
    if repeated:
        repeated &= _single_valued(route.dependant)
    if repeated:
        raise RequestValidationError(
            [
                {
                    "loc": ("query", name),
                    "msg": "given more than once; this parameter takes one value",
                    "type": "repeated_value",
                }
                for name in sorted(repeated)
            ]
        )


ReadStore = Annotated[GraphStore, Depends(read_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]
