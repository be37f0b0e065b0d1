"""How each identifier kind is written in documents, and its one normal form.

Every loader that meets a DOI, an arXiv id, an ORCID or an OpenAlex id in its text
cleans it here, and graph/schema.py declares each identifier kind with the same
function as its normalizer, so a DOI written ``https://doi.org/10.1145/X`` in a BibTeX
file and ``10.1145/x`` in an OpenAlex record meet under one key. The functions are pure
and total: any string in, the normal form or ``None`` (not an identifier of that kind).
"""

from __future__ import annotations

import re

__all__ = [
    "clean_arxiv_id",
    "clean_dblp_key",
    "clean_dblp_pid",
    "clean_doi",
    "clean_openalex_id",
    "clean_orcid",
    "doi_in_text",
]

_DOI_PREFIX_RE = re.compile(r"^\s*(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)
_DOI_IN_TEXT_RE = re.compile(r"(?:https?://(?:dx\.)?doi\.org/|\bdoi:\s*)(10\.\S+)", re.I)
_ARXIV_PREFIX_RE = re.compile(r"^\s*(?:arxiv:\s*|https?://(?:www\.)?arxiv\.org/(?:abs|pdf)/)", re.I)
_ARXIV_VERSION_RE = re.compile(r"(?<=\d)v\d+$")
_ORCID_RE = re.compile(r"(\d{4}-\d{4}-\d{4}-\d{3}[\dXx])")
_OPENALEX_RE = re.compile(r"(?:^|/)([WAISCPFTwaiscpft]\d+)$")


def clean_doi(raw: str | None) -> str | None:
    """A DOI without resolver prefix, lowercased (DOIs are case-insensitive).

    >>> clean_doi("https://doi.org/10.1145/3600006.3613165")
    '10.1145/3600006.3613165'
    >>> clean_doi("DOI: 10.48550/arXiv.2309.06180")
    '10.48550/arxiv.2309.06180'
    >>> clean_doi("  ") is None
    True
    """
    if not raw:
        return None
    doi = _DOI_PREFIX_RE.sub("", raw).strip().lower()
    return doi or None


def doi_in_text(text: str | None) -> str | None:
    """The first DOI written as a resolver link or ``doi:`` inside free text (an ``ee``
    or ``url`` field)."""
    if not text:
        return None
    m = _DOI_IN_TEXT_RE.search(text)
    return clean_doi(m.group(1).rstrip(".,;)")) if m else None


def clean_arxiv_id(raw: str | None) -> str | None:
    """An arXiv id without prefix, URL or version: versions of a preprint are one work.

    >>> clean_arxiv_id("arXiv:2309.06180v2")
    '2309.06180'
    >>> clean_arxiv_id("https://arxiv.org/abs/hep-th/9901001v1")
    'hep-th/9901001'
    """
    if not raw:
        return None
    a = _ARXIV_PREFIX_RE.sub("", raw).strip()
    if a.endswith(".pdf"):
        a = a[: -len(".pdf")]
    a = _ARXIV_VERSION_RE.sub("", a)
    return a or None


def clean_orcid(raw: str | None) -> str | None:
    """The 16-character ORCID iD (``0000-0002-1825-0097``), from a bare id or its URL.

    >>> clean_orcid("https://orcid.org/0000-0002-1825-009x")
    '0000-0002-1825-009X'
    """
    if not raw:
        return None
    m = _ORCID_RE.search(raw)
    return m.group(1).upper() if m else None


def clean_openalex_id(raw: str | None) -> str | None:
    """The short OpenAlex id (``W2741809807``), from a bare id or its URL."""
    if not raw:
        return None
    m = _OPENALEX_RE.search(raw.strip())
    return m.group(1).upper() if m else None


def clean_dblp_key(raw: str | None) -> str | None:
    """A DBLP record key (``conf/sosp/KwonLZ0ZY0S23``), as DBLP writes it."""
    return raw.strip() or None if raw else None


def clean_dblp_pid(raw: str | None) -> str | None:
    """A DBLP person name with its homonym suffix (``Wei Wang 0001``), spacing folded."""
    return " ".join(raw.split()) or None if raw else None
