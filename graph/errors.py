"""The errors of the graph and its stores: lookups, queries, store availability.

They subclass loaders.errors.CoauthorKGError, the one base every domain error shares,
so api/errors.py renders them like the errors reading a document raises.
"""

from __future__ import annotations

from loaders.errors import CoauthorKGError

__all__ = [
    "AmbiguousNameError",
    "InvalidQueryError",
    "NotFoundError",
    "NotSupportedError",
    "QueryTimeoutError",
    "StoreCorruptError",
    "StoreUnavailableError",
    "WriteForbiddenError",
]


class NotFoundError(CoauthorKGError):
    status = 404
    code = "not_found"


class AmbiguousNameError(CoauthorKGError):
    """A name matches several authors equally well; never guessed silently."""

    status = 409
    code = "ambiguous_name"


class InvalidQueryError(CoauthorKGError):
    status = 422
    code = "invalid_query"


class StoreUnavailableError(CoauthorKGError):
    status = 503
    code = "store_unavailable"
    exit_code = 3


class QueryTimeoutError(CoauthorKGError):
    status = 504
    code = "query_timeout"


class WriteForbiddenError(CoauthorKGError):
    status = 403
    code = "write_forbidden"


class NotSupportedError(CoauthorKGError):
    status = 501
    code = "not_supported"


class StoreCorruptError(CoauthorKGError):
    status = 500
    code = "store_corrupt"
