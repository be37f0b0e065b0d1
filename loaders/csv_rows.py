"""The rows of a CSV export with the physical line each starts on.

Database CSV exports quote fields that hold commas and newlines, so a row can span
several lines and the line a record starts on is not its row number; the csv module
knows it (``line_num`` counts physical lines read), and records and errors carry it.
Line breaks are read as they come (CRLF, LF or CR): the text is read with universal
newline recognition and nothing translated inside quoted fields.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from loaders.errors import ParseError
from loaders.records import RecordError

__all__ = ["Row", "csv_rows", "header_fields"]


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: the line it starts on and its cells by column name."""

    line: int
    cells: dict[str, str]

    def get(self, column: str) -> str | None:
        """The cell without surrounding blanks, None when empty or absent."""
        value = self.cells.get(column, "").strip()
        return value or None


def csv_rows(
    text: str, *, path: str, required: Sequence[str], delimiter: str = ","
) -> Iterator[Row | RecordError]:
    """Rows of a CSV text whose header has every ``required`` column; a row with another
    number of fields than the header is a RecordError. A missing header or column, or
    text the csv module cannot read, is a ParseError."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader, [])]
        missing = [c for c in required if c not in header]
        if missing:
            raise ParseError(path, f"no {missing[0]!r} column in the header", line=1)
        before = reader.line_num
        for cells in reader:
            start, before = before + 1, reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(header):
                yield RecordError(
                    path, start, f"{len(cells)} fields where the header has {len(header)}"
                )
                continue
            yield Row(start, dict(zip(header, cells, strict=True)))
    except csv.Error as exc:
        raise ParseError(path, f"not readable as CSV: {exc}", line=reader.line_num) from None


def header_fields(head: str, delimiter: str = ",") -> list[str]:
    """The column names of the first line of a text (for sniffing a CSV export)."""
    first = head.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    try:
        return [h.strip() for h in next(csv.reader([first], delimiter=delimiter), [])]
    except csv.Error:
        return []
