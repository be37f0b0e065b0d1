"""The CSV exports: Scopus (``scopus``), Lens.org (``lens``), IEEE Xplore
(``ieee_csv``) and SpringerLink (``springer_csv``).

A file has one header, so the samples of a format must agree on one layout:

- Scopus samples come in both layouts (before 2023: ``Authors`` joined by ", ", no
  full names; 2023: "; " and ``Author full names`` with ids). The file is written in
  the 2023 layout with every column any sample has; an older row's authors are
  rewritten that way ("Murata, T. (7402736947)" when no given name is known, as Scopus
  itself writes such authors). An author is their short name, full name, Scopus id
  and affiliations (cut out of ``Authors with affiliations`` by the record's
  ``Affiliations``), so ``Authors``, ``Author full names``, ``Author(s) ID``,
  ``Authors with affiliations`` and ``Affiliations`` are all rebuilt from the drawn
  authors and stay consistent with each other.
- Lens, IEEE and Springer take the header of their first sample (samples of another
  header would be left out). An IEEE author is a name with its affiliation; the ten
  IEEE rows name few people, so the pool also takes the RIS samples' ``AU`` names
  written the way Xplore writes them ("G. Kalbe": the RIS sample from Xplore) with
  "NA", Xplore's "no affiliation".
  Springer's ``Authors`` cell cannot be split (loaders/springer_csv.py), so a whole
  cell is drawn.
"""

from __future__ import annotations

import csv
import io
import random
import re
from dataclasses import dataclass
from pathlib import Path

from benchmarks.exports.base import (
    Export,
    Pool,
    Samples,
    csv_line,
    new_doi,
    new_pmid,
    numbered,
    serial,
)

__all__ = ["IeeeCsv", "LensCsv", "ScopusCsv", "SpringerCsv"]

Row = dict[str, str]
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_NO_AUTHOR = "[No author name available]"


def _read_csv(path: Path) -> tuple[list[str], list[Row]]:
    text = path.read_bytes().decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip() for h in next(reader, [])]
    rows = [dict(zip(header, cells, strict=False)) for cells in reader if any(cells)]
    return header, rows


def _first_layout(samples: Samples, fmt: str) -> tuple[list[str], list[Row]]:
    header: list[str] = []
    rows: list[Row] = []
    for path in samples.files(fmt):
        h, r = _read_csv(path)
        if header and h != header:
            continue
        header = h
        rows.extend(r)
    return header, rows


def _split(cell: str, sep: str = ";") -> list[str]:
    return [p.strip() for p in cell.split(sep) if p.strip()]


def _cells(header: list[str], row: Row) -> list[str]:
    return [row.get(h, "") for h in header]


# ---------------------------------------------------------------------------- Scopus


@dataclass(frozen=True, slots=True)
class ScopusAuthor:
    short: str  # "Zheng Y."
    full: str  # "Zheng, Yue (57218135275)"
    ident: str
    affiliations: tuple[str, ...]

    @property
    def inverted(self) -> str:
        family, _, initials = self.short.partition(", ")[0].rpartition(" ")
        return f"{family}, {initials}" if family else self.short


def _short_names(cell: str) -> list[str]:
    """``Authors`` in either layout, a suffix part ("Jr") kept with its name."""
    if not cell.strip() or cell.strip() == _NO_AUTHOR:
        return []
    names: list[str] = []
    for part in (p.strip() for p in cell.split("; " if "; " in cell else ", ")):
        if names and part.lower() in _SUFFIXES:
            names[-1] += ", " + part
        elif part:
            names.append(part)
    return names


def _own_affiliations(row: Row, shorts: list[str]) -> list[tuple[str, ...]]:
    """Each author's affiliations: their ``Authors with affiliations`` entry, which
    starts with their name, cut into the record's ``Affiliations``."""
    known = _split(row.get("Affiliations", ""), "; ")
    texts = [""] * len(shorts)
    current = -1
    for entry in _split(row.get("Authors with affiliations", ""), "; "):
        nxt = current + 1
        if nxt < len(shorts):
            family, _, initials = shorts[nxt].partition(", ")[0].rpartition(" ")
            prefix = next(
                (p for p in (shorts[nxt], f"{family}, {initials}") if entry.startswith(p)), None
            )
            if prefix is not None:
                current = nxt
                texts[current] = entry[len(prefix) :].lstrip(" .,")
                continue
        if current >= 0:
            texts[current] += "; " + entry
    out = []
    for text in texts:
        found = sorted((text.find(a), a) for a in known if a in text)
        out.append(tuple(a for _, a in found) or ((text,) if text else ()))
    return out


def _scopus_authors(row: Row, layout_2023: bool) -> list[ScopusAuthor]:
    shorts = _short_names(row.get("Authors", ""))
    ids = _split(row.get("Author(s) ID", ""))
    if not shorts or len(ids) != len(shorts):
        return []
    fulls = _split(row.get("Author full names", ""), "; ") if layout_2023 else []
    if len(fulls) != len(shorts):
        fulls = []
        for short, ident in zip(shorts, ids, strict=True):
            family, _, initials = short.partition(", ")[0].rpartition(" ")
            fulls.append(f"{family}, {initials} ({ident})" if family else f"{short} ({ident})")
    affiliations = _own_affiliations(row, shorts)
    return [
        ScopusAuthor(short, full, ident, affs)
        for short, full, ident, affs in zip(shorts, fulls, ids, affiliations, strict=True)
    ]


class ScopusCsv(Export):
    """UTF-8 with BOM, every cell quoted, LF: the 2023 layout."""

    fmt = "scopus"
    suffix = ".csv"

    def __init__(self, samples: Samples) -> None:
        self._pool: Pool[ScopusAuthor] = Pool(lambda a: a.ident)
        self._rows: list[Row] = []
        self._slots: list[int] = []
        headers: list[list[str]] = []
        for path in samples.files(self.fmt):
            header, rows = _read_csv(path)
            headers.append(header)
            layout_2023 = "Author full names" in header
            for row in rows:
                self._rows.append(row)
                self._slots.append(len(_short_names(row.get("Authors", ""))))
                self._pool.extend(_scopus_authors(row, layout_2023))
        self._header = _union(sorted(headers, key=lambda h: "Author full names" not in h))
        if "Author full names" not in self._header:
            self._header.insert(self._header.index("Authors") + 1, "Author full names")
        self.templates = len(self._rows)
        self.authors = len(self._pool)

    def header(self) -> str:
        return "\ufeff" + csv_line(self._header, lineterminator="\n", quote_all=True)

    def record(self, copy: int, index: int, rng: random.Random) -> str:
        row = dict(self._rows[index])
        drawn = self._pool.draw(rng, self._slots[index])
        if drawn:
            affiliations = list(dict.fromkeys(a for d in drawn for a in d.affiliations))
            row["Authors"] = "; ".join(d.short for d in drawn)
            row["Author full names"] = "; ".join(d.full for d in drawn)
            row["Author(s) ID"] = "; ".join(d.ident for d in drawn)
            row["Authors with affiliations"] = "; ".join(
                ", ".join((d.short, *d.affiliations)) for d in drawn
            )
            row["Affiliations"] = "; ".join(affiliations)
            address = row.get("Correspondence Address", "")
            if address:
                row["Correspondence Address"] = "; ".join(
                    [drawn[0].inverted, *address.split("; ")[1:]]
                )
        row["Title"] = numbered(row.get("Title", ""), copy)
        if row.get("DOI"):
            row["DOI"] = new_doi(row["DOI"], copy)
        if row.get("PubMed ID"):
            row["PubMed ID"] = new_pmid(copy, index)
        eid = f"2-s2.0-{serial(copy, index)}"
        if row.get("EID"):
            row["Link"] = row.get("Link", "").replace(row["EID"], eid)
        row["EID"] = eid
        return csv_line(_cells(self._header, row), lineterminator="\n", quote_all=True)


def _union(headers: list[list[str]]) -> list[str]:
    return list(dict.fromkeys(h for header in headers for h in header))


# ------------------------------------------------------------------------------ Lens


def _lens_id(copy: int, index: int) -> str:
    digits = serial(copy, index)
    return "-".join(digits[i : i + 3] for i in range(0, 15, 3))


class LensCsv(Export):
    """UTF-8 with BOM, CRLF, quoted where needed."""

    fmt = "lens"
    suffix = ".csv"

    def __init__(self, samples: Samples) -> None:
        self._header, self._rows = _first_layout(samples, self.fmt)
        self._pool: Pool[str] = Pool(lambda name: name)
        for row in self._rows:
            self._pool.extend(_split(row.get("Author/s", "")))
        self.templates = len(self._rows)
        self.authors = len(self._pool)

    def header(self) -> str:
        return "\ufeff" + csv_line(self._header, lineterminator="\r\n")

    def record(self, copy: int, index: int, rng: random.Random) -> str:
        row = dict(self._rows[index])
        slots = len(_split(row.get("Author/s", "")))
        row["Author/s"] = "; ".join(self._pool.draw(rng, slots))
        row["Lens ID"] = _lens_id(copy, index)
        if row.get("Title"):
            row["Title"] = numbered(row["Title"], copy)
        if row.get("DOI"):
            doi = new_doi(row["DOI"], copy)
            row["External URL"] = row.get("External URL", "").replace(row["DOI"], doi)
            row["DOI"] = doi
        if row.get("PMID"):
            row["PMID"] = new_pmid(copy, index)
        if row.get("PMCID"):
            row["PMCID"] = f"PMC{new_pmid(copy, index)}"
        if row.get("Microsoft Academic ID"):
            row["Microsoft Academic ID"] = serial(copy, index)
        return csv_line(_cells(self._header, row), lineterminator="\r\n")


# ------------------------------------------------------------------------------ IEEE


_ARNUMBER_RE = re.compile(r"arnumber=\d+")
_XPLORE_NAME_RE = re.compile(r"^[A-Z]\. ?[^,]*$")  # "G. Kalbe", "A. S. Z. Belloum"


class IeeeCsv(Export):
    fmt = "ieee_csv"
    suffix = ".csv"

    def __init__(self, samples: Samples) -> None:
        self._header, self._rows = _first_layout(samples, self.fmt)
        self._pool: Pool[tuple[str, str]] = Pool(lambda a: a[0])
        for row in self._rows:
            names = _split(row.get("Authors", ""))
            affiliations = _split(row.get("Author Affiliations", ""))
            if len(affiliations) != len(names):
                affiliations = ["NA"] * len(names)
            self._pool.extend(zip(names, affiliations, strict=True))
        ris_names = (
            line[6:].strip()
            for path in samples.files("ris")
            for line in path.read_bytes().decode("utf-8-sig").splitlines()
            if line.startswith("AU  - ")
        )
        self._pool.extend((name, "NA") for name in ris_names if _XPLORE_NAME_RE.match(name))
        self.templates = len(self._rows)
        self.authors = len(self._pool)

    def header(self) -> str:
        return csv_line(self._header, lineterminator="\n")

    def record(self, copy: int, index: int, rng: random.Random) -> str:
        row = dict(self._rows[index])
        drawn = self._pool.draw(rng, len(_split(row.get("Authors", ""))))
        row["Authors"] = "; ".join(name for name, _ in drawn)
        row["Author Affiliations"] = "; ".join(aff for _, aff in drawn)
        row["Document Title"] = numbered(row.get("Document Title", ""), copy)
        if row.get("DOI"):
            row["DOI"] = new_doi(row["DOI"], copy)
        link = row.get("PDF Link", "")
        row["PDF Link"] = _ARNUMBER_RE.sub(f"arnumber={serial(copy, index)}", link)
        return csv_line(_cells(self._header, row), lineterminator="\n")


# -------------------------------------------------------------------------- Springer


class SpringerCsv(Export):
    fmt = "springer_csv"
    suffix = ".csv"

    def __init__(self, samples: Samples) -> None:
        self._header, self._rows = _first_layout(samples, self.fmt)
        self._pool: Pool[str] = Pool(lambda cell: cell)
        self._pool.extend(row["Authors"] for row in self._rows if row.get("Authors"))
        self.templates = len(self._rows)
        self.authors = len(self._pool)

    def header(self) -> str:
        return csv_line(self._header, lineterminator="\n")

    def record(self, copy: int, index: int, rng: random.Random) -> str:
        row = dict(self._rows[index])
        if row.get("Authors"):
            row["Authors"] = self._pool.draw(rng, 1)[0]
        row["Item Title"] = numbered(row.get("Item Title", ""), copy)
        if row.get("Item DOI"):
            doi = new_doi(row["Item DOI"], copy)
            row["URL"] = row.get("URL", "").replace(row["Item DOI"], doi)
            row["Item DOI"] = doi
        return csv_line(_cells(self._header, row), lineterminator="\n")
