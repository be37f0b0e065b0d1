"""Listing pages ("Daily Papers"): text captured from a paper-aggregator site.

After a fixed page header ("Daily Papers", "byAK and the research community", the page
date) each entry is a title line, an abstract paragraph and, for most entries, a
metadata block::

    DualMap: Enabling Both Cache Affinity and Load Balancing ...   <- title
    In LLM serving, reusing the KV cache ...                       <- abstract
      • 6 authors          <- author count, or an organization: "apple Apple"
    ·
    Feb 6                  <- date, optionally followed by the upvote count: "Oct 15, 2025 2"

The page names no authors, only how many there are, so every record carries an author
count and an empty, truncated author list: identity resolution can then match the paper
by title and let a source with names fill the list in.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from loaders.dates import DATE_PATTERN, DateParseError, parse_date
from loaders.errors import ParseError
from loaders.format import Format, head_lines
from loaders.latex import latex_to_text
from loaders.records import PaperRecord, ParsedDocument, RecordError
from loaders.text import quote

__all__ = ["FORMAT", "parse_listing"]

_TITLE_HEADING = "daily papers"
_HEADER_LINES = {
    "new",
    "get trending papers in your email inbox!",
    "subscribe",
    _TITLE_HEADING,
}
_BYLINE_RE = re.compile(r"by\s*AK\b.*", re.IGNORECASE)
_PAGE_DATE_RE = re.compile(DATE_PATTERN)
_AUTHORS_RE = re.compile(r"•\s*(?P<count>\d+)\s+authors?")
_SEPARATOR = "·"
_DATE_LINE_RE = re.compile(rf"(?P<date>{DATE_PATTERN})(?:\s+(?P<upvotes>\d+))?")
# An organization line shows the site's org id then its display name: "apple Apple",
# "math-ai math-ai", "google Google DeepMind". Ids have no spaces.
_ORG_RE = re.compile(r"(?P<slug>\S+)(?:\s+(?P<name>.+))?")
_TITLE_MAX = 300
_COUNT_DIGITS = 9  # a count longer than this is not a count (and int() refuses 4,300 digits)


@dataclass(slots=True)
class _Paragraph:
    line: int  # 1-based line of its first line
    lines: list[str]

    @property
    def text(self) -> str:
        return " ".join(self.lines)


@dataclass(slots=True)
class _Entry:
    title: _Paragraph
    abstract: _Paragraph | None = None
    meta: _Paragraph | None = None
    extra: list[_Paragraph] = field(default_factory=list)


def parse_listing(
    text: str, *, path: str, owner: str | None = None, captured: dt.date | None = None
) -> ParsedDocument:
    """Read a "Daily Papers" page into one record per listed paper.

    ``captured`` supplies the year of year-less dates ("Feb 6"); without it such
    dates stay unknown rather than guessed. A listing is nobody's page: ``owner`` is
    accepted, like every whole-document parser's, and ignored.
    """
    lines = _lines(text, path)
    body_start = _skip_header(lines, path)
    doc = ParsedDocument(path=path, format="listing", captured=captured)
    entries = _group(_paragraphs(lines, body_start), doc)
    for number, entry in enumerate(entries):
        doc.read += 1
        is_last = number == len(entries) - 1
        result = _parse_entry(entry, path, captured, is_last=is_last)
        if isinstance(result, RecordError):
            doc.errors.append(result)
        else:
            doc.papers.append(result)
    return doc


def _lines(text: str, path: str) -> list[str]:
    """Split into lines, refusing text no page capture can be (empty, binary)."""
    if not text.strip():
        raise ParseError(path, "empty document: not a listing page", line=1)
    text = text.removeprefix("\ufeff")
    lines = [line.rstrip("\r").strip() for line in text.split("\n")]
    for number, line in enumerate(lines, start=1):
        if any(_is_binary(ch) for ch in line):
            raise ParseError(path, "binary content: not a listing page", line=number)
    return lines


def _is_binary(ch: str) -> bool:
    return ch == "\ufffd" or (unicodedata.category(ch) == "Cc" and ch not in "\t\f")


def _skip_header(lines: list[str], path: str) -> int:
    """Return the index of the first line after the page header.

    The "Daily Papers" heading is what makes the text a listing: without it a CV or a
    profile would read as a list of title/abstract pairs.
    """
    seen_heading = False
    for index, line in enumerate(lines):
        if not line:
            continue
        lowered = line.casefold()
        if lowered == _TITLE_HEADING:
            seen_heading = True
        elif lowered in _HEADER_LINES or _BYLINE_RE.fullmatch(line):
            continue
        elif seen_heading and _PAGE_DATE_RE.fullmatch(line):
            return index + 1  # the page date closes the header
        else:
            if not seen_heading:
                raise ParseError(
                    path, "no 'Daily Papers' heading: not a listing page", line=index + 1
                )
            return index
    if not seen_heading:
        raise ParseError(path, "no 'Daily Papers' heading: not a listing page", line=1)
    return len(lines)


def _paragraphs(lines: list[str], start: int) -> list[_Paragraph]:
    out: list[_Paragraph] = []
    current: _Paragraph | None = None
    for index in range(start, len(lines)):
        line = lines[index]
        if not line:
            current = None
        elif current is None:
            current = _Paragraph(index + 1, [line])
            out.append(current)
        else:
            current.lines.append(line)
    return out


def _group(paragraphs: list[_Paragraph], doc: ParsedDocument) -> list[_Entry]:
    """Assign paragraphs to entries: title, then abstract, then optional metadata.

    A title-like paragraph where an abstract is expected starts a new entry (the
    previous one had no abstract). A metadata block with no entry to attach to is
    reported at once.
    """
    entries: list[_Entry] = []
    for para in paragraphs:
        current = entries[-1] if entries else None
        if _is_meta(para):
            if current is None or current.meta is not None:
                doc.read += 1
                doc.errors.append(
                    RecordError(doc.path, para.line, "metadata block with no paper title above")
                )
            else:
                current.meta = para
        elif current is not None and current.abstract is None and current.meta is None:
            if _is_title_like(para):
                entries.append(_Entry(title=para))
            else:
                current.abstract = para
        elif current is not None and current.meta is None and not _is_title_like(para):
            current.extra.append(para)  # a further abstract paragraph
        else:
            entries.append(_Entry(title=para))
    return entries


def _is_meta(para: _Paragraph) -> bool:
    return (
        _SEPARATOR in para.lines
        or any(_AUTHORS_RE.fullmatch(line) for line in para.lines)
        or (len(para.lines) == 1 and _DATE_LINE_RE.fullmatch(para.lines[0]) is not None)
    )


def _is_title_like(para: _Paragraph) -> bool:
    """Titles are one short line without a closing full stop; abstracts are prose."""
    text = para.text
    return len(para.lines) == 1 and len(text) <= _TITLE_MAX and not text.endswith(".")


def _parse_entry(
    entry: _Entry, path: str, captured: dt.date | None, *, is_last: bool
) -> PaperRecord | RecordError:
    title = entry.title
    if len(title.lines) > 1 or len(title.text) > _TITLE_MAX:
        return RecordError(path, title.line, "entry has no title line: it reads as an abstract")
    if entry.abstract is None and entry.meta is None and is_last:
        # Mid-page, the next title shows where this entry ended; at the end of the
        # text nothing does, so a lone title there is a capture cut short.
        return RecordError(path, title.line, "entry cut off: title with no abstract")
    meta = _Meta()
    if entry.meta is not None:
        problem = _read_meta(entry.meta, meta, captured)
        if problem is not None:
            return RecordError(path, entry.meta.line, problem)
    paragraphs = [p for p in (entry.abstract, *entry.extra) if p is not None]
    abstract = "\n\n".join(latex_to_text(p.text) for p in paragraphs) or None
    return PaperRecord(
        title=latex_to_text(title.text),
        line=title.line,
        authors=(),
        authors_truncated=bool(meta.author_count),
        author_count=meta.author_count,
        year=meta.date.year if meta.date else None,
        date=meta.date,
        abstract=abstract,
        upvotes=meta.upvotes,
        organization=meta.organization,
    )


@dataclass(slots=True)
class _Meta:
    author_count: int | None = None
    organization: str | None = None
    date: dt.date | None = None
    upvotes: int | None = None


def _read_meta(para: _Paragraph, meta: _Meta, captured: dt.date | None) -> str | None:
    """Fill ``meta`` from a metadata block; return why it is unusable, if it is.

    Before the "·" separator come the author count or the organization; after it the
    date and upvotes. A block that ends at the separator is a cut-off entry.
    """
    before, sep, after = _split_at_separator(para.lines)
    if not sep and before and _DATE_LINE_RE.fullmatch(before[-1]):
        after = [before.pop()]  # a date with no separator above it
    for line in before:
        authors = _AUTHORS_RE.fullmatch(line)
        if authors:
            if len(authors["count"]) > _COUNT_DIGITS:
                return f"author count {quote(authors['count'])} is not a count"
            meta.author_count = int(authors["count"])
        elif meta.organization is None:
            org = _ORG_RE.fullmatch(line)
            assert org is not None  # a non-empty stripped line always matches
            meta.organization = org["name"] or org["slug"]
        else:
            return f"unrecognized line in metadata block: {quote(line)}"
    if sep and not after:
        return "entry cut off: metadata block ends before its date"
    if len(after) > 1:
        return f"unrecognized line in metadata block: {quote(after[1])}"
    if after:
        match = _DATE_LINE_RE.fullmatch(after[0])
        if match is None:
            return f"not a date in metadata block: {quote(after[0])}"
        try:
            meta.date = parse_date(match["date"], captured=captured)
        except DateParseError as exc:
            return f"bad date in metadata block: {exc}"
        upvotes = match["upvotes"]
        if upvotes and len(upvotes) > _COUNT_DIGITS:
            return f"upvotes {quote(upvotes)} is not a count"
        meta.upvotes = int(upvotes) if upvotes else None
    return None


def _split_at_separator(lines: list[str]) -> tuple[list[str], bool, list[str]]:
    if _SEPARATOR not in lines:
        return lines, False, []
    at = lines.index(_SEPARATOR)
    return lines[:at], True, lines[at + 1 :]


def _sniff(head: str) -> bool:
    """The page header names the listing."""
    lines = head_lines(head)
    return "Daily Papers" in lines or "Get trending papers in your email inbox!" in lines


FORMAT = Format(
    name="listing",
    description='a "Daily Papers" listing page, captured as text',
    sniff=_sniff,
    parse=parse_listing,
)
