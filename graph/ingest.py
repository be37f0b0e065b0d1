"""Loading documents into a store: discover -> parse -> resolve -> write, in batches.

Guarantees, and how they are kept:
- Bad input loses nothing. Every whole-document format (seeds, BibTeX) is parsed
  before the first write, so an unreadable file stops the load with the store as it
  was. Record-level problems are reported with file and line, never dropped silently;
  ``strict`` turns the first one into a failure.
- Re-running never duplicates. Ids are deterministic and every write merges, so a
  second load of the same file is a no-op (and is skipped outright once its Source is
  marked complete). A load killed half-way leaves its Source "partial"; running it
  again resolves the already-written records to the same ids and finishes the job.
- The embedded store is saved once, atomically, at the end: a failure rolls it back.

A load that wrote anything ends by bringing the co-authorship projection up to date
(graph/projection), so the next question opens it instead of building it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from graph.corrections import Corrections
from graph.model import GraphBatch, SourceRow, make_id
from graph.projection import refresh_after_load
from graph.resolve import Resolver
from graph.store.base import GraphStore, GraphWriter, LoadTarget
from loaders.errors import ParseError
from loaders.records import PaperRecord, ParsedDocument, PersonRecord, RecordError
from loaders.registry import (
    DocumentSpec,
    RecordStream,
    discover,
    file_sha256,
    get_format,
    iter_document,
    parse_document,
    parse_groups,
)

__all__ = [
    "DocumentSummary",
    "LoadSummary",
    "PreparedDocument",
    "load_documents",
    "load_paths",
    "prepare_documents",
    "write_documents",
]

DEFAULT_BATCH = 2000
Progress = Callable[[str, int], None]
Write = Callable[[GraphBatch], None]


@dataclass(slots=True)
class DocumentSummary:
    """How one document landed: read == loaded + merged + skipped. ``errors`` are the
    records skipped and why; ``warnings`` what was loaded but changed on the way (text
    cleaned of control characters), one line per document."""

    path: str
    format: str
    status: str = "loaded"  # loaded | unchanged | failed
    read: int = 0
    loaded: int = 0
    merged: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class LoadSummary:
    documents: list[DocumentSummary] = field(default_factory=list)

    def totals(self) -> dict[str, Any]:
        keys = ("read", "loaded", "merged", "skipped")
        out: dict[str, Any] = {k: sum(getattr(d, k) for d in self.documents) for k in keys}
        out["errors"] = [e for d in self.documents for e in d.errors]
        out["warnings"] = [f"{d.path}: {w}" for d in self.documents for w in d.warnings]
        return out

    def to_json(self) -> dict[str, Any]:
        return {**self.totals(), "documents": [asdict(d) for d in self.documents]}


def _source_row(spec: DocumentSpec, sha: str) -> SourceRow:
    return SourceRow(
        id=make_id("S", sha),
        path=str(spec.path),
        format=spec.format,
        sha256=sha,
        loaded_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    )


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _strict_check(errors: list[RecordError], strict: bool) -> None:
    if strict and errors:
        first = errors[0]
        raise ParseError(first.path, first.reason, line=first.line, record=first.record)


def _write_parsed(
    write: Write,
    doc: ParsedDocument,
    resolver: Resolver,
    summary: DocumentSummary,
    batch_size: int,
    progress: Progress | None,
) -> None:
    first = True
    papers = doc.papers
    for chunk in _chunks(papers, batch_size) if papers else iter([[]]):
        people = doc.people if first else []
        owner = doc.owner if first else None
        # the owner is weighed on every paper of the page, whatever the batch size
        batch, counts = resolver.resolve(chunk, people, owner, doc.papers if owner else ())
        write(batch)
        summary.loaded += counts.loaded
        summary.merged += counts.merged
        first = False
        if progress:
            progress(summary.path, summary.loaded + summary.merged)


def _write_stream(
    write: Write,
    records: RecordStream,
    resolver: Resolver,
    summary: DocumentSummary,
    batch_size: int,
    strict: bool,
    progress: Progress | None,
) -> None:
    papers: list[PaperRecord] = []
    people: list[PersonRecord] = []

    def flush() -> None:
        batch, counts = resolver.resolve(papers, people)
        write(batch)
        summary.loaded += counts.loaded
        summary.merged += counts.merged
        papers.clear()
        people.clear()
        if progress:
            progress(summary.path, summary.read)

    for rec in records:
        summary.read += 1
        if isinstance(rec, PaperRecord):
            papers.append(rec)
        elif isinstance(rec, PersonRecord):
            people.append(rec)
        else:
            summary.errors.append(str(rec))
            _strict_check([rec], strict)
        if len(papers) + len(people) >= batch_size:
            flush()
    if papers or people or summary.read == 0:
        flush()
    summary.read = max(summary.read, records.read)  # + records the parser passed over
    summary.warnings.extend(records.warnings)


@dataclass(slots=True)
class PreparedDocument:
    """A document ready to write: its spec, its content's hash and its records, or
    ``doc=None`` when it is streamed while written (or already loaded: unchanged)."""

    spec: DocumentSpec
    sha: str
    doc: ParsedDocument | None


def prepare_documents(
    specs: list[DocumentSpec],
    *,
    strict: bool = False,
    whole: bool = False,
    done: Callable[[str], bool] | None = None,
) -> list[PreparedDocument]:
    """Phase 1 of a load, which needs no store: read and parse every whole document
    (all of them when ``whole``, streaming formats included: an upload is parsed before
    any lock is taken). ``done(sha)`` says a document was already loaded completely,
    so it is not parsed again. Raises at the first unreadable document, and with
    ``strict`` at the first bad record, before anything is written."""
    grouped = parse_groups(specs)
    prepared: list[PreparedDocument] = []
    for spec in specs:
        sha = file_sha256(spec.path)
        if (done is not None and done(sha)) or (get_format(spec.format).streaming and not whole):
            prepared.append(PreparedDocument(spec, sha, None))
            continue
        doc = grouped[spec.path] if spec.path in grouped else parse_document(spec)
        _strict_check(doc.errors, strict)
        prepared.append(PreparedDocument(spec, sha, doc))
    return prepared


def load_documents(
    store: LoadTarget,
    specs: list[DocumentSpec],
    *,
    strict: bool = False,
    batch_size: int = DEFAULT_BATCH,
    keyword_topics: bool = True,
    progress: Progress | None = None,
    on_complete: Callable[[], None] | None = None,
    corrections: Corrections | None = None,
) -> LoadSummary:
    """Load already-discovered documents. See the module docstring for guarantees.
    ``on_complete`` runs once the load is durable, when it wrote anything.
    ``corrections``: users' identity corrections (graph/corrections.py), applied to
    every author decision."""
    prepared = prepare_documents(specs, strict=strict, done=store.source_complete)
    return write_documents(
        store,
        prepared,
        strict=strict,
        batch_size=batch_size,
        keyword_topics=keyword_topics,
        progress=progress,
        on_complete=on_complete,
        corrections=corrections,
    )


Exclusive = Callable[[], contextlib.AbstractContextManager[Any]]


def write_documents(
    store: LoadTarget,
    prepared: list[PreparedDocument],
    *,
    strict: bool = False,
    batch_size: int = DEFAULT_BATCH,
    keyword_topics: bool = True,
    progress: Progress | None = None,
    exclusive: Exclusive | None = None,
    on_complete: Callable[[], None] | None = None,
    corrections: Corrections | None = None,
) -> LoadSummary:
    """Phase 2 of a load: resolve and write, document by document, batch by batch.

    Without ``exclusive`` each batch is written as soon as it is resolved (constant
    memory, for dumps). With it, a document is resolved completely first, only reading
    the store, and its batches are then written inside one ``exclusive()``: a server
    holds reads back only for that (api/deps.py), so they keep answering while a load
    is parsed and resolved and see the graph before the document or after it, never
    half of it. A failure rolls the store back inside the same ``exclusive()``.
    ``on_complete`` runs once the load is durable, when it wrote anything (the
    co-authorship projection is rebuilt then: graph/projection)."""
    summary = LoadSummary()
    writer = _BatchWriter(store)
    guard: Exclusive = exclusive or contextlib.nullcontext
    rolled_back = False
    store.ensure_schema()
    try:
        for item in prepared:
            spec, written = item.spec, item.doc
            ds = DocumentSummary(path=str(spec.path), format=spec.format)
            summary.documents.append(ds)
            if store.source_complete(item.sha):
                ds.status = "unchanged"
                continue
            source = _source_row(spec, item.sha)
            resolver = Resolver(
                store,
                source,
                extract_keyword_topics=keyword_topics,
                store_was_empty=store.is_empty(),
                corrections=corrections,
            )
            batches: list[GraphBatch] = []
            write = writer.write if exclusive is None else batches.append
            if written is None:
                _write_stream(
                    write, iter_document(spec), resolver, ds, batch_size, strict, progress
                )
            else:
                ds.read = written.read
                ds.errors = [str(e) for e in written.errors]
                ds.warnings = list(written.warnings)
                _write_parsed(write, written, resolver, ds, batch_size, progress)
            ds.skipped = ds.read - ds.loaded - ds.merged
            with guard():
                try:
                    for batch in batches:
                        writer.write(batch)
                    # the next document's resolver asks the store: every batch must have landed
                    writer.wait()
                    store.mark_source_complete(source.id)
                except BaseException:
                    writer.abandon()
                    store.rollback()  # before a read can see what was half written
                    rolled_back = True
                    raise
        store.flush()
    except BaseException:
        if not rolled_back:
            writer.abandon()
            with guard():
                store.rollback()
        raise
    finally:
        writer.close()
    if on_complete is not None and any(d.status == "loaded" for d in summary.documents):
        on_complete()
    return summary


class _BatchWriter:
    """Writes batches in order, on one background thread when the store allows it
    (``capabilities.overlapped_writes``: Neo4j, whose writes wait on the server and
    release the GIL).
    Resolving batch k+1 then overlaps writing batch k: on a DBLP-sized load the parse +
    resolve (Python) and the server's work take similar time, so this nearly halves it.

    At most one batch is in flight, so memory stays at two batches and a failed write
    stops the load one batch later at the latest. Order is kept (one thread), so a batch
    never refers to an author whose first batch has not been committed. Overlapping is
    safe for identity: the resolver's own maps hold everything this load produced, so a
    lookup that misses a batch still in flight still sees its keys.
    """

    def __init__(self, store: GraphWriter) -> None:
        self._store = store
        self._pool: ThreadPoolExecutor | None = None
        if store.capabilities.overlapped_writes:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="coauthor-kg-write")
        self._pending: Future[None] | None = None

    def write(self, batch: GraphBatch) -> None:
        if self._pool is None:
            self._store.write(batch)
            return
        self.wait()
        self._pending = self._pool.submit(self._store.write, batch)

    def wait(self) -> None:
        """Block until the batch in flight is written; re-raise its failure."""
        pending, self._pending = self._pending, None
        if pending is not None:
            pending.result()

    def abandon(self) -> None:
        """After a failure elsewhere: let the batch in flight finish, ignore its result."""
        with contextlib.suppress(BaseException):
            self.wait()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)


def load_paths(
    store: GraphStore,
    paths: list[Path],
    *,
    fmt: str | None = None,
    strict: bool = False,
    batch_size: int = DEFAULT_BATCH,
    keyword_topics: bool = True,
    progress: Progress | None = None,
    corrections: Corrections | None = None,
) -> LoadSummary:
    """Discover the documents under ``paths`` (files or folders) and load them; then
    bring the store's projection up to date."""
    specs = discover(paths, fmt)
    return load_documents(
        store,
        specs,
        strict=strict,
        batch_size=batch_size,
        keyword_topics=keyword_topics,
        progress=progress,
        on_complete=lambda: refresh_after_load(store),
        corrections=corrections,
    )
