"""The embedded store: the whole graph in a networkx DiGraph, persisted to one file.

It is the default so that a new user's first command works with no server. The file
is written atomically (temporary file, fsync, rename), so a crash mid-save leaves the
previous graph intact; a failed load is rolled back by re-reading that file.

Identity indexes (key -> ids) are kept beside the graph and saved with it, so opening a
large store does not rebuild them.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import os
import pickle
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any

import networkx as nx

from graph.errors import NotSupportedError, StoreCorruptError
from graph.model import (
    AuthoredRow,
    AuthorRow,
    GraphBatch,
    InstitutionRow,
    PaperRow,
    flat_props,
    ids_from_props,
    paper_index_keys,
)
from graph.resolve import merge_author, merge_authored, merge_institution, merge_paper
from graph.schema import (
    AFFILIATED_WITH,
    AUTHOR,
    CITES,
    INSTITUTION,
    NODE_LABELS,
    PAPER,
    REL_TYPES,
    identifiers_of,
)
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

__all__ = ["MemoryStore"]

_FORMAT_VERSION = 2  # 2: identity keys (initial, given), AUTHORED evidence
_FILE_NAME = "graph.pickle"


class MemoryStore:
    """Embedded graph store. ``path=None`` keeps it in memory only (the demo)."""

    kind = "embedded"
    # one process's memory: a load mutates what a concurrent read may be iterating
    capabilities = Capabilities()

    def __init__(self, data_dir: Path | str | None = None) -> None:
        self.data_dir = Path(data_dir) if data_dir is not None else None
        self._reset_state()
        if self.data_dir is not None:
            self._load()

    # -- state and persistence -------------------------------------------------------

    def _reset_state(self) -> None:
        self.g: nx.DiGraph = nx.DiGraph()
        self.paper_index: dict[str, set[str]] = defaultdict(set)
        self.author_index: dict[str, set[str]] = defaultdict(set)
        self.surname_index: dict[str, set[str]] = defaultdict(set)
        self.given_index: dict[str, set[str]] = defaultdict(set)
        self.complete_sources: set[str] = set()
        self._dirty = False

    @property
    def file(self) -> Path | None:
        return self.data_dir / _FILE_NAME if self.data_dir is not None else None

    def _load(self) -> None:
        path = self.file
        if path is None or not path.exists():
            return
        try:
            with path.open("rb") as fh:
                state = pickle.load(fh)
        except (pickle.UnpicklingError, EOFError, AttributeError, ValueError) as exc:
            raise StoreCorruptError(
                f"{path}: the embedded store cannot be read ({exc}); "
                "run `coauthor-kg reset --yes` and load again"
            ) from exc
        if not isinstance(state, dict) or state.get("version") != _FORMAT_VERSION:
            raise StoreCorruptError(
                f"{path}: not an embedded store of version {_FORMAT_VERSION}; "
                "run `coauthor-kg reset --yes` and load again"
            )
        self.g = state["graph"]
        self.paper_index = defaultdict(set, state["paper_index"])
        self.author_index = defaultdict(set, state["author_index"])
        self.surname_index = defaultdict(set, state["surname_index"])
        self.given_index = defaultdict(set, state["given_index"])
        self.complete_sources = set(state["complete_sources"])

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        assert self.data_dir is not None
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with (self.data_dir / ".lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def flush(self) -> None:
        if self.data_dir is None or not self._dirty:
            return
        state = {
            "version": _FORMAT_VERSION,
            "graph": self.g,
            "paper_index": dict(self.paper_index),
            "author_index": dict(self.author_index),
            "surname_index": dict(self.surname_index),
            "given_index": dict(self.given_index),
            "complete_sources": sorted(self.complete_sources),
        }
        with self._locked():
            fd, tmp = tempfile.mkstemp(prefix=".graph-", suffix=".tmp", dir=self.data_dir)
            try:
                with os.fdopen(fd, "wb") as fh:
                    pickle.dump(state, fh, protocol=pickle.HIGHEST_PROTOCOL)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.replace(tmp, self.data_dir / _FILE_NAME)
                dir_fd = os.open(self.data_dir, os.O_RDONLY)
                try:
                    os.fsync(dir_fd)
                finally:
                    os.close(dir_fd)
            except BaseException:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)
                raise
        self._dirty = False

    def rollback(self) -> None:
        """Forget unsaved writes: back to the last saved graph (or empty)."""
        self._reset_state()
        if self.data_dir is not None:
            self._load()

    def clear(self) -> None:
        self._reset_state()
        self._dirty = True
        self.flush()

    def close(self) -> None:
        self.flush()

    def ping(self) -> None:
        """The graph is in this process: it always answers."""

    def ensure_schema(self) -> None:
        """Nothing to create: the indexes are dictionaries maintained on write."""

    # -- writing ---------------------------------------------------------------------

    def _node(self, node_id: str) -> dict[str, Any] | None:
        return self.g.nodes[node_id] if node_id in self.g else None

    def write(self, batch: GraphBatch) -> None:
        g = self.g
        for a in batch.authors:
            self._merge_author(a)
        for p in batch.papers:
            self._merge_paper(p)
        for v in batch.venues:
            if v.id not in g:
                g.add_node(v.id, label="Venue", **flat_props(v))
        for t in batch.topics:
            if t.id not in g:
                g.add_node(t.id, label="Topic", **flat_props(t))
        for inst in batch.institutions:
            node = self._node(inst.id)
            if node is None:
                g.add_node(inst.id, label=INSTITUTION, **flat_props(inst))
            else:
                old_inst = InstitutionRow(
                    **{k: node[k] for k in InstitutionRow.__slots__ if k != "ids"},
                    ids=ids_from_props(INSTITUTION, node),
                )
                node.update(flat_props(merge_institution(old_inst, inst)))
        for s in batch.sources:
            node = self._node(s.id)
            if node is None:
                g.add_node(s.id, label="Source", **flat_props(s))
            else:
                node["loaded_at"] = s.loaded_at
        for e in batch.authored:
            old = g.edges[e.author_id, e.paper_id] if g.has_edge(e.author_id, e.paper_id) else None
            if old is None:
                g.add_edge(e.author_id, e.paper_id, rel="AUTHORED", **_authored_props(e))
            else:
                merged = merge_authored(authored_row(e.author_id, e.paper_id, old), e)
                old.update(_authored_props(merged))
        for pi in batch.published_in:
            if not g.has_edge(pi.paper_id, pi.venue_id):
                g.add_edge(pi.paper_id, pi.venue_id, rel="PUBLISHED_IN", year=pi.year)
        for ht in batch.has_topic:
            if not g.has_edge(ht.paper_id, ht.topic_id):
                g.add_edge(ht.paper_id, ht.topic_id, rel="HAS_TOPIC", source=ht.source)
        for fs in batch.from_source:
            if not g.has_edge(fs.node_id, fs.source_id):
                g.add_edge(fs.node_id, fs.source_id, rel="FROM_SOURCE", line=fs.line)
        # a DiGraph holds one edge per pair: the AFFILIATED_WITH relationships of one
        # author and institution (one per paper) live on it as {paper id: year}
        for af in batch.affiliated_with:
            if g.has_edge(af.author_id, af.institution_id):
                g.edges[af.author_id, af.institution_id]["papers"].setdefault(af.paper, af.year)
            else:
                g.add_edge(
                    af.author_id, af.institution_id, rel=AFFILIATED_WITH, papers={af.paper: af.year}
                )
        # Paper -> Paper: the only edge between two papers, so one per pair is all of it
        for c in batch.cites:
            if not g.has_edge(c.citing_id, c.cited_id):
                g.add_edge(c.citing_id, c.cited_id, rel=CITES)
        for ab in batch.absorbed:
            self._absorb(ab.stub_id, ab.into_id)
        self._dirty = True

    def _absorb(self, stub_id: str, into_id: str) -> None:
        """graph.model.AbsorbedRow: the cited-only ``stub_id`` is ``into_id``."""
        stub = self._node(stub_id)
        if (
            stub is None
            or not stub.get("cited_only")
            or into_id not in self.g
            or stub_id == into_id
        ):
            return
        for citing in list(self.g.predecessors(stub_id)):
            if citing != into_id and not self.g.has_edge(citing, into_id):
                self.g.add_edge(citing, into_id, rel=CITES)
        row = _row_from_node(PaperRow, PAPER, stub)
        self.g.remove_node(stub_id)
        for key in paper_index_keys(row):
            self.paper_index[key].discard(stub_id)
        self._merge_paper(dataclasses.replace(row, id=into_id))

    def _merge_row(
        self,
        label: str,
        row: Any,
        merge: Callable[[Any, Any], Any],
        index: dict[str, set[str]],
    ) -> Any:
        """Merge one Author or Paper row by the shared rule and index its identity keys
        (one per identifier kind graph/schema.py declares for the label)."""
        node = self._node(row.id)
        if node is None:
            self.g.add_node(row.id, label=label, **flat_props(row))
            merged = row
        else:
            old = _row_from_node(type(row), label, node)
            merged = merge(old, row)
            node.update(flat_props(merged))
        for kind in identifiers_of(label):
            value = merged.ids.get(kind.prop)
            if value:
                index[kind.key_of(value)].add(row.id)
        return merged

    def _merge_author(self, row: AuthorRow) -> None:
        node = self._node(row.id)
        before = (
            (node["name_key"], node["surname_key"], node.get("given_key", "")) if node else None
        )
        merged = self._merge_row(AUTHOR, row, merge_author, self.author_index)
        if before is not None and before[0] != merged.name_key:
            # an initials-only name replaced by the full one (merge_author)
            self.author_index["name:" + before[0]].discard(row.id)
            self.surname_index[before[1]].discard(row.id)
            self.given_index[before[2]].discard(row.id)
        self.author_index["name:" + merged.name_key].add(row.id)
        if merged.initial_key:
            self.author_index["init:" + merged.initial_key].add(row.id)
        self.surname_index[merged.surname_key].add(row.id)
        self.given_index[merged.given_key].add(row.id)

    def _merge_paper(self, row: PaperRow) -> None:
        merged = self._merge_row(PAPER, row, merge_paper, self.paper_index)
        for key in paper_index_keys(merged):
            self.paper_index[key].add(row.id)
        if merged.cited_key and not merged.cited_only:  # absorbed by the corpus
            self.paper_index.get("stub:" + merged.cited_key, set()).discard(row.id)

    def is_empty(self) -> bool:
        return self.g.number_of_nodes() == 0

    def mark_source_complete(self, source_id: str) -> None:
        node = self._node(source_id)
        if node is not None:
            node["status"] = "complete"
            self.complete_sources.add(node["sha256"])
            self._dirty = True

    def source_complete(self, sha256: str) -> bool:
        return sha256 in self.complete_sources

    def completed_sources(self) -> list[str]:
        return sorted(self.complete_sources)

    @property
    def derived_dir(self) -> Path | None:
        """Derived data (the co-authorship projection) lives in the data dir; an
        in-memory store keeps it in memory."""
        return self.data_dir / "projection" if self.data_dir is not None else None

    # -- identity lookups ------------------------------------------------------------

    def match_paper_keys(self, keys: Sequence[str]) -> dict[str, list[str]]:
        return {k: sorted(self.paper_index[k]) for k in keys if k in self.paper_index}

    def _before(self, author_id: str, source: str) -> bool:
        """The author existed before the load of ``source`` (graph/store/identity.py)."""
        return self.g.nodes[author_id].get("created_by") != source

    def _asserted(self, author_id: str, paper_id: str, source: str) -> bool:
        """The authorship is asserted by a source other than ``source``."""
        sources = self.g.edges[author_id, paper_id].get("sources") or [""]
        return any(s != source for s in sources)

    def paper_authors(
        self, paper_ids: Sequence[str], *, source: str
    ) -> dict[str, list[PaperAuthor]]:
        out: dict[str, list[PaperAuthor]] = {}
        for pid in paper_ids:
            if self._label(pid) != PAPER:
                continue
            out[pid] = sorted(
                (
                    PaperAuthor(
                        a, self.g.nodes[a]["name_key"], self.g.edges[a, pid].get("position")
                    )
                    for a in self._paper_authors(pid)
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
                aid = k[4:]
                ids = {aid} if self._label(aid) == AUTHOR else set()
            else:
                ids = self.author_index.get(k, set())
            found = [self._author_match(a) for a in sorted(ids) if self._before(a, source)]
            if found:
                out[k] = found
        return out

    def cited_only_papers(self, paper_ids: Sequence[str]) -> set[str]:
        return {p for p in paper_ids if p in self.g and self.g.nodes[p].get("cited_only")}

    def _author_match(self, author_id: str) -> AuthorMatch:
        n = self.g.nodes[author_id]
        return AuthorMatch(
            author_id, ids_from_props(AUTHOR, n), n["name_key"], bool(n.get("initials_only"))
        )

    def count_author_keys(self, keys: Sequence[str], *, source: str) -> dict[str, int]:
        out: dict[str, int] = {}
        for k in keys:
            kind, _, value = k.partition(":")
            if k == "*":
                ids: Iterable[str] = (
                    n for n, label in self.g.nodes(data="label") if label == AUTHOR
                )
            elif kind == "family":
                ids = self.surname_index.get(value, ())
            elif kind == "given":
                ids = self.given_index.get(value, ())
            elif kind == "init":
                ids = self.author_index.get("init:" + value, ())
            else:
                continue
            n = sum(1 for a in ids if self._before(a, source))
            if n:
                out[k] = n
        return out

    def author_evidence(
        self, queries: Sequence[EvidenceQuery], *, source: str
    ) -> list[EvidenceFound]:
        return [self._evidence(q, source) for q in queries]

    def _evidence(self, q: EvidenceQuery, source: str) -> EvidenceFound:
        g = self.g
        a = q.author_id
        if self._label(a) != AUTHOR:
            return EvidenceFound()
        lo, hi = q.first_year, q.last_year

        def in_window(year: int | None) -> bool:
            return lo is None or hi is None or year is None or lo <= year <= hi

        want_co, want_v, want_t = set(q.coauthor_keys), set(q.venue_ids), set(q.topic_ids)
        want_init = set(q.coauthor_initials)
        co: set[str] = set()
        venues: set[str] = set()
        topics: set[str] = set()
        for p in self._author_papers(a):
            if not self._asserted(a, p, source):
                continue
            if want_co:
                for b in self._paper_authors(p):
                    node = g.nodes[b]
                    nk = node["name_key"]
                    if (
                        b != a
                        and (nk in want_co or node.get("initial_key") in want_init)
                        and self._asserted(b, p, source)
                    ):
                        co.add(nk)
            if (want_v or want_t) and in_window(g.nodes[p].get("year")):
                for x in g.successors(p):
                    if x in want_v or x in want_t:
                        (venues if g.nodes[x]["label"] == "Venue" else topics).add(x)
        insts: set[str] = set()
        for i in q.institution_ids:
            if g.has_edge(a, i) and g.edges[a, i]["rel"] == AFFILIATED_WITH:
                for paper, year in g.edges[a, i]["papers"].items():
                    if (
                        in_window(year)
                        and g.has_edge(a, paper)
                        and self._asserted(a, paper, source)
                    ):
                        insts.add(i)
                        break
        node = g.nodes[a]
        return EvidenceFound(
            frozenset(co),
            frozenset(venues),
            frozenset(topics),
            frozenset(insts),
            frozenset(node.get("emails") or ()),
            frozenset(" ".join(x.casefold().split()) for x in node.get("affiliations") or ()),
        )

    # -- primitive reads -------------------------------------------------------------

    def _label(self, node_id: str) -> str | None:
        node = self._node(node_id)
        return node["label"] if node is not None else None

    def _author_papers(self, author_id: str) -> list[str]:
        return [p for p in self.g.successors(author_id) if self.g.nodes[p]["label"] == "Paper"]

    def _paper_authors(self, paper_id: str) -> list[str]:
        return [a for a in self.g.predecessors(paper_id) if self.g.nodes[a]["label"] == "Author"]

    def _summary(self, author_id: str) -> AuthorSummary:
        n = self.g.nodes[author_id]
        return AuthorSummary(
            id=author_id,
            name=n["name"],
            has_profile=bool(n.get("has_profile")),
            paper_count=len(self._author_papers(author_id)),
            name_key=n["name_key"],
            aliases=tuple(n.get("aliases") or ()),
        )

    def authors_by_name(
        self, name_keys: Sequence[str], surname_keys: Sequence[str]
    ) -> list[AuthorSummary]:
        ids: set[str] = set()
        for k in name_keys:
            ids |= self.author_index.get("name:" + k, set())
        for k in surname_keys:
            ids |= self.surname_index.get(k, set())
        return [self._summary(a) for a in sorted(ids)]

    def search_authors(self, text_key: str, limit: int) -> list[AuthorSummary]:
        hits = [
            a
            for k, ids in self.author_index.items()
            if k.startswith("name:") and text_key in k[5:]
            for a in ids
        ]
        return [self._summary(a) for a in sorted(set(hits))[: max(limit, 0)]]

    def get_authors(self, ids: Sequence[str]) -> list[AuthorSummary]:
        return [self._summary(a) for a in ids if self._label(a) == "Author"]

    def coauthor_papers(self, author_id: str) -> dict[str, list[str]]:
        if self._label(author_id) != "Author":
            return {}
        out: dict[str, list[str]] = defaultdict(list)
        for p in self._author_papers(author_id):
            for b in self._paper_authors(p):
                if b != author_id:
                    out[b].append(p)
        return {b: sorted(ps) for b, ps in out.items()}

    def neighbours(self, ids: Sequence[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for a in ids:
            if self._label(a) != "Author":
                continue
            nb = {b for p in self._author_papers(a) for b in self._paper_authors(p)}
            nb.discard(a)
            out[a] = sorted(nb)
        return out

    def author_topic_papers(self, author_id: str) -> dict[str, list[str]]:
        if self._label(author_id) != "Author":
            return {}
        out: dict[str, list[str]] = defaultdict(list)
        for p in self._author_papers(author_id):
            for t in self.g.successors(p):
                if self.g.nodes[t]["label"] == "Topic":
                    out[t].append(p)
        return {t: sorted(ps) for t, ps in out.items()}

    def shared_coauthor_papers(self, ids: Sequence[str]) -> dict[str, SharedCoauthor]:
        queried = set(ids)
        per: dict[str, dict[str, list[str]]] = defaultdict(dict)
        for a in dict.fromkeys(ids):
            for b, papers in self.coauthor_papers(a).items():
                if b not in queried:
                    per[b][a] = papers
        return {
            b: SharedCoauthor(self.g.nodes[b]["name"], joint)
            for b, joint in per.items()
            if len(joint) >= 2
        }

    def author_topic_counts(self, ids: Sequence[str]) -> dict[str, dict[str, int]]:
        per = {a: self.author_topic_papers(a) for a in ids}
        return {a: {t: len(ps) for t, ps in topics.items()} for a, topics in per.items() if topics}

    def joint_papers(self, pairs: Sequence[tuple[str, str]]) -> list[list[str]]:
        out: list[list[str]] = []
        for a, b in pairs:
            if self._label(a) != "Author" or self._label(b) != "Author":
                out.append([])
                continue
            theirs = set(self._author_papers(b))
            out.append(sorted(p for p in self._author_papers(a) if p in theirs))
        return out

    def _venue_names(self, paper_id: str) -> tuple[str, ...]:
        return tuple(
            sorted(
                self.g.nodes[v]["name"]
                for v in self.g.successors(paper_id)
                if self.g.nodes[v]["label"] == "Venue"
            )
        )

    def get_papers(self, ids: Sequence[str]) -> list[PaperSummary]:
        return [
            PaperSummary(p, self.g.nodes[p]["title"], self.g.nodes[p]["year"], self._venue_names(p))
            for p in ids
            if self._label(p) == "Paper"
        ]

    def _topic_summary(self, topic_id: str) -> TopicSummary:
        n = self.g.nodes[topic_id]
        count = self.g.in_degree(topic_id)  # only papers point at a topic (HAS_TOPIC)
        return TopicSummary(topic_id, n["name"], n["kind"], n.get("code"), count)

    def get_topics(self, ids: Sequence[str]) -> list[TopicSummary]:
        return [self._topic_summary(t) for t in ids if self._label(t) == "Topic"]

    def counts(self) -> dict[str, dict[str, int]]:
        nodes = dict.fromkeys(NODE_LABELS, 0)
        cited_only = 0
        for _, data in self.g.nodes(data=True):
            if data.get("cited_only"):
                cited_only += 1
            else:
                nodes[data["label"]] = nodes.get(data["label"], 0) + 1
        rels = dict.fromkeys(REL_TYPES, 0)
        for _, _, data in self.g.edges(data=True):
            rel = data["rel"]
            # one AFFILIATED_WITH relationship per paper, as Neo4j holds them
            rels[rel] = rels.get(rel, 0) + (len(data["papers"]) if rel == AFFILIATED_WITH else 1)
        return {"nodes": nodes, "relationships": rels, "cited_only": {PAPER: cited_only}}

    def iter_coauthorships(self) -> Iterator[AuthorLinks]:
        g = self.g
        for a in sorted(n for n, label in g.nodes(data="label") if label == "Author"):
            papers: dict[str, int] = defaultdict(int)
            years: dict[str, list[int]] = defaultdict(list)
            for p in self._author_papers(a):
                year = g.nodes[p].get("year")
                for b in self._paper_authors(p):
                    if b > a:
                        papers[b] += 1
                        if year is not None:
                            years[b].append(year)
            links = tuple(
                Coauthorship(
                    a,
                    b,
                    papers[b],
                    min(years[b], default=None),
                    max(years[b], default=None),
                    tuple(sorted(Counter(years[b]).items())),
                )
                for b in sorted(papers)
            )
            yield AuthorLinks(self._summary(a), links)

    # -- detail reads ----------------------------------------------------------------

    def author_papers(self, author_id: str) -> list[str]:
        if self._label(author_id) != "Author":
            return []
        return sorted(self._author_papers(author_id))

    def author_detail(self, author_id: str) -> AuthorDetail | None:
        if self._label(author_id) != "Author":
            return None
        return author_detail({"id": author_id, **self.g.nodes[author_id]})

    def paper_detail(self, paper_id: str) -> PaperDetail | None:
        if self._label(paper_id) != "Paper":
            return None
        g = self.g
        authors = [
            {**g.edges[a, paper_id], "id": a, "name": g.nodes[a]["name"]}
            for a in self._paper_authors(paper_id)
        ]
        related: dict[str, list[dict[str, Any]]] = {"Venue": [], "Topic": [], "Source": []}
        for x in g.successors(paper_id):
            node = g.nodes[x]
            if node["label"] in related:
                related[node["label"]].append({**node, **g.edges[paper_id, x], "id": x})
        return paper_detail(
            {"id": paper_id, **g.nodes[paper_id]},
            authors,
            related["Venue"],
            related["Topic"],
            related["Source"],
        )

    def topic_detail(self, topic_id: str) -> TopicDetail | None:
        if self._label(topic_id) != "Topic":
            return None
        papers = list(self.g.predecessors(topic_id))  # only papers point at a topic
        authors = (a for p in papers for a in self._paper_authors(p))
        return topic_detail({"id": topic_id, **self.g.nodes[topic_id]}, papers, authors)

    def search_papers(self, text_key: str, limit: int, offset: int) -> tuple[list[str], int]:
        hits = sorted(
            p
            for p, data in self.g.nodes(data=True)
            if data["label"] == "Paper"
            and text_key in data["title_key"]
            and not data.get("cited_only")
        )
        return hits[offset : offset + limit], len(hits)

    def list_topics(self, limit: int, offset: int) -> tuple[list[TopicSummary], int]:
        ids = sorted(t for t, label in self.g.nodes(data="label") if label == "Topic")
        return self.get_topics(ids[offset : offset + limit]), len(ids)

    def list_venues(self, limit: int, offset: int) -> tuple[list[VenueSummary], int]:
        ids = sorted(v for v, label in self.g.nodes(data="label") if label == "Venue")
        out = []
        for v in ids[offset : offset + limit]:
            n = self.g.nodes[v]
            out.append(VenueSummary(v, n["name"], n["kind"], n.get("acronym"), self.g.in_degree(v)))
        return out, len(ids)

    # -- identity: evidence and corrections ---------------------------------------------

    def authorships(self, author_id: str) -> list[AuthoredRow]:
        if self._label(author_id) != AUTHOR:
            return []
        return [
            authored_row(author_id, p, self.g.edges[author_id, p])
            for p in sorted(self._author_papers(author_id))
        ]

    def weak_authorships(self, pairs: Sequence[tuple[str, str]]) -> list[bool]:
        g = self.g
        return [bool(g.edges[a, p].get("weak")) if g.has_edge(a, p) else False for a, p in pairs]

    def get_sources(self, ids: Sequence[str]) -> list[SourceSummary]:
        out = []
        for s in ids:
            node = self._node(s)
            if node is not None and node["label"] == "Source":
                out.append(SourceSummary(s, node["path"], node["format"]))
        return out

    def remove_authorships(self, author_id: str, paper_ids: Sequence[str]) -> None:
        g = self.g
        if self._label(author_id) != AUTHOR:
            return
        drop = set(paper_ids)
        for p in drop:
            if g.has_edge(author_id, p) and g.edges[author_id, p]["rel"] == "AUTHORED":
                g.remove_edge(author_id, p)
        for _, inst, data in list(g.out_edges(author_id, data=True)):
            if data["rel"] == AFFILIATED_WITH:
                for p in drop & data["papers"].keys():
                    del data["papers"][p]
                if not data["papers"]:
                    g.remove_edge(author_id, inst)
        self._dirty = True

    def remove_author(self, author_id: str) -> None:
        node = self._node(author_id)
        if node is None or node["label"] != AUTHOR:
            return
        keys = ["name:" + node["name_key"], "init:" + node.get("initial_key", "")]
        keys += [k.key_of(v) for k in identifiers_of(AUTHOR) if (v := node.get(k.prop))]
        for key in keys:
            if key in self.author_index:
                self.author_index[key].discard(author_id)
        self.surname_index[node["surname_key"]].discard(author_id)
        self.given_index[node.get("given_key", "")].discard(author_id)
        self.g.remove_node(author_id)
        self._dirty = True

    # -- institutions ------------------------------------------------------------------

    def _institution(self, inst_id: str) -> InstitutionSummary:
        n = self.g.nodes[inst_id]
        return InstitutionSummary(inst_id, n["name"], n.get("country_code"), n.get("country"))

    def get_institutions(self, ids: Sequence[str]) -> list[InstitutionSummary]:
        return [self._institution(i) for i in ids if self._label(i) == INSTITUTION]

    def search_institutions(self, text_key: str, limit: int) -> list[InstitutionSummary]:
        hits = sorted(
            i
            for i, n in self.g.nodes(data=True)
            if n["label"] == INSTITUTION and text_key in n.get("name_key", "")
        )
        return [self._institution(i) for i in hits[: max(limit, 0)]]

    def _affiliations(self, edges: Iterator[tuple[str, str, dict[str, Any]]]) -> list[Affiliation]:
        out = [
            Affiliation(a, i, paper, year)
            for a, i, data in edges
            if data["rel"] == AFFILIATED_WITH
            for paper, year in data["papers"].items()
        ]
        return sorted(out, key=lambda x: (x.author_id, x.institution_id, x.paper_id))

    def affiliations_of(self, author_ids: Sequence[str]) -> list[Affiliation]:
        ids = [a for a in dict.fromkeys(author_ids) if self._label(a) == AUTHOR]
        return self._affiliations(iter(self.g.out_edges(ids, data=True)))

    def institution_affiliations(self, institution_id: str) -> list[Affiliation]:
        if self._label(institution_id) != INSTITUTION:
            return []
        return self._affiliations(iter(self.g.in_edges(institution_id, data=True)))

    def paper_institutions(self) -> dict[str, list[str]]:
        out: dict[str, set[str]] = defaultdict(set)
        for _, inst, data in self.g.edges(data=True):
            if data["rel"] == AFFILIATED_WITH:
                for paper in data["papers"]:
                    out[paper].add(inst)
        return {p: sorted(out[p]) for p in sorted(out)}

    # -- citations -----------------------------------------------------------------------

    def _cites(self, paper_id: str) -> list[str]:
        g = self.g
        return sorted(q for q in g.successors(paper_id) if g.edges[paper_id, q]["rel"] == CITES)

    def _cited_by(self, paper_id: str) -> list[str]:
        g = self.g
        return sorted(c for c in g.predecessors(paper_id) if g.edges[c, paper_id]["rel"] == CITES)

    def references_of(self, paper_ids: Sequence[str]) -> dict[str, list[str]]:
        out = {}
        for p in dict.fromkeys(paper_ids):
            if self._label(p) == PAPER and (refs := self._cites(p)):
                out[p] = refs
        return out

    def citing_papers(self, paper_ids: Sequence[str]) -> dict[str, list[str]]:
        out = {}
        for p in dict.fromkeys(paper_ids):
            if self._label(p) == PAPER and (citing := self._cited_by(p)):
                out[p] = citing
        return out

    def cited_works(self, paper_ids: Sequence[str]) -> list[CitedWork]:
        out = []
        for p in paper_ids:
            if self._label(p) != PAPER:
                continue
            n = self.g.nodes[p]
            position = {a: self.g.edges[a, p].get("position") for a in self._paper_authors(p)}
            listed = sorted(position, key=lambda a: (position[a] is None, position[a] or 0, a))
            out.append(
                CitedWork(
                    id=p,
                    title=n["title"],
                    year=n.get("year"),
                    cited_only=bool(n.get("cited_only")),
                    cited_by=n.get("cited_by"),
                    first_author=n.get("first_author"),
                    authors=tuple((a, self.g.nodes[a]["name"]) for a in listed),
                )
            )
        return out

    def _two_steps(
        self, paper_ids: Sequence[str], first: str, second: str, min_count: int, limit: int
    ) -> list[tuple[str, str, list[str]]]:
        """Pairs (p, x) linked through a middle paper: p -``first``-> middle -``second``->
        x, where each step walks CITES forward ("succ") or backward ("pred")."""
        g = self.g
        walk = {"succ": g._succ, "pred": g._pred}
        out1, out2 = walk[first], walk[second]
        own = {p for p in paper_ids if self._label(p) == PAPER}
        behind: dict[tuple[str, str], list[str]] = defaultdict(list)
        for p in own:
            for mid, e1 in out1[p].items():
                if e1["rel"] != CITES:
                    continue
                for x, e2 in out2[mid].items():
                    if e2["rel"] == CITES and x != p and not (x < p and x in own):
                        behind[(p, x)].append(mid)
        kept = [(a, b, ms) for (a, b), ms in behind.items() if len(ms) >= min_count]
        kept.sort(key=lambda t: (-len(t[2]), t[0], t[1]))
        return [(a, b, sorted(ms)) for a, b, ms in kept[: max(limit, 0)]]

    def cocited_pairs(
        self, paper_ids: Sequence[str], min_count: int, limit: int
    ) -> list[tuple[str, str, list[str]]]:
        return self._two_steps(paper_ids, "pred", "succ", min_count, limit)

    def coupled_pairs(
        self, paper_ids: Sequence[str], min_count: int, limit: int
    ) -> list[tuple[str, str, list[str]]]:
        return self._two_steps(paper_ids, "succ", "pred", min_count, limit)

    def most_cited(self, limit: int, by: str) -> list[str]:
        g = self.g
        if by == "global":
            ranked = [
                (-n["cited_by"], p)
                for p, n in g.nodes(data=True)
                if n["label"] == PAPER and (n.get("cited_by") or 0) > 0
            ]
        else:
            local: dict[str, int] = defaultdict(int)
            for _, q, rel in g.edges(data="rel"):
                if rel == CITES:
                    local[q] += 1
            ranked = [(-n, p) for p, n in local.items()]
        return [p for _, p in sorted(ranked)[: max(limit, 0)]]

    def iter_references(self) -> Iterator[tuple[str, tuple[str, ...]]]:
        citing = sorted({c for c, _, rel in self.g.edges(data="rel") if rel == CITES})
        for c in citing:
            yield c, tuple(self._cites(c))

    def run_cypher(
        self, query: str, params: Any, *, timeout_s: float, row_cap: int
    ) -> CypherResult:
        raise NotSupportedError(
            "Cypher needs Neo4j: the embedded store answers the catalogue queries only. "
            "Set NEO4J_URI (see `scripts/neo4j start`) to run Cypher."
        )


_AUTHORED_PROPS = tuple(f.name for f in fields(AuthoredRow))[2:]


def _row_from_node(cls: type, label: str, node: dict[str, Any]) -> Any:
    """A node's properties as the row type that wrote it. A property that a store saved
    by an earlier version lacks (``cited_only`` ...) takes the field's default."""
    values: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name == "ids":
            continue
        if f.name in node:
            values[f.name] = node[f.name]
        elif f.default is not dataclasses.MISSING:
            values[f.name] = f.default
    return cls(**values, ids=ids_from_props(label, node))


def _authored_props(e: AuthoredRow) -> dict[str, Any]:
    """An AUTHORED row as edge properties (its sequences are tuples: shared safely)."""
    return {name: getattr(e, name) for name in _AUTHORED_PROPS}
