"""The Neo4j store: the same interface as the embedded store, on a real server.

The driver is created from settings by the caller (``from_settings``) and passed in,
never read from the environment here. Writes run as one managed write transaction per
batch (the driver retries transient failures, which is safe because every statement
merges). Reads go through ``execute_query`` with read routing, so a routing
``neo4j://`` URI pointed at a cluster or Aura works unchanged.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import operator
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any

import neo4j
from neo4j import GraphDatabase, NotificationMinimumSeverity, RoutingControl, unit_of_work
from neo4j import exceptions as nx_exc
from platformdirs import user_cache_dir

from graph.errors import (
    InvalidQueryError,
    QueryTimeoutError,
    StoreUnavailableError,
    WriteForbiddenError,
)
from graph.model import (
    AuthoredRow,
    AuthorRow,
    CitesRow,
    FromSourceRow,
    GraphBatch,
    HasTopicRow,
    InstitutionRow,
    PaperRow,
    PublishedInRow,
    flat_props,
)
from graph.resolve import merge_authored
from graph.schema import AUTHOR_IDENTIFIERS, PAPER
from graph.settings import Settings
from graph.store import cypher as q
from graph.store.base import Capabilities
from graph.store.identity import AuthorMatch, EvidenceFound, EvidenceQuery, PaperAuthor
from graph.store.records import (
    Affiliation,
    AuthorDetail,
    AuthorLinks,
    AuthorSummary,
    CitedWork,
    Coauthorship,
    CypherResult,
    InstitutionSummary,
    PaperDetail,
    PaperSummary,
    SharedCoauthor,
    SourceSummary,
    TopicDetail,
    TopicSummary,
    VenueSummary,
    author_detail,
    authored_row,
    paper_detail,
    topic_detail,
)

__all__ = ["Neo4jStore", "check_read_only"]

_FIELD_NAMES: dict[type, tuple[tuple[str, ...], Any]] = {}


def _rows(items: Sequence[Any]) -> list[dict[str, Any]]:
    """Row dataclasses -> parameter dicts. Not ``asdict``: its recursive deep copy was
    the largest single cost of a load's Python time (rows are flat, the driver only
    reads them). Author and Paper rows spread their ``ids`` into one property each."""
    if not items:
        return []
    cls = type(items[0])
    if cls in (AuthorRow, PaperRow, InstitutionRow):
        return [flat_props(x) for x in items]
    spec = _FIELD_NAMES.get(cls)
    if spec is None:
        names = tuple(f.name for f in fields(items[0]))
        spec = _FIELD_NAMES[cls] = (names, operator.attrgetter(*names))
    names, get = spec
    return [dict(zip(names, get(x), strict=True)) for x in items]


def _cites_by_paper(rows: Sequence[CitesRow]) -> list[dict[str, Any]]:
    """CITES rows as one row per citing paper (cypher.MERGE_CITES), each cited id once."""
    cited: dict[str, dict[str, None]] = {}
    for c in rows:
        cited.setdefault(c.citing_id, {})[c.cited_id] = None
    return [{"citing_id": p, "cited": list(ids)} for p, ids in cited.items()]


_COAUTHORSHIP_PAGE = 1000  # authors per read of the whole-graph stream
_REFERENCES_PAGE = 5000  # citing papers per read of the whole citation graph
_JOINT_PAPERS_CHUNK = 10_000  # pairs per read of joint_papers


class Neo4jStore:
    kind = "neo4j"
    # graph/ingest.py may resolve the next batch while this one is written: write()
    # spends its time waiting on the server, and the driver is thread-safe. The server
    # isolates transactions and serves any number of processes.
    capabilities = Capabilities(
        overlapped_writes=True, concurrent_reads=True, multi_process=True, remote=True
    )

    def __init__(self, driver: neo4j.Driver, *, database: str, uri: str) -> None:
        self.driver = driver
        self.database = database
        self.uri = uri
        self._schema_ready = False

    @classmethod
    def from_settings(cls, settings: Settings) -> Neo4jStore:
        if not settings.neo4j_uri:
            raise StoreUnavailableError("NEO4J_URI is not set")
        password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else ""
        driver = GraphDatabase.driver(
            settings.neo4j_uri,
            auth=(settings.neo4j_username, password),
            connection_timeout=5.0,
            connection_acquisition_timeout=10.0,
            max_transaction_retry_time=5.0,
            liveness_check_timeout=30.0,
            # the planner's "label does not exist yet" hints are noise on an empty graph
            notifications_min_severity=NotificationMinimumSeverity.OFF,
        )
        return cls(driver, database=settings.neo4j_database, uri=settings.neo4j_uri)

    # -- plumbing --------------------------------------------------------------------

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        """Driver failures -> domain errors that name the server, never a traceback."""
        try:
            yield
        except (nx_exc.ServiceUnavailable, nx_exc.SessionExpired, OSError) as exc:
            raise StoreUnavailableError(
                f"Neo4j at {self.uri} is not reachable ({exc.__class__.__name__}: {exc}); "
                "start it with `scripts/neo4j start` or check NEO4J_URI",
                details={"uri": self.uri},
            ) from exc
        except nx_exc.AuthError as exc:
            raise StoreUnavailableError(
                f"Neo4j at {self.uri} refused the credentials in NEO4J_USERNAME/NEO4J_PASSWORD",
                details={"uri": self.uri},
            ) from exc
        except nx_exc.Neo4jError as exc:
            code = exc.code or ""
            if "TransactionTimedOut" in code or "TransactionTimeout" in code:
                raise QueryTimeoutError(
                    "the query ran past its time limit and was stopped",
                    details={"code": code},
                ) from exc
            if "AccessMode" in code or "ForbiddenOnReadOnly" in code or "Forbidden" in code:
                raise WriteForbiddenError(
                    "this endpoint is read-only: the query tried to write",
                    details={"code": code},
                ) from exc
            if code.startswith("Neo.ClientError.Statement"):
                raise InvalidQueryError(
                    f"Cypher error: {exc.message}", details={"code": code}
                ) from exc
            if code.startswith("Neo.ClientError.Database.DatabaseNotFound"):
                raise StoreUnavailableError(
                    f"Neo4j at {self.uri} has no database {self.database!r} (NEO4J_DATABASE)",
                    details={"uri": self.uri},
                ) from exc
            raise
        except nx_exc.DriverError as exc:
            raise StoreUnavailableError(
                f"Neo4j at {self.uri}: {exc}", details={"uri": self.uri}
            ) from exc

    def _read(self, query: str, **params: Any) -> list[neo4j.Record]:
        """One auto-commit read. Not ``execute_query``: its managed transaction costs a
        second round trip (BEGIN/RUN/PULL, then COMMIT) and about twice the client time,
        and a catalogue question is a dozen of these reads. The session joins
        ``execute_query``'s bookmark manager, so a read still sees every write made
        through this driver (causal consistency on a cluster); a read that loses its
        connection is retried once, as the managed transaction would have."""
        with self._errors():
            for attempt in (1, 2):
                try:
                    with self.driver.session(
                        database=self.database,
                        default_access_mode=neo4j.READ_ACCESS,
                        bookmark_manager=self.driver.execute_query_bookmark_manager,
                    ) as session:
                        return list(session.run(query, params))
                except (nx_exc.ServiceUnavailable, nx_exc.SessionExpired):
                    if attempt == 2:
                        raise
        raise AssertionError("unreachable")

    def _write(self, query: str, **params: Any) -> None:
        with self._errors():
            self.driver.execute_query(
                query, params, database_=self.database, routing_=RoutingControl.WRITE
            )

    def ping(self) -> None:
        with self._errors():
            self.driver.execute_query(
                "RETURN 1", database_=self.database, routing_=RoutingControl.READ
            )

    # -- writing ---------------------------------------------------------------------

    def ensure_schema(self) -> None:
        """Create constraints and indexes (idempotent); once per store object."""
        if self._schema_ready:
            return
        for stmt in q.SCHEMA:
            self._write(stmt)
        with self._errors(), self.driver.session(database=self.database) as s:
            s.run("CALL db.awaitIndexes(300)").consume()
        self._schema_ready = True

    @staticmethod
    def batch_statements(batch: GraphBatch) -> list[tuple[str, dict[str, Any]]]:
        """The statements (and parameters) one batch is written with, in order: nodes
        before the relationships that MATCH them. Empty parts send nothing.

        Papers are written paper-centric (``MERGE_PAPER_GRAPH``): one row per paper
        carrying its relationship rows, so the server finds each paper once and
        creates the relationships of a new paper without merging them. A paper's rows
        of one relationship are folded to one per other end, as merging them in batch
        order would (AUTHORED by graph.resolve.merge_authored, the others: the first
        row wins). What has no paper row of its own goes through the per-relationship
        statements: relationship rows of papers written earlier, and a paper id listed
        twice (its later rows merge after the first, as before).
        """
        graph: dict[str, dict[str, Any]] = {}
        extra_papers: list[dict[str, Any]] = []
        for row in _rows(batch.papers):
            if row["id"] in graph:
                extra_papers.append(row)
            else:
                graph[row["id"]] = {
                    "paper": row,
                    "authored": [],
                    "published_in": [],
                    "has_topic": [],
                    "from_source": [],
                }
        authored: list[AuthoredRow] = []
        published_in: list[PublishedInRow] = []
        has_topic: list[HasTopicRow] = []
        paper_src: list[FromSourceRow] = []
        author_src: list[FromSourceRow] = []
        folded: dict[tuple[str, str], AuthoredRow] = {}
        for a in batch.authored:
            if a.paper_id not in graph:
                authored.append(a)
            elif (prev := folded.get((a.paper_id, a.author_id))) is None:
                folded[a.paper_id, a.author_id] = a
            else:
                folded[a.paper_id, a.author_id] = merge_authored(prev, a)
        for a in folded.values():
            row = _rows([a])[0]
            del row["paper_id"]
            graph[a.paper_id]["authored"].append(row)
        seen: set[tuple[str, str, str]] = set()
        for v in batch.published_in:
            if (g := graph.get(v.paper_id)) is None:
                published_in.append(v)
            elif (key := ("V", v.paper_id, v.venue_id)) not in seen:
                seen.add(key)
                g["published_in"].append({"venue_id": v.venue_id, "year": v.year})
        for t in batch.has_topic:
            if (g := graph.get(t.paper_id)) is None:
                has_topic.append(t)
            elif (key := ("T", t.paper_id, t.topic_id)) not in seen:
                seen.add(key)
                g["has_topic"].append({"topic_id": t.topic_id, "source": t.source})
        for f in batch.from_source:
            if not f.node_id.startswith("P"):
                author_src.append(f)
            elif (g := graph.get(f.node_id)) is None:
                paper_src.append(f)
            elif (key := ("S", f.node_id, f.source_id)) not in seen:
                seen.add(key)
                g["from_source"].append({"source_id": f.source_id, "line": f.line})
        parts: tuple[tuple[str, list[Any]], ...] = (
            (q.MERGE_AUTHORS, _rows(batch.authors)),
            (q.MERGE_VENUES, _rows(batch.venues)),
            (q.MERGE_TOPICS, _rows(batch.topics)),
            (q.MERGE_SOURCES, _rows(batch.sources)),
            (q.MERGE_INSTITUTIONS, _rows(batch.institutions)),
            (q.MERGE_PAPER_GRAPH, list(graph.values())),
            (q.MERGE_PAPERS, extra_papers),
            (q.MERGE_AUTHORED, _rows(authored)),
            (q.MERGE_PUBLISHED_IN, _rows(published_in)),
            (q.MERGE_HAS_TOPIC, _rows(has_topic)),
            (q.MERGE_PAPER_SOURCE, _rows(paper_src)),
            (q.MERGE_AUTHOR_SOURCE, _rows(author_src)),
            (q.MERGE_AFFILIATED_WITH, _rows(batch.affiliated_with)),
            (q.MERGE_CITES, _cites_by_paper(batch.cites)),
            (q.ABSORB_CITED, _rows(batch.absorbed)),
        )
        return [(stmt, {"rows": rows}) for stmt, rows in parts if rows]

    def write(self, batch: GraphBatch) -> None:
        statements = self.batch_statements(batch)
        if not statements:
            return

        def work(tx: neo4j.ManagedTransaction) -> None:
            for stmt, params in statements:
                tx.run(stmt, params).consume()

        with self._errors(), self.driver.session(database=self.database) as s:
            s.execute_write(work)

    def is_empty(self) -> bool:
        """No node at all (graph/ingest.py then skips identity lookups)."""
        return not self._read(q.ANY_NODE)

    def mark_source_complete(self, source_id: str) -> None:
        self._write(q.MARK_SOURCE_COMPLETE, id=source_id)

    def source_complete(self, sha256: str) -> bool:
        rec = self._read(q.SOURCE_COMPLETE, sha256=sha256)
        return bool(rec and rec[0]["done"])

    def completed_sources(self) -> list[str]:
        return [str(sha) for sha in self._listed(q.COMPLETED_SOURCES)]

    @property
    def derived_dir(self) -> Path:
        """Derived data (the co-authorship projection) of this database, in the user's
        cache: one folder per server URI and database."""
        key = hashlib.sha256(f"{self.uri}\n{self.database}".encode()).hexdigest()[:16]
        return Path(user_cache_dir("coauthor-kg")) / "projections" / key

    def clear(self) -> None:
        with self._errors(), self.driver.session(database=self.database) as s:
            for stmt in q.CLEAR:
                s.run(stmt).consume()

    def flush(self) -> None:
        """Every batch is committed as it is written: nothing to do."""

    def rollback(self) -> None:
        """Every batch is committed as it is written: nothing to forget (running the
        load again resumes it, see graph/ingest.py)."""

    def close(self) -> None:
        self.driver.close()

    # -- identity lookups ------------------------------------------------------------

    def _listed(self, query: str, **params: Any) -> list[Any]:
        """The ``rows`` list of a one-record read (see graph/store/cypher.py)."""
        recs = self._read(query, **params)
        return list(recs[0]["rows"]) if recs else []

    def match_paper_keys(self, keys: Sequence[str]) -> dict[str, list[str]]:
        params: dict[str, list[str]] = {k: [] for k in q.PAPER_KEY_PARAMS}
        for key in keys:
            kind, _, value = key.partition(":")
            if kind in params:
                params[kind].append(value)
        out: dict[str, list[str]] = {}
        for key, pid in self._listed(q.MATCH_PAPER_KEYS, **params):
            out.setdefault(key, []).append(pid)
        return {k: sorted(v) for k, v in out.items()}

    def paper_authors(
        self, paper_ids: Sequence[str], *, source: str
    ) -> dict[str, list[PaperAuthor]]:
        rows = self._listed(q.PAPER_AUTHORS, ids=list(paper_ids), source=source)
        return {
            pid: sorted((PaperAuthor(*a) for a in authors), key=lambda x: x.author_id)
            for pid, authors in rows
        }

    def match_author_keys(
        self, keys: Sequence[str], *, source: str
    ) -> dict[str, list[AuthorMatch]]:
        params: dict[str, list[str]] = {k: [] for k in q.AUTHOR_KEY_PARAMS}
        for key in keys:
            kind, _, value = key.partition(":")
            if kind in params:
                params[kind].append(value)
        out: dict[str, list[AuthorMatch]] = {}
        for key, aid, nk, initials, values in self._listed(
            q.MATCH_AUTHOR_KEYS, source=source, **params
        ):
            ids = {i.prop: v for i, v in zip(AUTHOR_IDENTIFIERS, values, strict=True) if v}
            out.setdefault(key, []).append(AuthorMatch(aid, ids, nk, bool(initials)))
        return {k: sorted(v, key=lambda m: m.id) for k, v in out.items()}

    def count_author_keys(self, keys: Sequence[str], *, source: str) -> dict[str, int]:
        params: dict[str, list[str]] = {k: [] for k in q.COUNT_KEY_PARAMS}
        for key in keys:
            kind, _, value = key.partition(":")
            if kind in params:
                params[kind].append(value)
        out = {key: n for key, n in self._listed(q.COUNT_AUTHOR_KEYS, source=source, **params) if n}
        if "*" in keys:
            out["*"] = self._read(q.COUNT_AUTHORS_BEFORE, source=source)[0]["n"]
        return out

    def author_evidence(
        self, queries: Sequence[EvidenceQuery], *, source: str
    ) -> list[EvidenceFound]:
        if not queries:
            return []
        params = [
            {
                "id": x.author_id,
                "coauthors": list(x.coauthor_keys),
                "coauthor_initials": list(x.coauthor_initials),
                "venues": list(x.venue_ids),
                "topics": list(x.topic_ids),
                "institutions": list(x.institution_ids),
                "lo": x.first_year,
                "hi": x.last_year,
            }
            for x in queries
        ]
        found = {
            i: (co, places, insts, emails, affs)
            for i, co, places, insts, emails, affs in self._listed(
                q.AUTHOR_EVIDENCE, queries=params, source=source
            )
        }
        out = []
        for i, x in enumerate(queries):
            co, places, insts, emails, affs = found.get(i, ([], [], [], [], []))
            places = set(places)
            out.append(
                EvidenceFound(
                    frozenset(co),
                    frozenset(places & set(x.venue_ids)),
                    frozenset(places & set(x.topic_ids)),
                    frozenset(insts),
                    frozenset(emails),
                    frozenset(" ".join(a.casefold().split()) for a in affs),
                )
            )
        return out

    def cited_only_papers(self, paper_ids: Sequence[str]) -> set[str]:
        return set(self._listed(q.CITED_ONLY_PAPERS, ids=list(paper_ids)))

    # -- primitive reads -------------------------------------------------------------

    @staticmethod
    def _summary(r: Mapping[str, Any]) -> AuthorSummary:
        return AuthorSummary(
            id=r["id"],
            name=r["name"],
            has_profile=bool(r["has_profile"]),
            paper_count=r["paper_count"],
            name_key=r["name_key"],
            aliases=tuple(sorted(r["aliases"])),
        )

    def authors_by_name(
        self, name_keys: Sequence[str], surname_keys: Sequence[str]
    ) -> list[AuthorSummary]:
        rows = self._listed(
            q.AUTHORS_BY_NAME, name_keys=list(name_keys), surname_keys=list(surname_keys)
        )
        return sorted((self._summary(r) for r in rows), key=lambda a: a.id)

    def search_authors(self, text_key: str, limit: int) -> list[AuthorSummary]:
        rows = self._listed(q.SEARCH_AUTHORS, text=text_key, limit=max(limit, 0))
        return sorted((self._summary(r) for r in rows), key=lambda a: a.id)

    def get_authors(self, ids: Sequence[str]) -> list[AuthorSummary]:
        found = {r["id"]: self._summary(r) for r in self._listed(q.GET_AUTHORS, ids=list(ids))}
        return [found[i] for i in ids if i in found]

    def coauthor_papers(self, author_id: str) -> dict[str, list[str]]:
        return {b: sorted(papers) for b, papers in self._listed(q.COAUTHOR_PAPERS, id=author_id)}

    def neighbours(self, ids: Sequence[str]) -> dict[str, list[str]]:
        return {a: sorted(nb) for a, nb in self._listed(q.NEIGHBOURS, ids=list(ids))}

    def author_topic_papers(self, author_id: str) -> dict[str, list[str]]:
        return {t: sorted(ps) for t, ps in self._listed(q.AUTHOR_TOPIC_PAPERS, id=author_id)}

    def shared_coauthor_papers(self, ids: Sequence[str]) -> dict[str, SharedCoauthor]:
        return {
            co: SharedCoauthor(name, {a: sorted(papers) for a, papers in joint})
            for co, name, joint in self._listed(
                q.SHARED_COAUTHOR_PAPERS, ids=list(dict.fromkeys(ids))
            )
        }

    def author_topic_counts(self, ids: Sequence[str]) -> dict[str, dict[str, int]]:
        return {
            a: {t: n for t, n in counts}
            for a, counts in self._listed(q.AUTHOR_TOPIC_COUNTS, ids=list(dict.fromkeys(ids)))
        }

    def joint_papers(self, pairs: Sequence[tuple[str, str]]) -> list[list[str]]:
        out: list[list[str]] = []
        for start in range(0, len(pairs), _JOINT_PAPERS_CHUNK):
            chunk = pairs[start : start + _JOINT_PAPERS_CHUNK]
            found = dict(self._listed(q.JOINT_PAPERS, pairs=[list(p) for p in chunk]))
            out += [sorted(found.get(i, [])) for i in range(len(chunk))]
        return out

    def get_papers(self, ids: Sequence[str]) -> list[PaperSummary]:
        found = {
            pid: PaperSummary(pid, title, year, tuple(sorted(venues)))
            for pid, title, year, venues in self._listed(q.GET_PAPERS, ids=list(ids))
        }
        return [found[i] for i in ids if i in found]

    def get_topics(self, ids: Sequence[str]) -> list[TopicSummary]:
        found = {
            tid: TopicSummary(tid, name, kind, code, count)
            for tid, name, kind, code, count in self._listed(q.GET_TOPICS, ids=list(ids))
        }
        return [found[i] for i in ids if i in found]

    def counts(self) -> dict[str, dict[str, int]]:
        nodes = {label: self._read(stmt)[0]["n"] for label, stmt in q.COUNT_LABEL.items()}
        rels = {rel: self._read(stmt)[0]["n"] for rel, stmt in q.COUNT_REL.items()}
        cited_only = self._read(q.COUNT_CITED_ONLY)[0]["n"]
        nodes[PAPER] -= cited_only
        return {"nodes": nodes, "relationships": rels, "cited_only": {PAPER: cited_only}}

    def iter_coauthorships(self) -> Iterator[AuthorLinks]:
        after = ""
        while True:
            rows = self._listed(q.COAUTHORSHIP_PAGE, after=after, limit=_COAUTHORSHIP_PAGE)
            page = sorted(((self._summary(a), links) for a, links in rows), key=lambda r: r[0].id)
            for author, links in page:
                yield AuthorLinks(
                    author,
                    tuple(
                        Coauthorship(
                            author.id, b, papers, first, last, tuple(sorted(map(tuple, years)))
                        )
                        for b, papers, first, last, years in sorted(links, key=lambda x: x[0])
                    ),
                )
            if len(page) < _COAUTHORSHIP_PAGE:
                return
            after = page[-1][0].id

    # -- detail reads ----------------------------------------------------------------

    def author_papers(self, author_id: str) -> list[str]:
        return [r["id"] for r in self._read(q.AUTHOR_PAPERS, id=author_id)]

    def author_detail(self, author_id: str) -> AuthorDetail | None:
        recs = self._read(q.AUTHOR_DETAIL, id=author_id)
        return author_detail(recs[0]["props"]) if recs else None

    def paper_detail(self, paper_id: str) -> PaperDetail | None:
        recs = self._read(q.PAPER_DETAIL, id=paper_id)
        if not recs:
            return None
        r = recs[0]
        return paper_detail(r["props"], r["authors"], r["venues"], r["topics"], r["sources"])

    def topic_detail(self, topic_id: str) -> TopicDetail | None:
        recs = self._read(q.TOPIC_DETAIL, id=topic_id)
        if not recs:
            return None
        r = recs[0]
        return topic_detail(r["props"], r["paper_ids"], r["author_ids"])

    def search_papers(self, text_key: str, limit: int, offset: int) -> tuple[list[str], int]:
        r = self._read(q.SEARCH_PAPERS, text=text_key, limit=limit, offset=offset)[0]
        return list(r["page"]), r["total"]

    def list_topics(self, limit: int, offset: int) -> tuple[list[TopicSummary], int]:
        r = self._read(q.LIST_TOPICS, limit=limit, offset=offset)[0]
        return self.get_topics(list(r["page"])), r["total"]

    def list_venues(self, limit: int, offset: int) -> tuple[list[VenueSummary], int]:
        recs = self._read(q.LIST_VENUES, limit=limit, offset=offset)
        total = recs[0]["total"] if recs else self._read(q.COUNT_VENUES)[0]["total"]
        return [
            VenueSummary(r["id"], r["name"], r["kind"], r["acronym"], r["paper_count"])
            for r in recs
        ], total

    # -- identity: evidence and corrections ---------------------------------------------

    def authorships(self, author_id: str) -> list[AuthoredRow]:
        return [
            authored_row(author_id, paper, props)
            for paper, props in self._listed(q.AUTHORSHIPS, id=author_id)
        ]

    def weak_authorships(self, pairs: Sequence[tuple[str, str]]) -> list[bool]:
        weak: set[int] = set()
        for start in range(0, len(pairs), _JOINT_PAPERS_CHUNK):
            chunk = [list(p) for p in pairs[start : start + _JOINT_PAPERS_CHUNK]]
            weak |= {start + i for i in self._listed(q.WEAK_AUTHORSHIPS, pairs=chunk)}
        return [i in weak for i in range(len(pairs))]

    def get_sources(self, ids: Sequence[str]) -> list[SourceSummary]:
        found = {r[0]: SourceSummary(*r) for r in self._listed(q.GET_SOURCES, ids=list(ids))}
        return [found[i] for i in ids if i in found]

    def remove_authorships(self, author_id: str, paper_ids: Sequence[str]) -> None:
        self._write(q.REMOVE_AUTHORSHIPS, id=author_id, papers=list(paper_ids))

    def remove_author(self, author_id: str) -> None:
        self._write(q.REMOVE_AUTHOR, id=author_id)

    # -- user Cypher -----------------------------------------------------------------

    # -- institutions ------------------------------------------------------------------

    def get_institutions(self, ids: Sequence[str]) -> list[InstitutionSummary]:
        found = {
            r[0]: InstitutionSummary(*r) for r in self._listed(q.GET_INSTITUTIONS, ids=list(ids))
        }
        return [found[i] for i in ids if i in found]

    def search_institutions(self, text_key: str, limit: int) -> list[InstitutionSummary]:
        rows = self._listed(q.SEARCH_INSTITUTIONS, text=text_key, limit=max(limit, 0))
        return [InstitutionSummary(*r) for r in rows]

    def affiliations_of(self, author_ids: Sequence[str]) -> list[Affiliation]:
        ids = list(dict.fromkeys(author_ids))
        return [Affiliation(*r) for r in self._listed(q.AFFILIATIONS_OF, ids=ids)]

    def institution_affiliations(self, institution_id: str) -> list[Affiliation]:
        rows = self._listed(q.INSTITUTION_AFFILIATIONS, id=institution_id)
        return [Affiliation(*r) for r in rows]

    def paper_institutions(self) -> dict[str, list[str]]:
        return {p: list(insts) for p, insts in self._listed(q.PAPER_INSTITUTIONS)}

    # -- citations -------------------------------------------------------------------

    def references_of(self, paper_ids: Sequence[str]) -> dict[str, list[str]]:
        ids = list(dict.fromkeys(paper_ids))
        return {p: sorted(refs) for p, refs in self._listed(q.REFERENCES_OF, ids=ids)}

    def citing_papers(self, paper_ids: Sequence[str]) -> dict[str, list[str]]:
        ids = list(dict.fromkeys(paper_ids))
        return {p: sorted(citing) for p, citing in self._listed(q.CITING_PAPERS, ids=ids)}

    def cited_works(self, paper_ids: Sequence[str]) -> list[CitedWork]:
        found = {}
        for pid, title, year, cited_only, cited_by, first, authors in self._listed(
            q.CITED_WORKS, ids=list(paper_ids)
        ):
            listed = sorted(authors, key=lambda a: (a[2] is None, a[2] or 0, a[0]))
            found[pid] = CitedWork(
                pid, title, year, cited_only, cited_by, first, tuple((a, n) for a, n, _ in listed)
            )
        return [found[p] for p in paper_ids if p in found]

    def _pairs(
        self, query: str, paper_ids: Sequence[str], min_count: int, limit: int
    ) -> list[tuple[str, str, list[str]]]:
        rows = self._listed(
            query, ids=list(dict.fromkeys(paper_ids)), min=min_count, limit=max(limit, 0)
        )
        return [(a, b, sorted(papers)) for a, b, papers in rows]

    def cocited_pairs(
        self, paper_ids: Sequence[str], min_count: int, limit: int
    ) -> list[tuple[str, str, list[str]]]:
        return self._pairs(q.COCITED_PAIRS, paper_ids, min_count, limit)

    def coupled_pairs(
        self, paper_ids: Sequence[str], min_count: int, limit: int
    ) -> list[tuple[str, str, list[str]]]:
        return self._pairs(q.COUPLED_PAIRS, paper_ids, min_count, limit)

    def most_cited(self, limit: int, by: str) -> list[str]:
        return list(self._listed(q.MOST_CITED[by], limit=max(limit, 0)))

    def iter_references(self) -> Iterator[tuple[str, tuple[str, ...]]]:
        after = ""
        while True:
            rows = self._listed(q.REFERENCES_PAGE, after=after, limit=_REFERENCES_PAGE)
            page = sorted((p, tuple(sorted(refs))) for p, refs in rows)
            yield from page
            if len(page) < _REFERENCES_PAGE:
                return
            after = page[-1][0]

    def run_cypher(
        self, query: str, params: Mapping[str, Any], *, timeout_s: float, row_cap: int
    ) -> CypherResult:
        """Run a user's Cypher read-only: refused unless the planner says it only reads,
        in a read transaction with a timeout, at most ``row_cap`` rows."""
        check_read_only(query)
        try:
            return self._run_user_cypher(query, params, timeout_s=timeout_s, row_cap=row_cap)
        except nx_exc.ClientError as exc:
            # whatever the mapping above leaves (unknown procedure, bad argument...) is
            # still the user's query at fault, never a server error
            raise InvalidQueryError(
                f"Cypher error: {exc.message}", details={"code": exc.code}
            ) from exc

    def _run_user_cypher(
        self, query: str, params: Mapping[str, Any], *, timeout_s: float, row_cap: int
    ) -> CypherResult:
        with (
            self._errors(),
            self.driver.session(
                database=self.database, default_access_mode=neo4j.READ_ACCESS
            ) as session,
        ):
            plan = session.run("EXPLAIN " + query, dict(params)).consume()
            if plan.query_type not in ("r", None):
                raise WriteForbiddenError(
                    f"refused: the query is of type {plan.query_type!r}; only reads are allowed",
                    details={"query_type": plan.query_type},
                )
            forbidden = _forbidden_operators(plan.plan)
            if forbidden:
                raise WriteForbiddenError(
                    f"refused: the query uses {', '.join(sorted(forbidden))}",
                    details={"operators": sorted(forbidden)},
                )
            # the text check above misses `CALL /* */ x()` and `CALL `db`.`x`()`; the
            # planner names the procedure exactly
            procedures = _plan_procedures(plan.plan) - _READ_PROCEDURES
            if procedures:
                raise WriteForbiddenError(
                    f"refused: procedure {', '.join(sorted(procedures))} is not on the "
                    "read-only allow-list",
                    details={"procedures": sorted(procedures)},
                )

            @unit_of_work(timeout=timeout_s)
            def work(tx: neo4j.ManagedTransaction) -> CypherResult:
                result = tx.run(query, dict(params))
                keys = list(result.keys())
                rows: list[list[Any]] = []
                truncated = False
                for record in result:
                    if len(rows) >= row_cap:
                        truncated = True
                        break
                    rows.append([_jsonable(v) for v in record.values()])
                return CypherResult(keys, rows, truncated)

            return session.execute_read(work)


# Statement kinds a read endpoint never runs, even before asking the planner.
_DENY_FIRST_WORD = re.compile(
    r"^\s*(CREATE|MERGE|DELETE|DETACH|SET|REMOVE|DROP|ALTER|GRANT|DENY|REVOKE|START|STOP|"
    r"TERMINATE|LOAD|USING|FOREACH|ENABLE|DEALLOCATE|REALLOCATE|RENAME|SHOW\s+(USERS?|ROLES?|"
    r"PRIVILEGES|CURRENT\s+USER|SERVERS?|ALIASES|SETTINGS|TRANSACTIONS))\b",
    re.IGNORECASE,
)
_LOAD_CSV = re.compile(r"\bLOAD\s+CSV\b", re.IGNORECASE)
_PERIODIC = re.compile(r"\bIN\s+TRANSACTIONS\b", re.IGNORECASE)
_CALL = re.compile(r"\bCALL\s+([A-Za-z_][\w.]*)\s*\(", re.IGNORECASE)
_READ_PROCEDURES = {
    "db.labels",
    "db.relationshiptypes",
    "db.propertykeys",
    "db.schema.visualization",
    "db.schema.nodetypeproperties",
    "db.schema.reltypeproperties",
    "dbms.components",
    "db.index.fulltext.querynodes",
    "db.index.fulltext.queryrelationships",
}
_WRITE_OPERATORS = {
    "Create",
    "Merge",
    "Delete",
    "DetachDelete",
    "SetProperty",
    "SetProperties",
    "SetLabels",
    "RemoveLabels",
    "LoadCSV",
    "Foreach",
    "TransactionForeach",
    "TransactionApply",
    "EmptyResult",  # carries writes in plans of write queries
}


def check_read_only(query: str) -> None:
    """Refuse what must never run from the read endpoint, by its text alone."""
    if not query.strip():
        raise InvalidQueryError("empty query")
    if _DENY_FIRST_WORD.search(query) or _LOAD_CSV.search(query) or _PERIODIC.search(query):
        raise WriteForbiddenError(
            "refused: only read queries run here (no CREATE, MERGE, SET, DELETE, REMOVE, "
            "LOAD CSV or administration commands)"
        )
    for name in _CALL.findall(query):
        if name.lower() not in _READ_PROCEDURES:
            raise WriteForbiddenError(
                f"refused: procedure {name} is not on the read-only allow-list",
                details={"procedure": name},
            )


def _forbidden_operators(plan: Any) -> set[str]:
    found: set[str] = set()
    stack = [plan] if plan else []
    while stack:
        node = stack.pop()
        op = str(node.get("operatorType", "")).split("@")[0]
        if op in _WRITE_OPERATORS or op.startswith(("Create", "Merge", "Set", "Remove", "Delete")):
            found.add(op)
        stack.extend(node.get("children", []) or [])
    return found


def _plan_procedures(plan: Any) -> set[str]:
    """Lower-cased names of the procedures a plan calls ("db.labels() :: (...)")."""
    found: set[str] = set()
    stack = [plan] if plan else []
    while stack:
        node = stack.pop()
        if str(node.get("operatorType", "")).split("@")[0] == "ProcedureCall":
            details = str((node.get("args") or {}).get("Details", ""))
            found.add(details.split("(", 1)[0].strip().strip("`").lower() or "?")
        stack.extend(node.get("children", []) or [])
    return found


def _jsonable(value: Any) -> Any:
    """Driver values -> JSON: nodes and relationships become dicts of their data."""
    if isinstance(value, neo4j.graph.Node):
        return {"labels": sorted(value.labels), "properties": _jsonable(dict(value))}
    if isinstance(value, neo4j.graph.Relationship):
        return {"type": value.type, "properties": _jsonable(dict(value))}
    if isinstance(value, neo4j.graph.Path):
        return {
            "nodes": [_jsonable(n) for n in value.nodes],
            "relationships": [_jsonable(r) for r in value.relationships],
        }
    if hasattr(value, "iso_format"):  # before tuple: a Duration is a tuple too
        return value.iso_format()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return value
