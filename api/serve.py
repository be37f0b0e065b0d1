"""`coauthor-kg serve`: the HTTP API under uvicorn.

Settings and the store are checked before uvicorn starts, so a bad environment ends the
command with one clear line (and exit code 2, or 3 when the store cannot be reached)
instead of a traceback from inside the server.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from api.errors import cli_message
from api.terminal import err_console
from graph.settings import Settings
from loaders.errors import CoauthorKGError

__all__ = ["MAX_REQUEST_HEAD", "serve", "settings_or_exit"]

# How much of a request's head (request line and headers) the HTTP parser buffers. Its
# default (16 KiB) makes a longer URL reset the connection; with room to read it, the
# app answers 414 in its error shape (api/app.py's MAX_URL_BYTES).
MAX_REQUEST_HEAD = 1 << 20


def settings_or_exit(data_dir: Path | None = None) -> Settings:
    """Settings from the environment (``data_dir`` overrides COAUTHOR_KG_DATA_DIR), or
    a one-line message per bad variable and exit code 2."""
    overrides: dict[str, Any] = {}
    if data_dir is not None:
        overrides["COAUTHOR_KG_DATA_DIR"] = data_dir
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        for err in exc.errors():
            where = ".".join(str(x) for x in err.get("loc", ())) or "settings"
            err_console.print(f"error: bad setting {where}: {err.get('msg')}", soft_wrap=True)
        raise SystemExit(2) from exc


def serve(
    host: str = "127.0.0.1", port: int = 8000, data_dir: Path | None = None, workers: int = 1
) -> None:
    """Serve the API until interrupted; the store is opened once and closed on exit.

    ``workers`` > 1 runs that many uvicorn processes, each with its own driver: a
    request spends most of its time in Python (validation, composing answers, JSON), so
    one process uses one core. Only with Neo4j: the embedded store lives in one
    process's memory, and a load through one worker would not be seen by the others.
    """
    import uvicorn

    from api.app import create_app, open_app_store

    logging.getLogger("neo4j").setLevel(logging.ERROR)
    settings = settings_or_exit(data_dir)
    try:
        store = open_app_store(settings)
    except CoauthorKGError as exc:
        message, code = cli_message(exc)
        err_console.print(message, soft_wrap=True)
        raise SystemExit(code) from exc
    where = settings.neo4j_uri or str(settings.data_dir)  # as open_store chose
    if workers > 1:
        kind, shared = store.kind, store.capabilities.multi_process
        store.close()
        if not shared:
            err_console.print(
                "error: --workers above 1 needs the Neo4j store (set NEO4J_URI): the "
                "embedded store lives in one process's memory",
                soft_wrap=True,
            )
            raise SystemExit(2)
        err_console.print(f"coauthor-kg: {kind} store at {where}, {workers} workers")
        # each worker builds its app (and opens its store) from the same environment
        uvicorn.run(
            "api.app:create_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="info",
            http="h11",
            h11_max_incomplete_event_size=MAX_REQUEST_HEAD,
        )
        return
    try:
        app = create_app(settings, store)
        err_console.print(f"coauthor-kg: {store.kind} store at {where}")
        uvicorn.run(
            app,
            host=host,
            port=port,
            log_level="info",
            http="h11",
            h11_max_incomplete_event_size=MAX_REQUEST_HEAD,
        )
    finally:
        store.close()
