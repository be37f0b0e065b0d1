"""The runner end to end at a tiny size: every phase runs and results.json has the
issue's keys with real (non-zero) figures. Speed is not asserted: figures are measured
by the runner, never by timed tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.report import compare, markdown
from benchmarks.runner import RunConfig, run
from benchmarks.server import BenchNeo4j

QUERIES = {"shared_collaborators", "topic_overlap", "collaboration_path", "resolve_name"}


@pytest.mark.neo4j
@pytest.mark.slow
def test_tiny_run_measures_everything(bench_neo4j: BenchNeo4j, tmp_path: Path) -> None:
    cfg = RunConfig(
        papers=400,
        out=tmp_path / "out",
        data_dir=tmp_path / "data",
        neo4j_home=bench_neo4j.home,
        bolt_port=bench_neo4j.port,
        heap=bench_neo4j.heap,
        pagecache=bench_neo4j.pagecache,
        naive_sample=40,
        naive_seconds=30,
        picks=15,
        api_requests=60,
        api_seconds=3,
        command=["pytest"],
    )
    results = run(cfg)
    saved = json.loads((cfg.out / "results.json").read_text(encoding="utf-8"))
    assert saved == results
    assert set(saved) == {"papers", "authors", "load", "queries", "api", "embedded", "machine"}
    assert saved["papers"] == 400 and saved["authors"] > 100

    load = saved["load"]
    rates = ("papers_per_s", "edges_per_s", "naive_papers_per_s", "speedup", "bulk_papers_per_s")
    for key in rates:
        assert load[key] > 0, key
    assert load["naive"]["papers"] == 40 and load["naive"]["stopped_by"] == "sample"
    assert load["counts"]["nodes"]["Paper"] == 400
    assert load["bulk"]["counts_match_loader"] is True

    assert set(saved["queries"]) == {f"{q}/{s}" for q in QUERIES for s in ("neo4j", "embedded")}
    for name, q in saved["queries"].items():
        assert q["store"] == name.split("/")[1]
        assert q["n"] == 15 and q["errors"] == 0
        assert 0 < q["p50_ms"] <= q["p95_ms"] <= q["p99_ms"]

    api = saved["api"]
    assert api["endpoint"] == "/shared-collaborators" and api["store"] == "neo4j"
    for level in ("8", "32"):
        assert api["levels"][level]["requests"] > 0
        assert api["levels"][level]["errors"] == 0
        assert api["levels"][level]["requests_per_s"] > 0

    emb = saved["embedded"]
    assert emb["open_s"] >= 0 and emb["peak_rss_mb"] > 0 and emb["load_papers_per_s"] > 0
    reads = emb["reads_during_load"]  # a 400-paper upload (the run's size)
    assert reads["upload_status"] == 200 and reads["upload_loaded"] == 400
    assert reads["idle"]["reads"] > 0 and reads["errors"] == 0

    table = (cfg.out / "results.md").read_text(encoding="utf-8")
    assert table == markdown(saved)
    assert "| loader → Neo4j, papers/s |" in table

    same = compare(saved, saved)
    assert same["load.papers_per_s"]["ratio"] == 1.0
    assert all(c["ratio"] == 1.0 for c in same.values())
