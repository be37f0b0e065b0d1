"""The naive baseline: one transaction per record, one MERGE per node and relationship.

This is the loading pattern py2neo's ``graph.merge`` encouraged and most hand-written
loaders start from: parse a record, open a transaction, MERGE each node by its key, MERGE
each relationship, commit, next record. It lives in the benchmark only, as the reference
the real loader is compared with. For a fair comparison it reads the same files with the
same parsers, finds the same topics, and runs against the same schema (unique
constraints, so every MERGE is an index seek, not a label scan); what differs is only how
the writes are shaped: many small statements and a commit per record, versus batched
``UNWIND`` statements (graph/store/cypher.py).

Identity is by key only (DOI/arXiv id/dblp key for papers, dblp name or name key for
authors): the naive loader has no resolver, and it does not need one to show the cost of
its write pattern.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import neo4j

from graph.model import make_id, name_key
from graph.resolve import author_keys, paper_keys
from graph.topics import extract_keywords, resolve_category, topic_id_for_category
from graph.venues import venue_series
from loaders.records import PaperRecord
from loaders.registry import discover, iter_document

__all__ = ["NaiveResult", "naive_load"]

_PAPER = "MERGE (p:Paper {id: $id}) SET p.title = $title, p.title_key = $title_key, p.year = $year"
_AUTHOR = "MERGE (a:Author {id: $id}) SET a.name = $name, a.name_key = $name_key"
_AUTHORED = (
    "MATCH (a:Author {id: $a}) MATCH (p:Paper {id: $p}) "
    "MERGE (a)-[e:AUTHORED]->(p) SET e.position = $position"
)
_VENUE = "MERGE (v:Venue {id: $id}) SET v.name = $name"
_PUBLISHED = (
    "MATCH (p:Paper {id: $p}) MATCH (v:Venue {id: $v}) MERGE (p)-[e:PUBLISHED_IN]->(v) "
    "SET e.year = $year"
)
_TOPIC = "MERGE (t:Topic {id: $id}) SET t.name = $name, t.kind = $kind"
_HAS_TOPIC = "MATCH (p:Paper {id: $p}) MATCH (t:Topic {id: $t}) MERGE (p)-[:HAS_TOPIC]->(t)"


@dataclass(slots=True)
class NaiveResult:
    papers: int
    authored: int
    seconds: float
    stopped_by: str  # "sample" (the record limit) or "time" (the time box)

    @property
    def papers_per_s(self) -> float:
        return self.papers / self.seconds if self.seconds else 0.0

    @property
    def edges_per_s(self) -> float:
        return self.authored / self.seconds if self.seconds else 0.0


def _papers(paths: list[Path]) -> Iterator[PaperRecord]:
    for spec in discover(paths):
        for rec in iter_document(spec):
            if isinstance(rec, PaperRecord):
                yield rec


def _statements(rec: PaperRecord) -> list[tuple[str, dict[str, object]]]:
    keys = paper_keys(rec)
    pid = make_id("P", keys[0])
    out: list[tuple[str, dict[str, object]]] = [
        (_PAPER, {"id": pid, "title": rec.title, "title_key": keys[-1][6:], "year": rec.year})
    ]
    for ref in rec.authors:
        aid = make_id("A", author_keys(ref)[0])
        out.append((_AUTHOR, {"id": aid, "name": ref.name, "name_key": name_key(ref.name)}))
        out.append((_AUTHORED, {"a": aid, "p": pid, "position": ref.position}))
    if rec.venue is not None:
        vid = make_id("V", venue_series(rec.venue.name).key)
        out.append((_VENUE, {"id": vid, "name": rec.venue.name}))
        out.append((_PUBLISHED, {"p": pid, "v": vid, "year": rec.venue.year}))
    topics: list[tuple[str, str, str]] = []
    for code in rec.categories:
        cat = resolve_category(code)
        if cat is not None:
            topics.append((topic_id_for_category(cat), cat.name, "arxiv_category"))
    topics.extend((kw.id, kw.name, "keyword") for kw in extract_keywords(rec.title, rec.abstract))
    for tid, name, kind in topics:
        out.append((_TOPIC, {"id": tid, "name": name, "kind": kind}))
        out.append((_HAS_TOPIC, {"p": pid, "t": tid}))
    return out


def naive_load(
    driver: neo4j.Driver,
    paths: list[Path],
    *,
    database: str = "neo4j",
    sample: int = 2000,
    time_box_s: float = 60.0,
) -> NaiveResult:
    """Load the first ``sample`` papers of ``paths`` the naive way, stopping early after
    ``time_box_s`` seconds; return what was loaded and how long it took."""
    papers = authored = 0
    stopped_by = "sample"
    t0 = time.perf_counter()
    with driver.session(database=database) as session:
        for rec in _papers(paths):
            if papers >= sample:
                break
            if time.perf_counter() - t0 >= time_box_s:
                stopped_by = "time"
                break
            with session.begin_transaction() as tx:
                for stmt, params in _statements(rec):
                    tx.run(stmt, params).consume()
                tx.commit()
            papers += 1
            authored += len(rec.authors)
    return NaiveResult(papers, authored, time.perf_counter() - t0, stopped_by)
