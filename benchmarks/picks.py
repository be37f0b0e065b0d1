"""Which questions the query benchmark asks, and how their latency is measured.

Picks are drawn (seeded) from authors with at least one co-author and a name no other
author shares, so every question resolves without ambiguity on both stores. For each
seed author S:

- resolution: S's full name (the exact-name tier of resolve_name);
- shared collaborators and topic overlap: S and two of S's co-authors (or one, plus the
  next seed), i.e. three people from one collaboration neighbourhood, the way a user
  asks "who connects these people"; S is then a shared collaborator of the other two;
- collaboration path: S to the next seed author, an unrelated researcher;
- co-citation and bibliographic coupling of S (paper level: the pairs of S's papers,
  ``query cocitation --author S`` and ``query coupling --author S``).
- recommendation: for the same three people as the shared-collaborator question.

The path and the recommendation run on the store's projection, opened once before
the timing (as the API holds it), so no question pays for the stamp check.

The same picks (saved as JSON) run on both stores.
"""

from __future__ import annotations

import contextlib
import json
import random
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from graph import queries
from graph.projection import Projection, projection_for
from graph.store.base import GraphStore
from graph.store.neo4j import Neo4jStore
from loaders.errors import CoauthorKGError

__all__ = ["Picks", "choose_picks", "percentiles", "time_queries"]

_WARMUP = 20


@dataclass(slots=True)
class Picks:
    names: list[str]  # resolution
    triples: list[list[str]]  # shared collaborators, topic overlap
    pairs: list[list[str]]  # collaboration path

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self)), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Picks:
        return cls(**json.loads(path.read_text(encoding="utf-8")))


def choose_picks(store: Neo4jStore, n: int, seed: int) -> Picks:
    """``n`` seed authors with a co-author and a unique name, and their questions."""
    records, _, _ = store.driver.execute_query(
        "MATCH (a:Author) RETURN a.id AS id, a.name AS name, a.name_key AS key",
        database_=store.database,
    )
    key_count = Counter(r["key"] for r in records)
    name = {r["id"]: r["name"] for r in records if key_count[r["key"]] == 1}
    order = sorted(name)
    rng = random.Random(seed)
    rng.shuffle(order)
    seeds: list[tuple[str, list[str]]] = []
    for aid in order:
        co = sorted(c for c in store.coauthor_papers(aid) if c in name)
        if co:
            seeds.append((aid, co))
        if len(seeds) >= n:
            break
    if len(seeds) < 2:
        raise RuntimeError("the graph has fewer than two authors with a co-author")
    triples, pairs = [], []
    for i, (aid, co) in enumerate(seeds):
        nxt = seeds[(i + 1) % len(seeds)][0]
        if len(co) >= 2:
            c1, c2 = rng.sample(co, 2)
            triple = [name[c1], name[c2], name[aid]]
        else:
            others = [x for x in (co[0], nxt) if x != aid]
            triple = [name[aid], *(name[x] for x in dict.fromkeys(others))]
        pairs.append([name[aid], name[nxt]])
        triples.append(triple)
    return Picks(names=[name[a] for a, _ in seeds], triples=triples, pairs=pairs)


def percentiles(samples_ms: list[float]) -> dict[str, float]:
    if not samples_ms:
        return {"p50_ms": 0.0, "p95_ms": 0.0, "p99_ms": 0.0}
    if len(samples_ms) < 2:
        v = round(samples_ms[0], 3)
        return {"p50_ms": v, "p95_ms": v, "p99_ms": v}
    q = statistics.quantiles(samples_ms, n=100, method="inclusive")
    return {
        "p50_ms": round(statistics.median(samples_ms), 3),
        "p95_ms": round(q[94], 3),
        "p99_ms": round(q[98], 3),
    }


def _calls(
    store: GraphStore, picks: Picks, proj: Projection
) -> dict[str, list[Callable[[], object]]]:
    def shared(t: list[str]) -> Callable[[], object]:
        return lambda: queries.shared_collaborators(store, t)

    def topics(t: list[str]) -> Callable[[], object]:
        return lambda: queries.topic_overlap(store, t)

    def path(p: list[str]) -> Callable[[], object]:
        return lambda: queries.collaboration_path(store, p[0], p[1], projection=proj)

    def recommend(t: list[str]) -> Callable[[], object]:
        return lambda: queries.recommend(store, t, projection=proj)

    def resolve(n: str) -> Callable[[], object]:
        return lambda: queries.resolve_name(store, n)

    def cocitation(n: str) -> Callable[[], object]:
        return lambda: queries.cocitation(store, author=n)

    def coupling(n: str) -> Callable[[], object]:
        return lambda: queries.coupling(store, author=n)

    return {
        "shared_collaborators": [shared(t) for t in picks.triples],
        "topic_overlap": [topics(t) for t in picks.triples],
        "collaboration_path": [path(p) for p in picks.pairs],
        "resolve_name": [resolve(n) for n in picks.names],
        "cocitation_author": [cocitation(n) for n in picks.names],
        "coupling_author": [coupling(n) for n in picks.names],
        "recommend": [recommend(t) for t in picks.triples],
    }


def time_queries(
    store: GraphStore,
    picks: Picks,
    *,
    log: Callable[[str], None] | None = None,
    max_seconds: float | None = None,
) -> dict[str, dict[str, Any]]:
    """Per question: latency percentiles over every pick (after a short untimed
    warm-up), how many ran, and how many ended in a domain error (not timed out of the
    sample: an error answer is an answer). ``max_seconds`` caps each question's run;
    ``n`` then says how many picks it got through."""
    out: dict[str, dict[str, Any]] = {}
    proj = projection_for(store)
    for qname, calls in _calls(store, picks, proj).items():
        for call in calls[:_WARMUP]:
            with contextlib.suppress(CoauthorKGError):
                call()
        samples: list[float] = []
        errors = 0
        t_all = time.perf_counter()
        for call in calls:
            if max_seconds is not None and time.perf_counter() - t_all > max_seconds:
                break
            t = time.perf_counter()
            try:
                call()
            except CoauthorKGError:
                errors += 1
            samples.append((time.perf_counter() - t) * 1000)
        out[qname] = {
            "store": store.kind,
            **percentiles(samples),
            "mean_ms": round(statistics.fmean(samples), 3),
            "max_ms": round(max(samples), 3),
            "n": len(samples),
            "errors": errors,
        }
        if log:
            r = out[qname]
            log(
                f"  {store.kind:8s} {qname:22s} p50 {r['p50_ms']:8.2f} ms  p95 {r['p95_ms']:8.2f}"
                f"  p99 {r['p99_ms']:8.2f}  ({len(samples)} in {time.perf_counter() - t_all:.1f}s,"
                f" {errors} errors)"
            )
    return out
