"""What every export generator shares: where the real samples are, how a copy of a
record gets identifiers and a title of its own, and how a file is written to size.

A generator reads the real samples of its format once (its *templates*, one per
record, and its *pool* of authors as that format writes them), then writes copy 1 of
every template, copy 2, ... until the file reaches the size asked for. In copy ``k``
of template ``i`` every identifier is derived from ``(k, i)`` (:func:`serial`), the DOI
gets a ``.g<k>`` suffix and the title a ``[copy k]`` tail, so no two records are the
same work; the authors are drawn afresh from the pool, as many as the template has, so
the co-authorship graph is a new one rather than k copies of the samples' graph, while
names, identifiers and affiliations stay exactly as the exporter writes them.
"""

from __future__ import annotations

import csv
import io
import random
from abc import ABC, abstractmethod
from collections.abc import Callable, Hashable, Iterable, Sequence
from pathlib import Path
from typing import ClassVar, Generic, TypeVar

__all__ = [
    "DEFAULT_SAMPLES",
    "Export",
    "Pool",
    "Samples",
    "csv_line",
    "new_doi",
    "new_pmid",
    "numbered",
    "serial",
    "split_outside_brackets",
]

# The shared real data sits next to the repository (tests/conftest.py looks there too).
DEFAULT_SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "realdata"
_SAMPLE_FOLDERS = ("exports", "semanticscholar")
_NOT_SAMPLES = {"counts.json"}
_MAX_COPIES = 10**6  # the 6 digits of the copy number in generated identifiers
_MAX_TEMPLATES = 10**5  # the 5 digits of the template number in a generated PMID

P = TypeVar("P")


class Samples:
    """The real sample files of each format, found by the registry's own sniffing."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._by_format: dict[str, list[Path]] | None = None

    def files(self, fmt: str) -> list[Path]:
        if self._by_format is None:
            from loaders.registry import sniff_format

            by_format: dict[str, list[Path]] = {}
            for folder in _SAMPLE_FOLDERS:
                for path in sorted((self.root / folder).rglob("*")):
                    if path.is_file() and path.name not in _NOT_SAMPLES:
                        by_format.setdefault(sniff_format(path), []).append(path)
            self._by_format = by_format
        return list(self._by_format.get(fmt, []))

    def fingerprint_parts(self) -> list[str]:
        return [
            f"{p.relative_to(self.root)}:{p.stat().st_size}"
            for folder in _SAMPLE_FOLDERS
            for p in sorted((self.root / folder).rglob("*"))
            if p.is_file()
        ]


class Pool(Generic[P]):
    """Distinct authors in the form one exporter writes them, drawn without
    replacement within a record (a paper never lists one person twice)."""

    def __init__(self, key: Callable[[P], Hashable]) -> None:
        self._key = key
        self._seen: set[Hashable] = set()
        self.people: list[P] = []

    def add(self, person: P) -> None:
        k = self._key(person)
        if k not in self._seen:
            self._seen.add(k)
            self.people.append(person)

    def extend(self, people: Iterable[P]) -> None:
        for person in people:
            self.add(person)

    def draw(self, rng: random.Random, n: int) -> list[P]:
        return rng.sample(self.people, min(n, len(self.people)))

    def __len__(self) -> int:
        return len(self.people)


class Export(ABC):
    """One format's generator, built from the samples (see the module docstring):
    ``header``, then records joined by ``separator``, then ``footer``. ``templates``
    is the number of sample records, ``authors`` the size of the author pool."""

    fmt: ClassVar[str]
    suffix: ClassVar[str]
    separator: ClassVar[str] = ""
    templates: int
    authors: int

    def header(self) -> str:
        return ""

    @abstractmethod
    def record(self, copy: int, index: int, rng: random.Random) -> str:
        """Copy ``copy`` (from 1) of template ``index``."""

    def footer(self, records: int) -> str:
        return ""


def serial(copy: int, index: int) -> str:
    """15 digits unique to (copy, index), starting with 9: a WoS UT, a Lens id, an
    EID's number. Real identifiers of these kinds that a reference may point to are
    shorter or start lower, so a generated id never names a real work."""
    if not (0 < copy < _MAX_COPIES and 0 <= index < _MAX_TEMPLATES):
        raise ValueError(f"copy {copy} or template {index} out of range")
    return f"9{copy:06d}{index:08d}"


def new_pmid(copy: int, index: int) -> str:
    """12 digits (real PMIDs have at most 8), also used for PMC ids."""
    if not (0 < copy < _MAX_COPIES and 0 <= index < _MAX_TEMPLATES):
        raise ValueError(f"copy {copy} or template {index} out of range")
    return f"9{copy:06d}{index:05d}"


def new_doi(doi: str, copy: int) -> str:
    return f"{doi}.g{copy}"


def numbered(title: str, copy: int) -> str:
    return f"{title} [copy {copy}]"


def split_outside_brackets(text: str, sep: str) -> list[str]:
    """``"[A; B] X; [C] Y"`` split on ``sep`` only where no ``[...]`` is open."""
    parts: list[str] = []
    depth = 0
    start = 0
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "[":
            depth += 1
        elif ch == "]" and depth:
            depth -= 1
        elif depth == 0 and text.startswith(sep, i):
            parts.append(text[start:i])
            i += len(sep)
            start = i
            continue
        i += 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def csv_line(cells: Sequence[str], *, lineterminator: str, quote_all: bool = False) -> str:
    buf = io.StringIO()
    quoting = csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    csv.writer(buf, lineterminator=lineterminator, quoting=quoting).writerow(cells)
    return buf.getvalue()
