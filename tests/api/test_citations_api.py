"""/cited, /cocitation, /coupling and /citations answer with the objects the CLI prints
with --json, over the hand-written Kanban exports (tests/data/citations)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.cli import app
from graph.store.memory import MemoryStore
from tests.api.conftest import make_client
from tests.test_cli import runner

DATA = Path(__file__).resolve().parent.parent / "data" / "citations"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("citations-store")
    result = runner.invoke(app, ["load", str(DATA), "--data-dir", str(d)], env={"NEO4J_URI": ""})
    assert result.exit_code == 0, result.output
    return d


def _cli(data_dir: Path, *args: str) -> object:
    result = runner.invoke(
        app, ["query", *args, "--data-dir", str(data_dir), "--json"], env={"NEO4J_URI": ""}
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.parametrize(
    ("path", "params", "argv"),
    [
        ("/cited", {"top": 5}, ["cited", "--top", "5"]),
        ("/cited", {"by": "global"}, ["cited", "--by", "global"]),
        ("/cocitation", {"min": 1}, ["cocitation", "--min", "1"]),
        (
            "/cocitation",
            {"min": 1, "level": "author", "author": "Dennehy"},
            ["cocitation", "--min", "1", "--level", "author", "--author", "Dennehy"],
        ),
        ("/coupling", {"min": 1, "top": 3}, ["coupling", "--min", "1", "--top", "3"]),
        (
            "/coupling",
            {"min": 1, "level": "author"},
            ["coupling", "--min", "1", "--level", "author"],
        ),
        ("/citations", {"author": ["Lee", "Kim"]}, ["citations", "Lee", "Kim"]),
    ],
)
def test_routes_answer_what_the_cli_prints(
    data_dir: Path, path: str, params: dict[str, object], argv: list[str]
) -> None:
    with make_client(MemoryStore(data_dir)) as client:
        r = client.get(path, params=params)
    assert r.status_code == 200, r.text
    assert r.json() == _cli(data_dir, *argv)


def test_the_interface_shape(data_dir: Path) -> None:
    pairs = _cli(data_dir, "cocitation", "--min", "1")
    assert isinstance(pairs, dict)
    assert set(pairs) == {"level", "pairs", "resolved"}
    (pair,) = pairs["pairs"]
    assert set(pair) == {"a", "b", "count", "citing"}
    assert set(pair["a"]) == {"id", "label"}
    coupled = _cli(data_dir, "coupling", "--min", "1")
    assert isinstance(coupled, dict)
    assert set(coupled["pairs"][0]) == {"a", "b", "count", "shared"}
    stats = _cli_stats(data_dir)
    assert stats["nodes"]["Paper"] == 3 and stats["cited_only_papers"] == 1


def _cli_stats(data_dir: Path) -> dict[str, dict[str, int]]:
    result = runner.invoke(
        app, ["stats", "--data-dir", str(data_dir), "--json"], env={"NEO4J_URI": ""}
    )
    assert result.exit_code == 0, result.output
    data: dict[str, dict[str, int]] = json.loads(result.output)
    return data


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/cocitation", {"level": "venue"}, 422),
        ("/coupling", {"min": 0}, 422),
        ("/cited", {"by": "h"}, 422),
        ("/citations", {"author": ["Lee"]}, 422),
        ("/cocitation", {"author": "Nobody Atall"}, 404),
    ],
)
def test_bad_requests(data_dir: Path, path: str, params: dict[str, object], status: int) -> None:
    with make_client(MemoryStore(data_dir)) as client:
        r = client.get(path, params=params)
    assert r.status_code == status, r.text
    assert "error" in r.json()


def test_text_report(data_dir: Path) -> None:
    result = runner.invoke(
        app, ["query", "cited", "--data-dir", str(data_dir)], env={"NEO4J_URI": ""}
    )
    assert result.exit_code == 0
    assert "Kanban in software engineering" in result.output
    assert "(cited only)" in result.output


def test_seeds_have_no_citations(embedded_client: TestClient) -> None:
    assert embedded_client.get("/cocitation").json()["pairs"] == []
    assert embedded_client.get("/cited").json()["data"] == []
