"""Where collaboration-path time goes, on the database a benchmark run left behind.

``python -m benchmarks.pathprofile --pairs 60 [--picks FILE]`` starts the benchmark's
Neo4j (benchmarks/server.py; its data stays after a run), answers the first N path picks
through graph/queries.py with every ``expand`` timed, and answers the same pairs with
Neo4j's own ``shortestPath`` for comparison (the lengths must agree). Prints the
per-level profile of the slowest paths and both latency distributions.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.picks import percentiles
from benchmarks.server import DEFAULT_BENCH_HOME, DEFAULT_BENCH_PORT, BenchNeo4j
from graph import queries

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
    levels: list[tuple[int, int, float]] = []
    expand = store.expand

    def timed_expand(frontier: Sequence[str]) -> dict[str, str]:
        t = time.perf_counter()
        out = expand(frontier)
        levels.append((len(frontier), len(out), (time.perf_counter() - t) * 1000))
        return out

    store.expand = timed_expand  # type: ignore[method-assign]
    ours: list[float] = []
    native: list[float] = []
    slow: list[tuple[float, int | None, list[tuple[int, int, float]]]] = []
    expand_ms = 0.0
    try:
        for x, y in pairs:
            levels.clear()
            t = time.perf_counter()
            answer = queries.collaboration_path(store, x, y)
            ours.append((time.perf_counter() - t) * 1000)
            expand_ms += sum(ms for *_, ms in levels)
            slow.append((ours[-1], answer.length, list(levels)))
            a, b = (r.id for r in answer.resolved)
            t = time.perf_counter()
            with store.driver.session(database=store.database) as s:
                rec = s.run(NATIVE, a=a, b=b).single()
            native.append((time.perf_counter() - t) * 1000)
            hops = rec["n"] // 2 if rec else None
            if hops != answer.length:
                raise SystemExit(f"lengths differ for {x!r} -> {y!r}: {hops} vs {answer.length}")
    finally:
        store.close()
        server.stop_if_started()
    print(f"{len(pairs)} paths; expand is {expand_ms / sum(ours):.0%} of path time")
    for name, values in (("ours (BFS over expand)", ours), ("Neo4j shortestPath", native)):
        p = percentiles(values)
        print(f"{name}: p50 {p['p50_ms']} ms, p95 {p['p95_ms']} ms, max {max(values):.0f} ms")
    for total, length, lv in sorted(slow, key=lambda r: -r[0])[:8]:
        steps = "; ".join(f"{f:,} -> {n:,} in {ms:.0f} ms" for f, n, ms in lv)
        print(f"{total:8.0f} ms, {length} hops: {steps}")


if __name__ == "__main__":
    main()
