"""The collaboration path against Neo4j's own search, on the database a benchmark run
left behind.

``python -m benchmarks.pathprofile --pairs 60 [--picks FILE]`` starts the benchmark's
Neo4j (benchmarks/server.py; its data stays after a run), answers the first N path picks
through graph/queries.py (the search on the projection, opened once; the hops' papers
from the store) and the same pairs with Neo4j's ``shortestPath`` (the lengths must
agree). Prints both latency distributions and the slowest of ours, with the time of the
search alone.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from benchmarks.picks import percentiles
from benchmarks.server import DEFAULT_BENCH_HOME, DEFAULT_BENCH_PORT, BenchNeo4j
from graph import queries
from graph.projection import projection_for
from graph.queries import paths as query_paths

NATIVE = (
    "MATCH (a:Author {id: $a}), (b:Author {id: $b}) "
    "MATCH p = shortestPath((a)-[:AUTHORED*..20]-(b)) RETURN length(p) AS n"
)
RESULTS = Path(__file__).resolve().parent / "results" / "1000000" / "picks.json"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.pathprofile")
    ap.add_argument("--pairs", type=int, default=60)
    ap.add_argument("--picks", type=Path, default=RESULTS)
    ap.add_argument("--neo4j-home", type=Path, default=DEFAULT_BENCH_HOME)
    ap.add_argument("--bolt-port", type=int, default=DEFAULT_BENCH_PORT)
    ns = ap.parse_args(argv)
    pairs = json.loads(ns.picks.read_text(encoding="utf-8"))["pairs"][: ns.pairs]

    server = BenchNeo4j(ns.neo4j_home, ns.bolt_port)
    server.ensure_running()
    store = server.store()
    proj = projection_for(store)
    search = query_paths.shortest_path
    searched: list[float] = []

    def timed_search(*args: Any, **kwargs: Any) -> list[int] | None:
        t = time.perf_counter()
        out = search(*args, **kwargs)
        searched.append((time.perf_counter() - t) * 1000)
        return out

    query_paths.shortest_path = timed_search  # type: ignore[assignment]
    ours: list[float] = []
    native: list[float] = []
    try:
        for x, y in pairs:
            t = time.perf_counter()
            answer = queries.collaboration_path(store, x, y, projection=proj)
            ours.append((time.perf_counter() - t) * 1000)
            a, b = (r.id for r in answer.resolved)
            t = time.perf_counter()
            with store.driver.session(database=store.database) as s:
                rec = s.run(NATIVE, a=a, b=b).single()
            native.append((time.perf_counter() - t) * 1000)
            hops = rec["n"] // 2 if rec else None
            if hops != answer.length:
                raise SystemExit(f"lengths differ for {x!r} -> {y!r}: {hops} vs {answer.length}")
    finally:
        query_paths.shortest_path = search  # type: ignore[assignment]
        store.close()
        server.stop_if_started()
    print(f"{len(pairs)} paths; the search is {sum(searched) / sum(ours):.0%} of path time")
    for name, values in (("ours (projection)", ours), ("Neo4j shortestPath", native)):
        p = percentiles(values)
        print(f"{name}: p50 {p['p50_ms']} ms, p95 {p['p95_ms']} ms, max {max(values):.0f} ms")
    for total, alone in sorted(zip(ours, searched, strict=True), reverse=True)[:8]:
        print(f"{total:8.1f} ms, of which the search {alone:.1f} ms")


if __name__ == "__main__":
    main()
