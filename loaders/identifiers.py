"""How each identifier kind is written in documents, and its one normal form.

Every loader that meets a DOI, an arXiv id, an ORCID or an OpenAlex id in its text
cleans it here, and graph/schema.py declares each identifier kind with the same
function as its normalizer, so a DOI written ``https://doi.org/10.1145/X`` in a BibTeX
file and ``10.1145/x`` in an OpenAlex record meet under one key. The functions are pure
and total: any string in, the normal form or ``None`` (not an identifier of that kind).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

__all__ = [
    "clean_arxiv_id",
    "clean_dblp_key",
    "clean_dblp_pid",
    "clean_doi",
    "clean_lens_id",
    "clean_openalex_id",
    "clean_orcid",
    "clean_pmcid",
    "clean_pmid",
    "clean_researcher_id",
    "clean_ror",
    "clean_s2_author_id",
    "clean_s2_paper_id",
    "clean_scopus_author_id",
    "clean_scopus_eid",
    "clean_wos_ut",
    "doi_in_text",
    "url_host_path",
]

_DOI_PREFIX_RE = re.compile(r"^\s*(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)
_DOI_IN_TEXT_RE = re.compile(r"(?:https?://(?:dx\.)?doi\.org/|\bdoi:\s*)(10\.\S+)", re.I)
_ARXIV_PREFIX_RE = re.compile(r"^\s*(?:arxiv:\s*|https?://(?:www\.)?arxiv\.org/(?:abs|pdf)/)", re.I)
_ARXIV_VERSION_RE = re.compile(r"(?<=\d)v\d+$")
_ORCID_RE = re.compile(r"(\d{4}-\d{4}-\d{4}-\d{3}[\dXx])")
_OPENALEX_RE = re.compile(r"(?:^|/)([WAISCPFTwaiscpft]\d+)$")
_WOS_UT_RE = re.compile(r"^(?:WOS:|ISI:)?\s*([0-9A-Z]{15})$", re.I)
_SCOPUS_EID_RE = re.compile(r"(2-s2\.0-\d{1,20})(?!\d)", re.I)
# Ids are bounded (int() refuses 4,300 digits, and no id of these kinds has 20)
_DIGITS_RE = re.compile(r"^\s*(\d{1,20})\s*$")
_PMID_RE = re.compile(r"^\s*(?:pmid:?\s*)?(\d{1,20})\s*$", re.I)
_PMCID_RE = re.compile(r"^\s*(?:pmcid:?\s*)?(?:PMC)?(\d{1,20})\s*$", re.I)
_S2_PAPER_RE = re.compile(r"(?:^|/)([0-9a-f]{40})$", re.I)
_RESEARCHER_ID_RE = re.compile(r"^\s*([A-Z]{1,3}-\d{4}-(?:19|20)\d{2})\s*$", re.I)
_LENS_ID_RE = re.compile(r"^\s*(?:https?://(?:www\.)?lens\.org/)?(\d{3}(?:-\d{3}){4})\s*$")
_ROR_RE = re.compile(r"(?:^|ror\.org/)(0[a-z0-9]{6}\d{2})$", re.I)


def url_host_path(url: str) -> tuple[str, str]:
    """The lowercased host and the path of a URL, where identifiers hide
    (``arxiv.org/abs/...``, ``doi.org/10...``); ``("", "")`` for text that urllib cannot
    split (``http://[document``: a bracketed host that is no IP address).

    >>> url_host_path("https://ArXiv.org/abs/2401.00001v2")
    ('arxiv.org', '/abs/2401.00001v2')
    """
    try:
        parts = urlsplit(url)
        return (parts.hostname or "").lower(), parts.path
    except ValueError:
        return "", ""


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


def clean_wos_ut(raw: str | None) -> str | None:
    """A Web of Science accession number as ``WOS:`` + 15 characters (``UT`` field).

    >>> clean_wos_ut("WOS:000456789012345")
    'WOS:000456789012345'
    >>> clean_wos_ut("isi:000456789012345")
    'WOS:000456789012345'
    """
    m = _WOS_UT_RE.match(raw.strip()) if raw else None
    return "WOS:" + m.group(1).upper() if m else None


def clean_scopus_eid(raw: str | None) -> str | None:
    """A Scopus record id (``2-s2.0-85091234567``), from a bare EID or a Scopus URL."""
    m = _SCOPUS_EID_RE.search(raw) if raw else None
    return m.group(1).lower() if m else None


def clean_pmid(raw: str | None) -> str | None:
    """A PubMed id: digits only, without leading zeros (``PMID: 31452104``)."""
    m = _PMID_RE.match(raw) if raw else None
    return str(int(m.group(1))) if m and int(m.group(1)) > 0 else None


def clean_pmcid(raw: str | None) -> str | None:
    """A PubMed Central id as ``PMC`` + digits."""
    m = _PMCID_RE.match(raw) if raw else None
    return "PMC" + str(int(m.group(1))) if m and int(m.group(1)) > 0 else None


def clean_s2_paper_id(raw: str | None) -> str | None:
    """A Semantic Scholar paper id (40 hex characters), lowercased."""
    m = _S2_PAPER_RE.search(raw.strip()) if raw else None
    return m.group(1).lower() if m else None


def clean_s2_author_id(raw: str | None) -> str | None:
    """A Semantic Scholar author id: digits."""
    m = _DIGITS_RE.match(raw) if raw else None
    return str(int(m.group(1))) if m else None


def clean_scopus_author_id(raw: str | None) -> str | None:
    """A Scopus author id: digits (``57209571323``)."""
    m = _DIGITS_RE.match(raw) if raw else None
    return str(int(m.group(1))) if m else None


def clean_researcher_id(raw: str | None) -> str | None:
    """A Web of Science ResearcherID (``A-1234-2010``), uppercased."""
    m = _RESEARCHER_ID_RE.match(raw) if raw else None
    return m.group(1).upper() if m else None


def clean_ror(raw: str | None) -> str | None:
    """A ROR id without its URL (``https://ror.org/01an7q238`` -> ``01an7q238``)."""
    m = _ROR_RE.search(raw.strip()) if raw else None
    return m.group(1).lower() if m else None


def clean_lens_id(raw: str | None) -> str | None:
    """A Lens.org scholarly work id (``000-129-062-968-365``), from a bare id or its URL.

    >>> clean_lens_id("https://lens.org/000-129-062-968-365")
    '000-129-062-968-365'
    """
    m = _LENS_ID_RE.match(raw) if raw else None
    return m.group(1) if m else None
