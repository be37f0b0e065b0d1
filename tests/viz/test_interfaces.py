"""The two ways to get a view besides Python: `coauthor-kg viz ...` and GET /views/...."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from api.viz_cli import viz_app
from graph.ingest import load_paths
from graph.settings import Settings
from graph.store.base import GraphStore
from graph.store.memory import MemoryStore
from tests.bylines import load_bylines
from tests.conftest import SEEDS
from tests.viz.expect import ego_counts, overview_counts, shared_counts, topics_counts

DEMO = ["Mao", "Zhuo", "Zhang"]


def _counts(html: str) -> tuple[int, int]:
    """The counts line of the page header: "N nodes · M edges"."""
    import re

    m = re.search(r'<p id="counts">([\d,]+) nodes · ([\d,]+) edges</p>', html)
    assert m, "no counts line in the page"
    return int(m.group(1).replace(",", "")), int(m.group(2).replace(",", ""))


# -- CLI ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("store")
    store = MemoryStore(folder)
    load_paths(store, [SEEDS])
    store.close()
    return folder


@pytest.fixture
def run(data_dir: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    # the embedded store in data_dir, whatever the environment says about Neo4j
    monkeypatch.delenv("NEO4J_URI", raising=False)
    runner = CliRunner()

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        result = runner.invoke(viz_app, [*args, "--data-dir", str(data_dir)])
        return result

    return invoke


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["shared", *DEMO], lambda s: shared_counts(s, DEMO)),
        (["topics", *DEMO], lambda s: topics_counts(s, DEMO)),
        (["ego", "Zhuo"], lambda s: ego_counts(s, "Zhuo")),
        (["overview", "--limit", "0"], lambda s: overview_counts(s, None)),
    ],
)
def test_cli_writes_the_view(
    run, seeded_embedded: MemoryStore, tmp_path: Path, args, expected
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "sub" / "view.html"
    result = run(*args, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert str(out) in result.output
    assert _counts(out.read_text(encoding="utf-8")) == expected(seeded_embedded)


def test_cli_says_when_it_shows_a_subset(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("overview", "--limit", "25", "-o", str(tmp_path / "o.html"))
    assert result.exit_code == 0, result.output
    assert "Showing the top 25 of 170 authors" in result.output


def test_cli_errors_are_messages_with_exit_codes(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "x.html"
    result = run("ego", "Nobody Atall", "-o", str(out))
    assert result.exit_code == 2
    assert "no author matches 'Nobody Atall'" in result.output
    assert not out.exists()
    result = run("shared", "Zhuo", "-o", str(out))
    assert result.exit_code == 2 and "between 2 and 10 authors" in result.output
    result = run("ego", "Zhuo", "--depth", "3", "-o", str(out))
    assert result.exit_code == 2  # usage error from the option's range


# -- HTTP -----------------------------------------------------------------------------------


@pytest.fixture
def client(seeded: GraphStore) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(), store=seeded)) as c:
        yield c


def test_routes_serve_the_views_as_html(client: TestClient, seeded: GraphStore) -> None:
    q = "author=Mao&author=Zhuo&author=Zhang"
    for url, expected in [
        (f"/views/shared?{q}", shared_counts(seeded, DEMO)),
        (f"/views/topics?{q}", topics_counts(seeded, DEMO)),
        ("/views/ego/Zhuo", ego_counts(seeded, "Zhuo")),
        ("/views/overview?limit=5000", overview_counts(seeded, 5000)),
    ]:
        r = client.get(url)
        assert r.status_code == 200, (url, r.text[:300])
        assert r.headers["content-type"] == "text/html; charset=utf-8"
        assert _counts(r.text) == expected, url
    r = client.get("/views/ego/Zhuo?depth=2&max_nodes=20")
    assert r.status_code == 200 and _counts(r.text)[0] == 20


def test_route_errors_use_the_common_error_shape(client: TestClient) -> None:
    r = client.get("/views/ego/Nobody Atall")
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "not_found"
    r = client.get("/views/shared?author=Zhuo")
    assert r.status_code == 422 and "error" in r.json()
    r = client.get("/views/overview?limit=0")
    assert r.status_code == 422 and "error" in r.json()
    r = client.get("/views/topics?author=Zhuo&author=Danyang%20Zhuo")
    assert r.status_code == 422 and "same author" in r.json()["error"]["message"]


# -- countries and one institution --------------------------------------------------------


@pytest.fixture(scope="module")
def bylines_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bylines")
    store = MemoryStore(folder)
    load_bylines(store)
    store.close()
    return folder


def test_cli_writes_the_place_views(
    bylines_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEO4J_URI", raising=False)
    runner = CliRunner()
    for args, expected in [
        (["countries"], (6, 8)),
        (["countries", "--limit", "2"], (2, 1)),
        (["institution", "Univ Florida"], (9, 9)),  # centre, 2 members, 6 partners
        (["institution", "Univ Florida", "--members", "1", "--partners", "2"], (4, 3)),
    ]:
        out = tmp_path / f"{'-'.join(args)}.html"
        result = runner.invoke(viz_app, [*args, "-o", str(out), "--data-dir", str(bylines_dir)])
        assert result.exit_code == 0, result.output
        assert _counts(out.read_text(encoding="utf-8")) == expected, args
    result = runner.invoke(
        viz_app,
        [
            "institution",
            "Univ Nowhere",
            "-o",
            str(tmp_path / "x.html"),
            "--data-dir",
            str(bylines_dir),
        ],
    )
    assert result.exit_code == 2 and "no institution matches 'Univ Nowhere'" in result.output


@pytest.fixture
def places_client(empty_store: GraphStore) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(), store=load_bylines(empty_store))) as c:
        yield c


def test_routes_serve_the_place_views(places_client: TestClient) -> None:
    for url, expected in [
        ("/views/countries", (6, 8)),
        ("/views/countries?limit=2", (2, 1)),
        ("/views/institutions/Univ Florida", (9, 9)),
        ("/views/institutions/Univ Florida?members=1&partners=2", (4, 3)),
    ]:
        r = places_client.get(url)
        assert r.status_code == 200, (url, r.text[:300])
        assert r.headers["content-type"] == "text/html; charset=utf-8"
        assert _counts(r.text) == expected, url
    r = places_client.get("/views/institutions/Univ Nowhere")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    r = places_client.get("/views/institutions/Univ Florida?partners=0")
    assert r.status_code == 422 and "error" in r.json()
    r = places_client.get("/views/countries?limit=0")
    assert r.status_code == 422 and "error" in r.json()
