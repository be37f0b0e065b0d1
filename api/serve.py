"""`coauthor-kg serve`: the HTTP API under uvicorn.

Settings and the store are checked before uvicorn starts, so a bad environment ends the
command with one clear line (and exit code 2, or 3 when the store cannot be reached)
instead of a traceback from inside the server.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from api.errors import cli_message
from graph.settings import Settings
from loaders.errors import CoauthorKGError

__all__ = ["serve", "settings_or_exit"]


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
            print(f"error: bad setting {where}: {err.get('msg')}", file=sys.stderr)
        raise SystemExit(2) from exc


def serve(
    host: str = "127.0.0.1", port: int = 8000, data_dir: Path | None = None, workers: int = 1
) -> None:
    """Serve the API until interrupted; the store is opened once and closed on exit.

    ``workers`` > 1 runs that many uvicorn processes, each with its own driver: a
    request spends most of its time in Python (validation, composing answers, JSON), so
    one process uses one core. Only with Neo4j: the embedded store lives in one
    process's memory, and a load through one worker would not be seen by the others.
    The workers share one co-authorship projection: each maps the same files beside
    the store (graph/projection), so the page cache holds one copy.
    """
    import uvicorn

    from api.app import create_app, open_app_store

    logging.getLogger("neo4j").setLevel(logging.ERROR)
    settings = settings_or_exit(data_dir)
    try:
        store = open_app_store(settings)
    except CoauthorKGError as exc:
        message, code = cli_message(exc)
        print(message, file=sys.stderr)
        raise SystemExit(code) from exc
    where = settings.neo4j_uri or str(settings.data_dir)  # as open_store chose
    if workers > 1:
        kind, shared = store.kind, store.capabilities.multi_process
        store.close()
        if not shared:
            print(
                "error: --workers above 1 needs the Neo4j store (set NEO4J_URI): the "
                "embedded store lives in one process's memory",
                file=sys.stderr,
            )
            raise SystemExit(2)
        print(f"coauthor-kg: {kind} store at {where}, {workers} workers", file=sys.stderr)
        # each worker builds its app (and opens its store) from the same environment
        uvicorn.run(
            "api.app:create_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="info",
        )
        return
    try:
        app = create_app(settings, store)
        print(f"coauthor-kg: {store.kind} store at {where}", file=sys.stderr)
        uvicorn.run(app, host=host, port=port, log_level="info")
    finally:
        store.close()
