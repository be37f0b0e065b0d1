"""Which loader reads which file: from a manifest, or by sniffing the content.

This is the only I/O the loaders package does: it reads files and hands text (or a
stream) to the pure parsers, and takes back records whose text it cleans
(loaders/text.py) before anyone else sees them. A folder with a ``manifest.toml`` is
read as the manifest says; anything else is sniffed from its first bytes. Unknown or
unreadable input is a clear error naming the file, raised before anything is written.

Only files inside the folder the user named are read: a manifest names files in its
own folder (no ``..``, no absolute path, no link resolving out of it), and discovering
a folder refuses a link that leads out of it. The refusal is the same whether or not
the named file exists, so a manifest cannot be used to probe the file system.

The formats are the one table :data:`FORMATS` of the declarations the loader modules
make (loaders/format.py). Everything that names or reads formats (manifests, discovery,
ingest, the CLI's ``--format``, the upload route) works from this table and lists no
format by hand: a new format is its loader module plus one line here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from loaders import (
    arxiv,
    bibtex,
    crossref,
    cv,
    dblp,
    ieee_csv,
    lens,
    listing,
    medline,
    openalex,
    profile,
    pubmed,
    ris,
    scopus,
    semanticscholar,
    springer_csv,
    wos,
    wos_tab,
)
from loaders.errors import ManifestError, ParseError, UnknownFormatError
from loaders.format import Format, Record
from loaders.records import ParsedDocument
from loaders.text import TextRepairs, clean_document, clean_record, escape, quote

__all__ = [
    "FORMATS",
    "DocumentSpec",
    "format_names",
    "get_format",
    "read_manifest",
    "discover",
    "sniff_format",
    "parse_document",
    "parse_groups",
    "iter_document",
    "RecordStream",
    "file_sha256",
]

# Sniffing asks the formats in this order and takes the first that says yes: formats
# with unmistakable markers first (XML root, JSON keys, a database export's first line,
# @-blocks), the page captures, recognised by looser hints in their first lines, last.
# The exports come before BibTeX: an abstract can hold a line like "@name (".
FORMATS: tuple[Format, ...] = (
    dblp.FORMAT,
    pubmed.FORMAT,
    arxiv.FORMAT,
    openalex.FORMAT,
    semanticscholar.FORMAT,
    crossref.FORMAT,
    lens.FORMAT,
    ris.FORMAT,
    medline.FORMAT,
    ieee_csv.FORMAT,
    springer_csv.FORMAT,
    wos.FORMAT,
    wos_tab.FORMAT,
    scopus.FORMAT,
    bibtex.FORMAT,
    listing.FORMAT,
    profile.FORMAT,
    cv.FORMAT,
)
MANIFEST = "manifest.toml"
_SNIFF_BYTES = 8192
_SKIP_NAMES = {MANIFEST, "SOURCES.md", "README.md", ".DS_Store"}
_SKIP_SUFFIXES = {".dtd", ".md", ".toml", ".py", ".pyc"}


@dataclass(frozen=True, slots=True)
class DocumentSpec:
    """One file to load and how: its format, whose profile/CV it is, when captured."""

    path: Path
    format: str
    owner: str | None = None
    captured: dt.date | None = None
    line: int | None = None  # the manifest entry, for error messages


def format_names() -> tuple[str, ...]:
    """The known format names, in table order."""
    return tuple(f.name for f in FORMATS)


def get_format(name: str) -> Format:
    """The format called ``name``; :class:`UnknownFormatError` listing the known ones."""
    for fmt in FORMATS:
        if fmt.name == name:
            return fmt
    raise UnknownFormatError(f"unknown format {name!r} (known: {', '.join(format_names())})")


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _is_file(path: Path) -> bool:
    """Whether ``path`` is a readable kind of file; False for a name no file system
    takes (too long), rather than an OSError."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def _inside(folder: Path, target: Path) -> bool:
    """Whether ``target``, links followed, is ``folder`` or under it."""
    try:
        return target.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a link loop leads nowhere inside
        return False


def read_manifest(path: Path) -> list[DocumentSpec]:
    """Parse a ``manifest.toml``; every named file must be in the manifest's folder and
    exist, and every format be known."""
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (ValueError, RecursionError) as exc:  # TOMLDecodeError, bad UTF-8, huge ints
        reason = "nested too deeply" if isinstance(exc, RecursionError) else escape(str(exc))
        raise ManifestError(
            f"{path}: not valid TOML ({reason})", details={"path": str(path)}
        ) from None
    entries = data.get("document")
    if not isinstance(entries, list) or not entries:
        raise ManifestError(f"{path}: no [[document]] entries", details={"path": str(path)})
    starts = [i + 1 for i, line in enumerate(text.splitlines()) if line.strip() == "[[document]]"]
    return [
        _manifest_entry(path, entry, starts[n] if n < len(starts) else None)
        for n, entry in enumerate(entries)
    ]


def _manifest_entry(path: Path, entry: object, line: int | None) -> DocumentSpec:
    """One ``[[document]]`` table of a manifest, checked."""
    where = f"{path}:{line}" if line else str(path)

    def refuse(message: str, field: str | None = None) -> ManifestError:
        details = {"path": str(path), "line": line, **({"field": field} if field else {})}
        return ManifestError(f"{where}: {message}", details=details)

    if not isinstance(entry, dict):
        raise refuse("a [[document]] entry must be a table (file = ..., format = ...)")
    file, fmt, owner = entry.get("file"), entry.get("format"), entry.get("owner")
    if not isinstance(file, str) or not file:
        raise refuse("document entry has no 'file'")
    shown = escape(file, limit=200)
    if not isinstance(fmt, str) or fmt not in format_names():
        got = quote(fmt) if isinstance(fmt, str) else type(fmt).__name__
        raise refuse(
            f"unknown format {got} for {shown} (known: {', '.join(format_names())})", "format"
        )
    if "\x00" in file:
        raise refuse(f"names {shown}, which is not a file name (a NUL character)", "file")
    target = path.parent / file
    # checked before existence, and worded the same either way: no probing outside
    if Path(file).is_absolute() or ".." in Path(file).parts or not _inside(path.parent, target):
        raise refuse(
            f"names {shown}, outside the manifest's folder (a manifest names the files "
            "in its own folder)",
            "file",
        )
    if not _is_file(target):
        raise refuse(f"names {shown}, which does not exist", "file")
    if owner is not None and not isinstance(owner, str):
        raise refuse("'owner' must be a name in quotes", "owner")
    captured = entry.get("captured")
    if isinstance(captured, dt.datetime):
        captured = captured.date()
    if captured is not None and not isinstance(captured, dt.date):
        raise refuse("'captured' must be a date like 2026-06-18", "captured")
    return DocumentSpec(target, fmt, owner, captured, line)


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
    for fmt in FORMATS:
        if fmt.sniff(text):
            return fmt.name
    raise UnknownFormatError(
        f"{path}: cannot tell which format this is (known: {', '.join(format_names())}); "
        "name it in a manifest.toml or pass --format",
        details={"path": str(path)},
    )


def discover(paths: list[Path], fmt: str | None = None) -> list[DocumentSpec]:
    """Every document to load under the given files and folders, in a stable order.

    Folders with a manifest are read as it says; other files are sniffed (or all given
    ``fmt``). All of it is checked before anything is loaded."""
    specs: list[DocumentSpec] = []
    for p in paths:
        if not _is_file(p) and not _is_dir(p):
            raise ManifestError(f"{p}: no such file or folder", details={"path": str(p)})
        if p.is_dir():
            manifest = p / MANIFEST
            if manifest.is_file() and fmt is None:
                specs.extend(read_manifest(manifest))
                continue
            for child in sorted(p.rglob("*")):
                if (
                    child.name in _SKIP_NAMES
                    or child.suffix in _SKIP_SUFFIXES
                    or any(part.startswith(".") for part in child.relative_to(p).parts)
                ):
                    continue
                if not _inside(p, child):
                    raise ManifestError(
                        f"{child}: a link to outside {p}; only files inside the folder are "
                        "loaded (name the file itself to load it)",
                        details={"path": str(child)},
                    )
                if child.is_file():
                    specs.append(DocumentSpec(child, fmt or sniff_format(child)))
        else:
            manifest = p.parent / MANIFEST
            listed = (
                {s.path.resolve(): s for s in read_manifest(manifest)}
                if manifest.is_file() and fmt is None
                else {}
            )
            specs.append(listed.get(p.resolve()) or DocumentSpec(p, fmt or sniff_format(p)))
    if fmt is not None:
        get_format(fmt)  # an unknown name fails here, listing the known ones
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


def parse_groups(specs: list[DocumentSpec]) -> dict[Path, ParsedDocument]:
    """The documents of every group-read format among ``specs`` (BibTeX), each
    format's files parsed together, once: what one file defines (@string macros,
    crossref targets) applies to all of them."""
    docs: dict[Path, ParsedDocument] = {}
    for fmt in FORMATS:
        group = [s for s in specs if s.format == fmt.name]
        if fmt.parse_group is not None and group:
            parsed = fmt.parse_group([(str(s.path), _read_text(s.path)) for s in group])
            docs.update(zip((s.path for s in group), map(clean_document, parsed), strict=True))
    return docs


def parse_document(spec: DocumentSpec) -> ParsedDocument:
    """Parse one whole document. A group-read format's file is parsed on its own here
    (to parse several together, see :func:`parse_groups`); a streaming format's records
    are all collected."""
    fmt = get_format(spec.format)
    if fmt.parse is not None:
        text = _read_text(spec.path)
        return clean_document(
            fmt.parse(text, path=str(spec.path), owner=spec.owner, captured=spec.captured)
        )
    if fmt.parse_group is not None:
        return parse_groups([spec])[spec.path]
    doc = ParsedDocument(path=str(spec.path), format=spec.format, captured=spec.captured)
    records = iter_document(spec)
    for rec in records:
        doc.add(rec)
    doc.read = records.read
    doc.warnings.extend(records.warnings)
    return doc


class RecordStream:
    """The records of a streaming-format file, one at a time (constant memory), their
    text cleaned (loaders/text.py).

    ``read`` counts every record the parser saw, including those it passes over
    without yielding anything (DBLP proceedings volumes), so a load summary can
    account for all of them. ``warnings`` is what the document's summary should say
    once the stream is exhausted (text that had to be cleaned)."""

    def __init__(self, spec: DocumentSpec, stream: BinaryIO | None = None) -> None:
        self.spec = spec
        self._stream = stream
        self._yielded = 0
        self._reader: Iterable[Record] | None = None
        self._repairs = TextRepairs()

    @property
    def warnings(self) -> list[str]:
        warning = self._repairs.warning()
        return [warning] if warning is not None else []

    @property
    def read(self) -> int:
        seen = getattr(self._reader, "read", None)
        return seen if isinstance(seen, int) and seen > self._yielded else self._yielded

    def _records(self, fh: BinaryIO) -> Iterator[Record]:
        fmt = get_format(self.spec.format)
        if fmt.stream is None:
            raise UnknownFormatError(f"{fmt.name!r} is not a streaming format")
        path = str(self.spec.path)
        self._reader = fmt.stream(fh, path=path)
        for rec in self._reader:
            cleaned, changed = clean_record(rec, path=path)
            self._repairs.add(rec.line, changed)
            yield cleaned

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
