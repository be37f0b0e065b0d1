"""One benchmark run, on one generated corpus, in this order:

1. generate (or reuse) the corpus;
2. start the benchmark's own Neo4j (benchmarks/server.py) and empty it;
3. naive loader on the first records (time-boxed), then empty again;
4. coauthor-kg's loader (graph.ingest into the Neo4j store), whole corpus;
5. the co-authorship projection: built from Neo4j (the step a completed load ends with,
   timed on its own so the loader's figures stay comparable), opened in a fresh process
   (time, peak resident memory), whole-graph communities, PageRank and betweenness;
6. query picks and their latency on Neo4j (paths and recommendations on the projection);
7. the API under load (``/shared-collaborators``, concurrency 8 and 32, by wrk);
8. the bulk path (graph.bulk.bulk_load) into the same database, replacing it; its node
   and relationship counts must equal the loader's;
9. stop Neo4j if this run started it, then the embedded store in child processes:
   build (and its projection), open, and the same query picks;
10. the API over that embedded store: read latency idle and while a large upload
    (an arXiv-shaped corpus of ``upload_papers``, at most the run's size) loads.
11. each database-export loader on a generated file (benchmarks/loaderbench.py), when
    ``loader_mb`` is set.

Every phase logs to stderr with its duration; results go to ``out/results.json`` and
``out/results.md``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from benchmarks.apiload import api_server, load_levels, request_paths
from benchmarks.child import run_child
from benchmarks.exports import DEFAULT_SAMPLES
from benchmarks.generate import DEFAULT_SEED, GenParams, ensure_corpus
from benchmarks.loaderbench import measure_loaders
from benchmarks.naive import naive_load
from benchmarks.picks import Picks, choose_picks, time_queries
from benchmarks.projection import open_in_child
from benchmarks.readload import read_paths, reads_during_load
from benchmarks.report import compare, loaders_markdown, write_results
from benchmarks.server import DEFAULT_BENCH_HOME, DEFAULT_BENCH_PORT, BenchNeo4j
from graph.bulk import NEO4J_SCRIPT, bulk_load
from graph.ingest import load_documents
from graph.projection import analytics, build_projection
from loaders.registry import discover

__all__ = ["LoaderRunConfig", "RunConfig", "run", "run_loaders"]

_CACHE = Path(os.environ.get("COAUTHOR_KG_CACHE", Path.home() / ".cache" / "coauthor-kg"))


@dataclass(slots=True)
class RunConfig:
    papers: int
    out: Path
    shape: str = "dblp"
    seed: int = DEFAULT_SEED
    data_dir: Path = _CACHE / "bench-data"
    neo4j_home: Path = DEFAULT_BENCH_HOME
    bolt_port: int = DEFAULT_BENCH_PORT
    heap: str = "4g"
    pagecache: str = "4g"
    naive_sample: int = 2000
    naive_seconds: float = 60.0
    picks: int = 1000
    query_seconds: float | None = None  # cap per question and store (None: all picks)
    api_requests: int = 5000
    api_seconds: float = 20.0
    api_levels: tuple[int, ...] = (8, 32)
    api_workers: int = 2  # uvicorn processes; one process is also measured, for the ratio
    upload_papers: int = 50_000  # reads during a load: the upload's size (0: not measured)
    bulk: bool = True
    neo4j: bool = True  # False: embedded phases only, Neo4j figures kept from out/
    api: bool = True
    embedded: bool = True
    keep_server: bool = False
    loader_mb: float | None = None  # size of each generated export (None: no loader phase)
    samples: Path = DEFAULT_SAMPLES  # the real exports the loader phase replicates
    baseline: Path | None = None
    command: list[str] = field(default_factory=lambda: list(sys.argv))


@dataclass(slots=True)
class LoaderRunConfig:
    """``python -m benchmarks loaders``: only the export loaders' phase."""

    mb: float
    out: Path
    formats: list[str] | None = None  # None: every generated format
    seed: int = DEFAULT_SEED
    data_dir: Path = _CACHE / "bench-data"
    samples: Path = DEFAULT_SAMPLES
    baseline: Path | None = None
    command: list[str] = field(default_factory=lambda: list(sys.argv))


def _log(msg: str) -> None:
    print(f"[bench {dt.datetime.now():%H:%M:%S}] {msg}", file=sys.stderr, flush=True)


def _timed(label: str, fn: Callable[[], Any]) -> tuple[Any, float]:
    _log(f"{label} ...")
    t = time.perf_counter()
    value = fn()
    secs = time.perf_counter() - t
    _log(f"{label}: {secs:.1f}s")
    return value, secs


def _host() -> dict[str, Any]:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": mem_gb,
        "os": platform.platform(),
        "python": platform.python_version(),
    }


def _started(command: list[str]) -> dict[str, Any]:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parent,
    ).stdout.strip()
    return {
        "loadavg_start": round(os.getloadavg()[0], 2),
        "commit": commit or "?",
        "command": " ".join(command),
        "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


def _machine(cfg: RunConfig) -> dict[str, Any]:
    pom = NEO4J_SCRIPT.parent / "neo4j-server" / "pom.xml"
    version = "?"
    if pom.exists():
        text = pom.read_text()
        if "<neo4j.version>" in text:
            version = text.split("<neo4j.version>", 1)[1].split("<", 1)[0]
    return {
        **_host(),
        "neo4j_version": version,
        "neo4j_heap": cfg.heap,
        "neo4j_pagecache": cfg.pagecache,
        **_started(cfg.command),
    }


def run(cfg: RunConfig) -> dict[str, Any]:
    """Run every phase; write and return the results."""
    t_run = time.perf_counter()
    machine = _machine(cfg)
    params = GenParams(cfg.papers, seed=cfg.seed)
    (corpus, stats), _ = _timed(
        f"corpus {cfg.shape} {cfg.papers:,} papers",
        lambda: ensure_corpus(cfg.data_dir, cfg.shape, params),
    )
    load: dict[str, Any] = {
        "corpus": {
            "shape": cfg.shape,
            "seed": cfg.seed,
            "file": str(corpus),
            "mb": round(corpus.stat().st_size / 2**20, 1),
            "authorships": stats.authorships,
            "mean_authors_per_paper": round(stats.mean_team, 2),
            "mean_papers_per_author": round(stats.mean_productivity, 2),
            "max_team": stats.max_team,
            "max_papers_per_author": max(stats.papers_per_author, default=0),
        }
    }
    results: dict[str, Any] = {
        "papers": cfg.papers,
        "authors": 0,
        "load": load,
        "queries": {},
        "api": {},
        "projection": {},
        "embedded": {},
        "machine": machine,
    }
    if cfg.neo4j:
        server = BenchNeo4j(cfg.neo4j_home, cfg.bolt_port, cfg.heap, cfg.pagecache)
        try:
            _neo4j_phases(cfg, server, corpus, results)
        finally:
            if not cfg.keep_server:
                server.stop_if_started()
    else:
        # re-measure the embedded store only: keep the Neo4j figures of the last run
        previous = json.loads((cfg.out / "results.json").read_text(encoding="utf-8"))
        previous.pop("baseline", None)
        kept = {k: v for k, v in previous["queries"].items() if not k.endswith("/embedded")}
        kept_keys = ("authors", "load", "api", "projection")
        results.update({k: previous.get(k, {}) for k in kept_keys}, queries=kept)
        if "loaders" in previous and cfg.loader_mb is None:
            results["loaders"] = previous["loaders"]
        machine["neo4j_phases_from"] = previous["machine"].get("started")
    if cfg.embedded:
        _embedded_phases(cfg, corpus, results)
    if cfg.loader_mb is not None:
        if cfg.samples.is_dir():
            results["loaders"] = _loader_phase(
                cfg.data_dir, cfg.loader_mb, None, cfg.seed, cfg.samples
            )
        else:
            _log(f"export loaders: skipped, no real samples at {cfg.samples}")
    machine["loadavg_end"] = round(os.getloadavg()[0], 2)
    machine["seconds"] = round(time.perf_counter() - t_run, 1)
    comparison = None
    if cfg.baseline is not None:
        comparison = compare(results, json.loads(cfg.baseline.read_text(encoding="utf-8")))
    table = write_results(cfg.out, results, comparison)
    print(table)
    return results


def _neo4j_phases(
    cfg: RunConfig, server: BenchNeo4j, corpus: Path, results: dict[str, Any]
) -> None:
    load = results["load"]
    _timed("neo4j start", server.ensure_running)
    _timed("neo4j empty", server.empty)
    store = server.store()
    try:
        store.ensure_schema()
        naive, _ = _timed(
            f"naive loader (first {cfg.naive_sample} records, at most {cfg.naive_seconds:.0f}s)",
            lambda: naive_load(
                store.driver,
                [corpus],
                sample=cfg.naive_sample,
                time_box_s=cfg.naive_seconds,
            ),
        )
        load["naive"] = {
            "papers": naive.papers,
            "authored": naive.authored,
            "seconds": round(naive.seconds, 2),
            "stopped_by": naive.stopped_by,
        }
        load["naive_papers_per_s"] = round(naive.papers_per_s, 1)
        load["naive_edges_per_s"] = round(naive.edges_per_s, 1)
    finally:
        store.close()
    _timed("neo4j empty", server.empty)

    store = server.store()
    try:
        summary, secs = _timed(
            "loader (graph.ingest -> Neo4j)",
            lambda: load_documents(store, discover([corpus])),
        )
        counts = store.counts()
        totals = summary.totals()
        papers = counts["nodes"]["Paper"]
        authored = counts["relationships"]["AUTHORED"]
        cites = counts["relationships"]["CITES"]
        results["authors"] = counts["nodes"]["Author"]
        load.update(
            {
                "seconds": round(secs, 2),
                "papers_per_s": round(papers / secs, 1),
                "edges_per_s": round(authored / secs, 1),
                "cites_per_s": round(cites / secs, 1),
                "speedup": round(papers / secs / naive.papers_per_s, 1)
                if naive.papers_per_s
                else None,
                "records": {k: totals[k] for k in ("read", "loaded", "merged", "skipped")},
                "counts": counts,
            }
        )
        _log(
            f"loader: {papers:,} papers, {authored:,} authorships, {cites:,} citations in "
            f"{secs:.1f}s = "
            f"{papers / secs:,.0f} papers/s (naive {naive.papers_per_s:,.1f}/s)"
        )
        results["projection"] = _projection_phase(store)
        picks, _ = _timed(
            f"choose {cfg.picks} query picks", lambda: choose_picks(store, cfg.picks, cfg.seed)
        )
        picks_file = cfg.out / "picks.json"
        cfg.out.mkdir(parents=True, exist_ok=True)
        picks.save(picks_file)
        neo_q, _ = _timed(
            "queries on Neo4j",
            lambda: time_queries(store, picks, log=_log, max_seconds=cfg.query_seconds),
        )
        for name, r in neo_q.items():
            results["queries"][f"{name}/neo4j"] = r
    finally:
        store.close()

    if cfg.api:
        env = _neo4j_env(server)
        paths = request_paths(picks.triples)

        def api_phase(workers: int) -> dict[str, Any]:
            with api_server(env, workers=workers) as base:
                return load_levels(
                    base,
                    paths,
                    cfg.api_levels,
                    max_requests=cfg.api_requests,
                    seconds=cfg.api_seconds,
                )

        api: dict[str, Any] = {}
        one_worker: dict[str, Any] = {}
        for workers in sorted({1, cfg.api_workers}):
            label = f"API load (/shared-collaborators, {workers} worker(s))"
            api, _ = _timed(label, partial(api_phase, workers))
            for level, a in api["levels"].items():
                _log(f"  concurrency {level}: {a['requests_per_s']} req/s, p99 {a['p99_ms']} ms")
            if workers == 1:
                one_worker = api["levels"]
        api.update(store="neo4j", workers=cfg.api_workers, one_worker_levels=one_worker)
        results["api"] = api

    if cfg.bulk:
        csv_dir = Path(tempfile.mkdtemp(prefix="bench-bulk-", dir=cfg.data_dir))
        try:
            bulk, secs = _timed(
                "bulk path (graph.bulk.bulk_load, overwrite)",
                lambda: bulk_load([corpus], out_dir=csv_dir, overwrite=True, server=server.local),
            )
        finally:
            shutil.rmtree(csv_dir, ignore_errors=True)
        store = server.store()
        try:
            after = store.counts()
        finally:
            store.close()
        load["bulk_papers_per_s"] = round(bulk.papers / secs, 1)
        load["bulk"] = {
            "seconds": {k: round(v, 2) for k, v in bulk.seconds.items()},
            "counts_match_loader": after == load["counts"],
        }
        _log(
            f"bulk: {bulk.papers / secs:,.0f} papers/s end to end; phases "
            + ", ".join(f"{k} {v:.1f}s" for k, v in bulk.seconds.items())
            + f"; counts equal the loader's: {after == load['counts']}"
        )


def _projection_phase(store: Any) -> dict[str, Any]:
    """Build the projection from the Neo4j store, time the whole-graph algorithms on it
    (their results are saved beside it, as a serving process would find them), and open
    it in a fresh process."""
    # a projection saved by an earlier run of the same corpus has the same stamp and
    # would be opened, not built: measure a build from nothing
    if store.derived_dir is not None:
        shutil.rmtree(store.derived_dir, ignore_errors=True)
    proj, build_s = _timed("projection: build from Neo4j", lambda: build_projection(store))
    out: dict[str, Any] = {
        "build_s": round(build_s, 2),
        "authors": proj.n,
        "coauthorships": proj.m,
    }
    for name, run in (
        ("communities", analytics.communities),
        ("pagerank", analytics.pagerank),
        ("betweenness", analytics.betweenness),
    ):
        _, secs = _timed(f"projection: {name} of the whole graph", partial(run, proj))
        out[f"{name}_s"] = round(secs, 4)  # a tiny graph takes well under 10 ms
    assert proj.where is not None
    out["disk_mb"] = round(sum(f.stat().st_size for f in proj.where.iterdir()) / 2**20, 1)
    opened, _ = _timed("projection: open in a child process", lambda: open_in_child(proj.where))
    out.update(opened)
    _log(
        f"projection: {proj.n:,} authors, {proj.m:,} co-authorships; build {build_s:.1f}s, "
        f"open {opened['open_s']}s, peak RSS {opened['rss_mb']} MB, communities "
        f"{out['communities_s']}s"
    )
    return out


def _neo4j_env(server: BenchNeo4j) -> dict[str, str]:
    s = server.settings()
    return {
        "NEO4J_URI": s.neo4j_uri or "",
        "NEO4J_USERNAME": s.neo4j_username,
        "NEO4J_PASSWORD": s.neo4j_password.get_secret_value() if s.neo4j_password else "",
        "NEO4J_DATABASE": s.neo4j_database,
    }


def _embedded_phases(cfg: RunConfig, corpus: Path, results: dict[str, Any]) -> None:
    store_dir = Path(tempfile.mkdtemp(prefix="bench-embedded-", dir=cfg.data_dir))
    try:
        built, _ = _timed(
            "embedded store: build (child process)",
            lambda: run_child("benchmarks.embedded", ["build", str(corpus), str(store_dir)]),
        )
        args = ["open", str(store_dir)]
        picks_file = cfg.out / "picks.json"
        if picks_file.exists():
            args += ["--picks", str(picks_file)]
        if cfg.query_seconds is not None:
            args += ["--query-seconds", str(cfg.query_seconds)]
        opened, _ = _timed(
            "embedded store: open + queries (child process)",
            lambda: run_child("benchmarks.embedded", args),
        )
        reads = None
        if cfg.upload_papers and picks_file.exists():
            params = GenParams(min(cfg.upload_papers, cfg.papers), seed=cfg.seed + 1)
            upload, _ = ensure_corpus(cfg.data_dir, "arxiv", params)
            paths = read_paths(Picks.load(picks_file).triples)
            reads, _ = _timed(
                f"embedded store: reads during a {params.papers:,}-paper upload (API)",
                lambda: reads_during_load(store_dir, upload, paths),
            )
    finally:
        shutil.rmtree(store_dir, ignore_errors=True)
    for name, r in opened.pop("queries", {}).items():
        results["queries"][f"{name}/embedded"] = r
        _log(
            f"  embedded {name:22s} p50 {r['p50_ms']:.2f} p95 {r['p95_ms']:.2f}"
            f" p99 {r['p99_ms']:.2f}"
        )
    results["embedded"] = {**built, **opened}
    if reads is not None:
        results["embedded"]["reads_during_load"] = reads
        _log(
            f"  reads during a {reads['upload_mb']} MB upload ({reads['upload_s']}s): p99 "
            f"{reads['during_load']['p99_ms']:.1f} ms, idle {reads['idle']['p99_ms']:.1f} ms"
        )
    _log(
        f"embedded: load {built['load_papers_per_s']:,.0f} papers/s, open {opened['open_s']}s, "
        f"peak RSS {opened['peak_rss_mb']:,.0f} MB, file {built['file_mb']} MB"
    )


def _loader_phase(
    data_dir: Path, mb: float, formats: list[str] | None, seed: int, samples: Path
) -> dict[str, Any]:
    loaders, _ = _timed(
        f"export loaders on generated files of {mb:g} MiB (child processes)",
        lambda: measure_loaders(
            data_dir, mb, formats=formats, seed=seed, samples=samples, log=_log
        ),
    )
    return dict(loaders)


def run_loaders(cfg: LoaderRunConfig) -> dict[str, Any]:
    """Only the export loaders' phase; results in ``cfg.out`` (a folder of its own:
    the corpus runs' results are left alone)."""
    t_run = time.perf_counter()
    machine = {**_host(), **_started(cfg.command)}
    results: dict[str, Any] = {
        "loaders": _loader_phase(cfg.data_dir, cfg.mb, cfg.formats, cfg.seed, cfg.samples),
        "seed": cfg.seed,
        "machine": machine,
    }
    machine["loadavg_end"] = round(os.getloadavg()[0], 2)
    machine["seconds"] = round(time.perf_counter() - t_run, 1)
    comparison = None
    if cfg.baseline is not None:
        comparison = compare(results, json.loads(cfg.baseline.read_text(encoding="utf-8")))
    table = write_results(cfg.out, results, comparison, render=loaders_markdown)
    print(table)
    return results
