"""Markup inside bibliographic text fields, reduced to the text it marks up.

Crossref titles and abstracts carry HTML and JATS tags ("<i>Tropical</i>",
"<jats:p>...</jats:p>"), Semantic Scholar and Lens titles sometimes HTML entities.
Titles are matched across sources by their text, so tags go and entities become the
characters they stand for; Unicode stays as it is. Inline tags (italics, sub- and
superscripts) vanish without a trace ("CO<sub>2</sub>" -> "CO2"); any other tag marks
a break between blocks and becomes a space.
"""

from __future__ import annotations

import html
import re

__all__ = ["strip_markup"]

# a tag starts with a letter after "<" or "</": "p<0.05" and "a < b" are text
_TAG_RE = re.compile(r"</?([A-Za-z][\w.-]*:)?([A-Za-z][\w.-]*)(?:\s[^<>]*)?/?>")
_INLINE = frozenset(
    {"a", "b", "bold", "em", "i", "inline-formula", "italic", "monospace", "sc", "scp"}
    | {"small", "span", "strong", "sub", "sup", "tt", "u", "underline"}
)


def strip_markup(text: str) -> str:
    """``text`` without tags, entities decoded, whitespace folded.

    >>> strip_markup("Synthesis of <i>N</i>-Aryl CO<sub>2</sub> &amp; more")
    'Synthesis of N-Aryl CO2 & more'
    >>> strip_markup("<jats:p>One.</jats:p><jats:p>Two, p<0.05.</jats:p>")
    'One. Two, p<0.05.'
    """
    if "<" in text:
        text = _TAG_RE.sub(lambda m: "" if m.group(2).lower() in _INLINE else " ", text)
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.split())
