"""The one place that turns failures into what a user sees, over HTTP and in the CLI.

Domain errors (loaders/errors.py, graph/errors.py) carry their status and code; anything
else is an internal error whose details stay in the server log, never in a response.
"""

from __future__ import annotations

from typing import Any

from loaders.errors import CoauthorKGError

__all__ = ["INTERNAL_ERROR", "cli_message", "error_body"]

INTERNAL_ERROR = "internal error; see the server log"


def error_body(exc: BaseException) -> tuple[int, dict[str, Any]]:
    """HTTP status and the ``{"error": {"code", "message", "details"}}`` body."""
    if isinstance(exc, CoauthorKGError):
        return exc.status, {
            "error": {"code": exc.code, "message": exc.message, "details": exc.details}
        }
    return 500, {"error": {"code": "internal", "message": INTERNAL_ERROR, "details": {}}}


def cli_message(exc: BaseException) -> tuple[str, int]:
    """A one-paragraph message and the process exit code for the CLI."""
    if isinstance(exc, CoauthorKGError):
        lines = [f"error: {exc.message}"]
        cands = exc.details.get("candidates")
        if cands:
            lines.append("candidates:")
            lines.extend(
                f"  {c['name']} ({c['id']}, {c['paper_count']} papers"
                f"{', profile' if c.get('has_profile') else ''})"
                for c in cands
            )
        return "\n".join(lines), exc.exit_code if exc.exit_code != 1 else 2
    return f"error: {type(exc).__name__}: {exc}", 1
