"""JSON decoding that fails as a clean error, and typed access to what it decoded.

Every JSON loader decodes through here. The standard decoder has failure modes that are
not ``JSONDecodeError``: a document nested 200,000 levels deep raises
``RecursionError`` (a traceback in the CLI, a 500 over HTTP), a number of more than 4,300
digits raises a bare ``ValueError``, undecodable bytes a ``UnicodeDecodeError``. Here
each of them is a :class:`JSONError` with a reason and, when known, the line and column,
which the loader turns into its ParseError or RecordError. Its messages also read
properly: the decoder's own ("Invalid control character at: line 1 column 5") become
"invalid control character at line 1, column 5".

Decoding gives untyped values, and a field of the wrong type (``"authorships": "x"``
where a list belongs) must not pass for an empty one: :func:`member` and :func:`items`
return a member when it has the type the loader expects, ``None`` (or nothing) when it
is absent or null, and raise :class:`WrongType` naming the member otherwise, so the
loader can report the record as unusable and say why.

A value nested too deeply is :class:`TooDeep` (a JSONError): loaders treat it as
hostile (a ParseError for the whole file) rather than as one damaged record.

API::

    loads(data) -> value                        # str or bytes; JSONError, TooDeep
    raw_decode(text, pos) -> (value, end)       # one value starting at pos; JSONError
    JSONError: .reason, .line, .column; .on_line (the message without the line)
    position(text, offset) -> (line, column)    # 1-based
    member(obj, key, kind, where="") -> kind | None          # WrongType
    items(obj, key, kind, where="") -> list[kind]            # WrongType
    type_name(value) -> "object" | "array" | "string" | ...
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, TypeVar

from loaders.text import escape

__all__ = [
    "JSONError",
    "TooDeep",
    "WrongType",
    "items",
    "loads",
    "member",
    "position",
    "raw_decode",
    "type_name",
]

T = TypeVar("T")
_DECODER = json.JSONDecoder()
_NAMES: dict[type, str] = {
    dict: "an object",
    list: "an array",
    str: "a string",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
}


class JSONError(ValueError):
    """Text that is not usable JSON. ``line`` and ``column`` are 1-based, in the text
    given to the decoder, or None when the failure has no position."""

    def __init__(self, reason: str, line: int | None = None, column: int | None = None) -> None:
        where = f" at line {line}, column {column}" if line is not None else ""
        super().__init__(reason + where)
        self.reason = reason
        self.line = line
        self.column = column

    @property
    def on_line(self) -> str:
        """The message for a value that is one line of a file (JSON lines), whose line
        the caller names: the reason and the column only."""
        return self.reason + (f" at column {self.column}" if self.column is not None else "")


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - text.rfind("\n", 0, offset)


class TooDeep(JSONError):
    """A value nested more deeply than the decoder can follow: hostile, not damaged.
    ``line`` and ``column`` are where the value starts."""


class WrongType(ValueError):
    """A member present with a type the loader cannot use; the message names it."""


def _decode_error(exc: json.JSONDecodeError) -> JSONError:
    reason = exc.msg.removesuffix(" at").removesuffix(":").strip()  # "Invalid ... at"
    return JSONError(reason[:1].lower() + reason[1:], exc.lineno, exc.colno)


def _other_error(exc: BaseException, text: str | bytes, pos: int) -> JSONError:
    if isinstance(exc, RecursionError):
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        skipped = len(text) - len(text[pos:].lstrip(" \t\r\n\ufeff"))
        line, column = position(text, skipped)
        return TooDeep("nested too deeply (more levels than a decoder can follow)", line, column)
    if isinstance(exc, UnicodeDecodeError):
        return JSONError(f"not UTF-8 text ({exc.reason} at byte {exc.start})")
    if "digits" in str(exc):  # int() refuses more than sys.get_int_max_str_digits()
        return JSONError("a number too long to read (thousands of digits)")
    return JSONError(f"cannot decode: {exc}")


def loads(data: str | bytes) -> Any:
    """The value of a JSON text, or :class:`JSONError`."""
    try:
        return json.loads(data)
    except json.JSONDecodeError as exc:
        raise _decode_error(exc) from None
    except (RecursionError, ValueError) as exc:
        raise _other_error(exc, data, 0) from None


def raw_decode(text: str, pos: int = 0) -> tuple[Any, int]:
    """The JSON value starting at ``text[pos]`` and the offset just past it (see
    ``json.JSONDecoder.raw_decode``), or :class:`JSONError`."""
    try:
        return _DECODER.raw_decode(text, pos)
    except json.JSONDecodeError as exc:
        raise _decode_error(exc) from None
    except (RecursionError, ValueError) as exc:
        raise _other_error(exc, text, pos) from None


def type_name(value: Any) -> str:
    """What a decoded value is, in JSON's words ("a string", "an array", "null")."""
    if value is None:
        return "null"
    return _NAMES.get(type(value), type(value).__name__)


def _is(value: Any, kind: type) -> bool:
    if kind is int:  # JSON has no integer type of its own; true is not 1 here
        return isinstance(value, int) and not isinstance(value, bool)
    if kind is float:  # any number
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, kind)


def member(obj: Mapping[str, Any], key: str, kind: type[T], where: str = "") -> T | None:
    """``obj[key]`` when it is a ``kind``; None when it is absent or null; otherwise
    :class:`WrongType` ("authorships is a string, not an array"). ``where`` prefixes
    the member's name in the message ("authorships[2].author.")."""
    value = obj.get(key)
    if value is None or _is(value, kind):
        return value
    name = _NAMES.get(kind, kind.__name__)
    raise WrongType(f"{where}{escape(key)} is {type_name(value)}, not {name}")


def items(obj: Mapping[str, Any], key: str, kind: type[T], where: str = "") -> list[T]:
    """The elements of the array ``obj[key]``, each a ``kind`` (an empty list when the
    member is absent or null); otherwise :class:`WrongType` naming the member or the
    first element of the wrong type."""
    values = member(obj, key, list, where)
    if not values:
        return []
    for i, value in enumerate(values):
        if not _is(value, kind):
            name = _NAMES.get(kind, kind.__name__)
            raise WrongType(f"{where}{escape(key)}[{i}] is {type_name(value)}, not {name}")
    return values
