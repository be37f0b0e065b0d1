"""JSON as the bibliographic APIs and dumps hand it out, read one value at a time.

Three shapes reach the JSON loaders (Semantic Scholar, Crossref): JSON lines (bulk
datasets, hundreds of GB: read one line at a time), one document written on one line
(an API response saved as it came), and one document spread over many lines (the same,
pretty-printed). The first non-blank line decides: a complete JSON value there means
JSON lines, a one-line document simply being a one-line file.

A loader names where its records sit inside a document as key paths (``("data",)``
for a Semantic Scholar list page, ``("message", "items")`` for a Crossref work list);
an array found there gives one record per element, an object one record, and an array
as the whole document one record per element. In a multi-line document the elements
are decoded one by one so that each keeps the line it starts on. The first record
decides the format: if it is not one (:class:`WrongShape`), the file is refused.

Documents can be hostile. Nesting deeper than the decoder's recursion limit and
integers with more digits than Python converts are reported like any unreadable JSON:
a :class:`ParseError` naming the file for the document (or the first line, which
decides the shape), a :class:`RecordError` for a later line of JSON lines.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection, Iterator
from typing import Any, BinaryIO

from loaders.errors import ParseError
from loaders.jsonfields import BadRecord, WrongShape
from loaders.records import PaperRecord, PersonRecord, RecordError

__all__ = ["Entry", "Item", "Path", "iter_json", "iter_records"]

Path = tuple[str, ...]
Entry = tuple[int, Any]  # (1-based line where the value starts, the value)
Item = PaperRecord | PersonRecord | RecordError

_DECODER = json.JSONDecoder()
_WS_RE = re.compile(r"[ \t\n\r]*")


class _Unreadable(ValueError):
    """JSON the decoder refused; ``line`` is where, relative to the text decoded."""

    def __init__(self, reason: str, line: int = 1) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


class _TooDeep(_Unreadable):
    """Nesting past the recursion limit: no shape can be read from such a value."""


def _bad_utf8(data: bytes, exc: UnicodeDecodeError) -> _Unreadable:
    """Undecodable bytes, placed on the line they sit on (counted within ``data``)."""
    return _Unreadable(f"not UTF-8 text: {exc.reason}", data.count(b"\n", 0, exc.start) + 1)


def _decode_error(exc: BaseException, data: bytes) -> _Unreadable:
    """The one reason given for JSON that cannot be read, whatever refused it."""
    if isinstance(exc, json.JSONDecodeError):
        return _Unreadable(f"not JSON: {exc.msg}", exc.lineno)
    if isinstance(exc, UnicodeDecodeError):
        return _bad_utf8(data, exc)
    if isinstance(exc, RecursionError):
        return _TooDeep("not readable JSON: nested too deeply")
    return _Unreadable("not readable JSON: a number with too many digits")


def _loads(data: bytes) -> Any:
    try:
        return json.loads(data)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError, UnicodeDecodeError too
        raise _decode_error(exc, data) from None


def _pick(value: Any, paths: set[Path]) -> list[Any] | None:
    """The records of an already decoded value along ``paths`` (``()``: the value
    itself), or None when no path leads anywhere."""
    if () in paths and isinstance(value, list):
        return value
    if isinstance(value, dict):
        for key in dict.fromkeys(p[0] for p in paths if p):
            if key in value:
                found = _pick(value[key], {p[1:] for p in paths if p and p[0] == key})
                if found is not None:
                    return found
    return [value] if () in paths else None


class _Walker:
    """Decodes one multi-line document, descending only along the record paths so
    that the records found there keep their lines; everything else is decoded whole."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._offset = 0
        self._line = 1

    def line(self, offset: int) -> int:
        """The 1-based line of ``offset``; offsets asked for only grow."""
        self._line += self.text.count("\n", self._offset, offset)
        self._offset = offset
        return self._line

    def skip(self, i: int) -> int:
        m = _WS_RE.match(self.text, i)
        return m.end() if m is not None else i

    def expect(self, i: int, char: str) -> int:
        if not self.text.startswith(char, i):
            raise json.JSONDecodeError(f"Expecting {char!r}", self.text, i)
        return self.skip(i + 1)

    def decode(self, i: int) -> tuple[Any, int]:
        value, end = _DECODER.raw_decode(self.text, i)
        return value, end

    def array(self, i: int) -> tuple[list[Entry], int]:
        """Each element of the array at ``i`` with its line; the offset past the array."""
        entries: list[Entry] = []
        i = self.skip(i + 1)
        if self.text.startswith("]", i):
            return entries, i + 1
        while True:
            line = self.line(i)
            value, i = self.decode(i)
            entries.append((line, value))
            i = self.skip(i)
            if self.text.startswith("]", i):
                return entries, i + 1
            i = self.expect(i, ",")

    def value(self, i: int, paths: set[Path]) -> tuple[list[Entry] | None, Any, int]:
        """(records found along ``paths`` or None, the value, the offset past it)."""
        if () in paths and self.text.startswith("[", i):
            entries, end = self.array(i)
            return entries, [v for _, v in entries], end
        if not self.text.startswith("{", i) or not any(paths - {()}):
            value, end = self.decode(i)
            return ([(self.line(i), value)] if () in paths else None), value, end
        start_line = self.line(i)
        members: dict[str, Any] = {}
        found: list[Entry] | None = None
        i = self.skip(i + 1)
        while not self.text.startswith("}", i):
            key, i = self.decode(i)
            i = self.expect(self.skip(i), ":")
            sub = {p[1:] for p in paths if p and p[0] == key}
            if sub and found is None:
                found, members[key], i = self.value(i, sub)
            else:
                members[key], i = self.decode(i)
            i = self.skip(i)
            if not self.text.startswith("}", i):
                i = self.expect(i, ",")
        if found is None and () in paths:
            found = [(start_line, members)]
        return found, members, i + 1


def _document(text: str, paths: set[Path]) -> list[Entry]:
    walker = _Walker(text)
    try:
        found, _, end = walker.value(walker.skip(0), paths)
        end = walker.skip(end)
        if end != len(text):
            raise json.JSONDecodeError("Extra data", text, end)
    except (ValueError, RecursionError) as exc:  # text is decoded: never UnicodeDecodeError
        raise _decode_error(exc, b"") from None
    return found or []


def _one_line_object(raw: bytes) -> bool:
    s = raw.strip()
    return len(s) > 1 and s.startswith(b"{") and s.endswith(b"}")


def iter_json(
    stream: BinaryIO, *, path: str, records: Collection[Path]
) -> Iterator[Entry | RecordError]:
    """Each record of a JSON stream as (line, value), found along the ``records`` key
    paths; a later JSON line that cannot be read is a :class:`RecordError`."""
    paths = {(), *records}
    first_no, first = 0, b""
    for raw in stream:
        first_no += 1
        if raw.strip():
            first = raw
            break
    if not first:
        raise ParseError(path, "empty file", line=1)
    try:
        value = _loads(first)
    except _TooDeep as exc:
        raise ParseError(path, exc.reason, line=first_no) from None
    except _Unreadable as exc:
        if not _one_line_object(first):
            yield from _whole(first + stream.read(), first_no, path, paths)
            return
        yield RecordError(path, first_no, exc.reason)
    else:
        yield from ((first_no, v) for v in _pick(value, paths) or [])
    for line_no, raw in enumerate(stream, first_no + 1):
        if not raw.strip():
            continue
        try:
            value = _loads(raw)
        except _Unreadable as exc:
            yield RecordError(path, line_no, exc.reason)
            continue
        yield from ((line_no, v) for v in _pick(value, paths) or [])


def _whole(data: bytes, first_no: int, path: str, paths: set[Path]) -> Iterator[Entry]:
    """A JSON document spread over many lines; ``first_no`` is its first non-blank line."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = _bad_utf8(data, exc)
        raise ParseError(path, bad.reason, line=first_no + bad.line - 1) from None
    try:
        entries = _document(text, paths)
    except _Unreadable as exc:
        raise ParseError(path, exc.reason, line=first_no + exc.line - 1) from None
    for line, value in entries:
        yield first_no + line - 1, value


def iter_records(
    stream: BinaryIO,
    *,
    path: str,
    records: Collection[Path],
    read: Callable[[Any, int], list[Item]],
) -> Iterator[Item]:
    """The records ``read`` makes of each value found along ``records``.

    ``read(value, line)`` raises :class:`WrongShape` for a value that is not a record
    of the format (a :class:`ParseError` when no record came before it) and
    :class:`BadRecord` for one it cannot use; both become RecordErrors later on."""
    shape_known = False
    for entry in iter_json(stream, path=path, records=records):
        if isinstance(entry, RecordError):
            yield entry
            continue
        line, value = entry
        try:
            items = read(value, line)
        except WrongShape as exc:
            if not shape_known:
                raise ParseError(path, str(exc), line=line) from None
            yield RecordError(path, line, str(exc))
            continue
        except BadRecord as exc:  # a record of the format, one it cannot use
            items = [RecordError(path, line, str(exc))]
        shape_known = True
        yield from items
