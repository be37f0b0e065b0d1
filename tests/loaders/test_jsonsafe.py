"""The shared JSON decoding of the loaders: every failure is a JSONError with a
readable reason, and members of the wrong type are refused by name."""

from __future__ import annotations

import pytest

from loaders.jsonsafe import JSONError, WrongType, items, loads, member, raw_decode

DEEP = "[" * 200_000 + "]" * 200_000


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (DEEP, "nested too deeply"),
        ('{"a": ' + DEEP + "}", "nested too deeply"),
        ('{"a": ' + "1" * 5000 + "}", "a number too long"),
        (b'{"a": "\xff"}', "not UTF-8"),
        ('{"a": "x\x01"}', "invalid control character at line 1, column 9"),
        ("{", "expecting property name enclosed in double quotes at line 1, column 2"),
    ],
)
def test_every_decoding_failure_is_a_json_error(text: str | bytes, reason: str) -> None:
    with pytest.raises(JSONError) as info:
        loads(text)
    assert reason in str(info.value)
    assert " at at " not in str(info.value)


def test_raw_decode_reports_the_position() -> None:
    assert raw_decode('  {"a": 1} x', 2) == ({"a": 1}, 10)
    with pytest.raises(JSONError) as info:
        raw_decode('{"a":\n  nope}', 0)
    assert (info.value.line, info.value.column) == (2, 3)
    with pytest.raises(JSONError, match="nested too deeply"):
        raw_decode("x" + DEEP, 1)


def test_member_returns_the_right_type_or_names_the_wrong_one() -> None:
    obj = {"s": "x", "n": 3, "f": 2.5, "b": True, "l": [1], "o": {}, "z": None}
    assert member(obj, "s", str) == "x" and member(obj, "n", int) == 3
    assert member(obj, "n", float) == 3 and member(obj, "f", float) == 2.5
    assert member(obj, "z", list) is None and member(obj, "missing", dict) is None
    with pytest.raises(WrongType, match=r"^w\.s is a string, not an array$"):
        member(obj, "s", list, "w.")
    with pytest.raises(WrongType, match="b is true or false, not a whole number"):
        member(obj, "b", int)
    with pytest.raises(WrongType, match="o is an object, not a string"):
        member(obj, "o", str)


def test_items_checks_every_element() -> None:
    assert items({"a": [{"x": 1}, {}]}, "a", dict) == [{"x": 1}, {}]
    assert items({}, "a", dict) == [] and items({"a": None}, "a", str) == []
    with pytest.raises(WrongType, match=r"authorships\[1\] is a string, not an object"):
        items({"authorships": [{}, "Mao"]}, "authorships", dict)
    with pytest.raises(WrongType, match="authorships is a string, not an array"):
        items({"authorships": "Mao"}, "authorships", dict)
