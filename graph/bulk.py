"""The bulk path (``coauthor-kg load --bulk``): resolve in-process, import with neo4j-admin.

For a first load of a very large corpus (all of DBLP) into an empty database, Neo4j's
own offline importer (``neo4j-admin database import full``) writes store files directly,
with no transactions, and is an order of magnitude faster than any Cypher writer. It
only takes CSV files of finished nodes and relationships, with unique ids, so identity
resolution happens here first, in this process:

1. The documents are loaded through graph/ingest.py into :class:`RowAccumulator`, an
   in-memory store that keeps only rows (no graph): the same Resolver, the same merge
   rules (graph/resolve.merge_*) as the two real stores, so the imported graph is the
   one a normal load would build (tests/benchmarks checks that their answers agree).
2. The rows are written as import CSVs: one file per label and relationship type, the
   header typed from the row dataclasses (``year:long``, ``aliases:string[]``...), ids
   in one global id space (they are already unique across labels: "A…", "P…", "V…",
   "S…", "kw:…", "arxiv:…"), every string quoted, nulls left empty so that the property
   is absent, as Neo4j stores a null set by ``SET n += row``.
3. The server of the local install (scripts/neo4j) is stopped, the importer replaces the
   database, the server is started again and the schema (constraints, indexes) is
   created and populated: the database is ready to query when this returns.

Only into an empty database: the importer cannot add to an existing graph. Unless
``overwrite`` is given, the target is checked over Bolt first and a non-empty database
is refused, never silently replaced. Memory grows with the corpus: every row is held
until the CSVs are written.
"""

from __future__ import annotations

import csv
import os
import shlex
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Protocol, TypeVar

from graph.corrections import Corrections
from graph.errors import StoreUnavailableError, WriteForbiddenError
from graph.ingest import DEFAULT_BATCH, LoadSummary, load_documents
from graph.model import (
    AffiliatedWithRow,
    AuthoredRow,
    AuthorRow,
    CitesRow,
    FromSourceRow,
    GraphBatch,
    HasTopicRow,
    InstitutionRow,
    PaperRow,
    PublishedInRow,
    SourceRow,
    TopicRow,
    VenueRow,
    flat_prop_names,
    flat_props,
    paper_index_keys,
)
from graph.resolve import merge_author, merge_authored, merge_institution, merge_paper
from graph.schema import AUTHOR_IDENTIFIERS, CITES, Identifier
from graph.settings import Settings, get_settings
from graph.store.base import Capabilities
from graph.store.identity import AuthorMatch, EvidenceFound, EvidenceQuery, PaperAuthor
from loaders.errors import CoauthorKGError
from loaders.registry import discover

__all__ = [
    "ARRAY_DELIMITER",
    "BulkSummary",
    "ImportFiles",
    "LocalNeo4j",
    "NEO4J_SCRIPT",
    "RowAccumulator",
    "bulk_load",
    "csv_header",
    "write_import_csvs",
]

# scripts/neo4j and the server files it reads (scripts/neo4j-server/) ship as package data:
# graph/data/neo4j{,-server} are symlinks to them in a checkout and copies in a wheel, so
# the bulk path finds its server wherever coauthor-kg is installed. The script reads its
# files next to the path it is run as, so that path is not resolved.
NEO4J_SCRIPT = Path(__file__).parent / "data" / "neo4j"
# Between the elements of an array property. Not ";" (the importer's default), which
# occurs in names and affiliations; U+001F (unit separator) never occurs in text.
ARRAY_DELIMITER = "\x1f"
_ARRAY_FLAG = "U+001F"


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_Row = TypeVar("_Row", bound=_HasId)


# -- resolving in-process ---------------------------------------------------------------


class RowAccumulator:
    """A write-only store of rows for graph/ingest.py (a graph.store.base.LoadTarget):
    merges like the real stores, answers the resolver's identity lookups from
    dictionaries, keeps no graph."""

    capabilities = Capabilities()

    def __init__(self) -> None:
        self.authors: dict[str, AuthorRow] = {}
        self.papers: dict[str, PaperRow] = {}
        self.venues: dict[str, VenueRow] = {}
        self.topics: dict[str, TopicRow] = {}
        self.sources: dict[str, SourceRow] = {}
        self.authored: dict[tuple[str, str], AuthoredRow] = {}
        self.published_in: dict[tuple[str, str], PublishedInRow] = {}
        self.has_topic: dict[tuple[str, str], HasTopicRow] = {}
        self.from_source: dict[tuple[str, str], FromSourceRow] = {}
        self.institutions: dict[str, InstitutionRow] = {}
        self.affiliated_with: dict[tuple[str, str, str], AffiliatedWithRow] = {}
        self.cites: dict[tuple[str, str], CitesRow] = {}
        self._cited_by: dict[str, set[str]] = {}  # cited id -> citing ids, for absorbing
        self._paper_index: dict[str, set[str]] = {}
        self._author_index: dict[str, set[str]] = {}  # identity keys, "name:", "init:"
        self._count_index: dict[str, set[str]] = {}  # "family:", "given:"
        self._paper_authors: dict[str, list[str]] = {}
        # what author_evidence reads, built on its first call (a first load into an empty
        # accumulator never asks) and kept up to date by write() after that
        self._evidence_ready = False
        self._author_papers: dict[str, list[str]] = {}
        self._paper_links: dict[str, list[str]] = {}  # venue and topic ids of a paper
        self._author_institutions: dict[str, list[AffiliatedWithRow]] = {}

    # -- graph.store.base.GraphWriter ---------------------------------------------------

    def ensure_schema(self) -> None:
        """The schema is created after the import (see :func:`bulk_load`)."""

    def _author_keys(self, row: AuthorRow) -> list[tuple[dict[str, set[str]], str]]:
        keys = [*_strong_keys(row, AUTHOR_IDENTIFIERS), "name:" + row.name_key]
        if row.initial_key:
            keys.append("init:" + row.initial_key)
        out = [(self._author_index, k) for k in keys]
        out += [
            (self._count_index, "family:" + row.surname_key),
            (self._count_index, "given:" + row.given_key),
        ]
        return out

    def write(self, batch: GraphBatch) -> None:
        for a in batch.authors:
            old_a = self.authors.get(a.id)
            merged_a = _merge_into(self.authors, a, merge_author)
            if old_a is not None and old_a.name_key != merged_a.name_key:
                for index, ak in self._author_keys(old_a):
                    index.get(ak, set()).discard(a.id)
            for index, ak in self._author_keys(merged_a):
                index.setdefault(ak, set()).add(a.id)
        for p in batch.papers:
            merged_p = _merge_into(self.papers, p, merge_paper)
            for pk in paper_index_keys(merged_p):
                self._paper_index.setdefault(pk, set()).add(p.id)
            if merged_p.cited_key and not merged_p.cited_only:  # absorbed by the corpus
                self._paper_index.get("stub:" + merged_p.cited_key, set()).discard(p.id)
        for v in batch.venues:
            self.venues.setdefault(v.id, v)
        for t in batch.topics:
            self.topics.setdefault(t.id, t)
        for s in batch.sources:
            old_s = self.sources.get(s.id)
            if old_s is None:
                self.sources[s.id] = SourceRow(**_values(s))
            else:
                old_s.loaded_at = s.loaded_at
        for e in batch.authored:
            key = (e.author_id, e.paper_id)
            old_e = self.authored.get(key)
            if old_e is None:
                self.authored[key] = e
                self._paper_authors.setdefault(e.paper_id, []).append(e.author_id)
                if self._evidence_ready:
                    self._author_papers.setdefault(e.author_id, []).append(e.paper_id)
            else:
                self.authored[key] = merge_authored(old_e, e)
        for pi in batch.published_in:
            if (pi.paper_id, pi.venue_id) not in self.published_in:
                self.published_in[(pi.paper_id, pi.venue_id)] = pi
                if self._evidence_ready:
                    self._paper_links.setdefault(pi.paper_id, []).append(pi.venue_id)
        for ht in batch.has_topic:
            if (ht.paper_id, ht.topic_id) not in self.has_topic:
                self.has_topic[(ht.paper_id, ht.topic_id)] = ht
                if self._evidence_ready:
                    self._paper_links.setdefault(ht.paper_id, []).append(ht.topic_id)
        for fs in batch.from_source:
            self.from_source.setdefault((fs.node_id, fs.source_id), fs)
        for inst in batch.institutions:
            _merge_into(self.institutions, inst, merge_institution)
        for af in batch.affiliated_with:
            if (af.author_id, af.institution_id, af.paper) not in self.affiliated_with:
                self.affiliated_with[(af.author_id, af.institution_id, af.paper)] = af
                if self._evidence_ready:
                    self._author_institutions.setdefault(af.author_id, []).append(af)
        for c in batch.cites:
            self.cites.setdefault((c.citing_id, c.cited_id), c)
            self._cited_by.setdefault(c.cited_id, set()).add(c.citing_id)
        for ab in batch.absorbed:
            self._absorb(ab.stub_id, ab.into_id)

    def _absorb(self, stub_id: str, into_id: str) -> None:
        """graph.model.AbsorbedRow, as the real stores apply it."""
        stub = self.papers.get(stub_id)
        if stub is None or not stub.cited_only or into_id not in self.papers or stub_id == into_id:
            return
        for citing in self._cited_by.pop(stub_id, set()):
            del self.cites[(citing, stub_id)]
            if citing != into_id and (citing, into_id) not in self.cites:
                self.cites[(citing, into_id)] = CitesRow(citing, into_id)
                self._cited_by.setdefault(into_id, set()).add(citing)
        del self.papers[stub_id]
        for key in paper_index_keys(stub):
            self._paper_index.get(key, set()).discard(stub_id)
        merged = _merge_into(self.papers, replace(stub, id=into_id), merge_paper)
        for key in paper_index_keys(merged):
            self._paper_index.setdefault(key, set()).add(into_id)

    def is_empty(self) -> bool:
        return not (self.authors or self.papers or self.sources)

    def mark_source_complete(self, source_id: str) -> None:
        src = self.sources.get(source_id)
        if src is not None:
            src.status = "complete"

    def source_complete(self, sha256: str) -> bool:
        return any(s.sha256 == sha256 and s.status == "complete" for s in self.sources.values())

    def flush(self) -> None:
        """Nothing is durable until the import: see :func:`write_import_csvs`."""

    def rollback(self) -> None:
        """A failed load is abandoned whole (:func:`bulk_load` raises before anything is
        imported): nothing to restore."""

    # -- graph.store.identity.IdentityLookup ---------------------------------------------

    def match_paper_keys(self, keys: Sequence[str]) -> dict[str, list[str]]:
        index = self._paper_index
        return {k: sorted(index[k]) for k in keys if k in index}

    def _before(self, author_id: str, source: str) -> bool:
        return self.authors[author_id].created_by != source

    def _asserted(self, author_id: str, paper_id: str, source: str) -> bool:
        return any(s != source for s in self.authored[author_id, paper_id].sources or [""])

    def paper_authors(
        self, paper_ids: Sequence[str], *, source: str
    ) -> dict[str, list[PaperAuthor]]:
        out: dict[str, list[PaperAuthor]] = {}
        for pid in paper_ids:
            if pid not in self.papers:
                continue
            out[pid] = sorted(
                (
                    PaperAuthor(a, self.authors[a].name_key, self.authored[a, pid].position)
                    for a in self._paper_authors.get(pid, ())
                    if self._asserted(a, pid, source)
                ),
                key=lambda x: x.author_id,
            )
        return out

    def match_author_keys(
        self, keys: Sequence[str], *, source: str
    ) -> dict[str, list[AuthorMatch]]:
        out: dict[str, list[AuthorMatch]] = {}
        for k in keys:
            if k.startswith("aid:"):
                ids: set[str] = {k[4:]} if k[4:] in self.authors else set()
            else:
                ids = self._author_index.get(k, set())
            found = [self._match(a) for a in sorted(ids) if self._before(a, source)]
            if found:
                out[k] = found
        return out

    def cited_only_papers(self, paper_ids: Sequence[str]) -> set[str]:
        return {p for p in paper_ids if (row := self.papers.get(p)) is not None and row.cited_only}

    def _match(self, author_id: str) -> AuthorMatch:
        a = self.authors[author_id]
        return AuthorMatch(author_id, dict(a.ids), a.name_key, a.initials_only)

    def count_author_keys(self, keys: Sequence[str], *, source: str) -> dict[str, int]:
        out: dict[str, int] = {}
        for k in keys:
            if k == "*":
                ids: Iterable[str] = self.authors
            elif k.startswith("init:"):
                ids = self._author_index.get(k, ())
            else:
                ids = self._count_index.get(k, ())
            n = sum(1 for a in ids if self._before(a, source))
            if n:
                out[k] = n
        return out

    def author_evidence(
        self, queries: Sequence[EvidenceQuery], *, source: str
    ) -> list[EvidenceFound]:
        if not self._evidence_ready:
            for a, p in self.authored:
                self._author_papers.setdefault(a, []).append(p)
            for p, v in self.published_in:
                self._paper_links.setdefault(p, []).append(v)
            for p, t in self.has_topic:
                self._paper_links.setdefault(p, []).append(t)
            for af in self.affiliated_with.values():
                self._author_institutions.setdefault(af.author_id, []).append(af)
            self._evidence_ready = True
        return [self._evidence(q, source) for q in queries]

    def _evidence(self, q: EvidenceQuery, source: str) -> EvidenceFound:
        a = q.author_id
        row = self.authors.get(a)
        if row is None:
            return EvidenceFound()
        lo, hi = q.first_year, q.last_year

        def in_window(year: int | None) -> bool:
            return lo is None or hi is None or year is None or lo <= year <= hi

        want_co, want_links = set(q.coauthor_keys), {*q.venue_ids, *q.topic_ids}
        want_init = set(q.coauthor_initials)
        co: set[str] = set()
        links: set[str] = set()
        for p in self._author_papers.get(a, ()):
            if not self._asserted(a, p, source):
                continue
            if want_co:
                for b in self._paper_authors.get(p, ()):
                    brow = self.authors[b]
                    nk = brow.name_key
                    if (
                        b != a
                        and (nk in want_co or brow.initial_key in want_init)
                        and self._asserted(b, p, source)
                    ):
                        co.add(nk)
            if want_links and in_window(self.papers[p].year):
                links.update(x for x in self._paper_links.get(p, ()) if x in want_links)
        insts = {
            af.institution_id
            for af in self._author_institutions.get(a, ())
            if af.institution_id in q.institution_ids
            and in_window(af.year)
            and (a, af.paper) in self.authored
            and self._asserted(a, af.paper, source)
        }
        return EvidenceFound(
            frozenset(co),
            frozenset(links & set(q.venue_ids)),
            frozenset(links & set(q.topic_ids)),
            frozenset(insts),
            frozenset(row.emails),
            frozenset(" ".join(x.casefold().split()) for x in row.affiliations),
        )

    def counts(self) -> dict[str, dict[str, int]]:
        cited_only = sum(1 for p in self.papers.values() if p.cited_only)
        return {
            "nodes": {
                "Author": len(self.authors),
                "Paper": len(self.papers) - cited_only,
                "Venue": len(self.venues),
                "Topic": len(self.topics),
                "Source": len(self.sources),
                "Institution": len(self.institutions),
            },
            "relationships": {
                "AUTHORED": len(self.authored),
                "PUBLISHED_IN": len(self.published_in),
                "HAS_TOPIC": len(self.has_topic),
                "FROM_SOURCE": len(self.from_source),
                "AFFILIATED_WITH": len(self.affiliated_with),
                CITES: len(self.cites),
            },
            "cited_only": {"Paper": cited_only},
        }


def _merge_into(table: dict[str, _Row], row: _Row, merge: Callable[[_Row, _Row], _Row]) -> _Row:
    """Store ``row`` under its id, merged with what the table already holds."""
    old = table.get(row.id)
    merged = merge(old, row) if old is not None else row
    table[row.id] = merged
    return merged


def _strong_keys(row: AuthorRow | PaperRow, kinds: tuple[Identifier, ...]) -> list[str]:
    """The identity key of each identifier the row has."""
    return [kind.key_of(value) for kind in kinds if (value := row.ids.get(kind.prop))]


def _values(row: Any) -> dict[str, Any]:
    return {f.name: getattr(row, f.name) for f in fields(row)}


# -- import CSVs --------------------------------------------------------------------------


def _csv_type(annotation: Any) -> str:
    text = str(annotation)
    if "list" in text or "tuple" in text:
        return ":string[]"
    if "bool" in text:
        return ":boolean"
    if "int" in text:
        return ":long"
    if "float" in text:
        return ":double"
    return ""


def _columns(row_type: type) -> list[tuple[str, str]]:
    """(property, importer type) per column of a row dataclass, in
    graph.model.flat_props order: each identifier of graph/schema.py a string column."""
    kinds = {f.name: _csv_type(f.type) for f in fields(row_type)}
    return [(name, kinds.get(name, "")) for name in flat_prop_names(row_type)]


def csv_header(row_type: type, *, relationship: bool = False) -> list[str]:
    """The importer's header for a row dataclass: typed property columns; a node file
    starts with ``id:ID``, a relationship file with ``:START_ID,:END_ID`` (the label or
    type is given on the command line, ``--nodes=Author=...``)."""
    cols = _columns(row_type)
    if relationship:
        props = cols[2:]
        return [":START_ID", ":END_ID", *(f"{name}{kind}" for name, kind in props)]
    (first, _), *props = cols
    if first != "id":
        raise ValueError(f"{row_type.__name__}: the first field must be the id")
    return ["id:ID", *(f"{name}{kind}" for name, kind in props)]


@dataclass(slots=True)
class _CsvFile:
    label: str
    path: Path
    relationship: bool
    multiline: bool = False
    rows: int = 0


@dataclass(slots=True)
class ImportFiles:
    """The CSVs of one import and the importer arguments that name them."""

    directory: Path
    files: list[_CsvFile] = field(default_factory=list)

    def arguments(self) -> list[str]:
        args = []
        for f in self.files:
            option = "--relationships" if f.relationship else "--nodes"
            args.append(f"{option}={f.label}={f.path}")
        multiline = [str(f.path) for f in self.files if f.multiline]
        if multiline:
            args += ["--multiline-fields-format=v2", f"--multiline-fields={','.join(multiline)}"]
        return args


def _cell_writer(row_type: type, relationship: bool) -> Callable[[Any], tuple[list[Any], bool]]:
    """row -> (csv cells, whether a value spans lines). Strings are quoted by the csv
    module as needed; the importer reads an empty unquoted cell as "no property"."""
    columns = _columns(row_type)

    del relationship  # ids are the first fields either way; the header names them

    def cells(row: Any) -> tuple[list[Any], bool]:
        out: list[Any] = []
        multi = False
        props = flat_props(row)
        for name, kind in columns:
            v = props[name]
            if v is None:
                out.append(None)
            elif kind == ":boolean":
                out.append("true" if v else "false")
            elif kind == ":string[]":
                items = [str(x).replace(ARRAY_DELIMITER, " ") for x in v]
                text = ARRAY_DELIMITER.join(items)
                multi = multi or "\n" in text or "\r" in text
                out.append(text if items else None)
            elif kind == "":
                multi = multi or "\n" in v or "\r" in v
                out.append(v)
            else:
                out.append(v)
        return out, multi

    return cells


def write_import_csvs(acc: RowAccumulator, out_dir: Path) -> ImportFiles:
    """One CSV per label and relationship type under ``out_dir`` (replaced)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    parts: list[tuple[str, type, bool, Any]] = [
        ("Author", AuthorRow, False, acc.authors.values()),
        ("Paper", PaperRow, False, acc.papers.values()),
        ("Venue", VenueRow, False, acc.venues.values()),
        ("Topic", TopicRow, False, acc.topics.values()),
        ("Source", SourceRow, False, acc.sources.values()),
        ("Institution", InstitutionRow, False, acc.institutions.values()),
        ("AUTHORED", AuthoredRow, True, acc.authored.values()),
        ("PUBLISHED_IN", PublishedInRow, True, acc.published_in.values()),
        ("HAS_TOPIC", HasTopicRow, True, acc.has_topic.values()),
        ("FROM_SOURCE", FromSourceRow, True, acc.from_source.values()),
        ("AFFILIATED_WITH", AffiliatedWithRow, True, acc.affiliated_with.values()),
        (CITES, CitesRow, True, acc.cites.values()),
    ]
    files = ImportFiles(out_dir)
    for label, row_type, rel, rows in parts:
        path = out_dir / f"{'rels' if rel else 'nodes'}_{label.lower()}.csv"
        entry = _CsvFile(label, path, rel)
        cells = _cell_writer(row_type, rel)
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
            w.writerow(csv_header(row_type, relationship=rel))
            for row in rows:
                values, multi = cells(row)
                entry.multiline = entry.multiline or multi
                w.writerow(values)
                entry.rows += 1
        files.files.append(entry)
    return files


# -- the local server -----------------------------------------------------------------------


@dataclass(slots=True)
class LocalNeo4j:
    """The Neo4j install scripts/neo4j manages, for one NEO4J_HOME and Bolt port.

    The script runs through ``bash`` (a wheel does not keep the executable bit), and its
    readiness probe uses this interpreter, which has the driver, unless NEO4J_PYTHON says
    otherwise."""

    home: Path | None = None
    bolt_port: int | None = None
    script: Path = NEO4J_SCRIPT
    env: dict[str, str] = field(default_factory=dict)

    def _env(self) -> dict[str, str]:
        env = {"NEO4J_PYTHON": sys.executable, **os.environ, **self.env}
        if self.home is not None:
            env["COAUTHOR_KG_NEO4J_HOME"] = str(self.home)
        if self.bolt_port is not None:
            env["NEO4J_BOLT_PORT"] = str(self.bolt_port)
        return env

    def run(self, *args: str, timeout: float = 1800) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["bash", str(self.script), *args],
            env=self._env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def _checked(self, *args: str, timeout: float = 1800) -> str:
        done = self.run(*args, timeout=timeout)
        if done.returncode != 0:
            tail = (done.stdout + done.stderr)[-4000:]
            raise StoreUnavailableError(
                f"`scripts/neo4j {shlex.join(args)}` failed (exit {done.returncode}):\n{tail}"
            )
        return done.stdout + done.stderr

    def running(self) -> bool:
        return self.run("status", timeout=30).returncode == 0

    def start(self) -> None:
        self._checked("start", timeout=900)

    def stop(self) -> None:
        self._checked("stop", timeout=300)

    def admin(self, *args: str) -> str:
        return self._checked("admin", *args, timeout=24 * 3600)

    def settings(self, database: str = "neo4j") -> Settings:
        """Settings for this server from ``scripts/neo4j env`` (needs a first start)."""
        values: dict[str, str] = {}
        for line in self._checked("env", timeout=30).splitlines():
            if line.startswith("export "):
                key, _, value = line[len("export ") :].partition("=")
                values[key] = shlex.split(value)[0] if value else ""
        if self.bolt_port is None and "NEO4J_URI" in values:
            self.bolt_port = int(values["NEO4J_URI"].rsplit(":", 1)[1])
        return get_settings(
            NEO4J_URI=values["NEO4J_URI"],
            NEO4J_USERNAME=values.get("NEO4J_USERNAME", "neo4j"),
            NEO4J_PASSWORD=values.get("NEO4J_PASSWORD"),
            NEO4J_DATABASE=database,
        )


# -- the whole path -----------------------------------------------------------------------


@dataclass(slots=True)
class BulkSummary:
    """What a bulk load did, with the time of each phase (seconds)."""

    load: LoadSummary
    counts: dict[str, dict[str, int]]
    csv_dir: str
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def papers(self) -> int:
        return self.counts["nodes"]["Paper"]

    def to_json(self) -> dict[str, Any]:
        return {
            "load": self.load.totals(),
            "counts": self.counts,
            "csv_dir": self.csv_dir,
            "seconds": {k: round(v, 3) for k, v in self.seconds.items()},
        }


def _node_count(settings: Settings) -> int:
    from graph.store.neo4j import Neo4jStore

    store = Neo4jStore.from_settings(settings)
    try:
        return sum(store.counts()["nodes"].values())
    finally:
        store.close()


def bulk_load(
    paths: list[Path],
    *,
    out_dir: Path,
    database: str = "neo4j",
    neo4j_home: Path | None = None,
    bolt_port: int | None = None,
    overwrite: bool = False,
    fmt: str | None = None,
    keyword_topics: bool = True,
    threads: int | None = None,
    max_off_heap: str = "2G",
    server: LocalNeo4j | None = None,
    corrections: Corrections | None = None,
) -> BulkSummary:
    """Resolve ``paths`` in-process, write import CSVs to ``out_dir``, and import them
    into ``database`` of the local Neo4j (scripts/neo4j; ``neo4j_home``/``bolt_port``
    pick the install), applying users' identity ``corrections``. Refuses a non-empty
    database unless ``overwrite``. The server is running with the schema in place when
    this returns."""
    srv = server or LocalNeo4j(home=neo4j_home, bolt_port=bolt_port)
    seconds: dict[str, float] = {}
    t0 = time.perf_counter()
    # Refuse a non-empty target before spending minutes resolving.
    if not srv.running():
        srv.start()
    settings = srv.settings(database)
    if not overwrite:
        n = _node_count(settings)
        if n:
            raise WriteForbiddenError(
                f"database {database!r} holds {n} nodes: a bulk import replaces the whole "
                "database, so it only runs on an empty one (or with overwrite)",
                details={"nodes": n, "database": database},
            )
    seconds["check"] = time.perf_counter() - t0
    specs = discover(paths, fmt)

    t = time.perf_counter()
    acc = RowAccumulator()
    summary = load_documents(
        acc,
        specs,
        batch_size=DEFAULT_BATCH,  # the loader's (ids do not depend on it)
        keyword_topics=keyword_topics,
        corrections=corrections,
    )
    seconds["resolve"] = time.perf_counter() - t

    t = time.perf_counter()
    files = write_import_csvs(acc, out_dir)
    counts = acc.counts()
    del acc
    seconds["csv"] = time.perf_counter() - t

    t = time.perf_counter()
    srv.stop()
    seconds["stop"] = time.perf_counter() - t

    t = time.perf_counter()
    args = [
        "database",
        "import",
        "full",
        database,
        "--overwrite-destination=true",
        f"--array-delimiter={_ARRAY_FLAG}",
        "--bad-tolerance=0",
        f"--max-off-heap-memory={max_off_heap}",
        f"--report-file={out_dir / 'import.report'}",
        *([f"--threads={threads}"] if threads else []),
        *files.arguments(),
    ]
    try:
        srv.admin(*args)
    except CoauthorKGError:
        srv.start()  # leave the server up (with whatever database it had) for the caller
        raise
    seconds["import"] = time.perf_counter() - t

    t = time.perf_counter()
    srv.start()
    seconds["start"] = time.perf_counter() - t

    from graph.store.neo4j import Neo4jStore

    t = time.perf_counter()
    store = Neo4jStore.from_settings(settings)
    try:
        store.ensure_schema()  # constraints + indexes, populated before this returns
    finally:
        store.close()
    seconds["schema"] = time.perf_counter() - t
    seconds["total"] = time.perf_counter() - t0
    return BulkSummary(load=summary, counts=counts, csv_dir=str(out_dir), seconds=seconds)
