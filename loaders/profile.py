"""Researcher profile pages (text captured from a paper-tracking site).

A page looks like::

    Ziming Mao                      <- owner, always line 1
    DC                              <- primary arXiv category
    h-index136 / 15papers / 2,145citations / Novelty58% / AI Score60
    15 Papers                       <- heading; paper entries follow
    95.0DBMay 22                    <- entry header: [score]category date [Code]
    The Time is Here for ...        <- title
    Shu Liu, Alexander Krentsel, Shubham Agarwal et al. · org
    Core systems like ...           <- abstract, possibly several paragraphs

Everything on one page is the owner's, so the owner is an author of every paper even
when the page shows only the first three names; that inferred authorship is marked as
such and never passed off as a listed position.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from loaders.dates import DATE_PATTERN, DateParseError, parse_date
from loaders.errors import ParseError
from loaders.format import Format, head_lines
from loaders.latex import latex_to_text
from loaders.records import (
    AuthorRef,
    OwnerMetrics,
    PaperRecord,
    ParsedDocument,
    PersonRecord,
    RecordError,
)
from loaders.text import quote

__all__ = ["FORMAT", "parse_profile"]

_CATEGORY = r"(?:[a-z][a-z-]*\.)?[A-Z]{2,3}"
_HEADER_RE = re.compile(
    rf"(?P<score>\d{{1,3}}(?:\.\d+)?)?(?P<category>{_CATEGORY})"
    rf"(?P<date>{DATE_PATTERN})(?P<code>Code)?"
)
_HEADING_RE = re.compile(r"(?P<count>\d[\d,]*)\s+Papers?")
_METRIC_RES: dict[str, re.Pattern[str]] = {
    "h_index": re.compile(r"h-index\s*(\d[\d,]*)"),
    "paper_count": re.compile(r"(\d[\d,]*)\s*papers?"),
    "citations": re.compile(r"(\d[\d,]*)\s*citations?"),
    "novelty": re.compile(r"Novelty\s*(\d+(?:\.\d+)?)\s*%"),
    "ai_score": re.compile(r"AI Score\s*(\d+(?:\.\d+)?)"),
}
_PRIMARY_RE = re.compile(_CATEGORY)
_TRUNCATION_RE = re.compile(r",?\s*(?:et al\.?|and others)\s*$", re.IGNORECASE)
_NAME_SPLIT_RE = re.compile(r"\s*,\s*|\s+and\s+|\s*&\s*")
_ORG_SEP = " · "
_NUMBER_CHARS = 15  # a metric longer than this is not one (and int() refuses 4,300 digits)


@dataclass(frozen=True, slots=True)
class _AuthorLine:
    names: tuple[str, ...]
    truncated: bool
    organization: str | None


def parse_profile(
    text: str,
    *,
    path: str,
    owner: str | None = None,
    captured: dt.date | None = None,
) -> ParsedDocument:
    """Read one profile page into the owner's metrics and one record per paper.

    ``owner`` (from the manifest) must agree with the name the page itself starts with,
    so that a mislabelled file cannot attribute a whole page of papers to the wrong
    person. ``captured`` supplies the year of year-less dates ("May 22").
    """
    lines = _lines(text, path)
    owner_name = _owner_name(lines, path, owner)
    first_entry, metrics = _read_head(lines, path)
    doc = ParsedDocument(path=path, format="profile", captured=captured)
    doc.owner = PersonRecord(name=owner_name, line=1, metrics=metrics)
    for start, end in _entry_spans(lines, first_entry, doc):
        doc.read += 1
        result = _parse_entry(lines, start, end, owner_name, path, captured)
        if isinstance(result, RecordError):
            doc.errors.append(result)
        else:
            doc.papers.append(result)
    return doc


def _lines(text: str, path: str) -> list[str]:
    """Split into lines, refusing text no page capture can be (empty, binary)."""
    if not text.strip():
        raise ParseError(path, "empty document: not a profile page", line=1)
    text = text.removeprefix("\ufeff")
    lines = [line.rstrip("\r") for line in text.split("\n")]
    for number, line in enumerate(lines, start=1):
        if any(_is_binary(ch) for ch in line):
            raise ParseError(path, "binary content: not a profile page", line=number)
    return lines


def _is_binary(ch: str) -> bool:
    return ch == "\ufffd" or (unicodedata.category(ch) == "Cc" and ch not in "\t\f")


def _owner_name(lines: list[str], path: str, owner: str | None) -> str:
    name = " ".join(lines[0].split())
    if not name or _HEADER_RE.fullmatch(name) or _classify_head_line(name):
        raise ParseError(path, "line 1 must be the profile owner's name", line=1)
    if owner is not None and _name_key(owner) != _name_key(name):
        raise ParseError(
            path, f"page belongs to {quote(name)}, but the manifest says {quote(owner)}", line=1
        )
    return name


def _read_head(lines: list[str], path: str) -> tuple[int, OwnerMetrics]:
    """Read the metrics block; return the index where paper entries start.

    A page is recognized by its metrics or its "N Papers" heading: a CV or a listing
    also starts with a line of text, but has neither.
    """
    values: dict[str, float | int | str] = {}
    heading_count: int | None = None
    index = 1
    while index < len(lines):
        line = lines[index].strip()
        if _HEADER_RE.fullmatch(line):
            break
        index += 1
        if not line:
            continue
        try:
            heading = _HEADING_RE.fullmatch(line)
            if heading:
                heading_count = _int(heading["count"])
                break
            kind = _classify_head_line(line)
        except ValueError as exc:
            raise ParseError(path, str(exc), line=index) from None
        if kind is not None:
            values.setdefault(kind[0], kind[1])
    if heading_count is None and not values:
        raise ParseError(
            path, "no profile metrics or 'N Papers' heading: not a profile page", line=2
        )
    paper_count = values.get("paper_count", heading_count)
    metrics = OwnerMetrics(
        h_index=_opt_int(values.get("h_index")),
        paper_count=_opt_int(paper_count),
        citations=_opt_int(values.get("citations")),
        novelty=_opt_float(values.get("novelty")),
        ai_score=_opt_float(values.get("ai_score")),
        primary_category=_opt_str(values.get("primary_category")),
    )
    return index, metrics


def _classify_head_line(line: str) -> tuple[str, float | int | str] | None:
    """Name the metric one header line shows, with its value."""
    if _PRIMARY_RE.fullmatch(line):
        return ("primary_category", line)
    for name, pattern in _METRIC_RES.items():
        match = pattern.fullmatch(line)
        if match:
            raw = match[1]
            if len(raw) > _NUMBER_CHARS:
                raise ValueError(f"{name.replace('_', '-')} {quote(raw)} is not a number")
            if name == "novelty":
                return (name, float(raw) / 100)
            if name == "ai_score":
                return (name, float(raw))
            return (name, _int(raw))
    return None


def _entry_spans(lines: list[str], start: int, doc: ParsedDocument) -> list[tuple[int, int]]:
    """Line-index ranges [start, end) of paper entries, each beginning at a header.

    Text between the heading and the first header belongs to no entry: it is reported,
    since it is most likely an entry whose header line was lost.
    """
    headers = [i for i in range(start, len(lines)) if _HEADER_RE.fullmatch(lines[i].strip())]
    stray = [i for i in range(start, headers[0] if headers else len(lines)) if lines[i].strip()]
    if stray:
        doc.read += 1
        doc.errors.append(
            RecordError(doc.path, stray[0] + 1, "text before the first paper entry header")
        )
    ends = [*headers[1:], len(lines)] if headers else []
    return list(zip(headers, ends, strict=True))


def _parse_entry(
    lines: list[str],
    start: int,
    end: int,
    owner: str,
    path: str,
    captured: dt.date | None,
) -> PaperRecord | RecordError:
    line_no = start + 1
    header = _HEADER_RE.fullmatch(lines[start].strip())
    assert header is not None  # _entry_spans only yields header lines
    body = [(i, lines[i].strip()) for i in range(start + 1, end)]
    content = [(i, line) for i, line in body if line]
    if not content:
        return RecordError(path, line_no, "entry cut off: header line with no title")
    title_line = content[0][1]
    if _is_strong_author_line(title_line):
        return RecordError(path, line_no, "entry has no title: an author line follows the header")
    try:
        date = parse_date(header["date"], captured=captured)
    except DateParseError as exc:
        return RecordError(path, line_no, f"bad date in entry header: {exc}")
    author_line: _AuthorLine | None = None
    abstract_after = content[0][0]
    if len(content) > 1 and _looks_like_author_line(content[1][1]):
        author_line = _split_authors(content[1][1])
        abstract_after = content[1][0]
    authors, truncated = _authors(author_line, owner)
    return PaperRecord(
        title=_clean(title_line),
        line=line_no,
        authors=authors,
        authors_truncated=truncated,
        year=date.year if date else None,
        date=date,
        abstract=_abstract([line for i, line in body if i > abstract_after]),
        has_code=header["code"] is not None,
        categories=(header["category"],),
        score=float(header["score"]) if header["score"] else None,
        organization=author_line.organization if author_line else None,
    )


def _authors(author_line: _AuthorLine | None, owner: str) -> tuple[tuple[AuthorRef, ...], bool]:
    """Listed names in order, plus the owner as an inferred author when not listed.

    With no author line at all the list is unknown rather than complete, so it counts
    as truncated: a fuller list from another source must be allowed to replace it.
    """
    refs: list[AuthorRef] = []
    truncated = True
    if author_line is not None:
        truncated = author_line.truncated
        refs = [
            AuthorRef(name=_clean(raw), position=pos, raw=raw)
            for pos, raw in enumerate(author_line.names, start=1)
        ]
    owner_key = _name_key(owner)
    if not any(_name_key(ref.name) == owner_key for ref in refs):
        refs.append(AuthorRef(name=owner, position=None, inferred=True))
    return tuple(refs), truncated


def _split_authors(line: str) -> _AuthorLine:
    names_part, sep, org = line.partition(_ORG_SEP)
    organization = (org.strip() or None) if sep else None
    stripped = _TRUNCATION_RE.sub("", names_part)
    truncated = stripped != names_part
    names = tuple(name for name in _NAME_SPLIT_RE.split(stripped.strip()) if name)
    return _AuthorLine(names=names, truncated=truncated, organization=organization)


def _is_strong_author_line(line: str) -> bool:
    """An author line no title could be mistaken for ("... et al.", "... · org")."""
    names_part = line.partition(_ORG_SEP)[0]
    return _ORG_SEP in line or bool(_TRUNCATION_RE.search(names_part))


def _looks_like_author_line(line: str) -> bool:
    """Tell the author line from an abstract that directly follows the title.

    Names are short comma-separated groups of a few words, each group starting with a
    capital; an abstract is prose with long clauses and a final full stop.
    """
    if _is_strong_author_line(line):
        return True
    if len(line) > 300 or line.endswith((".", ":", ";", "!", "?")):
        return False
    names = [name for name in _NAME_SPLIT_RE.split(line) if name]
    return bool(names) and all(_looks_like_name(name) for name in names)


def _looks_like_name(name: str) -> bool:
    words = name.split()
    return (
        1 <= len(words) <= 5
        and name[0].isupper()
        and not any(ch.isdigit() or ch in "()[]:;=%$" for ch in name)
    )


def _abstract(lines: list[str]) -> str | None:
    """Paragraphs are kept (blank-line separated); wrapped lines are rejoined."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(_clean(" ".join(current)))
            current = []
    return "\n\n".join(paragraphs) or None


def _clean(text: str) -> str:
    """Pages render arXiv metadata, whose only markup is LaTeX ("$2.1\\times$"); markdown
    stripping would eat the underscores and asterisks of real text ("A*", "$_{CLIP}$")."""
    return latex_to_text(text)


def _name_key(name: str) -> str:
    """Loose key to decide whether the owner is among the listed names."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(folded.replace(".", " ").replace("-", " ").casefold().split())


def _int(raw: str) -> int:
    if len(raw) > _NUMBER_CHARS:
        raise ValueError(f"{quote(raw)} is not a number")
    return int(raw.replace(",", ""))


def _opt_int(value: float | int | str | None) -> int | None:
    return int(value) if isinstance(value, int | float) else None


def _opt_float(value: float | int | str | None) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _opt_str(value: float | int | str | None) -> str | None:
    return value if isinstance(value, str) else None


def _sniff(head: str) -> bool:
    """The head shows the owner's h-index and paper count."""
    lines = head_lines(head)
    return any(ln.startswith("h-index") for ln in lines) and any(
        ln.endswith("papers") for ln in lines
    )


FORMAT = Format(
    name="profile",
    description="a researcher's profile page, captured as text (h-index, papers)",
    sniff=_sniff,
    parse=parse_profile,
)
