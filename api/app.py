"""The HTTP API: ``create_app`` builds it around one store for the life of the app.

Errors have one shape, ``{"error": {"code", "message", "details"}}``: domain errors
(loaders/errors.py, graph/errors.py) carry their status and api/errors.error_body renders
them; request validation, unknown routes and anything unexpected are rendered in the same
shape, the last as a generic 500 whose traceback goes to the log only. Errors raised
below the exception handlers (the body-size limit when ``Content-Length`` announces too
much, a URL longer than :data:`MAX_URL_BYTES`) are rendered by the same function, so an
error reads the same whichever layer noticed it.

The interactive docs (/docs, /redoc) load Swagger UI and ReDoc from api/static, not
from a CDN, so they work offline and behind strict proxies; nothing on those pages
reaches outside the app (ReDoc's bundle is served with its one remote image, the
Redocly logo, taken out: :func:`_offline_bundle`).
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http import HTTPStatus
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.deps import StoreAccess, single_values
from api.errors import error_body
from api.routes import ROUTERS
from graph.errors import StoreUnavailableError
from graph.settings import Settings
from graph.store import GraphStore, open_store
from loaders.errors import CoauthorKGError

__all__ = [
    "MAX_URL_BYTES",
    "STATIC_DIR",
    "STATIC_URL",
    "PlainErrorsAsJson",
    "RefuseLongURLs",
    "create_app",
    "open_app_store",
]

log = logging.getLogger("coauthor_kg.api")

STATIC_DIR = Path(__file__).resolve().parent / "static"
STATIC_URL = "/static/api"

_HTTP_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    414: "url_too_long",
    415: "unsupported_media_type",
}
# Path and query string together; longer answers 414. Above the longest valid request
# (ten 200-character names of 4-byte characters, percent-encoded: about 24 KB), so only
# a request no route could accept meets it. (`coauthor-kg serve` lets the HTTP parser
# read request heads up to api/serve.py's MAX_REQUEST_HEAD, so such a request gets this
# answer instead of a reset connection.)
MAX_URL_BYTES = 64 << 10

DESCRIPTION = """
Ask the co-authorship graph: who connects these researchers, what do they have in common?

Every error has the shape `{"error": {"code", "message", "details"}}`. A name that matches
several authors equally well is a 409 listing the candidates, never a guess; an unknown id
is a 404; a store outage is a 503 and the API recovers by itself when the store is back.
"""


def _version() -> str:
    try:
        return version("coauthor-kg")
    except PackageNotFoundError:
        return "0"


def open_app_store(settings: Settings) -> GraphStore:
    """The store the settings describe, checked: a corrupt embedded store, or Neo4j
    refusing the credentials or lacking the database, fails here with a clear message.
    Neo4j merely being down does not: the API starts, answers 503, and recovers."""
    store = open_store(settings)
    if store.capabilities.remote:
        try:
            store.ping()
            store.counts()  # the ping does not notice a missing NEO4J_DATABASE
        except StoreUnavailableError as exc:
            cause = exc.__cause__
            code = str(getattr(cause, "code", "") or "")
            if type(cause).__name__ == "AuthError" or "DatabaseNotFound" in code:
                store.close()
                raise
            log.warning("%s; starting anyway, requests answer 503 until it is back", exc)
    return store


def _json_error(status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> Any:
    return JSONResponse(jsonable_encoder(body), status_code=status, headers=headers)


async def _domain_error(request: Request, exc: Exception) -> Any:
    status, body = error_body(exc)
    if status >= 500 and status != 501:
        log.warning("%s %s -> %s: %s", request.method, request.url.path, status, exc)
    return _json_error(status, body)


async def _validation_error(request: Request, exc: Exception) -> Any:
    assert isinstance(exc, RequestValidationError)
    errors = [
        {"loc": [str(x) for x in e.get("loc", ())], "msg": str(e.get("msg")), "type": e.get("type")}
        for e in exc.errors()
    ]
    where = "; ".join(f"{'.'.join(e['loc'])}: {e['msg']}" for e in errors[:3])
    body = {
        "error": {
            "code": "invalid_request",
            "message": f"invalid request: {where}" if where else "invalid request",
            "details": {"errors": errors},
        }
    }
    return _json_error(422, body)


def _http_response(
    status: int, message: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    """An HTTP-level error (no route, too large, ...) in the one error shape."""
    code = _HTTP_CODES.get(status, "http_error")
    body: dict[str, Any] = {"error": {"code": code, "message": message, "details": {}}}
    return JSONResponse(body, status_code=status, headers=headers)


async def _http_error(request: Request, exc: Exception) -> Any:
    assert isinstance(exc, StarletteHTTPException)
    return _http_response(exc.status_code, str(exc.detail), dict(exc.headers or {}))


async def _unexpected_error(request: Request, exc: Exception) -> Any:
    log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
    status, body = error_body(exc)
    return _json_error(status, body)


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return f"HTTP {status}"


class PlainErrorsAsJson:
    """The request-size limit answers 413 in plain text from below the exception
    handlers (when ``Content-Length`` announces too much; while reading a body without
    one it raises, and the handlers answer); this rewrites any plain-text error
    response into the one error shape, its text the message, exactly as the handlers
    would have written it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status: int | None = None  # of a plain-text error being replaced
        text = b""

        async def send_json_errors(message: Message) -> None:
            nonlocal status, text
            if message["type"] == "http.response.start" and message["status"] >= 400:
                headers = dict(message.get("headers", []))
                if headers.get(b"content-type", b"").startswith(b"text/plain"):
                    status = message["status"]
                    return
            if status is None:
                await send(message)
                return
            text += message.get("body", b"")
            if message.get("more_body", False):
                return
            plain = text.decode("utf-8", "replace").strip()[:200] or _phrase(status)
            await _http_response(status, plain)(scope, receive, send)

        await self.app(scope, receive, send_json_errors)


class RefuseLongURLs:
    """A URL longer than :data:`MAX_URL_BYTES` is a 414 in the one error shape."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            size = len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"")
            if size > MAX_URL_BYTES:
                response = _http_response(
                    414, f"URL too long: {size:,} bytes, the limit is {MAX_URL_BYTES:,}"
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


_REMOTE_SRC = re.compile(rb"""\bsrc:(["'])https?://[^"']*\1""")


@functools.cache
def _offline_bundle(name: str) -> bytes:
    """A vendored script with every remote image source emptied.

    ReDoc's sidebar shows the Redocly logo from ``https://cdn.redoc.ly`` (an
    ``img`` with ``src:"https://..."`` in the bundle). An empty source loads nothing
    and fires the image's error handler, which ReDoc answers by not showing it. The
    file in api/static stays the published build, so updating it stays a copy."""
    return _REMOTE_SRC.sub(rb"src:\1\1", (STATIC_DIR / name).read_bytes())


def _add_docs(app: FastAPI) -> None:
    redoc_js = "redoc.offline.js"

    @app.get(f"{STATIC_URL}/{redoc_js}", include_in_schema=False)
    def redoc_bundle() -> Response:  # before the mount, which would answer 404
        return Response(_offline_bundle("redoc.standalone.js"), media_type="text/javascript")

    app.mount(STATIC_URL, StaticFiles(directory=STATIC_DIR), name="api-static")

    def static(request: Request, name: str) -> str:
        return f"{request.scope.get('root_path', '')}{STATIC_URL}/{name}"

    def openapi_url(request: Request) -> str:
        return f"{request.scope.get('root_path', '')}{app.openapi_url}"

    @app.get("/docs", include_in_schema=False)
    def swagger_ui(request: Request) -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=openapi_url(request),
            title=f"{app.title} - Swagger UI",
            swagger_js_url=static(request, "swagger-ui-bundle.js"),
            swagger_css_url=static(request, "swagger-ui.css"),
            swagger_favicon_url=static(request, "favicon-32x32.png"),
            # the default validator badge is an image from validator.swagger.io
            swagger_ui_parameters={"validatorUrl": None},
        )

    @app.get("/redoc", include_in_schema=False)
    def redoc(request: Request) -> HTMLResponse:
        return get_redoc_html(
            openapi_url=openapi_url(request),
            title=f"{app.title} - ReDoc",
            redoc_js_url=static(request, redoc_js),
            redoc_favicon_url=static(request, "favicon-32x32.png"),
            with_google_fonts=False,
        )


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    """The API over ``store``, or over the store ``settings`` describe (opened at
    startup, closed at shutdown). Settings are read and checked here, so a bad
    environment fails before anything listens. A store passed in stays the caller's
    to close."""
    settings = settings if settings is not None else Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if app.state.access is None:
            app.state.access = StoreAccess(open_app_store(settings), owned=True)
        try:
            yield
        finally:
            access: StoreAccess | None = app.state.access
            if access is not None and access.owned:
                app.state.access = None
                with access.write() as s:
                    s.close()

    app = FastAPI(
        title="coauthor-kg",
        version=_version(),
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        dependencies=[Depends(single_values)],
    )
    app.state.settings = settings
    app.state.access = StoreAccess(store, owned=False) if store is not None else None

    app.add_exception_handler(CoauthorKGError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected_error)

    app.add_middleware(PlainErrorsAsJson)
    app.add_middleware(RefuseLongURLs)
    for router in ROUTERS:
        app.include_router(router)
    _add_docs(app)
    return app
