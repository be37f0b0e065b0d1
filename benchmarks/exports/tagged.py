"""The line-tagged exports: MEDLINE text (``medline``) and RIS (``ris``).

A record is kept as its fields, each a tag with its physical lines (continuations
included), and a copy rewrites only the fields that identify or name: everything else
is written back byte for byte. MEDLINE authors are whole blocks (``FAU``, ``AU``,
``AUID`` and the ``AD`` lines after them), so a drawn author brings their ORCID and
affiliations; a collective author (``CN``) stays where it was. RIS authors are ``AU``
lines (``A1`` where a record has no ``AU``); RIS addresses are not tied to authors and
stay with the record.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from benchmarks.exports.base import Export, Pool, Samples, new_doi, new_pmid, numbered, serial

__all__ = ["Medline", "Ris"]


@dataclass(slots=True)
class Field:
    tag: str
    lines: list[str]  # physical lines, the first with its tag


def _text(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig")


def _replace_all(fields: list[Field], old: str, new: str) -> None:
    for f in fields:
        f.lines = [line.replace(old, new) for line in f.lines]


# ---------------------------------------------------------------------------- MEDLINE

_MEDLINE_TAG_RE = re.compile(r"^([A-Z][A-Z0-9 ]{1,3})- ")
_AUTHOR_TAGS = frozenset({"AU", "AD", "AUID", "EQCO"})
_DOI_RE = re.compile(r"^(?:AID|LID) - (\S+) \[doi\]")


def _medline_records(text: str) -> Iterator[list[Field]]:
    fields: list[Field] = []
    for line in text.splitlines():
        m = _MEDLINE_TAG_RE.match(line)
        if m:
            if m[1].strip() == "PMID" and fields:
                yield fields
                fields = []
            fields.append(Field(m[1].strip(), [line]))
        elif line.startswith("      ") and fields:
            fields[-1].lines.append(line)
    if fields:
        yield fields


@dataclass(frozen=True, slots=True)
class _Block:
    """One author: their ``FAU`` field and the fields that describe them."""

    fields: tuple[Field, ...]

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(line for f in self.fields if f.tag != "AD" for line in f.lines)


# a record: its fields in order, None where an author block stands
_Record = tuple[list[Field | None], list[_Block]]


def _split_authors(fields: list[Field]) -> _Record:
    layout: list[Field | None] = []
    blocks: list[_Block] = []
    current: list[Field] | None = None
    for f in fields:
        if f.tag == "FAU":
            current = [f]
            blocks.append(_Block(()))
            layout.append(None)
        elif current is not None and f.tag in _AUTHOR_TAGS:
            current.append(f)
        else:
            current = None
            layout.append(f)
        if current is not None:
            blocks[-1] = _Block(tuple(current))
    return layout, blocks


class Medline(Export):
    """Records separated by a blank line, CRLF as PubMed writes them."""

    fmt = "medline"
    suffix = ".txt"
    separator = "\r\n"

    def __init__(self, samples: Samples) -> None:
        self._records: list[_Record] = []
        self._pool: Pool[_Block] = Pool(lambda b: b.key)
        for path in samples.files(self.fmt):
            for fields in _medline_records(_text(path)):
                layout, blocks = _split_authors(fields)
                self._records.append((layout, blocks))
                self._pool.extend(blocks)
        self.templates = len(self._records)
        self.authors = len(self._pool)

    def record(self, copy: int, index: int, rng: random.Random) -> str:
        layout, blocks = self._records[index]
        drawn = iter(self._pool.draw(rng, len(blocks)))
        fields: list[Field] = []
        for f in layout:
            if f is None:
                block = next(drawn, None)
                if block is not None:
                    fields.extend(Field(b.tag, list(b.lines)) for b in block.fields)
            else:
                fields.append(Field(f.tag, list(f.lines)))
        pmid = new_pmid(copy, index)
        for f in fields:
            if f.tag == "PMID":
                f.lines = [f"PMID- {pmid}"]
            elif f.tag == "PMC":
                f.lines = [f"PMC - PMC{pmid}"]
        titles = [f for f in fields if f.tag == "TI"]
        if titles:
            titles[0].lines[-1] = numbered(titles[0].lines[-1], copy)
        dois = {m[1] for f in fields for line in f.lines[:1] if (m := _DOI_RE.match(line))}
        for doi in dois:
            _replace_all(fields, doi, new_doi(doi, copy))
        return "".join(line + "\r\n" for f in fields for line in f.lines)


# -------------------------------------------------------------------------------- RIS

_RIS_TAG_RE = re.compile(r"^([A-Z][A-Z0-9])  -(?: |$)")
_EID_RE = re.compile(r"2-s2\.0-\d+")


def _ris_records(text: str) -> Iterator[list[Field]]:
    fields: list[Field] | None = None
    for line in text.splitlines():
        m = _RIS_TAG_RE.match(line)
        if m and m[1] == "TY":
            fields = [Field("TY", [line])]
        elif m and m[1] == "ER":
            if fields is not None:
                yield fields
            fields = None
        elif fields is not None:
            if m:
                fields.append(Field(m[1], [line]))
            elif line.strip():
                fields[-1].lines.append(line)


def _value(f: Field) -> str:
    return f.lines[0][6:].strip()


def _author_tag(fields: list[Field]) -> str:
    return "AU" if any(f.tag == "AU" for f in fields) else "A1"


class Ris(Export):
    """``TY`` ... ``ER`` records, CRLF, a blank line between records."""

    fmt = "ris"
    suffix = ".ris"
    separator = "\r\n"

    def __init__(self, samples: Samples) -> None:
        self._records: list[list[Field]] = []
        self._pool: Pool[str] = Pool(lambda name: name)
        for path in samples.files(self.fmt):
            for fields in _ris_records(_text(path)):
                self._records.append(fields)
                tag = _author_tag(fields)
                self._pool.extend(_value(f) for f in fields if f.tag == tag and _value(f))
        self.templates = len(self._records)
        self.authors = len(self._pool)

    def record(self, copy: int, index: int, rng: random.Random) -> str:
        template = self._records[index]
        tag = _author_tag(template)
        slots = sum(1 for f in template if f.tag == tag)
        drawn = iter(self._pool.draw(rng, slots))
        fields: list[Field] = []
        for f in template:
            if f.tag == tag:
                name = next(drawn, None)
                if name is not None:
                    fields.append(Field(tag, [f"{tag}  - {name}"]))
            else:
                fields.append(Field(f.tag, list(f.lines)))
        for f in fields:
            value = _value(f)
            if f.tag in ("TI", "T1") and value:
                f.lines[-1] = numbered(f.lines[-1].rstrip(), copy)
            elif f.tag == "DO" and value:
                _replace_all(fields, value, new_doi(value, copy))
        eids = {m[0] for f in fields if f.tag in ("UR", "AN") for m in _EID_RE.finditer(f.lines[0])}
        for eid in eids:
            _replace_all(fields, eid, f"2-s2.0-{serial(copy, index)}")
        body = "".join(line + "\r\n" for f in fields for line in f.lines)
        return body + "ER  - \r\n"
