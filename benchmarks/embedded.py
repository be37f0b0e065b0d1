"""The embedded store's figures, each measured in a fresh process so that peak RSS is
the store's own and not the runner's:

- ``build``: load the corpus into a persisted MemoryStore (papers/s, peak RSS, file size);
- ``open``: open that store from disk (seconds, peak RSS), then time the query picks.

Run as ``python -m benchmarks.embedded build|open ...``, through
:func:`benchmarks.child.run_child`.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from benchmarks.child import peak_rss_mb


def _build(corpus: Path, store_dir: Path) -> dict[str, Any]:
    from graph.ingest import load_paths
    from graph.store.memory import MemoryStore

    t = time.perf_counter()
    store = MemoryStore(store_dir)
    summary = load_paths(store, [corpus])
    store.close()
    secs = time.perf_counter() - t
    totals = summary.totals()
    papers = totals["loaded"] + totals["merged"]
    file = store_dir / "graph.pickle"
    return {
        "load_s": round(secs, 2),
        "load_papers_per_s": round(papers / secs, 1) if secs else 0.0,
        "build_peak_rss_mb": peak_rss_mb(),
        "file_mb": round(file.stat().st_size / 2**20, 1),
    }


def _open(store_dir: Path, picks_file: Path | None, max_seconds: float | None) -> dict[str, Any]:
    from benchmarks.picks import Picks, time_queries
    from graph.store.memory import MemoryStore

    before = peak_rss_mb()
    t = time.perf_counter()
    store = MemoryStore(store_dir)
    open_s = time.perf_counter() - t
    out: dict[str, Any] = {
        "open_s": round(open_s, 2),
        "peak_rss_mb": peak_rss_mb(),
        "rss_before_open_mb": before,
    }
    if picks_file is not None:
        out["queries"] = time_queries(store, Picks.load(picks_file), max_seconds=max_seconds)
        out["peak_rss_after_queries_mb"] = peak_rss_mb()
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.embedded")
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build")
    b.add_argument("corpus", type=Path)
    b.add_argument("store_dir", type=Path)
    o = sub.add_parser("open")
    o.add_argument("store_dir", type=Path)
    o.add_argument("--picks", type=Path)
    o.add_argument("--query-seconds", type=float)
    ns = ap.parse_args(argv)
    build = ns.cmd == "build"
    result = (
        _build(ns.corpus, ns.store_dir)
        if build
        else _open(ns.store_dir, ns.picks, ns.query_seconds)
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
