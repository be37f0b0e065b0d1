"""Web of Science "plain text" tagged export (``savedrecs.txt``).

The file is a header (``FN Clarivate Analytics Web of Science``, ``VR 1.0``), then
records from ``PT`` to ``ER``, then ``EF``. Each line starts with a two-letter tag; a
line starting with three spaces continues the tag above. UTF-8 with a byte-order mark,
often without a final newline. Exports run to hundreds of thousands of records, so
:func:`iter_wos` reads one line at a time and yields each record when its ``ER`` comes.

Both WoS layouts (this one and the tab-delimited one, loaders/wos_tab.py) are reduced
to one shape, a mapping from tag to its values, and :func:`record_from_tags` turns that
into a PaperRecord, so the two layouts cannot drift apart. What a value is differs by
tag: for the tags in :data:`LIST_TAGS` (author names, addresses, cited references) each
line is one value (the tab layout separates them with "; "); for every other tag the
lines are one text wrapped at spaces and are joined with a space ("Computer Science,
Information\\n   Systems"), then lists among them (``DE``, ``ID``, ``WC``, ``SC``,
``OI``, ``RI``, ``EM``) are split at ";".

Mapping decisions:

- Authors: ``AF`` (full names) gives ``name``, ``AU`` (short names) ``raw``; both
  "Family, Given" turned into "Given Family". An ``AF`` that repeats ``AU`` (older
  records) or spells only initials ("Robinson, M. L.") is ``initials_only`` and named
  "M. L. Robinson". If ``AF`` and ``AU`` disagree on the number of authors, ``AU`` alone
  is used: it is the list WoS counts.
- Group authors (``CA``: a consortium or network that wrote the paper) follow the
  persons in the list as corporate authors under the name as written, as arXiv
  collaborations are kept. ``GP`` (book group authors: the sponsor of a proceedings
  volume, "IEEE", "IEEE COMP SOC") is not an author of the paper: as an author it would
  join every IEEE proceedings paper into one co-authorship hub, so it is left out.
- Addresses (``C1``): ``[Name; Name] Org, Dept, City, Country.`` attaches the address to
  the authors named in the brackets (names matched to ``AF``/``AU`` by loaders/names.py;
  a name that matches no one, or more than one, is left out). An address without
  brackets (older records) pairs with no one: it goes to the only author of a
  one-author paper, else nowhere. The institution is the first comma part, the country
  the last ("Peoples R China", "England"; "FL 32611 USA" -> "USA"), the address the
  whole string without its final full stop.
- ``RP`` (reprint/corresponding author, in whatever language the export used) pairs an
  author with an address: it is added to that author when ``C1`` gave them none. ``EM``
  emails are not matched to names; the one email of a record is given to its
  corresponding author when ``RP`` names exactly one author.
- ``OI`` (``Name/ORCID; ...``) and ``RI`` (``Name/ResearcherID; ...``) give identifiers
  to the authors whose names match (the first one wins when a name has two).
- ``CR`` lines become CitedRefs (loaders/references.py), ``TC`` is ``cited_by``,
  ``DE``/``ID``/``WC``+``SC`` are author keywords, Keywords Plus and subject categories.
- ``VL``/``BP`` are the volume and first page.
- Venue: ``SO`` as written (a journal, or a proceedings title), kind from ``PT``/``DT``;
  ``J9``/``JI`` abbreviations are not made the acronym, since venues are keyed by their
  acronym first and "MAR BIOL" would then never meet Scopus's "Marine Biology".
- year: ``PY``, else the year in ``PD`` or ``EA`` (early access). date: ``PD`` when it
  gives a day ("JUN 17", "2024 OCT 9").
- Title: HTML markup stripped ("<i>Tropical</i>" -> "Tropical"), whitespace collapsed.

Errors: a file that does not begin like a WoS export raises :class:`ParseError`. A
record without a title, with a line that is neither a tag nor a continuation, with
undecodable bytes, or not closed by ``ER`` becomes a RecordError naming the line of its
``PT``, and reading goes on.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import BinaryIO

from loaders.dates import MONTHS
from loaders.errors import ParseError
from loaders.format import Format
from loaders.identifiers import (
    clean_doi,
    clean_orcid,
    clean_pmid,
    clean_researcher_id,
    clean_wos_ut,
)
from loaders.markup import strip_markup
from loaders.names import NameIndex, person_name, split_inverted
from loaders.records import (
    AuthorRef,
    CitedRef,
    InstitutionRef,
    PaperRecord,
    RecordError,
    TopicKind,
    TopicRef,
    VenueKind,
    VenueRef,
)
from loaders.references import parse_wos_ref
from loaders.textlines import utf8_lines

__all__ = ["FORMAT", "LIST_TAGS", "BadRecord", "iter_wos", "looks_like_wos", "record_from_tags"]

LIST_TAGS = frozenset({"AU", "AF", "BA", "BF", "BE", "CA", "GP", "C1", "CR"})
"""Tags whose every line (tab layout: every "; " part) is one value."""

Tags = Mapping[str, Sequence[str]]
Item = PaperRecord | RecordError

_TAG_LINE_RE = re.compile(r"^([A-Z][A-Z0-9])(?: (.*))?$")
_BRACKET_ADDRESS_RE = re.compile(r"^\[([^\]]*)\]\s*(.*)$")
_RP_RE = re.compile(r"^(?P<name>[^()]+?)\s*\([^()]*\),\s*(?P<address>.+)$")
_YEAR_RE = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_PD_RE = re.compile(r"^(?:(\d{4}) )?([A-Za-z]{3}) (\d{1,2})$")
_USA_RE = re.compile(r"\bUSA$")
_TOPIC_TAGS: tuple[tuple[str, TopicKind], ...] = (
    ("DE", "author_keyword"),
    ("ID", "index_keyword"),
    ("WC", "subject_category"),
    ("SC", "subject_category"),
)


class BadRecord(ValueError):
    """A record this loader cannot use; becomes a RecordError for its line."""


def looks_like_wos(head: str) -> bool:
    """Whether a file's first text is a WoS plain-text export: the ``FN``/``VR`` header,
    or a record that starts with ``PT`` and has the next line tagged too.

    >>> looks_like_wos("\\ufeffFN Clarivate Analytics Web of Science\\nVR 1.0\\nPT J\\n")
    True
    >>> looks_like_wos("PT\\tAU\\tBA\\tBE\\n")
    False
    """
    lines = head.lstrip("\ufeff \t\r\n").splitlines()
    if not lines:
        return False
    if lines[0].startswith("FN ") and len(lines) > 1 and lines[1].startswith("VR "):
        return True
    return lines[0].startswith("PT ") and len(lines) > 1 and bool(_TAG_LINE_RE.match(lines[1]))


# --------------------------------------------------------------------- tag values


def _text(tags: Tags, tag: str) -> str | None:
    text = " ".join(" ".join(tags.get(tag, ())).split())
    return text or None


def _values(tags: Tags, tag: str) -> list[str]:
    return [" ".join(v.split()) for v in tags.get(tag, ()) if v.strip()]


def _items(tags: Tags, tag: str) -> list[str]:
    text = _text(tags, tag)
    return [item.strip() for item in text.split(";") if item.strip()] if text else []


def _int(text: str | None) -> int | None:
    # bounded: int() refuses 4,300 digits, and no count or page has 16
    return int(text) if text and text.strip().isdigit() and len(text.strip()) <= 15 else None


# ------------------------------------------------------------------------ authors


def _institution(address: str) -> InstitutionRef:
    address = " ".join(address.split()).rstrip(" .")
    parts = [p.strip() for p in address.split(",") if p.strip()]
    country = parts[-1] if len(parts) > 1 else None
    if country and _USA_RE.search(country):
        country = "USA"
    return InstitutionRef(name=parts[0] if parts else address, country=country, address=address)


class _Byline:
    """The persons of one record while addresses and identifiers are attached."""

    def __init__(self, tags: Tags) -> None:
        short = _values(tags, "AU")
        full = _values(tags, "AF")
        if not short:
            short, full = full, []
        if full and len(full) != len(short):
            full = []
        self.short = short
        self.full = full or [""] * len(short)
        self.index = NameIndex(
            [
                [split_inverted(f), split_inverted(s)] if f else [split_inverted(s)]
                for f, s in zip(self.full, self.short, strict=True)
            ]
        )
        self.institutions: list[list[InstitutionRef]] = [[] for _ in short]
        self.orcid: list[str | None] = [None] * len(short)
        self.researcher_id: list[str | None] = [None] * len(short)
        self.email: list[str | None] = [None] * len(short)

    def find(self, name: str) -> int | None:
        return self.index.find(*split_inverted(name))

    def add_institution(self, i: int, inst: InstitutionRef) -> None:
        if inst not in self.institutions[i]:
            self.institutions[i].append(inst)

    def refs(self) -> list[AuthorRef]:
        out = []
        for i, (full, short) in enumerate(zip(self.full, self.short, strict=True)):
            name, initials = person_name(full or short, compact=not full or full == short)
            insts = tuple(self.institutions[i])
            out.append(
                AuthorRef(
                    name=name,
                    position=i + 1,
                    raw=short,
                    orcid=self.orcid[i],
                    researcher_id=self.researcher_id[i],
                    email=self.email[i],
                    affiliation=insts[0].name if insts else None,
                    institutions=insts,
                    initials_only=initials,
                )
            )
        return out


def _attach_addresses(byline: _Byline, tags: Tags) -> None:
    unpaired: list[InstitutionRef] = []
    for value in _values(tags, "C1"):
        m = _BRACKET_ADDRESS_RE.match(value)
        if m is None:
            unpaired.append(_institution(value))
            continue
        inst = _institution(m.group(2))
        for name in m.group(1).split(";"):
            i = byline.find(name.strip())
            if i is not None:
                byline.add_institution(i, inst)
    if unpaired and len(byline.short) == 1:
        for inst in unpaired:
            byline.add_institution(0, inst)


def _attach_corresponding(byline: _Byline, tags: Tags) -> None:
    rp = _text(tags, "RP")
    without = {i for i, insts in enumerate(byline.institutions) if not insts}
    named: set[int] = set()
    for entry in re.split(r"\.;\s*", rp) if rp else ():
        m = _RP_RE.match(entry.strip())
        i = byline.find(m.group("name")) if m else None
        if m is None or i is None:
            continue
        named.add(i)
        if i in without:
            byline.add_institution(i, _institution(m.group("address")))
    emails = _items(tags, "EM")
    if len(named) == 1 and len(emails) == 1:
        byline.email[named.pop()] = emails[0]


def _attach_ids(byline: _Byline, tags: Tags) -> None:
    for tag, clean, slots in (
        ("OI", clean_orcid, byline.orcid),
        ("RI", clean_researcher_id, byline.researcher_id),
    ):
        for item in _items(tags, tag):
            name, _, ident = item.rpartition("/")
            value = clean(ident)
            i = byline.find(name) if name and value else None
            if i is not None and slots[i] is None:
                slots[i] = value


def _authors(tags: Tags) -> tuple[AuthorRef, ...]:
    byline = _Byline(tags)
    _attach_addresses(byline, tags)
    _attach_corresponding(byline, tags)
    _attach_ids(byline, tags)
    refs = byline.refs()
    for group in _values(tags, "CA"):
        for name in (n.strip() for n in group.split(";")):
            if name:
                refs.append(AuthorRef(name=name, position=len(refs) + 1, raw=name))
    return tuple(refs)


# ----------------------------------------------------------------------- the rest


def _year(tags: Tags) -> int | None:
    for tag in ("PY", "PD", "EA"):
        m = _YEAR_RE.search(_text(tags, tag) or "")
        if m:
            return int(m.group(1))
    return None


def _date(tags: Tags, year: int | None) -> dt.date | None:
    m = _PD_RE.match(_text(tags, "PD") or "")
    month = MONTHS.get(m.group(2).lower()) if m else None
    if m is None or month is None:
        return None
    y = int(m.group(1)) if m.group(1) else year
    try:
        return dt.date(y, month, int(m.group(3))) if y else None
    except ValueError:
        return None


def _venue(tags: Tags, year: int | None) -> VenueRef | None:
    name = _text(tags, "SO")
    if name is None:
        return None
    pt = (_text(tags, "PT") or "").upper()
    dtype = (_text(tags, "DT") or "").lower()
    kind: VenueKind = (
        "conference" if pt == "C" or "proceedings" in dtype else "journal" if pt == "J" else "other"
    )
    return VenueRef(name=name, kind=kind, year=year)


def _topics(tags: Tags) -> tuple[TopicRef, ...]:
    seen: dict[tuple[str, str], TopicRef] = {}
    for tag, kind in _TOPIC_TAGS:
        for item in _items(tags, tag):
            seen.setdefault((item.casefold(), kind), TopicRef(name=item, kind=kind))
    return tuple(seen.values())


def _references(tags: Tags) -> tuple[CitedRef, ...]:
    return tuple(parse_wos_ref(v) for v in tags.get("CR", ()) if v.strip())


def record_from_tags(tags: Tags, *, line: int) -> PaperRecord:
    """One WoS record, as a tag -> values mapping (either layout), to a PaperRecord.
    Raises :class:`BadRecord` when it has no title."""
    title = _text(tags, "TI")
    if title is None or not strip_markup(title):
        raise BadRecord("no title (TI)")
    year = _year(tags)
    return PaperRecord(
        title=strip_markup(title),
        line=line,
        authors=_authors(tags),
        year=year,
        date=_date(tags, year),
        abstract=_text(tags, "AB"),
        doi=clean_doi(_text(tags, "DI")),
        wos_ut=clean_wos_ut(_text(tags, "UT")),
        pmid=clean_pmid(_text(tags, "PM")),
        venue=_venue(tags, year),
        volume=_text(tags, "VL"),
        first_page=_text(tags, "BP"),
        topics=_topics(tags),
        kind=_text(tags, "DT"),
        cited_by=_int(_text(tags, "TC")),
        references=_references(tags),
    )


# ------------------------------------------------------------------------ reading


class _Record:
    """The lines of one record while it is read."""

    def __init__(self, line: int, pt: str) -> None:
        self.line = line
        self.tags: dict[str, list[str]] = {"PT": [pt]}
        self.current: str | None = "PT"
        self.problem: str | None = None

    def add(self, line_no: int, text: str) -> None:
        if text.startswith("   ") and text.strip():
            if self.current is None:
                self.problem = self.problem or f"line {line_no} continues no tag"
            else:
                self.tags[self.current].append(text.strip())
            return
        if not text.strip():
            return
        m = _TAG_LINE_RE.match(text)
        if m is None:
            self.problem = self.problem or f"line {line_no} is neither a tag nor a continuation"
            self.current = None
            return
        self.current = m.group(1)
        self.tags.setdefault(self.current, []).append(m.group(2) or "")

    def build(self, path: str) -> Item:
        if self.problem is not None:
            return RecordError(path, self.line, self.problem)
        try:
            return record_from_tags(self.tags, line=self.line)
        except BadRecord as exc:
            return RecordError(path, self.line, str(exc))


def iter_wos(stream: BinaryIO, *, path: str) -> Iterator[Item]:
    """Yield one PaperRecord (or RecordError) per ``PT ... ER`` record of the file."""
    record: _Record | None = None
    started = False
    undecodable: set[int] = set()
    for line_no, text in enumerate(utf8_lines(stream, undecodable), 1):
        text = text.rstrip("\r\n")
        bad_bytes = line_no in undecodable
        if not started:
            if not text.strip():
                continue
            if not text.startswith(("FN ", "VR ", "PT ")):
                raise ParseError(
                    path,
                    f"not a Web of Science plain-text export (starts with {text[:2]!r})",
                    line=line_no,
                )
            started = True
        if record is not None and text.startswith("PT "):
            yield RecordError(path, record.line, "record not closed by ER")
            record = None
        if record is not None:
            if bad_bytes:
                record.problem = record.problem or f"line {line_no} is not UTF-8"
            if text.strip() == "ER":
                yield record.build(path)
                record = None
            else:
                record.add(line_no, text)
            continue
        if text.startswith("PT "):
            record = _Record(line_no, text[3:])
            if bad_bytes:
                record.problem = f"line {line_no} is not UTF-8"
        elif text.strip() == "EF":
            break
        elif text.strip() and not text.startswith(("FN ", "VR ")):
            yield RecordError(path, line_no, "a line outside any PT ... ER record")
    if record is not None:
        yield RecordError(path, record.line, "record not closed by ER (file cut short?)")
    if not started:
        raise ParseError(path, "the file is empty", line=1)


FORMAT = Format(
    name="wos",
    description="Web of Science plain-text export (FN/VR header, PT ... ER records), streamed",
    sniff=looks_like_wos,
    stream=iter_wos,
)
