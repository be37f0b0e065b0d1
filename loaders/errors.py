"""The base of every domain error, and the errors reading a document can raise.

Each error carries the HTTP status and short code that the API and the CLI render.
One place maps failures to messages: api/errors.py turns any ``CoauthorKGError`` into
a ``{"error": {...}}`` response and api/cli.py into a one-line message and exit code, so
a new failure mode is declared once and both front ends agree on it. The base lives
here, in the lowest layer, because loaders raise domain errors too and may import
nothing above them; graph/errors.py adds the errors of the graph and its stores.
"""

from __future__ import annotations

from typing import Any

__all__ = ["CoauthorKGError", "ManifestError", "ParseError", "UnknownFormatError"]


class CoauthorKGError(Exception):
    """Base class: ``status`` is the HTTP status, ``code`` a stable machine name,
    ``details`` structured data a client can act on (candidates, file, line)."""

    status: int = 400
    code: str = "error"
    exit_code: int = 1

    def __init__(self, message: str, *, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details: dict[str, Any] = details or {}


class ParseError(CoauthorKGError):
    """A document (or one record of it) cannot be read; names the file and line."""

    status = 422
    code = "parse_error"

    def __init__(
        self, path: str, reason: str, *, line: int | None = None, record: int | None = None
    ) -> None:
        where = path + (f":{line}" if line is not None else "")
        if line is None and record is not None:
            where += f" (record {record})"
        super().__init__(
            f"{where}: {reason}",
            details={"path": path, "line": line, "record": record, "reason": reason},
        )
        self.path = path
        self.line = line
        self.reason = reason


class UnknownFormatError(CoauthorKGError):
    status = 422
    code = "unknown_format"


class ManifestError(CoauthorKGError):
    status = 422
    code = "manifest_error"
