"""The lines of an export file as text, when not every byte of it may be UTF-8.

Tagged and CSV exports are read line by line in constant memory, and a line that is not
UTF-8 must cost only the record it belongs to, not the file: :func:`utf8_lines` decodes
each line on its own and tells the reader which ones it could not.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

__all__ = ["utf8_lines"]


def utf8_lines(stream: BinaryIO, undecodable: set[int]) -> Iterator[str]:
    """The lines of a binary stream as text, line ends kept and the byte-order mark
    dropped. The 1-based numbers of lines that are not UTF-8 are added to
    ``undecodable`` (such a line is yielded decoded with replacement characters, so
    that the reader can go on and report the record it belongs to).

    >>> bad = set()
    >>> list(utf8_lines(__import__("io").BytesIO(b"\\xef\\xbb\\xbfA\\r\\nB\\xe9\\n"), bad)), bad
    (['A\\r\\n', 'B\\ufffd\\n'], {2})
    """
    for line_no, raw in enumerate(stream, 1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            undecodable.add(line_no)
            text = raw.decode("utf-8", errors="replace")
        yield text.lstrip("\ufeff") if line_no == 1 else text
