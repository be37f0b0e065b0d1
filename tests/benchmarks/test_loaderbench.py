"""``python -m benchmarks loaders`` end to end at a tiny size: both child processes run,
results.json has the format's figures under ``loaders.<format>``, the markdown has its
row and the comparison with a baseline. Speed is not asserted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.__main__ import main
from benchmarks.report import compare, loaders_table, markdown

pytestmark = pytest.mark.realdata

FIGURES = {
    "records",
    "bytes",
    "mb",
    "sample_records",
    "author_pool",
    "parse_records_per_s",
    "parse_peak_rss_mb",
    "load_records_per_s",
    "load_peak_rss_mb",
    "parse",
    "load",
}


def test_loaders_command_measures_and_reports(tmp_path: Path) -> None:
    out = tmp_path / "out"
    baseline = tmp_path / "before.json"
    baseline.write_text(json.dumps({"loaders": {"wos": {"load_records_per_s": 1.0}}}))
    args = ["loaders", "--mb", "0.02", "--format", "wos", "--out", str(out)]
    main([*args, "--data-dir", str(tmp_path / "data"), "--baseline", str(baseline)])
    saved = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert set(saved) == {"loaders", "seed", "machine", "baseline"}
    f = saved["loaders"]["wos"]
    assert list(saved["loaders"]) == ["wos"] and set(f) == FIGURES
    assert f["parse"]["read"] == f["load"]["read"] == f["records"] > 0
    assert f["load"]["read"] == f["load"]["loaded"] + f["load"]["merged"] + f["load"]["skipped"]
    assert f["load"]["papers"] > 0 and f["load"]["authors"] > 0
    assert f["parse_records_per_s"] > 0 and f["load_records_per_s"] > 0
    assert f["load_peak_rss_mb"] >= f["load"]["rss_before_mb"] > 0
    assert set(saved["baseline"]) == {"loaders.wos.load_records_per_s"}
    table = (out / "results.md").read_text(encoding="utf-8")
    assert "| wos |" in table and "| loaders.wos.load_records_per_s |" in table


def test_a_corpus_run_shows_its_loaders_and_compares_them() -> None:
    figures = {
        "mb": 50.0,
        "records": 1000,
        "parse_records_per_s": 900.0,
        "parse_peak_rss_mb": 30.0,
        "load_records_per_s": 300.0,
        "load_peak_rss_mb": 400.0,
    }
    now = {"papers": 10, "authors": 5, "loaders": {"medline": figures}}
    before = {"loaders": {"medline": {**figures, "load_records_per_s": 150.0}}}
    assert compare(now, before)["loaders.medline.load_records_per_s"]["ratio"] == 2.0
    row = "| medline | 50.00 | 1,000 | 900 | 30.00 | 300 | 400 |"
    assert row in loaders_table(now["loaders"]) and row in markdown(now)
    assert "export loader" not in markdown({"papers": 10, "authors": 5})
