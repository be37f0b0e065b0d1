"""HTML markup in exported titles and abstracts, stripped to plain text.

Web of Science and Scopus keep the publisher's inline markup in titles ("<i>Tropical</i>
forests", "<i>H</i><i>eliconia acuminata</i>", "CO<sub>2</sub>"): left in, the same
title written with and without it would never match. Only tags are removed (a "<" that
opens no tag, as in "p < 0.05", stays); entities are decoded; Unicode is kept.
"""

from __future__ import annotations

import html
import re

__all__ = ["strip_html"]

_TAG_RE = re.compile(r"</?[A-Za-z][^<>]*>")


def strip_html(text: str) -> str:
    """Text without HTML tags, entities decoded, whitespace collapsed.

    >>> strip_html("<i>H</i><i>eliconia acuminata</i> in p < 0.05 &amp; more")
    'Heliconia acuminata in p < 0.05 & more'
    """
    return " ".join(html.unescape(_TAG_RE.sub("", text)).split())
