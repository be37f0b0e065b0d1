"""Which loader reads which file: from a manifest, or by sniffing the content.

This is the only I/O the loaders package does: it reads files and hands text (or a
stream) to the pure parsers. A folder with a ``manifest.toml`` is read as the manifest
says; anything else is sniffed from its first bytes. Unknown or unreadable input is a
clear error naming the file, raised before anything is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from loaders.errors import ManifestError, ParseError, UnknownFormatError
from loaders.records import PaperRecord, ParsedDocument, PersonRecord, RecordError

__all__ = [
    "FORMATS",
    "SEED_FORMATS",
    "DocumentSpec",
    "read_manifest",
    "discover",
    "sniff_format",
    "parse_document",
    "parse_bibtex_group",
    "iter_document",
    "RecordStream",
    "file_sha256",
]

SEED_FORMATS = ("profile", "listing", "cv")
STREAMING_FORMATS = ("dblp", "arxiv", "openalex")
FORMATS = (*SEED_FORMATS, "bibtex", *STREAMING_FORMATS)
MANIFEST = "manifest.toml"
_SNIFF_BYTES = 8192
_SKIP_NAMES = {MANIFEST, "SOURCES.md", "README.md", ".DS_Store"}
_SKIP_SUFFIXES = {".dtd", ".md", ".toml"}

Record = PaperRecord | PersonRecord | RecordError


@dataclass(frozen=True, slots=True)
class DocumentSpec:
    """One file to load and how: its format, whose profile/CV it is, when captured."""

    path: Path
    format: str
    owner: str | None = None
    captured: dt.date | None = None
    line: int | None = None  # the manifest entry, for error messages


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_manifest(path: Path) -> list[DocumentSpec]:
    """Parse a ``manifest.toml``; every named file must exist and every format be known."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ManifestError(f"{path}: not valid TOML ({exc})", details={"path": str(path)}) from exc
    entries = data.get("document")
    if not isinstance(entries, list) or not entries:
        raise ManifestError(f"{path}: no [[document]] entries", details={"path": str(path)})
    lines = path.read_text(encoding="utf-8").splitlines()
    starts = [i + 1 for i, line in enumerate(lines) if line.strip() == "[[document]]"]
    specs = []
    for n, entry in enumerate(entries):
        line = starts[n] if n < len(starts) else None
        where = f"{path}:{line}" if line else str(path)
        file = entry.get("file")
        fmt = entry.get("format")
        if not isinstance(file, str) or not file:
            raise ManifestError(
                f"{where}: document entry has no 'file'", details={"path": str(path), "line": line}
            )
        if fmt not in FORMATS:
            raise ManifestError(
                f"{where}: unknown format {fmt!r} for {file} (known: {', '.join(FORMATS)})",
                details={"path": str(path), "line": line, "field": "format"},
            )
        target = path.parent / file
        if not target.is_file():
            raise ManifestError(
                f"{where}: names {file}, which does not exist",
                details={"path": str(path), "line": line, "field": "file"},
            )
        captured = entry.get("captured")
        if isinstance(captured, dt.datetime):
            captured = captured.date()
        if captured is not None and not isinstance(captured, dt.date):
            raise ManifestError(
                f"{where}: 'captured' must be a date like 2026-06-18",
                details={"path": str(path), "line": line, "field": "captured"},
            )
        specs.append(DocumentSpec(target, fmt, entry.get("owner"), captured, line))
    return specs


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # a multi-byte char cut at the sniff boundary is fine; garbage earlier is not
        return exc.start < len(head) - 4 and not head.startswith(b"<?xml")
    return False


def sniff_format(path: Path, head: bytes | None = None) -> str:
    """The format of a file from its first bytes; :class:`UnknownFormatError` if none."""
    if head is None:
        with path.open("rb") as fh:
            head = fh.read(_SNIFF_BYTES)
    if not head.strip():
        raise ParseError(str(path), "the file is empty", line=1)
    if _looks_binary(head):
        raise UnknownFormatError(
            f"{path}: binary content, not a document coauthor-kg can read",
            details={"path": str(path)},
        )
    text = head.decode("utf-8", errors="replace")
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("<") and ("<dblp" in text or "dblp.dtd" in text):
        return "dblp"
    if stripped.startswith(("{", "[")):
        if '"authors_parsed"' in text or ('"submitter"' in text and '"versions"' in text):
            return "arxiv"
        if "openalex.org" in text or '"authorships"' in text or '"display_name"' in text:
            return "openalex"
    if stripped.startswith("@") or "\n@" in text:
        import re

        if re.search(r"^\s*@\w+\s*[{(]", text, re.M):
            return "bibtex"
    first_lines = [ln.strip() for ln in text.splitlines() if ln.strip()][:12]
    if "Daily Papers" in first_lines or "Get trending papers in your email inbox!" in first_lines:
        return "listing"
    if any(ln.startswith("h-index") for ln in first_lines) and any(
        ln.endswith("papers") for ln in first_lines
    ):
        return "profile"
    if (
        first_lines
        and first_lines[0].startswith("# ")
        and ("E-mail" in text or "Education" in text or "Publications" in text)
    ):
        return "cv"
    raise UnknownFormatError(
        f"{path}: cannot tell which format this is (known: {', '.join(FORMATS)}); "
        "name it in a manifest.toml or pass --format",
        details={"path": str(path)},
    )


def discover(paths: list[Path], fmt: str | None = None) -> list[DocumentSpec]:
    """Every document to load under the given files and folders, in a stable order.

    Folders with a manifest are read as it says; other files are sniffed (or all given
    ``fmt``). All of it is checked before anything is loaded."""
    specs: list[DocumentSpec] = []
    for p in paths:
        if not p.exists():
            raise ManifestError(f"{p}: no such file or folder", details={"path": str(p)})
        if p.is_dir():
            manifest = p / MANIFEST
            if manifest.is_file() and fmt is None:
                specs.extend(read_manifest(manifest))
                continue
            for child in sorted(x for x in p.rglob("*") if x.is_file()):
                if (
                    child.name in _SKIP_NAMES
                    or child.suffix in _SKIP_SUFFIXES
                    or any(part.startswith(".") for part in child.relative_to(p).parts)
                ):
                    continue
                specs.append(DocumentSpec(child, fmt or sniff_format(child)))
        else:
            manifest = p.parent / MANIFEST
            listed = (
                {s.path.resolve(): s for s in read_manifest(manifest)}
                if manifest.is_file() and fmt is None
                else {}
            )
            specs.append(listed.get(p.resolve()) or DocumentSpec(p, fmt or sniff_format(p)))
    if fmt is not None and fmt not in FORMATS:
        raise UnknownFormatError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    return specs


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    if not data.strip():
        raise ParseError(str(path), "the file is empty", line=1)
    if b"\x00" in data[:_SNIFF_BYTES]:
        raise ParseError(str(path), "binary content, not text", line=1)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ParseError(str(path), f"not UTF-8 text ({exc.reason})", line=line) from exc


_SeedParser = Callable[..., ParsedDocument]


def _seed_parser(fmt: str) -> _SeedParser:
    if fmt == "profile":
        from loaders.profile import parse_profile

        return parse_profile
    if fmt == "listing":
        from loaders.listing import parse_listing

        return parse_listing
    if fmt == "cv":
        from loaders.cv import parse_cv

        return parse_cv
    raise UnknownFormatError(f"no seed parser for {fmt!r}")


def parse_bibtex_group(specs: list[DocumentSpec]) -> dict[Path, ParsedDocument]:
    """Parse the BibTeX files of one load together, once: @string macros and crossref
    targets defined in any of them apply to all."""
    from loaders.bibtex import parse_bibtex_files

    docs = parse_bibtex_files([(str(s.path), _read_text(s.path)) for s in specs])
    return {s.path: d for s, d in zip(specs, docs, strict=True)}


def parse_document(
    spec: DocumentSpec, companions: list[DocumentSpec] | None = None
) -> ParsedDocument:
    """Parse one whole document (seed formats and BibTeX). ``companions`` are the other
    BibTeX files of the same load, whose @string macros and crossrefs apply here (to
    parse many BibTeX files, :func:`parse_bibtex_group` reads each once)."""
    path = str(spec.path)
    if spec.format in SEED_FORMATS:
        text = _read_text(spec.path)
        parser = _seed_parser(spec.format)
        if spec.format == "listing":
            return parser(text, path=path, captured=spec.captured)
        return parser(text, path=path, owner=spec.owner, captured=spec.captured)
    if spec.format == "bibtex":
        group = [spec, *(c for c in (companions or []) if c.path != spec.path)]
        return parse_bibtex_group(group)[spec.path]
    if spec.format in STREAMING_FORMATS:
        doc = ParsedDocument(path=path, format=spec.format, captured=spec.captured)
        records = iter_document(spec)
        for rec in records:
            doc.add(rec)
        doc.read = records.read
        return doc
    raise UnknownFormatError(f"{path}: unknown format {spec.format!r}")


class RecordStream:
    """The records of a streaming-format file, one at a time (constant memory).

    ``read`` counts every record the parser saw, including those it passes over
    without yielding anything (DBLP proceedings volumes), so a load summary can
    account for all of them."""

    def __init__(self, spec: DocumentSpec, stream: BinaryIO | None = None) -> None:
        self.spec = spec
        self._stream = stream
        self._yielded = 0
        self._reader: Any = None

    @property
    def read(self) -> int:
        seen = getattr(self._reader, "read", None)
        return seen if isinstance(seen, int) and seen > self._yielded else self._yielded

    def _records(self, fh: BinaryIO) -> Iterator[Record]:
        path = str(self.spec.path)
        fmt = self.spec.format
        if fmt == "dblp":
            from loaders.dblp import DblpReader

            self._reader = DblpReader(fh, path=path)
            return iter(self._reader)
        if fmt == "arxiv":
            from loaders.arxiv import iter_arxiv

            return iter_arxiv(fh, path=path)
        if fmt == "openalex":
            from loaders.openalex import iter_openalex

            return iter_openalex(fh, path=path)
        raise UnknownFormatError(f"{fmt!r} is not a streaming format")

    def __iter__(self) -> Iterator[Record]:
        if self._stream is not None:
            for rec in self._records(self._stream):
                self._yielded += 1
                yield rec
            return
        if self.spec.path.stat().st_size == 0:
            raise ParseError(str(self.spec.path), "the file is empty", line=1)
        with self.spec.path.open("rb") as fh:
            for rec in self._records(fh):
                self._yielded += 1
                yield rec


def iter_document(spec: DocumentSpec, stream: BinaryIO | None = None) -> RecordStream:
    """Records of a streaming-format file; see :class:`RecordStream`."""
    return RecordStream(spec, stream)
