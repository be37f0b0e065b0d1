"""POST /documents: refused without the right API key (and disabled without one set),
and with it the upload is loaded like `coauthor-kg load` and changes the answers."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_args

import pytest
from fastapi.testclient import TestClient

from api.routes.documents import MAX_UPLOAD_BYTES, FormatName
from graph.ingest import load_paths
from graph.store.base import GraphStore
from graph.store.memory import MemoryStore
from loaders.registry import format_names
from tests.api.conftest import API_KEY, make_client
from tests.conftest import ROOT, SEEDS, STORE_KINDS, neo4j_fixture

DATA = ROOT / "tests" / "data" / "cross_source"
MAO_ZHUO = [("author", "Mao"), ("author", "Zhuo")]


@pytest.fixture(params=STORE_KINDS)
def writable(request: pytest.FixtureRequest, tmp_path: Path) -> GraphStore:
    """The seeds in a store this test may change. Neo4j's is the shared one: the
    ``seeded_neo4j`` fixture reloads the seeds when it finds the counts changed."""
    if request.param == "embedded":
        store = MemoryStore(tmp_path / "store")
        load_paths(store, [SEEDS])
        return store
    return neo4j_fixture(request, "seeded_neo4j")


@pytest.fixture
def upload_client(writable: GraphStore) -> Iterator[TestClient]:
    with make_client(writable) as c:
        yield c


def _upload(client: TestClient, path: Path, key: str | None = API_KEY, **form: str) -> Any:
    headers = {"X-API-Key": key} if key is not None else {}
    with path.open("rb") as fh:
        return client.post(
            "/documents", files={"file": (path.name, fh)}, data=form, headers=headers
        )


@pytest.mark.parametrize("key", [None, "", "wrong-key", API_KEY + "x", API_KEY[:-1]])
def test_missing_or_wrong_key_is_refused(
    upload_client: TestClient, writable: GraphStore, key: str | None
) -> None:
    before = writable.counts()
    r = _upload(upload_client, DATA / "punica.bib", key=key)
    assert r.status_code == 403, r.text
    assert r.json()["error"]["code"] == "write_forbidden"
    assert writable.counts() == before


def test_uploads_are_disabled_without_a_configured_key(seeded_embedded: GraphStore) -> None:
    before = seeded_embedded.counts()
    with make_client(seeded_embedded, COAUTHOR_KG_API_KEY="") as c:
        r = _upload(c, DATA / "punica.bib", key="")
        assert r.status_code == 403
        assert "COAUTHOR_KG_API_KEY" in r.json()["error"]["message"]
        r = _upload(c, DATA / "punica.bib", key="anything")
        assert r.status_code == 403
    assert seeded_embedded.counts() == before


def test_upload_with_the_key_loads_and_merges(
    upload_client: TestClient, writable: GraphStore
) -> None:
    before = upload_client.get("/papers", params={"q": "punica"}).json()["data"][0]
    assert before["authors_truncated"] is True
    assert len(before["authors"]) == 4  # three listed names + the profile owner

    r = _upload(upload_client, DATA / "punica.bib")
    assert r.status_code == 200, r.text
    summary = r.json()
    assert summary["read"] == 1 and summary["merged"] == 1 and summary["loaded"] == 0
    (doc,) = summary["documents"]
    assert (doc["path"], doc["format"], doc["status"]) == ("punica.bib", "bibtex", "loaded")

    after = upload_client.get("/papers", params={"q": "punica"}).json()
    assert after["count"] == 1  # merged into the seed paper, not a second one
    paper = after["data"][0]
    assert paper["authors_truncated"] is False
    assert [a["name"] for a in paper["authors"] if a["position"]] == [
        "Lequn Chen",
        "Zihao Ye",
        "Yongji Wu",
        "Danyang Zhuo",
        "Luis Ceze",
        "Arvind Krishnamurthy",
    ]
    assert "punica.bib" in {Path(s).name for s in paper["sources"]}

    again = _upload(upload_client, DATA / "punica.bib").json()
    assert again["documents"][0]["status"] == "unchanged"


def test_an_uploaded_dblp_record_adds_a_shared_collaborator(
    upload_client: TestClient,
) -> None:
    def shared() -> set[str]:
        body = upload_client.get("/shared-collaborators", params=MAO_ZHUO).json()
        return {c["name"] for c in body["shared_by_all"]}

    assert shared() == {"Shiyi Cao"}
    r = _upload(upload_client, DATA / "fairness.xml", format="dblp")
    assert r.status_code == 200, r.text
    assert r.json()["documents"][0]["format"] == "dblp"
    assert shared() == {"Shiyi Cao", "Joseph E. Gonzalez"}


@pytest.mark.parametrize(
    ("content", "form", "code"),
    [
        (b"", {}, "parse_error"),
        (b"\x00\x01\x02binary", {}, "unknown_format"),
        (b"just some words\nthat are no format\n", {}, "unknown_format"),
        (b"@article{x, title={T}, author={A B}}", {"format": "no-such-format"}, "invalid_request"),
        (b"@article{x, title={T}, author={A B}}", {"captured": "yesterday"}, "invalid_request"),
        (b'{"not": "dblp"}', {"format": "dblp"}, "parse_error"),
    ],
)
def test_unreadable_uploads_are_422_and_name_the_upload(
    seeded_embedded: GraphStore, tmp_path: Path, content: bytes, form: dict[str, str], code: str
) -> None:
    store = MemoryStore(tmp_path / "store")
    path = tmp_path / "mine.txt"
    path.write_bytes(content)
    with make_client(store) as c:
        r = _upload(c, path, **form)
    assert r.status_code == 422, r.text
    err = r.json()["error"]
    assert err["code"] == code
    assert "coauthor-kg-upload-" not in r.text  # the temporary folder stays private
    if code != "invalid_request":
        assert "mine.txt" in err["message"]
    assert store.counts()["nodes"]["Paper"] == 0


def test_missing_file_is_422(upload_client: TestClient) -> None:
    r = upload_client.post("/documents", data={"format": "bibtex"}, headers={"X-API-Key": API_KEY})
    assert r.status_code == 422
    assert r.json()["error"]["details"]["errors"][0]["loc"] == ["body", "file"]


def test_the_format_field_lists_every_loader() -> None:
    assert set(get_args(FormatName)) == set(format_names())


def _big_bibtex(path: Path, n: int) -> Path:
    """``n`` papers, each by two new authors: a load that keeps adding index keys."""
    path.write_text(
        "".join(
            f"@article{{k{i},\n  title = {{Generated Paper Number {i}}},\n"
            f"  author = {{Alpha{i} Writer and Beta{i} Writer}},\n  year = {{2020}}\n}}\n"
            for i in range(n)
        )
    )
    return path


def test_reads_during_a_load_never_fail(tmp_path: Path) -> None:
    """Concurrent reads while a load adds 6,000 authors to the embedded store all
    answer. (A smoke test: the race the lock prevents, a search iterating the author
    index while a load adds names, is rare per request; test_app.py shows the lock.)"""
    store = MemoryStore(tmp_path / "store")
    load_paths(store, [SEEDS])
    big = _big_bibtex(tmp_path / "big.bib", 3000)
    statuses: list[int] = []
    stop = threading.Event()
    with make_client(store) as c:

        def reader() -> None:
            while not stop.is_set():
                statuses.append(c.get("/authors", params={"q": "writer"}).status_code)
                statuses.append(c.get("/shared-collaborators", params=MAO_ZHUO).status_code)

        threads = [threading.Thread(target=reader) for _ in range(4)]
        for t in threads:
            t.start()
        try:
            r = _upload(c, big)
            assert r.status_code == 200, r.text
            assert r.json()["loaded"] == 3000
        finally:
            stop.set()
            for t in threads:
                t.join()
    assert len(statuses) >= 2
    assert set(statuses) == {200}


def test_oversized_bodies_are_413_in_the_error_shape(embedded_client: TestClient) -> None:
    big = b"x" * (MAX_UPLOAD_BYTES + 1)
    r = embedded_client.post(
        "/documents", files={"file": ("big.bib", big)}, headers={"X-API-Key": API_KEY}
    )
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "too_large"

    def chunks() -> Iterator[bytes]:  # no Content-Length: cut off while reading
        yield b'{"query": "'
        for _ in range(3):
            yield b"a" * (1 << 20)

    r = embedded_client.post(
        "/cypher", content=chunks(), headers={"content-type": "application/json"}
    )
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "too_large"
