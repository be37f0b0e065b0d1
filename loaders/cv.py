"""Curricula vitae converted from PDF to markdown.

A converted CV is noisy: headings are promoted or demoted at random (``# WeiPipe: ...``
is a paper title, ``#### Peking University`` an institution), bold marks survive around
names and venues, LaTeX leaks in (``${\\bf Ziming\\;Liu},$``) and the PDF's reading
order glues fields together, so one line may hold a title *and* the author list
*and* the venue::

    EnergonAI: An Inference System ... Models Jiangsu Du, Ziming Liu, ... Arxiv: 2301.08658, 2022

Sections are therefore recognised only by a fixed vocabulary of CV section names, never
by heading level. Inside the Publication(s) and Preprints sections every line is cut
into up to three parts: the venue (from the first venue marker: "To appear on",
"Under Review", "Arxiv:", a bold "**SC '23**" ...), the author list (a trailing
comma-separated run of personal names) and, before it, a title or a piece of one. Where
a title runs straight into the first author, the split point comes from names the CV
itself spells cleanly elsewhere (the owner, co-authors from clean author lines), and
only failing that from the usual length of the other names on the line.

A CV may describe a paper twice (a "Highlight Research Experience" project and the
publication entry); papers are merged by normalized title so that one CV yields one
record per paper. A project with no author list that matches no listed paper is a
project, not a paper, and yields nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from loaders.errors import ParseError
from loaders.format import Format, head_lines
from loaders.latex import latex_to_text, strip_markdown
from loaders.records import (
    AuthorRef,
    PaperRecord,
    ParsedDocument,
    PersonRecord,
    RecordError,
    VenueKind,
    VenueRef,
)
from loaders.text import quote

__all__ = ["FORMAT", "parse_cv"]

_Section = Literal["education", "employment", "research", "publication", "preprint", "other"]

# Section names seen in CVs, after stripping markup, case and a trailing colon. Only these
# start a section: converted headings are too unreliable to mean anything by themselves.
_SECTIONS: dict[str, _Section] = {
    "education": "education",
    "industry experience": "employment",
    "work experience": "employment",
    "professional experience": "employment",
    "employment": "employment",
    "experience": "employment",
    "internships": "employment",
    "internship experience": "employment",
    "highlight research experience": "research",
    "research experience": "research",
    "research projects": "research",
    "projects": "research",
    "selected projects": "research",
    "publication": "publication",
    "publications": "publication",
    "selected publications": "publication",
    "conference publications": "publication",
    "journal publications": "publication",
    "peer-reviewed publications": "publication",
    "conference papers": "publication",
    "journal papers": "publication",
    "papers": "publication",
    "preprints": "preprint",
    "preprint": "preprint",
    "manuscripts": "preprint",
    "working papers": "preprint",
    "preprints and manuscripts": "preprint",
    "under review": "preprint",
    "research interests": "other",
    "interests": "other",
    "skills": "other",
    "technical skills": "other",
    "awards": "other",
    "honors": "other",
    "awards and honors": "other",
    "honors and awards": "other",
    "services": "other",
    "academic services": "other",
    "professional service": "other",
    "teaching": "other",
    "talks": "other",
    "invited talks": "other",
    "references": "other",
}

_STAR = "\ue000"  # stands in for an escaped ``\*`` while markup is stripped
_MONTH = r"(?:[A-Za-z]{3,9}\.?\s*)"
_DATE_RANGE_RE = re.compile(
    rf"^{_MONTH}?(?:19|20)\d{{2}}\s*[-–—~]+\s*"
    rf"(?:{_MONTH}?(?:19|20)\d{{2}}|present|now|current|today)\.?$",
    re.IGNORECASE,
)
_LABEL_RE = re.compile(
    r"^(?:advisors?|supervisors?|mentors?|objective|keywords?|notes?)\s*:", re.IGNORECASE
)
# Footnote legends: "\*: Equal Contribution.", "†: corresponding author"
_LEGEND_RE = re.compile(r"(?:\\?[*†‡§#]+)\s*:\s*[A-Za-z][A-Za-z ]*\.?\s*$")
_BULLET_RE = re.compile(r"^\s*(?:[-•➤>]|\*(?=\s))\s*")
_HEADING_RE = re.compile(r"^\s*#+\s*")

_ACRONYM = r"[A-Z][A-Za-z\-]*[A-Z][A-Za-z\-]*"
_VENUE_START_RE = re.compile(
    r"(?:\*\*\s*)?(?:"
    r"(?i:to\s+appear\s+(?:on|in|at)\b)"
    r"|(?i:under\s+review\b)"
    r"|(?i:accepted\s+(?:by|at|to|in)\b)"
    r"|(?i:in\s+proceedings\s+of\b)"
    r"|(?i:arxiv\s*(?:preprint\b|:|\s\d{4}\.))"
    r")"
    rf"|\*\*\s*{_ACRONYM}\s*['’]\d{{2}}\s*\*\*"
    rf"|\*\*\s*{_ACRONYM}\s+(?:19|20)\d{{2}}\s*\*\*"
    rf"|^\s*{_ACRONYM}\s*['’]\d{{2}}\b"
)
# A bare venue or year left at the end of an author list ("... and Yang You 2024").
_TRAILING_VENUE_RE = re.compile(
    rf"(?:^|\s)(?:\*\*)?\s*(?:{_ACRONYM}\s*['’]\d{{2}}|(?:{_ACRONYM}\s+)?(?:19|20)\d{{2}})"
    r"\s*(?:\*\*)?\s*[,.]?\s*$"
)
_ACRONYM_YEAR_RE = re.compile(
    rf"\b(?P<a1>{_ACRONYM})\s*['’](?P<y1>\d{{2}})\b|\b(?P<a2>{_ACRONYM})\s+(?P<y2>(?:19|20)\d{{2}})\b"
)
_YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b")
_ARXIV_ID_RE = re.compile(
    r"arxiv\s*(?:preprint\s*)?(?:arxiv\s*)?:?\s*"
    r"(\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?",
    re.IGNORECASE,
)
# bounded like real addresses: linear on long words without an "@"
_EMAIL_RE = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
_URL_RE = re.compile(r"https?://[^\s\"'<>)]+")
_HOMEPAGE_LABEL_RE = re.compile(r"(?:homepage|home page|website|web page|web)\s*:", re.IGNORECASE)
_SOCIAL_HOSTS = ("twitter.com", "x.com", "linkedin.com", "scholar.google", "orcid.org")
_INSTITUTION_RE = re.compile(
    r"\b(?:Universit\w*|Institut\w*|College|Academy|Polytechnic\w*|[EÉ]cole)\b"
)
_COMPANY_ABBREVIATIONS = ("Inc.", "Ltd.", "Co.", "Corp.", "LLC.", "Pte.")
_TRUNCATION_RE = re.compile(r",?\s*(?:\bet\s*al\.?|\band\s+others)\s*$", re.IGNORECASE)
_AND_RE = re.compile(r"\s+(?:and|&)\s+")
_LEADING_AND_RE = re.compile(r"^(?:and|&)\s+")
_NAME_TOKEN_RE = re.compile(r"^[^\W\d_](?:[^\W\d_]|['’.\-])*$")
_NAME_PARTICLES = frozenset(
    {"van", "von", "de", "der", "den", "del", "della", "di", "da", "dos", "das", "du", "le"}
    | {"la", "bin", "binti", "al", "el", "ibn", "ten", "ter", "y", "zu"}
)
_MARKS = "*†‡§¶#¹²³⁴⁵⁶⁷⁸⁹⁰"
_VENUE_WORD_RE = re.compile(
    r"\b(?:journal|transactions|proceedings|conference|symposium|workshop|letters|magazine)\b",
    re.IGNORECASE,
)
_PUBLISHED_RE = re.compile(r"\b(?:accepted|to appear|published|appears? in)\b", re.IGNORECASE)


# --------------------------------------------------------------------------- text helpers


def _clean(text: str) -> str:
    """Markup-free text, with an escaped ``\\*`` kept as a plain ``*`` mark.

    The escape is protected first because ``strip_markdown`` pairs two escaped stars on
    one line ("Lin\\*, Ziming Liu\\*") as an emphasis span and eats both marks.
    """
    out = text.replace("\\*", _STAR)
    out = strip_markdown(latex_to_text(out))
    out = out.replace("**", "").replace("__", "")  # halves of a bold split by a comma
    return " ".join(out.replace(_STAR, "*").split())


def _key(text: str) -> str:
    """Comparison key for names and titles: no case, accents, punctuation or spacing."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed.casefold() if c.isalnum())


def _is_cjk(token: str) -> bool:
    return bool(token) and all(unicodedata.category(c) == "Lo" for c in token)


def _is_name(text: str) -> bool:
    """Does ``text`` look like one personal name (2-5 capitalised words, or CJK)?

    Single Latin words are refused: in a comma-separated title fragment ("Attention,
    Please") they are far more often title words than mononyms.
    """
    tokens = text.split()
    if len(tokens) == 1 and _is_cjk(tokens[0]):
        return True
    if not 2 <= len(tokens) <= 5:
        return False
    for i, token in enumerate(tokens):
        if 0 < i < len(tokens) - 1 and token.lower() in _NAME_PARTICLES:
            continue
        if not _NAME_TOKEN_RE.match(token) or not token[0].isupper():
            return False
    return True


def _strip_marks(name: str) -> tuple[str, bool]:
    """Name without footnote marks, and whether one of them was the equal-contribution
    star."""
    name = name.strip().lstrip("*_ ")
    body = name.rstrip(_MARKS + ",; ")
    equal = "*" in name[len(body) :]
    if body.endswith(".") and len(body.split()[-1]) > 2:  # a full stop, not an initial
        body = body[:-1]
    return body.strip(), equal


def _split_outside_braces(text: str, sep: str = ",") -> list[str]:
    """Split on ``sep`` except inside ``{...}``: a LaTeX group may hold a comma."""
    parts: list[str] = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth = max(0, depth - 1)
        elif ch == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def _year_of(two_digits: str) -> int:
    value = int(two_digits)
    return 2000 + value if value < 70 else 1900 + value


# --------------------------------------------------------------------------- sections


def _section_name(line: str) -> _Section | None:
    """The section a line opens, if it is one of the known CV section names."""
    text = _clean(_HEADING_RE.sub("", line)).strip().rstrip(":").strip().lower()
    return _SECTIONS.get(text)


@dataclass(slots=True)
class _Layout:
    """Line numbers (1-based) grouped by section; ``header`` is what precedes the first."""

    header: list[int] = field(default_factory=list)
    sections: list[tuple[_Section, list[int]]] = field(default_factory=list)

    def lines_of(self, kind: _Section) -> list[int]:
        return [n for section, numbers in self.sections if section == kind for n in numbers]


def _layout(lines: list[str]) -> _Layout:
    layout = _Layout()
    current: list[int] = layout.header
    for number, line in enumerate(lines, start=1):
        kind = _section_name(line) if line.strip() else None
        if kind is not None:
            current = []
            layout.sections.append((kind, current))
        elif line.strip():
            current.append(number)
    return layout


# --------------------------------------------------------------------------- owner


def _owner_name(lines: list[str], path: str) -> tuple[str, tuple[str, ...], int]:
    """Name, aliases and line of the CV's title line ("# Ziming Liu (刘子铭)")."""
    for number, line in enumerate(lines, start=1):
        text = _clean(_HEADING_RE.sub("", line))
        if not text or text.lower() in {"cv", "curriculum vitae", "resume", "résumé"}:
            continue
        aliases: tuple[str, ...] = ()
        match = re.match(r"^(.*?)\s*[(（]([^)）]*)[)）]\s*$", text)
        if match:
            text = match.group(1).strip()
            aliases = tuple(a.strip() for a in re.split(r"[,;/]", match.group(2)) if a.strip())
        if not _is_name(text):
            # the line itself is not quoted: a CV parser pointed at another kind of file
            # (a password file) must not print its content
            raise ParseError(path, "not a CV: its first line is not a name", line=number)
        return text, aliases, number
    raise ParseError(path, "empty document", line=1)


def _institutions(texts: list[str]) -> list[str]:
    found: list[str] = []
    for text in texts:
        for part in re.split(r"\s+/\s+|;|\|", text):
            name = part.split(",")[0].strip().rstrip(".")
            if _INSTITUTION_RE.search(name) and _key(name) not in {_key(f) for f in found}:
                found.append(name)
    return found


def _employers(lines: list[str], numbers: list[int]) -> list[str]:
    """Employers are the lines directly followed by a date range; the lines after the
    range (role, achievements) are not."""
    found: list[str] = []
    for here, after in itertools.pairwise(numbers):
        text = _clean(_HEADING_RE.sub("", lines[here - 1]))
        if _DATE_RANGE_RE.match(text) or not _DATE_RANGE_RE.match(_clean(lines[after - 1])):
            continue
        if text.endswith(".") and not text.endswith(_COMPANY_ABBREVIATIONS):
            text = text[:-1].rstrip()
        if text and text not in found:
            found.append(text)
    return found


def _contact(header: str) -> tuple[str | None, str | None]:
    email_match = _EMAIL_RE.search(header)
    email = email_match.group(0) if email_match else None
    label = _HOMEPAGE_LABEL_RE.search(header)
    urls = _URL_RE.findall(header[label.end() :] if label else header)
    homepage = next((u for u in urls if not any(h in u for h in _SOCIAL_HOSTS)), None)
    return email, homepage


def _parse_owner(lines: list[str], layout: _Layout, path: str) -> PersonRecord:
    name, aliases, line = _owner_name(lines, path)
    header_lines = [lines[n - 1] for n in layout.header if n > line]
    education = [_clean(_HEADING_RE.sub("", lines[n - 1])) for n in layout.lines_of("education")]
    email, homepage = _contact("\n".join(header_lines))
    return PersonRecord(
        name=name,
        line=line,
        aliases=aliases,
        affiliations=tuple(_institutions([_clean(t) for t in header_lines] + education)),
        employers=tuple(_employers(lines, layout.lines_of("employment"))),
        email=email,
        homepage=homepage,
    )


# --------------------------------------------------------------------------- entry lines


@dataclass(slots=True)
class _Segment:
    raw: str
    text: str


@dataclass(slots=True)
class _LineParts:
    """One line of a paper section cut into its parts; any of them may be empty."""

    title: str = ""
    authors: list[AuthorRef] | None = None
    truncated: bool = False
    venue: str = ""
    error: str | None = None


def _cut_venue(raw: str) -> tuple[str, str]:
    """Split a raw line at its first venue marker, then move a bare venue or year left
    at the end of the author list into the venue part."""
    match = _VENUE_START_RE.search(raw)
    pre, venue = (raw[: match.start()], raw[match.start() :]) if match else (raw, "")
    trailing = _TRAILING_VENUE_RE.search(pre)
    if trailing:
        venue = (pre[trailing.start() :].strip() + " " + venue).strip()
        pre = pre[: trailing.start()]
    return pre, venue


def _tidy_raw(piece: str) -> str:
    """A piece's own raw text: without the "and" connective, and without the closing
    half of a bold or math span that a comma inside the span left at its start
    ("**Ziming Liu,** Yifan Yang" -> "**Ziming Liu" and "Yifan Yang")."""
    piece = piece.strip()
    for marker in ("**", "$"):
        if piece.count(marker) % 2 and re.match(re.escape(marker) + r"\s", piece):
            piece = piece[len(marker) :].strip()
    return _LEADING_AND_RE.sub("", piece)


def _segments(raw: str) -> list[_Segment]:
    """Comma-separated pieces with their cleaned text, "and" split off."""
    out: list[_Segment] = []
    for piece in _split_outside_braces(raw):
        text = _LEADING_AND_RE.sub("", _clean(piece).strip(" ,"))
        if not text:
            continue
        piece = _tidy_raw(piece)
        parts = _AND_RE.split(text)
        raws = _AND_RE.split(piece)
        if len(parts) > 1 and all(_is_name(_strip_marks(p)[0]) for p in parts):
            use_raws = raws if len(raws) == len(parts) else parts
            out.extend(_Segment(r.strip(), p) for r, p in zip(use_raws, parts, strict=True))
        else:
            out.append(_Segment(piece, text))
    return out


def _raw_suffix(raw: str, name: str) -> str:
    """The shortest tail of ``raw`` that cleans to ``name`` (the first author's own text
    when a title runs into it), else ``name`` itself."""
    tokens = raw.split()
    for start in range(len(tokens) - 1, -1, -1):
        tail = " ".join(tokens[start:])
        if _clean(tail) == name:
            return tail
    return name


def _split_title_name(text: str, known: set[str], usual: int | None) -> tuple[str, str] | None:
    """Cut "<title> <first author>" in two: at the longest name the CV spells elsewhere,
    else (when ``usual`` is given) before the last ``usual`` words if they look like a
    name. ``None`` when no cut leaves both a title and a name."""
    tokens = text.split()
    for k in range(min(5, len(tokens) - 1), 0, -1):
        candidate = " ".join(tokens[-k:])
        if _key(_strip_marks(candidate)[0]) in known:
            return " ".join(tokens[:-k]), candidate
    if usual is not None and len(tokens) > usual:
        candidate = " ".join(tokens[-usual:])
        if _is_name(_strip_marks(candidate)[0]):
            return " ".join(tokens[:-usual]), candidate
    return None


def _author_refs(segments: list[_Segment]) -> list[AuthorRef]:
    refs = []
    for position, segment in enumerate(segments, start=1):
        name, equal = _strip_marks(segment.text)
        refs.append(
            AuthorRef(name=name, position=position, raw=segment.raw, equal_contribution=equal)
        )
    return refs


def _truncation(segments: list[_Segment]) -> bool:
    """Drop an "et al." / "and others" tail; report whether there was one."""
    if not segments or not _TRUNCATION_RE.search(segments[-1].text):
        return False
    rest = _TRUNCATION_RE.sub("", segments[-1].text).strip(" ,")
    if rest:
        segments[-1] = _Segment(segments[-1].raw, rest)
    else:
        segments.pop()
    return True


def _author_part(pre: str, known: set[str]) -> _LineParts:
    """Title and authors of the part of a line before its venue.

    A line is an author list when every comma-separated piece after the first is a
    name. The first piece is then a name, or a title glued to the first name; a name
    the CV spells elsewhere decides, else a first piece much longer than the other
    names is taken as glued. A lone piece is an author list only when the CV knows the
    name: "Hanayo Wave Pipeline" is a title, not a three-word name.
    """
    segments = _segments(pre)
    if not segments:
        return _LineParts()
    truncated = _truncation(segments)
    names = [_strip_marks(s.text)[0] for s in segments]
    first, others = names[0], [len(n.split()) for n in names[1:]]
    if not all(_is_name(n) for n in names[1:]):
        return _LineParts(title=_clean(pre))  # a title that happens to hold commas
    if _key(first) in known:
        return _LineParts(authors=_author_refs(segments), truncated=truncated)
    split = _split_title_name(segments[0].text, known, None)
    if split is None and len(segments) == 1 and not truncated:
        return _LineParts(title=_clean(pre))
    if split is None:
        glued = bool(others) and len(first.split()) > max(others) + 1
        if _is_name(first) and not glued:
            return _LineParts(authors=_author_refs(segments), truncated=truncated)
        usual = Counter(others).most_common(1)[0][0] if others else 2
        split = _split_title_name(segments[0].text, known, usual)
    if split is None:
        return _LineParts(
            title=_clean(pre), error="cannot tell where the title ends and the authors begin"
        )
    title, name = split
    segments[0] = _Segment(_raw_suffix(segments[0].raw, name), name)
    return _LineParts(title=title, authors=_author_refs(segments), truncated=truncated)


def _line_parts(raw: str, known: set[str]) -> _LineParts:
    raw = _BULLET_RE.sub("", _HEADING_RE.sub("", raw))
    raw = _LEGEND_RE.sub("", raw).strip()
    pre, venue = _cut_venue(raw)
    parts = _author_part(pre, known)
    parts.venue = venue
    return parts


def _is_noise(raw: str) -> bool:
    """Lines between entries that belong to no entry: labels, date ranges, legends."""
    text = _clean(_BULLET_RE.sub("", _HEADING_RE.sub("", raw)))
    return (
        not text
        or bool(_LABEL_RE.match(text))
        or bool(_DATE_RANGE_RE.match(text))
        or bool(_LEGEND_RE.fullmatch(raw.strip()))
    )


def _known_names(lines: list[str], numbers: list[int], owner: PersonRecord) -> set[str]:
    """Keys of names the CV spells cleanly: the owner and every name on a line that is
    nothing but an author list. They anchor the title/author split on glued lines."""
    known = {_key(owner.name), *(_key(a) for a in owner.aliases)}
    for number in numbers:
        if _is_noise(lines[number - 1]):
            continue
        raw = _LEGEND_RE.sub("", _BULLET_RE.sub("", _HEADING_RE.sub("", lines[number - 1])))
        segments = _segments(_cut_venue(raw)[0])
        _truncation(segments)
        names = [_strip_marks(s.text)[0] for s in segments]
        if len(names) >= 2 and all(_is_name(n) for n in names):
            known.update(_key(n) for n in names)
    return known


# --------------------------------------------------------------------------- venues


def _venue_name(text: str) -> str:
    pieces = [p.strip() for p in text.split(",") if p.strip()]
    chosen = next(
        (
            p
            for p in pieces
            if re.search(r"journal|transactions|proceedings|conference|symposium|workshop", p, re.I)
        ),
        pieces[0] if pieces else text,
    )
    chosen = re.sub(
        r"^(?:to appear (?:on|in|at)|accepted (?:by|at|to|in)|in)\s+", "", chosen, flags=re.I
    )
    chosen = re.sub(r"^proceedings of (?:the )?", "", chosen, flags=re.I)
    return _YEAR_RE.sub("", chosen).strip(" ,.")


def _parse_venue(text: str) -> tuple[VenueRef | None, int | None, str | None]:
    """Venue, year and arXiv id from an entry's venue text ("**SC '23**, In Proceedings
    of ..., 2023", "Under Review, Arxiv: 2407.00611, 2024")."""
    text = _LEGEND_RE.sub("", _clean(text))
    arxiv_id = None
    arxiv = _ARXIV_ID_RE.search(text)
    if arxiv:
        arxiv_id = arxiv.group(1)
        text = text[: arxiv.start()] + " arXiv " + text[arxiv.end() :]
    acronym, acronym_year = None, None
    for match in _ACRONYM_YEAR_RE.finditer(text):
        name = match.group("a1") or match.group("a2")
        if name.lower() != "arxiv":
            acronym = name
            acronym_year = (
                _year_of(match.group("y1")) if match.group("y1") else int(match.group("y2"))
            )
            break
    years = [int(y) for y in _YEAR_RE.findall(text)]
    year = years[-1] if years else acronym_year
    lowered = text.lower()
    kind: VenueKind
    if "workshop" in lowered:
        kind = "workshop"
    elif re.search(r"\b(?:journal|transactions|letters|magazine)\b", lowered):
        kind = "journal"
    elif acronym:
        kind = "conference"
    elif arxiv_id or "arxiv" in lowered:
        return VenueRef(name="arXiv", kind="preprint", year=year), year, arxiv_id
    elif re.search(r"proceedings|conference|symposium", lowered):
        kind = "conference"
    else:
        return None, year, arxiv_id  # "Under Review, 2024": a year but no venue
    if acronym:
        return VenueRef(name=acronym, acronym=acronym, kind=kind, year=acronym_year), year, arxiv_id
    return VenueRef(name=_venue_name(text), kind=kind, year=year), year, arxiv_id


# --------------------------------------------------------------------------- entries


@dataclass(slots=True)
class _Entry:
    line: int
    kind: str
    titles: list[str] = field(default_factory=list)
    authors: list[AuthorRef] | None = None
    truncated: bool = False
    venues: list[str] = field(default_factory=list)
    error: str | None = None


def _continues(previous: str, text: str) -> bool:
    """Is ``text`` the rest of a title cut after ``previous`` ("WallFacer:" / "Harnessing
    ...")? Otherwise two author-less lines are two entries, not one long title."""
    last = previous.split()[-1].lower() if previous.split() else ""
    return (
        previous.rstrip().endswith((":", "-", "–"))
        or text[:1].islower()
        or last in {"of", "for", "and", "the", "with", "on", "in", "to", "via", "a", "an"}
    )


def _finish(entry: _Entry, path: str) -> PaperRecord | RecordError:
    title = " ".join(entry.titles).strip().rstrip(".:").strip()
    if entry.error:
        return RecordError(path, entry.line, f"{entry.error}: {quote(title)}")
    if not title:
        return RecordError(path, entry.line, "author list or venue without a title")
    if not entry.authors:
        return RecordError(path, entry.line, f"no author list found for {quote(title)}")
    venue, year, arxiv_id = _parse_venue(" ".join(entry.venues))
    return PaperRecord(
        title=title,
        line=entry.line,
        authors=tuple(entry.authors),
        authors_truncated=entry.truncated,
        year=year,
        arxiv_id=arxiv_id,
        venue=venue,
        kind=entry.kind,
    )


def _looks_like_venue(text: str) -> bool:
    """A venue line without a marker ("Journal of Things, 2021", "NeurIPS 2021"), told
    from a title by a year next to venue words or by an acronym with its year."""
    return bool(
        (_VENUE_WORD_RE.search(text) and _YEAR_RE.search(text))
        or re.match(_ACRONYM_YEAR_RE.pattern, text)
    )


def _section_entries(
    lines: list[str], numbers: list[int], kind: str, known: set[str], path: str
) -> list[PaperRecord | RecordError]:
    """Group a section's lines into entries: a title starts a new entry once the current
    one has its authors (or venue); author and venue lines attach to the current one."""
    out: list[PaperRecord | RecordError] = []
    current: _Entry | None = None
    for number in numbers:
        raw = lines[number - 1]
        if _is_noise(raw):
            continue
        parts = _line_parts(raw, known)
        venue_only = parts.title and parts.authors is None and _looks_like_venue(_clean(raw))
        if venue_only and current is not None and current.authors and not current.venues:
            parts.venue, parts.title = raw, ""
        if parts.title:
            if current is not None and (
                current.authors is not None
                or current.venues
                or not current.titles
                or not _continues(current.titles[-1], parts.title)
            ):
                out.append(_finish(current, path))
                current = None
            if current is None:
                current = _Entry(line=number, kind=kind)
            current.titles.append(parts.title)
            current.error = current.error or parts.error
        if parts.authors is not None:
            if current is None or current.authors is not None:
                if current is not None:
                    out.append(_finish(current, path))
                current = _Entry(line=number, kind=kind)
            current.authors = parts.authors
            current.truncated = parts.truncated
        if parts.venue:
            if current is None:
                current = _Entry(line=number, kind=kind)
            current.venues.append(parts.venue)
    if current is not None:
        out.append(_finish(current, path))
    return out


def _project_mentions(lines: list[str], numbers: list[int]) -> list[PaperRecord]:
    """Papers a research-experience section describes: a title (possibly over several
    consecutive lines) and, from an "accepted by SC '23" bullet, the venue. No authors."""
    mentions: list[tuple[int, list[str], list[str]]] = []
    previous_was_title = False
    for number in numbers:
        raw = lines[number - 1]
        text = _clean(_HEADING_RE.sub("", raw))
        if _BULLET_RE.match(raw) and not raw.lstrip().startswith("#"):
            if mentions and _PUBLISHED_RE.search(text):
                mentions[-1][2].append(_BULLET_RE.sub("", text))
            previous_was_title = False
        elif _is_noise(raw):
            previous_was_title = False
        elif previous_was_title and mentions:
            mentions[-1][1].append(text)
        else:
            mentions.append((number, [text], []))
            previous_was_title = True
    records = []
    for number, titles, venues in mentions:
        venue, year, arxiv_id = _parse_venue(" ".join(venues))
        title = " ".join(titles).strip().rstrip(".:").strip()
        records.append(
            PaperRecord(title=title, line=number, year=year, arxiv_id=arxiv_id, venue=venue)
        )
    return records


# --------------------------------------------------------------------------- merging


def _fuller(a: PaperRecord, b: PaperRecord) -> tuple[PaperRecord, PaperRecord]:
    """(base, other): the record with the longer author list, a complete list before a
    truncated one, a publication before a preprint, else the first seen."""
    rank_a = (len(a.authors), not a.authors_truncated, a.kind == "publication")
    rank_b = (len(b.authors), not b.authors_truncated, b.kind == "publication")
    return (b, a) if rank_b > rank_a else (a, b)


def _merge(a: PaperRecord, b: PaperRecord) -> PaperRecord:
    """One record from two descriptions of the same paper in one CV: the fuller one is
    kept (its title, authors and line, where the author list is) and gaps are filled
    from the other; a published venue wins over a preprint one."""
    base, other = _fuller(a, b)
    changes: dict[str, object] = {}
    for name in ("year", "date", "abstract", "doi", "arxiv_id", "url", "code_url", "kind"):
        if getattr(base, name) is None and getattr(other, name) is not None:
            changes[name] = getattr(other, name)
    if other.venue is not None and (
        base.venue is None or (base.venue.kind == "preprint" and other.venue.kind != "preprint")
    ):
        changes["venue"] = other.venue
        if other.year is not None:
            changes["year"] = other.year
    if other.kind == "publication":
        changes["kind"] = "publication"
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def _merge_duplicates(papers: list[PaperRecord], mentions: list[PaperRecord]) -> list[PaperRecord]:
    """One record per normalized title. Listed papers that repeat merge with each other;
    a project mention only enriches a listed paper and never becomes a paper itself
    (it has no author list)."""
    merged: dict[str, PaperRecord] = {}
    for paper in papers:
        key = _key(paper.title)
        merged[key] = _merge(merged[key], paper) if key in merged else paper
    for mention in mentions:
        key = _key(mention.title)
        if key in merged:
            merged[key] = _merge(merged[key], mention)
    return list(merged.values())


# --------------------------------------------------------------------------- entry point


def _check_text(text: str, path: str) -> list[str]:
    if not text.strip():
        raise ParseError(path, "empty document", line=1)
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ParseError(path, "binary content (NUL byte), not a text CV", line=line)
    return [line.rstrip("\r") for line in text.lstrip("\ufeff").split("\n")]


def parse_cv(
    text: str,
    *,
    path: str,
    owner: str | None = None,
    captured: dt.date | None = None,
) -> ParsedDocument:
    """Parse a markdown CV into its owner and the papers it lists.

    ``owner`` is who the manifest says the CV belongs to; a CV titled with another name
    is the wrong file, so it raises rather than attributing papers to the wrong person.
    ``read`` counts distinct paper entries (after merging repeats) plus unusable ones.
    """
    lines = _check_text(text, path)
    layout = _layout(lines)
    person = _parse_owner(lines, layout, path)
    if not layout.sections:
        raise ParseError(
            path, "not a CV: no CV section (Education, Publications, ...) found", line=person.line
        )
    if owner is not None and _key(owner) not in {_key(person.name), *map(_key, person.aliases)}:
        raise ParseError(
            path,
            f"CV belongs to {quote(person.name)}, expected owner {quote(owner)}",
            line=person.line,
        )
    numbers = layout.lines_of("publication") + layout.lines_of("preprint")
    known = _known_names(lines, numbers, person)
    entries: list[PaperRecord | RecordError] = []
    for section, section_numbers in layout.sections:
        if section in ("publication", "preprint"):
            entries.extend(_section_entries(lines, section_numbers, section, known, path))
    papers = [e for e in entries if isinstance(e, PaperRecord)]
    errors = [e for e in entries if isinstance(e, RecordError)]
    mentions = _project_mentions(lines, layout.lines_of("research"))
    papers = _merge_duplicates(papers, mentions)
    return ParsedDocument(
        path=path,
        format="cv",
        papers=papers,
        owner=person,
        errors=errors,
        read=len(papers) + len(errors),
        captured=captured,
    )


def _sniff(head: str) -> bool:
    """A markdown title first, and a CV section or contact line in the head."""
    lines = head_lines(head)
    return bool(
        lines
        and lines[0].startswith("# ")
        and ("E-mail" in head or "Education" in head or "Publications" in head)
    )


FORMAT = Format(
    name="cv",
    description="a CV converted to markdown (Education, Publications, ...)",
    sniff=_sniff,
    parse=parse_cv,
)
