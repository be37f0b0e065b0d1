"""The analytics routes over both stores: the CLI's `--json` objects, byte for byte;
windows and bad parameters answer in the one error shape."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph.store.base import GraphStore
from tests.api.conftest import run_cli


@pytest.fixture
def cli(seeded: GraphStore, cli_data_dir: Path) -> Any:
    return lambda *args: run_cli(seeded.kind, cli_data_dir, *args)


CASES = [
    (("query", "recommend", "Mao", "Zhuo", "Zhang", "--top", "5"), "/recommend", [
        ("author", "Mao"), ("author", "Zhuo"), ("author", "Zhang"), ("top", 5)]),
    (("query", "central", "--measure", "pagerank", "--since", "2024"), "/central", [
        ("measure", "pagerank"), ("since", 2024)]),
    (("query", "communities", "--top", "3"), "/communities", [("top", 3)]),
    (("query", "second-degree", "Mao"), "/second-degree", [("author", "Mao")]),
    (("query", "distances", "Zhuo", "--until", "2025"), "/distances", [
        ("author", "Zhuo"), ("until", 2025)]),
    (("query", "timeline", "Mao", "Zhuo"), "/timeline", [("author", "Mao"), ("author", "Zhuo")]),
    (("query", "path", "Mao", "Zhuo", "--k", "3"), "/paths", [
        ("from", "Mao"), ("to", "Zhuo"), ("k", 3)]),
    (("query", "path", "Zhuo", "Liu", "--strongest"), "/path", [
        ("from", "Zhuo"), ("to", "Liu"), ("strongest", "true")]),
    (("query", "shared", "Mao", "Zhuo", "--since", "2024"), "/shared-collaborators", [
        ("author", "Mao"), ("author", "Zhuo"), ("since", 2024)]),
]  # fmt: skip


@pytest.mark.parametrize(("argv", "url", "params"), CASES, ids=[" ".join(c[0]) for c in CASES])
def test_answers_are_the_cli_json(
    client: TestClient, cli: Any, argv: tuple[str, ...], url: str, params: list[Any]
) -> None:
    printed = cli(*argv)
    r = client.get(url, params=params)
    assert r.status_code == 200, r.text
    assert json.dumps(r.json(), indent=2, ensure_ascii=False) + "\n" == printed


def test_recommendations_carry_their_evidence(client: TestClient) -> None:
    body = client.get("/recommend", params={"author": "Mao", "top": 1}).json()
    (best,) = body["candidates"]
    assert set(best) == {
        "id", "name", "score", "adamic_adar", "topic_similarity",
        "common_coauthors", "shared_topics",
    }  # fmt: skip
    assert best["name"] == "Danyang Zhuo"
    assert [c["name"] for c in best["common_coauthors"]] == ["Shiyi Cao"]


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/central", {"since": 2025, "until": 2020}),
        ("/central", {"measure": "fame"}),
        ("/distances", {"author": "Zhuo", "since": 12}),
        ("/paths", {"from": "Mao", "to": "Zhuo", "k": 11}),
        ("/timeline", [("author", "Mao"), ("author", "Zhuo"), ("author", "Zhang")]),
    ],
)
def test_bad_parameters_are_422(client: TestClient, url: str, params: Any) -> None:
    r = client.get(url, params=params)
    assert r.status_code == 422, r.text
    assert set(r.json()["error"]) == {"code", "message", "details"}


@pytest.mark.parametrize(
    "url",
    ["/views/recommend?author=Mao&author=Zhuo", "/views/timeline?author=Mao&since=2024"],
)
def test_analytics_views_are_pages(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/html")
    assert "Ziming Mao" in r.text
