"""Typed access to the fields of one JSON record, with errors that name the field.

JSON documents can be hostile or simply wrong: ``"authors": "A. Turing"`` where a list
belongs, ``"year": "1950"``. A loader reads every field through :class:`JsonObject`,
which checks its type and, when it is wrong, raises :class:`BadRecord` saying which
field (``citations[3].authors is a string, not a list``), so that the loader can skip
that record with a RecordError and go on. Keys are matched ignoring case: the
Semantic Scholar datasets lowercase the keys its API writes in camelCase.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

__all__ = ["BadRecord", "JsonObject", "WrongShape", "element", "type_name"]

_TYPE_NAMES = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}


class BadRecord(ValueError):
    """A record a loader cannot use; becomes a RecordError for its line."""


class WrongShape(BadRecord):
    """Not a record of the format at all; fatal when it is the first value."""


def type_name(value: Any) -> str:
    """How an error message names the type of a JSON value."""
    if value is None:
        return "null"
    return _TYPE_NAMES.get(type(value), "a number" if isinstance(value, int | float) else "?")


def element(where: str, value: Any) -> JsonObject:
    """A value that must be an object (a list element); ``where`` names it in errors."""
    if not isinstance(value, dict):
        raise BadRecord(f"{where or 'the record'} is {type_name(value)}, not an object")
    return JsonObject(value, f"{where}." if where else "")


class JsonObject:
    """One JSON object; ``where`` prefixes field names in errors ("citations[3].")."""

    def __init__(self, raw: dict[str, Any], where: str = "") -> None:
        self.members = {k.lower(): (k, v) for k, v in raw.items()}
        self.where = where

    def has(self, key: str) -> bool:
        return key.lower() in self.members

    def name(self, key: str) -> str:
        """The field as the source spells it, with its place, for error messages."""
        return self.where + self.members.get(key.lower(), (key, None))[0]

    def raw(self, key: str) -> Any:
        return self.members.get(key.lower(), (key, None))[1]

    def _get(self, key: str, kinds: type | tuple[type, ...], expected: str) -> Any:
        value = self.raw(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, kinds):
            raise BadRecord(f"{self.name(key)} is {type_name(value)}, not {expected}")
        return value

    def text(self, key: str) -> str | None:
        """A string, whitespace folded; None when absent, null or blank."""
        value = self._get(key, str, "a string")
        return (" ".join(value.split()) or None) if value is not None else None

    def ident(self, key: str) -> str | None:
        """An identifier, which sources write as a string or a number."""
        value = self._get(key, (str, int), "an id")
        return str(value) if value is not None else None

    def number(self, key: str) -> int | None:
        value: int | None = self._get(key, int, "a whole number")
        return value

    def array(self, key: str) -> list[Any]:
        value: list[Any] | None = self._get(key, list, "a list")
        return value if value is not None else []

    def texts(self, key: str) -> list[str]:
        """The non-blank strings of a list (a lone string counts as a list of one)."""
        value = self.raw(key)
        items = [value] if isinstance(value, str) else self.array(key)
        for n, item in enumerate(items):
            if not isinstance(item, str):
                raise BadRecord(f"{self.name(key)}[{n}] is {type_name(item)}, not a string")
        return [" ".join(i.split()) for i in items if i.strip()]

    def obj(self, key: str) -> JsonObject:
        """A nested object (empty when absent or null)."""
        value = self._get(key, dict, "an object")
        return JsonObject(value or {}, self.name(key) + ".")

    def items(self, key: str) -> Iterator[tuple[str, Any]]:
        """(where, element) of a list, ``where`` naming the element for errors."""
        for n, item in enumerate(self.array(key)):
            yield f"{self.name(key)}[{n}]", item
