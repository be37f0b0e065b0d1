"""What the registry needs to know about one input format, declared by its loader.

Each loader module ends with a ``FORMAT`` that names the format, says in one line what
it reads, recognises it from the first bytes of a file and says how to read it. The
table in loaders/registry.py lists these declarations, so a new format is its loader
module plus one line there: the CLI, the upload route, manifests, discovery and
ingest all work from the table.

A format is read in exactly one of three ways:

- ``parse``: the whole text of one file at once (the seed captures);
- ``parse_group``: the whole texts of every file of that format in one load at once,
  for formats whose files refer to each other (BibTeX: ``@string`` macros and
  ``crossref`` targets in one file apply to the others);
- ``stream``: records one at a time from an open binary file, in constant memory
  (dumps that do not fit in memory: DBLP, arXiv, OpenAlex).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import BinaryIO, Protocol

from loaders.records import PaperRecord, ParsedDocument, PersonRecord, RecordError

__all__ = [
    "DocumentParser",
    "Format",
    "GroupParser",
    "Record",
    "StreamReader",
    "head_lines",
    "starts_with",
]

Record = PaperRecord | PersonRecord | RecordError


class DocumentParser(Protocol):
    """One file's text to its document. ``owner`` and ``captured`` come from the
    manifest; a format without an owner (or without year-less dates) ignores them."""

    def __call__(
        self, text: str, *, path: str, owner: str | None, captured: dt.date | None
    ) -> ParsedDocument: ...


class GroupParser(Protocol):
    """``(path, text)`` pairs to one document per pair, in the same order."""

    def __call__(self, files: Sequence[tuple[str, str]]) -> list[ParsedDocument]: ...


class StreamReader(Protocol):
    """The records of an open file. If what it returns has an int ``read`` attribute,
    that counts every record seen, including those passed over without yielding."""

    def __call__(self, stream: BinaryIO, *, path: str) -> Iterable[Record]: ...


@dataclass(frozen=True, slots=True)
class Format:
    """One input format. ``sniff`` gets the first 8 KB of a file decoded as UTF-8
    (undecodable bytes replaced) and says whether the file is in this format; the
    registry asks each format in table order, so a loose test may rely on the stricter
    ones before it having said no."""

    name: str
    description: str
    sniff: Callable[[str], bool]
    parse: DocumentParser | None = None
    parse_group: GroupParser | None = None
    stream: StreamReader | None = None

    def __post_init__(self) -> None:
        readers = [r for r in (self.parse, self.parse_group, self.stream) if r is not None]
        if len(readers) != 1:
            raise ValueError(
                f"format {self.name!r} must have exactly one of parse, parse_group, stream"
            )

    @property
    def streaming(self) -> bool:
        """Whether records come one at a time from the file, never held whole."""
        return self.stream is not None


def starts_with(head: str, *prefixes: str) -> bool:
    """Whether the text, past a byte-order mark and blank space, starts with a prefix."""
    return head.lstrip("\ufeff \t\r\n").startswith(prefixes)


def head_lines(head: str, count: int = 12) -> list[str]:
    """The first ``count`` non-blank lines, stripped: where a page capture shows what
    page it is."""
    return [line.strip() for line in head.splitlines() if line.strip()][:count]
