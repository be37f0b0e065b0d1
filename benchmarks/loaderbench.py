"""Each database-export loader on a generated file (benchmarks/exports/), measured in
fresh child processes so that peak RSS is the loader's own:

- ``parse``: the file through the format registry as a load reads it (sniffed, then
  streamed record by record, or parsed whole for the formats read whole): records/s
  and peak RSS;
- ``load``: the same file into a persisted embedded store with graph.ingest, parse,
  identity resolution and the save included: records/s and peak RSS.

*Records* are what the loader reads (papers, people and unreadable records alike, the
``read`` of a load summary); the generator writes exactly that many, which the parse
child checks. Run as ``python -m benchmarks.loaderbench parse|load ...``;
:func:`measure_loaders` does that for each format.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from benchmarks.child import peak_rss_mb, run_child
from benchmarks.exports import DEFAULT_SAMPLES, GENERATORS, ensure_export

__all__ = ["measure_loaders"]

Log = Callable[[str], None]


def _parse(path: Path, fmt: str) -> dict[str, Any]:
    from loaders.records import RecordError
    from loaders.registry import discover, get_format, iter_document, parse_document

    before = peak_rss_mb()
    t = time.perf_counter()
    (spec,) = discover([path])
    if spec.format != fmt:
        raise SystemExit(f"{path} was sniffed as {spec.format!r}, not {fmt!r}")
    if get_format(fmt).streaming:
        stream = iter_document(spec)
        errors = sum(1 for rec in stream if isinstance(rec, RecordError))
        read = stream.read
    else:
        doc = parse_document(spec)
        errors, read = len(doc.errors), doc.read
    secs = time.perf_counter() - t
    return {
        "read": read,
        "errors": errors,
        "seconds": round(secs, 2),
        "records_per_s": round(read / secs, 1) if secs else 0.0,
        "peak_rss_mb": peak_rss_mb(),
        "rss_before_mb": before,
    }


def _load(path: Path, store_dir: Path) -> dict[str, Any]:
    from graph.ingest import load_paths
    from graph.store.memory import MemoryStore

    before = peak_rss_mb()
    t = time.perf_counter()
    store = MemoryStore(store_dir)
    summary = load_paths(store, [path])  # saves the store at the end, as a load does
    secs = time.perf_counter() - t
    peak = peak_rss_mb()
    nodes = store.counts()["nodes"]
    store.close()
    totals = summary.totals()
    return {
        **{k: totals[k] for k in ("read", "loaded", "merged", "skipped")},
        "papers": nodes.get("Paper", 0),
        "authors": nodes.get("Author", 0),
        "seconds": round(secs, 2),
        "records_per_s": round(totals["read"] / secs, 1) if secs else 0.0,
        "peak_rss_mb": peak,
        "rss_before_mb": before,
    }


def measure_loaders(
    data_dir: Path,
    mb: float,
    *,
    formats: Iterable[str] | None = None,
    seed: int = 1,
    samples: Path = DEFAULT_SAMPLES,
    log: Log = print,
) -> dict[str, Any]:
    """``{format: figures}`` for each format (default: every generator's), each on a
    generated file of about ``mb`` MiB."""
    out: dict[str, Any] = {}
    for fmt in formats or GENERATORS:
        t = time.perf_counter()
        made = ensure_export(data_dir, fmt, mb, seed=seed, samples=samples)
        log(
            f"{fmt}: {made.path.name}, {made.bytes / 2**20:.1f} MiB, {made.records:,} records "
            f"({time.perf_counter() - t:.1f}s to generate or find)"
        )
        parsed = run_child("benchmarks.loaderbench", ["parse", str(made.path), fmt])
        if parsed["read"] != made.records:
            raise RuntimeError(
                f"{fmt}: the loader read {parsed['read']:,} records of the "
                f"{made.records:,} written to {made.path}"
            )
        store_dir = Path(tempfile.mkdtemp(prefix="bench-loader-", dir=data_dir))
        try:
            loaded = run_child("benchmarks.loaderbench", ["load", str(made.path), str(store_dir)])
        finally:
            shutil.rmtree(store_dir, ignore_errors=True)
        out[fmt] = {
            "records": made.records,
            "bytes": made.bytes,
            "mb": round(made.bytes / 2**20, 1),
            "sample_records": made.templates,
            "author_pool": made.authors,
            "parse_records_per_s": parsed["records_per_s"],
            "parse_peak_rss_mb": parsed["peak_rss_mb"],
            "load_records_per_s": loaded["records_per_s"],
            "load_peak_rss_mb": loaded["peak_rss_mb"],
            "parse": parsed,
            "load": loaded,
        }
        log(
            f"{fmt}: parse {parsed['records_per_s']:,.0f} records/s, peak RSS "
            f"{parsed['peak_rss_mb']:,.0f} MB; load {loaded['records_per_s']:,.0f} records/s, "
            f"peak RSS {loaded['peak_rss_mb']:,.0f} MB ({loaded['papers']:,} papers, "
            f"{loaded['authors']:,} authors)"
        )
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.loaderbench")
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("parse")
    p.add_argument("file", type=Path)
    p.add_argument("format")
    ld = sub.add_parser("load")
    ld.add_argument("file", type=Path)
    ld.add_argument("store_dir", type=Path)
    ns = ap.parse_args(argv)
    result = _parse(ns.file, ns.format) if ns.cmd == "parse" else _load(ns.file, ns.store_dir)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
