"""An upload is parsed and resolved without the write lock: reads keep answering
during any load, and see the graph before it or after it, never half of it. The
write lock is held only while the resolved batches are written."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

import loaders.registry
from graph.ingest import load_paths
from graph.resolve import Resolver
from graph.store.memory import MemoryStore
from tests.api.conftest import API_KEY, make_client
from tests.conftest import SEEDS

BIB = b"@article{new1, author={Newcomer Person and Ziming Mao}, title={A New Paper}, year=2024}\n"
TIMEOUT = 120.0  # generous: a loaded CI machine, not a speed check


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    store = MemoryStore(tmp_path / "store")
    load_paths(store, [SEEDS])
    with make_client(store) as c:
        yield c


def _upload_in_background(client: TestClient, body: bytes = BIB) -> tuple[threading.Thread, dict]:
    done: dict[str, Any] = {}

    def run() -> None:
        r = client.post(
            "/documents", files={"file": ("new.bib", body)}, headers={"X-API-Key": API_KEY}
        )
        done["status"], done["body"] = r.status_code, r.json()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, done


def _blocking(real: Callable[..., Any], reached: threading.Event, release: threading.Event):  # type: ignore[no-untyped-def]
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        reached.set()
        assert release.wait(TIMEOUT)
        return real(*args, **kwargs)

    return wrapper


@pytest.mark.parametrize("phase", ["parse", "resolve"])
def test_reads_answer_while_an_upload_is_parsed_and_resolved(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, phase: str
) -> None:
    reached, release = threading.Event(), threading.Event()
    if phase == "parse":
        real = loaders.registry._read_text
        monkeypatch.setattr(loaders.registry, "_read_text", _blocking(real, reached, release))
    else:
        monkeypatch.setattr(Resolver, "resolve", _blocking(Resolver.resolve, reached, release))
    thread, done = _upload_in_background(client)
    try:
        assert reached.wait(TIMEOUT), "the upload never got there"
        answers: dict[str, int] = {}

        def read() -> None:
            answers["authors"] = client.get("/authors", params={"q": "Mao"}).status_code
            answers["papers"] = client.get("/papers", params={"q": "New Paper"}).status_code

        reader = threading.Thread(target=read)
        reader.start()
        reader.join(10)
        assert answers == {"authors": 200, "papers": 200}, "a read waited for the upload"
    finally:
        release.set()
        thread.join(TIMEOUT)
    assert done["status"] == 200, done


def test_a_failing_upload_never_takes_the_write_lock(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    access = client.app.state.access  # type: ignore[attr-defined]
    taken: list[str] = []
    real = access.exclusive

    def spy() -> Any:
        taken.append("exclusive")
        return real()

    monkeypatch.setattr(access, "exclusive", spy)
    r = client.post(
        "/documents", files={"file": ("bad.json", b"[" * 100_000)}, headers={"X-API-Key": API_KEY}
    )
    assert r.status_code == 422 and taken == []


def test_reads_see_the_graph_before_or_after_a_load_never_half(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Writing the batches is the one step reads wait for: a read that arrives while the
    first batch is being written answers only once the whole document is in."""
    store = client.app.state.access.store  # type: ignore[attr-defined]
    reached, release = threading.Event(), threading.Event()
    monkeypatch.setattr(store, "write", _blocking(store.write, reached, release))
    body = b"".join(
        b"@article{g%d, author={Gen%d Writer and Ziming Mao}, title={Generated %d}, year=2024}\n"
        % (i, i, i)
        for i in range(30)
    )
    thread, done = _upload_in_background(client, body)
    try:
        assert reached.wait(TIMEOUT)
        seen: dict[str, int] = {}

        def read() -> None:
            r = client.get("/papers", params={"q": "Generated", "limit": 100})
            seen["count"] = r.json()["count"]

        reader = threading.Thread(target=read)
        reader.start()
        reader.join(0.5)
        assert reader.is_alive(), "a read saw the graph while a batch was being written"
    finally:
        release.set()
        thread.join(TIMEOUT)
    reader.join(TIMEOUT)
    assert done["status"] == 200, done
    assert seen["count"] == 30
