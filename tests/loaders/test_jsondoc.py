"""loaders.jsondoc and loaders.jsonfields: the JSON shapes, lines, hostile input and
typed field access the JSON loaders share."""

from __future__ import annotations

import io
from typing import Any

import pytest

from loaders.errors import ParseError
from loaders.jsondoc import Entry, iter_json
from loaders.jsonfields import BadRecord, JsonObject, element
from loaders.records import RecordError

PATHS = (("message", "items"), ("message",), ("data",))


def _entries(text: str) -> list[Entry | RecordError]:
    return list(iter_json(io.BytesIO(text.encode()), path="doc.json", records=PATHS))


def _values(text: str) -> list[tuple[int, Any]]:
    found = _entries(text)
    assert all(isinstance(e, tuple) for e in found)
    return [e for e in found if isinstance(e, tuple)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"a": 1}', [(1, {"a": 1})]),
        ('[{"a": 1}, null]', [(1, {"a": 1}), (1, None)]),
        ('{"data": [1, 2]}\n{"a": 3}\n', [(1, 1), (1, 2), (2, {"a": 3})]),
        ('{"status": "ok", "message": {"DOI": "x"}}', [(1, {"DOI": "x"})]),
        ('{"message": {"items": [{"DOI": "x"}]}}', [(1, {"DOI": "x"})]),
        (
            '\n\n{\n  "data": [\n    {"a": 1},\n\n    {"b": 2}\n  ]\n}\n',
            [(5, {"a": 1}), (7, {"b": 2})],
        ),
        ('{\n "message": {\n  "items": [\n   {"a": 1}\n  ]\n }\n}', [(4, {"a": 1})]),
        ('{\n "status": "ok",\n "message": {"a": 1}\n}', [(3, {"a": 1})]),
        ("[\n  {},\n  {}\n]", [(2, {}), (3, {})]),
        ("{\n}", [(1, {})]),
    ],
)
def test_shapes_and_lines(text: str, expected: list[tuple[int, Any]]) -> None:
    assert _values(text) == expected


def test_a_bad_json_line_is_one_record_error() -> None:
    found = _entries('{"a": 1}\n{"a": tru}\n\n{"a": 2}\n')
    assert found[0] == (1, {"a": 1}) and found[2] == (4, {"a": 2})
    assert isinstance(found[1], RecordError) and found[1].line == 2
    assert found[1].reason.startswith("not JSON: ")


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("", 1, "empty file"),
        ("\n  \n", 1, "empty file"),
        ("[" * 200_000, 1, "not readable JSON: nested too deeply"),
        ("\n" + '{"data": ' + "[" * 200_000 + "]}", 2, "not readable JSON: nested too deeply"),
        ('{\n  "data": [\n' + "[" * 200_000, 1, "not readable JSON: nested too deeply"),
        ('{\n  "a": 1,\n  "b": }\n', 3, "not JSON: Expecting value"),
        ('{\n  "a": 1\n}\n{"b": 2}', 4, "not JSON: Extra data"),
    ],
)
def test_unreadable_documents_are_parse_errors(text: str, line: int, reason: str) -> None:
    with pytest.raises(ParseError) as exc:
        _entries(text)
    assert (exc.value.path, exc.value.line, exc.value.reason) == ("doc.json", line, reason)


def test_not_utf8_is_a_parse_error_on_its_line() -> None:
    stream = io.BytesIO(b'\n{\n "a": 1,\n "b": "\xff"\n}')
    with pytest.raises(ParseError, match="not UTF-8") as exc:
        list(iter_json(stream, path="doc.json", records=PATHS))
    assert exc.value.line == 4


def test_not_utf8_in_a_json_line_is_a_record_error_on_its_line() -> None:
    found = _entries_bytes(b'{"a": 1}\n{"a": "\xfe"}\n{"a": 2}\n')
    assert isinstance(found[1], RecordError) and found[1].line == 2
    assert found[1].reason.startswith("not UTF-8 text")


def _entries_bytes(data: bytes) -> list[Entry | RecordError]:
    return list(iter_json(io.BytesIO(data), path="doc.json", records=PATHS))


def test_typed_access_names_the_field() -> None:
    obj = JsonObject({"Title": "  A  title ", "year": 2020, "ids": {"DOI": 5}, "list": ["a", 1]})
    assert obj.text("title") == "A title"  # keys match ignoring case
    assert obj.number("year") == 2020 and obj.ident("missing") is None
    assert obj.obj("ids").ident("doi") == "5"
    assert obj.array("missing") == [] and obj.obj("missing").text("x") is None
    with pytest.raises(BadRecord, match=r"^list\[1\] is a number, not a string$"):
        obj.texts("list")
    with pytest.raises(BadRecord, match=r"^Title is a string, not a whole number$"):
        obj.number("title")
    with pytest.raises(BadRecord, match=r"^ids is an object, not a list$"):
        obj.array("ids")
    with pytest.raises(BadRecord, match=r"^flag is a boolean, not a whole number$"):
        JsonObject({"flag": True}).number("flag")
    with pytest.raises(BadRecord, match=r"^authors\[2\] is null, not an object$"):
        element("authors[2]", None)
    inner = element("authors[0]", {"name": 7})
    with pytest.raises(BadRecord, match=r"^authors\[0\]\.name is a number, not a string$"):
        inner.text("name")
