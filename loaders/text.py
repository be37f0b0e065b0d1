"""Text as database exports write it: bytes that may not all be UTF-8, and HTML markup
inside titles.

Exports are read line by line in constant memory; a line that is not UTF-8 must cost
only the record it belongs to, so :func:`utf8_lines` decodes each line on its own and
reports the ones it could not. Web of Science and Scopus keep the publisher's inline
markup in titles ("<i>Tropical</i> forests", "<i>H</i><i>eliconia acuminata</i>",
"CO<sub>2</sub>"): left in, the same title written with and without it would never
match, so :func:`strip_html` removes it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import BinaryIO

__all__ = ["strip_html", "utf8_lines"]

_TAG_RE = re.compile(r"</?[A-Za-z][^<>]*>")


def strip_html(text: str) -> str:
    """Text without HTML tags, entities decoded, whitespace collapsed. Only tags are
    removed: a "<" that opens no tag, as in "p < 0.05", stays.

    >>> strip_html("<i>H</i><i>eliconia acuminata</i> in p < 0.05 &amp; more")
    'Heliconia acuminata in p < 0.05 & more'
    """
    return " ".join(html.unescape(_TAG_RE.sub("", text)).split())


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
