"""BibTeX (and biblatex) files to typed records.

A hand-written single-pass scanner rather than bibtexparser: real bibliographies keep
their ``@string`` macros and ``crossref`` targets in other files (the IRIDIA set splits
them over abbrev/authors/journals/crossref/biblio.bib), and peers built on bibtexparser
crash there. Loading works in two phases so that files can be given in any order:
every file is scanned into raw entries and a shared macro table first; values, crossref
inheritance and records are resolved afterwards, when every definition is known.

Decisions worth knowing (each is tested):

* Entry boundaries. An entry starts at an ``@`` that begins a line (after optional
  blanks) or directly follows a ``}``/``)`` on the same line. An entry must close before
  the next such ``@``: an unclosed brace therefore costs one entry, never the rest of
  the file (the price: a value with a line that starts with ``@type{`` is cut there).
  Text outside entries is a comment (BibTeX's rule); a ``%`` line between fields is a
  comment too (biber's rule), but ``%`` inside a value is literal ("50%").
* Containers are venues, not papers. ``@proceedings`` (and biblatex's ``@mvproceedings``
  and ``@periodical``) and an edited volume (``@book``, ``@collection``, ``@mvbook``,
  ... with an editor and no author: IRIDIA files LNCS proceedings as ``@book``)
  describe where papers appear; they are counted in ``read`` and produce neither a
  PaperRecord nor an error, so ``read == papers + errors + containers`` (as for dblp
  proceedings). biblatex ``@set``/``@xdata`` group or feed other entries and are
  treated the same way. Their data still reaches their children through ``crossref``.
  ``@string``, ``@preamble`` and ``@comment`` are not records and not counted; a
  malformed block of any kind is one RecordError and counts in ``read``.
* Crossref inheritance follows BibTeX for the fields a record uses (author, year,
  date, month, journal, editor, publisher, ...), and biblatex for the title: a child
  never takes its parent's title (that would make it a copy of the volume) but gets
  ``booktitle`` from the parent's ``booktitle``, else from its title. Identifiers
  (doi, url, eprint, isbn) are never inherited: a volume's DOI on every paper of the
  volume would merge them all into one paper. A missing crossref target is not an
  error; the child simply inherits nothing.
* Undefined macros keep their name as text (BibTeX's "warning--undefined string"
  behaviour). When that happens in the title or the author list the record is
  unusable (a macro name such as ``Stutzle`` would become a fake author), so the
  entry becomes a RecordError naming the macros; elsewhere (journal, publisher) the
  macro name is kept and the record stands.
* Macros are case-insensitive and global across the files loaded together; the first
  definition of a name wins. jan..dec are predefined (as BibTeX does).
* Names: ``and`` at brace depth 0 separates names; "First Last", "Last, First" and
  "Last, Jr, First" become the display form "First Last Jr"; a name in braces
  (``{R Core Team}``) stays one author; ``others`` sets ``authors_truncated``.
  Editors are never authors.
* Values of the wrong type make the entry a RecordError naming the field: an author or
  editor list without a single letter (``author = 2020``), a ``month`` that is a number
  but not 1-12, a ``date`` of the form yyyy-mm[-dd] that is no day of the calendar. A
  ``year`` without a year in it ("in press") is a status, not a wrong type: the record
  stands without a year.
* Identifiers: DOIs lowercased without resolver prefixes; arXiv ids from ``eprint``
  (with ``archivePrefix``/``eprinttype`` arXiv, or an id of arXiv shape when no
  prefix is given), an ``arxiv`` field, arXiv URLs or "arXiv:NNNN.NNNNN" text in
  url/howpublished/journal/eid; the version suffix is dropped so that versions of a
  work share one id.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from loaders.errors import ParseError
from loaders.format import Format, starts_with
from loaders.identifiers import clean_doi, doi_in_text
from loaders.latex import latex_to_text
from loaders.records import (
    AuthorRef,
    PaperRecord,
    ParsedDocument,
    RecordError,
    TopicRef,
    VenueKind,
    VenueRef,
)
from loaders.text import escape, quote

__all__ = ["FORMAT", "parse_bibtex", "parse_bibtex_files"]

# --------------------------------------------------------------------------- scanning

_AFTER_CLOSE_RE = re.compile(r"[ \t]*[A-Za-z]+\s*[{(]")
_TYPE_RE = re.compile(r"\s*([A-Za-z][\w-]*)\s*")
_SKIP_RE = re.compile(r"(?:\s++|%[^\n]*+)*+")
_KEY_RE = re.compile(r"[^\s,{}()=%\"#]+")
_NAME_RE = re.compile(r"[^\s\"#%'(),={}]+")
_BRACE_RE = re.compile(r"[{}]")
_QUOTE_RE = re.compile(r'[{}"]')
_TRAILING_FIELD_RE = re.compile(r"[\s})]*+,?(?:\s++|%[^\n]*+)*+[A-Za-z][\w-]*+\s*+=")

_FAST_FIELD_RE = re.compile(
    r"(?:\s++|%[^\n]*+)*+([^\s\"#%'(),={}]++)\s*+=\s*+"
    r"(?:\{([^{}]*+)\}|\"([^{}\"]*+)\"|([^\s\"#%'(),={}]++))"
    r"(?:\s++|%[^\n]*+)*+([,})#]?)"
)


class _SyntaxProblem(Exception):
    """Raised inside the scanner; becomes a RecordError for the current entry."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# A value is a list of parts joined by "#": (is_macro, text).
_Part = tuple[bool, str]


@dataclass(slots=True)
class _Entry:
    """One ``@type{key, ...}`` as written, before macros and crossrefs are resolved."""

    type: str
    key: str
    line: int
    doc: int  # index of the document it came from
    fields: dict[str, list[_Part]]


@dataclass(slots=True)
class _Scan:
    """What phase one found in one file: entries, macros, syntax errors, block count."""

    path: str
    entries: list[_Entry] = field(default_factory=list)
    errors: list[RecordError] = field(default_factory=list)
    macros: list[tuple[str, list[_Part]]] = field(default_factory=list)
    blocks: int = 0  # syntactically valid blocks of any kind


class _Scanner:
    """Single pass over one file's text; regexes only ever match at a known position,
    so there is no backtracking across entries and the cost is linear in the size."""

    def __init__(self, text: str, path: str, doc: int) -> None:
        self.text = text
        self.path = path
        self.doc = doc
        self.result = _Scan(path)
        self._at, self._line = 0, 1  # the block being scanned, for error line numbers

    def run(self) -> _Scan:
        text = self.text
        starts = _header_positions(text)
        line, counted_to = 1, 0
        for i, at in enumerate(starts):
            line += text.count("\n", counted_to, at)
            counted_to = at
            limit = starts[i + 1] if i + 1 < len(starts) else len(text)
            try:
                self._block(at, limit, line)
            except _SyntaxProblem as problem:
                self.result.errors.append(RecordError(self.path, line, problem.reason))
        return self.result

    # -- blocks

    def _block(self, at: int, limit: int, line: int) -> None:
        text = self.text
        self._at, self._line = at, line
        m = _TYPE_RE.match(text, at + 1, limit)
        if m is None:
            raise _SyntaxProblem("'@' not followed by an entry type")
        kind = m.group(1).lower()
        pos = m.end()
        if kind == "comment":  # BibTeX ignores whatever follows @comment
            self.result.blocks += 1
            return
        if pos >= limit or text[pos] not in "{(":
            raise _SyntaxProblem(f"expected '{{' or '(' after @{escape(m.group(1))}")
        if kind == "preamble":  # only matters to LaTeX
            self.result.blocks += 1
            return
        close = "}" if text[pos] == "{" else ")"
        if kind == "string":
            end = self._string(pos + 1, limit, close)
            self._check_tail(end, limit)
        else:
            entry, end = self._entry(kind, pos + 1, limit, close, line)
            self._check_tail(end, limit)  # before keeping it: a broken entry is only an error
            self.result.entries.append(entry)
        self.result.blocks += 1

    def _string(self, pos: int, limit: int, close: str) -> int:
        while True:
            pos = self._skip(pos, limit)
            if _char_at(self.text, pos, limit) == close:
                return pos + 1
            name, pos = self._field_name(pos, limit)
            parts, pos = self._value(pos, limit)
            self.result.macros.append((name, parts))
            pos = self._after_value(pos, limit, close)
            if self.text[pos - 1] == close:
                return pos

    def _entry(self, kind: str, pos: int, limit: int, close: str, line: int) -> tuple[_Entry, int]:
        text = self.text
        pos = self._skip(pos, limit)
        m = _KEY_RE.match(text, pos, limit)
        key = m.group() if m else ""
        if m:
            pos = self._skip(m.end(), limit)
        nxt = _char_at(text, pos, limit)
        if not key or nxt == "=":
            raise _SyntaxProblem(f"@{escape(kind)} entry has no citation key")
        fields: dict[str, list[_Part]] = {}
        entry = _Entry(kind, key, line, self.doc, fields)
        if nxt == close:
            return entry, pos + 1
        if nxt != ",":
            raise self._unexpected(pos, limit, "',' after the citation key")
        pos += 1
        fast = _FAST_FIELD_RE.match
        while True:
            m = fast(text, pos, limit)
            if m is not None and m.group(5) in (",", close):
                # The common field (one braced/quoted/bare value without nested
                # braces) in one regex step; anything else takes the general path.
                lit = m.group(2)
                if lit is None:
                    lit = m.group(3)
                part = (False, lit) if lit is not None else _bare(m.group(4))
                fields.setdefault(m.group(1).lower(), [part])
                pos = m.end()
                if m.group(5) == close:
                    pos -= 1
                    break
                continue
            pos = self._skip(pos, limit)
            if _char_at(text, pos, limit) == close:
                break
            name, pos = self._field_name(pos, limit)
            parts, pos = self._value(pos, limit)
            fields.setdefault(name, parts)  # BibTeX keeps the first of repeated fields
            pos = self._after_value(pos, limit, close)
            if text[pos - 1] == close:
                pos -= 1
                break
        return entry, pos + 1

    # -- tokens

    def _skip(self, pos: int, limit: int) -> int:
        end = _SKIP_RE.match(self.text, pos).end()  # type: ignore[union-attr]
        return min(end, limit)

    def _field_name(self, pos: int, limit: int) -> tuple[str, int]:
        m = _NAME_RE.match(self.text, pos, limit)
        if m is None:
            raise self._unexpected(pos, limit, "a field name")
        pos = self._skip(m.end(), limit)
        if _char_at(self.text, pos, limit) != "=":
            raise self._unexpected(pos, limit, f"'=' after field name {quote(m.group())}")
        return m.group().lower(), self._skip(pos + 1, limit)

    def _value(self, pos: int, limit: int) -> tuple[list[_Part], int]:
        parts: list[_Part] = []
        text = self.text
        while True:
            c = _char_at(text, pos, limit)
            if c == "{":
                end = self._balanced(pos + 1, limit, _BRACE_RE, "}")
                parts.append((False, text[pos + 1 : end]))
                pos = end + 1
            elif c == '"':
                end = self._balanced(pos + 1, limit, _QUOTE_RE, '"')
                parts.append((False, text[pos + 1 : end]))
                pos = end + 1
            else:
                m = _NAME_RE.match(text, pos, limit)
                if m is None:
                    raise self._unexpected(pos, limit, "a value")
                parts.append(_bare(m.group()))
                pos = m.end()
            pos = self._skip(pos, limit)
            if _char_at(text, pos, limit) != "#":
                return parts, pos
            pos = self._skip(pos + 1, limit)

    def _balanced(self, pos: int, limit: int, pattern: re.Pattern[str], closer: str) -> int:
        """Index of the delimiter closing a value opened just before ``pos``."""
        text = self.text
        depth = 0
        while True:
            m = pattern.search(text, pos, limit)
            if m is None:
                raise self._unclosed(limit)
            c = m.group()
            pos = m.end()
            if c == "{":
                depth += 1
            elif c == "}":
                if depth == 0:
                    if closer == "}":
                        return pos - 1
                    raise _SyntaxProblem("unbalanced braces: '}' closes nothing in a quoted value")
                depth -= 1
            elif depth == 0 and text[pos - 2] != "\\":  # '"' ends; '\"' is an accent
                return pos - 1

    def _after_value(self, pos: int, limit: int, close: str) -> int:
        c = _char_at(self.text, pos, limit)
        if c == "," or c == close:
            return pos + 1
        raise self._unexpected(pos, limit, f"',' or '{close}' after a field value")

    # -- problems

    def _unexpected(self, pos: int, limit: int, wanted: str) -> _SyntaxProblem:
        if pos >= limit:
            return self._unclosed(limit)
        got = self.text[pos : pos + 20].split("\n")[0]
        line = self._line_of(pos)
        return _SyntaxProblem(f"expected {wanted} at line {line}, found {quote(got, limit=20)}")

    def _unclosed(self, limit: int) -> _SyntaxProblem:
        if limit >= len(self.text):
            return _SyntaxProblem("unbalanced braces: entry not closed before the end of the file")
        line = self._line_of(limit)
        return _SyntaxProblem(
            f"unbalanced braces: entry not closed before the next entry at line {line}"
        )

    def _check_tail(self, end: int, limit: int) -> None:
        """An entry closed by a stray ``}`` leaves its remaining fields outside it."""
        m = _TRAILING_FIELD_RE.match(self.text, end, limit)
        if m is not None:
            line = self._line_of(end)
            raise _SyntaxProblem(
                f"unbalanced braces: entry closed at line {line} but fields follow it"
            )

    def _line_of(self, pos: int) -> int:
        # Counted from the current block's header, so many errors stay linear.
        return self._line + self.text.count("\n", self._at, pos)


def _header_positions(text: str) -> list[int]:
    """Offsets of the ``@`` that open blocks: at a line start (after blanks), or right
    after a closing delimiter on the same line ("} @article{" in one-line exports).
    A plain ``find`` loop: a multiline regex here costs more than all the parsing."""
    found: list[int] = []
    at = text.find("@")
    while at >= 0:
        back = at - 1
        while back >= 0 and text[back] in " \t":
            back -= 1
        at_line_start = back < 0 or text[back] == "\n"
        if at_line_start or (text[back] in "})" and _AFTER_CLOSE_RE.match(text, at + 1)):
            found.append(at)
        at = text.find("@", at + 1)
    return found


def _bare(word: str) -> _Part:
    """A bare value word: digits are a literal number, anything else a macro name."""
    return (not word[0].isdigit(), word)


def _char_at(text: str, pos: int, limit: int) -> str:
    """The character at ``pos``, or "" at the limit (keeps bounds checks in one place)."""
    return text[pos] if pos < limit else ""


# -------------------------------------------------------------------------- resolving

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH_NUMBER = {name[:3].lower(): i + 1 for i, name in enumerate(_MONTHS)}

# Fields a child takes from its crossref parent when it lacks them (see module doc).
_INHERITED = frozenset(
    {
        "author",
        "year",
        "date",
        "month",
        "journal",
        "journaltitle",
        "editor",
        "publisher",
        "series",
        "volume",
        "organization",
    }
)
_VENUE_TYPES = frozenset({"proceedings", "mvproceedings", "periodical"})
_VOLUME_TYPES = frozenset(
    {"book", "mvbook", "collection", "mvcollection", "reference", "mvreference"}
)
_GROUP_TYPES = frozenset({"set", "xdata"})
_PREPRINT_TYPES = frozenset({"misc", "online", "unpublished", "preprint", "article", "electronic"})
_MAX_CROSSREF_DEPTH = 8


class _Resolver:
    """Macro expansion and crossref lookup over every file loaded together."""

    def __init__(self, scans: Sequence[_Scan]) -> None:
        self.macros: dict[str, list[_Part]] = {}
        for scan in scans:
            for name, macro in scan.macros:
                self.macros.setdefault(name, macro)
        self.by_key: dict[str, _Entry] = {}
        for scan in scans:
            for entry in scan.entries:
                self.by_key.setdefault(entry.key.lower(), entry)
        self._memo: dict[str, tuple[str, tuple[str, ...]]] = {}
        self._busy: set[str] = set()

    def expand(self, parts: list[_Part]) -> tuple[str, tuple[str, ...]]:
        """The value's text and the names of the macros that were undefined."""
        if len(parts) == 1 and not parts[0][0]:
            return parts[0][1], ()
        out: list[str] = []
        missing: list[str] = []
        for is_macro, text in parts:
            if not is_macro:
                out.append(text)
                continue
            value, undefined = self._macro(text)
            out.append(value)
            missing.extend(undefined)
        return "".join(out), tuple(missing)

    def _macro(self, name: str) -> tuple[str, tuple[str, ...]]:
        lname = name.lower()
        cached = self._memo.get(lname)
        if cached is not None:
            return cached
        macro = self.macros.get(lname)
        if macro is None or lname in self._busy:
            if macro is None and lname in _MONTH_NUMBER:
                return _MONTHS[_MONTH_NUMBER[lname] - 1], ()
            return name, (name,)
        self._busy.add(lname)
        try:
            result = self.expand(macro)
        finally:
            self._busy.discard(lname)
        self._memo[lname] = result
        return result

    def parent(self, entry: _Entry) -> _Entry | None:
        ref = entry.fields.get("crossref")
        if ref is None:
            return None
        key, _ = self.expand(ref)
        return self.by_key.get(key.strip().lower())

    def raw(self, entry: _Entry, name: str) -> list[_Part] | None:
        """A field's parts, from the entry or (if inheritable) its crossref chain."""
        parts = entry.fields.get(name)
        if parts is not None or name not in _INHERITED:
            return parts
        node: _Entry | None = entry
        for _ in range(_MAX_CROSSREF_DEPTH):
            node = self.parent(node) if node is not None else None
            if node is None:
                return None
            parts = node.fields.get(name)
            if parts is not None:
                return parts
        return None

    def booktitle(self, entry: _Entry) -> list[_Part] | None:
        """The entry's booktitle, else the parent's booktitle, else the parent's title."""
        own = entry.fields.get("booktitle")
        if own is not None:
            return own
        node: _Entry | None = entry
        for _ in range(_MAX_CROSSREF_DEPTH):
            node = self.parent(node) if node is not None else None
            if node is None:
                return None
            parts = node.fields.get("booktitle") or node.fields.get("title")
            if parts is not None:
                return parts
        return None


# ----------------------------------------------------------------------------- names

_AND_RE = re.compile(r"\s+and\s+", re.I)
_COMMA_RE = re.compile(r",")
_TRUNCATION = frozenset({"others", "et al.", "et al", "et. al.", "etal"})


def _depth0_split(text: str, sep: re.Pattern[str]) -> list[str]:
    """Split ``text`` at matches of ``sep`` that are outside braces."""
    pieces: list[str] = []
    depth, last, scanned = 0, 0, 0
    for m in sep.finditer(text):
        segment = text[scanned : m.start()]
        depth += segment.count("{") - segment.count("}")
        scanned = m.start()
        if depth == 0:
            pieces.append(text[last : m.start()])
            last = m.end()
    pieces.append(text[last:])
    return pieces


def _display_name(raw: str) -> str:
    """ "Last, First" and "Last, Jr, First" to "First Last [Jr]"; other forms kept."""
    parts = [p.strip() for p in _depth0_split(raw, _COMMA_RE)]
    if len(parts) == 2:
        first, last, jr = parts[1], parts[0], ""
    elif len(parts) >= 3:
        first, last, jr = ", ".join(parts[2:]), parts[0], parts[1]
    else:
        return _clean(raw)
    return _clean(" ".join(p for p in (first, last, jr) if p))


def _authors(text: str) -> tuple[tuple[AuthorRef, ...], bool]:
    names: list[AuthorRef] = []
    truncated = False
    padded = " " + " ".join(text.split()) + " "  # "and" at an edge (from a macro) splits too
    for piece in _depth0_split(padded, _AND_RE):
        raw = piece.strip()
        if not raw:
            continue
        if raw.lower() in _TRUNCATION:
            truncated = True
            continue
        name = _display_name(raw)
        if name:
            names.append(AuthorRef(name=name, position=len(names) + 1, raw=raw))
    return tuple(names), truncated


# ---------------------------------------------------------------------- field values

_ENTITY_RE = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")
_URL_CMD_RE = re.compile(r"\\(?:url|href)\s*\{([^{}]*)\}")
_ARXIV_ID = r"(\d{4}\.\d{4,5}|[a-z][a-z.-]*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?"
_ARXIV_BARE_RE = re.compile(rf"^(?:arxiv:\s*)?{_ARXIV_ID}$", re.I)
_ARXIV_TEXT_RE = re.compile(
    rf"arxiv(?:\.org/(?:abs|pdf|html)/|[\s:]*+(?:preprint[\s:]*+)?(?:arxiv[\s:]*+)?){_ARXIV_ID}",
    re.I,
)
_ARXIV_DOI_RE = re.compile(rf"10\.48550/arxiv\.{_ARXIV_ID}", re.I)
_ARXIV_TEXT_FIELDS = frozenset({"howpublished", "journal", "eid", "arxiv", "epub", "pdf"})
_YEAR_RE = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_DATE_RE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_KEYWORD_SPLIT_RE = re.compile(r"[,;]")
_CONFERENCE_WORDS_RE = re.compile(
    r"proceedings|conference|symposium|congress|meeting|colloquium|\b(?:19|20)\d\d\b", re.I
)


_TEX_DROPS = ("\\-", "\\(", "\\)", "\\[", "\\]")  # soft hyphen, inline-math delimiters


_TIE_RE = re.compile(r"(?<!\\)~")


def _clean(text: str) -> str:
    """Plain Unicode for a title, name or venue. ``\\-``, ``\\( \\)`` and a tie after
    punctuation ("J.~Chem.") are handled here because latex_to_text keeps them
    (reported upstream rather than patched there)."""
    if "\\" in text:
        for drop in _TEX_DROPS:
            text = text.replace(drop, "")
    if "~" in text:
        text = _TIE_RE.sub(" ", text)
    out = latex_to_text(text)
    if "&" in out and _ENTITY_RE.search(out):
        out = html.unescape(out)
    return out


def _plain(text: str) -> str:
    """A URL or identifier as written, without \\url{}, braces, escapes or spaces."""
    text = _URL_CMD_RE.sub(r"\1", text)
    for escaped in ("\\_", "\\%", "\\#", "\\&", "\\~"):
        text = text.replace(escaped, escaped[1])
    return "".join(text.replace("{", "").replace("}", "").split())


def _doi(value: str | None, url: str | None) -> str | None:
    doi = clean_doi(_plain(value)) if value else None
    if doi and doi.startswith("10."):
        return doi
    return doi_in_text(url)


def _year(text: str | None) -> int | None:
    if not text:
        return None
    m = _YEAR_RE.search(text)
    return int(m.group(1)) if m else None


_NUMBER_RE = re.compile(r"[0-9]+")
_ISO_DATE_RE = re.compile(r"^\s*([0-9]{4})-([0-9]{1,2})(?:-([0-9]{1,2}))?(?![0-9])")


def _month(text: str | None) -> int | None:
    """1-12 from a number or a month name; None for words that name no month
    ("Spring"); ``ValueError`` for a number that is not a month."""
    if not text:
        return None
    word = _clean(text).strip().rstrip(".").lower()
    if _NUMBER_RE.fullmatch(word):
        if len(word) > 2 or not 1 <= int(word) <= 12:
            raise ValueError(f"month {quote(word)} is not a month")
        return int(word)
    return _MONTH_NUMBER.get(word[:3])


def _check_date(text: str | None) -> None:
    """``ValueError`` for a ``date`` written yyyy-mm[-dd] that is no day of the calendar."""
    m = _ISO_DATE_RE.match(text) if text else None
    if m is None:
        return
    year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3) or 1)
    try:
        dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"date {quote(m.group(0).strip())} is not a date") from None


def _date(
    date_field: str | None, year: int | None, month: int | None, day: str | None
) -> dt.date | None:
    """A full date only when the document gives a day (year-only is the common case)."""
    if date_field:
        m = _DATE_RE.match(date_field)
        if m and m.group(3):
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
    if year and month and day and _NUMBER_RE.fullmatch(day.strip()) and len(day.strip()) <= 2:
        try:
            return dt.date(year, month, int(day.strip()))
        except ValueError:
            return None
    return None


def _venue_kind(entry_type: str, name: str) -> VenueKind:
    if "workshop" in name.lower():
        return "workshop"
    if entry_type in {"incollection", "inbook"} and not _CONFERENCE_WORDS_RE.search(name):
        return "other"  # a chapter in a book ("Handbook of Metaheuristics")
    return "conference"


# ---------------------------------------------------------------------------- records


def _label(entry: _Entry) -> str:
    """``@type{key}`` for a message, bounded and escaped (keys are document text)."""
    return f"@{escape(entry.type)}{{{escape(entry.key)}}}"


class _Builder:
    """Turns one resolved entry into a PaperRecord, a RecordError or nothing."""

    def __init__(self, resolver: _Resolver, paths: Sequence[str]) -> None:
        self.r = resolver
        self.paths = paths

    def value(self, entry: _Entry, name: str) -> str | None:
        parts = self.r.raw(entry, name)
        if parts is None:
            return None
        text, _ = self.r.expand(parts)
        return text if text.strip() else None

    def build(self, entry: _Entry) -> PaperRecord | RecordError | None:
        if self._is_container(entry):
            return None
        path = self.paths[entry.doc]
        raw_title, title_missing = self._expanded(entry, "title")
        author_text, author_missing = self._expanded(entry, "author")
        if title_missing or author_missing:
            return self._undefined(entry, path, (*title_missing, *author_missing))
        title = _clean(raw_title) if raw_title.strip() else ""
        subtitle = self.value(entry, "subtitle")
        if title and subtitle:
            title = f"{title}: {_clean(subtitle)}"
        if not title:
            return RecordError(path, entry.line, f"{_label(entry)}: no title")
        date_field = self.value(entry, "date")
        try:
            month = _month(self.value(entry, "month"))
            _check_date(date_field)
            for name in ("author", "editor"):
                names = self.value(entry, name)
                if names is not None and not any(c.isalpha() for c in names):
                    raise ValueError(f"{name} {quote(names.strip())} is not a list of names")
        except ValueError as exc:
            return RecordError(path, entry.line, f"{_label(entry)}: {exc}")
        authors, truncated = _authors(author_text) if author_text.strip() else ((), False)
        url = self._url(entry)
        arxiv_id = self._arxiv(entry)
        year = _year(self.value(entry, "year")) or _year(date_field)
        venue, preprint = self._venue(entry, arxiv_id, year)
        kind = "preprint" if preprint and entry.type in _PREPRINT_TYPES else entry.type
        abstract = self.value(entry, "abstract")
        return PaperRecord(
            title=title,
            line=entry.line,
            authors=authors,
            authors_truncated=truncated,
            year=year,
            date=_date(date_field, year, month, self.value(entry, "day")),
            abstract=_clean(abstract) if abstract else None,
            doi=_doi(self.value(entry, "doi"), url),
            arxiv_id=arxiv_id,
            url=url,
            venue=venue,
            topics=self._keywords(entry),
            kind=kind,
        )

    def _is_container(self, entry: _Entry) -> bool:
        if entry.type in _VENUE_TYPES or entry.type in _GROUP_TYPES:
            return True
        if entry.type in _VOLUME_TYPES:
            return not self._has(entry, "author") and self._has(entry, "editor")
        return False

    def _has(self, entry: _Entry, name: str) -> bool:
        parts = entry.fields.get(name)
        return parts is not None and bool(self.r.expand(parts)[0].strip())

    def _expanded(self, entry: _Entry, name: str) -> tuple[str, tuple[str, ...]]:
        parts = self.r.raw(entry, name)
        return self.r.expand(parts) if parts is not None else ("", ())

    @staticmethod
    def _undefined(entry: _Entry, path: str, missing: tuple[str, ...]) -> RecordError:
        """Undefined macros in the title or the author list make the record unusable."""
        names = ", ".join(escape(name) for name in dict.fromkeys(missing))
        return RecordError(
            path,
            entry.line,
            f"{_label(entry)}: undefined @string macro(s) in title/author: "
            f"{names} (load the files that define them together)",
        )

    def _url(self, entry: _Entry) -> str | None:
        url = self.value(entry, "url")
        if url is None:
            how = self.value(entry, "howpublished")
            m = _URL_CMD_RE.search(how) if how else None
            url = m.group(1) if m else None
        return (_plain(url) or None) if url else None

    def _arxiv(self, entry: _Entry) -> str | None:
        eprint = self.value(entry, "eprint")
        if eprint:
            prefix = self.value(entry, "archiveprefix") or self.value(entry, "eprinttype")
            m = _ARXIV_BARE_RE.match(_plain(eprint))
            if m and (prefix is None or _plain(prefix).lower() == "arxiv"):
                return m.group(1)
        arxiv = self.value(entry, "arxiv")
        if arxiv:
            m = _ARXIV_BARE_RE.match(_plain(arxiv))
            if m:
                return m.group(1)
        doi = self.value(entry, "doi")
        m = _ARXIV_DOI_RE.search(doi) if doi else None
        if m:
            return m.group(1)
        for name, parts in entry.fields.items():
            if name.startswith("url") or name in _ARXIV_TEXT_FIELDS:
                m = _ARXIV_TEXT_RE.search(self.r.expand(parts)[0])
                if m:
                    return m.group(1)
        return None

    def _venue(
        self, entry: _Entry, arxiv_id: str | None, year: int | None
    ) -> tuple[VenueRef | None, bool]:
        """The venue and whether it is the arXiv preprint server."""
        journal = self.value(entry, "journal") or self.value(entry, "journaltitle")
        if journal:
            name = _clean(journal)
            lowered = name.lower()
            if lowered.startswith(("arxiv", "corr")) or "arxiv preprint" in lowered:
                return VenueRef("arXiv", kind="preprint", year=year), True
            return VenueRef(name, kind="journal", year=year), False
        booktitle_parts = self.r.booktitle(entry)
        if booktitle_parts is not None:
            name = _clean(self.r.expand(booktitle_parts)[0])
            if name:
                return VenueRef(name, kind=_venue_kind(entry.type, name), year=year), False
        if arxiv_id and entry.type in _PREPRINT_TYPES:
            return VenueRef("arXiv", kind="preprint", year=year), True
        return None, False

    def _keywords(self, entry: _Entry) -> tuple[TopicRef, ...]:
        text = self.value(entry, "keywords")
        if not text:
            return ()
        seen: dict[str, TopicRef] = {}
        for word in _KEYWORD_SPLIT_RE.split(_clean(text)):
            word = word.strip()
            if word and word.lower() not in seen:
                seen[word.lower()] = TopicRef(word, kind="keyword")
        return tuple(seen.values())


# -------------------------------------------------------------------------- public API


def _prepare(text: str, path: str) -> str:
    """Normalize line ends and refuse what is not text at all."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    nul = text.find("\x00")
    if nul >= 0:
        raise ParseError(
            path, "binary content (NUL byte), not BibTeX", line=text.count("\n", 0, nul) + 1
        )
    if not text.strip():
        raise ParseError(path, "empty document, not BibTeX", line=1)
    return text


def _not_bibtex(scan: _Scan) -> ParseError:
    if scan.errors:
        first = scan.errors[0]
        return ParseError(
            scan.path, f"no valid BibTeX entry; first problem: {first.reason}", line=first.line
        )
    return ParseError(scan.path, "no BibTeX entries (no '@type{...}' block)", line=1)


def parse_bibtex_files(files: Sequence[tuple[str, str]]) -> list[ParsedDocument]:
    """Parse ``(path, text)`` pairs as one bibliography: ``@string`` macros and
    ``crossref`` targets from any file apply to all, whatever the order.

    One ParsedDocument per input file, in input order, holding that file's entries.
    Raises ParseError for a file that is not BibTeX at all (empty, binary, or without
    a single well-formed ``@`` block).
    """
    scans: list[_Scan] = []
    for doc, (path, text) in enumerate(files):
        scan = _Scanner(_prepare(text, path), path, doc).run()
        if scan.blocks == 0:
            raise _not_bibtex(scan)
        scans.append(scan)
    builder = _Builder(_Resolver(scans), [path for path, _ in files])
    documents: list[ParsedDocument] = []
    for scan in scans:
        document = ParsedDocument(path=scan.path, format="bibtex")
        document.errors.extend(scan.errors)
        document.read = len(scan.errors) + len(scan.entries)
        for entry in scan.entries:
            result = builder.build(entry)
            if isinstance(result, PaperRecord):
                document.papers.append(result)
            elif isinstance(result, RecordError):
                document.errors.append(result)
        document.errors.sort(key=lambda e: e.line or 0)
        documents.append(document)
    return documents


def parse_bibtex(text: str, *, path: str) -> ParsedDocument:
    """Parse one BibTeX file on its own (macros and crossrefs it does not define stay
    unresolved; see ``parse_bibtex_files`` to load a set of files together).

    >>> doc = parse_bibtex("@article{k, author={Fran\\\\c{c}ois, Alain}, title={T}}", path="x.bib")
    >>> doc.papers[0].authors[0].name
    'Alain François'
    """
    return parse_bibtex_files([(path, text)])[0]


_SNIFF_RE = re.compile(r"^\s*@\w+\s*[{(]", re.M)


def _sniff(head: str) -> bool:
    """An ``@type{`` (or ``@type(``) block starts a line."""
    return (starts_with(head, "@") or "\n@" in head) and _SNIFF_RE.search(head) is not None


FORMAT = Format(
    name="bibtex",
    description="BibTeX or biblatex (.bib), the files of one load sharing macros and crossrefs",
    sniff=_sniff,
    parse_group=parse_bibtex_files,
)
