"""Inline markup that database exports leave in titles and names.

Web of Science, Scopus, Zotero and PubMed keep the publisher's HTML/JATS inline tags
(``<i>Tropical</i>``, ``H<sub>2</sub>O``, ``<p>...</p>``) in plain-text fields. The
records hold text, so the tags go and their content stays; a comparison such as
``p < 0.05`` is not a tag (a tag starts with a letter right after ``<``) and stays.
"""

from __future__ import annotations

import re

__all__ = ["strip_tags"]

_TAG_RE = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>")


def strip_tags(text: str) -> str:
    """The text without inline tags, whitespace folded.

    >>> strip_tags("Effects of <i>Heliconia</i> on H<sub>2</sub>O at p < 0.05 ")
    'Effects of Heliconia on H2O at p < 0.05'
    """
    return " ".join(_TAG_RE.sub("", text).split())
