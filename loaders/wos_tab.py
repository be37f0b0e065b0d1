"""Web of Science tab-delimited export ("Tab-delimited (Win, UTF-8)", ``savedrecs.txt``).

A header row of the same two-letter tags as the plain-text export (``PT AU BA BE GP AF
...``), one row per record; UTF-8 with a byte-order mark and CRLF line ends. Every
data row ends with one more tab than the header has, so it has one empty field too
many: extra fields are accepted while they are empty. Cells are never quoted, and a
cell may hold ``"`` characters, so the rows are read with ``csv.QUOTE_NONE``; a cell
therefore cannot hold a tab or a newline and each row is one physical line.

Inside a cell "; " separates the values the plain-text layout puts on separate lines
(authors, addresses, cited references: :data:`loaders.wos.LIST_TAGS`); an address
cell is split only outside its ``[Name; Name]`` brackets. The resulting tag -> values
mapping goes through :func:`loaders.wos.record_from_tags`, so both layouts give the
same records; the mapping decisions are documented there.

Errors: a first row that is not a header of WoS tags raises :class:`ParseError`. A row
with non-empty cells beyond the header, fewer cells than the header, undecodable bytes
or no title becomes a RecordError naming its line, and reading goes on.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from loaders.errors import ParseError
from loaders.format import Format
from loaders.records import RecordError
from loaders.references import split_outside_brackets
from loaders.textlines import utf8_lines
from loaders.wos import LIST_TAGS, BadRecord, Item, record_from_tags

__all__ = ["FORMAT", "iter_wos_tab", "looks_like_wos_tab"]

_TAG_RE = re.compile(r"^[A-Z][A-Z0-9]$")


def _is_header(cells: list[str]) -> bool:
    tags = [c.strip() for c in cells if c.strip()]
    return (
        len(tags) >= 5
        and all(_TAG_RE.match(t) for t in tags)
        and {"PT", "TI"} <= set(tags)
        and ("AU" in tags or "AF" in tags)
    )


def looks_like_wos_tab(head: str) -> bool:
    """Whether a file's first line is a header of WoS tags separated by tabs.

    >>> looks_like_wos_tab("\\ufeffPT\\tAU\\tBA\\tBE\\tGP\\tAF\\tBF\\tCA\\tTI\\tSO\\r\\nJ\\t")
    True
    >>> looks_like_wos_tab("FN Clarivate Analytics Web of Science\\nVR 1.0\\n")
    False
    """
    first = head.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    return "\t" in first and _is_header(first.split("\t"))


def _tags(header: list[str], row: list[str]) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {}
    for tag, cell in zip(header, row, strict=False):
        value = cell.strip()
        if not tag or not value:
            continue
        tags[tag] = split_outside_brackets(value, "; ") if tag in LIST_TAGS else [value]
    return tags


def iter_wos_tab(stream: BinaryIO, *, path: str) -> Iterator[Item]:
    """Yield one PaperRecord (or RecordError) per data row."""
    undecodable: set[int] = set()
    reader = csv.reader(utf8_lines(stream, undecodable), delimiter="\t", quoting=csv.QUOTE_NONE)
    try:
        header = next(reader, None)
    except csv.Error as exc:  # a line longer than any field may be: not this format
        raise ParseError(path, f"not tab-delimited text ({exc})", line=1) from None
    if header is None or not any(c.strip() for c in header):
        raise ParseError(path, "the file is empty", line=1)
    if not _is_header(header):
        raise ParseError(path, "not a Web of Science tab-delimited export (no tag header)", line=1)
    header = [c.strip() for c in header]
    while header and not header[-1]:
        header.pop()
    yield from _rows(reader, header, undecodable, path)


def _rows(
    reader: Iterable[list[str]], header: list[str], undecodable: set[int], path: str
) -> Iterator[Item]:
    line = 1
    rows = iter(reader)
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ParseError(path, f"row cannot be read ({exc})", line=line + 1) from None
        line += 1
        if not any(cell.strip() for cell in row):
            continue
        if line in undecodable:
            yield RecordError(path, line, "the row is not UTF-8")
        elif len(row) < len(header) or any(cell.strip() for cell in row[len(header) :]):
            yield RecordError(path, line, f"{len(row)} fields against a {len(header)}-field header")
        else:
            try:
                yield record_from_tags(_tags(header, row), line=line)
            except BadRecord as exc:
                yield RecordError(path, line, str(exc))


FORMAT = Format(
    name="wos_tab",
    description="Web of Science tab-delimited export (a header row of WoS tags), streamed",
    sniff=looks_like_wos_tab,
    stream=iter_wos_tab,
)
