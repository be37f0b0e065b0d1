"""The benchmark row "read p99 while a load runs", end to end at a tiny size: the API
serves an embedded store on loopback, readers read, one upload loads, and the row
reports both windows. Speed is not asserted (figures are the runner's business)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.generate import GenParams, ensure_corpus
from benchmarks.readload import read_paths, reads_during_load
from benchmarks.report import markdown
from graph.ingest import load_paths
from graph.store.memory import MemoryStore
from tests.conftest import SEEDS


@pytest.mark.slow
def test_reads_during_a_load_are_measured(tmp_path: Path) -> None:
    store = MemoryStore(tmp_path / "store")
    load_paths(store, [SEEDS])
    store.close()
    upload, _ = ensure_corpus(tmp_path / "data", "arxiv", GenParams(2000, seed=7))
    paths = read_paths([["Mao", "Zhuo", "Zhang"], ["Ziming Liu", "Zhuo", "Mao"]])
    row = reads_during_load(tmp_path / "store", upload, paths, readers=2, idle_seconds=1.0)
    assert row["upload_status"] == 200 and row["upload_loaded"] == 2000
    assert row["errors"] == 0
    assert row["idle"]["reads"] > 0
    assert set(row["during_load"]) == {"reads", "p50_ms", "p95_ms", "p99_ms", "max_ms"}
    results = {"papers": 1, "authors": 1, "embedded": {"reads_during_load": row}}
    assert "embedded: read p99 during a" in markdown(results)
