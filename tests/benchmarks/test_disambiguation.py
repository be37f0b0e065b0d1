"""The disambiguation benchmark: B³ as defined, a deterministic labelled corpus, and
results.json in the shape the issue asks for (python -m benchmarks disambiguation)."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.__main__ import main as bench_main
from benchmarks.disambiguation import NameModel, b_cubed, generated_set


def test_b_cubed_by_hand() -> None:
    # truth: {1, 2, 3} {4}; predicted: {1, 2} {3, 4}
    scores = b_cubed(["a", "a", "b", "b"], [1, 1, 1, 2])
    precision = (1 + 1 + 0.5 + 0.5) / 4
    recall = (2 / 3 + 2 / 3 + 1 / 3 + 1) / 4
    assert scores["precision"] == round(precision, 4)
    assert scores["recall"] == round(recall, 4)
    assert scores["f1"] == round(2 * precision * recall / (precision + recall), 4)
    assert b_cubed(["x", "y"], ["x", "y"]) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}


def test_the_generated_set_is_deterministic_and_has_namesakes() -> None:
    one, two = generated_set(1500, seed=3), generated_set(1500, seed=3)
    assert [r.authors for r in one.records] == [r.authors for r in two.records]
    assert one.truth == two.truth
    assert [r.authors for r in generated_set(1500, seed=4).records] != [
        r.authors for r in one.records
    ]
    names = NameModel(3)
    assert {names.name(i) for i in range(20_000)} < {names.name(i) for i in range(40_000)}
    assert len({names.name(i) for i in range(20_000)}) < 20_000  # people share names
    assert one.notes["people"] < one.notes["mentions"]


def test_the_command_writes_results_per_set(tmp_path: Path) -> None:
    bench_main(["disambiguation", "--papers", "2000", "--out", str(tmp_path), "--no-real"])
    results = json.loads((tmp_path / "results.json").read_text())
    generated = results["sets"]["generated"]
    assert (
        set(generated["resolver"])
        == set(generated["baseline"])
        == {
            "precision",
            "recall",
            "f1",
        }
    )
    assert generated["records_per_s"] > 0
    assert generated["resolver"]["precision"] >= generated["baseline"]["precision"]
    assert results["s2and_published"]["b3_f1_range"] == [0.92, 0.98]
    assert (tmp_path / "results.md").read_text().startswith("| set |")
