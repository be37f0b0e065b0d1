"""The `coauthor-kg` command as a user runs it: exit codes and output, shown on failure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app
from tests.conftest import SEEDS

runner = CliRunner()


def _run(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    result = runner.invoke(app, list(args), env={"NEO4J_URI": "", **(env or {})})
    print(result.output)  # pytest shows it when an assertion fails
    return result


@pytest.fixture
def data_dir(tmp_path: Path) -> str:
    d = str(tmp_path / "store")
    assert _run("load", str(SEEDS), "--data-dir", d).exit_code == 0
    return d


def test_demo_reports_on_the_three_owners(tmp_path: Path) -> None:
    result = _run("demo", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0
    out = result.output
    assert "'Zhang' -> Zili Zhang" in out
    assert "'Zhuo' -> Danyang Zhuo" in out
    assert "Ziming Mao & Danyang Zhuo: Shiyi Cao (3)" in out
    assert "Ziming Mao -> Danyang Zhuo: 2 hop(s)" in out
    assert (tmp_path / "out" / "shared.html").is_file()
    assert (tmp_path / "out" / "topics.html").is_file()


def test_load_summary_json_and_rerun(tmp_path: Path) -> None:
    d = str(tmp_path / "store")
    first = _run("load", str(SEEDS), "--data-dir", d, "--json")
    assert first.exit_code == 0
    summary = json.loads(first.output)
    assert (summary["read"], summary["loaded"], summary["merged"], summary["skipped"]) == (
        125,
        124,
        1,
        0,
    )
    again = json.loads(_run("load", str(SEEDS), "--data-dir", d, "--json").output)
    assert {doc["status"] for doc in again["documents"]} == {"unchanged"}


def test_bad_file_is_one_line_naming_it(tmp_path: Path) -> None:
    bad = tmp_path / "empty.bib"
    bad.write_text("")
    result = _run("load", str(bad), "--data-dir", str(tmp_path / "s"))
    assert result.exit_code == 2
    assert f"{bad}:1: the file is empty" in result.output
    assert "Traceback" not in result.output


def test_query_json_shape(data_dir: str) -> None:
    result = _run("query", "shared", "Mao", "Zhuo", "Zhang", "--json", "--data-dir", data_dir)
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert set(data) == {"resolved", "shared_by_all", "pairwise"}
    assert [r["name"] for r in data["resolved"]] == ["Ziming Mao", "Danyang Zhuo", "Zili Zhang"]


def test_ambiguous_name_lists_candidates(data_dir: str) -> None:
    result = _run("query", "path", "Wang", "Mao", "--data-dir", data_dir)
    assert result.exit_code == 2
    assert "matches" in result.output and "candidates:" in result.output


def test_stats_export_and_reset(data_dir: str, tmp_path: Path) -> None:
    stats = json.loads(_run("stats", "--json", "--data-dir", data_dir).output)
    assert stats["nodes"]["Paper"] == 124
    out = tmp_path / "net.gexf"
    assert _run("export", "gexf", "-o", str(out), "--data-dir", data_dir).exit_code == 0
    assert out.stat().st_size > 0
    assert _run("reset", "--yes", "--data-dir", data_dir).exit_code == 0
    stats = json.loads(_run("stats", "--json", "--data-dir", data_dir).output)
    assert stats["nodes"]["Paper"] == 0


def test_export_of_the_institution_and_country_networks(tmp_path: Path) -> None:
    from graph.store.memory import MemoryStore
    from tests.bylines import load_bylines

    folder = tmp_path / "bylines"
    store = MemoryStore(folder)
    load_bylines(store)
    store.close()
    d = str(folder)
    result = _run(
        "export", "vosviewer", "--network", "country", "-o", str(tmp_path / "c"), "--data-dir", d
    )
    assert result.exit_code == 0
    assert (tmp_path / "c_map.txt").read_text(encoding="utf-8").count("\n") == 1 + 6
    result = _run(
        "export", "csv", "--network", "institution", "-o", str(tmp_path / "i"), "--data-dir", d
    )
    assert result.exit_code == 0
    assert (tmp_path / "i_nodes.csv").read_text(encoding="utf-8").count("\n") == 1 + 7
    result = _run(
        "export",
        "gexf",
        "--network",
        "country",
        "--author",
        "Bruna",
        "-o",
        str(tmp_path / "x.gexf"),
        "--data-dir",
        d,
    )
    assert result.exit_code == 2 and "co-author network only" in result.output
    result = _run(
        "export", "gexf", "--network", "venue", "-o", str(tmp_path / "x.gexf"), "--data-dir", d
    )
    assert result.exit_code == 2  # not one of the choices
