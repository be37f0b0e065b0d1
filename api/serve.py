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
from graph.errors import CoauthorKGError
from graph.settings import Settings

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


def serve(host: str = "127.0.0.1", port: int = 8000, data_dir: Path | None = None) -> None:
    """Serve the API until interrupted; the store is opened once and closed on exit."""
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
    try:
        app = create_app(settings, store)
        where = settings.neo4j_uri if store.kind == "neo4j" else str(settings.data_dir)
        print(f"coauthor-kg: {store.kind} store at {where}", file=sys.stderr)
        uvicorn.run(app, host=host, port=port, log_level="info")
    finally:
        store.close()
