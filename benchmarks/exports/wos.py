"""Web of Science exports, plain text (``wos``) and tab-delimited (``wos_tab``).

Both layouts carry the same tags, so a record is a tag -> values mapping either way
(``AU``/``AF``/``C1`` one value per author or address, the rest one text) and a copy
changes the same tags in both. An author is their ``AU`` and ``AF`` forms with the
ORCID (``OI``), ResearcherID (``RI``) and ``C1`` addresses the samples give them, so
a drawn author brings their identifiers and institutions along. ``RP`` keeps its
address with the corresponding author's position; ``EM``, ``CR`` and the rest are
copied as written.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from benchmarks.exports.base import (
    Export,
    Pool,
    Samples,
    new_doi,
    new_pmid,
    numbered,
    serial,
    split_outside_brackets,
)

__all__ = ["WosPlain", "WosTab"]

# tags whose values are one per line (plain) or "; "-separated (tab-delimited)
_LIST_TAGS = frozenset({"AU", "AF", "BA", "BF", "BE", "CA", "GP", "C1", "CR"})
_TAG_RE = re.compile(r"^[A-Z][A-Z0-9]$")
_GROUP_RE = re.compile(r"^\[(?P<names>[^\]]*)\]\s*(?P<address>.*)$")
_CHANGED = ("AU", "AF", "C1", "RP", "OI", "RI", "TI", "DI", "UT", "PM")

Tags = dict[str, list[str]]


@dataclass(frozen=True, slots=True)
class Author:
    au: str
    af: str
    orcid: str | None
    rid: str | None
    addresses: tuple[str, ...]


def _ids(text: str) -> dict[str, str]:
    """``OI``/``RI`` text ("Name/0000-...; Name/...") as name -> id."""
    out: dict[str, str] = {}
    for entry in text.split(";"):
        name, _, ident = entry.strip().rpartition("/")
        if name and ident:
            out.setdefault(name.strip(), ident.strip())
    return out


def _authors(tags: Tags) -> list[Author]:
    au = tags.get("AU", [])
    af = tags.get("AF", []) or au
    if len(af) != len(au):
        return []
    orcids = _ids(" ".join(tags.get("OI", [])))
    rids = _ids(" ".join(tags.get("RI", [])))
    addresses: dict[str, list[str]] = {}
    for value in tags.get("C1", []):
        m = _GROUP_RE.match(value)
        if m:
            for name in m["names"].split(";"):
                addresses.setdefault(name.strip(), []).append(m["address"])
    return [
        Author(
            au=short,
            af=full,
            orcid=orcids.get(full) or orcids.get(short),
            rid=rids.get(full) or rids.get(short),
            addresses=tuple(dict.fromkeys(addresses.get(full) or addresses.get(short) or [])),
        )
        for short, full in zip(au, af, strict=True)
    ]


def _rp(text: str, before: list[str], after: list[Author]) -> str:
    """``RP`` with each original author's name (before " (corresponding author)")
    replaced by the author drawn for that position."""
    mapping = {old: new.au for old, new in zip(before, after, strict=False)}
    if not mapping:
        return text
    pattern = "|".join(re.escape(n) for n in sorted(mapping, key=len, reverse=True))
    return re.sub(rf"(?:{pattern})(?= \()", lambda m: mapping[m.group()], text)


def changes(tags: Tags, authors: list[Author], copy: int, index: int) -> Tags:
    """The new values of the tags a copy changes (an empty list drops the tag)."""
    out: Tags = {"AU": [a.au for a in authors], "AF": [a.af for a in authors]}
    if "C1" in tags:
        groups: dict[str, list[str]] = {}
        for a in authors:
            for address in a.addresses:
                groups.setdefault(address, []).append(a.af)
        out["C1"] = [f"[{'; '.join(names)}] {address}" for address, names in groups.items()]
    if "RP" in tags:
        out["RP"] = [_rp(" ".join(tags["RP"]), tags.get("AU", []), authors)]
    out["OI"] = ["; ".join(f"{a.af}/{a.orcid}" for a in authors if a.orcid)]
    out["RI"] = ["; ".join(f"{a.af}/{a.rid}" for a in authors if a.rid)]
    title = tags.get("TI", [])
    out["TI"] = [*title[:-1], numbered(title[-1], copy)] if title else []
    out["DI"] = [new_doi(" ".join(tags["DI"]), copy)] if "DI" in tags else []
    out["UT"] = [f"WOS:{serial(copy, index)}"]
    out["PM"] = [new_pmid(copy, index)] if "PM" in tags else []
    return {k: [v for v in vs if v] for k, vs in out.items()}


def _plain_records(text: str) -> Iterator[list[tuple[str, list[str]]]]:
    """Each ``PT`` ... ``ER`` record as (tag, lines) pairs, continuation lines apart."""
    fields: list[tuple[str, list[str]]] | None = None
    for line in text.splitlines():
        if line.startswith("   ") and fields:
            fields[-1][1].append(line[3:])
            continue
        tag, value = line[:2], line[3:]
        if tag == "PT":
            fields = [(tag, [value])]
        elif tag == "ER" and fields is not None:
            yield fields
            fields = None
        elif fields is not None and _TAG_RE.match(tag):
            fields.append((tag, [value]))


def _logical(fields: list[tuple[str, list[str]]]) -> Tags:
    """Plain-text fields as tag -> values, a multi-line text tag joined with spaces."""
    tags: Tags = {}
    for tag, lines in fields:
        tags[tag] = list(lines) if tag in _LIST_TAGS else [" ".join(lines)]
    return tags


def _tab_rows(text: str) -> tuple[list[str], list[Tags]]:
    lines = [line for line in text.lstrip("\ufeff").splitlines() if line.strip()]
    header = [c.strip() for c in lines[0].split("\t")]
    while header and not header[-1]:
        header.pop()
    rows: list[Tags] = []
    for line in lines[1:]:
        cells = line.split("\t")
        tags: Tags = {}
        for tag, cell in zip(header, cells, strict=False):
            value = cell.strip()
            if value:
                tags[tag] = split_outside_brackets(value, "; ") if tag in _LIST_TAGS else [value]
        rows.append(tags)
    return header, rows


def _read_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig")


class WosPlain(Export):
    """``FN``/``VR`` header once, records separated by a blank line, ``EF`` at the end."""

    fmt = "wos"
    suffix = ".txt"
    separator = "\n"

    def __init__(self, samples: Samples) -> None:
        self._pool: Pool[Author] = Pool(lambda a: (a.au, a.af))
        self._records: list[list[tuple[str, list[str]]]] = []
        for path in samples.files(self.fmt):
            for fields in _plain_records(_read_text(path)):
                self._records.append(fields)
                self._pool.extend(_authors(_logical(fields)))
        self.templates = len(self._records)
        self.authors = len(self._pool)

    def header(self) -> str:
        return "\ufeffFN Clarivate Analytics Web of Science\nVR 1.0\n"

    def record(self, copy: int, index: int, rng: random.Random) -> str:
        fields = self._records[index]
        tags = _logical(fields)
        new = changes(tags, self._pool.draw(rng, len(tags.get("AU", []))), copy, index)
        out: list[str] = []
        done: set[str] = set()
        for tag, lines in fields:
            if tag in new:
                if tag not in done:
                    out.extend(_plain_field(tag, new[tag]))
                    done.add(tag)
            elif tag not in _CHANGED:
                out.extend(_plain_field(tag, lines))
        for tag in _CHANGED:
            if tag in new and tag not in done:
                out.extend(_plain_field(tag, new[tag]))
        out.append("ER")
        return "\n".join(out) + "\n"

    def footer(self, records: int) -> str:
        return "\nEF\n"


def _plain_field(tag: str, values: list[str]) -> list[str]:
    if not values:
        return []
    return [f"{tag} {values[0]}", *(f"   {v}" for v in values[1:])]


class WosTab(Export):
    """The sample's header row once (UTF-8 BOM, CRLF), a row per record with the
    exporter's extra empty trailing field."""

    fmt = "wos_tab"
    suffix = ".txt"
    separator = ""

    def __init__(self, samples: Samples) -> None:
        self._pool: Pool[Author] = Pool(lambda a: (a.au, a.af))
        self._header: list[str] = []
        self._rows: list[Tags] = []
        for path in samples.files(self.fmt):
            header, rows = _tab_rows(_read_text(path))
            if self._header and header != self._header:
                continue  # one header per file: samples of another layout are left out
            self._header = header
            self._rows.extend(rows)
        for tags in self._rows:
            self._pool.extend(_authors(tags))
        self.templates = len(self._rows)
        self.authors = len(self._pool)

    def header(self) -> str:
        return "\ufeff" + "\t".join(self._header) + "\r\n"

    def record(self, copy: int, index: int, rng: random.Random) -> str:
        tags = self._rows[index]
        new = changes(tags, self._pool.draw(rng, len(tags.get("AU", []))), copy, index)
        cells = []
        for tag in self._header:
            values = new.get(tag, [] if tag in _CHANGED else tags.get(tag, []))
            cells.append("; ".join(values))
        return "\t".join(cells) + "\t\r\n"
