"""arXiv metadata snapshot (Kaggle/Cornell ``arxiv-metadata-oai-snapshot.json``).

JSON lines, one paper per line, 2.4M lines in the full snapshot: the stream is read one
line at a time and each record is yielded as soon as it is built, so memory stays flat.

Mapping decisions:

- Names come from ``authors_parsed`` ([last, first, suffix, affiliation?]), not from the
  free-text ``authors``, which mixes names with affiliation blocks and "et al". The display
  name is "first last suffix" ("Neal J. Evans II") after :func:`latex_to_text`
  (``C. Bal\\'azs`` -> "C. Balázs"); ``raw`` keeps the same join before cleaning.
- The fourth slot is an affiliation ("Oxford") unless it only holds markers ("1 and 2");
  then the first marker is looked up in the ``((1) CREST, ..., (2) ...)`` block that ends
  the ``authors`` string.
- Collaborations ("The BABAR Collaboration", an entry with no first name) stay in the
  list at their position as corporate authors: they are the byline the paper gives. The
  leading "The" is dropped from the display name ("BABAR Collaboration") so that bylines
  with and without it are one author; ``raw`` keeps it.
- "et al" / "and others" in ``authors`` (or an "et al." entry in ``authors_parsed``,
  which is dropped) set ``authors_truncated``; no names are invented.
- date/year: the first version's ``created`` (RFC 2822), when the paper first appeared;
  ``update_date`` is when the metadata last changed, not a publication date.
- venue: ``journal-ref`` -> VenueRef(kind journal) named by the citation's leading words
  ("Phys.Rev.D76:013009,2007" -> "Phys.Rev.D", year 2007), since the whole citation would
  make one venue per paper; without it VenueRef("arXiv", kind preprint).
- title: whitespace collapsed and LaTeX accents outside ``$...$`` turned into letters
  ("Gr\\"obner" -> "Gröbner") so titles match other sources; math stays as written.
  abstract: whitespace collapsed only.
- doi: the first DOI of the field, lowercased. categories: the codes as written.

Errors: an empty file, a first record that is not an arXiv metadata object, or a line
nested deeper than a JSON decoder can follow (hostile, not damaged) raises
:class:`ParseError`. A line that is not JSON, lacks id/title/authors_parsed, or has a
member of the wrong type (``versions`` as a string) becomes a :class:`RecordError`
naming the line and the member, and reading goes on. Decoding and typed access go
through loaders/jsonsafe.py.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import io
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from loaders.errors import ParseError
from loaders.format import Format, starts_with
from loaders.identifiers import clean_doi
from loaders.jsonsafe import JSONError, TooDeep, WrongType, items, loads, member
from loaders.latex import latex_to_text
from loaders.records import AuthorRef, PaperRecord, ParsedDocument, RecordError, VenueRef
from loaders.text import escape, quote

__all__ = ["FORMAT", "iter_arxiv", "journal_name", "looks_like_arxiv", "parse_arxiv"]

_TRUNCATED_RE = re.compile(r"\bet\.?\s*al\b|\band\s+others\b", re.IGNORECASE)
_ET_AL_ENTRY_RE = re.compile(r"^(?:et\.?\s*al\.?|al\.?\s*et|others)$", re.IGNORECASE)
_COLLAB_RE = re.compile(r"\b(?:collaborations?|consortium)\b", re.IGNORECASE)
_MARKERS_RE = re.compile(r"^\s*\d+(?:\s*(?:,|and|&)\s*\d+)*\s*$")
_MARKER_SPLIT_RE = re.compile(r"\((\d+)\)")
_MATH_RE = re.compile(r"(\$[^$]*\$)")
_JREF_CUT_RE = re.compile(r"[\s,]*(?:\b(?:vol(?:ume)?|no|v)\b\.?\s*)?\d", re.IGNORECASE)
_YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b")
_NEW_ID_RE = re.compile(r"^(\d{2})(\d{2})\.\d{4,5}$")
_OLD_ID_RE = re.compile(r"^[a-z-]+(?:\.[A-Za-z-]+)?/(\d{2})(\d{2})\d{3}$")
_SNIFF_RE = re.compile(r'^\s*\{\s*"id"\s*:\s*"[^"]*"\s*,\s*"submitter"\s*:')

Item = PaperRecord | RecordError


class _BadRecord(ValueError):
    """A record this loader cannot use; becomes a RecordError for its line."""


def looks_like_arxiv(head: bytes) -> bool:
    """True when the first bytes are a snapshot line: ``{"id": ..., "submitter": ...``.

    The first two keys are checked, not ``authors_parsed``: that key comes last and a
    long abstract pushes it past the first 4 KB.

    >>> looks_like_arxiv(b'{"id":"0704.0001","submitter":"Pavel Nadolsky","authors":"C. B"')
    True
    >>> looks_like_arxiv(b'{"id":"https://openalex.org/W1","doi":null}')
    False
    """
    text = head[:4096].decode("utf-8", errors="replace").lstrip("\ufeff")
    if _SNIFF_RE.match(text):
        return True
    return '"authors_parsed"' in text and '"categories"' in text and text.lstrip()[:1] == "{"


def _norm(text: str) -> str:
    return " ".join(text.split())


def _clean_title(title: str) -> str:
    """Accents to letters outside math; ``$...$`` kept verbatim."""
    out = []
    for i, part in enumerate(_MATH_RE.split(title)):
        if i % 2 or ("\\" not in part and "{" not in part):
            out.append(part)
            continue
        lead = " " if part[:1].isspace() else ""
        trail = " " if part[-1:].isspace() else ""
        out.append(lead + latex_to_text(part) + trail)
    return _norm("".join(out))


def journal_name(journal_ref: str) -> str:
    """The journal a ``journal-ref`` citation names: its words before volume and pages.

    >>> journal_name("Phys.Rev.D76:013009,2007")
    'Phys.Rev.D'
    >>> journal_name("Journal of Applied Physics, vol 104, 073536 (2008)")
    'Journal of Applied Physics'
    >>> journal_name("Contrib. Plasma Phys.Volume 47, 368, 2007")
    'Contrib. Plasma Phys.'
    """
    first = _norm(journal_ref.split(";")[0])
    m = _JREF_CUT_RE.search(first)
    name = first[: m.start()] if m is not None else first
    name = name.rstrip(" ,:;-")
    return name if len(name) >= 2 else first


def _journal_year(journal_ref: str) -> int | None:
    years = _YEAR_RE.findall(journal_ref.split(";")[0])
    return int(years[-1]) if years else None


def _affiliation_blocks(authors: str) -> dict[str, str]:
    """Marker -> affiliation from the trailing ``((1) A, (2) B)`` block of ``authors``."""
    start = authors.find("((1)")
    if start < 0:
        return {}
    block = authors[start + 1 :].rstrip()
    if block.endswith(")"):
        block = block[:-1]
    parts = _MARKER_SPLIT_RE.split(block)
    found: dict[str, str] = {}
    for marker, text in zip(parts[1::2], parts[2::2], strict=True):
        cleaned = latex_to_text(text).strip(" ,;")
        if cleaned:
            found[marker] = cleaned
    return found


def _affiliation(slot: str, blocks: dict[str, str]) -> str | None:
    if _MARKERS_RE.match(slot):
        first = re.findall(r"\d+", slot)[0]
        return blocks.get(first)
    cleaned = latex_to_text(slot).strip(" ,;")
    return cleaned or None


def _authors(rec: dict[str, Any]) -> tuple[tuple[AuthorRef, ...], bool]:
    """The author list and whether the document shows it is cut short."""
    if member(rec, "authors_parsed", list) is None:
        raise _BadRecord("no authors_parsed list")
    authors_text = member(rec, "authors", str) or ""
    truncated = bool(_TRUNCATED_RE.search(authors_text))
    blocks = _affiliation_blocks(authors_text)
    refs: list[AuthorRef] = []
    for n, entry in enumerate(items(rec, "authors_parsed", list)):
        if not entry or not all(isinstance(s, str) for s in entry):
            raise _BadRecord(f"authors_parsed[{n}] is not a list of strings")
        last, first, suffix = [*entry, "", ""][:3]
        raw = _norm(" ".join(p for p in (first, last, suffix) if p.strip()))
        if not raw:
            continue
        if _ET_AL_ENTRY_RE.match(raw):
            truncated = True
            continue
        name = latex_to_text(raw)
        if _COLLAB_RE.search(name) and name.lower().startswith("the "):
            name = name[4:].lstrip()
        affiliation = _affiliation(entry[3], blocks) if len(entry) > 3 and entry[3] else None
        refs.append(AuthorRef(name=name, position=len(refs) + 1, raw=raw, affiliation=affiliation))
    return tuple(refs), truncated


def _first_date(rec: dict[str, Any]) -> dt.date | None:
    versions = items(rec, "versions", dict)
    if not versions:
        return None
    created = member(versions[0], "created", str, "versions[0].")
    if created is None:
        return None
    try:
        return email.utils.parsedate_to_datetime(created).date()
    except (TypeError, ValueError, OverflowError) as exc:
        raise _BadRecord(f"first version date {quote(created)} is not RFC 2822") from exc


def _year_from_id(arxiv_id: str) -> int | None:
    """``0704.0001`` and ``math/0701234`` carry the year and month of submission."""
    m = _NEW_ID_RE.match(arxiv_id) or _OLD_ID_RE.match(arxiv_id)
    if m is None:
        return None
    yy = int(m.group(1))
    return 1900 + yy if yy >= 91 else 2000 + yy


def _text(rec: dict[str, Any], key: str) -> str | None:
    value = member(rec, key, str)
    return (_norm(value) or None) if value is not None else None


def _paper(rec: dict[str, Any], line: int) -> PaperRecord:
    try:
        return _typed_paper(rec, line)
    except WrongType as exc:
        raise _BadRecord(str(exc)) from None


def _typed_paper(rec: dict[str, Any], line: int) -> PaperRecord:
    arxiv_id = _text(rec, "id")
    title = _text(rec, "title")
    if arxiv_id is None:
        raise _BadRecord("no id")
    if title is None:
        raise _BadRecord(f"{escape(arxiv_id)}: no title")
    authors, truncated = _authors(rec)
    date = _first_date(rec)
    year = date.year if date is not None else _year_from_id(arxiv_id)
    jref = _text(rec, "journal-ref")
    venue = (
        VenueRef(name=journal_name(jref), kind="journal", year=_journal_year(jref))
        if jref
        else VenueRef(name="arXiv", kind="preprint", year=year)
    )
    doi_field = _text(rec, "doi")
    categories = _text(rec, "categories")
    return PaperRecord(
        title=_clean_title(title),
        line=line,
        authors=authors,
        authors_truncated=truncated,
        year=year,
        date=date,
        abstract=_text(rec, "abstract"),
        doi=clean_doi(doi_field.split()[0]) if doi_field else None,
        arxiv_id=arxiv_id,
        url=f"https://arxiv.org/abs/{arxiv_id}",
        venue=venue,
        categories=tuple(categories.split()) if categories else (),
        kind="preprint",
    )


def _is_arxiv_shape(obj: Any) -> bool:
    return isinstance(obj, dict) and "id" in obj and ("authors_parsed" in obj or "authors" in obj)


def iter_arxiv(stream: BinaryIO, *, path: str) -> Iterator[PaperRecord | RecordError]:
    """Yield one PaperRecord (or RecordError) per non-blank line of the snapshot."""
    shape_known = False
    seen_any = False
    for line_no, raw in enumerate(stream, 1):
        if not raw.strip():
            continue
        seen_any = True
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield RecordError(path, line_no, f"not UTF-8: {exc.reason} at byte {exc.start}")
            continue
        try:
            obj = loads(text)
        except TooDeep as exc:
            raise ParseError(path, f"not usable JSON: {exc.on_line}", line=line_no) from None
        except JSONError as exc:
            if not shape_known and not text.lstrip().startswith("{"):
                raise ParseError(
                    path, f"not arXiv JSON lines: {exc.reason}", line=line_no
                ) from None
            yield RecordError(path, line_no, f"not JSON: {exc.on_line}")
            continue
        if not shape_known:
            if not _is_arxiv_shape(obj):
                raise ParseError(path, "not an arXiv metadata record (no id/authors)", line=line_no)
            shape_known = True
        if not isinstance(obj, dict):
            yield RecordError(path, line_no, f"a JSON {type(obj).__name__}, not an object")
            continue
        try:
            yield _paper(obj, line_no)
        except _BadRecord as exc:
            yield RecordError(path, line_no, str(exc))
    if not seen_any:
        raise ParseError(path, "empty file", line=1)


def parse_arxiv(data: bytes | str, *, path: str) -> ParsedDocument:
    """Read a whole snapshot (or a slice of one) into a ParsedDocument."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    doc = ParsedDocument(path=path, format="arxiv")
    for item in iter_arxiv(io.BytesIO(raw), path=path):
        doc.read += 1
        doc.add(item)
    return doc


def _sniff(head: str) -> bool:
    """JSON with the snapshot's own keys (``authors_parsed``, or ``submitter`` and
    ``versions``)."""
    return starts_with(head, "{", "[") and (
        '"authors_parsed"' in head or ('"submitter"' in head and '"versions"' in head)
    )


FORMAT = Format(
    name="arxiv",
    description="the arXiv metadata snapshot (JSON lines), streamed",
    sniff=_sniff,
    stream=iter_arxiv,
)
